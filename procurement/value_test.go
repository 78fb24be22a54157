package procurement_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

func TestEstimatedValue(t *testing.T) {
	t.Parallel()
	yearly := []procurement.Option{{Months: 12}, {Months: 12}}
	tests := []struct {
		name       string
		lots       []procurement.LotValue
		wantLots   []contracts.Money
		wantMonths []int
		wantTotal  contracts.Money
		wantBasis  string
	}{
		{
			name:       "4 years + 2×1 year option: options counted, 72 months (Aw 2012 art. 2.15)",
			lots:       []procurement.LotValue{{Lot: "1", Kind: procurement.KindServices, Annual: 50_000 * euro, Months: 48, TotalPrice: true, Options: yearly}},
			wantLots:   []contracts.Money{300_000 * euro},
			wantMonths: []int{72},
			wantTotal:  300_000 * euro,
			wantBasis:  "art. 2.15",
		},
		{
			name:       "services over 48 months without total price: monthly × 48 (Aw 2012 art. 2.16)",
			lots:       []procurement.LotValue{{Lot: "1", Kind: procurement.KindServices, Annual: 50_000 * euro, Months: 48, Options: yearly}},
			wantLots:   []contracts.Money{200_000 * euro},
			wantMonths: []int{48},
			wantTotal:  200_000 * euro,
			wantBasis:  "art. 2.16",
		},
		{
			name:       "services of indefinite term without total price: monthly × 48 (Aw 2012 art. 2.16)",
			lots:       []procurement.LotValue{{Lot: "1", Kind: procurement.KindServices, Annual: 12_345_67, Indefinite: true}},
			wantLots:   []contracts.Money{4 * 12_345_67},
			wantMonths: []int{48},
			wantTotal:  4 * 12_345_67,
			wantBasis:  "art. 2.16",
		},
		{
			name:       "services of exactly 48 months without total price: full term (Aw 2012 art. 2.16)",
			lots:       []procurement.LotValue{{Lot: "1", Kind: procurement.KindServices, Annual: 60_000 * euro, Months: 36, Options: []procurement.Option{{Months: 12}}}},
			wantLots:   []contracts.Money{240_000 * euro},
			wantMonths: []int{48},
			wantTotal:  240_000 * euro,
			wantBasis:  "art. 2.15",
		},
		{
			name:       "supplies over 48 months: full term, ×48 is for services (Aw 2012 art. 2.15)",
			lots:       []procurement.LotValue{{Lot: "1", Kind: procurement.KindSupplies, Annual: 10_000 * euro, Months: 60}},
			wantLots:   []contracts.Money{50_000 * euro},
			wantMonths: []int{60},
			wantTotal:  50_000 * euro,
			wantBasis:  "art. 2.15",
		},
		{
			name:       "odd term rounds half up to the cent once (Aw 2012 art. 2.15)",
			lots:       []procurement.LotValue{{Lot: "1", Kind: procurement.KindSupplies, Annual: 1_00, Months: 7, TotalPrice: true}},
			wantLots:   []contracts.Money{58}, // 700/12 = 58.33 cents
			wantMonths: []int{7},
			wantTotal:  58,
			wantBasis:  "art. 2.15",
		},
		{
			name: "all lots count together (Aw 2012 art. 2.15–2.19; Richtlijn 2014/24/EU art. 5(8))",
			lots: []procurement.LotValue{
				{Lot: "vast", Kind: procurement.KindServices, Annual: 40_000 * euro, Months: 36, TotalPrice: true},
				{Lot: "mobiel", Kind: procurement.KindServices, Annual: 30_000 * euro, Months: 36, TotalPrice: true},
				{Lot: "data", Kind: procurement.KindServices, Annual: 10_000 * euro, Months: 36, TotalPrice: true},
			},
			wantLots:   []contracts.Money{120_000 * euro, 90_000 * euro, 30_000 * euro},
			wantMonths: []int{36, 36, 36},
			wantTotal:  240_000 * euro,
			wantBasis:  "art. 2.15",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := procurement.EstimatedValue(tt.lots)
			if got.Total != tt.wantTotal {
				t.Errorf("EstimatedValue(%+v).Total = %d, want %d", tt.lots, got.Total, tt.wantTotal)
			}
			if len(got.Lots) != len(tt.wantLots) {
				t.Fatalf("EstimatedValue(%+v) has %d lots, want %d", tt.lots, len(got.Lots), len(tt.wantLots))
			}
			for i, l := range got.Lots {
				if l.Value != tt.wantLots[i] || l.Months != tt.wantMonths[i] {
					t.Errorf("lot %s = %d over %d months, want %d over %d", l.Lot, l.Value, l.Months, tt.wantLots[i], tt.wantMonths[i])
				}
				if basis := nl.LotEstimateBasis(l); !strings.Contains(basis, tt.wantBasis) {
					t.Errorf("lot %s basis %q does not cite %q", l.Lot, basis, tt.wantBasis)
				}
			}
			if !strings.Contains(nl.EstimateBasis, "Aw 2012 art. 2.15–2.19") {
				t.Errorf("nl.EstimateBasis = %q, want the lots rule cited", nl.EstimateBasis)
			}
		})
	}
}

