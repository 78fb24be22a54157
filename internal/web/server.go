// Package web is Samenkoop's HTTP surface: the JSON API under /api/v1
// (declared with huma, so the OpenAPI document comes from the code) and the
// server-rendered Dutch UI. It is the only package that imports fiber.
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
	// OCIDPrefix is the registered OCDS prefix of the tenders' OCDS
	// releases (exports.DefaultOCIDPrefix when empty).
	OCIDPrefix string
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

// New builds the fiber app with every route. It does not listen. It panics
// when a template fails to parse: that is a build defect, not a runtime
// condition.
func New(opts Options, deps Deps) *fiber.App {
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
	views, err := newRenderer()
	if err != nil {
		panic(err)
	}
	s := &server{opts: opts, log: opts.Logger, auth: deps.Auth}
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
	imports := newImportGate(opts.ImportLimits, opts.MaxImports)
	routes(app, s, &api{contracts: deps.Contracts, procurement: deps.Procurement, audit: deps.Audit, log: opts.Logger, imports: imports}, &ui{contracts: deps.Contracts, procurement: deps.Procurement, auth: deps.Auth, audit: deps.Audit, demo: opts.Demo, s: s, imports: imports}, deps)
	return app
}

// warmUp sends the first page render and the first OpenAPI request before
// the app serves anyone: fiber and huma fill caches on those without a
// lock, so two first requests at once would race.
func warmUp(app *fiber.App) {
	for _, path := range []string{"/inloggen", "/api/v1/openapi.json"} {
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
}

// handleError is the one place where the UI and non-huma routes turn an
// error into a response. API operations map their errors in problem.go;
// what reaches here under /api/ is routing (404, 405) or a panic.
func (s *server) handleError(c *fiber.Ctx, err error) error {
	status, title, detail := classify(err)
	switch {
	case status == fiber.StatusServiceUnavailable:
		// A limit doing its job (too many imports or heavy reads at once):
		// worth a line, not an alarm.
		s.log.WarnContext(c.UserContext(), "request refused: server busy",
			slog.String("request_id", requestID(c)), slog.String("path", c.Path()))
	case status >= 500:
		s.log.ErrorContext(c.UserContext(), "request failed",
			slog.String("request_id", requestID(c)), slog.String("path", c.Path()), slog.Any("error", err))
	}
	if isAPIPath(c.Path()) {
		return writeProblem(c, status, title, detail, apperr.Fields(err))
	}
	c.Status(status)
	return c.Render("pages/error", errorPage{
		layout: s.layout(c, dutchTitle(status), ""),
		Status: status,
		Detail: dutchDetail(status),
	})
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
