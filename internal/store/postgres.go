package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	// The PostgreSQL driver, through database/sql; registers "pgx".
	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/dburl"
)

// The PostgreSQL backend, for several servers sharing one database.
//
// It uses github.com/jackc/pgx/v5 through database/sql (its stdlib
// package, driver "pgx") rather than pgx's native interface: the store is
// written against database/sql (one querier for *sql.DB and *sql.Tx), so
// the queries, the scanners and the transactions stay one code path for
// both backends. pgx is the maintained PostgreSQL driver for Go (lib/pq
// is in maintenance mode).
//
// The store uses nothing newer than PostgreSQL 15's SQL (Debian 12's
// version, which the tests run on), so managed PostgreSQL 16 and newer
// (Haven) is covered.

// The backends OpenTarget knows.
const (
	DriverSQLite   = "sqlite"
	DriverPostgres = "postgres"
)

// OpenTarget opens the store of driver at target: for "sqlite" the
// database file's path (Open), for "postgres" a PostgreSQL URL
// (postgres://user:password@host:port/database?sslmode=…). Neither
// migrates; call Migrate.
func OpenTarget(driver, target string, opts Options) (*Store, error) {
	switch driver {
	case DriverSQLite, "":
		return Open(target, opts)
	case DriverPostgres:
		return openPostgres(target, opts)
	}
	return nil, fmt.Errorf("store: unknown driver %q (sqlite or postgres)", driver)
}

// RedactURL returns a PostgreSQL URL with its password replaced, for logs
// and error messages.
func RedactURL(target string) string { return dburl.Redact(target) }

// pgWriteLockKey is the key of the advisory lock every write transaction
// takes (pgWriteLock); any constant will do, this one reads "samenkoo".
const pgWriteLockKey = 0x73616d656e6b6f6f

// pgWriteLock takes the write lock in tx, held until tx ends.
//
// Every write transaction on PostgreSQL (InTx, and a write outside InTx,
// which pgAutoTx runs in a transaction of its own) first takes one
// transaction-scoped advisory lock, so writes are serialized as SQLite
// serializes them, across every server that shares the database. The
// store relies on that: read-then-write transactions (a next number, a
// version check), the counters, and above all the audit log, whose hash
// chain stays linear only when no two transactions append onto the same
// last entry; with two servers writing, the lock makes the second wait
// for the first's commit and then chain onto its entry. Reads take no
// lock and run in parallel on the reader pool.
func pgWriteLock(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(pgWriteLockKey)); err != nil {
		return fmt.Errorf("store: write lock: %w", err)
	}
	return nil
}

// openPostgres opens the PostgreSQL store at target: a writer pool, whose
// transactions wait for each other at the write lock, and a reader pool
// of opts.Readers connections.
func openPostgres(target string, opts Options) (*Store, error) {
	opts = opts.withDefaults()
	redacted := RedactURL(target)
	cfg, err := pgConnConfig(target)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", redacted, err)
	}
	writer := stdlib.OpenDB(*cfg)
	// Writers queue at the write lock; a few connections let one wait
	// there while another reads on the writer (pgAutoTx's reads).
	writer.SetMaxOpenConns(4)
	writer.SetMaxIdleConns(4)
	writer.SetConnMaxIdleTime(5 * time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), max(opts.BusyTimeout, 5*time.Second))
	defer cancel()
	if err := writer.PingContext(ctx); err != nil {
		writer.Close()
		return nil, fmt.Errorf("store: open %s: %w", redacted, err)
	}
	reader := stdlib.OpenDB(*cfg)
	reader.SetMaxOpenConns(opts.Readers)
	reader.SetMaxIdleConns(min(opts.Readers, 4))
	reader.SetConnMaxIdleTime(5 * time.Minute)
	return &Store{pg: true, writer: writer, reader: reader, now: opts.Now, auditKey: opts.AuditKey, spendWake: make(chan struct{}, 1), dataWake: make(chan struct{}, 1), spendJobs: newSpendJobs()}, nil
}

