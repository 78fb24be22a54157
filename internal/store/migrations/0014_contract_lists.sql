-- +goose Up
-- The contract list costs one page, not the whole register (issue 15):
-- every sort order the list offers reads an index in that order and seeks
-- to the page after the last row shown (keyset paging), and its totals
-- come from counters kept by triggers in the same transaction as every
-- write of a contract or licence line, never from count(*) per view.

-- over_quota says a licence line of the contract has more seats in use
-- than it bought: the list's signal and its filter "licenties
-- overschreden". The triggers on licence_lines below keep it.
ALTER TABLE contracts ADD COLUMN over_quota INTEGER NOT NULL DEFAULT 0;
UPDATE contracts SET over_quota = 1 WHERE id IN (SELECT contract_id FROM licence_lines
    WHERE quantity <> -1 AND seats_in_use > quantity);

-- expired: the final end lay before the day the stored dates were
-- computed for (contracts.Dates.Expired on that day). The nightly refresh
-- moves dates_as_of on, so the flag follows the calendar.
ALTER TABLE contracts ADD COLUMN expired INTEGER GENERATED ALWAYS AS (final_end <> '' AND final_end < dates_as_of) VIRTUAL;

-- notice_key orders by the next notice deadline with the contracts
-- without one last ('~' sorts after every date), in one indexable column.
ALTER TABLE contracts ADD COLUMN notice_key TEXT GENERATED ALWAYS AS (CASE WHEN notice_deadline = '' THEN '~' ELSE notice_deadline END) VIRTUAL;

-- One index per sort order (contracts.ContractSorts), across every
-- organization and within one, each ending in the id that breaks ties
-- and that the cursor carries.
CREATE INDEX contracts_seek_notice ON contracts (notice_key, current_end, id);
CREATE INDEX contracts_seek_org_notice ON contracts (organization_id, notice_key, current_end, id);
CREATE INDEX contracts_seek_end ON contracts (current_end, id);
CREATE INDEX contracts_seek_org_end ON contracts (organization_id, current_end, id);
CREATE INDEX contracts_seek_value ON contracts (-annual_value, id);
CREATE INDEX contracts_seek_org_value ON contracts (organization_id, -annual_value, id);
CREATE INDEX contracts_seek_title ON contracts (title_key, id);
CREATE INDEX contracts_seek_org_title ON contracts (organization_id, title_key, id);
-- The list hides expired contracts unless asked (they gather at the end
-- of the notice order, where a seek would pass them all): across every
-- organization each sort order but the number has an index of the
-- others too.
CREATE INDEX contracts_seek_current_notice ON contracts (notice_key, current_end, id) WHERE expired = 0;
CREATE INDEX contracts_seek_current_end ON contracts (current_end, id) WHERE expired = 0;
CREATE INDEX contracts_seek_current_value ON contracts (-annual_value, id) WHERE expired = 0;
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
    organization_id INTEGER NOT NULL,
    category_id     INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    expired         INTEGER NOT NULL,
    over_quota      INTEGER NOT NULL,
    n               INTEGER NOT NULL,
    PRIMARY KEY (organization_id, category_id, status, expired, over_quota)
) WITHOUT ROWID;

INSERT INTO contract_counts (organization_id, category_id, status, expired, over_quota, n)
SELECT organization_id, coalesce(category_id, 0), status, expired, over_quota, count(*) FROM contracts
GROUP BY 1, 2, 3, 4, 5;
INSERT INTO contract_counts (organization_id, category_id, status, expired, over_quota, n)
SELECT 0, coalesce(category_id, 0), status, expired, over_quota, count(*) FROM contracts
GROUP BY 2, 3, 4, 5;

-- +goose StatementBegin
CREATE TRIGGER contract_counts_insert AFTER INSERT ON contracts BEGIN
    INSERT INTO contract_counts VALUES (new.organization_id, coalesce(new.category_id, 0), new.status, new.expired, new.over_quota, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO contract_counts VALUES (0, coalesce(new.category_id, 0), new.status, new.expired, new.over_quota, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER contract_counts_delete AFTER DELETE ON contracts BEGIN
    UPDATE contract_counts SET n = n - 1 WHERE organization_id IN (0, old.organization_id)
        AND category_id = coalesce(old.category_id, 0) AND status = old.status AND expired = old.expired
        AND over_quota = old.over_quota;
END;
-- +goose StatementEnd

-- Only a change of a counted dimension moves a count; the nightly
-- refresh stamps every row, and only those that expire move.
-- +goose StatementBegin
CREATE TRIGGER contract_counts_update AFTER UPDATE OF organization_id, category_id, status, final_end, dates_as_of, over_quota
ON contracts WHEN old.organization_id <> new.organization_id OR coalesce(old.category_id, 0) <> coalesce(new.category_id, 0)
    OR old.status <> new.status OR old.expired <> new.expired OR old.over_quota <> new.over_quota BEGIN
    UPDATE contract_counts SET n = n - 1 WHERE organization_id IN (0, old.organization_id)
        AND category_id = coalesce(old.category_id, 0) AND status = old.status AND expired = old.expired
        AND over_quota = old.over_quota;
    INSERT INTO contract_counts VALUES (new.organization_id, coalesce(new.category_id, 0), new.status, new.expired, new.over_quota, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO contract_counts VALUES (0, coalesce(new.category_id, 0), new.status, new.expired, new.over_quota, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- A licence line written or removed sets its contract's over_quota.
-- +goose StatementBegin
CREATE TRIGGER licence_lines_quota_insert AFTER INSERT ON licence_lines
WHEN new.quantity <> -1 AND new.seats_in_use > new.quantity BEGIN
    UPDATE contracts SET over_quota = 1 WHERE id = new.contract_id AND over_quota = 0;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER licence_lines_quota_update AFTER UPDATE OF contract_id, quantity, seats_in_use ON licence_lines BEGIN
    UPDATE contracts SET over_quota = EXISTS (SELECT 1 FROM licence_lines l WHERE l.contract_id = contracts.id
        AND l.quantity <> -1 AND l.seats_in_use > l.quantity) WHERE id IN (old.contract_id, new.contract_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER licence_lines_quota_delete AFTER DELETE ON licence_lines
WHEN old.quantity <> -1 AND old.seats_in_use > old.quantity BEGIN
    UPDATE contracts SET over_quota = EXISTS (SELECT 1 FROM licence_lines l WHERE l.contract_id = contracts.id
        AND l.quantity <> -1 AND l.seats_in_use > l.quantity) WHERE id = old.contract_id;
END;
-- +goose StatementEnd
