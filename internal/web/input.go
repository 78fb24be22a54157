package web

import (
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Input conversions the API and the UI share.

// ContractInputError returns the problems of input that did not fully
// parse: those in fe, plus what validation finds in the other fields, so
// that one answer still lists every invalid field. A field that did not
// parse is named once, for not parsing.
func ContractInputError(fe apperr.FieldErrors, c contracts.Contract, lines []contracts.LicenceLine) error {
	named := map[string]bool{}
	for _, e := range fe {
		named[e.Field] = true
	}
	add := func(prefix string, err error) {
		for _, e := range apperr.Fields(err) {
			if f := prefix + e.Field; !named[f] {
				named[f] = true
				e.Field = f
				fe = append(fe, e)
			}
		}
	}
	add("", c.Validate())
	for i, l := range lines {
		add(fmt.Sprintf("licenceLines[%d].", i), l.Validate())
	}
	return fe.Err()
}

// ParseDateField reads an ISO date; "" is the zero date.
func ParseDateField(fe *apperr.FieldErrors, field, s string) contracts.Date {
	if s == "" {
		return contracts.Date{}
	}
	d, err := contracts.ParseDate(s)
	if err != nil {
		fe.Add(field, apperr.DateFormat, "2025-01-01")
	}
	return d
}

// DateString is d in ISO form, "" for the zero date.
func DateString(d contracts.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}
