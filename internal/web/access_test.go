package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// matrixWho are the columns of the access matrix: nobody, then the test
// users newTestApp creates. The scoped ones act for own.
var matrixWho = [...]string{"", "admin", "coordinator", "member", "finance", "management", "finance-all", "management-all"}

// statuses holds one expected status per column of matrixWho.
type statuses [len(matrixWho)]int

// The two organizations a path with {code} is tried on: the scoped test
// users' own (Amsterdam) and someone else's ('s-Gravenhage, which nothing
// refers to, so an admin may delete it).
const (
	own   = "GM0363"
	other = "GM0518"
)

// accessRow is one route for one organization with the status every
// caller must get.
type accessRow struct {
	rule   string // what the row shows, with its source
	method string
	// route is the path as registered, with {param} for a path parameter:
	// {code} becomes org, {id} the caller's own API token, {name} a static
	// file.
	route string
	org   string
	// body is JSON for the API, a CSV file for the import and url-encoded
	// form fields for the UI (the session's CSRF token is added).
	body string
	want statuses
}

// loginForm logs in as the admin; sent by anyone, it must work (public).
var loginForm = url.Values{"email": {"admin@test.nl"}, "password": {testPassword}, "terug": {"/"}}.Encode()

// accessMatrix states, independently of the policies in the routes.go of
// api and ui, who may do what (DESIGN §6, issue 3).
// TestEveryRouteIsInTheMatrix makes sure a new route gets rows here.
var accessMatrix = []accessRow{
	//                                                                                       nobody admin coord member fin  mgmt fin-all mgmt-all
	{"public: health (issue 3)", "GET", "/healthz", "", "", statuses{200, 200, 200, 200, 200, 200, 200, 200}},
	{"public: liveness, for the orchestrator (issue 19)", "GET", "/livez", "", "", statuses{200, 200, 200, 200, 200, 200, 200, 200}},
	{"public: metrics, kept local by the listen address", "GET", "/metrics", "", "", statuses{200, 200, 200, 200, 200, 200, 200, 200}},
	{"public: static files", "GET", "/static/{name}", "", "", statuses{200, 200, 200, 200, 200, 200, 200, 200}},
	{"public: the OpenAPI document", "GET", "/api/v1/openapi.json", "", "", statuses{200, 200, 200, 200, 200, 200, 200, 200}},
	{"public: the OpenAPI document", "GET", "/api/v1/openapi.yaml", "", "", statuses{200, 200, 200, 200, 200, 200, 200, 200}},
	{"public: the OpenAPI document", "GET", "/api/v1/openapi-3.0.json", "", "", statuses{200, 200, 200, 200, 200, 200, 200, 200}},
	{"public: the OpenAPI document", "GET", "/api/v1/openapi-3.0.yaml", "", "", statuses{200, 200, 200, 200, 200, 200, 200, 200}},
	{"public: login form; a logged-in user goes on", "GET", "/inloggen", "", "", statuses{200, 303, 303, 303, 303, 303, 303, 303}},
	{"public: logging in", "POST", "/inloggen", "", loginForm, statuses{303, 303, 303, 303, 303, 303, 303, 303}},

	{"API: every role reads who it is", "GET", "/api/v1/me", "", "", statuses{401, 200, 200, 200, 200, 200, 200, 200}},
	{"API: every role reads the register", "GET", "/api/v1/organizations", "", "", statuses{401, 200, 200, 200, 200, 200, 200, 200}},
	{"API: every role reads its own organization", "GET", "/api/v1/organizations/{code}", own, "", statuses{401, 200, 200, 200, 200, 200, 200, 200}},
	{"API: every role reads another organization's register entry", "GET", "/api/v1/organizations/{code}", other, "", statuses{401, 200, 200, 200, 200, 200, 200, 200}},
	{"API: every role reads CPV codes", "GET", "/api/v1/cpv", "", "", statuses{401, 200, 200, 200, 200, 200, 200, 200}},
	{"API: admin and coordinator register organizations; management never writes (DESIGN §6)", "POST", "/api/v1/organizations", "",
		`{"code":"GM0599","name":"Rotterdam","kind":"municipality"}`, statuses{401, 201, 201, 403, 403, 403, 403, 403}},
	{"API: the register's organizations are kept by admin and coordinator: a member's change would move other organizations' peer figures", "PATCH", "/api/v1/organizations/{code}", own,
		`{"region":"Gewijzigd"}`, statuses{401, 200, 200, 403, 403, 403, 403, 403}},
	{"API: a member cannot change another municipality (issue 3 Must show)", "PATCH", "/api/v1/organizations/{code}", other,
		`{"region":"Gewijzigd"}`, statuses{401, 200, 200, 403, 403, 403, 403, 403}},
	// The admin passes the policy on its own organization too; the store
	// then refuses because users belong to it.
	{"API: only the admin deletes (own organization still has users: 409)", "DELETE", "/api/v1/organizations/{code}", own, "", statuses{401, 409, 403, 403, 403, 403, 403, 403}},
	{"API: only the admin deletes", "DELETE", "/api/v1/organizations/{code}", other, "", statuses{401, 204, 403, 403, 403, 403, 403, 403}},
	{"API: only the admin imports", "POST", "/api/v1/imports/organizations", "",
		"Gemeentecode;Gemeentenaam;Provincienaam\n599;Rotterdam;Zuid-Holland\n", statuses{401, 200, 403, 403, 403, 403, 403, 403}},
	{"API: only the admin reads the audit trail (issue 3)", "GET", "/api/v1/audit", "", "", statuses{401, 200, 403, 403, 403, 403, 403, 403}},

	{"UI: start page for every role", "GET", "/", "", "", statuses{303, 200, 200, 200, 200, 200, 200, 200}},
	{"UI: every role reads the register", "GET", "/organisaties", "", "", statuses{303, 200, 200, 200, 200, 200, 200, 200}},
	{"UI: every role reads its own organization", "GET", "/organisaties/{code}", own, "", statuses{303, 200, 200, 200, 200, 200, 200, 200}},
	{"UI: every role reads another organization's register entry", "GET", "/organisaties/{code}", other, "", statuses{303, 200, 200, 200, 200, 200, 200, 200}},
	{"UI: every role has an account page", "GET", "/account", "", "", statuses{303, 200, 200, 200, 200, 200, 200, 200}},
	{"UI: every role creates API tokens (issue 3)", "POST", "/account/tokens", "",
		url.Values{"naam": {"koppeling"}, "geldigheid": {"90"}}.Encode(), statuses{401, 201, 201, 201, 201, 201, 201, 201}},
	{"UI: every role revokes its own API token (issue 3)", "POST", "/account/tokens/{id}/intrekken", "", "", statuses{401, 303, 303, 303, 303, 303, 303, 303}},
	{"UI: every role logs out", "POST", "/uitloggen", "", "", statuses{401, 303, 303, 303, 303, 303, 303, 303}},
	{"UI: only the admin reads the audit trail (issue 3)", "GET", "/beheer/audit", "", "", statuses{303, 200, 403, 403, 403, 403, 403, 403}},

	{"API: admin, coordinator and member import contracts (a member not with a new vendor: 422); finance and management never write (DESIGN §6)", "POST", "/api/v1/imports/contracts", "",
		"Organisatie;Contractnummer;Omschrijving;Leverancier;KvK-nummer;Ingangsdatum;Looptijd;Verlenging\nGM0363;M-1;Zaaksysteem;Voorbeeld Software B.V.;12345678;2024-02-01;36;geen\n",
		statuses{401, 200, 200, 422, 403, 403, 403, 403}},
	{"API: a member imports only its own organization's rows (issue 4)", "POST", "/api/v1/imports/contracts", "",
		"Organisatie;Contractnummer;Omschrijving;Leverancier;KvK-nummer;Ingangsdatum;Looptijd;Verlenging\nGM0518;M-1;Zaaksysteem;Voorbeeld Software B.V.;12345678;2024-02-01;36;geen\n",
		statuses{401, 200, 200, 422, 403, 403, 403, 403}},
	{"API: every role downloads the contract import template", "GET", "/api/v1/imports/contracts/template.xlsx", "", "", statuses{401, 200, 200, 200, 200, 200, 200, 200}},
	{"UI: admin, coordinator and member see the contract import page", "GET", "/contracten/importeren", "", "", statuses{303, 200, 200, 200, 403, 403, 403, 403}},
	{"UI: contract import without a file is 422 for those who may import", "POST", "/contracten/importeren", "", "", statuses{401, 422, 422, 422, 403, 403, 403, 403}},
	{"UI: every role downloads the contract list in its scope (issue 7)", "GET", "/contracten/export", "", "", statuses{303, 200, 200, 200, 200, 200, 200, 200}},
	{"UI: every role downloads the contract import template", "GET", "/contracten/importeren/sjabloon.xlsx", "", "", statuses{303, 200, 200, 200, 200, 200, 200, 200}},

	{"API: every role reads the alerts of its scope (issue 4)", "GET", "/api/v1/alerts", "", "", statuses{401, 200, 200, 200, 200, 200, 200, 200}},
	{"UI: every role reads the deadlines of the contracts in its scope (issue 15)", "GET", "/deadlines", "", "", statuses{303, 200, 200, 200, 200, 200, 200, 200}},
	{"public: calendar feed, the secret in the path is the credential; an unknown one is 404 for everyone (issue 4)", "GET", "/agenda/{token}.ics", "", "", statuses{404, 404, 404, 404, 404, 404, 404, 404}},
	{"UI: every role makes its own calendar feed (issue 4)", "POST", "/account/agenda", "", "", statuses{401, 201, 201, 201, 201, 201, 201, 201}},
	{"UI: every role revokes its own calendar feed (issue 4)", "POST", "/account/agenda/intrekken", "", "", statuses{401, 200, 200, 200, 200, 200, 200, 200}},

	{"API: finance, management, admin and coordinator read spend (own organization when scoped); members do not (DESIGN §6, issue 6)", "GET", "/api/v1/spend", "", "", statuses{401, 200, 200, 403, 200, 200, 200, 200}},
	{"API: licence lines over quota for the roles that read spend (own organization when scoped) (issue 17)", "GET", "/api/v1/licences", "", "", statuses{401, 200, 200, 403, 200, 200, 200, 200}},
	{"API: the same read the spend forecast (issue 6)", "GET", "/api/v1/spend/forecast", "", "", statuses{401, 200, 200, 403, 200, 200, 200, 200}},
	{"API: peers: scoped users compare their own organization; others must name one (422) (issue 6)", "GET", "/api/v1/spend/peers", "", "", statuses{401, 422, 422, 403, 200, 200, 422, 422}},
	{"API: every role reads its own organization's dependency (issue 6)", "GET", "/api/v1/organizations/{code}/dependency", own, "", statuses{401, 200, 200, 200, 200, 200, 200, 200}},
	{"API: a scoped user cannot read another organization's dependency (issue 6)", "GET", "/api/v1/organizations/{code}/dependency", other, "", statuses{401, 200, 200, 403, 403, 403, 200, 200}},
	{"API: the cooperative's concentration is for callers scoped to all (issue 6)", "GET", "/api/v1/concentration", "", "", statuses{401, 200, 200, 403, 403, 403, 200, 200}},
	{"UI: spend for finance, management, admin, coordinator (issue 6)", "GET", "/uitgaven", "", "", statuses{303, 200, 200, 403, 200, 200, 200, 200}},
	{"UI: licences over quota for the roles that read spend (issue 17)", "GET", "/licenties", "", "", statuses{303, 200, 200, 403, 200, 200, 200, 200}},
	{"UI: dependency chooser, or a scoped user's own (issue 6)", "GET", "/afhankelijkheid", "", "", statuses{303, 200, 200, 200, 200, 200, 200, 200}},
	{"UI: cooperative overview, aggregates only: spend readers, scoped ones too; a member gets a page saying who may (issue 17)", "GET", "/afhankelijkheid/samenwerking", "", "", statuses{303, 200, 200, 403, 200, 200, 200, 200}},
	{"UI: an organization's dependency, own (issue 6)", "GET", "/afhankelijkheid/{code}", own, "", statuses{303, 200, 200, 200, 200, 200, 200, 200}},
	{"UI: an organization's dependency, other (issue 6)", "GET", "/afhankelijkheid/{code}", other, "", statuses{303, 200, 200, 403, 403, 403, 200, 200}},
}

