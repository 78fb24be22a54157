package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/internal/web/ui"
)

// TestHeavyReadsAreBounded: while every slot is held by a view being
// built, the next caller waits briefly and then gets 503 with Retry-After
// (a problem on the API, the Dutch error page in the UI); once the slot is
// released the view is served again (issue 12: 8 concurrent bundle calls
// took the server to 1.9 GB). The routes are registered with the same
// router helpers as the real ones (the routes.go of internal/web/api and
// internal/web/ui); the UI's error page is the real one.
func TestHeavyReadsAreBounded(t *testing.T) {
	t.Parallel()
	started, release := make(chan struct{}, 1), make(chan struct{})
	hold := func() {
		select {
		case started <- struct{}{}:
		default:
		}
		<-release
	}
	type out struct{ Body struct{ OK bool } }
	app := web.NewHeavyTestApp(ui.New().(web.Pages), 1, 50*time.Millisecond, func(r *web.Router) {
		web.HeavyOperation(r, huma.Operation{OperationID: "slowView", Method: http.MethodGet, Path: "/view"}, auth.Public,
			func(context.Context, *struct{}) (*out, error) {
				hold()
				o := &out{}
				o.Body.OK = true
				return o, nil
			})
		r.HeavyPage(http.MethodGet, "/overzicht", auth.Public, func(c *fiber.Ctx) error {
			hold()
			return c.SendString("overzicht")
		})
	})

	get := func(path string) (*http.Response, string) {
		t.Helper()
		resp, err := app.Test(httptest.NewRequest(http.MethodGet, path, nil), -1)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, string(b)
	}

	// The one slot is taken by a view being built.
	first := make(chan int)
	go func() {
		resp, err := app.Test(httptest.NewRequest(http.MethodGet, "/api/v1/view", nil), -1)
		if err != nil {
			first <- 0
			return
		}
		resp.Body.Close()
		first <- resp.StatusCode
	}()
	<-started

	tests := []struct {
		name, path, wantType, wantText string
	}{
		{"API: 503 problem", "/api/v1/view", "application/problem+json", "Retry-After"},
		{"UI: 503 Dutch error page", "/overzicht", "text/html", "Probeer het over enkele seconden opnieuw"},
	}
	for _, tt := range tests {
		resp, body := get(tt.path)
		if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
			t.Errorf("%s: GET %s with every slot held = %d, Retry-After %q; want 503 with Retry-After", tt.name, tt.path,
				resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.wantType) || !strings.Contains(body, tt.wantText) {
			t.Errorf("%s: GET %s = %s %q, want %s containing %q", tt.name, tt.path, ct, body, tt.wantType, tt.wantText)
		}
	}

	close(release)
	if status := <-first; status != 200 {
		t.Fatalf("the view that held the slot = %d, want 200", status)
	}
	for _, path := range []string{"/api/v1/view", "/overzicht"} {
		if resp, body := get(path); resp.StatusCode != 200 {
			t.Errorf("GET %s after the slot was released = %d, want 200: %s", path, resp.StatusCode, body)
		}
	}
}
