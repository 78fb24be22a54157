package store

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// The migrations of each dialect, kept in step: the same versions and
// names, reaching the same logical schema (schema_dialects_test.go).
//
//go:embed migrations/*.sql
var migrations embed.FS

//go:embed migrations_postgres/*.sql
var migrationsPostgres embed.FS

// ErrSchemaAhead means the database was migrated by a newer binary.
var ErrSchemaAhead = errors.New("database schema is newer than this binary: upgrade samenkoop, or restore the backup migrate took before the upgrade " +
	"(<database>.pre-NNNN-<time>.bak next to the database; README, Backup and restore)")

// ErrSchemaBehind means the database has pending migrations and
// auto-migration is off.
var ErrSchemaBehind = errors.New("database schema is behind: run `samenkoop migrate`")

func (st *Store) provider() (*goose.Provider, error) {
	if st.pg {
		sub, err := fs.Sub(migrationsPostgres, "migrations_postgres")
		if err != nil {
			return nil, err
		}
		// The session lock keeps two servers starting at once from
		// migrating side by side: the second waits, then finds nothing
		// pending.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		return goose.NewProvider(goose.DialectPostgres, st.writer, sub, goose.WithSessionLocker(locker))
	}
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectSQLite3, st.writer, sub)
}

// SchemaVersion returns the database's version and the newest version this
// binary knows.
func (st *Store) SchemaVersion(ctx context.Context) (db, binary int64, err error) {
	p, err := st.provider()
	if err != nil {
		return 0, 0, fmt.Errorf("store: migrations: %w", err)
	}
	if db, err = p.GetDBVersion(ctx); err != nil {
		return 0, 0, fmt.Errorf("store: schema version: %w", err)
	}
	srcs := p.ListSources()
	if len(srcs) > 0 {
		binary = srcs[len(srcs)-1].Version
	}
	return db, binary, nil
}

// Migrate applies pending migrations, each in its own transaction, and
// returns the versions applied. It refuses a database whose schema is ahead
// of the binary.
//
// Before changing a database that has a schema already, it takes a backup
// next to it, <path>.pre-NNNN-<UTC time>.bak, where NNNN is the version
// it migrates to (PreMigrationBackup says where); migrations are
// forward-only, and this copy is the way back (STYLE §8). When the backup
// fails, nothing is migrated. A new, empty database is migrated without
// one.
//
// After a migration that changes the rules of the stored contract dates
// (recomputeDatesAfter) it recomputes them in Go; RecomputedDates says
// how many changed.
func (st *Store) Migrate(ctx context.Context) ([]int64, error) {
	if err := st.CheckSchema(ctx, true); err != nil {
		return nil, err
	}
	p, err := st.provider()
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	db, bin, err := st.SchemaVersion(ctx)
	if err != nil {
		return nil, err
	}
	st.preMigration = nil
	// On PostgreSQL the way back is the operator's pg_dump (Backup).
	if db > 0 && db < bin && !st.pg {
		name := fmt.Sprintf("%s.pre-%04d-%s.bak", st.path, bin, st.now().UTC().Format("20060102T150405Z"))
		info, err := st.Backup(ctx, name)
		if err != nil {
			return nil, fmt.Errorf("store: backup before migrating schema %d to %d, nothing migrated: %w", db, bin, err)
		}
		st.preMigration = &info
	}
	res, err := p.Up(ctx)
	if err != nil {
		if st.preMigration != nil {
			return nil, fmt.Errorf("store: migrate: %w (the database as it was before, schema %d, is saved as %s)", err, db, st.preMigration.Path)
		}
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	applied := make([]int64, len(res))
	st.recomputed = nil
	for i, r := range res {
		applied[i] = r.Source.Version
		if reason, ok := recomputeDatesAfter[r.Source.Version]; ok {
			st.recomputed = &DatesRecompute{Version: r.Source.Version, Reason: reason}
		}
	}
	if st.recomputed != nil && db > 0 {
		// A new database has no contracts to recompute.
		read, changed, err := st.recomputeContractDates(ctx)
		if err != nil {
			return applied, err
		}
		st.recomputed.Contracts, st.recomputed.Changed = read, changed
	} else {
		st.recomputed = nil
	}
	return applied, nil
}

// PreMigrationBackup returns the backup the last Migrate took before it
// changed the schema, and false when it took none (nothing pending, or a
// new database).
func (st *Store) PreMigrationBackup() (BackupInfo, bool) {
	if st.preMigration == nil {
		return BackupInfo{}, false
	}
	return *st.preMigration, true
}

// CheckSchema returns ErrSchemaAhead when the database is newer than the
// binary and, unless pendingOK, ErrSchemaBehind when migrations are pending.
func (st *Store) CheckSchema(ctx context.Context, pendingOK bool) error {
	db, bin, err := st.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	switch {
	case db > bin:
		return fmt.Errorf("store: schema version %d, binary knows %d: %w", db, bin, ErrSchemaAhead)
	case db < bin && !pendingOK:
		return fmt.Errorf("store: schema version %d, binary knows %d: %w", db, bin, ErrSchemaBehind)
	}
	return nil
}

// SchemaDump returns the schema as sorted SQL statements, one per
// paragraph, for the golden test. Goose's own table is left out.
func (st *Store) SchemaDump(ctx context.Context) (string, error) {
	rows, err := st.read().QueryContext(ctx, `
		SELECT type, name, sql FROM sqlite_master
		WHERE sql IS NOT NULL AND name NOT LIKE 'goose_%' AND name NOT LIKE 'sqlite_%'
		ORDER BY type, name`)
	if err != nil {
		return "", fmt.Errorf("store: schema dump: %w", err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var typ, name, sql string
		if err := rows.Scan(&typ, &name, &sql); err != nil {
			return "", fmt.Errorf("store: schema dump: %w", err)
		}
		fmt.Fprintf(&b, "-- %s %s\n%s;\n\n", typ, name, normalizeSQL(sql))
	}
	return b.String(), rows.Err()
}

// normalizeSQL trims trailing spaces and blank lines, so the dump does not
// depend on how a migration was indented at its end.
func normalizeSQL(sql string) string {
	lines := strings.Split(strings.TrimSpace(sql), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Join(lines, "\n")
}
