package procurement

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// bdToday is the fixed day the bundler tests run on.
var bdToday = contracts.NewDate(2026, 4, 1)

func bdDate(y int, m time.Month, d int) contracts.Date { return contracts.NewDate(y, m, d) }

// bdCategory is the category the tests bundle: mobile telephony with a
// service and a device CPV group.
var bdCategory = contracts.Category{ID: 3, Name: "Mobiele telefonie", CPV: []string{"64212000-5", "32250000-0"}}

// bdContract is an active services contract of org in bdCategory without
// renewal: start plus months, € annualEuro a year, with vendor.
func bdContract(id int64, org string, start contracts.Date, months int, annualEuro contracts.Money, vendor string) contracts.ContractSummary {
	return contracts.ContractSummary{
		Contract: contracts.Contract{
			ID: id, Organization: org, Number: "C-" + org, Title: "Mobiele telefonie", VendorID: 1, CategoryID: bdCategory.ID,
			CPV: "64212000-5", Start: start, InitialTermMonths: months, RenewalKind: contracts.RenewalNone,
			AnnualValue: annualEuro * euro, Status: contracts.StatusActive,
		},
		VendorName: vendor, OrganizationName: org,
	}
}

// bdRenewing gives c a renewal of kind: periods of 12 months, at most
// renewals of them, with notice months' notice.
func bdRenewing(c contracts.ContractSummary, kind contracts.RenewalKind, renewals, notice int) contracts.ContractSummary {
	c.RenewalKind, c.RenewalPeriodMonths, c.MaxRenewals, c.NoticeMonths = kind, 12, renewals, notice
	return c
}

// bdOrgs are municipalities in two regions and provinces, with one
// cooperation.
func bdOrgs() map[string]contracts.Organization {
	return map[string]contracts.Organization{
		"GM0001":     {Code: "GM0001", Name: "Aadorp", Kind: contracts.KindMunicipality, Province: "PV23", Region: "Regio Twente", Population: 15_000, Cooperations: []string{"SW-DIMPACT"}},
		"GM0002":     {Code: "GM0002", Name: "Bedum", Kind: contracts.KindMunicipality, Province: "PV23", Region: "Regio Twente", Population: 45_000},
		"GM0003":     {Code: "GM0003", Name: "Capelle", Kind: contracts.KindMunicipality, Province: "PV21", Region: "Súdwest-Fryslân", Population: 120_000, Cooperations: []string{"SW-DIMPACT"}},
		"GM0004":     {Code: "GM0004", Name: "Dalfsen", Kind: contracts.KindMunicipality, Province: "PV21", Region: "Súdwest-Fryslân", Population: 28_000},
		"SW-DIMPACT": {Code: "SW-DIMPACT", Name: "Dimpact", Kind: contracts.KindCooperation},
	}
}

// bdInput is the bundler's input over cs and ds with the default settings
// and an 18-month window.
func bdInput(cs []contracts.ContractSummary, ds []Demand) BundleInput {
	return BundleInput{
		Category: bdCategory, Contracts: cs, Demands: ds, Organizations: bdOrgs(), Today: bdToday,
		WindowMonths: 18, Settings: DefaultBundling(), Rules: DefaultRules(), Bands: DefaultPolicyBands(),
	}
}

func bdOrgCodes(s Suggestion) []string {
	var out []string
	for _, p := range s.Participants {
		out = append(out, p.Organization)
	}
	return out
}

func bdFields(err error) []string {
	var out []string
	for _, f := range apperr.Fields(err) {
		out = append(out, f.Field)
	}
	return out
}

