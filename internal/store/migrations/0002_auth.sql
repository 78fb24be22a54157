-- +goose Up
-- Users act with one role for one organization (organization_id) or for
-- all (NULL). Deleting an organization that still has users is refused.
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    email           TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    role            TEXT    NOT NULL CHECK (role IN ('admin', 'coordinator', 'member', 'finance', 'management')),
    organization_id INTEGER REFERENCES organizations (id) ON DELETE RESTRICT,
    password_hash   TEXT    NOT NULL,
    disabled        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT    NOT NULL
);
-- Serves the RESTRICT check when an organization is deleted.
CREATE INDEX users_organization ON users (organization_id);

-- API tokens are stored as the SHA-256 of the secret; the secret is shown
-- once. token_hash is the primary lookup of every API request.
CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    hint       TEXT    NOT NULL,
    token_hash TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL DEFAULT '',
    revoked_at TEXT    NOT NULL DEFAULT ''
);
-- Serves the token list on the account page.
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Web sessions, keyed by the SHA-256 of the cookie's secret.
CREATE TABLE sessions (
    hash         TEXT    NOT NULL PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf         TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    last_seen_at TEXT    NOT NULL
);
-- Serves the clean-up of idle sessions and "log out everywhere".
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);
