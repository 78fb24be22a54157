package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/internal/servertest"
)

// TestMigrateStoreCommand: the demo database copied into a new SQLite
// file prints each table's rows and the audit entries verified, and the
// copy answers like the source (the audit log verifies with the same head,
// the doctor's counts agree). A second copy into the now full target is
// refused, exit status 1, and leaves it as it was; flags that name no
// database are usage errors.
func TestMigrateStoreCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	// The source is a copy of what `samenkoop demo --db <file>` writes,
	// made once per test process (demoDB).
	src, dst := demoDB(t), filepath.Join(dir, "dst.db")
	out, errOut, status := run(t, ctx, "migrate-store", "--from", "sqlite:"+src, "--to", "sqlite:"+dst)
	if status != 0 {
		t.Fatalf("migrate-store: status %d, out %q, err %q", status, out, errOut)
	}
	for _, table := range []string{"organizations", "contracts", "audit_log", "users", "tenders", "list_counts"} {
		m := regexp.MustCompile(`(?m)^  ` + table + ` +([0-9]+)$`).FindStringSubmatch(out)
		if m == nil || m[1] == "0" {
			t.Errorf("migrate-store output lacks a non-zero row count for %s:\n%s", table, out)
		}
	}
	entries := regexp.MustCompile(`(?m)^audit: ([0-9]+) entries verified$`).FindStringSubmatch(out)
	if entries == nil {
		t.Fatalf("migrate-store output lacks the audit line:\n%s", out)
	}
	if n, _ := strconv.Atoi(entries[1]); n < 10 {
		t.Errorf("audit: %d entries verified, want the demo's log", n)
	}
	head := regexp.MustCompile(`last hash: ([0-9a-f]{64})`)
	srcAudit, _, _ := run(t, ctx, "audit", "verify", "--db", src)
	dstAudit, _, status := run(t, ctx, "audit", "verify", "--db", dst)
	if status != 0 || head.FindString(srcAudit) == "" || head.FindString(srcAudit) != head.FindString(dstAudit) ||
		!strings.Contains(dstAudit, "audit log intact: "+entries[1]+" entries") {
		t.Errorf("audit verify of the copy: status %d\n%s\nsource:\n%s", status, dstAudit, srcAudit)
	}

	before, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	_, errOut, status = run(t, ctx, "migrate-store", "--from", "sqlite:"+src, "--to", "sqlite:"+dst)
	if status != 1 || !strings.Contains(errOut, "the target database is not empty") {
		t.Errorf("copy into a full target: status %d, err %q; want 1 and a refusal", status, errOut)
	}
	if after, _ := os.ReadFile(dst); string(after) != string(before) {
		t.Error("the refused copy changed the target file")
	}

	for _, args := range [][]string{
		{"--from", "sqlite:" + src},
		{"--from", "mysql:x", "--to", "sqlite:" + filepath.Join(dir, "x.db")},
		{"--from", "sqlite:" + src, "--to", "sqlite:" + src},
		{"--from", "sqlite:" + filepath.Join(dir, "missing.db"), "--to", "sqlite:" + filepath.Join(dir, "y.db")},
	} {
		if _, errOut, status := run(t, ctx, append([]string{"migrate-store"}, args...)...); status != 2 {
			t.Errorf("migrate-store %v: status %d (%s), want 2", args, status, errOut)
		}
	}
	if _, errOut, status := run(t, ctx, "migrate-store", "--from", "sqlite:"+src, "--to", "postgres://samenkoop:geheim@db.invalid/samenkoop"); status == 0 ||
		strings.Contains(errOut, "geheim") {
		t.Errorf("migrate-store to a PostgreSQL server that is not there: status %d, err %q; want a failure that elides the password", status, errOut)
	}
}

// TestMigrateStoreIntoPostgres: with SAMENKOOP_TEST_POSTGRES_URL set, the
// demo database moves from SQLite into a new PostgreSQL database with
// every row and the audit chain intact: audit verify on PostgreSQL ends
// on the same hash as on the SQLite file.
func TestMigrateStoreIntoPostgres(t *testing.T) {
	var pg *servertest.Backend
	for _, b := range servertest.Backends() {
		if b.Name == "postgres" {
			pg = &b
		}
	}
	if pg == nil {
		t.Skip(servertest.PostgresURLEnv + " is not set: no PostgreSQL to move into")
	}
	ctx := context.Background()
	src := filepath.Join(t.TempDir(), "src.db")
	if out, errOut, status := run(t, ctx, "demo", "--db", src); status != 0 {
		t.Fatalf("demo: status %d, out %q, err %q", status, out, errOut)
	}
	dst := pg.NewDatabase(t)
	out, errOut, status := run(t, ctx, "migrate-store", "--from", "sqlite:"+src, "--to", "postgres:"+dst.URL)
	if status != 0 {
		t.Fatalf("migrate-store: status %d, out %q, err %q", status, out, errOut)
	}
	if !regexp.MustCompile(`(?m)^audit: [0-9]+ entries verified$`).MatchString(out) {
		t.Errorf("migrate-store output lacks the audit line:\n%s", out)
	}
	head := regexp.MustCompile(`last hash: ([0-9a-f]{64})`)
	srcAudit, _, _ := run(t, ctx, "audit", "verify", "--db", src)
	t.Setenv("SAMENKOOP_DB_DRIVER", "postgres")
	t.Setenv("SAMENKOOP_DB_URL", dst.URL)
	dstAudit, errOut, status := run(t, ctx, "audit", "verify")
	if status != 0 || head.FindString(srcAudit) == "" || head.FindString(srcAudit) != head.FindString(dstAudit) {
		t.Errorf("audit verify on PostgreSQL: status %d\n%s%s\nsource:\n%s", status, dstAudit, errOut, srcAudit)
	}
	if out, errOut, status := run(t, ctx, "doctor"); status != 0 {
		t.Errorf("doctor on the PostgreSQL copy: status %d\n%s%s", status, out, errOut)
	}
}
