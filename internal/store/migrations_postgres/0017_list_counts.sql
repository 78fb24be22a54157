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
