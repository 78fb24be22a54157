-- +goose Up
-- What a European notice (eForms) states of each buyer and what
-- Samenkoop did not hold before: the postal address, the NUTS code, the
-- registration numbers (OIN of the Logius register, KvK number), the buyer
-- legal type and main activity from the eForms code lists, and the contact
-- point. Empty means unknown; the domain lists the fields a notice still
-- misses and fills the legal type and activity of a municipality by
-- default.
ALTER TABLE organizations ADD COLUMN street TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN postcode TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN city TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN nuts TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN oin TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN kvk TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN legal_type TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN main_activity TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN url TEXT NOT NULL DEFAULT '';
