package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The licence view (contracts.Service.Licences): licence lines with their
// contract, over quota or all, costliest excess first. It costs a page,
// not every licence line (issue 15, migrations 0023 and 0025): the totals
// are one row of licence_counts, kept with every contract write, and the
// page is read from its cursor on (keyset, as the contract list is:
// contracts_list.go), seeking in an index in the view's order. The lines
// over quota come first, from licence_lines_over (across every
// organization) or from the contracts over quota of one organization
// (contracts_over_quota); with every line asked, the lines not over quota
// follow them in contract and line order, from licence_lines_contract
// (across every organization) or from the organization's contracts with
// licence lines in id order (contracts_licences).
//
// A line's place in the view is five integer keys, ascending: minus its
// excess cost, minus its excess, its contract, its position and its id
// for a line over quota; 0, 0, its contract, its position and its id for
// the others. Every line over quota has a negative second key, so the
// keys order every line as the view does, and a cursor names the part
// of the view it lies in.

// licenceOverQuota is the SQL of contracts.LicenceLine.OverQuota.
const licenceOverQuota = `l.quantity <> -1 AND l.seats_in_use > l.quantity`

// licenceKeys is the number of keys of a line's place (the cursor's).
const licenceKeys = 5

// licenceFigures are what a contract row keeps of its licence lines
// (migration 0023): how many, how many over quota, and the sum of their
// contracts.LicenceLine.ExcessCost, in the terms of the doctor's recount
// (doctor_licences.go).
func licenceFigures(lines []contracts.LicenceLine) (n, over int, cost int64) {
	for _, l := range lines {
		if l.OverQuota() {
			over++
			cost += int64(l.ExcessCost())
		}
	}
	return len(lines), over, cost
}

// LicenceSQL is the SQL of one page of the licence view as Store.Licences
// runs it: the totals, then the page's lines from its position on, in
// its direction (First), then, when the page is not full, the lines of
// the part of the view that follows in that direction (Then; empty SQL
// when none): the lines not over quota after those over quota, or,
// backwards, those over quota before the others. First and Then read
// the lines with their keys and take the number of rows and the offset
// (0 but on a page numbered without a cursor) as their last two
// arguments.
type LicenceSQL struct {
	Totals      Statement
	First, Then Statement
}

// LicenceStatements returns the statements of the page f selects (f
// normalized, its cursor in Seek), for benchmarks that run the store's
// very SQL. A cursor that names no line of f's order is
// apperr.BadCursor on "cursor".
func LicenceStatements(f contracts.LicenceFilter) (LicenceSQL, error) {
	var (
		conds []string
		args  []any
	)
	if cond, a := scopeID("c.organization_id", f.Scope); cond != "" {
		conds, args = append(conds, cond), append(args, a...)
	}
	if f.Organization != "" {
		conds, args = append(conds, "c.organization_id = (SELECT id FROM organizations WHERE code = ?)"), append(args, f.Organization)
	}
	var s LicenceSQL
	// The totals: row 0 (every organization), or the organization's.
	totals := `SELECT CAST(coalesce(sum(lines), 0) AS BIGINT), CAST(coalesce(sum(over_quota), 0) AS BIGINT),
		CAST(coalesce(sum(excess_cost), 0) AS BIGINT) FROM licence_counts `
	if len(conds) == 0 {
		s.Totals = Statement{SQL: totals + `WHERE organization_id = 0`}
	} else {
		s.Totals = Statement{SQL: totals + `c WHERE ` + strings.Join(conds, " AND "), Args: args}
	}
	seek := f.Seek
	keys := make([]int64, len(seek.Keys))
	for i, k := range seek.Keys {
		n, err := strconv.ParseInt(k, 10, 64)
		if err != nil || len(seek.Keys) != licenceKeys {
			return s, apperr.FieldProblem("cursor", apperr.BadCursor)
		}
		keys[i] = n
	}
	inOver := !seek.IsZero() && keys[1] < 0
	if !seek.IsZero() && !inOver && !f.All {
		// The view of the lines over quota has no line not over quota.
		return s, apperr.FieldProblem("cursor", apperr.BadCursor)
	}
	l := licenceList{conds: conds, args: args}
	switch {
	case seek.IsZero():
		s.First = l.part(true, nil, false)
		if f.All {
			s.Then = l.part(false, nil, false)
		}
	case !seek.Before && inOver:
		s.First = l.part(true, &seek, false)
		if f.All {
			s.Then = l.part(false, nil, false)
		}
	case !seek.Before:
		s.First = l.part(false, &seek, false)
	case inOver:
		s.First = l.part(true, &seek, true)
	default:
		s.First, s.Then = l.part(false, &seek, true), l.part(true, nil, true)
	}
	return s, nil
}

