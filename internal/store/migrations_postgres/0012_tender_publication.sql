-- +goose Up
-- The PostgreSQL form of migrations/0012_tender_publication.sql (same version, same logical schema).
-- What a tender's European notices need beyond its terms: the review body
-- (name, address and OIN or KvK number of the court that hears appeals), the internet address
-- of the procurement documents, and the TenderNed kenmerk and link once
-- the tender is announced there. Empty means not given yet. The notice
-- identifier and version per notice kind are kept in the settings, like
-- the OCDS release log.
ALTER TABLE tenders ADD COLUMN review_name TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE tenders ADD COLUMN review_street TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE tenders ADD COLUMN review_postcode TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE tenders ADD COLUMN review_city TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE tenders ADD COLUMN review_id TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE tenders ADD COLUMN documents_url TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE tenders ADD COLUMN tenderned_id TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE tenders ADD COLUMN tenderned_url TEXT COLLATE "C" NOT NULL DEFAULT '';
