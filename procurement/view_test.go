package procurement

import (
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// TestLotSummaries: each lot gets its participants' demand, the plan's
// estimate by position and whether the lot exemption applies to it
// (Aw 2012 art. 2.19).
func TestLotSummaries(t *testing.T) {
	t.Parallel()
	lots := []Lot{{ID: 1, Title: "Vast"}, {ID: 2, Title: "Mobiel"}}
	ps := []Participant{
		{Organization: "A", Volumes: []LotVolume{{LotID: 1, Quantity: 10, Annual: 100_000_00}, {LotID: 2, Quantity: 5, Annual: 5_000_00}}},
		{Organization: "B", Volumes: []LotVolume{{LotID: 1, Quantity: 20, Annual: 200_000_00}}},
	}
	tender := Tender{Kind: KindServices, TermMonths: 48, TotalPrice: true}
	est := EstimatedValue(LotValues(tender, lots, ps))
	v := TenderView{Lots: lots, Participants: ps, Plan: Plan{Estimate: est, Exemption: LotExemption(est, 216_000_00)}}
	got := v.LotSummaries()
	want := []struct {
		participants int
		quantity     int64
		annual       contracts.Money
		exempt       bool
	}{{2, 30, 300_000_00, false}, {1, 5, 5_000_00, true}}
	for i, w := range want {
		g := got[i]
		if g.Participants != w.participants || g.Quantity != w.quantity || g.Annual != w.annual || g.Exempt != w.exempt || g.Estimate.Value != est.Lots[i].Value {
			t.Errorf("lot %s = %+v, want %+v with estimate %d", g.Title, g, w, est.Lots[i].Value)
		}
	}
}

// TestTenderViewAnnual: the participants' annual value over every lot,
// as the dossier's summary states it.
func TestTenderViewAnnual(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		ps   []Participant
		want contracts.Money
	}{
		{"no participants", nil, 0},
		{"two participants over two lots", []Participant{
			{Organization: "A", Volumes: []LotVolume{{LotID: 1, Annual: 100_000_00}, {LotID: 2, Annual: 5_000_00}}},
			{Organization: "B", Volumes: []LotVolume{{LotID: 1, Annual: 200_000_00}}},
		}, 305_000_00},
		{"a participant without volumes adds nothing", []Participant{{Organization: "A"}, {Organization: "B", Volumes: []LotVolume{{LotID: 1, Annual: 1}}}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := (TenderView{Participants: tt.ps}).Annual(); got != tt.want {
				t.Errorf("Annual() = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestTenderViewRatingTally: a participant's ratings of the requirements
// counted per MoSCoW rating; a requirement it has not rated counts as
// unrated.
func TestTenderViewRatingTally(t *testing.T) {
	t.Parallel()
	v := TenderView{Requirements: []Requirement{
		{Number: 1, Ratings: map[string]Rating{"A": Must, "B": Wont}},
		{Number: 2, Ratings: map[string]Rating{"A": Must, "B": Could}},
		{Number: 3, Ratings: map[string]Rating{"A": Should}},
		{Number: 4},
	}}
	tests := []struct {
		org  string
		want RatingTally
	}{
		{"A", RatingTally{Must: 2, Should: 1, Unrated: 1}},
		{"B", RatingTally{Could: 1, Wont: 1, Unrated: 2}},
		{"C", RatingTally{Unrated: 4}},
	}
	for _, tt := range tests {
		if got := v.RatingTally(tt.org); got != tt.want {
			t.Errorf("RatingTally(%s) = %+v, want %+v", tt.org, got, tt.want)
		}
	}
}

// TestLotSummariesSameTitle: two lots of one tender with the same title
// keep their own estimate and exemption; a lot is known by its id, not by
// its title or its place in a list (Aw 2012 art. 2.19 exempts a lot, not
// a name).
func TestLotSummariesSameTitle(t *testing.T) {
	t.Parallel()
	lots := []Lot{{ID: 11, Number: 1, Title: "Telefonie"}, {ID: 12, Number: 2, Title: "Telefonie"}, {ID: 13, Number: 3, Title: "Data"}}
	ps := []Participant{
		{Organization: "A", Volumes: []LotVolume{{LotID: 11, Annual: 100_000_00}, {LotID: 12, Annual: 5_000_00}, {LotID: 13, Annual: 300_000_00}}},
	}
	tender := Tender{Kind: KindServices, TermMonths: 48, TotalPrice: true}
	// The plan estimates the lots in another order than the view lists
	// them: the summaries must pair them up by id all the same.
	est := EstimatedValue(LotValues(tender, []Lot{lots[2], lots[1], lots[0]}, ps))
	v := TenderView{Lots: lots, Participants: ps, Plan: Plan{Estimate: est, Exemption: LotExemption(est, 216_000_00)}}
	got := v.LotSummaries()
	want := []struct {
		value  contracts.Money
		exempt bool
	}{{400_000_00, false}, {20_000_00, true}, {1_200_000_00, false}}
	for i, w := range want {
		if g := got[i]; g.ID != lots[i].ID || g.Estimate.Value != w.value || g.Exempt != w.exempt {
			t.Errorf("lot %d %q: estimate %d, exempt %v; want %d, %v", g.ID, g.Title, g.Estimate.Value, g.Exempt, w.value, w.exempt)
		}
	}
}

// TestCallOffValue: a call-off is worth the participant's annual value in
// the lot over the initial term, rounded half up to the cent; without an
// annual value it is unknown, not €0 (DESIGN §4).
func TestCallOffValue(t *testing.T) {
	t.Parallel()
	v := TenderView{
		Tender: Tender{TermMonths: 7},
		Participants: []Participant{
			{Organization: "A", Volumes: []LotVolume{{LotID: 1, Quantity: 3, Annual: 1_234_56}, {LotID: 2, Quantity: 4}}},
			{Organization: "B", Volumes: []LotVolume{{LotID: 1, Annual: 12_00}}},
			{Organization: "D", Volumes: []LotVolume{{LotID: 1, Annual: 6}}},
		},
	}
	tests := []struct {
		name   string
		c      CallOff
		want   contracts.Money
		wantOK bool
	}{
		{"€\u00a01.234,56 a year over 7 months is €\u00a0720,16 (720.1600)", CallOff{Organization: "A", LotID: 1}, 720_16, true},
		{"€\u00a012,00 a year over 7 months is €\u00a07,00", CallOff{Organization: "B", LotID: 1}, 7_00, true},
		{"6 cents a year over 7 months is 3.5 cents: half up to 4", CallOff{Organization: "D", LotID: 1}, 4, true},
		{"a quantity without an annual value: unknown", CallOff{Organization: "A", LotID: 2}, 0, false},
		{"no volume in the lot: unknown", CallOff{Organization: "B", LotID: 2}, 0, false},
		{"not a participant: unknown", CallOff{Organization: "C", LotID: 1}, 0, false},
	}
	for _, tt := range tests {
		got, ok := v.CallOffValue(tt.c)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("%s: CallOffValue(%+v) = %d, %v; want %d, %v", tt.name, tt.c, got, ok, tt.want, tt.wantOK)
		}
	}
}
