package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// checkTenderPage fails on a page that is not whole, shows a template
// error or English where Dutch belongs.
func checkTenderPage(t *testing.T, what, body string, want, notWant []string) {
	t.Helper()
	if !strings.Contains(body, `<html lang="nl">`) || !strings.Contains(body, "</html>") {
		t.Errorf("%s: not a whole page:\n%s", what, body)
	}
	for _, bad := range []string{"ZgotmplZ", "<no value>", "template:", "%!", "must not", "is required"} {
		if strings.Contains(body, bad) {
			t.Errorf("%s: page contains %q (a template error or English)", what, bad)
		}
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s: page lacks %q", what, w)
		}
	}
	for _, w := range notWant {
		if strings.Contains(body, w) {
			t.Errorf("%s: page contains %q", what, w)
		}
	}
}

// TestTenderPages renders every tender page as the roles that use it:
// what each may do decides which forms it sees (internal/web/policies.go).
func TestTenderPages(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedTender(t, ta)
	tender := fmt.Sprintf("/aanbestedingen/%d", f.Tender)
	sections := []string{`id="samenvatting"`, `id="planning"`, `id="deelnemers"`, `id="percelen"`, `id="eisen"`, `id="huidige-contracten"`,
		`id="nadere-overeenkomsten"`, `href="#eisen"`, `class="tender-downloads"`}
	tests := []struct {
		name, who, path string
		status          int
		want, notWant   []string
	}{
		{"list for the admin", "admin", "/aanbestedingen", 200,
			[]string{"1 aanbesteding", "Mobiele telefonie 2027", "Mobiele telefonie", "Amsterdam", "Deelnemers verzamelen", "0 van 2",
				"€\u00a048.000,00", "Nieuwe aanbesteding", `href="/aanbestedingen" aria-current="page"`, `<caption`}, []string{"Alleen waar mijn organisatie"}},
		{"list for a member: own organization filter, no create button", "member", "/aanbestedingen?mijn=1", 200,
			[]string{"1 aanbesteding gevonden", "Alleen waar mijn organisatie (GM0363)", `name="mijn" type="checkbox" value="1" checked`}, []string{"Nieuwe aanbesteding"}},
		{"list: bad filter values are dropped with a notice", "coordinator", "/aanbestedingen?status=kapot&categorie=x", 200,
			[]string{"1 aanbesteding", "Onbekende status genegeerd", "Onbekende categorie genegeerd"}, nil},
		{"list: a status filter", "management", "/aanbestedingen?status=published", 200, []string{"0 aanbestedingen gevonden"}, []string{"Mobiele telefonie 2027</a>"}},
		{"tender for the admin: every section, the plan with its reasons, the runners' forms", "admin", tender, 200,
			append([]string{"Mobiele telefonie 2027", "Deelnemers verzamelen", `aria-current="step"`, "Mandaten gaan verzamelen", "Annuleren",
				"meervoudig onderhandse procedure", "nationaal", "€\u00a0216.000,00", "€\u00a0192.000,00", "Aw 2012 art. 2.16", "Aw 2012 art. 1.4", "Percelenregeling", "Aannames",
				"<svg", `role="img"`, "Grondslag", "0 van 2 getekend", "waarvan 0 gemeenten", "Deelnemer toevoegen", "Beheren", "Perceel toevoegen",
				"Eis toevoegen", "Nummerbehoud", "nog niet beoordeeld", "&#39;s-Gravenhage", "aangevraagd", "Nog geen nadere overeenkomsten",
				`href="/aanbestedingen/` + fmt.Sprint(f.Tender) + `/bewerken"`, "01-09-2027"}, sections...),
			[]string{"Uw deelname", "Verwijderen</button>\n    </form>\n  </div>"}},
		{"tender for the coordinator", "coordinator", tender, 200, append([]string{"Deelnemer toevoegen", "Mandaten gaan verzamelen"}, sections...), []string{"Uw deelname"}},
		{"tender for a member: its own forms, no runner's", "member", tender, 200,
			append([]string{"Uw deelname: Amsterdam", "Mandaat vastleggen", "Volumes wijzigen", "Amsterdam uit de aanbesteding halen",
				"Uw beoordeling: Amsterdam", `name="rating.` + fmt.Sprint(f.Req) + `"`, "college van B&amp;W"}, sections...),
			[]string{"Deelnemer toevoegen", "Beheren", "Perceel toevoegen", "Mandaten gaan verzamelen", "/bewerken"}},
		{"tender for finance: read only", "finance", tender, 200, sections, []string{"Mandaat vastleggen", "Deelnemer toevoegen", "Uw beoordeling"}},
		{"a tender that does not exist", "admin", "/aanbestedingen/9999", 404, []string{"Pagina niet gevonden"}, nil},
		{"new tender form", "coordinator", "/aanbestedingen/nieuw", 200,
			[]string{"Nieuwe aanbesteding", `name="_csrf"`, `name="options[2]"`, `for="f-title"`, "Bepaald door Samenkoop", `name="lead" type="search"`},
			[]string{"Amsterdam (GM0363)", `<select id="f-lead"`}},
		{"new tender form: not for members", "member", "/aanbestedingen/nieuw", 403, []string{"Geen toegang"}, nil},
		{"edit form keeps the values", "admin", tender + "/bewerken", 200,
			[]string{`value="Mobiele telefonie 2027"`, `value="64212000-5"`, `value="48"`, `name="options[1]" value="12"`, `value="2027-09-01"`, "checked"}, nil},
		{"a participant's page for the coordinator", "coordinator", tender + "/deelnemers/GM0518", 200,
			[]string{"&#39;s-Gravenhage", "Mandaat vastleggen", "Volumes opslaan", "Beoordelingen opslaan", `id="p-status"`}, nil},
		{"an organization that does not take part yet can join", "coordinator", tender + "/deelnemers/GM1900", 200,
			[]string{"Súdwest-Fryslân", "neemt nog niet deel", "Deelnemen met Súdwest-Fryslân"}, []string{"Mandaat vastleggen"}},
		{"another organization's participant page is refused to a member", "member", tender + "/deelnemers/GM0518", 403, []string{"Geen toegang"}, nil},
		{"the rating matrix", "finance", tender + "/beoordelingen", 200, []string{"Beoordelingen per deelnemer", "Nummerbehoud", "&#39;s-Gravenhage"}, nil},
		{"the award form before evaluation: 409 with the reason", "coordinator", tender + "/gunning", 409,
			[]string{"De wijziging is niet doorgevoerd", "vanuit ‘Deelnemers verzamelen’ kan een aanbesteding niet naar ‘Gegund’"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := ta.doAs(t, tt.who, "GET", tt.path, nil, "")
			body := string(b)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s as %s = %d, want %d\n%s", tt.path, tt.who, resp.StatusCode, tt.status, body)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("Content-Type = %q, want text/html", ct)
			}
			checkTenderPage(t, "GET "+tt.path+" as "+tt.who, body, tt.want, tt.notWant)
		})
	}
}

