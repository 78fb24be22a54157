package procurement

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// changesStore is the bundler's in-memory store that places the changes
// between two versions as the test says (bundleChangeReader).
type changesStore struct {
	*bundleStore
	changes BundleChanges
	asked   int
	// regions counts the reads of the region names.
	regions int
}

func (st *changesStore) Regions(context.Context) ([]string, error) {
	st.regions++
	return []string{"Noord-Veluwe", "Súdwest-Fryslân"}, nil
}

func (st *changesStore) BundleChanges(context.Context, int64, int64) (BundleChanges, error) {
	st.asked++
	return st.changes, nil
}

// changesFixture is the bundler's fixture, frozen, behind a store that
// places the changes as the test says, and a service over it.
func changesFixture() (*bundleStore, *changesStore, *Service) {
	st := bundleFixture()
	st.frozen = true
	cs := &changesStore{bundleStore: st}
	return st, cs, bundleService(cs)
}

// addCaseSystem writes a third municipality's case system in category 4
// and has the store place that change there.
func addCaseSystem(st *bundleStore, cs *changesStore) {
	i := slices.IndexFunc(st.contracts, func(c contracts.ContractSummary) bool { return c.ID == 8 })
	added := st.contracts[i]
	added.ID, added.Organization = 9, "GM0001"
	st.contracts = append(slices.Clone(st.contracts), added)
	st.version++
	cs.changes = BundleChanges{Categories: []int64{4}}
}

