package web_test

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// tender283 builds the model case of DESIGN §1 through the services on a
// fresh store: a joint telephony tender with 283 participants (241
// municipalities of every size class, Amsterdam among them, and 42
// provinces, water boards and joint arrangements), 3 lots, 40
// requirements rated by every participant, mandates in mixed states and
// a current contract in the category for each participant. Everything
// follows from the participant's index, so every run builds the same
// tender.
func tender283(b *testing.B) (testApp, int64) {
	b.Helper()
	ctx := context.Background()
	popDate := contracts.NewDate(2025, 1, 1)
	// Three in ten municipalities under 20k inhabitants, four 20–50k, two
	// 50–100k and one over 100k, spread within the class by the index.
	classes := [10]struct{ from, span int }{{3_000, 17_000}, {3_000, 17_000}, {3_000, 17_000}, {20_000, 30_000}, {20_000, 30_000},
		{20_000, 30_000}, {20_000, 30_000}, {50_000, 50_000}, {50_000, 50_000}, {100_000, 700_000}}
	population := func(i int) int { c := classes[i%10]; return c.from + i*7_919%c.span }
	provinces := contracts.Provinces()
	orgs := []contracts.Organization{{Code: "GM0363", Name: "Amsterdam", Kind: contracts.KindMunicipality, Province: "PV27", Population: 934_526, PopulationDate: popDate}}
	for i := 1; i < 241; i++ {
		orgs = append(orgs, contracts.Organization{Code: fmt.Sprintf("GM%04d", 1000+i), Name: fmt.Sprintf("Gemeente %d", i), Kind: contracts.KindMunicipality,
			Province: provinces[i%len(provinces)].Code, Population: population(i), PopulationDate: popDate})
	}
	for i, p := range provinces {
		orgs = append(orgs, contracts.Organization{Code: p.Code, Name: "Provincie " + p.Name, Kind: contracts.KindProvince, Province: p.Code,
			Population: 400_000 + i*97_001, PopulationDate: popDate})
	}
	for i := range 30 {
		kind, code, name := contracts.KindWaterBoard, fmt.Sprintf("WS%04d", i+1), fmt.Sprintf("Waterschap %d", i+1)
		if i%2 == 1 {
			kind, code, name = contracts.KindJointArrangement, fmt.Sprintf("GR%04d", i+1), fmt.Sprintf("Regeling %d", i+1)
		}
		orgs = append(orgs, contracts.Organization{Code: code, Name: name, Kind: kind})
	}
	ta := newTestApp(b, orgs...)
	must := func(id int64, err error) int64 {
		b.Helper()
		if err != nil {
			b.Fatal(err)
		}
		return id
	}
	cat := must(ta.svc.CreateCategory(ctx, contracts.Category{Name: "Telefonie", CPV: []string{"64210000-1"}}))
	var vendors []int64
	for i := range 5 {
		vendors = append(vendors, must(ta.svc.CreateVendor(ctx, contracts.Vendor{Name: fmt.Sprintf("Telecom %d B.V.", i+1), KVK: fmt.Sprintf("%08d", 40_000_000+i)})))
	}
	p := ta.procurement
	id := must(p.CreateTender(ctx, procurement.Tender{Title: "GT Mobiele Communicatie 2", CategoryID: cat, CPV: "64212000-5", Lead: "GM0363",
		Kind: procurement.KindServices, Framework: true, FrameworkJustified: true, TermMonths: 48, Options: []procurement.Option{{Months: 12}, {Months: 12}},
		TotalPrice: true, Electronic: true, DocumentsOnline: true, NeededStart: contracts.NewDate(2027, 9, 1)}))
	var lots []int64
	for _, l := range []procurement.Lot{{Title: "Mobiele telefonie", Unit: "aansluitingen"}, {Title: "Vaste telefonie", Unit: "aansluitingen"}, {Title: "Mobiel datanetwerk", Unit: "locaties"}} {
		l.TenderID = id
		lots = append(lots, must(p.AddLot(ctx, l)))
	}
	var reqs []int64
	for r := range 40 {
		kind := procurement.KnockOut
		if r%3 == 2 {
			kind = procurement.AwardCriterion
		}
		reqs = append(reqs, must(p.AddRequirement(ctx, procurement.Requirement{TenderID: id, Text: fmt.Sprintf("Eis %d: dienstverlening volgens het programma van eisen", r+1), Kind: kind})))
	}
	if _, err := p.Transition(ctx, id, procurement.TransitionInput{To: procurement.TenderCollecting}); err != nil {
		b.Fatal(err)
	}
	today := ta.procurement.Today()
	// The current contracts end at different times and renew in every
	// way, so that some gaps can be bridged and others not.
	renewals := []struct {
		kind        contracts.RenewalKind
		months, max int
	}{{contracts.RenewalNone, 0, 0}, {contracts.RenewalTacit, 12, 0}, {contracts.RenewalTacit, 6, 2}, {contracts.RenewalExpress, 12, 2}}
	for i, o := range orgs {
		pop := contracts.Money(max(o.Population, 5_000))
		part := procurement.Participant{TenderID: id, Organization: o.Code, Volumes: []procurement.LotVolume{
			{LotID: lots[0], Quantity: int64(pop / 60), Annual: pop * 90},
			{LotID: lots[1], Quantity: int64(pop / 200), Annual: pop * 45},
			{LotID: lots[2], Quantity: int64(pop/5_000) + 1, Annual: pop * 30},
		}}
		if err := p.SetParticipant(ctx, contracts.Everyone(), part); err != nil {
			b.Fatal(err)
		}
		if i%7 > 1 {
			if err := p.SetMandate(ctx, contracts.Everyone(), id, o.Code, procurement.Mandate{Status: procurement.MandateSigned, Signed: today.AddDays(-i % 60),
				Body: procurement.BodyCollege, Scope: procurement.MandateScope{Documents: true, Award: true}, Reference: fmt.Sprintf("B&W %d", i)}); err != nil {
				b.Fatal(err)
			}
		}
		// Large organizations lean to must and small ones to wont on some
		// requirements, so that conflicts split by size class.
		class := 0
		for k, c := range contracts.SizeClasses() {
			if contracts.SizeClassOf(o.Population) == c {
				class = k
			}
		}
		ratings := make(map[int64]procurement.Rating, len(reqs))
		for r, req := range reqs {
			ratings[req] = procurement.Ratings()[(r+i+class*(r%3))%4]
		}
		if err := p.Rate(ctx, contracts.Everyone(), id, o.Code, ratings); err != nil {
			b.Fatal(err)
		}
		c := contracts.Contract{Organization: o.Code, Number: fmt.Sprintf("TEL-%d", i+1), Title: "Telefonie", VendorID: vendors[i%len(vendors)], CategoryID: cat,
			Start: contracts.NewDate(2022+i%4, time.Month(1+i%12), 1), InitialTermMonths: 36 + 12*(i%3), NoticeMonths: 3, AnnualValue: pop * 165,
			Status: contracts.StatusActive}
		r := renewals[i%len(renewals)]
		c.RenewalKind, c.RenewalPeriodMonths, c.MaxRenewals = r.kind, r.months, r.max
		must(ta.svc.CreateContract(ctx, contracts.Everyone(), c, nil))
	}
	if _, err := p.Transition(ctx, id, procurement.TransitionInput{To: procurement.TenderMandating}); err != nil {
		b.Fatal(err)
	}
	return ta, id
}

