package web

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/danielgtaylor/huma/v2"
	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/auth"
)

// Router registers routes together with the policy each declares, so that
// no route can exist without one: New checks the app's route list against
// the policies and refuses to start when a route has none. The surfaces
// (the API, the UI) register their routes through it, and get from it
// the services and options they are built from.
type Router struct {
	app      *fiber.App
	api      huma.API
	apiBase  string
	s        *server
	deps     Deps
	policies map[string]auth.Policy // "GET /organisaties/:code"
	// heavy bounds the computed views over the whole register that
	// HeavyOperation and HeavyPage register.
	heavy *heavyReads
	// exports bounds the exports and reports that ExportOperation and
	// ExportPage register.
	exports *exportSlots
	// imports bounds the spreadsheet imports of the API and the UI together.
	imports *Imports
	// static and pages register the UI's routes once every surface has
	// declared its own: static files before the session middleware, pages
	// after it (routes.go).
	static, pages []func()
}

func routeKey(method, path string) string { return method + " " + path }

// Deps returns the services the handlers call.
func (r *Router) Deps() Deps { return r.deps }

// Options returns the app's options, the defaults filled in.
func (r *Router) Options() Options { return r.s.opts }

// Imports returns the gate the spreadsheet imports of the API and the UI
// share.
func (r *Router) Imports() *Imports { return r.imports }

// Declare records the policy of a route registered elsewhere (huma's own
// OpenAPI routes, the metrics handler).
func (r *Router) Declare(method, path string, p auth.Policy) {
	r.policies[routeKey(method, path)] = p
}

// add registers a route at once: the policy is checked before the handler
// runs.
func (r *Router) add(method, path string, p auth.Policy, h fiber.Handler) {
	r.Declare(method, path, p)
	r.app.Add(method, path, r.s.authorizePage(p), h)
}

// Page registers a UI route: the policy is checked before the handler
// runs. Pages are registered in the order they are declared, behind the
// session and CSRF middleware (routes.go).
func (r *Router) Page(method, path string, p auth.Policy, h fiber.Handler) {
	r.Declare(method, path, p)
	r.pages = append(r.pages, func() { r.app.Add(method, path, r.s.authorizePage(p), h) })
}

// Static registers a public GET route outside the session middleware, for
// files that are the same for everyone (the UI's stylesheet).
func (r *Router) Static(path string, h fiber.Handler) {
	r.Declare(http.MethodGet, path, auth.Public)
	r.static = append(r.static, func() { r.app.Get(path, h) })
}

// addStatic and addPages register the static files and the pages the
// surfaces declared.
func (r *Router) addStatic() {
	for _, add := range r.static {
		add()
	}
}

func (r *Router) addPages() {
	for _, add := range r.pages {
		add()
	}
}

// Operation registers an API operation through huma with its policy; the
// policy is also written into the OpenAPI document, with the errors the
// operation can answer (documentErrors; op.Errors lists more). The
// handler returns errors as they come: the router maps them to problems
// (mapErrors).
func Operation[I, O any](r *Router, op huma.Operation, p auth.Policy, h func(context.Context, *I) (*O, error)) {
	// The policy goes first: a refused caller never reaches what the
	// operation adds (a heavy read's slot).
	op.Middlewares = append(huma.Middlewares{r.s.authorizeOperation(r.api, p)}, op.Middlewares...)
	if !p.Public {
		op.Security = []map[string][]string{{"bearer": {}}}
	}
	op.Description = strings.TrimSpace(op.Description + "\n\nWho may call: " + p.String() + ".")
	if op.MaxBodyBytes == 0 {
		// huma's default is 1 MiB; the documented limit applies instead
		// (README, server.bodyLimitMB), capped for JSON (maxJSONBody).
		op.MaxBodyBytes = min(int64(r.s.opts.BodyLimit), maxJSONBody)
	}
	if op.DefaultStatus == 0 && op.Method == http.MethodPost {
		op.DefaultStatus = http.StatusOK
	}
	documentErrors(r.api, &op, p, reflect.TypeFor[I]())
	huma.Register(r.api, op, mapErrors(r.s, op, h))
	fiberPath := r.apiBase + strings.NewReplacer("{", ":", "}", "").Replace(op.Path)
	r.Declare(op.Method, fiberPath, p)
}

