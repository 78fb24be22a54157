package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/internal/servertest"
)

// syncBuffer is a buffer safe for the server goroutine and the test.
type syncBuffer = servertest.SyncBuffer

// run executes the binary's root command with args and returns its
// output and exit status as main would set it.
func run(t *testing.T, ctx context.Context, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errOut syncBuffer
	root := newRoot(&out, &errOut)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	status = 0
	if err != nil {
		status = 1
		var ee *exitError
		if errors.As(err, &ee) {
			status = ee.code
		}
		errOut.Write([]byte(err.Error()))
	}
	return out.String(), errOut.String(), status
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestVersion(t *testing.T) {
	out, _, status := run(t, context.Background(), "version")
	if status != 0 || !strings.HasPrefix(out, "samenkoop ") {
		t.Errorf("version = %q, status %d", out, status)
	}
}

func TestInvalidConfigurationExitsTwoListingEveryProblem(t *testing.T) {
	cfg := writeFile(t, "samenkoop.yaml", "server:\n  addr: nowhere\n  bodyLimitMB: 0\nlog:\n  level: loud\n")
	_, errOut, status := run(t, context.Background(), "migrate", "--config", cfg, "--db", filepath.Join(t.TempDir(), "x.db"))
	if status != 2 {
		t.Errorf("status = %d, want 2", status)
	}
	for _, key := range []string{"server.addr", "server.bodyLimitMB", "log.level"} {
		if !strings.Contains(errOut, key) {
			t.Errorf("error output does not name %s:\n%s", key, errOut)
		}
	}
}

func TestUnknownFlagExitsTwo(t *testing.T) {
	_, _, status := run(t, context.Background(), "migrate", "--no-such-flag")
	if status != 2 {
		t.Errorf("status = %d, want 2", status)
	}
}

func TestImportOrganizationsExitStatus(t *testing.T) {
	db := filepath.Join(t.TempDir(), "import.db")
	good := writeFile(t, "good.csv", "Gemeentecode,Gemeentenaam,Provincienaam,Inwoners,Peildatum\n363,Amsterdam,Noord-Holland,934526,2025-01-01\n")
	tests := []struct {
		name       string
		file       string
		args       []string
		wantStatus int
		wantOut    string
		wantErr    string
	}{
		{"wrong file type", writeFile(t, "x.pdf", "%PDF-1.7\x00\x01"), nil, 2, "", "unsupported file type"},
		{"empty file", writeFile(t, "empty.csv", ""), nil, 2, "", "empty"},
		{"missing required column", writeFile(t, "cols.csv", "Gemeentenaam\nAmsterdam\n"), nil, 2, "", "missing required column code"},
		{"missing file", filepath.Join(t.TempDir(), "nope.csv"), nil, 2, "", "no such file"},
		{"bad rows: every row listed, nothing imported", writeFile(t, "bad.csv", "code,name,population,population_date\nGM36,Kort,5,2025-01-01\nGM0599,Rotterdam,-1,2025-01-01\n"),
			nil, 1, "", "row 2, column code"},
		{"dry run reports and writes nothing", good, []string{"--dry-run"}, 0, "would create GM0363", ""},
		{"import", good, nil, 0, "1 created", ""},
		{"second import changes nothing", good, nil, 0, "0 created, 0 updated, 1 unchanged", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"import", "organizations", tt.file, "--db", db}, tt.args...)
			out, errOut, status := run(t, context.Background(), args...)
			if status != tt.wantStatus || !strings.Contains(out, tt.wantOut) || !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("import %s: status %d, out %q, err %q; want %d, %q, %q", tt.name, status, out, errOut, tt.wantStatus, tt.wantOut, tt.wantErr)
			}
		})
	}
}

