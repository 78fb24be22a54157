package procurement

import (
	"context"
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
)

// A change to the data recomputes only the categories it can touch: each
// category's suggestions depend on that category's contracts, demand and
// tenders alone (with the organizations and vendors they name), so the set
// of a new data version reuses the lists of every other category from the
// set of the version before, for the same day, window, grouping and
// region, and ranks them together again. A store that cannot say which
// categories changed, or a change it cannot place (an organization, a
// vendor, an import), recomputes every category, as before.

// BundleChanges says which categories' suggestions the changes between two
// data versions can have changed.
type BundleChanges struct {
	// All says the changes may touch any category.
	All bool
	// Categories are the categories the changes touch, when not All; none
	// means the changes touch no suggestion.
	Categories []int64
}

// bundleChangeReader is the read a store offers when it can place the
// changes between two data versions (DataVersion.Inputs) in categories.
type bundleChangeReader interface {
	// BundleChanges returns the categories the changes after version
	// from, up to and including version to, can touch.
	BundleChanges(ctx context.Context, from, to int64) (BundleChanges, error)
}

// bundleRegionReader is the read of the region names in use that a store
// offers beside Store: the bundler's region filter lists them with a page
// of suggestions. Regions belong to organizations, whose every change
// computes every category again, so a set reads them when it computes
// every category and otherwise keeps its base's.
type bundleRegionReader interface {
	Regions(ctx context.Context) ([]string, error)
}

// base returns the computed set a new set with key can start from: the
// newest one of an older data version for the same day, window, grouping
// and region, computed without error; nil when there is none. It is called
// with c.mu held.
func (c *bundleCache) base(key bundleSetKey) *bundleSlot {
	for i := len(c.slots) - 1; i >= 0; i-- {
		sl := c.slots[i]
		k := sl.key
		if k.inputs >= key.inputs || k.today != key.today || k.window != key.window || k.grouping != key.grouping || k.region != key.region {
			continue
		}
		select {
		case <-sl.done:
			if sl.err == nil {
				return sl
			}
		default:
			// Still computing: a set of its own is not slower.
		}
	}
	return nil
}

// computeBundleSet computes every category's suggestions for q on the
// key's day, with the default procurement-policy bands (no lead authority
// is chosen yet), and indexes them. With a base set of an older version,
// only the categories the changes since touch are computed; when none is
// touched and the categories are the same, the base set is the set.
func (s *Service) computeBundleSet(ctx context.Context, q BundleQuery, key bundleSetKey, base *bundleSlot) (*bundleSet, error) {
	cats, err := s.store.Categories(ctx)
	if err != nil {
		return nil, err
	}
	var reuse map[int64][]Suggestion
	if r, ok := s.store.(bundleChangeReader); ok && base != nil {
		changes, err := r.BundleChanges(ctx, base.key.inputs, key.inputs)
		if err != nil {
			return nil, err
		}
		if !changes.All {
			// A category reads the same as before, or its suggestions
			// are computed again.
			reuse = make(map[int64][]Suggestion, len(base.set.byCategory))
			for _, c := range base.set.categories {
				i := slices.IndexFunc(cats, func(n contracts.Category) bool { return n.ID == c.ID })
				if i >= 0 && sameCategory(cats[i], c) && !slices.Contains(changes.Categories, c.ID) {
					reuse[c.ID] = base.set.byCategory[c.ID]
				}
			}
		}
	}
	var regions []string
	if reuse != nil {
		regions = base.set.regions
	} else if r, ok := s.store.(bundleRegionReader); ok {
		if regions, err = r.Regions(ctx); err != nil {
			return nil, err
		}
		// Read, even when there are none.
		regions = append([]string{}, regions...)
	}
	var todo []contracts.Category
	for _, c := range cats {
		if _, ok := reuse[c.ID]; !ok {
			todo = append(todo, c)
		}
	}
	if reuse != nil && len(todo) == 0 && slices.EqualFunc(cats, base.set.categories, sameCategory) {
		return base.set, nil
	}
	computed, err := s.categoryBundles(ctx, q, todo, DefaultPolicyBands(), key.today)
	if err != nil {
		return nil, err
	}
	per := make([][]Suggestion, len(cats))
	for i, c := range cats {
		if list, ok := reuse[c.ID]; ok {
			per[i] = list
			continue
		}
		per[i], computed = computed[0], computed[1:]
	}
	set := newBundleSet(key.today, cats, per)
	set.regions = regions
	return set, nil
}

// sameCategory reports whether two categories are the same as far as a
// suggestion shows them.
func sameCategory(a, b contracts.Category) bool {
	return a.ID == b.ID && a.Name == b.Name && slices.Equal(a.CPV, b.CPV)
}
