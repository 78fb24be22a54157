package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/demo"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

var fixedNow = func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam) }

type testApp struct {
	app         *fiber.App
	svc         *contracts.Service
	procurement *procurement.Service
	auth        *auth.Service
	// as holds, per test user ("admin", "member", …), its API token,
	// session cookie and the session's CSRF token.
	as map[string]credentials
}

type credentials struct {
	user          auth.User
	token, cookie string
	csrf          string
}

// testPassword is every test user's password.
const testPassword = "correct horse battery staple"

// testUsers are the accounts newTestApp creates: one per role, the scoped
// ones for Amsterdam (own) so that 's-Gravenhage is someone else's.
var testUsers = []auth.User{
	{Email: "admin@test.nl", Name: "Admin", Role: auth.RoleAdmin},
	{Email: "coordinator@test.nl", Name: "Coördinator", Role: auth.RoleCoordinator},
	{Email: "member@test.nl", Name: "Inkoper Amsterdam", Role: auth.RoleMember, Organization: "GM0363"},
	{Email: "finance@test.nl", Name: "Financiën", Role: auth.RoleFinance, Organization: "GM0363"},
	{Email: "management@test.nl", Name: "Management", Role: auth.RoleManagement, Organization: "GM0363"},
	{Email: "finance-all@test.nl", Name: "Financiën alle", Role: auth.RoleFinance},
	{Email: "management-all@test.nl", Name: "Management alle", Role: auth.RoleManagement},
}

// userKey names a test user in ta.as: its role, with "-all" for the
// finance and management users scoped to all organizations.
func testUserKey(u auth.User) string {
	k, _, _ := strings.Cut(u.Email, "@")
	return k
}

// newTestApp builds the real app over a fresh store holding orgs and one
// user per role (the scoped ones only when Amsterdam is among orgs), each
// with an API token and a session.
func newTestApp(t testing.TB, orgs ...contracts.Organization) testApp {
	t.Helper()
	return newTestAppAt(t, fixedNow, orgs...)
}

// newTestAppAt is newTestApp with the services on the clock now, for tests
// that let time pass (a tender's deadline, its standstill).
func newTestAppAt(t testing.TB, now func() time.Time, orgs ...contracts.Organization) testApp {
	t.Helper()
	s := appSeed{orgs: orgs, hash: testHash, servicesAt: now()}
	st, users := storetest.Template(t, s.key(), s.seed)
	return appOver(t, st, s, users, now)
}

// appOver builds the real app, with its services on the clock now, over
// st, a copy of the database s seeded with users in it.
func appOver(t testing.TB, st *store.Store, s appSeed, users seededUsers, now func() time.Time) testApp {
	t.Helper()
	svc := contracts.NewService(st.Register(), contracts.Options{Now: now})
	authSvc := auth.NewService(st.Auth(), auth.Options{Hash: s.hash})
	ta := testApp{svc: svc, auth: authSvc, as: freshSessions(t, st, s, users),
		procurement: procurement.NewService(st.Procurement(), procurement.Options{Now: now, Words: nl.ProcurementWords()})}
	ta.app = newApp(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test"},
		web.Deps{Contracts: svc, Procurement: ta.procurement, Auth: authSvc, Audit: st, Ping: st.Ping})
	return ta
}

// seededApp is a seeded test app's database: the test users and the
// fixture a test's seed function returned.
type seededApp[F any] struct {
	users   seededUsers
	fixture F
}

// newSeededApp is newTestApp(t, sampleOrgs()...) followed by
// seed(t, ta), for the tests that build that app and fixture many times
// (the access matrices): the seeded database is made once per test
// process and each call gets its own copy, and the fixture seed
// returned. name names seed in the template's key; seed must write the
// same rows every time (ids included) and read no clock but fixedNow.
func newSeededApp[F any](t testing.TB, name string, seed func(testing.TB, testApp) F) (testApp, F) {
	t.Helper()
	s := appSeed{orgs: sampleOrgs(), hash: testHash, servicesAt: fixedNow()}
	st, v := storetest.Template(t, s.key()+"; then "+name, func(ctx context.Context, st *store.Store) (seededApp[F], error) {
		users, err := s.seed(ctx, st)
		if err != nil {
			return seededApp[F]{}, err
		}
		// seed runs on the test that asks first; its t.Fatal ends that
		// test and fails the others asking for this template.
		return seededApp[F]{users: users, fixture: seed(t, appOver(t, st, s, users, fixedNow))}, nil
	})
	return appOver(t, st, s, v.users, fixedNow), v.fixture
}

