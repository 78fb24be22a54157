package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// alertListPage is a page of GET /api/v1/alerts with its paging.
type alertListPage struct {
	alertPage
	TotalAtLeast bool   `json:"totalAtLeast"`
	PageSize     int    `json:"pageSize"`
	Next         string `json:"next"`
	Partial      bool   `json:"partial"`
}

var linkNext = regexp.MustCompile(`<([^>]*)>; rel="next"`)

// TestAlertsAPIPages: the alerts list is paged by cursor. Following next
// (and the Link header, which names the same page) one alert at a time
// sees every alert of the whole list once, in its order, each page with
// the total; the last page has no next. A cursor the list did not make
// is refused naming the cursor.
func TestAlertsAPIPages(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	seedAlerts(t, ta)
	get := func(path string) (alertListPage, string) {
		t.Helper()
		resp, body := ta.doAs(t, "admin", "GET", path, nil, "")
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s = %d %s", path, resp.StatusCode, body)
		}
		var p alertListPage
		if err := json.Unmarshal(body, &p); err != nil {
			t.Fatal(err)
		}
		return p, resp.Header.Get("Link")
	}
	for _, within := range []string{"90d", "400d"} {
		all, link := get("/api/v1/alerts?pageSize=500&within=" + within)
		if all.Next != "" || link != "" || all.Total != len(all.Items) || len(all.Items) < 4 {
			t.Fatalf("one page of everything: %d items, total %d, next %q, Link %q", len(all.Items), all.Total, all.Next, link)
		}
		var walked []string
		path := "/api/v1/alerts?pageSize=1&within=" + within
		for pages := 0; path != ""; pages++ {
			if pages > len(all.Items) {
				t.Fatalf("more pages than the %d alerts", len(all.Items))
			}
			p, link := get(path)
			if p.Total != all.Total || p.TotalAtLeast || p.Partial || p.PageSize != 1 {
				t.Errorf("page %d: total %d (at least %v), partial %v, pageSize %d; want total %d", pages+1, p.Total, p.TotalAtLeast, p.Partial, p.PageSize, all.Total)
			}
			walked = append(walked, p.lines()...)
			path = ""
			if p.Next == "" {
				if link != "" {
					t.Errorf("the last page has Link %q", link)
				}
				break
			}
			m := linkNext.FindStringSubmatch(link)
			if m == nil {
				t.Fatalf("page %d has next but Link %q", pages+1, link)
			}
			u, err := url.Parse(m[1])
			if err != nil || u.Path != "/api/v1/alerts" || u.Query().Get("cursor") != p.Next || u.Query().Get("within") != within {
				t.Fatalf("Link %q does not name the next page %q", link, p.Next)
			}
			path = m[1]
		}
		if got, want := strings.Join(walked, "\n"), strings.Join(all.lines(), "\n"); got != want {
			t.Errorf("within %s: walking the pages saw\n  %s\nwant\n  %s", within, strings.ReplaceAll(got, "\n", "\n  "), strings.ReplaceAll(want, "\n", "\n  "))
		}
	}
	// A member's pages are its organization's.
	resp, body := ta.doAs(t, "member", "GET", "/api/v1/alerts?pageSize=2", nil, "")
	var p alertListPage
	if err := json.Unmarshal(body, &p); resp.StatusCode != 200 || err != nil || len(p.Items) != 2 || p.Total != 3 || p.Next == "" {
		t.Fatalf("member's first page: %d %s", resp.StatusCode, body)
	}
	resp, body = ta.doAs(t, "member", "GET", "/api/v1/alerts?pageSize=2&cursor="+url.QueryEscape(p.Next), nil, "")
	var rest alertListPage
	if err := json.Unmarshal(body, &rest); resp.StatusCode != 200 || err != nil || strings.Join(rest.lines(), ",") != "2026-11-30 notice GM0363/AMS-TEL-1" || rest.Next != "" {
		t.Errorf("member's second page: %d %s", resp.StatusCode, body)
	}

	for _, bad := range []string{"bm90LWEtY3Vyc29y", "kapot", url.QueryEscape(contractCursorOf(t, ta))} {
		resp, b := ta.doAs(t, "admin", "GET", "/api/v1/alerts?cursor="+bad, nil, "")
		if resp.StatusCode != 422 { // as every list answers a bad cursor
			t.Errorf("bad cursor %s = %d %s", bad, resp.StatusCode, b)
		}
		wantProblemFields(t, decodeProblem(t, resp, b), b, []string{"query.cursor"})
	}
}

