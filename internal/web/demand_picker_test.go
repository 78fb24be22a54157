package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// addManyOrganizations registers n more municipalities, "Testdorp 000"
// onwards: a register of national size for the pickers.
func addManyOrganizations(t *testing.T, ta testApp, n int) {
	t.Helper()
	for i := range n {
		o := contracts.Organization{Code: fmt.Sprintf("GM%04d", 2000+i), Name: fmt.Sprintf("Testdorp %03d", i), Kind: contracts.KindMunicipality}
		if err := ta.svc.CreateOrganization(context.Background(), o); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDemandFormOrganizationPicker: with 700 organizations the demand
// form offers no list of them all but a search field, without script:
// the first step's search opens the form for the one organization it
// names, or offers the matches as links; a posted form's organization
// is looked up the same way; a form naming none or an unknown one is
// refused with the Dutch problem and registers nothing.
func TestDemandFormOrganizationPicker(t *testing.T) {
	t.Parallel()
	ta, f := seedDemandPages(t)
	addManyOrganizations(t, ta, 700)
	allOptions := regexp.MustCompile(`<option`)
	get := func(path string) string {
		t.Helper()
		resp, body := ta.doAs(t, "admin", "GET", path, nil, "")
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s = %d", path, resp.StatusCode)
		}
		return string(body)
	}
	page := get("/behoefte/nieuw")
	if strings.Contains(page, `<select id="f-organization"`) || strings.Contains(page, "Testdorp 123") || len(allOptions.FindAllString(page, -1)) > 50 ||
		!strings.Contains(page, `<input id="f-organization" name="organisatie" type="search"`) {
		t.Fatalf("the first step lists the organizations (%d options) or lacks the search field:\n%s", len(allOptions.FindAllString(page, -1)), grepLines(page, "organi"))
	}

	page = get("/behoefte/nieuw?organisatie=" + url.QueryEscape("testdorp 12"))
	links := regexp.MustCompile(`<a href="(/behoefte/nieuw\?organisatie=GM[0-9]{4})">Testdorp 12[0-9] \(GM`).FindAllStringSubmatch(page, -1)
	if len(links) != 10 || !strings.Contains(page, "Kies de organisatie") || strings.Contains(page, "Budget per jaar") {
		t.Fatalf("a search naming 11 offers %d links:\n%s", len(links), grepLines(page, "organi"))
	}
	page = get(html.UnescapeString(links[0][1]))
	if !strings.Contains(page, `<input type="hidden" name="organization" value="GM2120">`) || !strings.Contains(page, "Testdorp 120 (GM2120)") ||
		!strings.Contains(page, "Budget per jaar") || strings.Contains(page, `<select id="f-organization"`) {
		t.Errorf("the form for a chosen organization:\n%s", grepLines(page, "organi"))
	}
	page = get("/behoefte/nieuw?organisatie=gravenhage")
	if !strings.Contains(page, `value="GM0518"`) || !strings.Contains(page, "DH-VT-1") {
		t.Errorf("a search naming one opens its form with its contracts:\n%s", grepLines(page, "organi"))
	}
	page = get("/behoefte/nieuw?organisatie=Nergenshuizen")
	if !strings.Contains(page, "Geen organisatie gevonden bij “Nergenshuizen”") || strings.Contains(page, "Budget per jaar") {
		t.Errorf("a search naming none:\n%s", grepLines(page, "organi"))
	}

	form := func(org string) url.Values {
		return url.Values{"organization": {org}, "categoryId": {fmt.Sprint(f.Category)}, "quantity": {"10"}, "unit": {"gebruikers"},
			"desiredStart": {"01-07-2027"}, "annualBudget": {"1.000,00"}, "status": {"draft"}}
	}
	before := demandState(t, ta)
	for _, tt := range []struct{ org, want string }{
		{"", "Organisatie: "},
		{"Nergenshuizen", "Geen organisatie gevonden bij “Nergenshuizen”"},
		{"Testdorp 12", "Meerdere organisaties passen bij “Testdorp 12”: kies er een."},
	} {
		resp, body := postForm(t, ta, "admin", "/behoefte/nieuw", form(tt.org))
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tt.want) || strings.Contains(body, `<select id="f-organization"`) {
			t.Errorf("POST with organization %q = %d, want 422 saying %q:\n%s", tt.org, resp.StatusCode, tt.want, grepLines(body, "organi"))
		}
	}
	if after := demandState(t, ta); after != before {
		t.Errorf("refused forms registered demand:\n%s\nwas\n%s", after, before)
	}
	resp, body := postForm(t, ta, "admin", "/behoefte/nieuw", form("Testdorp 120"))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST with a picked organization = %d:\n%s", resp.StatusCode, grepLines(body, "fout"))
	}
	if after := demandState(t, ta); !strings.Contains(after, "Organization:GM2120") {
		t.Errorf("the demand registered is not Testdorp 120's:\n%s", after)
	}
}