func TestLotExemption(t *testing.T) {
	t.Parallel()
	lot := func(name string, kind procurement.ContractKind, v contracts.Money) procurement.LotEstimate {
		return procurement.LotEstimate{Key: procurement.LotKey(name), Lot: name, Kind: kind, Value: v}
	}
	estimate := func(lots ...procurement.LotEstimate) procurement.Estimate {
		e := procurement.Estimate{Lots: lots}
		for _, l := range lots {
			e.Total += l.Value
		}
		return e
	}
	threshold := 216_000 * euro
	tests := []struct {
		name        string
		e           procurement.Estimate
		wantApplies bool
		wantQual    []procurement.LotKey
		wantExempt  []procurement.LotKey
		wantExcl    []procurement.LotKey
		wantCap     contracts.Money
	}{
		{
			name:        "small lots within 20 % of the total: all exempt (Aw 2012 art. 2.19)",
			e:           estimate(lot("A", procurement.KindServices, 400_000*euro), lot("B", procurement.KindServices, 50_000*euro), lot("C", procurement.KindServices, 50_000*euro)),
			wantApplies: true, wantQual: []procurement.LotKey{"B", "C"}, wantExempt: []procurement.LotKey{"B", "C"}, wantCap: 100_000 * euro,
		},
		{
			name:        "small lots beyond 20 % of the total: smallest first until the cap (Aw 2012 art. 2.19)",
			e:           estimate(lot("A", procurement.KindServices, 220_000*euro), lot("B", procurement.KindServices, 79_999*euro), lot("C", procurement.KindServices, 30_000*euro), lot("D", procurement.KindServices, 20_000*euro)),
			wantApplies: true, wantQual: []procurement.LotKey{"B", "C", "D"}, wantExempt: []procurement.LotKey{"D", "C"}, wantExcl: []procurement.LotKey{"B"}, wantCap: 69_999_80,
		},
		{
			name:        "lot of exactly €80,000 does not qualify (Aw 2012 art. 2.19: under €80,000)",
			e:           estimate(lot("A", procurement.KindServices, 800_000*euro), lot("B", procurement.KindServices, 80_000*euro)),
			wantApplies: true, wantCap: 176_000 * euro,
		},
		{
			name:        "works lots under €1,000,000 qualify (Richtlijn 2014/24/EU art. 5(10))",
			e:           estimate(lot("A", procurement.KindWorks, 6_000_000*euro), lot("B", procurement.KindWorks, 900_000*euro)),
			wantApplies: true, wantQual: []procurement.LotKey{"B"}, wantExempt: []procurement.LotKey{"B"}, wantCap: 1_380_000 * euro,
		},
		{
			name:    "total below the threshold: exemption not needed (Aw 2012 art. 2.19)",
			e:       estimate(lot("A", procurement.KindServices, 100_000*euro), lot("B", procurement.KindServices, 10_000*euro)),
			wantCap: 22_000 * euro,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := procurement.LotExemption(tt.e, threshold)
			if got.Applies != tt.wantApplies || got.Cap != tt.wantCap ||
				!slices.Equal(got.Qualifying, tt.wantQual) || !slices.Equal(got.Exempt, tt.wantExempt) || !slices.Equal(got.Excluded, tt.wantExcl) {
				t.Errorf("LotExemption() = applies %v cap %d qualifying %v exempt %v excluded %v, want %v %d %v %v %v",
					got.Applies, got.Cap, got.Qualifying, got.Exempt, got.Excluded,
					tt.wantApplies, tt.wantCap, tt.wantQual, tt.wantExempt, tt.wantExcl)
			}
			if got.ExemptSum > got.Cap {
				t.Errorf("LotExemption() exempt sum %d exceeds cap %d", got.ExemptSum, got.Cap)
			}
			if reasons := nl.ExemptionReasons(got); len(reasons) == 0 || !strings.Contains(reasons[0], "art. 2.19") {
				t.Errorf("LotExemption() reasons %q do not cite art. 2.19", reasons)
			}
		})
	}
}

