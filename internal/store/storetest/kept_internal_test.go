package storetest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/internal/store"
)

// TestKeptImageIsBuiltOncePerSource: the first process to ask for a key
// runs the seed and keeps the database; the next one (keptImage called
// again, as a new process would) reads the kept file instead of seeding,
// gets the same data, and a kept file whose schema is not the
// migrations' is not used. When the source is newer than the test binary
// nothing is kept and the seed runs each time.
func TestKeptImageIsBuiltOncePerSource(t *testing.T) {
	SkipOnPostgres(t, "the kept files are SQLite databases")
	ctx := context.Background()
	key := fmt.Sprintf("%s %d %d", t.Name(), os.Getpid(), time.Now().UnixNano())
	var runs atomic.Int32
	seed := func(ctx context.Context, st *store.Store) error {
		runs.Add(1)
		return st.SetSetting(ctx, "kept", "ja")
	}
	first, err := keptImage(key, seed)
	if err != nil {
		t.Fatal(err)
	}
	sum, ok := sourceHash()
	if !ok {
		if _, err := keptImage(key, seed); err != nil {
			t.Fatal(err)
		}
		if n := runs.Load(); n != 2 {
			t.Errorf("with source newer than the binary the seed ran %d times for two asks, want 2", n)
		}
		return
	}
	h := sha256.Sum256([]byte(sum + "\x00" + key))
	path := filepath.Join(keptDir(), hex.EncodeToString(h[:16])+".db")
	t.Cleanup(func() { os.Remove(path) })
	again, err := keptImage(key, seed)
	if err != nil {
		t.Fatal(err)
	}
	if n := runs.Load(); n != 1 {
		t.Errorf("the seed ran %d times for two asks, want once: the second reads the kept file", n)
	}
	st := open(t, again)
	if got, err := st.Setting(ctx, "kept"); err != nil || got != "ja" {
		t.Errorf("the kept database: setting = %q, %v; want what the seed wrote", got, err)
	}
	if len(first) == 0 {
		t.Error("the first image is empty")
	}
	if tmp, _ := filepath.Glob(filepath.Join(keptDir(), "new-*.tmp")); len(tmp) > 0 {
		// Another package's process may be writing its own right now;
		// only a file of this process's would be a leftover.
		t.Logf("temporary files in %s: %v", keptDir(), tmp)
	}

	// A kept file at another schema is not used: the seed runs again.
	base, err := migrated()
	if err != nil {
		t.Fatal(err)
	}
	otherPath := filepath.Join(t.TempDir(), "other.db")
	if err := os.WriteFile(otherPath, base, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", otherPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE not_in_the_migrations (id INTEGER PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(otherPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := keptImage(key, seed); err != nil {
		t.Fatal(err)
	}
	if n := runs.Load(); n != 2 {
		t.Errorf("with a kept file at another schema the seed ran %d times in all, want 2", n)
	}
}
