package contracts

import (
	"slices"
	"time"
)

// DayOff says why a day is not a working day under the Algemene
// termijnenwet (Atw): a Saturday, a Sunday, a recognized holiday (art. 3
// lid 1), Good Friday (made equal by art. 3 lid 2) or a day made equal by
// decree (art. 3 lid 3). The empty DayOff is a working day. The values are
// codes; the layers that speak Dutch name them.
type DayOff string

// The reasons a day is not a working day. A holiday that falls on a
// weekend is reported as the holiday.
const (
	// OffNone is a working day.
	OffNone DayOff = ""
	// OffSaturday and OffSunday are the weekend (Atw art. 1).
	OffSaturday DayOff = "saturday"
	OffSunday   DayOff = "sunday"
	// OffNewYear is New Year's Day, 1 January (Atw art. 3 lid 1).
	OffNewYear DayOff = "new_year"
	// OffGoodFriday is the Friday before Easter, made equal by the Act
	// itself (Atw art. 3 lid 2).
	OffGoodFriday DayOff = "good_friday"
	// OffEasterMonday is the Monday after Easter (Atw art. 3 lid 1).
	OffEasterMonday DayOff = "easter_monday"
	// OffKingsDay is the King's birthday as celebrated: 27 April, or 26
	// April when the 27th is a Sunday (Atw art. 3 lid 1).
	OffKingsDay DayOff = "kings_day"
	// OffLiberationDay is 5 May (Atw art. 3 lid 1).
	OffLiberationDay DayOff = "liberation_day"
	// OffAscension is Ascension Day, 39 days after Easter (Atw art. 3
	// lid 1).
	OffAscension DayOff = "ascension_day"
	// OffWhitMonday is the Monday after Whitsun, 50 days after Easter (Atw
	// art. 3 lid 1).
	OffWhitMonday DayOff = "whit_monday"
	// OffChristmas and OffBoxingDay are 25 and 26 December (Atw art. 3
	// lid 1).
	OffChristmas DayOff = "christmas_day"
	OffBoxingDay DayOff = "boxing_day"
	// OffByDecree is a day made equal to a recognized holiday by decree
	// (Atw art. 3 lid 3), one of the Calendar's EqualDays.
	OffByDecree DayOff = "by_decree"
)

// DayOffs returns every reason a day is or is not a working day, the
// working day (OffNone) first.
func DayOffs() []DayOff {
	return []DayOff{OffNone, OffSaturday, OffSunday, OffNewYear, OffGoodFriday, OffEasterMonday, OffKingsDay,
		OffLiberationDay, OffAscension, OffWhitMonday, OffChristmas, OffBoxingDay, OffByDecree}
}

// Holiday is one recognized holiday of a year.
type Holiday struct {
	Date Date
	Kind DayOff
}

// Easter returns Easter Sunday of year in the Gregorian calendar, by the
// anonymous Gregorian algorithm (Meeus/Jones/Butcher): the first Sunday
// after the ecclesiastical full moon on or after 21 March.
func Easter(year int) Date {
	a := mod(year, 19)
	b := floorDiv(year, 100)
	c := mod(year, 100)
	d, e := floorDiv(b, 4), mod(b, 4)
	f := floorDiv(b+8, 25)
	g := floorDiv(b-f+1, 3)
	h := mod(19*a+b-d-g+15, 30)
	i, k := c/4, c%4
	l := mod(32+2*e+2*i-h-k, 7)
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return NewDate(year, time.Month(n/31), n%31+1)
}

// floorDiv and mod divide rounding towards minus infinity, so that Easter
// gives a date for every year a Date can hold, not only positive ones.
func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func mod(a, b int) int { return a - floorDiv(a, b)*b }

// Holidays returns the recognized holidays of year in date order: those of
// Atw art. 3 lid 1 and Good Friday (art. 3 lid 2). The days made equal by
// decree are the Calendar's; see Calendar.EqualDays.
func Holidays(year int) []Holiday {
	easter := Easter(year)
	kings := NewDate(year, time.April, 27)
	if kings.Weekday() == time.Sunday {
		kings = NewDate(year, time.April, 26)
	}
	hs := []Holiday{
		{NewDate(year, time.January, 1), OffNewYear},
		{easter.AddDays(-2), OffGoodFriday},
		{easter.AddDays(1), OffEasterMonday},
		{kings, OffKingsDay},
		{NewDate(year, time.May, 5), OffLiberationDay},
		{easter.AddDays(39), OffAscension},
		{easter.AddDays(50), OffWhitMonday},
		{NewDate(year, time.December, 25), OffChristmas},
		{NewDate(year, time.December, 26), OffBoxingDay},
	}
	// Easter moves Good Friday from 20 March to 23 April and Ascension
	// from 30 April to 3 June, past King's Day and 5 May.
	slices.SortStableFunc(hs, func(a, b Holiday) int { return a.Date.t.Compare(b.Date.t) })
	return hs
}