// pgConnConfig parses the URL and turns PostgreSQL's JIT compiler off
// unless the URL sets jit itself. The planner's cost of a query that
// walks the register with a correlated subquery (the alerts' audit
// lookup) lies far above jit_above_cost, and compiling it took 2.7 s of a
// 3.9 s query whose work takes 0.23 s; none of the store's queries runs
// long enough for compiled expressions to pay back.
func pgConnConfig(target string) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(target)
	if err != nil {
		return nil, errors.New("the URL does not parse as a PostgreSQL connection string")
	}
	if _, ok := cfg.RuntimeParams["jit"]; !ok {
		cfg.RuntimeParams["jit"] = "off"
	}
	return cfg, nil
}

// analyze refreshes PostgreSQL's planner statistics after a load of many
// rows (the demo, a bulk import, migrate-store), so that the next query
// is not planned on the empty tables' estimates (a contract page took
// 850 ms instead of 13 ms before autovacuum caught up). SQLite plans
// without gathered statistics here, so it does nothing there.
func (st *Store) analyze(ctx context.Context) error {
	if !st.pg {
		return nil
	}
	if _, err := st.writer.ExecContext(ctx, "ANALYZE"); err != nil {
		return fmt.Errorf("store: analyze: %w", err)
	}
	return nil
}

// pgQuerier runs the store's queries on PostgreSQL: each query is
// rewritten into its dialect (pgRewrite) and its arguments converted
// (pgArgs).
type pgQuerier struct{ q querier }

func (p pgQuerier) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return p.q.ExecContext(ctx, pgRewrite(query), pgArgs(args)...)
}

func (p pgQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return p.q.QueryContext(ctx, pgRewrite(query), pgArgs(args)...)
}

func (p pgQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return p.q.QueryRowContext(ctx, pgRewrite(query), pgArgs(args)...)
}

// pgAutoTx is the writer outside InTx on PostgreSQL: an Exec runs in a
// transaction of its own that takes the write lock first. A query
// (Query, QueryRow) outside InTx only reads and runs on the writer pool
// as it is.
type pgAutoTx struct{ db *sql.DB }

func (p pgAutoTx) ExecContext(ctx context.Context, query string, args ...any) (res sql.Result, err error) {
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: begin: %w", err)
	}
	if err := pgWriteLock(ctx, tx); err != nil {
		_ = tx.Rollback()
		return nil, err
	}
	res, err = tx.ExecContext(ctx, pgRewrite(query), pgArgs(args)...)
	if err != nil {
		_ = tx.Rollback()
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: commit: %w", err)
	}
	return res, nil
}

func (p pgAutoTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return p.db.QueryContext(ctx, pgRewrite(query), pgArgs(args)...)
}

func (p pgAutoTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return p.db.QueryRowContext(ctx, pgRewrite(query), pgArgs(args)...)
}

// pgArgs converts the arguments PostgreSQL would refuse for the store's
// columns: booleans are INTEGER 0/1 in both dialects (SQLite's driver
// converts them itself), and pgx encodes no bool into a bigint.
func pgArgs(args []any) []any {
	copied := false
	for i, a := range args {
		if b, ok := a.(bool); ok {
			if !copied {
				args, copied = append([]any(nil), args...), true
			}
			args[i] = boolInt(b)
		}
	}
	return args
}

// boolInt is b as 0 or 1.
func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// errBackupPostgres is Backup's answer on PostgreSQL.
var errBackupPostgres = errors.New("store: backup: the database is PostgreSQL, whose own tools make the backup: " +
	"use pg_dump (pg_dump --format=custom --file=samenkoop.dump <url>) and pg_restore to restore")

// pgSpendChunk is the number of contract ids pgEachSpendContract reads at
// a time.
const pgSpendChunk = 2000