func TestSplitWarning(t *testing.T) {
	t.Parallel()
	threshold := 216_000 * euro
	tests := []struct {
		name  string
		parts []procurement.Part
		want  []string // categories warned about
	}{
		{
			name: "two parts each below, together at the threshold: warning (Richtlijn 2014/24/EU art. 5(3))",
			parts: []procurement.Part{
				{Tender: "telefonie noord", Category: "64200000", Value: 108_000 * euro},
				{Tender: "telefonie zuid", Category: "64200000", Value: 108_000 * euro},
			},
			want: []string{"64200000"},
		},
		{
			name: "parts together below the threshold: no warning (Richtlijn 2014/24/EU art. 5(3))",
			parts: []procurement.Part{
				{Tender: "a", Category: "64200000", Value: 100_000 * euro},
				{Tender: "b", Category: "64200000", Value: 100_000 * euro},
			},
		},
		{
			name: "one part already European: no warning (Aw 2012 art. 2.15–2.19)",
			parts: []procurement.Part{
				{Tender: "a", Category: "64200000", Value: 300_000 * euro},
				{Tender: "b", Category: "64200000", Value: 10_000 * euro},
			},
		},
		{
			name: "a single part below the threshold is no split (Aw 2012 art. 2.15–2.19)",
			parts: []procurement.Part{
				{Tender: "a", Category: "64200000", Value: 200_000 * euro},
				{Tender: "b", Category: "30200000", Value: 200_000 * euro},
			},
		},
		{
			name: "categories reported in order (Richtlijn 2014/24/EU art. 5(3))",
			parts: []procurement.Part{
				{Tender: "a", Category: "72000000", Value: 150_000 * euro},
				{Tender: "b", Category: "30200000", Value: 150_000 * euro},
				{Tender: "c", Category: "72000000", Value: 150_000 * euro},
				{Tender: "d", Category: "30200000", Value: 150_000 * euro},
			},
			want: []string{"30200000", "72000000"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := procurement.SplitWarning(tt.parts, threshold)
			var cats []string
			for _, s := range got {
				cats = append(cats, s.Category)
				if s.Sum < threshold || len(s.Tenders) < 2 || !strings.Contains(nl.Warning(s.Warning), "art. 5(3)") {
					t.Errorf("SplitWarning() = %+v, want sum ≥ threshold, two or more tenders and a citation", s)
				}
			}
			if !slices.Equal(cats, tt.want) {
				t.Errorf("SplitWarning(%+v) categories = %v, want %v", tt.parts, cats, tt.want)
			}
		})
	}
}
