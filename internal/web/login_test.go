package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/web"
)

// testClock is a clock a test moves by hand.
type testClock struct{ ns atomic.Int64 }

func newTestClock() *testClock {
	c := &testClock{}
	c.ns.Store(fixedNow().UnixNano())
	return c
}

func (c *testClock) Now() time.Time          { return time.Unix(0, c.ns.Load()).In(contracts.Amsterdam) }
func (c *testClock) Advance(d time.Duration) { c.ns.Add(int64(d)) }

// newAppWith builds the app like newTestApp (sample organizations, one
// user per role with a token and a session) with the given auth and web
// options, for tests that need a clock or Secure cookies.
func newAppWith(t testing.TB, authOpts auth.Options, webOpts web.Options) testApp {
	t.Helper()
	if authOpts.Hash == (auth.HashParams{}) {
		authOpts.Hash = testHash
	}
	seed := appSeed{orgs: sampleOrgs(), hash: authOpts.Hash, servicesAt: fixedNow()}
	if authOpts.Now != nil {
		seed.authAt = authOpts.Now()
	}
	st, as := seededStore(t, seed)
	svc := contracts.NewService(st.Register(), contracts.Options{Now: fixedNow})
	authSvc := auth.NewService(st.Auth(), authOpts)
	ta := testApp{svc: svc, auth: authSvc, as: as}
	if webOpts.Logger == nil {
		webOpts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	ta.app = newApp(webOpts, web.Deps{Contracts: svc, Auth: authSvc, Audit: st, Ping: st.Ping})
	return ta
}

// send runs req through the app and returns the response and its body.
func send(t testing.TB, ta testApp, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := appTest(t, ta.app, req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", req.Method, req.URL, err)
	}
	return resp, string(b)
}

// formRequest is a POST of form fields with the given cookies.
func formRequest(path string, form url.Values, cookies ...*http.Cookie) *http.Request {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, c := range cookies {
		req.AddCookie(c)
	}
	return req
}

// getAs is a GET with the session cookie or bearer token given ("" for
// none).
func getAs(path, sessionCookie, bearer string) *http.Request {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if sessionCookie != "" {
		req.AddCookie(&http.Cookie{Name: "samenkoop_session", Value: sessionCookie})
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	return req
}

func session(cred credentials) *http.Cookie {
	return &http.Cookie{Name: "samenkoop_session", Value: cred.cookie}
}

func cookieNamed(resp *http.Response, name string) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// loginWithForm fetches the login form and posts it back with the
// double-submit token it got, as a browser does.
func loginWithForm(t *testing.T, ta testApp, email, password, terug string) (*http.Response, string) {
	t.Helper()
	resp, body := send(t, ta, httptest.NewRequest(http.MethodGet, "/inloggen", nil))
	csrf := cookieNamed(resp, "samenkoop_csrf")
	if resp.StatusCode != 200 || csrf == nil || csrf.Value == "" {
		t.Fatalf("GET /inloggen = %d with CSRF cookie %v, want 200 and a samenkoop_csrf cookie", resp.StatusCode, csrf)
	}
	if field := `name="_csrf" value="` + csrf.Value + `"`; !strings.Contains(body, field) {
		t.Fatalf("login form does not carry the cookie's token in _csrf (want %s)", field)
	}
	form := url.Values{"_csrf": {csrf.Value}, "email": {email}, "password": {password}, "terug": {terug}}
	return send(t, ta, formRequest("/inloggen", form, &http.Cookie{Name: "samenkoop_csrf", Value: csrf.Value}))
}

// TestLoginThroughTheForm: a right password opens a session whose cookie
// is HttpOnly, SameSite=Lax and, over TLS or when configured, Secure
// (issue 3), and the way back stays on this site.
func TestLoginThroughTheForm(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		opts         web.Options
		terug        string
		wantLocation string
		wantSecure   bool
	}{
		{"back to the page asked for", web.Options{}, "/organisaties?q=amsterdam", "/organisaties?q=amsterdam", false},
		{"Secure cookie when configured behind a TLS proxy (issue 3)", web.Options{SecureCookies: true}, "/", "/", true},
		{"Secure cookie when served over TLS (issue 3)", web.Options{TLS: true}, "/", "/", true},
		{"protocol-relative terug //evil.example goes home", web.Options{}, "//evil.example", "/", false},
		{"absolute terug https://evil.example goes home", web.Options{}, "https://evil.example", "/", false},
		{`backslash terug /\evil.example goes home`, web.Options{}, `/\evil.example`, "/", false},
		{"empty terug goes home", web.Options{}, "", "/", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ta := newAppWith(t, auth.Options{}, tt.opts)
			resp, body := loginWithForm(t, ta, "member@test.nl", testPassword, tt.terug)
			if resp.StatusCode != 303 || resp.Header.Get("Location") != tt.wantLocation {
				t.Fatalf("login with terug %q = %d to %q, want 303 to %q (%s)", tt.terug, resp.StatusCode, resp.Header.Get("Location"), tt.wantLocation, firstLine([]byte(body)))
			}
			c := cookieNamed(resp, "samenkoop_session")
			if c == nil || c.Value == "" {
				t.Fatalf("login set no samenkoop_session cookie: %v", resp.Header.Values("Set-Cookie"))
			}
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure != tt.wantSecure || c.MaxAge <= 0 {
				t.Errorf("session cookie HttpOnly=%v SameSite=%v Path=%q Secure=%v MaxAge=%d, want HttpOnly, Lax, /, Secure=%v and a lifetime",
					c.HttpOnly, c.SameSite, c.Path, c.Secure, c.MaxAge, tt.wantSecure)
			}
			if resp, _ := send(t, ta, getAs("/organisaties", c.Value, "")); resp.StatusCode != 200 {
				t.Errorf("GET /organisaties with the new session = %d, want 200", resp.StatusCode)
			}
		})
	}
}

