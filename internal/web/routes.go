package web

import (
	"net/http"

	"github.com/ansrivas/fiberprometheus/v2"
	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humafiber"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// routes registers every route of the app, grouped by auth boundary. A
// reader learns the whole surface here.
func routes(app *fiber.App, s *server, a *api, u *ui, deps Deps) {
	// Each app has its own metrics registry, so two apps in one process
	// (tests) do not collide.
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	metrics := fiberprometheus.NewWithRegistry(reg, "samenkoop", "http", "", nil)
	metrics.SetSkipPaths([]string{"/metrics", "/healthz"})

	// The metrics middleware sits outside the access log, which turns errors
	// into responses: it then counts a 404 page as 404, not as the 500 it
	// assumes for any error it sees.
	app.Use(recover.New(), requestIDs(), metrics.Middleware, accessLog(s.log), securityHeaders(s.opts.TLS))

	// Public: health, metrics, static files.
	app.Get("/healthz", s.health(deps.Ping))
	metrics.RegisterAt(app, "/metrics")
	app.Get("/static/:name", serveStatic)

	// JSON API. Access control arrives with its own issue; until then the
	// server listens on loopback only by default.
	v1 := app.Group("/api/v1", apiVersion, sameOrigin)
	hapi := humafiber.NewWithGroup(app, v1, apiConfig())
	huma.Register(hapi, huma.Operation{OperationID: "listOrganizations", Method: http.MethodGet, Path: "/organizations",
		Summary: "List organizations", Tags: []string{"organizations"}}, a.listOrganizations)
	huma.Register(hapi, huma.Operation{OperationID: "createOrganization", Method: http.MethodPost, Path: "/organizations",
		Summary: "Create an organization", Tags: []string{"organizations"}, DefaultStatus: http.StatusCreated}, a.createOrganization)
	huma.Register(hapi, huma.Operation{OperationID: "getOrganization", Method: http.MethodGet, Path: "/organizations/{code}",
		Summary: "Get an organization", Tags: []string{"organizations"}}, a.organization)
	huma.Register(hapi, huma.Operation{OperationID: "updateOrganization", Method: http.MethodPatch, Path: "/organizations/{code}",
		Summary: "Change fields of an organization", Tags: []string{"organizations"}}, a.updateOrganization)
	huma.Register(hapi, huma.Operation{OperationID: "deleteOrganization", Method: http.MethodDelete, Path: "/organizations/{code}",
		Summary: "Delete an organization", Tags: []string{"organizations"}, DefaultStatus: http.StatusNoContent}, a.deleteOrganization)
	huma.Register(hapi, huma.Operation{OperationID: "importOrganizations", Method: http.MethodPost, Path: "/imports/organizations",
		Summary: "Import organizations from a CBS-style CSV or XLSX file (all or nothing)", Tags: []string{"imports"}}, a.importOrganizations)
	huma.Register(hapi, huma.Operation{OperationID: "listCPV", Method: http.MethodGet, Path: "/cpv",
		Summary: "Look up CPV codes", Tags: []string{"reference"}}, a.listCPV)
	v1.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })

	// HTML UI. Sessions and CSRF arrive with access control.
	app.Get("/", u.home)
	app.Get("/organisaties", u.listOrganizations)
	app.Get("/organisaties/:code", u.organization)
}

// apiConfig describes the API for the OpenAPI document at
// /api/v1/openapi.json. The interactive docs page is off: it loads script
// from a CDN, which the content security policy forbids.
func apiConfig() huma.Config {
	cfg := huma.DefaultConfig("Samenkoop API", APIVersion)
	cfg.Info.Description = "Joint procurement for Dutch public bodies: organizations, reference data and imports. Errors are RFC 9457 problem+json listing each invalid field."
	cfg.Servers = []*huma.Server{{URL: "/api/v1"}}
	cfg.OpenAPIPath = "/openapi"
	cfg.DocsPath = ""
	cfg.SchemasPath = ""
	// No $schema links in responses: clients get plain resources.
	cfg.CreateHooks = nil
	return cfg
}
