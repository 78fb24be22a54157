-- +goose Up
-- Totals kept on write so that a page costs one page (issue 15): the
-- licence view's and the vendor list's.
--
-- The licence view and the start page's licence block cost one page, not
-- every licence line: their totals come from licence_counts,
-- kept in the same transaction as every contract write, and the lines
-- over quota are read in the view's order from an index.

-- A contract's licence figures, written in the contract row from the
-- lines written with it, as over_quota is (store/contracts_write.go,
-- migration 0020): its lines, those over quota and what their excess
-- costs (each line's contracts.LicenceLine.ExcessCost, capped at
-- MaxMoney, summed). No trigger on licence_lines keeps them.
ALTER TABLE contracts ADD COLUMN licence_line_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contracts ADD COLUMN over_quota_lines INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contracts ADD COLUMN excess_cost INTEGER NOT NULL DEFAULT 0;

-- excess_cost of a line: its excess × unit price, capped at MaxMoney
-- (contracts/bounds.go); 0 unless the line is over quota. A product past
-- the int64 range turns real in SQLite, which the cap brings back.
ALTER TABLE licence_lines ADD COLUMN excess_cost INTEGER GENERATED ALWAYS AS (CASE WHEN quantity <> -1 AND seats_in_use > quantity
    THEN min((seats_in_use - quantity) * unit_price, 100000000000000) ELSE 0 END) VIRTUAL;

UPDATE contracts SET (licence_line_count, over_quota_lines, excess_cost) = (SELECT count(*),
        coalesce(sum(CASE WHEN l.quantity <> -1 AND l.seats_in_use > l.quantity THEN 1 ELSE 0 END), 0), coalesce(sum(l.excess_cost), 0)
    FROM licence_lines l WHERE l.contract_id = contracts.id)
WHERE id IN (SELECT contract_id FROM licence_lines);

-- The view's order over every organization: costliest excess first, then
-- the larger excess, then contract and line order. Only the lines over
-- quota; the others follow in (contract_id, position) order
-- (licence_lines_contract).
CREATE INDEX licence_lines_excess ON licence_lines (excess_cost DESC, (seats_in_use - quantity) DESC, contract_id, position)
    WHERE quantity <> -1 AND seats_in_use > quantity;

-- licence_counts: per organization its licence lines, those over quota
-- and what their excess costs; organization_id 0 holds the same over
-- every organization. A view's totals read one row (its organization's,
-- or 0's; none is none). The sums are exact integers (cents) up to the
-- int64 range.
CREATE TABLE licence_counts (
    organization_id INTEGER NOT NULL PRIMARY KEY,
    lines           INTEGER NOT NULL,
    over_quota      INTEGER NOT NULL,
    excess_cost     INTEGER NOT NULL
);

INSERT INTO licence_counts (organization_id, lines, over_quota, excess_cost)
SELECT organization_id, sum(licence_line_count), sum(over_quota_lines), sum(excess_cost) FROM contracts
WHERE licence_line_count > 0 GROUP BY organization_id;
INSERT INTO licence_counts (organization_id, lines, over_quota, excess_cost)
SELECT 0, sum(licence_line_count), sum(over_quota_lines), sum(excess_cost) FROM contracts
WHERE licence_line_count > 0 HAVING count(*) > 0;

-- A contract without licence lines moves nothing; an update moves the
-- counts only when its figures or its organization change (the nightly
-- date refresh never does).
-- +goose StatementBegin
CREATE TRIGGER licence_counts_insert AFTER INSERT ON contracts WHEN new.licence_line_count > 0 BEGIN
    INSERT INTO licence_counts VALUES (new.organization_id, new.licence_line_count, new.over_quota_lines, new.excess_cost),
        (0, new.licence_line_count, new.over_quota_lines, new.excess_cost)
        ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, over_quota = over_quota + excluded.over_quota,
            excess_cost = excess_cost + excluded.excess_cost;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER licence_counts_delete AFTER DELETE ON contracts WHEN old.licence_line_count > 0 BEGIN
    UPDATE licence_counts SET lines = lines - old.licence_line_count, over_quota = over_quota - old.over_quota_lines,
        excess_cost = excess_cost - old.excess_cost WHERE organization_id IN (0, old.organization_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER licence_counts_update AFTER UPDATE OF organization_id, licence_line_count, over_quota_lines, excess_cost ON contracts
WHEN old.organization_id <> new.organization_id OR old.licence_line_count <> new.licence_line_count
    OR old.over_quota_lines <> new.over_quota_lines OR old.excess_cost <> new.excess_cost BEGIN
    UPDATE licence_counts SET lines = lines - old.licence_line_count, over_quota = over_quota - old.over_quota_lines,
        excess_cost = excess_cost - old.excess_cost WHERE organization_id IN (0, old.organization_id);
    INSERT INTO licence_counts VALUES (new.organization_id, new.licence_line_count, new.over_quota_lines, new.excess_cost),
        (0, new.licence_line_count, new.over_quota_lines, new.excess_cost)
        ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, over_quota = over_quota + excluded.over_quota,
            excess_cost = excess_cost + excluded.excess_cost;
END;
-- +goose StatementEnd

-- vendor_counts: each vendor's contracts over every organization, for the
-- vendor list's contract counts. Counting them per page read every
-- contract of the page's vendors: with the demo's 28 vendors on one page,
-- the whole register (905,000 contracts at stress scale). A caller scoped
-- to one organization still counts its own few contracts.
CREATE TABLE vendor_counts (
    vendor_id INTEGER NOT NULL PRIMARY KEY,
    n         INTEGER NOT NULL
);

INSERT INTO vendor_counts (vendor_id, n) SELECT vendor_id, count(*) FROM contracts GROUP BY vendor_id;

-- +goose StatementBegin
CREATE TRIGGER vendor_counts_insert AFTER INSERT ON contracts BEGIN
    INSERT INTO vendor_counts VALUES (new.vendor_id, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER vendor_counts_delete AFTER DELETE ON contracts BEGIN
    UPDATE vendor_counts SET n = n - 1 WHERE vendor_id = old.vendor_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER vendor_counts_update AFTER UPDATE OF vendor_id ON contracts WHEN old.vendor_id <> new.vendor_id BEGIN
    UPDATE vendor_counts SET n = n - 1 WHERE vendor_id = old.vendor_id;
    INSERT INTO vendor_counts VALUES (new.vendor_id, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
