// Package store keeps Samenkoop's data in SQLite (the default: one file,
// one process) or in PostgreSQL (a database several servers share;
// postgres.go). It implements the Store interfaces the domain packages
// declare; SQL lives here and nowhere else. The queries are written once,
// in SQLite's dialect, and dialect.go rewrites the few forms PostgreSQL
// spells differently.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"time"

	// The product's SQLite driver (cgo); registers "sqlite3".
	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/samenkoop/samenkoop/contracts"
)

// Options configures Open.
type Options struct {
	// BusyTimeout is how long a connection waits for a lock before it
	// reports "database is locked". Defaults to 5 s.
	BusyTimeout time.Duration
	// Readers caps the reader pool. Defaults to max(4, 2×GOMAXPROCS); a
	// server sizes it with ReaderPool.
	Readers int
	// Now returns the current time for audit entries; tests pin it.
	// Defaults to time.Now.
	Now func() time.Time
	// AuditKey keys the audit chain: entries are sealed with HMAC-SHA-256
	// under it (audit.Entry.ComputeHMAC). Empty keeps the unkeyed SHA-256
	// chain. It comes from a file outside the database (audit.keyFile) and
	// is never stored in it.
	AuditKey []byte
}

// Store is the store: on SQLite one writer connection and a pool of
// readers on the same file, on PostgreSQL a writer pool whose
// transactions take one advisory lock and a reader pool (postgres.go). A
// Store returned by InTx is bound to its transaction.
type Store struct {
	path string
	// pg is set on PostgreSQL: queries go through pgQuerier, which
	// rewrites them (dialect.go), and writes take the write lock.
	pg bool
	// pgChunk is set within pgEachSpendContract's chunks.
	pgChunk bool
	writer  *sql.DB
	reader  *sql.DB
	tx      *sql.Tx // set inside InTx
	// writing is set inside InTx (tx is a write transaction); audited
	// points at the flag appendAudit sets there, read after the commit.
	writing bool
	audited *bool
	// spendWake and dataWake are signalled after a commit that changed
	// audited data (every contract write among it): SpendChanges and
	// DataChanges, one channel for each job that waits.
	spendWake chan struct{}
	dataWake  chan struct{}
	// spendJobs is what the readers of the spend model share with the
	// jobs that apply its pending changes (spend_pending.go).
	spendJobs *spendJobs
	now       func() time.Time
	// auditKey seals audit entries (Options.AuditKey).
	auditKey []byte
	// preMigration is the backup Migrate took before changing the schema.
	preMigration *BackupInfo
	// recomputed is what Migrate's recomputation of the contract dates did.
	recomputed *DatesRecompute
}

// defaultReaders is the reader pool's size by default.
func defaultReaders() int { return max(4, 2*runtime.GOMAXPROCS(0)) }

// ReaderPool returns the reader pool (Options.Readers) for a server that
// lets heavy callers run at once, the computed views and the exports
// its web layer bounds: each may hold contracts.PassReaders connections
// at a time (a pass over the register reads id ranges side by side, and
// a streamed export holds its connection until the file is sent), and
// the other requests keep the default pool beside them, so that a list
// still gets a connection while every heavy slot is taken.
func ReaderPool(heavy int) int { return defaultReaders() + max(heavy, 0)*contracts.PassReaders() }

// withDefaults fills in the options left zero.
func (opts Options) withDefaults() Options {
	if opts.BusyTimeout <= 0 {
		opts.BusyTimeout = 5 * time.Second
	}
	if opts.Readers <= 0 {
		opts.Readers = defaultReaders()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return opts
}

// Open opens (and creates, if needed) the database at path. It does not
// migrate; call Migrate.
func Open(path string, opts Options) (*Store, error) {
	opts = opts.withDefaults()
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("store: create directory for %s: %w", path, err)
		}
	}
	writer, err := sql.Open(writerDriver, dsn(path, opts, false))
	if err != nil {
		return nil, fmt.Errorf("store: open writer %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxIdleTime(5 * time.Minute)
	// Connect the writer first: it creates the file and switches it to WAL,
	// which read-only connections cannot do.
	if err := writer.Ping(); err != nil {
		writer.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	reader, err := sql.Open("sqlite3", dsn(path, opts, true))
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("store: open readers %s: %w", path, err)
	}
	reader.SetMaxOpenConns(opts.Readers)
	reader.SetMaxIdleConns(min(opts.Readers, 4))
	reader.SetConnMaxIdleTime(5 * time.Minute)
	return &Store{path: path, writer: writer, reader: reader, now: opts.Now, auditKey: opts.AuditKey, spendWake: make(chan struct{}, 1), dataWake: make(chan struct{}, 1), spendJobs: newSpendJobs()}, nil
}

// writerDriver is the SQLite driver of the writer connection: the
// product's driver with temp_store=MEMORY, which go-sqlite3's connection
// string cannot set.
//
// A statement inside a transaction that may fail halfway (an insert whose
// triggers keep the spend rollups, an update under a constraint) keeps
// the pages it changes in a statement journal, so that only its own
// changes are undone; SQLite writes that journal to a temporary file once
// it outgrows 64 KiB, a page (and its number) per write. A bulk write
// (the demo data, an import of thousands of rows) wrote its small database
// hundreds of times over into those files. In memory, the statement
// journal costs no system call; it holds at most the pages one statement
// changes, and is dropped when the statement ends. The readers keep the
// default: their temporary files (the sorts of large reads) stay on disk.
const writerDriver = "sqlite3-writer"

func init() {
	sql.Register(writerDriver, &sqlite3.SQLiteDriver{ConnectHook: func(conn *sqlite3.SQLiteConn) error {
		_, err := conn.Exec("PRAGMA temp_store = MEMORY", nil)
		return err
	}})
}

// dsn builds the connection string. Every pragma goes here, not in an Exec
// after opening, so that each pooled connection gets it:
//   - _busy_timeout comes first: switching to WAL needs a moment of exclusive
//     access, and without the timeout a busy file fails that switch at once;
//   - _journal_mode=WAL lets readers run beside the one writer;
//   - _synchronous=NORMAL is safe with WAL (a crash loses at most the last
//     commits, never consistency);
//   - _foreign_keys=on, because SQLite leaves them off per connection;
//   - _txlock=immediate makes a transaction take the write lock at BEGIN, so
//     a read-then-write transaction fails fast instead of deadlocking with
//     another writer and losing its update;
//   - _stmt_cache_size keeps each connection's prepared statements, so a
//     query the app runs again (a list page) skips SQLite's parser; queries
//     therefore bind their values, LIMIT and OFFSET included, instead of
//     writing them into the SQL text;
//   - readers open with mode=ro, so a write routed to the wrong pool fails.
func dsn(path string, opts Options, readOnly bool) string {
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(opts.BusyTimeout.Milliseconds()))
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "NORMAL")
	q.Set("_foreign_keys", "on")
	q.Set("_cache_size", "-16000") // 16 MB per connection
	q.Set("_stmt_cache_size", "64")
	if readOnly {
		q.Set("mode", "ro")
	} else {
		q.Set("_txlock", "immediate")
	}
	// The path is escaped: SQLite reads the DSN as a URI, where "?" or "#"
	// in a file name would start the query or fragment.
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Path returns the database file's path ("" on PostgreSQL).
func (st *Store) Path() string { return st.path }

