package store

import (
	"context"
	"fmt"
	"math"

	"github.com/samenkoop/samenkoop/contracts"
)

// The licence view (contracts.Service.Licences): licence lines with their
// contract, over quota or all, costliest excess first.

// licenceExcess is the SQL of contracts.LicenceLine.Excess, and
// licenceExcessCost of ExcessCost (an integer product that overflows
// becomes a real in SQLite, which the cap at MaxMoney, the second
// argument, brings back).
const (
	licenceOverQuota  = `l.quantity <> -1 AND l.seats_in_use > l.quantity`
	licenceExcess     = `(CASE WHEN ` + licenceOverQuota + ` THEN l.seats_in_use - l.quantity ELSE 0 END)`
	licenceExcessCost = `min(` + licenceExcess + ` * l.unit_price, ?)`
)

// Licences implements contracts.Store.
func (st *Store) Licences(ctx context.Context, f contracts.LicenceFilter) (contracts.LicencePage, error) {
	var (
		page  contracts.LicencePage
		conds []string
		args  []any
	)
	if cond, a := scopeCode("o.code", f.Scope); cond != "" {
		conds, args = append(conds, cond), append(args, a...)
	}
	if f.Organization != "" {
		conds, args = append(conds, "o.code = ?"), append(args, f.Organization)
	}
	if !f.All {
		// c.over_quota (kept exact with the contract's lines) lets the
		// query start from the few contracts over quota
		// (contracts_over_quota) instead of every licence line.
		conds = append(conds, "c.over_quota = 1", licenceOverQuota)
	}
	where := ""
	for i, c := range conds {
		if i == 0 {
			where = " WHERE " + c
		} else {
			where += " AND " + c
		}
	}
	from := ` FROM licence_lines l
		JOIN contracts c ON c.id = l.contract_id
		JOIN organizations o ON o.id = c.organization_id
		JOIN vendors v ON v.id = c.vendor_id`
	var cost float64
	err := st.read().QueryRowContext(ctx, `SELECT count(*), coalesce(sum(CASE WHEN `+licenceOverQuota+` THEN 1 ELSE 0 END), 0),
		total(`+licenceExcessCost+`)`+from+where, append([]any{int64(contracts.MaxMoney)}, args...)...).Scan(&page.Total, &page.OverQuota, &cost)
	if err != nil {
		return page, fmt.Errorf("store: count licence lines: %w", err)
	}
	page.ExcessCost = contracts.Money(math.Min(cost, float64(contracts.MaxMoney)))
	rows, err := st.read().QueryContext(ctx, `SELECT `+licenceLineList(false)+`, c.number, c.title, o.code, o.name, v.name`+from+where+`
		ORDER BY `+licenceExcessCost+` DESC, `+licenceExcess+` DESC, c.id, l.position LIMIT ? OFFSET ?`,
		append(append(args, int64(contracts.MaxMoney)), f.PageSize, f.Offset())...)
	if err != nil {
		return page, fmt.Errorf("store: licence lines: %w", err)
	}
	defer rows.Close()
	r := newLineRow(false)
	var named contracts.LicenceRow
	r.dest = append(r.dest, &named.ContractNumber, &named.ContractTitle, &named.Organization, &named.OrganizationName, &named.VendorName)
	for rows.Next() {
		l, err := r.scan(rows)
		if err != nil {
			return page, fmt.Errorf("store: scan licence line: %w", err)
		}
		row := named
		row.LicenceLine = l
		page.Items = append(page.Items, row)
	}
	return page, rows.Err()
}