func (row accessRow) name() string {
	target := ""
	switch row.org {
	case own:
		target = " own"
	case other:
		target = " other"
	}
	return row.method + " " + row.route + target + ": " + row.rule
}

// path fills in the route's parameters for the caller.
func (row accessRow) path(t *testing.T, ta testApp, who string) string {
	t.Helper()
	p := strings.ReplaceAll(row.route, "{code}", row.org)
	p = strings.ReplaceAll(p, "{name}", "app.css")
	if strings.Contains(p, "{id}") {
		owner := who
		if owner == "" {
			owner = "admin" // nobody tries someone's real token
		}
		tokens, err := ta.auth.Tokens(context.Background(), ta.as[owner].user.ID)
		if err != nil || len(tokens) == 0 {
			t.Fatalf("tokens of %s: %v, %v", owner, tokens, err)
		}
		p = strings.ReplaceAll(p, "{id}", strconv.FormatInt(tokens[0].ID, 10))
	}
	return p
}

// nobodyCSRF is the double-submit token an anonymous form carries, so that
// a refusal of nobody comes from the policy and not from the CSRF check.
const nobodyCSRF = "anonymous-form-token"

// request builds the row's request as who sends it: the API with the
// user's bearer token, the UI with the session cookie and, for forms, the
// session's CSRF token.
func (row accessRow) request(t *testing.T, ta testApp, who string) *http.Request {
	t.Helper()
	path := row.path(t, ta, who)
	api := strings.HasPrefix(path, "/api/")
	var body io.Reader
	contentType := ""
	switch {
	case row.route == "/api/v1/imports/organizations" || row.route == "/api/v1/imports/contracts" || strings.HasSuffix(row.route, "/mandates/import"):
		body, contentType = multipartFile(t, "gemeenten.csv", []byte(row.body))
	case api && row.body != "":
		body, contentType = strings.NewReader(row.body), "application/json"
	case !api && row.method == http.MethodPost:
		form, err := url.ParseQuery(row.body)
		if err != nil {
			t.Fatal(err)
		}
		if who == "" {
			form.Set("_csrf", nobodyCSRF)
		} else {
			form.Set("_csrf", ta.as[who].csrf)
		}
		body, contentType = strings.NewReader(form.Encode()), "application/x-www-form-urlencoded"
	}
	req := httptest.NewRequest(row.method, path, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	switch {
	case who == "" && !api:
		req.AddCookie(&http.Cookie{Name: "samenkoop_csrf", Value: nobodyCSRF})
	case who == "":
	case api:
		req.Header.Set("Authorization", "Bearer "+ta.as[who].token)
	default:
		req.AddCookie(&http.Cookie{Name: "samenkoop_session", Value: ta.as[who].cookie})
	}
	return req
}

// state renders what a refused request must leave alone: every
// organization and every test user's API tokens.
func state(t *testing.T, ta testApp) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(snapshot(t, ta))
	for _, who := range matrixWho[1:] {
		tokens, err := ta.auth.Tokens(context.Background(), ta.as[who].user.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, tok := range tokens {
			fmt.Fprintf(&b, "\n%s: token %d %q revoked %v", who, tok.ID, tok.Name, tok.RevokedAt)
		}
	}
	return b.String()
}

// TestAccessMatrix sends every route as every test user and nobody, for
// the own and another organization where the path names one (issue 3:
// "a matrix test exercises every route × every role × own/other
// organization"). A refused change leaves the database as it was.
func TestAccessMatrix(t *testing.T) {
	t.Parallel()
	// Reads and refused changes share one app; each change that is let
	// through gets a fresh one so that, say, the admin's delete does not
	// turn the next 403 into 404.
	shared := newTestApp(t, sampleOrgs()...)
	warmUp(t, shared)
	for _, row := range accessMatrix {
		t.Run(row.name(), func(t *testing.T) {
			t.Parallel()
			for i, who := range matrixWho {
				want := row.want[i]
				caller := who
				if caller == "" {
					caller = "nobody"
				}
				t.Run(caller, func(t *testing.T) {
					t.Parallel()
					ta := shared
					if writesThrough(row, want) {
						ta = newTestApp(t, sampleOrgs()...)
					}
					checkAccess(t, ta, row, who, want)
				})
			}
		})
	}
}

// writesThrough reports whether the row, answered with want, is a change
// let through: it needs an app of its own. Reads and refused changes
// leave the database as it was (checkAccess and the matrices check that
// a refused change does), so the matrices send them to one shared app.
func writesThrough(row accessRow, want int) bool {
	return row.method != http.MethodGet && want < 400
}

func checkAccess(t *testing.T, ta testApp, row accessRow, who string, want int) {
	t.Helper()
	// Only a refused change is checked to leave the database as it was.
	refusedChange := row.method != http.MethodGet && want >= 400
	var before string
	if refusedChange {
		before = state(t, ta)
	}
	req := row.request(t, ta, who)
	path := req.URL.Path
	resp, err := appTest(t, ta.app, req)
	if err != nil {
		t.Fatalf("%s %s: %v", row.method, path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != want {
		t.Fatalf("%s %s as %q = %d, want %d (%s)", row.method, path, who, resp.StatusCode, want, firstLine(body))
	}
	api := strings.HasPrefix(path, "/api/")
	switch {
	case api && (want == 401 || want == 403):
		if p := decodeProblem(t, resp, body); p.Status != want {
			t.Errorf("%s %s as %q: problem status %d, want %d", row.method, path, who, p.Status, want)
		}
		if want == 401 && !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s %s as nobody: WWW-Authenticate = %q, want a Bearer challenge (RFC 6750)", row.method, path, resp.Header.Get("WWW-Authenticate"))
		}
	case !api && want >= 400:
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("%s %s as %q: Content-Type %q, want an HTML error page", row.method, path, who, ct)
		}
	case !api && who == "" && row.method == http.MethodGet && want == 303:
		if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, "/inloggen?terug=") {
			t.Errorf("%s %s as nobody: Location %q, want the login page with the way back", row.method, path, loc)
		}
	}
	if refusedChange {
		if after := state(t, ta); after != before {
			t.Errorf("%s %s as %q was refused (%d) but changed the database:\nbefore %s\nafter  %s", row.method, path, who, want, before, after)
		}
	}
}

