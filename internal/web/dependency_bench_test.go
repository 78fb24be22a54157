package web_test

import (
	"context"
	"database/sql"
	"io"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/benchtest"
)

// The cooperative dependency report on the national demo set (~700
// organizations, ~99,000 contracts, ~300,000 licence lines) with the
// clock on 2026-11-22 (issue 14): the service assembling it, and
// assembling and writing it as PDF and as Excel, next to the bare SQL
// that reads the same contracts and licence lines. Each reports the peak
// of the heap in use beyond what was in use before it started
// (peak-heap-MiB).

// bareReportSQL reads what the report's pass reads: every contract's
// columns, then every licence line in contract order, scanned into raw
// bytes and not looked at. It is one reader, where the service splits its
// pass into id ranges read side by side, and it computes nothing.
var bareReportSQL = []string{
	`SELECT c.id, c.organization_id, c.vendor_id, coalesce(c.category_id, 0), c.start_date,
		c.initial_term_months, c.renewal_kind, c.renewal_period_months, c.max_renewals, c.max_end,
		c.renewals_exercised, c.notice_months, c.notice_days, c.notice_ends_any_day, c.notice_given_on, c.annual_value, c.status,
		c.number, c.title, c.cpv, c.lead_days, c.exit_plan, c.open_data, c.continuity, c.source_rights,
		c.business_critical, c.interfaces
	FROM contracts c ORDER BY c.id`,
	`SELECT l.contract_id, l.quantity, l.unit_price, l.price_period, l.start_date, l.end_date,
		l.id, l.product, l.metric, l.seats_in_use
	FROM licence_lines l ORDER BY l.contract_id, l.position`,
}

// BenchmarkCooperativeDependencyReport measures the dependency report of
// the whole cooperative: "assemble" is the service's report, "pdf" and
// "xlsx" the report assembled and written, "sql" the bare reading of the
// same rows.
func BenchmarkCooperativeDependencyReport(b *testing.B) {
	st, svc, _, _, now := nationalRegister(b)
	ctx := context.Background()
	// The server keeps the stored dates and the spend model on today
	// (RefreshDates at start-up and at midnight); the report reads them.
	if _, err := svc.RefreshDates(ctx); err != nil {
		b.Fatal(err)
	}
	report := func(b *testing.B) contracts.DependencyReport {
		r, err := svc.DependencyReport(ctx, contracts.Everyone(), contracts.DependencyQuery{Year: benchYear, Generated: now()})
		if err != nil {
			b.Fatal(err)
		}
		if r.Organizations == 0 || len(r.LockIn) == 0 || len(r.Categories) == 0 {
			b.Fatalf("empty report: %d organizations, %d lock-in, %d categories", r.Organizations, len(r.LockIn), len(r.Categories))
		}
		return r
	}
	b.Run("assemble", func(b *testing.B) {
		b.ReportAllocs()
		benchtest.HeapPeak(b, func() {
			for b.Loop() {
				report(b)
			}
		})
	})
	for _, f := range []struct {
		name  string
		write func(io.Writer, contracts.DependencyReport) error
	}{{"pdf", exports.DependencyPDF}, {"xlsx", exports.DependencyXLSX}} {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			benchtest.HeapPeak(b, func() {
				for b.Loop() {
					if err := f.write(io.Discard, report(b)); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
	b.Run("sql", func(b *testing.B) {
		db, err := sql.Open("sqlite3", "file:"+st.Path()+"?mode=ro&_busy_timeout=5000&_cache_size=-16000&_stmt_cache_size=64")
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		b.ReportAllocs()
		benchtest.HeapPeak(b, func() {
			for b.Loop() {
				for _, q := range bareReportSQL {
					readRaw(b, db, q)
				}
			}
		})
	})
}

// readRaw reads every row of q with args into raw bytes: the bare cost
// of a query, which the benchmarks compare the pages and reports with. An
// empty result fails the benchmark.
func readRaw(b *testing.B, db *sql.DB, q string, args ...any) {
	if n := readRawRows(b, db, q, args...); n == 0 {
		b.Fatalf("no rows from %s", q)
	}
}