var loginError = regexp.MustCompile(`<div class="error-summary" role="alert"><p>([^<]*)</p>`)

// TestLoginFailureDoesNotRevealAccounts: a wrong password and an unknown
// address get the same page (issue 3: "generic error text that does not
// reveal whether an account exists").
func TestLoginFailureDoesNotRevealAccounts(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	tests := []struct{ name, email, password string }{
		{"wrong password", "member@test.nl", "not the password at all"},
		{"unknown account", "nobody@test.nl", "not the password at all"},
		{"unknown account with a real user's password", "nobody@test.nl", testPassword},
	}
	var pages []string
	for _, tt := range tests {
		resp, body := loginWithForm(t, ta, tt.email, tt.password, "/")
		if resp.StatusCode != 401 || cookieNamed(resp, "samenkoop_session") != nil {
			t.Errorf("%s: login = %d, want 401 without a session", tt.name, resp.StatusCode)
		}
		m := loginError.FindStringSubmatch(body)
		if m == nil || m[1] != "E-mailadres of wachtwoord is onjuist." {
			t.Errorf("%s: error text %q, want %q", tt.name, m, "E-mailadres of wachtwoord is onjuist.")
		}
		// Only the echoed address and the fresh form token may differ.
		body = strings.ReplaceAll(body, tt.email, "EMAIL")
		body = csrfValue.ReplaceAllString(body, `name="_csrf" value="TOKEN"`)
		pages = append(pages, body)
	}
	for i := 1; i < len(pages); i++ {
		if pages[i] != pages[0] {
			t.Errorf("%s and %s get different pages:\n%s\n---\n%s", tests[0].name, tests[i].name, pages[0], pages[i])
		}
	}
}

var csrfValue = regexp.MustCompile(`name="_csrf" value="[^"]*"`)

// loginFrom posts the login form to the app's handler h from the client
// address addr. app.Test always sends from 0.0.0.0, so the per-address
// limit needs the request context built by hand.
func loginFrom(h fasthttp.RequestHandler, addr, email, password string) (status int, retryAfter string) {
	var req fasthttp.Request
	req.Header.SetMethod(http.MethodPost)
	req.SetRequestURI("/inloggen")
	req.Header.SetContentType("application/x-www-form-urlencoded")
	req.Header.SetCookie("samenkoop_csrf", "form-token")
	req.SetBodyString(url.Values{"_csrf": {"form-token"}, "email": {email}, "password": {password}, "terug": {"/"}}.Encode())
	var ctx fasthttp.RequestCtx
	ctx.Init(&req, &net.TCPAddr{IP: net.ParseIP(addr), Port: 50000}, nil)
	h(&ctx)
	return ctx.Response.StatusCode(), string(ctx.Response.Header.Peek("Retry-After"))
}