// testHash is the test users' password hashing: cheap, so that creating
// users and logging in costs nothing worth measuring.
var testHash = auth.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}

// appSeed is what a test app's database holds before the test starts: the
// reference data, orgs, and the test users (the scoped ones only when
// Amsterdam is among orgs), each with an API token and a session. The
// tests with equal seeds share one seeded template database
// (storetest.Template): it is seeded once per test process and each test
// gets its own copy, in which the recorded credentials hold because the
// copy has the same rows.
type appSeed struct {
	orgs []contracts.Organization
	// hash hashes the users' passwords.
	hash auth.HashParams
	// servicesAt is the time on the contracts and procurement services'
	// clock when the test builds its app; the seed's services read it.
	servicesAt time.Time
	// authAt is the time on the auth clock, at which the sessions and
	// tokens are made; zero for the real clock.
	authAt time.Time
}

// key names everything the seed writes depends on. The organizations are
// written with %#v, which quotes every string and shows the dates.
func (s appSeed) key() string {
	authAt := "the real clock"
	if !s.authAt.IsZero() {
		authAt = s.authAt.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprintf("web test app: organizations %#v; password hash %+v; services at %s; auth at %s",
		s.orgs, s.hash, s.servicesAt.UTC().Format(time.RFC3339Nano), authAt)
}

// seededUsers are the test users' credentials in a seeded database, and
// when their sessions were opened.
type seededUsers struct {
	as       map[string]credentials
	loggedIn time.Time
}

// seed writes the seed into st and returns the test users' credentials.
func (s appSeed) seed(ctx context.Context, st *store.Store) (seededUsers, error) {
	servicesAt := s.servicesAt
	svc := contracts.NewService(st.Register(), contracts.Options{Now: func() time.Time { return servicesAt }})
	authOpts := auth.Options{Hash: s.hash}
	if !s.authAt.IsZero() {
		authAt := s.authAt
		authOpts.Now = func() time.Time { return authAt }
	}
	authSvc := auth.NewService(st.Auth(), authOpts)
	if err := svc.SeedReference(ctx); err != nil {
		return seededUsers{}, err
	}
	hasAmsterdam := false
	for _, o := range s.orgs {
		if err := svc.CreateOrganization(ctx, o); err != nil {
			return seededUsers{}, fmt.Errorf("seed %s: %w", o.Code, err)
		}
		hasAmsterdam = hasAmsterdam || o.Code == "GM0363"
	}
	as := map[string]credentials{}
	loggedIn := time.Now()
	for _, u := range testUsers {
		if u.Organization != "" && !hasAmsterdam {
			continue
		}
		created, err := authSvc.CreateUser(ctx, u, testPassword)
		if err != nil {
			return seededUsers{}, fmt.Errorf("user %s: %w", u.Email, err)
		}
		_, token, err := authSvc.CreateToken(ctx, created.ID, "test", 0)
		if err != nil {
			return seededUsers{}, fmt.Errorf("token of %s: %w", u.Email, err)
		}
		_, sess, cookie, err := authSvc.Login(ctx, u.Email, testPassword, "192.0.2.1")
		if err != nil {
			return seededUsers{}, fmt.Errorf("login of %s: %w", u.Email, err)
		}
		as[testUserKey(u)] = credentials{user: created, token: token, cookie: cookie, csrf: sess.CSRF}
	}
	return seededUsers{as: as, loggedIn: loggedIn}, nil
}

// seededStore returns a fresh copy of the seed's template database and
// the test users' credentials in it.
func seededStore(t testing.TB, s appSeed) (*store.Store, map[string]credentials) {
	t.Helper()
	st, users := storetest.Template(t, s.key(), s.seed)
	return st, freshSessions(t, st, s, users)
}

// freshSessions returns the credentials of the test users in st, a copy
// of a database s seeded. On the real clock the template's sessions were
// opened when it was seeded, perhaps minutes before the test; when that
// was more than sessionsFresh ago they are marked as seen now, so that no
// test's sessions are older than a login shortly before the test would
// leave them (the app rewrites last-seen times older than a minute, and
// ends sessions idle for 30 minutes).
func freshSessions(t testing.TB, st *store.Store, s appSeed, users seededUsers) map[string]credentials {
	t.Helper()
	if s.authAt.IsZero() && time.Since(users.loggedIn) > sessionsFresh {
		now := time.Now().UTC()
		for who, c := range users.as {
			if err := st.Auth().TouchSession(context.Background(), auth.HashSecret(c.cookie), now); err != nil {
				t.Fatalf("session of %s: %v", who, err)
			}
		}
	}
	return maps.Clone(users.as)
}

// sessionsFresh is how long ago a test's sessions may have been opened or
// last seen before seededStore marks them as seen now.
const sessionsFresh = 20 * time.Second

// smallDemoStore returns a fresh copy of the small demo set (seed 1, as
// of fixedNow), generated once per test process.
func smallDemoStore(t testing.TB) *store.Store {
	t.Helper()
	return storetest.Kept(t, smallDemoKey, seedSmallDemo)
}

// smallDemoKey names the small demo set (seed 1) as of fixedNow for
// storetest.Kept, which keeps it for every package's tests of one run.
var smallDemoKey = "the small demo set, seed 1, as of " + fixedNow().Format(time.RFC3339)

// seedSmallDemo writes the small demo set (seed 1) as of fixedNow.
func seedSmallDemo(ctx context.Context, st *store.Store) error {
	_, err := demo.Generate(ctx, st.Register(), demo.Options{Scale: demo.ScaleSmall, Seed: 1, Now: fixedNow})
	return err
}

func sampleOrgs() []contracts.Organization {
	d := contracts.NewDate(2025, 1, 1)
	return []contracts.Organization{
		{Code: "COOP-ICT", Name: "Coöperatie ICT-inkoop", Kind: contracts.KindCooperation},
		{Code: "GM0363", Name: "Amsterdam", Kind: contracts.KindMunicipality, Province: "PV27", Population: 934526, PopulationDate: d, Region: "Metropoolregio Amsterdam", Cooperations: []string{"COOP-ICT"}},
		{Code: "GM0518", Name: "'s-Gravenhage", Kind: contracts.KindMunicipality, Province: "PV28", Population: 566221, PopulationDate: d, Region: "Haaglanden"},
		{Code: "GM1900", Name: "Súdwest-Fryslân", Kind: contracts.KindMunicipality, Province: "PV21", Population: 92000, PopulationDate: d, Region: "Noord-Nederland"},
		{Code: "GM0096", Name: "Vlieland", Kind: contracts.KindMunicipality, Province: "PV21", Population: 1200, PopulationDate: d, Region: "Noord-Nederland"},
	}
}

// do sends a request as the admin: with its token to the API, with its
// session to the UI.
func (ta testApp) do(t testing.TB, method, path string, body io.Reader, contentType string) (*http.Response, []byte) {
	t.Helper()
	return ta.doAs(t, "admin", method, path, body, contentType)
}

// doAs sends a request as the test user who ("" for nobody).
func (ta testApp) doAs(t testing.TB, who, method, path string, body io.Reader, contentType string) (*http.Response, []byte) {
	t.Helper()
	req := httptest.NewRequest(method, path, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if who != "" {
		cred, ok := ta.as[who]
		if !ok {
			t.Fatalf("no test user %q", who)
		}
		if strings.HasPrefix(path, "/api/") {
			req.Header.Set("Authorization", "Bearer "+cred.token)
		} else {
			req.AddCookie(&http.Cookie{Name: "samenkoop_session", Value: cred.cookie})
		}
	}
	resp, err := appTest(t, ta.app, req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return resp, b
}

func (ta testApp) count(t testing.TB) int {
	t.Helper()
	p, err := ta.svc.Organizations(context.Background(), contracts.OrganizationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return p.Total
}

type problem struct {
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Errors []struct {
		Location string `json:"location"`
		Message  string `json:"message"`
	} `json:"errors"`
}

func decodeProblem(t testing.TB, resp *http.Response, body []byte) problem {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Errorf("Content-Type = %q, want application/problem+json (body %s)", ct, body)
	}
	var p problem
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("problem body %s: %v", body, err)
	}
	return p
}

func TestListOrganizations(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	tests := []struct {
		name      string
		path      string
		wantTotal int
		wantFirst string
	}{
		{"all, sorted by name", "/api/v1/organizations", 5, "GM0518"},
		{"province filter", "/api/v1/organizations?province=PV21", 2, "GM1900"},
		{"kind filter", "/api/v1/organizations?kind=cooperation", 1, "COOP-ICT"},
		{"region filter", "/api/v1/organizations?region=Noord-Nederland", 2, "GM1900"},
		{"search q", "/api/v1/organizations?q=fryslân", 1, "GM1900"},
		{"paging keeps the total", "/api/v1/organizations?page=2&pageSize=2", 5, "COOP-ICT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ta.do(t, "GET", tt.path, nil, "")
			if resp.StatusCode != 200 {
				t.Fatalf("GET %s = %d %s", tt.path, resp.StatusCode, body)
			}
			if v := resp.Header.Get("API-Version"); v != web.APIVersion {
				t.Errorf("API-Version = %q, want %q", v, web.APIVersion)
			}
			var page struct {
				Items []struct {
					Code      string `json:"code"`
					SizeClass string `json:"sizeClass"`
				} `json:"items"`
				Total int `json:"total"`
			}
			if err := json.Unmarshal(body, &page); err != nil {
				t.Fatal(err)
			}
			first := ""
			if len(page.Items) > 0 {
				first = page.Items[0].Code
			}
			if page.Total != tt.wantTotal || first != tt.wantFirst {
				t.Errorf("GET %s: total %d first %q, want %d %q", tt.path, page.Total, first, tt.wantTotal, tt.wantFirst)
			}
		})
	}
}

func TestOrganizationLifecycleThroughAPI(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	resp, body := ta.do(t, "POST", "/api/v1/organizations", strings.NewReader(
		`{"code":"GM0599","name":"Rotterdam","kind":"municipality","province":"PV28","population":664311,"populationDate":"2025-01-01","cooperations":["COOP-ICT"]}`), "application/json")
	if resp.StatusCode != 201 {
		t.Fatalf("POST = %d %s", resp.StatusCode, body)
	}
	var got struct {
		Code, ProvinceName, SizeClass string
		Cooperations                  []string
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if got.ProvinceName != "Zuid-Holland" || got.SizeClass != "100k-plus" || len(got.Cooperations) != 1 {
		t.Errorf("created = %+v, want province name, size class and membership", got)
	}
	resp, body = ta.do(t, "PATCH", "/api/v1/organizations/GM0599", strings.NewReader(`{"region":"Rijnmond"}`), "application/json")
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"region":"Rijnmond"`) || !strings.Contains(string(body), `"population":664311`) {
		t.Errorf("PATCH = %d %s, want region set and population kept", resp.StatusCode, body)
	}
	resp, body = ta.do(t, "DELETE", "/api/v1/organizations/GM0599", nil, "")
	if resp.StatusCode != 204 {
		t.Errorf("DELETE = %d %s, want 204", resp.StatusCode, body)
	}
	resp, body = ta.do(t, "GET", "/api/v1/organizations/GM0599", nil, "")
	if p := decodeProblem(t, resp, body); resp.StatusCode != 404 || p.Status != 404 {
		t.Errorf("GET deleted = %d %s, want 404 problem", resp.StatusCode, body)
	}
}

// TestBadInputChangesNothing covers the cases the foundation issue names:
// each answers 4xx problem+json naming the field(s) and leaves the
// database as it was.
func TestBadInputChangesNothing(t *testing.T) {
	tests := []struct {
		name       string
		method     string
		path       string
		body       string
		wantStatus int
		wantFields []string
	}{
		{"invalid JSON", "POST", "/api/v1/organizations", `{"code": "GM0599",`, 400, nil},
		{"municipality code GM36 (CBS: GM + 4 digits)", "POST", "/api/v1/organizations",
			`{"code":"GM36","name":"Kort","kind":"municipality"}`, 422, []string{"body.code"}},
		{"negative population", "POST", "/api/v1/organizations",
			`{"code":"GM0599","name":"Rotterdam","kind":"municipality","population":-1,"populationDate":"2025-01-01"}`, 422, []string{"body.population"}},
		{"unknown province", "POST", "/api/v1/organizations",
			`{"code":"GM0599","name":"Rotterdam","kind":"municipality","province":"PV99"}`, 422, []string{"body.province"}},
		{"several problems at once are all listed", "POST", "/api/v1/organizations",
			`{"code":"GM36","name":"","kind":"municipality","province":"PV99","population":-1}`, 422, []string{"body.code", "body.name", "body.province", "body.population"}},
		{"wrong field type", "POST", "/api/v1/organizations",
			`{"code":"GM0599","name":"Rotterdam","kind":"municipality","population":"veel"}`, 422, []string{"body.population"}},
		{"unknown kind", "POST", "/api/v1/organizations",
			`{"code":"X-1","name":"X","kind":"village"}`, 422, []string{"body.kind"}},
		{"unknown field", "POST", "/api/v1/organizations",
			`{"code":"GM0599","name":"Rotterdam","kind":"municipality","mayor":"Schouten"}`, 422, []string{"body.mayor"}},
		{"missing required fields", "POST", "/api/v1/organizations", `{}`, 422, []string{"body.code", "body.name", "body.kind"}},
		{"duplicate code", "POST", "/api/v1/organizations",
			`{"code":"GM0363","name":"Amsterdam","kind":"municipality"}`, 409, nil},
		{"patch with a bad date", "PATCH", "/api/v1/organizations/GM0363", `{"populationDate":"1-1-2025"}`, 422, []string{"body.populationDate"}},
		{"patch to a negative population", "PATCH", "/api/v1/organizations/GM0363", `{"population":-5}`, 422, []string{"body.population"}},
		{"patch of an unknown organization", "PATCH", "/api/v1/organizations/GM9999", `{"name":"X"}`, 404, nil},
		{"page below 1", "GET", "/api/v1/organizations?page=0", "", 422, []string{"query.page"}},
		{"unknown kind filter", "GET", "/api/v1/organizations?kind=village", "", 422, []string{"query.kind"}},
		{"delete a cooperation with members", "DELETE", "/api/v1/organizations/COOP-ICT", "", 409, nil},
		{"unknown API route", "GET", "/api/v1/nothing-here", "", 404, nil},
	}
	// Nothing is written, which each case checks: they share one app.
	ta := newTestApp(t, sampleOrgs()...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := snapshot(t, ta)
			var body io.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			resp, b := ta.do(t, tt.method, tt.path, body, "application/json")
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("%s %s = %d %s, want %d", tt.method, tt.path, resp.StatusCode, b, tt.wantStatus)
			}
			wantProblemFields(t, decodeProblem(t, resp, b), b, tt.wantFields)
			if after := snapshot(t, ta); after != before {
				t.Errorf("the database changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// wantProblemFields checks that a problem names each of fields ("body.code",
// "query.year"). A missing required property is reported at its parent
// ("body") with the property named in the message.
func wantProblemFields(t testing.TB, p problem, body []byte, fields []string) {
	t.Helper()
	for _, f := range fields {
		found := false
		for _, e := range p.Errors {
			parent, prop, _ := strings.Cut(f, ".")
			found = found || e.Location == f ||
				e.Location == parent && strings.Contains(e.Message, "property "+prop+" ")
		}
		if !found {
			t.Errorf("problem %s does not name %s", body, f)
		}
	}
}

// snapshot renders every organization, so a test can see any change.
func snapshot(t testing.TB, ta testApp) string {
	t.Helper()
	p, err := ta.svc.Organizations(context.Background(), contracts.OrganizationFilter{PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(p)
	return string(b)
}

func multipartFile(t testing.TB, name string, content []byte) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, err := w.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(content); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, w.FormDataContentType()
}

func TestImportOrganizationsUpload(t *testing.T) {
	good := "Gemeentecode;Gemeentenaam;Provincienaam;Inwoners;Peildatum\n" +
		"599;Rotterdam;Zuid-Holland;664.311;2025-01-01\n" +
		"363;Amsterdam;Noord-Holland;934526;2025-01-01\n"
	t.Run("good file creates and updates, reported per code", func(t *testing.T) {
		ta := newTestApp(t, sampleOrgs()...)
		body, ct := multipartFile(t, "gemeenten.csv", []byte(good))
		resp, b := ta.do(t, "POST", "/api/v1/imports/organizations", body, ct)
		if resp.StatusCode != 200 {
			t.Fatalf("import = %d %s", resp.StatusCode, b)
		}
		var rep struct {
			Created, Updated []string
			Unchanged        int
		}
		if err := json.Unmarshal(b, &rep); err != nil {
			t.Fatal(err)
		}
		if len(rep.Created) != 1 || rep.Created[0] != "GM0599" || rep.Unchanged != 1 {
			t.Errorf("report = %s, want GM0599 created and Amsterdam unchanged", b)
		}
	})
	t.Run("dry run changes nothing", func(t *testing.T) {
		ta := newTestApp(t, sampleOrgs()...)
		body, ct := multipartFile(t, "gemeenten.csv", []byte(good))
		resp, b := ta.do(t, "POST", "/api/v1/imports/organizations?dryRun=true", body, ct)
		if resp.StatusCode != 200 || !strings.Contains(string(b), `"created":["GM0599"]`) || ta.count(t) != 5 {
			t.Errorf("dry run = %d %s with %d organizations, want the plan and nothing written", resp.StatusCode, b, ta.count(t))
		}
	})
	bad := []struct {
		name       string
		content    string
		wantStatus int
		want       string
	}{
		{"bad rows: every row reported, nothing imported", good + "GM36;Kort;Noord-Holland;-4;2025-01-01\n", 422, `"location":"file.row[4].Gemeentecode"`},
		{"empty file", "", 422, "empty"},
		{"missing required column", "Gemeentenaam\nAmsterdam\n", 422, "missing required column code"},
		{"not a table", "\x00\x01\x02binary", 422, "unsupported file type"},
	}
	// A rejected import writes nothing, which each case checks: they share
	// one app.
	rejecting := newTestApp(t, sampleOrgs()...)
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			ta := rejecting
			before := snapshot(t, ta)
			body, ct := multipartFile(t, "upload.csv", []byte(tt.content))
			resp, b := ta.do(t, "POST", "/api/v1/imports/organizations", body, ct)
			if resp.StatusCode != tt.wantStatus || !strings.Contains(string(b), tt.want) {
				t.Errorf("import = %d %s, want %d containing %q", resp.StatusCode, b, tt.wantStatus, tt.want)
			}
			decodeProblem(t, resp, b)
			if snapshot(t, ta) != before {
				t.Error("a rejected import changed the database")
			}
		})
	}
}

func TestCPVLookup(t *testing.T) {
	ta := newTestApp(t)
	resp, b := ta.do(t, "GET", "/api/v1/cpv?q=6421", nil, "")
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"64210000-1"`) {
		t.Errorf("GET /cpv?q=6421 = %d %s, want the embedded telecom codes", resp.StatusCode, b)
	}
	resp, b = ta.do(t, "GET", "/api/v1/cpv?q=mobiele", nil, "")
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"64212000-5"`) {
		t.Errorf("GET /cpv?q=mobiele = %d %s, want mobile telephony", resp.StatusCode, b)
	}
}

func TestOpenAPIDocument(t *testing.T) {
	ta := newTestApp(t)
	resp, b := ta.do(t, "GET", "/api/v1/openapi.json", nil, "")
	if resp.StatusCode != 200 {
		t.Fatalf("openapi.json = %d", resp.StatusCode)
	}
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi = %q, want 3.1", doc.OpenAPI)
	}
	for path, methods := range map[string][]string{
		"/organizations":         {"get", "post"},
		"/organizations/{code}":  {"get", "patch", "delete"},
		"/imports/organizations": {"post"},
		"/cpv":                   {"get"},
	} {
		for _, m := range methods {
			if _, ok := doc.Paths[path][m]; !ok {
				t.Errorf("OpenAPI document lacks %s %s", strings.ToUpper(m), path)
			}
		}
	}
}

func TestHealthAndMetrics(t *testing.T) {
	ta := newTestApp(t)
	resp, b := ta.do(t, "GET", "/healthz", nil, "")
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"database":"ok"`) {
		t.Errorf("healthz = %d %s", resp.StatusCode, b)
	}
	ta.do(t, "GET", "/api/v1/organizations", nil, "")
	resp, b = ta.do(t, "GET", "/metrics", nil, "")
	if resp.StatusCode != 200 || !strings.Contains(string(b), "http_requests_total") {
		t.Errorf("metrics = %d, want Prometheus counters", resp.StatusCode)
	}
}

func TestHealthReportsDatabaseDown(t *testing.T) {
	app := newApp(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))},
		web.Deps{Auth: newTestApp(t).auth, Ping: func(context.Context) error { return context.DeadlineExceeded }})
	resp, err := appTest(t, app, httptest.NewRequest("GET", "/healthz", nil))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 503 {
		t.Errorf("healthz with a dead database = %d, want 503", resp.StatusCode)
	}
}

