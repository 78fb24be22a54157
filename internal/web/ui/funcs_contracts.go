package ui

import (
	"html/template"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// contractFuncs are the template functions of the contract and vendor
// pages: the names of the register's enums and counts with their unit.
func contractFuncs() template.FuncMap {
	return template.FuncMap{
		"contractStatusLabel": contractStatusLabel,
		"renewalKindLabel":    renewalKindLabel,
		"metricLabel":         metricLabel,
		"pricePeriodLabel":    nl.PricePeriod,
		// rowProblem says what is wrong with a cell of an imported file.
		"rowProblem": nl.RowProblem,
		// quantityLabel shows a licensed quantity: 250, or "onbeperkt".
		"quantityLabel": func(n int) string {
			if n == contracts.Unlimited {
				return "onbeperkt"
			}
			return nl.Number(n)
		},
		// seatsLabel shows the seats in use: 180, or "onbekend".
		"seatsLabel": func(n int) string {
			if n < 0 {
				return "onbekend"
			}
			return nl.Number(n)
		},
		// monthCount says a period in months: "1 maand", "36 maanden".
		"monthCount": nl.Months,
		// dayCount says a period in days: "1 dag", "30 dagen".
		"dayCount": nl.Days,
		// noticePeriod says a contract's notice period: "3 maanden",
		// "90 dagen", or "geen".
		"noticePeriod": noticePeriodLabel,
		// percent shows basis points as a Dutch percentage: 4550 → "45,5 %".
		"percent": nl.Percent[int],
		"hhiBand": nl.HHIBand,
		// lockInFactor words a factor of a lock-in score.
		"lockInFactor": nl.LockInFactor,
		"yesNo":        nl.YesNo,
	}
}

// contractStatusLabel names a contract status, as a list shows it.
func contractStatusLabel(s contracts.ContractStatus) string {
	return nl.Capitalize(nl.ContractStatus(s))
}

// noticePeriodLabel says a contract's notice period: "3 maanden",
// "90 dagen", or "geen".
func noticePeriodLabel(c contracts.Contract) string {
	switch {
	case c.NoticeDays > 0:
		return nl.Days(c.NoticeDays)
	case c.NoticeMonths > 0:
		return nl.Months(c.NoticeMonths)
	}
	return "geen"
}

// renewalKindLabel names a renewal kind, as a list shows it.
func renewalKindLabel(k contracts.RenewalKind) string { return nl.Capitalize(nl.RenewalKind(k)) }

// metricLabel names a licence metric, as a list shows it.
func metricLabel(m contracts.Metric) string { return nl.Capitalize(nl.Metric(m)) }

// contractSortLabel names a sort order of the contract list.
func contractSortLabel(s contracts.ContractSort) string { return nl.Capitalize(nl.ContractSort(s)) }
