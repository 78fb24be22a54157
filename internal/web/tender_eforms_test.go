package web_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/eformstest"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// tenderEFormsRows are the access-matrix rows of the European notices:
// whoever may read the tender may ask for its notice; the seeded tender
// lies below the EU threshold, so each caller who gets that far hears
// 409. The notice details are set by those who run tenders.
var tenderEFormsRows = func() []accessRow {
	//                     nobody admin coord member fin  mgmt fin-all mgmt-all
	below := statuses{401, 409, 409, 409, 409, 409, 409, 409}
	page := statuses{303, 409, 409, 409, 409, 409, 409, 409}
	runners := statuses{401, 200, 200, 403, 403, 403, 403, 403}
	formPage := statuses{303, 200, 200, 403, 403, 403, 403, 403}
	formPost := statuses{401, 303, 303, 403, 403, 403, 403, 403}
	return []accessRow{
		{"API: every role asks for a tender's eForms notice (issue 18)", "GET", "/api/v1/tenders/{tender}/eforms", "", "", below},
		{"UI: every role downloads the eForms contract notice from the tender page", "GET", "/aanbestedingen/{tender}/eforms-cn.xml", "", "", page},
		{"UI: every role downloads the eForms prior information notice", "GET", "/aanbestedingen/{tender}/eforms-pin.xml", "", "", page},
		{"UI: every role downloads the eForms award notice", "GET", "/aanbestedingen/{tender}/eforms-can.xml", "", "", page},
		{"API: admin and coordinator set the notice details (issue 18)", "PUT", "/api/v1/tenders/{tender}/notice-details", "",
			`{"tenderNedId":"420042","tenderNedUrl":"https://www.tenderned.nl/aankondigingen/overzicht/420042"}`, runners},
		{"UI: admin and coordinator open the tender's notice details form", "GET", "/aanbestedingen/{tender}/aankondiging", "", "", formPage},
		{"UI: admin and coordinator save the tender's notice details", "POST", "/aanbestedingen/{tender}/aankondiging", "",
			url.Values{"tenderNedId": {"420042"}}.Encode(), formPost},
		{"UI: admin and coordinator open an organization's notice details form", "GET", "/organisaties/{code}/aankondiging", own, "", formPage},
		{"UI: admin and coordinator save an organization's notice details", "POST", "/organisaties/{code}/aankondiging", own,
			url.Values{"city": {"Amsterdam"}, "nuts": {"NL32B"}}.Encode(), formPost},
		{"UI: admin and coordinator open another organization's notice details form", "GET", "/organisaties/{code}/aankondiging", other, "", formPage},
		{"UI: admin and coordinator save another organization's notice details", "POST", "/organisaties/{code}/aankondiging", other,
			url.Values{"city": {"Den Haag"}, "nuts": {"NL361"}}.Encode(), formPost},
	}
}()

func init() { areaAccessRows = append(areaAccessRows, tenderEFormsRows...) }

// TestTenderEFormsAccessMatrix drives the rows on one app.
func TestTenderEFormsAccessMatrix(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedTender(t, ta)
	for _, row := range tenderEFormsRows {
		t.Run(row.name(), func(t *testing.T) {
			for i, who := range matrixWho {
				checkAccess(t, ta, tenderRoute(row, f), who, row.want[i])
			}
		})
	}
}

