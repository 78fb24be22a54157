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

// demandPageAccessRows are the access-matrix rows of the demand pages
// (ui/routes.go; DESIGN §6: members keep their own
// organization's demand, administrators and coordinators any, everyone
// reads the demand in scope; demand per category is for those who bundle
// it and those who read across organizations).
var demandPageAccessRows = func() []accessRow {
	//                       nobody admin coord member fin  mgmt fin-all mgmt-all
	readers := statuses{303, 200, 200, 200, 200, 200, 200, 200}
	editorsPage := func(member int) statuses { return statuses{303, 200, 200, member, 403, 403, 403, 403} }
	editorsPost := func(member int) statuses { return statuses{401, 303, 303, member, 403, 403, 403, 403} }
	// {category} stays unencoded, for tenderRoute to fill in.
	form := func(org string) string {
		return "organization=" + org + "&categoryId={category}&quantity=10&unit=gebruikers&desiredStart=01-01-2027&annualBudget=1.000%2C00&status=draft"
	}
	return []accessRow{
		{"UI: every role reads the demand in its scope (issue 5)", "GET", "/behoefte", "", "", readers},
		{"UI: demand per category for those who bundle or read across organizations, not members (issue 5)", "GET", "/behoefte/per-categorie", "", "",
			statuses{303, 200, 200, 403, 200, 200, 200, 200}},
		{"UI: admin, coordinator and member open the demand form", "GET", "/behoefte/nieuw", "", "", editorsPage(200)},
		{"UI: a member registers its own organization's demand (issue 5)", "POST", "/behoefte/nieuw", own, form(own), editorsPost(303)},
		{"UI: a member cannot register another organization's demand (DESIGN §6)", "POST", "/behoefte/nieuw", other, form(other), editorsPost(403)},
		{"UI: a member opens its own demand", "GET", "/behoefte/{demand}/bewerken", own, "", editorsPage(200)},
		{"UI: a member cannot open another organization's demand", "GET", "/behoefte/{demand}/bewerken", other, "", editorsPage(403)},
		{"UI: a member changes its own demand", "POST", "/behoefte/{demand}/bewerken", own, form(own), editorsPost(303)},
		{"UI: a member cannot change another organization's demand", "POST", "/behoefte/{demand}/bewerken", other, form(other), editorsPost(403)},
		{"UI: a member opens the confirmation of deleting its own demand", "GET", "/behoefte/{demand}/verwijderen", own, "", editorsPage(200)},
		{"UI: a member cannot open another organization's demand's deletion", "GET", "/behoefte/{demand}/verwijderen", other, "", editorsPage(403)},
		{"UI: a member deletes its own demand", "POST", "/behoefte/{demand}/verwijderen", own, "", editorsPost(303)},
		{"UI: a member cannot delete another organization's demand", "POST", "/behoefte/{demand}/verwijderen", other, "", editorsPost(403)},
	}
}()

func init() { areaAccessRows = append(areaAccessRows, demandPageAccessRows...) }

// TestDemandPageAccessMatrix drives the demand pages' rows over a seeded
// tender with demand of both organizations.
func TestDemandPageAccessMatrix(t *testing.T) {
	t.Parallel()
	checkTenderAreaMatrix(t, demandPageAccessRows)
}

// demandPagesFixture is seedTender plus a contract of each organization
// in the demand's category, the own demand replacing the own contract.
type demandPagesFixture struct {
	tenderFixture
	OwnContract, OtherContract int64
}

