package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/web"
)

// slowExportStore holds every pass over the contract list (EachContract,
// what the list export reads while its file streams) on its first row,
// with the store's reader connection open, until release is closed: an
// export sent to a slow client, or of a very large register. Each pass
// that reaches its first row is sent on started.
type slowExportStore struct {
	contracts.Store
	started chan<- struct{}
	release <-chan struct{}
}

func (s slowExportStore) EachContract(ctx context.Context, f contracts.ContractFilter, fn func(contracts.ContractSummary) error) error {
	first := true
	return s.Store.EachContract(ctx, f, func(cs contracts.ContractSummary) error {
		if first {
			first = false
			select {
			case s.started <- struct{}{}:
			default:
			}
			<-s.release
		}
		return fn(cs)
	})
}

// TestExportsAreBoundedApartFromReads: as many contract list exports as
// server.heavyExports allows are streaming, each holding a database
// reader, and there are as many as the default reader pool has
// connections. The store is opened as serve opens it (store.ReaderPool
// of both heavy limits). A plain API read still answers at once; the
// next export, from the API or from the page's download button, waits
// briefly and gets 503 with Retry-After, because a streamed file holds
// its slot until it is sent. Once the files are sent every export
// answers again; exports refused for their input, which stream nothing,
// give their slot back too.
func TestExportsAreBoundedApartFromReads(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	seeded, as := seededStore(t, appSeed{orgs: sampleOrgs(), hash: testHash, servicesAt: fixedNow()})
	exports, heavyReads := store.ReaderPool(0), 2
	st, err := store.Open(seeded.Path(), store.Options{Readers: store.ReaderPool(heavyReads + exports)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	started, release := make(chan struct{}, exports), make(chan struct{})
	svc := contracts.NewService(slowExportStore{Store: st.Register(), started: started, release: release}, contracts.Options{Now: fixedNow})
	vendor, err := svc.CreateVendor(ctx, contracts.Vendor{Name: "KPN B.V."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateContract(ctx, contracts.Everyone(), contracts.Contract{Organization: "GM0363", Number: "2026-ICT-001",
		Title: "Telefonie", VendorID: vendor, Start: contracts.NewDate(2026, 1, 1), InitialTermMonths: 24,
		RenewalKind: contracts.RenewalNone, Status: contracts.StatusActive}, nil); err != nil {
		t.Fatal(err)
	}
	authSvc := auth.NewService(st.Auth(), auth.Options{Hash: testHash})
	app := newApp(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), HeavyReads: heavyReads, HeavyExports: exports},
		web.Deps{Contracts: svc, Auth: authSvc, Audit: st, Ping: st.Ping})
	request := func(method, path string) *http.Request {
		req := httptest.NewRequest(method, path, nil)
		if strings.HasPrefix(path, "/api/") {
			req.Header.Set("Authorization", "Bearer "+as["admin"].token)
		} else {
			req.AddCookie(&http.Cookie{Name: "samenkoop_session", Value: as["admin"].cookie})
		}
		return req
	}
	send := func(method, path string) (*http.Response, string) {
		t.Helper()
		resp, err := appTest(t, app, request(method, path))
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatalf("%s %s: read body: %v", method, path, err)
		}
		return resp, string(b)
	}
	const export = "/api/v1/exports/contracts?format=csv"

	type result struct {
		status int
		body   string
		err    error
	}
	done := make(chan result, exports)
	for range exports {
		go func() {
			resp, err := appTest(t, app, request(http.MethodGet, export))
			if err != nil {
				done <- result{err: err}
				return
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			done <- result{resp.StatusCode, string(b), err}
		}()
	}
	for i := range exports {
		select {
		case <-started:
		case <-time.After(20 * time.Second):
			close(release)
			t.Fatalf("%d of %d exports are streaming; want all", i, exports)
		}
	}

	// Every export slot is taken by a file being sent.
	resp, body := send(http.MethodGet, "/api/v1/contracts")
	if resp.StatusCode != 200 || !strings.Contains(body, "2026-ICT-001") {
		t.Errorf("GET /api/v1/contracts with %d exports streaming = %d %.200s, want 200 with the contract", exports, resp.StatusCode, body)
	}
	for _, tt := range []struct{ path, wantType, wantText string }{
		{export, "application/problem+json", "exports"},
		{"/contracten/export?format=csv", "text/html", "Probeer het over enkele seconden opnieuw"},
	} {
		resp, body := send(http.MethodGet, tt.path)
		if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
			t.Errorf("GET %s with every export slot taken = %d, Retry-After %q; want 503 with Retry-After", tt.path,
				resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.wantType) || !strings.Contains(body, tt.wantText) {
			t.Errorf("GET %s with every export slot taken = %s %.200q, want %s with %q", tt.path, ct, body, tt.wantType, tt.wantText)
		}
	}

	close(release)
	for range exports {
		r := <-done
		if r.err != nil || r.status != 200 || !strings.Contains(r.body, "2026-ICT-001") {
			t.Errorf("a streaming export, once released = %d %v %.200q; want 200 with the contract", r.status, r.err, r.body)
		}
	}
	const refused = export + "&endsBefore=31-12-2026"
	for i := range exports + 1 {
		if resp, body := send(http.MethodGet, refused); resp.StatusCode != 422 {
			t.Fatalf("GET %s number %d = %d %.200q, want 422: a refused export keeps no slot", refused, i+1, resp.StatusCode, body)
		}
	}
	if resp, body := send(http.MethodGet, export); resp.StatusCode != 200 || !strings.Contains(body, "2026-ICT-001") {
		t.Errorf("GET %s after the files were sent = %d %.200q, want 200 with the contract", export, resp.StatusCode, body)
	}
}