// TestLoginBruteForceIsLimited: ten wrong passwords within a minute, and
// the account (and the address they came from) must wait, however right
// the next password is (issue 3 Must show); other accounts from other
// addresses log in as usual.
func TestLoginBruteForceIsLimited(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	ta := newAppWith(t, auth.Options{Now: clock.Now}, web.Options{})
	const attacker, colleague = "198.51.100.1", "198.51.100.2"
	h := ta.app.Handler()
	for i := 1; i <= 10; i++ {
		if status, _ := loginFrom(h, attacker, "member@test.nl", "guess "+strconv.Itoa(i)); status != 401 {
			t.Fatalf("wrong password %d = %d, want 401", i, status)
		}
		clock.Advance(5 * time.Second)
	}
	tests := []struct {
		name, addr, email, password string
		want                        int
	}{
		{"11th wrong password: 429 (issue 3 Must show)", attacker, "member@test.nl", "guess 11", 429},
		{"right password after 10 failures: still 429", attacker, "member@test.nl", testPassword, 429},
		{"same account from another address: 429 (limit per account)", colleague, "member@test.nl", testPassword, 429},
		{"another account from the same address: 429 (limit per address)", attacker, "admin@test.nl", testPassword, 429},
		{"another account from another address: unaffected", colleague, "admin@test.nl", testPassword, 303},
	}
	wait := 0
	for _, tt := range tests {
		status, retryAfter := loginFrom(h, tt.addr, tt.email, tt.password)
		if status != tt.want {
			t.Errorf("%s: login of %s from %s = %d, want %d", tt.name, tt.email, tt.addr, status, tt.want)
		}
		if tt.want == 429 {
			secs, err := strconv.Atoi(retryAfter)
			if err != nil || secs <= 0 || secs > 60 {
				t.Errorf("%s: Retry-After %q, want whole seconds within the one-minute window", tt.name, retryAfter)
			}
			wait = max(wait, secs)
		}
	}
	clock.Advance(time.Duration(wait) * time.Second)
	if status, _ := loginFrom(h, attacker, "member@test.nl", testPassword); status != 303 {
		t.Errorf("login after waiting Retry-After (%d s) = %d, want 303", wait, status)
	}
}

// TestLoginLimitHoldsUnderConcurrentAttempts: the ten-per-minute limit
// counts attempts sent at once too. An attacker does not wait for one
// answer before sending the next guess, so a limit that only counts
// finished failures lets every attempt in flight through.
func TestLoginLimitHoldsUnderConcurrentAttempts(t *testing.T) {
	t.Parallel()
	// A hash that takes a few milliseconds, like the real one, so the
	// attempts overlap.
	ta := newAppWith(t, auth.Options{Hash: auth.HashParams{MemoryKiB: 2048, Time: 1, Threads: 1}}, web.Options{})
	const attempts = 30
	warmUp(t, ta)
	h := ta.app.Handler()
	statuses := make(chan int, attempts)
	var wg sync.WaitGroup
	for i := range attempts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, _ := loginFrom(h, "198.51.100.9", "member@test.nl", "guess "+strconv.Itoa(i))
			statuses <- status
		}()
	}
	wg.Wait()
	close(statuses)
	counts := map[int]int{}
	for s := range statuses {
		counts[s]++
	}
	if counts[401] > 10 || counts[401]+counts[429] != attempts {
		t.Errorf("%d concurrent wrong passwords: %d checked (401), %d refused (429), other %v; want at most 10 checked (issue 3: 10 per minute) — "+
			"internal/auth/service.go:86 checks the limiter before the password hash and :98 records the failure after it",
			attempts, counts[401], counts[429], counts)
	}
}

