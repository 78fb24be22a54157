package web_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/demo"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
	"github.com/samenkoop/samenkoop/internal/web"
)

// alertFixture is the register the alert tests share; the clock is
// 2026-11-22 (fixedNow).
type alertFixture struct {
	// notice: Amsterdam, tacit, notice by 30-11-2026 to end at 31-01-2027,
	// or it renews until 31-01-2028 (DESIGN §4).
	notice int64
	// missed: Amsterdam, its deadline 30-09-2026 passed, so it renewed
	// until 31-12-2027.
	missed int64
	// option: 's-Gravenhage, express option to decide by 31-12-2026.
	option int64
}

func seedAlerts(t testing.TB, ta testApp) alertFixture {
	t.Helper()
	ctx := context.Background()
	vendor, err := ta.svc.CreateVendor(ctx, contracts.Vendor{Name: "Telecom, Data & Co", KVK: "12345678"})
	if err != nil {
		t.Fatal(err)
	}
	create := func(c contracts.Contract) int64 {
		t.Helper()
		c.VendorID, c.Status = vendor, contracts.StatusActive
		id, err := ta.svc.CreateContract(ctx, contracts.Everyone(), c, nil)
		if err != nil {
			t.Fatalf("create contract %s: %v", c.Number, err)
		}
		return id
	}
	return alertFixture{
		notice: create(contracts.Contract{Organization: "GM0363", Number: "AMS-TEL-1", Title: "Telefonie Amsterdam",
			Start: contracts.NewDate(2024, 2, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalTacit, RenewalPeriodMonths: 12,
			NoticeMonths: 2, LeadDays: 14}),
		missed: create(contracts.Contract{Organization: "GM0363", Number: "AMS-WP-2", Title: "Werkplekbeheer Amsterdam",
			Start: contracts.NewDate(2024, 1, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalTacit, RenewalPeriodMonths: 12,
			NoticeMonths: 3}),
		option: create(contracts.Contract{Organization: "GM0518", Number: "DH-ZAAK-3", Title: "Zaaksysteem Den Haag",
			Start: contracts.NewDate(2023, 7, 1), InitialTermMonths: 48, RenewalKind: contracts.RenewalExpress, RenewalPeriodMonths: 12,
			MaxRenewals: 2, NoticeMonths: 6}),
	}
}

type alertPage struct {
	AsOf   string `json:"asOf"`
	Within int    `json:"within"`
	Items  []struct {
		Kind     string `json:"kind"`
		Date     string `json:"date"`
		Missed   bool   `json:"missed"`
		Deadline string `json:"deadline"`
		End      string `json:"end"`
		Renewal  string `json:"renewal"`
		What     string `json:"what"`
		Contract struct {
			ID               int64  `json:"id"`
			Organization     string `json:"organization"`
			OrganizationName string `json:"organizationName"`
			Number           string `json:"number"`
			Title            string `json:"title"`
			VendorName       string `json:"vendorName"`
		} `json:"contract"`
	} `json:"items"`
	Total int `json:"total"`
}

// line renders item i as "date kind[ missed] organization/number".
func (p alertPage) line(i int) string {
	it := p.Items[i]
	s := it.Date + " " + it.Kind
	if it.Missed {
		s += " missed"
	}
	return s + " " + it.Contract.Organization + "/" + it.Contract.Number
}

func (p alertPage) lines() []string {
	out := make([]string, len(p.Items))
	for i := range p.Items {
		out[i] = p.line(i)
	}
	return out
}

func TestAlertsAPI(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	seedAlerts(t, ta)
	tests := []struct {
		name string
		who  string
		path string
		want []string
	}{
		{"a member sees its own organization's alerts, the missed deadline first (DESIGN §4)", "member", "/api/v1/alerts",
			[]string{"2026-11-22 notice missed GM0363/AMS-WP-2", "2026-11-22 action GM0363/AMS-TEL-1", "2026-11-30 notice GM0363/AMS-TEL-1"}},
		{"the default window is 90 days; the admin sees every organization", "admin", "/api/v1/alerts",
			[]string{"2026-11-22 notice missed GM0363/AMS-WP-2", "2026-11-22 action GM0363/AMS-TEL-1", "2026-11-30 notice GM0363/AMS-TEL-1", "2026-12-31 option GM0518/DH-ZAAK-3"}},
		{"within narrows the window; an overdue action is listed whatever the window (DESIGN §4)", "admin", "/api/v1/alerts?within=7d",
			[]string{"2026-11-22 notice missed GM0363/AMS-WP-2", "2026-11-22 action GM0363/AMS-TEL-1"}},
		{"within=0d is today only", "finance-all", "/api/v1/alerts?within=0d",
			[]string{"2026-11-22 notice missed GM0363/AMS-WP-2", "2026-11-22 action GM0363/AMS-TEL-1"}},
		{"a wider window brings later deadlines", "member", "/api/v1/alerts?within=400d",
			[]string{"2026-11-22 notice missed GM0363/AMS-WP-2", "2026-11-22 action GM0363/AMS-TEL-1", "2026-11-30 notice GM0363/AMS-TEL-1",
				"2027-09-30 notice GM0363/AMS-WP-2"}},
		{"the organization filter", "management-all", "/api/v1/alerts?organization=GM0518",
			[]string{"2026-12-31 option GM0518/DH-ZAAK-3"}},
		{"a scoped user may name its own organization", "finance", "/api/v1/alerts?organization=GM0363",
			[]string{"2026-11-22 notice missed GM0363/AMS-WP-2", "2026-11-22 action GM0363/AMS-TEL-1", "2026-11-30 notice GM0363/AMS-TEL-1"}},
		{"paging keeps the total", "admin", "/api/v1/alerts?page=2&pageSize=2",
			[]string{"2026-11-30 notice GM0363/AMS-TEL-1", "2026-12-31 option GM0518/DH-ZAAK-3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ta.doAs(t, tt.who, "GET", tt.path, nil, "")
			if resp.StatusCode != 200 {
				t.Fatalf("GET %s as %s = %d %s", tt.path, tt.who, resp.StatusCode, body)
			}
			var p alertPage
			if err := json.Unmarshal(body, &p); err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(p.lines(), "\n"); got != strings.Join(tt.want, "\n") {
				t.Errorf("GET %s as %s =\n  %s\nwant\n  %s", tt.path, tt.who, strings.ReplaceAll(got, "\n", "\n  "), strings.Join(tt.want, "\n  "))
			}
			if p.AsOf != "2026-11-22" {
				t.Errorf("asOf = %q, want the clock's day 2026-11-22", p.AsOf)
			}
		})
	}

	t.Run("each alert names its contract and what to do by when", func(t *testing.T) {
		_, body := ta.doAs(t, "member", "GET", "/api/v1/alerts", nil, "")
		var p alertPage
		if err := json.Unmarshal(body, &p); err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != 3 {
			t.Fatalf("items = %s", body)
		}
		notice := p.Items[2]
		if notice.What != "give notice by 2026-11-30 to end at 2027-01-31, or it renews until 2028-01-31" ||
			notice.End != "2027-01-31" || notice.Renewal != "2028-01-31" {
			t.Errorf("notice alert = %+v", notice)
		}
		c := notice.Contract
		if c.ID == 0 || c.OrganizationName != "Amsterdam" || c.Title != "Telefonie Amsterdam" || c.VendorName != "Telecom, Data & Co" {
			t.Errorf("notice alert's contract = %+v", c)
		}
		missed := p.Items[0]
		if !missed.Missed || missed.Deadline != "2026-09-30" || missed.End != "2027-12-31" ||
			missed.What != "the notice deadline 2026-09-30 was missed: the contract renewed until 2027-12-31" {
			t.Errorf("missed alert = %+v", missed)
		}
	})

	refusals := []struct {
		name, who, path string
		status          int
		field           string
	}{
		{"a member may not read another organization's alerts (DESIGN §6)", "member", "/api/v1/alerts?organization=GM0518", 403, ""},
		{"scoped finance neither", "finance", "/api/v1/alerts?organization=GM0518", 403, ""},
		{"scoped management neither", "management", "/api/v1/alerts?organization=GM0518", 403, ""},
		{"nobody", "", "/api/v1/alerts", 401, ""},
		{"within needs a unit", "admin", "/api/v1/alerts?within=90", 422, "query.within"},
		{"within is days only", "admin", "/api/v1/alerts?within=3m", 422, "query.within"},
		{"within is not negative", "admin", "/api/v1/alerts?within=-1d", 422, "query.within"},
		{"within at most 730 days", "admin", "/api/v1/alerts?within=731d", 422, "query.within"},
		{"within nonsense", "admin", "/api/v1/alerts?within=soon", 422, "query.within"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ta.doAs(t, tt.who, "GET", tt.path, nil, "")
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s as %q = %d %s, want %d", tt.path, tt.who, resp.StatusCode, body, tt.status)
			}
			p := decodeProblem(t, resp, body)
			if tt.field == "" {
				return
			}
			found := false
			for _, e := range p.Errors {
				found = found || e.Location == tt.field
			}
			if !found {
				t.Errorf("problem %s does not name %s", body, tt.field)
			}
		})
	}
}

