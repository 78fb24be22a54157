// Package storetest opens fresh, migrated stores for tests.
//
// Migrating a new database takes tens of milliseconds, and a package's
// tests open hundreds of stores. So a test process migrates one database
// the first time it needs one, keeps the file's bytes (the template), and
// every store New returns is a copy of that file in the test's own
// t.TempDir(): the schema a migration of its own would give, and no other
// test's writes. Template does the same for a database that tests seed
// alike: the seed runs once per process and every test gets a copy. Kept
// (kept.go) goes one step further for a seed several packages run alike
// (the small demo set): it runs once per `go test ./...`.
//
// With SAMENKOOP_TEST_POSTGRES_URL set (a PostgreSQL URL whose user may
// create databases), every store is a PostgreSQL database instead: the
// template is a database migrated (and seeded) once per process, and each
// store a new database created from it (CREATE DATABASE … TEMPLATE),
// dropped when the test ends (postgres.go).
package storetest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/samenkoop/samenkoop/internal/store"
)

// New returns a store over a new SQLite file in t.TempDir(), migrated to
// the newest schema and closed when the test ends. The file is a copy of
// the template migrated once per process.
func New(tb testing.TB) *store.Store {
	tb.Helper()
	image, err := migrated()
	if err != nil {
		tb.Fatalf("storetest: %v", err)
	}
	return open(tb, image)
}

// Template returns a store over a new SQLite file in t.TempDir() holding
// what seed wrote into a migrated database, and the value seed returned
// (the ids and credentials the test needs). seed runs once per key in the
// test process, on a store of its own (store.Options{}), and every call
// with that key gets a fresh copy of the result, so that tests stay
// isolated from each other's writes; the store is closed when the test
// ends.
//
// key names what seed writes: every call with one key must pass a seed
// that writes the same data. A seed that depends on anything else (a
// clock, options) puts it into the key. The value is shared by every
// copy: treat it as read-only, and copy a map or slice before changing
// it. A failed seed fails every test that asks for its key; a seed may
// also end the test that runs it (t.Fatal), which fails the others too.
func Template[T any](tb testing.TB, key string, seed func(ctx context.Context, st *store.Store) (T, error)) (*store.Store, T) {
	tb.Helper()
	return seeded(tb, key, migrated, seed)
}

// seeded is Template whose seed starts from the database image base
// returns (built once per key in the test process).
func seeded[T any](tb testing.TB, key string, base func() ([]byte, error), seed func(ctx context.Context, st *store.Store) (T, error)) (*store.Store, T) {
	tb.Helper()
	tpl := templateFor(key)
	tpl.once.Do(func() {
		tpl.err = fmt.Errorf("seed of template %q did not return", key)
		image, err := base()
		if err != nil {
			tpl.err = err
			return
		}
		tpl.image, tpl.value, tpl.err = build(image, func(ctx context.Context, st *store.Store) (any, error) {
			return seed(ctx, st)
		})
	})
	if tpl.err != nil {
		tb.Fatalf("storetest: template %q: %v", key, tpl.err)
	}
	v, ok := tpl.value.(T)
	if !ok {
		tb.Fatalf("storetest: template %q holds a %T, not a %T: two seeds share the key", key, tpl.value, v)
	}
	return open(tb, tpl.image), v
}

// template is one seeded database, built once.
type template struct {
	once  sync.Once
	image []byte // the database file, checkpointed and closed
	value any    // what the seed returned
	err   error
}

var (
	templatesMu sync.Mutex
	templates   = map[string]*template{}
)

func templateFor(key string) *template {
	templatesMu.Lock()
	defer templatesMu.Unlock()
	tpl, ok := templates[key]
	if !ok {
		tpl = &template{}
		templates[key] = tpl
	}
	return tpl
}

// migrated returns the bytes of a database migrated to the newest schema,
// built on the first call.
var migrated = sync.OnceValues(func() ([]byte, error) {
	image, _, err := build(nil, nil)
	return image, err
})

// build writes base (a migrated database) to a file in a directory of its
// own under os.TempDir() and runs seed on it, or, without a seed,
// migrates a new database there; then it closes the database and returns
// its file's bytes. Closing
// the last connection checkpoints the WAL into the main file, so those
// bytes are the whole database; the directory is removed before build
// returns, so that nothing of it outlives the test process.
func build(base []byte, seed func(context.Context, *store.Store) (any, error)) (image []byte, value any, err error) {
	if PostgresURL() != "" {
		return pgBuild(base, seed)
	}
	dir, err := os.MkdirTemp("", "samenkoop-storetest-")
	if err != nil {
		return nil, nil, err
	}
	defer func() { err = errors.Join(err, os.RemoveAll(dir)) }()
	path := filepath.Join(dir, "template.db")
	ctx := context.Background()
	if seed != nil {
		if err := os.WriteFile(path, base, 0o600); err != nil {
			return nil, nil, err
		}
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return nil, nil, fmt.Errorf("open: %w", err)
	}
	// Deferred, so that a seed that ends its test (t.Fatal) leaves no
	// database open.
	closed := false
	defer func() {
		if !closed {
			st.Close()
		}
	}()
	if seed == nil {
		if _, err := st.Migrate(ctx); err != nil {
			return nil, nil, fmt.Errorf("migrate: %w", err)
		}
	} else if value, err = seed(ctx, st); err != nil {
		return nil, nil, fmt.Errorf("seed: %w", err)
	}
	closed = true
	if err := st.Close(); err != nil {
		return nil, nil, fmt.Errorf("close: %w", err)
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return nil, nil, fmt.Errorf("the WAL of %s holds %d bytes after closing: the file alone is not the database", path, fi.Size())
	}
	image, err = os.ReadFile(path)
	return image, value, err
}

// open writes image to test.db in tb.TempDir() and opens it.
func open(tb testing.TB, image []byte) *store.Store {
	tb.Helper()
	if PostgresURL() != "" {
		return pgOpen(tb, image)
	}
	path := filepath.Join(tb.TempDir(), "test.db")
	if err := os.WriteFile(path, image, 0o600); err != nil {
		tb.Fatalf("storetest: copy the template: %v", err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		tb.Fatalf("storetest: open: %v", err)
	}
	tb.Cleanup(func() {
		if err := st.Close(); err != nil {
			tb.Errorf("storetest: close: %v", err)
		}
	})
	return st
}

// Shared returns two stores on one new, migrated database, as two
// servers sharing it would have: on SQLite two opens of one file, on
// PostgreSQL two connections pools on one database. Both close when the
// test ends.
func Shared(tb testing.TB) (*store.Store, *store.Store) {
	tb.Helper()
	first := New(tb)
	return first, Reopen(tb, first, store.Options{})
}

// Reopen opens the database of st, a store storetest made, once more
// with opts, as a second server sharing it would; it closes when the
// test ends.
func Reopen(tb testing.TB, st *store.Store, opts store.Options) *store.Store {
	tb.Helper()
	var (
		again *store.Store
		err   error
	)
	if PostgresURL() != "" {
		again, err = pgReopen(st, opts)
	} else {
		again, err = store.Open(st.Path(), opts)
	}
	if err != nil {
		tb.Fatalf("storetest: open the database again: %v", err)
	}
	tb.Cleanup(func() {
		if err := again.Close(); err != nil {
			tb.Errorf("storetest: close: %v", err)
		}
	})
	return again
}
