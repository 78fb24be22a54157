package ui

import (
	"html/template"
	"strings"

	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// tenderFuncs are the template functions of the tender pages: Dutch names
// of the lifecycle and the plan's enums the domain names only in code.
func tenderFuncs() template.FuncMap {
	return template.FuncMap{
		"tenderStatusLabel": tenderStatusLabel,
		"contractKindLabel": contractKindLabel,
		"gapKindLabel":      gapKindLabel,
		"warning":           nl.Warning,
	}
}

// tenderStatusLabel is the Dutch name of a tender status, as the list and
// the lifecycle steps show it.
func tenderStatusLabel(s procurement.TenderStatus) string {
	switch s {
	case procurement.TenderDraft:
		return "Concept"
	case procurement.TenderCollecting:
		return "Deelnemers verzamelen"
	case procurement.TenderMandating:
		return "Mandaten verzamelen"
	case procurement.TenderPublished:
		return "Gepubliceerd"
	case procurement.TenderEvaluating:
		return "Beoordeling"
	case procurement.TenderAwarded:
		return "Gegund"
	case procurement.TenderContracted:
		return "Gecontracteerd"
	case procurement.TenderClosed:
		return "Afgesloten"
	case procurement.TenderCancelled:
		return "Geannuleerd"
	}
	return string(s)
}

// tenderActionLabel is the text of the button that moves a tender to s.
func tenderActionLabel(s procurement.TenderStatus) string {
	switch s {
	case procurement.TenderCollecting:
		return "Deelnemers gaan verzamelen"
	case procurement.TenderMandating:
		return "Mandaten gaan verzamelen"
	case procurement.TenderPublished:
		return "Publiceren"
	case procurement.TenderEvaluating:
		return "Beoordeling starten"
	case procurement.TenderAwarded:
		return "Gunnen"
	case procurement.TenderContracted:
		return "Contracteren: nadere overeenkomsten aanmaken"
	case procurement.TenderClosed:
		return "Afsluiten"
	case procurement.TenderCancelled:
		return "Annuleren"
	}
	return tenderStatusLabel(s)
}

// contractKindLabel is the Dutch name of a kind of public contract.
func contractKindLabel(k procurement.ContractKind) string {
	switch k {
	case procurement.KindSupplies:
		return "Leveringen"
	case procurement.KindServices:
		return "Diensten"
	case procurement.KindWorks:
		return "Werken"
	case procurement.KindSocial:
		return "Sociale en andere specifieke diensten"
	}
	return string(k)
}

// gapKindLabel says in a few words how a current contract meets the
// planned start.
func gapKindLabel(k procurement.GapKind) string {
	switch k {
	case procurement.GapNone:
		return "Geen lopend contract"
	case procurement.GapFits:
		return "Sluit aan"
	case procurement.GapOverlap:
		return "Overlap"
	case procurement.GapOpen:
		return "Gat"
	case procurement.GapUnknown:
		return "Nog niet te vergelijken"
	}
	return string(k)
}

// mandateScopeLabel lists what a mandate authorizes, in Dutch.
func mandateScopeLabel(s procurement.MandateScope) string {
	var parts []string
	if s.Documents {
		parts = append(parts, "stukken")
	}
	if s.Award {
		parts = append(parts, "gunning")
	}
	if s.Litigation {
		parts = append(parts, "procederen")
	}
	if s.Substitution {
		parts = append(parts, "substitutie")
	}
	return strings.Join(parts, ", ")
}

// ratingShort is the one-letter MoSCoW code of the rating matrix.
func ratingShort(r procurement.Rating) string {
	switch r {
	case procurement.Must:
		return "M"
	case procurement.Should:
		return "S"
	case procurement.Could:
		return "C"
	case procurement.Wont:
		return "W"
	}
	return ""
}
