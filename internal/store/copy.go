package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Moving a whole database to another store (samenkoop migrate-store): a
// cooperative that outgrows its SQLite file copies everything into a
// PostgreSQL database that several servers share, without re-entering
// anything.
//
// Every table of the source's schema is copied, row for row with its
// ids, but goose's version table, which the target's own migrations
// wrote. That includes the tables derived from others (the list counters
// list_counts, contract_counts and demand_counts, the spend model's
// cells): they are copied as they are rather than rebuilt, with the
// target's triggers suspended during the copy so that inserting the rows
// they count does not count them twice. The audit log is copied entry for
// entry, so its hash chain is the source's, and verified afterwards by the
// command. The whole copy is one transaction on the target: it lands
// entirely or not at all.

// ErrTargetNotEmpty means the target of CopyAll holds data already.
var ErrTargetNotEmpty = errors.New("the target database is not empty: migrate-store copies into a new, empty database only " +
	"(one that no samenkoop command but migrate-store has opened; `samenkoop migrate` and `serve` load reference data into it)")

// seededByMigrations are the tables a migration fills in a new database
// (the counters' zero rows); the copy replaces their rows, and a target
// holding only those is empty.
var seededByMigrations = []string{"list_counts"}

// CopyReport says what CopyAll copied.
type CopyReport struct {
	// Tables are the tables in the order they were copied (foreign keys
	// first), with their row counts.
	Tables []TableCopy
	// SchemaVersion is the version of both schemas.
	SchemaVersion int64
}

// TableCopy is one copied table.
type TableCopy struct {
	Name string
	Rows int64
}

// copyTable is a table as the copy needs it: its stored (not generated)
// columns, the columns of its primary key, the tables it references and
// its columns that reference itself (vendors.parent_id).
type copyTable struct {
	name     string
	columns  []string
	key      []string
	refs     []string
	selfRefs []string
}

// CopyAll copies every row of from into to, which must be migrated to
// the same schema version and empty (ErrTargetNotEmpty). The source is
// read in one read transaction, so the copy is one consistent state of
// it even while it is written; the target is written in one transaction.
func CopyAll(ctx context.Context, from, to *Store) (CopyReport, error) {
	var rep CopyReport
	if from.Path() != "" && from.Path() == to.Path() {
		return rep, errors.New("store: copy: source and target are the same database")
	}
	fromVer, bin, err := from.SchemaVersion(ctx)
	if err != nil {
		return rep, err
	}
	toVer, _, err := to.SchemaVersion(ctx)
	if err != nil {
		return rep, err
	}
	switch {
	case fromVer != bin:
		return rep, fmt.Errorf("store: copy: the source's schema version is %d, this binary's %d: run `samenkoop migrate` on the source first", fromVer, bin)
	case toVer != fromVer:
		return rep, fmt.Errorf("store: copy: the target's schema version is %d, the source's %d: the target must be migrated to the same version", toVer, fromVer)
	}
	rep.SchemaVersion = fromVer

	rtx, err := from.reader.BeginTx(ctx, readSnapshot(from))
	if err != nil {
		return rep, fmt.Errorf("store: copy: begin reading the source: %w", err)
	}
	defer func() { _ = rtx.Rollback() }()
	src := *from
	src.tx = rtx
	tables, err := src.copyTables(ctx)
	if err != nil {
		return rep, err
	}
	err = to.InTx(ctx, func(tx *Store) error {
		if err := tx.checkEmpty(ctx, tables); err != nil {
			return err
		}
		resume, err := tx.suspendTriggers(ctx, tables)
		if err != nil {
			return err
		}
		for _, t := range tables {
			n, err := copyRows(ctx, &src, tx, t)
			if err != nil {
				return fmt.Errorf("store: copy %s: %w", t.name, err)
			}
			rep.Tables = append(rep.Tables, TableCopy{Name: t.name, Rows: n})
		}
		if err := resume(); err != nil {
			return err
		}
		return tx.resetSequences(ctx, tables)
	})
	if err != nil {
		return CopyReport{SchemaVersion: rep.SchemaVersion}, err
	}
	return rep, to.analyze(ctx)
}

// isPostgres reports whether st is on PostgreSQL.
func isPostgres(st *Store) bool { return st.Driver() == DriverPostgres }

