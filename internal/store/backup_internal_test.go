package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/demo"
)

// openAtPrevious opens a new database at path migrated to the version
// before the newest, as an older binary left it.
func openAtPrevious(t *testing.T, path string, now func() time.Time) (*Store, int64) {
	t.Helper()
	ctx := context.Background()
	st, err := Open(path, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	_, bin, err := st.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.provider()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, previousVersion(p)); err != nil {
		t.Fatal(err)
	}
	if err := st.SetSetting(ctx, "older", "binary"); err != nil {
		t.Fatal(err)
	}
	return st, bin
}

// previousVersion is the version of the migration before the newest; the
// numbers may skip one reserved for a change not merged yet.
func previousVersion(p *goose.Provider) int64 {
	srcs := p.ListSources()
	return srcs[len(srcs)-2].Version
}

func previousOf(t *testing.T, st *Store) int64 {
	t.Helper()
	p, err := st.provider()
	if err != nil {
		t.Fatal(err)
	}
	return previousVersion(p)
}

// TestMigrateBacksUpFirst: migrating a database that has a schema saves a
// copy of it beside the database first, which holds the old schema and
// data; a new database and a current one get none.
func TestMigrateBacksUpFirst(t *testing.T) {
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC) }
	path := filepath.Join(t.TempDir(), "old.db")
	st, bin := openAtPrevious(t, path, now)

	applied, err := st.Migrate(ctx)
	if err != nil || len(applied) != 1 {
		t.Fatalf("Migrate = %v, %v; want the newest migration applied", applied, err)
	}
	b, ok := st.PreMigrationBackup()
	want := fmt.Sprintf("%s.pre-%04d-20261122T093000Z.bak", path, bin)
	if !ok || b.Path != want || b.Size == 0 {
		t.Fatalf("PreMigrationBackup = %+v, %v; want %s", b, ok, want)
	}
	old, err := Open(b.Path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if v, _, err := old.SchemaVersion(ctx); err != nil || v != previousOf(t, old) {
		t.Errorf("backup's schema version = %d, %v; want %d", v, err, previousOf(t, old))
	}
	if v, err := old.Setting(ctx, "older"); err != nil || v != "binary" {
		t.Errorf("backup's setting = %q, %v; want the data from before", v, err)
	}

	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if b, ok := st.PreMigrationBackup(); ok {
		t.Errorf("Migrate of a current database took a backup: %+v", b)
	}
	fresh, err := Open(filepath.Join(t.TempDir(), "new.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if _, err := fresh.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if b, ok := fresh.PreMigrationBackup(); ok {
		t.Errorf("Migrate of a new database took a backup: %+v", b)
	}
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(fresh.Path()), "*.bak"))
	if len(matches) != 0 {
		t.Errorf("backups beside a new database: %v", matches)
	}
}

// TestMigrateWithoutBackupChangesNothing: when the backup cannot be
// written, the schema is not touched.
func TestMigrateWithoutBackupChangesNothing(t *testing.T) {
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC) }
	path := filepath.Join(t.TempDir(), "old.db")
	st, bin := openAtPrevious(t, path, now)
	taken := fmt.Sprintf("%s.pre-%04d-20261122T093000Z.bak", path, bin)
	if err := os.WriteFile(taken, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Migrate(ctx); !errors.Is(err, ErrBackupExists) {
		t.Errorf("Migrate with the backup's name taken: err = %v, want ErrBackupExists", err)
	}
	if v, _, err := st.SchemaVersion(ctx); err != nil || v != previousOf(t, st) {
		t.Errorf("schema version after the refused migration = %d, %v; want %d", v, err, previousOf(t, st))
	}
}

// backupViaWriter is Backup with VACUUM INTO on the writer
// connection, which STYLE §7 names, for the benchmark that compares it
// with the reader Backup uses.
func (st *Store) backupViaWriter(ctx context.Context, path string) (BackupInfo, error) {
	return st.backup(ctx, path, st.writer)
}

