-- +goose Up
-- A contract write maintains its aggregates at little more than the cost
-- of the write itself (issue 15: at most 30 % more).
--
-- over_quota is no longer kept by triggers on licence_lines: the store
-- writes a contract's licence lines only together with the contract row
-- (store/contracts_write.go, contracts_bulk.go) and sets over_quota in
-- that row's own INSERT or UPDATE from the lines it writes. The triggers
-- rewrote the contract row after every line over quota (and after the
-- delete of one, which every update does), and each rewrite moved the
-- counters below twice. `samenkoop doctor` recounts over_quota from the
-- lines and reports a contract whose flag is off.
DROP TRIGGER licence_lines_quota_insert;
DROP TRIGGER licence_lines_quota_update;
DROP TRIGGER licence_lines_quota_delete;

-- The counters move in one statement per direction: the organization's
-- row and the row of every organization (0) together.
DROP TRIGGER contract_counts_insert;
DROP TRIGGER contract_counts_update;

-- +goose StatementBegin
CREATE TRIGGER contract_counts_insert AFTER INSERT ON contracts BEGIN
    INSERT INTO contract_counts VALUES (new.organization_id, coalesce(new.category_id, 0), new.status, new.expired, new.over_quota, 1),
        (0, coalesce(new.category_id, 0), new.status, new.expired, new.over_quota, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER contract_counts_update AFTER UPDATE OF organization_id, category_id, status, final_end, dates_as_of, over_quota
ON contracts WHEN old.organization_id <> new.organization_id OR coalesce(old.category_id, 0) <> coalesce(new.category_id, 0)
    OR old.status <> new.status OR old.expired <> new.expired OR old.over_quota <> new.over_quota BEGIN
    UPDATE contract_counts SET n = n - 1 WHERE organization_id IN (0, old.organization_id)
        AND category_id = coalesce(old.category_id, 0) AND status = old.status AND expired = old.expired
        AND over_quota = old.over_quota;
    INSERT INTO contract_counts VALUES (new.organization_id, coalesce(new.category_id, 0), new.status, new.expired, new.over_quota, 1),
        (0, coalesce(new.category_id, 0), new.status, new.expired, new.over_quota, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
