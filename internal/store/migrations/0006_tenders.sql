-- +goose Up
-- Joint procurement (DESIGN §3): registered demand, tenders with their
-- lots, participants and mandates, requirements with each participant's
-- rating, and the call-off contracts a contracted tender put in the
-- register. Organizations are referenced by id and shown by code, as in
-- the register. Dates are 'YYYY-MM-DD' text, '' for none.

-- One organization's need in one category. RESTRICT on the organization
-- and category: demand is a record of the organization, not something to
-- lose silently. The replaced contract may leave the register; the demand
-- then simply replaces nothing.
CREATE TABLE demand (
    id                   INTEGER PRIMARY KEY,
    organization_id      INTEGER NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
    category_id          INTEGER NOT NULL REFERENCES categories (id) ON DELETE RESTRICT,
    quantity             INTEGER NOT NULL DEFAULT 0 CHECK (quantity >= 0),
    unit                 TEXT    NOT NULL DEFAULT '',
    desired_start        TEXT    NOT NULL,
    replaces_contract_id INTEGER REFERENCES contracts (id) ON DELETE SET NULL,
    annual_budget        INTEGER NOT NULL DEFAULT 0 CHECK (annual_budget >= 0),
    status               TEXT    NOT NULL CHECK (status IN ('draft', 'submitted', 'withdrawn')),
    notes                TEXT    NOT NULL DEFAULT ''
);
-- An organization has one open demand per category (DESIGN §3: demand is
-- organization × category); once withdrawn it may register a new one.
CREATE UNIQUE INDEX demand_open ON demand (organization_id, category_id) WHERE status <> 'withdrawn';
-- Serves the demand list of one organization or scope, by desired start,
-- and the RESTRICT check when an organization is deleted.
CREATE INDEX demand_organization ON demand (organization_id, desired_start);
-- Serves the category filter of the demand list and the RESTRICT check
-- when a category is deleted.
CREATE INDEX demand_category ON demand (category_id);
-- Serves the SET NULL when a contract is deleted from the register.
CREATE INDEX demand_replaces ON demand (replaces_contract_id) WHERE replaces_contract_id IS NOT NULL;

-- A joint tender, run by its lead authority (lead_id). title_key is the
-- lower-cased title the list searches, filled from Go like name_key.
CREATE TABLE tenders (
    id                      INTEGER PRIMARY KEY,
    title                   TEXT    NOT NULL,
    title_key               TEXT    NOT NULL,
    description             TEXT    NOT NULL DEFAULT '',
    category_id             INTEGER NOT NULL REFERENCES categories (id) ON DELETE RESTRICT,
    cpv                     TEXT    NOT NULL DEFAULT '',
    lead_id                 INTEGER NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
    kind                    TEXT    NOT NULL CHECK (kind IN ('supplies', 'services', 'works', 'social')),
    framework               INTEGER NOT NULL DEFAULT 0 CHECK (framework IN (0, 1)),
    framework_justified     INTEGER NOT NULL DEFAULT 0 CHECK (framework_justified IN (0, 1)),
    term_months             INTEGER NOT NULL CHECK (term_months > 0),
    total_price             INTEGER NOT NULL DEFAULT 0 CHECK (total_price IN (0, 1)),
    electronic              INTEGER NOT NULL DEFAULT 0 CHECK (electronic IN (0, 1)),
    documents_online        INTEGER NOT NULL DEFAULT 0 CHECK (documents_online IN (0, 1)),
    pin                     INTEGER NOT NULL DEFAULT 0 CHECK (pin IN (0, 1)),
    urgent                  INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    publication             TEXT    NOT NULL DEFAULT '',
    needed_start            TEXT    NOT NULL DEFAULT '',
    -- '' means the procedure is determined, not overridden.
    procedure               TEXT    NOT NULL DEFAULT '' CHECK (procedure IN ('', 'open', 'restricted',
                                'competitive_negotiation', 'competitive_dialogue', 'multiple_private', 'single_source')),
    procedure_justification TEXT    NOT NULL DEFAULT '',
    status                  TEXT    NOT NULL CHECK (status IN ('draft', 'collecting', 'mandating', 'published',
                                'evaluating', 'awarded', 'contracted', 'closed', 'cancelled')),
    award_decision          TEXT    NOT NULL DEFAULT ''
);
-- Serves the lead side of the tender list's scope filter and the RESTRICT
-- check when an organization is deleted.
CREATE INDEX tenders_lead ON tenders (lead_id);
-- Serves the category filter of the tender list and the RESTRICT check
-- when a category is deleted.
CREATE INDEX tenders_category ON tenders (category_id);

-- The extension options on top of a tender's initial term, in order.
CREATE TABLE tender_options (
    tender_id INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    months    INTEGER NOT NULL CHECK (months > 0),
    PRIMARY KEY (tender_id, position)
);

