package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
	"github.com/samenkoop/samenkoop/internal/web"
)

// TestRevokedTokenStopsAtOnce: a token revoked by another process (the
// CLI's `samenkoop token revoke` writes the database with its own
// auth.Service) is refused on the very next request, although this
// process used it a moment before (issue 12 point 8: it kept working for
// 30 s).
func TestRevokedTokenStopsAtOnce(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	ctx := context.Background()
	svc := contracts.NewService(st.Register(), contracts.Options{Now: fixedNow})
	if err := svc.SeedReference(ctx); err != nil {
		t.Fatal(err)
	}
	hash := auth.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}
	server := auth.NewService(st.Auth(), auth.Options{Hash: hash})
	cli := auth.NewService(st.Auth(), auth.Options{Hash: hash})
	u, err := server.CreateUser(ctx, auth.User{Email: "admin@test.nl", Name: "Admin", Role: auth.RoleAdmin}, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	tok, secret, err := server.CreateToken(ctx, u.ID, "koppeling", 0)
	if err != nil {
		t.Fatal(err)
	}
	app := newApp(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))},
		web.Deps{Contracts: svc, Auth: server, Audit: st, Ping: st.Ping})
	get := func() int {
		resp, err := appTest(t, app, getAs("/api/v1/me", "", secret))
		if err != nil {
			t.Fatalf("GET /api/v1/me: %v", err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := get(); got != 200 {
		t.Fatalf("GET /api/v1/me with a fresh token = %d, want 200", got)
	}
	if err := cli.RevokeToken(ctx, u.ID, tok.ID); err != nil {
		t.Fatal(err)
	}
	if got := get(); got != 401 {
		t.Errorf("GET /api/v1/me right after another process revoked the token = %d, want 401", got)
	}
}

// TestBodyErrorsNameTheField: a number out of range for its field, or a
// value of the wrong kind, answers 422 naming the field (body.annualValue)
// in plain words, never "body" with Go's type names (issue 12 point 8).
func TestBodyErrorsNameTheField(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	tests := []struct {
		name, from, to string
		wantField      string
		wantMessage    string
	}{
		{"2^63 in an int64 field", `"annualValue":4850000`, `"annualValue":9223372036854775808`, "body.annualValue",
			"must be an integer between -9223372036854775808 and 9223372036854775807"},
		{"-2^63-1 in an int64 field", `"annualValue":4850000`, `"annualValue":-9223372036854775809`, "body.annualValue",
			"must be an integer between -9223372036854775808 and 9223372036854775807"},
		{"a string where a number goes", `"annualValue":4850000`, `"annualValue":"veel"`, "body.annualValue", ""},
		{"out of range in a list element", `"quantity":250`, `"quantity":1e30`, "body.licenceLines[0].quantity", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			body := strings.Replace(fmt.Sprintf(glpiBody, 1), tt.from, tt.to, 1)
			resp, b := ta.doAs(t, "admin", "POST", "/api/v1/contracts", strings.NewReader(body), "application/json")
			if resp.StatusCode != 422 {
				t.Fatalf("POST /api/v1/contracts with %s = %d, want 422: %s", tt.to, resp.StatusCode, b)
			}
			p := decodeProblem(t, resp, b)
			found := false
			for _, e := range p.Errors {
				if e.Location == tt.wantField {
					found = true
					if tt.wantMessage != "" && e.Message != tt.wantMessage {
						t.Errorf("%s: message %q, want %q", tt.wantField, e.Message, tt.wantMessage)
					}
				}
			}
			if !found {
				t.Errorf("POST /api/v1/contracts with %s: problem %s does not name %s", tt.to, b, tt.wantField)
			}
			for _, goName := range []string{"int64", "int32", "float64", "Go struct", "Go value", "json:", "unmarshal"} {
				if bytes.Contains(b, []byte(goName)) {
					t.Errorf("POST /api/v1/contracts with %s: problem shows %q: %s", tt.to, goName, b)
				}
			}
		})
	}
}

// TestJSONBodyLimitIsTheDocumentedOne: a JSON body above huma's default
// of 1 MiB reaches the handler, and one above the documented JSON limit
// (8 MB, README) is a 413 problem (issue 12 point 8: the README said
// 64 MB while huma refused at 1 MiB).
func TestJSONBodyLimitIsTheDocumentedOne(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	tests := []struct {
		name string
		size int
		want func(status int) bool
	}{
		{"2 MiB: over huma's default, within the limit: not 413", 2 << 20, func(s int) bool { return s != 413 }},
		{"9 MiB: over the JSON limit: 413 problem", 9 << 20, func(s int) bool { return s == 413 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `{"code":"GM9990","kind":"municipality","name":"` + strings.Repeat("x", tt.size) + `"}`
			resp, b := ta.doAs(t, "admin", "POST", "/api/v1/organizations", strings.NewReader(body), "application/json")
			if !tt.want(resp.StatusCode) {
				t.Fatalf("POST /api/v1/organizations with %d bytes = %d: %.300s", tt.size, resp.StatusCode, b)
			}
			if resp.StatusCode == 413 {
				decodeProblem(t, resp, b)
			}
			if len(b) > 4096 {
				t.Errorf("POST /api/v1/organizations with %d bytes: the answer has %d bytes; it must not echo the body", tt.size, len(b))
			}
		})
	}
}

// TestCorrectLoginsAtOnceAreNotLimited: 64 right passwords sent at once
// from one address all log in; only failures count toward the limits
// (issue 12 point 8: 54 of them got 429).
func TestCorrectLoginsAtOnceAreNotLimited(t *testing.T) {
	t.Parallel()
	// Each hash takes long enough (16 passes) that the 64 logins are in
	// flight together, as they are with the production parameters; with a
	// hash too quick to overlap the old limiter let them all through too.
	ta := newAppWith(t, auth.Options{Hash: auth.HashParams{MemoryKiB: 1024, Time: 16, Threads: 1}}, web.Options{})
	warmUp(t, ta)
	h := ta.app.Handler()
	const attempts = 64
	statuses := make(chan int, attempts)
	var wg sync.WaitGroup
	for i := range attempts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			who := testUsers[i%len(testUsers)].Email
			status, _ := loginFrom(h, "198.51.100.7", who, testPassword)
			statuses <- status
		}()
	}
	wg.Wait()
	close(statuses)
	counts := map[int]int{}
	for s := range statuses {
		counts[s]++
	}
	if counts[303] != attempts {
		t.Errorf("%d correct logins at once from one address: %v, want all 303", attempts, counts)
	}
	// The failures still count: ten wrong passwords, then even the right
	// one waits.
	for i := range 10 {
		if status, _ := loginFrom(h, "198.51.100.8", "member@test.nl", "guess "+strconv.Itoa(i)); status != 401 {
			t.Fatalf("wrong password %d = %d, want 401", i, status)
		}
	}
	if status, _ := loginFrom(h, "198.51.100.8", "member@test.nl", testPassword); status != 429 {
		t.Errorf("right password after ten failures = %d, want 429", status)
	}
}

