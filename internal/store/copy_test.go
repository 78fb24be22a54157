package store_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/demo"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

var copyNow = time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)

// seedForCopy writes the small demo (organizations, vendors with their
// groups, contracts, licences, demand, tenders, the audit log) and what
// the demo leaves out: a user with an API token and a session, a vendor
// whose parent has a higher id, a failed login and a job lease.
func seedForCopy(ctx context.Context, st *store.Store) (struct{}, error) {
	if _, err := demo.Generate(ctx, st.Register(), demo.Options{Scale: demo.ScaleSmall, Seed: 1, Now: func() time.Time { return copyNow }}); err != nil {
		return struct{}{}, err
	}
	svc := contracts.NewService(st.Register(), contracts.Options{Now: func() time.Time { return copyNow }})
	child, err := svc.CreateVendor(ctx, contracts.Vendor{Name: "Dochter B.V."})
	if err != nil {
		return struct{}{}, err
	}
	parent, err := svc.CreateVendor(ctx, contracts.Vendor{Name: "Moeder Holding N.V."})
	if err != nil {
		return struct{}{}, err
	}
	if err := svc.UpdateVendor(ctx, contracts.Vendor{ID: child, Name: "Dochter B.V.", Country: "NL", ParentID: parent}); err != nil {
		return struct{}{}, err
	}
	as := auth.NewService(st.Auth(), auth.Options{Now: func() time.Time { return copyNow }, Hash: auth.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}})
	u, err := as.CreateUser(ctx, auth.User{Email: "admin@test.nl", Name: "Beheerder", Role: auth.RoleAdmin}, "a long enough password")
	if err != nil {
		return struct{}{}, err
	}
	if _, _, err := as.CreateToken(ctx, u.ID, "script", 0); err != nil {
		return struct{}{}, err
	}
	if _, _, _, err := as.Login(ctx, "admin@test.nl", "a long enough password", "198.51.100.1"); err != nil {
		return struct{}{}, err
	}
	if _, _, _, err := as.Login(ctx, "admin@test.nl", "wrong", "198.51.100.2"); !errors.Is(err, auth.ErrBadCredentials) {
		return struct{}{}, fmt.Errorf("a wrong password: %v", err)
	}
	if _, err := st.TryLease(ctx, "date-refresh", "server-a", time.Hour); err != nil {
		return struct{}{}, err
	}
	return struct{}{}, nil
}

