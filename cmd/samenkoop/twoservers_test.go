package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/servertest"
)

// TestMain lets this test binary serve as the samenkoop command for the
// tests that start it as a process of its own (servertest.Command).
func TestMain(m *testing.M) {
	servertest.Command("samenkoop", main)
	os.Exit(servertest.Main(m))
}

// TestTwoServersOneDatabase runs two `samenkoop serve` processes on one
// database (issue 19, Must show): nothing a request relies on may live in
// one process only. What is written through one server is read through
// the other; a session made on one works on the other and ends on both;
// a token revoked on one is refused by the other at its next request; a
// tender in its standstill cannot be contracted on either; and writes
// through both at once leave the audit chain intact. On SQLite the two
// processes share the file (WAL); on PostgreSQL, when
// SAMENKOOP_TEST_POSTGRES_URL is set, a fresh database.
func TestTwoServersOneDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and starts two server processes: not with -short")
	}
	bin := servertest.Binary(t, "samenkoop")
	for _, be := range servertest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			db := seededDatabase(t, be, bin)
			servers := servertest.StartN(t, 2, bin, db)
			a, b := servers[0], servers[1]
			t.Cleanup(httpClient.CloseIdleConnections) // before the servers stop
			tok := newToken(t, bin, db, "coordinator@demo.samenkoop.nl")
			pair := twoServers{a: a, b: b, bin: bin, db: db, token: tok.secret}
			t.Run("contract written on one is read on the other", pair.contracts)
			t.Run("session made on one is used and ended on the other", pair.sessions)
			t.Run("token revoked on one is refused by the other", pair.revocation)
			t.Run("standstill refuses the contract on both", pair.standstill)
			t.Run("concurrent writes keep the audit chain", pair.concurrentWrites)
		})
	}
}

// seededDatabase is a fresh copy of the small demo on be. On SQLite it is
// the file the package's other tests copy (demoDB), seeded once per
// process by the same demo command.
func seededDatabase(t *testing.T, be servertest.Backend, bin string) *servertest.Database {
	if be.Name == "sqlite" {
		return &servertest.Database{Backend: be, Path: demoDB(t)}
	}
	return be.Seeded(t, bin)
}

// twoServers is the pair under test with an API token of the coordinator.
type twoServers struct {
	a, b  *servertest.Server
	bin   string
	db    *servertest.Database
	token string
}

var httpClient = &http.Client{Timeout: 20 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// callAPI sends one API request with token to s and returns the status and
// body; a body that is not nil is sent as JSON.
func callAPI(t *testing.T, s *servertest.Server, token, method, path string, body any) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = strings.NewReader(string(b))
	}
	req, err := http.NewRequest(method, s.Base+path, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return sendRequest(t, req)
}

func sendRequest(t *testing.T, req *http.Request) (int, []byte) {
	t.Helper()
	resp, err := httpClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	return resp.StatusCode, b
}

// callJSON sends a request that must answer want and decodes the answer
// into out (when not nil).
func callJSON(t *testing.T, s *servertest.Server, token, method, path string, body any, want int, out any) {
	t.Helper()
	status, b := callAPI(t, s, token, method, path, body)
	if status != want {
		t.Fatalf("%s %s%s = %d %s, want %d", method, s.Base, path, status, b, want)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v in %s", method, path, err, b)
		}
	}
}

type cliToken struct {
	id     int64
	secret string
}

var tokenLine = regexp.MustCompile(`^token ([0-9]+) `)

