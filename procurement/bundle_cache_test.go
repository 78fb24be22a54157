package procurement

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// TestBundleCacheComputesOncePerVersion: while the data version stays,
// every read (the list, a page, one suggestion, for any scope and
// category) reuses one computation; a new version, day or window
// computes again (issue 15: reads never recompute when the version is
// unchanged). Computing loads each of the fixture's two categories once.
func TestBundleCacheComputesOncePerVersion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := bundleFixture()
	st.frozen = true
	svc := bundleService(st)
	fresh, err := svc.bundles(ctx, BundleQuery{}, DefaultPolicyBands())
	if err != nil {
		t.Fatal(err)
	}
	st.loads.Store(0)
	reads := []func() error{
		func() error { _, err := svc.Bundles(ctx, contracts.Everyone(), BundleQuery{}); return err },
		func() error {
			_, err := svc.Bundles(ctx, contracts.Only("GM0002"), BundleQuery{CategoryID: 3})
			return err
		},
		func() error {
			_, err := svc.BundlePage(ctx, contracts.Everyone(), BundlePageQuery{Limit: 1})
			return err
		},
		func() error { _, err := svc.Bundle(ctx, contracts.Only("GM0004"), "c4-20270901-w18"); return err },
		func() error {
			_, err := svc.Bundles(ctx, contracts.Everyone(), BundleQuery{WindowMonths: 18})
			return err
		},
	}
	// Side by side first: readers of a new version wait for one
	// computation.
	var wg sync.WaitGroup
	errs := make([]error, len(reads))
	for i, read := range reads {
		wg.Go(func() { errs[i] = read() })
	}
	wg.Wait()
	for _, read := range reads {
		errs = append(errs, read())
	}
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if got := st.loads.Load(); got != 2 {
		t.Errorf("%d reads at one version loaded %d categories, want 2 (one computation)", 2*len(reads), got)
	}
	got, err := svc.Bundles(ctx, contracts.Everyone(), BundleQuery{})
	if err != nil || !reflect.DeepEqual(got, fresh) {
		t.Errorf("cached Bundles() = %v, %v; want what the bundler computes afresh", bundleKeys(got), err)
	}

	st.version++
	if _, err := svc.Bundles(ctx, contracts.Everyone(), BundleQuery{}); err != nil {
		t.Fatal(err)
	}
	if got := st.loads.Load(); got != 4 {
		t.Errorf("after a change: %d categories loaded in all, want 4 (computed again)", got)
	}
	if _, err := svc.Bundles(ctx, contracts.Everyone(), BundleQuery{WindowMonths: 6}); err != nil {
		t.Fatal(err)
	}
	if got := st.loads.Load(); got != 6 {
		t.Errorf("another window: %d categories loaded in all, want 6 (its own computation)", got)
	}
}

// TestBundleCacheNoticesAChange: a change to the data under a new
// version shows on the next read; the fixture's version moves on every
// read, as a store's does on every write.
func TestBundleCacheNoticesAChange(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := bundleFixture()
	svc := bundleService(st)
	before, err := svc.Bundles(ctx, contracts.Everyone(), BundleQuery{})
	if err != nil || len(before) != 2 {
		t.Fatalf("Bundles() = %v, %v; want two suggestions", bundleKeys(before), err)
	}
	st.contracts = slices.DeleteFunc(slices.Clone(st.contracts), func(c contracts.ContractSummary) bool { return c.CategoryID == 4 })
	after, err := svc.Bundles(ctx, contracts.Everyone(), BundleQuery{})
	if err != nil || len(after) != 1 || after[0].Key != "c3-20270601-w18" {
		t.Errorf("after the case-system contracts went: Bundles() = %v, %v; want the mobile suggestion alone", bundleKeys(after), err)
	}
}

