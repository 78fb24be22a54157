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
// executable, else the first of the usual names on PATH. Chromium's
// headless shell (Debian's chromium-headless-shell, which .ci/run
// installs) comes first: the same engine without the full browser's
// window and GPU machinery, it runs the browser tests on well under half
// the CPU time of chromium --headless.
func chromium() (string, bool) {
	candidates := []string{"chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"}
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
	t.Parallel()

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

// browseFor is browse with the tab given limit instead of a minute, for
// the tests that walk many pages.
//
// The tab is one of the test process's shared browser (sharedBrowser), in
// a browser context of its own: its cookies, storage and cache are the
// test's alone, as in a browser of its own, and tests that browse may run
// in parallel.
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
	root, release, err := theBrowser.open(execPath)
	if err != nil {
		t.Fatalf("start %s: %v", execPath, err)
	}
	t.Cleanup(release)
	errs := &consoleErrors{}
	tab, closeTab := chromedp.NewContext(root, chromedp.WithNewBrowserContext(), chromedp.WithListener(errs.listen))
	t.Cleanup(closeTab)
	ctx, cancel := context.WithTimeout(tab, limit)
	t.Cleanup(cancel)
	// The tab and its browser context exist once the first action runs;
	// make them now, so that the test's first step is its own.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return ctx, "http://" + ln.Addr().String(), errs
}

// sharedBrowser is the Chromium the test process's browser tests share,
// each in a tab in a browser context of its own. Starting a browser costs
// about as much CPU as a short browser test, and a browser that waits
// costs a fifth of a core, so the first tab starts it and it is closed
// once no tab has been open for browserIdle (the browser tests run one
// after the other, or in parallel, and a later one starts it again);
// TestMain closes what is left.
type sharedBrowser struct {
	mu sync.Mutex
	// root is the browser's first tab, nil while no browser runs; tests
	// open their tabs as its children.
	root   context.Context
	cancel context.CancelFunc
	tabs   int
	idle   *time.Timer
}

// browserIdle is how long the shared browser waits for the next tab.
const browserIdle = 2 * time.Second

var theBrowser sharedBrowser

// open returns the context of the running browser's first tab, starting
// the browser at execPath if none runs (or the last one died), and the
// func that gives the tab back.
func (b *sharedBrowser) open(execPath string) (context.Context, func(), error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.idle != nil {
		b.idle.Stop()
		b.idle = nil
	}
	if b.root == nil || b.root.Err() != nil {
		b.closeLocked()
		opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(execPath)}
		for _, f := range browserFlags {
			opts = append(opts, chromedp.Flag(f, true))
		}
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		root, cancelRoot := chromedp.NewContext(alloc)
		cancel := func() { cancelRoot(); cancelAlloc() }
		if err := chromedp.Do(root); err != nil {
			cancel()
			return nil, nil, err
		}
		b.root, b.cancel = root, cancel
	}
	b.tabs++
	return b.root, b.release, nil
}

// release gives a tab back; the last one starts the idle timer.
func (b *sharedBrowser) release() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.tabs--
	if b.tabs == 0 {
		b.idle = time.AfterFunc(browserIdle, b.closeIfIdle)
	}
}

func (b *sharedBrowser) closeIfIdle() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.tabs == 0 {
		b.closeLocked()
	}
}

// closeLocked closes the browser gracefully, if one runs, and waits for it
// to exit; its user data directory (chromedp's own temporary one) goes
// with it. b.mu is held.
func (b *sharedBrowser) closeLocked() {
	if b.root == nil {
		return
	}
	ctx, cancel := context.WithTimeout(b.root, 10*time.Second)
	defer cancel()
	alive := b.root.Err() == nil
	if err := chromedp.Cancel(ctx); err != nil && alive {
		fmt.Fprintf(os.Stderr, "close the shared browser: %v\n", err)
	}
	b.cancel()
	b.root, b.cancel = nil, nil
}

// TestMain runs the package's tests and then closes the shared browser.
func TestMain(m *testing.M) {
	code := m.Run()
	theBrowser.mu.Lock()
	if theBrowser.idle != nil {
		theBrowser.idle.Stop()
	}
	theBrowser.closeLocked()
	theBrowser.mu.Unlock()
	os.Exit(code)
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