func TestServeDemoAndGracefulShutdown(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "serve.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	root := newRoot(&out, &errOut)
	root.SetArgs([]string{"serve", "--demo", "--addr", "127.0.0.1:0", "--db", db})
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()

	base := waitForAddr(t, &out, &errOut, done)
	// The default OCID prefix is not a registered one: the start says so.
	if log := errOut.String(); !strings.Contains(log, "level=WARN msg=configuration") || !strings.Contains(log, "exports.ocidPrefix") {
		t.Errorf("serve's log does not warn about the unregistered OCID prefix:\n%s", log)
	}
	if !strings.Contains(out.String(), "beheerder@demo.samenkoop.nl") || !strings.Contains(out.String(), DemoPassword) {
		t.Errorf("serve --demo does not print how to log in:\n%s", out.String())
	}
	get := func(c *http.Client, path, token string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", base+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		return resp.StatusCode, b.String()
	}
	if status, body := get(http.DefaultClient, "/healthz", ""); status != 200 || !strings.Contains(body, `"database":"ok"`) {
		t.Errorf("healthz = %d %s", status, body)
	}
	if status, _ := get(http.DefaultClient, "/api/v1/organizations", ""); status != 401 {
		t.Errorf("API without a token = %d, want 401", status)
	}

	// A token made with the CLI, while the server runs, opens the API: the
	// token is the last line of the output.
	tokOut, tokErr, status := run(t, context.Background(), "token", "create", "--user", "beheerder@demo.samenkoop.nl", "--expires", "1d", "--db", db)
	if status != 0 {
		t.Fatalf("token create: %d %s", status, tokErr)
	}
	lines := strings.Split(strings.TrimSpace(tokOut), "\n")
	token := lines[len(lines)-1]
	if status, body := get(http.DefaultClient, "/api/v1/organizations?q=gravenhage", token); status != 200 || !strings.Contains(body, "GM0518") {
		t.Errorf("API with the CLI's token = %d %s", status, body)
	}

	// The login form, as a browser uses it: its CSRF cookie and field, then
	// the session cookie.
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	_, form := get(browser, "/organisaties", "")
	m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(form)
	if m == nil {
		t.Fatalf("no CSRF field on the login form:\n%s", form)
	}
	resp, err := browser.PostForm(base+"/inloggen", url.Values{"_csrf": {m[1]}, "email": {"inkoper@demo.samenkoop.nl"}, "password": {DemoPassword}, "terug": {"/organisaties"}})
	if err != nil {
		t.Fatal(err)
	}
	var page bytes.Buffer
	_, _ = page.ReadFrom(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(page.String(), "Demonstratiegegevens") || !strings.Contains(page.String(), "<h1>Organisaties</h1>") {
		t.Errorf("after login: %d, want the organizations page with the demo banner", resp.StatusCode)
	}
	cancel() // what SIGINT/SIGTERM does through signal.NotifyContext
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after shutdown = %v, want nil", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not shut down")
	}
	// A clean close checkpoints the WAL into the database file and removes it.
	if _, err := os.Stat(db + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("WAL file left behind after shutdown (err %v): the database was not closed cleanly", err)
	}
}

func TestServeRefusesNewerSchema(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ahead.db")
	if _, _, status := run(t, context.Background(), "migrate", "--db", db); status != 0 {
		t.Fatal("migrate failed")
	}
	if err := bumpSchema(db); err != nil {
		t.Fatal(err)
	}
	_, errOut, status := run(t, context.Background(), "serve", "--db", db, "--addr", "127.0.0.1:0")
	if status == 0 || !strings.Contains(errOut, "newer than this binary") {
		t.Errorf("serve on a newer schema: status %d, err %q; want a refusal", status, errOut)
	}
}

// TestDemoDatabaseCarriesBannerWithoutFlag: data made by `samenkoop demo`
// is demo data whatever flags serve gets later.
func TestDemoDatabaseCarriesBannerWithoutFlag(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "demo.db")
	out, errOut, status := run(t, context.Background(), "demo", "--scale", "small", "--seed", "3", "--db", db)
	if status != 0 || !strings.Contains(out, "58 organizations") || !strings.Contains(out, "contracts") || !strings.Contains(out, "4 tenders") {
		t.Fatalf("demo small: status %d, out %q, err %q", status, out, errOut)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var sout, serr syncBuffer
	root := newRoot(&sout, &serr)
	root.SetArgs([]string{"serve", "--addr", "127.0.0.1:0", "--db", db})
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()
	base := waitForAddr(t, &sout, &serr, done)
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	resp.Body.Close()
	if !strings.Contains(b.String(), "Demonstratiegegevens") {
		t.Error("serve without --demo over demo data shows no demo banner")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}

// waitForAddr waits until serve prints the address it listens on.
func waitForAddr(t *testing.T, out, errOut *syncBuffer, done <-chan error) string {
	t.Helper()
	addr := regexp.MustCompile(`serves (http://[0-9.:]+)`)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped early: %v\n%s", err, errOut.String())
		default:
		}
	}
	t.Fatalf("serve did not report its address:\n%s\n%s", out.String(), errOut.String())
	return ""
}

