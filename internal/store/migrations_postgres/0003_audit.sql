-- +goose Up
-- The PostgreSQL form of migrations/0003_audit.sql (same version, same logical schema).
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
    seq         BIGINT NOT NULL PRIMARY KEY,
    at          TEXT COLLATE "C"    NOT NULL,
    actor_kind  TEXT COLLATE "C"    NOT NULL CHECK (actor_kind IN ('user', 'cli', 'system')),
    actor_id    BIGINT NOT NULL DEFAULT 0,
    actor_email TEXT COLLATE "C"    NOT NULL DEFAULT '',
    entity      TEXT COLLATE "C"    NOT NULL,
    entity_id   TEXT COLLATE "C"    NOT NULL DEFAULT '',
    action      TEXT COLLATE "C"    NOT NULL,
    before      TEXT COLLATE "C",
    after       TEXT COLLATE "C",
    request_id  TEXT COLLATE "C"    NOT NULL DEFAULT '',
    prev_hash   TEXT COLLATE "C"    NOT NULL,
    hash        TEXT COLLATE "C"    NOT NULL
);
-- Serves the entity filter of the log, and the history of one entity
-- (entity and entity_id), newest first.
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, seq);
-- Serves the actor filter of the log ("what did this user change"), newest
-- first.
CREATE INDEX audit_log_actor ON audit_log (actor_email, seq);
-- Serves the period filter of the log (at between From and To).
CREATE INDEX audit_log_at ON audit_log (at);
