package contracts

import (
	"math"
	"time"
	"unicode/utf8"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// This file holds the bounds on every value the domain stores (issue 12):
// calendar dates, money and quantities, and the characters free text may
// hold. Every validator of contracts and procurement checks its fields
// against them, so the API, the forms, the imports and the CLI refuse the
// same input with the same field error, and one out-of-range row can no
// longer break the lists, exports and sums it is part of.
//
// The bounds are far beyond any real value: they exist so that derived
// values (end dates, notice deadlines, yearly spend, estimated tender
// values, sums over a whole cooperative) stay representable.

// Date bounds: every calendar date the domain stores or derives (an end,
// a notice deadline, a timeline date) lies in MinDate..MaxDate. Dates are
// written as YYYY-MM-DD with a four-digit year, so a date derived beyond
// year 9999 could not even be read back; the range keeps a safe margin on
// both sides while leaving room for any contract signed since 1900 and
// any plan up to the end of the 22nd century.
var (
	MinDate = NewDate(MinDateYear, time.January, 1)
	MaxDate = NewDate(MaxDateYear, time.December, 31)
)

// The years of MinDate and MaxDate.
const (
	MinDateYear = 1900
	MaxDateYear = 2199
)

// Money and quantity bounds.
const (
	// MaxMoney caps any single amount the domain stores: an annual value,
	// a unit price, a budget, a policy band: €10^12 (10^14 cents), a
	// thousand times the largest public ICT budget. Sums of 92,000 amounts
	// at the cap still fit in int64.
	MaxMoney Money = 100_000_000_000_000
	// MaxQuantity caps a count of units: licences, seats, connections,
	// a participant's or a demand's quantity (10^9, over fifty times the
	// Dutch population).
	MaxQuantity = 1_000_000_000
	// MaxPopulation caps an organization's number of inhabitants.
	MaxPopulation = 100_000_000
	// MaxInterfaces caps a contract's number of interfaces.
	MaxInterfaces = 100_000
)

// InBounds reports whether d is the zero (unknown) date or lies in
// MinDate..MaxDate.
func (d Date) InBounds() bool {
	return d.IsZero() || !d.Before(MinDate) && !d.After(MaxDate)
}

// OutOfBoundsMessage is the English field message for date d outside the
// bounds.
func OutOfBoundsMessage(d Date) string {
	return apperr.English(apperr.DateOutOfRange, outOfBoundsArgs(d)...)
}

// outOfBoundsArgs are the arguments of apperr.DateOutOfRange for d.
func outOfBoundsArgs(d Date) []any {
	return []any{apperr.Day(MinDate.String()), apperr.Day(MaxDate.String()), apperr.Day(d.String())}
}

// CheckDate adds a problem with field to fe when d, a date given by the
// caller, lies outside the bounds. The zero date passes: whether a date is
// required is the validator's business.
func CheckDate(fe *apperr.FieldErrors, field string, d Date) {
	if !d.InBounds() {
		fe.Add(field, apperr.DateOutOfRange, outOfBoundsArgs(d)...)
	}
}

// CheckDerivedDate adds a problem with field, the input that causes it,
// when date d derived from the input (what names it: "initial end",
// "notice deadline") lies outside the bounds.
func CheckDerivedDate(fe *apperr.FieldErrors, field, what string, d Date) {
	if !d.InBounds() {
		fe.Add(field, apperr.DerivedDate, apperr.Day(MinDate.String()), apperr.Day(MaxDate.String()), what, apperr.Day(d.String()))
	}
}

// CheckMoney adds a problem with field to fe when m is negative or above
// MaxMoney.
func CheckMoney(fe *apperr.FieldErrors, field string, m Money) {
	switch {
	case m < 0:
		fe.Add(field, apperr.Negative, apperr.Cents(m))
	case m > MaxMoney:
		fe.Add(field, apperr.MoneyCap, apperr.Cents(MaxMoney))
	}
}

// CheckQuantity adds a problem with field to fe when n is negative or
// above MaxQuantity.
func CheckQuantity[T ~int | ~int64](fe *apperr.FieldErrors, field string, n T) {
	switch {
	case n < 0:
		fe.Add(field, apperr.Negative, int64(n))
	case int64(n) > MaxQuantity:
		fe.Add(field, apperr.Cap, MaxQuantity)
	}
}

// ControlChar returns the first character of s that free text may not
// hold, its byte offset and whether there is one. Refused are the C0
// controls (U+0000–U+001F) except, when multiline, tab, line feed and
// carriage return; DEL (U+007F); the C1 controls (U+0080–U+009F); the line
// and paragraph separators (U+2028, U+2029); and bytes that are not UTF-8.
// They are invisible on screen, cut CSV rows and PDF lines, and NUL ends a
// string in more than one tool downstream.
func ControlChar(s string, multiline bool) (rune, int, bool) {
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return r, i, true
			}
		case multiline && (r == '\t' || r == '\n' || r == '\r'):
		case r < 0x20, r >= 0x7f && r <= 0x9f, r == '\u2028', r == '\u2029':
			return r, i, true
		}
	}
	return 0, 0, false
}

// CheckText adds a problem with field to fe when s holds a character free
// text may not (ControlChar). Single-line fields (names, titles, units,
// references) refuse tab and newlines too; multiline ones (notes,
// descriptions, requirement texts) allow them.
func CheckText(fe *apperr.FieldErrors, field, s string, multiline bool) {
	if r, at, ok := ControlChar(s, multiline); ok {
		fe.Add(field, apperr.ControlChar, r, at)
	}
}

// Sums over many rows (spend per year, vendor, category or organization,
// concentration, demand per category, a tender's value) use SatAdd and
// SatMul: they saturate at the int64 range instead of wrapping around to a
// negative amount. Every stored amount is at most MaxMoney, so a saturated
// sum needs more than 92,000 amounts at the cap: it can only come from
// rows beyond the bounds (see samenkoop doctor), and then shows an absurd
// but positive total instead of a negative one or an error.

// SatAdd returns a + b, saturated to the int64 range.
func SatAdd[T ~int64](a, b T) T {
	s := a + b
	switch {
	case a > 0 && b > 0 && s < 0:
		return math.MaxInt64
	case a < 0 && b < 0 && s >= 0:
		return math.MinInt64
	}
	return s
}

// SatMul returns a × b, saturated to the int64 range.
func SatMul[T ~int64](a T, b int64) T {
	if a == 0 || b == 0 {
		return 0
	}
	p := int64(a) * b
	if p/b != int64(a) || (int64(a) == -1 && b == math.MinInt64) || (b == -1 && int64(a) == math.MinInt64) {
		if (a < 0) != (b < 0) {
			return math.MinInt64
		}
		return math.MaxInt64
	}
	return T(p)
}
