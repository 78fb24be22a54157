package contracts

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"time"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// This file holds the committed-spend rule of DESIGN §4 and issue #6: what a
// contract costs in one calendar year, from its licence lines or, without
// lines, its annual value. Money stays in euro cents: every division is
// integer arithmetic rounded half away from zero, once per step.

// The range a yearly index rate may take, in basis points: −20 % to +50 %.
// Outside it a figure is almost certainly a typo (350 meant as 3.50 %
// written as 35000).
const (
	MinIndexRate = -2000
	MaxIndexRate = 5000
)

// The calendar years the register plans for; an indexation year or a
// spend year outside them is bad input.
const (
	MinYear = 2000
	MaxYear = 2100
)

// Rate returns the indexation rate of year in basis points: its own figure
// (CBS J62, GIBIT art. 11.8) or, when it has none, Default.
func (r IndexRates) Rate(year int) int {
	if rate, ok := r.ByYear[year]; ok {
		return rate
	}
	return r.Default
}

// Indexed returns m, a price as of year from, as it stands in year to:
// every later year multiplies it by 1 + that year's rate, compounding, and
// each step is rounded to the cent, half away from zero, as a new price
// list would be (3 % then 2 %: 100,00 → 103,00 → 105,06). The new price
// applies from 1 January: the register keeps one rate per calendar year,
// so a contract that indexes on its anniversary is approximated. For to ≤
// from m is returned unchanged: prices are never deflated backwards.
func (r IndexRates) Indexed(m Money, from, to int) Money {
	for y := from + 1; y <= to; y++ {
		m = Money(mulDivRound(int64(m), 10_000+int64(r.Rate(y)), 1, 10_000))
	}
	return m
}

// Validate returns every rate outside −2000..5000 basis points and every
// year outside 2000–2100 as apperr.FieldErrors ("indexation[2026]",
// "indexationDefault"), or nil.
func (r IndexRates) Validate() error {
	var fe apperr.FieldErrors
	if r.Default < MinIndexRate || r.Default > MaxIndexRate {
		fe.Add("indexationDefault", apperr.IndexRate, MinIndexRate, MaxIndexRate, r.Default)
	}
	years := make([]int, 0, len(r.ByYear))
	for y := range r.ByYear {
		years = append(years, y)
	}
	slices.Sort(years)
	for _, y := range years {
		field := fmt.Sprintf("indexation[%d]", y)
		if y < MinYear || y > MaxYear {
			fe.Add(field, apperr.IndexYear, MinYear, MaxYear)
		}
		if rate := r.ByYear[y]; rate < MinIndexRate || rate > MaxIndexRate {
			fe.Add(field, apperr.IndexRate, MinIndexRate, MaxIndexRate, rate)
		}
	}
	return fe.Err()
}

