package ui

import (
	"html/template"

	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// tenderFuncs are the template functions of the tender pages: the names
// of the lifecycle and the plan's enums the domain names only in code.
func tenderFuncs() template.FuncMap {
	return template.FuncMap{
		"tenderStatusLabel": tenderStatusLabel,
		"contractKindLabel": contractKindLabel,
		"gapKindLabel":      gapKindLabel,
		"warning":           nl.Warning,
		"milestoneLabel":    milestoneLabel,
		// basis cites the legal minimum or the assumption behind a date.
		"basis": nl.Basis,
		// gapReason states how a current contract meets the planned start.
		"gapReason": nl.GapReason,
		// The plan's reasoning, worded from its values.
		"estimateBasis":        func() string { return nl.EstimateBasis },
		"lotEstimateBasis":     nl.LotEstimateBasis,
		"determinationReasons": nl.DeterminationReasons,
		"missingValue":         nl.MissingValue,
		"exemptionReasons":     nl.ExemptionReasons,
		"assumptions":          nl.Assumptions,
		// A bundling suggestion, worded.
		"bundleWhy":           nl.BundleWhy,
		"bundleJustification": nl.BundleJustification,
	}
}

// tenderStatusLabel names a tender status, as the list and the lifecycle
// steps show it.
func tenderStatusLabel(s procurement.TenderStatus) string { return nl.Capitalize(nl.TenderStatus(s)) }

// tenderActionLabel is the text of the button that moves a tender to s.
func tenderActionLabel(s procurement.TenderStatus) string { return nl.Capitalize(nl.TenderAction(s)) }

// contractKindLabel names a kind of public contract, as a form shows it.
func contractKindLabel(k procurement.ContractKind) string { return nl.Capitalize(nl.ContractKind(k)) }

// gapKindLabel says in a few words how a current contract meets the
// planned start.
func gapKindLabel(k procurement.GapKind) string { return nl.Capitalize(nl.GapKind(k)) }

// milestoneLabel names a step of the timeline, as a row of the planning
// shows it.
func milestoneLabel(key string) string { return nl.Capitalize(nl.Milestone(key)) }
