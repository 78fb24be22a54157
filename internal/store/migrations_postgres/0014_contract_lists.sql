-- +goose Up
-- The PostgreSQL form of migrations/0014_contract_lists.sql (same version, same logical schema).
-- The contract list costs one page, not the whole register (issue 15):
-- every sort order the list offers reads an index in that order and seeks
-- to the page after the last row shown (keyset paging), and its totals
-- come from counters kept by triggers in the same transaction as every
-- write of a contract or licence line, never from count(*) per view.

-- over_quota says a licence line of the contract has more seats in use
-- than it bought: the list's signal and its filter "licenties
-- overschreden". The triggers on licence_lines below keep it.
ALTER TABLE contracts ADD COLUMN over_quota BIGINT NOT NULL DEFAULT 0;
UPDATE contracts SET over_quota = 1 WHERE id IN (SELECT contract_id FROM licence_lines
    WHERE quantity <> -1 AND seats_in_use > quantity);

-- expired: the final end lay before the day the stored dates were
-- computed for (contracts.Dates.Expired on that day). The nightly refresh
-- moves dates_as_of on, so the flag follows the calendar.
-- PostgreSQL 15 stores a generated column (it has no VIRTUAL ones).
ALTER TABLE contracts ADD COLUMN expired BIGINT GENERATED ALWAYS AS (CASE WHEN final_end <> '' AND final_end < dates_as_of THEN 1 ELSE 0 END) STORED;

-- notice_key orders by the next notice deadline with the contracts
-- without one last ('~' sorts after every date), in one indexable column.
ALTER TABLE contracts ADD COLUMN notice_key TEXT COLLATE "C" GENERATED ALWAYS AS (CASE WHEN notice_deadline = '' THEN '~' ELSE notice_deadline END) STORED;

-- One index per sort order (contracts.ContractSorts), across every
-- organization and within one, each ending in the id that breaks ties
-- and that the cursor carries.
CREATE INDEX contracts_seek_notice ON contracts (notice_key, current_end, id);
CREATE INDEX contracts_seek_org_notice ON contracts (organization_id, notice_key, current_end, id);
CREATE INDEX contracts_seek_end ON contracts (current_end, id);
CREATE INDEX contracts_seek_org_end ON contracts (organization_id, current_end, id);
CREATE INDEX contracts_seek_value ON contracts ((-annual_value), id);
CREATE INDEX contracts_seek_org_value ON contracts (organization_id, (-annual_value), id);
CREATE INDEX contracts_seek_title ON contracts (title_key, id);
CREATE INDEX contracts_seek_org_title ON contracts (organization_id, title_key, id);
-- The list hides expired contracts unless asked (they gather at the end
-- of the notice order, where a seek would pass them all): across every
-- organization each sort order but the number has an index of the
-- others too.
CREATE INDEX contracts_seek_current_notice ON contracts (notice_key, current_end, id) WHERE expired = 0;
CREATE INDEX contracts_seek_current_end ON contracts (current_end, id) WHERE expired = 0;
CREATE INDEX contracts_seek_current_value ON contracts ((-annual_value), id) WHERE expired = 0;
CREATE INDEX contracts_seek_current_title ON contracts (title_key, id) WHERE expired = 0;
-- The number sort within one organization reads the UNIQUE index on
-- (organization_id, number); across organizations it walks the
-- organizations by code and each one's contracts by number.
-- The signal filter reads the few contracts over quota.
CREATE INDEX contracts_over_quota ON contracts (organization_id, id) WHERE over_quota = 1;
-- Serves the expired filter's count of the day's boundary and the
-- nightly flip of expired contracts.
CREATE INDEX contracts_final_end ON contracts (final_end) WHERE final_end <> '';
-- The old list index by current end is replaced by contracts_seek_org_end.
DROP INDEX contracts_org_end;

-- contract_counts: the number of contracts per organization, category
-- (0 for none), status, expired and over quota; organization_id 0 holds
-- the same counts over every organization. The list's total is the sum of
-- the rows its filter selects, a few rows for one organization and at
-- most a few hundred over all.
CREATE TABLE contract_counts (
    organization_id BIGINT NOT NULL,
    category_id     BIGINT NOT NULL,
    status          TEXT COLLATE "C"    NOT NULL,
    expired         BIGINT NOT NULL,
    over_quota      BIGINT NOT NULL,
    n               BIGINT NOT NULL,
    PRIMARY KEY (organization_id, category_id, status, expired, over_quota)
);

INSERT INTO contract_counts (organization_id, category_id, status, expired, over_quota, n)
SELECT organization_id, coalesce(category_id, 0), status, expired, over_quota, count(*) FROM contracts
GROUP BY 1, 2, 3, 4, 5;
INSERT INTO contract_counts (organization_id, category_id, status, expired, over_quota, n)
SELECT 0, coalesce(category_id, 0), status, expired, over_quota, count(*) FROM contracts
GROUP BY 2, 3, 4, 5;

