package web_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// counts returns the number of contracts and of audit entries, as the API
// reports them to the admin.
func counts(t *testing.T, ta testApp) (contracts, audit int) {
	t.Helper()
	var page struct{ Total int }
	for _, x := range []struct {
		path string
		dst  *int
	}{{"/api/v1/contracts?pageSize=1", &contracts}, {"/api/v1/audit?pageSize=1", &audit}} {
		resp, body := ta.do(t, "GET", x.path, nil, "")
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s = %d %s", x.path, resp.StatusCode, body)
		}
		if err := json.Unmarshal(body, &page); err != nil {
			t.Fatal(err)
		}
		*x.dst = page.Total
	}
	return contracts, audit
}

// TestBoundsThroughAPI: values outside the domain's bounds (issue 12) are
// refused with 422 naming each field, and nothing is written: not the
// row, not its audit entry.
func TestBoundsThroughAPI(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedRegister(t, ta)
	tf := seedTender(t, ta)
	contract := func(edit func(m map[string]any)) string {
		var m map[string]any
		if err := json.Unmarshal([]byte(fmt.Sprintf(glpiBody, f.Sub)), &m); err != nil {
			t.Fatal(err)
		}
		m["number"] = "GRENS-1"
		edit(m)
		b, _ := json.Marshal(m)
		return string(b)
	}
	line := func(m map[string]any, i int) map[string]any { return m["licenceLines"].([]any)[i].(map[string]any) }
	demand := func(org, extra string) string {
		return fmt.Sprintf(`{"organization":%q,"categoryId":%d,"quantity":500,"unit":"aansluitingen","desiredStart":"2027-09-01"%s}`, org, tf.DemandCategory, extra)
	}
	own := fmt.Sprintf("/api/v1/contracts/%d", f.Own)
	// A lot priced at the cap, so that two units of it are beyond it.
	resp, body := ta.do(t, "POST", fmt.Sprintf("/api/v1/tenders/%d/lots", tf.Tender), jsonBody(`{"title":"Duur","unitPrice":100000000000000}`), "application/json")
	var view struct {
		Lots []struct {
			ID    int64
			Title string
		}
	}
	if err := json.Unmarshal(body, &view); resp.StatusCode != 201 || err != nil {
		t.Fatalf("POST lot at the cap = %d %s (%v), want 201", resp.StatusCode, body, err)
	}
	var dear struct{ ID int64 }
	for _, l := range view.Lots {
		if l.Title == "Duur" {
			dear.ID = l.ID
		}
	}
	tests := []struct {
		name       string
		method     string
		path       string
		body       string
		wantFields []string
	}{
		{"start 9999-12-31: derived end in year 10000 (bounded dates, issue 12)", "POST", "/api/v1/contracts",
			contract(func(m map[string]any) { m["start"] = "9999-12-31" }), []string{"body.start"}},
		{"start in year 0000 (bounded dates, issue 12)", "POST", "/api/v1/contracts",
			contract(func(m map[string]any) { m["start"] = "0000-01-01" }), []string{"body.start"}},
		{"start 2199-12-01: the initial end in 2202 is refused on the term", "POST", "/api/v1/contracts",
			contract(func(m map[string]any) { m["start"] = "2199-12-01" }), []string{"body.initialTermMonths"}},
		{"maximum end and notice date in year 10000", "POST", "/api/v1/contracts",
			contract(func(m map[string]any) { m["maxEnd"], m["noticeGivenOn"] = "10000-01-01", "0000-01-01" }),
			[]string{"body.maxEnd", "body.noticeGivenOn"}},
		{"annual value 2^63−1 (bounded money, issue 12)", "POST", "/api/v1/contracts",
			contract(func(m map[string]any) { m["annualValue"] = int64(1<<63 - 1) }), []string{"body.annualValue"}},
		{"licence line quantity and price beyond the caps", "POST", "/api/v1/contracts",
			contract(func(m map[string]any) { line(m, 0)["quantity"], line(m, 1)["unitPrice"] = 2_000_000_000, int64(1<<62) }),
			[]string{"body.licenceLines[0].quantity", "body.licenceLines[1].unitPrice"}},
		{"NUL in the title, DEL in the notes, a newline in a product (control characters, issue 12)", "POST", "/api/v1/contracts",
			contract(func(m map[string]any) {
				m["title"], m["notes"] = "Zaak\u0000systeem", "regel\u007f"
				line(m, 0)["product"] = "Zaak\nsysteem"
			}), []string{"body.title", "body.notes", "body.licenceLines[0].product"}},
		{"patch: start in year 10000 is refused, the stored contract stays", "PATCH", own, `{"start":"10000-02-01"}`, []string{"body.start"}},
		{"patch: annual value 2^63−1", "PATCH", own, `{"annualValue":9223372036854775807}`, []string{"body.annualValue"}},
		{"vendor name with ESC", "POST", "/api/v1/vendors", `{"name":"Rood\u001b[31m B.V."}`, []string{"body.name"}},
		{"organization name with NUL and population beyond the cap", "POST", "/api/v1/organizations",
			`{"code":"GM0599","name":"Rotter\u0000dam","kind":"municipality","population":2000000000,"populationDate":"2025-01-01"}`,
			[]string{"body.name", "body.population"}},
		{"demand: quantity 2^63−1 and budget beyond the cap (bounded quantities, issue 12)", "POST", "/api/v1/demand",
			demand("GM0363", `,"annualBudget":9223372036854775807,"quantity":9223372036854775807`), []string{"body.quantity", "body.annualBudget"}},
		{"demand: desired start in year 0000 and a NUL in the unit", "POST", "/api/v1/demand",
			strings.Replace(strings.Replace(demand("GM0363", ""), "2027-09-01", "0000-01-01", 1), "aansluitingen", `aansl\u0000`, 1),
			[]string{"body.desiredStart", "body.unit"}},
		{"demand: PUT with another organization is refused, not ignored (issue 12)", "PUT", fmt.Sprintf("/api/v1/demand/%d", tf.OwnDemand),
			demand("GM0518", ""), []string{"body.organization"}},
		{"tender: title with a line separator, publication in year 0000", "POST", "/api/v1/tenders",
			fmt.Sprintf(`{"title":"Vaste telefonie\u2028","categoryId":%d,"lead":"GM0363","kind":"services","termMonths":24,"publication":"0000-01-01"}`, tf.Category),
			[]string{"body.title", "body.publication"}},
		{"tender: published 2199-12-01, the timeline runs past 2199", "POST", "/api/v1/tenders",
			fmt.Sprintf(`{"title":"Vaste telefonie","categoryId":%d,"lead":"GM0363","kind":"services","termMonths":24,"publication":"2199-12-01"}`, tf.Category),
			[]string{"body.publication"}},
		{"lot: unit price 2^63−1 and a tab in the unit", "POST", fmt.Sprintf("/api/v1/tenders/%d/lots", tf.Tender),
			`{"title":"Data","unit":"sim\tkaarten","unitPrice":9223372036854775807}`, []string{"body.unitPrice", "body.unit"}},
		{"participant: quantity 2^62 (issue 12: the CHECK error)", "PUT",
			fmt.Sprintf("/api/v1/tenders/%d/participants/GM0363", tf.Tender),
			fmt.Sprintf(`{"volumes":[{"lotId":%d,"quantity":4611686018427387904}]}`, tf.Lot), []string{"body.volumes[0].quantity"}},
		{"participant: two units priced at a lot's unit price of €10^12", "PUT",
			fmt.Sprintf("/api/v1/tenders/%d/participants/GM0363", tf.Tender),
			fmt.Sprintf(`{"volumes":[{"lotId":%d,"quantity":2}]}`, dear.ID), []string{"body.volumes[0].quantity"}},
		{"requirement text with NUL", "POST", fmt.Sprintf("/api/v1/tenders/%d/requirements", tf.Tender),
			`{"text":"Nummer\u0000behoud","kind":"knockout"}`, []string{"body.text"}},
		{"policy band beyond the cap", "PUT", "/api/v1/organizations/GM0363/procurement-policy",
			`{"singleSourceBelow":9223372036854775807}`, []string{"body.singleSourceBelow"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			beforeRegister, beforeDemand := registerState(t, ta), demandState(t, ta)
			beforeContracts, beforeAudit := counts(t, ta)
			resp, b := ta.do(t, tt.method, tt.path, jsonBody(tt.body), "application/json")
			if resp.StatusCode != 422 {
				t.Fatalf("%s %s = %d %s, want 422", tt.method, tt.path, resp.StatusCode, b)
			}
			p := decodeProblem(t, resp, b)
			wantProblemFields(t, p, b, tt.wantFields)
			for _, e := range p.Errors {
				if strings.Contains(e.Message, "int64") || strings.Contains(e.Message, "contracts.") {
					t.Errorf("problem %s shows Go internals", b)
				}
			}
			if after := registerState(t, ta); after != beforeRegister {
				t.Errorf("the register changed:\nbefore %s\nafter  %s", beforeRegister, after)
			}
			if after := demandState(t, ta); after != beforeDemand {
				t.Errorf("the demand changed:\nbefore %s\nafter  %s", beforeDemand, after)
			}
			if c, a := counts(t, ta); c != beforeContracts || a != beforeAudit {
				t.Errorf("after a refused %s: %d contracts and %d audit entries, want %d and %d", tt.method, c, a, beforeContracts, beforeAudit)
			}
		})
	}

	// Afterwards the list pages and the contract itself still read.
	for _, path := range []string{"/api/v1/contracts", own, "/api/v1/demand/by-category", "/api/v1/demand", "/contracten"} {
		if resp, body := ta.do(t, "GET", path, nil, ""); resp.StatusCode != 200 {
			t.Errorf("GET %s = %d %s, want 200", path, resp.StatusCode, body)
		}
	}
}

