package exports

import (
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
)

// Number formats n the Dutch way, with a dot between thousands: 934.526.
func Number(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Money formats an amount in euro cents as nl-NL does: € 1.234,56, with
// the minus sign before the euro sign (− € 12,00 reads as € -12,00 in
// Dutch bookkeeping; we follow Excel's nl-NL "€ -12,00").
func Money(m contracts.Money) string {
	c := int64(m)
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return "€ " + sign + Number(c/100) + "," + twoDigits(c%100)
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// Date formats a calendar date as Dutch documents do: 22-11-2026; the zero
// date is empty.
func Date(d contracts.Date) string { return d.Dutch() }

// Percent formats a share in basis points (1/100 of a percent) as 12,5 %.
func Percent(basisPoints int64) string {
	sign := ""
	if basisPoints < 0 {
		sign, basisPoints = "-", -basisPoints
	}
	s := Number(basisPoints/100) + "," + twoDigits(basisPoints%100)
	return sign + strings.TrimSuffix(strings.TrimSuffix(s, "0"), ",0") + " %"
}
