-- +goose Up
-- The spend model derived after the write (issue 15): a contract write
-- records only that the contract changed; the model's rows for it
-- (spend_contract_years, spend_cells and their rollups) are brought up to
-- date afterwards, for every changed contract at once, by
-- Store.ApplySpendChanges: the server runs it shortly after each write, and
-- every read of the model runs it first when a change is still pending,
-- so that a view shows every write acknowledged before it was asked.
-- A contract changed twice before it is applied is applied once.
CREATE TABLE spend_pending (
    contract_id INTEGER PRIMARY KEY
);