func TestSuggestWindow(t *testing.T) {
	t.Parallel()
	// Contract A ends 31-12-2026 (needed start 01-01-2027), B ends
	// 31-05-2028 (needed start 01-06-2028): 17 months apart.
	cs := []contracts.ContractSummary{
		bdContract(1, "GM0001", bdDate(2024, 1, 1), 36, 120_000, "KPN"),
		bdContract(2, "GM0002", bdDate(2025, 6, 1), 36, 150_000, "Vodafone"),
	}
	tests := []struct {
		name     string
		window   int
		wantKeys []string
		wantOrgs [][]string
	}{
		{"18-month window (DESIGN §4): needed starts 17 months apart share one tender", 18,
			[]string{"c3-20270101-w18"}, [][]string{{"GM0001", "GM0002"}}},
		{"12-month window: 17 months apart is two separate needs, no bundle", 12, nil, nil},
		{"17-month window: the window is exclusive, the start 17 months on falls outside", 17, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := bdInput(cs, nil)
			in.WindowMonths = tt.window
			got, err := Suggest(in)
			if err != nil {
				t.Fatalf("Suggest(window %d) error = %v", tt.window, err)
			}
			var keys []string
			var orgs [][]string
			for _, s := range got {
				keys, orgs = append(keys, s.Key), append(orgs, bdOrgCodes(s))
			}
			if !slices.Equal(keys, tt.wantKeys) {
				t.Errorf("Suggest(window %d) keys = %v, want %v", tt.window, keys, tt.wantKeys)
			}
			if !slices.EqualFunc(orgs, tt.wantOrgs, slices.Equal) {
				t.Errorf("Suggest(window %d) participants = %v, want %v", tt.window, orgs, tt.wantOrgs)
			}
			clusters := Clusters(Candidates(in), tt.window, GroupNone, nil)
			wantClusters := 2
			if len(tt.wantKeys) == 1 {
				wantClusters = 1
			}
			if len(clusters) != wantClusters {
				t.Errorf("Clusters(window %d) = %d clusters, want %d", tt.window, len(clusters), wantClusters)
			}
		})
	}
}

func TestSuggestInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		window    int
		grouping  Grouping
		wantField []string
	}{
		{"window 0", 0, GroupNone, []string{"window"}},
		{"window over 60 months", 61, GroupNone, []string{"window"}},
		{"negative window", -1, GroupNone, []string{"window"}},
		{"unknown grouping", 18, "province", []string{"grouping"}},
		{"every problem at once", 0, "x", []string{"window", "grouping"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := bdInput(nil, nil)
			in.WindowMonths, in.Grouping = tt.window, tt.grouping
			_, err := Suggest(in)
			if !errors.Is(err, apperr.Invalid) {
				t.Fatalf("Suggest(window %d, grouping %q) error = %v, want Invalid", tt.window, tt.grouping, err)
			}
			if got := bdFields(err); !slices.Equal(got, tt.wantField) {
				t.Errorf("Suggest(window %d, grouping %q) fields = %v, want %v", tt.window, tt.grouping, got, tt.wantField)
			}
		})
	}
	for _, w := range []int{1, 60} {
		if err := ValidateWindow(w); err != nil {
			t.Errorf("ValidateWindow(%d) = %v, want nil", w, err)
		}
	}
}

func TestCandidatesNeededStart(t *testing.T) {
	t.Parallel()
	// Ends 31-12-2026; with 3 months' notice the deadline is 30-09-2026.
	base := bdContract(1, "GM0001", bdDate(2024, 1, 1), 36, 100_000, "KPN")
	tests := []struct {
		name  string
		c     contracts.ContractSummary
		today contracts.Date
		want  contracts.Date
	}{
		{"no renewal: end + 1 day (DESIGN §4)", base, bdToday, bdDate(2027, 1, 1)},
		{"tacit renewal, notice still possible: end + 1 day", bdRenewing(base, contracts.RenewalTacit, 3, 3), bdToday, bdDate(2027, 1, 1)},
		{"tacit renewal past the notice deadline: committed to the next period, the need moves a year",
			bdRenewing(base, contracts.RenewalTacit, 3, 3), bdDate(2026, 10, 1), bdDate(2028, 1, 1)},
		{"tacit renewal, notice missed on the last renewal but one: committed to the final end",
			bdRenewing(base, contracts.RenewalTacit, 1, 3), bdDate(2026, 10, 1), bdDate(2028, 1, 1)},
		{"express option is not assumed exercised: end + 1 day", bdRenewing(base, contracts.RenewalExpress, 2, 3), bdToday, bdDate(2027, 1, 1)},
		{"express option exercised: the end moves a period", func() contracts.ContractSummary {
			c := bdRenewing(base, contracts.RenewalExpress, 2, 3)
			c.RenewalsExercised = 1
			return c
		}(), bdToday, bdDate(2028, 1, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := bdInput([]contracts.ContractSummary{tt.c}, nil)
			in.Today = tt.today
			got := Candidates(in)
			if len(got) != 1 {
				t.Fatalf("Candidates() = %d candidates, want 1", len(got))
			}
			if got[0].NeededStart != tt.want || got[0].Source != NeedContract {
				t.Errorf("Candidates()[0] needed start = %s (%s), want %s from the contract", got[0].NeededStart, got[0].Source, tt.want)
			}
		})
	}
}

