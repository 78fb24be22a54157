package contracts

import (
	"slices"
	"testing"
	"time"
)

// knuthEaster derives Easter a second way, independently of Easter's
// anonymous Gregorian algorithm: Knuth's Algorithm E (TAOCP vol. 1,
// §1.3.2, exercise 14), which follows the Gregorian epact tables of
// Lilius and Clavius step by step.
func knuthEaster(y int) Date {
	golden := y%19 + 1
	century := y/100 + 1
	skippedLeap := 3*century/4 - 12
	moonCorrection := (8*century+5)/25 - 5
	sunday := 5*y/4 - skippedLeap - 10 // March ((-sunday) mod 7) is a Sunday
	epact := (11*golden + 20 + moonCorrection - skippedLeap) % 30
	if epact < 0 {
		epact += 30
	}
	if epact == 25 && golden > 11 || epact == 24 {
		epact++
	}
	fullMoon := 44 - epact // March fullMoon
	if fullMoon < 21 {
		fullMoon += 30
	}
	n := fullMoon + 7 - (sunday+fullMoon)%7
	if n > 31 {
		return NewDate(y, time.April, n-31)
	}
	return NewDate(y, time.March, n)
}

func TestEaster(t *testing.T) {
	t.Parallel()
	// Facts to check both derivations against: the Easter Sundays of the
	// years the holiday table below covers, and the extremes of the
	// Gregorian cycle (22 March 1818 and 2285, 25 April 1943 and 2038).
	tests := []struct {
		name string
		year int
		want Date
	}{
		{"2026: 5 April", 2026, NewDate(2026, time.April, 5)},
		{"2027: 28 March", 2027, NewDate(2027, time.March, 28)},
		{"2028: 16 April", 2028, NewDate(2028, time.April, 16)},
		{"2029: 1 April", 2029, NewDate(2029, time.April, 1)},
		{"2030: 21 April", 2030, NewDate(2030, time.April, 21)},
		{"earliest possible: 22 March 1818", 1818, NewDate(1818, time.March, 22)},
		{"latest possible: 25 April 1943", 1943, NewDate(1943, time.April, 25)},
		{"latest possible: 25 April 2038", 2038, NewDate(2038, time.April, 25)},
		{"epact exception (Clavius): 19 April 1981", 1981, NewDate(1981, time.April, 19)},
		{"epact exception (Clavius): 18 April 1954", 1954, NewDate(1954, time.April, 18)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Easter(tt.year); got != tt.want {
				t.Errorf("Easter(%d) = %s, want %s", tt.year, got, tt.want)
			}
			if got := knuthEaster(tt.year); got != tt.want {
				t.Errorf("knuthEaster(%d) = %s, want %s (the test's own derivation is wrong)", tt.year, got, tt.want)
			}
		})
	}
	t.Run("agrees with Algorithm E, a Sunday from 22 March to 25 April, 1900-2999", func(t *testing.T) {
		t.Parallel()
		for y := 1900; y <= 2999; y++ {
			got := Easter(y)
			if want := knuthEaster(y); got != want {
				t.Errorf("Easter(%d) = %s, Algorithm E gives %s", y, got, want)
			}
			if got.Weekday() != time.Sunday || got.Before(NewDate(y, time.March, 22)) || got.After(NewDate(y, time.April, 25)) {
				t.Errorf("Easter(%d) = %s (%s), want a Sunday from 22 March to 25 April", y, got, got.Weekday())
			}
		}
	})
	t.Run("any year a Date holds gives a date of that year", func(t *testing.T) {
		t.Parallel()
		for _, y := range []int{-4000, -1, 0, 1, 1582, 9999, 20000} {
			if got := Easter(y); got.Year() != y || got.Month() != time.March && got.Month() != time.April {
				t.Errorf("Easter(%d) = %s, want March or April of that year", y, got)
			}
		}
	})
}

func cday(y int, m time.Month, day int) Date { return NewDate(y, m, day) }