// pgEachSpendContract is eachSpendContract on PostgreSQL, where one
// connection (the transaction's) reads one result at a time and fn may
// write on it: the contracts are read in id ranges, each range's
// licence lines and then its contracts read whole before fn sees them.
func (st *Store) pgEachSpendContract(ctx context.Context, f contracts.SpendFilter, fn func(contracts.SpendContract) error) error {
	var lo, hi sql.NullInt64
	if err := st.read().QueryRowContext(ctx, `SELECT min(id), max(id) FROM contracts`).Scan(&lo, &hi); err != nil {
		return err
	}
	if !lo.Valid {
		return nil
	}
	first, last := lo.Int64, hi.Int64
	if f.FromID != 0 {
		first = max(first, f.FromID)
	}
	if f.ToID != 0 {
		last = min(last, f.ToID)
	}
	chunk := *st
	chunk.pgChunk = true
	var batch []contracts.SpendContract
	for from := first; from <= last; from += pgSpendChunk {
		cf := f
		cf.FromID, cf.ToID = from, min(from+pgSpendChunk-1, last)
		// Lean reuses the lines' memory from one contract to the next;
		// the chunk keeps them all until fn has seen them.
		lean := cf.Lean
		batch = batch[:0]
		err := chunk.eachSpendContract(ctx, cf, func(sc contracts.SpendContract) error {
			if lean {
				sc.Lines = slices.Clone(sc.Lines)
			}
			batch = append(batch, sc)
			return nil
		})
		if err != nil {
			return err
		}
		for _, sc := range batch {
			if err := fn(sc); err != nil {
				return err
			}
		}
	}
	return nil
}

// pgBulkCounts switches the contract_counts triggers off (on true) or
// back on for the rest of the transaction, on PostgreSQL; a load then
// counts its contracts with pgCountContracts (migrations_postgres/0014).
func (st *Store) pgBulkCounts(ctx context.Context, bulk bool) error {
	if !st.pg {
		return nil
	}
	v := "off"
	if bulk {
		v = "on"
	}
	if _, err := st.write().ExecContext(ctx, `SELECT set_config('samenkoop.bulk_counts', ?, true)`, v); err != nil {
		return fmt.Errorf("contract counts: %w", err)
	}
	return nil
}

// pgCountContracts adds the contracts with ids first–last, loaded with
// the counters off (pgBulkCounts), to contract_counts, licence_counts and
// vendor_counts, on PostgreSQL.
// The write lock keeps the load's ids one range.
func (st *Store) pgCountContracts(ctx context.Context, first, last int64) error {
	if !st.pg || first == 0 {
		return nil
	}
	_, err := st.write().ExecContext(ctx, `
		INSERT INTO contract_counts AS c (organization_id, category_id, status, expired, over_quota, n)
		SELECT organization_id, coalesce(category_id, 0), status, expired, over_quota, count(*) FROM contracts
			WHERE id BETWEEN ? AND ? GROUP BY 1, 2, 3, 4, 5
		UNION ALL
		SELECT 0, coalesce(category_id, 0), status, expired, over_quota, count(*) FROM contracts
			WHERE id BETWEEN ? AND ? GROUP BY 2, 3, 4, 5
		ON CONFLICT (organization_id, category_id, status, expired, over_quota) DO UPDATE SET n = c.n + excluded.n`,
		first, last, first, last)
	if err != nil {
		return fmt.Errorf("contract counts: %w", err)
	}
	// And their licence figures to licence_counts (migration 0023).
	_, err = st.write().ExecContext(ctx, `
		INSERT INTO licence_counts AS c (organization_id, lines, over_quota, excess_cost)
		SELECT organization_id, sum(licence_line_count), sum(over_quota_lines), sum(excess_cost) FROM contracts
			WHERE id BETWEEN ? AND ? AND licence_line_count > 0 GROUP BY 1
		UNION ALL
		SELECT 0, sum(licence_line_count), sum(over_quota_lines), sum(excess_cost) FROM contracts
			WHERE id BETWEEN ? AND ? AND licence_line_count > 0 HAVING count(*) > 0
		ON CONFLICT (organization_id) DO UPDATE SET lines = c.lines + excluded.lines, over_quota = c.over_quota + excluded.over_quota,
			excess_cost = c.excess_cost + excluded.excess_cost`, first, last, first, last)
	if err != nil {
		return fmt.Errorf("licence counts: %w", err)
	}
	_, err = st.write().ExecContext(ctx, `INSERT INTO vendor_counts AS c (vendor_id, n)
		SELECT vendor_id, count(*) FROM contracts WHERE id BETWEEN ? AND ? GROUP BY 1
		ON CONFLICT (vendor_id) DO UPDATE SET n = c.n + excluded.n`, first, last)
	if err != nil {
		return fmt.Errorf("vendor counts: %w", err)
	}
	return nil
}
