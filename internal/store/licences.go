package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
)

// The licence view (contracts.Service.Licences): licence lines with their
// contract, over quota or all, costliest excess first. It costs a page,
// not every licence line (issue 15, migration 0023): the totals are one
// row of licence_counts, kept with every contract write; the lines over
// quota come in the view's order from licence_lines_excess (across every
// organization) or from the contracts over quota of one organization
// (contracts_over_quota); with every line asked, the lines not over
// quota follow them in contract and line order.

// licenceOverQuota is the SQL of contracts.LicenceLine.OverQuota.
const licenceOverQuota = `l.quantity <> -1 AND l.seats_in_use > l.quantity`

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
// runs it: the totals, then the lines over quota (Over), then, when every
// line is asked and the page is not full, the lines not over quota
// (Rest). Over and Rest take the page's limit and offset as their last
// two arguments.
type LicenceSQL struct {
	Totals     Statement
	Over, Rest Statement
}

// LicenceStatements returns the statements of the page f selects (f
// normalized), for benchmarks that run the store's very SQL.
func LicenceStatements(f contracts.LicenceFilter) LicenceSQL {
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
	// The page's lines are found first, from the index alone where it
	// can (the rows skipped to reach a later page are index entries, not
	// joined rows), then joined for their columns.
	page := func(cond []string, order string) Statement {
		keys := `SELECT l.id FROM licence_lines l`
		if len(conds) > 0 {
			keys += ` JOIN contracts c ON c.id = l.contract_id`
		}
		keys += ` WHERE ` + strings.Join(append(cond, conds...), " AND ") + ` ORDER BY ` + order + ` LIMIT ? OFFSET ?`
		return Statement{SQL: `SELECT ` + licenceLineList(false) + `, c.number, c.title, o.code, o.name, v.name
			FROM (` + keys + `) k
			JOIN licence_lines l ON l.id = k.id
			JOIN contracts c ON c.id = l.contract_id
			JOIN organizations o ON o.id = c.organization_id
			JOIN vendors v ON v.id = c.vendor_id ORDER BY ` + order, Args: args}
	}
	over := []string{licenceOverQuota}
	if len(conds) > 0 {
		// One organization's few contracts over quota, then their lines.
		over = append(over, "c.over_quota = 1")
	}
	s.Over = page(over, `l.excess_cost DESC, l.seats_in_use - l.quantity DESC, l.contract_id, l.position`)
	s.Rest = page([]string{"NOT (" + licenceOverQuota + ")"}, `l.contract_id, l.position`)
	return s
}

// Licences implements contracts.Store.
func (st *Store) Licences(ctx context.Context, f contracts.LicenceFilter) (contracts.LicencePage, error) {
	var page contracts.LicencePage
	// The totals and the page from one snapshot: the page's split between
	// the lines over quota and the others follows the totals.
	st, end, err := st.snapshot(ctx)
	if err != nil {
		return page, fmt.Errorf("store: licence lines: %w", err)
	}
	defer end()
	s := LicenceStatements(f)
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
	offset := f.Offset()
	if offset < over {
		if page.Items, err = st.licenceRows(ctx, s.Over, page.Items, f.PageSize, offset); err != nil {
			return page, err
		}
	}
	if f.All && len(page.Items) < f.PageSize {
		if page.Items, err = st.licenceRows(ctx, s.Rest, page.Items, f.PageSize-len(page.Items), max(0, offset-over)); err != nil {
			return page, err
		}
	}
	return page, nil
}

// licenceRows appends the rows of q (limit n from offset) to out.
func (st *Store) licenceRows(ctx context.Context, q Statement, out []contracts.LicenceRow, n, offset int) ([]contracts.LicenceRow, error) {
	rows, err := st.read().QueryContext(ctx, q.SQL, append(q.Args[:len(q.Args):len(q.Args)], n, offset)...)
	if err != nil {
		return out, fmt.Errorf("store: licence lines: %w", err)
	}
	defer rows.Close()
	r := newLineRow(false)
	var named contracts.LicenceRow
	r.dest = append(r.dest, &named.ContractNumber, &named.ContractTitle, &named.Organization, &named.OrganizationName, &named.VendorName)
	for rows.Next() {
		l, err := r.scan(rows)
		if err != nil {
			return out, fmt.Errorf("store: scan licence line: %w", err)
		}
		row := named
		row.LicenceLine = l
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("store: licence lines: %w", err)
	}
	return out, nil
}
