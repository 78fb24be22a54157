package ui

import (
	"html/template"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// alertFuncs are the template functions of the alert pages and dashboard.
func alertFuncs() template.FuncMap {
	return template.FuncMap{"alertKindLabel": alertKindLabel}
}

// alertKindLabel names an alert kind, as a badge shows it.
func alertKindLabel(k contracts.AlertKind) string { return nl.Capitalize(nl.AlertKind(k)) }
