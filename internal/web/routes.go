package web

import (
	"net/http"
	"slices"

	"github.com/samenkoop/samenkoop/internal/auth"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humafiber"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"
)

// routes registers the middleware, the app's own routes and those of the
// surfaces, grouped by auth boundary: public, the JSON API under /api/v1
// (bearer tokens only), the HTML UI (session cookies, CSRF). Each
// surface's routes.go lists its routes, and who may use each; this file
// lists what guards them.
func routes(app *fiber.App, s *server, deps Deps, surfaces []Surface) {
	metrics := newMetrics(app, "/metrics", "/healthz", "/livez")

	// The metrics middleware sits outside the access log, which turns errors
	// into responses: it then counts a 404 page as 404, not as the 500 it
	// assumes for any error it sees.
	// fiber's recover comes first only as a backstop for a panic in the
	// middleware before recoverPanics (or in the error handler itself):
	// the process stays up whatever panics.
	app.Use(recover.New(), requestIDs(), requestContext, sendStreams, metrics.middleware, accessLog(s.log), recoverPanics(s.log), securityHeaders(s.opts.TLS))

	v1 := app.Group("/api/v1", apiVersion, noStore, noTrailingSlash, shareDocuments, sameOrigin, s.apiAuthenticate)
	r := &Router{app: app, api: humafiber.NewWithGroup(app, v1, apiConfig(s.opts.Contact)), apiBase: "/api/v1", s: s, deps: deps, policies: map[string]auth.Policy{},
		heavy: newHeavyReads(s.opts.HeavyReads, heavyReadsWait), exports: newExportSlots(s.opts.HeavyExports, heavyReadsWait), imports: newImports(s.opts.ImportLimits, s.opts.MaxImports)}

	// Public: health (readiness), liveness, metrics (the listen address
	// keeps them local), the OpenAPI document in its four forms.
	r.add(http.MethodGet, "/healthz", auth.Public, s.health(deps.Ping))
	r.add(http.MethodGet, "/livez", auth.Public, s.live)
	r.add(http.MethodGet, "/metrics", auth.Public, metrics.handler())
	forms := documents(r.api.OpenAPI())
	for p, mediaType := range documentPaths {
		if p == "/openapi.json" {
			documentOperation(r, forms[p])
			continue
		}
		r.add(http.MethodGet, "/api/v1"+p, auth.Public, serveDocument(forms[p], mediaType))
	}

	// The surfaces declare their routes. JSON API operations join the
	// /api/v1 group at once: bearer tokens only.
	for _, sf := range surfaces {
		sf.Routes(r)
	}
	v1.Use(r.notRouted())

	// Public static files, then the HTML UI: session cookies only, CSRF
	// token on every form.
	r.addStatic()
	app.Use(noStore, s.uiAuthenticate, s.csrf)
	r.addPages()

	r.mustBeComplete()
}

// apiConfig describes the API for the OpenAPI document at
// /api/v1/openapi.json, which routes serves (documents). The interactive
// docs page is off: it loads script from a CDN, which the content
// security policy forbids.
func apiConfig(contact Contact) huma.Config {
	cfg := huma.DefaultConfig("Samenkoop API", APIVersion)
	cfg.Info.Description = apiDescription
	cfg.Tags = slices.Clone(apiTags)
	cfg.Components.Schemas = huma.NewMapRegistry("#/components/schemas/", schemaName)
	cfg.Components.Headers = map[string]*huma.Header{"API-Version": apiVersionHeader}
	cfg.Info.Contact = &huma.Contact{Name: contact.Name, URL: contact.URL, Email: contact.Email}
	if cfg.Info.Contact.Name == "" {
		cfg.Info.Contact.Name = "Samenkoop"
	}
	cfg.Servers = []*huma.Server{{URL: "/api/v1"}}
	cfg.OpenAPIPath = ""
	cfg.DocsPath = ""
	cfg.SchemasPath = ""
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer": {Type: "http", Scheme: "bearer", Description: "API token created with `samenkoop token create`"},
	}
	// No $schema links in responses: clients get plain resources.
	cfg.CreateHooks = nil
	cfg.OpenAPI.OnAddOperation = append(cfg.OpenAPI.OnAddOperation, documentHeaders)
	// Body decoding errors name the field in plain words (problem.go).
	cfg.Formats = map[string]huma.Format{"application/json": jsonFormat(), "json": jsonFormat()}
	cfg.Transformers = append(cfg.Transformers, plainErrors)
	return cfg
}
