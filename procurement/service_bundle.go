package procurement

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// BundleQuery selects the bundler's suggestions.
type BundleQuery struct {
	// CategoryID selects one category; 0 means every category.
	CategoryID int64
	// WindowMonths is the span of needed starts one tender may cover;
	// 0 means the configured window.
	WindowMonths int
	// Grouping splits the candidates per region or cooperation before
	// clustering. Region keeps only the organizations of that region and
	// implies grouping by region, so that the keys name the region.
	Region   string
	Grouping Grouping
}

// Bundling returns the bundler's settings, defaults filled in.
func (s *Service) Bundling() Bundling { return s.opts.Bundling.withDefaults() }

// Bundles proposes joint tenders from the register's expiring contracts
// and the registered demand (DESIGN §4, bundling; issue 8), ranked by
// benefit and urgency (RankSuggestions) over every selected category. A
// window outside 1–MaxWindowMonths is apperr.FieldErrors on "window", an
// unknown category on "category", an unknown grouping on "grouping".
//
// A caller scoped to one organization gets the suggestions that include
// it, with the other participants' contracts, vendors and values hidden
// (bundleScope). The suggestions come from the cache of the current data
// version (bundle_cache.go) and share their slices with it: callers read
// them and never change them. BundlePage returns one page of them.
func (s *Service) Bundles(ctx context.Context, scope contracts.Scope, q BundleQuery) ([]Suggestion, error) {
	q, err := s.bundleQuery(q)
	if err != nil {
		return nil, fmt.Errorf("procurement: bundles: %w", err)
	}
	set, err := s.bundleSet(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("procurement: bundles: %w", err)
	}
	if err := set.checkCategory(q.CategoryID); err != nil {
		return nil, fmt.Errorf("procurement: bundles: %w", err)
	}
	idx := set.visible(q.CategoryID, scope)
	out := make([]Suggestion, len(idx))
	for i, j := range idx {
		out[i] = set.scoped(j, scope)
	}
	return out, nil
}

// bundleQuery checks q and fills in the configured window; a region
// implies grouping by region.
func (s *Service) bundleQuery(q BundleQuery) (BundleQuery, error) {
	if q.WindowMonths == 0 {
		q.WindowMonths = s.Bundling().WindowMonths
	}
	var fe apperr.FieldErrors
	if err := ValidateWindow(q.WindowMonths); err != nil {
		fe = append(fe, apperr.Fields(err)...)
	}
	if !q.Grouping.Valid() {
		fe.Add("grouping", apperr.OneOf, apperr.Or(string(GroupRegion), string(GroupCooperation)), string(q.Grouping))
	}
	if q.Region = strings.TrimSpace(q.Region); q.Region != "" {
		if q.Grouping == GroupCooperation {
			fe.Add("region", apperr.RegionWithCooperation)
		}
		q.Grouping = GroupRegion
	}
	if q.CategoryID < 0 {
		fe.Add("category", apperr.NotAnID, q.CategoryID)
	}
	return q, fe.Err()
}

// bundles computes the suggestions afresh, without the cache, for a
// caller scoped to all, determining the procedure below the threshold
// with bands (a lead authority's, for TenderFromSuggestion).
func (s *Service) bundles(ctx context.Context, q BundleQuery, bands PolicyBands) ([]Suggestion, error) {
	q, err := s.bundleQuery(q)
	if err != nil {
		return nil, fmt.Errorf("procurement: bundles: %w", err)
	}
	cats, err := s.store.Categories(ctx)
	if err != nil {
		return nil, fmt.Errorf("procurement: bundles: %w", err)
	}
	if q.CategoryID != 0 {
		i := slices.IndexFunc(cats, func(c contracts.Category) bool { return c.ID == q.CategoryID })
		if i < 0 {
			return nil, fmt.Errorf("procurement: bundles: %w", apperr.FieldProblem("category", apperr.NoCategory))
		}
		cats = cats[i : i+1]
	}
	out, err := s.computeBundles(ctx, q, cats, bands, s.Today())
	if err != nil {
		return nil, fmt.Errorf("procurement: bundles: %w", err)
	}
	return out, nil
}

