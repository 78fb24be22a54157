package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// bundleFixture: on the test clock (22-11-2026) four municipalities need
// mobile telephony within eight months (Amsterdam from 01-09-2027), and
// the two Frisian ones also a case system, without Amsterdam.
type bundleFixture struct {
	Mobile, Cases int64
	// MobileKey and CasesKey are the suggestions' keys.
	MobileKey, CasesKey string
}

func seedBundles(t testing.TB, ta testApp) bundleFixture {
	t.Helper()
	ctx := context.Background()
	must := func(id int64, err error) int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	var f bundleFixture
	f.Mobile = must(ta.svc.CreateCategory(ctx, contracts.Category{Name: "Mobiele telefonie", CPV: []string{"64212000-5"}}))
	f.Cases = must(ta.svc.CreateCategory(ctx, contracts.Category{Name: "Zaaksysteem", CPV: []string{"48300000-1"}}))
	vendor := must(ta.svc.CreateVendor(ctx, contracts.Vendor{Name: "Blauw Mobiel B.V.", KVK: "45678901"}))
	contract := func(org string, category int64, start contracts.Date, euro contracts.Money) {
		t.Helper()
		must(ta.svc.CreateContract(ctx, contracts.Everyone(), contracts.Contract{Organization: org, Number: fmt.Sprintf("B-%s-%d", org, category), Title: "Bundeltest",
			VendorID: vendor, CategoryID: category, Start: start, InitialTermMonths: 36, RenewalKind: contracts.RenewalNone,
			AnnualValue: euro * 100, Status: contracts.StatusActive}, nil))
	}
	contract(own, f.Mobile, contracts.NewDate(2024, 9, 1), 400_000)
	contract(other, f.Mobile, contracts.NewDate(2024, 12, 1), 250_000)
	contract("GM1900", f.Mobile, contracts.NewDate(2025, 3, 1), 60_000)
	contract("GM0096", f.Mobile, contracts.NewDate(2025, 5, 1), 5_000)
	contract("GM1900", f.Cases, contracts.NewDate(2025, 1, 1), 90_000)
	contract("GM0096", f.Cases, contracts.NewDate(2025, 2, 1), 20_000)
	f.MobileKey = fmt.Sprintf("c%d-20270901-w18", f.Mobile)
	f.CasesKey = fmt.Sprintf("c%d-20280101-w18", f.Cases)
	return f
}

// bundleRoute fills in the fixture's key.
func bundleRoute(row accessRow, f bundleFixture) accessRow {
	row.route = strings.ReplaceAll(row.route, "{key}", f.MobileKey)
	return row
}

// bundleAccessRows are the access-matrix rows of the bundler (DESIGN §6;
// internal/web/policies.go states the policy in words).
var bundleAccessRows = func() []accessRow {
	//                                             nobody admin coord member fin  mgmt fin-all mgmt-all
	return []accessRow{
		{"API: every role reads the suggestions of its scope (issue 8)", "GET", "/api/v1/bundles", "", "", statuses{401, 200, 200, 200, 200, 200, 200, 200}},
		{"API: every role reads one suggestion it takes part in (issue 15)", "GET", "/api/v1/bundles/{key}", "", "", statuses{401, 200, 200, 200, 200, 200, 200, 200}},
		{"API: admin and coordinator turn a suggestion into a draft tender (issue 8)", "POST", "/api/v1/bundles/{key}/tender", "", `{"lead":"COOP-ICT"}`,
			statuses{401, 201, 201, 403, 403, 403, 403, 403}},
		{"UI: every role sees the suggestions of its scope (issue 8)", "GET", "/bundels", "", "", statuses{303, 200, 200, 200, 200, 200, 200, 200}},
		{"UI: every role sees one suggestion it takes part in (issue 15)", "GET", "/bundels/{key}", "", "", statuses{303, 200, 200, 200, 200, 200, 200, 200}},
		{"UI: admin and coordinator make a draft tender of a suggestion (issue 8)", "POST", "/bundels/{key}/aanbesteding", "", "lead=COOP-ICT",
			statuses{401, 303, 303, 403, 403, 403, 403, 403}},
	}
}()

