// Package web is Samenkoop's HTTP server: the fiber app, its middleware,
// authentication and sessions, the router that gives every route a
// policy, and the one mapping of errors to responses. The audiences'
// surfaces plug into it: the JSON API under /api/v1 (internal/web/api,
// declared with huma, so the OpenAPI document comes from the code) and
// the server-rendered Dutch UI (internal/web/ui). Only these three
// packages import fiber; web imports neither surface.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/sheet"
	"github.com/samenkoop/samenkoop/procurement"
)

// Options configures the app. Zero values take the defaults noted.
type Options struct {
	ReadTimeout  time.Duration // default 30 s
	WriteTimeout time.Duration // default 120 s
	IdleTimeout  time.Duration // default 120 s
	// BodyLimit caps request bodies in bytes; default 64 MiB for imports.
	BodyLimit int
	// Demo shows the banner that says the data is fictitious.
	Demo bool
	// Version is the binary's version, reported in the API-Version header's
	// neighbour X-Samenkoop-Version and on /healthz.
	Version string
	// TLS marks the app as served over TLS (HSTS header, Secure cookies).
	TLS bool
	// SecureCookies sets the Secure flag on cookies also without TLS here,
	// for a server behind a proxy that terminates TLS.
	SecureCookies bool
	Logger        *slog.Logger
	// ImportLimits bounds one spreadsheet import (sheet.DefaultLimits when
	// zero) and MaxImports how many run at once (default 2).
	ImportLimits sheet.Limits
	MaxImports   int
	// HeavyReads is how many computed views over the whole register are
	// built at once (default 2).
	HeavyReads int
	// HeavyExports is how many exports and reports are made at once
	// (default 2), apart from HeavyReads (ExportOperation, ExportPage).
	HeavyExports int
	// OCIDPrefix is the registered OCDS prefix of the tenders' OCDS
	// releases (exports.DefaultOCIDPrefix when empty).
	OCIDPrefix string
	// OCDSLicense and OCDSPublicationPolicy are the URLs of the OCDS
	// package's license and publicationPolicy; empty leaves them out.
	OCDSLicense           string
	OCDSPublicationPolicy string
	// Contact is who answers for this server's API, in its OpenAPI
	// document (name "Samenkoop" when empty).
	Contact Contact
}

// Contact is who answers for a deployment's API: its operator (NLGov API
// Design Rules, /core/doc-openapi-contact).
type Contact struct {
	Name, URL, Email string
}

// Deps holds the services the handlers call.
type Deps struct {
	Contracts   *contracts.Service
	Procurement *procurement.Service
	Auth        *auth.Service
	Audit       AuditLog
	// Ping checks the database for /healthz.
	Ping func(ctx context.Context) error
}

// APIVersion is the version of the /api/v1 contract, sent in the
// API-Version header (NLGov API Design Rules).
const APIVersion = "1.0.0"

// Surface is one audience's part of the app, the JSON API or the HTML UI:
// it registers its routes through the router, which hands it the
// services and options it needs.
type Surface interface {
	Routes(r *Router)
}

// SurfaceFunc is a Surface that is only its routes.
type SurfaceFunc func(r *Router)

// Routes calls f.
func (f SurfaceFunc) Routes(r *Router) { f(r) }

// Pages is a Surface that serves HTML: the app renders with its views,
// and the error handler answers a failed request outside /api/ with its
// error page, the status already set.
type Pages interface {
	Surface
	Views() fiber.Views
	ErrorPage(c *fiber.Ctx, status int) error
}

