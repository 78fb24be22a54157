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

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// namedPage is a page of a list paged by cursor whose rows have a name
// (vendors, organizations).
type namedPage struct {
	Items []struct {
		Name string
		Code string
	}
	Total        int
	TotalAtLeast bool
	Next, Prev   string
}

func (p namedPage) names() []string {
	out := []string{}
	for _, it := range p.Items {
		out = append(out, it.Name+it.Code)
	}
	return out
}

func getNamed(t *testing.T, ta testApp, path string) (namedPage, string) {
	t.Helper()
	resp, b := ta.doAs(t, "coordinator", "GET", path, nil, "")
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s = %d %s", path, resp.StatusCode, b)
	}
	var p namedPage
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return p, resp.Header.Get("Link")
}

// listsApp is the register of seedRegister with 23 more vendors and 20
// more organizations, some sharing a name, so that the vendor and
// organization lists have pages at a small page size and ties broken on
// the key.
func listsApp(t *testing.T) testApp {
	t.Helper()
	ta := newTestApp(t, sampleOrgs()...)
	seedRegister(t, ta)
	ctx := context.Background()
	for i := range 23 {
		if _, err := ta.svc.CreateVendor(ctx, contracts.Vendor{Name: fmt.Sprintf("Leverancier %02d", i%17)}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 20 {
		o := contracts.Organization{Code: fmt.Sprintf("GR%03d", i), Name: fmt.Sprintf("Regeling %02d", i%13), Kind: contracts.KindJointArrangement}
		if err := ta.svc.CreateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	return ta
}

// walkList follows the Link header's next from path and returns the
// names read and the last page.
func walkList(t *testing.T, ta testApp, path string) ([]string, namedPage) {
	t.Helper()
	var (
		got  []string
		last namedPage
	)
	for n := 0; path != "" && n < 50; n++ {
		p, link := getNamed(t, ta, path)
		got = append(got, p.names()...)
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
	return got, last
}

// TestNamedListsAPICursors: the vendor and organization lists page by
// cursor, every row once, in the order of one page holding them all,
// forward by next and back by prev; the total comes from the counter; a
// bad cursor and a page too deep are problems naming them.
func TestNamedListsAPICursors(t *testing.T) {
	t.Parallel()
	ta := listsApp(t)
	for _, list := range []struct{ path, filter string }{
		{"/api/v1/vendors", ""},
		{"/api/v1/vendors", "q=leverancier"},
		{"/api/v1/organizations", ""},
		{"/api/v1/organizations", "kind=joint_arrangement"},
		{"/api/v1/organizations", "q=regeling+0"},
	} {
		t.Run(list.path+"?"+list.filter, func(t *testing.T) {
			all, _ := getNamed(t, ta, list.path+"?pageSize=500&"+list.filter)
			if len(all.Items) < 4 || all.Total != len(all.Items) || all.TotalAtLeast || all.Next != "" {
				t.Fatalf("one page: %d items, total %d (at least %v), next %q", len(all.Items), all.Total, all.TotalAtLeast, all.Next)
			}
			got, last := walkList(t, ta, list.path+"?pageSize=3&"+list.filter)
			if want := all.names(); !slices.Equal(got, want) {
				t.Errorf("next links read %v, want %v", got, want)
			}
			// Back from the last page by prev reads the same rows reversed.
			var back []string
			p := last
			for n := 0; n < 50; n++ {
				back = slices.Concat(p.names(), back)
				if p.Prev == "" {
					break
				}
				p, _ = getNamed(t, ta, list.path+"?pageSize=3&"+list.filter+"&cursor="+url.QueryEscape(p.Prev))
			}
			if want := all.names(); !slices.Equal(back, want) {
				t.Errorf("prev links read %v, want %v", back, want)
			}
			// Numbered pages still read the same rows.
			second, _ := getNamed(t, ta, list.path+"?pageSize=3&page=2&"+list.filter)
			if want := all.names()[3:6]; !slices.Equal(second.names(), want) {
				t.Errorf("page 2 = %v, want %v", second.names(), want)
			}
		})
		resp, b := ta.doAs(t, "coordinator", "GET", list.path+"?cursor=bm90LWEtY3Vyc29y", nil, "")
		wantProblemFields(t, decodeProblem(t, resp, b), b, []string{"query.cursor"})
		resp, b = ta.doAs(t, "coordinator", "GET", list.path+"?page=300&pageSize=50", nil, "")
		wantProblemFields(t, decodeProblem(t, resp, b), b, []string{"query.page"})
	}
	// A cursor of another list is not a position in this one.
	vendors, _ := getNamed(t, ta, "/api/v1/vendors?pageSize=3")
	resp, b := ta.doAs(t, "coordinator", "GET", "/api/v1/organizations?cursor="+url.QueryEscape(vendors.Next), nil, "")
	if resp.StatusCode != 422 {
		t.Errorf("a vendor cursor on the organizations: %d %s, want 422", resp.StatusCode, b)
	}
}

// TestNamedListCountersFollowWrites: the totals read from the counters
// follow a vendor and an organization created and deleted.
func TestNamedListCountersFollowWrites(t *testing.T) {
	ta := listsApp(t)
	ctx := context.Background()
	vendors, _ := getNamed(t, ta, "/api/v1/vendors?pageSize=500")
	orgs, _ := getNamed(t, ta, "/api/v1/organizations?pageSize=500&kind=joint_arrangement")
	id, err := ta.svc.CreateVendor(ctx, contracts.Vendor{Name: "Nieuwkomer"})
	if err != nil {
		t.Fatal(err)
	}
	if err := ta.svc.CreateOrganization(ctx, contracts.Organization{Code: "GR999", Name: "Nieuwe regeling", Kind: contracts.KindJointArrangement}); err != nil {
		t.Fatal(err)
	}
	if p, _ := getNamed(t, ta, "/api/v1/vendors?pageSize=1"); p.Total != vendors.Total+1 {
		t.Errorf("vendors after a create: total %d, want %d", p.Total, vendors.Total+1)
	}
	if p, _ := getNamed(t, ta, "/api/v1/organizations?pageSize=1&kind=joint_arrangement"); p.Total != orgs.Total+1 {
		t.Errorf("organizations after a create: total %d, want %d", p.Total, orgs.Total+1)
	}
	if err := ta.svc.DeleteVendor(ctx, id); err != nil {
		t.Fatal(err)
	}
	if p, _ := getNamed(t, ta, "/api/v1/vendors?pageSize=1"); p.Total != vendors.Total {
		t.Errorf("vendors after a delete: total %d, want %d", p.Total, vendors.Total)
	}
}

// TestNamedListPages: /leveranciers and /organisaties page by cursor at
// 50 rows a page, Volgende and Vorige follow it, and a broken cursor
// falls back to the first page with a notice.
func TestNamedListPages(t *testing.T) {
	t.Parallel()
	ta := listsApp(t)
	ctx := context.Background()
	for i := range 60 {
		if _, err := ta.svc.CreateVendor(ctx, contracts.Vendor{Name: fmt.Sprintf("Veel %02d", i)}); err != nil {
			t.Fatal(err)
		}
		o := contracts.Organization{Code: fmt.Sprintf("XX%03d", i), Name: fmt.Sprintf("Veel %02d", i), Kind: contracts.KindOther}
		if err := ta.svc.CreateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	get := func(path string) string {
		t.Helper()
		resp, b := ta.doAs(t, "coordinator", "GET", path, nil, "")
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s = %d", path, resp.StatusCode)
		}
		return html.UnescapeString(string(b))
	}
	next := regexp.MustCompile(`<a href="([^"]+)" rel="next">Volgende</a>`)
	prev := regexp.MustCompile(`<a href="([^"]+)" rel="prev">Vorige</a>`)
	veel := regexp.MustCompile(`>Veel (\d\d)<`)
	for _, path := range []string{"/leveranciers?q=veel", "/organisaties?q=veel"} {
		body := get(path)
		n := next.FindStringSubmatch(body)
		if rows := veel.FindAllString(body, -1); len(rows) != 50 || n == nil || !strings.Contains(n[1], "cursor=") {
			t.Fatalf("%s first page: %d rows, next %v; want 50 and a cursor link", path, len(rows), n)
		}
		second := get(n[1])
		rows := veel.FindAllStringSubmatch(second, -1)
		if len(rows) != 10 || rows[0][1] != "50" || next.MatchString(second) {
			t.Errorf("%s second page: %d rows from %v; want the last 10 without Volgende", path, len(rows), rows)
		}
		p := prev.FindStringSubmatch(second)
		if p == nil {
			t.Fatalf("%s second page has no Vorige", path)
		}
		if back := veel.FindAllStringSubmatch(get(p[1]), -1); len(back) != 50 || back[0][1] != "00" {
			t.Errorf("%s Vorige: %d rows; want the first 50", path, len(back))
		}
		if !strings.Contains(body, "60 ") {
			t.Errorf("%s does not show the total 60", path)
		}
		if body := get(path + "&cursor=kapot"); !strings.Contains(body, "eerste pagina") || len(veel.FindAllString(body, -1)) != 50 {
			t.Errorf("%s: a broken cursor does not fall back to the first page with a notice", path)
		}
	}
}

// TestDemandListAPICursors: the demand list pages by cursor, every row
// once in the order of one page holding them all, forward and back; the
// totals come from the counters, per filter; a bad cursor and a page too
// deep are problems naming them.
func TestDemandListAPICursors(t *testing.T) {
	t.Parallel()
	orgs := sampleOrgs()
	for i := range 14 {
		orgs = append(orgs, contracts.Organization{Code: fmt.Sprintf("GM%04d", 2000+i), Name: fmt.Sprintf("Gemeente %d", i+1), Kind: contracts.KindMunicipality})
	}
	ta := newTestApp(t, orgs...)
	f := seedTender(t, ta)
	ctx := context.Background()
	for i := range 14 {
		status := procurement.DemandSubmitted
		if i%3 == 0 {
			status = procurement.DemandDraft
		}
		if _, err := ta.procurement.CreateDemand(ctx, contracts.Everyone(), procurement.Demand{Organization: fmt.Sprintf("GM%04d", 2000+i), CategoryID: f.Category,
			Quantity: int64(i + 1), DesiredStart: contracts.NewDate(2027, 1, 1).AddDays(i % 5), Status: status}); err != nil {
			t.Fatal(err)
		}
	}
	type page struct {
		Items        []struct{ ID int64 }
		Total        int
		TotalAtLeast bool
		Next, Prev   string
	}
	get := func(path string) page {
		t.Helper()
		resp, b := ta.doAs(t, "coordinator", "GET", path, nil, "")
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s = %d %s", path, resp.StatusCode, b)
		}
		var p page
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ids := func(p page) []int64 {
		out := []int64{}
		for _, it := range p.Items {
			out = append(out, it.ID)
		}
		return out
	}
	for _, filter := range []string{"", "status=draft", fmt.Sprintf("categoryId=%d&status=submitted", f.Category), "organization=GM2003"} {
		all := get("/api/v1/demand?pageSize=500&" + filter)
		if all.Total != len(all.Items) || len(all.Items) == 0 || all.TotalAtLeast {
			t.Fatalf("%s: %d items, total %d", filter, len(all.Items), all.Total)
		}
		var got []int64
		p := get("/api/v1/demand?pageSize=2&" + filter)
		last := p
		for n := 0; n < 30; n++ {
			got, last = append(got, ids(p)...), p
			if p.Next == "" {
				break
			}
			p = get("/api/v1/demand?pageSize=2&" + filter + "&cursor=" + url.QueryEscape(p.Next))
		}
		if !slices.Equal(got, ids(all)) {
			t.Errorf("%s: next read %v, want %v", filter, got, ids(all))
		}
		var back []int64
		for p = last; ; {
			back = slices.Concat(ids(p), back)
			if p.Prev == "" {
				break
			}
			p = get("/api/v1/demand?pageSize=2&" + filter + "&cursor=" + url.QueryEscape(p.Prev))
		}
		if !slices.Equal(back, ids(all)) {
			t.Errorf("%s: prev read %v, want %v", filter, back, ids(all))
		}
	}
	if all := get("/api/v1/demand?status=draft"); all.Total != 5 {
		t.Errorf("draft demand: total %d, want 5", all.Total)
	}
	resp, b := ta.doAs(t, "coordinator", "GET", "/api/v1/demand?cursor=bm90LWEtY3Vyc29y", nil, "")
	wantProblemFields(t, decodeProblem(t, resp, b), b, []string{"query.cursor"})
	resp, b = ta.doAs(t, "coordinator", "GET", "/api/v1/demand?page=300&pageSize=50", nil, "")
	wantProblemFields(t, decodeProblem(t, resp, b), b, []string{"query.page"})
}

// TestDemandListOrganizationSearch: the demand list's organization
// filter is a search field: a code or a unique part of a name is taken,
// several matches are offered as links, none leaves the filter off.
func TestDemandListOrganizationSearch(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	seedTender(t, ta) // demand of GM0363 and GM0518
	get := func(path string) string {
		t.Helper()
		resp, b := ta.doAs(t, "coordinator", "GET", path, nil, "")
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s = %d", path, resp.StatusCode)
		}
		return html.UnescapeString(string(b))
	}
	all := get("/behoefte")
	if strings.Contains(all, `<option value="GM0518"`) || !strings.Contains(all, `name="organisatie" type="search"`) {
		t.Error("/behoefte lists the organizations instead of a search field")
	}
	if body := get("/behoefte?organisatie=gravenhage"); !strings.Contains(body, "1 registratie van behoefte") || !strings.Contains(body, "(GM0518)") {
		t.Error("organisatie=gravenhage does not filter on 's-Gravenhage")
	}
	if body := get("/behoefte?organisatie=GM"); !strings.Contains(body, "Meerdere organisaties") || !strings.Contains(body, "organisatie=GM0518") {
		t.Error("organisatie=GM does not offer the matching organizations")
	}
	if body := get("/behoefte?organisatie=bestaatniet"); !strings.Contains(body, "Geen organisaties gevonden") {
		t.Error("an unknown organization is not reported")
	}
}
