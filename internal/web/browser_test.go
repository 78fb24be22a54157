package web_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium returns the browser to drive: $CHROME_PATH when it names an
// executable, else the first of the usual names on PATH.
func chromium() (string, bool) {
	candidates := []string{"chromium", "chromium-browser", "google-chrome"}
	if p := os.Getenv("CHROME_PATH"); p != "" {
		candidates = append([]string{p}, candidates...)
	}
	for _, c := range candidates {
		if path, err := exec.LookPath(c); err == nil {
			return path, true
		}
	}
	return "", false
}

// browserFlags start Chromium headless and quiet: no sandbox (CI runs as
// root), and nothing that phones home, so the test works offline and the
// only requests are the ones to the test server. None of chromedp's default
// flags are used.
var browserFlags = []string{
	"headless", "no-sandbox", "disable-gpu", "disable-background-networking", "disable-quic",
	"no-first-run", "disable-component-update", "disable-sync",
}

// consoleErrors collects what the page reports as broken: console.error
// calls, uncaught exceptions, and browser log errors (a CSP violation or a
// failed subresource shows up only there).
type consoleErrors struct {
	mu   sync.Mutex
	msgs []string
}

// listen runs on the tab's message loop, so it only records.
func (c *consoleErrors) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var args []string
		for _, a := range ev.Args {
			switch {
			case a.Description != "":
				args = append(args, a.Description)
			case len(a.Value) > 0:
				args = append(args, string(a.Value))
			default:
				args = append(args, string(a.Type))
			}
		}
		msg = fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " "))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		msg = fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, text)
	case *log.EventEntryAdded:
		if ev.Entry.Level != log.EntryLevelError {
			return
		}
		msg = fmt.Sprintf("log %s error at %s: %s", ev.Entry.Source, ev.Entry.URL, ev.Entry.Text)
	default:
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.msgs = append(c.msgs, msg)
}

func (c *consoleErrors) all() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.msgs...)
}

// TestBrowserSmoke loads the organizations page in a real browser: the
// stylesheet applies, the security headers break nothing, and the search
// form works.
func TestBrowserSmoke(t *testing.T) {
	execPath, ok := chromium()
	if !ok {
		t.Skip("no Chromium found (install Debian's chromium); skipping the browser smoke test")
	}

	ta := newTestApp(t, sampleOrgs()...)
	ctx, base, errs := browse(t, ta, execPath)

	// Not logged in, the list sends the browser to the login form, which
	// brings it back after a good password.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/organisaties"),
		chromedp.WaitVisible(chromedp.ID("email")),
	); err != nil {
		t.Fatalf("load /organisaties: %v", err)
	}
	wantText(ctx, t, chromedp.CSS("main h1"), "Inloggen")
	if _, err := chromedp.RunResponse(ctx,
		chromedp.SetValue(chromedp.ID("email"), "member@test.nl"),
		chromedp.SetValue(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)),
	); err != nil {
		t.Fatalf("log in: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("table.table tbody tr"))); err != nil {
		t.Fatalf("organisations after login: %v", err)
	}
	wantText(ctx, t, chromedp.CSS(".site-nav__user"), "Inkoper Amsterdam")

	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(title, "Organisaties") {
		t.Errorf("title = %q, want it to contain %q", title, "Organisaties")
	}
	wantText(ctx, t, chromedp.CSS("main h1"), "Organisaties")
	wantText(ctx, t, chromedp.CSS("table.table tbody"), "Súdwest-Fryslân", "'s-Gravenhage")

	// The stylesheet came through the CSP and applies: without it the header
	// has no background.
	bg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".site-header")).backgroundColor`))
	if err != nil {
		t.Fatal(err)
	}
	if bg == "" || bg == "transparent" || bg == "rgba(0, 0, 0, 0)" {
		t.Errorf(".site-header background = %q, want the stylesheet's colour", bg)
	}

	resp, err := chromedp.RunResponse(ctx,
		chromedp.SetValue(chromedp.ID("q"), "vlie"),
		chromedp.Click(chromedp.CSS(`form.filter button[type="submit"]`)),
	)
	if err != nil {
		t.Fatalf("submit the search form: %v", err)
	}
	if resp.Status != 200 || !strings.Contains(resp.URL, "q=vlie") {
		t.Errorf("search form went to %s with status %d, want 200 and q=vlie", resp.URL, resp.Status)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("table.table tbody tr"))); err != nil {
		t.Fatalf("search results: %v", err)
	}
	wantText(ctx, t, chromedp.CSS("table.table tbody"), "Vlieland")
	wantText(ctx, t, chromedp.CSS(".result-count"), "1 organisatie gevonden")

	if msgs := errs.all(); len(msgs) > 0 {
		t.Errorf("the browser reported %d error(s):\n  %s", len(msgs), strings.Join(msgs, "\n  "))
	}
}

// browse serves ta's app on a local port and opens a browser tab on it:
// the tab's context, the server's base URL, and the errors the page
// reports. Everything stops when the test ends.
func browse(t *testing.T, ta testApp, execPath string) (context.Context, string, *consoleErrors) {
	t.Helper()
	return browseFor(t, ta, execPath, 60*time.Second)
}

// browseFor is browse with the browser given limit instead of a minute,
// for the tests that walk many pages.
func browseFor(t *testing.T, ta testApp, execPath string, limit time.Duration) (context.Context, string, *consoleErrors) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- ta.app.Listener(ln) }()
	t.Cleanup(func() {
		if err := ta.app.Shutdown(); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		if err := <-served; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	ctx, cancel := context.WithTimeout(t.Context(), limit)
	t.Cleanup(cancel)
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(execPath), chromedp.UserDataDir(t.TempDir())}
	for _, f := range browserFlags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	errs := &consoleErrors{}
	ctx, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(errs.listen))
	t.Cleanup(cancelTab)
	return ctx, "http://" + ln.Addr().String(), errs
}

// wantText checks that the visible text of sel contains each of want.
func wantText(ctx context.Context, t *testing.T, sel chromedp.CSS, want ...string) {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Text(sel))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("text of %s = %q, want it to contain %q", sel, got, w)
		}
	}
}