// HeavyOperation registers an API operation that builds a computed view
// over the whole register: at most Options.HeavyReads run at once
// (limits.go), the next caller waits briefly, then gets 503.
func HeavyOperation[I, O any](r *Router, op huma.Operation, p auth.Policy, h func(context.Context, *I) (*O, error)) {
	op.Middlewares = append(op.Middlewares, r.heavy.operation(r.api))
	op.Errors = append(op.Errors, http.StatusServiceUnavailable)
	op.Description = strings.TrimSpace(op.Description + "\n\nComputed on request: when as many such views are being built as the " +
		"server allows, the call waits up to two seconds and then answers 503 with Retry-After.")
	Operation(r, op, p, h)
}

// HeavyPage registers a UI page that builds a computed view over the
// whole register, bounded like HeavyOperation.
func (r *Router) HeavyPage(method, path string, p auth.Policy, h fiber.Handler) {
	r.Page(method, path, p, r.heavy.page(h))
}

// ExportOperation registers an API operation that makes an export or a
// report: at most Options.HeavyExports run at once, apart from the heavy
// reads, a streamed file holding its place until it is sent
// (limits.go); the next caller waits briefly, then gets 503.
func ExportOperation[I, O any](r *Router, op huma.Operation, p auth.Policy, h func(context.Context, *I) (*O, error)) {
	op.Middlewares = append(op.Middlewares, r.exports.operation(r.api))
	op.Errors = append(op.Errors, http.StatusServiceUnavailable)
	op.Description = strings.TrimSpace(op.Description + "\n\nMade on request: when as many exports are being made as the " +
		"server allows, the call waits up to two seconds and then answers 503 with Retry-After.")
	Operation(r, op, p, h)
}

// ExportPage registers a UI route that makes an export or a report,
// bounded like ExportOperation.
func (r *Router) ExportPage(method, path string, p auth.Policy, h fiber.Handler) {
	r.Page(method, path, p, r.exports.page(h))
}

// undeclared returns the routes of the app that declare no policy. HEAD
// routes fiber adds for each GET share the GET's policy.
func (r *Router) undeclared() []string {
	var missing []string
	for _, rt := range r.app.GetRoutes(true) {
		method := rt.Method
		if method == http.MethodHead {
			method = http.MethodGet
		}
		if _, ok := r.policies[routeKey(method, rt.Path)]; !ok {
			missing = append(missing, routeKey(rt.Method, rt.Path))
		}
	}
	sort.Strings(missing)
	return missing
}

// mustBeComplete panics at startup when a route declares no policy.
func (r *Router) mustBeComplete() {
	if missing := r.undeclared(); len(missing) > 0 {
		panic(fmt.Sprintf("web: routes without a policy: %s", strings.Join(missing, ", ")))
	}
}

// mapErrors wraps an operation's handler so that the error it returns is
// turned into a problem once (server.problem), its field errors located
// in the part of the request they came from (fieldIn, In).
func mapErrors[I, O any](s *server, op huma.Operation, h func(context.Context, *I) (*O, error)) func(context.Context, *I) (*O, error) {
	in := fieldIn(op, reflect.TypeFor[I]())
	return func(ctx context.Context, input *I) (*O, error) {
		out, err := h(ctx, input)
		if err != nil {
			return nil, s.problem(ctx, in, err)
		}
		return out, nil
	}
}

// notRouted answers a request under /api/v1 that no route took: 405 with
// the methods the path has in Allow when it has any (RFC 9110 §15.5.6),
// else 404; a problem either way.
func (r *Router) notRouted() fiber.Handler {
	// The routes are read on the first request, when all are registered.
	routes := sync.OnceValue(func() []fiber.Route {
		var api []fiber.Route
		for _, rt := range r.app.GetRoutes(true) {
			if strings.HasPrefix(rt.Path, r.apiBase+"/") {
				api = append(api, rt)
			}
		}
		return api
	})
	return func(c *fiber.Ctx) error {
		var allow []string
		for _, rt := range routes() {
			if pathMatches(rt.Path, c.Path()) && !slices.Contains(allow, rt.Method) {
				allow = append(allow, rt.Method)
			}
		}
		if len(allow) == 0 {
			return fiber.ErrNotFound
		}
		slices.Sort(allow)
		c.Set(fiber.HeaderAllow, strings.Join(allow, ", "))
		return fiber.NewError(fiber.StatusMethodNotAllowed, c.Method()+" is not a method of this resource; Allow lists its methods")
	}
}

// pathMatches reports whether path is one of route's: the same segments,
// where a ":name" segment takes any non-empty one.
func pathMatches(route, path string) bool {
	rs, ps := strings.Split(route, "/"), strings.Split(path, "/")
	if len(rs) != len(ps) {
		return false
	}
	for i, seg := range rs {
		if strings.HasPrefix(seg, ":") {
			if ps[i] == "" {
				return false
			}
		} else if seg != ps[i] {
			return false
		}
	}
	return true
}
