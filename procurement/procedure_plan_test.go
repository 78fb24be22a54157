package procurement

import (
	"slices"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

func TestMissingValues(t *testing.T) {
	t.Parallel()
	lots := []Lot{{ID: 1, Number: 1, Title: "Mobiel"}, {ID: 2, Number: 2, Title: "Vast"}}
	tests := []struct {
		name         string
		lots         []Lot
		participants []Participant
		want         []string
	}{
		{"no lots: the tender itself lacks the value (DESIGN §4: an unknown estimate is not €0)", nil, nil,
			[]string{"de aanbesteding heeft nog geen percelen"}},
		{"lots without participants: every lot lacks a value (DESIGN §4)", lots, nil,
			[]string{"perceel Mobiel: nog geen deelnemer met een waarde", "perceel Vast: nog geen deelnemer met een waarde"}},
		{"a quantity without an annual value and a participant without volume are named (DESIGN §4)", lots, []Participant{
			{Organization: "GM0363", Name: "Amsterdam", Volumes: []LotVolume{{LotID: 1, Annual: 10_000 * euro}, {LotID: 2, Quantity: 40}}},
			{Organization: "GM0014", Name: "Groningen", Volumes: []LotVolume{{LotID: 2, Quantity: 0, Annual: 0}}},
		}, []string{"Amsterdam: perceel Vast zonder jaarwaarde", "Groningen: nog geen volume of waarde in een perceel"}},
		{"every volume valued: nothing missing (Aw 2012 art. 2.15)", lots, []Participant{
			{Organization: "GM0363", Volumes: []LotVolume{{LotID: 1, Annual: 10_000 * euro}, {LotID: 2, Quantity: 3, Annual: 500 * euro}}},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, m := range MissingValues(tt.lots, tt.participants) {
				got = append(got, m.Dutch())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("MissingValues() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTenderValidateIndefiniteTerm(t *testing.T) {
	t.Parallel()
	valid := Tender{Title: "Schoonmaak", CategoryID: 3, Lead: "GM0363", Kind: KindServices, TermMonths: 12, TermIndefinite: true, Status: TenderDraft}
	tests := []struct {
		name   string
		edit   func(*Tender)
		want   []string
		wantIn string
	}{
		{"indefinite term without a total price is valid (Aw 2012 art. 2.16)", func(*Tender) {}, nil, ""},
		{"indefinite term with a total price: 422 on termIndefinite (Aw 2012 art. 2.16)", func(t *Tender) { t.TotalPrice = true },
			[]string{"termIndefinite"}, "total price"},
		{"indefinite term with options: 422 on termIndefinite", func(t *Tender) { t.Options = []Option{{Months: 12}} },
			[]string{"termIndefinite"}, "options"},
		{"indefinite framework without justification (Aw 2012 art. 2.140)", func(t *Tender) { t.Framework = true },
			[]string{"termIndefinite"}, "2.140"},
		{"indefinite framework with an objective justification (Aw 2012 art. 2.140)", func(t *Tender) { t.Framework, t.FrameworkJustified = true, true }, nil, ""},
		{"the light regime is determined, never chosen (Aw 2012 art. 2.38)", func(t *Tender) {
			t.Procedure, t.ProcedureJustification = ProcedureLight, "sociaal domein"
		}, []string{"procedure"}, "2.38"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tender := valid
			tt.edit(&tender)
			checkFieldErrors(t, "Tender.Validate()", tender.Validate(), tt.want, tt.wantIn)
		})
	}
}

// socialFixture is planFixture for social services (Annex XIV) at
// annualEuro a year over one year with a total price.
func socialFixture(annualEuro contracts.Money) PlanInput {
	in := planFixture(annualEuro, planDate(2026, 3, 2))
	in.Tender.Kind = KindSocial
	return in
}

func TestComputePlanProcedureByKind(t *testing.T) {
	t.Parallel()
	pub := planDate(2026, 3, 2)
	tests := []struct {
		name         string
		in           func() PlanInput
		wantState    DeterminationState
		want         Procedure
		wantEuropean bool
		wantTimeline TimelineProcedure
		wantReason   string
		wantTotal    contracts.Money
	}{
		{"€5.5 M works below the threshold: national open procedure (works band, Gids Proportionaliteit)", func() PlanInput {
			in := planFixture(5_500_000, planDate(2025, 6, 2))
			in.Tender.Kind = KindWorks
			return in
		}, Determined, ProcedureOpen, false, TimelineOpen, "nationale openbare procedure (standaardgrenzen werken", 5_500_000 * euro},
		{"works €400,000: multiple-private, not single-source (works band, Gids Proportionaliteit)", func() PlanInput {
			in := planFixture(400_000, pub)
			in.Tender.Kind = KindWorks
			return in
		}, Determined, ProcedureMultiplePrivate, false, TimelineOpen, "meervoudig onderhandse procedure", 400_000 * euro},
		{"social services €800,000: light regime (Aw 2012 art. 2.38)", func() PlanInput { return socialFixture(800_000) },
			Determined, ProcedureLight, true, TimelineLight, "verlicht regime (Aw 2012 art. 2.38)", 800_000 * euro},
		{"social services €700,000: below €750,000, policy bands (Aw 2012 art. 1.4)", func() PlanInput { return socialFixture(700_000) },
			Determined, ProcedureMultiplePrivate, false, TimelineOpen, "< drempel € 750.000,00", 700_000 * euro},
		{"no estimate: no procedure, names the missing values (DESIGN §4)", func() PlanInput {
			in := planFixture(100_000, pub)
			in.Participants = nil
			return in
		}, MissingInput, "", false, TimelineOpen, "perceel Mobiele telefonie: nog geen deelnemer met een waarde", 0},
		{"one participant without a value below the threshold: no single-source from a partial estimate (DESIGN §4)", func() PlanInput {
			in := planFixture(40_000, pub)
			in.Participants[1].Volumes = []LotVolume{{LotID: 1, Quantity: 300}}
			return in
		}, MissingInput, "", false, TimelineOpen, "Groningen: perceel Mobiele telefonie zonder jaarwaarde", 20_000 * euro},
		{"one participant without a value, the rest already above the threshold: European (Aw 2012 art. 2.26)", func() PlanInput {
			in := planFixture(600_000, pub)
			in.Participants[1].Volumes = nil
			return in
		}, Determined, ProcedureOpen, true, TimelineOpen, "ontbrekende waarden kunnen de raming alleen verhogen", 300_000 * euro},
		{"indefinite services term without a total price: monthly value × 48 (Aw 2012 art. 2.16)", func() PlanInput {
			in := planFixture(60_000, pub)
			in.Tender.TotalPrice, in.Tender.TermIndefinite = false, true
			return in
		}, Determined, ProcedureOpen, true, TimelineOpen, "Europese openbare procedure", 240_000 * euro},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := ComputePlan(tt.in())
			d := p.Determination
			if d.State != tt.wantState || p.Procedure != tt.want || d.European != tt.wantEuropean || p.TimelineProcedure != tt.wantTimeline {
				t.Errorf("ComputePlan() = %s %q European %v timeline %s, want %s %q European %v timeline %s",
					d.State, p.Procedure, d.European, p.TimelineProcedure, tt.wantState, tt.want, tt.wantEuropean, tt.wantTimeline)
			}
			if !hasText(d.Reasons, tt.wantReason) && !hasText(d.Missing, tt.wantReason) {
				t.Errorf("ComputePlan().Determination = reasons %q missing %q, want %q", d.Reasons, d.Missing, tt.wantReason)
			}
			if p.Estimate.Total != tt.wantTotal {
				t.Errorf("ComputePlan().Estimate.Total = %s, want %s", formatEuro(p.Estimate.Total), formatEuro(tt.wantTotal))
			}
			if len(p.Timeline) == 0 {
				t.Errorf("ComputePlan() has no timeline (%s)", say(p.TimelineProblem))
			}
		})
	}
}

// TestComputePlanLightRegimeTimeline: the light regime has no statutory
// tender period, so the plan takes 40 days as a planning assumption and
// keeps the standstill (Aw 2012 art. 2.38–2.39, 2.127).
func TestComputePlanLightRegimeTimeline(t *testing.T) {
	t.Parallel()
	p := ComputePlan(socialFixture(800_000))
	if _, ok := p.Milestone(MilestoneStandstillEnd); !ok {
		t.Errorf("ComputePlan() light regime timeline = %v, want a standstill (Aw 2012 art. 2.127)", milestoneKeys(p.Timeline))
	}
	deadline, ok := p.Milestone(MilestoneTenderDeadline)
	if !ok || !strings.Contains(deadline.Basis, "planningsaanname") || !strings.Contains(deadline.Basis, "geen wettelijke minimumtermijn") {
		t.Errorf("ComputePlan() light regime tender deadline basis = %q, want a planning assumption without a statutory minimum", deadline.Basis)
	}
	pub, _ := p.Milestone(MilestonePublication)
	if days := pub.Date.DaysUntil(deadline.Date); days < 40 {
		t.Errorf("ComputePlan() light regime tender period = %d days, want at least the assumed 40", days)
	}
	var terms string
	for _, a := range p.Assumptions {
		if a.Name == "Termijnen" {
			terms = a.Value
		}
	}
	if !strings.Contains(terms, "verlicht regime") {
		t.Errorf("ComputePlan() assumptions = %+v, want the light regime's period named as an assumption", p.Assumptions)
	}
}

// TestComputePlanOverrideLightRegime: the light regime cannot be chosen
// for ordinary services; for social services the open procedure may be
// chosen instead (Aw 2012 art. 2.38).
func TestComputePlanOverrideLightRegime(t *testing.T) {
	t.Parallel()
	in := planFixture(300_000, planDate(2026, 3, 2))
	in.Tender.Procedure, in.Tender.ProcedureJustification = ProcedureLight, "sociaal"
	p := ComputePlan(in)
	if p.Procedure != ProcedureOpen || p.Overridden || !hasText(dutch(p.Warnings), "verlicht regime volgt uit de soort opdracht") {
		t.Errorf("ComputePlan() services overridden to the light regime = %s overridden %v warnings %q, want open with a warning", p.Procedure, p.Overridden, dutch(p.Warnings))
	}
	social := socialFixture(800_000)
	social.Tender.Procedure, social.Tender.ProcedureJustification = ProcedureOpen, "Volledig Europees voor de vergelijkbaarheid."
	p = ComputePlan(social)
	if p.Procedure != ProcedureOpen || !p.Overridden || p.TimelineProcedure != TimelineOpen {
		t.Errorf("ComputePlan() social services overridden to open = %s overridden %v timeline %s, want open, overridden, open timeline", p.Procedure, p.Overridden, p.TimelineProcedure)
	}
}
