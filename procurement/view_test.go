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
