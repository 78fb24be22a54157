package ui

import (
	"html/template"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// funcs returns every template function. Templates format; they never
// decide. Every word and number they write comes from internal/nl.
func funcs() template.FuncMap {
	m := baseFuncs()
	for _, more := range []template.FuncMap{contractFuncs(), alertFuncs(), tenderFuncs()} {
		for k, v := range more {
			if _, dup := m[k]; dup {
				panic("web: template function " + k + " defined twice")
			}
			m[k] = v
		}
	}
	return m
}

func baseFuncs() template.FuncMap {
	return template.FuncMap{
		"money":  nl.Money,
		"date":   nl.Date,
		"number": nl.Number[int],
		"asset":  assetURL,
		// plural picks the singular or plural Dutch noun: {{plural .N "organisatie" "organisaties"}}.
		"plural": nl.Plural,
		"add":    func(a, b int) int { return a + b },
		// label names any enum value in lower case, as inside a sentence:
		// {{label .Procedure}}.
		"label": nl.Label,
		// ratingLegend explains the MoSCoW letters and names once.
		"ratingLegend": nl.RatingLegend,
		"kindLabel":    kindLabel,
		"roleLabel":    roleLabel,
		"actionLabel":  nl.AuditAction,
		"auditEntities": func() map[string]string {
			m := nl.AuditEntities()
			for k, v := range m {
				m[k] = nl.Capitalize(v)
			}
			return m
		},
		// datetime shows an instant in Amsterdam time: 22-11-2026 14:05.
		"datetime":  nl.DateTime,
		"sizeLabel": sizeLabel,
		"bandsText": bandsText,
		"lower":     strings.ToLower,
	}
}

// kindLabel is the name of an organization kind, as a list shows it.
func kindLabel(k contracts.OrgKind) string { return nl.Capitalize(nl.OrgKind(k)) }

// kindPlural is the noun for n organizations of a kind: "1 gemeente",
// "39 gemeenten".
func kindPlural(k contracts.OrgKind, n int) string { return nl.OrgKindNoun(k, n) }

// roleLabel is the name of a role.
func roleLabel(r auth.Role) string { return nl.Role(r) }

// sizeLabel names a size class by its population.
func sizeLabel(s contracts.SizeClass) string { return nl.SizeClass(s) }
