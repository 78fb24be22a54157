package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pressly/goose/v3"

	"github.com/samenkoop/samenkoop/internal/store"
)

// TestBackupCommand: the copy is written and checked, reports the audit
// head, restores over a database file and verifies against that head; an
// existing file is never replaced.
func TestBackupCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	importOrgs(t, ctx, db, 301, 2) // 3 audit entries
	target := filepath.Join(dir, "copy.db")
	out, errOut, status := run(t, ctx, "backup", "--db", db, "-o", target)
	if status != 0 {
		t.Fatalf("backup: status %d, out %q, err %q", status, out, errOut)
	}
	for _, want := range []string{"backup written: " + target, "integrity_check ok", "audit log: 3 entries, head "} {
		if !strings.Contains(out, want) {
			t.Errorf("backup output %q lacks %q", out, want)
		}
	}
	head := regexp.MustCompile(`head ([0-9a-f]{64})`).FindStringSubmatch(out)
	if head == nil {
		t.Fatalf("backup output %q names no head hash", out)
	}

	// Restore as the README says: the copy over the database file, no -wal
	// or -shm beside it.
	restored := filepath.Join(t.TempDir(), "restored.db")
	data, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(restored, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, status = run(t, ctx, "audit", "verify", "--db", restored, "--head", head[1], "--entries", "3")
	if status != 0 || !strings.Contains(out, "audit log intact: 3 entries") {
		t.Errorf("audit verify of the restored copy: status %d, out %q, err %q", status, out, errOut)
	}

	if _, errOut, status := run(t, ctx, "backup", "--db", db, "-o", target); status != 1 || !strings.Contains(errOut, "exists") {
		t.Errorf("backup over an existing file: status %d, err %q; want 1, exists", status, errOut)
	}
	if again, _ := os.ReadFile(target); string(again) != string(data) {
		t.Error("backup replaced an existing file")
	}
	tests := []struct {
		name string
		args []string
	}{
		{"no -o", []string{"backup", "--db", db}},
		{"no database", []string{"backup", "--db", filepath.Join(dir, "none.db"), "-o", filepath.Join(dir, "x.db")}},
	}
	for _, tt := range tests {
		if _, errOut, status := run(t, ctx, tt.args...); status != 2 {
			t.Errorf("backup with %s: status %d, err %q; want 2", tt.name, status, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("backup created the database it was asked to copy")
	}
}

// TestMigrateCommandBacksUpFirst: migrate on a database an older binary
// left takes a backup first and says where.
func TestMigrateCommandBacksUpFirst(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "old.db")
	conn, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, conn, os.DirFS("../../internal/store/migrations"))
	if err != nil {
		t.Fatal(err)
	}
	srcs := p.ListSources()
	// The migration before the newest: the numbers may skip one reserved
	// for a change not merged yet.
	head, previous := srcs[len(srcs)-1].Version, srcs[len(srcs)-2].Version
	if _, err := p.UpTo(ctx, previous); err != nil {
		t.Fatal(err)
	}
	conn.Close()

	out, errOut, status := run(t, ctx, "migrate", "--db", db)
	prefix := fmt.Sprintf("%s.pre-%04d-", db, head)
	if status != 0 || !strings.Contains(out, "backup before migrating: "+prefix) || !strings.Contains(out, "applied 1 migration(s)") {
		t.Fatalf("migrate: status %d, out %q, err %q; want a backup %s… and one migration", status, out, errOut, prefix)
	}
	matches, _ := filepath.Glob(prefix + "*.bak")
	if len(matches) != 1 {
		t.Fatalf("backups beside the database: %v, want one", matches)
	}
	old, err := store.Open(matches[0], store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if v, _, err := old.SchemaVersion(ctx); err != nil || v != previous {
		t.Errorf("backup's schema version = %d, %v; want %d", v, err, previous)
	}

	out, _, status = run(t, ctx, "migrate", "--db", db)
	if status != 0 || strings.Contains(out, "backup before migrating") {
		t.Errorf("migrate of a current database: status %d, out %q; want no backup", status, out)
	}
}

// TestBackupOnPostgresSaysSo: with db.driver postgres, backup writes
// nothing, prints the pg_dump and pg_restore commands for the configured
// database without its password, and exits with status 1. The other
// commands of this build, which keeps its data in SQLite, refuse the
// driver as a configuration error.
func TestBackupOnPostgresSaysSo(t *testing.T) {
	ctx := context.Background()
	t.Setenv("SAMENKOOP_DB_DRIVER", "postgres")
	t.Setenv("SAMENKOOP_DB_URL", "postgres://samenkoop:geheim@db.example.nl:5432/samenkoop?sslmode=require&password=ookgeheim")
	file := filepath.Join(t.TempDir(), "backup.db")
	out, errOut, status := run(t, ctx, "backup", "-o", file)
	if status != 1 {
		t.Errorf("backup on PostgreSQL: status %d, want 1", status)
	}
	const target = "'postgres://samenkoop@db.example.nl:5432/samenkoop?sslmode=require'"
	for _, want := range []string{"does not back up a PostgreSQL database", "pg_dump --format=custom --file=", target,
		"pg_restore --clean --if-exists --no-owner --single-transaction --dbname=" + target} {
		if !strings.Contains(out, want) {
			t.Errorf("backup on PostgreSQL: output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "no backup written") {
		t.Errorf("backup on PostgreSQL: error %q, want it to say no backup was written", errOut)
	}
	if strings.Contains(out+errOut, "geheim") {
		t.Errorf("backup on PostgreSQL printed the password:\n%s\n%s", out, errOut)
	}
	if _, err := os.Stat(file); err == nil {
		t.Error("backup on PostgreSQL wrote a file")
	}
	// Other commands do open PostgreSQL: one that cannot reach it fails
	// and names the database without either password.
	if _, errOut, status := run(t, ctx, "migrate"); status == 0 || !strings.Contains(errOut, "db.example.nl") ||
		strings.Contains(errOut, "geheim") {
		t.Errorf("migrate against an unreachable PostgreSQL: status %d, err %q; want a failure naming the host, no password", status, errOut)
	}
}