// TestFormsNeedTheCSRFToken: a state-changing form without the session's
// token, or with another, is refused with 403 and changes nothing
// (issue 3).
func TestFormsNeedTheCSRFToken(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		path string
		form url.Values
		// csrf returns the _csrf field; "" leaves it out.
		csrf func(ta testApp) string
		// loginCookie is the double-submit cookie, for the login form.
		loginCookie string
		// anonymous sends no session.
		anonymous bool
	}{
		{name: "create a token without _csrf", path: "/account/tokens", form: url.Values{"naam": {"x"}, "geldigheid": {"90"}},
			csrf: func(testApp) string { return "" }},
		{name: "create a token with a made-up _csrf", path: "/account/tokens", form: url.Values{"naam": {"x"}, "geldigheid": {"90"}},
			csrf: func(testApp) string { return "made-up" }},
		{name: "create a token with another session's _csrf", path: "/account/tokens", form: url.Values{"naam": {"x"}, "geldigheid": {"90"}},
			csrf: func(ta testApp) string { return ta.as["admin"].csrf }},
		{name: "revoke a token without _csrf", path: "/account/tokens/{id}/intrekken",
			csrf: func(testApp) string { return "" }},
		{name: "log out without _csrf", path: "/uitloggen",
			csrf: func(testApp) string { return "" }},
		{name: "log in without the double-submit cookie", path: "/inloggen", anonymous: true,
			form: url.Values{"email": {"member@test.nl"}, "password": {testPassword}},
			csrf: func(testApp) string { return "form-token" }},
		{name: "log in with a cookie that does not match _csrf", path: "/inloggen", anonymous: true, loginCookie: "cookie-token",
			form: url.Values{"email": {"member@test.nl"}, "password": {testPassword}},
			csrf: func(testApp) string { return "form-token" }},
	}
	// Every case is refused and checks that nothing changed: they share
	// one app.
	ta := newTestApp(t, sampleOrgs()...)
	warmUp(t, ta)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			member := ta.as["member"]
			tokens, err := ta.auth.Tokens(context.Background(), member.user.ID)
			if err != nil {
				t.Fatal(err)
			}
			path := strings.ReplaceAll(tt.path, "{id}", strconv.FormatInt(tokens[0].ID, 10))
			form := url.Values{}
			for k, v := range tt.form {
				form[k] = v
			}
			if v := tt.csrf(ta); v != "" {
				form.Set("_csrf", v)
			}
			var cookies []*http.Cookie
			if !tt.anonymous {
				cookies = append(cookies, session(member))
			}
			if tt.loginCookie != "" {
				cookies = append(cookies, &http.Cookie{Name: "samenkoop_csrf", Value: tt.loginCookie})
			}
			before := state(t, ta)
			resp, body := send(t, ta, formRequest(path, form, cookies...))
			if resp.StatusCode != 403 {
				t.Errorf("POST %s = %d, want 403 (%s)", path, resp.StatusCode, firstLine([]byte(body)))
			}
			if c := cookieNamed(resp, "samenkoop_session"); c != nil {
				t.Errorf("POST %s set a session cookie %+v", path, c)
			}
			if after := state(t, ta); after != before {
				t.Errorf("POST %s without a valid CSRF token changed the database:\nbefore %s\nafter  %s", path, before, after)
			}
			if resp, _ := send(t, ta, getAs("/", member.cookie, "")); resp.StatusCode != 200 {
				t.Errorf("the member's session after the refused POST: GET / = %d, want 200", resp.StatusCode)
			}
			if resp, _ := send(t, ta, getAs("/api/v1/me", "", member.token)); resp.StatusCode != 200 {
				t.Errorf("the member's token after the refused POST: GET /api/v1/me = %d, want 200", resp.StatusCode)
			}
		})
	}
}

// TestLogoutEndsTheSession: after logging out, the old cookie is worth
// nothing, even if a copy survived in the browser.
func TestLogoutEndsTheSession(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	member := ta.as["member"]
	resp, _ := send(t, ta, formRequest("/uitloggen", url.Values{"_csrf": {member.csrf}}, session(member)))
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/inloggen" {
		t.Fatalf("POST /uitloggen = %d to %q, want 303 to /inloggen", resp.StatusCode, resp.Header.Get("Location"))
	}
	if c := cookieNamed(resp, "samenkoop_session"); c == nil || c.Value != "" || c.MaxAge >= 0 {
		t.Errorf("logout cookie %+v, want samenkoop_session emptied and expired", c)
	}
	resp, _ = send(t, ta, getAs("/", member.cookie, ""))
	if loc := resp.Header.Get("Location"); resp.StatusCode != 303 || !strings.HasPrefix(loc, "/inloggen") {
		t.Errorf("GET / with the logged-out cookie = %d to %q, want 303 to /inloggen", resp.StatusCode, loc)
	}
	if resp, _ := send(t, ta, getAs("/", ta.as["admin"].cookie, "")); resp.StatusCode != 200 {
		t.Errorf("another user's session after the member logged out: GET / = %d, want 200", resp.StatusCode)
	}
}

