package procurement

import (
	"math"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

func TestDemandBounds(t *testing.T) {
	t.Parallel()
	valid := Demand{Organization: "GM0363", CategoryID: 3, Quantity: 1200, Unit: "aansluitingen",
		DesiredStart: contracts.NewDate(2027, 7, 1), AnnualBudget: 250_000 * euro, Status: DemandSubmitted}
	tests := []struct {
		name   string
		edit   func(*Demand)
		want   []string
		wantIn string
	}{
		{"quantity 2^63−1 (bounded quantities, issue 12)", func(d *Demand) { d.Quantity = math.MaxInt64 }, []string{"quantity"}, "exceeds the cap of 1000000000"},
		{"quantity at the cap of 10^9", func(d *Demand) { d.Quantity = contracts.MaxQuantity }, nil, ""},
		{"budget 2^63−1 (bounded money, issue 12)", func(d *Demand) { d.AnnualBudget = math.MaxInt64 }, []string{"annualBudget"}, "exceeds the cap"},
		{"desired start in year 0000 (bounded dates, issue 12)", func(d *Demand) { d.DesiredStart = contracts.NewDate(0, 1, 1) }, []string{"desiredStart"}, "lies outside"},
		{"desired start 2200-01-01", func(d *Demand) { d.DesiredStart = contracts.NewDate(2200, 1, 1) }, []string{"desiredStart"}, "lies outside"},
		{"NUL in the unit (control characters, issue 12)", func(d *Demand) { d.Unit = "aansl\x00" }, []string{"unit"}, "U+0000"},
		{"newlines in the notes are fine", func(d *Demand) { d.Notes = "regel 1\nregel 2" }, nil, ""},
		{"bell in the notes", func(d *Demand) { d.Notes = "ding\a" }, []string{"notes"}, "U+0007"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := valid
			tt.edit(&d)
			checkFieldErrors(t, "Demand.Validate()", d.Validate(), tt.want, tt.wantIn)
		})
	}
}

func TestTenderPartsBounds(t *testing.T) {
	t.Parallel()
	year0 := contracts.NewDate(0, 1, 1)
	tests := []struct {
		name   string
		err    error
		want   []string
		wantIn string
	}{
		{"tender title with NUL (control characters, issue 12)",
			func() error { tn := validTender(); tn.Title = "GT\x00"; return tn.Validate() }(), []string{"title"}, "U+0000"},
		{"tender description may hold newlines",
			func() error { tn := validTender(); tn.Description = "a\n\tb"; return tn.Validate() }(), nil, ""},
		{"tender justification with ESC",
			func() error {
				tn := validTender()
				tn.Procedure, tn.ProcedureJustification = ProcedureOpen, "omdat\x1b"
				return tn.Validate()
			}(), []string{"procedureJustification"}, "U+001B"},
		{"publication and needed start in year 0000 (bounded dates, issue 12)",
			func() error { tn := validTender(); tn.Publication, tn.NeededStart = year0, year0; return tn.Validate() }(),
			[]string{"publication", "neededStart"}, "lies outside"},
		{"lot unit price 2^63−1 (bounded money, issue 12)",
			Lot{Title: "Perceel 1", UnitPrice: math.MaxInt64}.Validate(), []string{"unitPrice"}, "exceeds the cap"},
		{"lot title and unit with controls",
			Lot{Title: "Perceel\u2028", Unit: "st\tuks"}.Validate(), []string{"title", "unit"}, ""},
		{"mandate reference with a newline",
			Mandate{Status: MandateRequested, Reference: "B&W\n2026"}.Validate(contracts.NewDate(2026, 11, 22)), []string{"mandate.reference"}, ""},
		{"mandate requested in year 0000",
			Mandate{Status: MandateRequested, Requested: year0}.Validate(contracts.NewDate(2026, 11, 22)), []string{"mandate.requested"}, "lies outside"},
		{"requirement text may be multi-line, not hold NUL",
			Requirement{Text: "Eis\nmet\x00", Kind: KnockOut}.Validate(), []string{"text"}, "U+0000"},
		{"participant volume of 2^63−1 (bounded quantities, issue 12)",
			Participant{Volumes: []LotVolume{{LotID: 1, Quantity: math.MaxInt64, Annual: math.MaxInt64}}}.ValidateVolumes([]Lot{{ID: 1}}),
			[]string{"volumes[0].quantity", "volumes[0].annual"}, "exceeds the cap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkFieldErrors(t, "Validate()", tt.err, tt.want, tt.wantIn)
		})
	}
}

func TestTimelineBounds(t *testing.T) {
	t.Parallel()
	ms := []Milestone{{Key: MilestoneTenderDeadline, Date: contracts.NewDate(2199, 12, 1)}, {Key: MilestoneStart, Date: contracts.NewDate(2200, 3, 1)}}
	tn := validTender()
	tn.Publication = contracts.NewDate(2199, 10, 1)
	checkFieldErrors(t, "timelineBounds(publication 2199-10-01)", timelineBounds(tn, ms), []string{"publication"}, "timeline date (start)")
	tn.Publication = contracts.Date{}
	checkFieldErrors(t, "timelineBounds(needed start)", timelineBounds(tn, ms), []string{"neededStart"}, "2200-03-01")
	checkFieldErrors(t, "timelineBounds(in bounds)", timelineBounds(tn, ms[:1]), nil, "")
}

func TestSumsDoNotWrap(t *testing.T) {
	t.Parallel()
	// Lots at 2^63−1 used to wrap the estimate to a negative total, so
	// that the tender fell "below the threshold" (issue 12).
	e := EstimatedValue([]LotValue{
		{Lot: "1", Kind: KindServices, Annual: math.MaxInt64, Months: 48, TotalPrice: true},
		{Lot: "2", Kind: KindServices, Annual: math.MaxInt64, Indefinite: true},
	})
	if e.Total <= 0 || e.Lots[0].Value <= 0 || e.Lots[1].Value <= 0 {
		t.Errorf("EstimatedValue(2^63−1 a year) = total %d, lots %d and %d; want positive", e.Total, e.Lots[0].Value, e.Lots[1].Value)
	}
	x := LotExemption(e, 216_000*euro)
	if x.Cap <= 0 || !x.Applies {
		t.Errorf("LotExemption(saturated) = cap %d, applies %v; want a positive cap that applies", x.Cap, x.Applies)
	}
	// Ten participants at the cap: part × 10,000 goes past int64.
	if got := basisPoints(9*contracts.MaxMoney, 10*contracts.MaxMoney); got != 9_000 {
		t.Errorf("basisPoints(9 × cap, 10 × cap) = %d, want 9000", got)
	}
	p := Participant{Volumes: []LotVolume{{Annual: math.MaxInt64}, {Annual: math.MaxInt64}}}
	if got := p.Annual(); got != math.MaxInt64 {
		t.Errorf("Participant.Annual() of 2 × 2^63−1 = %d, want it saturated at %d", got, int64(math.MaxInt64))
	}
	if got := monthsOf(contracts.MaxMoney, 48); got != 4*contracts.MaxMoney {
		t.Errorf("monthsOf(cap, 48) = %d, want %d (the ×48 rule, Aw 2012 art. 2.16)", got, 4*contracts.MaxMoney)
	}
	for _, tt := range []struct{ a, b, want contracts.Money }{{25, 12, 2}, {18, 12, 2}, {17, 12, 1}, {-18, 12, -2}, {math.MaxInt64, 12, 768614336404564651}} {
		if got := divRound(tt.a, tt.b); got != tt.want {
			t.Errorf("divRound(%d, %d) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
