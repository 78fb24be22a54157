package web_test

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/demo"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
	"github.com/samenkoop/samenkoop/internal/web"
)

// benchHash is the benchmarks' password hashing: cheap.
var benchHash = auth.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}

// nationalTemplate is a copy of the national demo set (~700
// organizations, ~99,000 contracts, dates stored for 22-11-2026) with an
// admin token, generated once per test process (storetest.Template), so
// that every benchmark run starts from the same stored dates.
func nationalTemplate(b *testing.B) (*store.Store, string) {
	b.Helper()
	now := func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam) }
	return storetest.Template(b, "national demo, seed 1, on 2026-11-22, with an admin token", func(ctx context.Context, st *store.Store) (string, error) {
		if _, err := demo.Generate(ctx, st.Register(), demo.Options{Scale: demo.ScaleNational, Seed: 1, Now: now}); err != nil {
			return "", err
		}
		authSvc := auth.NewService(st.Auth(), auth.Options{Now: now, Hash: benchHash})
		admin, err := authSvc.CreateUser(ctx, auth.User{Email: "admin@bench.nl", Name: "Admin", Role: auth.RoleAdmin}, "correct horse battery")
		if err != nil {
			return "", err
		}
		_, token, err := authSvc.CreateToken(ctx, admin.ID, "bench", 0)
		return token, err
	})
}

// BenchmarkContractListAfterMidnight measures the first contract list
// request of a day at national scale, at a stale moment: the clock is
// five minutes past midnight, the dates are stored for the day before and
// the nightly refresh has not run. Two lists, through the whole API: one
// page of the largest municipality's contracts with a notice deadline
// within three months (org), and the first page of the whole register,
// soonest notice deadline first (all), as an administrator opens it.
//
//   - refresh-in-request: as before the nightly job, the request refreshed
//     the stored dates first (Service.RefreshDates, then the list); each
//     iteration is the first request of the next day;
//   - read-only: the request only reads; the rows that may have moved are
//     computed for today within it (contracts/dates_stored.go);
//   - refreshed: the same request once the nightly job has run.
func BenchmarkContractListAfterMidnight(b *testing.B) {
	stored := time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam)
	lists := []struct {
		name  string
		query func(org string, today contracts.Date) url.Values
	}{
		{"org", func(org string, today contracts.Date) url.Values {
			return url.Values{"organization": {org}, "noticeBefore": {today.AddMonths(3).String()}, "pageSize": {"50"}}
		}},
		{"all", func(string, contracts.Date) url.Values { return url.Values{"pageSize": {"50"}} }},
	}
	for _, list := range lists {
		setup := func(b *testing.B) (*contracts.Service, func(), *atomic.Int64) {
			st, token := nationalTemplate(b)
			var days atomic.Int64
			days.Store(1)
			now := func() time.Time {
				return time.Date(stored.Year(), stored.Month(), stored.Day()+int(days.Load()), 0, 5, 0, 0, contracts.Amsterdam)
			}
			svc := contracts.NewService(st.Register(), contracts.Options{Now: now})
			app := newApp(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))},
				web.Deps{Contracts: svc, Auth: auth.NewService(st.Auth(), auth.Options{Hash: benchHash}), Audit: st, Ping: st.Ping})
			org := largestMunicipality(b, st)
			get := func() {
				req := httptest.NewRequest("GET", "/api/v1/contracts?"+list.query(org, svc.Today()).Encode(), nil)
				req.Header.Set("Authorization", "Bearer "+token)
				resp, err := app.Test(req, -1)
				if err != nil {
					b.Fatal(err)
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 || !bytes.Contains(body, []byte(`"items":[{`)) {
					b.Fatalf("status %d, %v: %.200s", resp.StatusCode, err, body)
				}
			}
			return svc, get, &days
		}

		b.Run("refresh-in-request/"+list.name, func(b *testing.B) {
			svc, get, days := setup(b)
			days.Store(0)
			for b.Loop() {
				days.Add(1)
				if _, err := svc.RefreshDates(context.Background()); err != nil {
					b.Fatal(err)
				}
				get()
			}
		})
		b.Run("read-only/"+list.name, func(b *testing.B) {
			svc, get, _ := setup(b)
			if stale, err := svc.StaleDates(context.Background()); err != nil || !stale {
				b.Fatalf("StaleDates = %v, %v; want the dates stored for the day before", stale, err)
			}
			for b.Loop() {
				get()
			}
			if stale, err := svc.StaleDates(context.Background()); err != nil || !stale {
				b.Fatalf("StaleDates after the reads = %v, %v; want them still stale: the reads wrote", stale, err)
			}
		})
		b.Run("refreshed/"+list.name, func(b *testing.B) {
			svc, get, _ := setup(b)
			if _, err := svc.RefreshDates(context.Background()); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				get()
			}
		})
	}
}

// largestMunicipality returns the code of the municipality with the most
// contracts.
func largestMunicipality(b *testing.B, st *store.Store) string {
	b.Helper()
	db, err := sql.Open("sqlite3", "file:"+st.Path()+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var org string
	if err := db.QueryRow(`SELECT o.code FROM contracts c JOIN organizations o ON o.id = c.organization_id
		WHERE o.kind = 'municipality' GROUP BY o.code ORDER BY count(*) DESC LIMIT 1`).Scan(&org); err != nil {
		b.Fatal(err)
	}
	return org
}
