package nl

import (
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// TestProcurementWords: the texts the procurement service stores read as
// they always have.
func TestProcurementWords(t *testing.T) {
	t.Parallel()
	w := ProcurementWords()
	tender := procurement.Tender{ID: 12, Title: "Telefonie en data", AwardDecision: contracts.NewDate(2026, 12, 7)}
	tests := []struct{ name, got, want string }{
		{"a suggested tender", w.SuggestionTitle("Mobiele telefonie", 2027, ""), "Gezamenlijke aanbesteding Mobiele telefonie 2027"},
		{"a suggested tender of a group", w.SuggestionTitle("Mobiele telefonie", 2027, "Regio Twente"), "Gezamenlijke aanbesteding Mobiele telefonie 2027 – Regio Twente"},
		{"no region", w.Ungrouped(procurement.GroupRegion), "zonder regio"},
		{"no cooperation", w.Ungrouped(procurement.GroupCooperation), "zonder samenwerkingsverband"},
		{"not grouped at all", w.Ungrouped(procurement.GroupNone), ""},
		{"a service lot without a CPV label", w.CPVGroupLot("6421"), "CPV-groep 6421"},
		{"a regional lot", w.RegionLot("Mobiele telefonie", "Fryslân"), "Mobiele telefonie – Fryslân"},
		{"a lot outside every province", w.RegionLot("Mobiele telefonie", ""), "Mobiele telefonie – Bovenregionaal"},
		{"a call-off of one lot", w.CallOffTitle("Telefonie en data", 2, "Mobiele communicatie"), "Telefonie en data – perceel 2: Mobiele communicatie"},
		{"the note on a call-off", w.CallOffNotes(tender), "Nadere overeenkomst onder gezamenlijke aanbesteding 12 (Telefonie en data), gunningsbeslissing 07-12-2026."},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	if w.DescribeSuggestion == nil {
		t.Error("ProcurementWords() describes no suggestion")
	}
}
