package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/samenkoop/samenkoop/internal/demo"
)

// mobileWidth and mobileHeight are the viewport of a common phone
// (390 × 844 CSS pixels).
const mobileWidth, mobileHeight = 390, 844

// mobileLayout measures a page on the phone: the document's width, the
// header's height, the number of scripts, and the innermost elements that
// make the page wider than the screen (at most five, by tag, class and
// right edge or content width), for the report: an element that sticks
// out to the right outside any scroll box, or whose content is wider
// than itself without a scroll box of its own.
const mobileLayout = `(() => {
	const w = document.documentElement.clientWidth;
	const inScrollBox = el => {
		for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
			if (getComputedStyle(p).overflowX !== "visible" && p.getBoundingClientRect().right <= w + 0.5) return true;
		}
		return false;
	};
	const found = [];
	for (const el of document.querySelectorAll("body *")) {
		const r = el.getBoundingClientRect();
		const out = r.width > 0 && r.right > w + 0.5;
		const spills = getComputedStyle(el).overflowX === "visible" && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
		if ((out || spills) && !inScrollBox(el)) found.push([el, out ? Math.round(r.right) + " px" : "content " + el.scrollWidth + " px in " + el.clientWidth]);
	}
	const innermost = found.filter(([el]) => !found.some(([other]) => other !== el && el.contains(other)));
	const name = el => el.tagName.toLowerCase() + (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "");
	return {
		scrollWidth: document.documentElement.scrollWidth,
		header: document.querySelector(".site-header").getBoundingClientRect().height,
		scripts: document.scripts.length,
		wide: innermost.slice(0, 5).map(([el, how]) => name(el) + " (" + how + ")"),
	};
})()`

type mobileMeasure struct {
	ScrollWidth int
	Header      float64
	Scripts     int
	Wide        []string
}

// TestBrowserMobile opens every page of the route list (uiPages) as the
// coordinator and the member in Chromium at 390 × 844: no page scrolls
// sideways (the document is no wider than the screen; wide tables scroll
// in their own box) and the header with the menu takes under a quarter
// of the screen's height. The compact menu opens and closes without
// JavaScript: a page has no script at all, and the menu is a details
// element. The two roles walk the pages in parallel, each in a tab of
// its own over a copy of the demo set.
func TestBrowserMobile(t *testing.T) {
	execPath, ok := chromium()
	if !ok {
		t.Skip("no Chromium found (install Debian's chromium); skipping the mobile layout test")
	}
	t.Parallel()
	for _, who := range []string{"coordinator", "member"} {
		t.Run(who, func(t *testing.T) {
			t.Parallel()
			ctx, base, pages := mobileTab(t, execPath, who)
			measured, highest := 0, 0.0
			for _, p := range pages {
				resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(base+p.path))
				if err != nil {
					t.Fatalf("%s as %s: %v", p.path, who, err)
				}
				if resp.Status == 403 {
					continue
				}
				m, err := chromedp.Run(ctx, chromedp.Evaluate[mobileMeasure](mobileLayout))
				if err != nil {
					t.Fatalf("measure %s as %s: %v", p.path, who, err)
				}
				measured++
				highest = max(highest, m.Header)
				if m.ScrollWidth > mobileWidth {
					t.Errorf("%s (%s) as %s at %d px: the page is %d px wide and scrolls sideways; sticking out: %s",
						p.name, p.path, who, mobileWidth, m.ScrollWidth, strings.Join(m.Wide, ", "))
				}
				if m.Header >= 0.25*mobileHeight {
					t.Errorf("%s (%s) as %s: the header is %.0f px high, %.0f %% of the screen, want under 25 %%",
						p.name, p.path, who, m.Header, 100*m.Header/mobileHeight)
				}
				if m.Scripts != 0 {
					t.Errorf("%s (%s) as %s has %d scripts, want none: the pages, the menu too, work without JavaScript", p.name, p.path, who, m.Scripts)
				}
			}
			t.Logf("%d pages measured as %s at %d × %d; the highest header %.0f px (%.1f %% of the screen)",
				measured, who, mobileWidth, mobileHeight, highest, 100*highest/mobileHeight)
			if who == "member" {
				checkCompactMenu(ctx, t, base)
			}
		})
	}
}

// mobileTab is a tab on a copy of the small demo set with who's session,
// emulating the phone, and the pages of the route list (uiPages).
func mobileTab(t *testing.T, execPath, who string) (context.Context, string, []uiPage) {
	t.Helper()
	ta, own := demoApp(t, demo.ScaleSmall)
	pages := uiPages(t, ta, own)
	ctx, base, _ := browseFor(t, ta, execPath, 5*time.Minute)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(mobileWidth, mobileHeight, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)); err != nil {
		t.Fatalf("emulate a phone: %v", err)
	}
	setSession(t, ctx, base, ta.as[who].cookie)
	return ctx, base, pages
}

// checkCompactMenu: on the phone the compact menu is folded, its links
// hidden; opened, they show.
func checkCompactMenu(ctx context.Context, t *testing.T, base string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	visible := func() bool {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
			const a = document.querySelector('.site-nav__compact a[href="/aanbestedingen"]');
			return !!a && a.checkVisibility();
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	full, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(".site-nav__full").checkVisibility()`))
	if err != nil {
		t.Fatal(err)
	}
	if full || visible() {
		t.Errorf("on a phone the full menu shows (%v) or the compact one is open (%v), want the compact one folded", full, visible())
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".site-nav__compact > summary"))); err != nil {
		t.Fatal(err)
	}
	if !visible() {
		t.Error("the compact menu's links are hidden after a tap on Menu")
	}
}