// TestBoundsInForms: the forms refuse the same values with the problem in
// Dutch next to the field.
func TestBoundsInForms(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	f := seedRegister(t, ta)
	before := registerState(t, ta)
	bad := contractForm(f.Other)
	bad.Set("title", "Burger\x00zaken")
	bad.Set("start", "31-12-9999")
	bad.Set("annualValue", "9.000.000.000.000")
	resp, body := postForm(t, ta, "member", "/contracten/nieuw", bad)
	if resp.StatusCode != 422 {
		t.Fatalf("POST bad form = %d, want 422\n%s", resp.StatusCode, body)
	}
	for _, w := range []string{
		"Het contract is niet opgeslagen", "onzichtbaar stuurteken", "Kies een datum tussen 01-01-1900 en 31-12-2199",
		"Dit bedrag is te hoog", `href="#f-title"`, `href="#f-start"`, `href="#f-annualValue"`,
	} {
		if !strings.Contains(body, w) {
			t.Errorf("rejected form lacks %q", w)
		}
	}
	if strings.Contains(body, "lies outside") || strings.Contains(body, "control character") || strings.Contains(body, "exceeds") {
		t.Error("rejected form shows English")
	}
	if after := registerState(t, ta); after != before {
		t.Errorf("a rejected form changed the register:\nbefore %s\nafter  %s", before, after)
	}
}
