package nl

import (
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
)

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

// importWords word the values of the choice columns of the contract
// import, by the API's name of the field, as the template does.
var importWords = map[string]func(string) string{
	"renewalKind": func(v string) string { return RenewalKindWord(contracts.RenewalKind(v)) },
	"status":      func(v string) string { return ContractStatusWord(contracts.ContractStatus(v)) },
	"metric":      func(v string) string { return MetricWord(contracts.Metric(v)) },
	"pricePeriod": func(v string) string { return PricePeriodWord(contracts.PricePeriod(v)) },
}

// RowProblem words a problem with a cell of an imported file, as the
// import page lists it: the text of its code (FieldMessage), with the
// values a choice column accepts in the template's words: "‘soms’ is geen
// van deze waarden: geen, stilzwijgend, optie of onbepaalde tijd."
func RowProblem(p contracts.RowProblem) string {
	e := p.FieldError
	if word, ok := importWords[e.Field]; ok {
		args := make([]any, len(e.Args))
		for i, a := range e.Args {
			args[i] = a
			if vs, ok := a.([]string); ok {
				args[i] = orList(words(vs, word))
			}
		}
		e.Args = args
	}
	return FieldMessage(e)
}

// orList joins alternatives as Dutch does: "a, b of c".
func orList(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " of " + s[len(s)-1]
}
