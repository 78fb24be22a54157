package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/samenkoop/samenkoop/internal/audit"
	"github.com/samenkoop/samenkoop/internal/store"
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
	t.Parallel()
	ctx := context.Background()
	db := demoDB(t)
	out, errOut, status := run(t, ctx, "audit", "verify", "--db", db)
	if status != 0 || !strings.Contains(out, "audit log intact: ") {
		t.Errorf("audit verify on demo data: status %d, out %q, err %q", status, out, errOut)
	}
}

// auditConfig writes a configuration file naming the audit key file and
// checkpoint file ("" for none) and returns its path.
func auditConfig(t *testing.T, keyFile, checkpointFile string) string {
	t.Helper()
	return writeFile(t, "samenkoop.yaml", fmt.Sprintf("audit:\n  keyFile: %q\n  checkpointFile: %q\n", keyFile, checkpointFile))
}

// importOrgs imports municipalities with codes from, from+1, … into db.
func importOrgs(t *testing.T, ctx context.Context, db string, from, n int, args ...string) {
	t.Helper()
	csv := "Gemeentecode,Gemeentenaam,Provincienaam,Inwoners,Peildatum\n"
	for i := range n {
		csv += fmt.Sprintf("%d,Gemeente %d,Utrecht,%d,2025-01-01\n", from+i, from+i, 10000+i)
	}
	f := writeFile(t, fmt.Sprintf("orgs-%d.csv", from), csv)
	if out, errOut, status := run(t, ctx, append([]string{"import", "organizations", f, "--db", db}, args...)...); status != 0 {
		t.Fatalf("import: status %d, out %q, err %q", status, out, errOut)
	}
}

// rechain recomputes every audit hash in db as someone who can write the
// database but has not the key would: plain SHA-256 (key nil) or under a
// key of their own.
func rechain(t *testing.T, db string, key []byte) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var es []audit.Entry
	if err := st.EachAudit(ctx, func(e audit.Entry) error { es = append(es, e); return nil }); err != nil {
		t.Fatal(err)
	}
	conn, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	prev := audit.GenesisHash
	for _, e := range es {
		e.PrevHash = prev
		e.Hash = e.Seal(key)
		if _, err := conn.Exec(`UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?`, e.PrevHash, e.Hash, e.Seq); err != nil {
			t.Fatal(err)
		}
		prev = e.Hash
	}
}

// TestAuditKeygen: the key file is new, owner-only and what the store
// reads; an existing file is never replaced.
func TestAuditKeygen(t *testing.T) {
	ctx := context.Background()
	key := filepath.Join(t.TempDir(), "audit.key")
	out, errOut, status := run(t, ctx, "audit", "keygen", "-o", key)
	if status != 0 || !strings.Contains(out, "audit key written to "+key) {
		t.Fatalf("audit keygen: status %d, out %q, err %q", status, out, errOut)
	}
	fi, err := os.Stat(key)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", fi.Mode().Perm())
	}
	first, err := audit.ReadKeyFile(key)
	if err != nil || len(first) != audit.KeySize {
		t.Fatalf("ReadKeyFile = %x, %v", first, err)
	}
	if _, _, status := run(t, ctx, "audit", "keygen", "-o", key); status == 0 {
		t.Error("audit keygen over an existing file: status 0")
	}
	if again, _ := audit.ReadKeyFile(key); !bytes.Equal(again, first) {
		t.Error("audit keygen replaced an existing key")
	}
	if _, _, status := run(t, ctx, "audit", "keygen"); status != 2 {
		t.Errorf("audit keygen without -o: status %d, want 2", status)
	}
}

// TestAuditKeyedVerify: an unkeyed log continues keyed once a key is
// configured and verifies under it; without the key verify says it cannot
// check; a log re-chained without the key (plain SHA-256, or another key)
// is named.
func TestAuditKeyedVerify(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "keyed.db")
	key := filepath.Join(dir, "audit.key")
	importOrgs(t, ctx, db, 301, 2) // entries 1–3: the CPV list and two organizations
	if _, errOut, status := run(t, ctx, "audit", "keygen", "-o", key); status != 0 {
		t.Fatal(errOut)
	}
	keyed := auditConfig(t, key, "")
	importOrgs(t, ctx, db, 401, 2, "--config", keyed) // entries 4–5, keyed
	out, errOut, status := run(t, ctx, "audit", "verify", "--db", db, "--config", keyed)
	if status != 0 || !strings.Contains(out, "audit log intact: 5 entries") || !strings.Contains(out, "keyed: entries #4 to #5") ||
		!strings.Contains(out, "last hash: "+audit.KeyedPrefix) {
		t.Fatalf("audit verify with the key: status %d, out %q, err %q", status, out, errOut)
	}
	_, errOut, status = run(t, ctx, "audit", "verify", "--db", db)
	if status != 1 || !strings.Contains(errOut, "broken at entry 4: the entry is keyed") || !strings.Contains(errOut, "set audit.keyFile") {
		t.Errorf("audit verify without the key: status %d, err %q; want 1 saying entry 4 needs the key", status, errOut)
	}
	// A change without the key is refused, not recorded with a break.
	orgs := writeFile(t, "more.csv", "Gemeentecode,Gemeentenaam,Provincienaam,Inwoners,Peildatum\n501,Gemeente 501,Utrecht,1,2025-01-01\n")
	if _, errOut, status := run(t, ctx, "import", "organizations", orgs, "--db", db); status == 0 || !strings.Contains(errOut, "no audit key is configured") {
		t.Errorf("import without the key into a keyed log: status %d, err %q; want a refusal", status, errOut)
	}

	for _, tt := range []struct {
		name string
		key  []byte
		want string
	}{
		{"plain SHA-256", nil, "audit log broken at entry 4: HMAC does not match under the configured key"},
		{"another key", bytes.Repeat([]byte{1}, audit.KeySize), "audit log broken at entry 1: HMAC does not match under the configured key"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			copyDB := filepath.Join(t.TempDir(), "rechained.db")
			if out, errOut, status := run(t, ctx, "backup", "--db", db, "-o", copyDB); status != 0 {
				t.Fatalf("backup: %q %q", out, errOut)
			}
			rechain(t, copyDB, tt.key)
			_, errOut, status := run(t, ctx, "audit", "verify", "--db", copyDB, "--config", keyed)
			if status != 1 || !strings.Contains(errOut, tt.want) {
				t.Errorf("audit verify after a re-chain with %s: status %d, err %q; want 1: %q", tt.name, status, errOut, tt.want)
			}
		})
	}
}

