package web_test

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/demo"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/procurement"
)

// BenchmarkDemandList measures one page of the demand list of every
// organization (first, middle, last) through the store, beside the
// store's very statements (store.DemandListStatements: the counter total,
// the page's keys, the page's rows) on a database/sql connection of its
// own. Small and national scale; stress with SAMENKOOP_BENCH_STRESS=1.
func BenchmarkDemandList(b *testing.B) {
	for _, scale := range benchListScales() {
		b.Run(string(scale), func(b *testing.B) {
			lb := benchRegister(b, scale)
			ctx := context.Background()
			const keys = `SELECT desired_start, id FROM demand ORDER BY desired_start, id`
			var total int
			if err := lb.db.QueryRow(`SELECT count(*) FROM demand`).Scan(&total); err != nil || total == 0 {
				b.Fatalf("%d demand, %v", total, err)
			}
			const size = 20
			for _, at := range []struct {
				name string
				row  int
			}{{"first", -1}, {"middle", total / 2}, {"last", max(total-size, 0)}} {
				f := procurement.DemandFilter{Scope: contracts.Everyone(), PageSize: size}.Normalize()
				if at.row >= 0 {
					f.Seek.Sort, f.Seek.Keys = procurement.DemandSortStart, make([]string, 2)
					if err := lb.db.QueryRow(keys+` LIMIT 1 OFFSET ?`, at.row).Scan(&f.Seek.Keys[0], &f.Seek.Keys[1]); err != nil {
						b.Fatal(err)
					}
				}
				b.Run(at.name+"/store", func(b *testing.B) {
					for b.Loop() {
						p, err := lb.st.Demands(ctx, f)
						if err != nil || len(p.Items) == 0 || p.Total != total {
							b.Fatalf("%d items of %d, %v; want a page of %d", len(p.Items), p.Total, err, total)
						}
					}
				})
				b.Run(at.name+"/bare", func(b *testing.B) {
					s, err := store.DemandListStatements(f)
					if err != nil {
						b.Fatal(err)
					}
					for b.Loop() {
						if n := bareNamedPage(b, lb.db, s.Count, s.CountArgs, s.Keys, s.KeysArgs, s.Rows, nil, size, true); n == 0 {
							b.Fatal("no rows")
						}
					}
				})
			}
		})
	}
}

// BenchmarkAlertList measures one page (50) of the alerts of every
// organization for the next 90 days, first, middle and last, through the
// whole API (admin token), beside the store's very statements
// (store.AlertListStatements: the stale-dates check, each kind's keys
// from the cursor on, the page's contracts by id, the bounded counts)
// read into raw bytes on a connection of their own. Small scale is the
// generated demo register; national scale is a copy of the database
// SAMENKOOP_BENCH_DB_NATIONAL names (`samenkoop demo --scale national`,
// on the real clock; skipped without it); stress scale likewise from
// SAMENKOOP_BENCH_DB_STRESS with SAMENKOOP_BENCH_STRESS=1:
//
//	SAMENKOOP_BENCH_DB_NATIONAL=/tmp/national.db go test ./internal/web -run X -bench AlertList -count 5
func BenchmarkAlertList(b *testing.B) {
	for _, scale := range benchListScales() {
		b.Run(string(scale), func(b *testing.B) {
			ar := alertBenchRegister(b, scale)
			ctx := context.Background()
			all, err := ar.svc.Alerts(ctx, contracts.Everyone(), "", 90)
			if err != nil || len(all) < 150 {
				b.Fatalf("%d alerts, %v", len(all), err)
			}
			const size = 50
			today := ar.svc.Today()
			for _, at := range []struct {
				name  string
				after int // the alert before the page; -1: none
			}{{"first", -1}, {"middle", len(all) / 2}, {"last", len(all) - size - 1}} {
				cursor, after := "", contracts.AlertKey{}
				if at.after >= 0 {
					after = all[at.after].Key()
					cursor = contracts.Cursor{Sort: contracts.AlertSortDate, Keys: []string{after.Date.String(),
						strconv.Itoa(after.Rank), strconv.FormatInt(after.Contract, 10)}}.Encode()
				}
				b.Run(at.name+"/api", func(b *testing.B) {
					path := "/api/v1/alerts?within=90d&pageSize=" + strconv.Itoa(size)
					if cursor != "" {
						path += "&cursor=" + url.QueryEscape(cursor)
					}
					for b.Loop() {
						req := httptest.NewRequest(http.MethodGet, path, nil)
						req.Header.Set("Authorization", "Bearer "+ar.token)
						resp, err := ar.app.Test(req, -1)
						if err != nil {
							b.Fatal(err)
						}
						body, err := io.ReadAll(resp.Body)
						resp.Body.Close()
						if err != nil || resp.StatusCode != http.StatusOK || strings.Count(string(body), `"kind"`) != size {
							b.Fatalf("status %d, %v: %.300s", resp.StatusCode, err, body)
						}
					}
				})
				b.Run(at.name+"/bare", func(b *testing.B) {
					q := contracts.AlertQuery{Scope: contracts.Everyone(), Today: today, Until: today.AddDays(90), After: after, Limit: size + 1}
					s := store.AlertListStatements(q, 1000)
					for b.Loop() {
						if n := bareAlertPage(b, ar.db, s, q); n < size {
							b.Fatalf("%d contracts", n)
						}
					}
				})
			}
		})
	}
}

