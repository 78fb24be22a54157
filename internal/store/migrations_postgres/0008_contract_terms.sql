-- +goose Up
-- The PostgreSQL form of migrations/0008_contract_terms.sql (same version, same logical schema).
-- Contract terms (DESIGN §4): the renewal kind 'indefinite' (after the
-- initial term the contract continues until notice ends it), notice in
-- days beside notice in months (at most one of them is set), and whether
-- notice in months may end an indefinite contract on any day rather than
-- at a month end.
--
-- PostgreSQL changes a CHECK constraint in place, so the table is not
-- rebuilt as SQLite's form does; the indexes stay as they are.
--
-- The stored derived dates (current_end … final_end) follow the month
-- rule of Reg. 1182/71 art. 3(2)(c) from this version on; SQL cannot
-- compute it well, so the store recomputes them in Go after migrating
-- (store.Migrate) and reports how many changed.
ALTER TABLE contracts DROP CONSTRAINT contracts_renewal_kind_check;
ALTER TABLE contracts ADD CONSTRAINT contracts_renewal_kind_check
    CHECK (renewal_kind IN ('none', 'tacit', 'express', 'indefinite'));
ALTER TABLE contracts ADD COLUMN notice_days BIGINT NOT NULL DEFAULT 0 CHECK (notice_days >= 0);
ALTER TABLE contracts ADD COLUMN notice_ends_any_day BIGINT NOT NULL DEFAULT 0 CHECK (notice_ends_any_day IN (0, 1));
ALTER TABLE contracts ADD CONSTRAINT contracts_notice_check CHECK (notice_months = 0 OR notice_days = 0);
