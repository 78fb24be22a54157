package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
)

// The start page's deadlines (issue 15) from the same indexes as the
// alerts list (alertArms): the coming alerts in the start page's order,
// which puts an overdue action at the deadline it leads up to, merged by
// day from a read of each kind, and the latest missed notice deadlines.

// HomeAlertSQL is the SQL HomeAlertCandidates runs, for the benchmarks
// whose bare side must do the work the start page does.
type HomeAlertSQL struct {
	// Stale tells whether any stored date is not today's.
	Stale Statement
	// Dated read the first keys of each kind of alert on a stored date
	// in the window (the date and the contract id); DatedRanks says
	// which kind each is.
	Dated      []Statement
	DatedRanks []int
	// Overdue reads the first overdue actions by the deadline they lead
	// up to (the deadline and the contract id), up to and including the
	// day through ("" for no limit): one statement for the notice
	// deadlines, one for the option decisions.
	Overdue func(through string) []Statement
	// Missed reads what the day of each missed notice deadline follows
	// from: the contract id, the current end and the notice period.
	Missed Statement
	// Counts count the coming alerts of each kind up to the bound and
	// one more, the overdue actions first.
	Counts []Statement
}

// HomeAlertStatements returns the SQL of the start page's deadlines for q.
func HomeAlertStatements(q contracts.HomeAlertQuery) HomeAlertSQL {
	list := AlertListStatements(contracts.AlertQuery{Scope: q.Scope, Today: q.Today, Until: q.Until, Limit: q.Limit}, q.Bound)
	out := HomeAlertSQL{Stale: list.Stale}
	cond, scopeArgs := scopeID("c.organization_id", q.Scope)
	base := "c.status <> 'terminated'"
	if cond != "" {
		base = cond + " AND " + base
	}
	for i, arm := range list.Arms {
		if list.ArmDated[i] {
			out.Dated, out.DatedRanks = append(out.Dated, arm), append(out.DatedRanks, list.ArmRanks[i])
		}
	}
	// The counts of alertArms' order less the first: the missed notices.
	out.Counts = list.Counts[1:]
	today := q.Today.String()
	out.Overdue = func(through string) []Statement {
		var stmts []Statement
		// The terms of the partial indexes contracts_alert_notice and
		// contracts_alert_option, so that each reads its index by the
		// deadline from today on.
		for _, d := range []struct{ col, cond string }{
			{"c.notice_deadline", "c.notice_deadline <> ''"},
			{"c.option_decision", "c.notice_deadline = '' AND c.option_decision <> ''"},
		} {
			args := append(slices.Clone(scopeArgs), today, today)
			sql := `SELECT ` + d.col + `, c.id FROM contracts c WHERE ` + base + ` AND ` + d.cond +
				` AND c.action_date <> '' AND c.action_date < ? AND ` + d.col + ` >= ?`
			if through != "" {
				sql += ` AND ` + d.col + ` <= ?`
				args = append(args, through)
			}
			stmts = append(stmts, Statement{sql + ` ORDER BY ` + d.col + `, c.id LIMIT ?`, append(args, q.Limit)})
		}
		return stmts
	}
	out.Missed = Statement{`SELECT c.id, c.current_end, c.notice_days, c.notice_months FROM contracts c WHERE ` + base +
		` AND c.renewal_kind = 'tacit' AND c.committed_end <> c.current_end`, slices.Clone(scopeArgs)}
	return out
}

