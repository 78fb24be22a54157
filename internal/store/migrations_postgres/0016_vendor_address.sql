-- +goose Up
-- The PostgreSQL form of migrations/0016_vendor_address.sql (same version, same logical schema).
-- A vendor's postal address (street, postcode, city), which a contract
-- award notice states of the winner (eForms BT-510, BT-512, BT-513).
-- Empty means unknown; the country was kept already (NL by default).
ALTER TABLE vendors ADD COLUMN street TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE vendors ADD COLUMN postcode TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE vendors ADD COLUMN city TEXT COLLATE "C" NOT NULL DEFAULT '';