// contractCursorOf returns the next cursor of the contract list: a
// cursor of another list.
func contractCursorOf(t *testing.T, ta testApp) string {
	t.Helper()
	resp, body := ta.doAs(t, "admin", "GET", "/api/v1/contracts?pageSize=1", nil, "")
	var p struct {
		Next string `json:"next"`
	}
	if err := json.Unmarshal(body, &p); resp.StatusCode != 200 || err != nil || p.Next == "" {
		t.Fatalf("contract list: %d %s", resp.StatusCode, body)
	}
	return p.Next
}

// TestAlertListPage: /deadlines shows the first 50 alerts of the user's
// contracts with a "Volgende" link to the next page, which shows the
// rest and links back to the start; a broken cursor shows the first page
// with a notice.
func TestAlertListPage(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	seedAlerts(t, ta)
	ctx := context.Background()
	vendor, err := ta.svc.CreateVendor(ctx, contracts.Vendor{Name: "Kantoorartikelen BV", KVK: "87654321"})
	if err != nil {
		t.Fatal(err)
	}
	// 60 contracts that end for good in the coming weeks: 64 alerts with
	// the 4 of seedAlerts.
	for i := range 60 {
		c := contracts.Contract{Organization: "GM0518", Number: fmt.Sprintf("DH-KA-%02d", i), Title: fmt.Sprintf("Kantoorartikelen %02d", i),
			Start: contracts.NewDate(2025, 12, 1).AddDays(i), InitialTermMonths: 12, RenewalKind: contracts.RenewalNone,
			VendorID: vendor, Status: contracts.StatusActive}
		if _, err := ta.svc.CreateContract(ctx, contracts.Everyone(), c, nil); err != nil {
			t.Fatal(err)
		}
	}
	rows := regexp.MustCompile(`<tr>\s*<td><span class="deadline">`)
	next := regexp.MustCompile(`<a href="([^"]*)" rel="next">Volgende</a>`)
	resp, body := ta.doAs(t, "admin", "GET", "/deadlines", nil, "")
	page := string(body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET /deadlines = %d %s", resp.StatusCode, page)
	}
	m := next.FindStringSubmatch(page)
	if n := len(rows.FindAllString(page, -1)); n != 50 || m == nil || !strings.Contains(page, "64 deadlines") ||
		!strings.Contains(page, "Gemist") || strings.Contains(page, "Naar het begin") {
		t.Fatalf("first page: %d rows, next link %v:\n%s", n, m, grepLines(page, "deadline"))
	}
	resp, body = ta.doAs(t, "admin", "GET", html.UnescapeString(m[1]), nil, "")
	page = string(body)
	if n := len(rows.FindAllString(page, -1)); resp.StatusCode != 200 || n != 14 || next.MatchString(page) || !strings.Contains(page, `href="/deadlines" rel="prev">Naar het begin`) {
		t.Errorf("second page: %d, %d rows:\n%s", resp.StatusCode, n, grepLines(page, "deadline"))
	}
	// The member sees its organization's 3 alerts, on one page.
	_, body = ta.doAs(t, "member", "GET", "/deadlines", nil, "")
	if page := string(body); len(rows.FindAllString(page, -1)) != 3 || next.MatchString(page) || strings.Contains(page, "Kantoorartikelen") {
		t.Errorf("member's page:\n%s", grepLines(page, "deadline"))
	}
	resp, body = ta.doAs(t, "admin", "GET", "/deadlines?cursor=kapot", nil, "")
	if page := string(body); resp.StatusCode != 200 || len(rows.FindAllString(page, -1)) != 50 || !strings.Contains(page, "eerste pagina") {
		t.Errorf("a broken cursor: %d\n%s", resp.StatusCode, grepLines(page, "notice"))
	}
}