// TestTenderFormLeadPicker: with 700 organizations the tender form's
// lead is a search field, not a list of them all; a search naming
// several is refused with the matches to choose from, one left empty
// with the Dutch problem, and neither creates a tender; a lead named by
// (part of) its name is taken.
func TestTenderFormLeadPicker(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedTender(t, ta)
	addManyOrganizations(t, ta, 700)
	resp, body := ta.doAs(t, "coordinator", "GET", "/aanbestedingen/nieuw", nil, "")
	page := string(body)
	if resp.StatusCode != 200 || strings.Contains(page, `<select id="f-lead"`) || strings.Contains(page, "Testdorp 123") ||
		!strings.Contains(page, `<input id="f-lead" name="lead" type="search"`) {
		t.Fatalf("GET /aanbestedingen/nieuw = %d:\n%s", resp.StatusCode, grepLines(page, "lead"))
	}
	tenders := func() int {
		t.Helper()
		p, err := ta.procurement.Tenders(context.Background(), contracts.Everyone(), procurement.TenderFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return p.Total
	}
	before := tenders()
	form := func(lead string) url.Values {
		return url.Values{"title": {"Printers"}, "categoryId": {fmt.Sprint(f.Category)}, "lead": {lead}, "kind": {"supplies"}, "termMonths": {"24"}}
	}
	for _, tt := range []struct{ lead, want string }{
		{"", "Penvoerder: "},
		{"Testdorp 12", "Meerdere organisaties passen bij “Testdorp 12”: kies er een."},
	} {
		resp, body := postForm(t, ta, "coordinator", "/aanbestedingen/nieuw", form(tt.lead))
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tt.want) || strings.Contains(body, `<select id="f-lead"`) {
			t.Errorf("POST with lead %q = %d, want 422 saying %q:\n%s", tt.lead, resp.StatusCode, tt.want, grepLines(body, "lead"))
		}
		if tt.lead != "" && strings.Count(body, `<input type="radio" name="lead"`) != 10 {
			t.Errorf("POST with lead %q offers %d choices, want 10", tt.lead, strings.Count(body, `<input type="radio" name="lead"`))
		}
	}
	if n := tenders(); n != before {
		t.Errorf("refused forms created %d tenders", n-before)
	}
	resp, posted := postForm(t, ta, "coordinator", "/aanbestedingen/nieuw", form("Testdorp 120"))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST with a picked lead = %d:\n%s", resp.StatusCode, grepLines(posted, "fout"))
	}
	var id int64
	if _, err := fmt.Sscanf(resp.Header.Get("Location"), "/aanbestedingen/%d", &id); err != nil {
		t.Fatal(err)
	}
	v, err := ta.procurement.Tender(context.Background(), contracts.Everyone(), id)
	if err != nil || v.Tender.Lead != "GM2120" {
		t.Errorf("the tender's lead = %q, %v; want GM2120", v.Tender.Lead, err)
	}
}
