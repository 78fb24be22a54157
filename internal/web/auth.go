package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"math"
	"net/url"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humafiber"
	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/auth"
)

// localsKey types the keys this package stores in fiber's Locals, which
// huma's context also reads.
type localsKey int

const (
	userKey localsKey = iota
	sessionKey
	scopeKey
)

// The cookies of the UI.
const (
	// SessionCookie carries the secret of the session a login started.
	SessionCookie = "samenkoop_session"
	// LoginCSRFCookie carries the double-submit token of forms shown before
	// there is a session (the login form).
	LoginCSRFCookie = "samenkoop_csrf"
	csrfField       = "_csrf"
)

// CurrentUser returns the logged-in user of a request, or nil.
func CurrentUser(c *fiber.Ctx) *auth.User {
	u, _ := c.Locals(userKey).(*auth.User)
	return u
}

// UserFrom returns the logged-in user from a handler's context, or nil.
func UserFrom(ctx context.Context) *auth.User {
	u, _ := ctx.Value(userKey).(*auth.User)
	return u
}

// CSRFToken returns the token every form of a logged-in page carries, or
// "" without a session.
func CSRFToken(c *fiber.Ctx) string {
	if sess, ok := c.Locals(sessionKey).(*auth.Session); ok {
		return sess.CSRF
	}
	return ""
}

// CurrentScope returns the scope the request acts in, as the services
// take it: the logged-in user's, or nothing.
func CurrentScope(c *fiber.Ctx) contracts.Scope {
	s, _ := c.Locals(scopeKey).(contracts.Scope)
	return s
}

// ScopeFrom returns the scope from a handler's context, as CurrentScope.
func ScopeFrom(ctx context.Context) contracts.Scope {
	s, _ := ctx.Value(scopeKey).(contracts.Scope)
	return s
}

// setUser makes u the request's user for handlers and for the audit
// trail (through the request's context), and its scope the one every
// service call of the request passes: built once here, decided on by the
// services.
func (s *server) setUser(c *fiber.Ctx, u auth.User) {
	c.Locals(userKey, &u)
	c.Locals(scopeKey, u.Scope())
	c.SetUserContext(s.withActor(c.UserContext(), u, RequestID(c)))
}

// apiAuthenticate reads a bearer token. The API accepts tokens only, never
// the session cookie, so a page on another site cannot act with the
// browser's login. A wrong token is refused here; no token leaves the
// request anonymous, and the route's policy decides.
func (s *server) apiAuthenticate(c *fiber.Ctx) error {
	h := c.Get(fiber.HeaderAuthorization)
	if h == "" {
		return c.Next()
	}
	token, ok := auth.ParseBearer(h)
	if !ok {
		return fiber.NewError(fiber.StatusUnauthorized, "malformed Authorization header: want Bearer skp_…")
	}
	u, err := s.auth.TokenUser(c.UserContext(), token)
	if err != nil {
		return err
	}
	s.setUser(c, u)
	return c.Next()
}

// uiAuthenticate reads the session cookie. An expired or unknown session
// leaves the request anonymous (and drops the cookie).
func (s *server) uiAuthenticate(c *fiber.Ctx) error {
	secret := c.Cookies(SessionCookie)
	if secret == "" {
		return c.Next()
	}
	u, sess, err := s.auth.SessionUser(c.UserContext(), secret)
	switch {
	case errors.Is(err, apperr.Unauthenticated):
		s.clearCookie(c, SessionCookie)
		return c.Next()
	case err != nil:
		return err
	}
	c.Locals(sessionKey, &sess)
	s.setUser(c, u)
	return c.Next()
}

// csrf checks the token of every state-changing UI request: the session's
// token when logged in, else the double-submit cookie of the login form.
// Compared in constant time; a mismatch is 403 and changes nothing.
func (s *server) csrf(c *fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	want := ""
	if sess, ok := c.Locals(sessionKey).(*auth.Session); ok {
		want = sess.CSRF
	} else {
		want = c.Cookies(LoginCSRFCookie)
	}
	got := c.FormValue(csrfField)
	if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return fiber.NewError(fiber.StatusForbidden, "the form is stale or was not sent by this site")
	}
	return c.Next()
}

// authorizePage checks a UI route's policy. Somebody not logged in is sent
// to the login page and comes back afterwards.
func (s *server) authorizePage(p auth.Policy) fiber.Handler {
	return func(c *fiber.Ctx) error {
		err := p.Check(CurrentUser(c), c.Params(p.OrgParam))
		if errors.Is(err, apperr.Unauthenticated) && c.Method() == fiber.MethodGet {
			return c.Redirect("/inloggen?terug="+url.QueryEscape(c.OriginalURL()), fiber.StatusSeeOther)
		}
		if err != nil {
			return err
		}
		return c.Next()
	}
}

// authorizeOperation checks an API operation's policy before huma runs the
// handler; a refusal is a 401 or 403 problem and changes nothing.
func (s *server) authorizeOperation(api huma.API, p auth.Policy) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		c := humafiber.Unwrap(ctx)
		err := p.Check(CurrentUser(c), ctx.Param(p.OrgParam))
		switch {
		case errors.Is(err, apperr.Unauthenticated):
			ctx.SetHeader("WWW-Authenticate", `Bearer realm="samenkoop"`)
			_ = huma.WriteErr(api, ctx, fiber.StatusUnauthorized, "a valid API token is required (Authorization: Bearer skp_…)")
		case err != nil:
			_ = huma.WriteErr(api, ctx, fiber.StatusForbidden, apperr.Detail(err, "not allowed"))
		default:
			next(ctx)
		}
	}
}

// secureCookies reports whether cookies get the Secure flag: when served
// over TLS or configured so (behind a proxy that terminates TLS).
func (s *server) secureCookies(c *fiber.Ctx) bool {
	return s.opts.TLS || s.opts.SecureCookies || c.Protocol() == "https"
}

func (s *server) setCookie(c *fiber.Ctx, name, value string, maxAge time.Duration) {
	c.Cookie(&fiber.Cookie{
		Name: name, Value: value, Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
		Secure: s.secureCookies(c), MaxAge: int(math.Ceil(maxAge.Seconds())),
	})
}

func (s *server) clearCookie(c *fiber.Ctx, name string) {
	c.Cookie(&fiber.Cookie{Name: name, Value: "", Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
		Secure: s.secureCookies(c), MaxAge: -1, Expires: time.Unix(0, 0)})
}

// SetCookie sets an HTTP-only, same-site cookie for maxAge, Secure when
// the app is served over TLS or configured so.
func (r *Router) SetCookie(c *fiber.Ctx, name, value string, maxAge time.Duration) {
	r.s.setCookie(c, name, value, maxAge)
}

// ClearCookie tells the browser to drop the cookie name.
func (r *Router) ClearCookie(c *fiber.Ctx, name string) { r.s.clearCookie(c, name) }
