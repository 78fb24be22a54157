package contracts

import (
	"fmt"
	"reflect"
	"testing"
)

func TestConcentrationOf(t *testing.T) {
	t.Parallel()
	const huge = Money(10_000_000_000_000) // 10^13 cents: €100 billion, squares beyond int64
	tests := []struct {
		name string
		in   []Share
		want Concentration
	}{
		{"1 vendor: HHI 10,000 (DESIGN §4)", []Share{{Key: "g1", Label: "Centric", Amount: 500_00}},
			Concentration{Total: 500_00, HHI: 10_000, Band: Concentrated, CR1: 10_000, CR3: 10_000,
				Shares: []Share{{"g1", "Centric", 500_00, 10_000}}}},
		{"2 equal vendors: HHI 5,000", []Share{{Key: "b", Amount: 100}, {Key: "a", Amount: 100}},
			Concentration{Total: 200, HHI: 5000, Band: Concentrated, CR1: 5000, CR3: 10_000,
				Shares: []Share{{"a", "", 100, 5000}, {"b", "", 100, 5000}}}},
		{"4 equal vendors: HHI 2,500", []Share{{Key: "a", Amount: 25}, {Key: "b", Amount: 25}, {Key: "c", Amount: 25}, {Key: "d", Amount: 25}},
			Concentration{Total: 100, HHI: 2500, Band: Concentrated, CR1: 2500, CR3: 7500,
				Shares: []Share{{"a", "", 25, 2500}, {"b", "", 25, 2500}, {"c", "", 25, 2500}, {"d", "", 25, 2500}}}},
		{"subsidiaries rolled up into their group: equal Keys merge", []Share{
			{Key: "centric", Label: "Centric", Amount: 60},
			{Key: "pink", Label: "PinkRoccade", Amount: 100},
			{Key: "centric", Label: "Centric Netherlands B.V.", Amount: 40}},
			Concentration{Total: 200, HHI: 5000, Band: Concentrated, CR1: 5000, CR3: 10_000,
				Shares: []Share{{"centric", "Centric", 100, 5000}, {"pink", "PinkRoccade", 100, 5000}}}},
		{"a merged party without a label takes the next one's", []Share{{Key: "g", Amount: 1}, {Key: "g", Label: "Groep", Amount: 1}},
			Concentration{Total: 2, HHI: 10_000, Band: Concentrated, CR1: 10_000, CR3: 10_000,
				Shares: []Share{{"g", "Groep", 2, 10_000}}}},
		{"40/30/20/10: HHI 3,000, CR1 40 %, CR3 90 %, largest first", []Share{
			{Key: "d", Amount: 10}, {Key: "b", Amount: 30}, {Key: "a", Amount: 40}, {Key: "c", Amount: 20}},
			Concentration{Total: 100, HHI: 3000, Band: Concentrated, CR1: 4000, CR3: 9000,
				Shares: []Share{{"a", "", 40, 4000}, {"b", "", 30, 3000}, {"c", "", 20, 2000}, {"d", "", 10, 1000}}}},
		{"3 equal: shares 3,333 each do not add up to 10,000; HHI 3,333.3 → 3,333", []Share{{Key: "a", Amount: 1}, {Key: "b", Amount: 1}, {Key: "c", Amount: 1}},
			Concentration{Total: 3, HHI: 3333, Band: Concentrated, CR1: 3333, CR3: 10_000,
				Shares: []Share{{"a", "", 1, 3333}, {"b", "", 1, 3333}, {"c", "", 1, 3333}}}},
		{"2/3 and 1/3: shares round half away from zero to 6,667 and 3,333; HHI 5,555.6 → 5,556", []Share{{Key: "a", Amount: 2}, {Key: "b", Amount: 1}},
			Concentration{Total: 3, HHI: 5556, Band: Concentrated, CR1: 6667, CR3: 10_000,
				Shares: []Share{{"a", "", 2, 6667}, {"b", "", 1, 3333}}}},
		{"input basis points are ignored, zero and negative amounts dropped", []Share{
			{Key: "a", Amount: 100, BasisPoints: 1}, {Key: "zero", Amount: 0}, {Key: "credit", Amount: -50}},
			Concentration{Total: 100, HHI: 10_000, Band: Concentrated, CR1: 10_000, CR3: 10_000,
				Shares: []Share{{"a", "", 100, 10_000}}}},
		{"empty input: the zero Concentration", nil, Concentration{}},
		{"only zero amounts: the zero Concentration", []Share{{Key: "a"}, {Key: "b"}}, Concentration{}},
		{"huge amounts do not overflow", []Share{{Key: "a", Amount: huge}, {Key: "b", Amount: huge}, {Key: "c", Amount: huge}, {Key: "d", Amount: huge}},
			Concentration{Total: 4 * huge, HHI: 2500, Band: Concentrated, CR1: 2500, CR3: 7500,
				Shares: []Share{{"a", "", huge, 2500}, {"b", "", huge, 2500}, {"c", "", huge, 2500}, {"d", "", huge, 2500}}}},
		{"20 equal vendors: HHI 500, unconcentrated", equalShares(20),
			Concentration{Total: 20, HHI: 500, Band: Unconcentrated, CR1: 500, CR3: 1500, Shares: withBP(equalShares(20), 500)}},
		{"10 equal vendors: HHI 1,000 is moderate (DESIGN §4: unconcentrated only below 1,000)", equalShares(10),
			Concentration{Total: 10, HHI: 1000, Band: ModeratelyConcentrated, CR1: 1000, CR3: 3000, Shares: withBP(equalShares(10), 1000)}},
		{"5 equal vendors: HHI 2,000 is moderate (DESIGN §4: concentrated only above 2,000)", equalShares(5),
			Concentration{Total: 5, HHI: 2000, Band: ModeratelyConcentrated, CR1: 2000, CR3: 6000, Shares: withBP(equalShares(5), 2000)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := ConcentrationOf(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ConcentrationOf(%v)\n got  %+v\n want %+v", tt.in, got, tt.want)
			}
		})
	}
}

