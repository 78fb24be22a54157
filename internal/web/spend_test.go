package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
	"github.com/samenkoop/samenkoop/internal/web"
)

// spendFixture is a small register with figures worked out by hand. The
// clock is 2026-11-22 (fixedNow) and the test service indexes nothing.
//
// Vendors: Polder Groep B.V. (a group) with its subsidiary Polder Telecom
// B.V., and the independent Wad B.V. Categories: Telefonie (T) and
// Werkplek (W). Contracts and their spend in 2026:
//
//	A1  Amsterdam  Polder Telecom  T  1-1-2026, 12 months
//	    month line 100 × € 50,00 → 12 × 100 × 5.000 =  6.000.000
//	    once line    1 × € 10.000,00 in its start year  =  1.000.000  → 7.000.000
//	    exit plan and open data: exit-ready
//	A2  Amsterdam  Wad             T  1-7-2025, 24 months, tacit yearly, 3 months' notice
//	    year line 20 × € 1.200,00, across the year boundary: all of 2026 = 2.400.000
//	A3  Den Haag   Polder Telecom  T  1-1-2024, 36 months, no lines,
//	    annual value € 365.000,00                                  = 36.500.000
//	A4  Den Haag   Wad             W  1-7-2026, 12 months
//	    month line 10 × € 1.000,00, July–December: 6 × 1.000.000   =  6.000.000
//	V1  Vlieland   Wad             W  1-1-2025, 24 months, annual value € 12.000 = 1.200.000
//
// So Amsterdam 9.400.000, Den Haag 42.500.000, Vlieland 1.200.000, all
// 53.100.000; Polder 43.500.000 and Wad 9.600.000.
type spendFixture struct {
	polderGroup, polderTelecom, wad int64
	telefonie, werkplek             int64
	a1, a2                          int64
}

func seedSpend(t testing.TB, ta testApp) spendFixture {
	t.Helper()
	ctx := context.Background()
	var f spendFixture
	var err error
	vendor := func(v contracts.Vendor) int64 {
		t.Helper()
		id, err := ta.svc.CreateVendor(ctx, v)
		if err != nil {
			t.Fatalf("vendor %s: %v", v.Name, err)
		}
		return id
	}
	f.polderGroup = vendor(contracts.Vendor{Name: "Polder Groep B.V."})
	f.polderTelecom = vendor(contracts.Vendor{Name: "Polder Telecom B.V.", ParentID: f.polderGroup})
	f.wad = vendor(contracts.Vendor{Name: "Wad B.V."})
	if f.telefonie, err = ta.svc.CreateCategory(ctx, contracts.Category{Name: "Telefonie", CPV: []string{"64212000-5"}}); err != nil {
		t.Fatal(err)
	}
	if f.werkplek, err = ta.svc.CreateCategory(ctx, contracts.Category{Name: "Werkplek", CPV: []string{"30213000-5"}}); err != nil {
		t.Fatal(err)
	}
	create := func(c contracts.Contract, lines ...contracts.LicenceLine) int64 {
		t.Helper()
		c.Status, c.Title = contracts.StatusActive, "Contract "+c.Number
		if c.RenewalKind == "" {
			c.RenewalKind = contracts.RenewalNone
		}
		id, err := ta.svc.CreateContract(ctx, contracts.Everyone(), c, lines)
		if err != nil {
			t.Fatalf("contract %s: %v", c.Number, err)
		}
		return id
	}
	line := func(qty int, price contracts.Money, per contracts.PricePeriod) contracts.LicenceLine {
		return contracts.LicenceLine{Product: "Product", Metric: contracts.MetricNamedUser, Quantity: qty, SeatsInUse: -1, UnitPrice: price, PricePeriod: per}
	}
	f.a1 = create(contracts.Contract{Organization: "GM0363", Number: "A1", VendorID: f.polderTelecom, CategoryID: f.telefonie,
		Start: contracts.NewDate(2026, 1, 1), InitialTermMonths: 12, Exit: contracts.ExitFacts{ExitPlan: true, OpenData: true}},
		line(100, 5_000, contracts.PerMonth), line(1, 1_000_000, contracts.Once))
	f.a2 = create(contracts.Contract{Organization: "GM0363", Number: "A2", VendorID: f.wad, CategoryID: f.telefonie,
		Start: contracts.NewDate(2025, 7, 1), InitialTermMonths: 24, RenewalKind: contracts.RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 3},
		line(20, 120_000, contracts.PerYear))
	create(contracts.Contract{Organization: "GM0518", Number: "A3", VendorID: f.polderTelecom, CategoryID: f.telefonie,
		Start: contracts.NewDate(2024, 1, 1), InitialTermMonths: 36, AnnualValue: 36_500_000})
	create(contracts.Contract{Organization: "GM0518", Number: "A4", VendorID: f.wad, CategoryID: f.werkplek,
		Start: contracts.NewDate(2026, 7, 1), InitialTermMonths: 12}, line(10, 100_000, contracts.PerMonth))
	create(contracts.Contract{Organization: "GM0096", Number: "V1", VendorID: f.wad, CategoryID: f.werkplek,
		Start: contracts.NewDate(2025, 1, 1), InitialTermMonths: 24, AnnualValue: 1_200_000})
	return f
}