func TestHolidays(t *testing.T) {
	t.Parallel()
	// Atw art. 3 lid 1 and 2, written out per year from the Easter dates
	// above: Good Friday −2, Easter Monday +1, Ascension +39, Whit Monday
	// +50; King's Day 27 April unless that is a Sunday.
	tests := []struct {
		name string
		year int
		want []Holiday
	}{
		{"2026, Easter 5 April (Atw art. 3)", 2026, []Holiday{
			{cday(2026, 1, 1), OffNewYear}, {cday(2026, 4, 3), OffGoodFriday}, {cday(2026, 4, 6), OffEasterMonday},
			{cday(2026, 4, 27), OffKingsDay}, {cday(2026, 5, 5), OffLiberationDay}, {cday(2026, 5, 14), OffAscension},
			{cday(2026, 5, 25), OffWhitMonday}, {cday(2026, 12, 25), OffChristmas}, {cday(2026, 12, 26), OffBoxingDay}}},
		{"2027, Easter 28 March (Atw art. 3)", 2027, []Holiday{
			{cday(2027, 1, 1), OffNewYear}, {cday(2027, 3, 26), OffGoodFriday}, {cday(2027, 3, 29), OffEasterMonday},
			{cday(2027, 4, 27), OffKingsDay}, {cday(2027, 5, 5), OffLiberationDay}, {cday(2027, 5, 6), OffAscension},
			{cday(2027, 5, 17), OffWhitMonday}, {cday(2027, 12, 25), OffChristmas}, {cday(2027, 12, 26), OffBoxingDay}}},
		{"2028, Easter 16 April (Atw art. 3)", 2028, []Holiday{
			{cday(2028, 1, 1), OffNewYear}, {cday(2028, 4, 14), OffGoodFriday}, {cday(2028, 4, 17), OffEasterMonday},
			{cday(2028, 4, 27), OffKingsDay}, {cday(2028, 5, 5), OffLiberationDay}, {cday(2028, 5, 25), OffAscension},
			{cday(2028, 6, 5), OffWhitMonday}, {cday(2028, 12, 25), OffChristmas}, {cday(2028, 12, 26), OffBoxingDay}}},
		{"2029, Easter 1 April (Atw art. 3)", 2029, []Holiday{
			{cday(2029, 1, 1), OffNewYear}, {cday(2029, 3, 30), OffGoodFriday}, {cday(2029, 4, 2), OffEasterMonday},
			{cday(2029, 4, 27), OffKingsDay}, {cday(2029, 5, 5), OffLiberationDay}, {cday(2029, 5, 10), OffAscension},
			{cday(2029, 5, 21), OffWhitMonday}, {cday(2029, 12, 25), OffChristmas}, {cday(2029, 12, 26), OffBoxingDay}}},
		{"2030, Easter 21 April (Atw art. 3)", 2030, []Holiday{
			{cday(2030, 1, 1), OffNewYear}, {cday(2030, 4, 19), OffGoodFriday}, {cday(2030, 4, 22), OffEasterMonday},
			{cday(2030, 4, 27), OffKingsDay}, {cday(2030, 5, 5), OffLiberationDay}, {cday(2030, 5, 30), OffAscension},
			{cday(2030, 6, 10), OffWhitMonday}, {cday(2030, 12, 25), OffChristmas}, {cday(2030, 12, 26), OffBoxingDay}}},
		{"2025: 27 April a Sunday, King's Day on Saturday 26 April (Atw art. 3 lid 1)", 2025, []Holiday{
			{cday(2025, 1, 1), OffNewYear}, {cday(2025, 4, 18), OffGoodFriday}, {cday(2025, 4, 21), OffEasterMonday},
			{cday(2025, 4, 26), OffKingsDay}, {cday(2025, 5, 5), OffLiberationDay}, {cday(2025, 5, 29), OffAscension},
			{cday(2025, 6, 9), OffWhitMonday}, {cday(2025, 12, 25), OffChristmas}, {cday(2025, 12, 26), OffBoxingDay}}},
		{"2031: 27 April a Sunday, King's Day on Saturday 26 April (Atw art. 3 lid 1)", 2031, []Holiday{
			{cday(2031, 1, 1), OffNewYear}, {cday(2031, 4, 11), OffGoodFriday}, {cday(2031, 4, 14), OffEasterMonday},
			{cday(2031, 4, 26), OffKingsDay}, {cday(2031, 5, 5), OffLiberationDay}, {cday(2031, 5, 22), OffAscension},
			{cday(2031, 6, 2), OffWhitMonday}, {cday(2031, 12, 25), OffChristmas}, {cday(2031, 12, 26), OffBoxingDay}}},
	}
	cal := NewCalendar(nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Holidays(tt.year)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Holidays(%d) =\n%v\nwant\n%v", tt.year, got, tt.want)
			}
			// The table against the independent derivation of Easter.
			easter := knuthEaster(tt.year)
			for _, h := range tt.want {
				offset := map[DayOff]int{OffGoodFriday: -2, OffEasterMonday: 1, OffAscension: 39, OffWhitMonday: 50}
				if n, ok := offset[h.Kind]; ok && easter.AddDays(n) != h.Date {
					t.Errorf("%s %s is not Easter %s %+d days", h.Kind, h.Date, easter, n)
				}
			}
			// Every day of the year: a holiday exactly on the table's days.
			want := map[Date]DayOff{}
			for _, h := range tt.want {
				want[h.Date] = h.Kind
			}
			for day := cday(tt.year, 1, 1); day.Year() == tt.year; day = day.AddDays(1) {
				got := cal.DayOff(day)
				switch w, ok := want[day]; {
				case ok && got != w:
					t.Errorf("DayOff(%s) = %q, want %q", day, got, w)
				case !ok && got != OffNone && got != OffSaturday && got != OffSunday:
					t.Errorf("DayOff(%s) = %q, want a working day or the weekend", day, got)
				case !ok && (got == OffNone) != (day.Weekday() != time.Saturday && day.Weekday() != time.Sunday):
					t.Errorf("DayOff(%s, a %s) = %q", day, day.Weekday(), got)
				}
			}
		})
	}
}