func TestCandidatesSelection(t *testing.T) {
	t.Parallel()
	terminated := bdContract(9, "GM0004", bdDate(2024, 1, 1), 36, 1_000, "KPN")
	terminated.Status = contracts.StatusTerminated
	draft := bdContract(10, "GM0004", bdDate(2024, 1, 1), 36, 1_000, "KPN")
	draft.Status = contracts.StatusDraft
	otherCategory := bdContract(11, "GM0004", bdDate(2024, 1, 1), 36, 1_000, "KPN")
	otherCategory.CategoryID = 99
	cs := []contracts.ContractSummary{
		bdContract(1, "GM0001", bdDate(2024, 1, 1), 36, 100_000, "KPN"),     // needed 2027-01-01
		bdContract(2, "GM0001", bdDate(2025, 1, 1), 36, 20_000, "Vodafone"), // needed 2028-01-01: within 18 months of the first
		bdContract(3, "GM0001", bdDate(2026, 1, 1), 48, 7_000, "Odido"),     // needed 2030-01-01: beyond the horizon
		bdContract(4, "GM0002", bdDate(2024, 1, 1), 36, 80_000, "KPN"),      // replaced by demand
		bdContract(5, "GM0003", bdDate(2020, 1, 1), 36, 80_000, "KPN"),      // expired 2022
		bdContract(6, "GM0003", bdDate(2026, 1, 1), 12*4, 80_000, "KPN"),    // needed 2030-01-01: beyond
		terminated, draft, otherCategory,
	}
	ds := []Demand{
		{ID: 21, Organization: "GM0002", CategoryID: 3, Quantity: 400, Unit: "aansluitingen", DesiredStart: bdDate(2027, 3, 1), ReplacesContractID: 4, Status: DemandSubmitted},
		{ID: 22, Organization: "GM0003", CategoryID: 3, Quantity: 900, Unit: "aansluitingen", DesiredStart: bdDate(2027, 6, 1), AnnualBudget: 300_000 * euro, Status: DemandDraft},
		{ID: 23, Organization: "GM0004", CategoryID: 3, DesiredStart: bdDate(2027, 6, 1), AnnualBudget: 300_000 * euro, Status: DemandWithdrawn},
		{ID: 24, Organization: "GM0004", CategoryID: 3, DesiredStart: bdDate(2025, 6, 1), AnnualBudget: 300_000 * euro, Status: DemandSubmitted},
	}
	in := bdInput(append(cs, bdContract(12, "GM0005", bdDate(2024, 1, 1), 36, 1_000, "KPN")), ds)
	in.Engaged = map[string]int64{"GM0005": 7}
	got := Candidates(in)
	type row struct {
		org      string
		start    contracts.Date
		source   NeedSource
		contract int64
		annual   contracts.Money
		demand   int64
		quantity int64
	}
	var rows []row
	for _, c := range got {
		rows = append(rows, row{c.Organization, c.NeededStart, c.Source, c.Contract.ID, c.Annual, c.DemandID, c.Quantity})
	}
	want := []row{
		// Two contracts within the window from the first add up; the third
		// lies beyond the horizon.
		{"GM0001", bdDate(2027, 1, 1), NeedContract, 1, 120_000 * euro, 0, 0},
		// The demand replaces contract 4: its desired start counts, its
		// value is the contract's when the demand names no budget.
		{"GM0002", bdDate(2027, 3, 1), NeedDemand, 4, 80_000 * euro, 21, 400},
		// Draft demand counts; the expired contract does not.
		{"GM0003", bdDate(2027, 6, 1), NeedDemand, 0, 300_000 * euro, 22, 900},
		// GM0004: withdrawn demand, demand in the past, terminated, draft
		// and other-category contracts: no candidate. GM0005 takes part in
		// a running tender of the category: no candidate.
	}
	if !slices.Equal(rows, want) {
		t.Errorf("Candidates() =\n%v\nwant\n%v", rows, want)
	}
}

