package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
)

// Reading the maintained spend model: its cells for the views, and each
// contract's spend of one year for the dependency pass.

// cellWhere turns a spend filter into conditions on the cells s.
func cellWhere(f contracts.SpendFilter, q contracts.SpendModelQuery) (string, []any) {
	where, args := []string{"s.year BETWEEN ? AND ?"}, []any{q.From, q.To}
	if cond, a := scopeID("s.organization_id", f.Scope); cond != "" {
		where, args = append(where, cond), append(args, a...)
	}
	if f.Organization != "" {
		where = append(where, "s.organization_id = (SELECT id FROM organizations WHERE code = ?)")
		args = append(args, f.Organization)
	}
	if f.MarketsOf != 0 {
		where = append(where, `s.category_id IN (SELECT c2.category_id FROM contracts c2 JOIN vendors v ON v.id = c2.vendor_id
			WHERE `+vendorGroup+` = ?)`)
		args = append(args, f.MarketsOf)
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// SpendCells calls fn for every cell of the maintained spend model in the
// years of q that f selects (its id range ignored), with the names beside
// the ids, read in one snapshot. It returns false, without calling fn,
// when the model does not hold q: there is none, or it was computed for
// another day or indexation, or without these years.
func (st *Store) SpendCells(ctx context.Context, f contracts.SpendFilter, q contracts.SpendModelQuery, fn func(contracts.SpendCell) error) (bool, error) {
	ok, err := st.spendCells(ctx, f, q, fn)
	if err != nil {
		return false, fmt.Errorf("store: spend cells: %w", err)
	}
	return ok, nil
}

func (st *Store) spendCells(ctx context.Context, f contracts.SpendFilter, q contracts.SpendModelQuery, fn func(contracts.SpendCell) error) (bool, error) {
	st, end, current, err := st.spendSnapshot(ctx)
	if err != nil {
		return false, err
	}
	defer end()
	m, ok, err := spendModelCurrent(ctx, st, current)
	if err != nil || !ok || !m.holds(q) {
		return false, err
	}
	names := contracts.CellKeys{Organization: true, Category: true, Vendor: true}
	if q.Sum != nil {
		names = *q.Sum
	}
	orgs, vendors, categories, err := st.spendNamesOf(ctx, names)
	if err != nil {
		return false, err
	}
	where, args := cellWhere(f, q)
	query := `SELECT s.year, s.organization_id, s.category_id, s.vendor_id, s.contract_amount, s.licence_amount, s.contracts
		FROM spend_cells s` + where
	if k := q.Sum; k != nil {
		// Summed in SQL over the keys not kept: amounts computed in Go,
		// only added up here.
		key := func(keep bool, col string) string {
			if keep {
				return col
			}
			return "0"
		}
		org, cat, vendor := key(k.Organization, "s.organization_id"), key(k.Category, "s.category_id"), key(k.Vendor, "s.vendor_id")
		from := ` FROM spend_cells s`
		if table, o, c, v := rollupOf(f, k); table != "" {
			// Every organization, without the cells' organization or
			// category and vendor: the rollup holds these sums.
			org, cat, vendor, from = o, c, v, ` FROM `+table+` s`
		}
		if k.Vendor && k.VendorGroup {
			vendor, from = vendorGroup, from+` JOIN vendors v ON v.id = s.vendor_id`
		}
		query = `SELECT s.year, ` + org + `, ` + cat + `, ` + vendor + `, sum(s.contract_amount), sum(s.licence_amount), sum(s.contracts)` +
			from + where + ` GROUP BY 1, 2, 3, 4`
	}
	rows, err := st.read().QueryContext(ctx, query, args...)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	var (
		year, org, cat, vendor, ctr, lic, n intCol
	)
	for rows.Next() {
		if err := rows.Scan(&year, &org, &cat, &vendor, &ctr, &lic, &n); err != nil {
			return false, err
		}
		o, v := orgs[int64(org)], vendors[int64(vendor)]
		if err := fn(contracts.SpendCell{Year: int(year), Organization: o.Code, OrganizationName: o.Name, OrganizationKind: o.Kind,
			Population: o.Population, CategoryID: int64(cat), CategoryName: categories[int64(cat)], VendorID: int64(vendor),
			VendorName: v.Name, VendorGroupID: v.groupID, VendorGroupName: v.groupName,
			Spend: contracts.SpendSplit{Contract: contracts.Money(ctr), Licence: contracts.Money(lic)}, Contracts: int(n)}); err != nil {
			return false, err
		}
	}
	return true, closeRows(rows)
}

// SpendModelHolds reports whether the maintained spend model holds q.
func (st *Store) SpendModelHolds(ctx context.Context, q contracts.SpendModelQuery) (bool, error) {
	m, ok, err := readSpendModel(ctx, st.read())
	if err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	return ok && m.holds(q), nil
}