// licenceList is the licence view of one filter: conds and args select
// the lines' contracts (none: every contract).
type licenceList struct {
	conds []string
	args  []any
}

// part returns the statement that reads the lines over quota (over) or
// the others in the view's order, backwards when back, after (before,
// when back) the position seek when not nil, with their keys k0 … k4.
// The lines are found first, from the index alone where it can (the rows
// skipped to reach a numbered page are index entries, not joined rows),
// then joined for their columns.
func (l licenceList) part(over bool, seek *contracts.Cursor, back bool) Statement {
	var (
		cols, where []string
		from        string
		args        = slices.Clone(l.args)
		keys        []string
	)
	switch {
	case over:
		// Costliest excess first: minus the excess cost, minus the
		// excess (licence_lines_over holds both).
		cols = []string{"-l.excess_cost", "l.quantity - l.seats_in_use", "l.contract_id", "l.position", "l.id"}
		keys, where, from = cols, append([]string{licenceOverQuota}, l.conds...), ` FROM licence_lines l`
		if len(l.conds) > 0 {
			// One organization's few contracts over quota, then their
			// lines.
			from += ` JOIN contracts c ON c.id = l.contract_id`
			where = append(where, "c.over_quota = 1")
		}
	case len(l.conds) == 0:
		cols = []string{"l.contract_id", "l.position", "l.id"}
		keys, where, from = append([]string{"0", "0"}, cols...), []string{"NOT (" + licenceOverQuota + ")"}, ` FROM licence_lines l`
	default:
		// The organization's contracts with licence lines in id order
		// (contracts_licences), each one's lines in order: bounded on the
		// contract id even from the first, which keeps SQLite on that
		// index rather than on another index of the organization and a
		// sort of all its lines.
		cols = []string{"c.id", "l.position", "l.id"}
		keys, from = append([]string{"0", "0"}, cols...), ` FROM contracts c JOIN licence_lines l ON l.contract_id = c.id`
		where = append(slices.Clone(l.conds), "c.licence_line_count > 0", "NOT ("+licenceOverQuota+")")
		if seek == nil {
			where = append(where, "c.id >= 0")
		}
	}
	if seek != nil {
		at := *seek
		if !over {
			at.Keys = at.Keys[licenceKeys-len(cols):]
		}
		// The keys are integers (LicenceStatements checked them).
		cond, sargs, _ := seekWhere(cols, []bool{true, true, true, true, true}[:len(cols)], at)
		where, args = append(where, cond), append(args, sargs...)
	}
	sel := make([]string, licenceKeys)
	outer := make([]string, licenceKeys)
	for i, k := range keys {
		sel[i] = fmt.Sprintf("%s AS k%d", k, i)
		outer[i] = fmt.Sprintf("k.k%d", i)
	}
	ids := `SELECT l.id AS id, ` + strings.Join(sel, ", ") + from + ` WHERE ` + strings.Join(where, " AND ") +
		orderBy(cols, back) + ` LIMIT ? OFFSET ?`
	return Statement{SQL: `SELECT ` + licenceLineList(false) + `, c.number, c.title, o.code, o.name, v.name, ` + strings.Join(outer, ", ") + `
			FROM (` + ids + `) k
			JOIN licence_lines l ON l.id = k.id
			JOIN contracts c ON c.id = l.contract_id
			JOIN organizations o ON o.id = c.organization_id
			JOIN vendors v ON v.id = c.vendor_id` + orderBy(outer, back), Args: args}
}

