package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

var update = flag.Bool("update", false, "rewrite golden files")

var migrationName = regexp.MustCompile(`^([0-9]{4})_[a-z0-9_]+\.sql$`)

// TestMigrationNumbering catches merge collisions: numbers start at 0001,
// have no gaps and no duplicates (STYLE §8).
func TestMigrationNumbering(t *testing.T) {
	files, err := os.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		m := migrationName.FindStringSubmatch(f.Name())
		if m == nil {
			t.Errorf("migration %s: name must be NNNN_short_name.sql", f.Name())
			continue
		}
		if want := fmt.Sprintf("%04d", i+1); m[1] != want {
			t.Errorf("migration %s: number %s, want %s (no gaps, no duplicates)", f.Name(), m[1], want)
		}
	}
}

// TestMigrationsAreAppendOnly fails when a merged migration is edited:
// migrations.sum records each file's checksum. A new file is added to the
// list with -update; an edit to a listed file is never accepted.
func TestMigrationsAreAppendOnly(t *testing.T) {
	files, err := filepath.Glob("migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	recorded := map[string]string{}
	if b, err := os.ReadFile("testdata/migrations.sum"); err == nil {
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if sum, name, ok := strings.Cut(line, "  "); ok {
				recorded[name] = sum
			}
		}
	}
	var out strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(b)
		sum, name := hex.EncodeToString(h[:]), filepath.Base(f)
		if old, ok := recorded[name]; ok && old != sum {
			t.Errorf("migration %s was edited after it was recorded; add a new migration instead", name)
		} else if !ok && !*update {
			t.Errorf("migration %s is not in testdata/migrations.sum; run go test ./internal/store -update", name)
		}
		fmt.Fprintf(&out, "%s  %s\n", sum, name)
	}
	for name := range recorded {
		if _, err := os.Stat(filepath.Join("migrations", name)); err != nil {
			t.Errorf("recorded migration %s was removed", name)
		}
	}
	if *update {
		if err := os.WriteFile("testdata/migrations.sum", []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSchemaGolden shows every schema change in review: it dumps
// sqlite_master after migrating an empty database to head.
func TestSchemaGolden(t *testing.T) {
	storetest.SkipOnPostgres(t, "the golden file is sqlite_master; schema_dialects_test.go compares PostgreSQL")
	st := storetest.New(t)
	got, err := st.SchemaDump(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	golden := "testdata/schema.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read %s (run with -update to create it): %v", golden, err)
	}
	if got != string(want) {
		t.Errorf("schema differs from %s; if intended, run go test ./internal/store -update\n got:\n%s", golden, got)
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	st := storetest.New(t)
	applied, err := st.Migrate(context.Background())
	if err != nil {
		t.Fatalf("second Migrate: %v", err)
	}
	if len(applied) != 0 {
		t.Errorf("second Migrate applied %v, want nothing", applied)
	}
	if err := st.CheckSchema(context.Background(), false); err != nil {
		t.Errorf("CheckSchema after migrate: %v", err)
	}
}

func TestRefusesSchemaAheadOfBinary(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ahead.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	// A newer binary would have recorded a higher version.
	if err := st.ExecForTest(ctx, `INSERT INTO goose_db_version (version_id, is_applied) VALUES (9999, 1)`); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Migrate(ctx); !errors.Is(err, store.ErrSchemaAhead) {
		t.Errorf("Migrate on a newer schema: err = %v, want ErrSchemaAhead", err)
	}
	if err := st.CheckSchema(ctx, true); !errors.Is(err, store.ErrSchemaAhead) {
		t.Errorf("CheckSchema on a newer schema: err = %v, want ErrSchemaAhead", err)
	}
}

func TestCheckSchemaBehind(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "empty.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CheckSchema(context.Background(), false); !errors.Is(err, store.ErrSchemaBehind) {
		t.Errorf("CheckSchema on an empty database: err = %v, want ErrSchemaBehind", err)
	}
}

func TestOpenPathWithURICharacters(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "what?#dir")
	path := filepath.Join(dir, "a b%.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database not created at %s: %v", path, err)
	}
}
