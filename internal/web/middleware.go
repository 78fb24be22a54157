package web

import (
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/helmet"
	"github.com/gofiber/fiber/v2/middleware/requestid"
)

const headerRequestID = "X-Request-ID"

// requestIDs gives every request an ID (or keeps a sane one the client
// sent), returned in X-Request-ID and logged with every line.
func requestIDs() fiber.Handler {
	return requestid.New(requestid.Config{Header: headerRequestID})
}

// RequestID returns the ID of the request, as logged and sent in
// X-Request-ID.
func RequestID(c *fiber.Ctx) string {
	id, _ := c.Locals(requestid.ConfigDefault.ContextKey).(string)
	return id
}

// accessLog writes one structured line per request after it finished.
func accessLog(log *slog.Logger) fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		err := c.Next()
		if err != nil {
			// Let the error handler set the status before we log it.
			if herr := c.App().ErrorHandler(c, err); herr != nil {
				_ = c.SendStatus(fiber.StatusInternalServerError)
			}
		}
		// A streamed body's size is not known yet, and Response.Body would
		// read the whole stream into memory: it is logged as -1.
		size := -1
		if !c.Response().IsBodyStream() {
			size = len(c.Response().Body())
		}
		log.LogAttrs(c.UserContext(), slog.LevelInfo, "request",
			slog.String("request_id", RequestID(c)),
			slog.String("method", c.Method()),
			slog.String("path", c.Path()),
			slog.Int("status", c.Response().StatusCode()),
			slog.Duration("duration", time.Since(start)),
			slog.Int("bytes", size),
		)
		return nil
	}
}

// securityHeaders sets the headers every response carries. The policy
// allows no inline script and no framing; styles and images come from the
// app itself.
func securityHeaders(tls bool) fiber.Handler {
	cfg := helmet.Config{
		ContentSecurityPolicy:     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
		XFrameOptions:             "DENY",
		ReferrerPolicy:            "strict-origin-when-cross-origin",
		CrossOriginEmbedderPolicy: "require-corp",
		CrossOriginOpenerPolicy:   "same-origin",
		CrossOriginResourcePolicy: "same-origin",
		PermissionPolicy:          "camera=(), microphone=(), geolocation=()",
	}
	if tls {
		cfg.HSTSMaxAge = 31536000
	}
	return helmet.New(cfg)
}

// sameOrigin refuses a state-changing API request that a browser sends on
// behalf of another site (its Origin header names another host). Without
// it any web page the user visits could post an import to a Samenkoop on
// localhost: a multipart upload is a "simple" request that browsers send
// without asking first. Clients that are not browsers send no Origin.
func sameOrigin(c *fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	origin := c.Get(fiber.HeaderOrigin)
	if origin == "" {
		return c.Next()
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host != c.Hostname() {
		return fiber.NewError(fiber.StatusForbidden, "cross-origin requests may not change data")
	}
	return c.Next()
}

// noStore forbids browsers and proxies to keep a response: API answers
// and pages after the login carry an organization's data, and every page
// holds the session's form token. Handlers that set their own
// Cache-Control after it (downloads: private, no-store; static files sit
// outside this middleware) win.
func noStore(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Next()
}

// apiVersion sets the API-Version header (NLGov API Design Rules).
func apiVersion(c *fiber.Ctx) error {
	c.Set("API-Version", APIVersion)
	return c.Next()
}

// noTrailingSlash answers a path under /api/v1 that ends in a slash with
// 404 (NLGov API Design Rules, /core/no-trailing-slash): one resource has
// one URI. fiber's routing is not strict, for the sake of the pages.
func noTrailingSlash(c *fiber.Ctx) error {
	if strings.HasSuffix(c.Path(), "/") {
		return fiber.ErrNotFound
	}
	return c.Next()
}

// shareDocuments lets any site read the OpenAPI document (NLGov API Design
// Rules, /core/publish-openapi): Access-Control-Allow-Origin * for a
// script, Cross-Origin-Resource-Policy cross-origin for a page that
// embeds it; securityHeaders says same-origin for everything else.
func shareDocuments(c *fiber.Ctx) error {
	if p, ok := strings.CutPrefix(c.Path(), "/api/v1"); ok && documentPaths[p] != "" {
		c.Set(fiber.HeaderAccessControlAllowOrigin, "*")
		c.Set(fiber.HeaderCrossOriginResourcePolicy, "cross-origin")
	}
	return c.Next()
}