// computeBundles is the bundler itself over the categories cats: their
// inputs loaded, Suggest per category, and every suggestion ranked
// together, unscoped. The ranking is the cooperative's, so a scoped list
// does not rank on figures it withholds.
func (s *Service) computeBundles(ctx context.Context, q BundleQuery, cats []contracts.Category, bands PolicyBands, today contracts.Date) ([]Suggestion, error) {
	per, err := s.categoryBundles(ctx, q, cats, bands, today)
	if err != nil {
		return nil, err
	}
	return rankBundles(per), nil
}

// rankBundles joins the suggestions of each category, in the order of the
// categories, and ranks them together.
func rankBundles(per [][]Suggestion) []Suggestion {
	n := 0
	for _, list := range per {
		n += len(list)
	}
	if n == 0 {
		return nil
	}
	out := make([]Suggestion, 0, n)
	for _, list := range per {
		out = append(out, list...)
	}
	RankSuggestions(out)
	return out
}

// categoryBundles runs Suggest for each of the categories cats, their
// inputs loaded: the suggestions of cats[i], ranked within the category,
// are the i-th list. A category's suggestions depend on its own inputs
// alone, so a list computed for one category stays valid as long as
// those inputs do (bundle_changes.go).
func (s *Service) categoryBundles(ctx context.Context, q BundleQuery, cats []contracts.Category, bands PolicyBands, today contracts.Date) ([][]Suggestion, error) {
	inputs, err := s.bundleInputs(ctx, cats, today)
	if err != nil {
		return nil, err
	}
	b := s.Bundling()
	per := make([][]Suggestion, len(inputs))
	err = bundleEach(len(inputs), func(i int) error {
		in := inputs[i]
		in.Today, in.WindowMonths, in.Grouping, in.Region = today, q.WindowMonths, q.Grouping, q.Region
		in.Settings, in.Rules, in.Bands, in.Words = b, s.opts.Rules, bands, s.opts.Words
		var err error
		per[i], err = Suggest(in)
		return err
	})
	if err != nil {
		return nil, err
	}
	return per, nil
}

// bundleContractReader is the read of a category's contracts in two steps
// that a store offers beside CategoryContracts (issue 15): first, for every
// contract, what the bundler selects on (BundleContract), then the
// contracts a suggestion shows, as CategoryContracts returns them.
type bundleContractReader interface {
	// BundleContracts returns the contracts of the category that are not
	// terminated, by id, with the terms of those whose dates are not
	// stored for today.
	BundleContracts(ctx context.Context, categoryID int64, today contracts.Date) ([]BundleContract, error)
	// CategoryContractsByID returns the contracts ids as
	// CategoryContracts returns them; an id no contract has is left out.
	CategoryContractsByID(ctx context.Context, ids []int64) ([]contracts.ContractSummary, error)
}

// bundleInputs loads the contracts and demand of each category for today,
// a few categories at a time (the store reads in parallel), and the
// organizations they name with one read for them all. From a store that
// reads contracts in two steps, the inputs hold the first step's rows and
// read the rest of the contracts their suggestions show (withDetails).
func (s *Service) bundleInputs(ctx context.Context, cats []contracts.Category, today contracts.Date) ([]BundleInput, error) {
	inputs := make([]BundleInput, len(cats))
	r, twoSteps := s.store.(bundleContractReader)
	err := bundleEach(len(cats), func(i int) error {
		in := BundleInput{Category: cats[i]}
		if twoSteps {
			list, err := r.BundleContracts(ctx, cats[i].ID, today)
			if err != nil {
				return err
			}
			// In the order of CategoryContracts (organization code, id),
			// which settles the ties between needs.
			slices.SortFunc(list, func(a, b BundleContract) int {
				return cmp.Or(cmp.Compare(a.Organization, b.Organization), cmp.Compare(a.ID, b.ID))
			})
			if in.rows, err = bundleContractRows(list, cats[i].ID, today); err != nil {
				return err
			}
			in.load = func(ids []int64) ([]contracts.ContractSummary, error) { return r.CategoryContractsByID(ctx, ids) }
		} else {
			list, err := s.store.CategoryContracts(ctx, cats[i].ID, nil)
			if err != nil {
				return err
			}
			in.Contracts = list
		}
		var err error
		if in.Demands, err = s.categoryDemand(ctx, cats[i].ID); err != nil {
			return err
		}
		if in.Engaged, err = s.engaged(ctx, cats[i].ID); err != nil {
			return err
		}
		inputs[i] = in
		return nil
	})
	if err != nil {
		return nil, err
	}
	codes := map[string]bool{}
	for _, in := range inputs {
		for _, k := range in.Contracts {
			codes[k.Organization] = true
		}
		for _, r := range in.rows {
			codes[r.organization] = true
		}
		for _, d := range in.Demands {
			codes[d.Organization] = true
		}
	}
	orgs, err := s.organizations(ctx, codes)
	if err != nil {
		return nil, err
	}
	for i := range inputs {
		inputs[i].Organizations = orgs
	}
	return inputs, nil
}