// Driver returns the backend: "sqlite" or "postgres".
func (st *Store) Driver() string {
	if st.pg {
		return DriverPostgres
	}
	return DriverSQLite
}

// Close closes both pools. Closing the writer last lets SQLite checkpoint
// the WAL into the main file.
func (st *Store) Close() error {
	return errors.Join(st.reader.Close(), st.writer.Close())
}

// Ping checks that the database answers a query.
func (st *Store) Ping(ctx context.Context) error {
	var one int
	if err := st.reader.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// read returns where reads go: the transaction inside InTx, the reader pool
// otherwise.
func (st *Store) read() querier {
	var q querier = st.reader
	if st.tx != nil {
		q = st.tx
	}
	if st.pg {
		return pgQuerier{q}
	}
	return q
}

// write returns where writes go: the transaction inside InTx, the writer
// otherwise. On PostgreSQL a write outside InTx runs in a transaction of
// its own that takes the write lock (pgAutoTx).
func (st *Store) write() querier {
	switch {
	case st.pg && st.tx != nil:
		return pgQuerier{st.tx}
	case st.pg:
		return pgAutoTx{st.writer}
	case st.tx != nil:
		return st.tx
	}
	return st.writer
}

// beginRead starts a read-only transaction on the reader pool, for a
// computation that must see one state across several queries. SQLite's
// read transactions see one snapshot; PostgreSQL needs REPEATABLE READ
// for that.
func (st *Store) beginRead(ctx context.Context) (*sql.Tx, error) {
	if st.pg {
		return st.reader.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	}
	return st.reader.BeginTx(ctx, nil)
}

// snapshot returns st bound to a read transaction of its own, as InTx
// binds a Store to a write one, so that several reads see one snapshot,
// and the function that ends it (a rollback: it only read). A store
// already in a transaction is returned as it is.
func (st *Store) snapshot(ctx context.Context) (*Store, func(), error) {
	if st.tx != nil {
		return st, func() {}, nil
	}
	tx, err := st.beginRead(ctx)
	if err != nil {
		return nil, nil, err
	}
	bound := *st
	bound.tx = tx
	return &bound, func() { _ = tx.Rollback() }, nil
}

// prepare prepares query on the transaction inside InTx, in the store's
// dialect.
func (st *Store) prepare(ctx context.Context, query string) (*stmt, error) {
	if st.pg {
		query = pgRewrite(query)
	}
	s, err := st.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return &stmt{s: s, pg: st.pg}, nil
}

// stmt is a prepared statement, whose arguments are converted for
// PostgreSQL as pgQuerier converts them.
type stmt struct {
	s  *sql.Stmt
	pg bool
}

func (s *stmt) ExecContext(ctx context.Context, args ...any) (sql.Result, error) {
	if s.pg {
		args = pgArgs(args)
	}
	return s.s.ExecContext(ctx, args...)
}

func (s *stmt) QueryRowContext(ctx context.Context, args ...any) *sql.Row {
	if s.pg {
		args = pgArgs(args)
	}
	return s.s.QueryRowContext(ctx, args...)
}

func (s *stmt) Close() error { return s.s.Close() }

// InTx runs fn in one transaction on the writer. fn gets a Store bound to
// the transaction, whose reads and writes both go through it; a nested
// InTx reuses the transaction. When fn returns an error or panics, the
// transaction rolls back.
func (st *Store) InTx(ctx context.Context, fn func(tx *Store) error) (err error) {
	if st.tx != nil {
		return fn(st)
	}
	var audited bool
	tx, err := st.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if st.pg {
		if err := pgWriteLock(ctx, tx); err != nil {
			_ = tx.Rollback()
			return err
		}
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
			return
		}
		if cerr := tx.Commit(); cerr != nil {
			err = fmt.Errorf("store: commit: %w", cerr)
			return
		}
		if audited {
			wake(st.spendWake)
			wake(st.dataWake)
		}
	}()
	bound := *st
	bound.tx, bound.writing, bound.audited = tx, true, &audited
	return fn(&bound)
}
