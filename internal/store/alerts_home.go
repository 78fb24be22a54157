package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
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
	// from: the contract id, the current end and the notice period; for
	// one organization (a scoped query), whose contracts are few.
	Missed Statement
	// For every organization, the missed notices are read by notice
	// period from contracts_alert_missed_end (migration 0021):
	// MissedPeriod the first notice period (months, days) after the one
	// given, MissedLatest the ids and current ends of a notice period's
	// latest, MissedTies those with current ends in a range, by id;
	// MissedCount counts them up to the bound and one more. Nil for a
	// scoped query.
	MissedPeriod func(months, days int) Statement
	MissedLatest func(months, days int) Statement
	MissedTies   func(months, days int, from, to string) Statement
	MissedCount  *Statement
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
	missed := base + ` AND c.renewal_kind = 'tacit' AND c.committed_end <> c.current_end`
	out.Missed = Statement{`SELECT c.id, c.current_end, c.notice_days, c.notice_months FROM contracts c WHERE ` + missed, slices.Clone(scopeArgs)}
	if cond != "" {
		return out
	}
	out.MissedPeriod = func(months, days int) Statement {
		return Statement{`SELECT c.notice_months, c.notice_days FROM contracts c WHERE ` + missed +
			` AND (c.notice_months, c.notice_days) > (?, ?) ORDER BY c.notice_months, c.notice_days LIMIT 1`,
			[]any{months, days}}
	}
	out.MissedLatest = func(months, days int) Statement {
		return Statement{`SELECT c.id, c.current_end FROM contracts c WHERE ` + missed +
			` AND c.notice_months = ? AND c.notice_days = ? ORDER BY c.current_end DESC, c.id LIMIT ?`, []any{months, days, q.Limit}}
	}
	out.MissedTies = func(months, days int, from, to string) Statement {
		return Statement{`SELECT c.id, c.current_end FROM contracts c WHERE ` + missed +
			` AND c.notice_months = ? AND c.notice_days = ? AND c.current_end >= ? AND c.current_end <= ? ORDER BY c.id LIMIT ?`,
			[]any{months, days, from, to, q.Limit}}
	}
	out.MissedCount = &Statement{`SELECT count(*) FROM (SELECT 1 AS one FROM contracts c WHERE ` + missed + ` LIMIT ?) n`, []any{q.Bound + 1}}
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
	var missed missedRead
	var err error
	if s.MissedCount != nil {
		missed, err = st.latestMissedByPeriod(ctx, s, q.Limit)
	} else {
		missed, err = st.latestMissed(ctx, s.Missed, q.Limit)
	}
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
	list, err := st.alertRowContracts(ctx, ids, "")
	if err != nil {
		return out, fmt.Errorf("store: home alerts: %w", err)
	}
	for _, cs := range list {
		if seen[cs.ID] {
			out.Coming = append(out.Coming, cs)
		}
		if isMissed[cs.ID] {
			out.Missed = append(out.Missed, cs)
		}
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
	slices.SortFunc(all, latestMissedFirst)
	out := missedRead{total: len(all)}
	for _, m := range all[:min(limit, len(all))] {
		out.ids = append(out.ids, m.id)
	}
	return out, nil
}

// latestMissed by notice period: for every organization, the missed
// notice deadlines are many (one in eleven contracts of the national demo
// register), and the day each was missed, the notice deadline of its
// current end, follows the current end in order only among the contracts
// of one notice period. So the latest of each notice period are read from
// the end of its range of contracts_alert_missed_end, and those that tie
// on the day of the last read (current ends that a notice in months maps
// to one day, and the contracts sharing the last current end) by id, the
// first limit: every missed deadline not read comes after all that were,
// and the limit latest of them all are the limit latest of those read.
func (st *Store) latestMissedByPeriod(ctx context.Context, s HomeAlertSQL, limit int) (missedRead, error) {
	var out missedRead
	if err := st.read().QueryRowContext(ctx, s.MissedCount.SQL, s.MissedCount.Args...).Scan(&out.total); err != nil {
		return out, fmt.Errorf("store: count missed notices: %w", err)
	}
	var all []missed
	read := func(stmt Statement, c contracts.Contract) ([]missed, contracts.Date, error) {
		rows, err := st.read().QueryContext(ctx, stmt.SQL, stmt.Args...)
		if err != nil {
			return nil, contracts.Date{}, fmt.Errorf("store: missed notices: %w", err)
		}
		defer rows.Close()
		var (
			ms   []missed
			last contracts.Date
		)
		for rows.Next() {
			var (
				m   missed
				end string
			)
			if err := rows.Scan(&m.id, &end); err != nil {
				return nil, last, fmt.Errorf("store: missed notices: %w", err)
			}
			if last, err = contracts.ParseDate(end); err != nil {
				return nil, last, fmt.Errorf("store: missed notices: contract %d: %w", m.id, err)
			}
			m.day = c.NoticeDeadlineFor(last)
			ms = append(ms, m)
		}
		return ms, last, rows.Err()
	}
	months, days := -1, -1
	for range maxNoticePeriods {
		err := st.read().QueryRowContext(ctx, s.MissedPeriod(months, days).SQL, s.MissedPeriod(months, days).Args...).Scan(&months, &days)
		if errors.Is(err, sql.ErrNoRows) {
			break
		}
		if err != nil {
			return out, fmt.Errorf("store: missed notices: %w", err)
		}
		c := contracts.Contract{NoticeMonths: months, NoticeDays: days}
		latest, last, err := read(s.MissedLatest(months, days), c)
		if err != nil {
			return out, err
		}
		if len(latest) < limit {
			all = append(all, latest...)
			continue
		}
		// The current ends whose deadline is the last one read.
		day := c.NoticeDeadlineFor(last)
		from, to := last, last
		for i := 0; i < 31 && sameDay(c.NoticeDeadlineFor(from.AddDays(-1)), day); i++ {
			from = from.AddDays(-1)
		}
		for i := 0; i < 31 && sameDay(c.NoticeDeadlineFor(to.AddDays(1)), day); i++ {
			to = to.AddDays(1)
		}
		ties, _, err := read(s.MissedTies(months, days, from.String(), to.String()), c)
		if err != nil {
			return out, err
		}
		for _, m := range latest {
			if m.day.After(day) {
				all = append(all, m)
			}
		}
		all = append(all, ties...)
	}
	slices.SortFunc(all, latestMissedFirst)
	for _, m := range all[:min(limit, len(all))] {
		out.ids = append(out.ids, m.id)
	}
	return out, nil
}

// maxNoticePeriods bounds the notice periods latestMissedByPeriod reads:
// far more than any register has (the demo has nine).
const maxNoticePeriods = 1000

// sameDay reports whether a and b are one day.
func sameDay(a, b contracts.Date) bool { return !a.Before(b) && !b.Before(a) }

// missed is a missed notice deadline read: the contract and the day.
type missed struct {
	id  int64
	day contracts.Date
}

// latestMissedFirst orders missed notice deadlines latest day first, ties
// by contract id.
func latestMissedFirst(a, b missed) int {
	switch {
	case a.day.After(b.day):
		return -1
	case a.day.Before(b.day):
		return 1
	}
	return cmp.Compare(a.id, b.id)
}
