package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/samenkoop/samenkoop/internal/store"
)

func (a *app) migrateStoreCmd() *cobra.Command {
	var from, to string
	cmd := &cobra.Command{
		Use:   "migrate-store --from sqlite:FILE --to postgres:URL",
		Short: "Copy every table of one database into a new, empty one (SQLite to PostgreSQL)",
		Long: `Copy everything in a SQLite database into a new, empty database: a
PostgreSQL database that several servers share (--to postgres:URL), or
another SQLite file (--to sqlite:FILE). Every table is copied row for row
with its ids, in one transaction on the target, so the copy lands whole or
not at all; the audit log is copied entry for entry and its chain verified
on the target afterwards (with the configured audit.keyFile, if any).

The source must be at this binary's schema version (samenkoop migrate) and
should not be written while it is copied: stop the server first. The target
is migrated here when it is new, and refused when it holds any data, such
as the reference data samenkoop migrate or serve load: give a new database.

Prints the rows copied per table and the audit entries verified.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			src, err := parseStoreTarget("--from", from)
			if err != nil {
				return usageError(err)
			}
			dst, err := parseStoreTarget("--to", to)
			if err != nil {
				return usageError(err)
			}
			if src.driver != "sqlite" {
				return usageError(errors.New("--from: the source is a SQLite file, sqlite:FILE"))
			}
			if _, err := os.Stat(src.target); errors.Is(err, fs.ErrNotExist) {
				return usageError(fmt.Errorf("--from: no database at %s", src.target))
			}
			if dst.driver == "sqlite" && dst.target == src.target {
				return usageError(errors.New("--from and --to name the same file"))
			}
			// Both databases are named here, whatever db.driver says; the
			// audit key is the configured one.
			key, err := auditKey(cfg)
			if err != nil {
				return err
			}
			opts := store.Options{BusyTimeout: cfg.DB.BusyTimeout, AuditKey: key}
			ctx := cliContext(cmd.Context())
			source, err := store.Open(src.target, opts)
			if err != nil {
				return err
			}
			defer source.Close()
			if err := source.CheckSchema(ctx, false); err != nil {
				return fmt.Errorf("source %s: %w", src, err)
			}
			into, err := openStoreTarget(dst, opts)
			if err != nil {
				return err
			}
			defer into.Close()
			if err := migrateNewTarget(ctx, into, dst); err != nil {
				return err
			}
			rep, err := store.CopyAll(ctx, source, into)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "copied %s to %s (schema version %d)\n", src, dst, rep.SchemaVersion)
			var total int64
			width := len("total")
			for _, t := range rep.Tables {
				width = max(width, len(t.Name))
				total += t.Rows
			}
			for _, t := range rep.Tables {
				fmt.Fprintf(w, "  %-*s %10d\n", width, t.Name, t.Rows)
			}
			fmt.Fprintf(w, "  %-*s %10d rows in %d tables\n", width, "total", total, len(rep.Tables))
			r, err := into.VerifyAudit(ctx)
			if err != nil {
				return err
			}
			if !r.Intact {
				return fmt.Errorf("audit: the copied log does not verify on the target: first broken entry #%d after %d intact", r.BrokenAt, r.Checked)
			}
			fmt.Fprintf(w, "audit: %d entries verified\n", r.Checked)
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "source database: sqlite:FILE")
	cmd.Flags().StringVar(&to, "to", "", "target database: postgres:URL or sqlite:FILE")
	return cmd
}

// storeTarget is a database named on the command line: a driver and
// what it opens (a file, a connection URL).
type storeTarget struct {
	driver string // "sqlite" or "postgres"
	target string
}

// String names the database with any password elided.
func (t storeTarget) String() string {
	if t.driver == "postgres" {
		if u, err := url.Parse(t.target); err == nil {
			return "postgres:" + u.Redacted()
		}
		return "postgres:(a connection string)"
	}
	return t.driver + ":" + t.target
}

// parseStoreTarget reads sqlite:FILE, postgres:URL or a bare
// postgres://… URL.
func parseStoreTarget(flag, s string) (storeTarget, error) {
	if s == "" {
		return storeTarget{}, fmt.Errorf("%s is required: sqlite:FILE or postgres:URL", flag)
	}
	if strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://") {
		return storeTarget{driver: "postgres", target: s}, nil
	}
	kind, rest, ok := strings.Cut(s, ":")
	switch {
	case !ok || rest == "":
		return storeTarget{}, fmt.Errorf("%s %q: want sqlite:FILE or postgres:URL", flag, s)
	case kind == "sqlite" || kind == "sqlite3":
		return storeTarget{driver: "sqlite", target: rest}, nil
	case kind == "postgres" || kind == "postgresql":
		return storeTarget{driver: "postgres", target: rest}, nil
	}
	return storeTarget{}, fmt.Errorf("%s %q: unknown database kind %q, want sqlite or postgres", flag, s, kind)
}

// openStoreTarget opens the target database.
func openStoreTarget(t storeTarget, opts store.Options) (*store.Store, error) {
	return store.OpenTarget(t.driver, t.target, opts)
}

// migrateNewTarget migrates a new target to this binary's schema, and
// refuses one that has a schema at another version: migrate-store does
// not upgrade a database that may hold data.
func migrateNewTarget(ctx context.Context, st *store.Store, t storeTarget) error {
	db, bin, err := st.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	switch {
	case db == bin:
		return nil
	case db != 0:
		return fmt.Errorf("target %s is at schema version %d, this binary's is %d: give a new, empty database", t, db, bin)
	}
	_, err = st.Migrate(ctx)
	return err
}
