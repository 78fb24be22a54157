package web_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/benchtest"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/web"
)

// The views that read the maintained spend model (issue 15) at each scale,
// each beside the bare aggregate SQL over the model's rows in the same
// run. Generating the national and stress sets takes minutes, so these
// benchmarks run on databases the demo command wrote, named by
// SAMENKOOP_BENCH_DB_SMALL, _NATIONAL and _STRESS (a scale without one is
// skipped):
//
//	samenkoop demo --scale national --db /tmp/national.db
//	SAMENKOOP_BENCH_DB_NATIONAL=/tmp/national.db go test ./internal/web -run X -bench SpendModel
//
// The services run on the real clock with the demo command's indexation
// (3 % a year), so that the model the demo command computed holds today.
// A benchmark writes a user and a session into the database.

// scaleRegister is a demo database of one scale with the services and
// the app over it.
type scaleRegister struct {
	st     *store.Store
	svc    *contracts.Service
	app    *fiber.App
	cookie string // a session of the finance account (all organizations)
	token  string // an API token of the admin account
}

// demoIndex is the indexation the demo command's configuration applies.
var demoIndex = contracts.IndexRates{Default: 300}

// benchScales returns the scales whose databases are named.
func benchScales() []string { return []string{"small", "national", "stress"} }

// scaleCopies maps a named database to its copy in this process.
var (
	scaleCopiesMu sync.Mutex
	scaleCopies   = map[string]string{}
)

func openScale(b *testing.B, scale string) scaleRegister {
	b.Helper()
	path := os.Getenv("SAMENKOOP_BENCH_DB_" + map[string]string{"small": "SMALL", "national": "NATIONAL", "stress": "STRESS"}[scale])
	if path == "" {
		b.Skipf("set SAMENKOOP_BENCH_DB_%s to a database of `samenkoop demo --scale %s`", map[string]string{"small": "SMALL", "national": "NATIONAL", "stress": "STRESS"}[scale], scale)
	}
	ctx := context.Background()
	// The named database is copied once per process and the copy brought
	// to this build's schema: the benchmark refreshes the model and logs
	// in, and a demo database of an older build has an older schema.
	scaleCopiesMu.Lock()
	copied, ok := scaleCopies[path]
	if !ok {
		dir, err := os.MkdirTemp("", "samenkoop-bench-")
		if err != nil {
			scaleCopiesMu.Unlock()
			b.Fatal(err)
		}
		copied = dir + "/" + scale + ".db"
		if err := copyFile(path, copied); err != nil {
			scaleCopiesMu.Unlock()
			b.Fatal(err)
		}
		scaleCopies[path] = copied
	}
	scaleCopiesMu.Unlock()
	st, err := store.Open(copied, store.Options{Readers: store.ReaderPool(2)})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	svc := contracts.NewService(st.Register(), contracts.Options{Index: demoIndex})
	if r, err := svc.RefreshSpendModel(ctx); err != nil {
		b.Fatal(err)
	} else if r.Rebuilt {
		b.Logf("%s: the spend model was computed from scratch", scale)
	}
	authSvc := auth.NewService(st.Auth(), auth.Options{})
	_, _, cookie, err := authSvc.Login(ctx, "financien@demo.samenkoop.nl", "samenkoop-demo", "127.0.0.1")
	if err != nil {
		b.Fatal(err)
	}
	admin, _, _, err := authSvc.Login(ctx, "beheerder@demo.samenkoop.nl", "samenkoop-demo", "127.0.0.1")
	if err != nil {
		b.Fatal(err)
	}
	_, token, err := authSvc.CreateToken(ctx, admin.ID, "bench "+time.Now().Format(time.RFC3339Nano), time.Hour)
	if err != nil {
		b.Fatal(err)
	}
	app := newApp(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))},
		web.Deps{Contracts: svc, Auth: authSvc, Audit: st, Ping: st.Ping})
	return scaleRegister{st: st, svc: svc, app: app, cookie: cookie, token: token}
}

// benchModelGet requests path with r's session (a page) or token (/api/) and
// fails unless it answers 200.
func benchModelGet(b *testing.B, r scaleRegister, path string) {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if len(path) > 5 && path[:5] == "/api/" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	} else {
		req.AddCookie(&http.Cookie{Name: "samenkoop_session", Value: r.cookie})
	}
	resp, err := r.app.Test(req, -1)
	if err != nil {
		b.Fatal(err)
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || n == 0 {
		b.Fatalf("GET %s: status %d, %d bytes, %v", path, resp.StatusCode, n, err)
	}
}