func init() { areaAccessRows = append(areaAccessRows, bundleAccessRows...) }

// tenderCount counts the tenders, which a refused request must leave as
// they were.
func tenderCount(t *testing.T, ta testApp) int {
	t.Helper()
	page, err := ta.procurement.Tenders(context.Background(), contracts.Everyone(), procurement.TenderFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return page.Total
}

// TestBundleAccessMatrix sends every bundler route as every test user and
// nobody over the fixture: reads and refusals on one shared app, each
// draft tender let through on a fresh one; a refused request creates no
// tender.
func TestBundleAccessMatrix(t *testing.T) {
	t.Parallel()
	shared, sharedF := newSeededApp(t, "seedBundles", seedBundles)
	warmUp(t, shared)
	for _, row := range bundleAccessRows {
		t.Run(row.name(), func(t *testing.T) {
			t.Parallel()
			for i, who := range matrixWho {
				caller := who
				if caller == "" {
					caller = "nobody"
				}
				t.Run(caller, func(t *testing.T) {
					t.Parallel()
					ta, f := shared, sharedF
					if writesThrough(row, row.want[i]) {
						ta, f = newSeededApp(t, "seedBundles", seedBundles)
					}
					checkAccess(t, ta, bundleRoute(row, f), who, row.want[i])
					want := 0
					if row.method == http.MethodPost && row.want[i] < 400 {
						want = 1
					}
					if got := tenderCount(t, ta); got != want {
						t.Errorf("%s %s as %q: %d tenders afterwards, want %d", row.method, row.route, caller, got, want)
					}
				})
			}
		})
	}
}

type bundlesResp struct {
	AsOf        string `json:"asOf"`
	Total       int    `json:"total"`
	Next        string `json:"next"`
	Suggestions []struct {
		Rank             int    `json:"rank"`
		Key              string `json:"key"`
		Href             string `json:"href"`
		CategoryName     string `json:"categoryName"`
		ParticipantCount int    `json:"participantCount"`
		Participants     []struct {
			Organization string `json:"organization"`
			ContractID   int64  `json:"contractId"`
			Vendor       string `json:"vendor"`
			Annual       int64  `json:"annual"`
		} `json:"participants"`
	} `json:"suggestions"`
}

// bundleResp is GET /api/v1/bundles/{key}.
type bundleResp struct {
	Rank         int    `json:"rank"`
	Key          string `json:"key"`
	Participants []struct {
		Organization string `json:"organization"`
		ContractID   int64  `json:"contractId"`
		Vendor       string `json:"vendor"`
		Annual       int64  `json:"annual"`
	} `json:"participants"`
	OtherParticipants int `json:"otherParticipants"`
	Plan              struct {
		Estimated int64 `json:"estimated"`
		Gaps      []struct {
			Organization string `json:"organization"`
		} `json:"gaps"`
		Timeline []struct{ Key, Date string } `json:"timeline"`
	} `json:"plan"`
}

// TestBundlesAPI lists the suggestions for a user scoped to all and for a
// member (issue 8: members see the suggestions that include them), and
// refuses bad input with problem+json naming the parameter.
func TestBundlesAPI(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedBundles(t, ta)
	tests := []struct {
		name     string
		who      string
		query    string
		wantKeys []string
	}{
		{"coordinator: every category, ranked", "coordinator", "", []string{f.MobileKey, f.CasesKey}},
		{"one category", "admin", fmt.Sprintf("?category=%d", f.Cases), []string{f.CasesKey}},
		{"a 6-month window splits the mobile bundle", "admin", fmt.Sprintf("?category=%d&window=6", f.Mobile),
			[]string{fmt.Sprintf("c%d-20270901-w6", f.Mobile), fmt.Sprintf("c%d-20280301-w6", f.Mobile)}},
		{"by region: the two Frisian municipalities", "admin", fmt.Sprintf("?category=%d&region=Noord-Nederland", f.Mobile),
			[]string{fmt.Sprintf("c%d-20280301-w18-region-noord-nederland", f.Mobile)}},
		{"member: only the suggestion with Amsterdam", "member", "", []string{f.MobileKey}},
		{"finance scoped to Amsterdam: the same", "finance", "", []string{f.MobileKey}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got bundlesResp
			call(t, ta, tt.who, "GET", "/api/v1/bundles"+tt.query, "", 200, &got)
			var keys []string
			for _, s := range got.Suggestions {
				keys = append(keys, s.Key)
			}
			if strings.Join(keys, " ") != strings.Join(tt.wantKeys, " ") {
				t.Errorf("GET /api/v1/bundles%s as %s = %v, want %v", tt.query, tt.who, keys, tt.wantKeys)
			}
			if got.AsOf != "2026-11-22" {
				t.Errorf("asOf = %q, want the test clock's 2026-11-22", got.AsOf)
			}
			if len(got.Suggestions) > 0 && got.Suggestions[0].Participants != nil {
				t.Errorf("GET /api/v1/bundles%s lists participants without include=participants", tt.query)
			}
			if tt.who != "member" || len(got.Suggestions) == 0 {
				return
			}
			var with bundlesResp
			call(t, ta, tt.who, "GET", "/api/v1/bundles?include=participants", "", 200, &with)
			var one bundleResp
			call(t, ta, tt.who, "GET", "/api/v1/bundles/"+f.MobileKey, "", 200, &one)
			if len(with.Suggestions) != 1 || with.Suggestions[0].ParticipantCount != 4 || one.OtherParticipants != 3 {
				t.Fatalf("member's bundles %+v and bundle %+v: want the mobile bundle, 4 participants, 3 of them others", with, one)
			}
			for _, p := range append(with.Suggestions[0].Participants, one.Participants...) {
				mine := p.Organization == own
				if !mine || (p.ContractID != 0) != mine || (p.Vendor != "") != mine || (p.Annual != 0) != mine {
					t.Errorf("member sees participant %+v: only its own organization, contract, vendor and value are visible", p)
				}
			}
			for _, g := range one.Plan.Gaps {
				if g.Organization != own {
					t.Errorf("member sees the plan's gap of %s", g.Organization)
				}
			}
		})
	}

	bad := []struct {
		name, query, field string
	}{
		{"window 0 (issue 8)", "?window=0", "query.window"},
		{"window over 60 months (issue 8)", "?window=61", "query.window"},
		{"window not a number", "?window=achttien", "query.window"},
		{"unknown category (issue 8)", "?category=999", "query.category"},
		{"category not a number", "?category=mobiel", "query.category"},
		{"unknown grouping", "?grouping=provincie", "query.grouping"},
		{"region with cooperation grouping", "?region=Haaglanden&grouping=cooperation", "query.region"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ta.doAs(t, "coordinator", "GET", "/api/v1/bundles"+tt.query, nil, "")
			if resp.StatusCode != 400 && resp.StatusCode != 422 {
				t.Fatalf("GET /api/v1/bundles%s = %d, want 400 or 422: %s", tt.query, resp.StatusCode, body)
			}
			p := decodeProblem(t, resp, body)
			found := false
			for _, e := range p.Errors {
				found = found || e.Location == tt.field
			}
			if !found {
				t.Errorf("GET /api/v1/bundles%s problem %+v does not name %s", tt.query, p, tt.field)
			}
		})
	}
}

