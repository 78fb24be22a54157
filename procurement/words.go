package procurement

import "strconv"

// Words are the texts the service writes into what it creates and
// proposes, in the users' language: the title of a suggested tender and of
// its lots, the name of a group, the description of a draft, the title and
// the note of a call-off contract. They are stored with that data. The
// domain speaks no Dutch (STYLE §14): the caller passes internal/nl's
// (nl.ProcurementWords), and so do the tests that read these texts. A nil
// function leaves its text bare: the values without words, a name and what
// qualifies it joined by a dash.
type Words struct {
	// DescribeSuggestion words the description of a draft tender made
	// from a suggestion (TenderFromSuggestion): why it was proposed and
	// the clustering justification. Nil leaves the description empty.
	DescribeSuggestion func(Suggestion) string
	// SuggestionTitle names a suggestion's draft tender from its
	// category's name, the year of the earliest needed start and the name
	// of its group ("" when not grouped).
	SuggestionTitle func(category string, year int, group string) string
	// Ungrouped names the group of the organizations without a region
	// (GroupRegion) or without a cooperation (GroupCooperation).
	Ungrouped func(Grouping) string
	// CPVGroupLot titles a lot of services whose CPV code has no label,
	// from the CPV group (the code's first digits).
	CPVGroupLot func(group string) string
	// RegionLot titles a regional lot from the category's name and the
	// province's ("" for the organizations outside every province).
	RegionLot func(category, province string) string
	// CallOffTitle titles the call-off contract of one lot of a tender
	// with several lots, from the tender's title and the lot.
	CallOffTitle func(tender string, lot int, lotTitle string) string
	// CallOffNotes is the note on a call-off contract: the tender and the
	// award decision it was concluded under.
	CallOffNotes func(Tender) string
}

func (w Words) suggestionTitle(category string, year int, group string) string {
	if w.SuggestionTitle != nil {
		return w.SuggestionTitle(category, year, group)
	}
	return joinDash(category+" "+strconv.Itoa(year), group)
}

func (w Words) ungrouped(g Grouping) string {
	if w.Ungrouped != nil {
		return w.Ungrouped(g)
	}
	return ""
}

func (w Words) cpvGroupLot(group string) string {
	if w.CPVGroupLot != nil {
		return w.CPVGroupLot(group)
	}
	return group
}

func (w Words) regionLot(category, province string) string {
	if w.RegionLot != nil {
		return w.RegionLot(category, province)
	}
	return joinDash(category, province)
}

func (w Words) callOffTitle(tender string, lot int, lotTitle string) string {
	if w.CallOffTitle != nil {
		return w.CallOffTitle(tender, lot, lotTitle)
	}
	return joinDash(tender, strconv.Itoa(lot)+" "+lotTitle)
}

func (w Words) callOffNotes(t Tender) string {
	if w.CallOffNotes != nil {
		return w.CallOffNotes(t)
	}
	return ""
}

// joinDash joins a name and what qualifies it with a dash, as the
// titles do: "Mobiele telefonie – Fryslân"; an empty b leaves a.
func joinDash(a, b string) string {
	if b == "" {
		return a
	}
	return a + " – " + b
}