func TestCalendarDayOff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cal  Calendar
		day  Date
		want DayOff
	}{
		{"a Tuesday is a working day (Atw art. 1)", Calendar{}, cday(2026, 12, 1), OffNone},
		{"a Saturday (Atw art. 1)", Calendar{}, cday(2026, 12, 12), OffSaturday},
		{"a Sunday (Atw art. 1)", Calendar{}, cday(2026, 12, 27), OffSunday},
		{"Boxing Day on a Saturday is named as the holiday (Atw art. 3 lid 1)", Calendar{}, cday(2026, 12, 26), OffBoxingDay},
		{"Good Friday, made equal by the Act (Atw art. 3 lid 2)", Calendar{}, cday(2026, 4, 3), OffGoodFriday},
		{"2 January 2026 by decree (Atw art. 3 lid 3)", Calendar{}, cday(2026, 1, 2), OffByDecree},
		{"15 May 2026 by decree (Atw art. 3 lid 3)", Calendar{}, cday(2026, 5, 15), OffByDecree},
		{"7 May 2027 by decree (Atw art. 3 lid 3)", Calendar{}, cday(2027, 5, 7), OffByDecree},
		{"28 April 2028 by decree (Atw art. 3 lid 3)", Calendar{}, cday(2028, 4, 28), OffByDecree},
		{"26 May 2028 by decree (Atw art. 3 lid 3)", Calendar{}, cday(2028, 5, 26), OffByDecree},
		{"without a decree 15 May 2026 is a working day", NewCalendar(nil), cday(2026, 5, 15), OffNone},
		{"a configured decree day (Atw art. 3 lid 3)", NewCalendar([]Date{cday(2029, 5, 11)}), cday(2029, 5, 11), OffByDecree},
		{"a configured list replaces the default", NewCalendar([]Date{cday(2029, 5, 11)}), cday(2026, 1, 2), OffNone},
		{"26 April 2026, a Sunday, is not King's Day", Calendar{}, cday(2026, 4, 26), OffSunday},
		{"the zero date is no day off", Calendar{}, Date{}, OffNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.cal.DayOff(tt.day); got != tt.want {
				t.Errorf("DayOff(%s) = %q, want %q", tt.day, got, tt.want)
			}
			if got := tt.cal.IsWorkingDay(tt.day); got != (tt.want == OffNone) {
				t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.day, got, tt.want == OffNone)
			}
		})
	}
}

