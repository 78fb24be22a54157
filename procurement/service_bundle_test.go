package procurement

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// bundleStore is an in-memory Store with what the bundler and the tender
// view use; every other method panics through the nil embedded Store.
type bundleStore struct {
	Store
	cats         []contracts.Category
	contracts    []contracts.ContractSummary
	demands      []Demand
	orgs         map[string]contracts.Organization
	tenders      map[int64]Tender
	lots         map[int64][]Lot
	participants map[int64][]Participant
	nextID       int64
	failLot      bool
	// version counts the calls of BundleVersion: every call is a new
	// version, so that the service never reuses suggestions computed
	// before a test changed the fields above; unless frozen, which keeps
	// the version until a test moves it.
	version int64
	frozen  bool
	// loads counts the calls of CategoryContracts, the bundler's work;
	// the bundler loads categories side by side.
	loads *atomic.Int64
}

func newBundleStore(cs []contracts.ContractSummary, ds []Demand) *bundleStore {
	return &bundleStore{
		cats: []contracts.Category{bdCategory, {ID: 4, Name: "Zaaksysteem", CPV: []string{"48300000-1"}}}, contracts: cs, demands: ds, orgs: bdOrgs(),
		tenders: map[int64]Tender{}, lots: map[int64][]Lot{}, participants: map[int64][]Participant{}, loads: &atomic.Int64{},
	}
}

// InTx runs fn on a copy and keeps its writes only when fn succeeds.
func (st *bundleStore) InTx(_ context.Context, fn func(Store) error) error {
	tx := *st
	tx.tenders, tx.lots, tx.participants = cloneMap(st.tenders), cloneMap(st.lots), cloneMap(st.participants)
	if err := fn(&tx); err != nil {
		return err
	}
	*st = tx
	return nil
}

