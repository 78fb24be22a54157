-- +goose Up
-- The PostgreSQL form of migrations/0011_organization_publication.sql (same version, same logical schema).
-- What a European notice (eForms) states of each buyer and what
-- Samenkoop did not hold before: the postal address, the NUTS code, the
-- registration numbers (OIN of the Logius register, KvK number), the buyer
-- legal type and main activity from the eForms code lists, and the contact
-- point. Empty means unknown; the domain lists the fields a notice still
-- misses and fills the legal type and activity of a municipality by
-- default.
ALTER TABLE organizations ADD COLUMN street TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN postcode TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN city TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN nuts TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN oin TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN kvk TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN legal_type TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN main_activity TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN email TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN phone TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN url TEXT COLLATE "C" NOT NULL DEFAULT '';
