package storetest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/samenkoop/samenkoop/internal/store"
)

// PostgresEnv names the variable that runs the store tests on PostgreSQL.
const PostgresEnv = "SAMENKOOP_TEST_POSTGRES_URL"

// PostgresURL returns the PostgreSQL URL the tests run on, "" for SQLite.
func PostgresURL() string { return os.Getenv(PostgresEnv) }

// SkipOnPostgres skips a test that is SQLite's by nature (a file image,
// WAL, PRAGMA), saying why, when the tests run on PostgreSQL.
func SkipOnPostgres(tb testing.TB, why string) {
	tb.Helper()
	if PostgresURL() != "" {
		tb.Skipf("SQLite only (%s); the tests run on PostgreSQL (%s)", why, PostgresEnv)
	}
}

// The databases of a test process are named skt_<pid>_<n>, so that a
// later process can tell those left by one that died (pgSweep).
var (
	pgSeq   atomic.Int64
	pgAdmin = sync.OnceValues(func() (*sql.DB, error) {
		db, err := sql.Open("pgx", PostgresURL())
		if err != nil {
			return nil, err
		}
		db.SetMaxOpenConns(4)
		if err := pgSweep(db); err != nil {
			db.Close()
			return nil, err
		}
		return db, nil
	})
)

func pgName() string {
	return fmt.Sprintf("skt_%d_%d", os.Getpid(), pgSeq.Add(1))
}

// pgSweep drops the test databases of processes that are gone: templates
// live as long as their process, which has no hook to drop them at its
// end.
func pgSweep(db *sql.DB) error {
	rows, err := db.Query(`SELECT datname FROM pg_database WHERE datname LIKE 'skt\_%'`)
	if err != nil {
		return fmt.Errorf("list test databases: %w", err)
	}
	var stale []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		parts := strings.Split(name, "_")
		pid, err := strconv.Atoi(parts[1])
		if err == nil && pid != os.Getpid() && syscall.Kill(pid, 0) != nil {
			stale = append(stale, name)
		}
	}
	rows.Close()
	for _, name := range stale {
		// A template cannot be dropped; the flag goes first.
		_, _ = db.Exec(`UPDATE pg_database SET datistemplate = false WHERE datname = $1`, name)
		_, _ = db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
	}
	return nil
}

// pgURL returns the test URL with its database replaced by name.
func pgURL(name string) (string, error) {
	u, err := url.Parse(PostgresURL())
	if err != nil {
		return "", fmt.Errorf("%s does not parse: %w", PostgresEnv, err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

// pgCreate creates the database name, from the database template when
// given.
func pgCreate(name, template string) error {
	admin, err := pgAdmin()
	if err != nil {
		return err
	}
	q := `CREATE DATABASE ` + name
	if template != "" {
		q += ` TEMPLATE ` + template
	}
	if _, err := admin.Exec(q); err != nil {
		return fmt.Errorf("create database %s: %w", name, err)
	}
	return nil
}

func pgDrop(name string) error {
	admin, err := pgAdmin()
	if err != nil {
		return err
	}
	_, err = admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
	return err
}

// pgBuild is build on PostgreSQL: a new database, migrated, or created
// from base (a migrated database's name) and seeded. Its name is the
// image; it stays until the process ends.
func pgBuild(base []byte, seed func(context.Context, *store.Store) (any, error)) (image []byte, value any, err error) {
	name := pgName()
	if err := pgCreate(name, string(base)); err != nil {
		return nil, nil, err
	}
	target, err := pgURL(name)
	if err != nil {
		return nil, nil, err
	}
	st, err := store.OpenTarget(store.DriverPostgres, target, store.Options{})
	if err != nil {
		return nil, nil, fmt.Errorf("open: %w", err)
	}
	closed := false
	defer func() {
		if !closed {
			st.Close()
		}
	}()
	ctx := context.Background()
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
	return []byte(name), value, nil
}

// pgTargets are the URLs of the stores pgOpen opened, for pgReopen.
var pgTargets sync.Map // *store.Store → string

// pgReopen opens a second store on the database of st, which pgOpen
// opened.
func pgReopen(st *store.Store, opts store.Options) (*store.Store, error) {
	target, ok := pgTargets.Load(st)
	if !ok {
		return nil, errors.New("the store was not opened by storetest")
	}
	return store.OpenTarget(store.DriverPostgres, target.(string), opts)
}

// pgOpen is open on PostgreSQL: a new database created from the template
// database image names, dropped when the test ends.
func pgOpen(tb testing.TB, image []byte) *store.Store {
	tb.Helper()
	name := pgName()
	if err := pgCreate(name, string(image)); err != nil {
		tb.Fatalf("storetest: %v", err)
	}
	target, err := pgURL(name)
	if err != nil {
		tb.Fatalf("storetest: %v", err)
	}
	st, err := store.OpenTarget(store.DriverPostgres, target, store.Options{})
	if err != nil {
		_ = pgDrop(name)
		tb.Fatalf("storetest: open: %v", err)
	}
	pgTargets.Store(st, target)
	tb.Cleanup(func() {
		pgTargets.Delete(st)
		if err := errors.Join(st.Close(), pgDrop(name)); err != nil {
			tb.Errorf("storetest: close: %v", err)
		}
	})
	return st
}