// participantOf returns org's participation in the seeded tender.
func participantOf(t *testing.T, ta testApp, f tenderFixture, org string) procurement.Participant {
	t.Helper()
	v, err := ta.procurement.Tender(context.Background(), contracts.Everyone(), f.Tender)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range v.Participants {
		if p.Organization == org {
			return p
		}
	}
	t.Fatalf("%s does not take part", org)
	return procurement.Participant{}
}

// TestTenderMemberForms: a member records its own mandate, volumes and
// ratings through the tender page's forms (issue 5: "members record their
// own mandate"); another organization's is refused (403) and unchanged.
func TestTenderMemberForms(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedTender(t, ta)
	base := fmt.Sprintf("/aanbestedingen/%d/deelnemers/", f.Tender)
	mandate := url.Values{"status": {"signed"}, "signed": {"20-11-2026"}, "body": {"college"}, "documents": {"ja"}, "award": {"ja"}, "reference": {"B&W 2026/311"}}

	resp, body := postForm(t, ta, "member", base+own+"/mandaat", mandate)
	if resp.StatusCode != 303 || resp.Header.Get("Location") != fmt.Sprintf("/aanbestedingen/%d?melding=mandaat#deelnemers", f.Tender) {
		t.Fatalf("POST own mandate = %d %q, want 303 to the tender\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	m := participantOf(t, ta, f, own).Mandate
	if m.Status != procurement.MandateSigned || m.Signed != contracts.NewDate(2026, 11, 20) || m.Body != procurement.BodyCollege ||
		!m.Scope.Documents || !m.Scope.Award || m.Scope.Litigation || m.Reference != "B&W 2026/311" {
		t.Errorf("own mandate = %+v, want signed on 20-11-2026 by the college for documents and award", m)
	}
	_, page := ta.doAs(t, "member", "GET", fmt.Sprintf("/aanbestedingen/%d?melding=mandaat", f.Tender), nil, "")
	checkTenderPage(t, "tender after the mandate", string(page), []string{"Het mandaat is vastgelegd", "1 van 2 getekend", "waarvan 1 gemeente", "20-11-2026", "stukken, gunning", "B&amp;W 2026/311"}, nil)

	resp, body = postForm(t, ta, "member", base+own, url.Values{fmt.Sprintf("quantity.%d", f.Lot): {"1.250"}})
	if resp.StatusCode != 303 {
		t.Fatalf("POST own volumes = %d, want 303\n%s", resp.StatusCode, body)
	}
	if v, _ := participantOf(t, ta, f, own).Volume(f.Lot); v.Quantity != 1250 || v.Annual != 1250*24_000 {
		t.Errorf("own volume = %+v, want 1.250 connections priced at €\u00a0240", v)
	}
	resp, body = postForm(t, ta, "member", base+own+"/beoordelingen", url.Values{fmt.Sprintf("rating.%d", f.Req): {"must"}})
	if resp.StatusCode != 303 {
		t.Fatalf("POST own ratings = %d, want 303\n%s", resp.StatusCode, body)
	}
	_, page = ta.doAs(t, "coordinator", "GET", fmt.Sprintf("/aanbestedingen/%d", f.Tender), nil, "")
	checkTenderPage(t, "tender after the rating", string(page), []string{"moet</strong>", "moet: deelnemers met"}, nil)

	// Another organization: refused by the policy before the form is read.
	before := tenderState(t, ta, f)
	for _, path := range []string{base + other + "/mandaat", base + other, base + other + "/beoordelingen", base + other + "/verwijderen"} {
		form := mandate
		if !strings.HasSuffix(path, "/mandaat") {
			form = url.Values{fmt.Sprintf("quantity.%d", f.Lot): {"1"}, fmt.Sprintf("rating.%d", f.Req): {"wont"}}
		}
		if resp, _ := postForm(t, ta, "member", path, form); resp.StatusCode != 403 {
			t.Errorf("POST %s as member = %d, want 403", path, resp.StatusCode)
		}
	}
	if after := tenderState(t, ta, f); after != before {
		t.Errorf("refused forms changed the tender:\nbefore %s\nafter  %s", before, after)
	}

	// Leaving takes the organization out with its ratings.
	resp, _ = postForm(t, ta, "member", base+own+"/verwijderen", url.Values{})
	if resp.StatusCode != 303 {
		t.Fatalf("POST leave = %d, want 303", resp.StatusCode)
	}
	_, page = ta.doAs(t, "member", "GET", fmt.Sprintf("/aanbestedingen/%d", f.Tender), nil, "")
	checkTenderPage(t, "tender after leaving", string(page), []string{"Amsterdam neemt nog niet deel", "Deelnemen met Amsterdam", "0 van 1 getekend"}, []string{"Mandaat vastleggen"})
}

// TestTenderFormsRejectBadInput: each rejected form comes back (422) with
// its problems in Dutch next to the fields and the values as typed, and
// changes nothing.
func TestTenderFormsRejectBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, who, path string
		form            func(tenderFixture) url.Values
		want            []string
	}{
		{"a signed mandate without date, body or scope", "member", "/deelnemers/GM0363/mandaat",
			func(tenderFixture) url.Values {
				return url.Values{"status": {"signed"}, "signed": {""}, "reference": {"besluit 12"}}
			},
			[]string{"Vul de datum in waarop het mandaat is getekend", "Kies het orgaan dat het mandaat verleende", "Kies minstens één bevoegdheid",
				`href="#p-signed"`, `href="#p-scope"`, `id="p-scope"`, `value="besluit 12"`, `<option value="signed" selected>`}},
		{"a mandate signed in the future and a date that is none", "coordinator", "/deelnemers/GM0518/mandaat",
			func(tenderFixture) url.Values {
				return url.Values{"status": {"signed"}, "signed": {"31-02-2026"}, "body": {"raad"}, "award": {"ja"}}
			},
			[]string{"Vul een datum in als 31-01-2026", `value="31-02-2026"`, "&#39;s-Gravenhage"}},
		{"a negative volume", "member", "/deelnemers/GM0363",
			func(f tenderFixture) url.Values { return url.Values{fmt.Sprintf("quantity.%d", f.Lot): {"-5"}} },
			[]string{"Vul 0 of meer in", "Perceel 1, aantal", `value="-5"`}},
		{"a volume that is no number", "member", "/deelnemers/GM0363",
			func(f tenderFixture) url.Values {
				return url.Values{fmt.Sprintf("quantity.%d", f.Lot): {"veel"}, fmt.Sprintf("annual.%d", f.Lot): {"-100"}}
			},
			[]string{"Vul een heel getal in", `value="veel"`}},
		{"a rating other than must/should/could/wont", "member", "/deelnemers/GM0363/beoordelingen",
			func(f tenderFixture) url.Values { return url.Values{fmt.Sprintf("rating.%d", f.Req): {"essential"}} },
			[]string{"Kies moet, zou moeten, kan of niet nu", "Eis 1"}},
		{"a participant from an unknown organization", "coordinator", "/deelnemers",
			func(f tenderFixture) url.Values {
				return url.Values{"organization": {"gm9999"}, fmt.Sprintf("quantity.%d", f.Lot): {"10"}}
			},
			[]string{"Deelnemer toevoegen", "Er is geen organisatie met deze code", `value="GM9999"`, `value="10"`}},
		{"a lot without title and with a negative price", "coordinator", "/percelen",
			func(tenderFixture) url.Values {
				return url.Values{"title": {""}, "unitPrice": {"-12,50"}, "cpv": {"6421"}}
			},
			[]string{"Perceel toevoegen", "Vul een titel in", "De prijs mag niet negatief zijn", "Vul een CPV-code in als 64210000-1", `value="-12,50"`}},
		{"a requirement without text", "admin", "/eisen",
			func(tenderFixture) url.Values { return url.Values{"text": {"  "}, "kind": {"award"}} },
			[]string{"Eis toevoegen", "Vul de tekst van de eis in", `<option value="award" selected>`}},
		{"terms: no title, a framework over 48 months, an override without a reason, an option that is no number (Aw 2012 art. 2.140, art. 1.4)", "coordinator", "/bewerken",
			func(f tenderFixture) url.Values {
				return url.Values{"title": {""}, "categoryId": {fmt.Sprint(f.Category)}, "lead": {own}, "kind": {"services"}, "termMonths": {"48"},
					"framework": {"ja"}, "options[0]": {"24"}, "options[1]": {"twee"}, "procedure": {"restricted"}, "optionRows": {"3"}}
			},
			[]string{"De aanbesteding is niet opgeslagen", "Vul een titel in", "Vul een heel getal in", `value="twee"`,
				"Geef een schriftelijke motivering voor de gekozen procedure", `href="#f-options-1"`}},
		{"terms: a framework over 48 months without justification", "coordinator", "/bewerken",
			func(f tenderFixture) url.Values {
				return url.Values{"title": {"Raam"}, "categoryId": {fmt.Sprint(f.Category)}, "lead": {own}, "kind": {"services"}, "termMonths": {"48"},
					"framework": {"ja"}, "options[0]": {"24"}}
			},
			[]string{"Een raamovereenkomst loopt inclusief opties hooguit 48 maanden", `href="#f-termMonths"`}},
		{"terms: an unknown lead and category", "admin", "/bewerken",
			func(tenderFixture) url.Values {
				return url.Values{"title": {"X"}, "categoryId": {"9999"}, "lead": {"GM9999"}, "kind": {"services"}, "termMonths": {"12"}}
			},
			[]string{"Deze categorie bestaat niet", "Deze organisatie bestaat niet"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ta := newTestApp(t, sampleOrgs()...)
			f := seedTender(t, ta)
			before := tenderState(t, ta, f)
			path := fmt.Sprintf("/aanbestedingen/%d%s", f.Tender, tt.path)
			resp, body := postForm(t, ta, tt.who, path, tt.form(f))
			if resp.StatusCode != 422 {
				t.Fatalf("POST %s = %d, want 422\n%s", path, resp.StatusCode, body)
			}
			checkTenderPage(t, "POST "+path, body, append([]string{`aria-invalid="true"`, `class="error-summary"`}, tt.want...), nil)
			if after := tenderState(t, ta, f); after != before {
				t.Errorf("a rejected form changed the tender:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// TestTenderStatusGuards: a step whose guard is unmet shows the tender
// with the reason in Dutch (409) and changes nothing (DESIGN §4).
func TestTenderStatusGuards(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedTender(t, ta)
	status := fmt.Sprintf("/aanbestedingen/%d/status", f.Tender)
	resp, body := postForm(t, ta, "coordinator", status, url.Values{"status": {"mandating"}})
	if resp.StatusCode != 303 {
		t.Fatalf("POST mandating = %d, want 303\n%s", resp.StatusCode, body)
	}
	_, page := ta.doAs(t, "coordinator", "GET", resp.Header.Get("Location"), nil, "")
	checkTenderPage(t, "tender in mandating", string(page), []string{"De aanbesteding heeft nu de status ‘Mandaten verzamelen’, sinds ", "Publiceren", "Nog niet alle mandaten getekend: 0 van 2."}, nil)

	before := tenderState(t, ta, f)
	tests := []struct {
		name, to string
		want     string
	}{
		{"publish with unsigned mandates (DESIGN §4 guard)", "published", "Publiceren kan pas als elke deelnemer een getekend mandaat heeft. Nog niet alle mandaten getekend: 0 van 2."},
		{"a step the lifecycle does not allow", "contracted", "vanuit ‘Mandaten verzamelen’ kan een aanbesteding niet naar ‘Gecontracteerd’"},
	}
	for _, tt := range tests {
		resp, body := postForm(t, ta, "coordinator", status, url.Values{"status": {tt.to}})
		if resp.StatusCode != 409 {
			t.Fatalf("%s: POST = %d, want 409\n%s", tt.name, resp.StatusCode, body)
		}
		checkTenderPage(t, tt.name, body, []string{"De wijziging is niet doorgevoerd", tt.want, `role="alert"`}, []string{"not every participant"})
	}
	if after := tenderState(t, ta, f); after != before {
		t.Errorf("a refused step changed the tender:\nbefore %s\nafter  %s", before, after)
	}
	// Deleting a tender that runs is refused the same way.
	resp, body = postForm(t, ta, "admin", fmt.Sprintf("/aanbestedingen/%d/verwijderen", f.Tender), url.Values{})
	if resp.StatusCode != 409 || !strings.Contains(body, "Alleen een aanbesteding in concept of een geannuleerde aanbesteding kan worden verwijderd") {
		t.Errorf("POST delete of a running tender = %d, want 409 with the reason", resp.StatusCode)
	}
}

// TestTenderThroughTheForms runs a tender through the UI as its users
// would: the coordinator creates it with a lot and a requirement, opens
// it for participants, a member joins, signs and rates; once published
// the forms are gone and a late change is refused with the reason.
func TestTenderThroughTheForms(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	ctx := context.Background()
	cat, err := ta.svc.CreateCategory(ctx, contracts.Category{Name: "Vaste telefonie", CPV: []string{"64211000-8"}})
	if err != nil {
		t.Fatal(err)
	}
	post := func(who, path string, form url.Values) string {
		t.Helper()
		resp, body := postForm(t, ta, who, path, form)
		if resp.StatusCode != 303 {
			t.Fatalf("POST %s as %s = %d, want 303\n%s", path, who, resp.StatusCode, body)
		}
		return resp.Header.Get("Location")
	}
	loc := post("coordinator", "/aanbestedingen/nieuw", url.Values{"title": {"Vaste telefonie 2028"}, "categoryId": {fmt.Sprint(cat)},
		"cpv": {"64211000-8"}, "lead": {own}, "kind": {"services"}, "termMonths": {"36"}, "options[0]": {"12"}, "optionRows": {"3"},
		"totalPrice": {"ja"}, "electronic": {"ja"}, "documentsOnline": {"ja"}, "neededStart": {"01-01-2028"}})
	id := mustID(t, strings.TrimSuffix(strings.TrimPrefix(loc, "/aanbestedingen/"), "?melding=aangemaakt"))
	base := fmt.Sprintf("/aanbestedingen/%d", id)
	post("coordinator", base+"/percelen", url.Values{"title": {"Vaste aansluitingen"}, "unit": {"aansluitingen"}, "unitPrice": {"180,00"}})
	post("coordinator", base+"/eisen", url.Values{"text": {"Nummerbehoud van alle vaste nummers"}, "kind": {"knockout"}})
	post("coordinator", base+"/status", url.Values{"status": {"collecting"}})
	v, err := ta.procurement.Tender(ctx, contracts.Everyone(), id)
	if err != nil || len(v.Lots) != 1 || len(v.Requirements) != 1 || v.Tender.Status != procurement.TenderCollecting || v.Tender.TermMonths != 36 ||
		len(v.Tender.Options) != 1 || !v.Tender.TotalPrice || v.Tender.NeededStart != contracts.NewDate(2028, 1, 1) {
		t.Fatalf("after the coordinator's forms: %+v, %v", v.Tender, err)
	}
	lot, req := v.Lots[0].ID, v.Requirements[0].ID
	post("member", base+"/deelnemers/"+own, url.Values{fmt.Sprintf("quantity.%d", lot): {"4.000"}})
	post("member", base+"/deelnemers/"+own+"/mandaat", url.Values{"status": {"signed"}, "signed": {"2026-11-20"}, "body": {"college"}, "documents": {"ja"}})
	post("member", base+"/deelnemers/"+own+"/beoordelingen", url.Values{fmt.Sprintf("rating.%d", req): {"should"}})
	post("coordinator", base+"/status", url.Values{"status": {"mandating"}})
	post("coordinator", base+"/status", url.Values{"status": {"published"}})

	_, page := ta.doAs(t, "member", "GET", base, nil, "")
	// 4.000 × € 180 a year over 36 + 12 months (Aw 2012 art. 2.15).
	checkTenderPage(t, "published tender", string(page), []string{"Gepubliceerd", "1 van 1 getekend", "€\u00a0720.000,00", "€\u00a02.880.000,00",
		"De deelnemerslijst is bevroren", "zou moeten</strong>", "22-11-2026"}, []string{"Mandaat vastleggen", "Uw beoordeling"})
	resp, body := postForm(t, ta, "member", base+"/deelnemers/"+own+"/mandaat", url.Values{"status": {"revoked"}})
	if resp.StatusCode != 409 || !strings.Contains(body, "De aanbesteding heeft de status ‘gepubliceerd’") {
		t.Errorf("POST a mandate after publication = %d, want 409 with the reason\n%s", resp.StatusCode, body)
	}
	if resp, _ := ta.doAs(t, "coordinator", "GET", base+"/bewerken", nil, ""); resp.StatusCode != 409 {
		t.Errorf("GET the terms form after publication = %d, want 409", resp.StatusCode)
	}
}

// TestTenderPagesEscape: a title with markup reaches the pages escaped
// only, the timeline's SVG included.
func TestTenderPagesEscape(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedTender(t, ta)
	const evil = `<script>alert(1)</script>`
	v, err := ta.procurement.Tender(context.Background(), contracts.Everyone(), f.Tender)
	if err != nil {
		t.Fatal(err)
	}
	tt := v.Tender
	tt.Title, tt.Description = "Telefonie "+evil, evil
	if err := ta.procurement.UpdateTender(context.Background(), tt); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/aanbestedingen", fmt.Sprintf("/aanbestedingen/%d", f.Tender), fmt.Sprintf("/aanbestedingen/%d/beoordelingen", f.Tender),
		fmt.Sprintf("/aanbestedingen/%d/bewerken", f.Tender), fmt.Sprintf("/aanbestedingen/%d/deelnemers/%s", f.Tender, own)} {
		resp, b := ta.doAs(t, "admin", http.MethodGet, path, nil, "")
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s = %d", path, resp.StatusCode)
		}
		if strings.Contains(string(b), evil) {
			t.Errorf("GET %s echoes the title unescaped", path)
		}
		if !strings.Contains(string(b), "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("GET %s does not show the escaped title", path)
		}
	}
}

// tenderPageAccessRows are the access-matrix rows of the tender pages
// (DESIGN §6; tendersPages states the policy in words). Forms are
// url-encoded; {lot}, {requirement} and {category} are the seeded
// tender's.
var tenderPageAccessRows = func() []accessRow {
	//                     nobody admin coord member fin  mgmt fin-all mgmt-all
	all := statuses{303, 200, 200, 200, 200, 200, 200, 200}
	runnersGet := func(ok int) statuses { return statuses{303, ok, ok, 403, 403, 403, 403, 403} }
	runners := func(ok int) statuses { return statuses{401, ok, ok, 403, 403, 403, 403, 403} }
	ownGet := statuses{303, 200, 200, 200, 403, 403, 403, 403}
	ownParticipant := statuses{401, 303, 303, 303, 403, 403, 403, 403}
	terms := "title=Vaste+telefonie&categoryId={category}&lead=" + own + "&kind=services&termMonths=36"
	volumes := "quantity.{lot}=250"
	mandate := url.Values{"status": {"signed"}, "signed": {"2026-11-20"}, "body": {"college"}, "documents": {"ja"}, "award": {"ja"}}.Encode()
	ratings := "rating.{requirement}=must"
	return []accessRow{
		{"UI: every role reads tenders (issue 5)", "GET", "/aanbestedingen", "", "", all},
		{"UI: admin and coordinator open the new-tender form", "GET", "/aanbestedingen/nieuw", "", "", runnersGet(200)},
		{"UI: admin and coordinator create tenders", "POST", "/aanbestedingen/nieuw", "", terms, runners(303)},
		{"UI: every role reads a tender", "GET", "/aanbestedingen/{tender}", "", "", all},
		{"UI: admin and coordinator open the terms form", "GET", "/aanbestedingen/{tender}/bewerken", "", "", runnersGet(200)},
		{"UI: admin and coordinator change the terms", "POST", "/aanbestedingen/{tender}/bewerken", "", terms, runners(303)},
		{"UI: only a draft or cancelled tender is deleted (409 while collecting)", "POST", "/aanbestedingen/{tender}/verwijderen", "", "", runners(409)},
		{"UI: admin and coordinator open the confirmation of a delete (issue 17)", "GET", "/aanbestedingen/{tender}/verwijderen", "", "", runnersGet(200)},
		{"UI: admin and coordinator open the confirmation of a lifecycle step (issue 17)", "GET", "/aanbestedingen/{tender}/status/{step}", "", "", runnersGet(200)},
		{"UI: admin and coordinator open the confirmation of a lot's removal", "GET", "/aanbestedingen/{tender}/percelen/{lot}/verwijderen", "", "", runnersGet(200)},
		{"UI: admin and coordinator open the confirmation of a requirement's removal", "GET", "/aanbestedingen/{tender}/eisen/{requirement}/verwijderen", "", "", runnersGet(200)},
		{"UI: a member opens the confirmation of leaving with its own organization", "GET", "/aanbestedingen/{tender}/deelnemers/{code}/verwijderen", own, "", ownGet},
		{"UI: a member cannot open another organization's leaving", "GET", "/aanbestedingen/{tender}/deelnemers/{code}/verwijderen", other, "", runnersGet(200)},
		{"UI: admin and coordinator mark many mandates at once (issue 17)", "POST", "/aanbestedingen/{tender}/mandaten", "", "alle=ja&status=requested", runners(303)},
		{"UI: admin and coordinator open the mandate import", "GET", "/aanbestedingen/{tender}/mandaten/importeren", "", "", runnersGet(200)},
		{"UI: mandate import without a file is 422 for runners", "POST", "/aanbestedingen/{tender}/mandaten/importeren", "", "", runners(422)},
		{"UI: admin and coordinator download the mandate template", "GET", "/aanbestedingen/{tender}/mandaten/sjabloon.csv", "", "", runnersGet(200)},
		{"UI: admin and coordinator move a tender through its lifecycle", "POST", "/aanbestedingen/{tender}/status", "", "status=mandating", runners(303)},
		{"UI: the award form, only from evaluation (409 while collecting)", "GET", "/aanbestedingen/{tender}/gunning", "", "", runnersGet(409)},
		{"UI: every role reads the rating matrix", "GET", "/aanbestedingen/{tender}/beoordelingen", "", "", all},
		{"UI: admin and coordinator add lots", "POST", "/aanbestedingen/{tender}/percelen", "", "title=Data", runners(303)},
		{"UI: admin and coordinator change lots", "POST", "/aanbestedingen/{tender}/percelen/{lot}", "", "title=Mobiel", runners(303)},
		{"UI: admin and coordinator remove lots", "POST", "/aanbestedingen/{tender}/percelen/{lot}/verwijderen", "", "", runners(303)},
		{"UI: admin and coordinator add requirements", "POST", "/aanbestedingen/{tender}/eisen", "", "text=Eigen+beheerportaal&kind=award", runners(303)},
		{"UI: admin and coordinator change requirements", "POST", "/aanbestedingen/{tender}/eisen/{requirement}", "", "text=Nummerbehoud+van+alle+nummers&kind=knockout", runners(303)},
		{"UI: admin and coordinator remove requirements", "POST", "/aanbestedingen/{tender}/eisen/{requirement}/verwijderen", "", "", runners(303)},
		{"UI: admin and coordinator add any organization", "POST", "/aanbestedingen/{tender}/deelnemers", "", "organization=GM1900&" + volumes, runners(303)},
		{"UI: a member opens its own participation", "GET", "/aanbestedingen/{tender}/deelnemers/{code}", own, "", ownGet},
		{"UI: a member cannot open another organization's participation", "GET", "/aanbestedingen/{tender}/deelnemers/{code}", other, "", runnersGet(200)},
		{"UI: a member joins and sets volumes for its own organization (issue 5)", "POST", "/aanbestedingen/{tender}/deelnemers/{code}", own, volumes, ownParticipant},
		{"UI: a member cannot set another organization's volumes", "POST", "/aanbestedingen/{tender}/deelnemers/{code}", other, volumes, runners(303)},
		{"UI: a member leaves with its own organization", "POST", "/aanbestedingen/{tender}/deelnemers/{code}/verwijderen", own, "", ownParticipant},
		{"UI: a member cannot remove another organization", "POST", "/aanbestedingen/{tender}/deelnemers/{code}/verwijderen", other, "", runners(303)},
		{"UI: a member records its own mandate (issue 5)", "POST", "/aanbestedingen/{tender}/deelnemers/{code}/mandaat", own, mandate, ownParticipant},
		{"UI: a member cannot record another organization's mandate", "POST", "/aanbestedingen/{tender}/deelnemers/{code}/mandaat", other, mandate, runners(303)},
		{"UI: a member rates for its own organization", "POST", "/aanbestedingen/{tender}/deelnemers/{code}/beoordelingen", own, ratings, ownParticipant},
		{"UI: a member cannot rate for another organization", "POST", "/aanbestedingen/{tender}/deelnemers/{code}/beoordelingen", other, ratings, runners(303)},
	}
}()

func init() { areaAccessRows = append(areaAccessRows, tenderPageAccessRows...) }

// TestTenderPageAccessMatrix sends every tender page and form as every
// test user and nobody over a seeded tender; a refused change leaves the
// tender as it was. Reads and refusals share one app per row; each change
// that goes through gets its own.
func TestTenderPageAccessMatrix(t *testing.T) {
	t.Parallel()
	checkTenderAreaMatrix(t, tenderPageAccessRows)
}

// TestTenderAwardThroughTheForms takes a published tender through the
// award form to contracted: each guard refuses in Dutch first (the tender
// deadline, the standstill of Aw 2012 art. 2.127), a bad award comes back
// with its problems, and the call-offs appear with links to the register.
func TestTenderAwardThroughTheForms(t *testing.T) {
	t.Parallel()
	clock := newMovableClock(at(2026, 11, 22))
	ta := newTestAppAt(t, clock.now, sampleOrgs()...)
	f := seedTender(t, ta)
	ctx := context.Background()
	for _, org := range []string{own, other} {
		if err := ta.procurement.SetMandate(ctx, contracts.Everyone(), f.Tender, org, procurement.Mandate{Status: procurement.MandateSigned,
			Signed: contracts.NewDate(2026, 11, 20), Body: procurement.BodyCollege, Scope: procurement.MandateScope{Documents: true, Award: true}}); err != nil {
			t.Fatal(err)
		}
	}
	// A lot no participant has volume in is not offered for award (issue 17).
	if _, err := ta.procurement.AddLot(ctx, procurement.Lot{TenderID: f.Tender, Title: "Satelliettelefonie", Unit: "aansluitingen"}); err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("/aanbestedingen/%d", f.Tender)
	status := func(to string, want int, form url.Values) string {
		t.Helper()
		if form == nil {
			form = url.Values{}
		}
		form.Set("status", to)
		resp, body := postForm(t, ta, "coordinator", base+"/status", form)
		if resp.StatusCode != want {
			t.Fatalf("POST status %s = %d, want %d\n%s", to, resp.StatusCode, want, body)
		}
		return body
	}
	status("mandating", 303, nil)
	status("published", 303, nil)
	v, err := ta.procurement.Tender(ctx, contracts.Everyone(), f.Tender)
	if err != nil {
		t.Fatal(err)
	}
	deadline, _ := v.Plan.Milestone(procurement.MilestoneTenderDeadline)
	body := status("evaluating", 409, nil)
	checkTenderPage(t, "evaluating before the deadline", body, []string{"De inschrijvingstermijn sluit op " + nl.Date(deadline.Date)}, nil)

	clock.set(at(2027, 1, 10))
	status("evaluating", 303, nil)
	resp, page := ta.doAs(t, "coordinator", "GET", base+"/gunning", nil, "")
	if resp.StatusCode != 200 {
		t.Fatalf("GET the award form = %d\n%s", resp.StatusCode, page)
	}
	// The vendor is a search, not a list of the whole register (issue 17).
	checkTenderPage(t, "award form", string(page), []string{"Gunnen: Mobiele telefonie 2027", `value="2027-01-10"`,
		fmt.Sprintf(`name="zoek.%d"`, f.Lot), "Zoek hierboven de leverancier", "Aw 2012 art. 2.127",
		"Zonder volume, dus niet te gunnen: perceel 2. Satelliettelefonie"}, []string{"Blauw Mobiel B.V.", "Leverancier perceel 2"})
	_, page = ta.doAs(t, "coordinator", "GET", fmt.Sprintf("%s/gunning?zoek.%d=45678901", base, f.Lot), nil, "")
	checkTenderPage(t, "award form searched by KvK number", string(page), []string{"Blauw Mobiel B.V. (KvK 45678901)",
		fmt.Sprintf(`name="vendor.%d" value="%d"`, f.Lot, f.Vendor)}, nil)
	vendor := fmt.Sprintf("vendor.%d", f.Lot)
	body = status("awarded", 422, url.Values{"decisionSent": {"2027-01-10"}})
	checkTenderPage(t, "award without a vendor", body, []string{"Niet gegund", "Kies de leverancier van dit perceel", `class="checkbox-group field--error"`}, nil)
	body = status("awarded", 422, url.Values{"decisionSent": {"2027-02-01"}, vendor: {fmt.Sprint(f.Vendor)}})
	checkTenderPage(t, "award dated in the future", body, []string{"De datum kan niet in de toekomst liggen", `value="2027-02-01"`,
		fmt.Sprintf(`name="vendor.%d" value="%d" checked>`, f.Lot, f.Vendor)}, nil)
	status("awarded", 303, url.Values{"decisionSent": {"2027-01-10"}, vendor: {fmt.Sprint(f.Vendor)}})

	// Standstill: 20 calendar days from the day after sending (Aw 2012
	// art. 2.127); day 20 is Saturday 30 January 2027, so it runs on to
	// Monday 1 February (Algemene termijnenwet art. 1).
	body = status("contracted", 409, nil)
	checkTenderPage(t, "contracted in the standstill", body, []string{"De standstill-termijn loopt tot en met maandag 01-02-2027 (dag 20 viel op zaterdag 30-01-2027; Algemene termijnenwet art. 1). U kunt het contract sluiten vanaf 02-02-2027"}, nil)
	clock.set(at(2027, 2, 1))
	status("contracted", 409, nil)
	clock.set(at(2027, 2, 2))
	status("contracted", 303, nil)
	v, err = ta.procurement.Tender(ctx, contracts.Everyone(), f.Tender)
	if err != nil || len(v.CallOffs) != 2 {
		t.Fatalf("after contracting: %d call-offs, %v; want 2", len(v.CallOffs), err)
	}
	ownContract, otherContract := v.CallOffs[0].ContractID, v.CallOffs[1].ContractID
	if v.CallOffs[0].Organization != own {
		ownContract, otherContract = otherContract, ownContract
	}
	_, page = ta.doAs(t, "member", "GET", base, nil, "")
	checkTenderPage(t, "contracted tender for the member", string(page), []string{"Gecontracteerd", "Blauw Mobiel B.V.",
		fmt.Sprintf(`<a href="/contracten/%d">AB-%d-P1</a>`, ownContract, f.Tender)}, []string{fmt.Sprintf(`href="/contracten/%d"`, otherContract)})
}

// TestTenderTimelineProblem: a needed start the legal minimum periods can
// no longer reach is said at the top of the planning.
func TestTenderTimelineProblem(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedTender(t, ta)
	ctx := context.Background()
	v, err := ta.procurement.Tender(ctx, contracts.Everyone(), f.Tender)
	if err != nil {
		t.Fatal(err)
	}
	tt := v.Tender
	tt.NeededStart = contracts.NewDate(2027, 1, 15)
	if err := ta.procurement.UpdateTender(ctx, tt); err != nil {
		t.Fatal(err)
	}
	_, page := ta.doAs(t, "finance", "GET", fmt.Sprintf("/aanbestedingen/%d", f.Tender), nil, "")
	checkTenderPage(t, "tender that is too late", string(page), []string{`class="timeline-problem" role="alert"`, "voor de benodigde start 15-01-2027", "die datum is voorbij"}, nil)
}