func seedDemandPages(t *testing.T) (testApp, demandPagesFixture) {
	t.Helper()
	ta := newTestApp(t, sampleOrgs()...)
	f := demandPagesFixture{tenderFixture: seedTender(t, ta)}
	ctx := context.Background()
	contract := func(org, number string) int64 {
		id, err := ta.svc.CreateContract(ctx, contracts.Everyone(), contracts.Contract{Organization: org, Number: number, Title: "Vaste telefonie " + org,
			VendorID: f.Vendor, CategoryID: f.DemandCategory, Start: contracts.NewDate(2023, 9, 1), InitialTermMonths: 48,
			RenewalKind: contracts.RenewalNone, AnnualValue: 4_000_000, Status: contracts.StatusActive}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	f.OwnContract, f.OtherContract = contract(own, "AMS-VT-1"), contract(other, "DH-VT-1")
	d, err := ta.procurement.Demand(ctx, contracts.Everyone(), f.OwnDemand)
	if err != nil {
		t.Fatal(err)
	}
	d.ReplacesContractID, d.AnnualBudget = f.OwnContract, 4_250_050
	if err := ta.procurement.UpdateDemand(ctx, contracts.Everyone(), d); err != nil {
		t.Fatal(err)
	}
	return ta, f
}

// TestDemandPages renders every demand page for the roles that may open
// it: Dutch text, nl-NL numbers, money and dates, and only the demand in
// the user's scope.
func TestDemandPages(t *testing.T) {
	ta, f := seedDemandPages(t)
	ownEdit, otherEdit := fmt.Sprintf("/behoefte/%d/bewerken", f.OwnDemand), fmt.Sprintf("/behoefte/%d/bewerken", f.OtherDemand)
	bundle := fmt.Sprintf("/bundels?category=%d", f.DemandCategory)
	tests := []struct {
		name, who, path string
		wantContains    []string
		wantLacks       []string
	}{
		{"list for the admin: every organization, organization filter", "admin", "/behoefte",
			[]string{"Behoefte", "Amsterdam", "&#39;s-Gravenhage", "Vaste telefonie", "500 aansluitingen", "01-09-2027", "ingediend",
				"€\u00a042.500,50", "AMS-VT-1", fmt.Sprintf("/contracten/%d", f.OwnContract), `name="organisatie" type="search"`, "Nieuwe behoefte", ownEdit, otherEdit,
				"/behoefte/per-categorie"}, nil},
		{"list for the coordinator, filtered by organization", "coordinator", "/behoefte?organisatie=" + other,
			[]string{"1 registratie van behoefte gevonden", "&#39;s-Gravenhage", otherEdit, "/behoefte/nieuw?organisatie=" + other}, []string{ownEdit}},
		{"list filtered by category and status", "admin", fmt.Sprintf("/behoefte?categorie=%d&status=submitted", f.DemandCategory),
			[]string{"2 registraties van behoefte gevonden", "Filters wissen"}, nil},
		{"list, a bad status is ignored with a note", "admin", "/behoefte?status=weg&categorie=x",
			[]string{"Onbekende status genegeerd.", "Onbekende categorie genegeerd.", "2 registraties"}, nil},
		{"list for a member: its own organization only (DESIGN §6)", "member", "/behoefte",
			[]string{"eigen organisatie", "500 aansluitingen", "AMS-VT-1", ownEdit, "Nieuwe behoefte"}, []string{"&#39;s-Gravenhage", otherEdit, `name="organisatie" type="search"`, "/behoefte/per-categorie"}},
		{"list for scoped finance: reads, does not edit", "finance", "/behoefte",
			[]string{"500 aansluitingen"}, []string{ownEdit, "Nieuwe behoefte"}},
		{"new form for the admin asks for the organization first", "admin", "/behoefte/nieuw",
			[]string{"Kies eerst de organisatie", "Verder", `name="organisatie" type="search"`}, []string{"Budget per jaar", "&#39;s-Gravenhage (GM0518)", "<select id=\"f-organization\""}},
		{"new form for the coordinator with the organization chosen offers its contracts", "coordinator", "/behoefte/nieuw?organisatie=" + other,
			[]string{"Nieuwe behoefte", "DH-VT-1", "Budget per jaar in euro’s", "Gewenste start", "Bijvoorbeeld 12.500,00."}, []string{"AMS-VT-1", "Kies eerst de organisatie"}},
		{"new form for a member: its own organization and its contracts", "member", "/behoefte/nieuw",
			[]string{"Amsterdam", "AMS-VT-1 – Vaste telefonie GM0363 (Blauw Mobiel B.V.), loopt tot 31-08-2027"}, []string{"DH-VT-1", "Kies een organisatie"}},
		{"edit form for a member: its own demand as stored", "member", ownEdit,
			[]string{"Behoefte bewerken", `value="500"`, `value="42500,50"`, "Behoefte verwijderen", "In deze categorie"}, nil},
		{"edit form for the coordinator: another organization's demand", "coordinator", otherEdit,
			[]string{"&#39;s-Gravenhage", "DH-VT-1"}, nil},
		{"per category for the admin: totals across organizations and a bundle link (issue 8)", "admin", "/behoefte/per-categorie",
			[]string{"Behoefte per categorie", "Vaste telefonie", "1.000", "€\u00a042.500,50", "01-09-2027", bundle,
				fmt.Sprintf("/behoefte?categorie=%d", f.DemandCategory), "Bundelvoorstellen bekijken"}, nil},
		{"per category for the coordinator", "coordinator", "/behoefte/per-categorie", []string{"van alle organisaties", bundle}, nil},
		{"per category for scoped management: its own organization, no bundling", "management", "/behoefte/per-categorie",
			[]string{"uw eigen organisatie", "500"}, []string{bundle}},
		{"per category for finance across organizations: reads, no bundling", "finance-all", "/behoefte/per-categorie",
			[]string{"van alle organisaties", "1.000"}, []string{bundle}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ta.doAs(t, tt.who, "GET", tt.path, nil, "")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s as %s = %d, want 200:\n%s", tt.path, tt.who, resp.StatusCode, body)
			}
			checkPage(t, tt.path, body, tt.wantContains...)
			for _, bad := range tt.wantLacks {
				if strings.Contains(string(body), bad) {
					t.Errorf("GET %s as %s shows %q", tt.path, tt.who, bad)
				}
			}
		})
	}
}

