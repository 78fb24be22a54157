package ui

import (
	"html/template"

	"github.com/samenkoop/samenkoop/contracts"
)

// alertFuncs are the template functions of the alert pages and dashboard.
func alertFuncs() template.FuncMap {
	return template.FuncMap{"alertKindLabel": alertKindLabel}
}

// alertKindLabel is the Dutch name of an alert kind.
func alertKindLabel(k contracts.AlertKind) string {
	switch k {
	case contracts.AlertAction:
		return "Actiedatum"
	case contracts.AlertNotice:
		return "Opzegtermijn"
	case contracts.AlertOption:
		return "Verlengingsoptie"
	case contracts.AlertExpiry:
		return "Einddatum"
	}
	return string(k)
}