func TestSuggestBridges(t *testing.T) {
	t.Parallel()
	// Both need a new contract within months: the plan (120 + 40 + 30 +
	// 21 + 60 days) cannot meet that, so both need a bridge.
	optionLeft := bdRenewing(bdContract(1, "GM0001", bdDate(2024, 7, 1), 24, 100_000, "KPN"), contracts.RenewalExpress, 2, 1) // ends 30-06-2026, option decision by 31-05-2026
	tacit := bdRenewing(bdContract(2, "GM0002", bdDate(2023, 11, 1), 36, 100_000, "KPN"), contracts.RenewalTacit, 0, 1)       // ends 31-10-2026, renews without limit
	noOption := bdContract(3, "GM0003", bdDate(2023, 8, 1), 36, 100_000, "Vodafone")                                          // ends 31-07-2026
	lapsed := bdRenewing(bdContract(4, "GM0004", bdDate(2023, 9, 1), 36, 100_000, "Odido"), contracts.RenewalExpress, 1, 6)   // ends 31-08-2026, option decision was 28-02-2026
	got, err := Suggest(bdInput([]contracts.ContractSummary{optionLeft, tacit, noOption, lapsed}, nil))
	if err != nil || len(got) != 1 {
		t.Fatalf("Suggest() = %d suggestions, %v; want 1", len(got), err)
	}
	s := got[0]
	if s.Urgency != UrgencyLate {
		t.Errorf("Urgency = %q, want %q", s.Urgency, UrgencyLate)
	}
	if want := bdToday.AddDays(120 + 40 + 30 + 21 + 60); s.PlannedStart != want || s.PreparationStart != bdToday {
		t.Errorf("PlannedStart, PreparationStart = %s, %s; want %s (earliest feasible), %s (today)", s.PlannedStart, s.PreparationStart, want, bdToday)
	}
	tests := []struct {
		org                       string
		name                      string
		needs, bridgeable, atRisk bool
	}{
		{"GM0001", "express option left: bridgeable with the extension option", true, true, false},
		{"GM0002", "tacit renewal left: bridgeable", true, true, false},
		{"GM0003", "no renewal at all: at risk", true, false, true},
		{"GM0004", "option decision deadline passed: at risk", true, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := slices.IndexFunc(s.Participants, func(p BundleParticipant) bool { return p.Organization == tt.org })
			if i < 0 {
				t.Fatalf("participant %s missing", tt.org)
			}
			p := s.Participants[i]
			if p.NeedsBridge != tt.needs || p.Bridgeable != tt.bridgeable || p.AtRisk != tt.atRisk {
				t.Errorf("%s: needs bridge %v, bridgeable %v, at risk %v; want %v, %v, %v (%+v)",
					tt.org, p.NeedsBridge, p.Bridgeable, p.AtRisk, tt.needs, tt.bridgeable, tt.atRisk, p.Gap)
			}
		})
	}
	if s.Bridges != 4 || s.AtRisk != 2 {
		t.Errorf("Bridges, AtRisk = %d, %d; want 4, 2", s.Bridges, s.AtRisk)
	}
}

func TestSuggestPlan(t *testing.T) {
	t.Parallel()
	// Needed start 01-06-2027, far enough ahead for the whole plan.
	cs := []contracts.ContractSummary{
		bdContract(1, "GM0001", bdDate(2024, 6, 1), 36, 100_000, "KPN"),
		bdContract(2, "GM0002", bdDate(2024, 9, 1), 36, 100_000, "KPN"),
	}
	got, err := Suggest(bdInput(cs, nil))
	if err != nil || len(got) != 1 {
		t.Fatalf("Suggest() = %d suggestions, %v; want 1", len(got), err)
	}
	s := got[0]
	date := func(key string) contracts.Date {
		m, ok := s.Plan.Milestone(key)
		if !ok {
			t.Fatalf("plan has no milestone %s", key)
		}
		return m.Date
	}
	pub, deadline, award := date(MilestonePublication), date(MilestoneTenderDeadline), date(MilestoneAwardDecision)
	standstill, signature, start := date(MilestoneStandstillEnd), date(MilestoneContractSignature), date(MilestoneStart)
	tests := []struct {
		name string
		from contracts.Date
		to   contracts.Date
		want int
	}{
		{"open procedure, electronic, documents online: 40 days notice to tender deadline (Aw 2012 art. 2.71/2.74a)", pub, deadline, 40},
		{"evaluation: 30 days (planning assumption)", deadline, award, 30},
		{"standstill: 20 calendar days from the day after the award decision (Aw 2012 art. 2.127)", award, standstill, 20},
		{"signature the day after the standstill (Aw 2012 art. 2.127)", standstill, signature, 1},
		{"implementation: 60 days to the needed start", signature, start, 60},
		{"preparation: 120 days before publication", s.PreparationStart, pub, 120},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.from.DaysUntil(tt.to); got != tt.want {
				t.Errorf("%s → %s = %d days, want %d", tt.from, tt.to, got, tt.want)
			}
		})
	}
	if start != bdDate(2027, 6, 1) || s.PlannedStart != start || s.Tender.NeededStart != start {
		t.Errorf("start = %s, PlannedStart %s, NeededStart %s; want the earliest needed start 2027-06-01", start, s.PlannedStart, s.Tender.NeededStart)
	}
	if s.Plan.TimelineProcedure != TimelineOpen || s.Plan.Procedure != ProcedureOpen || !s.Plan.Determination.European {
		t.Errorf("procedure = %s/%s, European %v; want a European open procedure (2 × €\u00a0100.000 × 4 years ≥ threshold)",
			s.Plan.Procedure, s.Plan.TimelineProcedure, s.Plan.Determination.European)
	}
	// 36 months + 12 months option = 48 months: € 200.000 × 4.
	if s.Plan.Estimate.Total != 800_000*euro || s.Plan.Threshold != 216_000*euro || s.Plan.ThresholdDate != pub {
		t.Errorf("estimate %d cents, threshold %d on %s; want €\u00a0800.000,00, €\u00a0216.000,00 on the publication %s",
			int64(s.Plan.Estimate.Total), int64(s.Plan.Threshold), s.Plan.ThresholdDate, pub)
	}
	if s.Urgency != UrgencySoon || s.Bridges != 0 {
		t.Errorf("Urgency %q, Bridges %d; want soon (preparation by 03-09-2026, in 155 days), 0", s.Urgency, s.Bridges)
	}
}

