package procurement_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// These tests read the plan's reasoning as internal/nl words it from the
// plan's values, so they live outside the package.

func planDate(y int, m time.Month, day int) contracts.Date { return contracts.NewDate(y, m, day) }

// planFixture is a joint services tender with one lot and two
// municipalities whose annual values add up to annualEuro: one year, a
// total price, electronic submission with every document online, planned
// forward from publication (as in plan_test.go).
func planFixture(annualEuro contracts.Money, publication contracts.Date) procurement.PlanInput {
	half := annualEuro * euro / 2
	return procurement.PlanInput{
		Tender: procurement.Tender{
			Title: "Mobiele telefonie", CategoryID: 3, Lead: "GM0363", Kind: procurement.KindServices, TermMonths: 12, TotalPrice: true,
			Electronic: true, DocumentsOnline: true, Publication: publication, Status: procurement.TenderCollecting,
		},
		Lots: []procurement.Lot{{ID: 1, Number: 1, Title: "Mobiele telefonie"}},
		Participants: []procurement.Participant{
			{Organization: "GM0363", Name: "Amsterdam", Kind: contracts.KindMunicipality, Population: 931_000,
				Volumes: []procurement.LotVolume{{LotID: 1, Annual: half}}, Mandate: procurement.Mandate{Status: procurement.MandateSigned}},
			{Organization: "GM0014", Name: "Groningen", Kind: contracts.KindMunicipality, Population: 238_000,
				Volumes: []procurement.LotVolume{{LotID: 1, Annual: annualEuro*euro - half}}, Mandate: procurement.Mandate{Status: procurement.MandateRequested}},
		},
		Bands: procurement.DefaultPolicyBands(),
		Today: planDate(2025, 6, 2),
		Rules: procurement.DefaultRules(),
	}
}

// socialFixture is planFixture for social services (Annex XIV) at
// annualEuro a year over one year with a total price.
func socialFixture(annualEuro contracts.Money) procurement.PlanInput {
	in := planFixture(annualEuro, planDate(2026, 3, 2))
	in.Tender.Kind = procurement.KindSocial
	return in
}

func milestoneKeys(ms []procurement.Milestone) []string {
	keys := make([]string, len(ms))
	for i, m := range ms {
		keys[i] = m.Key
	}
	return keys
}

