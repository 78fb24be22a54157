package web_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/samenkoop/samenkoop/internal/demo"
)

// axeTags are the rule sets axe-core runs: WCAG 2.0 and 2.1 at levels A
// and AA, the level Dutch government sites must meet (Besluit digitale
// toegankelijkheid overheid, through EN 301 549). axe's best practices,
// which that law does not require, are left out to keep the run short.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// axeRun runs axe-core on the page and returns its serious and critical
// violations, each node by its CSS path and what is wrong with it.
var axeRun = fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]}).then(r =>
	r.violations.filter(v => v.impact === "serious" || v.impact === "critical").map(v => ({
		id: v.id, impact: v.impact, help: v.help,
		nodes: v.nodes.map(n => ({target: n.target.map(String).join(" "), summary: n.failureSummary || ""})),
	})))`, jsStrings(axeTags))

// mainContent is the page's main content without the session's CSRF
// tokens: what two users who see the same page share.
const mainContent = `(() => {
	const m = document.querySelector("main").cloneNode(true);
	m.querySelectorAll('input[name="_csrf"]').forEach(i => i.removeAttribute("value"));
	return m.outerHTML;
})()`

// axeViolation is one rule axe-core found broken on a page.
type axeViolation struct {
	ID, Impact, Help string
	Nodes            []struct{ Target, Summary string }
}

func jsStrings(ss []string) string {
	return `["` + strings.Join(ss, `", "`) + `"]`
}

// TestBrowserAccessibility runs axe-core in Chromium on every page of the
// route list (uiPages) as every role, and on the login and error pages
// without a session, over the small demo set: no page may have a serious
// or critical violation of WCAG 2.1 AA. A page
// a role may not open (403) is left out for that role: its error page is
// checked without a session. .ci/run installs axe-core from npm and names
// its axe.min.js in SAMENKOOP_AXE_JS.
func TestBrowserAccessibility(t *testing.T) {
	execPath, ok := chromium()
	if !ok {
		t.Skip("no Chromium found (install Debian's chromium); skipping the accessibility test")
	}
	t.Parallel()
	axePath := os.Getenv("SAMENKOOP_AXE_JS")
	if axePath == "" {
		t.Skip("SAMENKOOP_AXE_JS does not name axe-core's axe.min.js (.ci/run installs it from npm); skipping the accessibility test")
	}
	axeJS, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatalf("SAMENKOOP_AXE_JS: %v", err)
	}
	ta, own := demoApp(t, demo.ScaleSmall)
	pages := uiPages(t, ta, own)
	ctx, base, _ := browseFor(t, ta, execPath, 10*time.Minute)
	// axe-core comes with every document the tab loads, before the
	// page's own content, outside the page's Content-Security-Policy.
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: string(axeJS)})
		return err
	})); err != nil {
		t.Fatalf("add axe-core to the tab: %v", err)
	}

	checked, full := 0, 0
	seen := map[string]bool{}
	check := func(who string, p uiPage, wantStatus int) {
		t.Helper()
		resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(base+p.path))
		if err != nil {
			t.Fatalf("%s as %s: %v", p.path, who, err)
		}
		if who != "nobody" && strings.Contains(resp.URL, "/inloggen") {
			t.Fatalf("%s as %s went to %s: the session was not accepted", p.path, who, resp.URL)
		}
		status := int(resp.Status)
		if status == 403 && wantStatus == 200 {
			return // not this role's page; the error page is checked below
		}
		if status != wantStatus {
			t.Errorf("%s (%s) as %s: status %d at %s, want %d", p.name, p.path, who, status, resp.URL, wantStatus)
			return
		}
		// A page whose main content another role already had checked is
		// checked again with its main content taken out: the header and
		// the navigation differ per role, the rest would give the same
		// results.
		main, err := chromedp.Run(ctx, chromedp.Evaluate[string](mainContent))
		if err != nil {
			t.Fatalf("main content of %s as %s: %v", p.path, who, err)
		}
		if key := p.path + "\x00" + main; seen[key] {
			if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector("main").replaceChildren()`)); err != nil {
				t.Fatal(err)
			}
		} else {
			seen[key] = true
			full++
		}
		violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("axe-core on %s as %s: %v", p.path, who, err)
		}
		checked++
		for _, v := range violations {
			var nodes []string
			for i, n := range v.Nodes {
				if i == 5 {
					nodes = append(nodes, fmt.Sprintf("… and %d more", len(v.Nodes)-i))
					break
				}
				nodes = append(nodes, n.Target+": "+strings.ReplaceAll(n.Summary, "\n", " "))
			}
			t.Errorf("%s (%s) as %s: %s violation %s (%s) on %d node(s):\n\t%s",
				p.name, p.path, who, v.Impact, v.ID, v.Help, len(v.Nodes), strings.Join(nodes, "\n\t"))
		}
	}

	start := time.Now()
	check("nobody", uiPage{"login", "/inloggen"}, 200)
	check("nobody", uiPage{"error page (no such page)", "/bestaat-niet"}, 404)
	for _, r := range demoRoles {
		setSession(t, ctx, base, ta.as[r.key].cookie)
		for _, p := range pages {
			want := 200
			if strings.HasPrefix(p.name, "error page") {
				want = 404
			}
			check(r.key, p, want)
		}
	}
	t.Logf("axe-core checked %d pages (%d in the route list, %d roles; %d with a main content of their own) in %s",
		checked, len(pages), len(demoRoles), full, time.Since(start).Round(time.Millisecond))
}

// setSession replaces the tab's cookies by the session cookie of a test
// user.
func setSession(t *testing.T, ctx context.Context, base, cookie string) {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, network.SetCookie, network.SetCookieParams{Name: "samenkoop_session", Value: cookie,
			Domain: u.Hostname(), Path: "/"})
		return err
	})); err != nil {
		t.Fatalf("set the session cookie: %v", err)
	}
}