func TestSuggestBenefitAndRanking(t *testing.T) {
	t.Parallel()
	b := DefaultBundling()
	bf := bundleBenefit(b, 3, 300_000*euro)
	want := Benefit{
		Participants: 3,
		SeparateCost: 75_000 * euro, JointCost: 32_500 * euro, TransactionSaving: 42_500 * euro,
		DiscountPerYear: 15_000 * euro, DiscountOverTerm: 45_000 * euro, Total: 87_500 * euro,
	}
	if bf != want {
		t.Errorf("bundleBenefit(3 participants, €\u00a0300.000 a year) = %+v, want %+v", bf, want)
	}

	// A small bundle whose preparation must start now outranks a larger
	// one that can wait, until the larger one's benefit is over 1.5 times.
	urgent := []contracts.ContractSummary{ // needed 01-02-2027: preparation by 05-05-2026
		bdContract(1, "GM0001", bdDate(2024, 2, 1), 36, 100_000, "KPN"),
		bdContract(2, "GM0002", bdDate(2024, 2, 1), 36, 100_000, "KPN"),
	}
	later := func(annualEuro contracts.Money) []contracts.ContractSummary { // needed 01-01-2029
		return []contracts.ContractSummary{
			bdContract(3, "GM0003", bdDate(2025, 1, 1), 48, annualEuro, "KPN"),
			bdContract(4, "GM0004", bdDate(2025, 1, 1), 48, annualEuro, "KPN"),
		}
	}
	tests := []struct {
		name      string
		laterEuro contracts.Money
		wantFirst string
	}{
		{"equal value: urgency decides", 100_000, "c3-20270201-w18"},
		{"later bundle with 1.4 × the benefit: still the urgent one first", 140_000, "c3-20270201-w18"},
		{"later bundle with 2 × the value: benefit decides", 300_000, "c3-20290101-w18"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Suggest(bdInput(append(slices.Clone(urgent), later(tt.laterEuro)...), nil))
			if err != nil || len(got) != 2 {
				t.Fatalf("Suggest() = %d suggestions, %v; want 2", len(got), err)
			}
			if got[0].Key != tt.wantFirst {
				t.Errorf("first = %s (score %d, %s), second %s (score %d, %s); want %s first",
					got[0].Key, got[0].Score, got[0].Urgency, got[1].Key, got[1].Score, got[1].Urgency, tt.wantFirst)
			}
		})
	}
}

