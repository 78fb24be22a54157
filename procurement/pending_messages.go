package procurement

import (
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
)

// The warnings of a plan (Plan.Warnings, TimelineProblem,
// DeadlineProblem), the legal bases of its timeline (Milestone.Basis,
// which those warnings and CheckDeadline quote) and the note on a
// call-off contract still carry their values as Dutch text. They become
// codes with arguments that internal/nl words, like every other sentence
// (STYLE §14), and the helpers below go with them: they write those
// values as the sentences have always written them. Nothing else may use
// them; internal/nl writes dates, weekdays, holidays and procedure names.

// pendingDate writes d as 31-01-2026 (nl.Date).
func pendingDate(d contracts.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d-%02d-%04d", d.Day(), int(d.Month()), d.Year())
}

// pendingWeekdayDate writes d with its weekday: zondag 13-12-2026
// (nl.WeekdayDate).
func pendingWeekdayDate(d contracts.Date) string {
	return [...]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}[d.Weekday()] + " " + pendingDate(d)
}

// pendingHoliday names a holiday or a day made equal to one; the weekend
// and a working day have no name beyond their weekday (nl.Holiday).
func pendingHoliday(k contracts.DayOff) string {
	switch k {
	case contracts.OffNewYear:
		return "Nieuwjaarsdag"
	case contracts.OffGoodFriday:
		return "Goede Vrijdag"
	case contracts.OffEasterMonday:
		return "Tweede Paasdag"
	case contracts.OffKingsDay:
		return "Koningsdag"
	case contracts.OffLiberationDay:
		return "Bevrijdingsdag"
	case contracts.OffAscension:
		return "Hemelvaartsdag"
	case contracts.OffWhitMonday:
		return "Tweede Pinksterdag"
	case contracts.OffChristmas:
		return "Eerste Kerstdag"
	case contracts.OffBoxingDay:
		return "Tweede Kerstdag"
	case contracts.OffByDecree:
		return "bij besluit gelijkgestelde dag, Algemene termijnenwet art. 3 lid 3"
	}
	return ""
}
