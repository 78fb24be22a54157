package web

import (
	"html/template"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
)

// funcs returns every template function. Templates format; they never
// decide.
func funcs() template.FuncMap {
	return template.FuncMap{
		"money":  exports.Money,
		"date":   exports.Date,
		"number": func(n int) string { return exports.Number(int64(n)) },
		"asset":  assetURL,
		// plural picks the singular or plural Dutch noun: {{plural .N "organisatie" "organisaties"}}.
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
		"kindLabel": kindLabel,
		"sizeLabel": sizeLabel,
		"lower":     strings.ToLower,
	}
}

// kindLabel is the Dutch name of an organization kind.
func kindLabel(k contracts.OrgKind) string {
	switch k {
	case contracts.KindMunicipality:
		return "Gemeente"
	case contracts.KindProvince:
		return "Provincie"
	case contracts.KindWaterBoard:
		return "Waterschap"
	case contracts.KindJointArrangement:
		return "Gemeenschappelijke regeling"
	case contracts.KindCooperation:
		return "Samenwerkingsverband"
	case contracts.KindOther:
		return "Overig"
	}
	return string(k)
}

// kindPlural is the Dutch name of an organization kind for n of them:
// "1 gemeente", "39 gemeenten".
func kindPlural(k contracts.OrgKind, n int) string {
	var one, many string
	switch k {
	case contracts.KindMunicipality:
		one, many = "gemeente", "gemeenten"
	case contracts.KindProvince:
		one, many = "provincie", "provincies"
	case contracts.KindWaterBoard:
		one, many = "waterschap", "waterschappen"
	case contracts.KindJointArrangement:
		one, many = "gemeenschappelijke regeling", "gemeenschappelijke regelingen"
	case contracts.KindCooperation:
		one, many = "samenwerkingsverband", "samenwerkingsverbanden"
	default:
		one, many = "overige organisatie", "overige organisaties"
	}
	if n == 1 {
		return one
	}
	return many
}

// sizeLabel is the Dutch description of a size class.
func sizeLabel(s contracts.SizeClass) string {
	switch s {
	case contracts.SizeSmall:
		return "minder dan 20.000 inwoners"
	case contracts.SizeMedium:
		return "20.000 tot 50.000 inwoners"
	case contracts.SizeLarge:
		return "50.000 tot 100.000 inwoners"
	case contracts.SizeXLarge:
		return "100.000 inwoners of meer"
	}
	return "onbekend"
}
