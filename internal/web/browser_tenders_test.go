package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserTenderPage opens a seeded tender in a real browser as the
// Amsterdam member: the page has its sections and contents navigation,
// the timeline chart is drawn, and the member signs its own mandate
// through the form without any script.
func TestBrowserTenderPage(t *testing.T) {
	execPath, ok := chromium()
	if !ok {
		t.Skip("no Chromium found (install Debian's chromium); skipping the browser test of the tender page")
	}
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedTender(t, ta)
	ctx, base, errs := browse(t, ta, execPath)
	tenderURL := fmt.Sprintf("%s/aanbestedingen/%d", base, f.Tender)

	if err := chromedp.Do(ctx, chromedp.Navigate(tenderURL), chromedp.WaitVisible(chromedp.ID("email"))); err != nil {
		t.Fatalf("load the tender: %v", err)
	}
	if _, err := chromedp.RunResponse(ctx,
		chromedp.SetValue(chromedp.ID("email"), "member@test.nl"),
		chromedp.SetValue(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)),
	); err != nil {
		t.Fatalf("log in: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("samenvatting"))); err != nil {
		t.Fatalf("the tender after login: %v", err)
	}
	wantText(ctx, t, chromedp.CSS("main h1"), "Mobiele telefonie 2027")
	wantText(ctx, t, chromedp.CSS("nav.toc"), "Samenvatting", "Planning", "Deelnemers en mandaten", "Percelen", "Eisen", "Huidige contracten", "Nadere overeenkomsten")
	for _, id := range []string{"samenvatting", "planning", "deelnemers", "percelen", "eisen", "huidige-contracten", "nadere-overeenkomsten"} {
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID(id))); err != nil {
			t.Errorf("section #%s: %v", id, err)
		}
	}
	wantText(ctx, t, chromedp.CSS(".lifecycle"), "Concept", "Deelnemers verzamelen", "Gecontracteerd")
	wantText(ctx, t, chromedp.CSS(".mandate-progress"), "0 van 2 getekend")
	// The stylesheet applies to the tender's own parts.
	bg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".lifecycle__step--current")).backgroundColor`))
	if err != nil {
		t.Fatal(err)
	}
	if bg == "" || bg == "rgba(0, 0, 0, 0)" {
		t.Errorf("current lifecycle step background = %q, want the stylesheet's colour", bg)
	}
	bars, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#planning svg.timeline rect").length`))
	if err != nil {
		t.Fatal(err)
	}
	if bars < 5 {
		t.Errorf("the timeline chart has %d bars, want one per milestone", bars)
	}

	// The member signs its own mandate through the form.
	resp, err := chromedp.RunResponse(ctx,
		chromedp.SetValue(chromedp.ID("own-status"), "signed"),
		chromedp.SetValue(chromedp.ID("own-signed"), "2026-11-20"),
		chromedp.SetValue(chromedp.ID("own-body"), "college"),
		chromedp.Click(chromedp.ID("own-documents")),
		chromedp.Click(chromedp.ID("own-award")),
		chromedp.SetValue(chromedp.ID("own-reference"), "B&W 2026/311"),
		chromedp.Click(chromedp.CSS(`form[action$="/mandaat"] button[type="submit"]`)),
	)
	if err != nil {
		t.Fatalf("submit the mandate form: %v", err)
	}
	if resp.Status != 200 || !strings.Contains(resp.URL, "melding=mandaat") {
		t.Errorf("the mandate form went to %s with status %d, want the tender with its notice", resp.URL, resp.Status)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".notice"))); err != nil {
		t.Fatalf("the tender after the mandate: %v", err)
	}
	wantText(ctx, t, chromedp.CSS("main"), "Het mandaat is vastgelegd")
	wantText(ctx, t, chromedp.CSS(".mandate-progress"), "1 van 2 getekend", "waarvan 1 gemeente")
	wantText(ctx, t, chromedp.CSS(".participants-table"), "getekend", "20-11-2026", "B&W 2026/311")
	if m := participantOf(t, ta, f, own).Mandate; m.Status != "signed" || !m.Scope.Documents || !m.Scope.Award {
		t.Errorf("the stored mandate = %+v, want signed for documents and award", m)
	}

	if msgs := errs.all(); len(msgs) > 0 {
		t.Errorf("the browser reported %d error(s):\n  %s", len(msgs), strings.Join(msgs, "\n  "))
	}
}
