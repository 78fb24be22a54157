-- +goose NO TRANSACTION
-- +goose Up
-- Contract terms (DESIGN §4): the renewal kind 'indefinite' (after the
-- initial term the contract continues until notice ends it), notice in
-- days beside notice in months (at most one of them is set), and whether
-- notice in months may end an indefinite contract on any day rather than
-- at a month end.
--
-- SQLite changes a CHECK constraint only by rebuilding the table. The
-- rebuild follows SQLite's own procedure (lang_altertable.html, "Making
-- Other Kinds Of Table Schema Changes"): with foreign keys off, because
-- dropping the old table with them on would cascade to licence_lines and
-- call_offs and clear demand.replaces_contract_id. PRAGMA foreign_keys
-- does nothing inside a transaction, so this file runs without goose's
-- transaction (goose runs it on one connection) and opens its own; the
-- guard below aborts it when foreign keys are still on.
--
-- The stored derived dates (current_end … final_end) follow the month
-- rule of Reg. 1182/71 art. 3(2)(c) from this version on; SQL cannot
-- compute it well, so the store recomputes them in Go after migrating
-- (store.Migrate) and reports how many changed.
PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

CREATE TEMP TABLE migration_0008_guard (foreign_keys_off INTEGER CHECK (foreign_keys_off = 0));
INSERT INTO migration_0008_guard SELECT foreign_keys FROM pragma_foreign_keys;
DROP TABLE temp.migration_0008_guard;

CREATE TABLE contracts_0008 (
    id                    INTEGER PRIMARY KEY,
    organization_id       INTEGER NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
    number                TEXT    NOT NULL,
    title                 TEXT    NOT NULL,
    title_key             TEXT    NOT NULL,
    vendor_id             INTEGER NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
    category_id           INTEGER REFERENCES categories (id) ON DELETE SET NULL,
    cpv                   TEXT    NOT NULL DEFAULT '',
    start_date            TEXT    NOT NULL,
    initial_term_months   INTEGER NOT NULL CHECK (initial_term_months > 0),
    renewal_kind          TEXT    NOT NULL CHECK (renewal_kind IN ('none', 'tacit', 'express', 'indefinite')),
    renewal_period_months INTEGER NOT NULL DEFAULT 0,
    max_renewals          INTEGER NOT NULL DEFAULT 0,
    max_end               TEXT    NOT NULL DEFAULT '',
    renewals_exercised    INTEGER NOT NULL DEFAULT 0,
    notice_months         INTEGER NOT NULL DEFAULT 0,
    notice_days           INTEGER NOT NULL DEFAULT 0 CHECK (notice_days >= 0),
    notice_ends_any_day   INTEGER NOT NULL DEFAULT 0 CHECK (notice_ends_any_day IN (0, 1)),
    lead_days             INTEGER NOT NULL DEFAULT 0,
    notice_given_on       TEXT    NOT NULL DEFAULT '',
    annual_value          INTEGER NOT NULL DEFAULT 0 CHECK (annual_value >= 0),
    status                TEXT    NOT NULL CHECK (status IN ('draft', 'active', 'terminated')),
    exit_plan             INTEGER NOT NULL DEFAULT 0,
    open_data             INTEGER NOT NULL DEFAULT 0,
    continuity            INTEGER NOT NULL DEFAULT 0,
    source_rights         INTEGER NOT NULL DEFAULT 0,
    business_critical     INTEGER NOT NULL DEFAULT 0,
    interfaces            INTEGER NOT NULL DEFAULT 0,
    notes                 TEXT    NOT NULL DEFAULT '',
    dates_as_of           TEXT    NOT NULL,
    current_end           TEXT    NOT NULL,
    committed_end         TEXT    NOT NULL,
    notice_deadline       TEXT    NOT NULL DEFAULT '',
    action_date           TEXT    NOT NULL DEFAULT '',
    option_decision       TEXT    NOT NULL DEFAULT '',
    final_end             TEXT    NOT NULL DEFAULT '',
    CHECK (notice_months = 0 OR notice_days = 0),
    UNIQUE (organization_id, number)
);

INSERT INTO contracts_0008 (id, organization_id, number, title, title_key, vendor_id, category_id, cpv, start_date,
    initial_term_months, renewal_kind, renewal_period_months, max_renewals, max_end, renewals_exercised, notice_months,
    lead_days, notice_given_on, annual_value, status, exit_plan, open_data, continuity, source_rights, business_critical,
    interfaces, notes, dates_as_of, current_end, committed_end, notice_deadline, action_date, option_decision, final_end)
SELECT id, organization_id, number, title, title_key, vendor_id, category_id, cpv, start_date,
    initial_term_months, renewal_kind, renewal_period_months, max_renewals, max_end, renewals_exercised, notice_months,
    lead_days, notice_given_on, annual_value, status, exit_plan, open_data, continuity, source_rights, business_critical,
    interfaces, notes, dates_as_of, current_end, committed_end, notice_deadline, action_date, option_decision, final_end
FROM contracts;

DROP TABLE contracts;
ALTER TABLE contracts_0008 RENAME TO contracts;

-- The indexes of 0004, which went with the old table.
-- Serves the contract list of one organization, by end date (the UNIQUE
-- constraint serves upserts by number).
CREATE INDEX contracts_org_end ON contracts (organization_id, current_end);
-- Serves the vendor page and the vendor filter.
CREATE INDEX contracts_vendor ON contracts (vendor_id);
-- Serves the category filter.
CREATE INDEX contracts_category ON contracts (category_id);
-- Serve the notice and action alerts (soonest first), noticeBefore and
-- the overdue action alert (action dates before today).
CREATE INDEX contracts_notice ON contracts (notice_deadline) WHERE notice_deadline <> '';
CREATE INDEX contracts_action ON contracts (action_date) WHERE action_date <> '';
-- Serves the refresh of rows whose derived dates are stale.
CREATE INDEX contracts_dates_as_of ON contracts (dates_as_of);

COMMIT;

PRAGMA foreign_keys = ON;