// newToken makes an API token for the user with `samenkoop token create`.
func newToken(t *testing.T, bin string, db *servertest.Database, user string) cliToken {
	t.Helper()
	out := servertest.Run(t, bin, db, "token", "create", "--user", user, "--expires", "1d", "--name", "twee servers")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	m := tokenLine.FindStringSubmatch(lines[0])
	if m == nil || len(lines) < 2 {
		t.Fatalf("token create printed %q", out)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return cliToken{id: id, secret: lines[len(lines)-1]}
}

type contractJSON struct {
	ID     int64  `json:"id"`
	Number string `json:"number"`
	Title  string `json:"title"`
	Notes  string `json:"notes"`
}

type contractPage struct {
	Items []contractJSON `json:"items"`
	Total int            `json:"total"`
}

func (p twoServers) contracts(t *testing.T) {
	var vendors struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	callJSON(t, p.a, p.token, "GET", "/api/v1/vendors", nil, 200, &vendors)
	if len(vendors.Items) == 0 {
		t.Fatal("the demo has no vendors")
	}
	var made contractJSON
	callJSON(t, p.a, p.token, "POST", "/api/v1/contracts", map[string]any{
		"organization": "GM0014", "number": "TWEE-1", "title": "Geschreven op A", "vendorId": vendors.Items[0].ID,
		"start": "2026-01-01", "initialTermMonths": 24, "renewalKind": "none", "annualValue": 1_250_000, "status": "active",
	}, 201, &made)

	var page contractPage
	callJSON(t, p.b, p.token, "GET", "/api/v1/contracts?q=TWEE-1", nil, 200, &page)
	if page.Total != 1 || len(page.Items) != 1 || page.Items[0].ID != made.ID {
		t.Fatalf("B lists %+v for TWEE-1, want the contract %d made on A", page, made.ID)
	}
	var got contractJSON
	callJSON(t, p.b, p.token, "GET", fmt.Sprintf("/api/v1/contracts/%d", made.ID), nil, 200, &got)
	if got.Title != "Geschreven op A" {
		t.Errorf("B reads title %q, want the one written on A", got.Title)
	}

	callJSON(t, p.b, p.token, "PATCH", fmt.Sprintf("/api/v1/contracts/%d", made.ID), map[string]any{"title": "Gewijzigd op B"}, 200, nil)
	callJSON(t, p.a, p.token, "GET", fmt.Sprintf("/api/v1/contracts/%d", made.ID), nil, 200, &got)
	if got.Title != "Gewijzigd op B" {
		t.Errorf("A reads title %q after the change on B", got.Title)
	}
	callJSON(t, p.a, p.token, "GET", "/api/v1/contracts?q=TWEE-1", nil, 200, &page)
	if len(page.Items) != 1 || page.Items[0].Title != "Gewijzigd op B" {
		t.Errorf("A lists %+v after the change on B", page.Items)
	}
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// loginOn signs in on s through the login form and returns the session
// cookie.
func loginOn(t *testing.T, s *servertest.Server, email string) *http.Cookie {
	t.Helper()
	resp, err := httpClient.Get(s.Base + "/inloggen")
	if err != nil {
		t.Fatal(err)
	}
	form, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfField.FindSubmatch(form)
	if m == nil {
		t.Fatalf("no CSRF field on the login form of %s", s.Base)
	}
	req, _ := http.NewRequest("POST", s.Base+"/inloggen", strings.NewReader(url.Values{
		"_csrf": {string(m[1])}, "email": {email}, "password": {DemoPassword}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, c := range resp.Cookies() {
		req.AddCookie(c)
	}
	resp, err = httpClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Name == "samenkoop_session" && c.Value != "" {
			return c
		}
	}
	t.Fatalf("login as %s on %s: %s without a session cookie", email, s.Base, resp.Status)
	return nil
}

// getPage gets a UI page of s with the session cookie (none when nil) and
// returns the status and body.
func getPage(t *testing.T, s *servertest.Server, path string, session *http.Cookie) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", s.Base+path, nil)
	if session != nil {
		req.AddCookie(session)
	}
	status, b := sendRequest(t, req)
	return status, string(b)
}

// postForm posts a UI form of the logged-in page on s, with the session's
// CSRF token read from that page.
func postForm(t *testing.T, s *servertest.Server, formPage, action string, session *http.Cookie) int {
	t.Helper()
	status, body := getPage(t, s, formPage, session)
	m := csrfField.FindStringSubmatch(body)
	if status != 200 || m == nil {
		t.Fatalf("GET %s%s = %d, want a page with a form", s.Base, formPage, status)
	}
	req, _ := http.NewRequest("POST", s.Base+action, strings.NewReader(url.Values{"_csrf": {m[1]}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(session)
	status, _ = sendRequest(t, req)
	return status
}

func (p twoServers) sessions(t *testing.T) {
	if status, _ := getPage(t, p.b, "/account", nil); status != http.StatusSeeOther {
		t.Fatalf("/account without a session = %d, want 303 to the login form", status)
	}
	session := loginOn(t, p.a, "inkoper@demo.samenkoop.nl")
	status, body := getPage(t, p.b, "/account", session)
	if status != 200 || !strings.Contains(body, "inkoper@demo.samenkoop.nl") {
		t.Fatalf("B answers /account with A's session: %d, want 200 with the account of inkoper@demo.samenkoop.nl", status)
	}
	if status := postForm(t, p.b, "/account", "/uitloggen", session); status != http.StatusSeeOther {
		t.Fatalf("logging out on B = %d, want 303", status)
	}
	for _, s := range []*servertest.Server{p.a, p.b} {
		if status, _ := getPage(t, s, "/account", session); status != http.StatusSeeOther {
			t.Errorf("%s answers /account with the session ended on B: %d, want 303 to the login form", s.Base, status)
		}
	}
}

func (p twoServers) revocation(t *testing.T) {
	tok := newToken(t, p.bin, p.db, "beheerder@demo.samenkoop.nl")
	// Both servers have used the token, so each may hold it in its cache.
	for _, s := range []*servertest.Server{p.a, p.b} {
		callJSON(t, s, tok.secret, "GET", "/api/v1/me", nil, 200, nil)
	}
	session := loginOn(t, p.a, "beheerder@demo.samenkoop.nl")
	if status := postForm(t, p.a, "/account", fmt.Sprintf("/account/tokens/%d/intrekken", tok.id), session); status != http.StatusSeeOther {
		t.Fatalf("revoking token %d on A = %d, want 303", tok.id, status)
	}
	for _, s := range []*servertest.Server{p.b, p.a} {
		if status, body := callAPI(t, s, tok.secret, "GET", "/api/v1/me", nil); status != http.StatusUnauthorized {
			t.Errorf("%s answers the token revoked on A with %d %s, want 401", s.Base, status, body)
		}
	}
}

type tenderJSON struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
	Lots   []struct {
		ID int64 `json:"id"`
	} `json:"lots"`
}

// standstill brings a tender of its own to awarded, with the award
// decision sent today, and asks both servers to record the contract. The
// API publishes a tender today, and its deadline is weeks away; the one
// step no request can take, letting those weeks pass, is a direct update
// that moves the publication date back a year.
func (p twoServers) standstill(t *testing.T) {
	var c contractJSON
	var detail struct {
		VendorID   int64 `json:"vendorId"`
		CategoryID int64 `json:"categoryId"`
	}
	var page contractPage
	callJSON(t, p.a, p.token, "GET", "/api/v1/contracts?organization=GM0014&pageSize=1", nil, 200, &page)
	if len(page.Items) == 0 {
		t.Fatal("GM0014 has no contracts in the demo")
	}
	c = page.Items[0]
	callJSON(t, p.a, p.token, "GET", fmt.Sprintf("/api/v1/contracts/%d", c.ID), nil, 200, &detail)

	var tr tenderJSON
	callJSON(t, p.a, p.token, "POST", "/api/v1/tenders", map[string]any{
		"title": "Wachttermijn op twee servers", "categoryId": detail.CategoryID, "lead": "GM0014", "kind": "services",
		"termMonths": 24, "totalPrice": true, "electronic": true, "documentsOnline": true,
	}, 201, &tr)
	base := fmt.Sprintf("/api/v1/tenders/%d", tr.ID)
	callJSON(t, p.a, p.token, "POST", base+"/lots", map[string]any{"title": "Perceel 1", "unit": "licenties", "unitPrice": 10_000}, 201, &tr)
	lot := tr.Lots[0].ID
	callJSON(t, p.a, p.token, "POST", base+"/transitions", map[string]any{"status": "collecting"}, 200, nil)
	callJSON(t, p.a, p.token, "PUT", base+"/participants/GM0014",
		map[string]any{"volumes": []map[string]any{{"lotId": lot, "quantity": 10}}}, 200, nil)
	callJSON(t, p.a, p.token, "POST", base+"/transitions", map[string]any{"status": "mandating"}, 200, nil)
	today := contracts.DateOf(time.Now())
	callJSON(t, p.a, p.token, "PUT", base+"/participants/GM0014/mandate", map[string]any{
		"status": "signed", "signed": today.String(), "body": "college", "documents": true, "award": true, "litigation": true,
		"reference": "B&W twee servers"}, 200, nil)
	callJSON(t, p.a, p.token, "POST", base+"/transitions", map[string]any{"status": "published"}, 200, nil)
	p.db.Exec(t, "UPDATE tenders SET publication = ? WHERE id = ?", today.AddDays(-365).String(), tr.ID)
	callJSON(t, p.b, p.token, "POST", base+"/transitions", map[string]any{"status": "evaluating"}, 200, nil)
	callJSON(t, p.a, p.token, "POST", base+"/transitions", map[string]any{"status": "awarded",
		"award": map[string]any{"decisionSent": today.String(), "vendors": []map[string]any{{"lotId": lot, "vendorId": detail.VendorID}}}}, 200, nil)

	var refusals []string
	for _, s := range []*servertest.Server{p.a, p.b} {
		status, body := callAPI(t, s, p.token, "POST", base+"/transitions", map[string]any{"status": "contracted"})
		var problem struct {
			Status int    `json:"status"`
			Detail string `json:"detail"`
		}
		if err := json.Unmarshal(body, &problem); err != nil || status != http.StatusConflict || problem.Status != http.StatusConflict ||
			!strings.Contains(problem.Detail, "the standstill runs until") {
			t.Errorf("%s: contracted during the standstill = %d %s, want a 409 problem naming the standstill", s.Base, status, body)
		}
		refusals = append(refusals, problem.Detail)
		callJSON(t, s, p.token, "GET", base, nil, 200, &tr)
		if tr.Status != "awarded" {
			t.Errorf("%s: tender status %s after the refusals, want awarded", s.Base, tr.Status)
		}
	}
	if refusals[0] != refusals[1] {
		t.Errorf("the servers refuse differently:\nA: %s\nB: %s", refusals[0], refusals[1])
	}
}

var auditEntries = regexp.MustCompile(`audit log intact: ([0-9]+) entries`)

// verifyAudit runs `samenkoop audit verify` and returns the number of
// entries it checked.
func verifyAudit(t *testing.T, bin string, db *servertest.Database) int {
	t.Helper()
	out, errOut, err := servertest.RunStatus(bin, db, "audit", "verify")
	m := auditEntries.FindStringSubmatch(out)
	if err != nil || m == nil {
		t.Fatalf("audit verify: %v\n%s%s", err, out, errOut)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// concurrentWrites changes 40 contracts at once, 20 through each server,
// and then checks every change through the other server and the audit
// chain: one entry per change, the chain linear.
func (p twoServers) concurrentWrites(t *testing.T) {
	const perServer = 20
	before := verifyAudit(t, p.bin, p.db)
	var page contractPage
	callJSON(t, p.a, p.token, "GET", fmt.Sprintf("/api/v1/contracts?sort=number&pageSize=%d", 2*perServer), nil, 200, &page)
	if len(page.Items) != 2*perServer {
		t.Fatalf("the demo lists %d contracts, want %d", len(page.Items), 2*perServer)
	}
	servers := []*servertest.Server{p.a, p.b}
	var wg sync.WaitGroup
	errs := make(chan string, 2*perServer)
	for i, c := range page.Items {
		s := servers[i%2]
		wg.Go(func() {
			notes := fmt.Sprintf("gelijktijdig %d via %s", i, s.Base)
			req, _ := http.NewRequest("PATCH", fmt.Sprintf("%s/api/v1/contracts/%d", s.Base, c.ID), strings.NewReader(`{"notes":`+strconv.Quote(notes)+`}`))
			req.Header.Set("Authorization", "Bearer "+p.token)
			req.Header.Set("Content-Type", "application/json")
			resp, err := httpClient.Do(req)
			if err != nil {
				errs <- err.Error()
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				errs <- fmt.Sprintf("PATCH contract %d on %s = %d %s", c.ID, s.Base, resp.StatusCode, b)
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	for i, c := range page.Items {
		other := servers[(i+1)%2]
		var got contractJSON
		callJSON(t, other, p.token, "GET", fmt.Sprintf("/api/v1/contracts/%d", c.ID), nil, 200, &got)
		if want := fmt.Sprintf("gelijktijdig %d via %s", i, servers[i%2].Base); got.Notes != want {
			t.Errorf("contract %d read on %s: notes %q, want %q", c.ID, other.Base, got.Notes, want)
		}
	}
	if after := verifyAudit(t, p.bin, p.db); after < before+2*perServer {
		t.Errorf("audit log holds %d entries after %d changes, %d before", after, 2*perServer, before)
	}
}