func TestSuggestGrouping(t *testing.T) {
	t.Parallel()
	cs := []contracts.ContractSummary{
		bdContract(1, "GM0001", bdDate(2024, 6, 1), 36, 100_000, "KPN"),
		bdContract(2, "GM0002", bdDate(2024, 7, 1), 36, 100_000, "KPN"),
		bdContract(3, "GM0003", bdDate(2024, 8, 1), 36, 100_000, "Vodafone"),
		bdContract(4, "GM0004", bdDate(2024, 9, 1), 36, 100_000, "Odido"),
	}
	tests := []struct {
		name     string
		grouping Grouping
		region   string
		want     map[string][]string
	}{
		{"no grouping: one bundle", GroupNone, "", map[string][]string{"c3-20270601-w18": {"GM0001", "GM0002", "GM0003", "GM0004"}}},
		{"by region, accents folded in the key", GroupRegion, "", map[string][]string{
			"c3-20270601-w18-region-regio-twente":    {"GM0001", "GM0002"},
			"c3-20270801-w18-region-sudwest-fryslan": {"GM0003", "GM0004"},
		}},
		{"one region only", GroupRegion, "súdwest-fryslân", map[string][]string{"c3-20270801-w18-region-sudwest-fryslan": {"GM0003", "GM0004"}}},
		{"by cooperation: members together, the others together", GroupCooperation, "", map[string][]string{
			"c3-20270601-w18-coop-sw-dimpact": {"GM0001", "GM0003"},
			"c3-20270701-w18-coop-":           {"GM0002", "GM0004"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := bdInput(cs, nil)
			in.Grouping, in.Region = tt.grouping, tt.region
			got, err := Suggest(in)
			if err != nil {
				t.Fatalf("Suggest(%q) error = %v", tt.grouping, err)
			}
			m := map[string][]string{}
			for _, s := range got {
				m[s.Key] = bdOrgCodes(s)
				cat, window, grouping, err := ParseBundleKey(s.Key)
				if err != nil || cat != bdCategory.ID || window != 18 || grouping != tt.grouping {
					t.Errorf("ParseBundleKey(%q) = %d, %d, %q, %v; want 3, 18, %q", s.Key, cat, window, grouping, err, tt.grouping)
				}
			}
			if len(m) != len(tt.want) {
				t.Fatalf("Suggest(%q) = %v, want %v", tt.grouping, m, tt.want)
			}
			for k, orgs := range tt.want {
				if !slices.Equal(m[k], orgs) {
					t.Errorf("Suggest(%q)[%s] = %v, want %v (all: %v)", tt.grouping, k, m[k], orgs, m)
				}
			}
		})
	}
}

// bdWords are Words that show the values the bundler and the service
// pass them.
var bdWords = Words{
	DescribeSuggestion: func(s Suggestion) string { return "about " + s.Key },
	SuggestionTitle: func(category string, year int, group string) string {
		return fmt.Sprintf("%s/%d/%s", category, year, group)
	},
	Ungrouped: func(g Grouping) string { return "no " + string(g) },
}

// TestSuggestWords: the bundler titles a draft tender and names a group
// with the words it is given; without them it writes the bare values.
func TestSuggestWords(t *testing.T) {
	t.Parallel()
	cs := []contracts.ContractSummary{
		bdContract(1, "GM0001", bdDate(2024, 6, 1), 36, 100_000, "KPN"),
		bdContract(2, "GM0002", bdDate(2024, 7, 1), 36, 100_000, "KPN"),
		bdContract(3, "GM0003", bdDate(2024, 8, 1), 36, 100_000, "Vodafone"),
		bdContract(4, "GM0004", bdDate(2024, 9, 1), 36, 100_000, "Odido"),
	}
	tests := []struct {
		name  string
		words Words
		want  map[string][2]string // key → group name, title
	}{
		{"with words", bdWords, map[string][2]string{
			"c3-20270601-w18-coop-sw-dimpact": {"Dimpact", "Mobiele telefonie/2027/Dimpact"},
			"c3-20270701-w18-coop-":           {"no cooperation", "Mobiele telefonie/2027/no cooperation"},
		}},
		{"without", Words{}, map[string][2]string{
			"c3-20270601-w18-coop-sw-dimpact": {"Dimpact", "Mobiele telefonie 2027 – Dimpact"},
			"c3-20270701-w18-coop-":           {"", "Mobiele telefonie 2027"},
		}},
	}
	for _, tt := range tests {
		in := bdInput(cs, nil)
		in.Grouping, in.Words = GroupCooperation, tt.words
		got, err := Suggest(in)
		if err != nil || len(got) != len(tt.want) {
			t.Fatalf("%s: Suggest() = %d suggestions, %v; want %d", tt.name, len(got), err, len(tt.want))
		}
		for _, s := range got {
			if w := tt.want[s.Key]; s.GroupName != w[0] || s.Tender.Title != w[1] {
				t.Errorf("%s: suggestion %s group %q, title %q; want %q, %q", tt.name, s.Key, s.GroupName, s.Tender.Title, w[0], w[1])
			}
		}
	}
}

func TestParseBundleKeyInvalid(t *testing.T) {
	t.Parallel()
	for _, key := range []string{"", "c0-20270101-w18", "c3-2027-w18", "c3-20270101-w18-province-x", "c3-20270101-w18-region-Ab", "x"} {
		if _, _, _, err := ParseBundleKey(key); !errors.Is(err, apperr.NotFound) {
			t.Errorf("ParseBundleKey(%q) error = %v, want NotFound", key, err)
		}
	}
}

func TestSuggestLots(t *testing.T) {
	t.Parallel()
	device := func(c contracts.ContractSummary) contracts.ContractSummary {
		c.CPV = "32250000-0"
		return c
	}
	tests := []struct {
		name       string
		cs         []contracts.ContractSummary
		wantTitles []string
		wantBasis  LotBasis
		wantExempt []bool
	}{
		{
			name: "two CPV groups with volume: a lot per service (Aw 2012 art. 1.5 lid 4); the small device lot falls under the lot exemption (art. 2.19)",
			cs: []contracts.ContractSummary{
				bdContract(1, "GM0001", bdDate(2024, 6, 1), 36, 200_000, "KPN"),
				bdContract(2, "GM0002", bdDate(2024, 6, 1), 36, 200_000, "Vodafone"),
				device(bdContract(3, "GM0002", bdDate(2024, 7, 1), 36, 10_000, "Centralpoint")),
			},
			wantTitles: []string{"Mobiele telefoons", "Mobiele telefonie"},
			wantBasis:  LotService, wantExempt: []bool{true, false},
		},
		{
			name: "one service in two provinces above the threshold: regional lots so smaller vendors can bid",
			cs: []contracts.ContractSummary{
				bdContract(1, "GM0001", bdDate(2024, 6, 1), 36, 200_000, "KPN"),
				bdContract(3, "GM0003", bdDate(2024, 6, 1), 36, 200_000, "Vodafone"),
			},
			wantTitles: []string{"Mobiele telefonie – Fryslân", "Mobiele telefonie – Overijssel"},
			wantBasis:  LotRegion, wantExempt: []bool{false, false},
		},
		{
			name: "below the threshold: one lot",
			cs: []contracts.ContractSummary{
				bdContract(1, "GM0001", bdDate(2024, 6, 1), 36, 20_000, "KPN"),
				bdContract(3, "GM0003", bdDate(2024, 6, 1), 36, 20_000, "Vodafone"),
			},
			wantTitles: []string{"Mobiele telefonie"},
			wantBasis:  LotSingle, wantExempt: []bool{false},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Suggest(bdInput(tt.cs, nil))
			if err != nil || len(got) != 1 {
				t.Fatalf("Suggest() = %d suggestions, %v; want 1", len(got), err)
			}
			s := got[0]
			var titles []string
			var exempt []bool
			var sum contracts.Money
			for _, l := range s.Lots {
				titles, exempt = append(titles, l.Title), append(exempt, l.Exempt)
				sum += l.Annual
				if l.Basis != tt.wantBasis {
					t.Errorf("lot %q basis = %q, want %q", l.Title, l.Basis, tt.wantBasis)
				}
			}
			if !slices.Equal(titles, tt.wantTitles) || !slices.Equal(exempt, tt.wantExempt) {
				t.Errorf("lots = %q exempt %v, want %q exempt %v", titles, exempt, tt.wantTitles, tt.wantExempt)
			}
			if sum != s.Annual {
				t.Errorf("lots' annual values add up to %d cents, want the suggestion's %d", int64(sum), int64(s.Annual))
			}
			if len(s.Plan.Estimate.Lots) != len(s.Lots) {
				t.Errorf("plan estimates %d lots, want %d", len(s.Plan.Estimate.Lots), len(s.Lots))
			}
		})
	}
}