func TestMissingValues(t *testing.T) {
	t.Parallel()
	lots := []procurement.Lot{{ID: 1, Number: 1, Title: "Mobiel"}, {ID: 2, Number: 2, Title: "Vast"}}
	tests := []struct {
		name         string
		lots         []procurement.Lot
		participants []procurement.Participant
		want         []string
	}{
		{"no lots: the tender itself lacks the value (DESIGN §4: an unknown estimate is not €0)", nil, nil,
			[]string{"de aanbesteding heeft nog geen percelen"}},
		{"lots without participants: every lot lacks a value (DESIGN §4)", lots, nil,
			[]string{"perceel Mobiel: nog geen deelnemer met een waarde", "perceel Vast: nog geen deelnemer met een waarde"}},
		{"a quantity without an annual value and a participant without volume are named (DESIGN §4)", lots, []procurement.Participant{
			{Organization: "GM0363", Name: "Amsterdam", Volumes: []procurement.LotVolume{{LotID: 1, Annual: 10_000 * euro}, {LotID: 2, Quantity: 40}}},
			{Organization: "GM0014", Name: "Groningen", Volumes: []procurement.LotVolume{{LotID: 2, Quantity: 0, Annual: 0}}},
		}, []string{"Amsterdam: perceel Vast zonder jaarwaarde", "Groningen: nog geen volume of waarde in een perceel"}},
		{"every volume valued: nothing missing (Aw 2012 art. 2.15)", lots, []procurement.Participant{
			{Organization: "GM0363", Volumes: []procurement.LotVolume{{LotID: 1, Annual: 10_000 * euro}, {LotID: 2, Quantity: 3, Annual: 500 * euro}}},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, m := range procurement.MissingValues(tt.lots, tt.participants) {
				got = append(got, nl.MissingValue(m))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("MissingValues() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestComputePlanProcedureByKind(t *testing.T) {
	t.Parallel()
	pub := planDate(2026, 3, 2)
	tests := []struct {
		name         string
		in           func() procurement.PlanInput
		wantState    procurement.DeterminationState
		want         procurement.Procedure
		wantEuropean bool
		wantTimeline procurement.TimelineProcedure
		wantReason   string
		wantTotal    contracts.Money
	}{
		{"€5.5 M works below the threshold: national open procedure (works band, Gids Proportionaliteit)", func() procurement.PlanInput {
			in := planFixture(5_500_000, planDate(2025, 6, 2))
			in.Tender.Kind = procurement.KindWorks
			return in
		}, procurement.Determined, procurement.ProcedureOpen, false, procurement.TimelineOpen, "nationale openbare procedure (standaardgrenzen werken", 5_500_000 * euro},
		{"works €400,000: multiple-private, not single-source (works band, Gids Proportionaliteit)", func() procurement.PlanInput {
			in := planFixture(400_000, pub)
			in.Tender.Kind = procurement.KindWorks
			return in
		}, procurement.Determined, procurement.ProcedureMultiplePrivate, false, procurement.TimelineOpen, "meervoudig onderhandse procedure", 400_000 * euro},
		{"social services €800,000: light regime (Aw 2012 art. 2.38)", func() procurement.PlanInput { return socialFixture(800_000) },
			procurement.Determined, procurement.ProcedureLight, true, procurement.TimelineLight, "verlicht regime (Aw 2012 art. 2.38)", 800_000 * euro},
		{"social services €700,000: below €750,000, policy bands (Aw 2012 art. 1.4)", func() procurement.PlanInput { return socialFixture(700_000) },
			procurement.Determined, procurement.ProcedureMultiplePrivate, false, procurement.TimelineOpen, "< drempel €\u00a0750.000,00", 700_000 * euro},
		{"no estimate: no procedure, names the missing values (DESIGN §4)", func() procurement.PlanInput {
			in := planFixture(100_000, pub)
			in.Participants = nil
			return in
		}, procurement.MissingInput, "", false, procurement.TimelineOpen, "perceel Mobiele telefonie: nog geen deelnemer met een waarde", 0},
		{"one participant without a value below the threshold: no single-source from a partial estimate (DESIGN §4)", func() procurement.PlanInput {
			in := planFixture(40_000, pub)
			in.Participants[1].Volumes = []procurement.LotVolume{{LotID: 1, Quantity: 300}}
			return in
		}, procurement.MissingInput, "", false, procurement.TimelineOpen, "Groningen: perceel Mobiele telefonie zonder jaarwaarde", 20_000 * euro},
		{"one participant without a value, the rest already above the threshold: European (Aw 2012 art. 2.26)", func() procurement.PlanInput {
			in := planFixture(600_000, pub)
			in.Participants[1].Volumes = nil
			return in
		}, procurement.Determined, procurement.ProcedureOpen, true, procurement.TimelineOpen, "ontbrekende waarden kunnen de raming alleen verhogen", 300_000 * euro},
		{"indefinite services term without a total price: monthly value × 48 (Aw 2012 art. 2.16)", func() procurement.PlanInput {
			in := planFixture(60_000, pub)
			in.Tender.TotalPrice, in.Tender.TermIndefinite = false, true
			return in
		}, procurement.Determined, procurement.ProcedureOpen, true, procurement.TimelineOpen, "Europese openbare procedure", 240_000 * euro},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := procurement.ComputePlan(tt.in())
			d := p.Determination
			if d.State != tt.wantState || p.Procedure != tt.want || d.European != tt.wantEuropean || p.TimelineProcedure != tt.wantTimeline {
				t.Errorf("ComputePlan() = %s %q European %v timeline %s, want %s %q European %v timeline %s",
					d.State, p.Procedure, d.European, p.TimelineProcedure, tt.wantState, tt.want, tt.wantEuropean, tt.wantTimeline)
			}
			reasons, missing := nl.DeterminationReasons(d), nl.MissingValues(d.Missing)
			if !hasText(reasons, tt.wantReason) && !hasText(missing, tt.wantReason) {
				t.Errorf("ComputePlan().Determination = reasons %q missing %q, want %q", reasons, missing, tt.wantReason)
			}
			if p.Estimate.Total != tt.wantTotal {
				t.Errorf("ComputePlan().Estimate.Total = %s, want %s", nl.Money(p.Estimate.Total), nl.Money(tt.wantTotal))
			}
			if len(p.Timeline) == 0 {
				t.Errorf("ComputePlan() has no timeline (%s)", p.TimelineProblem)
			}
		})
	}
}

// TestComputePlanLightRegimeTimeline: the light regime has no statutory
// tender period, so the plan takes 40 days as a planning assumption and
// keeps the standstill (Aw 2012 art. 2.38–2.39, 2.127).
func TestComputePlanLightRegimeTimeline(t *testing.T) {
	t.Parallel()
	p := procurement.ComputePlan(socialFixture(800_000))
	if _, ok := p.Milestone(procurement.MilestoneStandstillEnd); !ok {
		t.Errorf("ComputePlan() light regime timeline = %v, want a standstill (Aw 2012 art. 2.127)", milestoneKeys(p.Timeline))
	}
	deadline, ok := p.Milestone(procurement.MilestoneTenderDeadline)
	if basis := nl.Basis(deadline.Basis); !ok || !strings.Contains(basis, "planningsaanname") || !strings.Contains(basis, "geen wettelijke minimumtermijn") {
		t.Errorf("ComputePlan() light regime tender deadline basis = %q, want a planning assumption without a statutory minimum", basis)
	}
	pub, _ := p.Milestone(procurement.MilestonePublication)
	if days := pub.Date.DaysUntil(deadline.Date); days < 40 {
		t.Errorf("ComputePlan() light regime tender period = %d days, want at least the assumed 40", days)
	}
	var terms string
	for _, a := range nl.Assumptions(p.Assumptions) {
		if a.Name == "Termijnen" {
			terms = a.Value
		}
	}
	if !strings.Contains(terms, "verlicht regime") {
		t.Errorf("ComputePlan() assumptions = %+v, want the light regime's period named as an assumption", p.Assumptions)
	}
}