// tableSums reads every table of the SQLite file at path (goose's left
// out) on a connection of its own, and returns per table its row count and
// a SHA-256 of its rows in the order of all their columns.
func tableSums(t *testing.T, path string) map[string]string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	names := queryStrings(t, db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'goose_%'`)
	out := map[string]string{}
	for _, name := range names {
		cols := queryStrings(t, db, `SELECT name FROM pragma_table_xinfo(?)`, name)
		rows, err := db.Query(`SELECT * FROM "` + name + `" ORDER BY ` + strings.Repeat("1, ", 0) + orderAll(len(cols)))
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		h := sha256.New()
		n := 0
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				fmt.Fprintf(h, "%T:%v\x00", v, v)
			}
			h.Write([]byte{'\n'})
			n++
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		out[name] = fmt.Sprintf("%d rows, %s", n, hex.EncodeToString(h.Sum(nil))[:16])
	}
	return out
}

// orderAll is "1, 2, …, n": every column, in order.
func orderAll(n int) string {
	s := make([]string, n)
	for i := range s {
		s[i] = fmt.Sprint(i + 1)
	}
	return strings.Join(s, ", ")
}

func queryStrings(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCopyAllCopiesEverything: a seeded store copied into a new one has
// every table with the same rows (counted and hashed, read apart from the
// store), the derived counters included, the audit chain verifies on the
// copy, and the target's triggers work again afterwards. A second copy
// into the now full target is refused and changes nothing.
func TestCopyAllCopiesEverything(t *testing.T) {
	t.Parallel()
	if storetest.PostgresURL() != "" {
		t.Skip("the copy reads a SQLite source and this test hashes SQLite files; the copy into PostgreSQL is TestMigrateStoreIntoPostgres (cmd/samenkoop)")
	}
	ctx := context.Background()
	src, _ := storetest.Template(t, "copy-all", seedForCopy)
	dst := storetest.New(t)

	rep, err := store.CopyAll(ctx, src, dst)
	if err != nil {
		t.Fatal(err)
	}
	want, got := tableSums(t, src.Path()), tableSums(t, dst.Path())
	if len(want) < 25 {
		t.Fatalf("the source has %d tables, want the whole schema", len(want))
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("table %s: copy has %s, source %s", name, got[name], w)
		}
	}
	copied := map[string]int64{}
	for _, tc := range rep.Tables {
		copied[tc.Name] = tc.Rows
	}
	for _, name := range []string{"organizations", "vendors", "contracts", "licence_lines", "demand", "tenders", "participants",
		"users", "api_tokens", "sessions", "audit_log", "list_counts", "contract_counts", "login_failures", "job_leases"} {
		if copied[name] == 0 || !strings.HasPrefix(want[name], fmt.Sprintf("%d rows", copied[name])) {
			t.Errorf("report: %s copied %d rows, source %s; want the seed to fill it and the report to count it", name, copied[name], want[name])
		}
	}
	if len(rep.Tables) != len(want) {
		t.Errorf("report lists %d tables, the source has %d", len(rep.Tables), len(want))
	}
	if i, j := tableIndex(rep, "organizations"), tableIndex(rep, "contracts"); i > j {
		t.Errorf("contracts copied before organizations (%d, %d): want foreign keys first", j, i)
	}

	srcAudit, err := src.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dstAudit, err := dst.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !dstAudit.Intact || dstAudit.Checked != srcAudit.Checked || dstAudit.Checked < 10 {
		t.Errorf("audit on the copy: %+v, want intact with the source's %d entries", dstAudit, srcAudit.Checked)
	}

	// The triggers are back: a new vendor is counted.
	svc := contracts.NewService(dst.Register(), contracts.Options{Now: func() time.Time { return copyNow }})
	before, err := svc.Vendors(ctx, contracts.Everyone(), contracts.VendorFilter{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateVendor(ctx, contracts.Vendor{Name: "Nieuw na de kopie B.V."}); err != nil {
		t.Fatal(err)
	}
	after, err := svc.Vendors(ctx, contracts.Everyone(), contracts.VendorFilter{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if after.Total != before.Total+1 {
		t.Errorf("vendor total after an insert on the copy = %d, want %d: the counter triggers must work again", after.Total, before.Total+1)
	}

	full := tableSums(t, dst.Path())
	_, err = store.CopyAll(ctx, src, dst)
	if !errors.Is(err, store.ErrTargetNotEmpty) {
		t.Fatalf("copy into a full target: %v, want ErrTargetNotEmpty", err)
	}
	if !strings.Contains(err.Error(), "audit_log") {
		t.Errorf("refusal %q does not name the tables that hold rows", err)
	}
	unchanged := tableSums(t, dst.Path())
	for name, w := range full {
		if g := unchanged[name]; g != w {
			t.Errorf("refused copy changed %s: %s, was %s", name, g, w)
		}
	}
}

func tableIndex(rep store.CopyReport, name string) int {
	for i, tc := range rep.Tables {
		if tc.Name == name {
			return i
		}
	}
	return -1
}

// TestCopyAllRefusesAnotherSchemaVersion: a target that is not at the
// source's schema version is refused before anything is written.
func TestCopyAllRefusesAnotherSchemaVersion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src := storetest.New(t)
	dst, err := store.Open(t.TempDir()+"/new.db", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if _, err := store.CopyAll(ctx, src, dst); err == nil || !strings.Contains(err.Error(), "schema version is 0") {
		t.Errorf("copy into an unmigrated target: %v, want a refusal naming the versions", err)
	}
}