// readSnapshot are the options of a read transaction that sees one state
// of the database throughout: SQLite's WAL gives every read transaction
// one; PostgreSQL needs REPEATABLE READ for it.
func readSnapshot(st *Store) *sql.TxOptions {
	if isPostgres(st) {
		return &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	return nil
}

// copyTables returns the tables of st's schema in an order in which
// every table comes after the tables it references, goose's table left
// out.
func (st *Store) copyTables(ctx context.Context) ([]copyTable, error) {
	if isPostgres(st) {
		return nil, errors.New("store: copy: reading the tables of a PostgreSQL source is not supported; the source is a SQLite file")
	}
	var names []string
	rows, err := st.read().QueryContext(ctx, `SELECT name FROM sqlite_master
		WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'goose_%' ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: copy: list tables: %w", err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: copy: list tables: %w", err)
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: copy: list tables: %w", err)
	}
	byName := map[string]*copyTable{}
	for _, n := range names {
		t, err := st.sqliteTable(ctx, n)
		if err != nil {
			return nil, err
		}
		byName[n] = &t
	}
	return orderByReferences(names, byName)
}

// sqliteTable reads one table's stored columns, primary key and foreign
// keys from SQLite's pragmas.
func (st *Store) sqliteTable(ctx context.Context, name string) (copyTable, error) {
	t := copyTable{name: name}
	// table_xinfo lists generated columns too, with hidden 2 or 3: they
	// are computed by the target and cannot be inserted.
	rows, err := st.read().QueryContext(ctx, `SELECT name, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid`, name)
	if err != nil {
		return t, fmt.Errorf("store: copy: columns of %s: %w", name, err)
	}
	type keyCol struct {
		name string
		pos  int
	}
	var keys []keyCol
	for rows.Next() {
		var (
			col        string
			pk, hidden int
		)
		if err := rows.Scan(&col, &pk, &hidden); err != nil {
			rows.Close()
			return t, fmt.Errorf("store: copy: columns of %s: %w", name, err)
		}
		if hidden != 0 {
			continue
		}
		t.columns = append(t.columns, col)
		if pk > 0 {
			keys = append(keys, keyCol{col, pk})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return t, fmt.Errorf("store: copy: columns of %s: %w", name, err)
	}
	slices.SortFunc(keys, func(a, b keyCol) int { return a.pos - b.pos })
	for _, k := range keys {
		t.key = append(t.key, k.name)
	}
	if len(t.key) == 0 {
		t.key = t.columns // no primary key: every column orders the rows
	}
	rows, err = st.read().QueryContext(ctx, `SELECT "table", "from" FROM pragma_foreign_key_list(?)`, name)
	if err != nil {
		return t, fmt.Errorf("store: copy: foreign keys of %s: %w", name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var ref, col string
		if err := rows.Scan(&ref, &col); err != nil {
			return t, fmt.Errorf("store: copy: foreign keys of %s: %w", name, err)
		}
		if ref == name {
			t.selfRefs = append(t.selfRefs, col)
		} else if !slices.Contains(t.refs, ref) {
			t.refs = append(t.refs, ref)
		}
	}
	return t, rows.Err()
}

// orderByReferences orders the tables so that each comes after the
// tables it references, by name where the references leave a choice.
// References to oneself are copied in a second pass (copyRows); a cycle
// between tables cannot be copied and is an error.
func orderByReferences(names []string, byName map[string]*copyTable) ([]copyTable, error) {
	var (
		out  []copyTable
		done = map[string]bool{}
	)
	for len(out) < len(names) {
		progress := false
		for _, n := range names {
			t := byName[n]
			if done[n] || !allDone(t.refs, done) {
				continue
			}
			done[n] = true
			out = append(out, *t)
			progress = true
		}
		if !progress {
			var left []string
			for _, n := range names {
				if !done[n] {
					left = append(left, n)
				}
			}
			return nil, fmt.Errorf("store: copy: the foreign keys of %s form a cycle", strings.Join(left, ", "))
		}
	}
	return out, nil
}

func allDone(refs []string, done map[string]bool) bool {
	for _, r := range refs {
		if !done[r] {
			return false
		}
	}
	return true
}

// checkEmpty returns ErrTargetNotEmpty, naming the tables, when any table
// holds a row, but for the rows migrations write.
func (st *Store) checkEmpty(ctx context.Context, tables []copyTable) error {
	var full []string
	for _, t := range tables {
		if slices.Contains(seededByMigrations, t.name) {
			continue
		}
		var one int
		err := st.read().QueryRowContext(ctx, `SELECT 1 FROM `+quoteIdent(t.name)+` LIMIT 1`).Scan(&one)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fmt.Errorf("store: copy: check that %s is empty: %w", t.name, err)
		default:
			full = append(full, t.name)
		}
	}
	if len(full) > 0 {
		return fmt.Errorf("store: copy: %w; it holds rows in %s", ErrTargetNotEmpty, strings.Join(full, ", "))
	}
	return nil
}

// suspendTriggers stops the target's triggers from firing while the
// rows are copied, in the transaction, and returns what starts them
// again. SQLite cannot switch a trigger off: it is dropped and created
// again from its own SQL; PostgreSQL switches the user triggers of each
// table off and on.
func (st *Store) suspendTriggers(ctx context.Context, tables []copyTable) (func() error, error) {
	if isPostgres(st) {
		for _, t := range tables {
			if _, err := st.write().ExecContext(ctx, `ALTER TABLE `+quoteIdent(t.name)+` DISABLE TRIGGER USER`); err != nil {
				return nil, fmt.Errorf("store: copy: suspend the triggers of %s: %w", t.name, err)
			}
		}
		return func() error {
			for _, t := range tables {
				if _, err := st.write().ExecContext(ctx, `ALTER TABLE `+quoteIdent(t.name)+` ENABLE TRIGGER USER`); err != nil {
					return fmt.Errorf("store: copy: resume the triggers of %s: %w", t.name, err)
				}
			}
			return nil
		}, nil
	}
	rows, err := st.read().QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: copy: list triggers: %w", err)
	}
	var names, defs []string
	for rows.Next() {
		var n, def string
		if err := rows.Scan(&n, &def); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: copy: list triggers: %w", err)
		}
		names, defs = append(names, n), append(defs, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: copy: list triggers: %w", err)
	}
	for _, n := range names {
		if _, err := st.write().ExecContext(ctx, `DROP TRIGGER `+quoteIdent(n)); err != nil {
			return nil, fmt.Errorf("store: copy: suspend trigger %s: %w", n, err)
		}
	}
	return func() error {
		for i, def := range defs {
			if _, err := st.write().ExecContext(ctx, def); err != nil {
				return fmt.Errorf("store: copy: restore trigger %s: %w", names[i], err)
			}
		}
		return nil
	}, nil
}

// copyBatch bounds the rows of one INSERT, and copyParams its bound
// values (SQLite allows 32766, PostgreSQL 65535).
const (
	copyBatch  = 500
	copyParams = 30000
)

// copyRows copies t's rows from src to dst in key order and returns how
// many. The target's rows that migrations wrote are deleted first. A
// column that references its own table is copied empty and filled in a
// second pass, so that a row may reference one with a higher key.
func copyRows(ctx context.Context, src, dst *Store, t copyTable) (int64, error) {
	if _, err := dst.write().ExecContext(ctx, `DELETE FROM `+quoteIdent(t.name)); err != nil {
		return 0, err
	}
	cols := make([]string, len(t.columns))
	for i, c := range t.columns {
		cols[i] = quoteIdent(c)
	}
	keys := make([]string, len(t.key))
	for i, c := range t.key {
		keys[i] = quoteIdent(c)
	}
	rows, err := src.read().QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+quoteIdent(t.name)+` ORDER BY `+strings.Join(keys, ", "))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	self := make([]int, 0, len(t.selfRefs))
	for _, c := range t.selfRefs {
		self = append(self, slices.Index(t.columns, c))
	}
	batch := max(1, min(copyBatch, copyParams/len(cols)))
	insertHead := `INSERT INTO ` + quoteIdent(t.name) + ` (` + strings.Join(cols, ", ") + `) VALUES `
	row := `(` + placeholders(len(cols)) + `)`
	var (
		n       int64
		pending []any
		later   [][]any // key values, then the self-referencing values
	)
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		k := len(pending) / len(cols)
		q := insertHead + strings.Repeat(row+", ", k-1) + row
		if _, err := dst.write().ExecContext(ctx, q, pending...); err != nil {
			return err
		}
		pending = pending[:0]
		return nil
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		if len(self) > 0 {
			set := false
			refs := make([]any, len(self))
			for i, c := range self {
				refs[i], vals[c] = vals[c], nil
				set = set || refs[i] != nil
			}
			if set {
				keyVals := make([]any, 0, len(t.key)+len(self))
				for _, k := range t.key {
					keyVals = append(keyVals, vals[slices.Index(t.columns, k)])
				}
				later = append(later, append(keyVals, refs...))
			}
		}
		pending = append(pending, vals...)
		n++
		if len(pending)/len(cols) >= batch {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	if err := flush(); err != nil {
		return n, err
	}
	if len(later) == 0 {
		return n, nil
	}
	sets := make([]string, len(t.selfRefs))
	for i, c := range t.selfRefs {
		sets[i] = quoteIdent(c) + ` = ?`
	}
	where := make([]string, len(t.key))
	for i, k := range keys {
		where[i] = k + ` = ?`
	}
	update := `UPDATE ` + quoteIdent(t.name) + ` SET ` + strings.Join(sets, ", ") + ` WHERE ` + strings.Join(where, " AND ")
	for _, l := range later {
		args := append(append([]any{}, l[len(t.key):]...), l[:len(t.key)]...)
		if _, err := dst.write().ExecContext(ctx, update, args...); err != nil {
			return n, err
		}
	}
	return n, nil
}

// resetSequences moves PostgreSQL's id sequences past the copied ids, so
// that the next insert does not take one of them. SQLite takes the next
// rowid from the table itself.
func (st *Store) resetSequences(ctx context.Context, tables []copyTable) error {
	if !isPostgres(st) {
		return nil
	}
	for _, t := range tables {
		if !slices.Contains(t.columns, "id") {
			continue
		}
		if _, err := st.write().ExecContext(ctx, `SELECT setval(pg_get_serial_sequence(?, 'id'), max(id)) FROM `+quoteIdent(t.name), t.name); err != nil {
			return fmt.Errorf("store: copy: reset the id sequence of %s: %w", t.name, err)
		}
	}
	return nil
}

// quoteIdent quotes a table or column name for both dialects.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
