package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/audit"
)

// alertSelect reads what the alerts need of a contract: the facts its
// dates follow from (contractNamed), the names an alert shows, and its
// revision: the number of updates the audit log holds for it, which
// numbers a calendar event's versions (SEQUENCE). The audit_log_entity
// index serves that count. It leaves out the vendor group and licence
// line counts of contractSelect, which the alerts do not show and which
// cost more than the rest of the query.
var alertSelect = `SELECT ` + contractColumnList(contractNamed) + `, o.code, o.name, v.name,
		(SELECT count(*) FROM audit_log a WHERE a.entity = 'contract' AND a.entity_id = CAST(c.id AS TEXT) AND a.action = '` + audit.ActionUpdate + `')
	FROM contracts c
	JOIN organizations o ON o.id = c.organization_id
	JOIN vendors v ON v.id = c.vendor_id
	WHERE c.status <> 'terminated'`

// alertWindow selects the contracts with an alert from today to until,
// going by the dates stored for today: one of them falls in the window, or
// the notice deadline was missed (the committed end then lies past the
// current one, contracts.Dates), or the action date passed while the
// notice deadline or option decision has not (the overdue action). A row whose dates were stored for
// another day is taken as well, for the caller to compute afresh: so the
// answer does not wait for contracts.Service.RefreshDates. The
// contracts_notice and contracts_action indexes serve the first two terms.
const alertWindow = ` AND (c.notice_deadline BETWEEN ? AND ? OR c.action_date BETWEEN ? AND ?
		OR c.option_decision BETWEEN ? AND ? OR c.final_end BETWEEN ? AND ?
		OR c.committed_end <> c.current_end
		OR c.action_date <> '' AND c.action_date < ? AND (c.notice_deadline >= ? OR c.option_decision >= ?)
		OR c.dates_as_of <> ?)`

// AlertContracts calls fn for every contract of scope and
// organization ("" for any) that is not terminated and may have an alert
// from today up to until; with a zero until, for every such contract. The
// summaries carry the contract and the organization's and vendor's names
// only.
func (st *Store) AlertContracts(ctx context.Context, scope contracts.Scope, organization string, today, until contracts.Date,
	fn func(contracts.ContractSummary) error) error {
	var (
		q    strings.Builder
		args []any
	)
	q.WriteString(alertSelect)
	switch cond, a := scopeCode("o.code", scope); cond {
	case "":
	case sqlFalse:
		return nil
	default:
		q.WriteString(" AND " + cond)
		args = append(args, a...)
	}
	if organization != "" {
		q.WriteString(" AND o.code = ?")
		args = append(args, organization)
	}
	if !until.IsZero() {
		from, to := today.String(), until.String()
		q.WriteString(alertWindow)
		args = append(args, from, to, from, to, from, to, from, to, from, from, from, from)
	}
	rows, err := st.read().QueryContext(ctx, q.String(), args...)
	if err != nil {
		return fmt.Errorf("store: alert contracts: %w", err)
	}
	defer rows.Close()
	sc := newContractScan(contractNamed, func(cs *contracts.ContractSummary) []any {
		return []any{&cs.Organization, &cs.OrganizationName, &cs.VendorName, &cs.Revision}
	})
	for rows.Next() {
		cs, err := sc.scan(rows)
		if err != nil {
			return fmt.Errorf("store: scan alert contract: %w", err)
		}
		if err := fn(cs); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: alert contracts: %w", err)
	}
	return nil
}

// The alerts list one page at a time (issue 15): each kind of alert of a
// live list falls on one stored date of its contract, read in its order
// from that date's index (contracts_action, contracts_notice,
// contracts_final_end; the option decision has none and is read along
// the table), or on today, read in id order: a missed notice deadline
// (tacit renewal, committed past the current end) or an overdue action
// (the action date passed, the deadline it leads up to has not). The
// conditions are those under which contracts.Alerts gives the alert for
// dates stored for today, so that a page's rows are alerts and a count of
// them counts alerts.

// alertDeadline is the deadline an action date leads up to: the notice
// deadline, else the option decision.
const alertDeadline = `(CASE WHEN c.notice_deadline <> '' THEN c.notice_deadline ELSE c.option_decision END)`

// alertArm is the rows of one kind of alert: col is the stored date the
// alert falls on ("" for today), cond what else it takes, with its
// arguments (today, until given) from args.
type alertArm struct {
	rank int
	col  string
	cond string
	args func(today string) []any
}

var alertArms = []alertArm{
	{rank: contracts.AlertRankMissed, cond: `c.renewal_kind = 'tacit' AND c.committed_end <> c.current_end`},
	{rank: contracts.AlertRankOverdue, cond: `c.action_date <> '' AND c.action_date < ? AND ` + alertDeadline + ` >= ?`,
		args: func(today string) []any { return []any{today, today} }},
	// Without lead days the action date is the deadline, and the
	// deadline's alert says it.
	{rank: contracts.AlertRankAction, col: "c.action_date", cond: `c.action_date <> ` + alertDeadline},
	// A rolling notice deadline (indefinite continuation) has no action
	// date and asks for nothing.
	{rank: contracts.AlertRankNotice, col: "c.notice_deadline", cond: `c.action_date <> ''`},
	{rank: contracts.AlertRankOption, col: "c.option_decision", cond: `c.notice_deadline = ''`},
	{rank: contracts.AlertRankExpiry, col: "c.final_end"},
}

