package web

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/auth"
)

// router registers routes together with the policy each declares, so that
// no route can exist without one: New checks the app's route list against
// the policies and refuses to start when a route has none.
type router struct {
	app      *fiber.App
	api      huma.API
	apiBase  string
	s        *server
	policies map[string]auth.Policy // "GET /organisaties/:code"
	// heavy bounds the computed views over the whole register that
	// heavyOperation and heavyPage register.
	heavy *heavyReads
}

func routeKey(method, path string) string { return method + " " + path }

// declare records the policy of a route registered elsewhere (huma's own
// OpenAPI routes, the metrics handler).
func (r *router) declare(method, path string, p auth.Policy) {
	r.policies[routeKey(method, path)] = p
}

// page registers a UI route: the policy is checked before the handler runs.
func (r *router) page(method, path string, p auth.Policy, h fiber.Handler) {
	r.declare(method, path, p)
	r.app.Add(method, path, r.s.authorizePage(p), h)
}

// operation registers an API operation through huma with its policy; the
// policy is also written into the OpenAPI document.
func operation[I, O any](r *router, op huma.Operation, p auth.Policy, h func(context.Context, *I) (*O, error)) {
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
	huma.Register(r.api, op, h)
	fiberPath := r.apiBase + strings.NewReplacer("{", ":", "}", "").Replace(op.Path)
	r.declare(op.Method, fiberPath, p)
}

// heavyOperation registers an API operation that builds a computed view
// over the whole register: at most Options.HeavyReads run at once
// (limits.go), the next caller waits briefly, then gets 503.
func heavyOperation[I, O any](r *router, op huma.Operation, p auth.Policy, h func(context.Context, *I) (*O, error)) {
	op.Middlewares = append(op.Middlewares, r.heavy.operation(r.api))
	op.Description = strings.TrimSpace(op.Description + "\n\nComputed on request: when as many such views are being built as the " +
		"server allows, the call waits up to two seconds and then answers 503 with Retry-After.")
	operation(r, op, p, h)
}

// heavyPage registers a UI page that builds a computed view over the
// whole register, bounded like heavyOperation.
func (r *router) heavyPage(method, path string, p auth.Policy, h fiber.Handler) {
	r.page(method, path, p, r.heavy.page(h))
}

// undeclared returns the routes of the app that declare no policy. HEAD
// routes fiber adds for each GET share the GET's policy.
func (r *router) undeclared() []string {
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
func (r *router) mustBeComplete() {
	if missing := r.undeclared(); len(missing) > 0 {
		panic(fmt.Sprintf("web: routes without a policy: %s", strings.Join(missing, ", ")))
	}
}