// TestAuditVerifyNamesARemovedTail: entries cut off the end of the log are
// named against the checkpoint and against the head a backup printed, and
// no new checkpoint is written over the old one.
func TestAuditVerifyNamesARemovedTail(t *testing.T) {
	for _, keyed := range []bool{false, true} {
		t.Run(map[bool]string{false: "unkeyed", true: "keyed"}[keyed], func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			db := filepath.Join(dir, "tail.db")
			checkpoint := filepath.Join(dir, "checkpoint.json")
			key := ""
			if keyed {
				key = filepath.Join(dir, "audit.key")
				if _, errOut, status := run(t, ctx, "audit", "keygen", "-o", key); status != 0 {
					t.Fatal(errOut)
				}
			}
			cfg := auditConfig(t, key, checkpoint)
			importOrgs(t, ctx, db, 301, 4, "--config", cfg) // entries 1–5
			out, errOut, status := run(t, ctx, "audit", "verify", "--db", db, "--config", cfg)
			if status != 0 || !strings.Contains(errOut, "no checkpoint at "+checkpoint+" yet") {
				t.Fatalf("audit verify before any checkpoint: status %d, out %q, err %q", status, out, errOut)
			}
			out, errOut, status = run(t, ctx, "audit", "checkpoint", "--db", db, "--config", cfg)
			if status != 0 || !strings.Contains(out, "checkpoint written to "+checkpoint+": 5 entries, last #5, head ") {
				t.Fatalf("audit checkpoint: status %d, out %q, err %q", status, out, errOut)
			}
			cp, err := audit.ReadCheckpoint(checkpoint)
			if err != nil || cp.Keyed != keyed {
				t.Fatalf("checkpoint %+v, %v; want keyed %v", cp, err, keyed)
			}
			out, errOut, status = run(t, ctx, "backup", "--db", db, "-o", filepath.Join(dir, "copy.db"))
			if status != 0 || !strings.Contains(out, "audit log: 5 entries, head "+cp.Head) {
				t.Fatalf("backup: status %d, out %q, err %q; want the head %s", status, out, errOut, cp.Head)
			}
			out, errOut, status = run(t, ctx, "audit", "verify", "--db", db, "--config", cfg, "--head", cp.Head, "--entries", "5")
			if status != 0 || !strings.Contains(out, "anchored: the log passes through the checkpoint of ") || !strings.Contains(out, "anchored: the log passes through the head given (#5)") {
				t.Fatalf("audit verify anchored, before the cut: status %d, out %q, err %q", status, out, errOut)
			}

			conn, err := sql.Open("sqlite3", db)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := conn.Exec(`DELETE FROM audit_log WHERE seq > 3`); err != nil {
				t.Fatal(err)
			}
			conn.Close()
			headOnly := auditConfig(t, key, "")
			if out, _, status := run(t, ctx, "audit", "verify", "--db", db, "--config", headOnly); status != 0 {
				t.Errorf("audit verify without an anchor after the cut: status %d, out %q; want intact, which is why anchors exist", status, out)
			}
			tests := []struct {
				name string
				args []string
				want string
			}{
				{"checkpoint", nil, "audit log incomplete: entries after #3 were removed: the checkpoint of " + cp.At.Format("2006-01-02 15:04:05 UTC") + " recorded #5 with hash " + cp.Head},
				{"head and entries", []string{"--config", headOnly, "--head", cp.Head, "--entries", "5"},
					"entries after #3 were removed: the head given recorded #5 with hash " + cp.Head},
				{"head alone", []string{"--config", headOnly, "--head", cp.Head},
					"entries after #3 were removed or re-chained: no entry has the hash " + cp.Head},
			}
			for _, tt := range tests {
				args := append([]string{"audit", "verify", "--db", db}, tt.args...)
				if tt.args == nil {
					args = append(args, "--config", cfg)
				}
				_, errOut, status := run(t, ctx, args...)
				if status != 1 || !strings.Contains(errOut, tt.want) {
					t.Errorf("audit verify (%s) after the cut: status %d, err %q; want 1: %q", tt.name, status, errOut, tt.want)
				}
			}
			_, errOut, status = run(t, ctx, "audit", "checkpoint", "--db", db, "--config", cfg)
			if status != 1 || !strings.Contains(errOut, "no checkpoint written") {
				t.Errorf("audit checkpoint after the cut: status %d, err %q; want a refusal", status, errOut)
			}
			if again, _ := audit.ReadCheckpoint(checkpoint); again != cp {
				t.Errorf("checkpoint after a refused run = %+v, want the old %+v", again, cp)
			}
		})
	}
}
