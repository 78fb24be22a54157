package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// ack is one write and when the store acknowledged it.
type ack struct {
	key string
	at  time.Time
}

// TestBackupUnderConcurrentWrites: writers keep changing the database
// through the store's write path while a backup runs; every write
// acknowledged before the backup started is in the copy, the copy passes
// integrity_check, and it restores into a store that opens, is current and
// whose audit chain verifies, with the head the backup reported.
func TestBackupUnderConcurrentWrites(t *testing.T) {
	storetest.SkipOnPostgres(t, "VACUUM INTO a file; PostgreSQL backs up with pg_dump")
	ctx := context.Background()
	st := storetest.New(t)
	const writers = 4
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		acks  []ack
		stop  = make(chan struct{})
		errCh = make(chan error, writers)
	)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				key := fmt.Sprintf("backup-test.%d.%d", w, i)
				if err := st.SetSetting(ctx, key, "v"); err != nil {
					errCh <- err
					return
				}
				at := time.Now()
				mu.Lock()
				acks = append(acks, ack{key, at})
				mu.Unlock()
			}
		}()
	}
	// Let the writers get going, back up while they write, and let them
	// write on for a while after.
	time.Sleep(150 * time.Millisecond)
	target := filepath.Join(t.TempDir(), "copy.db")
	started := time.Now()
	info, err := st.Backup(ctx, target)
	time.Sleep(100 * time.Millisecond)
	close(stop)
	wg.Wait()
	close(errCh)
	for err := range errCh {
		t.Fatalf("write during the backup: %v", err)
	}
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}

	var before, after int
	for _, a := range acks {
		if a.at.Before(started) {
			before++
		} else {
			after++
		}
	}
	if before == 0 || after == 0 {
		t.Fatalf("%d writes acknowledged before the backup, %d after; want both, or the test shows nothing", before, after)
	}

	// Restore: copy the file over a new database path, as the README says.
	restored := filepath.Join(t.TempDir(), "restored.db")
	copyFile(t, target, restored)
	rs, err := store.Open(restored, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	if err := rs.CheckSchema(ctx, false); err != nil {
		t.Fatalf("restored copy: %v", err)
	}
	if got := integrityCheck(t, restored); got != "ok" {
		t.Errorf("integrity_check of the restored copy = %q, want ok", got)
	}
	missing := 0
	for _, a := range acks {
		if !a.at.Before(started) {
			continue
		}
		if _, err := rs.Setting(ctx, a.key); err != nil {
			missing++
			if missing <= 5 {
				t.Errorf("write %s acknowledged %v before the backup started is not in the copy: %v", a.key, started.Sub(a.at), err)
			}
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d writes acknowledged before the backup are missing from the copy", missing, before)
	}
	r, err := rs.VerifyAudit(ctx)
	if err != nil || !r.Intact {
		t.Fatalf("VerifyAudit of the restored copy = %v, %v", r, err)
	}
	if int64(r.Checked) != info.AuditEntries || r.Head != info.AuditHead {
		t.Errorf("restored copy has %d audit entries, head %s; the backup reported %d, %s", r.Checked, r.Head, info.AuditEntries, info.AuditHead)
	}
	if info.Size <= 0 || info.Path != target {
		t.Errorf("BackupInfo = %+v, want the target path and its size", info)
	}
	t.Logf("backup took %v; %d writes before it, %d during and after", info.Took, before, after)
}

// TestBackupRefusesAnExistingFile: a backup never replaces a file, and a
// refused or failed backup leaves nothing behind in the directory.
func TestBackupRefusesAnExistingFile(t *testing.T) {
	storetest.SkipOnPostgres(t, "VACUUM INTO a file; PostgreSQL backs up with pg_dump")
	ctx := context.Background()
	st := storetest.New(t)
	dir := t.TempDir()
	target := filepath.Join(dir, "exists.db")
	if err := os.WriteFile(target, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Backup(ctx, target); !errors.Is(err, store.ErrBackupExists) {
		t.Errorf("Backup over an existing file: err = %v, want ErrBackupExists", err)
	}
	if got, _ := os.ReadFile(target); string(got) != "keep me" {
		t.Errorf("existing file now holds %q", got)
	}
	if _, err := st.Backup(ctx, filepath.Join(dir, "no-such-dir", "x.db")); err == nil {
		t.Error("Backup into a missing directory: err = nil")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v after refused backups, want only exists.db", names)
	}
	if _, err := st.Backup(ctx, filepath.Join(dir, "new.db")); err != nil {
		t.Errorf("Backup to a new file: %v", err)
	}
	fi, err := os.Stat(filepath.Join(dir, "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("backup file mode %v, want readable by the owner only", perm)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// integrityCheck runs PRAGMA integrity_check on the database at path.
func integrityCheck(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`PRAGMA integrity_check`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "; ")
}

// TestBackupOnPostgresNamesPgDump: on PostgreSQL Backup makes no file and
// says to use pg_dump.
func TestBackupOnPostgresNamesPgDump(t *testing.T) {
	if storetest.PostgresURL() == "" {
		t.Skipf("PostgreSQL only: set %s", storetest.PostgresEnv)
	}
	st := storetest.New(t)
	path := filepath.Join(t.TempDir(), "copy.db")
	_, err := st.Backup(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "pg_dump") {
		t.Fatalf("Backup on PostgreSQL: %v, want an error naming pg_dump", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Backup on PostgreSQL left %s: %v", path, err)
	}
}