func cloneMap[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func (st *bundleStore) BundleVersion(context.Context, DataVersion) (DataVersion, error) {
	if !st.frozen {
		st.version++
	}
	return DataVersion{Head: st.version, Inputs: st.version}, nil
}

func (st *bundleStore) Categories(context.Context) ([]contracts.Category, error) { return st.cats, nil }

func (st *bundleStore) CategoryContracts(_ context.Context, id int64, orgs []string) ([]contracts.ContractSummary, error) {
	st.loads.Add(1)
	var out []contracts.ContractSummary
	for _, c := range st.contracts {
		if c.CategoryID == id && c.Status != contracts.StatusTerminated && (orgs == nil || slices.Contains(orgs, c.Organization)) {
			out = append(out, c)
		}
	}
	return out, nil
}

// Demands pages by two, to exercise the bundler's paging.
func (st *bundleStore) Demands(_ context.Context, f DemandFilter) (DemandPage, error) {
	var all []Demand
	for _, d := range st.demands {
		if f.CategoryID == 0 || d.CategoryID == f.CategoryID {
			all = append(all, d)
		}
	}
	size := min(f.PageSize, 2)
	from := min((f.Page-1)*size, len(all))
	return DemandPage{Items: all[from:min(from+size, len(all))], ListPage: contracts.ListPage{Total: len(all)}}, nil
}

func (st *bundleStore) Organization(_ context.Context, code string) (contracts.Organization, error) {
	o, ok := st.orgs[code]
	if !ok {
		return o, fmt.Errorf("organization %s: %w", code, apperr.NotFound)
	}
	return o, nil
}

func (st *bundleStore) OrganizationsByCode(_ context.Context, codes []string) (map[string]contracts.Organization, error) {
	out := map[string]contracts.Organization{}
	for _, c := range codes {
		if o, ok := st.orgs[c]; ok {
			out[c] = o
		}
	}
	return out, nil
}

func (st *bundleStore) Setting(context.Context, string) (string, error) { return "", apperr.NotFound }

func (st *bundleStore) CreateTender(_ context.Context, t Tender) (int64, error) {
	st.nextID++
	t.ID = st.nextID
	t.LeadName, t.CategoryName = st.orgs[t.Lead].Name, bdCategory.Name
	st.tenders[t.ID] = t
	return t.ID, nil
}

func (st *bundleStore) Tender(_ context.Context, id int64) (Tender, error) {
	t, ok := st.tenders[id]
	if !ok {
		return t, apperr.NotFound
	}
	return t, nil
}

func (st *bundleStore) CreateLot(_ context.Context, l Lot) (int64, error) {
	if st.failLot {
		return 0, errors.New("disk full")
	}
	st.nextID++
	l.ID, l.Number = st.nextID, len(st.lots[l.TenderID])+1
	st.lots[l.TenderID] = append(slices.Clone(st.lots[l.TenderID]), l)
	return l.ID, nil
}

func (st *bundleStore) Lots(_ context.Context, id int64) ([]Lot, error) { return st.lots[id], nil }

// Tenders pages by one, to exercise the bundler's paging.
func (st *bundleStore) Tenders(_ context.Context, f TenderFilter) (TenderPage, error) {
	var all []TenderSummary
	for id := int64(1); id <= st.nextID; id++ {
		if t, ok := st.tenders[id]; ok && (f.CategoryID == 0 || t.CategoryID == f.CategoryID) {
			all = append(all, TenderSummary{Tender: t})
		}
	}
	from := min(f.Page-1, len(all))
	return TenderPage{Items: all[from:min(from+1, len(all))], Total: len(all)}, nil
}

// UpsertParticipant keeps what the database keeps: the organization's
// name, kind, province and population come from the register on reading.
func (st *bundleStore) UpsertParticipant(_ context.Context, p Participant) error {
	p.Name, p.Kind, p.Province, p.Population = "", "", "", 0
	st.participants[p.TenderID] = append(slices.Clone(st.participants[p.TenderID]), p)
	return nil
}

func (st *bundleStore) Participants(_ context.Context, id int64) ([]Participant, error) {
	out := slices.Clone(st.participants[id])
	for i, p := range out {
		o := st.orgs[p.Organization]
		out[i].Name, out[i].Kind, out[i].Province, out[i].Population = o.Name, o.Kind, o.Province, o.Population
	}
	slices.SortFunc(out, func(a, b Participant) int { return compareString(a.Organization, b.Organization) })
	return out, nil
}

func compareString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (st *bundleStore) Requirements(context.Context, int64) ([]Requirement, error) { return nil, nil }
func (st *bundleStore) CallOffs(context.Context, int64) ([]CallOff, error)         { return nil, nil }

// bundleService is a Service over st on bdToday, with bdWords.
func bundleService(st Store) *Service {
	return NewService(st, Options{Now: func() time.Time { return time.Date(2026, 4, 1, 9, 0, 0, 0, contracts.Amsterdam) }, Words: bdWords})
}

// bundleFixture: three municipalities need mobile telephony in 2027 (one
// by demand, one of them with a second contract of devices), two need a
// case system.
func bundleFixture() *bundleStore {
	device := bdContract(5, "GM0002", bdDate(2024, 7, 1), 36, 15_000, "Centralpoint")
	device.CPV = "32250000-0"
	late := bdContract(6, "GM0001", bdDate(2026, 1, 1), 60, 50_000, "Odido") // committed longest: the plan's current contract
	zaak := func(id int64, org string) contracts.ContractSummary {
		c := bdContract(id, org, bdDate(2023, 1, 1), 60, 90_000, "Centric")
		c.CategoryID, c.CPV = 4, "48300000-1"
		return c
	}
	return newBundleStore([]contracts.ContractSummary{
		bdContract(1, "GM0001", bdDate(2024, 6, 1), 36, 200_000, "KPN"),
		bdRenewing(bdContract(2, "GM0002", bdDate(2024, 7, 1), 36, 150_000, "Vodafone"), contracts.RenewalExpress, 2, 3),
		device, late,
		zaak(7, "GM0003"), zaak(8, "GM0004"),
	}, []Demand{
		{ID: 1, Organization: "GM0004", CategoryID: 3, Quantity: 300, Unit: "aansluitingen", DesiredStart: bdDate(2027, 9, 1), AnnualBudget: 60_000 * euro, Status: DemandSubmitted},
		{ID: 2, Organization: "GM0003", CategoryID: 3, DesiredStart: bdDate(2027, 9, 1), AnnualBudget: 60_000 * euro, Status: DemandWithdrawn},
		{ID: 3, Organization: "GM0003", CategoryID: 4, DesiredStart: bdDate(2027, 9, 1), Status: DemandDraft},
	})
}

func TestServiceBundles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name     string
		q        BundleQuery
		member   string // the caller's organization; "" for everyone
		wantKeys []string
		wantErr  []string
	}{
		{"every category, default window", BundleQuery{}, "", []string{"c3-20270601-w18", "c4-20270901-w18"}, nil},
		{"one category", BundleQuery{CategoryID: 4}, "", []string{"c4-20270901-w18"}, nil},
		{"a member sees the suggestions that include it", BundleQuery{}, "GM0002", []string{"c3-20270601-w18"}, nil},
		{"a member in neither sees none", BundleQuery{}, "GM0009", nil, nil},
		{"by region", BundleQuery{CategoryID: 3, Region: "Regio Twente"}, "", []string{"c3-20270601-w18-region-regio-twente"}, nil},
		{"unknown category", BundleQuery{CategoryID: 99}, "", nil, []string{"category"}},
		{"window over 60 months", BundleQuery{WindowMonths: 61}, "", nil, []string{"window"}},
		{"negative window", BundleQuery{WindowMonths: -3}, "", nil, []string{"window"}},
		{"region with cooperation grouping", BundleQuery{Region: "Regio Twente", Grouping: GroupCooperation}, "", nil, []string{"region"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			scope := contracts.Everyone()
			if tt.member != "" {
				scope = contracts.Only(tt.member)
			}
			got, err := bundleService(bundleFixture()).Bundles(ctx, scope, tt.q)
			if tt.wantErr != nil {
				if !errors.Is(err, apperr.Invalid) || !slices.Equal(bdFields(err), tt.wantErr) {
					t.Fatalf("Bundles(%+v) error = %v, want fields %v", tt.q, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Bundles(%+v) error = %v", tt.q, err)
			}
			var keys []string
			for _, s := range got {
				keys = append(keys, s.Key)
			}
			slices.Sort(keys)
			if !slices.Equal(keys, tt.wantKeys) {
				t.Errorf("Bundles(%+v) keys = %v, want %v", tt.q, keys, tt.wantKeys)
			}
		})
	}
}

// TestServiceBundlesRedactsOthers: a member sees the suggestions that
// include it with nothing that identifies another organization or
// discloses its data: no code, name, needed start, risk, contract,
// vendor or value of another participant anywhere in the suggestion
// (issue 12 point 8), only their number.
func TestServiceBundlesRedactsOthers(t *testing.T) {
	t.Parallel()
	svc := bundleService(bundleFixture())
	all, err := svc.Bundles(context.Background(), contracts.Everyone(), BundleQuery{CategoryID: 3})
	if err != nil || len(all) != 1 {
		t.Fatalf("Bundles() = %d, %v; want 1 suggestion", len(all), err)
	}
	got, err := svc.Bundles(context.Background(), contracts.Only("GM0002"), BundleQuery{CategoryID: 3})
	if err != nil || len(got) != 1 {
		t.Fatalf("Bundles() = %d, %v; want 1 suggestion", len(got), err)
	}
	sg := got[0]
	if len(sg.Participants) != 1 || sg.Participants[0].Organization != "GM0002" {
		t.Fatalf("member of GM0002 sees participants %+v, want only its own", sg.Participants)
	}
	if want := len(all[0].Participants) - 1; sg.OtherParticipants != want {
		t.Errorf("OtherParticipants = %d, want %d", sg.OtherParticipants, want)
	}
	seen := fmt.Sprintf("%+v", sg)
	for _, p := range all[0].Participants {
		if p.Organization == "GM0002" {
			continue
		}
		secrets := []string{p.Organization, p.Name, p.Contract.Number, p.Contract.VendorName, p.Gap.ContractNumber}
		if p.NeededStart != sg.EarliestStart && p.NeededStart != sg.LatestStart {
			secrets = append(secrets, p.NeededStart.String())
		}
		for _, v := range secrets {
			if v != "" && v != sg.Participants[0].Contract.VendorName && strings.Contains(seen, v) {
				t.Errorf("the member's suggestion shows %q of %s", v, p.Organization)
			}
		}
	}
	if !sg.Scoped {
		t.Error("the member's suggestion is not scoped: it would be shown the justification, which names every participant's vendor")
	}
}

// TestBundleScopeWithholdsValuesOfOneOther: with one other participant
// the joint figures minus the member's own would be that organization's
// value, so they are withheld; with two or more they stay.
func TestBundleScopeWithholdsValuesOfOneOther(t *testing.T) {
	t.Parallel()
	part := func(code string, annual contracts.Money) BundleParticipant {
		return BundleParticipant{Candidate: Candidate{Organization: code, Name: "Gemeente " + code, Annual: annual,
			NeededStart: contracts.NewDate(2027, 6, 1)}}
	}
	tests := []struct {
		name     string
		others   int
		withheld bool
	}{
		{"one other: withheld", 1, true},
		{"two others: shown", 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sg := Suggestion{Participants: []BundleParticipant{part("GM0001", 100_000)}, Annual: 100_000, Score: 42,
				Lots:    []LotProposal{{Number: 1, Organizations: []string{"GM0001"}, Annual: 100_000, Value: 400_000}},
				Benefit: Benefit{TransactionSaving: 10, DiscountPerYear: 5, DiscountOverTerm: 20, Total: 30}}
			for i := range tt.others {
				code := fmt.Sprintf("GM010%d", i)
				sg.Participants = append(sg.Participants, part(code, 77_777))
				sg.Lots[0].Organizations = append(sg.Lots[0].Organizations, code)
				sg.Annual += 77_777
			}
			got := bundleScope([]Suggestion{sg}, contracts.Only("GM0001"), contracts.NewDate(2026, 11, 22))[0]
			if got.ValuesWithheld != tt.withheld || got.OtherParticipants != tt.others || got.Lots[0].OtherOrganizations != tt.others {
				t.Fatalf("withheld %v, others %d, lot others %d; want %v, %d", got.ValuesWithheld, got.OtherParticipants,
					got.Lots[0].OtherOrganizations, tt.withheld, tt.others)
			}
			if zero := got.Annual == 0 && got.Score == 0 && got.Lots[0].Annual == 0 && got.Lots[0].Value == 0 &&
				got.Benefit.DiscountOverTerm == 0 && got.Benefit.Total == got.Benefit.TransactionSaving; zero != tt.withheld {
				t.Errorf("joint figures %+v: withheld %v, want %v", got, zero, tt.withheld)
			}
			if s := fmt.Sprintf("%+v", got); strings.Contains(s, "GM010") || strings.Contains(s, "77777") {
				t.Errorf("scoped suggestion names or values another organization: %s", s)
			}
		})
	}
}

