package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/demo"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
	"github.com/samenkoop/samenkoop/procurement"
)

// BenchmarkBundles measures the bundler's views of issue 15 on the demo
// set at each scale (small, national, stress; pick one with -bench
// 'Bundles/national'), with the clock on fixedNow, beside the bundler
// computing every suggestion bare in the same run:
//
//   - compute: a fresh service (nothing cached) computing every
//     category's suggestions, the store's reads included: what every
//     request cost before the cache, and what the first read after a
//     change costs;
//   - api-first-page, page-first: GET /api/v1/bundles and GET /bundels
//     as a coordinator, from the cache of the current data version;
//   - api-member, page-member: the same for a member of the organization
//     in the most suggestions;
//   - page-largest: GET /bundels/{key} of the suggestion with the most
//     participants, the largest page of the bundler;
//   - api-after-change: a write the bundler's data version counts (a
//     setting), then GET /api/v1/bundles: what a reader waits for when
//     the change touches no category's suggestions;
//   - api-after-contract-change: the annual value of one contract of the
//     first suggestion changed, then GET /api/v1/bundles: the
//     recomputation of that one category a reader waits for (the other
//     categories' suggestions are reused).
//
// Each reports its response in bytes (resp-B), the time in ns/op.
func BenchmarkBundles(b *testing.B) {
	for _, scale := range demo.Scales() {
		b.Run(string(scale), func(b *testing.B) { benchBundlesAt(b, scale) })
	}
}

