-- +goose Up
-- Organizations are keyed by an integer id so that a later code change (a
-- municipal merger keeps its records) touches one row; the CBS code stays
-- unique and is what the API and imports use.
CREATE TABLE organizations (
    id              INTEGER PRIMARY KEY,
    code            TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('municipality', 'province', 'water_board', 'joint_arrangement', 'cooperation', 'other')),
    province        TEXT    NOT NULL DEFAULT '',
    population      INTEGER NOT NULL DEFAULT 0 CHECK (population >= 0),
    population_date TEXT    NOT NULL DEFAULT '',
    region          TEXT    NOT NULL DEFAULT '',
    -- name_key is the lower-cased name the list sorts and searches by; SQLite's
    -- lower() folds ASCII only, so the store fills it from Go.
    name_key        TEXT    NOT NULL
);
-- Serves the organization list, sorted by name.
CREATE INDEX organizations_name_key ON organizations (name_key, code);
-- Serves the province and kind filters of the organization list.
CREATE INDEX organizations_province ON organizations (province, name_key, code);
CREATE INDEX organizations_kind ON organizations (kind, name_key, code);

CREATE TABLE organization_memberships (
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    cooperation_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
    PRIMARY KEY (organization_id, cooperation_id)
);
-- Serves "members of a cooperation" and the RESTRICT check on deleting one.
CREATE INDEX organization_memberships_cooperation ON organization_memberships (cooperation_id);

CREATE TABLE cpv_codes (
    code     TEXT NOT NULL PRIMARY KEY,
    label    TEXT NOT NULL,
    label_en TEXT NOT NULL DEFAULT '',
    parent   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE categories (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE category_cpv (
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    cpv_code    TEXT    NOT NULL REFERENCES cpv_codes (code) ON DELETE RESTRICT,
    position    INTEGER NOT NULL,
    PRIMARY KEY (category_id, cpv_code)
);
-- Serves "which categories use this CPV code" and the RESTRICT check.
CREATE INDEX category_cpv_code ON category_cpv (cpv_code);

-- Installation-level facts, such as whether the data is a demo set (the UI
-- then says so on every page).
CREATE TABLE settings (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