// ContractYearSpend returns what contract c commits the organization to
// pay in calendar year year (1 January–31 December, both inclusive), in
// euro cents. lines are c's licence lines (the caller selects them; they
// are not filtered by ContractID). today is the calendar date the register
// stands on; it matters for terminated contracts and express options.
//
// The active period runs from c.Start to the end the renewal rules of
// DESIGN §4 give (see activeEnd):
//   - no renewal: the initial end;
//   - tacit renewal without recorded notice: the contract is assumed to
//     keep renewing, up to its maximum extent, or without end when it has
//     none (issue #6: "tacit renewals counted as long as no notice was
//     recorded");
//   - tacit renewal with notice recorded: the period end the notice was in
//     time for, as Dates computes it;
//   - indefinite continuation without recorded notice: without end, as a
//     tacit renewal without maximum, because it too continues by itself
//     until notice is given. Its earliest possible end as of today
//     (EarliestEnd) is not a commitment to stop: counting only up to it
//     would forecast every such contract as ending within its notice
//     period;
//   - indefinite continuation with notice recorded: the earliest end that
//     notice reached (EarliestEnd of the day it was given), as Dates
//     computes it;
//   - express renewal: only the options exercised (RenewalsExercised,
//     Dates.CurrentEnd); an option not yet taken is not a commitment;
//   - status draft: nothing, the contract is not in force;
//   - status terminated: as above, but nothing after today, because the
//     register keeps no termination date; what fell due up to today stays.
//
// With licence lines the spend is the sum of the lines; each line runs over
// its own Start–End, where a zero date means the contract's, clipped to the
// active period:
//   - PerYear: unit price × quantity × days in the year / days of that
//     calendar year (365 or 366), so a full calendar year is exactly the
//     yearly price and 1 July–31 December 2025 is 184/365 of it;
//   - PerMonth: unit price × quantity for each calendar month, a month the
//     line covers only partly pro rata per day of that month (15–31 January
//     is 17/31 of a month, 15–29 February 2024 is 15/29), so July–December
//     is exactly six months;
//   - Once: unit price × quantity in the year the line starts (its own
//     start, else the contract's), when that day lies in the active period.
//
// A quantity of Unlimited counts as 1: an enterprise licence is priced per
// period. Without lines the annual value is spread per day like a PerYear
// line. Prices and the annual value are as of the contract's start year,
// also for a line that starts later (its price comes from the contract's
// price schedule), and indexed to year with idx (IndexRates.Indexed); each
// line's amount for the year is rounded once, half away from zero.
func ContractYearSpend(c Contract, lines []LicenceLine, year int, today Date, idx IndexRates) Money {
	if c.Status == StatusDraft || c.Start.IsZero() {
		return 0
	}
	end := c.activeEnd(today)
	if !end.IsZero() && end.Before(c.Start) {
		return 0
	}
	base := c.Start.Year()
	if len(lines) == 0 {
		from, to, ok := clip(c.Start, end, year)
		if !ok {
			return 0
		}
		return Money(mulDivRound(int64(idx.Indexed(c.AnnualValue, base, year)), 1, int64(from.DaysUntil(to)+1), int64(daysInYear(year))))
	}
	var sum Money
	for _, l := range lines {
		sum = SatAdd(sum, lineYearSpend(c, l, end, base, year, idx))
	}
	return sum
}

// lineYearSpend is one line's part of ContractYearSpend; end is the
// contract's active end (zero: open).
func lineYearSpend(c Contract, l LicenceLine, end Date, base, year int, idx IndexRates) Money {
	qty := int64(l.Quantity)
	switch {
	case l.Quantity == Unlimited:
		qty = 1
	case qty < 0:
		return 0
	}
	start := c.Start
	if !l.Start.IsZero() && l.Start.After(start) {
		start = l.Start
	}
	if !l.End.IsZero() && (end.IsZero() || l.End.Before(end)) {
		end = l.End
	}
	if !end.IsZero() && end.Before(start) {
		return 0
	}
	switch l.PricePeriod {
	case Once:
		if start.Year() != year {
			return 0
		}
		return Money(mulDivRound(int64(idx.Indexed(l.UnitPrice, base, year)), qty, 1, 1))
	case PerYear:
		from, to, ok := clip(start, end, year)
		if !ok {
			return 0
		}
		return Money(mulDivRound(int64(idx.Indexed(l.UnitPrice, base, year)), qty, int64(from.DaysUntil(to)+1), int64(daysInYear(year))))
	case PerMonth:
		from, to, ok := clip(start, end, year)
		if !ok {
			return 0
		}
		num, den := monthsBetween(from, to)
		return Money(mulDivRound(int64(idx.Indexed(l.UnitPrice, base, year)), qty, num, den))
	}
	return 0
}