func TestNextWorkingDayOnOrAfter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cal  Calendar
		day  Date
		want Date
	}{
		{"a working day stays (Atw art. 1)", Calendar{}, cday(2026, 12, 28), cday(2026, 12, 28)},
		{"Sunday 27 December 2026 runs on to Monday (Atw art. 1; DESIGN §4 standstill example)", Calendar{}, cday(2026, 12, 27), cday(2026, 12, 28)},
		{"Sunday 13 December 2026 runs on to Monday (Atw art. 1; DESIGN §4 tender example)", Calendar{}, cday(2026, 12, 13), cday(2026, 12, 14)},
		{"Christmas on a Friday, then the weekend: Monday 28 December 2026 (Atw art. 1 and 3)", Calendar{}, cday(2026, 12, 25), cday(2026, 12, 28)},
		{"Good Friday to Easter Monday 2026: Tuesday 7 April (Atw art. 3 lid 1 and 2)", Calendar{}, cday(2026, 4, 3), cday(2026, 4, 7)},
		{"Whit Monday 2026: Tuesday 26 May (Atw art. 3 lid 1)", Calendar{}, cday(2026, 5, 25), cday(2026, 5, 26)},
		{"King's Day 2026: Tuesday 28 April (Atw art. 3 lid 1)", Calendar{}, cday(2026, 4, 27), cday(2026, 4, 28)},
		{"Ascension 2026, decree day, weekend: Monday 18 May (Atw art. 3 lid 1 and 3)", Calendar{}, cday(2026, 5, 14), cday(2026, 5, 18)},
		{"King's Day 2028, decree day, weekend, then 1 May (Atw art. 3 lid 1 and 3)", Calendar{}, cday(2028, 4, 27), cday(2028, 5, 1)},
		{"New Year 2026 and the decree day 2 January: Monday 5 January (Atw art. 3 lid 3)", Calendar{}, cday(2026, 1, 1), cday(2026, 1, 5)},
		{"New Year 2026 without the decree: Friday 2 January", NewCalendar(nil), cday(2026, 1, 1), cday(2026, 1, 2)},
		{"the zero date stays zero", Calendar{}, Date{}, Date{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.cal.NextWorkingDayOnOrAfter(tt.day); got != tt.want {
				t.Errorf("NextWorkingDayOnOrAfter(%s) = %s, want %s", tt.day, got, tt.want)
			}
		})
	}
}

func TestNewCalendar(t *testing.T) {
	t.Parallel()
	in := []Date{cday(2028, 5, 26), {}, cday(2026, 1, 2), cday(2028, 5, 26)}
	c := NewCalendar(in)
	in[0] = cday(2030, 1, 2)
	if got, want := c.EqualDays(), []Date{cday(2026, 1, 2), cday(2028, 5, 26)}; !slices.Equal(got, want) {
		t.Errorf("NewCalendar(...).EqualDays() = %v, want %v (sorted, without duplicates or zero dates, copied)", got, want)
	}
	if got, want := (Calendar{}).EqualDays(), DefaultEqualDays(); !slices.Equal(got, want) {
		t.Errorf("Calendar{}.EqualDays() = %v, want the decree's %v", got, want)
	}
	if got := DefaultCalendar().EqualDays(); !slices.Equal(got, DefaultEqualDays()) {
		t.Errorf("DefaultCalendar().EqualDays() = %v, want %v", got, DefaultEqualDays())
	}
	if len(NewCalendar(nil).EqualDays()) != 0 {
		t.Errorf("NewCalendar(nil) has days made equal, want none")
	}
}
