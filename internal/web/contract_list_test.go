package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
)

// listRegister is the register of seedRegister with eight more
// Amsterdam contracts, two of them expired and one over quota, so that
// the list has pages at a small page size.
func listRegister(t *testing.T) (testApp, registerFixture) {
	t.Helper()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedRegister(t, ta)
	ctx := context.Background()
	for i := range 8 {
		c := contracts.Contract{Organization: "GM0363", Number: fmt.Sprintf("LIJST-%02d", i), Title: fmt.Sprintf("Dienst %d", i),
			VendorID: f.Other, Start: contracts.NewDate(2021+i%4, time.Month(1+i), 1), InitialTermMonths: 24, RenewalKind: contracts.RenewalNone,
			NoticeMonths: 1, AnnualValue: contracts.Money(100_000 * (i + 1)), Status: contracts.StatusActive}
		if i%2 == 0 {
			c.CategoryID = f.Category
		}
		var lines []contracts.LicenceLine
		if i == 7 {
			lines = []contracts.LicenceLine{{Product: "Licentie", Metric: contracts.MetricNamedUser, Quantity: 5, SeatsInUse: 9,
				UnitPrice: 100, PricePeriod: contracts.PerYear}}
		}
		if _, err := ta.svc.CreateContract(ctx, contracts.Everyone(), c, lines); err != nil {
			t.Fatal(err)
		}
	}
	return ta, f
}

type listPage struct {
	Items []struct {
		Number  string
		Expired bool
	}
	Total        int
	TotalAtLeast bool
	Next, Prev   string
}

func getList(t *testing.T, ta testApp, path string) (listPage, string) {
	t.Helper()
	resp, b := ta.doAs(t, "coordinator", "GET", path, nil, "")
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s = %d %s", path, resp.StatusCode, b)
	}
	var p listPage
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return p, resp.Header.Get("Link")
}

func numbers(p listPage) []string {
	out := []string{}
	for _, it := range p.Items {
		out = append(out, it.Number)
	}
	return out
}

// TestContractListAPICursors: the API pages by cursor, next and prev in
// the body and the Link header, every contract once, in the order of one
// page holding them all; a bad cursor is a problem naming it.
func TestContractListAPICursors(t *testing.T) {
	ta, _ := listRegister(t)
	for _, sort := range contracts.ContractSorts() {
		t.Run(string(sort), func(t *testing.T) {
			all, _ := getList(t, ta, "/api/v1/contracts?pageSize=500&sort="+string(sort))
			if len(all.Items) != 11 || all.Total != 11 {
				t.Fatalf("one page: %d items, total %d; want 11", len(all.Items), all.Total)
			}
			var got []string
			path := "/api/v1/contracts?pageSize=3&sort=" + string(sort)
			var last listPage
			for n := 0; path != "" && n < 10; n++ {
				p, link := getList(t, ta, path)
				got = append(got, numbers(p)...)
				path = ""
				if p.Next != "" {
					m := regexp.MustCompile(`<([^>]+)>; rel="next"`).FindStringSubmatch(link)
					if m == nil {
						t.Fatalf("Link %q has no next", link)
					}
					path = m[1]
				}
				last = p
			}
			if want := numbers(all); !slices.Equal(got, want) {
				t.Errorf("next links read %v, want %v", got, want)
			}
			prev, _ := getList(t, ta, "/api/v1/contracts?pageSize=3&sort="+string(sort)+"&cursor="+url.QueryEscape(last.Prev))
			if want := numbers(all)[6:9]; !slices.Equal(numbers(prev), want) {
				t.Errorf("prev of the last page = %v, want %v", numbers(prev), want)
			}
		})
	}
	resp, b := ta.doAs(t, "coordinator", "GET", "/api/v1/contracts?cursor=bm90LWEtY3Vyc29y", nil, "")
	wantProblemFields(t, decodeProblem(t, resp, b), b, []string{"query.cursor"})
	first, _ := getList(t, ta, "/api/v1/contracts?pageSize=3&sort=title")
	resp, b = ta.doAs(t, "coordinator", "GET", "/api/v1/contracts?sort=value&cursor="+url.QueryEscape(first.Next), nil, "")
	wantProblemFields(t, decodeProblem(t, resp, b), b, []string{"query.cursor"})
	resp, b = ta.doAs(t, "coordinator", "GET", "/api/v1/contracts?page=300&pageSize=50", nil, "")
	wantProblemFields(t, decodeProblem(t, resp, b), b, []string{"query.page"})
}

