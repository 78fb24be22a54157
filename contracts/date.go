package contracts

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Amsterdam is the time zone every calendar date in Samenkoop belongs to.
var Amsterdam = mustLoadLocation("Europe/Amsterdam")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// cmd/samenkoop imports time/tzdata, so this only fails in a
		// broken build.
		panic(fmt.Sprintf("contracts: load time zone %s: %v", name, err))
	}
	return loc
}

// Date is a calendar date as Dutch contracts write it, without time of day.
// The zero Date means "unknown".
type Date struct {
	t time.Time // midnight UTC of the day; UTC keeps arithmetic free of DST
}

// NewDate returns the date year-month-day; out-of-range days normalize as
// time.Date does.
func NewDate(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar date of t in Europe/Amsterdam.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Amsterdam).Date()
	return NewDate(y, m, d)
}

// ParseDate parses an ISO 8601 calendar date (2026-11-22). It reads any
// year Date.String writes, also those outside the bounds (MinDate..MaxDate,
// bounds.go) such as 10000-01-30 or 0000-01-01, so that a row stored before
// the bounds existed can still be loaded, shown, repaired or deleted; the
// validators refuse such a date on input, naming its field.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		if d, ok := parseWideDate(s); ok {
			return d, nil
		}
		return Date{}, fmt.Errorf("contracts: parse date %q: want YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// wideDate is how Date.String writes a year outside 0000–9999.
var wideDate = regexp.MustCompile(`^(-?[0-9]{4,6})-([0-9]{2})-([0-9]{2})$`)

// parseWideDate reads a date with a year of five or six digits or a
// negative one, as time.Format writes them; the month and day must exist.
func parseWideDate(s string) (Date, bool) {
	m := wideDate.FindStringSubmatch(s)
	if m == nil {
		return Date{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	d := NewDate(y, time.Month(mo), day)
	if mo < 1 || mo > 12 || day < 1 || d.Month() != time.Month(mo) || d.Day() != day {
		return Date{}, false
	}
	// Only the spelling String writes: "00000-01-01" is not a date.
	if d.String() != s {
		return Date{}, false
	}
	return d, true
}

// IsZero reports whether d is the zero (unknown) date.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Year, Month and Day return the parts of d.
func (d Date) Year() int { return d.t.Year() }

// Month returns the month of d.
func (d Date) Month() time.Month { return d.t.Month() }

// Day returns the day of the month of d.
func (d Date) Day() int { return d.t.Day() }

// String formats d as ISO 8601 (2026-11-22), or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// AddDays returns d moved by n days (negative n moves back).
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// AddMonths returns d moved by n months, clamped to the last day of the
// target month: 31 January + 1 month is 28 or 29 February, not 2 or 3
// March as time.AddDate would say. Backward month arithmetic for notice
// clamps this way (DESIGN §4); the end of a term in months is TermEnd.
func (d Date) AddMonths(n int) Date {
	y, m, day := d.t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return NewDate(first.Year(), first.Month(), min(day, last))
}

// TermEnd returns the last day of a term of months months that starts on
// start (the start counting as the term's first day). Such a term ends on
// the day before the same day months later; when that month has no such
// day, on its last day (Reg. (EEC, Euratom) 1182/71 art. 3(2)(c); DESIGN
// §4): 01-02-2023 + 36 months ends 31-01-2026, 30-11-2025 + 3 months ends
// 28-02-2026, 31-03-2027 + 1 month ends 30-04-2027. Every term in months
// that is added to a date (contracts, renewals, tenders, call-offs) ends
// here; "start + months − 1 day" with clamping ends a term that starts on
// the 29th–31st a day early.
func TermEnd(start Date, months int) Date {
	y, m, day := start.t.Date()
	first := time.Date(y, m+time.Month(months), 1, 0, 0, 0, 0, time.UTC)
	if last := first.AddDate(0, 1, -1).Day(); day > last {
		return NewDate(first.Year(), first.Month(), last)
	}
	return NewDate(first.Year(), first.Month(), day).AddDays(-1)
}

// LastOfMonth returns the last day of d's month.
func (d Date) LastOfMonth() Date {
	return NewDate(d.Year(), d.Month()+1, 1).AddDays(-1)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// DaysUntil returns the number of days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int { return int(e.t.Sub(d.t).Hours() / 24) }

// timeMonth converts a month number for tests and parsers.
func timeMonth(m int) time.Month { return time.Month(m) }
