package web_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// The spend benchmarks of issue #6, on the national demo set (~700
// organizations, ~99,000 contracts, ~300,000 licence lines) with the
// clock on 2026-11-22. Targets: cooperative concentration for all
// categories ≤ 1.5× the bare aggregate SQL over the same rows and ≤ 300
// ms; one organization's dependency summary ≤ 20 ms; spend by vendor group
// for one year across all organizations ≤ 300 ms.

// benchYear is the year the benchmarks ask for: the demo clock's.
const benchYear = 2026

// bareMarketSQL is the bare aggregate SQL over the rows the cooperative
// concentration reads: every contract with its licence lines, summed per
// organization × category × vendor group (the grouping both the category
// HHI and the vendor reach are computed from). It prices a line as its
// unit price × quantity × 12 (month), × 1 (year) or 0 (once) and a
// contract without lines at its annual value: a naive annual figure. The
// service applies the spend rules instead (the active period with
// renewals and notice, pro rata per day and month, one-off prices in their
// year, indexation), and then the concentration and reach, so the SQL is
// the cheaper floor the service is measured against, not the same answer.
const bareMarketSQL = `
	SELECT c.organization_id, coalesce(c.category_id, 0), coalesce(v.group_id, v.id),
		sum(coalesce(ls.amount, c.annual_value))
	FROM contracts c
	JOIN vendors v ON v.id = c.vendor_id
	LEFT JOIN (
		SELECT l.contract_id, sum(l.unit_price * max(l.quantity, 1) *
			CASE l.price_period WHEN 'month' THEN 12 WHEN 'year' THEN 1 ELSE 0 END) AS amount
		FROM licence_lines l GROUP BY l.contract_id
	) ls ON ls.contract_id = c.id
	GROUP BY 1, 2, 3`

// BenchmarkCooperativeConcentration compares the cooperative overview
// (every category's HHI and the vendor reach, all organizations) with the
// bare aggregate SQL over the same rows.
func BenchmarkCooperativeConcentration(b *testing.B) {
	st, svc, _, _, _ := nationalRegister(b)
	ctx := context.Background()
	b.Run("service", func(b *testing.B) {
		for b.Loop() {
			cc, err := svc.CooperativeConcentration(ctx, contracts.Everyone(), benchYear)
			if err != nil {
				b.Fatal(err)
			}
			if len(cc.Categories) == 0 || len(cc.Reach) == 0 {
				b.Fatalf("no categories or reach: %+v", cc)
			}
		}
	})
	b.Run("sql", func(b *testing.B) {
		db, err := sql.Open("sqlite3", "file:"+st.Path()+"?mode=ro&_busy_timeout=5000&_cache_size=-16000&_stmt_cache_size=64")
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		for b.Loop() {
			rows, err := db.QueryContext(ctx, bareMarketSQL)
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for rows.Next() {
				var org, category, group, amount int64
				if err := rows.Scan(&org, &category, &group, &amount); err != nil {
					b.Fatal(err)
				}
				n++
			}
			if err := rows.Close(); err != nil || n == 0 {
				b.Fatalf("%d rows, %v", n, err)
			}
		}
	})
}

// BenchmarkDependencySummary measures one organization's dependency
// summary: the municipality with the most contracts.
func BenchmarkDependencySummary(b *testing.B) {
	st, svc, _, _, _ := nationalRegister(b)
	ctx := context.Background()
	org, n := largestBuyer(b, st.Path())
	b.ReportMetric(float64(n), "contracts")
	for b.Loop() {
		d, err := svc.DependencySummary(ctx, contracts.Everyone(), org, benchYear)
		if err != nil {
			b.Fatal(err)
		}
		if d.Concentration.HHI == 0 || len(d.LockIn) == 0 {
			b.Fatalf("empty dependency of %s: %+v", org, d.Concentration)
		}
	}
}

// BenchmarkSpendByVendorGroup measures the spend of one year by vendor
// group across all organizations.
func BenchmarkSpendByVendorGroup(b *testing.B) {
	_, svc, _, _, _ := nationalRegister(b)
	ctx := context.Background()
	for b.Loop() {
		rep, err := svc.Spend(ctx, contracts.Everyone(), contracts.SpendQuery{GroupBy: contracts.ByVendorGroup, Year: benchYear})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Total == 0 || len(rep.Rows) == 0 {
			b.Fatalf("no spend: %+v", rep)
		}
	}
}

// largestBuyer returns the municipality with the most contracts.
func largestBuyer(b *testing.B, path string) (string, int) {
	b.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var (
		org string
		n   int
	)
	if err := db.QueryRow(`SELECT o.code, count(*) FROM contracts c JOIN organizations o ON o.id = c.organization_id
		WHERE o.kind = 'municipality' GROUP BY o.code ORDER BY count(*) DESC LIMIT 1`).Scan(&org, &n); err != nil {
		b.Fatal(err)
	}
	return org, n
}
