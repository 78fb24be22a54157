-- +goose Up
-- A contract write maintains its aggregates at little more than the cost
-- of the write itself (issue 15: at most 30 % more); the SQLite twin
-- (migrations/0020) says why. over_quota is no longer kept by triggers on
-- licence_lines: the store sets it in the contract row's own INSERT or
-- UPDATE from the lines it writes with it. The counters' functions
-- already move both rows in one statement.
DROP TRIGGER licence_lines_quota_insert ON licence_lines;
DROP TRIGGER licence_lines_quota_update ON licence_lines;
DROP TRIGGER licence_lines_quota_delete ON licence_lines;
DROP FUNCTION licence_lines_quota_insert();
DROP FUNCTION licence_lines_quota_refresh();
