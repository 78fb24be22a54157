package procurement

import (
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// TestChosenDeadline: a tender deadline chosen by hand moves the rest of
// the timeline when it respects the minimum period, and is stated as a
// problem (the minimum plan kept) when it does not (Aw 2012
// art. 2.71–2.74a).
func TestChosenDeadline(t *testing.T) {
	t.Parallel()
	base := Tender{Title: "T", CategoryID: 1, Lead: "GM0363", Kind: KindServices, TermMonths: 12, Status: TenderDraft,
		Electronic: true, DocumentsOnline: true, Publication: tlDate(2027, 2, 1)}
	tests := []struct {
		name         string
		procedure    Procedure
		deadline     contracts.Date
		wantDeadline contracts.Date
		wantProblem  string
		publication  contracts.Date
	}{
		{"open, electronic: 40 days is the minimum, a later date is kept (Aw 2012 art. 2.71/2.74a)", "", tlDate(2027, 3, 20), tlDate(2027, 3, 20), "", contracts.Date{}},
		{"open, electronic: exactly 40 days is Saturday 13 March 2027 and refused; the period runs on to Monday 15 March (Atw art. 1)", "", tlDate(2027, 3, 13), tlDate(2027, 3, 15), "15-03-2027", contracts.Date{}},
		{"open, electronic: Monday 15 March 2027, where the period ends, is allowed (Atw art. 1)", "", tlDate(2027, 3, 15), tlDate(2027, 3, 15), "", contracts.Date{}},
		{"open, electronic: 39 days is refused", "", tlDate(2027, 3, 12), tlDate(2027, 3, 15), "15-03-2027", contracts.Date{}},
		{"restricted, electronic: 30 days for requests, 14 of selection, then 35 (Aw 2012 art. 2.71–2.74a)", ProcedureRestricted,
			tlDate(2027, 4, 21), tlDate(2027, 4, 21), "", contracts.Date{}},
		{"restricted: a deadline that leaves no room for the requests is refused", ProcedureRestricted, tlDate(2027, 3, 20), tlDate(2027, 4, 21), "21-04-2027", contracts.Date{}},
		{"DESIGN §4: the Sunday 13 December 2026 at exactly 40 days after 3 November is refused, the earliest is Monday 14 December (Atw art. 1)", "",
			tlDate(2026, 12, 13), tlDate(2026, 12, 14), "vroegste sluitingstermijn (Aw 2012 art. 2.71/2.74a: 45 dagen, min 5 bij elektronische inschrijving; eindigt op zondag 13-12-2026; loopt door tot maandag 14-12-2026", tlDate(2026, 11, 3)},
		{"a deadline on Whit Monday 25 May 2026 at exactly 40 days is refused, the earliest is Tuesday 26 May (Atw art. 3 lid 1)", "",
			tlDate(2026, 5, 25), tlDate(2026, 5, 26), "26-05-2026", tlDate(2026, 4, 15)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tender := base
			if tt.publication != (contracts.Date{}) {
				tender.Publication = tt.publication
			}
			tender.TenderDeadline = tt.deadline
			if tt.procedure != "" {
				tender.Procedure, tender.ProcedureJustification = tt.procedure, "marktverkenning: veel aanbieders"
			}
			p := ComputePlan(PlanInput{Tender: tender, Bands: DefaultPolicyBands(), Today: tlDate(2026, 11, 22), Rules: DefaultRules()})
			m, _ := p.Milestone(MilestoneTenderDeadline)
			if m.Date != tt.wantDeadline {
				t.Errorf("tender deadline %s, want %s", m.Date, tt.wantDeadline)
			}
			if tt.wantProblem == "" && say(p.DeadlineProblem) != "" || tt.wantProblem != "" && !strings.Contains(say(p.DeadlineProblem), tt.wantProblem) {
				t.Errorf("DeadlineProblem %q, want it to name %q", say(p.DeadlineProblem), tt.wantProblem)
			}
			if c, _ := p.Milestone(MilestoneClarification); c.Date != m.Date.AddDays(-10) {
				t.Errorf("last clarification %s, want 10 days before the deadline %s (PIANOo)", c.Date, m.Date)
			}
		})
	}
	noPublication := base
	noPublication.Publication, noPublication.TenderDeadline = contracts.Date{}, tlDate(2027, 3, 20)
	if err := noPublication.Validate(); err == nil || !strings.Contains(err.Error(), "tenderDeadline") {
		t.Errorf("a chosen deadline without a publication date: %v, want a tenderDeadline error", err)
	}
}
