package nl

import "github.com/samenkoop/samenkoop/contracts"

// The words of the contract import template. Its drop-down lists offer
// them, and the contract list writes them, so that a row of the list can
// be pasted into the template and imported again: the template's data
// validation accepts only these. They are shorter than the labels, as
// people write them in a sheet; the import (contracts) reads both.

var renewalKindWords = map[contracts.RenewalKind]string{
	contracts.RenewalNone:       "geen",
	contracts.RenewalTacit:      "stilzwijgend",
	contracts.RenewalExpress:    "optie",
	contracts.RenewalIndefinite: "onbepaalde tijd",
}

// RenewalKindWord is the import template's word for a renewal kind:
// stilzwijgend.
func RenewalKindWord(k contracts.RenewalKind) string { return label(renewalKindWords, k) }

// ContractStatusWord is the import template's word for a contract
// status; it is the label: actief.
func ContractStatusWord(s contracts.ContractStatus) string { return ContractStatus(s) }

// MetricWord is the import template's word for a licence metric; it is
// the label: benoemde gebruiker.
func MetricWord(m contracts.Metric) string { return Metric(m) }

var pricePeriodWords = map[contracts.PricePeriod]string{
	contracts.PerMonth: "maand",
	contracts.PerYear:  "jaar",
	contracts.Once:     "eenmalig",
}

// PricePeriodWord is the import template's word for a price period:
// maand.
func PricePeriodWord(p contracts.PricePeriod) string { return label(pricePeriodWords, p) }

// words maps a list of values to their words, in the list's order.
func words[T any](values []T, word func(T) string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = word(v)
	}
	return out
}

// RenewalKindWords, ContractStatusWords, MetricWords and PricePeriodWords
// are the template's drop-down lists, in the domain's order.
func RenewalKindWords() []string { return words(contracts.RenewalKinds(), RenewalKindWord) }

// ContractStatusWords lists the template's words for the statuses.
func ContractStatusWords() []string { return words(contracts.ContractStatuses(), ContractStatusWord) }

// MetricWords lists the template's words for the licence metrics.
func MetricWords() []string { return words(contracts.Metrics(), MetricWord) }

// PricePeriodWords lists the template's words for the price periods.
func PricePeriodWords() []string { return words(contracts.PricePeriods(), PricePeriodWord) }