// TestSuggestLotsSameTitle: two regional lots whose provinces have no
// name are both titled "… – Bovenregionaal"; each keeps its own estimate
// and exemption (Aw 2012 art. 2.19), because a proposed lot is known by
// what it is cut from (LotProposal.Key), not by its title.
func TestSuggestLotsSameTitle(t *testing.T) {
	t.Parallel()
	in := bdInput([]contracts.ContractSummary{
		bdContract(1, "GM0001", bdDate(2024, 6, 1), 36, 200_000, "KPN"),
		bdContract(3, "GM0003", bdDate(2024, 6, 1), 36, 19_000, "Vodafone"),
	}, nil)
	for code, province := range map[string]string{"GM0001": "", "GM0003": "PV99"} {
		o := in.Organizations[code]
		o.Province = province
		in.Organizations[code] = o
	}
	got, err := Suggest(in)
	if err != nil || len(got) != 1 {
		t.Fatalf("Suggest() = %d suggestions, %v; want 1", len(got), err)
	}
	s := got[0]
	if len(s.Lots) != 2 || s.Lots[0].Title != s.Lots[1].Title {
		t.Fatalf("lots = %+v, want two regional lots with the same title", s.Lots)
	}
	for _, l := range s.Lots {
		// 48 months (36 and the 12-month option) of € 200.000 and of
		// € 19.000 a year; € 76.000 is under € 80.000 and within 20 %.
		wantValue, wantExempt := 800_000*euro, false
		if slices.Equal(l.Organizations, []string{"GM0003"}) {
			wantValue, wantExempt = 76_000*euro, true
		}
		if l.Value != wantValue || l.Exempt != wantExempt {
			t.Errorf("lot %d %q of %v: value %d cents, exempt %v; want %d, %v", l.Number, l.Title, l.Organizations,
				int64(l.Value), l.Exempt, int64(wantValue), wantExempt)
		}
	}
}