// bundleEach runs fn(0) … fn(n-1) on up to GOMAXPROCS goroutines and
// returns the first error by index.
func bundleEach(n int, fn func(i int) error) error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				errs[i] = fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// organizations reads the organizations with the given codes and the
// cooperations they belong to.
func (s *Service) organizations(ctx context.Context, codes map[string]bool) (map[string]contracts.Organization, error) {
	if len(codes) == 0 {
		return map[string]contracts.Organization{}, nil
	}
	orgs, err := s.store.OrganizationsByCode(ctx, bundleCodes(codes))
	if err != nil {
		return nil, err
	}
	coops := map[string]bool{}
	for _, o := range orgs {
		for _, c := range o.Cooperations {
			if _, ok := orgs[c]; !ok {
				coops[c] = true
			}
		}
	}
	if len(coops) == 0 {
		return orgs, nil
	}
	more, err := s.store.OrganizationsByCode(ctx, bundleCodes(coops))
	if err != nil {
		return nil, err
	}
	for k, o := range more {
		orgs[k] = o
	}
	return orgs, nil
}

// categoryDemand pages through the registered demand of one category.
func (s *Service) categoryDemand(ctx context.Context, categoryID int64) ([]Demand, error) {
	var out []Demand
	f := DemandFilter{Scope: contracts.Everyone(), CategoryID: categoryID, PageSize: 500}
	for f.Page = 1; ; f.Page++ {
		page, err := s.store.Demands(ctx, f.Normalize())
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if len(page.Items) < f.Normalize().PageSize || len(out) >= page.Total {
			return out, nil
		}
	}
}

// engaged returns the participants of the category's joint tenders that
// have not yet led to contracts (draft up to awarded), with the tender.
func (s *Service) engaged(ctx context.Context, categoryID int64) (map[string]int64, error) {
	out := map[string]int64{}
	f := TenderFilter{Scope: contracts.Everyone(), CategoryID: categoryID, PageSize: 500}
	for f.Page = 1; ; f.Page++ {
		page, err := s.store.Tenders(ctx, f.Normalize())
		if err != nil {
			return nil, err
		}
		for _, t := range page.Items {
			if t.Status == TenderContracted || t.Status == TenderClosed || t.Status == TenderCancelled {
				continue
			}
			ps, err := s.store.Participants(ctx, t.ID)
			if err != nil {
				return nil, err
			}
			for _, p := range ps {
				out[p.Organization] = t.ID
			}
		}
		if len(page.Items) < f.Normalize().PageSize || f.Page >= contracts.PageCount(page.Total, f.Normalize().PageSize) {
			return out, nil
		}
	}
}

// bundleMinOthers is how many other organizations must take part in a
// suggestion before a scoped caller sees its joint figures: with fewer,
// the total minus the caller's own share is one other organization's
// value.
const bundleMinOthers = 2