// demandState is every demand as the admin sees it.
func demandState(t *testing.T, ta testApp) string {
	t.Helper()
	d, err := ta.procurement.Demands(context.Background(), contracts.Everyone(), procurement.DemandFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%+v", d)
}

// TestDemandFormMemberCreatesOwn: a member registers its organization's
// demand through the form (303, then listed with the amounts as typed)
// and is refused another organization's (403), which changes nothing.
func TestDemandFormMemberCreatesOwn(t *testing.T) {
	ta, f := seedDemandPages(t)
	form := url.Values{"organization": {own}, "categoryId": {fmt.Sprint(f.Category)}, "quantity": {"1.250"}, "unit": {"gebruikers"},
		"desiredStart": {"01-07-2027"}, "replacesContractId": {""}, "annualBudget": {"12.500,00"}, "status": {"submitted"},
		"notes": {"Inclusief 50 reserve-aansluitingen."}}
	resp, body := postForm(t, ta, "member", "/behoefte/nieuw", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /behoefte/nieuw as member = %d, want 303:\n%s", resp.StatusCode, body)
	}
	if loc := resp.Header.Get("Location"); loc != "/behoefte?melding=opgeslagen" {
		t.Errorf("Location = %q, want the list with its notice", loc)
	}
	page, err := ta.procurement.Demands(context.Background(), contracts.Everyone(), procurement.DemandFilter{CategoryID: f.Category})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 1 {
		t.Fatalf("demand in Mobiele telefonie = %d, want the one just registered", page.Total)
	}
	got := page.Items[0]
	if got.Organization != own || got.Quantity != 1250 || got.AnnualBudget != 1_250_000 || got.DesiredStart != contracts.NewDate(2027, 7, 1) ||
		got.Status != procurement.DemandSubmitted || got.Notes != "Inclusief 50 reserve-aansluitingen." {
		t.Errorf("registered demand = %+v, want GM0363, 1250 gebruikers, € 12.500,00, 2027-07-01, submitted, with the notes", got)
	}
	_, list := ta.doAs(t, "member", "GET", "/behoefte?melding=opgeslagen", nil, "")
	checkPage(t, "/behoefte", list, "De behoefte is opgeslagen.", "Mobiele telefonie", "1.250 gebruikers", "01-07-2027", "€\u00a012.500,00",
		fmt.Sprintf("/behoefte/%d/bewerken", got.ID))

	before := demandState(t, ta)
	otherForm := url.Values{}
	for k, v := range form {
		otherForm[k] = v
	}
	otherForm.Set("organization", other)
	refusals := []struct {
		name, method, path string
		form               url.Values
	}{
		{"register for another organization", "POST", "/behoefte/nieuw", otherForm},
		{"open another organization's demand", "GET", fmt.Sprintf("/behoefte/%d/bewerken", f.OtherDemand), nil},
		{"save another organization's demand", "POST", fmt.Sprintf("/behoefte/%d/bewerken", f.OtherDemand), form},
		{"delete another organization's demand", "POST", fmt.Sprintf("/behoefte/%d/verwijderen", f.OtherDemand), url.Values{}},
		{"filter the list on another organization", "GET", "/behoefte?organisatie=" + other, nil},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			var (
				resp *http.Response
				body string
			)
			if tt.method == "POST" {
				resp, body = postForm(t, ta, "member", tt.path, tt.form)
			} else {
				r, b := ta.doAs(t, "member", "GET", tt.path, nil, "")
				resp, body = r, string(b)
			}
			if resp.StatusCode != http.StatusForbidden {
				t.Fatalf("%s %s as member = %d, want 403:\n%s", tt.method, tt.path, resp.StatusCode, body)
			}
			if after := demandState(t, ta); after != before {
				t.Errorf("refused, but the demand changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// TestDemandFormBadInput: a rejected form comes back (422) with a Dutch
// message per field and the values as typed, and changes nothing.
func TestDemandFormBadInput(t *testing.T) {
	ta, f := seedDemandPages(t)
	good := func() url.Values {
		return url.Values{"organization": {own}, "categoryId": {fmt.Sprint(f.DemandCategory)}, "quantity": {"10"}, "unit": {"gebruikers"},
			"desiredStart": {"2027-01-01"}, "annualBudget": {"1.000,00"}, "status": {"draft"}}
	}
	with := func(kv ...string) url.Values {
		v := good()
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	ownEdit := fmt.Sprintf("/behoefte/%d/bewerken", f.OwnDemand)
	tests := []struct {
		name, who, path string
		form            url.Values
		wantContains    []string
	}{
		{"negative quantity", "member", "/behoefte/nieuw", with("quantity", "-5"), []string{"Aantal: Het aantal mag niet negatief zijn.", `value="-5"`}},
		{"no desired start", "member", "/behoefte/nieuw", with("desiredStart", ""), []string{"Gewenste start: Vul de gewenste startdatum in"}},
		{"a desired start that is no date", "member", "/behoefte/nieuw", with("desiredStart", "31-02-2027"), []string{"Vul een datum in als 31-01-2026.", `value="31-02-2027"`}},
		{"unknown category", "coordinator", "/behoefte/nieuw", with("categoryId", "99999"), []string{"Categorie: Deze categorie bestaat niet."}},
		{"no category", "member", "/behoefte/nieuw", with("categoryId", ""), []string{"Categorie: Kies een categorie."}},
		{"quantity that is no number", "member", "/behoefte/nieuw", with("quantity", "veel"), []string{"Vul een heel getal in.", `value="veel"`}},
		{"budget that is no amount", "member", "/behoefte/nieuw", with("annualBudget", "twaalf"), []string{"Budget per jaar: Vul een bedrag in euro’s in"}},
		{"negative budget", "member", "/behoefte/nieuw", with("annualBudget", "-1.000,00"), []string{"Het budget mag niet negatief zijn."}},
		{"replaces another organization's contract", "member", "/behoefte/nieuw", with("replacesContractId", fmt.Sprint(f.OtherContract)),
			[]string{"Vervangt contract: Kies een contract van dezelfde organisatie."}},
		{"unknown status", "member", "/behoefte/nieuw", with("status", "klaar"), []string{"Status: Kies een status."}},
		{"no organization, for a coordinator", "coordinator", "/behoefte/nieuw", with("organization", ""), []string{"Organisatie: Kies een organisatie.", "Vul het nummer in"}},
		{"all three at once, each named", "coordinator", "/behoefte/nieuw", with("quantity", "-1", "desiredStart", "", "categoryId", "424242"),
			[]string{"controleer 3 velden", "Het aantal mag niet negatief zijn.", "Vul de gewenste startdatum in", "Deze categorie bestaat niet."}},
		{"edit: negative quantity", "member", ownEdit, with("quantity", "-5"), []string{"Het aantal mag niet negatief zijn.", "Behoefte bewerken"}},
		{"edit: no desired start", "coordinator", ownEdit, with("desiredStart", ""), []string{"Vul de gewenste startdatum in"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := demandState(t, ta)
			resp, body := postForm(t, ta, tt.who, tt.path, tt.form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("POST %s as %s = %d, want 422:\n%s", tt.path, tt.who, resp.StatusCode, body)
			}
			checkPage(t, tt.path, []byte(body), append([]string{"De behoefte is niet opgeslagen", `aria-invalid="true"`}, tt.wantContains...)...)
			for _, english := range []string{"must not", "is required", "no category"} {
				if strings.Contains(body, english) {
					t.Errorf("the form shows the English %q", english)
				}
			}
			if after := demandState(t, ta); after != before {
				t.Errorf("rejected, but the demand changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// TestDemandFormEditAndDelete: the owner changes its demand (the
// organization stays) and deletes it.
func TestDemandFormEditAndDelete(t *testing.T) {
	ta, f := seedDemandPages(t)
	path := fmt.Sprintf("/behoefte/%d/bewerken", f.OwnDemand)
	// The organization field is disabled on the edit form; a posted other
	// one is ignored, not a way to move demand.
	form := url.Values{"organization": {own}, "categoryId": {fmt.Sprint(f.DemandCategory)}, "quantity": {"640"}, "unit": {"aansluitingen"},
		"desiredStart": {"01-10-2027"}, "replacesContractId": {fmt.Sprint(f.OwnContract)}, "annualBudget": {"€ 51.000"}, "status": {"withdrawn"}}
	resp, body := postForm(t, ta, "member", path, form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST %s = %d, want 303:\n%s", path, resp.StatusCode, body)
	}
	d, err := ta.procurement.Demand(context.Background(), contracts.Everyone(), f.OwnDemand)
	if err != nil {
		t.Fatal(err)
	}
	if d.Organization != own || d.Quantity != 640 || d.AnnualBudget != 5_100_000 || d.DesiredStart != contracts.NewDate(2027, 10, 1) ||
		d.Status != procurement.DemandWithdrawn || d.ReplacesContractID != f.OwnContract {
		t.Errorf("changed demand = %+v", d)
	}
	resp, body = postForm(t, ta, "member", fmt.Sprintf("/behoefte/%d/verwijderen", f.OwnDemand), url.Values{})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/behoefte?melding=verwijderd" {
		t.Fatalf("delete = %d %q, want 303 to the list:\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	if _, err := ta.procurement.Demand(context.Background(), contracts.Everyone(), f.OwnDemand); err == nil {
		t.Error("the demand is still there after its delete")
	}
}

// TestDashboardTenders: the start page tells a member that its
// organization was added to a tender before publication and must sign
// its mandate (issue 8: "participants are notified on their dashboard";
// DESIGN §3: the participant's mandate), lists its organization's tenders
// with its role and mandate, and leaves out tenders it has no part in;
// those who see every tender get the counts per status and the newest.
func TestDashboardTenders(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	f := seedTender(t, ta) // collecting, led by GM0363, GM0363 and GM0518 with requested mandates
	ctx := context.Background()
	p := ta.procurement
	tender := func(title, lead string, participants ...string) int64 {
		id, err := p.CreateTender(ctx, procurement.Tender{Title: title, CategoryID: f.DemandCategory, Lead: lead,
			Kind: procurement.KindServices, TermMonths: 36})
		if err != nil {
			t.Fatal(err)
		}
		for _, org := range participants {
			if err := p.SetParticipant(ctx, contracts.Everyone(), procurement.Participant{TenderID: id, Organization: org}); err != nil {
				t.Fatal(err)
			}
		}
		return id
	}
	draft := tender("Vaste telefonie 2028", "COOP-ICT", own, "GM1900")
	tender("Datacenterdiensten Haaglanden", other, other)

	collecting := fmt.Sprintf("/aanbestedingen/%d", f.Tender)
	draftURL := fmt.Sprintf("/aanbestedingen/%d", draft)
	tests := []struct {
		name, who    string
		wantContains []string
		wantLacks    []string
	}{
		{"member: a notice per tender awaiting its mandate, its role and mandate", "member", []string{
			"Aanbestedingen van uw organisatie",
			`Uw organisatie is opgenomen in de conceptaanbesteding <a href="` + draftURL + `">Vaste telefonie 2028</a>: teken het mandaat.`,
			`Uw organisatie is opgenomen in de aanbesteding <a href="` + collecting + `">Mobiele telefonie 2027</a>: teken het mandaat.`,
			"penvoerder en deelnemer", "aangevraagd: nog tekenen", "Deelnemers verzamelen", "Concept",
		}, []string{"Datacenterdiensten Haaglanden", "Gezamenlijke aanbestedingen"}},
		{"scoped finance of the same organization sees the same notices", "finance", []string{"teken het mandaat", "Vaste telefonie 2028"},
			[]string{"Datacenterdiensten Haaglanden"}},
		{"admin: counts per status and the newest tenders, no notices", "admin", []string{
			"Gezamenlijke aanbestedingen", `<span class="stat__value">2</span> <span class="stat__label">concept</span>`,
			`<span class="stat__value">1</span> <span class="stat__label">deelnemers verzamelen</span>`, "/aanbestedingen?status=draft",
			"Datacenterdiensten Haaglanden", "Mobiele telefonie 2027", "0 van 2", "Coöperatie ICT-inkoop",
		}, []string{"teken het mandaat", "Aanbestedingen van uw organisatie"}},
		{"coordinator: the same overview", "coordinator", []string{"Gezamenlijke aanbestedingen", "Vaste telefonie 2028", "0 van 2"}, []string{"teken het mandaat"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ta.doAs(t, tt.who, "GET", "/", nil, "")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET / as %s = %d:\n%s", tt.who, resp.StatusCode, body)
			}
			checkPage(t, "/", body, tt.wantContains...)
			for _, bad := range tt.wantLacks {
				if strings.Contains(string(body), bad) {
					t.Errorf("GET / as %s shows %q", tt.who, bad)
				}
			}
		})
	}

	// Once the mandate is signed, the notice goes and the mandate shows as
	// signed; asked for again, the notice is back.
	mandate := func(m procurement.Mandate) {
		t.Helper()
		if err := p.SetMandate(ctx, contracts.Only(own), f.Tender, own, m); err != nil {
			t.Fatal(err)
		}
	}
	mandate(procurement.Mandate{Status: procurement.MandateSigned, Signed: contracts.NewDate(2026, 11, 20), Body: procurement.BodyCollege,
		Scope: procurement.MandateScope{Documents: true, Award: true}})
	_, body := ta.doAs(t, "member", "GET", "/", nil, "")
	checkPage(t, "/", body, "conceptaanbesteding", "<td>getekend</td>")
	if strings.Contains(string(body), "in de aanbesteding <a href=\""+collecting) {
		t.Errorf("the notice for %s stays after the mandate was signed", collecting)
	}
	mandate(procurement.Mandate{Status: procurement.MandateRequested})

	// With more tenders than the page lists, the counts come per state and
	// the notice for the oldest tender, no longer among the newest, stays.
	for i := range 10 {
		tender(fmt.Sprintf("Kantoorautomatisering %d", i+1), other, own)
	}
	_, body = ta.doAs(t, "member", "GET", "/", nil, "")
	checkPage(t, "/", body, `in de aanbesteding <a href="`+collecting+`">Mobiele telefonie 2027</a>: teken het mandaat.`,
		"Kantoorautomatisering 10", "Alle 12 aanbestedingen bekijken", "/aanbestedingen?mijn=1")
	if n := strings.Count(string(body), "teken het mandaat"); n != 12 {
		t.Errorf("member's start page has %d mandate notices, want 12 (one per tender before publication)", n)
	}
	_, body = ta.doAs(t, "admin", "GET", "/", nil, "")
	checkPage(t, "/", body, `<span class="stat__value">12</span> <span class="stat__label">concept</span>`,
		`<span class="stat__value">1</span> <span class="stat__label">deelnemers verzamelen</span>`, "Alle 13 aanbestedingen bekijken")
}

// TestDemandListPagination: the list shows 50 rows a page, with links
// that keep the filters.
func TestDemandListPagination(t *testing.T) {
	orgs := sampleOrgs()
	for i := range 54 {
		orgs = append(orgs, contracts.Organization{Code: fmt.Sprintf("GM%04d", 2000+i), Name: fmt.Sprintf("Gemeente %d", i+1), Kind: contracts.KindMunicipality})
	}
	ta := newTestApp(t, orgs...)
	f := seedTender(t, ta) // one demand of GM0363 and GM0518 in Vaste telefonie
	ctx := context.Background()
	for i := range 54 {
		if _, err := ta.procurement.CreateDemand(ctx, contracts.Everyone(), procurement.Demand{Organization: fmt.Sprintf("GM%04d", 2000+i), CategoryID: f.Category,
			Quantity: int64(i + 1), Unit: "toestellen", DesiredStart: contracts.NewDate(2027, 1, 1).AddDays(i), Status: procurement.DemandSubmitted}); err != nil {
			t.Fatal(err)
		}
	}
	first := fmt.Sprintf("/behoefte?categorie=%d", f.Category)
	_, body := ta.doAs(t, "coordinator", "GET", first, nil, "")
	checkPage(t, first, body, "54 registraties van behoefte gevonden", "Eerste pagina", fmt.Sprintf("/behoefte?categorie=%d&amp;cursor=", f.Category),
		">1 toestellen<", ">50 toestellen<")
	if strings.Contains(string(body), ">51 toestellen<") {
		t.Errorf("GET %s shows row 51 on the first page", first)
	}
	next := regexp.MustCompile(`<a href="([^"]+)" rel="next">Volgende</a>`).FindStringSubmatch(string(body))
	if next == nil {
		t.Fatalf("GET %s has no Volgende", first)
	}
	second := html.UnescapeString(next[1])
	_, body = ta.doAs(t, "coordinator", "GET", second, nil, "")
	if strings.Contains(string(body), `rel="next"`) {
		t.Errorf("GET %s: the last page links to a next one", second)
	}
	checkPage(t, second, body, ">51 toestellen<", ">54 toestellen<", "Vorige")
	// A numbered page (a link kept from before) still reads its rows.
	_, body = ta.doAs(t, "coordinator", "GET", first+"&pagina=2", nil, "")
	checkPage(t, first+"&pagina=2", body, ">51 toestellen<", ">54 toestellen<", "Vorige")
}
