package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// procedureTender creates a tender of kind with one lot in which Amsterdam
// has annualEuro a year (0: a quantity without a value) and returns its id.
func procedureTender(t *testing.T, ta testApp, kind procurement.ContractKind, annualEuro contracts.Money, edit func(*procurement.Tender)) int64 {
	t.Helper()
	ctx := context.Background()
	cat, err := ta.svc.CreateCategory(ctx, contracts.Category{Name: "Categorie " + string(kind), CPV: []string{"64212000-5"}})
	if err != nil {
		t.Fatal(err)
	}
	tender := procurement.Tender{Title: "Aanbesteding " + string(kind), CategoryID: cat, Lead: own, Kind: kind, TermMonths: 12, TotalPrice: true,
		Electronic: true, DocumentsOnline: true, Publication: contracts.NewDate(2027, 3, 1)}
	if edit != nil {
		edit(&tender)
	}
	id, err := ta.procurement.CreateTender(ctx, tender)
	if err != nil {
		t.Fatal(err)
	}
	lot, err := ta.procurement.AddLot(ctx, procurement.Lot{TenderID: id, Title: "Perceel A"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ta.procurement.Transition(ctx, id, procurement.TransitionInput{To: procurement.TenderCollecting}); err != nil {
		t.Fatal(err)
	}
	vol := procurement.LotVolume{LotID: lot, Quantity: 10, Annual: annualEuro * 100}
	if err := ta.procurement.SetParticipant(ctx, contracts.Everyone(), procurement.Participant{TenderID: id, Organization: own, Volumes: []procurement.LotVolume{vol}}); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestTenderPlanProcedureJSON: the API plan carries the procedure per
// kind, the light regime and the missing-input state (DESIGN §4; issue 13).
func TestTenderPlanProcedureJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		kind          procurement.ContractKind
		annual        contracts.Money
		edit          func(*procurement.Tender)
		wantState     string
		wantProcedure string
		wantEuropean  bool
		wantTimeline  string
		wantEstimated int64
		wantText      string
	}{
		{"€5.5 M works below the threshold: national open procedure (works band, Gids Proportionaliteit)", procurement.KindWorks, 5_300_000,
			nil, "determined", "open", false, "open", 530_000_000, "nationale openbare procedure (standaardgrenzen werken"},
		{"social services €800,000: light regime (Aw 2012 art. 2.38)", procurement.KindSocial, 800_000,
			nil, "determined", "light_regime", true, "light", 80_000_000, "verlicht regime (Aw 2012 art. 2.38)"},
		{"no estimate: no procedure, names the missing values (DESIGN §4)", procurement.KindServices, 0,
			nil, "missing_input", "", false, "open", 0, "Amsterdam: perceel Perceel A zonder jaarwaarde"},
		{"indefinite services term without a total price: monthly value × 48 (Aw 2012 art. 2.16)", procurement.KindServices, 60_000,
			func(t *procurement.Tender) { t.TermIndefinite, t.TotalPrice = true, false }, "determined", "open", true, "open", 24_000_000, "maandwaarde × 48"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ta := newTestApp(t, sampleOrgs()...)
			id := procedureTender(t, ta, tt.kind, tt.annual, tt.edit)
			var got struct {
				TermIndefinite bool `json:"termIndefinite"`
				Plan           struct {
					Determination     string   `json:"determination"`
					Missing           []string `json:"missing"`
					Procedure         string   `json:"procedure"`
					European          bool     `json:"european"`
					TimelineProcedure string   `json:"timelineProcedure"`
					Estimated         int64    `json:"estimated"`
					EstimateBasis     string   `json:"estimateBasis"`
					Reasons           []string `json:"reasons"`
				} `json:"plan"`
			}
			body := call(t, ta, "member", http.MethodGet, fmt.Sprintf("/api/v1/tenders/%d", id), "", http.StatusOK, &got)
			p := got.Plan
			if p.Determination != tt.wantState || p.Procedure != tt.wantProcedure || p.European != tt.wantEuropean || p.TimelineProcedure != tt.wantTimeline {
				t.Errorf("plan = %s %q European %v timeline %s, want %s %q European %v timeline %s",
					p.Determination, p.Procedure, p.European, p.TimelineProcedure, tt.wantState, tt.wantProcedure, tt.wantEuropean, tt.wantTimeline)
			}
			if p.Estimated != tt.wantEstimated {
				t.Errorf("plan.estimated = %d, want %d", p.Estimated, tt.wantEstimated)
			}
			if !strings.Contains(string(body), tt.wantText) {
				t.Errorf("tender JSON lacks %q: %s", tt.wantText, body)
			}
			if tt.wantState == "missing_input" && len(p.Missing) == 0 {
				t.Errorf("plan.missing = %q, want the missing values named", p.Missing)
			}
			if tt.wantProcedure == "light_regime" && strings.Contains(strings.Join(p.Reasons, "\n"), "Europese openbare procedure (Aw 2012 art. 2.26)") {
				t.Errorf("plan.reasons = %q: the light regime is never the open procedure of art. 2.26", p.Reasons)
			}
			if _, page := ta.doAs(t, "member", http.MethodGet, fmt.Sprintf("/aanbestedingen/%d", id), nil, ""); !strings.Contains(string(page), "Drempel en procedure") {
				t.Errorf("tender page lacks its procedure section")
			} else if tt.wantState == "missing_input" && !strings.Contains(string(page), "nog niet bepaald") {
				t.Errorf("tender page does not say the procedure is not determined")
			}
		})
	}
}

