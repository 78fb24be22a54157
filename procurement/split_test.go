package procurement_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// splitTender is a tender of category 7 with one lot whose participants
// together value it at annualEuro a year, starting on start for months.
func splitTender(id int64, title string, start contracts.Date, months int, annualEuro contracts.Money) procurement.CategoryTender {
	return procurement.CategoryTender{
		Tender: procurement.Tender{ID: id, Title: title, CategoryID: 7, CategoryName: "Telefonie", Kind: procurement.KindServices, TermMonths: months,
			TotalPrice: true, NeededStart: start, Status: procurement.TenderCollecting},
		Lots:   []procurement.Lot{{ID: id * 10, TenderID: id, Number: 1, Title: "Mobiel"}},
		Annual: map[int64]contracts.Money{id * 10: annualEuro * euro},
	}
}

func TestSplitWarnings(t *testing.T) {
	t.Parallel()
	// The threshold for supplies and services of sub-central authorities
	// from 2026 (Delegated Reg. (EU) 2025/2152).
	threshold := 216_000 * euro
	jan := planDate(2026, 1, 1)
	tests := []struct {
		name      string
		self      procurement.CategoryTender
		others    []procurement.CategoryTender
		wantIDs   []int64 // tenders in the warning, self first; nil: no warning
		wantSum   contracts.Money
		wantInMsg string
	}{
		{
			name: "two overlapping tenders of one category, each under €216,000, together over it: warning (Aw 2012 art. 2.16, Delegated Reg. (EU) 2025/2152)",
			self: splitTender(1, "Telefonie noord", jan, 24, 60_000), // € 120.000
			others: []procurement.CategoryTender{
				splitTender(2, "Telefonie zuid", planDate(2026, 7, 1), 24, 60_000), // € 120.000
			},
			wantIDs: []int64{1, 2}, wantSum: 240_000 * euro,
			wantInMsg: "categorie Telefonie: 2 aanbestedingen elk onder de drempel, samen €\u00a0240.000,00 ≥ drempel €\u00a0216.000,00",
		},
		{
			name: "together exactly at the threshold: warning, the threshold is reached (Aw 2012 art. 2.15–2.19)",
			self: splitTender(1, "Telefonie noord", jan, 12, 108_000),
			others: []procurement.CategoryTender{
				splitTender(2, "Telefonie zuid", jan, 12, 108_000),
			},
			wantIDs: []int64{1, 2}, wantSum: 216_000 * euro,
		},
		{
			name: "together under the threshold: no warning (Aw 2012 art. 2.15–2.19)",
			self: splitTender(1, "Telefonie noord", jan, 24, 50_000),
			others: []procurement.CategoryTender{
				splitTender(2, "Telefonie zuid", jan, 24, 50_000),
			},
		},
		{
			name: "periods that do not overlap: no warning; the second starts the day after the first ends (DESIGN §4 estimated value)",
			self: splitTender(1, "Telefonie 2026–2027", jan, 24, 60_000),
			others: []procurement.CategoryTender{
				splitTender(2, "Telefonie 2028–2029", planDate(2028, 1, 1), 24, 60_000),
			},
		},
		{
			name: "periods that share one day overlap: warning (DESIGN §4 estimated value)",
			self: splitTender(1, "Telefonie 2026–2027", jan, 24, 60_000),
			others: []procurement.CategoryTender{
				splitTender(2, "Telefonie vanaf 31-12-2027", planDate(2027, 12, 31), 24, 60_000),
			},
			wantIDs: []int64{1, 2}, wantSum: 240_000 * euro,
		},
		{
			name: "another category: no warning (DESIGN §4 estimated value)",
			self: splitTender(1, "Telefonie noord", jan, 24, 60_000),
			others: func() []procurement.CategoryTender {
				o := splitTender(2, "Printers", jan, 24, 60_000)
				o.Tender.CategoryID = 8
				return []procurement.CategoryTender{o}
			}(),
		},
		{
			name: "a cancelled tender takes no part (DESIGN §4 tender lifecycle)",
			self: splitTender(1, "Telefonie noord", jan, 24, 60_000),
			others: func() []procurement.CategoryTender {
				o := splitTender(2, "Telefonie zuid", jan, 24, 60_000)
				o.Tender.Status = procurement.TenderCancelled
				return []procurement.CategoryTender{o}
			}(),
		},
		{
			name: "the tender itself in the list is not counted twice (Aw 2012 art. 2.15–2.19)",
			self: splitTender(1, "Telefonie noord", jan, 24, 60_000),
			others: []procurement.CategoryTender{
				splitTender(1, "Telefonie noord", jan, 24, 60_000),
			},
		},
		{
			name: "a European tender beside two small ones does not hide their split (Richtlijn 2014/24/EU art. 5(3))",
			self: splitTender(1, "Telefonie noord", jan, 24, 60_000),
			others: []procurement.CategoryTender{
				splitTender(3, "Telefonie groot", jan, 48, 100_000), // € 400.000: European
				splitTender(2, "Telefonie zuid", planDate(2026, 3, 1), 24, 60_000),
			},
			wantIDs: []int64{1, 2}, wantSum: 240_000 * euro, wantInMsg: "2 aanbestedingen",
		},
		{
			name: "the tender itself at or above the threshold: no warning, it is tendered in Europe (Aw 2012 art. 2.15–2.19)",
			self: splitTender(1, "Telefonie noord", jan, 48, 60_000), // € 240.000
			others: []procurement.CategoryTender{
				splitTender(2, "Telefonie zuid", jan, 24, 60_000),
			},
		},
		{
			name: "options count in the value and the period: 12 + 12 months (Aw 2012 art. 2.15)",
			// Without its option the first would end on 31-12-2026 and be
			// worth € 60.000: no overlap and under the threshold together.
			self: func() procurement.CategoryTender {
				s := splitTender(1, "Telefonie noord", jan, 12, 60_000)
				s.Tender.Options = []procurement.Option{{Months: 12}}
				return s
			}(),
			others: []procurement.CategoryTender{
				splitTender(2, "Telefonie zuid", planDate(2027, 1, 1), 12, 100_000),
			},
			wantIDs: []int64{1, 2}, wantSum: 220_000 * euro,
		},
		{
			name: "an indefinite tender runs on: monthly value × 48 and no end (Aw 2012 art. 2.16)",
			self: func() procurement.CategoryTender {
				s := splitTender(1, "Telefonie noord", jan, 12, 30_000)
				s.Tender.TermIndefinite, s.Tender.TotalPrice = true, false
				return s
			}(),
			others: []procurement.CategoryTender{
				splitTender(2, "Telefonie zuid", planDate(2035, 1, 1), 12, 100_000),
			},
			wantIDs: []int64{1, 2}, wantSum: 220_000 * euro,
		},
		{
			name: "a tender without needed start or publication has no period and cannot be judged (DESIGN §4 estimated value)",
			self: func() procurement.CategoryTender {
				s := splitTender(1, "Telefonie noord", jan, 24, 60_000)
				s.Tender.NeededStart = contracts.Date{}
				return s
			}(),
			others: []procurement.CategoryTender{
				splitTender(2, "Telefonie zuid", jan, 24, 60_000),
			},
		},
		{
			name: "without a needed start the publication starts the period (DESIGN §4 estimated value)",
			self: func() procurement.CategoryTender {
				s := splitTender(1, "Telefonie noord", contracts.Date{}, 24, 60_000)
				s.Tender.Publication = planDate(2026, 3, 2)
				return s
			}(),
			others: []procurement.CategoryTender{
				splitTender(2, "Telefonie zuid", jan, 24, 60_000),
			},
			wantIDs: []int64{1, 2}, wantSum: 240_000 * euro,
		},
		{
			name: "three small tenders: the others by start, then id (Richtlijn 2014/24/EU art. 5(3))",
			self: splitTender(5, "Telefonie west", planDate(2026, 6, 1), 24, 40_000),
			others: []procurement.CategoryTender{
				splitTender(9, "Telefonie oost", planDate(2026, 3, 1), 24, 40_000),
				splitTender(4, "Telefonie zuid", planDate(2026, 9, 1), 24, 40_000),
				splitTender(3, "Telefonie noord", planDate(2026, 3, 1), 24, 40_000),
			},
			wantIDs: []int64{5, 3, 9, 4}, wantSum: 320_000 * euro, wantInMsg: "4 aanbestedingen",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			self := tt.self
			value := self.Estimate().Total
			got := procurement.SplitWarnings(self.Tender, value, threshold, tt.others)
			if tt.wantIDs == nil {
				if len(got) != 0 {
					t.Errorf("SplitWarnings(%s) = %+v, want no warning", self.Tender.Title, got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("SplitWarnings(%s) = %+v, want one warning", self.Tender.Title, got)
			}
			s := got[0]
			var ids []int64
			for _, st := range s.Tenders {
				ids = append(ids, st.ID)
			}
			if !slices.Equal(ids, tt.wantIDs) || s.Sum != tt.wantSum || s.Threshold != threshold {
				t.Errorf("SplitWarnings(%s) tenders %v sum %d threshold %d, want %v, %d, %d", self.Tender.Title, ids, s.Sum, s.Threshold, tt.wantIDs, tt.wantSum, threshold)
			}
			if msg := nl.Warning(s.Warning); !strings.Contains(msg, tt.wantInMsg) || !strings.Contains(msg, "Richtlijn 2014/24/EU art. 5(3)") {
				t.Errorf("SplitWarnings() warns %q, want it to contain %q and the citation", msg, tt.wantInMsg)
			}
			if s.Tenders[0].Value != value || s.Tenders[0].Start.IsZero() || s.Tenders[0].End.Before(s.Tenders[0].Start) {
				t.Errorf("SplitWarnings() self = %+v, want value %d and its period", s.Tenders[0], value)
			}
		})
	}
}

func TestContractPeriod(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		t          procurement.Tender
		start, end contracts.Date
		ok         bool
	}{
		{"24 months from the needed start, end inclusive (DESIGN §4 renewal maths)",
			procurement.Tender{NeededStart: planDate(2026, 1, 1), TermMonths: 24}, planDate(2026, 1, 1), planDate(2027, 12, 31), true},
		{"options extend the period (Aw 2012 art. 2.15)",
			procurement.Tender{NeededStart: planDate(2026, 1, 1), TermMonths: 24, Options: []procurement.Option{{Months: 12}, {Months: 12}}}, planDate(2026, 1, 1), planDate(2029, 12, 31), true},
		{"start on the 31st, 1 month ends on the 30th of the next month (Reg. 1182/71 art. 3(2)(c))",
			procurement.Tender{NeededStart: planDate(2027, 3, 31), TermMonths: 1}, planDate(2027, 3, 31), planDate(2027, 4, 30), true},
		{"indefinite: no end (Aw 2012 art. 2.16)",
			procurement.Tender{NeededStart: planDate(2026, 1, 1), TermMonths: 12, TermIndefinite: true}, planDate(2026, 1, 1), contracts.MaxDate, true},
		{"publication when there is no needed start",
			procurement.Tender{Publication: planDate(2026, 3, 2), TermMonths: 12}, planDate(2026, 3, 2), planDate(2027, 3, 1), true},
		{"neither date: no period", procurement.Tender{TermMonths: 12}, contracts.Date{}, contracts.Date{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start, end, ok := procurement.ContractPeriod(tt.t)
			if start != tt.start || end != tt.end || ok != tt.ok {
				t.Errorf("ContractPeriod(%+v) = %v, %v, %v; want %v, %v, %v", tt.t, start, end, ok, tt.start, tt.end, tt.ok)
			}
		})
	}
}

func TestSplitWarningPartAboveThreshold(t *testing.T) {
	t.Parallel()
	threshold := 216_000 * euro
	got := procurement.SplitWarning([]procurement.Part{
		{Tender: "groot", Category: "64200000", Value: 400_000 * euro},
		{Tender: "noord", Category: "64200000", Value: 120_000 * euro},
		{Tender: "zuid", Category: "64200000", Value: 120_000 * euro},
	}, threshold)
	// "Richtlijn 2014/24/EU art. 5(3)": the two parts below the threshold
	// reach it together; the European one beside them neither warns nor
	// hides them.
	if len(got) != 1 || !slices.Equal(got[0].Tenders, []string{"noord", "zuid"}) || got[0].Sum != 240_000*euro ||
		!strings.Contains(nl.Warning(got[0].Warning), "2 aanbestedingen elk onder de drempel") {
		t.Errorf("SplitWarning(groot, noord, zuid) = %+v, want one warning for noord and zuid, €\u00a0240.000", got)
	}
}