// TestBundleToTender turns the top suggestion into a draft tender through
// the API (issue 8: in one action, with participants, lots and planned
// timeline): 201 with its Location, and the tender's plan is the
// suggestion's.
func TestBundleToTender(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedBundles(t, ta)
	var list bundlesResp
	call(t, ta, "coordinator", "GET", fmt.Sprintf("/api/v1/bundles?category=%d", f.Mobile), "", 200, &list)
	if len(list.Suggestions) != 1 {
		t.Fatalf("suggestions = %+v, want the mobile bundle", list.Suggestions)
	}
	var sg bundleResp
	call(t, ta, "coordinator", "GET", list.Suggestions[0].Href, "", 200, &sg)
	resp, body := ta.doAs(t, "coordinator", "POST", "/api/v1/bundles/"+sg.Key+"/tender", strings.NewReader(`{"lead":"COOP-ICT"}`), "application/json")
	if resp.StatusCode != 201 {
		t.Fatalf("POST /api/v1/bundles/%s/tender = %d, want 201: %s", sg.Key, resp.StatusCode, body)
	}
	var created tenderResp
	call(t, ta, "coordinator", "GET", resp.Header.Get("Location"), "", 200, &created)
	if want := fmt.Sprintf("/api/v1/tenders/%d", created.ID); resp.Header.Get("Location") != want || created.Status != "draft" {
		t.Errorf("Location %q, status %q; want %s, draft", resp.Header.Get("Location"), created.Status, want)
	}
	if created.Plan.Estimated != sg.Plan.Estimated || len(created.Plan.Timeline) != len(sg.Plan.Timeline) {
		t.Fatalf("tender plan %+v, want the suggestion's %+v", created.Plan, sg.Plan)
	}
	for i, m := range sg.Plan.Timeline {
		if created.Plan.Timeline[i].Key != m.Key || created.Plan.Timeline[i].Date != m.Date {
			t.Errorf("tender milestone %d = %+v, want the suggestion's %+v", i, created.Plan.Timeline[i], m)
		}
	}
	v, err := ta.procurement.Tender(context.Background(), contracts.Everyone(), created.ID)
	if err != nil || len(v.Participants) != 4 || v.Tender.Lead != "COOP-ICT" {
		t.Errorf("tender %d: %d participants, lead %s, %v; want 4 participants led by COOP-ICT", created.ID, len(v.Participants), v.Tender.Lead, err)
	}

	refused := []struct {
		name, key, body, field string
		status                 int
	}{
		{"a key no suggestion has", fmt.Sprintf("c%d-20270902-w18", f.Mobile), `{"lead":"COOP-ICT"}`, "", 404},
		{"a malformed key", "mobiel", `{"lead":"COOP-ICT"}`, "", 404},
		{"the same suggestion again: its participants are in the draft now", sg.Key, `{"lead":"COOP-ICT"}`, "", 404},
		{"an unknown lead", sg.Key, `{"lead":"GM9999"}`, "body.lead", 422},
		{"no lead: there is no default (issue 17)", sg.Key, `{}`, "body.lead", 422},
		{"a blank lead", sg.Key, `{"lead":"  "}`, "body.lead", 422},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			before := tenderCount(t, ta)
			resp, body := ta.doAs(t, "coordinator", "POST", "/api/v1/bundles/"+tt.key+"/tender", strings.NewReader(tt.body), "application/json")
			if resp.StatusCode != tt.status {
				t.Fatalf("POST %s = %d, want %d: %s", tt.key, resp.StatusCode, tt.status, body)
			}
			p := decodeProblem(t, resp, body)
			if tt.field != "" && (len(p.Errors) != 1 || p.Errors[0].Location != tt.field) {
				t.Errorf("problem %+v, want it to name %s", p, tt.field)
			}
			if after := tenderCount(t, ta); after != before {
				t.Errorf("refused, but the tenders went from %d to %d", before, after)
			}
		})
	}
}