// TestSuggestJustification: a suggestion carries what its clustering
// justification states (Aw 2012 art. 1.5; internal/nl words it, see
// bundle_text_test.go): the category's CPV codes, the days to prepare,
// the cooperations to lead it and the bundler's assumptions.
func TestSuggestJustification(t *testing.T) {
	t.Parallel()
	cs := []contracts.ContractSummary{
		bdContract(1, "GM0001", bdDate(2024, 6, 1), 36, 200_000, "KPN"),
		bdContract(2, "GM0002", bdDate(2024, 7, 1), 36, 100_000, "KPN"),
		bdContract(3, "GM0004", bdDate(2024, 8, 1), 36, 100_000, "Vodafone"),
	}
	got, err := Suggest(bdInput(cs, nil))
	if err != nil || len(got) != 1 {
		t.Fatalf("Suggest() = %d suggestions, %v; want 1", len(got), err)
	}
	s := got[0]
	if !slices.Equal(s.CategoryCPV, bdCategory.CPV) || s.Scoped {
		t.Errorf("CategoryCPV %v scoped %v, want %v unscoped", s.CategoryCPV, s.Scoped, bdCategory.CPV)
	}
	if want := bdToday.DaysUntil(s.PreparationStart); s.PreparationDays != want {
		t.Errorf("PreparationDays = %d, want %d", s.PreparationDays, want)
	}
	if want := []CooperationShare{{Code: "SW-DIMPACT", Name: "Dimpact", Participants: 1}}; !slices.Equal(s.Cooperations, want) {
		t.Errorf("Cooperations = %+v, want %+v", s.Cooperations, want)
	}
	keys := assumptionKeys(s.Assumptions)
	for _, k := range []AssumptionKey{AssumeBundleTerm, AssumeTenderCost, AssumeVolumeDiscount} {
		if !slices.Contains(keys, k) {
			t.Errorf("assumptions %v lack %q", keys, k)
		}
	}
}

func TestBundlingValidate(t *testing.T) {
	t.Parallel()
	if err := DefaultBundling().Validate(); err != nil {
		t.Errorf("DefaultBundling().Validate() = %v, want nil", err)
	}
	b := DefaultBundling()
	b.WindowMonths, b.TermMonths, b.Options, b.VolumeDiscountBasisPoints, b.MinParticipants = 61, 48, 2, -1, 1
	want := []string{"bundling.windowMonths", "bundling.minParticipants", "bundling.termMonths", "bundling.volumeDiscountBasisPoints"}
	if got := bdFields(b.Validate()); !slices.Equal(got, want) {
		t.Errorf("Validate() fields = %v, want %v (48 + 2 × 12 months exceeds a framework's 48, Aw 2012 art. 2.140)", got, want)
	}
}

func TestBundlingWithDefaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   Bundling
		want Bundling
	}{
		{"zero: the defaults", Bundling{}, DefaultBundling()},
		{"only the costs configured: window, horizon, term and options from the defaults",
			Bundling{CostPerTender: 1, VolumeDiscountBasisPoints: 100},
			Bundling{WindowMonths: 18, HorizonMonths: 36, MinParticipants: 2, TermMonths: 36, Options: 1, OptionMonths: 12, CostPerTender: 1, VolumeDiscountBasisPoints: 100}},
		{"no options: OptionMonths alone", Bundling{WindowMonths: 12, OptionMonths: 12},
			Bundling{WindowMonths: 12, HorizonMonths: 36, MinParticipants: 2, TermMonths: 36, Options: 0, OptionMonths: 12}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.in.withDefaults(); got != tt.want {
				t.Errorf("%+v.withDefaults() = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}
