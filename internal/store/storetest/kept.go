package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/internal/store"
)

// Kept returns a store over a new SQLite file in t.TempDir() holding
// what seed wrote into a migrated database, as Template does, for a seed
// that several packages' tests run alike (the small demo set): the
// database it writes is kept in a directory under os.TempDir() for the
// test processes of one `go test ./...` run, so that it is built once per
// run rather than once per package. seed returns no value, since another
// process may have run it.
//
// The kept file is named by key and a hash of the module's source (every
// non-test .go file, the SQL migrations, go.mod and go.sum) and the Go
// version, so a change to the code that writes the data (the generator,
// the store, the domain rules) gives a new name. It is used only when no
// source file is newer than this test binary (else the binary may have
// been built from other source than the hash reads: the seed then runs
// here and nothing is kept), and only when its schema is the one this
// binary's migrations give (CheckSchema and the schema dump); otherwise
// seed runs here. A process writes the file under a temporary name and
// renames it, so another never reads half of one. On PostgreSQL, Kept
// is Template.
func Kept(tb testing.TB, key string, seed func(ctx context.Context, st *store.Store) error) *store.Store {
	tb.Helper()
	tpl := keptFor(key, seed)
	if tpl.err != nil {
		tb.Fatalf("storetest: kept template %q: %v", key, tpl.err)
	}
	return open(tb, tpl.image)
}

// KeptThen is Template whose seed starts from a copy of the Kept
// database of baseKey (and baseSeed) instead of an empty migrated one:
// for a fixture that adds to the small demo set. key names both: every
// call with one key must pass the same base and a seed that writes the
// same data.
func KeptThen[T any](tb testing.TB, baseKey string, baseSeed func(ctx context.Context, st *store.Store) error,
	key string, seed func(ctx context.Context, st *store.Store) (T, error)) (*store.Store, T) {
	tb.Helper()
	return seeded(tb, key, func() ([]byte, error) {
		base := keptFor(baseKey, baseSeed)
		if base.err != nil {
			return nil, fmt.Errorf("its base %q: %w", baseKey, base.err)
		}
		return base.image, nil
	}, seed)
}

// keptFor returns the template of Kept's key, built (or read from
// the kept file) on the first call in this process.
func keptFor(key string, seed func(ctx context.Context, st *store.Store) error) *template {
	tpl := templateFor("kept: " + key)
	tpl.once.Do(func() {
		tpl.err = fmt.Errorf("seed of kept template %q did not return", key)
		tpl.image, tpl.err = keptImage(key, seed)
	})
	return tpl
}

// keptDir holds the kept databases of Kept.
func keptDir() string { return filepath.Join(os.TempDir(), "samenkoop-storetest-kept") }

// keepFor is how long a kept database stays after it was last used.
const keepFor = time.Hour

// keptImage returns the bytes of Kept's database for key: the kept
// file when there is a sound one, else what seed writes (kept for the
// next process when the source is not newer than this binary).
func keptImage(key string, seed func(ctx context.Context, st *store.Store) error) ([]byte, error) {
	base, err := migrated()
	if err != nil {
		return nil, err
	}
	run := func(ctx context.Context, st *store.Store) (any, error) { return nil, seed(ctx, st) }
	if PostgresURL() != "" {
		image, _, err := build(base, run)
		return image, err
	}
	sum, ok := sourceHash()
	var path string
	if ok {
		h := sha256.Sum256([]byte(sum + "\x00" + key))
		path = filepath.Join(keptDir(), hex.EncodeToString(h[:16])+".db")
		if image, err := os.ReadFile(path); err == nil {
			if soundSchema(image, base) == nil {
				now := time.Now()
				_ = os.Chtimes(path, now, now)
				return image, nil
			}
		}
	}
	image, _, err := build(base, run)
	if err != nil || path == "" {
		return image, err
	}
	// Keeping the file only saves the next process the seed: a failure
	// here leaves it to build its own.
	_ = keep(path, image)
	return image, nil
}

// keep writes image to path through a temporary file and a rename, and
// removes the kept files no process used for keepFor.
func keep(path string, image []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > keepFor {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	f, err := os.CreateTemp(dir, "new-*.tmp")
	if err != nil {
		return err
	}
	_, err = f.Write(image)
	err = errors.Join(err, f.Close())
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		_ = os.Remove(f.Name())
	}
	return err
}

// soundSchema checks that image, a kept database, is at the schema this
// binary's migrations give: the newest version and the same tables,
// indexes, views and triggers as base, the migrated database.
func soundSchema(image, base []byte) (err error) {
	dir, err := os.MkdirTemp("", "samenkoop-storetest-")
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, os.RemoveAll(dir)) }()
	dump := func(name string, b []byte) (string, error) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			return "", err
		}
		st, err := store.Open(path, store.Options{})
		if err != nil {
			return "", err
		}
		defer st.Close()
		if err := st.CheckSchema(context.Background(), false); err != nil {
			return "", err
		}
		return st.SchemaDump(context.Background())
	}
	got, err := dump("kept.db", image)
	if err != nil {
		return err
	}
	want, err := dump("migrated.db", base)
	if err != nil {
		return err
	}
	if got != want {
		return errors.New("the kept database's schema is not the migrations'")
	}
	return nil
}

// sourceHash returns the hash of the module's source that Kept names
// its files by, and false when a source file is newer than this test
// binary (or the source cannot be read).
var sourceHash = sync.OnceValues(func() (string, bool) {
	exe, err := os.Executable()
	if err != nil {
		return "", false
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return "", false
	}
	built := fi.ModTime()
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00", runtime.Version())
	fresh := true
	err = filepath.WalkDir(moduleRoot(), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != moduleRoot() && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !(strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") ||
			strings.HasSuffix(name, ".sql") || name == "go.mod" || name == "go.sum") {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.ModTime().After(built) {
			fresh = false
			return filepath.SkipAll
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		rel, _ := filepath.Rel(moduleRoot(), path)
		fmt.Fprintf(h, "%s\x00", filepath.ToSlash(rel))
		_, err = io.Copy(h, f)
		return err
	})
	if err != nil || !fresh {
		return "", false
	}
	return hex.EncodeToString(h.Sum(nil)), true
})

// moduleRoot is the directory of go.mod, three levels above this file.
func moduleRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}