// HomeAlertCandidates implements contracts.Store.
func (st *Store) HomeAlertCandidates(ctx context.Context, q contracts.HomeAlertQuery) (contracts.HomeAlertCandidates, error) {
	var out contracts.HomeAlertCandidates
	s := HomeAlertStatements(q)
	if err := st.read().QueryRowContext(ctx, s.Stale.SQL, s.Stale.Args...).Scan(&out.Stale); err != nil {
		return out, fmt.Errorf("store: home alerts: %w", err)
	}
	if out.Stale {
		return out, nil
	}
	var hits []contracts.HomeAlertKey
	bound := func(keys []contracts.HomeAlertKey) {
		hits = append(hits, keys...)
		if len(keys) == q.Limit {
			last := keys[len(keys)-1]
			if !out.Bounded || contracts.CompareHomeAlertKeys(last, out.Bound) < 0 {
				out.Bound, out.Bounded = last, true
			}
		}
	}
	for i, arm := range s.Dated {
		keys, err := st.homeAlertKeys(ctx, arm, func(day contracts.Date, id int64) contracts.HomeAlertKey {
			return contracts.HomeAlertKey{Day: day, AlertKey: contracts.AlertKey{Date: day, Rank: s.DatedRanks[i], Contract: id}}
		})
		if err != nil {
			return out, err
		}
		bound(keys)
	}
	// An overdue action comes before the dated alerts of its deadline's
	// day, so only those up to the bound's day can be among the first.
	through := ""
	if out.Bounded {
		through = out.Bound.Day.String()
	}
	for _, arm := range s.Overdue(through) {
		keys, err := st.homeAlertKeys(ctx, arm, func(day contracts.Date, id int64) contracts.HomeAlertKey {
			return contracts.HomeAlertKey{Day: day, AlertKey: contracts.AlertKey{Date: q.Today, Rank: contracts.AlertRankOverdue, Contract: id}}
		})
		if err != nil {
			return out, err
		}
		bound(keys)
	}
	var coming []any
	seen := map[int64]bool{}
	for _, k := range hits {
		if out.Bounded && contracts.CompareHomeAlertKeys(k, out.Bound) > 0 || seen[k.Contract] {
			continue
		}
		seen[k.Contract] = true
		coming = append(coming, k.Contract)
	}
	missed, err := st.latestMissed(ctx, s.Missed, q.Limit)
	if err != nil {
		return out, err
	}
	out.MissedTotal = missed.total
	for i, c := range s.Counts {
		var n int
		if err := st.read().QueryRowContext(ctx, c.SQL, c.Args...).Scan(&n); err != nil {
			return out, fmt.Errorf("store: count home alerts: %w", err)
		}
		out.Total += n
		if i == 0 {
			out.Overdue = n
		}
	}
	ids := slices.Clone(coming)
	isMissed := map[int64]bool{}
	for _, id := range missed.ids {
		isMissed[id] = true
		if !seen[id] {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := st.read().QueryContext(ctx, AlertRows(len(ids)), ids...)
	if err != nil {
		return out, fmt.Errorf("store: home alerts: %w", err)
	}
	defer rows.Close()
	sc := newContractScan(contractNamed, func(cs *contracts.ContractSummary) []any {
		return []any{&cs.Organization, &cs.OrganizationName, &cs.VendorName, &cs.Revision}
	})
	for rows.Next() {
		cs, err := sc.scan(rows)
		if err != nil {
			return out, fmt.Errorf("store: scan home alert contract: %w", err)
		}
		if seen[cs.ID] {
			out.Coming = append(out.Coming, cs)
		}
		if isMissed[cs.ID] {
			out.Missed = append(out.Missed, cs)
		}
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("store: home alerts: %w", err)
	}
	return out, nil
}

// homeAlertKeys reads the keys of one kind's rows: a date and a contract
// id each, made a key by key.
func (st *Store) homeAlertKeys(ctx context.Context, arm Statement, key func(contracts.Date, int64) contracts.HomeAlertKey) ([]contracts.HomeAlertKey, error) {
	rows, err := st.read().QueryContext(ctx, arm.SQL, arm.Args...)
	if err != nil {
		return nil, fmt.Errorf("store: home alerts: %w", err)
	}
	defer rows.Close()
	var out []contracts.HomeAlertKey
	for rows.Next() {
		var (
			d  string
			id int64
		)
		if err := rows.Scan(&d, &id); err != nil {
			return nil, fmt.Errorf("store: home alerts: %w", err)
		}
		day, err := contracts.ParseDate(d)
		if err != nil {
			return nil, fmt.Errorf("store: home alerts: contract %d: %w", id, err)
		}
		out = append(out, key(day, id))
	}
	return out, rows.Err()
}

// missedRead is the latest missed notice deadlines: the contract ids of
// the first ones and how many there are.
type missedRead struct {
	ids   []int64
	total int
}

// latestMissed reads the missed notice deadlines and returns the ids of
// the limit latest (the day each passed: the notice deadline of the
// current end), ties by contract id.
func (st *Store) latestMissed(ctx context.Context, s Statement, limit int) (missedRead, error) {
	rows, err := st.read().QueryContext(ctx, s.SQL, s.Args...)
	if err != nil {
		return missedRead{}, fmt.Errorf("store: missed notices: %w", err)
	}
	defer rows.Close()
	type missed struct {
		id  int64
		day contracts.Date
	}
	var all []missed
	for rows.Next() {
		var (
			m   missed
			end string
			c   contracts.Contract
		)
		if err := rows.Scan(&m.id, &end, &c.NoticeDays, &c.NoticeMonths); err != nil {
			return missedRead{}, fmt.Errorf("store: missed notices: %w", err)
		}
		e, err := contracts.ParseDate(end)
		if err != nil {
			return missedRead{}, fmt.Errorf("store: missed notices: contract %d: %w", m.id, err)
		}
		m.day = c.NoticeDeadlineFor(e)
		all = append(all, m)
	}
	if err := rows.Err(); err != nil {
		return missedRead{}, fmt.Errorf("store: missed notices: %w", err)
	}
	slices.SortFunc(all, func(a, b missed) int {
		switch {
		case a.day.After(b.day):
			return -1
		case a.day.Before(b.day):
			return 1
		}
		return cmp.Compare(a.id, b.id)
	})
	out := missedRead{total: len(all)}
	for _, m := range all[:min(limit, len(all))] {
		out.ids = append(out.ids, m.id)
	}
	return out, nil
}