func benchBundlesAt(b *testing.B, scale demo.Scale) {
	ctx := context.Background()
	ta, st, member, now := bundleBenchApp(b, scale)
	// The heap the cached set holds: what the app keeps after its first
	// read, beyond what it held before.
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	list, err := ta.procurement.Bundles(ctx, contracts.Everyone(), procurement.BundleQuery{})
	if err != nil || len(list) == 0 {
		b.Fatalf("%d suggestions, %v", len(list), err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.Logf("%s: the cached set holds %.1f MiB of heap", scale, float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20))
	largest := list[0]
	for _, s := range list {
		if len(s.Participants) > len(largest.Participants) {
			largest = s
		}
	}
	b.Logf("%s: %d suggestions; the largest, %s, has %d participants; member %s", scale, len(list), largest.Key, len(largest.Participants), member)

	b.Run("compute", func(b *testing.B) {
		for b.Loop() {
			fresh := procurement.NewService(st.Procurement(), procurement.Options{Now: now, Words: nl.ProcurementWords()})
			got, err := fresh.Bundles(ctx, contracts.Everyone(), procurement.BundleQuery{})
			if err != nil || len(got) != len(list) {
				b.Fatalf("%d suggestions, %v", len(got), err)
			}
		}
	})
	get := func(who, path, want string) func(b *testing.B) {
		return func(b *testing.B) {
			var n int
			for b.Loop() {
				n = benchGet(b, ta, who, path, want)
			}
			b.ReportMetric(float64(n), "resp-B")
		}
	}
	b.Run("api-first-page", get("coordinator", "/api/v1/bundles", `"suggestions":[{`))
	b.Run("page-first", get("coordinator", "/bundels", "Bundelvoorstellen"))
	b.Run("api-member", get("member", "/api/v1/bundles", `"suggestions":[{`))
	b.Run("page-member", get("member", "/bundels", "Bundelvoorstellen"))
	b.Run("page-largest", get("coordinator", "/bundels/"+largest.Key, "Maak conceptaanbesteding"))
	b.Run("api-after-change", func(b *testing.B) {
		var n, i int
		for b.Loop() {
			i++
			b.StopTimer()
			// A setting is no input of the bundler, but the version counts
			// every entity it does not know to leave out.
			if err := st.Procurement().SetSetting(ctx, "bench.bundles", strconv.Itoa(i)); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			n = benchGet(b, ta, "coordinator", "/api/v1/bundles", `"suggestions":[{`)
		}
		b.ReportMetric(float64(n), "resp-B")
	})
	b.Run("api-after-contract-change", func(b *testing.B) {
		var id int64
		for _, p := range list[0].Participants {
			if p.Contract.ID != 0 {
				id = p.Contract.ID
				break
			}
		}
		if id == 0 {
			b.Skip("the first suggestion has no participant with a contract")
		}
		asOf := contracts.DateOf(now())
		var n, i int
		for b.Loop() {
			i++
			b.StopTimer()
			c, err := st.Register().Contract(ctx, id)
			if err != nil {
				b.Fatal(err)
			}
			k := c.Contract
			k.AnnualValue += contracts.Money(1 - 2*(i%2))
			if err := st.Register().UpdateContract(ctx, k, c.Lines, k.Dates(asOf), asOf); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			n = benchGet(b, ta, "coordinator", "/api/v1/bundles", `"suggestions":[{`)
		}
		b.ReportMetric(float64(n), "resp-B")
	})
}

// bundleBenchApp is the app over a fresh demo set of scale with a
// coordinator and a member of the organization that takes part in the
// most suggestions, each with a token and a session, and the clock it
// runs on. When SAMENKOOP_BENCH_DB_SMALL, _NATIONAL or _STRESS names a
// database of `samenkoop demo` at that scale, the app serves a copy of it
// (benchRegister's) on the real clock its dates were stored for, instead
// of a demo set generated here (many minutes at stress scale).
func bundleBenchApp(b *testing.B, scale demo.Scale) (testApp, *store.Store, string, func() time.Time) {
	b.Helper()
	ctx := context.Background()
	var st *store.Store
	now := fixedNow
	if os.Getenv("SAMENKOOP_BENCH_DB_"+strings.ToUpper(string(scale))) != "" {
		st, now = benchRegister(b, scale).st, time.Now
	} else {
		st = storetest.New(b)
		start := time.Now()
		if _, err := demo.Generate(ctx, st.Register(), demo.Options{Scale: scale, Seed: 1, Now: now}); err != nil {
			b.Fatal(err)
		}
		b.Logf("%s demo set generated in %s", scale, time.Since(start).Round(time.Second))
	}
	list, err := procurement.NewService(st.Procurement(), procurement.Options{Now: now}).Bundles(ctx, contracts.Everyone(), procurement.BundleQuery{})
	if err != nil {
		b.Fatal(err)
	}
	count := map[string]int{}
	member := ""
	for _, s := range list {
		for _, p := range s.Participants {
			if count[p.Organization]++; member == "" || count[p.Organization] > count[member] {
				member = p.Organization
			}
		}
	}
	authSvc := auth.NewService(st.Auth(), auth.Options{Hash: testHash})
	as := map[string]credentials{}
	// A copied register is served to every -count: new users each time.
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	for who, u := range map[string]auth.User{
		"coordinator": {Email: "coordinator-" + run + "@bench.nl", Name: "Coördinator", Role: auth.RoleCoordinator},
		"member":      {Email: "member-" + run + "@bench.nl", Name: "Inkoper", Role: auth.RoleMember, Organization: member},
	} {
		created, err := authSvc.CreateUser(ctx, u, testPassword)
		if err != nil {
			b.Fatal(err)
		}
		_, token, err := authSvc.CreateToken(ctx, created.ID, "bench", 0)
		if err != nil {
			b.Fatal(err)
		}
		_, sess, cookie, err := authSvc.Login(ctx, u.Email, testPassword, "192.0.2.1")
		if err != nil {
			b.Fatal(err)
		}
		as[who] = credentials{user: created, token: token, cookie: cookie, csrf: sess.CSRF}
	}
	return appOver(b, st, appSeed{hash: testHash}, seededUsers{as: as, loggedIn: time.Now()}, now), st, member, now
}

// benchGet gets path as who (a token for the API, the session cookie for
// a page) and fails unless it answers 200 with want in the body; it
// returns the body's size.
func benchGet(b *testing.B, ta testApp, who, path, want string) int {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if path[:5] == "/api/" {
		req.Header.Set("Authorization", "Bearer "+ta.as[who].token)
	} else {
		req.AddCookie(&http.Cookie{Name: "samenkoop_session", Value: ta.as[who].cookie})
	}
	resp, err := ta.app.Test(req, -1)
	if err != nil {
		b.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || !bytes.Contains(body, []byte(want)) {
		b.Fatalf("GET %s as %s: status %d, %v, want %q: %.300s", path, who, resp.StatusCode, err, want, body)
	}
	return len(body)
}