// TestNoStore: every API response and every page behind the login says
// Cache-Control: no-store, downloads keep their private, no-store and
// static files stay cacheable (issue 12 point 8).
func TestNoStore(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	tests := []struct {
		name, who, path string
		want            string
	}{
		{"API resource", "admin", "/api/v1/me", "no-store"},
		{"API refusal", "", "/api/v1/me", "no-store"},
		{"API unknown route", "admin", "/api/v1/nergens", "no-store"},
		{"page behind the login", "admin", "/organisaties", "no-store"},
		{"home page", "member", "/", "no-store"},
		{"account page", "member", "/account", "no-store"},
		{"login page (carries a form token)", "", "/inloggen", "no-store"},
		{"CSV download", "admin", "/api/v1/exports/contracts?format=csv", "private, no-store"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, _ := ta.doAs(t, tt.who, "GET", tt.path, nil, "")
			if got := resp.Header.Get("Cache-Control"); got != tt.want {
				t.Errorf("GET %s as %q (%d): Cache-Control %q, want %q", tt.path, tt.who, resp.StatusCode, got, tt.want)
			}
		})
	}
	resp, _ := ta.doAs(t, "", "GET", "/static/app.css", nil, "")
	if cc := resp.Header.Get("Cache-Control"); resp.StatusCode != 200 || strings.Contains(cc, "no-store") {
		t.Errorf("GET /static/app.css = %d, Cache-Control %q: static files stay cacheable", resp.StatusCode, cc)
	}
}

