package web_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
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

// BenchmarkHomeAlerts measures the coordinator's start page (all
// organizations) through the whole app, beside the work of its deadline
// section alone: the full computation of every alert of the 90-day window
// (contracts.Service.Alerts, what the section cost before it read one
// page) and the bounded statements the section now runs
// (store.HomeAlertStatements, read into raw bytes on a connection of
// their own). Small scale is the generated demo register; national scale
// a copy of the database SAMENKOOP_BENCH_DB_NATIONAL names (skipped
// without it):
//
//	SAMENKOOP_BENCH_DB_NATIONAL=/tmp/national.db go test ./internal/web -run X -bench HomeAlerts -count 5
func BenchmarkHomeAlerts(b *testing.B) {
	for _, scale := range []demo.Scale{demo.ScaleSmall, demo.ScaleNational} {
		b.Run(string(scale), func(b *testing.B) {
			ar := alertBenchRegister(b, scale)
			ctx := context.Background()
			app, cookie := ar.homeApp(b, scale)
			b.Run("page", func(b *testing.B) {
				b.ReportAllocs()
				benchtest.CPUTime(b, func() {
					for b.Loop() {
						req := httptest.NewRequest(http.MethodGet, "/", nil)
						req.AddCookie(&http.Cookie{Name: "samenkoop_session", Value: cookie})
						resp, err := app.Test(req, -1)
						if err != nil {
							b.Fatal(err)
						}
						n, err := io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if err != nil || resp.StatusCode != http.StatusOK || n == 0 {
							b.Fatalf("status %d, %v", resp.StatusCode, err)
						}
					}
				})
			})
			b.Run("bare", func(b *testing.B) {
				today := ar.svc.Today()
				s := store.HomeAlertStatements(contracts.HomeAlertQuery{Scope: contracts.Everyone(), Today: today,
					Until: today.AddDays(90), Limit: 50, Bound: contracts.HomeAlertBound})
				b.ReportAllocs()
				benchtest.CPUTime(b, func() {
					for b.Loop() {
						bareHomeAlerts(b, ar, s)
					}
				})
			})
			b.Run("full-alerts", func(b *testing.B) {
				b.ReportAllocs()
				benchtest.CPUTime(b, func() {
					for b.Loop() {
						if _, err := ar.svc.Alerts(ctx, contracts.Everyone(), "", 90); err != nil {
							b.Fatal(err)
						}
					}
				})
			})
		})
	}
}

// bareHomeAlerts runs the statements of the start page's deadlines as
// Store.HomeAlertCandidates does, reading every row into raw bytes: the
// stale-dates check, each kind's first keys, the overdue actions up to
// the day the others reach, the missed notices, the counts and the rows
// of the contracts found.
func bareHomeAlerts(b *testing.B, ar alertBench, s store.HomeAlertSQL) {
	var stale bool
	if err := ar.db.QueryRow(s.Stale.SQL, s.Stale.Args...).Scan(&stale); err != nil || stale {
		b.Fatalf("stale %v, %v", stale, err)
	}
	seen := map[string]bool{}
	var ids []any
	through := ""
	keys := func(arms []store.Statement) {
		for _, arm := range arms {
			rows, err := ar.db.Query(arm.SQL, arm.Args...)
			if err != nil {
				b.Fatal(err)
			}
			var day, id sql.RawBytes
			for rows.Next() {
				if err := rows.Scan(&day, &id); err != nil {
					b.Fatal(err)
				}
				if !seen[string(id)] {
					seen[string(id)] = true
					ids = append(ids, string(id))
				}
				if through == "" || string(day) < through {
					through = string(day)
				}
			}
			rows.Close()
		}
	}
	keys(s.Dated)
	keys(s.Overdue(through))
	// The missed notices by notice period, as latestMissedByPeriod reads
	// them: a seek for each period, its latest, and those tied on the
	// last current end read.
	var n int
	if err := ar.db.QueryRow(s.MissedCount.SQL, s.MissedCount.Args...).Scan(&n); err != nil {
		b.Fatal(err)
	}
	for months, days := -1, -1; ; {
		p := s.MissedPeriod(months, days)
		if err := ar.db.QueryRow(p.SQL, p.Args...).Scan(&months, &days); err == sql.ErrNoRows {
			break
		} else if err != nil {
			b.Fatal(err)
		}
		latest := s.MissedLatest(months, days)
		rows, err := ar.db.Query(latest.SQL, latest.Args...)
		if err != nil {
			b.Fatal(err)
		}
		var id, end sql.RawBytes
		read, last := 0, ""
		for rows.Next() {
			if err := rows.Scan(&id, &end); err != nil {
				b.Fatal(err)
			}
			if read++; len(ids) < 150 {
				ids = append(ids, string(id))
			}
			last = string(end)
		}
		rows.Close()
		if read == 50 {
			ties := s.MissedTies(months, days, last, last)
			readRaw(b, ar.db, ties.SQL, ties.Args...)
		}
	}
	for _, c := range s.Counts {
		var n int
		if err := ar.db.QueryRow(c.SQL, c.Args...).Scan(&n); err != nil {
			b.Fatal(err)
		}
	}
	readRaw(b, ar.db, store.AlertRows(len(ids)), ids...)
}

// homeApp is the whole app over ar's register with the procurement
// service the start page's tender section needs, and a coordinator's
// session: the bench coordinator of the small register, the demo one of
// a demo database.
func (ar alertBench) homeApp(b *testing.B, scale demo.Scale) (*fiber.App, string) {
	b.Helper()
	authSvc := auth.NewService(ar.st.Auth(), auth.Options{})
	var (
		cookie string
		now    func() time.Time
	)
	if scale == demo.ScaleSmall {
		cookie = benchRegister(b, scale).cookie
		now = func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam) }
	} else {
		var err error
		if _, _, cookie, err = authSvc.Login(context.Background(), "coordinator@demo.samenkoop.nl", "samenkoop-demo", "127.0.0.1"); err != nil {
			b.Fatal(err)
		}
	}
	app := newApp(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, web.Deps{Contracts: ar.svc,
		Procurement: procurement.NewService(ar.st.Procurement(), procurement.Options{Now: now, Words: nl.ProcurementWords()}),
		Auth:        authSvc, Audit: ar.st, Ping: ar.st.Ping})
	return app, cookie
}