// bundleScope keeps the suggestions that include an organization in
// scope and leaves nothing in them that identifies another organization
// or discloses its own data (issue 12): a member sees that others need the
// same, not who they are, when they need it, what they pay whom or how
// their contracts end.
//
//   - Participants outside the scope are left out and counted in
//     OtherParticipants; lots list only the scope's organizations (and
//     count the others) and only the scope's current vendors.
//   - The plan's gaps, the current contracts, the cooperations, the
//     bridge and risk counts and the justification (which names every
//     participant's vendor) cover the scope only; Why is worded for the
//     scope (bundleWhyScoped).
//   - The span of needed starts, the planned start, the timeline, the
//     procedure and the group stay: they belong to the joint tender, not
//     to one organization.
//   - Joint money figures (annual value, estimate, volume discount,
//     score) stay only when at least bundleMinOthers other organizations
//     take part; otherwise they are withheld (ValuesWithheld) and the
//     benefit counts the transaction saving alone.
func bundleScope(list []Suggestion, scope contracts.Scope, today contracts.Date) []Suggestion {
	org, _ := scope.Organization()
	in := scopeOrg(org)
	out := list[:0]
	for _, sg := range list {
		if !slices.ContainsFunc(sg.Participants, func(p BundleParticipant) bool { return in.has(p.Organization) }) {
			continue
		}
		out = append(out, bundleScoped(sg, in, today))
	}
	return out
}

// scopeOrg is the organization of a caller's scope; "" for none.
type scopeOrg string

// has reports whether code is the scope's organization: a comparison of
// two codes, which the redaction makes for every participant, lot member
// and gap.
func (o scopeOrg) has(code string) bool { return o != "" && code == string(o) }

// bundleScoped is one suggestion as a caller with scope in sees it (see
// bundleScope).
func bundleScoped(sg Suggestion, in scopeOrg, today contracts.Date) Suggestion {
	visible := make([]BundleParticipant, 0, 1)
	vendors := map[string]bool{}
	sg.Bridges, sg.AtRisk, sg.OtherParticipants = 0, 0, 0
	for _, p := range sg.Participants {
		if !in.has(p.Organization) {
			sg.OtherParticipants++
			continue
		}
		visible = append(visible, p)
		if v := bundleVendor(p.Contract); v != "" {
			vendors[v] = true
		}
		if p.NeedsBridge {
			sg.Bridges++
		}
		if p.AtRisk {
			sg.AtRisk++
		}
	}
	sg.Participants = visible
	current := make(map[string]contracts.ContractSummary, len(visible))
	coops := map[string]int{}
	for _, p := range visible {
		if c, ok := sg.current[p.Organization]; ok {
			current[p.Organization] = c
		}
		for _, c := range p.Cooperations {
			coops[c]++
		}
	}
	sg.current = current
	shares := make([]CooperationShare, 0, len(coops))
	for _, c := range sg.Cooperations {
		if n := coops[c.Code]; n > 0 {
			shares = append(shares, CooperationShare{Code: c.Code, Name: c.Name, Participants: n})
		}
	}
	sg.Cooperations = shares
	withhold := sg.OtherParticipants < bundleMinOthers
	lots := make([]LotProposal, len(sg.Lots))
	for i, l := range sg.Lots {
		orgs := make([]string, 0, 1)
		for _, o := range l.Organizations {
			if in.has(o) {
				orgs = append(orgs, o)
			} else {
				l.OtherOrganizations++
			}
		}
		l.Organizations = orgs
		l.Vendors = slices.DeleteFunc(slices.Clone(l.Vendors), func(v string) bool { return !vendors[v] })
		if withhold {
			l.Annual, l.Value = 0, 0
		}
		lots[i] = l
	}
	sg.Lots = lots
	// The plan's gaps compare contracts: only the scope's are shown, as
	// in the tender view.
	gaps := make([]Gap, 0, 1)
	for _, g := range sg.Plan.Gaps {
		if in.has(g.Organization) {
			gaps = append(gaps, g)
		}
	}
	sg.Plan.Gaps = gaps
	if withhold {
		sg.ValuesWithheld = true
		sg.Annual, sg.Score = 0, 0
		est := sg.Plan.Estimate
		est.Total, est.Lots = 0, nil
		sg.Plan.Estimate = est
		b := sg.Benefit
		b.DiscountPerYear, b.DiscountOverTerm, b.Total = 0, 0, b.TransactionSaving
		sg.Benefit = b
	}
	sg.Scoped, sg.PreparationDays = true, today.DaysUntil(sg.PreparationStart)
	return sg
}