// TestContractListAPIFilters: expired contracts left out on request,
// several categories at once, the over-quota signal; totals from the
// counters.
func TestContractListAPIFilters(t *testing.T) {
	ta, f := listRegister(t)
	all, _ := getList(t, ta, "/api/v1/contracts?pageSize=500")
	expired := 0
	for _, it := range all.Items {
		if it.Expired {
			expired++
		}
	}
	if expired == 0 {
		t.Fatal("fixture: no expired contract")
	}
	current, _ := getList(t, ta, "/api/v1/contracts?pageSize=500&includeExpired=false")
	if len(current.Items) != 11-expired || current.Total != 11-expired || slices.ContainsFunc(current.Items, func(it struct {
		Number  string
		Expired bool
	}) bool {
		return it.Expired
	}) {
		t.Errorf("includeExpired=false: %d items (total %d), want the %d not expired", len(current.Items), current.Total, 11-expired)
	}
	cat := fmt.Sprintf("category=%d", f.Category)
	one, _ := getList(t, ta, "/api/v1/contracts?pageSize=500&"+cat)
	none, _ := getList(t, ta, "/api/v1/contracts?pageSize=500&category=999")
	both, _ := getList(t, ta, "/api/v1/contracts?pageSize=500&"+cat+"&category=999")
	if len(one.Items) != 5 || len(none.Items) != 0 || !slices.Equal(numbers(both), numbers(one)) || both.Total != 5 {
		t.Errorf("categories: %d, %d, both %d (total %d); want 5, 0, the 5", len(one.Items), len(none.Items), len(both.Items), both.Total)
	}
	over, _ := getList(t, ta, "/api/v1/contracts?overQuota=true&sort=number")
	if got := numbers(over); !slices.Equal(got, []string{"AMS-2023-001", "LIJST-07"}) || over.Total != 2 {
		t.Errorf("overQuota = %v (total %d), want AMS-2023-001 and LIJST-07", got, over.Total)
	}
}

