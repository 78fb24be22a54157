-- +goose Up
-- Calendar feeds: a secret URL per user that calendar apps fetch without
-- logging in. Like API tokens, only the SHA-256 of the secret is kept, and
-- token_hash is the lookup of every feed request.
CREATE TABLE calendar_feeds (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL,
    revoked_at TEXT    NOT NULL DEFAULT ''
);
-- One active feed per user; serves the account page's lookup of it and the
-- revocation of the old feed when a new one is made.
CREATE UNIQUE INDEX calendar_feeds_active ON calendar_feeds (user_id) WHERE revoked_at = '';
-- Serves the CASCADE when a user is deleted (revoked feeds included).
CREATE INDEX calendar_feeds_user ON calendar_feeds (user_id);
