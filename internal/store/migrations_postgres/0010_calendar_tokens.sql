-- +goose Up
-- The PostgreSQL form of migrations/0010_calendar_tokens.sql (same version, same logical schema).
-- A calendar feed becomes an API token of kind 'calendar' instead of a row
-- of a table of its own. Both are a user's secret kept as its SHA-256 and
-- looked up by it on every request, and both are listed, revoked and
-- audited; with one table that is one lookup, one revocation and one
-- scanner (STYLE §14). The kind keeps them apart: a calendar token opens
-- only the calendar feed and an API token only the API (internal/auth).
ALTER TABLE api_tokens ADD COLUMN kind TEXT COLLATE "C" NOT NULL DEFAULT 'api' CHECK (kind IN ('api', 'calendar'));

-- The feeds move over with their secrets' hashes, so every subscribed URL
-- keeps working and a revoked one stays revoked. A feed had no name and no
-- hint; its hint is the prefix every feed secret starts with. Its id
-- changes: audit entries (entity calendar_feed) written before this
-- migration name the old id, and the user in their record.
INSERT INTO api_tokens (user_id, name, hint, token_hash, created_at, revoked_at, kind)
SELECT user_id, '', 'skc_', token_hash, created_at, revoked_at, 'calendar' FROM calendar_feeds ORDER BY id;

-- Its indexes go with it.
DROP TABLE calendar_feeds;

-- One active calendar token per user, as calendar_feeds_active kept it;
-- serves the lookup of a user's active feed and its revocation when a new
-- one is made. The account page's list of tokens uses api_tokens_user.
CREATE UNIQUE INDEX api_tokens_calendar_active ON api_tokens (user_id) WHERE kind = 'calendar' AND revoked_at = '';
