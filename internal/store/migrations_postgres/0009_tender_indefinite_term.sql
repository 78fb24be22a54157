-- +goose Up
-- The PostgreSQL form of migrations/0009_tender_indefinite_term.sql (same version, same logical schema).
-- A tender's contract may run on for an indefinite period after its
-- initial term (term_months); its estimate is then the monthly value × 48
-- (Aw 2012 art. 2.16). The domain refuses it with a total price or with
-- options. The works bands of the procurement policy need no column: the
-- bands are JSON in settings, and a setting without works bands keeps the
-- default works bands as an assumption.
ALTER TABLE tenders ADD COLUMN term_indefinite BIGINT NOT NULL DEFAULT 0 CHECK (term_indefinite IN (0, 1));