// TestBundlesPage renders /bundels for a coordinator and a member, rejects
// a bad window with the filter form (422), and makes a draft tender with
// the form button.
func TestBundlesPage(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedBundles(t, ta)
	tests := []struct {
		name       string
		who        string
		path       string
		wantStatus int
		want       []string
		notWant    []string
	}{
		{"coordinator: ranked suggestions with why, value, procedure and dates, each linking to its page", "coordinator", "/bundels", 200,
			[]string{"Bundelvoorstellen", `1. <a href="/bundels/` + f.MobileKey + `">Gezamenlijke aanbesteding Mobiele telefonie 2027</a>`,
				`2. <a href="/bundels/` + f.CasesKey + `">Gezamenlijke aanbesteding Zaaksysteem 2028`,
				"4 organisaties hebben tussen 01-09-2027 en 01-05-2028", "€\u00a0715.000,00", "2 voorstellen.", `aria-current="page">Bundelvoorstellen`},
			[]string{"Blauw Mobiel B.V.", "Maak conceptaanbesteding", "Sluitingstermijn inschrijving", "Volgende voorstellen"}},
		{"the suggestion's own page: participants, plan, justification and the button", "coordinator", "/bundels/" + f.MobileKey, 200,
			[]string{"1. Gezamenlijke aanbesteding Mobiele telefonie 2027", "4 organisaties hebben tussen 01-09-2027 en 01-05-2028",
				"€\u00a0715.000,00", "Blauw Mobiel B.V.", "31-08-2027", "Sluitingstermijn inschrijving", "Motivering clustering", "Geschat voordeel",
				"Maak conceptaanbesteding", `action="/bundels/` + f.MobileKey + `/aanbesteding"`, `name="_csrf"`, "Coöperatie ICT-inkoop (COOP-ICT)",
				`<a href="/bundels">Bundelvoorstellen</a>`},
			nil},
		{"from the demand page's link: one category", "coordinator", fmt.Sprintf("/bundels?category=%d", f.Cases), 200,
			[]string{"Zaaksysteem 2028", "1 voorstel."}, []string{"Mobiele telefonie 2027"}},
		{"member: only the suggestion with Amsterdam, others hidden, no button", "member", "/bundels", 200,
			[]string{"Mobiele telefonie 2027", "Uw organisatie en 3 andere organisaties hebben tussen 01-09-2027 en 01-05-2028", "uw organisatie (GM0363)"},
			[]string{"Zaaksysteem 2028", "Maak conceptaanbesteding", "Gravenhage", "Vlieland", "GM1900"}},
		{"member: its suggestion's page without the others and without the button", "member", "/bundels/" + f.MobileKey, 200,
			[]string{"Mobiele telefonie 2027", "En 3 andere organisaties: van andere deelnemers ziet u geen naam", "uw organisatie (GM0363)"},
			[]string{"Maak conceptaanbesteding", "Gravenhage", "Vlieland", "GM1900"}},
		{"member: a suggestion without Amsterdam is not found", "member", "/bundels/" + f.CasesKey, 404, nil, []string{"Zaaksysteem 2028"}},
		{"a key no suggestion has", "coordinator", "/bundels/mobiel", 404, nil, nil},
		{"window 0: the filter with its problem", "coordinator", "/bundels?window=0", 422,
			[]string{"Vul een venster van 1 tot 60 maanden in.", `aria-invalid="true"`}, []string{"Gezamenlijke aanbesteding Mobiele"}},
		{"unknown category", "coordinator", "/bundels?category=999", 422,
			[]string{"Kies een categorie uit de lijst."}, []string{"Gezamenlijke aanbesteding Mobiele"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ta.doAs(t, tt.who, "GET", tt.path, nil, "")
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("GET %s as %s = %d, want %d", tt.path, tt.who, resp.StatusCode, tt.wantStatus)
			}
			page := string(body)
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("GET %s as %s lacks %q", tt.path, tt.who, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(page, w) {
					t.Errorf("GET %s as %s shows %q", tt.path, tt.who, w)
				}
			}
			if strings.Contains(page, "template:") || strings.Contains(page, "<no value>") {
				t.Errorf("GET %s: template error in the page", tt.path)
			}
		})
	}

	// No silent default lead (issue 17): without a choice the coordinator
	// is asked, with the suggested leads, and no tender is made.
	resp, body := postForm(t, ta, "coordinator", "/bundels/"+f.MobileKey+"/aanbesteding", url.Values{"lead": {""}})
	if resp.StatusCode != 422 || !strings.Contains(body, "Kies de penvoerder") || !strings.Contains(body, "voorgesteld: grootste deelnemer") ||
		!strings.Contains(body, `<option value="" selected>Kies de penvoerder</option>`) {
		t.Errorf("POST without a lead = %d, want 422 asking for the lead with suggestions\n%s", resp.StatusCode, body)
	}
	if list, err := ta.procurement.Tenders(context.Background(), contracts.Everyone(), procurement.TenderFilter{}.Normalize()); err != nil || list.Total != 0 {
		t.Errorf("a refused lead made a tender: %d tenders, %v", list.Total, err)
	}
	resp, body = postForm(t, ta, "coordinator", "/bundels/"+f.MobileKey+"/aanbesteding", url.Values{"lead": {"COOP-ICT"}})
	if resp.StatusCode != 303 {
		t.Fatalf("POST the button = %d, want 303: %s", resp.StatusCode, body)
	}
	loc := resp.Header.Get("Location")
	id := mustID(t, strings.TrimSuffix(strings.TrimPrefix(loc, "/aanbestedingen/"), "?melding=aangemaakt"))
	if want := fmt.Sprintf("/aanbestedingen/%d?melding=aangemaakt", id); loc != want {
		t.Errorf("Location = %q, want %q", loc, want)
	}
	if resp, body := ta.doAs(t, "coordinator", "GET", loc, nil, ""); resp.StatusCode != 200 || !strings.Contains(string(body), "Gezamenlijke aanbesteding Mobiele telefonie 2027") {
		t.Errorf("GET %s = %d, want the draft tender's page", loc, resp.StatusCode)
	}
	if resp, _ := postForm(t, ta, "coordinator", "/bundels/mobiel/aanbesteding", url.Values{"lead": {"COOP-ICT"}}); resp.StatusCode != 404 {
		t.Errorf("POST an unknown key = %d, want 404", resp.StatusCode)
	}
}