// TestBundleCacheRecomputesTouchedCategories: after a write in one
// category, the next read computes that category's suggestions again and
// reuses the other category's from the set before (issue 15: the
// recomputation after a change costs the categories it touches); a change
// that touches no category reuses the whole set; one the store cannot
// place computes every category. After every step the suggestions equal
// what the bundler computes afresh.
func TestBundleCacheRecomputesTouchedCategories(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, cs, svc := changesFixture()
	fresh := func(t *testing.T) []Suggestion {
		t.Helper()
		loads := st.loads.Load()
		defer st.loads.Store(loads)
		out, err := svc.bundles(ctx, BundleQuery{}, DefaultPolicyBands())
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	read := func(t *testing.T, wantLoads int64) []Suggestion {
		t.Helper()
		got, err := svc.Bundles(ctx, contracts.Everyone(), BundleQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if want := fresh(t); !reflect.DeepEqual(got, want) {
			t.Errorf("cached Bundles() = %v, want what the bundler computes afresh: %v", bundleKeys(got), bundleKeys(want))
		}
		if n := st.loads.Load(); n != wantLoads {
			t.Errorf("%d categories loaded in all, want %d", n, wantLoads)
		}
		return got
	}
	byKey := func(list []Suggestion, key string) Suggestion {
		i := slices.IndexFunc(list, func(s Suggestion) bool { return s.Key == key })
		if i < 0 {
			t.Fatalf("no suggestion %s in %v", key, bundleKeys(list))
		}
		return list[i]
	}
	const mobile, cases = "c3-20270601-w18", "c4-20270901-w18"

	before := read(t, 2)

	addCaseSystem(st, cs)
	after := read(t, 3)
	if cs.asked != 1 {
		t.Errorf("the store was asked %d times for the changes, want 1", cs.asked)
	}
	if n := len(byKey(after, cases).Participants); n != 3 {
		t.Errorf("the case-system suggestion has %d participants after the write in its category, want 3", n)
	}
	was, now := byKey(before, mobile), byKey(after, mobile)
	if &was.Participants[0] != &now.Participants[0] {
		t.Errorf("the mobile suggestion (category 3, untouched) was computed again, want the set before's reused")
	}

	// A change that touches no category: the set before is the set.
	st.version++
	cs.changes = BundleChanges{}
	same := read(t, 3)
	if &byKey(same, cases).Participants[0] != &byKey(after, cases).Participants[0] {
		t.Errorf("a change that touches no category computed suggestions again")
	}

	if cs.regions != 1 {
		t.Errorf("the region names were read %d times, want once: the changes since touched no organization", cs.regions)
	}

	// A change the store cannot place: every category again.
	st.version++
	cs.changes = BundleChanges{All: true}
	read(t, 5)
	page, err := svc.BundlePage(ctx, contracts.Everyone(), BundlePageQuery{})
	if err != nil || cs.regions != 2 || !slices.Equal(page.Regions, []string{"Noord-Veluwe", "Súdwest-Fryslân"}) {
		t.Errorf("after every category was computed again: regions %v read %d times, %v; want them read again", page.Regions, cs.regions, err)
	}

	// A category renamed without the store placing it: computed again all
	// the same, since a suggestion shows the category's name.
	st.cats = slices.Clone(st.cats)
	st.cats[1].Name = "Zaakgericht werken"
	st.version++
	cs.changes = BundleChanges{}
	renamed := read(t, 6)
	if got := byKey(renamed, cases).CategoryName; got != "Zaakgericht werken" {
		t.Errorf("after the rename the case-system suggestion names %q", got)
	}
}

// TestBundleScopedViewsPerOrganization: the redacted suggestions kept
// for one member are never another's: two members of the same suggestion
// read it in turn, each sees itself alone with the others counted, the
// same as bundleScoped on the unscoped suggestion, every time (DESIGN §6;
// issue 12).
func TestBundleScopedViewsPerOrganization(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := bundleFixture()
	st.frozen = true
	svc := bundleService(st)
	const mobile = "c3-20270601-w18"
	whole, err := svc.Bundle(ctx, contracts.Everyone(), mobile)
	if err != nil {
		t.Fatal(err)
	}
	today := svc.Today()
	for range 2 {
		for _, org := range []string{"GM0001", "GM0002", "GM0004"} {
			got, err := svc.Bundle(ctx, contracts.Only(org), mobile)
			if err != nil {
				t.Fatalf("Bundle as %s: %v", org, err)
			}
			if want := bundleScoped(whole.Suggestion, scopeOrg(org), today); !reflect.DeepEqual(got.Suggestion, want) {
				t.Errorf("Bundle as %s differs from its redaction of the whole suggestion", org)
			}
			if len(got.Participants) != 1 || got.Participants[0].Organization != org || got.OtherParticipants != len(whole.Participants)-1 {
				t.Errorf("Bundle as %s shows %d participants (%v), %d others; want itself alone", org, len(got.Participants), got.Participants, got.OtherParticipants)
			}
			page, err := svc.BundlePage(ctx, contracts.Only(org), BundlePageQuery{})
			if err != nil {
				t.Fatalf("BundlePage as %s: %v", org, err)
			}
			i := slices.IndexFunc(page.Items, func(s RankedSuggestion) bool { return s.Key == mobile })
			if i < 0 || !reflect.DeepEqual(page.Items[i].Suggestion, got.Suggestion) {
				t.Errorf("BundlePage as %s lists %s at %d, want the same redacted suggestion as Bundle", org, mobile, i)
			}
		}
	}
}

// TestBundleViewsBounded: a set keeps at most bundleViewsMax redacted
// views; beyond them a scoped caller gets the same redaction, made for
// the request and not kept.
func TestBundleViewsBounded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := bundleFixture()
	svc := bundleService(st)
	whole, err := svc.Bundles(ctx, contracts.Everyone(), BundleQuery{})
	if err != nil || len(whole) == 0 {
		t.Fatalf("Bundles() = %v, %v", bundleKeys(whole), err)
	}
	today := svc.Today()
	set := newBundleSet(today, st.cats[:1], [][]Suggestion{whole})
	org := whole[0].Participants[0].Organization
	want := bundleScoped(whole[0], scopeOrg(org), today)

	set.kept.Store(bundleViewsMax)
	if got := set.scoped(0, contracts.Only(org)); !reflect.DeepEqual(got, want) {
		t.Errorf("beyond the bound: scoped() differs from bundleScoped()")
	}
	if _, ok := set.views.Load(bundleViewKey{org: org, at: 0}); ok || set.kept.Load() != bundleViewsMax {
		t.Errorf("beyond the bound a view was kept (%d counted)", set.kept.Load())
	}

	set.kept.Store(0)
	if got := set.scoped(0, contracts.Only(org)); !reflect.DeepEqual(got, want) {
		t.Errorf("scoped() differs from bundleScoped()")
	}
	if _, ok := set.views.Load(bundleViewKey{org: org, at: 0}); !ok || set.kept.Load() != 1 {
		t.Errorf("within the bound the view was not kept (%d counted)", set.kept.Load())
	}
}

// TestRefreshBundlesAfterAWrite: after a write, RefreshBundles computes
// the sets readers asked for before it (each window and grouping), for
// the new data version and only in the categories the write touched, so
// that the next reads compute nothing; a service no reader asked yet
// computes the default set; a refresh without a change computes nothing.
func TestRefreshBundlesAfterAWrite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, cs, svc := changesFixture()
	queries := []BundleQuery{{}, {WindowMonths: 12}}
	for _, q := range queries {
		if _, err := svc.Bundles(ctx, contracts.Everyone(), q); err != nil {
			t.Fatal(err)
		}
	}
	loads := st.loads.Load()

	addCaseSystem(st, cs)
	if err := svc.RefreshBundles(ctx); err != nil {
		t.Fatal(err)
	}
	if n := st.loads.Load() - loads; n != int64(len(queries)) {
		t.Errorf("the refresh loaded %d categories, want %d: the touched one for each set asked before", n, len(queries))
	}
	loads = st.loads.Load()
	for _, q := range queries {
		got, err := svc.Bundles(ctx, contracts.Everyone(), q)
		if err != nil {
			t.Fatal(err)
		}
		want, err := svc.bundles(ctx, q, DefaultPolicyBands())
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("after the refresh Bundles(%+v) = %v, want what the bundler computes afresh: %v", q, bundleKeys(got), bundleKeys(want))
		}
		st.loads.Store(loads)
	}
	if err := svc.RefreshBundles(ctx); err != nil || st.loads.Load() != loads {
		t.Errorf("a refresh without a change loaded %d categories (%v), want none", st.loads.Load()-loads, err)
	}

	fresh := bundleService(&changesStore{bundleStore: st})
	loads = st.loads.Load()
	if err := fresh.RefreshBundles(ctx); err != nil {
		t.Fatal(err)
	}
	if n := st.loads.Load() - loads; n != int64(len(st.cats)) {
		t.Errorf("a first refresh loaded %d categories, want every one (%d) for the default set", n, len(st.cats))
	}
	loads = st.loads.Load()
	if _, err := fresh.Bundles(ctx, contracts.Everyone(), BundleQuery{}); err != nil || st.loads.Load() != loads {
		t.Errorf("the default set after a first refresh loaded %d categories (%v), want none", st.loads.Load()-loads, err)
	}
}