// New builds the fiber app with the routes of every surface:
// web.New(opts, deps, api.New(), ui.New()). It does not listen. It panics
// when a route declares no policy: that is a build defect, not a runtime
// condition.
func New(opts Options, deps Deps, surfaces ...Surface) *fiber.App {
	if opts.ReadTimeout == 0 {
		opts.ReadTimeout = 30 * time.Second
	}
	if opts.WriteTimeout == 0 {
		opts.WriteTimeout = 120 * time.Second
	}
	if opts.IdleTimeout == 0 {
		opts.IdleTimeout = 120 * time.Second
	}
	if opts.BodyLimit == 0 {
		opts.BodyLimit = 64 << 20
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	s := &server{opts: opts, log: opts.Logger, auth: deps.Auth}
	var views fiber.Views
	for _, sf := range surfaces {
		if p, ok := sf.(Pages); ok {
			s.pages, views = p, p.Views()
			break
		}
	}
	app := fiber.New(fiber.Config{
		AppName:               "samenkoop",
		ErrorHandler:          s.handleError,
		Immutable:             true,
		UnescapePath:          true, // huma needs decoded path parameters
		ReadTimeout:           opts.ReadTimeout,
		WriteTimeout:          opts.WriteTimeout,
		IdleTimeout:           opts.IdleTimeout,
		BodyLimit:             opts.BodyLimit,
		Views:                 views,
		DisableStartupMessage: true,
	})
	defer warmUp(app)
	routes(app, s, deps, surfaces)
	return app
}

// warmUp sends the first page render before the app serves anyone: fiber
// fills caches on it without a lock, so two first requests at once would
// race. (The OpenAPI document is built once under a lock: documents.)
func warmUp(app *fiber.App) {
	for _, path := range []string{"/inloggen"} {
		req, err := http.NewRequest(http.MethodGet, path, nil)
		if err != nil {
			panic(err)
		}
		resp, err := app.Test(req, -1)
		if err != nil {
			panic(fmt.Sprintf("web: warm up %s: %v", path, err))
		}
		_ = resp.Body.Close()
	}
}

// server holds what the cross-cutting handlers (errors, health) need.
type server struct {
	opts Options
	log  *slog.Logger
	auth *auth.Service
	// pages renders the error page of a failed request outside /api/;
	// nil when no surface serves HTML.
	pages Pages
}

// handleError is the one place where the UI and non-huma routes turn an
// error into a response. API operations map their errors in problem.go;
// what reaches here under /api/ is routing (404, 405) or a panic.
func (s *server) handleError(c *fiber.Ctx, err error) error {
	status, title, detail := classify(err)
	switch {
	case status == fiber.StatusServiceUnavailable:
		// A limit doing its job (too many imports, heavy reads or exports
		// at once):
		// worth a line, not an alarm.
		s.log.WarnContext(c.UserContext(), "request refused: server busy",
			slog.String("request_id", RequestID(c)), slog.String("path", c.Path()))
	case status >= 500:
		s.log.ErrorContext(c.UserContext(), "request failed",
			slog.String("request_id", RequestID(c)), slog.String("path", c.Path()), slog.Any("error", err))
	}
	if isAPIPath(c.Path()) {
		return writeProblem(c, status, title, detail, apperr.Fields(err))
	}
	c.Status(status)
	if s.pages == nil {
		return c.SendString(statusTitle(status))
	}
	return s.pages.ErrorPage(c, status)
}

// classify maps an error to a status, an English title and a safe detail.
func classify(err error) (int, string, string) {
	var fe *fiber.Error
	switch {
	case errors.As(err, &fe):
		return fe.Code, statusTitle(fe.Code), fe.Message
	case errors.Is(err, apperr.Invalid):
		return fiber.StatusUnprocessableEntity, statusTitle(422), apperr.Detail(err, "the input has invalid fields")
	case errors.Is(err, apperr.NotFound):
		return fiber.StatusNotFound, statusTitle(404), "no such resource"
	case errors.Is(err, apperr.Conflict):
		return fiber.StatusConflict, statusTitle(409), apperr.Detail(err, "the change conflicts with existing data")
	case errors.Is(err, apperr.Forbidden):
		return fiber.StatusForbidden, statusTitle(403), "not allowed"
	case errors.Is(err, apperr.Unauthenticated):
		return fiber.StatusUnauthorized, statusTitle(401), "authentication required"
	}
	return fiber.StatusInternalServerError, statusTitle(500), "an unexpected error occurred; quote the request ID when reporting it"
}
