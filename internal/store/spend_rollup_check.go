package store

import (
	"context"
	"strings"
)

// The rollups of the spend model against a GROUP BY over spend_cells, for
// CheckSpendModel (samenkoop doctor).

// spendMajoritiesOf is the holders computed from the cells: per year,
// organization and category (not 0) with spend, the vendor group holding
// more than half of it, or 0, as the triggers keep spend_majorities.
const spendMajoritiesOf = `SELECT t.year, t.organization_id, t.category_id, coalesce(g.group_id, 0) AS group_id
	FROM (SELECT year, organization_id, category_id, sum(contract_amount + licence_amount) AS amount
		FROM spend_cells WHERE category_id <> 0 GROUP BY 1, 2, 3) t
	LEFT JOIN (SELECT s.year, s.organization_id, s.category_id, ` + vendorGroup + ` AS group_id, sum(s.contract_amount + s.licence_amount) AS amount
		FROM spend_cells s JOIN vendors v ON v.id = s.vendor_id WHERE s.category_id <> 0 GROUP BY 1, 2, 3, 4) g
	ON g.year = t.year AND g.organization_id = t.organization_id AND g.category_id = t.category_id AND g.amount > 0 AND g.amount > t.amount - g.amount`

// spendRollup is one rollup table: its key and value columns, and the
// query over spend_cells that gives what it must hold, with the same
// column names.
type spendRollup struct {
	table       string
	keys, value []string
	from        string
}

var spendRollups = []spendRollup{
	{"spend_vendor_years", []string{"year", "category_id", "vendor_id"}, []string{"contract_amount", "licence_amount", "contracts"},
		`SELECT year, category_id, vendor_id, sum(contract_amount) AS contract_amount, sum(licence_amount) AS licence_amount,
			sum(contracts) AS contracts FROM spend_cells GROUP BY 1, 2, 3`},
	{"spend_org_years", []string{"year", "organization_id"}, []string{"contract_amount", "licence_amount", "contracts"},
		`SELECT year, organization_id, sum(contract_amount) AS contract_amount, sum(licence_amount) AS licence_amount,
			sum(contracts) AS contracts FROM spend_cells GROUP BY 1, 2`},
	{"spend_buyers", []string{"year", "category_id"}, []string{"organizations"},
		`SELECT year, category_id, count(DISTINCT organization_id) AS organizations FROM spend_cells WHERE category_id <> 0 GROUP BY 1, 2`},
	{"spend_majorities", []string{"year", "organization_id", "category_id"}, []string{"group_id"}, spendMajoritiesOf},
	{"spend_reach", []string{"year", "category_id", "group_id"}, []string{"organizations"},
		`SELECT year, category_id, group_id, count(*) AS organizations FROM (` + spendMajoritiesOf + `) m WHERE group_id <> 0 GROUP BY 1, 2, 3`},
	{"spend_group_reach", []string{"year", "group_id"}, []string{"organizations"},
		`SELECT year, group_id, count(DISTINCT organization_id) AS organizations FROM (` + spendMajoritiesOf + `) m WHERE group_id <> 0 GROUP BY 1, 2`},
}

// list returns the columns of alias joined as text: "2026, 12/3".
func list(alias string, cols []string, sep string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = alias + "." + c
	}
	// '' || makes a single column text too, as coalesce with '-' wants.
	return "'' || " + strings.Join(parts, " || '"+sep+"' || ")
}

// on returns the condition that a's and b's columns are equal.
func on(a, b string, cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = a + "." + c + " = " + b + "." + c
	}
	return strings.Join(parts, " AND ")
}

// queries returns the query of the rows the table has wrong or has but
// should not, and the query of those it lacks.
func (r spendRollup) queries() (wrong, missing string) {
	var differ []string
	for _, c := range r.value {
		differ = append(differ, "b."+c+" <> a."+c)
	}
	wrong = `SELECT '` + r.table + `', ` + list("a", r.keys, ", ") + `, ` + list("a", r.value, ", ") + `, coalesce(` + list("b", r.value, ", ") + `, '-')
		FROM ` + r.table + ` a LEFT JOIN (` + r.from + `) b ON ` + on("a", "b", r.keys) + `
		WHERE b.` + r.keys[0] + ` IS NULL OR ` + strings.Join(differ, " OR ")
	missing = `SELECT '` + r.table + `', ` + list("b", r.keys, ", ") + `, '-', ` + list("b", r.value, ", ") + `
		FROM (` + r.from + `) b WHERE NOT EXISTS (SELECT 1 FROM ` + r.table + ` a WHERE ` + on("a", "b", r.keys) + `)`
	return wrong, missing
}

// rollupDifferences compares each rollup with the GROUP BY over the
// maintained cells and counts the rows compared.
func (st *Store) rollupDifferences(ctx context.Context, out *SpendModelCheck) error {
	for _, r := range spendRollups {
		var n int
		if err := st.write().QueryRowContext(ctx, `SELECT count(*) FROM `+r.table).Scan(&n); err != nil {
			return err
		}
		out.Rollups += n
		wrong, missing := r.queries()
		if err := st.collectDifferences(ctx, out, wrong, missing); err != nil {
			return err
		}
	}
	return nil
}
