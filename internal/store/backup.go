package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ErrBackupExists means the backup's target file exists already; Backup
// never overwrites a file.
var ErrBackupExists = errors.New("backup target exists: choose a new file name")

// BackupInfo describes a backup Backup wrote.
type BackupInfo struct {
	// Path is the backup file.
	Path string
	// Size is its size in bytes.
	Size int64
	// Took is how long the whole backup took, and Copy the copy alone
	// (the rest is the check of the copy, which holds no lock).
	Took, Copy time.Duration
	// AuditEntries and AuditHead are the number of audit entries in the
	// copy and the hash of the last one (empty for none): the head of the
	// chain at the moment of the backup, which `audit verify --head`
	// checks the live log against later.
	AuditEntries int64
	AuditHead    string
}

// Backup writes a consistent copy of the database to path while the
// store keeps serving reads and writes (DESIGN §6, STYLE §7), and returns
// what it wrote. Every change committed before Backup was called is in
// the copy.
//
// The copy is SQLite's VACUUM INTO, which reads the database in one read
// transaction (a WAL snapshot) and writes a compact new file. It runs on a
// connection of the reader pool rather than on the writer: a read
// transaction needs no write lock, so writes go on while the copy is made,
// whereas on the single writer connection every write would wait for the
// whole copy (BenchmarkBackupNational measures both). The file is written
// under a temporary name in the target's directory, synced, opened
// read-only and checked (PRAGMA integrity_check, the audit chain's head),
// and only then linked to path; a failed backup leaves no file at path.
// An existing file at path is never replaced (ErrBackupExists).
//
// On PostgreSQL Backup makes no copy and says to use pg_dump: the
// database server's own tools back it up.
func (st *Store) Backup(ctx context.Context, path string) (BackupInfo, error) {
	if st.pg {
		return BackupInfo{}, errBackupPostgres
	}
	return st.backup(ctx, path, st.reader)
}

// backup is Backup with VACUUM INTO run on db: the reader pool, or, for
// the benchmark that compares them, the writer.
func (st *Store) backup(ctx context.Context, path string, db *sql.DB) (info BackupInfo, err error) {
	start := time.Now()
	if st.tx != nil {
		return info, fmt.Errorf("store: backup to %s: not possible inside a transaction", path)
	}
	if path == "" {
		return info, errors.New("store: backup: no target file")
	}
	switch _, err := os.Lstat(path); {
	case err == nil:
		return info, fmt.Errorf("store: backup to %s: %w", path, ErrBackupExists)
	case !errors.Is(err, fs.ErrNotExist):
		return info, fmt.Errorf("store: backup to %s: %w", path, err)
	}
	// An empty file reserves the temporary name (VACUUM INTO accepts an
	// empty target) with owner-only permissions: a backup holds password
	// and token hashes.
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return info, fmt.Errorf("store: backup to %s: %w", path, err)
	}
	tmpName := tmp.Name()
	if err := tmp.Close(); err != nil {
		return info, fmt.Errorf("store: backup to %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmpName)
		}
	}()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, tmpName); err != nil {
		return info, fmt.Errorf("store: backup to %s: %w", path, err)
	}
	copied := time.Since(start)
	if err := syncFile(tmpName); err != nil {
		return info, fmt.Errorf("store: backup to %s: %w", path, err)
	}
	if info, err = checkBackup(ctx, tmpName); err != nil {
		return info, fmt.Errorf("store: backup to %s: %w", path, err)
	}
	if err := placeFile(tmpName, path); err != nil {
		return info, fmt.Errorf("store: backup to %s: %w", path, err)
	}
	info.Path = path
	info.Took, info.Copy = time.Since(start), copied
	return info, nil
}

// checkBackup opens the copy at path read-only, runs PRAGMA
// integrity_check and reads the audit chain's head.
func checkBackup(ctx context.Context, path string) (BackupInfo, error) {
	var info BackupInfo
	fi, err := os.Stat(path)
	if err != nil {
		return info, err
	}
	info.Size = fi.Size()
	// immutable: nothing else has the temporary file open, so SQLite needs
	// no locks and leaves no -wal or -shm beside it.
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&immutable=1")
	if err != nil {
		return info, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	rows, err := db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return info, fmt.Errorf("check the copy: %w", err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return info, fmt.Errorf("check the copy: %w", err)
		}
		problems = append(problems, line)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return info, fmt.Errorf("check the copy: %w", err)
	}
	if len(problems) != 1 || problems[0] != "ok" {
		return info, fmt.Errorf("the copy fails PRAGMA integrity_check: %s", strings.Join(problems, "; "))
	}
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'`).Scan(&tables); err != nil {
		return info, fmt.Errorf("check the copy: %w", err)
	}
	if tables == 0 {
		return info, nil
	}
	err = db.QueryRowContext(ctx, `SELECT count(*), coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '') FROM audit_log`).
		Scan(&info.AuditEntries, &info.AuditHead)
	if err != nil {
		return info, fmt.Errorf("read the copy's audit head: %w", err)
	}
	return info, nil
}

// syncFile flushes the file at path to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// placeFile gives the finished file tmp its name path without replacing an
// existing file: a hard link fails when path exists, where a rename would
// overwrite it. On a file system without hard links it falls back to a
// rename after checking that path is free. The directory is synced so the
// name survives a crash.
func placeFile(tmp, path string) error {
	err := os.Link(tmp, path)
	switch {
	case err == nil:
		if err := os.Remove(tmp); err != nil {
			return err
		}
	case errors.Is(err, fs.ErrExist):
		return ErrBackupExists
	default:
		if _, serr := os.Lstat(path); serr == nil {
			return ErrBackupExists
		}
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
	}
	d, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	// Some systems cannot sync a directory; the file itself is synced.
	_ = d.Sync()
	return d.Close()
}