// TestDashboardShowsAlerts: the start page of a member lists its
// organization's next deadlines in Dutch, the missed one highlighted,
// with links to the contracts (issue 4 Must show).
func TestDashboardShowsAlerts(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	fx := seedAlerts(t, ta)
	resp, body := ta.doAs(t, "member", "GET", "/", nil, "")
	page := string(body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET / = %d %s", resp.StatusCode, page)
	}
	for _, want := range []string{
		"Deadlines in de komende 90 dagen",
		"Opzeggen uiterlijk 30-11-2026, anders verlengt het contract tot 31-01-2028",
		"1 gemiste opzegtermijn</strong>: dat contract is stilzwijgend verlengd",
		"Verlopen op", "Loopt nu tot", "31-12-2027",
		"over 8 dagen",
		fmt.Sprintf(`href="/contracten/%d"`, fx.notice),
		fmt.Sprintf(`href="/contracten/%d"`, fx.missed),
		`href="/account#agenda"`,
		"Organisaties in het register",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	if strings.Contains(page, "Zaaksysteem Den Haag") {
		t.Error("a member's dashboard shows another organization's contract")
	}
	// What is next comes first; the missed deadline is summarized after
	// it, on the day it passed (not "vandaag", the day the service dates
	// it).
	next, summary := strings.Index(page, "over 8 dagen"), strings.Index(page, "gemiste opzegtermijn")
	if next < 0 || summary < 0 || next > summary {
		t.Errorf("the coming deadline (at %d) is not before the missed ones' summary (at %d)", next, summary)
	}
	if missed := page[summary:]; !strings.Contains(missed, `<span class="deadline">30-09-2026</span><br><span class="muted">53 dagen geleden</span>`) {
		t.Errorf("the missed deadline is not listed on its own day 30-09-2026:\n%s", grepLines(missed, "deadline"))
	}
	if strings.Contains(page, `badge badge--danger">Gemist`) {
		t.Error("the missed deadline is still among the coming ones")
	}

	_, body = ta.doAs(t, "admin", "GET", "/", nil, "")
	for _, want := range []string{"Zaaksysteem Den Haag", "Optie verlengen: besluit uiterlijk 31-12-2026", "&#39;s-Gravenhage"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("admin dashboard lacks %q", want)
		}
	}
}

