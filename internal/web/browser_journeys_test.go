package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/samenkoop/samenkoop/contracts"
)

// logIn fills in the login form the browser was sent to and waits for
// the page it leads to.
func logIn(ctx context.Context, t *testing.T, base, path, email string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.ID("email"))); err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	if _, err := chromedp.RunResponse(ctx,
		chromedp.SetValue(chromedp.ID("email"), email),
		chromedp.SetValue(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)),
	); err != nil {
		t.Fatalf("log in as %s: %v", email, err)
	}
}

// clickLink follows the link with exactly this text inside sel and waits
// for the page it opens. A link inside a folded details element (the
// compact menu's copy of the menu) is not one a user can click.
func clickLink(ctx context.Context, t *testing.T, sel, text string) {
	t.Helper()
	xp := `//` + sel + `//a[normalize-space(.)="` + text + `"][not(ancestor::details[not(@open)])]`
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.Search(xp))); err != nil {
		t.Fatalf("follow the link %q: %v", text, err)
	}
}

// TestBrowserFinanceFindsLicencesOverQuota: finance opens the licences
// over quota from the menu and sees the costliest excess first.
func TestBrowserFinanceFindsLicencesOverQuota(t *testing.T) {
	execPath, ok := chromium()
	if !ok {
		t.Skip("no Chromium found (install Debian's chromium); skipping the finance journey")
	}
	t.Parallel()
	ta := seedLicences(t)
	ctx, base, errs := browse(t, ta, execPath)
	logIn(ctx, t, base, "/", "finance-all@test.nl")
	clickLink(ctx, t, `nav[@aria-label="Hoofdnavigatie"]`, "Licenties")
	wantText(ctx, t, chromedp.CSS("main h1"), "Licenties boven het aantal")
	wantText(ctx, t, chromedp.CSS("main .result-count"), "2 licentieregels")
	wantText(ctx, t, chromedp.CSS("main table tbody tr:first-child"), "Zaaksysteem", "12", "10", "2")
	wantText(ctx, t, chromedp.CSS("main table tbody tr:nth-child(2)"), "Kantoorpakket", "130", "30")
	clickLink(ctx, t, "main", "Alle licenties tonen")
	wantText(ctx, t, chromedp.CSS("main h1"), "Alle licenties")
	wantText(ctx, t, chromedp.CSS("main table tbody"), "Binnen de grens")
	if e := errs.all(); len(e) > 0 {
		t.Errorf("the pages reported errors: %v", e)
	}
}

// TestBrowserManagementCooperativeAndReport: management scoped to one
// organization goes from its own dependency page to the cooperative
// overview, and downloads its organization's dependency report.
func TestBrowserManagementCooperativeAndReport(t *testing.T) {
	execPath, ok := chromium()
	if !ok {
		t.Skip("no Chromium found (install Debian's chromium); skipping the management journey")
	}
	t.Parallel()
	ta, _, _ := seedSpendPages(t)
	ctx, base, errs := browse(t, ta, execPath)
	logIn(ctx, t, base, "/", "management@test.nl")
	clickLink(ctx, t, `nav[@aria-label="Hoofdnavigatie"]`, "Afhankelijkheid")
	wantText(ctx, t, chromedp.CSS("main h1"), "Afhankelijkheid van Amsterdam")
	clickLink(ctx, t, "main", "concentratie in het samenwerkingsverband")
	wantText(ctx, t, chromedp.CSS("main h1"), "Concentratie in het samenwerkingsverband")
	wantText(ctx, t, chromedp.CSS("main"), "noemt geen andere organisatie", "Categorieën, meest geconcentreerd eerst")
	// The download button: what it serves, fetched with the browser's
	// session as a click would.
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		const a = [...document.querySelectorAll("main .downloads a")].find(a => a.textContent.includes("PDF"));
		const r = await fetch(a.href);
		const b = new Uint8Array(await r.arrayBuffer());
		return r.status + " " + r.headers.get("content-type") + " " + String.fromCharCode(...b.slice(0, 5)) + " " + a.getAttribute("href");
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, "200 application/pdf %PDF-") || !strings.Contains(got, "/afhankelijkheid/GM0363/rapport?formaat=pdf") {
		t.Errorf("the report download = %q, want 200, a PDF, of Amsterdam", got)
	}
	if e := errs.all(); len(e) > 0 {
		t.Errorf("the pages reported errors: %v", e)
	}
}

// TestBrowserMemberImportsContracts: a member opens the import page from
// the contract list, uploads a file it cannot read and is told in Dutch
// what to do, then uploads a good file and sees it imported.
func TestBrowserMemberImportsContracts(t *testing.T) {
	execPath, ok := chromium()
	if !ok {
		t.Skip("no Chromium found (install Debian's chromium); skipping the member journey")
	}
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	// A member may not add vendors: the file names a registered one.
	if _, err := ta.svc.CreateVendor(context.Background(), contracts.Vendor{Name: "Voorbeeld Software B.V.", KVK: "12345678"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bad, good := filepath.Join(dir, "fout.csv"), filepath.Join(dir, "contracten.csv")
	if err := os.WriteFile(bad, []byte("Contractnummer;Omschrijving\nM-1;Zaak\x81systeem\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(good, []byte(ownCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, base, errs := browse(t, ta, execPath)
	logIn(ctx, t, base, "/contracten", "member@test.nl")
	clickLink(ctx, t, "main", "Contracten importeren")
	wantText(ctx, t, chromedp.CSS("main h1"), "Contracten importeren")

	upload := func(file string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID("bestand"), []string{file})); err != nil {
			t.Fatalf("choose %s: %v", file, err)
		}
		// Not a preview: import.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("voorbeeld").checked = false`)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.RunResponse(ctx,
			chromedp.Click(chromedp.CSS(`main form[enctype="multipart/form-data"] button[type="submit"]`)),
		); err != nil {
			t.Fatalf("upload %s: %v", file, err)
		}
	}
	upload(bad)
	wantText(ctx, t, chromedp.CSS("main"), "Er is niets geïmporteerd", "Het bestand kan niet worden gelezen", "geen UTF-8 en geen Windows-1252")
	if got, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main"))); strings.Contains(got, "unsupported") || strings.Contains(got, "neither") {
		t.Errorf("the page shows English: %q", got)
	}
	upload(good)
	wantText(ctx, t, chromedp.CSS("main"), "Geïmporteerd", "M-1")
	if n := ta.contractTotal(t); n != 1 {
		t.Errorf("after the import %d contracts, want 1", n)
	}
	// The refused file answers 422, which the browser logs; anything else
	// is a fault.
	for _, e := range errs.all() {
		if !strings.Contains(e, "/contracten/importeren: Failed to load resource: the server responded with a status of 422") {
			t.Errorf("the pages reported an error: %s", e)
		}
	}
}