// Statement is one SQL statement with its arguments.
type Statement struct {
	SQL  string
	Args []any
}

// AlertListSQL is the SQL of one page of the alerts list as
// AlertCandidates and AlertCount run it, for the benchmarks whose bare
// side must do the work the page does.
type AlertListSQL struct {
	// Stale tells whether any stored date is not today's.
	Stale Statement
	// Arms read the rows of each kind of alert from the cursor on: the
	// date (for the arms of a stored date) and the contract id, in their
	// order; ArmRanks says which kind each is, ArmDated whether its rows
	// carry the date.
	Arms     []Statement
	ArmRanks []int
	ArmDated []bool
	// Counts count each kind up to the bound.
	Counts []Statement
}

// AlertRows returns the statement that reads the contracts of a page of
// alerts by id (n ids as arguments).
func AlertRows(n int) string { return alertSelect + ` AND c.id IN (` + placeholders(n) + `)` }

// AlertListStatements returns the SQL of q's page and count, counting up
// to bound.
func AlertListStatements(q contracts.AlertQuery, bound int) AlertListSQL {
	today := q.Today.String()
	out := AlertListSQL{Stale: Statement{`SELECT EXISTS (SELECT 1 FROM contracts WHERE dates_as_of < ?) OR EXISTS (SELECT 1 FROM contracts WHERE dates_as_of > ?)`,
		[]any{today, today}}}
	var base []string
	var baseArgs []any
	switch cond, a := scopeID("c.organization_id", q.Scope); cond {
	case "":
	case "0":
		return out
	default:
		base, baseArgs = append(base, cond), append(baseArgs, a...)
	}
	if q.Organization != "" {
		base, baseArgs = append(base, "c.organization_id = (SELECT id FROM organizations WHERE code = ?)"), append(baseArgs, q.Organization)
	}
	for _, arm := range alertArms {
		conds, args := slices.Clone(base), slices.Clone(baseArgs)
		conds = append(conds, "c.status <> 'terminated'")
		if arm.cond != "" {
			conds = append(conds, arm.cond)
			if arm.args != nil {
				args = append(args, arm.args(today)...)
			}
		}
		// window bounds a dated kind to the days from from to the end of
		// the window. A page starts at the later of today and the
		// cursor's day, so that the date index is entered there: SQLite
		// seeks on one lower bound of a column, not on the larger of two.
		window := func(from string) ([]string, []any) {
			if arm.col == "" {
				return slices.Clone(conds), slices.Clone(args)
			}
			return append(slices.Clone(conds), arm.col+" <> ''", arm.col+" >= ?", arm.col+" <= ?"),
				append(slices.Clone(args), from, q.Until.String())
		}
		countConds, countArgs := window(today)
		out.Counts = append(out.Counts, Statement{`SELECT count(*) FROM (SELECT 1 AS one FROM contracts c WHERE ` + strings.Join(countConds, " AND ") + ` LIMIT ?) n`,
			append(countArgs, bound+1)})
		seek, sargs, ok := alertSeek(arm, q.Today, q.After)
		if !ok {
			continue
		}
		from := today
		if !q.After.IsZero() && q.After.Date.After(q.Today) {
			from = q.After.Date.String()
		}
		conds, args = window(from)
		if seek != "" {
			conds, args = append(conds, seek), append(args, sargs...)
		}
		sel, order := `SELECT c.id`, ` ORDER BY c.id`
		if arm.col != "" {
			sel, order = `SELECT `+arm.col+`, c.id`, ` ORDER BY `+arm.col+`, c.id`
		}
		out.Arms = append(out.Arms, Statement{sel + ` FROM contracts c WHERE ` + strings.Join(conds, " AND ") + order + ` LIMIT ?`, append(args, q.Limit)})
		out.ArmRanks, out.ArmDated = append(out.ArmRanks, arm.rank), append(out.ArmDated, arm.col != "")
	}
	return out
}

// alertSeek returns the condition for arm's rows after the alert key
// after (none for a zero key), and its arguments; !ok when none of its
// rows come after it.
func alertSeek(arm alertArm, today contracts.Date, after contracts.AlertKey) (string, []any, bool) {
	if after.IsZero() {
		return "", nil, true
	}
	if arm.col == "" {
		switch {
		case today.After(after.Date):
			return "", nil, true
		case today.Before(after.Date) || arm.rank < after.Rank:
			return "", nil, false
		case arm.rank == after.Rank:
			return "c.id > ?", []any{after.Contract}, true
		}
		return "", nil, true
	}
	d := after.Date.String()
	switch {
	case arm.rank > after.Rank:
		return arm.col + " >= ?", []any{d}, true
	case arm.rank < after.Rank:
		return arm.col + " > ?", []any{d}, true
	}
	// The first key bounded on its own too, so that the planner seeks
	// on the date's index.
	return arm.col + " >= ? AND (" + arm.col + " > ? OR c.id > ?)", []any{d, d, after.Contract}, true
}

