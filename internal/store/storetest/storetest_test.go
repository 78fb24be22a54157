package storetest_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// TestNewIsMigratedAndIsolated: every store New returns is at the newest
// schema, in the test's own directory, and a write to one is not in the
// next.
func TestNewIsMigratedAndIsolated(t *testing.T) {
	ctx := context.Background()
	first := storetest.New(t)
	if err := first.CheckSchema(ctx, false); err != nil {
		t.Fatalf("CheckSchema of a new store: %v", err)
	}
	if applied, err := first.Migrate(ctx); err != nil || len(applied) != 0 {
		t.Errorf("Migrate of a new store applied %v, %v; want nothing", applied, err)
	}
	if err := first.SetSetting(ctx, "storetest", "first"); err != nil {
		t.Fatal(err)
	}
	second := storetest.New(t)
	// On PostgreSQL each store is a database of its own, with no file.
	if storetest.PostgresURL() == "" && filepath.Dir(first.Path()) == filepath.Dir(second.Path()) {
		t.Errorf("two stores share the directory %s", filepath.Dir(first.Path()))
	}
	if v, err := second.Setting(ctx, "storetest"); !errors.Is(err, apperr.NotFound) {
		t.Errorf("a new store holds the setting another test wrote: %q, %v", v, err)
	}
}

// TestTemplateSeedsOncePerKey: the seed runs once per key; every copy
// holds what it wrote and the value it returned, and a copy's writes stay
// in that copy.
func TestTemplateSeedsOncePerKey(t *testing.T) {
	ctx := context.Background()
	var runs atomic.Int32
	seed := func(ctx context.Context, st *store.Store) (string, error) {
		runs.Add(1)
		return "geseed", st.SetSetting(ctx, "seeded", "ja")
	}
	key := t.Name()
	var stores []*store.Store
	for range 3 {
		st, v := storetest.Template(t, key, seed)
		if v != "geseed" {
			t.Errorf("Template value = %q, want the seed's", v)
		}
		if got, err := st.Setting(ctx, "seeded"); err != nil || got != "ja" {
			t.Errorf("a copy of the template: setting = %q, %v; want what the seed wrote", got, err)
		}
		stores = append(stores, st)
	}
	if n := runs.Load(); n != 1 {
		t.Errorf("the seed ran %d times, want once", n)
	}
	if err := stores[0].SetSetting(ctx, "seeded", "gewijzigd"); err != nil {
		t.Fatal(err)
	}
	if got, _ := stores[1].Setting(ctx, "seeded"); got != "ja" {
		t.Errorf("another copy sees a copy's write: %q", got)
	}
	if st, _ := storetest.Template(t, key, seed); st != nil {
		if got, _ := st.Setting(ctx, "seeded"); got != "ja" {
			t.Errorf("a later copy sees an earlier copy's write: %q", got)
		}
	}
}
