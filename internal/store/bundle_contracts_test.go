package store_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// wholeContracts is the procurement store with only the methods of
// procurement.Store: the bundler then reads every contract whole
// (CategoryContracts) and computes every one's dates, as it did before it
// read them in two steps.
type wholeContracts struct{ procurement.Store }

// TestBundleContractsSuggestAsWholeContracts: the bundler reading a
// category's contracts in two steps (BundleContracts, then
// CategoryContractsByID for the contracts its suggestions show) suggests
// exactly what it suggests from the whole contracts, every field, order and
// rank, for every category, window and grouping (issue 15). The dates
// stored with a contract count only when they are stored for the
// bundler's own day: the others are computed from the terms, also when
// what is stored is wrong for every day.
func TestBundleContractsSuggestAsWholeContracts(t *testing.T) {
	ctx := context.Background()
	day := func(y int, m time.Month, d int) func() time.Time {
		return func() time.Time { return time.Date(y, m, d, 10, 0, 0, 0, contracts.Amsterdam) }
	}
	tests := []struct {
		name string
		// stale runs on the store before the bundler reads it.
		stale []string
		now   func() time.Time
	}{
		{name: "every row stored for the bundler's day: the stored dates", now: func() time.Time { return listNow }},
		{name: "every row stored for a day before the bundler's: every date computed", now: day(2027, 3, 15)},
		{name: "rows stored for other days with dates wrong for any day: those computed", now: func() time.Time { return listNow },
			stale: []string{
				`UPDATE contracts SET dates_as_of = '2020-01-01', committed_end = '2020-06-30', final_end = '2020-06-30' WHERE id % 3 = 0`,
				`UPDATE contracts SET dates_as_of = '2030-01-01', committed_end = '2040-12-31', final_end = '' WHERE id % 3 = 1`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, _ := smallRegister(t)
			for _, q := range tt.stale {
				if err := st.ExecForTest(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			ps := st.Procurement()
			if _, ok := ps.(interface {
				BundleContracts(context.Context, int64, contracts.Date) ([]procurement.BundleContract, error)
				CategoryContractsByID(context.Context, []int64) ([]contracts.ContractSummary, error)
			}); !ok {
				t.Fatal("the procurement store does not read contracts in two steps")
			}
			suggestions := 0
			for _, window := range []int{6, 18, 36} {
				for _, g := range procurement.Groupings() {
					q := procurement.BundleQuery{WindowMonths: window, Grouping: g}
					name := fmt.Sprintf("window %d, grouping %q", window, g)
					want := bundlesOf(t, wholeContracts{ps}, tt.now, q)
					got := bundlesOf(t, ps, tt.now, q)
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s: read in two steps, %d suggestions differ from the %d of whole contracts", name, len(got), len(want))
						diffSuggestions(t, got, want)
					}
					suggestions += len(want)
				}
			}
			if suggestions < 9 {
				t.Errorf("%d suggestions over every window and grouping, want some for each to compare", suggestions)
			}
		})
	}
}

// bundlesOf returns every category's suggestions for q from a fresh
// service over ps on the clock now.
func bundlesOf(t *testing.T, ps procurement.Store, now func() time.Time, q procurement.BundleQuery) []procurement.Suggestion {
	t.Helper()
	list, err := procurement.NewService(ps, procurement.Options{Now: now}).Bundles(context.Background(), contracts.Everyone(), q)
	if err != nil {
		t.Fatalf("Bundles(%+v) error = %v", q, err)
	}
	return list
}

// diffSuggestions names the first suggestion that differs, and in it the
// first participant that does.
func diffSuggestions(t *testing.T, got, want []procurement.Suggestion) {
	t.Helper()
	for i := range min(len(got), len(want)) {
		g, w := got[i], want[i]
		if reflect.DeepEqual(g, w) {
			continue
		}
		t.Errorf("  rank %d: got %s, want %s", i+1, g.Key, w.Key)
		for j := range min(len(g.Participants), len(w.Participants)) {
			if !reflect.DeepEqual(g.Participants[j], w.Participants[j]) {
				t.Errorf("  participant %d:\n   got %+v\n  want %+v", j, g.Participants[j], w.Participants[j])
				return
			}
		}
		return
	}
}
