-- +goose Up
-- The alerts list one page at a time (issue 15): each kind of alert is
-- read in its order from an index holding exactly the contracts that
-- have it on their dates stored for today, so that a page seeks and a
-- bounded count reads the index alone. The conditions repeat those of
-- store/alerts.go (alertArms) term for term, so that the planner may use
-- the indexes. The overdue action depends on today and reads
-- contracts_action.

-- A missed notice deadline: tacit renewal, committed past the current end.
CREATE INDEX contracts_alert_missed ON contracts (id)
    WHERE status <> 'terminated' AND renewal_kind = 'tacit' AND committed_end <> current_end;
-- An action date that is not the deadline itself.
CREATE INDEX contracts_alert_action ON contracts (action_date)
    WHERE status <> 'terminated' AND action_date <> (CASE WHEN notice_deadline <> '' THEN notice_deadline ELSE option_decision END)
    AND action_date <> '';
-- A notice deadline that is not a rolling one (which has no action date).
CREATE INDEX contracts_alert_notice ON contracts (notice_deadline)
    WHERE status <> 'terminated' AND action_date <> '' AND notice_deadline <> '';
-- An option decision.
CREATE INDEX contracts_alert_option ON contracts (option_decision)
    WHERE status <> 'terminated' AND notice_deadline = '' AND option_decision <> '';
-- The final end.
CREATE INDEX contracts_alert_expiry ON contracts (final_end)
    WHERE status <> 'terminated' AND final_end <> '';

