package web_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// seedLicences is seedSpend plus two contracts with licence lines over
// quota: Amsterdam's L1 (Kantoorpakket, 130 in use of 100 at € 12 a
// month: an excess of 30 costing € 360) and 's-Gravenhage's L2 (Zaaksysteem, 12
// in use of 10 at € 1.000 a year: € 2.000, the costliest).
func seedLicences(t *testing.T) testApp {
	t.Helper()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedSpend(t, ta)
	ctx := context.Background()
	for _, c := range []struct {
		org, number string
		line        contracts.LicenceLine
	}{
		{"GM0363", "L1", contracts.LicenceLine{Product: "Kantoorpakket", Metric: contracts.MetricNamedUser, Quantity: 100, SeatsInUse: 130, UnitPrice: 1_200, PricePeriod: contracts.PerMonth}},
		{"GM0518", "L2", contracts.LicenceLine{Product: "Zaaksysteem", Metric: contracts.MetricConcurrent, Quantity: 10, SeatsInUse: 12, UnitPrice: 100_000, PricePeriod: contracts.PerYear}},
	} {
		under := contracts.LicenceLine{Product: "Binnen de grens", Metric: contracts.MetricDevice, Quantity: 50, SeatsInUse: 40, UnitPrice: 500, PricePeriod: contracts.PerMonth}
		if _, err := ta.svc.CreateContract(ctx, contracts.Everyone(), contracts.Contract{Organization: c.org, Number: c.number, Title: "Licenties " + c.number,
			VendorID: f.wad, Start: contracts.NewDate(2026, 1, 1), InitialTermMonths: 24, RenewalKind: contracts.RenewalNone, Status: contracts.StatusActive},
			[]contracts.LicenceLine{c.line, under}); err != nil {
			t.Fatal(err)
		}
	}
	return ta
}

func TestLicencesPage(t *testing.T) {
	ta := seedLicences(t)
	tests := []struct {
		name, who, path string
		wantStatus      int
		want, wantNot   []string
	}{
		{"finance for all: both over-quota lines, the costliest first", "finance-all", "/licenties", 200,
			[]string{"Licenties boven het aantal", "2 licentieregels", "Zaaksysteem", "Kantoorpakket", nl.Money(2_000_00), nl.Money(360_00), nl.Money(2_360_00), "Alle licenties tonen"},
			[]string{"Binnen de grens"}},
		{"all lines", "finance-all", "/licenties?alle=1", 200, []string{"Alle licenties", "waarvan 2 boven het aantal", "Binnen de grens", "Alleen licenties boven het aantal"}, nil},
		{"scoped finance: its own organization only", "finance", "/licenties", 200, []string{"1 licentieregel", "Kantoorpakket"}, []string{"Zaaksysteem"}},
		{"scoped finance naming another organization: 403", "finance", "/licenties?organisatie=GM0518", 403, nil, nil},
		{"one organization", "coordinator", "/licenties?organisatie=GM0518", 200, []string{"1 licentieregel", "Zaaksysteem"}, []string{"Kantoorpakket"}},
		{"management", "management-all", "/licenties", 200, []string{"Zaaksysteem"}, nil},
		{"member: 403", "member", "/licenties", 403, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ta.doAs(t, tt.who, "GET", tt.path, nil, "")
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("GET %s as %s = %d, want %d", tt.path, tt.who, resp.StatusCode, tt.wantStatus)
			}
			if tt.wantStatus != 200 {
				return
			}
			checkPage(t, tt.path, body, tt.want...)
			s := string(body)
			for _, w := range tt.wantNot {
				if strings.Contains(s, w) {
					t.Errorf("GET %s as %s shows %q", tt.path, tt.who, w)
				}
			}
			if i, j := strings.Index(s, "Zaaksysteem"), strings.Index(s, "Kantoorpakket"); i >= 0 && j >= 0 && i > j {
				t.Errorf("GET %s: Kantoorpakket (€ 360) before Zaaksysteem (€ 2.000)", tt.path)
			}
		})
	}
	// The menu leads finance there, and not a member.
	_, home := ta.doAs(t, "finance", "GET", "/", nil, "")
	if !strings.Contains(string(home), `href="/licenties"`) {
		t.Error("finance's menu has no link to /licenties")
	}
	if !strings.Contains(string(home), "1 licentieregel</strong> heeft meer in gebruik dan ingekocht") || !strings.Contains(string(home), nl.Money(360_00)) {
		t.Error("finance's start page does not count its organization's licence line over quota with the cost of the excess")
	}
	_, home = ta.doAs(t, "member", "GET", "/", nil, "")
	if strings.Contains(string(home), `href="/licenties"`) {
		t.Error("a member's menu or start page links to /licenties, which it may not open")
	}
}

