package procurement

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The bundler's suggestions are computed once per data version and day
// (issue 15): a read asks the store for the version of the data the
// bundler reads (one indexed lookup while nothing changed), and computes
// only when no set of suggestions exists for that version, day, window,
// grouping and region. The version lives in the database, so servers that
// share it never serve each other's stale suggestions; each keeps its own
// computed sets in memory.

// DataVersion identifies a committed state of the data the bundler reads
// (Store.BundleVersion). Head is the newest change of any kind, Inputs
// the newest change a suggestion can depend on.
type DataVersion struct{ Head, Inputs int64 }

// bundleCacheSets bounds the sets kept: one per window, grouping and
// region asked for since the data last changed. At national scale a set
// holds some tens of megabytes.
const bundleCacheSets = 6

// bundleSetKey identifies one computed set: every category's suggestions
// for one data version, day, window, grouping and region (lower case: the
// region filter ignores case).
type bundleSetKey struct {
	inputs   int64
	today    contracts.Date
	window   int
	grouping Grouping
	region   string
}

// bundleSet is the ranked, unscoped suggestions of every category for one
// key, with the indexes a page needs. Nothing in it is changed after it is
// built but views, which only grows: callers get copies of the
// suggestions, and a scoped caller a redacted copy (bundleScoped), made
// once per organization and suggestion.
type bundleSet struct {
	today contracts.Date
	list  []Suggestion
	// categories are the categories that existed, in the store's order,
	// for the check of the category filter and the next version's set.
	categories []contracts.Category
	// byCategory holds each category's suggestions as Suggest returned
	// them, ranked within the category: the next version's set reuses
	// those of the categories no change touched (bundle_changes.go).
	byCategory map[int64][]Suggestion
	// byOrg lists, per organization, the positions in list of the
	// suggestions it takes part in, in rank order.
	byOrg map[string][]int
	byKey map[string]int
	// regions are the region names in use (bundleRegionReader), nil when
	// the store cannot say.
	regions []string
	// views holds the suggestions as scoped callers have seen them
	// (bundleScoped), by organization and position in list: a member's
	// next request reads its redacted view instead of walking every
	// participant of the suggestion again.
	views sync.Map // bundleViewKey → Suggestion
	// kept counts the views, up to bundleViewsMax.
	kept atomic.Int64
}

// bundleViewsMax bounds the redacted views a set keeps: beyond it a
// scoped caller's suggestions are redacted per request, as a set's first
// reader's are, so that the views never hold more than about a set's
// worth of memory.
const bundleViewsMax = 1 << 14

// bundleViewKey names one redacted suggestion of a set: the position in
// the set's list and the organization it is redacted for.
type bundleViewKey struct {
	org string
	at  int
}

// bundleSlot is one set being computed or computed; done closes when set
// or err is there, so that concurrent readers of a new version wait for
// one computation instead of each running their own.
type bundleSlot struct {
	key  bundleSetKey
	done chan struct{}
	set  *bundleSet
	err  error
}

// bundleCache holds the sets of the newest data version and day; its zero
// value is ready.
type bundleCache struct {
	mu      sync.Mutex
	version DataVersion
	slots   []*bundleSlot // oldest first
}