var _ = http.MethodGet

// TestBundlesLeaveNothingIdentifying: a member of Amsterdam sees the
// mobile bundle it takes part in with the other three municipalities
// counted, never named, coded, dated or flagged, in the API and on the
// page (issue 12 point 8: redacted participants still showed code, name,
// needed start and risk).
func TestBundlesLeaveNothingIdentifying(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedBundles(t, ta)
	// The others' codes and names, and the needed starts of 's-Gravenhage
	// (01-12-2027) and Súdwest-Fryslân (01-03-2028), which are neither the
	// bundle's earliest nor its latest.
	secrets := []string{"GM0518", "Gravenhage", "GM1900", "Súdwest", "GM0096", "Vlieland", "2027-12-01", "2028-03-01", "01-12-2027", "01-03-2028"}
	var list bundlesResp
	body := call(t, ta, "member", "GET", "/api/v1/bundles?include=participants", "", 200, &list)
	if len(list.Suggestions) != 1 || list.Suggestions[0].Key != f.MobileKey {
		t.Fatalf("member's suggestions = %+v, want the mobile bundle", list.Suggestions)
	}
	one := call(t, ta, "member", "GET", "/api/v1/bundles/"+f.MobileKey, "", 200, nil)
	var counted struct {
		OtherParticipants int  `json:"otherParticipants"`
		ValuesWithheld    bool `json:"valuesWithheld"`
	}
	if err := json.Unmarshal(one, &counted); err != nil {
		t.Fatal(err)
	}
	if s := counted; s.OtherParticipants != 3 || s.ValuesWithheld {
		t.Errorf("otherParticipants %d, valuesWithheld %v; want 3 others and the joint figures shown", s.OtherParticipants, s.ValuesWithheld)
	}
	for _, p := range list.Suggestions[0].Participants {
		if p.Organization != own {
			t.Errorf("member sees participant %+v", p)
		}
	}
	_, listed := ta.doAs(t, "member", "GET", "/bundels", nil, "")
	_, detail := ta.doAs(t, "member", "GET", "/bundels/"+f.MobileKey, nil, "")
	page := append(listed, detail...)
	for _, where := range []struct {
		name string
		body []byte
	}{{"GET /api/v1/bundles", body}, {"GET /api/v1/bundles/{key}", one}, {"GET /bundels and /bundels/{key}", page}} {
		for _, s := range secrets {
			if bytes.Contains(where.body, []byte(s)) {
				t.Errorf("%s as a member of Amsterdam shows %q", where.name, s)
			}
		}
	}
	for _, want := range []string{"1 van u en 3 andere organisaties", "En 3 andere organisaties: van andere deelnemers ziet u geen naam"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("GET /bundels as a member of Amsterdam lacks %q", want)
		}
	}
	// The coordinator still sees everyone.
	_, all := ta.doAs(t, "coordinator", "GET", "/api/v1/bundles?include=participants&category="+strconv.FormatInt(f.Mobile, 10), nil, "")
	for _, s := range []string{"GM0518", "GM1900", "GM0096"} {
		if !bytes.Contains(all, []byte(s)) {
			t.Errorf("coordinator's bundles lack %s", s)
		}
	}
}

// TestTokenNameWithoutControlCharacters: a token name with a NUL or a
// newline is refused on the account page and no token is made (issue 12
// point 8: control characters were stored in text fields).
func TestTokenNameWithoutControlCharacters(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	for _, name := range []string{"koppeling\x00", "regel\nnog een"} {
		resp, body := postForm(t, ta, "admin", "/account/tokens", url.Values{"naam": {name}, "geldigheid": {"90"}})
		if resp.StatusCode != 422 || !strings.Contains(body, "zonder besturingstekens") {
			t.Errorf("token name %q: status %d, want 422 naming the rule", name, resp.StatusCode)
		}
	}
	tokens, err := ta.auth.Tokens(context.Background(), ta.as["admin"].user.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range tokens {
		if tk.Name != "test" {
			t.Errorf("token %q was made", tk.Name)
		}
	}
}