func TestLicencesAPI(t *testing.T) {
	ta := seedLicences(t)
	type page struct {
		Items []struct {
			ContractNumber string `json:"contractNumber"`
			Product        string `json:"product"`
			Quantity       int    `json:"quantity"`
			SeatsInUse     int    `json:"seatsInUse"`
			Excess         int    `json:"excess"`
			ExcessCost     int64  `json:"excessCost"`
			OverQuota      bool   `json:"overQuota"`
		} `json:"items"`
		Total      int   `json:"total"`
		OverQuota  int   `json:"overQuota"`
		ExcessCost int64 `json:"excessCost"`
	}
	var p page
	getJSON(t, ta, "finance-all", "/api/v1/licences", 200, &p)
	if p.Total != 2 || p.OverQuota != 2 || p.ExcessCost != 236_000 || len(p.Items) != 2 {
		t.Fatalf("over quota = %+v; want 2 lines costing 236000 cents", p)
	}
	if it := p.Items[0]; it.ContractNumber != "L2" || it.Excess != 2 || it.ExcessCost != 200_000 || !it.OverQuota {
		t.Errorf("first line = %+v; want L2, excess 2, 200000 cents", it)
	}
	if it := p.Items[1]; it.Product != "Kantoorpakket" || it.Quantity != 100 || it.SeatsInUse != 130 || it.Excess != 30 || it.ExcessCost != 36_000 {
		t.Errorf("second line = %+v; want Kantoorpakket 130 of 100, excess 30, 36000 cents", it)
	}
	getJSON(t, ta, "finance-all", "/api/v1/licences?overQuota=false&pageSize=3&page=2", 200, &p)
	if p.Total != 8 || p.OverQuota != 2 || len(p.Items) != 3 || p.Items[0].OverQuota {
		t.Errorf("every line, page 2 = %+v; want 8 lines (4 of seedSpend, 4 here), none over quota on page 2", p)
	}
	getJSON(t, ta, "finance", "/api/v1/licences", 200, &p)
	if p.Total != 1 || p.Items[0].ContractNumber != "L1" {
		t.Errorf("scoped finance = %+v; want its own L1 only", p)
	}
	getJSON(t, ta, "finance", "/api/v1/licences?organization=GM0518", 403, nil)
	getJSON(t, ta, "member", "/api/v1/licences", 403, nil)
	getJSON(t, ta, "finance-all", "/api/v1/licences?pageSize=501", 422, nil)
}

// TestSpendWorkbookLicenceSheet downloads the spend workbook: its Licenties
// sheet lists the lines over quota of the caller's scope, costliest first.
func TestSpendWorkbookLicenceSheet(t *testing.T) {
	ta := seedLicences(t)
	for _, tt := range []struct {
		who  string
		want []string
	}{{"finance-all", []string{"L2", "L1"}}, {"finance", []string{"L1"}}} {
		resp, body := ta.doAs(t, tt.who, "GET", "/uitgaven/werkmap?jaar=2026", nil, "")
		if resp.StatusCode != 200 {
			t.Fatalf("workbook as %s = %d", tt.who, resp.StatusCode)
		}
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("Licenties")
		if err != nil {
			t.Fatalf("workbook as %s: %v", tt.who, err)
		}
		var got []string
		for _, r := range rows[1:] {
			if len(r) > 0 && len(r[0]) == 2 && r[0][0] == 'L' {
				got = append(got, r[0])
			}
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("Licenties as %s lists %v, want %v", tt.who, got, tt.want)
		}
	}
}
