package web

import (
	"net/http"

	"github.com/samenkoop/samenkoop/internal/auth"

	"github.com/ansrivas/fiberprometheus/v2"
	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humafiber"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// routes registers every route of the app with its policy, grouped by
// auth boundary. A reader learns the whole surface, and who may use each
// part of it, here.
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
	// fiber's recover comes first only as a backstop for a panic in the
	// middleware before recoverPanics (or in the error handler itself):
	// the process stays up whatever panics.
	app.Use(recover.New(), requestIDs(), requestContext, sendStreams, metrics.Middleware, accessLog(s.log), recoverPanics(s.log), securityHeaders(s.opts.TLS))

	v1 := app.Group("/api/v1", apiVersion, noStore, sameOrigin, s.apiAuthenticate)
	r := &router{app: app, api: humafiber.NewWithGroup(app, v1, apiConfig()), apiBase: "/api/v1", s: s, policies: map[string]auth.Policy{},
		heavy: newHeavyReads(s.opts.HeavyReads, heavyReadsWait)}

	// Public: health, metrics (the listen address keeps them local), static
	// files, the OpenAPI document that huma serves itself.
	r.page(http.MethodGet, "/healthz", auth.Public, s.health(deps.Ping))
	metrics.RegisterAt(app, "/metrics")
	r.declare(http.MethodGet, "/metrics", auth.Public)
	r.page(http.MethodGet, "/static/:name", auth.Public, serveStatic)
	for _, p := range []string{"/openapi.json", "/openapi.yaml", "/openapi-3.0.json", "/openapi-3.0.yaml"} {
		r.declare(http.MethodGet, "/api/v1"+p, auth.Public)
	}

	// JSON API: bearer tokens only.
	readers := auth.AnyUser
	registerEditors := auth.Allow(auth.RoleAdmin, auth.RoleCoordinator)
	operation(r, huma.Operation{OperationID: "getMe", Method: http.MethodGet, Path: "/me",
		Summary: "Who the token belongs to", Tags: []string{"account"}}, readers, a.me)
	operation(r, huma.Operation{OperationID: "listOrganizations", Method: http.MethodGet, Path: "/organizations",
		Summary: "List organizations", Tags: []string{"organizations"}}, readers, a.listOrganizations)
	operation(r, huma.Operation{OperationID: "createOrganization", Method: http.MethodPost, Path: "/organizations",
		Summary: "Create an organization", Tags: []string{"organizations"}, DefaultStatus: http.StatusCreated}, registerEditors, a.createOrganization)
	operation(r, huma.Operation{OperationID: "getOrganization", Method: http.MethodGet, Path: "/organizations/{code}",
		Summary: "Get an organization", Tags: []string{"organizations"}}, readers, a.organization)
	operation(r, huma.Operation{OperationID: "updateOrganization", Method: http.MethodPatch, Path: "/organizations/{code}",
		Summary: "Change fields of an organization", Tags: []string{"organizations"}},
		registerEditors, a.updateOrganization)
	operation(r, huma.Operation{OperationID: "deleteOrganization", Method: http.MethodDelete, Path: "/organizations/{code}",
		Summary: "Delete an organization", Tags: []string{"organizations"}, DefaultStatus: http.StatusNoContent}, auth.AdminOnly, a.deleteOrganization)
	operation(r, huma.Operation{OperationID: "importOrganizations", Method: http.MethodPost, Path: "/imports/organizations",
		Summary: "Import organizations from a CBS-style CSV or XLSX file (all or nothing)", Tags: []string{"imports"}}, auth.AdminOnly, a.importOrganizations)
	operation(r, huma.Operation{OperationID: "listAudit", Method: http.MethodGet, Path: "/audit",
		Summary: "Read the audit trail, newest first", Tags: []string{"audit"}}, auth.AdminOnly, a.listAudit)
	operation(r, huma.Operation{OperationID: "listCPV", Method: http.MethodGet, Path: "/cpv",
		Summary: "Look up CPV codes", Tags: []string{"reference"}}, readers, a.listCPV)
	contractsAPI(r, a)
	importsAPI(r, a)
	alertsAPI(r, a)
	spendAPI(r, a)
	exportsAPI(r, a)
	tendersAPI(r, a)
	tenderExportsAPI(r, a)
	bundlesAPI(r, a)
	v1.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })

	// HTML UI: session cookies only, CSRF token on every form.
	app.Use(noStore, s.uiAuthenticate, s.csrf)
	r.page(http.MethodGet, "/inloggen", auth.Public, u.loginForm)
	r.page(http.MethodPost, "/inloggen", auth.Public, u.login)
	r.page(http.MethodPost, "/uitloggen", auth.AnyUser, u.logout)
	r.page(http.MethodGet, "/account", auth.AnyUser, u.account)
	r.page(http.MethodPost, "/account/tokens", auth.AnyUser, u.createToken)
	r.page(http.MethodPost, "/account/tokens/:id/intrekken", auth.AnyUser, u.revokeToken)
	r.page(http.MethodGet, "/", auth.AnyUser, u.home)
	r.page(http.MethodGet, "/organisaties", auth.AnyUser, u.listOrganizations)
	r.page(http.MethodGet, "/organisaties/:code", auth.AnyUser, u.organization)
	r.page(http.MethodPost, "/organisaties/:code/inkoopbeleid", tenderRunners, u.setPolicyBands)
	r.page(http.MethodGet, "/beheer/audit", auth.AdminOnly, u.auditLog)
	// The import pages sit under /contracten; they go first, so that
	// /contracten/importeren is not read as the contract with id "importeren".
	importsPages(r, u)
	contractsPages(r, u)
	alertsPages(r, u)
	exportsPages(r, u)
	spendPages(r, u)
	tendersPages(r, u)
	tenderExportsPages(r, u)
	demandPages(r, u)
	bundlesPages(r, u)

	r.mustBeComplete()
}

// apiConfig describes the API for the OpenAPI document at
// /api/v1/openapi.json. The interactive docs page is off: it loads script
// from a CDN, which the content security policy forbids.
func apiConfig() huma.Config {
	cfg := huma.DefaultConfig("Samenkoop API", APIVersion)
	cfg.Info.Description = "Joint procurement for Dutch public bodies: organizations, reference data and imports. " +
		"Authenticate with an API token (Authorization: Bearer skp_…), created with `samenkoop token create` or on the account page. " +
		"Errors are RFC 9457 problem+json listing each invalid field."
	cfg.Servers = []*huma.Server{{URL: "/api/v1"}}
	cfg.OpenAPIPath = "/openapi"
	cfg.DocsPath = ""
	cfg.SchemasPath = ""
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer": {Type: "http", Scheme: "bearer", Description: "API token created with `samenkoop token create`"},
	}
	// No $schema links in responses: clients get plain resources.
	cfg.CreateHooks = nil
	// Body decoding errors name the field in plain words (problem.go).
	cfg.Formats = map[string]huma.Format{"application/json": jsonFormat(), "json": jsonFormat()}
	cfg.Transformers = append(cfg.Transformers, plainErrors)
	return cfg
}
