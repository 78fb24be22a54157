package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/internal/web"
)

// TestLivenessIgnoresTheDatabase: with the database away, /healthz (the
// readiness probe) answers 503 while /livez (the liveness probe) still
// answers 200, so that an outage of the shared database takes the servers
// out of the load balancer without restarting them all. Neither probe is
// counted in the request metrics.
func TestLivenessIgnoresTheDatabase(t *testing.T) {
	app := newApp(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "1.2.3"},
		web.Deps{Auth: newTestApp(t).auth, Ping: func(context.Context) error { return context.DeadlineExceeded }})
	get := func(path string) (int, string, string) {
		t.Helper()
		resp, err := appTest(t, app, httptest.NewRequest("GET", path, nil))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, resp.Header.Get("Cache-Control"), string(b)
	}
	if status, _, body := get("/healthz"); status != 503 {
		t.Errorf("GET /healthz with the database away = %d %s, want 503", status, body)
	}
	status, cache, body := get("/livez")
	if status != 200 || cache != "no-store" {
		t.Fatalf("GET /livez with the database away = %d (Cache-Control %q) %s, want 200 no-store", status, cache, body)
	}
	var live struct{ Status, Version string }
	if err := json.Unmarshal([]byte(body), &live); err != nil || live.Status != "ok" || live.Version != "1.2.3" {
		t.Errorf("GET /livez = %s (%v), want status ok and version 1.2.3", body, err)
	}
	if _, _, scrape := get("/metrics"); strings.Contains(scrape, `path="/livez"`) || strings.Contains(scrape, `path="/healthz"`) {
		t.Errorf("the request metrics count the probes:\n%s", scrape)
	}
}
