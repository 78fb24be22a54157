package web_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/benchtest"
	"github.com/samenkoop/samenkoop/internal/demo"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// BenchmarkLicences reads the first page of the licence view on the
// national demo set (~300,000 licence lines): over quota, and every line,
// costliest excess first, beside the bare SQL that only counts the lines
// over quota.
func BenchmarkLicences(b *testing.B) {
	st, svc, _, _, _ := nationalRegister(b)
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		all  bool
	}{{"over-quota", false}, {"all", true}} {
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				p, err := svc.Licences(ctx, contracts.Everyone(), contracts.LicenceFilter{All: tt.all}.Normalize())
				if err != nil || len(p.Items) == 0 {
					b.Fatalf("licences: %d items, %v", len(p.Items), err)
				}
			}
		})
	}
	b.Run("sql-count", func(b *testing.B) {
		db, err := sql.Open("sqlite3", "file:"+st.Path()+"?mode=ro&_busy_timeout=5000&_cache_size=-16000")
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		for b.Loop() {
			var n int
			if err := db.QueryRowContext(ctx, `SELECT count(*) FROM licence_lines l WHERE l.quantity <> -1 AND l.seats_in_use > l.quantity`).Scan(&n); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLicencePages measures what a coordinator (every organization)
// reads of the licences: the start page whole and its licence block alone
// (contracts.Service.Licences for one row: the count and the excess cost
// of every line over quota), and /licenties on its first and last page,
// over quota and with every line, through the whole app. Beside them
// "aggregate" runs the statement the block ran before the totals were
// kept (migration 0023): the count and the summed excess cost over every
// line over quota, on a connection of its own; "bare" runs the store's
// statements of the block and of the first page (store.LicenceStatements)
// on that connection. Small and national scale
// (SAMENKOOP_BENCH_DB_NATIONAL names a copy to read, as for
// BenchmarkContractListPages); stress with SAMENKOOP_BENCH_STRESS=1 and
// SAMENKOOP_BENCH_DB_STRESS:
//
//	SAMENKOOP_BENCH_DB_NATIONAL=/work/bench/national.db go test ./internal/web -run X -bench LicencePages -count 5
func BenchmarkLicencePages(b *testing.B) {
	for _, scale := range benchListScales() {
		b.Run(string(scale), func(b *testing.B) {
			lb := benchRegister(b, scale)
			ctx := context.Background()
			// The service the app asks, on the same register and clock.
			svc := contracts.NewService(lb.st.Register(), contracts.Options{})
			first, err := svc.Licences(ctx, contracts.Everyone(), contracts.LicenceFilter{PageSize: 1}.Normalize())
			if err != nil {
				b.Fatal(err)
			}
			all, err := svc.Licences(ctx, contracts.Everyone(), contracts.LicenceFilter{All: true, PageSize: 1}.Normalize())
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("%s: %d licence lines, %d over quota", scale, all.Total, first.OverQuota)
			// /licenties shows 50 lines a page.
			lastOver, lastAll := max(1, (first.OverQuota+49)/50), max(1, (all.Total+49)/50)
			get := func(app *fiber.App, path string) func(b *testing.B) {
				return func(b *testing.B) {
					b.ReportAllocs()
					benchtest.CPUTime(b, func() {
						for b.Loop() {
							req := httptest.NewRequest(http.MethodGet, path, nil)
							req.AddCookie(&http.Cookie{Name: "samenkoop_session", Value: lb.cookie})
							resp, err := app.Test(req, -1)
							if err != nil {
								b.Fatal(err)
							}
							n, err := io.Copy(io.Discard, resp.Body)
							resp.Body.Close()
							if err != nil || resp.StatusCode != http.StatusOK || n == 0 {
								b.Fatalf("GET %s: status %d, %v", path, resp.StatusCode, err)
							}
						}
					})
				}
			}
			b.Run("home/page", get(licenceHomeApp(b, lb, scale), "/"))
			b.Run("home/block", func(b *testing.B) {
				benchtest.CPUTime(b, func() {
					for b.Loop() {
						if _, err := svc.Licences(ctx, contracts.Everyone(), contracts.LicenceFilter{PageSize: 1}.Normalize()); err != nil {
							b.Fatal(err)
						}
					}
				})
			})
			b.Run("licenties/first", get(lb.app, "/licenties"))
			b.Run("licenties/last", get(lb.app, "/licenties?pagina="+strconv.Itoa(lastOver)))
			b.Run("licenties-all/first", get(lb.app, "/licenties?alle=1"))
			b.Run("licenties-all/middle", get(lb.app, "/licenties?alle=1&pagina="+strconv.Itoa(max(1, lastAll/2))))
			// The statements of the start page's block and of the first
			// page of /licenties as the store runs them, rows read into
			// raw bytes.
			for _, bare := range []struct {
				name string
				f    contracts.LicenceFilter
			}{{"home/bare", contracts.LicenceFilter{PageSize: 1}}, {"licenties/first/bare", contracts.LicenceFilter{PageSize: 50}}} {
				b.Run(bare.name, func(b *testing.B) {
					f := bare.f
					f.Scope = contracts.Everyone()
					s := store.LicenceStatements(f.Normalize())
					benchtest.CPUTime(b, func() {
						for b.Loop() {
							var n, over, cost int64
							if err := lb.db.QueryRowContext(ctx, s.Totals.SQL, s.Totals.Args...).Scan(&n, &over, &cost); err != nil {
								b.Fatal(err)
							}
							if got := readRawRows(b, lb.db, s.Over.SQL, append(s.Over.Args, f.PageSize, 0)...); got == 0 {
								b.Fatal("no rows")
							}
						}
					})
				})
			}
			b.Run("aggregate", func(b *testing.B) {
				benchtest.CPUTime(b, func() {
					for b.Loop() {
						var (
							n    int
							cost float64
						)
						if err := lb.db.QueryRowContext(ctx, `SELECT count(*), total(min((l.seats_in_use - l.quantity) * l.unit_price, 100000000000000))
							FROM licence_lines l JOIN contracts c ON c.id = l.contract_id JOIN organizations o ON o.id = c.organization_id
							JOIN vendors v ON v.id = c.vendor_id WHERE c.over_quota = 1 AND l.quantity <> -1 AND l.seats_in_use > l.quantity`).Scan(&n, &cost); err != nil {
							b.Fatal(err)
						}
					}
				})
			})
		})
	}
}

// licenceHomeApp serves lb's register with the procurement service the
// start page's tender block asks, on the clock benchRegister reads it on.
func licenceHomeApp(b *testing.B, lb *listBench, scale demo.Scale) *fiber.App {
	b.Helper()
	var now func() time.Time
	if scale == demo.ScaleSmall && os.Getenv("SAMENKOOP_BENCH_DB_SMALL") == "" {
		now = func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam) }
	}
	return newApp(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, web.Deps{
		Contracts:   contracts.NewService(lb.st.Register(), contracts.Options{Now: now}),
		Procurement: procurement.NewService(lb.st.Procurement(), procurement.Options{Now: now, Words: nl.ProcurementWords()}),
		Auth:        auth.NewService(lb.st.Auth(), auth.Options{Now: now}), Audit: lb.st, Ping: lb.st.Ping})
}