// BenchmarkTenderDetailPage measures the tender page of the model case
// (issue 5: ≤ 50 ms) beside procurement.Service.Tender alone, the bare load
// and plan the page rests on; compare the p50 figures. "page" is the
// coordinator's view (every runner's form), "page-member" a member's (its
// own mandate, volume and rating forms).
func BenchmarkTenderDetailPage(b *testing.B) {
	ta, id := tender283(b)
	ctx := context.Background()
	v, err := ta.procurement.Tender(ctx, contracts.Everyone(), id)
	if err != nil || len(v.Participants) != 283 || len(v.Requirements) != 40 || v.Plan.Mandates.Municipalities != 241 || v.Plan.Conflicts == 0 {
		b.Fatalf("model case: %d participants, %d requirements, %d municipalities, %d conflicts, %v",
			len(v.Participants), len(v.Requirements), v.Plan.Mandates.Municipalities, v.Plan.Conflicts, err)
	}
	path := fmt.Sprintf("/aanbestedingen/%d", id)
	warmUp(b, ta, path)
	median := func(b *testing.B, ds []time.Duration) {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(ds[len(ds)*95/100].Microseconds()), "p95-µs")
	}
	b.Run("service", func(b *testing.B) {
		b.ReportAllocs()
		var ds []time.Duration
		for b.Loop() {
			start := time.Now()
			if _, err := ta.procurement.Tender(ctx, contracts.Everyone(), id); err != nil {
				b.Fatal(err)
			}
			ds = append(ds, time.Since(start))
		}
		median(b, ds)
	})
	page := func(who, want string) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			var ds []time.Duration
			for b.Loop() {
				start := time.Now()
				n := benchPage(b, ta, who, path, want)
				ds = append(ds, time.Since(start))
				b.SetBytes(int64(n))
			}
			median(b, ds)
		}
	}
	b.Run("page", page("coordinator", "Deelnemer toevoegen"))
	b.Run("page-member", page("member", "Uw deelname: Amsterdam"))
}
