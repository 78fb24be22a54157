package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/samenkoop/samenkoop/internal/store"
)

func (a *app) backupCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "backup -o FILE",
		Short: "Write a consistent copy of the database to FILE, also while the server runs",
		Long: `Write a consistent copy of the database to FILE while the server keeps
serving and writing: every change committed before the backup started is in
the copy. The copy (SQLite's VACUUM INTO) is written under a temporary name
beside FILE, checked with PRAGMA integrity_check and then given its name; an
existing FILE is never replaced. The file is readable by its owner only: it
holds password and token hashes.

Prints the file, its size, and the audit log's entry count and head hash in
the copy. Keep that line: "samenkoop audit verify --head HASH --entries N"
later shows whether entries up to it were removed from the live log.

To restore: stop the server, copy the backup over the database file, remove
any -wal and -shm files beside it, and start the server (README, Backup and
restore).

On PostgreSQL (db.driver postgres) it backs up nothing: it prints the
pg_dump and pg_restore commands for the configured database, password
left out, and exits with status 1.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			if cfg.DB.Driver == "postgres" {
				return postgresBackup(cmd, cfg.DB.URL)
			}
			if out == "" {
				return usageError(errors.New("give the backup file with -o FILE"))
			}
			// Opening would create an empty database where none is.
			if _, err := os.Stat(cfg.DB.Path); errors.Is(err, fs.ErrNotExist) {
				return usageError(fmt.Errorf("no database at %s", cfg.DB.Path))
			}
			// The copy is taken whatever the schema version, so that a
			// database a newer or older binary wrote can be saved too.
			st, err := store.Open(cfg.DB.Path, store.Options{BusyTimeout: cfg.DB.BusyTimeout})
			if err != nil {
				return err
			}
			defer st.Close()
			info, err := st.Backup(cmd.Context(), out)
			if err != nil {
				return err
			}
			printBackup(cmd, info)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "backup file to create")
	return cmd
}

// printBackup prints what a backup wrote, and the audit head it anchors.
func printBackup(cmd *cobra.Command, info store.BackupInfo) {
	w := cmd.OutOrStdout()
	fmt.Fprintf(w, "backup written: %s\n", info.Path)
	fmt.Fprintf(w, "size: %s (%d bytes), took %s (copy %s); integrity_check ok\n", humanBytes(info.Size), info.Size, info.Took.Round(time.Millisecond), info.Copy.Round(time.Millisecond))
	if info.AuditEntries == 0 {
		fmt.Fprintln(w, "audit log: no entries")
		return
	}
	fmt.Fprintf(w, "audit log: %d entries, head %s\n", info.AuditEntries, info.AuditHead)
	fmt.Fprintf(w, "check later that none was removed: samenkoop audit verify --head %s --entries %d\n", info.AuditHead, info.AuditEntries)
}

// humanBytes writes n in KB, MB or GB (powers of 1024), one decimal.
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 2; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "KMG"[exp])
}

// errNoPostgresBackup is the failure of a backup on PostgreSQL.
var errNoPostgresBackup = errors.New("no backup written: samenkoop backup copies SQLite databases only; back up PostgreSQL with pg_dump as shown")

// postgresBackup says that samenkoop backup does not back up a
// PostgreSQL database, and prints the commands that do: PostgreSQL's own
// pg_dump (a consistent snapshot while the servers write) and
// pg_restore. The password is left out of the printed address.
func postgresBackup(cmd *cobra.Command, dbURL string) error {
	target := "'" + withoutPassword(dbURL) + "'"
	w := cmd.OutOrStdout()
	fmt.Fprintln(w, "samenkoop backup does not back up a PostgreSQL database (db.driver postgres). Use PostgreSQL's own tools:")
	fmt.Fprintf(w, "  back up:  pg_dump --format=custom --file=samenkoop-$(date -u +%%Y%%m%%dT%%H%%M%%SZ).dump %s\n", target)
	fmt.Fprintf(w, "  restore:  pg_restore --clean --if-exists --no-owner --single-transaction --dbname=%s FILE.dump\n", target)
	fmt.Fprintln(w, "The password is left out: give it in PGPASSWORD or ~/.pgpass. pg_dump reads one consistent snapshot while the servers")
	fmt.Fprintln(w, "keep writing; stop them before pg_restore. Afterwards, samenkoop audit verify checks the restored audit log.")
	return errNoPostgresBackup
}

// withoutPassword returns a connection URL without its password; a
// string that is no URL (a key=value connection string) is replaced by a
// placeholder rather than printed.
func withoutPassword(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return "postgres://USER@HOST/DATABASE"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String()
}
