package servertest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the PostgreSQL fixtures
	_ "github.com/mattn/go-sqlite3"    // the SQLite fixtures
)

// PostgresURLEnv names the variable that gives the tests a PostgreSQL
// server on which they may create and drop databases, as a URL
// (postgres://user@127.0.0.1:5432/postgres?sslmode=disable).
const PostgresURLEnv = "SAMENKOOP_TEST_POSTGRES_URL"

// Backend is a store backend the servers of a test run on.
type Backend struct {
	// Name is the value of db.driver: sqlite or postgres.
	Name string
	// adminURL is the PostgreSQL server databases are created on.
	adminURL string
}

// Backends are the backends a test runs on: SQLite always, PostgreSQL
// when SAMENKOOP_TEST_POSTGRES_URL is set.
func Backends() []Backend {
	bs := []Backend{{Name: "sqlite"}}
	if u := os.Getenv(PostgresURLEnv); u != "" {
		bs = append(bs, Backend{Name: "postgres", adminURL: u})
	}
	return bs
}

// Database is one database of a test, empty or seeded.
type Database struct {
	Backend Backend
	// Path is the SQLite file, URL the PostgreSQL database.
	Path, URL string
}

// Env is the configuration that points a samenkoop process at d.
func (d *Database) Env() []string {
	if d.Backend.Name == "postgres" {
		return []string{"SAMENKOOP_DB_DRIVER=postgres", "SAMENKOOP_DB_URL=" + d.URL}
	}
	return []string{"SAMENKOOP_DB_PATH=" + d.Path}
}

// NewDatabase returns a fresh, empty database, removed when the test ends.
func (b Backend) NewDatabase(t testing.TB) *Database {
	t.Helper()
	if b.Name == "postgres" {
		d, err := b.createPostgres("")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := b.dropPostgres(d.URL); err != nil {
				t.Errorf("drop the test database: %v", err)
			}
		})
		return d
	}
	return &Database{Backend: b, Path: filepath.Join(t.TempDir(), "samenkoop.db")}
}

// seeded holds, per backend, the database the small demo was seeded into
// once per test process: a SQLite file image, or a PostgreSQL template.
var (
	seedMu sync.Mutex
	seeds  = map[string]*Database{}
	// processCleanups are run by Main after the tests: the templates.
	processCleanups []func()
)

// Seeded returns a fresh database holding the small demo data set (seed
// 1) with its demo accounts, removed when the test ends. `samenkoop demo`
// (the binary bin) runs once per process and backend; each call copies
// its result (a file copy, or CREATE DATABASE … TEMPLATE).
func (b Backend) Seeded(t testing.TB, bin string) *Database {
	t.Helper()
	seedMu.Lock()
	seed, ok := seeds[b.Name]
	if !ok {
		var err error
		seed, err = b.seed(bin)
		if err != nil {
			seedMu.Unlock()
			t.Fatalf("seed the demo on %s: %v", b.Name, err)
		}
		seeds[b.Name] = seed
	}
	seedMu.Unlock()
	if b.Name == "postgres" {
		d, err := b.createPostgres(databaseName(seed.URL))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := b.dropPostgres(d.URL); err != nil {
				t.Errorf("drop the test database: %v", err)
			}
		})
		return d
	}
	image, err := os.ReadFile(seed.Path)
	if err != nil {
		t.Fatal(err)
	}
	d := b.NewDatabase(t)
	if err := os.WriteFile(d.Path, image, 0o600); err != nil {
		t.Fatal(err)
	}
	return d
}

// seed runs `samenkoop demo` into a new database that lives until Main
// ends.
func (b Backend) seed(bin string) (*Database, error) {
	var d *Database
	if b.Name == "postgres" {
		var err error
		if d, err = b.createPostgres(""); err != nil {
			return nil, err
		}
		processCleanups = append(processCleanups, func() { _ = b.dropPostgres(d.URL) })
	} else {
		dir, err := buildDir()
		if err != nil {
			return nil, err
		}
		d = &Database{Backend: b, Path: filepath.Join(dir, "demo-seed.db")}
	}
	if out, errOut, err := RunStatus(bin, d, "demo"); err != nil {
		return nil, fmt.Errorf("samenkoop demo: %w\n%s%s", err, out, errOut)
	}
	if b.Name == "sqlite" {
		// The command closed the database, which folds the WAL into the
		// file: the file alone is the database.
		if fi, err := os.Stat(d.Path + "-wal"); err == nil && fi.Size() > 0 {
			return nil, fmt.Errorf("samenkoop demo left %d bytes in the WAL", fi.Size())
		}
	}
	return d, nil
}

// Exec runs one statement on d directly, for a fixture no API can make
// (a date moved into the past). Write it with ? placeholders; they become
// $1, $2 … on PostgreSQL.
func (d *Database) Exec(t testing.TB, query string, args ...any) {
	t.Helper()
	db, err := d.open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if d.Backend.Name == "postgres" {
		query = numberPlaceholders(query)
	}
	if _, err := db.ExecContext(ctx, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func (d *Database) open() (*sql.DB, error) {
	if d.Backend.Name == "postgres" {
		return openPostgres(d.URL)
	}
	return sql.Open("sqlite3", "file:"+d.Path+"?_busy_timeout=10000&_txlock=immediate")
}

// numberPlaceholders turns the ? placeholders of q into $1, $2 …; the
// fixtures' statements hold no ? inside strings.
func numberPlaceholders(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// postgresDriver is the database/sql driver name of PostgreSQL, pgx's
// stdlib adapter, the driver the store's PostgreSQL backend uses.
const postgresDriver = "pgx"

// openPostgres opens a PostgreSQL database through database/sql.
func openPostgres(u string) (*sql.DB, error) { return sql.Open(postgresDriver, u) }

var databaseCounter atomic.Int64

// createPostgres creates a database on the server of b.adminURL, empty or
// as a copy of template, and returns it.
func (b Backend) createPostgres(template string) (*Database, error) {
	admin, err := openPostgres(b.adminURL)
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	name := fmt.Sprintf("samenkoop_test_%d_%d", os.Getpid(), databaseCounter.Add(1))
	q := "CREATE DATABASE " + name
	if template != "" {
		q += " TEMPLATE " + template
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := admin.ExecContext(ctx, q); err != nil {
		return nil, fmt.Errorf("%s: %w", q, err)
	}
	u, err := url.Parse(b.adminURL)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", PostgresURLEnv, err)
	}
	u.Path = "/" + name
	return &Database{Backend: b, URL: u.String()}, nil
}

// dropPostgres drops the database of u, ending its sessions first
// (PostgreSQL 13 or newer).
func (b Backend) dropPostgres(u string) error {
	admin, err := openPostgres(b.adminURL)
	if err != nil {
		return err
	}
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err = admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+databaseName(u)+" WITH (FORCE)")
	return err
}

// databaseName is the database of a PostgreSQL URL.
func databaseName(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(p.Path, "/")
}