// getJSON sends a GET as who, expects want and decodes the body into v.
func getJSON(t *testing.T, ta testApp, who, path string, want int, v any) []byte {
	t.Helper()
	resp, body := ta.doAs(t, who, "GET", path, nil, "")
	if resp.StatusCode != want {
		t.Fatalf("GET %s as %q = %d, want %d: %s", path, who, resp.StatusCode, want, body)
	}
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("GET %s: decode %s: %v", path, body, err)
		}
	}
	return body
}

type spendRowResult struct {
	Key           string `json:"key"`
	Label         string `json:"label"`
	Amount        int64  `json:"amount"`
	ContractSpend int64  `json:"contractSpend"`
	LicenceSpend  int64  `json:"licenceSpend"`
	BasisPoints   int    `json:"basisPoints"`
	Contracts     int    `json:"contracts"`
	PerInhabitant *int64 `json:"perInhabitant"`
}

type spendResult struct {
	Year          int    `json:"year"`
	Total         int64  `json:"total"`
	ContractSpend int64  `json:"contractSpend"`
	LicenceSpend  int64  `json:"licenceSpend"`
	PerInhabitant *int64 `json:"perInhabitant"`
	Organization  *struct {
		Code string `json:"code"`
	} `json:"organization"`
	Rows []spendRowResult `json:"rows"`
}

