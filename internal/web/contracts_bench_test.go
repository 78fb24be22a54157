package web_test

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"sort"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/demo"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
	"github.com/samenkoop/samenkoop/internal/web"
)

// nationalRegister is the national demo set (~700 organizations, ~99,000
// contracts) with an admin token, generated and served on one clock.
func nationalRegister(b *testing.B) (*store.Store, *contracts.Service, *fiber.App, string, func() time.Time) {
	b.Helper()
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam) }
	st := storetest.New(b)
	if _, err := demo.Generate(ctx, st.Register(), demo.Options{Scale: demo.ScaleNational, Seed: 1, Now: now}); err != nil {
		b.Fatal(err)
	}
	svc := contracts.NewService(st.Register(), contracts.Options{Now: now})
	authSvc := auth.NewService(st.Auth(), auth.Options{Now: now, Hash: auth.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}})
	admin, err := authSvc.CreateUser(ctx, auth.User{Email: "admin@bench.nl", Name: "Admin", Role: auth.RoleAdmin}, "correct horse battery")
	if err != nil {
		b.Fatal(err)
	}
	_, token, err := authSvc.CreateToken(ctx, admin.ID, "bench", 0)
	if err != nil {
		b.Fatal(err)
	}
	app := newApp(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))},
		web.Deps{Contracts: svc, Auth: authSvc, Audit: st, Ping: st.Ping})
	return st, svc, app, token, now
}

// BenchmarkContractList compares one page of a contract list with two
// filters (one organization, tacit renewal) through the whole API with
// the bare SQL that reads the same page, on the national demo set. The
// issue's targets: API ≤ 2× the bare query, and a median ≤ 5 ms; the
// "api" sub-benchmark also reports its own p50 and p95 per request.
func BenchmarkContractList(b *testing.B) {
	st, _, app, token, _ := nationalRegister(b)
	// The largest municipality has the most contracts.
	org := "GM0001"
	var n int
	db, err := sql.Open("sqlite3", "file:"+st.Path()+"?mode=ro&_busy_timeout=5000&_stmt_cache_size=64")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(`SELECT o.code, count(*) FROM contracts c JOIN organizations o ON o.id = c.organization_id
		WHERE o.kind = 'municipality' GROUP BY o.code ORDER BY count(*) DESC LIMIT 1`).Scan(&org, &n); err != nil {
		b.Fatal(err)
	}
	q := url.Values{"organization": {org}, "renewalKind": {"tacit"}, "pageSize": {"50"}}
	path := "/api/v1/contracts?" + q.Encode()

	b.Run("api", func(b *testing.B) {
		var durations []time.Duration
		for b.Loop() {
			start := time.Now()
			req := httptest.NewRequest("GET", path, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := app.Test(req, -1)
			if err != nil {
				b.Fatal(err)
			}
			// The client only reads the body: decoding it would bill the
			// client's JSON parsing to the server.
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 || !bytes.Contains(body, []byte(`"items":[{`)) {
				b.Fatalf("status %d, %v: %.200s", resp.StatusCode, err, body)
			}
			durations = append(durations, time.Since(start))
		}
		sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
		b.ReportMetric(float64(durations[len(durations)/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(durations[len(durations)*95/100].Microseconds()), "p95-µs")
	})

	// The bare side runs the store's very statements for this page
	// (store.ContractListStatements): the bounded total, the page's keys
	// and its rows with every column, both joins and the licence line
	// count, read in full.
	b.Run("sql", func(b *testing.B) {
		f := contracts.ContractFilter{Scope: contracts.Everyone(), Organization: org, RenewalKind: contracts.RenewalTacit,
			Sort: contracts.SortNotice, PageSize: 50}.Normalize()
		stmts, err := store.ContractListStatements(f)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if bareContractPage(b, db, stmts, f.PageSize) == 0 {
				b.Fatal("no rows")
			}
		}
	})
}

// BenchmarkRefreshDatesNextDay measures the refresh of the stored contract
// dates when the calendar moves one day on, at national scale: most rows
// keep their dates and only get a new stamp.
func BenchmarkRefreshDatesNextDay(b *testing.B) {
	st, _, _, _, now := nationalRegister(b)
	day := 0
	for b.Loop() {
		day++
		next := contracts.NewService(st.Register(), contracts.Options{Now: func() time.Time { return now().AddDate(0, 0, day) }})
		changed, err := next.RefreshDates(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(changed), "changed/op")
	}
}
