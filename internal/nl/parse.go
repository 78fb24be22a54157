package nl

import (
	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl/parse"
)

// ParseMoney reads an amount in euros as Dutch users type it and returns
// cents: "€ 1.234,56", "1234,56", "1.234", "1234.56" (the rules are
// parse.Cents's). It does not check the domain's bounds: a negative
// amount or one above contracts.MaxMoney is read, for the validators to
// refuse with a message naming the field.
func ParseMoney(s string) (contracts.Money, error) {
	c, err := parse.Cents(s)
	return contracts.Money(c), err
}

// ParseDate reads a calendar date as people type it: ISO 8601 as a
// browser's date field sends it (2026-01-31, also a year outside
// 0000–9999 as Date.String writes it), or day-month-year with dashes
// (31-01-2026, 31-1-2026). It does not check the bounds
// (contracts.MinDate..MaxDate): the validators do, naming the field.
func ParseDate(s string) (contracts.Date, error) {
	if d, err := contracts.ParseDate(s); err == nil {
		return d, nil
	}
	t, err := parse.Date(s)
	if err != nil {
		return contracts.Date{}, err
	}
	return contracts.NewDate(t.Date()), nil
}