// TestContractListPage: the page hides expired contracts unless asked,
// takes several categories, links to the next page by cursor, shows the
// end the contract runs to, and looks organizations and vendors up by a
// search field instead of listing them all.
func TestContractListPage(t *testing.T) {
	ta, f := listRegister(t)
	get := func(path string) string {
		t.Helper()
		resp, b := ta.doAs(t, "coordinator", "GET", path, nil, "")
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s = %d", path, resp.StatusCode)
		}
		return html.UnescapeString(string(b))
	}
	rows := regexp.MustCompile(`<code>([A-Z0-9-]+)</code>`)
	count := func(body string) int { return len(rows.FindAllString(body, -1)) }
	api, _ := getList(t, ta, "/api/v1/contracts?pageSize=500&includeExpired=false")
	body := get("/contracten")
	if count(body) != len(api.Items) || !strings.Contains(body, fmt.Sprintf("%d contracten", len(api.Items))) {
		t.Errorf("/contracten shows %d rows, want the %d not expired", count(body), len(api.Items))
	}
	if strings.Contains(body, "<option value=\"GM0518\"") || !strings.Contains(body, `name="organisatie" type="search"`) {
		t.Error("/contracten lists the organizations instead of a search field")
	}
	if body := get("/contracten?verlopen=1"); count(body) != 11 {
		t.Errorf("/contracten?verlopen=1 shows %d rows, want 11", count(body))
	}
	cats := get(fmt.Sprintf("/contracten?verlopen=1&categorie=%d&categorie=999", f.Category))
	if count(cats) != 5 {
		t.Errorf("two categories: %d rows, want 5", count(cats))
	}
	if body := get("/contracten?verlopen=1&signaal=licenties"); count(body) != 2 {
		t.Errorf("licenties overschreden: %d rows, want 2", count(body))
	}

	// Organizations by name: one match is taken, several offered as links.
	if body := get("/contracten?verlopen=1&organisatie=gravenhage"); count(body) != 1 || !strings.Contains(body, "DH-2024-7") {
		t.Errorf("organisatie=gravenhage: %d rows, want DH-2024-7 only", count(body))
	}
	body = get("/contracten?organisatie=GM")
	if !strings.Contains(body, "Meerdere organisaties") || !strings.Contains(body, "organisatie=GM0518") {
		t.Error("organisatie=GM does not offer the matching organizations")
	}
	if body := get("/contracten?verlopen=1&leverancier=Roze"); count(body) != 9 {
		t.Errorf("leverancier=Roze: %d rows, want its 9 contracts", count(body))
	}
	if body := get("/contracten?verlopen=1&groep=12345678"); count(body) != 2 {
		t.Errorf("groep by KvK: %d rows, want the group's 2 contracts", count(body))
	}

	// Paging: 50 a page; Volgende follows the cursor.
	ctx := context.Background()
	for i := range 50 {
		c := contracts.Contract{Organization: "GM0518", Number: fmt.Sprintf("VEEL-%02d", i), Title: "Veel", VendorID: f.Other,
			Start: contracts.NewDate(2026, 1, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalNone, Status: contracts.StatusActive}
		if _, err := ta.svc.CreateContract(ctx, contracts.Everyone(), c, nil); err != nil {
			t.Fatal(err)
		}
	}
	body = get("/contracten?verlopen=1&sortering=number")
	next := regexp.MustCompile(`<a href="([^"]+)" rel="next">Volgende</a>`).FindStringSubmatch(body)
	if count(body) != 50 || next == nil || !strings.Contains(next[1], "cursor=") {
		t.Fatalf("first page: %d rows, next %v; want 50 and a cursor link", count(body), next)
	}
	second := get(next[1])
	if count(second) != 11 || !strings.Contains(second, `rel="prev"`) || strings.Contains(second, `rel="next"`) {
		t.Errorf("second page: %d rows; want the last 11 with Vorige and without Volgende", count(second))
	}
	if body := get("/contracten?cursor=kapot"); !strings.Contains(body, "eerste pagina") {
		t.Error("a broken cursor does not fall back to the first page with a notice")
	}
}

// TestContractFormSearchesParties: the contract form takes the vendor and
// the organization by a search field; a text that names several offers
// them as choices (422, nothing saved), and a choice among them saves.
func TestContractFormSearchesParties(t *testing.T) {
	ta, f := listRegister(t)
	before := registerState(t, ta)
	form := contractForm(f.Other)
	form.Set("vendorId", "centrix")
	resp, body := postForm(t, ta, "admin", "/contracten/nieuw", form)
	if resp.StatusCode != 422 || !strings.Contains(body, fmt.Sprintf(`name="vendorId" value="%d"`, f.Group)) ||
		!strings.Contains(body, fmt.Sprintf(`name="vendorId" value="%d"`, f.Sub)) {
		t.Fatalf("vendor centrix = %d, want 422 offering both Centrix vendors\n%s", resp.StatusCode, body)
	}
	if after := registerState(t, ta); after != before {
		t.Error("an ambiguous vendor saved something")
	}
	// The radio button after the field wins over the text typed in it.
	form.Add("vendorId", fmt.Sprint(f.Sub))
	form.Set("organization", "Amsterdam")
	if resp, body := postForm(t, ta, "admin", "/contracten/nieuw", form); resp.StatusCode != 303 {
		t.Fatalf("vendor chosen, organization by name = %d, want 303\n%s", resp.StatusCode, body)
	}
	form = contractForm(f.Other)
	form.Set("number", "ZOEK-2")
	form.Set("vendorId", "Roze Rots")
	form.Set("organization", "nergens")
	if resp, body := postForm(t, ta, "admin", "/contracten/nieuw", form); resp.StatusCode != 422 || !strings.Contains(body, "Geen organisatie gevonden") {
		t.Errorf("organization nergens = %d, want 422 saying none was found", resp.StatusCode)
	}
}