// TestBundlesAPIPages pages through the suggestions by the next link,
// reads one by key, and sees a change to the register on the next read
// (issue 15: a page of summaries, participants on request, computed per
// data version). A member pages through its own and cannot read a
// suggestion without Amsterdam by key.
func TestBundlesAPIPages(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedBundles(t, ta)
	var first, second bundlesResp
	call(t, ta, "coordinator", "GET", "/api/v1/bundles?pageSize=1", "", 200, &first)
	if first.Total != 2 || len(first.Suggestions) != 1 || first.Suggestions[0].Key != f.MobileKey || first.Next == "" {
		t.Fatalf("first page = %+v; want the mobile bundle of 2, and a next link", first)
	}
	if want := "/api/v1/bundles?after=1." + f.MobileKey + "&pageSize=1"; first.Next != want {
		t.Errorf("next = %q, want %q", first.Next, want)
	}
	call(t, ta, "coordinator", "GET", first.Next, "", 200, &second)
	if len(second.Suggestions) != 1 || second.Suggestions[0].Key != f.CasesKey || second.Suggestions[0].Rank != 2 || second.Next != "" {
		t.Errorf("second page = %+v; want the case-system bundle ranked 2 and no next link", second)
	}

	var one bundleResp
	call(t, ta, "coordinator", "GET", "/api/v1/bundles/"+f.CasesKey, "", 200, &one)
	if one.Rank != 2 || len(one.Participants) != 2 || len(one.Plan.Timeline) == 0 {
		t.Errorf("GET /api/v1/bundles/%s = %+v; want rank 2, both participants and the plan", f.CasesKey, one)
	}
	for _, tt := range []struct{ who, key string }{
		{"member", f.CasesKey}, // Amsterdam takes no part
		{"coordinator", fmt.Sprintf("c%d-20280102-w18", f.Cases)},
		{"coordinator", "zaak"},
	} {
		resp, body := ta.doAs(t, tt.who, "GET", "/api/v1/bundles/"+tt.key, nil, "")
		if resp.StatusCode != 404 {
			t.Errorf("GET /api/v1/bundles/%s as %s = %d, want 404: %s", tt.key, tt.who, resp.StatusCode, body)
		}
	}
	var member bundlesResp
	call(t, ta, "member", "GET", "/api/v1/bundles?pageSize=1", "", 200, &member)
	if member.Total != 1 || member.Next != "" || len(member.Suggestions) != 1 || member.Suggestions[0].Key != f.MobileKey {
		t.Errorf("member's page = %+v; want the mobile bundle alone", member)
	}
	for _, q := range []string{"?pageSize=0", "?pageSize=101", "?after=mobiel", "?include=lots"} {
		if resp, body := ta.doAs(t, "coordinator", "GET", "/api/v1/bundles"+q, nil, ""); resp.StatusCode != 422 {
			t.Errorf("GET /api/v1/bundles%s = %d, want 422: %s", q, resp.StatusCode, body)
		}
	}

	// Amsterdam's case system ends on 29-02-2028: it joins the case-system
	// bundle, which its member sees on the next read.
	if _, err := ta.svc.CreateContract(context.Background(), contracts.Everyone(), contracts.Contract{Organization: own, Number: "B-zaak", Title: "Zaaksysteem",
		VendorID: anyVendor(t, ta), CategoryID: f.Cases, Start: contracts.NewDate(2025, 3, 1), InitialTermMonths: 36,
		RenewalKind: contracts.RenewalNone, AnnualValue: 30_000_00, Status: contracts.StatusActive}, nil); err != nil {
		t.Fatal(err)
	}
	call(t, ta, "member", "GET", "/api/v1/bundles", "", 200, &member)
	if member.Total != 2 {
		t.Errorf("after Amsterdam's case-system contract the member sees %d bundles, want 2", member.Total)
	}
	// The cursor of the page read before the change still continues
	// after the mobile bundle.
	call(t, ta, "coordinator", "GET", first.Next, "", 200, &second)
	if len(second.Suggestions) != 1 || second.Suggestions[0].Key != f.CasesKey || second.Suggestions[0].ParticipantCount != 3 {
		t.Errorf("second page after the change = %+v; want the case-system bundle with 3 participants", second)
	}
}

