-- +goose Up
-- Vendors roll up to their group through parent_id (DESIGN §3); a group's
-- top has none. group_id keeps the top of the vendor's group (itself for a
-- top), maintained by the store on every write, so that lists filter and
-- show groups without walking the tree per row.
CREATE TABLE vendors (
    id        INTEGER PRIMARY KEY,
    name      TEXT    NOT NULL,
    name_key  TEXT    NOT NULL,
    kvk       TEXT    NOT NULL DEFAULT '',
    parent_id INTEGER REFERENCES vendors (id) ON DELETE RESTRICT,
    group_id  INTEGER REFERENCES vendors (id),
    country   TEXT    NOT NULL DEFAULT 'NL'
);
-- Serves the vendor-group filter of the contract list.
CREATE INDEX vendors_group ON vendors (group_id);
-- Serves the vendor list sorted by name.
CREATE INDEX vendors_name_key ON vendors (name_key);
-- Serves "subsidiaries of a group" and the RESTRICT check.
CREATE INDEX vendors_parent ON vendors (parent_id);
-- A KvK number names one company.
CREATE UNIQUE INDEX vendors_kvk ON vendors (kvk) WHERE kvk <> '';

-- Contracts. The columns after status are derived: the domain package
-- computes the dates (contracts.Contract.Dates) when a contract is written,
-- and the store recomputes rows whose dates_as_of is before today, so that
-- lists can filter and sort on them in SQL while the rules stay in Go.
CREATE TABLE contracts (
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
    renewal_kind          TEXT    NOT NULL CHECK (renewal_kind IN ('none', 'tacit', 'express')),
    renewal_period_months INTEGER NOT NULL DEFAULT 0,
    max_renewals          INTEGER NOT NULL DEFAULT 0,
    max_end               TEXT    NOT NULL DEFAULT '',
    renewals_exercised    INTEGER NOT NULL DEFAULT 0,
    notice_months         INTEGER NOT NULL DEFAULT 0,
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
    UNIQUE (organization_id, number)
);
-- Serves the contract list of one organization, by end date (the UNIQUE
-- index above serves upserts by number).
CREATE INDEX contracts_org_end ON contracts (organization_id, current_end);
-- Serves the vendor page and the vendor filter.
CREATE INDEX contracts_vendor ON contracts (vendor_id);
-- Serves the category filter.
CREATE INDEX contracts_category ON contracts (category_id);
-- Serve the notice and action alerts (soonest first) and noticeBefore.
CREATE INDEX contracts_notice ON contracts (notice_deadline) WHERE notice_deadline <> '';
CREATE INDEX contracts_action ON contracts (action_date) WHERE action_date <> '';
-- Serves the refresh of rows whose derived dates are stale.
CREATE INDEX contracts_dates_as_of ON contracts (dates_as_of);

CREATE TABLE licence_lines (
    id           INTEGER PRIMARY KEY,
    contract_id  INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    product      TEXT    NOT NULL,
    metric       TEXT    NOT NULL CHECK (metric IN ('named_user', 'concurrent', 'device', 'per_inhabitant', 'enterprise')),
    quantity     INTEGER NOT NULL CHECK (quantity = -1 OR quantity > 0),
    seats_in_use INTEGER NOT NULL DEFAULT -1,
    unit_price   INTEGER NOT NULL CHECK (unit_price >= 0),
    price_period TEXT    NOT NULL CHECK (price_period IN ('month', 'year', 'once')),
    start_date   TEXT    NOT NULL DEFAULT '',
    end_date     TEXT    NOT NULL DEFAULT ''
);
-- Serves the licence lines of a contract, in order.
CREATE INDEX licence_lines_contract ON licence_lines (contract_id, position);