// alertsPost sends a form as who with the session's CSRF token.
func alertsPost(t *testing.T, ta testApp, who, path string) (*http.Response, string) {
	t.Helper()
	form := url.Values{"_csrf": {ta.as[who].csrf}}
	resp, body := ta.doAs(t, who, "POST", path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
	return resp, string(body)
}

var feedURL = regexp.MustCompile(`http://[^"<\s]+/agenda/skc_[A-Za-z0-9_-]+\.ics`)

// createFeed makes who a calendar feed on the account page and returns
// its URL's path.
func createFeed(t *testing.T, ta testApp, who string) string {
	t.Helper()
	resp, page := alertsPost(t, ta, who, "/account/agenda")
	if resp.StatusCode != 201 {
		t.Fatalf("POST /account/agenda as %s = %d", who, resp.StatusCode)
	}
	u := feedURL.FindString(page)
	if u == "" || !strings.Contains(page, "maar één keer getoond") || !strings.Contains(page, "webcal://") {
		t.Fatalf("the account page does not show the new feed URL once:\n%s", page)
	}
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	return parsed.Path
}

func fetchFeed(t *testing.T, ta testApp, path string) (*http.Response, string) {
	t.Helper()
	resp, body := ta.doAs(t, "", "GET", path, nil, "")
	return resp, string(body)
}

// TestCalendarFeed: a feed made on the account page answers without a
// session, parses with a real iCalendar parser and holds the deadlines of
// the user's scope as all-day events; revoked, it is 404 (issue 4).
func TestCalendarFeed(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	fx := seedAlerts(t, ta)
	path := createFeed(t, ta, "member")

	resp, body := fetchFeed(t, ta, path)
	if resp.StatusCode != 200 {
		t.Fatalf("GET feed = %d %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Errorf("Content-Type = %q, want text/calendar; charset=utf-8", ct)
	}
	cal, err := ics.ParseCalendar(strings.NewReader(body))
	if err != nil {
		t.Fatalf("the feed does not parse: %v\n%s", err, body)
	}
	uids := map[string]bool{}
	for _, ev := range cal.Events() {
		uids[ev.Id()] = true
	}
	for _, want := range []string{
		fmt.Sprintf("contract-%d-period-0-notice@samenkoop", fx.notice),
		// An action date of the past 30 days stays in the calendar.
		fmt.Sprintf("contract-%d-period-0-action@samenkoop", fx.notice),
		// After a missed deadline the next one belongs to the renewed
		// period (DESIGN §4).
		fmt.Sprintf("contract-%d-period-1-notice@samenkoop", fx.missed),
	} {
		if !uids[want] {
			t.Errorf("feed lacks event %s; has %v", want, uids)
		}
	}
	if uids[fmt.Sprintf("contract-%d-period-0-notice@samenkoop", fx.missed)] {
		t.Error("a deadline missed more than 30 days ago is still in the feed")
	}
	for _, want := range []string{"DTSTART;VALUE=DATE:20261130\r\n", "X-WR-TIMEZONE:Europe/Amsterdam\r\n", "Amsterdam"} {
		if !strings.Contains(body, want) {
			t.Errorf("feed lacks %q", want)
		}
	}
	if strings.Contains(body, "Zaaksysteem Den Haag") {
		t.Error("a member's feed shows another organization's contract")
	}
	again, body2 := fetchFeed(t, ta, path)
	if again.StatusCode != 200 || body2 != body {
		t.Error("two fetches of the same feed on the same day differ: UIDs and DTSTAMP must be stable")
	}

	// Another user's feed shows that user's scope.
	adminPath := createFeed(t, ta, "admin")
	_, adminBody := fetchFeed(t, ta, adminPath)
	if !strings.Contains(adminBody, fmt.Sprintf("contract-%d-period-0-option@samenkoop", fx.option)) {
		t.Error("the admin's feed lacks another organization's option decision")
	}

	// A new feed replaces the old one.
	newPath := createFeed(t, ta, "member")
	if resp, _ := fetchFeed(t, ta, path); resp.StatusCode != 404 {
		t.Errorf("the replaced feed = %d, want 404", resp.StatusCode)
	}
	if resp, _ := fetchFeed(t, ta, newPath); resp.StatusCode != 200 {
		t.Errorf("the new feed = %d, want 200", resp.StatusCode)
	}

	// Revoked, it is gone.
	resp, page := alertsPost(t, ta, "member", "/account/agenda/intrekken")
	if resp.StatusCode != 200 || !strings.Contains(page, "De agenda-link is ingetrokken") {
		t.Errorf("revoke = %d, want 200 saying it was revoked", resp.StatusCode)
	}
	if resp, _ := fetchFeed(t, ta, newPath); resp.StatusCode != 404 {
		t.Errorf("the revoked feed = %d, want 404", resp.StatusCode)
	}
	if resp, page := alertsPost(t, ta, "member", "/account/agenda/intrekken"); resp.StatusCode != 200 || !strings.Contains(page, "geen actieve agenda-link") {
		t.Errorf("revoking again = %d, want 200 saying there was none", resp.StatusCode)
	}
	if resp, _ := fetchFeed(t, ta, "/agenda/skc_"+strings.Repeat("A", 43)+".ics"); resp.StatusCode != 404 {
		t.Errorf("an unknown feed = %d, want 404", resp.StatusCode)
	}
	if resp, _ := fetchFeed(t, ta, "/api/v1/alerts"); resp.StatusCode != 401 {
		t.Errorf("the feed's secret is no API credential; plain GET /api/v1/alerts = %d, want 401", resp.StatusCode)
	}
	// Feeds and API tokens are tokens of two kinds; neither opens what
	// the other does.
	if resp, _ := fetchFeed(t, ta, "/agenda/"+ta.as["member"].token+".ics"); resp.StatusCode != 404 {
		t.Errorf("an API token as the feed's secret = %d, want 404", resp.StatusCode)
	}
	req := httptest.NewRequest("GET", "/api/v1/alerts", nil)
	req.Header.Set("Authorization", "Bearer "+strings.TrimSuffix(strings.TrimPrefix(adminPath, "/agenda/"), ".ics"))
	bearer, err := appTest(t, ta.app, req)
	if err != nil {
		t.Fatal(err)
	}
	bearer.Body.Close()
	if bearer.StatusCode != 401 {
		t.Errorf("GET /api/v1/alerts with a feed's secret as bearer token = %d, want 401", bearer.StatusCode)
	}
	if resp, _ := fetchFeed(t, ta, adminPath); resp.StatusCode != 200 {
		t.Errorf("the admin's feed = %d, want 200", resp.StatusCode)
	}
	// The account page lists API tokens only, not the feed.
	if tokens, err := ta.auth.Tokens(context.Background(), ta.as["member"].user.ID); err != nil || len(tokens) != 1 || tokens[0].Kind != auth.TokenAPI {
		t.Errorf("Tokens(member) = %+v, %v; want its one API token", tokens, err)
	}

	// The account page offers the section.
	_, acct := ta.doAs(t, "member", "GET", "/account", nil, "")
	if !strings.Contains(string(acct), "Agenda-abonnement") || !strings.Contains(string(acct), `action="/account/agenda"`) {
		t.Error("the account page lacks the Agenda-abonnement section")
	}
}

// TestCalendarFeedIsAuditedWithoutItsSecret: creating and revoking a feed
// are in the audit trail, which never holds the secret or its hash.
func TestCalendarFeedIsAuditedWithoutItsSecret(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	path := createFeed(t, ta, "member")
	if resp, _ := alertsPost(t, ta, "member", "/account/agenda/intrekken"); resp.StatusCode != 200 {
		t.Fatalf("revoke = %d", resp.StatusCode)
	}
	resp, body := ta.doAs(t, "admin", "GET", "/api/v1/audit?entity=calendar_feed", nil, "")
	if resp.StatusCode != 200 {
		t.Fatalf("audit = %d %s", resp.StatusCode, body)
	}
	var log struct {
		Items []struct {
			Action     string `json:"action"`
			ActorEmail string `json:"actorEmail"`
		} `json:"items"`
	}
	if err := json.Unmarshal(body, &log); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range log.Items {
		got = append(got, e.Action+" by "+e.ActorEmail)
	}
	if want := "update by member@test.nl,create by member@test.nl"; strings.Join(got, ",") != want {
		t.Errorf("audit of calendar feeds = %v, want %s", got, want)
	}
	secret := strings.TrimSuffix(strings.TrimPrefix(path, "/agenda/"), ".ics")
	if strings.Contains(string(body), secret) || strings.Contains(string(body), auth.HashSecret(secret)) {
		t.Error("the audit trail holds the feed's secret or its hash")
	}
}

// TestCalendarFeedSecretStaysOutOfTheLog: the URL's secret is a
// credential, and the access log writes every request's path.
func TestCalendarFeedSecretStaysOutOfTheLog(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	path := createFeed(t, ta, "member")
	var logs bytes.Buffer
	app := newApp(web.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))}, web.Deps{Contracts: ta.svc, Auth: ta.auth})
	for _, p := range []string{path, "/agenda/skc_unknown.ics"} {
		resp, err := appTest(t, app, httptest.NewRequest("GET", p, nil))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	if strings.Contains(logs.String(), "skc_") {
		t.Errorf("the log holds a feed secret:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "/agenda/") {
		t.Errorf("the log does not record the feed requests at all:\n%s", logs.String())
	}
}

// BenchmarkAlertsOneOrganization reads the alerts of the next 90 days for
// one organization of the national demo set (~100,000 contracts, ~700
// organizations), the one with the most contracts: through the service and
// through the whole API; "service-median" does the same for an
// organization with the median number. Target (issue 4): ≤ 5 ms.
// "all-organizations" is the same for a user scoped to all organizations,
// and "feed" the calendar feed of the largest organization, for
// comparison.
func BenchmarkAlertsOneOrganization(b *testing.B) {
	ctx := context.Background()
	st := storetest.New(b)
	sum, err := demo.Generate(ctx, st.Register(), demo.Options{Scale: demo.ScaleNational, Seed: 1, Now: fixedNow})
	if err != nil {
		b.Fatal(err)
	}
	// The organization with the most contracts, the slowest one, and one
	// with the median number.
	db, err := sql.Open("sqlite3", "file:"+st.Path()+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	var (
		org, median string
		n, medianN  int
	)
	const perOrg = `SELECT o.code, count(*) FROM contracts c JOIN organizations o ON o.id = c.organization_id
		GROUP BY o.code ORDER BY count(*) DESC, o.code`
	err = db.QueryRowContext(ctx, perOrg+` LIMIT 1`).Scan(&org, &n)
	if err == nil {
		err = db.QueryRowContext(ctx, perOrg+` LIMIT 1 OFFSET (SELECT count(DISTINCT organization_id) / 2 FROM contracts)`).Scan(&median, &medianN)
	}
	db.Close()
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("national demo: %d contracts; the most in %s (%d), the median in %s (%d)", sum.Contracts, org, n, median, medianN)

	svc := contracts.NewService(st.Register(), contracts.Options{Now: fixedNow})
	authSvc := auth.NewService(st.Auth(), auth.Options{Hash: auth.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}})
	u, err := authSvc.CreateUser(ctx, auth.User{Email: "bench@test.nl", Name: "Bench", Role: auth.RoleMember, Organization: org}, testPassword)
	if err != nil {
		b.Fatal(err)
	}
	_, token, err := authSvc.CreateToken(ctx, u.ID, "bench", 0)
	if err != nil {
		b.Fatal(err)
	}
	app := newApp(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, web.Deps{Contracts: svc, Auth: authSvc, Ping: st.Ping})
	if _, err := svc.RefreshDates(ctx); err != nil {
		b.Fatal(err)
	}

	b.Run("service", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := svc.Alerts(ctx, contracts.Only(org), "", 90); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("api", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			req := httptest.NewRequest("GET", "/api/v1/alerts?within=90d", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := app.Test(req, -1)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Fatalf("status %d", resp.StatusCode)
			}
		}
	})
	b.Run("service-median", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := svc.Alerts(ctx, contracts.Only(median), "", 90); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("feed", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := svc.CalendarAlerts(ctx, contracts.Only(org)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("all-organizations", func(b *testing.B) {
		for b.Loop() {
			if _, err := svc.Alerts(ctx, contracts.Everyone(), "", 90); err != nil {
				b.Fatal(err)
			}
		}
	})
}