// bundleSet returns the set for q (already checked by bundleQuery) at the
// current data version, computing it when there is none.
func (s *Service) bundleSet(ctx context.Context, q BundleQuery) (*bundleSet, error) {
	c := &s.bundleSets
	c.mu.Lock()
	prev := c.version
	c.mu.Unlock()
	v, err := s.store.BundleVersion(ctx, prev)
	if err != nil {
		return nil, err
	}
	key := bundleSetKey{inputs: v.Inputs, today: s.Today(), window: q.WindowMonths, grouping: q.Grouping, region: strings.ToLower(q.Region)}
	c.mu.Lock()
	if v.Head < prev.Head {
		// A log that shrank (a restored backup) has another history: no
		// set computed before is the base of a new one.
		c.slots = nil
	}
	if v.Head > c.version.Head || v.Head < prev.Head {
		c.version = v
	}
	i := slices.IndexFunc(c.slots, func(sl *bundleSlot) bool { return sl.key == key })
	var slot *bundleSlot
	if i >= 0 {
		slot = c.slots[i]
		c.mu.Unlock()
	} else {
		slot = &bundleSlot{key: key, done: make(chan struct{})}
		base := c.base(key)
		// The set this one supersedes (the same query at an older version)
		// and the sets of another day are never asked for again; the
		// older sets of other queries stay, within the bound, as the
		// bases of their own next sets (RefreshBundles computes them in
		// turn).
		c.slots = slices.DeleteFunc(c.slots, func(sl *bundleSlot) bool {
			k := sl.key
			return k.today != key.today || k.inputs != key.inputs && k.window == key.window && k.grouping == key.grouping && k.region == key.region
		})
		if len(c.slots) >= bundleCacheSets {
			c.slots = c.slots[1:]
		}
		c.slots = append(c.slots, slot)
		c.mu.Unlock()
		// The computation serves every reader waiting for it, so one
		// reader going away does not cancel it.
		slot.set, slot.err = s.computeBundleSet(context.WithoutCancel(ctx), q, key, base)
		if slot.err != nil {
			c.mu.Lock()
			c.slots = slices.DeleteFunc(c.slots, func(sl *bundleSlot) bool { return sl == slot })
			c.mu.Unlock()
		}
		close(slot.done)
	}
	select {
	case <-slot.done:
		return slot.set, slot.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// newBundleSet ranks the suggestions of the categories cats (per[i] those
// of cats[i]) together and indexes them.
func newBundleSet(today contracts.Date, cats []contracts.Category, per [][]Suggestion) *bundleSet {
	list := rankBundles(per)
	set := &bundleSet{today: today, list: list, categories: cats, byCategory: make(map[int64][]Suggestion, len(cats)),
		byOrg: map[string][]int{}, byKey: make(map[string]int, len(list))}
	for i, c := range cats {
		set.byCategory[c.ID] = per[i]
	}
	for i, sg := range list {
		set.byKey[sg.Key] = i
		for _, p := range sg.Participants {
			set.byOrg[p.Organization] = append(set.byOrg[p.Organization], i)
		}
	}
	return set
}

// checkCategory reports an unknown category as apperr.FieldErrors on
// "category"; 0 is every category.
func (set *bundleSet) checkCategory(id int64) error {
	if id != 0 && !slices.ContainsFunc(set.categories, func(c contracts.Category) bool { return c.ID == id }) {
		return apperr.FieldProblem("category", apperr.NoCategory)
	}
	return nil
}

// visible returns the positions in rank order of the suggestions of the
// category (0: every one) that a caller with scope sees: every one for a
// caller scoped to all, those its organization takes part in otherwise.
func (set *bundleSet) visible(categoryID int64, scope contracts.Scope) []int {
	var from []int
	switch org, ok := scope.Organization(); {
	case scope.All():
		from = make([]int, len(set.list))
		for i := range from {
			from[i] = i
		}
	case ok:
		from = set.byOrg[org]
	}
	if categoryID == 0 {
		return from
	}
	out := make([]int, 0, len(from))
	for _, i := range from {
		if set.list[i].CategoryID == categoryID {
			out = append(out, i)
		}
	}
	return out
}

// DefaultBundlePageSize and MaxBundlePageSize bound a page of suggestions.
const (
	DefaultBundlePageSize = 20
	MaxBundlePageSize     = 100
)

// BundlePageQuery selects one page of the suggestions.
type BundlePageQuery struct {
	BundleQuery
	// After is the cursor of the page before (BundlePage.Next); "" asks
	// for the first page.
	After string
	// Limit is the page size, 1–MaxBundlePageSize; 0 means
	// DefaultBundlePageSize.
	Limit int
}

// RankedSuggestion is a suggestion with its rank in the caller's list.
type RankedSuggestion struct {
	Suggestion
	// Rank is 1 for the most worthwhile suggestion the caller sees.
	Rank int
}

// BundlePage is one page of the suggestions a caller sees.
type BundlePage struct {
	// AsOf is the day the suggestions are computed for.
	AsOf  contracts.Date
	Items []RankedSuggestion
	// Total counts the suggestions the query and the caller's scope select.
	Total int
	// Next is the cursor of the next page (BundlePageQuery.After); "" on
	// the last page.
	Next string
	// Regions are the region names in use, for a region filter, read with
	// the suggestions' data version; nil when the store cannot say.
	Regions []string
}

// bundleCursor is a page cursor: the rank and the key of the last
// suggestion of the page before, "<rank>.<key>".
var bundleCursor = regexp.MustCompile(`^([0-9]{1,7})\.([a-z0-9-]{1,200})$`)

// BundlePage returns one page of the suggestions Bundles returns, ranked
// as there, with the total. As with Bundles, the suggestions share their
// slices with the cache: callers read them and never change them. The cursor is the key of the page's last
// suggestion: the next page starts after that suggestion wherever it
// ranks now, so a change of the data between pages neither repeats nor
// skips a suggestion that stayed; when that suggestion is gone, the next
// page starts at the rank after it. A malformed cursor is
// apperr.FieldErrors on "after", a limit outside 1–MaxBundlePageSize on
// "limit"; the query's own problems are those of Bundles.
func (s *Service) BundlePage(ctx context.Context, scope contracts.Scope, q BundlePageQuery) (BundlePage, error) {
	bq, err := s.bundleQuery(q.BundleQuery)
	fe := apperr.Fields(err)
	if q.Limit == 0 {
		q.Limit = DefaultBundlePageSize
	}
	if q.Limit < 1 || q.Limit > MaxBundlePageSize {
		fe.Add("limit", apperr.Range, 1, MaxBundlePageSize, q.Limit)
	}
	var m []string
	if q.After != "" {
		if m = bundleCursor.FindStringSubmatch(q.After); m == nil {
			fe.Add("after", apperr.Unknown, q.After)
		}
	}
	if err := fe.Err(); err != nil {
		return BundlePage{}, fmt.Errorf("procurement: bundle page: %w", err)
	}
	set, err := s.bundleSet(ctx, bq)
	if err != nil {
		return BundlePage{}, fmt.Errorf("procurement: bundle page: %w", err)
	}
	if err := set.checkCategory(bq.CategoryID); err != nil {
		return BundlePage{}, fmt.Errorf("procurement: bundle page: %w", err)
	}
	idx := set.visible(bq.CategoryID, scope)
	start := 0
	if m != nil {
		rank, _ := strconv.Atoi(m[1])
		start = min(rank, len(idx))
		if at, ok := set.byKey[m[2]]; ok {
			if p, found := slices.BinarySearch(idx, at); found {
				start = p + 1
			}
		}
	}
	end := min(start+q.Limit, len(idx))
	page := BundlePage{AsOf: set.today, Total: len(idx), Items: make([]RankedSuggestion, 0, end-start), Regions: set.regions}
	for i := start; i < end; i++ {
		page.Items = append(page.Items, RankedSuggestion{Suggestion: set.scoped(idx[i], scope), Rank: i + 1})
	}
	if end < len(idx) {
		page.Next = strconv.Itoa(end) + "." + set.list[idx[end-1]].Key
	}
	return page, nil
}

// Bundle returns the suggestion with key as Bundles would list it, with
// its rank among every category's suggestions the caller sees for the
// key's window and grouping. A key no suggestion has (any more), or one
// whose suggestion a scoped caller takes no part in, is apperr.NotFound.
func (s *Service) Bundle(ctx context.Context, scope contracts.Scope, key string) (RankedSuggestion, error) {
	categoryID, window, grouping, err := ParseBundleKey(key)
	if err != nil {
		return RankedSuggestion{}, err
	}
	q, err := s.bundleQuery(BundleQuery{WindowMonths: window, Grouping: grouping})
	if err != nil || categoryID <= 0 {
		return RankedSuggestion{}, fmt.Errorf("procurement: bundle %q: %w", key, apperr.NotFound)
	}
	set, err := s.bundleSet(ctx, q)
	if err != nil {
		return RankedSuggestion{}, fmt.Errorf("procurement: bundle %q: %w", key, err)
	}
	at, ok := set.byKey[key]
	if ok {
		idx := set.visible(0, scope)
		if p, found := slices.BinarySearch(idx, at); found {
			return RankedSuggestion{Suggestion: set.scoped(at, scope), Rank: p + 1}, nil
		}
	}
	return RankedSuggestion{}, fmt.Errorf("procurement: bundle %q: %w", key,
		apperr.WithDetail(apperr.NotFound, "no bundling suggestion has this key (any more)"))
}

// scoped returns the suggestion at position i as a caller with scope sees
// it (bundleScoped).
func (set *bundleSet) scoped(i int, scope contracts.Scope) Suggestion {
	sg := set.list[i]
	if scope.All() {
		return sg
	}
	org, _ := scope.Organization()
	key := bundleViewKey{org: org, at: i}
	if v, ok := set.views.Load(key); ok {
		return v.(Suggestion)
	}
	v := bundleScoped(sg, scopeOrg(org), set.today)
	if set.kept.Add(1) > bundleViewsMax {
		set.kept.Add(-1)
		return v
	}
	if kept, loaded := set.views.LoadOrStore(key, v); loaded {
		set.kept.Add(-1)
		return kept.(Suggestion)
	}
	return v
}

// RefreshBundles computes, for the current data version and day, the sets
// of suggestions asked for since the data last changed (the default set
// when none was), so that the next reader finds them ready instead of
// waiting for the computation: the server runs it after writes
// (cmd/samenkoop/bundlejob.go). A reader that comes while it runs waits
// for the same computation. Sets of the current version are left as
// they are.
func (s *Service) RefreshBundles(ctx context.Context) error {
	c := &s.bundleSets
	c.mu.Lock()
	qs := make([]BundleQuery, 0, len(c.slots)+1)
	for _, sl := range c.slots {
		qs = append(qs, BundleQuery{WindowMonths: sl.key.window, Grouping: sl.key.grouping, Region: sl.key.region})
	}
	c.mu.Unlock()
	if len(qs) == 0 {
		qs = append(qs, BundleQuery{})
	}
	for _, q := range qs {
		q, err := s.bundleQuery(q)
		if err != nil {
			return fmt.Errorf("procurement: refresh bundles: %w", err)
		}
		if _, err := s.bundleSet(ctx, q); err != nil {
			return fmt.Errorf("procurement: refresh bundles: %w", err)
		}
	}
	return nil
}
