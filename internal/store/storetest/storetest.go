// Package storetest opens fresh, migrated stores for tests.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/samenkoop/samenkoop/internal/store"
)

// New returns a store over a new SQLite file in t.TempDir(), migrated to
// the newest schema and closed when the test ends.
func New(tb testing.TB) *store.Store {
	tb.Helper()
	st, err := store.Open(filepath.Join(tb.TempDir(), "test.db"), store.Options{})
	if err != nil {
		tb.Fatalf("storetest: open: %v", err)
	}
	tb.Cleanup(func() {
		if err := st.Close(); err != nil {
			tb.Errorf("storetest: close: %v", err)
		}
	})
	if _, err := st.Migrate(context.Background()); err != nil {
		tb.Fatalf("storetest: migrate: %v", err)
	}
	return st
}