// alertBench is a register for BenchmarkAlertList: the app, an admin's
// token, the service on the register's clock and a read-only connection.
type alertBench struct {
	app   *fiber.App
	token string
	svc   *contracts.Service
	db    *sql.DB
	st    *store.Store
}

func alertBenchRegister(b *testing.B, scale demo.Scale) alertBench {
	b.Helper()
	if scale == demo.ScaleSmall {
		lb := benchRegister(b, scale)
		now := func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam) }
		return alertBench{app: lb.app, token: lb.token, svc: contracts.NewService(lb.st.Register(), contracts.Options{Now: now}), db: lb.db, st: lb.st}
	}
	env := "SAMENKOOP_BENCH_DB_" + strings.ToUpper(string(scale))
	if os.Getenv(env) == "" {
		b.Skipf("set %s to a database of `samenkoop demo --scale %s`", env, scale)
	}
	// benchRegister's copy, migrated (the demo database may predate the
	// latest migrations), with an admin's token; one copy per process
	// (the stress database is 1.1 GB).
	lb := benchRegister(b, scale)
	svc := contracts.NewService(lb.st.Register(), contracts.Options{})
	if stale, err := svc.StaleDates(context.Background()); err != nil || stale {
		if _, err := svc.RefreshDates(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	return alertBench{app: lb.app, token: lb.token, svc: svc, db: lb.db, st: lb.st}
}

// bareAlertPage runs the statements of one alerts page as
// Store.AlertCandidates and AlertCount do, reading every row into raw
// bytes, and returns the number of contracts read.
func bareAlertPage(b *testing.B, db *sql.DB, s store.AlertListSQL, q contracts.AlertQuery) int {
	var stale bool
	if err := db.QueryRow(s.Stale.SQL, s.Stale.Args...).Scan(&stale); err != nil || stale {
		b.Fatalf("stale %v, %v", stale, err)
	}
	var keys []contracts.AlertKey
	var bound contracts.AlertKey
	for i, arm := range s.Arms {
		rows, err := db.Query(arm.SQL, arm.Args...)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			k := contracts.AlertKey{Date: q.Today, Rank: s.ArmRanks[i]}
			var d sql.RawBytes
			if s.ArmDated[i] {
				err = rows.Scan(&d, &k.Contract)
				k.Date, _ = contracts.ParseDate(string(d))
			} else {
				err = rows.Scan(&k.Contract)
			}
			if err != nil {
				b.Fatal(err)
			}
			keys, n = append(keys, k), n+1
			if n == q.Limit && (bound.IsZero() || contracts.CompareAlertKeys(k, bound) < 0) {
				bound = k
			}
		}
		rows.Close()
	}
	seen := map[int64]bool{}
	var ids []any
	for _, k := range keys {
		if !bound.IsZero() && contracts.CompareAlertKeys(k, bound) > 0 || seen[k.Contract] {
			continue
		}
		seen[k.Contract] = true
		ids = append(ids, k.Contract)
	}
	readRaw(b, db, store.AlertRows(len(ids)), ids...)
	for _, c := range s.Counts {
		var n int
		if err := db.QueryRow(c.SQL, c.Args...).Scan(&n); err != nil {
			b.Fatal(err)
		}
	}
	return len(ids)
}

// benchListScales are small and national scale, and stress with
// SAMENKOOP_BENCH_STRESS=1.
func benchListScales() []demo.Scale {
	if os.Getenv("SAMENKOOP_BENCH_STRESS") == "1" {
		return demo.Scales()
	}
	return []demo.Scale{demo.ScaleSmall, demo.ScaleNational}
}