// anyVendor returns the id of a vendor in the register.
func anyVendor(t *testing.T, ta testApp) int64 {
	t.Helper()
	page, err := ta.svc.Vendors(context.Background(), contracts.Everyone(), contracts.VendorFilter{})
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("vendors: %v", err)
	}
	return page.Items[0].ID
}

// TestBundlePageParticipantsPaged: a suggestion with 130 participants
// lists 100 on its page and the other 30 on the next (issue 15: no page
// grows with the register), and the draft-tender form stays on both.
func TestBundlePageParticipantsPaged(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := contracts.NewDate(2025, 1, 1)
	var orgs []contracts.Organization
	for i := range 130 {
		orgs = append(orgs, contracts.Organization{Code: fmt.Sprintf("GM%04d", 2000+i), Name: fmt.Sprintf("Deelnemer %03d", i),
			Kind: contracts.KindMunicipality, Province: "PV26", Population: 20_000 + i, PopulationDate: d})
	}
	ta := newTestApp(t, orgs...)
	cat, err := ta.svc.CreateCategory(ctx, contracts.Category{Name: "Mobiele telefonie", CPV: []string{"64212000-5"}})
	if err != nil {
		t.Fatal(err)
	}
	vendor, err := ta.svc.CreateVendor(ctx, contracts.Vendor{Name: "Blauw Mobiel B.V.", KVK: "45678901"})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		if _, err := ta.svc.CreateContract(ctx, contracts.Everyone(), contracts.Contract{Organization: o.Code, Number: "M-" + o.Code, Title: "Mobiel",
			VendorID: vendor, CategoryID: cat, Start: contracts.NewDate(2024, 9, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalNone,
			AnnualValue: 10_000_00, Status: contracts.StatusActive}, nil); err != nil {
			t.Fatal(err)
		}
	}
	key := fmt.Sprintf("c%d-20270901-w18", cat)
	_, first := ta.doAs(t, "coordinator", "GET", "/bundels/"+key, nil, "")
	_, second := ta.doAs(t, "coordinator", "GET", "/bundels/"+key+"?pagina=2", nil, "")
	for _, tt := range []struct {
		name       string
		page       []byte
		want, not  []string
		rowsWanted int
	}{
		{"page 1", first, []string{"Deelnemer 000", "Deelnemer 099", "Pagina 1 van 2", `href="/bundels/` + key + `?pagina=2" rel="next">Volgende deelnemers`,
			"Maak conceptaanbesteding"}, []string{">Deelnemer 100</a>"}, 100},
		{"page 2", second, []string{">Deelnemer 100</a>", ">Deelnemer 129</a>", "Pagina 2 van 2", "Vorige deelnemers", "Maak conceptaanbesteding"},
			[]string{">Deelnemer 099</a>"}, 30},
	} {
		page := string(tt.page)
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %q", tt.name, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(page, w) {
				t.Errorf("%s shows %q", tt.name, w)
			}
		}
		if got := strings.Count(page, `<th scope="row"><a href="/organisaties/`); got != tt.rowsWanted {
			t.Errorf("%s lists %d participants, want %d", tt.name, got, tt.rowsWanted)
		}
	}
}
