-- +goose Up
-- The PostgreSQL form of migrations/0015_spend_model.sql (same version, same logical schema).
-- The spend read model (issue 15): what each contract commits in each
-- year of a window, and those amounts added up per year × organization ×
-- category × vendor, so that the spend, concentration, reach and
-- dependency views read a few thousand sums instead of computing every
-- contract with its licence lines. The amounts are computed in Go
-- (contracts.ContractYearSpend) for one day and one indexation, which
-- spend_model records; the store maintains both tables in the transaction
-- of every contract write, the nightly refresh moves them to the new day,
-- and `samenkoop doctor` rebuilds them aside and compares.

-- The day and indexation the amounts are computed for, and the years they
-- cover (first_year–last_year, both inclusive). No row: there is no model
-- yet, writes leave it alone and the views compute from the contracts.
CREATE TABLE spend_model (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    as_of       TEXT COLLATE "C"    NOT NULL,
    first_year  BIGINT NOT NULL,
    last_year   BIGINT NOT NULL,
    index_rates TEXT COLLATE "C"    NOT NULL
);

-- One contract's spend in one year of the window, where it is not zero,
-- with the cell it was added to: contract_amount for a contract without
-- licence lines (its annual value), licence_amount for one with lines.
-- Kept so that an update or delete takes the old amounts back out of the
-- cells they were added to. No foreign keys: a deleted contract's rows
-- are read before they go.
CREATE TABLE spend_contract_years (
    contract_id     BIGINT NOT NULL,
    year            BIGINT NOT NULL,
    organization_id BIGINT NOT NULL,
    category_id     BIGINT NOT NULL,
    vendor_id       BIGINT NOT NULL,
    contract_amount BIGINT NOT NULL,
    licence_amount  BIGINT NOT NULL,
    PRIMARY KEY (contract_id, year)
);

-- The sums per year × organization × category (0: none) × vendor, and how
-- many contracts have spend there; a cell without contracts is removed.
-- The vendor, not its group, keys a cell: a vendor that moves to another
-- group moves its cells with it without a rewrite.
CREATE TABLE spend_cells (
    year            BIGINT NOT NULL,
    organization_id BIGINT NOT NULL,
    category_id     BIGINT NOT NULL,
    vendor_id       BIGINT NOT NULL,
    contract_amount BIGINT NOT NULL,
    licence_amount  BIGINT NOT NULL,
    contracts       BIGINT NOT NULL,
    PRIMARY KEY (year, organization_id, category_id, vendor_id)
);