// bareQuery runs q with args on a plain read-only connection and reads
// every row into raw bytes.
func bareQuery(b *testing.B, path string, queries ...string) func(b *testing.B) {
	return func(b *testing.B) {
		db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=5000&_cache_size=-16000&_stmt_cache_size=64")
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		year := time.Now().Year()
		b.ReportAllocs()
		benchtest.CPUTime(b, func() {
			for b.Loop() {
				for _, q := range queries {
					if strings.Contains(q, "?1") {
						readRaw(b, db, q, year)
					} else {
						readRaw(b, db, q)
					}
				}
			}
		})
	}
}

// bareStatements runs the statements of stmts on a plain read-only
// connection and reads every row into raw bytes.
func bareStatements(path string, stmts func() []store.Statement) func(b *testing.B) {
	return func(b *testing.B) {
		db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=5000&_cache_size=-16000&_stmt_cache_size=64")
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		b.ReportAllocs()
		benchtest.CPUTime(b, func() {
			for b.Loop() {
				rows := 0
				for _, s := range stmts() {
					rows += readRawRows(b, db, s.SQL, s.Args...)
				}
				if rows == 0 {
					b.Fatal("no rows")
				}
			}
		})
	}
}

// readRawRows reads every row of q into raw bytes and returns how many
// there were.
func readRawRows(b *testing.B, db *sql.DB, q string, args ...any) int {
	rows, err := db.QueryContext(context.Background(), q, args...)
	if err != nil {
		b.Fatal(err)
	}
	cols, err := rows.Columns()
	if err != nil {
		b.Fatal(err)
	}
	raw := make([]sql.RawBytes, len(cols))
	dest := make([]any, len(cols))
	for i := range raw {
		dest[i] = &raw[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	if err := rows.Close(); err != nil {
		b.Fatal(err)
	}
	return n
}

// dependencyNarrowSQL is what the cooperative report runs when the model
// holds the year and the stored dates are today's: the staleness check,
// the count and the first 100 keys of each kind of deadline, the
// staleness check again, the sums per organization × vendor × category, the model's cells of the year and
// the candidates for the lock-in list that the report chose from them
// (captured from one report). The read by id of the ≤ 100 contracts of
// the deadlines listed and the names of the organizations and vendors
// are left out: a few hundred rows.
func dependencyNarrowSQL(b *testing.B, r scaleRegister, year int) []store.Statement {
	ctx := context.Background()
	capture := &candidateCapture{Store: r.st.Register(), DependencyReader: r.st.Register().(contracts.DependencyReader)}
	if _, err := contracts.NewService(capture, contracts.Options{Index: demoIndex}).DependencyReport(ctx, contracts.Everyone(),
		contracts.DependencyQuery{Year: year, Generated: time.Now()}); err != nil || !capture.chosen {
		b.Fatalf("the report chose no candidates: %v", err)
	}
	var ids []int64
	if capture.want.Organizations != nil {
		db, err := sql.Open("sqlite3", "file:"+r.st.Path()+"?mode=ro&_busy_timeout=5000")
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		ids = []int64{}
		for _, code := range capture.want.Organizations {
			var id int64
			if err := db.QueryRowContext(ctx, `SELECT id FROM organizations WHERE code = ?`, code).Scan(&id); err != nil {
				b.Fatal(err)
			}
			ids = append(ids, id)
		}
	}
	today := r.svc.Today()
	stale, counts, arms, _ := store.DependencyDeadlineStatements(today, today.AddMonths(contracts.DependencyDeadlineMonths), contracts.DependencyDeadlinesListed)
	out := append([]store.Statement{stale}, counts...)
	out = append(out, arms...)
	// The sums check the stored dates again in their own snapshot.
	cells, spend := store.DependencyCellStatements(capture.q)
	return append(out, stale, cells, spend, store.DependencyCandidateStatement(capture.q, capture.want.MinStatic, ids))
}

// candidateCapture keeps what the cooperative report asked of the store's
// sums and which candidates it chose.
type candidateCapture struct {
	contracts.Store
	contracts.DependencyReader
	q      contracts.DependencyCellQuery
	want   contracts.DependencyCandidates
	chosen bool
}

func (c *candidateCapture) DependencyCells(ctx context.Context, q contracts.DependencyCellQuery,
	choose func([]contracts.DependencyCell) contracts.DependencyCandidates) (contracts.DependencyCellRead, error) {
	c.q = q
	return c.DependencyReader.DependencyCells(ctx, q, func(cells []contracts.DependencyCell) contracts.DependencyCandidates {
		c.want, c.chosen = choose(cells), true
		return c.want
	})
}

// The bare aggregates over the model: what /uitgaven shows for every
// organization (the year by vendor group, the forecast of five years),
// and the spend per organization × category × vendor group the
// cooperative concentration is computed from.
const (
	bareSpendByGroup = `SELECT coalesce(v.group_id, v.id), sum(s.contract_amount), sum(s.licence_amount), sum(s.contracts)
		FROM spend_cells s JOIN vendors v ON v.id = s.vendor_id WHERE s.year = ?1 GROUP BY 1`
	bareForecast = `SELECT s.year, sum(s.contract_amount + s.licence_amount), sum(s.contracts)
		FROM spend_cells s WHERE s.year BETWEEN ?1 AND ?1 + 4 GROUP BY s.year`
	bareMarkets = `SELECT s.organization_id, s.category_id, coalesce(v.group_id, v.id), sum(s.contract_amount + s.licence_amount)
		FROM spend_cells s JOIN vendors v ON v.id = s.vendor_id WHERE s.year = ?1 GROUP BY 1, 2, 3`
	// The same views' exact SQL since the rollups (internal/store/
	// spend_cells.go, spend_rollup.go): the spend by vendor group and the
	// forecast summed from spend_vendor_years, the concentration from the
	// rollups' few rows per year; each with the names the store reads
	// beside it. The queries above, over every cell, are kept for
	// reference.
	bareNames         = `SELECT v.id, v.name, gv.id, gv.name FROM vendors v JOIN vendors gv ON gv.id = coalesce(v.group_id, v.id)`
	bareRollupByGroup = `SELECT s.year, 0, 0, coalesce(v.group_id, v.id), sum(s.contract_amount), sum(s.licence_amount), sum(s.contracts)
		FROM spend_vendor_years s JOIN vendors v ON v.id = s.vendor_id WHERE s.year BETWEEN ?1 AND ?1 GROUP BY 1, 2, 3, 4`
	bareRollupForecast = `SELECT s.year, 0, 0, 0, sum(s.contract_amount), sum(s.licence_amount), sum(s.contracts)
		FROM spend_vendor_years s WHERE s.year BETWEEN ?1 AND ?1 + 4 GROUP BY 1, 2, 3, 4`
	bareRollupShares = `SELECT s.category_id, coalesce(v.group_id, v.id), sum(s.contract_amount + s.licence_amount)
		FROM spend_vendor_years s JOIN vendors v ON v.id = s.vendor_id WHERE s.year = ?1
		GROUP BY 1, 2 HAVING sum(s.contract_amount + s.licence_amount) <> 0`
	bareRollupBuyers     = `SELECT category_id, organizations, 0 FROM spend_buyers WHERE year = ?1`
	bareRollupReach      = `SELECT category_id, group_id, organizations FROM spend_reach WHERE year = ?1`
	bareRollupGroupReach = `SELECT group_id, organizations, 0 FROM spend_group_reach WHERE year = ?1`
	bareCategories       = `SELECT id, name FROM categories`

	// bareDependency reads what the cooperative report's pass reads with
	// the model: every contract's columns with its spend of the year.
	bareDependency = `SELECT c.id, c.organization_id, c.vendor_id, coalesce(c.category_id, 0), c.start_date,
		c.initial_term_months, c.renewal_kind, c.renewal_period_months, c.max_renewals, c.max_end,
		c.renewals_exercised, c.notice_months, c.notice_days, c.notice_ends_any_day, c.notice_given_on, c.annual_value, c.status,
		c.number, c.title, c.cpv, c.lead_days, c.exit_plan, c.open_data, c.continuity, c.source_rights,
		c.business_critical, c.interfaces, coalesce(y.contract_amount, 0), coalesce(y.licence_amount, 0)
		FROM contracts c LEFT JOIN spend_contract_years y ON y.contract_id = c.id AND y.year = ?1 ORDER BY c.id`
)

// BenchmarkSpendModelViews measures, per scale, /uitgaven for the whole
// cooperative (the page, and the spend API), the cooperative concentration
// (/afhankelijkheid/samenwerking and its service call), and the
// cooperative dependency report (assembled, as PDF and as XLSX, with the
// peak of the heap beyond what was in use before), each beside the bare
// aggregate SQL over the model's rows.
func BenchmarkSpendModelViews(b *testing.B) {
	for _, scale := range benchScales() {
		b.Run(scale, func(b *testing.B) {
			r := openScale(b, scale)
			ctx := context.Background()
			year := time.Now().Year()
			b.Run("uitgaven-page", func(b *testing.B) {
				benchtest.CPUTime(b, func() {
					for b.Loop() {
						benchModelGet(b, r, "/uitgaven")
					}
				})
			})
			b.Run("spend-api", func(b *testing.B) {
				benchtest.CPUTime(b, func() {
					for b.Loop() {
						benchModelGet(b, r, "/api/v1/spend?groupBy=vendorGroup")
					}
				})
			})
			b.Run("spend-sql", bareQuery(b, r.st.Path(), bareSpendByGroup, bareForecast))
			b.Run("spend-sql-rollup", bareQuery(b, r.st.Path(), bareNames, bareRollupByGroup, bareRollupForecast))
			b.Run("concentration-page", func(b *testing.B) {
				benchtest.CPUTime(b, func() {
					for b.Loop() {
						benchModelGet(b, r, "/afhankelijkheid/samenwerking")
					}
				})
			})
			b.Run("concentration-service", func(b *testing.B) {
				benchtest.CPUTime(b, func() {
					for b.Loop() {
						if _, err := r.svc.CooperativeConcentration(ctx, contracts.Everyone(), year); err != nil {
							b.Fatal(err)
						}
					}
				})
			})
			b.Run("concentration-sql", bareQuery(b, r.st.Path(), bareMarkets))
			b.Run("concentration-sql-rollup", bareQuery(b, r.st.Path(), bareNames, bareCategories, bareRollupShares, bareRollupBuyers,
				bareRollupReach, bareRollupGroupReach))
			report := func(b *testing.B) contracts.DependencyReport {
				rep, err := r.svc.DependencyReport(ctx, contracts.Everyone(), contracts.DependencyQuery{Year: year, Generated: time.Now()})
				if err != nil || rep.Organizations == 0 {
					b.Fatalf("report of %d organizations, %v", rep.Organizations, err)
				}
				return rep
			}
			b.Run("dependency-assemble", func(b *testing.B) {
				benchtest.HeapPeak(b, func() {
					benchtest.CPUTime(b, func() {
						for b.Loop() {
							report(b)
						}
					})
				})
			})
			// The same report computed without the model (a service with
			// another indexation, which the model does not hold): every
			// contract's licence lines read and priced.
			b.Run("dependency-assemble-without-model", func(b *testing.B) {
				other := contracts.NewService(r.st.Register(), contracts.Options{Index: contracts.IndexRates{Default: demoIndex.Default + 1}})
				benchtest.HeapPeak(b, func() {
					benchtest.CPUTime(b, func() {
						for b.Loop() {
							if _, err := other.DependencyReport(ctx, contracts.Everyone(), contracts.DependencyQuery{Year: year, Generated: time.Now()}); err != nil {
								b.Fatal(err)
							}
						}
					})
				})
			})
			for _, f := range []struct {
				name  string
				write func(io.Writer, contracts.DependencyReport) error
			}{{"dependency-pdf", exports.DependencyPDF}, {"dependency-xlsx", exports.DependencyXLSX}} {
				b.Run(f.name, func(b *testing.B) {
					benchtest.HeapPeak(b, func() {
						benchtest.CPUTime(b, func() {
							for b.Loop() {
								if err := f.write(io.Discard, report(b)); err != nil {
									b.Fatal(err)
								}
							}
						})
					})
				})
			}
			// The old full read of every contract, for reference, and the
			// store's exact SQL of the narrow assembly, read raw.
			b.Run("dependency-sql", bareQuery(b, r.st.Path(), bareDependency))
			narrow := dependencyNarrowSQL(b, r, year)
			b.Run("dependency-narrow-sql", bareStatements(r.st.Path(), func() []store.Statement { return narrow }))
		})
	}
}