-- The lots of a tender, numbered from 1 within it. A vendor that won a lot
-- cannot be deleted (RESTRICT): the award is part of the record.
CREATE TABLE lots (
    id         INTEGER PRIMARY KEY,
    tender_id  INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
    number     INTEGER NOT NULL CHECK (number > 0),
    title      TEXT    NOT NULL,
    cpv        TEXT    NOT NULL DEFAULT '',
    unit       TEXT    NOT NULL DEFAULT '',
    unit_price INTEGER NOT NULL DEFAULT 0 CHECK (unit_price >= 0),
    vendor_id  INTEGER REFERENCES vendors (id) ON DELETE RESTRICT,
    -- Serves the lots of a tender by number and the next number.
    UNIQUE (tender_id, number)
);
-- Serves the RESTRICT check when a vendor is deleted.
CREATE INDEX lots_vendor ON lots (vendor_id) WHERE vendor_id IS NOT NULL;

-- An organization in a tender with its mandate. The organization stays
-- while it takes part (RESTRICT); the demand it joined from may be deleted
-- (SET NULL).
CREATE TABLE participants (
    id                 INTEGER PRIMARY KEY,
    tender_id          INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
    organization_id    INTEGER NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
    demand_id          INTEGER REFERENCES demand (id) ON DELETE SET NULL,
    joined             TEXT    NOT NULL DEFAULT '',
    mandate_status     TEXT    NOT NULL CHECK (mandate_status IN ('requested', 'signed', 'revoked')),
    mandate_requested  TEXT    NOT NULL DEFAULT '',
    mandate_signed     TEXT    NOT NULL DEFAULT '',
    mandate_body       TEXT    NOT NULL DEFAULT '' CHECK (mandate_body IN ('', 'college', 'raad',
                           'dagelijks_bestuur', 'algemeen_bestuur', 'directie')),
    scope_documents    INTEGER NOT NULL DEFAULT 0 CHECK (scope_documents IN (0, 1)),
    scope_award        INTEGER NOT NULL DEFAULT 0 CHECK (scope_award IN (0, 1)),
    scope_litigation   INTEGER NOT NULL DEFAULT 0 CHECK (scope_litigation IN (0, 1)),
    scope_substitution INTEGER NOT NULL DEFAULT 0 CHECK (scope_substitution IN (0, 1)),
    mandate_reference  TEXT    NOT NULL DEFAULT '',
    -- Serves the participants of a tender, the upsert of one, and the
    -- counts of the tender list.
    UNIQUE (tender_id, organization_id)
);
-- Serves the participant side of the tender list's scope filter and the
-- RESTRICT check when an organization is deleted.
CREATE INDEX participants_organization ON participants (organization_id);
-- Serves the SET NULL when demand is deleted.
CREATE INDEX participants_demand ON participants (demand_id) WHERE demand_id IS NOT NULL;

-- A participant's demand in one lot of its tender (the store checks that
-- the lot is the participant's tender's).
CREATE TABLE participant_volumes (
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    lot_id         INTEGER NOT NULL REFERENCES lots (id) ON DELETE CASCADE,
    quantity       INTEGER NOT NULL DEFAULT 0 CHECK (quantity >= 0),
    annual         INTEGER NOT NULL DEFAULT 0 CHECK (annual >= 0),
    -- Serves the volumes of a tender's participants (through
    -- participants' UNIQUE index) and their replacement.
    PRIMARY KEY (participant_id, lot_id)
);
-- Serves the CASCADE when a lot is deleted.
CREATE INDEX participant_volumes_lot ON participant_volumes (lot_id);

-- The requirements of a tender, numbered from 1 within it.
CREATE TABLE requirements (
    id        INTEGER PRIMARY KEY,
    tender_id INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
    number    INTEGER NOT NULL CHECK (number > 0),
    text      TEXT    NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('knockout', 'award')),
    -- Serves the requirements of a tender by number and the next number.
    UNIQUE (tender_id, number)
);

-- A participant's MoSCoW rating of a requirement: requirement ×
-- organization within the tender, kept on the participant so that only
-- participants rate and an organization leaving the tender takes its
-- ratings along (CASCADE). The store checks that the requirement is the
-- participant's tender's.
CREATE TABLE requirement_ratings (
    requirement_id INTEGER NOT NULL REFERENCES requirements (id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    rating         TEXT    NOT NULL CHECK (rating IN ('must', 'should', 'could', 'wont')),
    -- Serves the ratings of one requirement and their upsert.
    PRIMARY KEY (requirement_id, participant_id)
);
-- Serves the ratings of a tender (through its participants), one
-- participant's ratings, and the CASCADE when a participant leaves.
CREATE INDEX requirement_ratings_participant ON requirement_ratings (participant_id);

-- The call-off contract each participant got per lot of a contracted
-- tender. The contract lives in the register, which knows nothing of
-- tenders (contracts never imports procurement): deleting a contract there
-- CASCADEs to its link here, because RESTRICT would make the register's
-- delete fail on a row it cannot explain. Deleting a tender removes the
-- links, never the contracts.
CREATE TABLE call_offs (
    tender_id       INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
    lot_id          INTEGER NOT NULL REFERENCES lots (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
    contract_id     INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    -- One call-off per organization and lot; serves the call-offs of a
    -- tender.
    PRIMARY KEY (tender_id, organization_id, lot_id)
);
-- Serves the CASCADE when a lot is deleted.
CREATE INDEX call_offs_lot ON call_offs (lot_id);
-- Serves the CASCADE when a contract is deleted from the register.
CREATE INDEX call_offs_contract ON call_offs (contract_id);
-- Serves the RESTRICT check when an organization is deleted.
CREATE INDEX call_offs_organization ON call_offs (organization_id);
