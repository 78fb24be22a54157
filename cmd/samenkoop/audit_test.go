package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

// TestAuditVerify: changes made by a command are in the log and the chain
// verifies; one audit row edited by hand makes verify fail naming it.
func TestAuditVerify(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "audit.db")
	orgs := writeFile(t, "orgs.csv", "Gemeentecode,Gemeentenaam,Provincienaam,Inwoners,Peildatum\n"+
		"363,Amsterdam,Noord-Holland,934526,2025-01-01\n599,Rotterdam,Zuid-Holland,670610,2025-01-01\n")
	if out, errOut, status := run(t, ctx, "import", "organizations", orgs, "--db", db); status != 0 {
		t.Fatalf("import: status %d, out %q, err %q", status, out, errOut)
	}
	// The embedded CPV list (one entry) and the two municipalities.
	out, errOut, status := run(t, ctx, "audit", "verify", "--db", db)
	if status != 0 || !strings.Contains(out, "audit log intact: 3 entries") || !strings.Contains(out, "last hash: ") {
		t.Fatalf("audit verify: status %d, out %q, err %q; want intact with 3 entries", status, out, errOut)
	}

	conn, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var kinds string
	if err := conn.QueryRow(`SELECT group_concat(DISTINCT actor_kind) FROM audit_log`).Scan(&kinds); err != nil {
		t.Fatal(err)
	}
	if kinds != "cli" {
		t.Errorf("import recorded actor kinds %q, want cli", kinds)
	}
	if _, err := conn.Exec(`UPDATE audit_log SET after = replace(after, '670610', '1') WHERE entity_id = 'GM0599'`); err != nil {
		t.Fatal(err)
	}
	_, errOut, status = run(t, ctx, "audit", "verify", "--db", db)
	if status != 1 || !strings.Contains(errOut, "audit log broken at entry 3: hash mismatch") {
		t.Errorf("audit verify after an edit: status %d, err %q; want 1 naming entry 3", status, errOut)
	}
}

func TestAuditVerifyDemoDatabase(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "demo.db")
	if out, errOut, status := run(t, ctx, "demo", "--db", db); status != 0 {
		t.Fatalf("demo: status %d, out %q, err %q", status, out, errOut)
	}
	out, errOut, status := run(t, ctx, "audit", "verify", "--db", db)
	if status != 0 || !strings.Contains(out, "audit log intact: ") {
		t.Errorf("audit verify on demo data: status %d, out %q, err %q", status, out, errOut)
	}
}
