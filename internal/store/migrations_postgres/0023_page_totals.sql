-- +goose Up
-- The PostgreSQL form of migrations/0023_page_totals.sql (same version, same logical schema).
-- Totals kept on write so that a page costs one page (issue 15): the
-- licence view's and the vendor list's.
--
-- The licence view and the start page's licence block cost one page, not
-- every licence line: their totals come from licence_counts,
-- kept in the same transaction as every contract write, and the lines
-- over quota are read in the view's order from an index.

-- A contract's licence figures, written in the contract row from the
-- lines written with it, as over_quota is: its lines, those over quota
-- and what their excess costs. No trigger on licence_lines keeps them.
ALTER TABLE contracts ADD COLUMN licence_line_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE contracts ADD COLUMN over_quota_lines BIGINT NOT NULL DEFAULT 0;
ALTER TABLE contracts ADD COLUMN excess_cost BIGINT NOT NULL DEFAULT 0;

-- excess_cost of a line: its excess × unit price, capped at MaxMoney;
-- 0 unless the line is over quota. The product is taken in numeric, which
-- cannot overflow before the cap. PostgreSQL 15 stores a generated column.
ALTER TABLE licence_lines ADD COLUMN excess_cost BIGINT GENERATED ALWAYS AS (CASE WHEN quantity <> -1 AND seats_in_use > quantity
    THEN LEAST((seats_in_use - quantity)::numeric * unit_price, 100000000000000)::bigint ELSE 0 END) STORED;

UPDATE contracts SET (licence_line_count, over_quota_lines, excess_cost) = (SELECT count(*),
        coalesce(sum(CASE WHEN l.quantity <> -1 AND l.seats_in_use > l.quantity THEN 1 ELSE 0 END), 0), coalesce(sum(l.excess_cost), 0)
    FROM licence_lines l WHERE l.contract_id = contracts.id)
WHERE id IN (SELECT contract_id FROM licence_lines);

-- The view's order over every organization; the lines not over quota
-- follow in (contract_id, position) order (licence_lines_contract).
CREATE INDEX licence_lines_excess ON licence_lines (excess_cost DESC, (seats_in_use - quantity) DESC, contract_id, position)
    WHERE quantity <> -1 AND seats_in_use > quantity;

-- licence_counts: per organization its licence lines, those over quota
-- and what their excess costs; organization_id 0 holds the same over
-- every organization.
CREATE TABLE licence_counts (
    organization_id BIGINT NOT NULL PRIMARY KEY,
    lines           BIGINT NOT NULL,
    over_quota      BIGINT NOT NULL,
    excess_cost     BIGINT NOT NULL
);

INSERT INTO licence_counts (organization_id, lines, over_quota, excess_cost)
SELECT organization_id, sum(licence_line_count), sum(over_quota_lines), sum(excess_cost) FROM contracts
WHERE licence_line_count > 0 GROUP BY organization_id;
INSERT INTO licence_counts (organization_id, lines, over_quota, excess_cost)
SELECT 0, sum(licence_line_count), sum(over_quota_lines), sum(excess_cost) FROM contracts
WHERE licence_line_count > 0 HAVING count(*) > 0;

-- The triggers of SQLite's form as PL/pgSQL. licence_counts_add adds a
-- contract's figures (d = 1) or takes them away (d = -1) from its
-- organization's row and from row 0. A bulk load (samenkoop.bulk_counts,
-- migrations_postgres/0014) counts its contracts in one statement at its
-- end (store.pgCountContracts).
-- +goose StatementBegin
CREATE FUNCTION licence_counts_add(org BIGINT, n BIGINT, over BIGINT, cost BIGINT, d BIGINT) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO licence_counts AS c VALUES (org, d * n, d * over, d * cost), (0, d * n, d * over, d * cost)
        ON CONFLICT (organization_id) DO UPDATE SET lines = c.lines + excluded.lines, over_quota = c.over_quota + excluded.over_quota,
            excess_cost = c.excess_cost + excluded.excess_cost;
END;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION licence_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('samenkoop.bulk_counts', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM licence_counts_add(old.organization_id, old.licence_line_count, old.over_quota_lines, old.excess_cost, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM licence_counts_add(new.organization_id, new.licence_line_count, new.over_quota_lines, new.excess_cost, 1);
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER licence_counts_insert AFTER INSERT ON contracts FOR EACH ROW WHEN (new.licence_line_count > 0)
EXECUTE FUNCTION licence_counts_change();
CREATE TRIGGER licence_counts_delete AFTER DELETE ON contracts FOR EACH ROW WHEN (old.licence_line_count > 0)
EXECUTE FUNCTION licence_counts_change();
CREATE TRIGGER licence_counts_update AFTER UPDATE OF organization_id, licence_line_count, over_quota_lines, excess_cost ON contracts
FOR EACH ROW WHEN (old.organization_id <> new.organization_id OR old.licence_line_count <> new.licence_line_count
    OR old.over_quota_lines <> new.over_quota_lines OR old.excess_cost <> new.excess_cost)
EXECUTE FUNCTION licence_counts_change();

-- vendor_counts: each vendor's contracts over every organization, for the
-- vendor list's contract counts (the SQLite twin says why).
CREATE TABLE vendor_counts (
    vendor_id BIGINT NOT NULL PRIMARY KEY,
    n         BIGINT NOT NULL
);

INSERT INTO vendor_counts (vendor_id, n) SELECT vendor_id, count(*) FROM contracts GROUP BY vendor_id;

-- +goose StatementBegin
CREATE FUNCTION vendor_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('samenkoop.bulk_counts', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE vendor_counts SET n = n - 1 WHERE vendor_id = old.vendor_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO vendor_counts AS c VALUES (new.vendor_id, 1) ON CONFLICT (vendor_id) DO UPDATE SET n = c.n + 1;
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER vendor_counts_insert AFTER INSERT ON contracts FOR EACH ROW EXECUTE FUNCTION vendor_counts_change();
CREATE TRIGGER vendor_counts_delete AFTER DELETE ON contracts FOR EACH ROW EXECUTE FUNCTION vendor_counts_change();
CREATE TRIGGER vendor_counts_update AFTER UPDATE OF vendor_id ON contracts FOR EACH ROW WHEN (old.vendor_id <> new.vendor_id)
EXECUTE FUNCTION vendor_counts_change();