// TestSessionIdleTimeoutAndLifetime: a session nobody used for longer than
// the idle timeout ends, use keeps it alive, and the lifetime ends it
// however active (issue 3: "session lifetime and idle timeout
// configurable").
func TestSessionIdleTimeoutAndLifetime(t *testing.T) {
	t.Parallel()
	type use struct {
		at   time.Duration // since login
		want int
	}
	tests := []struct {
		name     string
		lifetime time.Duration
		uses     []use
	}{
		{"used after 29 minutes idle: accepted", 0, []use{{29 * time.Minute, 200}}},
		{"used after 31 minutes idle: refused (idle timeout 30 min)", 0, []use{{31 * time.Minute, 303}}},
		{"use keeps it alive: 29 and 58 minutes", 0, []use{{29 * time.Minute, 200}, {58 * time.Minute, 200}}},
		{"once refused, it stays refused", 0, []use{{31 * time.Minute, 303}, {32 * time.Minute, 303}}},
		{"lifetime of 1 h ends an active session", time.Hour, []use{{20 * time.Minute, 200}, {40 * time.Minute, 200}, {60 * time.Minute, 200}, {80 * time.Minute, 303}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newTestClock()
			start := clock.Now()
			ta := newAppWith(t, auth.Options{Now: clock.Now, IdleTimeout: 30 * time.Minute, SessionLifetime: tt.lifetime}, web.Options{})
			member := ta.as["member"]
			for _, u := range tt.uses {
				clock.Advance(start.Add(u.at).Sub(clock.Now()))
				resp, _ := send(t, ta, getAs("/organisaties", member.cookie, ""))
				if resp.StatusCode != u.want {
					t.Errorf("GET /organisaties %v after login = %d, want %d", u.at, resp.StatusCode, u.want)
				}
				if u.want == 303 && !strings.HasPrefix(resp.Header.Get("Location"), "/inloggen") {
					t.Errorf("refused session sent to %q, want the login page", resp.Header.Get("Location"))
				}
			}
		})
	}
}

var tokenSecret = regexp.MustCompile(`skp_[A-Za-z0-9_-]{43}`)

// TestAPITokenFromTheAccountPage: a token made on the account page is shown
// once, works on the API with its user's role, cannot be revoked by
// someone else and stops working when its owner revokes it (issue 3).
func TestAPITokenFromTheAccountPage(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	member, admin := ta.as["member"], ta.as["admin"]

	resp, body := send(t, ta, formRequest("/account/tokens", url.Values{"_csrf": {member.csrf}, "naam": {"koppeling"}, "geldigheid": {"90"}}, session(member)))
	secret := tokenSecret.FindString(body)
	if resp.StatusCode != 201 || secret == "" || !strings.Contains(body, "maar één keer getoond") {
		t.Fatalf("POST /account/tokens = %d, secret %q; want 201 showing the new skp_ token once", resp.StatusCode, secret)
	}

	resp, body = send(t, ta, getAs("/api/v1/me", "", secret))
	var me struct{ Email, Role, Organization string }
	if err := json.Unmarshal([]byte(body), &me); err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /api/v1/me with the new token = %d %s (%v), want 200", resp.StatusCode, body, err)
	}
	if me.Email != "member@test.nl" || me.Role != "member" || me.Organization != "GM0363" {
		t.Errorf("GET /api/v1/me = %+v, want the member of GM0363", me)
	}

	_, body = send(t, ta, getAs("/account", member.cookie, ""))
	if strings.Contains(body, secret) || !strings.Contains(body, "koppeling") {
		t.Errorf("account page after creation: shows the secret again or lacks the token %q", "koppeling")
	}

	tokens, err := ta.auth.Tokens(context.Background(), member.user.ID)
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	for _, tok := range tokens {
		if tok.Name == "koppeling" {
			id = tok.ID
		}
	}
	revoke := "/account/tokens/" + strconv.FormatInt(id, 10) + "/intrekken"

	resp, _ = send(t, ta, formRequest(revoke, url.Values{"_csrf": {admin.csrf}}, session(admin)))
	if resp.StatusCode != 404 {
		t.Errorf("admin revoking the member's token = %d, want 404 (only one's own tokens)", resp.StatusCode)
	}
	if resp, _ := send(t, ta, getAs("/api/v1/me", "", secret)); resp.StatusCode != 200 {
		t.Errorf("token after someone else tried to revoke it: GET /api/v1/me = %d, want 200", resp.StatusCode)
	}

	resp, _ = send(t, ta, formRequest(revoke, url.Values{"_csrf": {member.csrf}}, session(member)))
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/account" {
		t.Fatalf("POST %s = %d to %q, want 303 to /account", revoke, resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body = send(t, ta, getAs("/api/v1/me", "", secret))
	if p := decodeProblem(t, resp, []byte(body)); resp.StatusCode != 401 || p.Status != 401 {
		t.Errorf("GET /api/v1/me with the revoked token = %d %s, want 401 problem", resp.StatusCode, body)
	}
	if _, body := send(t, ta, getAs("/account", member.cookie, "")); !strings.Contains(body, "ingetrokken") {
		t.Error("account page does not list the token as revoked (ingetrokken)")
	}
}

