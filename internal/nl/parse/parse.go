// Package parse reads amounts and dates as Dutch users type them and as
// spreadsheets hold them. It is the one implementation behind the forms
// (through internal/nl) and the imports of the contracts package, which
// may import it because it imports nothing but the standard library and
// writes no text for users: its errors say in English what was wrong,
// and the callers word them.
package parse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// MaxWholeEuroDigits bounds the whole euros Cents reads: 13 digits, so
// every amount it returns fits in int64 cents with room to spare. The
// domain's own cap (contracts.MaxMoney, €10^12) is lower and is checked by
// its validators, which name the field.
const MaxWholeEuroDigits = 13

// MoneyError says why Input is not an amount in euros: Kind, which a
// caller may word itself, and Error in English.
type MoneyError struct {
	Input string
	Kind  MoneyProblem
}

// MoneyProblem says what is wrong with an amount.
type MoneyProblem string

// The problems Cents finds in an amount.
const (
	// MoneyFormat: the text holds something other than digits, separators,
	// a euro sign or a sign, or is empty.
	MoneyFormat MoneyProblem = "format"
	// MoneyDigits: the digits and separators do not make a number.
	MoneyDigits MoneyProblem = "digits"
	// MoneyTwoDecimalSigns: the last separator appears twice.
	MoneyTwoDecimalSigns MoneyProblem = "two_decimal_signs"
	// MoneyAmbiguous: one comma with three digits after it (1,234).
	MoneyAmbiguous MoneyProblem = "ambiguous"
	// MoneyGrouping: thousands not grouped by three.
	MoneyGrouping MoneyProblem = "grouping"
	// MoneyCents: more than two decimals that are not zeros.
	MoneyCents MoneyProblem = "cents"
	// MoneyTooLarge: more whole euros than MaxWholeEuroDigits, or than a
	// caller's cap.
	MoneyTooLarge MoneyProblem = "too_large"
)

// moneyReasons complete Error's sentence per kind.
var moneyReasons = map[MoneyProblem]string{
	MoneyFormat:          " like € 1.234,56 or 1234.56",
	MoneyTwoDecimalSigns: ": two decimal signs",
	MoneyAmbiguous:       ": with three digits after the comma it could mean thousands or decimals; write 1234,56 or 1.234,56",
	MoneyGrouping:        ": thousands are grouped by three (1.234.567)",
	MoneyCents:           ": amounts are in whole cents, at most two decimals",
	MoneyTooLarge:        ": too large",
}

func (e *MoneyError) Error() string {
	return fmt.Sprintf("%q is not an amount in euros%s", e.Input, moneyReasons[e.Kind])
}

