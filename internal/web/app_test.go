package web_test

import (
	"io"
	"log/slog"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/internal/web/api"
	"github.com/samenkoop/samenkoop/internal/web/ui"
)

// newApp builds the app with both surfaces, as samenkoop serve does.
func newApp(opts web.Options, deps web.Deps) *fiber.App {
	return web.New(opts, deps, api.New(), ui.New())
}

// panicOf runs f and returns what it panicked with, or nil.
func panicOf(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

// TestNewDeclaresAPolicyForEveryRoute: the real routes of both surfaces
// all declare one. New ends with the router's completeness check, so New
// returning at all means no route lacks a policy; the route count guards
// against an app that registered nothing.
func TestNewDeclaresAPolicyForEveryRoute(t *testing.T) {
	t.Parallel()
	var app *fiber.App
	if p := panicOf(func() { app = newApp(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, web.Deps{}) }); p != nil {
		t.Fatalf("New panicked: %v", p)
	}
	if n := len(app.GetRoutes(true)); n < 20 {
		t.Errorf("New registered %d routes, want the whole surface of both routes.go", n)
	}
}
