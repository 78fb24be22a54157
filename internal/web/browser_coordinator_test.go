package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// TestBrowserCoordinatorJourney walks the coordinator's journey of issue
// 17 in a real browser, without a script of the pages' own: a bundle
// becomes a tender with a lead the coordinator chooses, every participant's
// mandate is signed in one step, publishing asks for confirmation naming
// the participants that freeze, and the award picks its vendor through the
// search.
func TestBrowserCoordinatorJourney(t *testing.T) {
	execPath, ok := chromium()
	if !ok {
		t.Skip("no Chromium found (install Debian's chromium); skipping the coordinator's journey in the browser")
	}
	t.Parallel()
	clock := newMovableClock(at(2026, 11, 22))
	ta := newTestAppAt(t, clock.now, sampleOrgs()...)
	f := seedBundles(t, ta)
	ctx, base, errs := browse(t, ta, execPath)
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		resp, err := chromedp.RunResponse(ctx, actions...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if resp.Status != 200 {
			t.Fatalf("%s: ended on %s with status %d", name, resp.URL, resp.Status)
		}
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/bundels/"+f.MobileKey), chromedp.WaitVisible(chromedp.ID("email"))); err != nil {
		t.Fatalf("load the bundle: %v", err)
	}
	step("log in",
		chromedp.SetValue(chromedp.ID("email"), "coordinator@test.nl"),
		chromedp.SetValue(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)))

	// Bundle → tender: no lead is chosen beforehand; the coordinator picks
	// the suggested largest participant.
	lead := chromedp.ID("lead-" + f.MobileKey)
	chosen, err := chromedp.Run(ctx, chromedp.Value(lead))
	if err != nil {
		t.Fatal(err)
	}
	if chosen != "" {
		t.Errorf("the lead is preselected: %q", chosen)
	}
	wantText(ctx, t, chromedp.CSS(`#lead-`+f.MobileKey), "voorgesteld: grootste deelnemer")
	step("make the tender", chromedp.SetValue(lead, own),
		chromedp.Click(chromedp.CSS(`form[action="/bundels/`+f.MobileKey+`/aanbesteding"] button[type="submit"]`)))
	wantText(ctx, t, chromedp.CSS("main"), "De aanbesteding is aangemaakt", "Penvoerder", "Amsterdam")
	forward := chromedp.CSS(`.lifecycle-actions form button[type="submit"]`)
	step("collect participants", chromedp.Click(forward))
	wantText(ctx, t, chromedp.CSS(".notice"), "Deelnemers verzamelen")
	step("collect mandates", chromedp.Click(forward))

	// Bulk mandates: all participants signed on one date.
	step("sign every mandate",
		chromedp.Click(chromedp.ID("bulk-all")),
		chromedp.SetValue(chromedp.ID("bulk-status"), "signed"),
		chromedp.SetValue(chromedp.ID("bulk-date"), "2026-11-20"),
		chromedp.SetValue(chromedp.ID("bulk-body"), "college"),
		chromedp.Click(chromedp.ID("bulk-documents")),
		chromedp.Click(chromedp.ID("bulk-award")),
		chromedp.Click(chromedp.CSS(`#mandaten-bulk button[type="submit"]`)))
	wantText(ctx, t, chromedp.CSS(".notice"), "4 mandaten zijn vastgelegd.")
	wantText(ctx, t, chromedp.CSS(".mandate-progress"), "4 van 4 getekend")

	// Publish with confirmation.
	step("open the confirmation", chromedp.Click(chromedp.CSS(`a[href$="/status/published"]`)))
	wantText(ctx, t, chromedp.CSS("main"), "4 deelnemers worden vastgezet; daarna kan niemand meer instappen", "Terug, niets wijzigen")
	step("publish", chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)))
	wantText(ctx, t, chromedp.CSS(".notice"), "De aanbesteding is gepubliceerd op 22 november 2026", "(4 deelnemers) ligt vast")

	// Award after the tender deadline: the vendor is found by its KvK
	// number. The page is loaded again on the new day before the step,
	// and each step waits for the page it leads to: a step that clicks
	// while the previous form's POST is still under way clicks on the old
	// page (the published tender links to the award form from its notice
	// checklist too), and the request it sends can overtake the POST.
	clock.set(at(2027, 3, 1))
	if err := chromedp.Do(ctx, chromedp.Navigate(strings.TrimSuffix(currentURL(ctx, t), "?melding=status"))); err != nil {
		t.Fatalf("reload the tender: %v", err)
	}
	step("evaluate", chromedp.Click(forward))
	wantText(ctx, t, chromedp.CSS(".notice"), "De aanbesteding heeft nu de status ‘Beoordeling’, sinds 1 maart 2027")
	step("open the award form", chromedp.Click(chromedp.CSS(`.lifecycle-actions a[href$="/gunning"]`)))
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("zoek-kop"))); err != nil {
		t.Fatalf("the award form's vendor search: %v", err)
	}
	ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("input[id^=zoek-]")].map(e => e.id)`))
	if err != nil || len(ids) == 0 {
		page, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		t.Fatalf("the award form has no vendor search: %v\n%s", err, page)
	}
	for _, id := range ids {
		step("search "+id, chromedp.SetValue(chromedp.ID(id), "45678901"), chromedp.Submit(chromedp.ID(id)))
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`input[type="radio"]`))); err != nil {
		t.Fatalf("the vendors found: %v", err)
	}
	radios, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("input[type=radio][name^='vendor.']")].map(e => e.id)`))
	if err != nil || len(radios) != len(ids) {
		t.Fatalf("the award form offers %d vendors for %d lots, want one each: %v", len(radios), len(ids), err)
	}
	var pick []chromedp.Action[chromedp.Void]
	for _, id := range radios {
		pick = append(pick, chromedp.Click(chromedp.ID(id)))
	}
	step("award", append(pick, chromedp.Click(chromedp.CSS(`form[action$="/status"] button[type="submit"]`)))...)
	wantText(ctx, t, chromedp.CSS(".notice"), "De aanbesteding is gegund; de gunningsbeslissing is verzonden op 1 maart 2027")

	list, err := ta.procurement.Tenders(context.Background(), contracts.Everyone(), procurement.TenderFilter{}.Normalize())
	if err != nil || list.Total != 1 {
		t.Fatalf("tenders: %d, %v", list.Total, err)
	}
	v, err := ta.procurement.Tender(context.Background(), contracts.Everyone(), list.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if v.Tender.Lead != own || v.Tender.Status != procurement.TenderAwarded || v.Plan.Mandates.Signed != 4 {
		t.Errorf("after the journey: lead %s, status %s, %d signed; want %s, awarded, 4", v.Tender.Lead, v.Tender.Status, v.Plan.Mandates.Signed, own)
	}
	if msgs := errs.all(); len(msgs) > 0 {
		t.Errorf("the browser reported %d error(s):\n  %s", len(msgs), strings.Join(msgs, "\n  "))
	}
}

// currentURL is the browser's location.
func currentURL(ctx context.Context, t *testing.T) string {
	t.Helper()
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return u
}
