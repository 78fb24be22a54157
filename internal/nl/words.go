package nl

import (
	"fmt"
	"strconv"

	"github.com/samenkoop/samenkoop/procurement"
)

// ProcurementWords are the Dutch texts the procurement service writes into
// what it creates and proposes (procurement.Words): the title of a
// suggested tender and of its lots, the name of a group, the description
// of a draft, the title and the note of a call-off contract.
// cmd/samenkoop passes them to the service.
func ProcurementWords() procurement.Words {
	return procurement.Words{
		DescribeSuggestion: BundleDescription,
		SuggestionTitle:    suggestionTitle,
		Ungrouped:          ungrouped,
		CPVGroupLot:        func(group string) string { return "CPV-groep " + group },
		RegionLot:          regionLot,
		CallOffTitle:       callOffTitle,
		CallOffNotes:       callOffNotes,
	}
}

// suggestionTitle names a suggested tender: "Gezamenlijke aanbesteding
// Mobiele telefonie 2027 – Utrecht".
func suggestionTitle(category string, year int, group string) string {
	t := "Gezamenlijke aanbesteding " + category + " " + strconv.Itoa(year)
	if group != "" {
		t += " – " + group
	}
	return t
}

// ungrouped names the group of the organizations without a region or a
// cooperation.
func ungrouped(g procurement.Grouping) string {
	switch g {
	case procurement.GroupRegion:
		return "zonder regio"
	case procurement.GroupCooperation:
		return "zonder samenwerkingsverband"
	}
	return ""
}

// regionLot titles a regional lot: "Mobiele telefonie – Utrecht", or
// "… – Bovenregionaal" for the organizations outside every province.
func regionLot(category, province string) string {
	if province == "" {
		province = "Bovenregionaal"
	}
	return category + " – " + province
}

// callOffTitle titles the call-off contract of one lot: "Telefonie en data
// – perceel 2: Mobiele communicatie".
func callOffTitle(tender string, lot int, lotTitle string) string {
	return tender + " – perceel " + strconv.Itoa(lot) + ": " + lotTitle
}

// callOffNotes is the note on a call-off contract.
func callOffNotes(t procurement.Tender) string {
	return fmt.Sprintf("Nadere overeenkomst onder gezamenlijke aanbesteding %d (%s), gunningsbeslissing %s.", t.ID, t.Title, Date(t.AwardDecision))
}