// TestAPITokenExpires: a token works until its expiry and not after.
func TestAPITokenExpires(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	ta := newAppWith(t, auth.Options{Now: clock.Now}, web.Options{})
	_, secret, err := ta.auth.CreateToken(context.Background(), ta.as["member"].user.ID, "kort", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		after time.Duration
		want  int
	}{
		{59 * time.Minute, 200},
		{2 * time.Minute, 401}, // 61 minutes after creation
	} {
		clock.Advance(step.after)
		resp, body := send(t, ta, getAs("/api/v1/me", "", secret))
		if resp.StatusCode != step.want {
			t.Errorf("GET /api/v1/me with a 1 h token at %s = %d, want %d", clock.Now().Format(time.TimeOnly), resp.StatusCode, step.want)
		}
		if step.want == 401 {
			decodeProblem(t, resp, []byte(body))
		}
	}
}

// TestCredentialsOnlyWorkOnTheirSide: the API accepts only tokens and the
// UI only sessions (issue 3), so a page on another site cannot use the
// browser's login against the API.
func TestCredentialsOnlyWorkOnTheirSide(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	warmUp(t, ta)
	member := ta.as["member"]
	tests := []struct {
		name         string
		req          *http.Request
		want         int
		wantLocation string
	}{
		{"session cookie to the API: 401", getAs("/api/v1/me", member.cookie, ""), 401, ""},
		{"session secret as a bearer token: 401", getAs("/api/v1/me", "", member.cookie), 401, ""},
		{"unknown token: 401", getAs("/api/v1/me", "", "skp_"+strings.Repeat("A", 43)), 401, ""},
		{"bearer token to a page: not logged in", getAs("/organisaties", "", member.token), 303, "/inloggen?terug=%2Forganisaties"},
		{"token as the session cookie: not logged in", getAs("/organisaties", member.token, ""), 303, "/inloggen?terug=%2Forganisaties"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp, body := send(t, ta, tt.req)
			if resp.StatusCode != tt.want || resp.Header.Get("Location") != tt.wantLocation {
				t.Errorf("GET %s = %d to %q, want %d to %q", tt.req.URL.Path, resp.StatusCode, resp.Header.Get("Location"), tt.want, tt.wantLocation)
			}
			if tt.want == 401 {
				decodeProblem(t, resp, []byte(body))
			}
		})
	}
}

// TestHSTS: Strict-Transport-Security is sent when the app is configured
// for TLS and the request came over TLS (here: a TLS-terminating proxy's
// X-Forwarded-Proto); never without TLS configured, and never over plain
// HTTP, where RFC 6797 §7.2 forbids it.
func TestHSTS(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	tests := []struct {
		name     string
		tls      bool
		proto    string
		wantHSTS bool
	}{
		{"TLS configured, request over https: HSTS (issue 3)", true, "https", true},
		{"TLS configured, plain HTTP hop: none (RFC 6797 §7.2)", true, "", false},
		{"no TLS configured, even over https: none", false, "https", false},
		{"no TLS configured, plain HTTP: none", false, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			app := newApp(web.Options{TLS: tt.tls, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, web.Deps{Contracts: ta.svc, Auth: ta.auth})
			for _, path := range []string{"/inloggen", "/api/v1/openapi.json"} {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				if tt.proto != "" {
					req.Header.Set("X-Forwarded-Proto", tt.proto)
				}
				resp, err := appTest(t, app, req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				hsts := resp.Header.Get("Strict-Transport-Security")
				if (hsts != "") != tt.wantHSTS || tt.wantHSTS && !strings.Contains(hsts, "max-age=31536000") {
					t.Errorf("GET %s: Strict-Transport-Security = %q, want set (one year): %v", path, hsts, tt.wantHSTS)
				}
			}
		})
	}
}
