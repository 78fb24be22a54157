package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// TestTwoServersKeepTheAuditChainLinear: two stores on one database (two
// servers sharing it) write audited changes at once, several writers
// each; every change lands, and the audit chain has one entry per change
// and verifies. On PostgreSQL the write lock (pg_advisory_xact_lock)
// serializes them; without it two appends would chain onto the same last
// entry and one would fail on the primary key.
func TestTwoServersKeepTheAuditChainLinear(t *testing.T) {
	ctx := context.Background()
	a, b := storetest.Shared(t)
	before, err := a.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const writers, each = 4, 15
	var wg sync.WaitGroup
	errs := make(chan error, 2*writers*each)
	for i, st := range [...]interface {
		SetSetting(context.Context, string, string) error
	}{a, b} {
		for w := range writers {
			wg.Go(func() {
				for n := range each {
					if err := st.SetSetting(ctx, fmt.Sprintf("shared.%d.%d.%d", i, w, n), "x"); err != nil {
						errs <- err
					}
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("a concurrent write failed: %v", err)
	}
	rep, err := b.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := before.Checked + 2*writers*each; !rep.Intact || rep.Checked != want {
		t.Errorf("audit chain after concurrent writes through two stores: intact %t, %d entries; want intact with %d", rep.Intact, rep.Checked, want)
	}
	for i := range 2 {
		if v, err := a.Setting(ctx, fmt.Sprintf("shared.%d.3.14", i)); err != nil || v != "x" {
			t.Errorf("the last write of store %d read through the other: %q, %v", i, v, err)
		}
	}
}

func TestOpenTargetByDriver(t *testing.T) {
	st, err := store.OpenTarget(store.DriverSQLite, filepath.Join(t.TempDir(), "x.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.Driver() != store.DriverSQLite {
		t.Errorf("Driver() = %q, want sqlite", st.Driver())
	}
	if _, err := store.OpenTarget("mysql", "x", store.Options{}); err == nil || !strings.Contains(err.Error(), `unknown driver "mysql"`) {
		t.Errorf("OpenTarget(mysql) = %v, want an unknown driver error", err)
	}
	// A server that does not answer: the error names the URL without its
	// password.
	_, err = store.OpenTarget(store.DriverPostgres, "postgres://app:s3cret@127.0.0.1:1/samenkoop?connect_timeout=2", store.Options{})
	if err == nil || strings.Contains(err.Error(), "s3cret") || !strings.Contains(err.Error(), "app:xxxxx@127.0.0.1:1") {
		t.Errorf("OpenTarget on a closed port = %v, want an error naming the URL with its password hidden", err)
	}
}