// rowsOf formats rows as "label amount[/per inhabitant]" for comparison.
func rowsOf(rows []spendRowResult) string {
	var parts []string
	for _, r := range rows {
		s := fmt.Sprintf("%s %d", r.Label, r.Amount)
		if r.PerInhabitant != nil {
			s += fmt.Sprintf("/%d", *r.PerInhabitant)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

func TestSpendAPI(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	f := seedSpend(t, ta)
	tests := []struct {
		name       string
		who, path  string
		wantTotal  int64
		wantRows   string
		wantOrg    string
		wantPerInh *int64
	}{
		{"by vendor group, subsidiaries rolled up", "admin", "/api/v1/spend?groupBy=vendorGroup&year=2026", 53_100_000,
			"Polder Groep B.V. 43500000; Wad B.V. 9600000", "", nil},
		{"by vendor as contracted", "finance-all", "/api/v1/spend?groupBy=vendor&year=2026", 53_100_000,
			"Polder Telecom B.V. 43500000; Wad B.V. 9600000", "", nil},
		{"by category", "management-all", "/api/v1/spend?groupBy=category&year=2026", 53_100_000,
			"Telefonie 45900000; Werkplek 7200000", "", nil},
		// 42.500.000 / 566.221 = 75,06; 9.400.000 / 934.526 = 10,06; 1.200.000 / 1.200 = 1.000.
		{"by organization, per inhabitant", "admin", "/api/v1/spend?groupBy=organization&year=2026", 53_100_000,
			"'s-Gravenhage 42500000/75; Amsterdam 9400000/10; Vlieland 1200000/1000", "", nil},
		{"one organization: per inhabitant on every row", "coordinator", "/api/v1/spend?groupBy=vendorGroup&year=2026&organization=GM0096", 1_200_000,
			"Wad B.V. 1200000/1000", "GM0096", ptr(1000)},
		{"monthly, yearly and one-off lines of one organization", "admin", "/api/v1/spend?groupBy=vendor&year=2026&organization=GM0363", 9_400_000,
			"Polder Telecom B.V. 7000000/7; Wad B.V. 2400000/3", "GM0363", ptr(10)},
		// 2027: A1 has ended; A2 renews tacitly, no notice recorded; A3
		// ends 31-12-2026; A4 runs to 30-6-2027: 6 months; V1 has ended.
		{"the next year", "admin", "/api/v1/spend?groupBy=vendorGroup&year=2027", 8_400_000,
			"Wad B.V. 8400000", "", nil},
		{"a user scoped to one organization gets its own", "finance", "/api/v1/spend?groupBy=vendorGroup&year=2026", 9_400_000,
			"Polder Groep B.V. 7000000/7; Wad B.V. 2400000/3", "GM0363", ptr(10)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got spendResult
			getJSON(t, ta, tt.who, tt.path, 200, &got)
			if got.Total != tt.wantTotal || rowsOf(got.Rows) != tt.wantRows {
				t.Errorf("GET %s: total %d, rows %q; want %d, %q", tt.path, got.Total, rowsOf(got.Rows), tt.wantTotal, tt.wantRows)
			}
			org := ""
			if got.Organization != nil {
				org = got.Organization.Code
			}
			if org != tt.wantOrg || fmt.Sprint(deref(got.PerInhabitant)) != fmt.Sprint(deref(tt.wantPerInh)) {
				t.Errorf("GET %s: organization %q per inhabitant %v, want %q %v", tt.path, org, deref(got.PerInhabitant), tt.wantOrg, deref(tt.wantPerInh))
			}
		})
	}

	t.Run("vendor group rows are keyed by the group's top vendor", func(t *testing.T) {
		var got spendResult
		getJSON(t, ta, "admin", "/api/v1/spend?year=2026", 200, &got)
		if len(got.Rows) != 2 || got.Rows[0].Key != strconv.FormatInt(f.polderGroup, 10) || got.Rows[0].BasisPoints != 8192 {
			t.Errorf("rows %+v, want Polder Groep (%d) first with 8192 basis points (43.5 of 53.1 M)", got.Rows, f.polderGroup)
		}
	})
	t.Run("the year defaults to the current one", func(t *testing.T) {
		var got spendResult
		getJSON(t, ta, "admin", "/api/v1/spend", 200, &got)
		if got.Year != 2026 || got.Total != 53_100_000 {
			t.Errorf("year %d total %d, want 2026 and 53100000", got.Year, got.Total)
		}
	})
}

func ptr(v int64) *int64 { return &v }

func deref(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestSpendForecastAndPeers(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	seedSpend(t, ta)

	var fc struct {
		Years []struct {
			Year          int    `json:"year"`
			Amount        int64  `json:"amount"`
			PerInhabitant *int64 `json:"perInhabitant"`
		} `json:"years"`
	}
	getJSON(t, ta, "finance", "/api/v1/spend/forecast?from=2026&years=3", 200, &fc)
	var years []string
	for _, y := range fc.Years {
		years = append(years, fmt.Sprintf("%d %d/%v", y.Year, y.Amount, deref(y.PerInhabitant)))
	}
	// Amsterdam: A1 ends in 2026; A2 renews tacitly year after year while
	// no notice is recorded (issue #6).
	if got, want := strings.Join(years, "; "), "2026 9400000/10; 2027 2400000/3; 2028 2400000/3"; got != want {
		t.Errorf("forecast of Amsterdam: %s, want %s", got, want)
	}
	getJSON(t, ta, "admin", "/api/v1/spend/forecast", 200, &fc)
	if len(fc.Years) != 5 || fc.Years[0].Year != 2026 || fc.Years[0].Amount != 53_100_000 {
		t.Errorf("default forecast %+v, want five years from 2026, all organizations", fc.Years)
	}

	// Amsterdam and 's-Gravenhage are the two municipalities of 100,000+
	// with spend: 10 and 75 cents per inhabitant. Quartiles interpolate:
	// 10 + 65 × 1/4 = 26,25; × 2/4 = 42,5 → 43; × 3/4 = 58,75 → 59.
	var peers struct {
		SizeClass     string `json:"sizeClass"`
		PerInhabitant int64  `json:"perInhabitant"`
		Peers         int    `json:"peers"`
		Min, Q1       int64
		Median        int64 `json:"median"`
		Q3, Max       int64
		Rank          int `json:"rank"`
	}
	getJSON(t, ta, "management", "/api/v1/spend/peers?year=2026", 200, &peers)
	// Two peers: the maximum would be the other one's spend, so no figures
	// are given (contracts.MinPeers).
	if got, want := fmt.Sprintf("%+v", peers), "{SizeClass:100k-plus PerInhabitant:10 Peers:2 Min:0 Q1:0 Median:0 Q3:0 Max:0 Rank:0}"; got != want {
		t.Errorf("peers of Amsterdam = %s, want %s", got, want)
	}
	resp, body := ta.doAs(t, "admin", "GET", "/api/v1/spend/peers?year=2026&organization=COOP-ICT", nil, "")
	if p := decodeProblem(t, resp, body); resp.StatusCode != 422 || len(p.Errors) != 1 || p.Errors[0].Location != "query.organization" {
		t.Errorf("peers of a cooperation without population = %d %s, want 422 naming query.organization", resp.StatusCode, body)
	}
}

func TestDependencyAPI(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	f := seedSpend(t, ta)
	type dependency struct {
		Concentration struct {
			Total  int64  `json:"total"`
			HHI    int    `json:"hhi"`
			Band   string `json:"band"`
			BandUS string `json:"bandUS"`
			CR1    int    `json:"cr1"`
			CR3    int    `json:"cr3"`
		} `json:"concentration"`
		Vendors []struct {
			GroupName   string `json:"groupName"`
			BasisPoints int    `json:"basisPoints"`
			Contracts   int    `json:"contracts"`
		} `json:"vendors"`
		LockIn []struct {
			ContractID    int64 `json:"contractId"`
			Score         int   `json:"score"`
			TenureYears   int   `json:"tenureYears"`
			VendorShareBP int   `json:"vendorShareBasisPoints"`
			Factors       []struct {
				Key    string `json:"key"`
				Label  string `json:"label"`
				Points int    `json:"points"`
			} `json:"factors"`
		} `json:"lockIn"`
		Deadlines []struct {
			Kind string `json:"kind"`
			Date string `json:"date"`
		} `json:"deadlines"`
		Exit struct {
			Ready       int64 `json:"ready"`
			Total       int64 `json:"total"`
			BasisPoints int   `json:"basisPoints"`
		} `json:"exitReadiness"`
	}

	t.Run("one vendor: HHI 10,000", func(t *testing.T) {
		var d dependency
		getJSON(t, ta, "admin", "/api/v1/organizations/GM0096/dependency?year=2026", 200, &d)
		c := d.Concentration
		if c.HHI != 10_000 || c.CR1 != 10_000 || c.CR3 != 10_000 || c.Band != "concentrated" || c.BandUS != "concentrated" || c.Total != 1_200_000 {
			t.Errorf("Vlieland concentration %+v, want HHI 10000, CR1 and CR3 10000, concentrated", c)
		}
	})

	t.Run("Amsterdam: two groups, lock-in with reasons, deadlines, exit readiness", func(t *testing.T) {
		var d dependency
		getJSON(t, ta, "member", "/api/v1/organizations/GM0363/dependency?year=2026", 200, &d)
		// 7.0 and 2.4 of 9.4 M: 74,47 % and 25,53 %; HHI 10,000 ×
		// (7² + 2,4²) / 9,4² = 6197.
		if c := d.Concentration; c.HHI != 6197 || c.CR1 != 7447 || c.Band != "concentrated" {
			t.Errorf("concentration %+v, want HHI 6197, CR1 7447", c)
		}
		if len(d.Vendors) != 2 || d.Vendors[0].GroupName != "Polder Groep B.V." || d.Vendors[0].Contracts != 1 || d.Vendors[1].BasisPoints != 2553 {
			t.Errorf("vendors %+v, want Polder Groep (1 contract) then Wad (2553 bp)", d.Vendors)
		}
		// A2: no exit plan 20 + no open data 20 + 1 year with Wad for
		// telephony 2 + 25,53 % of the spend 5 + tacit renewal 10 = 57.
		// A1: 0 years, 74,47 % of the spend: 15.
		if len(d.LockIn) != 2 || d.LockIn[0].ContractID != f.a2 || d.LockIn[0].Score != 57 || d.LockIn[0].TenureYears != 1 ||
			d.LockIn[1].ContractID != f.a1 || d.LockIn[1].Score != 15 {
			t.Fatalf("lock-in %+v, want A2 57 (1 year) then A1 15", d.LockIn)
		}
		var reasons []string
		for _, fa := range d.LockIn[0].Factors {
			reasons = append(reasons, fmt.Sprintf("%s +%d", fa.Key, fa.Points))
		}
		if got, want := strings.Join(reasons, ", "), "noExitPlan +20, noOpenData +20, tenure +2, vendorShare +5, tacitRenewal +10"; got != want {
			t.Errorf("A2 factors %q, want %q", got, want)
		}
		// A2 ends 30-6-2027 unless notice is given by 31-3-2027.
		if len(d.Deadlines) != 1 || d.Deadlines[0].Kind != "notice" || d.Deadlines[0].Date != "2027-03-31" {
			t.Errorf("deadlines %+v, want the notice deadline of 2027-03-31", d.Deadlines)
		}
		if e := d.Exit; e.Ready != 7_000_000 || e.Total != 9_400_000 || e.BasisPoints != 7447 {
			t.Errorf("exit readiness %+v, want 7000000 of 9400000: 7447", e)
		}
	})
}

func TestConcentrationAndReachAPI(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	f := seedSpend(t, ta)
	var cc struct {
		Total      int64 `json:"total"`
		Categories []struct {
			Name          string `json:"name"`
			Buyers        int    `json:"buyers"`
			Concentration struct {
				HHI int `json:"hhi"`
			} `json:"concentration"`
			Reach []struct {
				GroupName     string `json:"groupName"`
				Organizations int    `json:"organizations"`
			} `json:"reach"`
		} `json:"categories"`
		Reach []struct {
			GroupName     string `json:"groupName"`
			Organizations int    `json:"organizations"`
			Positions     int    `json:"positions"`
		} `json:"reach"`
	}
	getJSON(t, ta, "finance-all", "/api/v1/concentration?year=2026", 200, &cc)
	var cats []string
	for _, c := range cc.Categories {
		cats = append(cats, fmt.Sprintf("%s %d (%d buyers, %s %d)", c.Name, c.Concentration.HHI, c.Buyers, c.Reach[0].GroupName, c.Reach[0].Organizations))
	}
	// Werkplek: Wad only, 10,000. Telefonie: Polder 43.5 and Wad 2.4 of
	// 45.9 M: 10,000 × (43,5² + 2,4²) / 45,9² = 9009; Polder holds more
	// than half for both Amsterdam (7.0 of 9.4) and 's-Gravenhage.
	if got, want := strings.Join(cats, "; "), "Werkplek 10000 (2 buyers, Wad B.V. 2); Telefonie 9009 (2 buyers, Polder Groep B.V. 2)"; got != want {
		t.Errorf("categories by HHI: %s, want %s", got, want)
	}
	if len(cc.Reach) != 2 || cc.Reach[0].GroupName != "Polder Groep B.V." || cc.Reach[0].Organizations != 2 || cc.Reach[1].Organizations != 2 {
		t.Errorf("reach %+v, want Polder Groep and Wad with 2 organizations each", cc.Reach)
	}
	if cc.Total != 53_100_000 {
		t.Errorf("total %d, want 53100000", cc.Total)
	}

	var vr struct {
		GroupID       int64 `json:"groupId"`
		Organizations int   `json:"organizations"`
		Categories    []struct {
			Name        string `json:"name"`
			Amount      int64  `json:"amount"`
			Total       int64  `json:"total"`
			BasisPoints int    `json:"basisPoints"`
			Customers   int    `json:"customers"`
			Dominated   []struct {
				Code string `json:"code"`
			} `json:"dominated"`
		} `json:"categories"`
	}
	// A subsidiary answers for its whole group.
	getJSON(t, ta, "admin", fmt.Sprintf("/api/v1/vendors/%d/reach?year=2026", f.polderTelecom), 200, &vr)
	if vr.GroupID != f.polderGroup || vr.Organizations != 2 || len(vr.Categories) != 1 || vr.Categories[0].Name != "Telefonie" ||
		vr.Categories[0].Amount != 43_500_000 || vr.Categories[0].Total != 45_900_000 || vr.Categories[0].BasisPoints != 9477 ||
		vr.Categories[0].Customers != 2 || len(vr.Categories[0].Dominated) != 2 {
		t.Errorf("reach of Polder Telecom: %+v, want the Polder group: Telefonie 43500000 of 45900000 (9477 bp), 2 customers, both dominated", vr)
	}
}

func TestSpendScope(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	f := seedSpend(t, ta)
	tests := []struct {
		who, path string
		want      int
	}{
		{"finance", "/api/v1/spend?organization=GM0518", 403},
		{"management", "/api/v1/spend/forecast?organization=GM0518", 403},
		{"finance", "/api/v1/spend/peers?organization=GM0518", 403},
		{"member", "/api/v1/spend", 403},
		{"member", "/api/v1/spend/forecast", 403},
		{"finance", "/api/v1/organizations/GM0518/dependency", 403},
		{"member", "/api/v1/organizations/GM0518/dependency", 403},
		{"member", "/api/v1/organizations/GM0363/dependency", 200},
		{"finance", "/api/v1/concentration", 403},
		{"management", "/api/v1/concentration", 403},
		{"member", "/api/v1/concentration", 403},
		{"management-all", "/api/v1/concentration", 200},
		{"finance", fmt.Sprintf("/api/v1/vendors/%d/reach", f.wad), 403},
		{"finance-all", fmt.Sprintf("/api/v1/vendors/%d/reach", f.wad), 200},
		{"admin", "/api/v1/organizations/GM9999/dependency", 404},
		{"admin", "/api/v1/spend?organization=GM9999", 404},
		{"admin", "/api/v1/vendors/999999/reach", 404},
		{"", "/api/v1/spend", 401},
	}
	for _, tt := range tests {
		t.Run(tt.who+" "+tt.path, func(t *testing.T) {
			resp, body := ta.doAs(t, tt.who, "GET", tt.path, nil, "")
			if resp.StatusCode != tt.want {
				t.Fatalf("GET %s as %q = %d, want %d: %s", tt.path, tt.who, resp.StatusCode, tt.want, body)
			}
			if tt.want >= 400 {
				decodeProblem(t, resp, body)
			}
		})
	}
}

// TestSpendBadInput: a year outside 2000–2100 or an unknown grouping is a
// 422 problem naming the parameter (issue #6 Must show), and nothing is
// written.
func TestSpendBadInput(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	seedSpend(t, ta)
	auditTotal := func() int {
		var page struct {
			Total int `json:"total"`
		}
		getJSON(t, ta, "admin", "/api/v1/audit", 200, &page)
		return page.Total
	}
	before := auditTotal()
	tests := []struct {
		path, wantField string
	}{
		{"/api/v1/spend?year=1999", "query.year"},
		{"/api/v1/spend?year=2101", "query.year"},
		{"/api/v1/spend?groupBy=colour", "query.groupBy"},
		{"/api/v1/spend/forecast?from=1999", "query.from"},
		{"/api/v1/spend/forecast?from=2100&years=5", "query.from"},
		{"/api/v1/spend/forecast?years=11", "query.years"},
		{"/api/v1/spend/peers?organization=GM0363&year=2101", "query.year"},
		{"/api/v1/organizations/GM0363/dependency?year=1999", "query.year"},
		{"/api/v1/concentration?year=2101", "query.year"},
		{"/api/v1/vendors/1/reach?year=1999", "query.year"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, body := ta.doAs(t, "admin", "GET", tt.path, nil, "")
			p := decodeProblem(t, resp, body)
			if resp.StatusCode != 422 || len(p.Errors) != 1 || p.Errors[0].Location != tt.wantField {
				t.Errorf("GET %s = %d %s, want 422 naming %s", tt.path, resp.StatusCode, body, tt.wantField)
			}
		})
	}
	t.Run("both at once are listed together", func(t *testing.T) {
		resp, body := ta.doAs(t, "admin", "GET", "/api/v1/spend?year=1999&groupBy=colour", nil, "")
		p := decodeProblem(t, resp, body)
		var fields []string
		for _, e := range p.Errors {
			fields = append(fields, e.Location)
		}
		if resp.StatusCode != 422 || !strings.Contains(strings.Join(fields, " "), "query.year") || !strings.Contains(strings.Join(fields, " "), "query.groupBy") {
			t.Errorf("GET = %d %s, want 422 naming query.year and query.groupBy", resp.StatusCode, body)
		}
	})
	if after := auditTotal(); after != before {
		t.Errorf("audit entries %d → %d: a bad spend request wrote something", before, after)
	}
}

// TestSpendService checks the service's own validation, which the pages
// rely on without huma in front.
func TestSpendService(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	ctx := context.Background()
	_, err := ta.svc.Spend(ctx, contracts.Everyone(), contracts.SpendQuery{GroupBy: "colour", Year: 1999})
	var fields []string
	for _, fe := range apperr.Fields(err) {
		fields = append(fields, fe.Field)
	}
	if strings.Join(fields, ",") != "year,groupBy" {
		t.Errorf("Spend(colour, 1999) fields %v, want year and groupBy", fields)
	}
	if _, err := ta.svc.CooperativeConcentration(ctx, contracts.Only("GM0363"), 2026); err == nil {
		t.Error("CooperativeConcentration for a scoped caller: no error, want Forbidden")
	}
}

// TestSpendMatchesContractByContract checks the one-pass loading on the
// small demo set (about 3,000 contracts and 10,000 licence lines, enough
// for the pass to be split into id ranges and to fill several slabs of
// lines): every organization's spend through the API equals the sum of
// ContractYearSpend over its contracts read one by one, with indexation.
func TestSpendMatchesContractByContract(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := smallDemoStore(t)
	idx := contracts.IndexRates{ByYear: map[int]int{2025: 410}, Default: 300}
	svc := contracts.NewService(st.Register(), contracts.Options{Now: fixedNow, Index: idx})
	authSvc := auth.NewService(st.Auth(), auth.Options{Now: fixedNow, Hash: auth.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}})
	admin, err := authSvc.CreateUser(ctx, auth.User{Email: "admin@test.nl", Name: "Admin", Role: auth.RoleAdmin}, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	_, token, err := authSvc.CreateToken(ctx, admin.ID, "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	app := newApp(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))},
		web.Deps{Contracts: svc, Auth: authSvc, Audit: st, Ping: st.Ping})

	today := svc.Today()
	want := map[string]int64{}
	var total int64
	err = svc.EachContract(ctx, contracts.Everyone(), contracts.ContractFilter{}, func(cs contracts.ContractSummary) error {
		d, err := svc.Contract(ctx, contracts.Everyone(), cs.ID)
		if err != nil {
			return err
		}
		amount := int64(contracts.ContractYearSpend(d.Contract, d.Lines, 2026, today, idx))
		if amount != 0 {
			want[cs.Organization] += amount
			total += amount
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	req := httptest.NewRequest("GET", "/api/v1/spend?groupBy=organization&year=2026", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := appTest(t, app, req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got spendResult
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET spend = %d, %v", resp.StatusCode, err)
	}
	if got.Total != total || len(got.Rows) != len(want) {
		t.Errorf("total %d over %d organizations, want %d over %d", got.Total, len(got.Rows), total, len(want))
	}
	for _, r := range got.Rows {
		if r.Amount != want[r.Key] {
			t.Errorf("%s: %d, want %d contract by contract", r.Key, r.Amount, want[r.Key])
		}
	}

	cc, err := svc.CooperativeConcentration(ctx, contracts.Everyone(), 2026)
	if err != nil {
		t.Fatal(err)
	}
	if int64(cc.Total) != total {
		t.Errorf("cooperative total %d, want %d", cc.Total, total)
	}
	fc, err := svc.SpendForecast(ctx, contracts.Everyone(), contracts.ForecastQuery{From: 2026, Years: 1})
	if err != nil {
		t.Fatal(err)
	}
	if int64(fc.Years[0].Amount) != total {
		t.Errorf("forecast of 2026 %d, want %d", fc.Years[0].Amount, total)
	}
}

// TestSpendYearsMatchesSpend: the one-pass reports of the spend workbook
// (every grouping, five years) equal the reports Spend gives one by one,
// on the small demo set, for the whole cooperative and for one
// organization.
func TestSpendYearsMatchesSpend(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := smallDemoStore(t)
	svc := contracts.NewService(st.Register(), contracts.Options{Now: fixedNow, Index: contracts.IndexRates{Default: 300}})
	for _, org := range []string{"", "GM0363"} {
		all, err := svc.SpendYears(ctx, contracts.Everyone(), org, 2025, 5)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range contracts.SpendGroupings() {
			if len(all[g]) != 5 {
				t.Fatalf("SpendYears(%q) by %s: %d reports, want 5", org, g, len(all[g]))
			}
			for i, got := range all[g] {
				want, err := svc.Spend(ctx, contracts.Everyone(), contracts.SpendQuery{GroupBy: g, Year: 2025 + i, Organization: org})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("SpendYears(%q) by %s, %d: total %d with %d rows; Spend gives %d with %d rows",
						org, g, 2025+i, got.Total, len(got.Rows), want.Total, len(want.Rows))
				}
			}
		}
	}
	if _, err := svc.SpendYears(ctx, contracts.Everyone(), "", 2098, 5); len(apperr.Fields(err)) == 0 {
		t.Errorf("SpendYears past %d: %v, want a field error on year", contracts.MaxYear, err)
	}
}

// TestSpendFollowsWritesThroughTheAPI: with the spend model built (the
// nightly refresh), a contract created, changed and deleted through the
// API shows in the spend report at once: the write only queues its
// change of the model (migration 0024), and the report, which never
// writes, computes from the contracts while the change is pending when no
// job applies it, and waits for the job's apply when one runs.
func TestSpendFollowsWritesThroughTheAPI(t *testing.T) {
	t.Run("no job", func(t *testing.T) { testSpendFollowsWrites(t, false) })
	t.Run("job", func(t *testing.T) { testSpendFollowsWrites(t, true) })
}

func testSpendFollowsWrites(t *testing.T, job bool) {
	s := appSeed{orgs: sampleOrgs(), hash: testHash, servicesAt: fixedNow()}
	st, users := storetest.Template(t, s.key(), s.seed)
	ta := appOver(t, st, s, users, fixedNow)
	f := seedSpend(t, ta)
	if job {
		// What the server's job does (cmd/samenkoop, spendjob.go).
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		unregister := st.RegisterSpendJob()
		go func() {
			defer close(done)
			for {
				select {
				case <-ctx.Done():
					return
				case <-st.SpendChanges():
					time.Sleep(50 * time.Millisecond)
					if _, err := st.ApplySpendChanges(ctx); err != nil && ctx.Err() == nil {
						t.Error(err)
					}
				}
			}
		}()
		t.Cleanup(func() { cancel(); <-done; unregister() })
	}
	if _, err := ta.svc.RefreshDates(context.Background()); err != nil {
		t.Fatal(err)
	}
	total := func(step string) int64 {
		t.Helper()
		var got spendResult
		getJSON(t, ta, "admin", "/api/v1/spend?groupBy=vendor&year=2027", 200, &got)
		return got.Total
	}
	before := total("before")
	body := fmt.Sprintf(`{"organization":"GM0363","number":"SPEND-API-1","title":"Telefonie","vendorId":%d,
		"start":"2027-01-01","initialTermMonths":12,"renewalKind":"none","annualValue":1200000,"status":"active"}`, f.wad)
	resp, b := ta.doAs(t, "admin", "POST", "/api/v1/contracts", jsonBody(body), "application/json")
	if resp.StatusCode != 201 {
		t.Fatalf("POST contract = %d %s", resp.StatusCode, b)
	}
	var created struct{ ID int64 }
	if err := json.Unmarshal(b, &created); err != nil || created.ID == 0 {
		t.Fatalf("POST contract: %s (%v)", b, err)
	}
	if got := total("after create"); got != before+1_200_000 {
		t.Fatalf("2027 spend after a create of 12.000,00 a year: %d; want %d", got, before+1_200_000)
	}
	path := fmt.Sprintf("/api/v1/contracts/%d", created.ID)
	if resp, b := ta.doAs(t, "admin", "PATCH", path, jsonBody(`{"annualValue":600000}`), "application/json"); resp.StatusCode != 200 {
		t.Fatalf("PATCH %s = %d %s", path, resp.StatusCode, b)
	}
	if got := total("after update"); got != before+600_000 {
		t.Fatalf("2027 spend after the value halved: %d; want %d", got, before+600_000)
	}
	if resp, b := ta.doAs(t, "admin", "DELETE", path, nil, ""); resp.StatusCode != 204 {
		t.Fatalf("DELETE %s = %d %s", path, resp.StatusCode, b)
	}
	if got := total("after delete"); got != before {
		t.Fatalf("2027 spend after the delete: %d; want %d", got, before)
	}
}