// equalShares returns n parties of 1 cent each, keyed v00, v01, …
func equalShares(n int) []Share {
	s := make([]Share, n)
	for i := range s {
		s[i] = Share{Key: "v" + string(rune('0'+i/10)) + string(rune('0'+i%10)), Amount: 1}
	}
	return s
}

func withBP(s []Share, bp int) []Share {
	for i := range s {
		s[i].BasisPoints = bp
	}
	return s
}

func TestConcentrationOfDoesNotChangeItsInput(t *testing.T) {
	t.Parallel()
	in := []Share{{Key: "b", Amount: 1}, {Key: "a", Amount: 3}, {Key: "b", Amount: 1}}
	ConcentrationOf(in)
	want := []Share{{Key: "b", Amount: 1}, {Key: "a", Amount: 3}, {Key: "b", Amount: 1}}
	if !reflect.DeepEqual(in, want) {
		t.Errorf("ConcentrationOf changed its input to %v, want %v", in, want)
	}
}

func TestHHIBands(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		band func(int) HHIBand
		hhi  int
		want HHIBand
	}{
		{"EU: 0 unconcentrated", EUBand, 0, Unconcentrated},
		{"EU: 999 unconcentrated (below 1,000, DESIGN §4)", EUBand, 999, Unconcentrated},
		{"EU: 1,000 moderate", EUBand, 1000, ModeratelyConcentrated},
		{"EU: 2,000 moderate (concentrated only above 2,000, DESIGN §4)", EUBand, 2000, ModeratelyConcentrated},
		{"EU: 2,001 concentrated", EUBand, 2001, Concentrated},
		{"EU: 10,000 concentrated", EUBand, 10_000, Concentrated},
		{"US: 1,499 unconcentrated (2010 Horizontal Merger Guidelines §5.3)", USBand, 1499, Unconcentrated},
		{"US: 1,500 moderate", USBand, 1500, ModeratelyConcentrated},
		{"US: 2,000 moderate where the EU says moderate too", USBand, 2000, ModeratelyConcentrated},
		{"US: 2,200 moderate where the EU says concentrated", USBand, 2200, ModeratelyConcentrated},
		{"US: 2,500 moderate", USBand, 2500, ModeratelyConcentrated},
		{"US: 2,501 concentrated", USBand, 2501, Concentrated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.band(tt.hhi); got != tt.want {
				t.Errorf("band(%d) = %q, want %q", tt.hhi, got, tt.want)
			}
		})
	}
}

func ExampleConcentrationOf() {
	// An organization's spend by vendor group, in euro cents; the
	// subsidiary is passed under its group's Key and rolled up.
	c := ConcentrationOf([]Share{
		{Key: "centric", Label: "Centric", Amount: 500_000_00},
		{Key: "pink", Label: "PinkRoccade", Amount: 300_000_00},
		{Key: "centric", Label: "Centric Netherlands B.V.", Amount: 100_000_00},
		{Key: "other", Label: "Overige", Amount: 100_000_00},
	})
	fmt.Println(c.HHI, c.Band, c.CR1, USBand(c.HHI))
	for _, s := range c.Shares {
		fmt.Println(s.Label, s.BasisPoints)
	}
	// Output:
	// 4600 concentrated 6000 concentrated
	// Centric 6000
	// PinkRoccade 3000
	// Overige 1000
}