// holiday returns the recognized holiday on d, or OffNone.
func holiday(d Date) DayOff {
	y, m, day := d.t.Date()
	switch {
	case m == time.January && day == 1:
		return OffNewYear
	case m == time.May && day == 5:
		return OffLiberationDay
	case m == time.December && day == 25:
		return OffChristmas
	case m == time.December && day == 26:
		return OffBoxingDay
	case m == time.April && (day == 27 && d.Weekday() != time.Sunday || day == 26 && d.Weekday() == time.Saturday):
		return OffKingsDay
	}
	// Every day that depends on Easter lies from 20 March to 14 June.
	if m < time.March || m > time.June {
		return OffNone
	}
	switch Easter(y).DaysUntil(d) {
	case -2:
		return OffGoodFriday
	case 1:
		return OffEasterMonday
	case 39:
		return OffAscension
	case 50:
		return OffWhitMonday
	}
	return OffNone
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.t.Weekday() }

// DefaultEqualDays returns the days made equal to a recognized holiday by
// the current decree (Atw art. 3 lid 3): 2 January 2026, 15 May 2026,
// 7 May 2027, 28 April 2028 and 26 May 2028. The caller owns the slice.
func DefaultEqualDays() []Date {
	return []Date{
		NewDate(2026, time.January, 2),
		NewDate(2026, time.May, 15),
		NewDate(2027, time.May, 7),
		NewDate(2028, time.April, 28),
		NewDate(2028, time.May, 26),
	}
}

// Calendar is the legal calendar of statutory periods: a period set by law
// and counted forward that ends on a Saturday, Sunday, recognized holiday
// or a day made equal to one runs on to the next day that is none of these
// (Atw art. 1 and 3; Reg. (EEC, Euratom) 1182/71 art. 3(4)). The holidays
// are computed per year; the days made equal by decree are a list, because
// a new decree comes every few years. The zero Calendar has
// DefaultEqualDays. A Calendar is comparable and safe for concurrent use.
type Calendar struct {
	equal *equalDays
}

// equalDays is a Calendar's sorted list of days made equal by decree,
// never changed after NewCalendar.
type equalDays struct {
	days []Date
}

var defaultEqual = &equalDays{days: DefaultEqualDays()}

// NewCalendar returns the calendar with the recognized holidays and
// exactly the days made equal by decree in equal (none when it is empty);
// zero dates are ignored. The slice is copied.
func NewCalendar(equal []Date) Calendar {
	days := make([]Date, 0, len(equal))
	for _, d := range equal {
		if !d.IsZero() {
			days = append(days, d)
		}
	}
	slices.SortFunc(days, func(a, b Date) int { return a.t.Compare(b.t) })
	days = slices.Compact(days)
	return Calendar{equal: &equalDays{days: days}}
}

// DefaultCalendar returns the calendar with DefaultEqualDays; it equals
// the zero Calendar in behaviour.
func DefaultCalendar() Calendar { return Calendar{equal: defaultEqual} }

func (c Calendar) equalList() []Date {
	if c.equal == nil {
		return defaultEqual.days
	}
	return c.equal.days
}

// EqualDays returns the days made equal by decree, in date order. The
// caller owns the slice.
func (c Calendar) EqualDays() []Date { return slices.Clone(c.equalList()) }

// DayOff returns why d is not a working day, or OffNone when it is one. A
// recognized holiday is named before a day made equal by decree, and both
// before the weekend. The zero date is OffNone.
func (c Calendar) DayOff(d Date) DayOff {
	if d.IsZero() {
		return OffNone
	}
	if h := holiday(d); h != OffNone {
		return h
	}
	if _, ok := slices.BinarySearchFunc(c.equalList(), d, func(a, b Date) int { return a.t.Compare(b.t) }); ok {
		return OffByDecree
	}
	switch d.Weekday() {
	case time.Saturday:
		return OffSaturday
	case time.Sunday:
		return OffSunday
	}
	return OffNone
}

// IsWorkingDay reports whether d is none of a Saturday, a Sunday, a
// recognized holiday or a day made equal to one (Atw art. 1 and 3).
func (c Calendar) IsWorkingDay(d Date) bool { return c.DayOff(d) == OffNone }

// NextWorkingDayOnOrAfter returns d when it is a working day, else the
// first working day after it: where a statutory period that ends on d ends
// (Atw art. 1). The zero date stays zero.
func (c Calendar) NextWorkingDayOnOrAfter(d Date) Date {
	if d.IsZero() {
		return d
	}
	// Ends: the list of days made equal is finite, and no run of holidays
	// and weekends is longer than four days (Good Friday to Easter Monday)
	// outside it.
	for !c.IsWorkingDay(d) {
		d = d.AddDays(1)
	}
	return d
}