// warmUp requests the login page and paths once before a test sends
// requests to ta's app at the same time. fiber v2.52 fills a cache on the
// first Render without a lock (ctx.go renderExtensions → mount.go
// generateAppListKeys), which the race detector reports when two first
// requests overlap; the paths are the ones the test sends at once.
func warmUp(t testing.TB, ta testApp, paths ...string) {
	t.Helper()
	for _, p := range append([]string{"/inloggen"}, paths...) {
		resp, err := appTest(t, ta.app, httptest.NewRequest(http.MethodGet, p, nil))
		if err != nil {
			t.Fatalf("warm-up GET %s: %v", p, err)
		}
		resp.Body.Close()
	}
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// normalizeRoute writes every path parameter as {}: fiber lists
// /organisaties/:code, the matrix /organisaties/{code}.
func normalizeRoute(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, ":") || strings.HasPrefix(s, "{") {
			segs[i] = "{}"
		}
	}
	return strings.Join(segs, "/")
}

// areaAccessRows collects the rows of the areas whose tests seed their
// own fixtures (tenders, bundles, exports): each area's test file appends
// its rows in an init func and drives them in its own matrix test, so
// that TestEveryRouteIsInTheMatrix sees every route's rows.
var areaAccessRows []accessRow

// TestEveryRouteIsInTheMatrix fails for a registered route that the
// access matrix does not cover, so that a new route forces a new row
// (issue 3). Routes with an organization in the path need rows for the
// own and another organization; a row for a route that no longer exists
// is stale.
func TestEveryRouteIsInTheMatrix(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	rows := map[string]map[string]bool{} // "GET /organisaties/{}" → organizations tried
	// The register's rows live beside the tests that seed its contracts.
	for _, row := range append(append(append([]accessRow{}, accessMatrix...), registerAccessRows...), areaAccessRows...) {
		k := row.method + " " + normalizeRoute(row.route)
		if rows[k] == nil {
			rows[k] = map[string]bool{}
		}
		rows[k][row.org] = true
	}
	registered := map[string]bool{}
	for _, rt := range ta.app.GetRoutes(true) {
		if rt.Method == http.MethodHead {
			continue // fiber adds HEAD for app.Get; it shares the GET's policy
		}
		k := rt.Method + " " + normalizeRoute(rt.Path)
		registered[k] = true
		orgs, ok := rows[k]
		switch {
		case !ok:
			t.Errorf("route %s %s has no row in the access matrix: add one with the status for every user (issue 3)", rt.Method, rt.Path)
		case strings.Contains(rt.Path, ":code") && !(orgs[own] && orgs[other]):
			t.Errorf("route %s %s names an organization: the matrix needs a row for the own (%s) and another (%s) organization, has %v", rt.Method, rt.Path, own, other, orgs)
		}
	}
	for k := range rows {
		if !registered[k] {
			t.Errorf("the access matrix has rows for %s, which is not a route", k)
		}
	}
}
