package procurement

import (
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

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
