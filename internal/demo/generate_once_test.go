package demo

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// generateOnce returns a fresh copy of the set generateProcurement makes
// for opts and run as of fixedNow: the set is generated once per test
// process (storetest.Template) and each test gets its own copy, for the
// tests that only read one set. A test that compares two generations
// (same seed, same data) must call generate or generateProcurement
// twice instead: two copies of one set are equal whatever the generator
// does.
func generateOnce(t *testing.T, opts Options, run []stage) (*store.Store, Summary) {
	t.Helper()
	if len(opts.Organizations) > 0 || opts.Now != nil {
		t.Fatal("generateOnce keys a set by scale, seed and stages only: generate one with an organization list or a clock of its own")
	}
	names := make([]string, len(run))
	for i, s := range run {
		names[i] = s.name
	}
	key := fmt.Sprintf("demo set %s, seed %d, stages %s, as of %s",
		opts.Scale, opts.Seed, strings.Join(names, " "), fixedNow().Format(time.RFC3339))
	return storetest.Template(t, key, func(ctx context.Context, st *store.Store) (Summary, error) {
		opts.Now = fixedNow
		return generateStages(ctx, st.Register(), opts, run)
	})
}
