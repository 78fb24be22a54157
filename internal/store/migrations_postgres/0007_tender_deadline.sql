-- +goose Up
-- The PostgreSQL form of migrations/0007_tender_deadline.sql (same version, same logical schema).
-- The tender deadline the procurement officer chose ('' while the plan
-- takes the legal minimum). The domain checks it against the minimum
-- period from the publication date (Aw 2012 art. 2.71–2.74a).
ALTER TABLE tenders ADD COLUMN tender_deadline TEXT COLLATE "C" NOT NULL DEFAULT '';