// Licences implements contracts.Store.
func (st *Store) Licences(ctx context.Context, f contracts.LicenceFilter) (contracts.LicencePage, error) {
	var page contracts.LicencePage
	s, err := LicenceStatements(f)
	if err != nil {
		return page, err
	}
	// The totals and the page from one snapshot: the page's split between
	// the lines over quota and the others follows the totals.
	st, end, err := st.snapshot(ctx)
	if err != nil {
		return page, fmt.Errorf("store: licence lines: %w", err)
	}
	defer end()
	var (
		lines, over int
		cost        int64
	)
	if err := st.read().QueryRowContext(ctx, s.Totals.SQL, s.Totals.Args...).Scan(&lines, &over, &cost); err != nil {
		return page, fmt.Errorf("store: count licence lines: %w", err)
	}
	page.Total, page.OverQuota, page.ExcessCost = over, over, contracts.Money(min(cost, int64(contracts.MaxMoney)))
	if f.All {
		page.Total = lines
	}
	// The page and one line more, to tell whether another page follows.
	want := f.PageSize + 1
	offset, thenOffset := 0, 0
	if f.Seek.IsZero() {
		offset, thenOffset = f.Offset(), max(0, f.Offset()-over)
	}
	var rows []licenceKeyed
	if !f.Seek.IsZero() || offset < over {
		if rows, err = st.licenceRows(ctx, s.First, rows, want, offset); err != nil {
			return page, err
		}
	}
	if s.Then.SQL != "" && len(rows) < want {
		if rows, err = st.licenceRows(ctx, s.Then, rows, want-len(rows), thenOffset); err != nil {
			return page, err
		}
	}
	more := len(rows) == want
	rows = rows[:min(len(rows), f.PageSize)]
	sort := f.Sort()
	cursor := func(keys []string, before bool) string {
		return contracts.Cursor{Sort: sort, Before: before, Keys: keys}.Encode()
	}
	if f.Seek.Before {
		slices.Reverse(rows)
	}
	page.Items = make([]contracts.LicenceRow, len(rows))
	for i, r := range rows {
		page.Items[i] = r.row
	}
	switch {
	case f.Seek.Before:
		if more {
			page.Prev = cursor(rows[0].keys, true)
		}
		if len(rows) > 0 {
			page.Next = cursor(rows[len(rows)-1].keys, false)
		} else {
			page.Next = cursor(f.Seek.Keys, false)
		}
	default:
		if more {
			page.Next = cursor(rows[len(rows)-1].keys, false)
		}
		if len(rows) > 0 && (!f.Seek.IsZero() || f.Offset() > 0) {
			page.Prev = cursor(rows[0].keys, true)
		} else if len(rows) == 0 && !f.Seek.IsZero() {
			page.Prev = cursor(f.Seek.Keys, true)
		}
	}
	return page, nil
}

// licenceKeyed is a line of the view with its keys.
type licenceKeyed struct {
	row  contracts.LicenceRow
	keys []string
}

// licenceRows appends the rows of q (n from offset) to out.
func (st *Store) licenceRows(ctx context.Context, q Statement, out []licenceKeyed, n, offset int) ([]licenceKeyed, error) {
	rows, err := st.read().QueryContext(ctx, q.SQL, append(q.Args[:len(q.Args):len(q.Args)], n, offset)...)
	if err != nil {
		return out, fmt.Errorf("store: licence lines: %w", err)
	}
	defer rows.Close()
	r := newLineRow(false)
	var (
		named contracts.LicenceRow
		keys  [licenceKeys]int64
	)
	r.dest = append(r.dest, &named.ContractNumber, &named.ContractTitle, &named.Organization, &named.OrganizationName, &named.VendorName)
	for i := range keys {
		r.dest = append(r.dest, &keys[i])
	}
	for rows.Next() {
		l, err := r.scan(rows)
		if err != nil {
			return out, fmt.Errorf("store: scan licence line: %w", err)
		}
		row := licenceKeyed{row: named, keys: make([]string, licenceKeys)}
		row.row.LicenceLine = l
		for i, k := range keys {
			row.keys[i] = strconv.FormatInt(k, 10)
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("store: licence lines: %w", err)
	}
	return out, nil
}