// TestTenderIndefiniteTermBadInput: an indefinite tender term with a total
// price is refused with a 422 naming termIndefinite, and nothing changes;
// without the total price it is stored and read back.
func TestTenderIndefiniteTermBadInput(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedTender(t, ta)
	base := fmt.Sprintf("/api/v1/tenders/%d", f.Tender)
	before := call(t, ta, "admin", http.MethodGet, base, "", http.StatusOK, nil)
	bad := fmt.Sprintf(`{"title":"Schoonmaak","categoryId":%d,"lead":"GM0363","kind":"services","termMonths":12,"termIndefinite":true,"totalPrice":true}`, f.Category)
	resp, b := ta.doAs(t, "coordinator", http.MethodPut, base, strings.NewReader(bad), "application/json")
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("PUT indefinite term with a total price = %d, want 422: %s", resp.StatusCode, b)
	}
	wantProblemFields(t, decodeProblem(t, resp, b), b, []string{"body.termIndefinite"})
	if after := call(t, ta, "admin", http.MethodGet, base, "", http.StatusOK, nil); string(after) != string(before) {
		t.Errorf("a refused request changed the tender:\nbefore %s\nafter  %s", before, after)
	}
	good := strings.Replace(bad, `,"totalPrice":true`, "", 1)
	var got struct {
		TermIndefinite bool `json:"termIndefinite"`
	}
	call(t, ta, "coordinator", http.MethodPut, base, good, http.StatusOK, &got)
	if !got.TermIndefinite {
		t.Errorf("PUT indefinite term: termIndefinite = false, want it stored")
	}
	form := url.Values{"_csrf": {ta.as["coordinator"].csrf}, "title": {"Schoonmaak"}, "categoryId": {fmt.Sprint(f.Category)}, "lead": {own},
		"kind": {"services"}, "termMonths": {"12"}, "termIndefinite": {"ja"}, "totalPrice": {"ja"}}
	resp, page := ta.doAs(t, "coordinator", http.MethodPost, fmt.Sprintf("/aanbestedingen/%d/bewerken", f.Tender), strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(page), "onbepaalde tijd heeft geen totaalprijs") {
		t.Errorf("form with an indefinite term and a total price = %d, want 422 with a Dutch message", resp.StatusCode)
	}
}

// TestPolicyBandsWorks: works have bands of their own, an assumption
// until the organization sets them, through the API and the page
// (DESIGN §4, Gids Proportionaliteit).
func TestPolicyBandsWorks(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	type bands struct {
		SingleSourceBelow         int64 `json:"singleSourceBelow"`
		WorksSingleSourceBelow    int64 `json:"worksSingleSourceBelow"`
		WorksMultiplePrivateBelow int64 `json:"worksMultiplePrivateBelow"`
		WorksAssumption           bool  `json:"worksAssumption"`
	}
	var got bands
	call(t, ta, "member", http.MethodGet, "/api/v1/organizations/GM0363/procurement-policy", "", http.StatusOK, &got)
	if got.WorksSingleSourceBelow != 15_000_000 || got.WorksMultiplePrivateBelow != 150_000_000 || !got.WorksAssumption {
		t.Errorf("default works bands = %+v, want €150,000 and €1,500,000 as an assumption", got)
	}
	resp, b := ta.doAs(t, "coordinator", http.MethodPut, "/api/v1/organizations/GM0363/procurement-policy",
		strings.NewReader(`{"singleSourceBelow":3000000,"worksSingleSourceBelow":20000000,"worksMultiplePrivateBelow":10000000}`), "application/json")
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("works bands in the wrong order = %d, want 422: %s", resp.StatusCode, b)
	}
	wantProblemFields(t, decodeProblem(t, resp, b), b, []string{"body.worksMultiplePrivateBelow"})
	got = bands{}
	call(t, ta, "coordinator", http.MethodPut, "/api/v1/organizations/GM0363/procurement-policy",
		`{"singleSourceBelow":3000000,"worksSingleSourceBelow":10000000,"worksMultiplePrivateBelow":100000000}`, http.StatusOK, &got)
	if got.WorksSingleSourceBelow != 10_000_000 || got.WorksMultiplePrivateBelow != 100_000_000 || got.WorksAssumption {
		t.Errorf("set works bands = %+v, want €100,000 and €1,000,000, set by the organization", got)
	}
	_, page := ta.doAs(t, "coordinator", http.MethodGet, "/organisaties/GM0363", nil, "")
	for _, want := range []string{"Werken:", "Enkelvoudig onderhands onder €\u00a0100.000,00; meervoudig onderhands tot €\u00a01.000.000,00", `name="werken_enkelvoudig"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("organization page lacks %q", want)
		}
	}
	form := func(single, works string) io.Reader {
		return strings.NewReader(url.Values{"_csrf": {ta.as["coordinator"].csrf}, "enkelvoudig": {single}, "meervoudig": {""},
			"werken_enkelvoudig": {works}, "werken_meervoudig": {"50.000"}}.Encode())
	}
	resp, page = ta.doAs(t, "coordinator", http.MethodPost, "/organisaties/GM0363/inkoopbeleid", form("30.000", "100.000"), "application/x-www-form-urlencoded")
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(page), `id="werken_meervoudig-fout"`) {
		t.Errorf("works form with bands in the wrong order = %d, want 422 on werken_meervoudig", resp.StatusCode)
	}
}
