package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humafiber"
	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/auth"
)

// bareRouter builds a router on an empty app the way routes() does, minus
// huma's own OpenAPI routes, so a test sees only the routes it adds.
func bareRouter() *Router {
	app := fiber.New(fiber.Config{UnescapePath: true})
	s := &server{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	v1 := app.Group("/api/v1")
	cfg := apiConfig(Contact{})
	cfg.OpenAPIPath = ""
	return &Router{app: app, api: humafiber.NewWithGroup(app, v1, cfg), apiBase: "/api/v1", s: s, policies: map[string]auth.Policy{}}
}

func ok(c *fiber.Ctx) error { return c.SendStatus(http.StatusOK) }

type thingInput struct {
	ID string `path:"id"`
}

func getThing(context.Context, *thingInput) (*struct{}, error) { return &struct{}{}, nil }

// TestRouteWithoutPolicyIsCaught: a route registered past the router has
// no policy, undeclared lists it and the app refuses to start (issue 3:
// "adding a route without a policy fails the build's tests").
func TestRouteWithoutPolicyIsCaught(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		register      func(r *Router)
		wantMissing   []string
		wantNotListed []string
	}{
		{
			name:          "page registered with its policy",
			register:      func(r *Router) { r.Page(http.MethodGet, "/pagina", auth.AnyUser, ok) },
			wantNotListed: []string{"GET /pagina"},
		},
		{
			name:          "static file registered with the public policy",
			register:      func(r *Router) { r.Static("/static/:name", ok) },
			wantNotListed: []string{"GET /static/:name", "HEAD /static/:name"},
		},
		{
			name: "API operation with a path parameter is declared in fiber's :param form",
			register: func(r *Router) {
				Operation(r, huma.Operation{OperationID: "getThing", Method: http.MethodGet, Path: "/things/{id}"}, auth.AnyUser, getThing)
			},
			wantNotListed: []string{"GET /api/v1/things/:id"},
		},
		{
			name:        "app.Get past the router: GET and the HEAD fiber adds are listed (issue 3)",
			register:    func(r *Router) { r.app.Get("/zonder-beleid", ok) },
			wantMissing: []string{"GET /zonder-beleid", "HEAD /zonder-beleid"},
		},
		{
			name: "a policy for GET does not cover POST on the same path",
			register: func(r *Router) {
				r.Page(http.MethodGet, "/formulier", auth.AnyUser, ok)
				r.app.Post("/formulier", ok)
			},
			wantMissing:   []string{"POST /formulier"},
			wantNotListed: []string{"GET /formulier"},
		},
		{
			name:        "route in an API group past huma",
			register:    func(r *Router) { r.app.Group("/api/v1").Delete("/things/:id", ok) },
			wantMissing: []string{"DELETE /api/v1/things/:id"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := bareRouter()
			tt.register(r)
			r.addStatic()
			r.addPages()
			missing := r.undeclared()
			for _, want := range tt.wantMissing {
				if !slices.Contains(missing, want) {
					t.Errorf("undeclared() = %v, want it to list %s", missing, want)
				}
			}
			for _, notWant := range tt.wantNotListed {
				if slices.Contains(missing, notWant) {
					t.Errorf("undeclared() = %v lists %s, which declares a policy", missing, notWant)
				}
			}
			got := panicOf(r.mustBeComplete)
			switch {
			case len(tt.wantMissing) == 0 && got != nil:
				t.Errorf("mustBeComplete() panicked with %v, want no panic when every route has a policy", got)
			case len(tt.wantMissing) > 0 && !strings.Contains(fmt.Sprint(got), tt.wantMissing[0]):
				t.Errorf("mustBeComplete() panicked with %v, want a panic naming %s", got, tt.wantMissing[0])
			}
		})
	}
}

// panicOf runs f and returns what it panicked with, or nil.
func panicOf(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}
