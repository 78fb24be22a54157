package ui

import (
	"html/template"
	"strings"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/auth"
)

// funcs returns every template function. Templates format; they never
// decide.
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
		"add":       func(a, b int) int { return a + b },
		"kindLabel": kindLabel,
		"roleLabel": roleLabel,
		"actionLabel": func(a string) string {
			return map[string]string{"create": "aangemaakt", "update": "gewijzigd", "delete": "verwijderd", "import": "geïmporteerd"}[a]
		},
		"auditEntities": func() map[string]string {
			return map[string]string{"organization": "Organisatie", "category": "Categorie", "cpv": "CPV-lijst", "setting": "Instelling", "user": "Gebruiker", "token": "API-token",
				"vendor": "Leverancier", "contract": "Contract", "calendar_feed": "Agenda-abonnement"}
		},
		// datetime shows an instant in Amsterdam time: 22-11-2026 14:05.
		"datetime":  func(t time.Time) string { return t.In(contracts.Amsterdam).Format("02-01-2006 15:04") },
		"sizeLabel": sizeLabel,
		"bandsText": bandsText,
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

// roleLabel is the Dutch name of a role.
func roleLabel(r auth.Role) string {
	switch r {
	case auth.RoleAdmin:
		return "beheerder"
	case auth.RoleCoordinator:
		return "coördinator (inkoper samenwerkingsverband)"
	case auth.RoleMember:
		return "deelnemer (inkoper van de eigen organisatie)"
	case auth.RoleFinance:
		return "financiën"
	case auth.RoleManagement:
		return "management (alleen lezen)"
	}
	return string(r)
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
