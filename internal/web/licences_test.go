package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"slices"
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

// seedManyLicences is seedLicences plus three contracts of 25 lines each
// (83 lines in all, 62 of them over quota: more than a page of
// /licenties either way), their excess costs tied across the contracts.
func seedManyLicences(t *testing.T) testApp {
	t.Helper()
	ta := seedLicences(t)
	ctx := context.Background()
	vendor, err := ta.svc.Vendors(ctx, contracts.Everyone(), contracts.VendorFilter{PageSize: 1})
	if err != nil || len(vendor.Items) == 0 {
		t.Fatalf("fixture: %v", err)
	}
	for i, org := range []string{"GM0363", "GM0518", "GM0363"} {
		var lines []contracts.LicenceLine
		for j := range 25 {
			seats := 5 // over quota (6 or 7 of 5) but for one in five
			if j%5 != 0 {
				seats += 1 + j%2
			}
			lines = append(lines, contracts.LicenceLine{Product: fmt.Sprintf("Regel %c-%02d", 'A'+i, j), Metric: contracts.MetricNamedUser,
				Quantity: 5, SeatsInUse: seats, UnitPrice: 1_000, PricePeriod: contracts.PerYear})
		}
		if _, err := ta.svc.CreateContract(ctx, contracts.Everyone(), contracts.Contract{Organization: org, Number: fmt.Sprintf("VEEL-%d", i),
			Title: "Veel licenties", VendorID: vendor.Items[0].ID, Start: contracts.NewDate(2026, 1, 1), InitialTermMonths: 24,
			RenewalKind: contracts.RenewalNone, Status: contracts.StatusActive}, lines); err != nil {
			t.Fatal(err)
		}
	}
	return ta
}

// licenceListPage is a page of GET /api/v1/licences as the paging tests
// read it.
type licenceListPage struct {
	Items []struct {
		ID      int64  `json:"id"`
		Product string `json:"product"`
	} `json:"items"`
	Total int    `json:"total"`
	Next  string `json:"next"`
	Prev  string `json:"prev"`
}

// TestLicencesPageFollowsNextLinks: /licenties, over quota and with every
// line, pages by cursor; following Volgende from the first page lists
// every line once in the API's order, Vorige back from the last page
// the same, and each page shows the total of every line; a broken cursor
// shows the first page with a notice.
func TestLicencesPageFollowsNextLinks(t *testing.T) {
	ta := seedManyLicences(t)
	next := regexp.MustCompile(`<a href="([^"]+)" rel="next">Volgende</a>`)
	prev := regexp.MustCompile(`<a href="([^"]+)" rel="prev">Vorige</a>`)
	product := regexp.MustCompile(`<td>([^<]*)<br><span class="muted">`)
	get := func(path string) string {
		t.Helper()
		resp, body := ta.doAs(t, "finance-all", "GET", path, nil, "")
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s = %d", path, resp.StatusCode)
		}
		return string(body)
	}
	products := func(body string) []string {
		var out []string
		for _, m := range product.FindAllStringSubmatch(body, -1) {
			out = append(out, html.UnescapeString(m[1]))
		}
		return out
	}
	for _, tt := range []struct {
		name, path, api, count string
	}{
		{"over quota", "/licenties", "/api/v1/licences?pageSize=500", "62 licentieregels"},
		{"every line", "/licenties?alle=1", "/api/v1/licences?overQuota=false&pageSize=500", "83 licentieregels, waarvan 62 boven het aantal"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var want licenceListPage
			getJSON(t, ta, "finance-all", tt.api, 200, &want)
			var wantProducts []string
			for _, it := range want.Items {
				wantProducts = append(wantProducts, it.Product)
			}
			body := get(tt.path)
			if prev.MatchString(body) {
				t.Error("the first page links to a previous page")
			}
			got, pages := products(body), 1
			for m := next.FindStringSubmatch(body); m != nil; m = next.FindStringSubmatch(body) {
				link := html.UnescapeString(m[1])
				if !strings.Contains(link, "cursor=") || pages > 10 {
					t.Fatalf("next link %q", link)
				}
				body = get(link)
				if !strings.Contains(body, tt.count) {
					t.Errorf("page %d does not show %q", pages+1, tt.count)
				}
				got, pages = append(got, products(body)...), pages+1
			}
			if pages != 2 || !slices.Equal(got, wantProducts) {
				t.Fatalf("%d pages list %d lines %v…, want 2 pages of the API's %d lines", pages, len(got), got[:min(len(got), 5)], len(wantProducts))
			}
			back := products(body)
			for m := prev.FindStringSubmatch(body); m != nil; m = prev.FindStringSubmatch(body) {
				body = get(html.UnescapeString(m[1]))
				back = append(products(body), back...)
			}
			if !slices.Equal(back, wantProducts) {
				t.Errorf("the prev links list %d lines, want the API's %d", len(back), len(wantProducts))
			}
		})
	}
	for _, tt := range []struct{ path, notice string }{
		{"/licenties?alle=1&cursor=kapot", "begin opnieuw bij de eerste pagina"},
		{"/licenties?alle=1&pagina=100000", "blader verder met Volgende"},
	} {
		body := get(tt.path)
		if !strings.Contains(body, tt.notice) || len(products(body)) != 50 {
			t.Errorf("GET %s: %d lines; want the first page with the notice %q", tt.path, len(products(body)), tt.notice)
		}
	}
	// A cursor of the lines over quota is no place among every line.
	m := next.FindStringSubmatch(get("/licenties"))
	if m == nil {
		t.Fatal("no next link")
	}
	other := strings.Replace(html.UnescapeString(m[1]), "/licenties?", "/licenties?alle=1&", 1)
	if body := get(other); !strings.Contains(body, "eerste pagina") || !strings.Contains(body, "Alle licenties") {
		t.Errorf("GET %s: want every line's first page with a notice", other)
	}
}