// BenchmarkBackupNational backs up the national demo data set, and
// measures the latency of a small load (an audited write and a read of
// one organization in a loop, from two goroutines each) without a backup
// and while one runs, with VACUUM INTO on a reader connection (what Backup
// does) and on the writer connection. Each iteration is one backup, or,
// for "idle", idleWindow without one. Reported: the whole backup's time
// (ns/op) and the copy's alone (copy-s), the file's size, and
// p50/p99/max of the loads.
//
//	go test -run '^$' -bench BackupNational -benchtime 3x ./internal/store/
func BenchmarkBackupNational(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	st, err := Open(filepath.Join(dir, "national.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if _, err := demo.Generate(ctx, st.Register(), demo.Options{Scale: demo.ScaleNational, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	b.Logf("national demo generated in %v", time.Since(start).Round(time.Millisecond))

	n := 0
	backup := func(via func(context.Context, string) (BackupInfo, error)) func() (BackupInfo, error) {
		return func() (BackupInfo, error) {
			n++
			target := filepath.Join(dir, fmt.Sprintf("backup-%d.db", n))
			defer os.Remove(target)
			return via(ctx, target)
		}
	}
	orgs, err := st.Organizations(ctx, contracts.OrganizationFilter{PageSize: 100})
	if err != nil || len(orgs.Items) == 0 {
		b.Fatalf("organizations: %d, %v", len(orgs.Items), err)
	}
	var codes []string
	for _, o := range orgs.Items {
		codes = append(codes, o.Code)
	}
	cases := []struct {
		name string
		run  func() (BackupInfo, error) // nil: no backup, a window of idleWindow
	}{
		{"idle", nil},
		{"reader", backup(st.Backup)},
		{"writer", backup(st.backupViaWriter)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var (
				writes, reads []time.Duration
				size          int64
				copies        time.Duration
			)
			for b.Loop() {
				stop := make(chan struct{})
				load := startLoad(ctx, st, codes, stop)
				if c.run != nil {
					info, err := c.run()
					if err != nil {
						close(stop)
						b.Fatal(err)
					}
					size, copies = info.Size, copies+info.Copy
				} else {
					time.Sleep(idleWindow)
				}
				close(stop)
				w, r, err := load()
				if err != nil {
					b.Fatal(err)
				}
				writes, reads = append(writes, w...), append(reads, r...)
			}
			if size > 0 {
				b.ReportMetric(float64(size)/(1<<20), "MB")
				b.ReportMetric(copies.Seconds()/float64(b.N), "copy-s")
			}
			reportLatency(b, "write", writes)
			reportLatency(b, "read", reads)
		})
	}
}

// idleWindow is how long the load runs in an iteration without a backup.
const idleWindow = 3 * time.Second

// startLoad runs two writers (an audited setting change each) and two
// readers (one organization by code) until stop closes; the function it
// returns waits for them and returns their latencies.
func startLoad(ctx context.Context, st *Store, codes []string, stop <-chan struct{}) func() (writes, reads []time.Duration, err error) {
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		ws, rs []time.Duration
		errs   []error
	)
	loop := func(op func(i int) error, into *[]time.Duration) {
		defer wg.Done()
		var local []time.Duration
		for i := 0; ; i++ {
			select {
			case <-stop:
				mu.Lock()
				*into = append(*into, local...)
				mu.Unlock()
				return
			default:
			}
			t0 := time.Now()
			if err := op(i); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
				return
			}
			local = append(local, time.Since(t0))
		}
	}
	for w := range 2 {
		wg.Add(2)
		go loop(func(i int) error { return st.SetSetting(ctx, fmt.Sprintf("bench.%d", w), fmt.Sprint(i)) }, &ws)
		go loop(func(i int) error {
			_, err := st.Organization(ctx, codes[i%len(codes)])
			return err
		}, &rs)
	}
	return func() ([]time.Duration, []time.Duration, error) {
		wg.Wait()
		return ws, rs, errors.Join(errs...)
	}
}

// reportLatency reports p50, p99 and the maximum of ds in milliseconds.
func reportLatency(b *testing.B, name string, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	at := func(q float64) float64 {
		return float64(ds[min(len(ds)-1, int(q*float64(len(ds))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(at(0.50), name+"-p50-ms")
	b.ReportMetric(at(0.99), name+"-p99-ms")
	b.ReportMetric(float64(ds[len(ds)-1])/float64(time.Millisecond), name+"-max-ms")
	b.ReportMetric(float64(len(ds)), name+"s")
}
