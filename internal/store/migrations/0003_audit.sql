-- +goose Up
-- The audit log (DESIGN §6): one row per change, written in the same
-- transaction as the change, never updated or deleted by the application.
-- Each row carries the hash of the row before it (prev_hash) and its own
-- hash over every other column (internal/audit.Entry.ComputeHash), so an
-- edited, deleted or reordered row breaks the chain that
-- `samenkoop audit verify` walks.
--
-- seq is assigned by the store as the previous seq + 1 inside the writing
-- transaction, not by AUTOINCREMENT: the chain needs 1, 2, 3, … without
-- gaps, and a rolled-back change must leave no hole.
-- at is UTC text with six fraction digits (2026-11-22T09:00:00.000000Z),
-- fixed width, so text order is time order for the period filter.
-- before and after are the entity as JSON; NULL when there is no such state
-- (before of a create, after of a delete). actor_id is 0 for CLI and system
-- changes; no foreign key to users, because the log outlives the users it
-- names.
CREATE TABLE audit_log (
    seq         INTEGER NOT NULL PRIMARY KEY,
    at          TEXT    NOT NULL,
    actor_kind  TEXT    NOT NULL CHECK (actor_kind IN ('user', 'cli', 'system')),
    actor_id    INTEGER NOT NULL DEFAULT 0,
    actor_email TEXT    NOT NULL DEFAULT '',
    entity      TEXT    NOT NULL,
    entity_id   TEXT    NOT NULL DEFAULT '',
    action      TEXT    NOT NULL,
    before      TEXT,
    after       TEXT,
    request_id  TEXT    NOT NULL DEFAULT '',
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL
);
-- Serves the entity filter of the log, and the history of one entity
-- (entity and entity_id), newest first.
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, seq);
-- Serves the actor filter of the log ("what did this user change"), newest
-- first.
CREATE INDEX audit_log_actor ON audit_log (actor_email, seq);
-- Serves the period filter of the log (at between From and To).
CREATE INDEX audit_log_at ON audit_log (at);