// TestLicencesAPICursor: GET /api/v1/licences pages by the next and prev
// cursors (and the Link header), every line once; a cursor that is no
// position in the list asked for, or a page by number too deep, is a 422
// problem on that parameter.
func TestLicencesAPICursor(t *testing.T) {
	ta := seedManyLicences(t)
	var all licenceListPage
	getJSON(t, ta, "finance-all", "/api/v1/licences?overQuota=false&pageSize=500", 200, &all)
	if all.Total != 83 || len(all.Items) != 83 || all.Next != "" || all.Prev != "" {
		t.Fatalf("every line at once: total %d, %d lines, next %q, prev %q", all.Total, len(all.Items), all.Next, all.Prev)
	}
	var want []int64
	for _, it := range all.Items {
		want = append(want, it.ID)
	}
	var (
		got  []int64
		p    licenceListPage
		path = "/api/v1/licences?overQuota=false&pageSize=9"
	)
	for n := 0; ; n++ {
		resp, body := ta.doAs(t, "finance-all", "GET", path, nil, "")
		p = licenceListPage{}
		if err := json.Unmarshal(body, &p); resp.StatusCode != 200 || err != nil || n > 10 {
			t.Fatalf("GET %s = %d %s", path, resp.StatusCode, body)
		}
		for _, it := range p.Items {
			got = append(got, it.ID)
		}
		if p.Next == "" {
			break
		}
		if link := resp.Header.Get("Link"); !strings.Contains(link, `rel="next"`) || !strings.Contains(link, "cursor="+url.QueryEscape(p.Next)) {
			t.Errorf("Link %q does not carry the next cursor", link)
		}
		path = "/api/v1/licences?overQuota=false&pageSize=9&cursor=" + url.QueryEscape(p.Next)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("the next cursors list %v, want %v", got, want)
	}
	var before licenceListPage
	getJSON(t, ta, "finance-all", "/api/v1/licences?overQuota=false&pageSize=9&cursor="+url.QueryEscape(p.Prev), 200, &before)
	if len(before.Items) != 9 || before.Items[0].ID != want[len(want)-len(p.Items)-9] {
		t.Errorf("prev of the last page: %d lines; want the 9 before it", len(before.Items))
	}

	var over licenceListPage
	getJSON(t, ta, "finance-all", "/api/v1/licences?pageSize=2", 200, &over)
	for _, bad := range []struct{ path, field string }{
		{"/api/v1/licences?overQuota=false&cursor=kapot", "query.cursor"},
		{"/api/v1/licences?overQuota=false&cursor=bm90LWEtY3Vyc29y", "query.cursor"},
		{"/api/v1/licences?overQuota=false&cursor=" + url.QueryEscape(over.Next), "query.cursor"},
		{"/api/v1/licences?overQuota=false&page=300&pageSize=50", "query.page"},
	} {
		resp, b := ta.doAs(t, "finance-all", "GET", bad.path, nil, "")
		if resp.StatusCode != 422 { // as every list answers a bad cursor
			t.Errorf("GET %s = %d %s", bad.path, resp.StatusCode, b)
		}
		wantProblemFields(t, decodeProblem(t, resp, b), b, []string{bad.field})
	}
}