// activeEnd returns the last day c is committed to as of today (DESIGN §4,
// see ContractYearSpend), or the zero Date when a tacit renewal without
// notice and without maximum, or an indefinite continuation without
// notice, keeps running.
func (c Contract) activeEnd(today Date) Date {
	var end Date
	switch c.RenewalKind {
	case RenewalIndefinite:
		if !c.NoticeGivenOn.IsZero() {
			// The same rule as indefiniteDates.
			end = c.EarliestEnd(c.NoticeGivenOn)
		}
	case RenewalTacit:
		maxN, limited := c.maxPeriods()
		switch {
		case !c.NoticeGivenOn.IsZero():
			// The same rule as tacitDates: the first period end whose
			// notice deadline the notice met, within the maximum.
			k := 0
			for (!limited || k < maxN) && c.NoticeGivenOn.After(c.NoticeDeadlineFor(c.periodEnd(k))) {
				k++
			}
			end = c.periodEnd(k)
		case limited:
			end = c.periodEnd(maxN)
		}
	case RenewalExpress:
		end = c.Dates(today).CurrentEnd
	default:
		end = c.InitialEnd()
	}
	if c.Status == StatusTerminated && !today.IsZero() && (end.IsZero() || today.Before(end)) {
		end = today
	}
	return end
}

// clip returns the part of from–to (to zero: open) that lies in year, and
// false when none does.
func clip(from, to Date, year int) (Date, Date, bool) {
	first, last := NewDate(year, time.January, 1), NewDate(year, time.December, 31)
	if from.Before(first) {
		from = first
	}
	if to.IsZero() || to.After(last) {
		to = last
	}
	return from, to, !to.Before(from)
}

// daysInYear returns 365 or 366.
func daysInYear(year int) int {
	return NewDate(year, time.January, 1).DaysUntil(NewDate(year+1, time.January, 1))
}

// daysInMonth returns the number of days of d's month.
func daysInMonth(d Date) int64 {
	return int64(NewDate(d.Year(), d.Month()+1, 0).Day())
}

// monthsBetween returns the number of calendar months from–to covers (both
// in one year, from ≤ to) as the fraction num/den: whole months count 1, a
// month covered partly counts its days over the days of that month.
func monthsBetween(from, to Date) (num, den int64) {
	if from.Month() == to.Month() {
		return int64(to.Day() - from.Day() + 1), daysInMonth(from)
	}
	m1, m2 := daysInMonth(from), daysInMonth(to)
	d1 := m1 - int64(from.Day()) + 1
	d2 := int64(to.Day())
	whole := int64(to.Month() - from.Month() - 1)
	return whole*m1*m2 + d1*m2 + d2*m1, m1 * m2
}

// mulDivRound returns a × b × c / den rounded half away from zero, for
// den > 0, without overflowing on the way: products go through 128 bits,
// or math/big when even that is not enough. A result beyond the int64 range
// (over €92 thousand trillion) saturates.
func mulDivRound(a, b, c, den int64) int64 {
	neg := (a < 0) != (b < 0) != (c < 0)
	ua, ub, uc := absU(a), absU(b), absU(c)
	if hi, ab := bits.Mul64(ua, ub); hi == 0 {
		if hi, lo := bits.Mul64(ab, uc); hi < uint64(den) {
			q, r := bits.Div64(hi, lo, uint64(den))
			if r >= uint64(den)-r { // 2r ≥ den without overflow
				q++
			}
			if q <= math.MaxInt64 {
				if neg {
					return -int64(q)
				}
				return int64(q)
			}
		}
	}
	p := new(big.Int).Mul(big.NewInt(a), big.NewInt(b))
	p.Mul(p, big.NewInt(c))
	return roundQuo(p, big.NewInt(den))
}

// roundQuo returns n / d rounded half away from zero (d > 0), saturated to
// the int64 range.
func roundQuo(n, d *big.Int) int64 {
	neg := n.Sign() < 0
	q, r := new(big.Int).QuoRem(new(big.Int).Abs(n), d, new(big.Int))
	if r.Lsh(r, 1).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if !q.IsInt64() {
		if neg {
			return math.MinInt64
		}
		return math.MaxInt64
	}
	if neg {
		return -q.Int64()
	}
	return q.Int64()
}

func absU(x int64) uint64 {
	if x < 0 {
		return uint64(-(x + 1)) + 1 // also right for math.MinInt64
	}
	return uint64(x)
}
