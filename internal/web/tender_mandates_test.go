package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// mandatesOf returns the seeded tender's mandates by organization.
func mandatesOf(t *testing.T, ta testApp, tender int64) map[string]procurement.Mandate {
	t.Helper()
	v, err := ta.procurement.Tender(context.Background(), contracts.Everyone(), tender)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]procurement.Mandate{}
	for _, p := range v.Participants {
		out[p.Organization] = p.Mandate
	}
	return out
}

// TestMandateImportAllOrNothing (issue 17): a file with one bad RIS link
// changes no mandate and names the row, the column and the code in the
// problem; the corrected file signs both, found by code and by name.
func TestMandateImportAllOrNothing(t *testing.T) {
	t.Parallel()
	ta := newTestAppAt(t, newMovableClock(at(2026, 11, 22)).now, sampleOrgs()...)
	f := seedTender(t, ta)
	before := mandatesOf(t, ta, f.Tender)
	path := fmt.Sprintf("/api/v1/tenders/%d/mandates/import", f.Tender)
	bad := "Organisatie;Status;Datum;Orgaan;Bevoegdheden;RIS-link;Mandaatdocument\n" +
		"GM0363;getekend;20-11-2026;college;stukken, gunning;https://amsterdam.raadsinformatie.nl/besluit/1;MD-1\n" +
		"'s-Gravenhage;getekend;2026-11-19;raad;alle;http://denhaag.raadsinformatie.nl/besluit/2;MD-2\n"
	body, ct := multipartFile(t, "mandaten.csv", []byte(bad))
	resp, b := ta.doAs(t, "coordinator", "POST", path, body, ct)
	if resp.StatusCode != 422 {
		t.Fatalf("import with a bad RIS link = %d, want 422\n%s", resp.StatusCode, b)
	}
	var p struct {
		Errors []struct {
			Location string `json:"location"`
			Code     string `json:"code"`
		} `json:"errors"`
		Report struct {
			Updated []string `json:"updated"`
		} `json:"report"`
	}
	decodeProblem(t, resp, b)
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Errors) != 1 || p.Errors[0].Location != "file.row[3].RIS-link" || p.Errors[0].Code != "https_url" {
		t.Errorf("problem errors = %+v, want one https_url at file.row[3].RIS-link", p.Errors)
	}
	if got := mandatesOf(t, ta, f.Tender); fmt.Sprint(got) != fmt.Sprint(before) {
		t.Errorf("a rejected import changed the mandates:\n got %+v\nwant %+v", got, before)
	}

	good := strings.Replace(bad, "http://denhaag", "https://denhaag", 1)
	body, ct = multipartFile(t, "mandaten.csv", []byte(good))
	resp, b = ta.doAs(t, "coordinator", "POST", path, body, ct)
	if resp.StatusCode != 200 {
		t.Fatalf("import = %d, want 200\n%s", resp.StatusCode, b)
	}
	got := mandatesOf(t, ta, f.Tender)
	if m := got[own]; m.Status != procurement.MandateSigned || m.Signed != contracts.NewDate(2026, 11, 20) || m.Body != procurement.BodyCollege ||
		!m.Scope.Award || m.Scope.Litigation || m.DecisionURL != "https://amsterdam.raadsinformatie.nl/besluit/1" || m.Document != "MD-1" {
		t.Errorf("%s's mandate = %+v", own, m)
	}
	if m := got[other]; m.Status != procurement.MandateSigned || m.Body != procurement.BodyCouncil || !m.Scope.Substitution ||
		m.DecisionURL != "https://denhaag.raadsinformatie.nl/besluit/2" {
		t.Errorf("%s's mandate (found by name) = %+v", other, m)
	}
	// The same file again changes nothing.
	body, ct = multipartFile(t, "mandaten.csv", []byte(good))
	resp, b = ta.doAs(t, "coordinator", "POST", path+"?dryRun=true", body, ct)
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"unchanged":2`) {
		t.Errorf("second import = %d %s, want 200 with 2 unchanged", resp.StatusCode, b)
	}
}

// TestMandateBadRISLinkThroughTheAPI: a single mandate with a link that
// is not https is refused with the code on its field.
func TestMandateBadRISLinkThroughTheAPI(t *testing.T) {
	t.Parallel()
	ta := newTestAppAt(t, newMovableClock(at(2026, 11, 22)).now, sampleOrgs()...)
	f := seedTender(t, ta)
	body := `{"status":"signed","signed":"2026-11-20","body":"college","documents":true,"decisionUrl":"raad.amsterdam.nl/besluit"}`
	b := call(t, ta, "coordinator", "PUT", fmt.Sprintf("/api/v1/tenders/%d/participants/%s/mandate", f.Tender, own), body, 422, nil)
	if !strings.Contains(string(b), "https_url") || !strings.Contains(string(b), "decisionUrl") {
		t.Errorf("problem does not name the decisionUrl and https_url: %s", b)
	}
	if m := mandatesOf(t, ta, f.Tender)[own]; m.Status != procurement.MandateRequested {
		t.Errorf("refused mandate was stored: %+v", m)
	}
}

// TestBulkMandatesThroughTheForm (issue 17): checked participants are
// signed on one date in one step; a signed mandate without a deciding
// body or powers is refused for all, and nothing changes.
func TestBulkMandatesThroughTheForm(t *testing.T) {
	t.Parallel()
	ta := newTestAppAt(t, newMovableClock(at(2026, 11, 22)).now, sampleOrgs()...)
	f := seedTender(t, ta)
	base := fmt.Sprintf("/aanbestedingen/%d", f.Tender)
	before := mandatesOf(t, ta, f.Tender)
	resp, body := postForm(t, ta, "coordinator", base+"/mandaten", url.Values{"org": {own, other}, "status": {"signed"}, "date": {"2026-11-20"}})
	if resp.StatusCode != 422 || !strings.Contains(body, "De mandaten zijn niet vastgelegd. GM0363: ") {
		t.Fatalf("bulk signing without body and powers = %d, want 422 with the reason\n%s", resp.StatusCode, body)
	}
	if got := mandatesOf(t, ta, f.Tender); fmt.Sprint(got) != fmt.Sprint(before) {
		t.Errorf("a refused bulk change wrote: %+v", got)
	}
	resp, body = postForm(t, ta, "coordinator", base+"/mandaten", url.Values{"alle": {"ja"}, "status": {"signed"}, "date": {"2026-11-20"},
		"body": {"college"}, "documents": {"ja"}, "award": {"ja"}})
	if resp.StatusCode != 303 {
		t.Fatalf("bulk signing = %d, want 303\n%s", resp.StatusCode, body)
	}
	for org, m := range mandatesOf(t, ta, f.Tender) {
		if m.Status != procurement.MandateSigned || m.Signed != contracts.NewDate(2026, 11, 20) || m.Body != procurement.BodyCollege || !m.Scope.Award {
			t.Errorf("%s after bulk signing: %+v", org, m)
		}
	}
	_, page := ta.doAs(t, "coordinator", "GET", resp.Header.Get("Location"), nil, "")
	if !strings.Contains(string(page), "2 mandaten zijn vastgelegd.") {
		t.Errorf("the tender page does not say how many mandates were set")
	}
}

// TestPublishConfirmationAndRefusal (issue 17): the confirmation page
// names the participants that freeze and, with a tender deadline too
// short for a publication today, the earliest date and the form that
// fixes it; the refused publication writes nothing and says the same.
func TestPublishConfirmationAndRefusal(t *testing.T) {
	t.Parallel()
	ta := newTestAppAt(t, newMovableClock(at(2026, 11, 22)).now, sampleOrgs()...)
	f := seedTender(t, ta)
	ctx := context.Background()
	p := ta.procurement
	for _, org := range []string{own, other} {
		if err := p.SetMandate(ctx, contracts.Everyone(), f.Tender, org, procurement.Mandate{Status: procurement.MandateSigned,
			Signed: contracts.NewDate(2026, 11, 20), Body: procurement.BodyCollege, Scope: procurement.MandateScope{Documents: true}}); err != nil {
			t.Fatal(err)
		}
	}
	v, err := p.Tender(ctx, contracts.Everyone(), f.Tender)
	if err != nil {
		t.Fatal(err)
	}
	tn := v.Tender
	tn.Publication, tn.TenderDeadline = contracts.NewDate(2026, 10, 1), contracts.NewDate(2026, 12, 1)
	if err := p.UpdateTender(ctx, tn); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Transition(ctx, f.Tender, procurement.TransitionInput{To: procurement.TenderMandating}); err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("/aanbestedingen/%d", f.Tender)
	resp, page := ta.doAs(t, "coordinator", "GET", base+"/status/published", nil, "")
	if resp.StatusCode != 200 {
		t.Fatalf("confirmation = %d", resp.StatusCode)
	}
	for _, want := range []string{"2 deelnemers worden vastgezet; daarna kan niemand meer instappen", `action="` + base + `/status"`,
		`name="status" value="published"`, "Terug, niets wijzigen", "kies ", base + "/bewerken#tenderDeadline"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("confirmation page lacks %q", want)
		}
	}
	_, tenderPage := ta.doAs(t, "coordinator", "GET", base, nil, "")
	if !strings.Contains(string(tenderPage), `href="`+base+`/status/published"`) {
		t.Errorf("the publish button does not lead to the confirmation")
	}
	resp, body := postForm(t, ta, "coordinator", base+"/status", url.Values{"status": {"published"}})
	if resp.StatusCode != 409 {
		t.Fatalf("publish with a too short deadline = %d, want 409", resp.StatusCode)
	}
	for _, want := range []string{"Bij publicatie vandaag (22-11-2026) is de sluitingstermijn van 01-12-2026 korter dan de minimumtermijn: kies ",
		base + "/bewerken#tenderDeadline", "Sluitingstermijn aanpassen"} {
		if !strings.Contains(body, want) {
			t.Errorf("refusal lacks %q", want)
		}
	}
	if v, _ := p.Tender(ctx, contracts.Everyone(), f.Tender); v.Tender.Status != procurement.TenderMandating || v.Tender.Publication != contracts.NewDate(2026, 10, 1) {
		t.Errorf("refused publication wrote: status %s, publication %s", v.Tender.Status, v.Tender.Publication)
	}
}

// TestDeleteConfirmations: every delete of the UI asks first, naming what
// goes, with the POST form and a way back.
func TestDeleteConfirmations(t *testing.T) {
	t.Parallel()
	ta := newTestAppAt(t, newMovableClock(at(2026, 11, 22)).now, sampleOrgs()...)
	f := seedTender(t, ta)
	base := fmt.Sprintf("/aanbestedingen/%d", f.Tender)
	tests := []struct{ who, path, want string }{
		{"coordinator", base + "/verwijderen", "met 1 perceel, 1 eis en 2 deelnemers"},
		{"coordinator", fmt.Sprintf("%s/percelen/%d/verwijderen", base, f.Lot), "2 deelnemers raken hun volume in dit perceel kwijt."},
		{"coordinator", fmt.Sprintf("%s/eisen/%d/verwijderen", base, f.Req), "Eis 1 ‘Nummerbehoud’ wordt verwijderd."},
		{"member", base + "/deelnemers/" + own + "/verwijderen", "Amsterdam neemt niet meer deel"},
		{"member", fmt.Sprintf("/behoefte/%d/verwijderen", f.OwnDemand), "De behoefte van Amsterdam"},
		{"coordinator", fmt.Sprintf("/leveranciers/%d/verwijderen", f.Vendor), "Blauw Mobiel B.V. (KvK 45678901)"},
	}
	for _, tt := range tests {
		resp, page := ta.doAs(t, tt.who, "GET", tt.path, nil, "")
		if resp.StatusCode != 200 {
			t.Errorf("GET %s = %d, want 200", tt.path, resp.StatusCode)
			continue
		}
		for _, want := range []string{tt.want, `<form method="post" action="` + tt.path + `"`, "Terug, niets wijzigen"} {
			if !strings.Contains(string(page), want) {
				t.Errorf("GET %s lacks %q", tt.path, want)
			}
		}
	}
}

// TestEditFormWarnsOfPastPublication: a planned publication date that
// has passed is named on the edit form.
func TestEditFormWarnsOfPastPublication(t *testing.T) {
	t.Parallel()
	ta := newTestAppAt(t, newMovableClock(at(2026, 11, 22)).now, sampleOrgs()...)
	f := seedTender(t, ta)
	ctx := context.Background()
	base := fmt.Sprintf("/aanbestedingen/%d/bewerken", f.Tender)
	if _, page := ta.doAs(t, "coordinator", "GET", base, nil, ""); strings.Contains(string(page), "ligt in het verleden") {
		t.Errorf("the form warns without a planned publication")
	}
	v, err := ta.procurement.Tender(ctx, contracts.Everyone(), f.Tender)
	if err != nil {
		t.Fatal(err)
	}
	tn := v.Tender
	tn.Publication = contracts.NewDate(2026, 11, 2)
	if err := ta.procurement.UpdateTender(ctx, tn); err != nil {
		t.Fatal(err)
	}
	if _, page := ta.doAs(t, "coordinator", "GET", base, nil, ""); !strings.Contains(string(page), "De geplande publicatie (2 november 2026) ligt in het verleden.") {
		t.Errorf("the form does not warn of the past publication date")
	}
}

// TestBundleAndTenderReportTheSameGaps (issue 17): the tender made from a
// bundle counts the same gaps and bridges as the suggestion did, and its
// page says so in the same words.
func TestBundleAndTenderReportTheSameGaps(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedBundles(t, ta)
	ctx := context.Background()
	list, err := ta.procurement.Bundles(ctx, contracts.Everyone(), procurement.BundleQuery{})
	if err != nil {
		t.Fatal(err)
	}
	bundle := map[procurement.GapKind]int{}
	bridges, atRisk := -1, -1
	for _, s := range list {
		if s.Key == f.MobileKey {
			bridges, atRisk = s.Bridges, s.AtRisk
			for _, p := range s.Participants {
				bundle[p.Gap.Kind]++
			}
		}
	}
	if bridges < 0 {
		t.Fatalf("no suggestion %s", f.MobileKey)
	}
	id, err := ta.procurement.TenderFromSuggestion(ctx, f.MobileKey, own)
	if err != nil {
		t.Fatal(err)
	}
	v, err := ta.procurement.Tender(ctx, contracts.Everyone(), id)
	if err != nil {
		t.Fatal(err)
	}
	tender := map[procurement.GapKind]int{}
	open, risky := 0, 0
	for _, g := range v.Plan.Gaps {
		tender[g.Kind]++
		if g.Kind == procurement.GapOpen {
			open++
			if !g.Bridgeable {
				risky++
			}
		}
	}
	if fmt.Sprint(bundle) != fmt.Sprint(tender) || open != bridges || risky != atRisk {
		t.Errorf("bundle gaps %v (%d bridges, %d at risk), tender gaps %v (%d open, %d at risk)", bundle, bridges, atRisk, tender, open, risky)
	}
	_, page := ta.doAs(t, "coordinator", "GET", fmt.Sprintf("/aanbestedingen/%d", id), nil, "")
	want := fmt.Sprintf("%d met overlap", tender[procurement.GapOverlap])
	if !strings.Contains(string(page), want) {
		t.Errorf("the tender page lacks %q", want)
	}
}

// TestBulkMandatesThroughTheAPI: a code that is no participant refuses
// the whole request, naming it; a signed mandate without powers names the
// participant's field; then every participant is signed at once.
func TestBulkMandatesThroughTheAPI(t *testing.T) {
	t.Parallel()
	ta := newTestAppAt(t, newMovableClock(at(2026, 11, 22)).now, sampleOrgs()...)
	f := seedTender(t, ta)
	path := fmt.Sprintf("/api/v1/tenders/%d/mandates", f.Tender)
	before := mandatesOf(t, ta, f.Tender)
	b := call(t, ta, "coordinator", "POST", path, `{"organizations":["GM0363","GM9999"],"status":"requested","date":"2026-11-20"}`, 422, nil)
	if !strings.Contains(string(b), "body.organizations") || !strings.Contains(string(b), "not_participant") {
		t.Errorf("unknown participant: problem %s, want not_participant on body.organizations", b)
	}
	b = call(t, ta, "coordinator", "POST", path, `{"all":true,"status":"signed","date":"2026-11-20","body":"college"}`, 422, nil)
	if !strings.Contains(string(b), "organizations.GM0363.scope") || !strings.Contains(string(b), "mandate_scope_empty") {
		t.Errorf("signed without powers: problem %s, want mandate_scope_empty on organizations.GM0363.scope", b)
	}
	if got := mandatesOf(t, ta, f.Tender); fmt.Sprint(got) != fmt.Sprint(before) {
		t.Errorf("a refused bulk request wrote: %+v", got)
	}
	call(t, ta, "coordinator", "POST", path, `{"all":true,"status":"signed","date":"2026-11-20","body":"college","documents":true}`, 200, nil)
	for org, m := range mandatesOf(t, ta, f.Tender) {
		if m.Status != procurement.MandateSigned || !m.Scope.Documents {
			t.Errorf("%s after the bulk request: %+v", org, m)
		}
	}
}
