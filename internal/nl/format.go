package nl

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/samenkoop/samenkoop/contracts"
)

// magnitude returns the absolute value of n as a uint64 (so that the
// smallest int64 has one too) and whether n is negative.
func magnitude(n int64) (uint64, bool) {
	if n < 0 {
		return uint64(-(n + 1)) + 1, true
	}
	return uint64(n), false
}

// grouped writes u with a dot between thousands: 1.234.567.
func grouped(u uint64) string {
	s := strconv.FormatUint(u, 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/3)
	for i := 0; i < len(s); i++ {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// twoDigits writes n (0–99) with a leading zero.
func twoDigits(n uint64) string {
	if n < 10 {
		return "0" + strconv.FormatUint(n, 10)
	}
	return strconv.FormatUint(n, 10)
}

// Number writes n with a dot between thousands (CLDR nl #,##0):
// 1.234.567, -1.000.
func Number[T ~int | ~int64](n T) string {
	u, neg := magnitude(int64(n))
	if neg {
		return "-" + grouped(u)
	}
	return grouped(u)
}

// AtLeast writes a count counted up to a bound: n as Number does, or
// "meer dan n" when more says there are more than n.
func AtLeast[T ~int | ~int64](n T, more bool) string {
	if more {
		return "meer dan " + Number(n)
	}
	return Number(n)
}

// Money writes an amount in euro cents as CLDR nl does
// (¤ #,##0.00;¤ -#,##0.00): € 1.234,56, and € -0,05 for minus five
// cents, the minus sign between the euro sign and the digits as Dutch
// bookkeeping and a Dutch Excel write it. The space after the euro sign
// is a no-break space (U+00A0), so that a line never breaks between the
// sign and the amount.
func Money(m contracts.Money) string {
	u, neg := magnitude(int64(m))
	sign := ""
	if neg {
		sign = "-"
	}
	return "€\u00a0" + sign + grouped(u/100) + "," + twoDigits(u%100)
}

// Decimal writes an amount in euro cents as a number a Dutch spreadsheet
// reads: 1234,56, with a decimal comma and neither a euro sign nor a
// thousands separator (a CSV cell for a Dutch Excel).
func Decimal(m contracts.Money) string {
	u, neg := magnitude(int64(m))
	sign := ""
	if neg {
		sign = "-"
	}
	return sign + strconv.FormatUint(u/100, 10) + "," + twoDigits(u%100)
}

// Percent writes a share in basis points (1/100 of a percent) as a Dutch
// percentage: exact, with at most two decimals and no trailing zeros, a
// decimal comma and a space before the percent sign: 1250 → "12,5 %",
// 3333 → "33,33 %", 5000 → "50 %", -50 → "-0,5 %".
func Percent[T ~int | ~int64](basisPoints T) string {
	u, neg := magnitude(int64(basisPoints))
	s := grouped(u / 100)
	if frac := u % 100; frac != 0 {
		s += "," + strings.TrimSuffix(twoDigits(frac), "0")
	}
	if neg {
		s = "-" + s
	}
	return s + " %"
}

// Date writes a calendar date in the short Dutch form, day-month-year
// with two-digit day and month: 05-12-2026. The zero (unknown) date is
// empty.
func Date(d contracts.Date) string {
	if d.IsZero() {
		return ""
	}
	return twoDigits(uint64(d.Day())) + "-" + twoDigits(uint64(d.Month())) + "-" + year(d.Year())
}

// year writes a year with at least four digits, as Date.String does.
func year(y int) string {
	u, neg := magnitude(int64(y))
	s := strconv.FormatUint(u, 10)
	for len(s) < 4 {
		s = "0" + s
	}
	if neg {
		return "-" + s
	}
	return s
}

// months are the Dutch month names, in lower case (Taalunie).
var months = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december"}

// weekdays are the Dutch day names, Sunday first as time.Weekday counts.
var weekdays = [...]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}

// DateLong writes a calendar date in the long Dutch form: 5 december
// 2026. The zero date is empty.
func DateLong(d contracts.Date) string {
	if d.IsZero() {
		return ""
	}
	return strconv.Itoa(d.Day()) + " " + months[d.Month()-1] + " " + strconv.Itoa(d.Year())
}

// Month is the Dutch name of a month: december.
func Month(m time.Month) string {
	if m < time.January || m > time.December {
		return strconv.Itoa(int(m))
	}
	return months[m-1]
}

// Weekday is the Dutch name of d's day of the week: zaterdag.
func Weekday(d contracts.Date) string { return weekdays[d.Weekday()] }

// WeekdayDate writes d with its weekday: zaterdag 05-12-2026.
func WeekdayDate(d contracts.Date) string { return Weekday(d) + " " + Date(d) }

// DateTime writes an instant in Amsterdam time: 22-11-2026 14:05.
func DateTime(t time.Time) string {
	return t.In(contracts.Amsterdam).Format("02-01-2006 15:04")
}

// YesNo is "ja" or "nee".
func YesNo(b bool) string {
	if b {
		return "ja"
	}
	return "nee"
}

// Plural picks the singular or the plural noun for n: Plural(1,
// "organisatie", "organisaties") is "organisatie".
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Count writes n with its noun: "1 maand", "36 maanden", "1.500 dagen".
func Count(n int, one, many string) string {
	return Number(n) + " " + Plural(n, one, many)
}

// Months writes a period in months: "1 maand", "36 maanden".
func Months(n int) string { return Count(n, "maand", "maanden") }

// Days writes a period in days: "1 dag", "30 dagen".
func Days(n int) string { return Count(n, "dag", "dagen") }

// Capitalize upper-cases the first letter of s, as a label that starts a
// sentence, a heading or a table cell is written.
func Capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