// TestBundlePage pages through the suggestions one at a time, the same
// suggestions in the same order as Bundles, with the rank and the total;
// a scoped caller pages through its own, redacted; a cursor whose
// suggestion is gone continues at the rank after it; bad cursors and
// limits are refused by field.
func TestBundlePage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := bundleFixture()
	st.frozen = true
	svc := bundleService(st)
	all, err := svc.Bundles(ctx, contracts.Everyone(), BundleQuery{})
	if err != nil || len(all) != 2 {
		t.Fatalf("Bundles() = %v, %v", bundleKeys(all), err)
	}
	var keys []string
	q := BundlePageQuery{Limit: 1}
	for range 3 {
		page, err := svc.BundlePage(ctx, contracts.Everyone(), q)
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 2 || len(page.Items) != 1 || page.Items[0].Rank != len(keys)+1 {
			t.Fatalf("page after %q: total %d, %d items; want total 2, one item ranked %d", q.After, page.Total, len(page.Items), len(keys)+1)
		}
		keys = append(keys, page.Items[0].Key)
		if page.Next == "" {
			break
		}
		q.After = page.Next
	}
	if want := bundleKeys(all); !reflect.DeepEqual(keys, want) {
		t.Errorf("paged keys %v, want Bundles' %v", keys, want)
	}

	member, err := svc.BundlePage(ctx, contracts.Only("GM0002"), BundlePageQuery{})
	if err != nil || member.Total != 1 || member.Next != "" || len(member.Items) != 1 || !member.Items[0].Scoped ||
		len(member.Items[0].Participants) != 1 || member.Items[0].OtherParticipants == 0 {
		t.Errorf("member's page = %+v, %v; want its one suggestion, redacted to itself", member, err)
	}

	gone, err := svc.BundlePage(ctx, contracts.Everyone(), BundlePageQuery{Limit: 1, After: "1.c3-20200101-w18"})
	if err != nil || len(gone.Items) != 1 || gone.Items[0].Rank != 2 || gone.Items[0].Key != all[1].Key {
		t.Errorf("after a suggestion that is gone: %+v, %v; want rank 2, %s", gone, err, all[1].Key)
	}

	for _, tt := range []struct {
		q     BundlePageQuery
		field string
	}{
		{BundlePageQuery{After: "c3-20270601-w18"}, "after"},
		{BundlePageQuery{After: "1.C3"}, "after"},
		{BundlePageQuery{Limit: 101}, "limit"},
		{BundlePageQuery{Limit: -1}, "limit"},
		{BundlePageQuery{BundleQuery: BundleQuery{CategoryID: 99}}, "category"},
	} {
		_, err := svc.BundlePage(ctx, contracts.Everyone(), tt.q)
		if fe := apperr.Fields(err); len(fe) != 1 || fe[0].Field != tt.field {
			t.Errorf("BundlePage(%+v) error = %v, want a problem with %s", tt.q, err, tt.field)
		}
	}
}

// TestBundle finds one suggestion by key with its rank; a scoped caller
// finds only the suggestions it takes part in, redacted.
func TestBundle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc := bundleService(bundleFixture())
	got, err := svc.Bundle(ctx, contracts.Everyone(), "c4-20270901-w18")
	if err != nil || got.Rank != 2 || got.Key != "c4-20270901-w18" || got.Scoped {
		t.Errorf("Bundle(c4) = rank %d, %s, scoped %v, %v; want rank 2, unredacted", got.Rank, got.Key, got.Scoped, err)
	}
	own, err := svc.Bundle(ctx, contracts.Only("GM0003"), "c4-20270901-w18")
	if err != nil || own.Rank != 1 || !own.Scoped || len(own.Participants) != 1 || own.Participants[0].Organization != "GM0003" {
		t.Errorf("Bundle(c4) for GM0003 = %+v, %v; want rank 1 among its own, itself alone", own, err)
	}
	for _, tt := range []struct {
		scope contracts.Scope
		key   string
	}{
		{contracts.Only("GM0002"), "c4-20270901-w18"}, // GM0002 takes no part
		{contracts.Everyone(), "c4-20270902-w18"},
		{contracts.Everyone(), "c4-20270901-w61"},
		{contracts.Everyone(), "zaak"},
	} {
		if _, err := svc.Bundle(ctx, tt.scope, tt.key); !errors.Is(err, apperr.NotFound) {
			t.Errorf("Bundle(%v, %s) error = %v, want NotFound", tt.scope, tt.key, err)
		}
	}
}

func bundleKeys(list []Suggestion) []string {
	var out []string
	for _, s := range list {
		out = append(out, s.Key)
	}
	return out
}