func TestUsageErrorsExitTwo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, args := range [][]string{
		{"import", "organizations", "--db", db},
		{"version", "extra"},
		{"bogus"},
		{"demo", "--scale", "huge", "--db", db},
	} {
		var out, errOut syncBuffer
		root := newRoot(&out, &errOut)
		root.SetArgs(args)
		err := root.Execute()
		if err == nil || exitStatus(err) != 2 {
			t.Errorf("samenkoop %v: err %v, status %d; want status 2", args, err, exitStatus(err))
		}
	}
}

func TestDemoSeedFollowsConfigPrecedence(t *testing.T) {
	dbEnv := filepath.Join(t.TempDir(), "env.db")
	t.Setenv("SAMENKOOP_DEMO_SEED", "42")
	out, _, status := run(t, context.Background(), "demo", "--db", dbEnv)
	if status != 0 || !strings.Contains(out, "seed 42") {
		t.Errorf("demo with SAMENKOOP_DEMO_SEED=42: %q", out)
	}
	dbFlag := filepath.Join(t.TempDir(), "flag.db")
	out, _, status = run(t, context.Background(), "demo", "--seed", "7", "--db", dbFlag)
	if status != 0 || !strings.Contains(out, "seed 7") {
		t.Errorf("demo --seed 7 over the environment: %q", out)
	}
}

func TestUserAndTokenCommands(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "users.db")
	pw := writeFile(t, "pw.txt", "correct horse battery staple\n")
	out, errOut, status := run(t, ctx, "user", "create", "--email", "fin@utrecht.nl", "--name", "Financiën Utrecht", "--role", "finance", "--password-file", pw, "--db", db)
	if status != 0 || !strings.Contains(out, "created user") {
		t.Fatalf("user create: %d %q %q", status, out, errOut)
	}
	_, errOut, status = run(t, ctx, "user", "create", "--email", "Geen adres", "--name", "", "--role", "king", "--password-file", pw, "--db", db)
	if status != 2 || !strings.Contains(errOut, "--email") || !strings.Contains(errOut, "--role") || !strings.Contains(errOut, "--name") {
		t.Errorf("invalid user create: status %d, err %q; want 2 naming every field", status, errOut)
	}
	if out, _, _ := run(t, ctx, "user", "list", "--db", db); !strings.Contains(out, "fin@utrecht.nl") || !strings.Contains(out, "finance") {
		t.Errorf("user list = %q", out)
	}
	out, _, status = run(t, ctx, "token", "create", "--user", "fin@utrecht.nl", "--expires", "2w", "--db", db)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if status != 0 || !strings.HasPrefix(lines[len(lines)-1], "skp_") {
		t.Fatalf("token create: %d %q; want the token alone on the last line", status, out)
	}
	if _, errOut, status := run(t, ctx, "token", "create", "--user", "fin@utrecht.nl", "--expires", "soon", "--db", db); status != 2 {
		t.Errorf("token create --expires soon: status %d %q, want 2", status, errOut)
	}
	if out, errOut, status := run(t, ctx, "token", "revoke", "--user", "fin@utrecht.nl", "--id", "1", "--db", db); status != 0 || !strings.Contains(out, "revoked token 1") {
		t.Errorf("token revoke: %d %q %q", status, out, errOut)
	}
	if out, _, status := run(t, ctx, "audit", "verify", "--db", db); status != 0 || !strings.Contains(out, "intact") {
		t.Errorf("audit verify after user and token changes: %d %q", status, out)
	}
}
