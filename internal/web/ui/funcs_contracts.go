package ui

import (
	"fmt"
	"html/template"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
)

// contractFuncs are the template functions of the contract and vendor
// pages: Dutch names of the register's enums and counts with their unit.
func contractFuncs() template.FuncMap {
	return template.FuncMap{
		"contractStatusLabel": contractStatusLabel,
		"renewalKindLabel":    renewalKindLabel,
		"metricLabel":         metricLabel,
		"pricePeriodLabel":    pricePeriodLabel,
		// quantityLabel shows a licensed quantity: 250, or "onbeperkt".
		"quantityLabel": func(n int) string {
			if n == contracts.Unlimited {
				return "onbeperkt"
			}
			return exports.Number(int64(n))
		},
		// seatsLabel shows the seats in use: 180, or "onbekend".
		"seatsLabel": func(n int) string {
			if n < 0 {
				return "onbekend"
			}
			return exports.Number(int64(n))
		},
		// monthCount says a period in months: "1 maand", "36 maanden".
		"monthCount": func(n int) string { return countLabel(n, "maand", "maanden") },
		// dayCount says a period in days: "1 dag", "30 dagen".
		"dayCount": func(n int) string { return countLabel(n, "dag", "dagen") },
		// noticePeriod says a contract's notice period: "3 maanden",
		// "90 dagen", or "geen".
		"noticePeriod": noticePeriodLabel,
		// percent shows basis points as a Dutch percentage: 4550 → "45,5 %".
		"percent": func(bp int) string { return exports.Percent(int64(bp)) },
		"hhiBand": hhiBandLabel,
		"yesNo": func(b bool) string {
			if b {
				return "ja"
			}
			return "nee"
		},
	}
}

func countLabel(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%s %s", exports.Number(int64(n)), many)
}

// contractStatusLabel is the Dutch name of a contract status.
func contractStatusLabel(s contracts.ContractStatus) string {
	switch s {
	case contracts.StatusDraft:
		return "Concept"
	case contracts.StatusActive:
		return "Actief"
	case contracts.StatusTerminated:
		return "Beëindigd"
	}
	return string(s)
}

// noticePeriodLabel says a contract's notice period in Dutch: "3
// maanden", "90 dagen", or "geen".
func noticePeriodLabel(c contracts.Contract) string {
	switch {
	case c.NoticeDays > 0:
		return countLabel(c.NoticeDays, "dag", "dagen")
	case c.NoticeMonths > 0:
		return countLabel(c.NoticeMonths, "maand", "maanden")
	}
	return "geen"
}

// renewalKindLabel is the Dutch name of a renewal kind.
func renewalKindLabel(k contracts.RenewalKind) string {
	switch k {
	case contracts.RenewalNone:
		return "Geen verlenging"
	case contracts.RenewalTacit:
		return "Stilzwijgende verlenging"
	case contracts.RenewalExpress:
		return "Verlengingsoptie"
	case contracts.RenewalIndefinite:
		return "Daarna voor onbepaalde tijd"
	}
	return string(k)
}

// metricLabel is the Dutch name of a licence metric.
func metricLabel(m contracts.Metric) string {
	switch m {
	case contracts.MetricNamedUser:
		return "Benoemde gebruiker"
	case contracts.MetricConcurrent:
		return "Gelijktijdige gebruiker"
	case contracts.MetricDevice:
		return "Apparaat"
	case contracts.MetricPerInhabitant:
		return "Per inwoner"
	case contracts.MetricEnterprise:
		return "Organisatiebreed"
	}
	return string(m)
}

// pricePeriodLabel says what a unit price pays for.
func pricePeriodLabel(p contracts.PricePeriod) string {
	switch p {
	case contracts.PerMonth:
		return "per maand"
	case contracts.PerYear:
		return "per jaar"
	case contracts.Once:
		return "eenmalig"
	}
	return string(p)
}

// contractSortLabel names a sort order of the contract list.
func contractSortLabel(s contracts.ContractSort) string {
	switch s {
	case contracts.SortNotice:
		return "Opzegdatum (eerstvolgende eerst)"
	case contracts.SortEnd:
		return "Huidig einde (eerstvolgende eerst)"
	case contracts.SortNumber:
		return "Organisatie en contractnummer"
	case contracts.SortValue:
		return "Jaarwaarde (hoogste eerst)"
	case contracts.SortTitle:
		return "Omschrijving"
	}
	return string(s)
}

// hhiBandLabel is the Dutch name of an HHI band (DESIGN §4); a
// concentration without spend has no band.
func hhiBandLabel(b contracts.HHIBand) string { return exports.HHIBandText(b) }
