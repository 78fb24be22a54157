-- +goose Up
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
    list TEXT    NOT NULL,
    dim  TEXT    NOT NULL,
    n    INTEGER NOT NULL,
    PRIMARY KEY (list, dim)
) WITHOUT ROWID;

INSERT INTO list_counts (list, dim, n) SELECT 'vendors', '', count(*) FROM vendors;
INSERT INTO list_counts (list, dim, n) SELECT 'organizations', '', count(*) FROM organizations;
INSERT INTO list_counts (list, dim, n) SELECT 'organizations', 'kind:' || kind, count(*) FROM organizations GROUP BY kind;
INSERT INTO list_counts (list, dim, n) SELECT 'organizations', 'province:' || province, count(*) FROM organizations GROUP BY province;

-- +goose StatementBegin
CREATE TRIGGER list_counts_vendor_insert AFTER INSERT ON vendors BEGIN
    INSERT INTO list_counts VALUES ('vendors', '', 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER list_counts_vendor_delete AFTER DELETE ON vendors BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'vendors' AND dim = '';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER list_counts_organization_insert AFTER INSERT ON organizations BEGIN
    INSERT INTO list_counts VALUES ('organizations', '', 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO list_counts VALUES ('organizations', 'kind:' || new.kind, 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO list_counts VALUES ('organizations', 'province:' || new.province, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER list_counts_organization_delete AFTER DELETE ON organizations BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'organizations' AND dim IN ('', 'kind:' || old.kind, 'province:' || old.province);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER list_counts_organization_update AFTER UPDATE OF kind, province ON organizations
WHEN old.kind <> new.kind OR old.province <> new.province BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'organizations' AND dim IN ('kind:' || old.kind, 'province:' || old.province);
    INSERT INTO list_counts VALUES ('organizations', 'kind:' || new.kind, 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO list_counts VALUES ('organizations', 'province:' || new.province, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- The demand list pages by cursor on (desired_start, id): across every
-- organization on demand_seek_start, within one on demand_organization.
-- Its total sums demand_counts: the demand per organization, category and
-- status; organization_id 0 holds the same counts over every
-- organization.
CREATE INDEX demand_seek_start ON demand (desired_start, id);

CREATE TABLE demand_counts (
    organization_id INTEGER NOT NULL,
    category_id     INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    n               INTEGER NOT NULL,
    PRIMARY KEY (organization_id, category_id, status)
) WITHOUT ROWID;

INSERT INTO demand_counts (organization_id, category_id, status, n)
SELECT organization_id, category_id, status, count(*) FROM demand GROUP BY 1, 2, 3;
INSERT INTO demand_counts (organization_id, category_id, status, n)
SELECT 0, category_id, status, count(*) FROM demand GROUP BY 2, 3;

-- +goose StatementBegin
CREATE TRIGGER demand_counts_insert AFTER INSERT ON demand BEGIN
    INSERT INTO demand_counts VALUES (new.organization_id, new.category_id, new.status, 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO demand_counts VALUES (0, new.category_id, new.status, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER demand_counts_delete AFTER DELETE ON demand BEGIN
    UPDATE demand_counts SET n = n - 1 WHERE organization_id IN (0, old.organization_id)
        AND category_id = old.category_id AND status = old.status;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER demand_counts_update AFTER UPDATE OF organization_id, category_id, status ON demand
WHEN old.organization_id <> new.organization_id OR old.category_id <> new.category_id OR old.status <> new.status BEGIN
    UPDATE demand_counts SET n = n - 1 WHERE organization_id IN (0, old.organization_id)
        AND category_id = old.category_id AND status = old.status;
    INSERT INTO demand_counts VALUES (new.organization_id, new.category_id, new.status, 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO demand_counts VALUES (0, new.category_id, new.status, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
