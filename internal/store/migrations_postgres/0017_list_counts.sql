-- +goose Up
-- The PostgreSQL form of migrations/0017_list_counts.sql (same version, same logical schema).
-- The vendor and organization lists cost one page, not the whole register
-- (issue 15): they page by cursor on the name indexes (vendors_name_key
-- holds (name_key, id), organizations_name_key (name_key, code) and per
-- kind and province), and their totals come from counters kept by
-- triggers in the same transaction as every insert and delete, never from
-- count(*) per view.

-- list_counts: the number of rows of a list (list) per filter value
-- (dim, '' for the whole list): organizations by 'kind:<kind>' and
-- 'province:<code>'.
CREATE TABLE list_counts (
    list TEXT COLLATE "C"    NOT NULL,
    dim  TEXT COLLATE "C"    NOT NULL,
    n    BIGINT NOT NULL,
    PRIMARY KEY (list, dim)
);

INSERT INTO list_counts (list, dim, n) SELECT 'vendors', '', count(*) FROM vendors;
INSERT INTO list_counts (list, dim, n) SELECT 'organizations', '', count(*) FROM organizations;
INSERT INTO list_counts (list, dim, n) SELECT 'organizations', 'kind:' || kind, count(*) FROM organizations GROUP BY kind;
INSERT INTO list_counts (list, dim, n) SELECT 'organizations', 'province:' || province, count(*) FROM organizations GROUP BY province;

-- The triggers of SQLite's form, as PL/pgSQL functions with the same
-- effect.
-- +goose StatementBegin
CREATE FUNCTION list_counts_add(l TEXT, d TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO list_counts AS c VALUES (l, d, 1) ON CONFLICT (list, dim) DO UPDATE SET n = c.n + 1;
END;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION list_counts_vendor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM list_counts_add('vendors', '');
    ELSE
        UPDATE list_counts SET n = n - 1 WHERE list = 'vendors' AND dim = '';
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER list_counts_vendor_insert AFTER INSERT ON vendors FOR EACH ROW EXECUTE FUNCTION list_counts_vendor();
CREATE TRIGGER list_counts_vendor_delete AFTER DELETE ON vendors FOR EACH ROW EXECUTE FUNCTION list_counts_vendor();

-- +goose StatementBegin
CREATE FUNCTION list_counts_organization() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE list_counts SET n = n - 1 WHERE list = 'organizations' AND dim IN ('', 'kind:' || old.kind, 'province:' || old.province);
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE list_counts SET n = n - 1 WHERE list = 'organizations' AND dim IN ('kind:' || old.kind, 'province:' || old.province);
    ELSE
        PERFORM list_counts_add('organizations', '');
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM list_counts_add('organizations', 'kind:' || new.kind);
        PERFORM list_counts_add('organizations', 'province:' || new.province);
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER list_counts_organization_insert AFTER INSERT ON organizations FOR EACH ROW EXECUTE FUNCTION list_counts_organization();
CREATE TRIGGER list_counts_organization_delete AFTER DELETE ON organizations FOR EACH ROW EXECUTE FUNCTION list_counts_organization();
CREATE TRIGGER list_counts_organization_update AFTER UPDATE OF kind, province ON organizations
FOR EACH ROW WHEN (old.kind <> new.kind OR old.province <> new.province) EXECUTE FUNCTION list_counts_organization();

-- The demand list pages by cursor on (desired_start, id): across every
-- organization on demand_seek_start, within one on demand_organization.
-- Its total sums demand_counts: the demand per organization, category and
-- status; organization_id 0 holds the same counts over every
-- organization.
CREATE INDEX demand_seek_start ON demand (desired_start, id);

CREATE TABLE demand_counts (
    organization_id BIGINT NOT NULL,
    category_id     BIGINT NOT NULL,
    status          TEXT COLLATE "C"    NOT NULL,
    n               BIGINT NOT NULL,
    PRIMARY KEY (organization_id, category_id, status)
);

INSERT INTO demand_counts (organization_id, category_id, status, n)
SELECT organization_id, category_id, status, count(*) FROM demand GROUP BY 1, 2, 3;
INSERT INTO demand_counts (organization_id, category_id, status, n)
SELECT 0, category_id, status, count(*) FROM demand GROUP BY 2, 3;

-- +goose StatementBegin
CREATE FUNCTION demand_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE demand_counts SET n = n - 1 WHERE organization_id IN (0, old.organization_id)
            AND category_id = old.category_id AND status = old.status;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO demand_counts AS c VALUES (new.organization_id, new.category_id, new.status, 1), (0, new.category_id, new.status, 1)
            ON CONFLICT (organization_id, category_id, status) DO UPDATE SET n = c.n + 1;
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER demand_counts_insert AFTER INSERT ON demand FOR EACH ROW EXECUTE FUNCTION demand_counts();
CREATE TRIGGER demand_counts_delete AFTER DELETE ON demand FOR EACH ROW EXECUTE FUNCTION demand_counts();
CREATE TRIGGER demand_counts_update AFTER UPDATE OF organization_id, category_id, status ON demand
FOR EACH ROW WHEN (old.organization_id <> new.organization_id OR old.category_id <> new.category_id OR old.status <> new.status)
EXECUTE FUNCTION demand_counts();
