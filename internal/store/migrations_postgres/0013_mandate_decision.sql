-- +goose Up
-- The PostgreSQL form of migrations/0013_mandate_decision.sql (same version, same logical schema).
-- A participant's mandate carries the link to the council's or college's
-- decision in the organization's council information system (RIS), an
-- absolute https URL checked by the domain, and the reference of the
-- signed mandate document (its number in the document system). Both are
-- optional: a mandate requested has neither yet, and mandate_reference
-- keeps the decision's own number. Existing rows get empty values.
ALTER TABLE participants ADD COLUMN mandate_decision_url TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN mandate_document TEXT COLLATE "C" NOT NULL DEFAULT '';