// TestTenderEForms takes the seeded tender over the EU threshold: a
// contract notice then lists each field it misses by name (422), in
// Dutch on the tender page; with the organizations' and the tender's data
// filled in it is an XSD-valid contract notice (16) with a Dutch file
// name, and the tender page shows the TenderNed kenmerk.
func TestTenderEForms(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedTender(t, ta)
	ctx := context.Background()
	path := fmt.Sprintf("/api/v1/tenders/%d/eforms?notice=cn", f.Tender)

	resp, body := ta.doAs(t, "member", http.MethodGet, path, nil, "")
	if p := decodeProblem(t, resp, body); resp.StatusCode != http.StatusConflict || !strings.Contains(p.Detail, "Geen Europese aankondiging nodig") {
		t.Errorf("below the threshold: %d %q, want 409 saying no European notice is needed", resp.StatusCode, p.Detail)
	}

	// Above the threshold: € 100.000 a year each over six years.
	for _, org := range []string{own, other} {
		if err := ta.procurement.SetParticipant(ctx, contracts.Everyone(), procurement.Participant{TenderID: f.Tender, Organization: org,
			Volumes: []procurement.LotVolume{{LotID: f.Lot, Quantity: 100, Annual: 100_000_00}}}); err != nil {
			t.Fatal(err)
		}
		if err := ta.procurement.SetMandate(ctx, contracts.Everyone(), f.Tender, org, procurement.Mandate{Status: procurement.MandateSigned,
			Signed: contracts.NewDate(2026, 11, 1), Body: procurement.BodyCollege, Scope: procurement.MandateScope{Documents: true, Award: true}}); err != nil {
			t.Fatal(err)
		}
	}
	resp, body = ta.doAs(t, "coordinator", http.MethodGet, path, nil, "")
	p := decodeProblem(t, resp, body)
	var fields []string
	for _, e := range p.Errors {
		fields = append(fields, e.Location)
	}
	got := strings.Join(fields, " ")
	for _, want := range []string{"organizations.GM0363.city", "organizations.GM0363.oin", "organizations.GM0363.email",
		"organizations.GM0518.address", "reviewId", "documentsUrl", "description"} {
		if !strings.Contains(got, want) {
			t.Errorf("422 lists %q, want %s among them", got, want)
		}
	}
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("missing data: %d, want 422", resp.StatusCode)
	}
	page := fmt.Sprintf("/aanbestedingen/%d", f.Tender)
	_, pageHTML := ta.doAs(t, "coordinator", http.MethodGet, page, nil, "")
	for _, want := range []string{nl.Message("notice_buyer_city", "Amsterdam"), nl.Message("notice_documents_url")} {
		if !strings.Contains(string(pageHTML), html.EscapeString(want)) {
			t.Errorf("the tender page does not list %q", want)
		}
	}

	// Each missing field links to the form that fills it in.
	for _, want := range []string{`href="/organisaties/GM0363/aankondiging#f-city"`, `href="/organisaties/GM0518/aankondiging#f-street"`,
		fmt.Sprintf(`href="/aanbestedingen/%d/aankondiging#f-documentsUrl"`, f.Tender), fmt.Sprintf(`href="/aanbestedingen/%d/bewerken"`, f.Tender)} {
		if !strings.Contains(string(pageHTML), want) {
			t.Errorf("the tender page lacks the link %s", want)
		}
	}
	if _, memberHTML := ta.doAs(t, "member", http.MethodGet, page, nil, ""); strings.Contains(string(memberHTML), `/aankondiging"`) || strings.Contains(string(memberHTML), "/aankondiging#") {
		t.Error("a member sees links to forms only coordinators may use")
	}

	// The organization's notice details through its form: a bad postcode,
	// NUTS code and e-mail address come back in Dutch with the values;
	// nothing is saved.
	orgForm := "/organisaties/" + own + "/aankondiging"
	resp, form := postForm(t, ta, "coordinator", orgForm, url.Values{"street": {"Amstel 1"}, "postcode": {"1011"},
		"city": {"Amsterdam"}, "nuts": {"XX12"}, "email": {"inkoop@"}})
	for _, want := range []string{"Geef een postcode als 1011 AB.", html.EscapeString(nl.Message("nuts_format")), html.EscapeString(nl.Message("email_format")),
		`href="#f-postcode"`, `value="Amstel 1"`} {
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(form, want) {
			t.Errorf("bad organization details: %d, want 422 with %q", resp.StatusCode, want)
		}
	}
	if o, err := ta.svc.Organization(ctx, own); err != nil || o.City != "" {
		t.Errorf("a rejected form saved %+v (%v)", o.OrgDetails, err)
	}
	resp, _ = postForm(t, ta, "coordinator", orgForm, url.Values{"street": {"Amstel 1"}, "postcode": {"1011 pn"},
		"city": {"Amsterdam"}, "nuts": {"nl32b"}, "oin": {"00000001002564440000"}, "email": {"inkoop@amsterdam.nl"}})
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/organisaties/"+own+"?melding=aankondiging" {
		t.Errorf("good organization details: %d to %q, want 303 to the organization", resp.StatusCode, loc)
	}
	if _, orgHTML := ta.doAs(t, "coordinator", http.MethodGet, "/organisaties/"+own+"?melding=aankondiging", nil, ""); !strings.Contains(string(orgHTML), "NL32B") ||
		!strings.Contains(string(orgHTML), "De gegevens voor aankondigingen zijn opgeslagen.") {
		t.Error("the organization page does not show the saved notice details")
	}
	d := contracts.OrgDetails{Street: "Spui 70", Postcode: "2511 BT", City: "Den Haag", NUTS: "NL361", OIN: "00000001002220647000"}
	if _, err := ta.svc.UpdateOrganization(ctx, other, contracts.OrganizationPatch{Details: &d}); err != nil {
		t.Fatal(err)
	}

	// The tender's notice details through its form: an address that is
	// not a web address comes back in Dutch.
	tenderForm := fmt.Sprintf("/aanbestedingen/%d/aankondiging", f.Tender)
	resp, form = postForm(t, ta, "coordinator", tenderForm, url.Values{"documentsUrl": {"ftp://stukken"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(form, "Geef een internetadres dat met https:// begint.") ||
		!strings.Contains(form, `href="#f-documentsUrl"`) {
		t.Errorf("bad documents address: %d, want 422 in Dutch", resp.StatusCode)
	}
	v, err := ta.procurement.Tender(ctx, contracts.Everyone(), f.Tender)
	if err != nil {
		t.Fatal(err)
	}
	v.Tender.Description = "Mobiele telefonie voor Amsterdam en Den Haag."
	if err := ta.procurement.UpdateTender(ctx, v.Tender); err != nil {
		t.Fatal(err)
	}
	resp, body = ta.doAs(t, "coordinator", http.MethodPut, fmt.Sprintf("/api/v1/tenders/%d/notice-details", f.Tender),
		strings.NewReader(`{"reviewId":"00000001003214345000","documentsUrl":"https://www.tenderned.nl/aankondigingen/overzicht/420042/documenten",`+
			`"tenderNedId":"420042","tenderNedUrl":"https://www.tenderned.nl/aankondigingen/overzicht/420042"}`), "application/json")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PUT notice-details = %d: %s", resp.StatusCode, body)
	}
	resp, body = ta.doAs(t, "management", http.MethodGet, path, nil, "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("complete notice: %d: %s", resp.StatusCode, firstLine(body))
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/xml; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="eforms-aankondiging-opdracht-mobiele-telefonie-2027.xml"`) {
		t.Errorf("Content-Disposition = %q, want the Dutch file name", cd)
	}
	if !bytes.Contains(body, []byte(">16</cbc:SubTypeCode>")) || bytes.Count(body, []byte("<cac:ContractingParty>")) != 2 {
		t.Errorf("want a contract notice of subtype 16 with both participants as buyers")
	}
	eformstest.CheckMandatory(t, body, 16)
	eformstest.ValidateXSD(t, body)

	_, pageHTML = ta.doAs(t, "member", http.MethodGet, page, nil, "")
	if !strings.Contains(string(pageHTML), "420042") || !strings.Contains(string(pageHTML), `href="https://www.tenderned.nl/aankondigingen/overzicht/420042"`) {
		t.Error("the tender page does not show the TenderNed kenmerk with its link")
	}
}