// TestInternalErrorIsAProblemAndLogged: a failure the client cannot fix is
// a 500 problem+json that reveals nothing, and its cause is logged once.
func TestInternalErrorIsAProblemAndLogged(t *testing.T) {
	st := storetest.New(t)
	svc := contracts.NewService(st.Register(), contracts.Options{Now: fixedNow})
	var logs bytes.Buffer
	// The token lookup reads the test app's own store; only the organization
	// list reads the closed one.
	ta := newTestApp(t)
	ta.app = newApp(web.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))}, web.Deps{Contracts: svc, Auth: ta.auth, Ping: st.Ping})
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	resp, b := ta.do(t, "GET", "/api/v1/organizations", nil, "")
	p := decodeProblem(t, resp, b)
	if resp.StatusCode != 500 || p.Status != 500 || strings.Contains(string(b), "closed") || strings.Contains(string(b), "sql") {
		t.Errorf("GET with a closed database = %d %s, want a 500 problem without internals", resp.StatusCode, b)
	}
	id := resp.Header.Get("X-Request-ID")
	if !strings.Contains(logs.String(), "api request failed") || id == "" || !strings.Contains(logs.String(), id) {
		t.Errorf("log does not record the cause with request ID %q:\n%s", id, logs.String())
	}
}

func TestMetricsCountPagesByTheirStatus(t *testing.T) {
	ta := newTestApp(t)
	ta.do(t, "GET", "/organisaties/GM9999", nil, "")
	_, b := ta.do(t, "GET", "/metrics", nil, "")
	if !strings.Contains(string(b), `status_code="404"`) || strings.Contains(string(b), `status_code="500"`) {
		t.Errorf("metrics after one 404 page:\n%s", grepLines(string(b), "requests_total"))
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestCrossOriginChangesAreRefused(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	before := snapshot(t, ta)
	body, ct := multipartFile(t, "x.csv", []byte("code,name\nGM0599,Rotterdam\n"))
	req := httptest.NewRequest("POST", "/api/v1/imports/organizations", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Authorization", "Bearer "+ta.as["admin"].token)
	resp, err := appTest(t, ta.app, req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 403 {
		t.Errorf("cross-origin import = %d %s, want 403", resp.StatusCode, b)
	}
	decodeProblem(t, resp, b)
	if snapshot(t, ta) != before {
		t.Error("a cross-origin import changed the database")
	}
	req = httptest.NewRequest("GET", "/api/v1/organizations", nil)
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Authorization", "Bearer "+ta.as["admin"].token)
	if resp, err := appTest(t, ta.app, req); err != nil || resp.StatusCode != 200 {
		t.Errorf("cross-origin read = %v, %v; want 200", resp.StatusCode, err)
	}
}
