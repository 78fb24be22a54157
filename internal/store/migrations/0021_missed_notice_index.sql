-- +goose Up
-- The start page's latest missed notice deadlines one page at a time
-- (issue 15): the day a notice deadline was missed follows from the
-- current end and the notice period, in the order of the current end for
-- one notice period; this index holds the missed ones (the conditions of
-- contracts_alert_missed, migration 0019) by notice period and current
-- end, so that the latest of each notice period are read from its end
-- and the few notice periods by a seek each (store/alerts_home.go).
CREATE INDEX contracts_alert_missed_end ON contracts (notice_months, notice_days, current_end)
    WHERE status <> 'terminated' AND renewal_kind = 'tacit' AND committed_end <> current_end;