// AlertCandidates implements contracts.Store.
func (st *Store) AlertCandidates(ctx context.Context, q contracts.AlertQuery) (contracts.AlertCandidates, error) {
	var out contracts.AlertCandidates
	// The statements run on one connection, taken once: under load a
	// request that queued for the pool before each of them waited a dozen
	// times.
	st, end, err := st.snapshot(ctx)
	if err != nil {
		return out, fmt.Errorf("store: alert candidates: %w", err)
	}
	defer end()
	s := AlertListStatements(q, 0)
	if err := st.read().QueryRowContext(ctx, s.Stale.SQL, s.Stale.Args...).Scan(&out.Stale); err != nil {
		return out, fmt.Errorf("store: alert candidates: %w", err)
	}
	if out.Stale {
		return out, nil
	}
	var hits []contracts.AlertKey
	for i, arm := range s.Arms {
		keys, err := st.alertArmKeys(ctx, arm, s.ArmRanks[i], s.ArmDated[i], q.Today)
		if err != nil {
			return out, err
		}
		hits = append(hits, keys...)
		if len(keys) == q.Limit {
			last := keys[len(keys)-1]
			if !out.Bounded || contracts.CompareAlertKeys(last, out.Bound) < 0 {
				out.Bound, out.Bounded = last, true
			}
		}
	}
	seen := map[int64]bool{}
	var ids []any
	for _, k := range hits {
		if out.Bounded && contracts.CompareAlertKeys(k, out.Bound) > 0 || seen[k.Contract] {
			continue
		}
		seen[k.Contract] = true
		ids = append(ids, k.Contract)
	}
	if len(ids) == 0 {
		return out, nil
	}
	list, err := st.alertRowContracts(ctx, ids, "")
	if err != nil {
		return out, fmt.Errorf("store: alert candidates: %w", err)
	}
	out.Contracts = list
	return out, nil
}

// alertRowContracts reads the contracts ids (AlertRows) with the names the
// alerts show, in the order of AlertRows followed by order ("" or an
// ORDER BY clause).
func (st *Store) alertRowContracts(ctx context.Context, ids []any, order string) ([]contracts.ContractSummary, error) {
	rows, err := st.read().QueryContext(ctx, AlertRows(len(ids))+order, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	sc := newContractScan(contractNamed, func(cs *contracts.ContractSummary) []any {
		return []any{&cs.Organization, &cs.OrganizationName, &cs.VendorName, &cs.Revision}
	})
	var out []contracts.ContractSummary
	for rows.Next() {
		cs, err := sc.scan(rows)
		if err != nil {
			return nil, fmt.Errorf("scan alert contract: %w", err)
		}
		out = append(out, cs)
	}
	return out, rows.Err()
}

// alertArmKeys reads the keys of one arm's rows.
func (st *Store) alertArmKeys(ctx context.Context, arm Statement, rank int, dated bool, today contracts.Date) ([]contracts.AlertKey, error) {
	rows, err := st.read().QueryContext(ctx, arm.SQL, arm.Args...)
	if err != nil {
		return nil, fmt.Errorf("store: alert candidates: %w", err)
	}
	defer rows.Close()
	var out []contracts.AlertKey
	for rows.Next() {
		k := contracts.AlertKey{Date: today, Rank: rank}
		if dated {
			var d string
			if err := rows.Scan(&d, &k.Contract); err != nil {
				return nil, fmt.Errorf("store: alert candidates: %w", err)
			}
			if k.Date, err = contracts.ParseDate(d); err != nil {
				return nil, fmt.Errorf("store: alert candidates: contract %d: %w", k.Contract, err)
			}
		} else if err := rows.Scan(&k.Contract); err != nil {
			return nil, fmt.Errorf("store: alert candidates: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// AlertCount implements contracts.Store.
func (st *Store) AlertCount(ctx context.Context, q contracts.AlertQuery, bound int) (int, bool, error) {
	st, end, err := st.snapshot(ctx)
	if err != nil {
		return 0, false, fmt.Errorf("store: count alerts: %w", err)
	}
	defer end()
	total := 0
	for _, c := range AlertListStatements(q, bound).Counts {
		var n int
		if err := st.read().QueryRowContext(ctx, c.SQL, c.Args...).Scan(&n); err != nil {
			return 0, false, fmt.Errorf("store: count alerts: %w", err)
		}
		total += n
	}
	if total > bound {
		return bound, true, nil
	}
	return total, false, nil
}