// TenderFromSuggestion turns the suggestion with key into a draft joint
// tender led by leadOrg, in one transaction: the tender with the suggested
// term, options and needed start, its lots, and every participant with a
// requested mandate and its annual value per lot. The suggestions are
// computed afresh with the lead's procurement-policy bands, so the draft's
// computed plan equals the suggestion's. A key that no longer matches a
// suggestion is apperr.NotFound, an unknown lead apperr.FieldErrors on
// "lead".
func (s *Service) TenderFromSuggestion(ctx context.Context, key string, leadOrg string) (int64, error) {
	leadOrg = strings.TrimSpace(leadOrg)
	lead, err := s.store.Organization(ctx, leadOrg)
	switch {
	case leadOrg == "" || errors.Is(err, apperr.NotFound):
		return 0, fmt.Errorf("procurement: tender from suggestion: %w", apperr.FieldProblem("lead", apperr.NoOrganization, leadOrg))
	case err != nil:
		return 0, fmt.Errorf("procurement: tender from suggestion: %w", err)
	}
	bands, err := s.policyBands(ctx, s.store, lead.Code)
	if err != nil {
		return 0, fmt.Errorf("procurement: tender from suggestion: %w", err)
	}
	sg, err := s.suggestion(ctx, key, bands)
	if err != nil {
		return 0, fmt.Errorf("procurement: tender from suggestion: %w", err)
	}
	today := s.Today()
	t := sg.Tender
	t.Lead, t.LeadName = lead.Code, lead.Name
	if s.opts.Words.DescribeSuggestion != nil {
		t.Description = s.opts.Words.DescribeSuggestion(sg)
	}
	var id int64
	err = s.store.InTx(ctx, func(tx Store) error {
		if err := s.checkTender(ctx, tx, t); err != nil {
			return err
		}
		var err error
		if id, err = tx.CreateTender(ctx, t); err != nil {
			return err
		}
		lotIDs := make(map[int64]int64, len(sg.Lots))
		for _, l := range sg.DraftLots() {
			number := l.ID
			l.ID, l.TenderID = 0, id
			if lotIDs[number], err = tx.CreateLot(ctx, l); err != nil {
				return err
			}
		}
		for _, p := range sg.SuggestionParticipants(today) {
			p.TenderID = id
			for i := range p.Volumes {
				p.Volumes[i].LotID = lotIDs[p.Volumes[i].LotID]
			}
			if err := tx.UpsertParticipant(ctx, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("procurement: tender from suggestion %s: %w", key, err)
	}
	return id, nil
}

// suggestion recomputes the suggestions of the key's category, window and
// grouping with bands and returns the one with key.
func (s *Service) suggestion(ctx context.Context, key string, bands PolicyBands) (Suggestion, error) {
	categoryID, window, grouping, err := ParseBundleKey(key)
	if err != nil {
		return Suggestion{}, err
	}
	list, err := s.bundles(ctx, BundleQuery{CategoryID: categoryID, WindowMonths: window, Grouping: grouping}, bands)
	if errors.Is(err, apperr.Invalid) {
		// A window or category the key names no longer exists.
		return Suggestion{}, fmt.Errorf("bundle key %q: %w", key, apperr.NotFound)
	}
	if err != nil {
		return Suggestion{}, err
	}
	for _, sg := range list {
		if sg.Key == key {
			return sg, nil
		}
	}
	return Suggestion{}, fmt.Errorf("bundle key %q: %w", key, apperr.WithDetail(apperr.NotFound, "no bundling suggestion has this key (any more)"))
}

// bundleCodes returns the keys of a set in order.
func bundleCodes(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