func TestTenderFromSuggestion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := bundleFixture()
	svc := bundleService(st)
	list, err := svc.Bundles(ctx, contracts.Everyone(), BundleQuery{CategoryID: 3})
	if err != nil || len(list) != 1 {
		t.Fatalf("Bundles() = %d, %v; want 1", len(list), err)
	}
	sg := list[0]
	id, err := svc.TenderFromSuggestion(ctx, sg.Key, "SW-DIMPACT")
	if err != nil {
		t.Fatalf("TenderFromSuggestion(%s) error = %v", sg.Key, err)
	}
	v, err := svc.Tender(ctx, contracts.Everyone(), id)
	if err != nil {
		t.Fatalf("Tender(%d) error = %v", id, err)
	}
	// The same plan, its proposed lots known by the stored lots' ids.
	if want := suggestionPlanIn(sg, v.Lots); !reflect.DeepEqual(v.Plan, want) {
		t.Errorf("the draft tender's plan differs from the suggestion's:\n got %+v\nwant %+v", v.Plan, want)
	}
	tender := v.Tender
	// The texts stored with the draft are the service's Words.
	if want := "Mobiele telefonie/2027/"; tender.Title != want || sg.Tender.Title != want || tender.Description != "about "+sg.Key {
		t.Errorf("tender title %q, description %q; want %q and %q, from the service's words", tender.Title, tender.Description, want, "about "+sg.Key)
	}
	if tender.Status != TenderDraft || tender.Lead != "SW-DIMPACT" || tender.Kind != KindServices || !tender.Framework ||
		tender.TermMonths != 36 || !slices.Equal(tender.Options, []Option{{Months: 12}}) || tender.NeededStart != sg.EarliestStart || tender.CPV != "64212000-5" {
		t.Errorf("tender = %+v, want a draft services framework led by SW-DIMPACT, 36 + 12 months, needed start %s", tender, sg.EarliestStart)
	}
	if len(v.Lots) != 2 || v.Lots[0].Title != sg.Lots[0].Title || v.Lots[1].Title != sg.Lots[1].Title {
		t.Errorf("lots = %+v, want the suggested %+v", v.Lots, sg.Lots)
	}
	var orgs []string
	for _, p := range v.Participants {
		orgs = append(orgs, p.Organization)
		if p.Mandate.Status != MandateRequested || p.Joined != bdToday {
			t.Errorf("participant %s: mandate %s, joined %s; want requested, %s", p.Organization, p.Mandate.Status, p.Joined, bdToday)
		}
	}
	if want := []string{"GM0001", "GM0002", "GM0004"}; !slices.Equal(orgs, want) {
		t.Errorf("participants = %v, want %v", orgs, want)
	}
	if p := v.Participants[1]; p.Annual() != 165_000*euro {
		t.Errorf("GM0002's volumes = %+v, want €\u00a0150.000 telephony + €\u00a015.000 devices", p.Volumes)
	}
	if p := v.Participants[2]; p.DemandID != 1 || p.Annual() != 60_000*euro {
		t.Errorf("GM0004 = demand %d, annual %d cents; want demand 1, €\u00a060.000", p.DemandID, int64(p.Annual()))
	}

	// Its participants are now engaged in the draft: the suggestion is
	// gone, and a second click finds nothing.
	if again, err := svc.Bundles(ctx, contracts.Everyone(), BundleQuery{CategoryID: 3}); err != nil || len(again) != 0 {
		t.Errorf("Bundles() after the draft = %d suggestions, %v; want none", len(again), err)
	}
	if _, err := svc.TenderFromSuggestion(ctx, sg.Key, "SW-DIMPACT"); !errors.Is(err, apperr.NotFound) {
		t.Errorf("TenderFromSuggestion(%s) twice: error = %v, want NotFound", sg.Key, err)
	}
	if len(st.tenders) != 1 {
		t.Errorf("%d tenders, want 1", len(st.tenders))
	}
}

func TestTenderFromSuggestionErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name    string
		key     string
		lead    string
		fail    bool
		wantIs  error
		wantFld []string
	}{
		{"malformed key", "x", "GM0001", false, apperr.NotFound, nil},
		{"no suggestion with this key", "c3-20270602-w18", "GM0001", false, apperr.NotFound, nil},
		{"key of an unknown category", "c99-20270601-w18", "GM0001", false, apperr.NotFound, nil},
		{"unknown lead", "c3-20270601-w18", "GM9999", false, apperr.Invalid, []string{"lead"}},
		{"no lead", "c3-20270601-w18", " ", false, apperr.Invalid, []string{"lead"}},
		{"a failing write keeps nothing", "c3-20270601-w18", "GM0001", true, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := bundleFixture()
			st.failLot = tt.fail
			_, err := bundleService(st).TenderFromSuggestion(ctx, tt.key, tt.lead)
			if err == nil {
				t.Fatalf("TenderFromSuggestion(%q, %q) error = nil", tt.key, tt.lead)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("TenderFromSuggestion(%q, %q) error = %v, want %v", tt.key, tt.lead, err, tt.wantIs)
			}
			if got := bdFields(err); !slices.Equal(got, tt.wantFld) {
				t.Errorf("TenderFromSuggestion(%q, %q) fields = %v, want %v", tt.key, tt.lead, got, tt.wantFld)
			}
			if len(st.tenders) != 0 {
				t.Errorf("TenderFromSuggestion(%q, %q) failed but left %d tenders", tt.key, tt.lead, len(st.tenders))
			}
		})
	}
}
