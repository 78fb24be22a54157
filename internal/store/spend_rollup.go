package store

import (
	"context"
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
)

// Reading the rollups of the spend model (migration 0022): the cells
// summed over the dimension a view across every organization does not
// show, kept by triggers on spend_cells in the same transaction as every
// change to a cell. A sum that keeps neither organization reads
// spend_vendor_years (year × category × vendor); one that keeps only the
// organization reads spend_org_years; the cooperative concentration
// reads those and the majority counts (SpendMarkets). A view narrowed to
// one organization or to a vendor group's markets reads the cells.

// rollupOf returns the table a sum over keys k of the cells f selects
// can read instead of spend_cells, with the expressions standing for the
// organization, category and vendor it keeps ("0" for one it drops), or
// "" when it must read the cells.
func rollupOf(f contracts.SpendFilter, k *contracts.CellKeys) (table, org, cat, vendor string) {
	if k == nil || !f.Scope.All() || f.Organization != "" || f.MarketsOf != 0 {
		return "", "", "", ""
	}
	keep := func(keep bool, col string) string {
		if keep {
			return col
		}
		return "0"
	}
	switch {
	case !k.Organization:
		return "spend_vendor_years", "0", keep(k.Category, "s.category_id"), keep(k.Vendor, "s.vendor_id")
	case !k.Category && !k.Vendor:
		return "spend_org_years", "s.organization_id", "0", "0"
	}
	return "", "", "", ""
}

// SpendMarkets returns the spend of year q.From across every organization
// as the cooperative concentration reads it, from the rollups, read in
// one snapshot; false when the model does not hold q.
func (st *Store) SpendMarkets(ctx context.Context, q contracts.SpendModelQuery) (contracts.SpendMarkets, bool, error) {
	out, ok, err := st.spendMarkets(ctx, q)
	if err != nil {
		return out, false, fmt.Errorf("store: spend markets: %w", err)
	}
	return out, ok, nil
}

func (st *Store) spendMarkets(ctx context.Context, q contracts.SpendModelQuery) (contracts.SpendMarkets, bool, error) {
	out := contracts.SpendMarkets{Buyers: map[int64]int{}, GroupOrganizations: map[int64]int{}}
	st, end, current, err := st.spendSnapshot(ctx)
	if err != nil {
		return out, false, err
	}
	defer end()
	m, ok, err := spendModelCurrent(ctx, st, current)
	if err != nil || !ok || !m.holds(q) {
		return out, false, err
	}
	_, vendors, categories, err := st.spendNamesOf(ctx, contracts.CellKeys{Category: true, Vendor: true, VendorGroup: true})
	if err != nil {
		return out, false, err
	}
	year := q.From
	err = st.eachRow(ctx, `SELECT s.category_id, `+vendorGroup+`, sum(s.contract_amount + s.licence_amount)
		FROM spend_vendor_years s JOIN vendors v ON v.id = s.vendor_id WHERE s.year = ?
		GROUP BY 1, 2 HAVING sum(s.contract_amount + s.licence_amount) <> 0`, []any{year}, func(r intCol3) {
		out.Shares = append(out.Shares, contracts.MarketShare{CategoryID: int64(r[0]), CategoryName: categories[int64(r[0])],
			GroupID: int64(r[1]), GroupName: vendors[int64(r[1])].Name, Amount: contracts.Money(r[2])})
	})
	if err == nil {
		err = st.eachRow(ctx, `SELECT category_id, organizations, 0 FROM spend_buyers WHERE year = ?`, []any{year}, func(r intCol3) {
			out.Buyers[int64(r[0])] = int(r[1])
		})
	}
	if err == nil {
		err = st.eachRow(ctx, `SELECT category_id, group_id, organizations FROM spend_reach WHERE year = ?`, []any{year}, func(r intCol3) {
			out.Reach = append(out.Reach, contracts.MarketReach{CategoryID: int64(r[0]), GroupID: int64(r[1]), Organizations: int(r[2])})
		})
	}
	if err == nil {
		err = st.eachRow(ctx, `SELECT group_id, organizations, 0 FROM spend_group_reach WHERE year = ?`, []any{year}, func(r intCol3) {
			out.GroupOrganizations[int64(r[0])] = int(r[1])
		})
	}
	if err != nil {
		return out, false, err
	}
	return out, true, nil
}

// intCol3 is a row of three integers.
type intCol3 [3]intCol

// eachRow calls fn with every row of query, three integer columns.
func (st *Store) eachRow(ctx context.Context, query string, args []any, fn func(intCol3)) error {
	rows, err := st.read().QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var r intCol3
	for rows.Next() {
		if err := rows.Scan(&r[0], &r[1], &r[2]); err != nil {
			return err
		}
		fn(r)
	}
	return closeRows(rows)
}
