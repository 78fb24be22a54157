package web_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
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
// of every line over quota), and /licenties on its first, middle and last
// page, over quota and with every line (alle=1), through the whole app;
// the middle and last pages by cursor (keyset, migration 0025). Beside
// them "aggregate" runs the statement the block ran before the totals
// were kept (migration 0023): the count and the summed excess cost over
// every line over quota, on a connection of its own; "bare" runs the
// store's statements of the block and of each page
// (store.LicenceStatements) on that connection. Small and national scale
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
			b.Run("home/bare", func(b *testing.B) {
				f := contracts.LicenceFilter{Scope: contracts.Everyone(), PageSize: 1}.Normalize()
				s, err := store.LicenceStatements(f)
				if err != nil {
					b.Fatal(err)
				}
				benchtest.CPUTime(b, func() {
					for b.Loop() {
						bareLicencePage(b, lb.db, s, f.PageSize)
					}
				})
			})
			// /licenties (over quota) and /licenties?alle=1 (every line) on
			// their first, middle and last page: the middle and last pages by
			// the cursor of the line before them, as the next links carry it;
			// beside each, the store's statements of that page (bare).
			for _, list := range []struct {
				name  string
				all   bool
				total int
			}{{"licenties", false, first.OverQuota}, {"licenties-all", true, all.Total}} {
				for _, at := range []struct {
					name string
					row  int // the row the page follows; -1 for the first page
				}{{"first", -1}, {"middle", list.total / 2}, {"last", list.total - 30}} {
					f := contracts.LicenceFilter{Scope: contracts.Everyone(), All: list.all, PageSize: 50}.Normalize()
					path := "/licenties"
					if list.all {
						path += "?alle=1"
					}
					if at.row >= 0 {
						f.Seek = contracts.Cursor{Sort: f.Sort(), Keys: licenceKeysAt(b, lb.db, first.OverQuota, max(0, at.row))}
						sep := "?"
						if list.all {
							sep = "&"
						}
						path += sep + "cursor=" + f.Seek.Encode()
					}
					b.Run(list.name+"/"+at.name, get(lb.app, path))
					b.Run(list.name+"/"+at.name+"/bare", func(b *testing.B) {
						s, err := store.LicenceStatements(f)
						if err != nil {
							b.Fatal(err)
						}
						benchtest.CPUTime(b, func() {
							for b.Loop() {
								if got := bareLicencePage(b, lb.db, s, f.PageSize); got == 0 {
									b.Fatal("no rows")
								}
							}
						})
					})
				}
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

// bareLicencePage runs the statements of one page of the licence view as
// the store does (the totals, the page and one line more, from the next
// part of the view when the first runs short), every column read into raw
// bytes; it returns the lines read.
func bareLicencePage(b *testing.B, db *sql.DB, s store.LicenceSQL, size int) int {
	ctx := context.Background()
	var n, over, cost int64
	if err := db.QueryRowContext(ctx, s.Totals.SQL, s.Totals.Args...).Scan(&n, &over, &cost); err != nil {
		b.Fatal(err)
	}
	got := readRawRows(b, db, s.First.SQL, append(s.First.Args, size+1, 0)...)
	if got < size+1 && s.Then.SQL != "" {
		got += readRawRows(b, db, s.Then.SQL, append(s.Then.Args, size+1-got, 0)...)
	}
	return got
}

// licenceKeysAt returns the keys of line row (from 0) of every licence
// line in the view's order, over lines of them over quota first
// (store/licences.go): the position a cursor names.
func licenceKeysAt(b *testing.B, db *sql.DB, over, row int) []string {
	b.Helper()
	q := `SELECT -excess_cost, quantity - seats_in_use, contract_id, position, id FROM licence_lines
		WHERE quantity <> -1 AND seats_in_use > quantity
		ORDER BY -excess_cost, quantity - seats_in_use, contract_id, position, id LIMIT 1 OFFSET ?`
	if row >= over {
		q, row = `SELECT 0, 0, contract_id, position, id FROM licence_lines WHERE NOT (quantity <> -1 AND seats_in_use > quantity)
			ORDER BY contract_id, position, id LIMIT 1 OFFSET ?`, row-over
	}
	keys := make([]string, 5)
	if err := db.QueryRow(q, row).Scan(&keys[0], &keys[1], &keys[2], &keys[3], &keys[4]); err != nil {
		b.Fatal(err)
	}
	return keys
}