// Cents reads an amount in euros and returns it in cents, without a
// float. A euro sign, "EUR", spaces (also no-break and narrow no-break
// spaces) and a trailing ",-" or ",--" are ignored; a minus sign (also
// U+2212) is kept and a plus sign dropped. The separators decide as
// follows, in this order:
//
//  1. Both "." and "," present: the last one is the decimal sign and the
//     other groups thousands (1.234,56 and 1,234.56 are both 1234.56).
//  2. Only ",": one comma with one or two digits after it is the decimal
//     sign (1234,5; 1234,56). Several commas group thousands (1,234,567).
//     One comma with three digits after it (1,234) is refused: Dutch reads
//     1,234 euros, English 1234, and neither may be guessed.
//  3. Only ".": several dots group thousands (1.234.567). One dot with
//     exactly three digits after it and one to three before, not starting
//     with 0 (1.234), groups thousands too, as Dutch writes them;
//     otherwise the dot is the decimal sign (1234.56, 12.5, as a
//     workbook's raw value or an English file writes it).
//
// Thousands come in groups of three. Cents are the smallest unit: more
// than two decimals are refused unless the extra ones are zeros. At most
// MaxWholeEuroDigits whole euros are read.
func Cents(s string) (int64, error) {
	bad := func(why MoneyProblem) (int64, error) { return 0, &MoneyError{Input: s, Kind: why} }
	t := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '€':
			return -1
		case '−':
			return '-'
		}
		return r
	}, s)
	t = strings.TrimSuffix(strings.TrimPrefix(strings.ToUpper(t), "EUR"), "EUR")
	neg := false
	if strings.HasPrefix(t, "-") {
		neg, t = true, t[1:]
	} else {
		t = strings.TrimPrefix(t, "+")
	}
	for _, dash := range []string{",--", ",-", ".--", ".-"} {
		if strings.HasSuffix(t, dash) {
			t = strings.TrimSuffix(t, dash)
			break
		}
	}
	if t == "" || strings.Trim(t, "0123456789.,") != "" {
		return bad(MoneyFormat)
	}
	dots, commas := strings.Count(t, "."), strings.Count(t, ",")
	var whole, frac, thousands string
	switch {
	case dots > 0 && commas > 0:
		dec := ","
		thousands = "."
		if strings.LastIndex(t, ".") > strings.LastIndex(t, ",") {
			dec, thousands = ".", ","
		}
		if strings.Count(t, dec) > 1 {
			return bad(MoneyTwoDecimalSigns)
		}
		whole, frac, _ = strings.Cut(t, dec)
	case commas == 1:
		whole, frac, _ = strings.Cut(t, ",")
		if len(frac) == 3 {
			return bad(MoneyAmbiguous)
		}
	case commas > 1:
		whole, thousands = t, ","
	case dots == 1:
		w, f, _ := strings.Cut(t, ".")
		if len(f) == 3 && len(w) >= 1 && len(w) <= 3 && w[0] != '0' {
			whole, thousands = t, "."
		} else {
			whole, frac = w, f
		}
	case dots > 1:
		whole, thousands = t, "."
	default:
		whole = t
	}
	if thousands != "" && strings.Contains(whole, thousands) {
		groups := strings.Split(whole, thousands)
		for i, g := range groups {
			if i == 0 && (len(g) < 1 || len(g) > 3) || i > 0 && len(g) != 3 {
				return bad(MoneyGrouping)
			}
		}
		whole = strings.Join(groups, "")
	}
	if whole == "" {
		whole = "0"
	}
	if strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" {
		return bad(MoneyDigits)
	}
	if len(frac) > 2 {
		if strings.Trim(frac[2:], "0") != "" {
			return bad(MoneyCents)
		}
		frac = frac[:2]
	}
	for len(frac) < 2 {
		frac += "0"
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > MaxWholeEuroDigits {
		return bad(MoneyTooLarge)
	}
	euros, _ := strconv.ParseInt("0"+whole, 10, 64)
	cents, _ := strconv.ParseInt(frac, 10, 64)
	m := euros*100 + cents
	if neg {
		m = -m
	}
	return m, nil
}

// Date reads a calendar date as people type it: ISO 8601 (2026-01-31), as
// a browser's date field sends it, or day-month-year with dashes
// (31-01-2026, 31-1-2026), the Dutch way. The year has four digits; the
// day must exist. The date comes back at midnight UTC.
func Date(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2-1-2006", s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date like 31-01-2026 or 2026-01-31", s)
}

// lastSerialDay is 9999-12-31 as an Excel serial day, the last date a
// workbook holds.
const lastSerialDay = 2958465

// midnight is the time of day a spreadsheet adds to a date cell.
var midnight = regexp.MustCompile(`^0?0:00(:00)?$`)

// SheetDate reads a date as a spreadsheet cell holds it: what Date reads,
// also with a midnight time a spreadsheet may add ("31-01-2026 00:00",
// "2026-01-31T00:00:00"), and Excel's serial day numbers (45658 is
// 2025-01-01), which is what a date cell of a workbook holds. Any other
// time of day is refused: a date is meant.
func SheetDate(s string) (time.Time, error) {
	if day, tod, ok := strings.Cut(s, " "); ok && midnight.MatchString(strings.TrimSpace(tod)) {
		s = day
	}
	s = strings.TrimSuffix(s, "T00:00:00")
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= lastSerialDay {
		// Day 1 is 1900-01-01 and Excel counts a 29 February 1900 that
		// never was, so from day 61 on, day 0 is effectively 1899-12-30.
		if n < 61 {
			return time.Date(1899, 12, 31+n, 0, 0, 0, 0, time.UTC), nil
		}
		return time.Date(1899, 12, 30+n, 0, 0, 0, 0, time.UTC), nil
	}
	return Date(s)
}
