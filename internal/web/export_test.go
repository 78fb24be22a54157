package web

import (
	"io"
	"log/slog"
	"time"

	"github.com/danielgtaylor/huma/v2/adapters/humafiber"
	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/auth"
)

// NewHeavyTestApp builds an app with only the routes register adds, at
// most heavyReads heavy reads at once and a caller waiting wait for a
// slot, so that a test of the limit takes milliseconds; failed requests
// outside /api/ get the error page of pages.
func NewHeavyTestApp(pages Pages, heavyReads int, wait time.Duration, register func(r *Router)) *fiber.App {
	s := &server{opts: Options{BodyLimit: 1 << 20}, log: slog.New(slog.NewTextHandler(io.Discard, nil)), pages: pages}
	app := fiber.New(fiber.Config{ErrorHandler: s.handleError, Views: pages.Views(), DisableStartupMessage: true})
	v1 := app.Group("/api/v1", noStore)
	r := &Router{app: app, api: humafiber.NewWithGroup(app, v1, apiConfig(Contact{})), apiBase: "/api/v1", s: s,
		policies: map[string]auth.Policy{}, heavy: newHeavyReads(heavyReads, wait), exports: newExportSlots(heavyReads, wait)}
	register(r)
	r.addPages()
	return app
}
