package procurement

import (
	"fmt"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
)

// benchPlanInput builds the model case of DESIGN §1 (GT Mobiele
// Communicatie 1): 283 participants, 241 of them municipalities of every
// size class, with demand in 3 lots, 40 requirements that every participant
// rated, and a current contract for each. Everything follows from the
// participant's index, so every run plans the same tender.
func benchPlanInput() PlanInput {
	today := contracts.NewDate(2025, 10, 15)
	in := PlanInput{
		Tender: Tender{
			ID: 1, Title: "GT Mobiele Communicatie 2", CategoryID: 3, CPV: "64212000-5", Lead: "GM0363", Kind: KindServices,
			Framework: true, FrameworkJustified: true, TermMonths: 48, Options: []Option{{Months: 12}, {Months: 12}}, TotalPrice: true,
			Electronic: true, DocumentsOnline: true, NeededStart: contracts.NewDate(2026, 9, 1), Status: TenderMandating,
		},
		Lots: []Lot{
			{ID: 1, Number: 1, Title: "Mobiele telefonie", Unit: "aansluiting"},
			{ID: 2, Number: 2, Title: "Vaste telefonie", Unit: "aansluiting"},
			{ID: 3, Number: 3, Title: "Mobiel datanetwerk", Unit: "locatie"},
		},
		Current: map[string]contracts.ContractSummary{},
		Bands:   DefaultPolicyBands(),
		Today:   today,
		Rules:   DefaultRules(),
	}
	// Populations spread over the size classes of DESIGN §3: three in ten
	// municipalities under 20k, four 20–50k, two 50–100k, one 100k+.
	population := func(i int) int {
		switch i % 10 {
		case 0, 1, 2:
			return 4_000 + i*53%16_000
		case 3, 4, 5, 6:
			return 20_000 + i*211%30_000
		case 7, 8:
			return 50_000 + i*397%50_000
		}
		return 100_000 + i*7_919%800_000
	}
	others := []contracts.OrgKind{contracts.KindProvince, contracts.KindWaterBoard, contracts.KindJointArrangement}
	for i := range 283 {
		p := Participant{TenderID: 1, Joined: today.AddDays(-90 + i%60), Mandate: Mandate{Status: MandateSigned}}
		if i < 241 {
			p.Organization, p.Kind, p.Population = fmt.Sprintf("GM%04d", i+1), contracts.KindMunicipality, population(i)
		} else {
			// 42 others: provinces and water boards with the population they
			// serve, joint arrangements without one (size class unknown).
			p.Organization, p.Kind = fmt.Sprintf("OT%04d", i+1), others[i%3]
			if p.Kind != contracts.KindJointArrangement {
				p.Population = 400_000 + i*1_013%1_500_000
			}
		}
		p.Name = "Organisatie " + p.Organization
		switch i % 7 {
		case 0:
			p.Mandate = Mandate{Status: MandateRequested}
		case 1:
			p.Mandate = Mandate{Status: MandateRevoked}
		}
		pop := contracts.Money(max(p.Population, 5_000))
		p.Volumes = []LotVolume{
			{LotID: 1, Quantity: int64(pop / 60), Annual: pop * 90},  // € 0,90 per inhabitant
			{LotID: 2, Quantity: int64(pop / 200), Annual: pop * 45}, // € 0,45
			{LotID: 3, Quantity: int64(pop / 5_000), Annual: pop * 30},
		}
		in.Participants = append(in.Participants, p)

		c := contracts.Contract{ID: int64(i + 1), Organization: p.Organization, Number: fmt.Sprintf("TEL-%d", i+1),
			Start: contracts.NewDate(2021+i%4, time.Month(1+i%12), 1), InitialTermMonths: 36 + 12*(i%3), NoticeMonths: 3, AnnualValue: p.Annual()}
		switch i % 4 {
		case 0:
			c.RenewalKind = contracts.RenewalNone
		case 1:
			c.RenewalKind, c.RenewalPeriodMonths = contracts.RenewalTacit, 12
		case 2:
			c.RenewalKind, c.RenewalPeriodMonths, c.MaxRenewals = contracts.RenewalTacit, 6, 2
		case 3:
			c.RenewalKind, c.RenewalPeriodMonths, c.MaxRenewals, c.RenewalsExercised = contracts.RenewalExpress, 12, 2, i%3
		}
		in.Current[p.Organization] = contracts.ContractSummary{Contract: c, VendorName: "Vendor " + fmt.Sprint(i%5)}
	}
	for r := range 40 {
		req := Requirement{ID: int64(r + 1), TenderID: 1, Number: r + 1, Text: fmt.Sprintf("Eis %d", r+1), Kind: KnockOut,
			Ratings: make(map[string]Rating, len(in.Participants))}
		for i, p := range in.Participants {
			// Large organizations lean to must and small ones to wont on
			// some requirements, so that conflicts split by size class.
			class := 0
			for k, c := range contracts.SizeClasses() {
				if contracts.SizeClassOf(p.Population) == c {
					class = k
				}
			}
			req.Ratings[p.Organization] = Ratings()[(r+i+class*(r%3))%4]
		}
		in.Requirements = append(in.Requirements, req)
	}
	return in
}

// BenchmarkComputePlan283 measures the plan of the model case (target
// ≤ 20 ms). The parts run alone in the same benchmark so that their ratio
// to the whole shows where the time goes.
func BenchmarkComputePlan283(b *testing.B) {
	in := benchPlanInput()
	p := ComputePlan(in)
	if len(p.Gaps) != 283 || len(p.Requirements) != 40 || p.Mandates.Municipalities != 241 || p.Start() != in.Tender.NeededStart || p.Conflicts == 0 {
		b.Fatalf("model case plan: %d gaps, %d requirements, %d municipalities, start %s, %d conflicts",
			len(p.Gaps), len(p.Requirements), p.Mandates.Municipalities, p.Start(), p.Conflicts)
	}
	b.Run("plan", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ComputePlan(in)
		}
	})
	b.Run("consolidate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Consolidate(in.Requirements, in.Participants, in.Rules.MustShare)
		}
	})
	b.Run("gaps", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Gaps(in.Participants, in.Current, in.Tender.NeededStart, in.Today)
		}
	})
	b.Run("value_procedure_timeline", func(b *testing.B) {
		bare := in
		bare.Participants, bare.Requirements, bare.Current = nil, nil, nil
		b.ReportAllocs()
		for b.Loop() {
			ComputePlan(bare)
		}
	})
}