-- The triggers of SQLite's form, as PL/pgSQL functions with the same
-- effect. contract_counts_add adds d to a cell and to its
-- all-organizations cell (organization_id 0).
--
-- A bulk load sets samenkoop.bulk_counts for its transaction and counts
-- its contracts in one statement at its end (store.BulkInsertContracts):
-- row by row, PostgreSQL would write a new version of the same
-- all-organizations cell for every contract, and within one transaction
-- none of those versions can be pruned, so each update walks all of the
-- ones before it.
-- +goose StatementBegin
CREATE FUNCTION contract_counts_add(org BIGINT, cat BIGINT, st TEXT, exp BIGINT, over BIGINT, d BIGINT) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO contract_counts AS c VALUES (org, coalesce(cat, 0), st, exp, over, d), (0, coalesce(cat, 0), st, exp, over, d)
        ON CONFLICT (organization_id, category_id, status, expired, over_quota) DO UPDATE SET n = c.n + excluded.n;
END;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION contract_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('samenkoop.bulk_counts', true) = 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM contract_counts_add(new.organization_id, new.category_id, new.status, new.expired, new.over_quota, 1);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER contract_counts_insert AFTER INSERT ON contracts FOR EACH ROW EXECUTE FUNCTION contract_counts_insert();

-- +goose StatementBegin
CREATE FUNCTION contract_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('samenkoop.bulk_counts', true) = 'on' THEN
        RETURN NULL;
    END IF;
    UPDATE contract_counts SET n = n - 1 WHERE organization_id IN (0, old.organization_id)
        AND category_id = coalesce(old.category_id, 0) AND status = old.status AND expired = old.expired
        AND over_quota = old.over_quota;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER contract_counts_delete AFTER DELETE ON contracts FOR EACH ROW EXECUTE FUNCTION contract_counts_delete();

-- Only a change of a counted dimension moves a count; the nightly
-- refresh stamps every row, and only those that expire move.
-- +goose StatementBegin
CREATE FUNCTION contract_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('samenkoop.bulk_counts', true) = 'on' THEN
        RETURN NULL;
    END IF;
    UPDATE contract_counts SET n = n - 1 WHERE organization_id IN (0, old.organization_id)
        AND category_id = coalesce(old.category_id, 0) AND status = old.status AND expired = old.expired
        AND over_quota = old.over_quota;
    PERFORM contract_counts_add(new.organization_id, new.category_id, new.status, new.expired, new.over_quota, 1);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER contract_counts_update AFTER UPDATE OF organization_id, category_id, status, final_end, dates_as_of, over_quota
ON contracts FOR EACH ROW WHEN (old.organization_id <> new.organization_id OR coalesce(old.category_id, 0) <> coalesce(new.category_id, 0)
    OR old.status <> new.status OR old.expired <> new.expired OR old.over_quota <> new.over_quota)
EXECUTE FUNCTION contract_counts_update();

-- A licence line written or removed sets its contract's over_quota.
-- +goose StatementBegin
CREATE FUNCTION licence_lines_quota_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE contracts SET over_quota = 1 WHERE id = new.contract_id AND over_quota = 0;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER licence_lines_quota_insert AFTER INSERT ON licence_lines
FOR EACH ROW WHEN (new.quantity <> -1 AND new.seats_in_use > new.quantity)
EXECUTE FUNCTION licence_lines_quota_insert();

-- +goose StatementBegin
CREATE FUNCTION licence_lines_quota_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        UPDATE contracts SET over_quota = CASE WHEN EXISTS (SELECT 1 FROM licence_lines l WHERE l.contract_id = contracts.id
            AND l.quantity <> -1 AND l.seats_in_use > l.quantity) THEN 1 ELSE 0 END WHERE id IN (old.contract_id, new.contract_id);
    ELSE
        UPDATE contracts SET over_quota = CASE WHEN EXISTS (SELECT 1 FROM licence_lines l WHERE l.contract_id = contracts.id
            AND l.quantity <> -1 AND l.seats_in_use > l.quantity) THEN 1 ELSE 0 END WHERE id = old.contract_id;
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER licence_lines_quota_update AFTER UPDATE OF contract_id, quantity, seats_in_use ON licence_lines
FOR EACH ROW EXECUTE FUNCTION licence_lines_quota_refresh();
CREATE TRIGGER licence_lines_quota_delete AFTER DELETE ON licence_lines
FOR EACH ROW WHEN (old.quantity <> -1 AND old.seats_in_use > old.quantity)
EXECUTE FUNCTION licence_lines_quota_refresh();
