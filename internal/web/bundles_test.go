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
		{"API: admin and coordinator turn a suggestion into a draft tender (issue 8)", "POST", "/api/v1/bundles/{key}/tender", "", `{"lead":"COOP-ICT"}`,
			statuses{401, 201, 201, 403, 403, 403, 403, 403}},
		{"UI: every role sees the suggestions of its scope (issue 8)", "GET", "/bundels", "", "", statuses{303, 200, 200, 200, 200, 200, 200, 200}},
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
// nobody over the fixture, each on a fresh app; a refused request creates
// no tender.
func TestBundleAccessMatrix(t *testing.T) {
	t.Parallel()
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
					ta, f := newSeededApp(t, "seedBundles", seedBundles)
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
	Suggestions []struct {
		Rank         int    `json:"rank"`
		Key          string `json:"key"`
		CategoryName string `json:"categoryName"`
		Participants []struct {
			Organization string `json:"organization"`
			ContractID   int64  `json:"contractId"`
			Vendor       string `json:"vendor"`
			Annual       int64  `json:"annual"`
		} `json:"participants"`
		Plan struct {
			Estimated int64 `json:"estimated"`
			Gaps      []struct {
				Organization string `json:"organization"`
			} `json:"gaps"`
			Timeline []struct{ Key, Date string } `json:"timeline"`
		} `json:"plan"`
	} `json:"suggestions"`
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
			if tt.who != "member" || len(got.Suggestions) == 0 {
				return
			}
			for _, p := range got.Suggestions[0].Participants {
				mine := p.Organization == own
				if !mine || (p.ContractID != 0) != mine || (p.Vendor != "") != mine || (p.Annual != 0) != mine {
					t.Errorf("member sees participant %+v: only its own organization, contract, vendor and value are visible", p)
				}
			}
			for _, g := range got.Suggestions[0].Plan.Gaps {
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
	sg := list.Suggestions[0]
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
		{"no lead, and a coordinator without an organization", sg.Key, `{}`, "body.lead", 422},
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
		{"coordinator: ranked suggestions with why, plan, bridges and the button", "coordinator", "/bundels", 200,
			[]string{"Bundelvoorstellen", "1. Gezamenlijke aanbesteding Mobiele telefonie 2027", "2. Gezamenlijke aanbesteding Zaaksysteem 2028",
				"4 organisaties hebben tussen 01-09-2027 en 01-05-2028", "€\u00a0715.000,00", "Blauw Mobiel B.V.", "31-08-2027",
				"Sluitingstermijn inschrijving", "Motivering clustering", "Geschat voordeel", "Maak conceptaanbesteding",
				`action="/bundels/` + f.MobileKey + `/aanbesteding"`, `name="_csrf"`, "Coöperatie ICT-inkoop (COOP-ICT)", `aria-current="page">Bundelvoorstellen`},
			nil},
		{"from the demand page's link: one category", "coordinator", fmt.Sprintf("/bundels?category=%d", f.Cases), 200,
			[]string{"Zaaksysteem 2028", "1 voorstel."}, []string{"Mobiele telefonie 2027"}},
		{"member: only the suggestion with Amsterdam, others hidden, no button", "member", "/bundels", 200,
			[]string{"Mobiele telefonie 2027", "Uw organisatie en 3 andere organisaties hebben tussen 01-09-2027 en 01-05-2028", "uw organisatie (GM0363)"},
			[]string{"Zaaksysteem 2028", "Maak conceptaanbesteding", "Gravenhage", "Vlieland", "GM1900"}},
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

	resp, body := postForm(t, ta, "coordinator", "/bundels/"+f.MobileKey+"/aanbesteding", url.Values{"lead": {"COOP-ICT"}})
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
