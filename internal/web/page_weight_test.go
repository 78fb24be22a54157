package web_test

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/internal/demo"
)

// maxPageBytes is the most HTML one page may send: 1 MB. A page larger
// than that takes seconds to arrive and to lay out on an ordinary laptop
// or phone, and is too much to read anyway.
const maxPageBytes = 1_000_000

// TestPageWeightNational loads the national demo set once and fetches
// every page of the route list (uiPages) as the coordinator and the
// administrator, who see every organization's data: each page's HTML
// must stay under maxPageBytes. It logs every page's size, largest
// first. It runs only with SAMENKOOP_TEST_NATIONAL=1: generating the
// national set takes about a minute on a small machine.
func TestPageWeightNational(t *testing.T) {
	if os.Getenv("SAMENKOOP_TEST_NATIONAL") == "" {
		t.Skip("set SAMENKOOP_TEST_NATIONAL=1 to weigh the pages over the national demo set")
	}
	ta, own := demoApp(t, demo.ScaleNational)
	pages := uiPages(t, ta, own)
	type weighed struct {
		who, name, path string
		status, bytes   int
	}
	var all []weighed
	for _, who := range []string{"coordinator", "admin"} {
		for _, p := range pages {
			resp, body := ta.doAs(t, who, "GET", p.path, nil, "")
			if resp.StatusCode == 403 {
				continue // not this role's page
			}
			want := 200
			if strings.HasPrefix(p.name, "error page") {
				want = 404
			}
			if resp.StatusCode != want {
				t.Errorf("%s (%s) as %s: status %d, want %d", p.name, p.path, who, resp.StatusCode, want)
			}
			all = append(all, weighed{who, p.name, p.path, resp.StatusCode, len(body)})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].bytes > all[j].bytes })
	var report strings.Builder
	for _, w := range all {
		fmt.Fprintf(&report, "\n%10d bytes  %-11s %s (%s)", w.bytes, w.who, w.path, w.name)
		if w.bytes > maxPageBytes {
			t.Errorf("%s (%s) as %s: %d bytes of HTML, want at most %d", w.name, w.path, w.who, w.bytes, maxPageBytes)
		}
	}
	t.Logf("HTML per page over the national demo set, largest first:%s", report.String())
}
