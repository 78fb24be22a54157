package contracts

import (
	"fmt"
	"strings"
	"testing"
)

// periodLines lists the calendar alerts as "date kind period N".
func periodLines(c Contract, today Date) string {
	var out []string
	for _, a := range CalendarAlerts(summaries(c), today, today.AddDays(-CalendarPastDays), today.AddMonths(CalendarAheadMonths)) {
		out = append(out, fmt.Sprintf("%s %s period %d", a.Date, a.Kind, a.Period))
	}
	return strings.Join(out, "; ")
}

// TestCalendarAlertPeriods: each deadline is numbered by the contract
// period whose end it is about, so that a calendar can name it across
// days (a passed deadline and the next one are different events) and
// across a change to the contract that moves its date (the same event).
func TestCalendarAlertPeriods(t *testing.T) {
	t.Parallel()
	// GLPI #15893 with 30 lead days: action 01-10-2025, notice 31-10-2025
	// for the initial term ending 31-01-2026 (period 0).
	glpi := Contract{Start: d(2023, 2, 1), InitialTermMonths: 36, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 3, LeadDays: 30}
	longer := glpi
	longer.NoticeMonths = 4
	express := Contract{Start: d(2024, 1, 1), InitialTermMonths: 24, RenewalKind: RenewalExpress, RenewalPeriodMonths: 12, MaxRenewals: 2, NoticeMonths: 2,
		RenewalsExercised: 1}
	tests := []struct {
		name  string
		c     Contract
		today Date
		want  string
	}{
		{"ahead of the first deadline: period 0", glpi, d(2025, 9, 1), "2025-10-01 action period 0; 2025-10-31 notice period 0"},
		{"a longer notice period moves the deadline earlier, in the same period", longer, d(2025, 9, 1),
			"2025-08-31 action period 0; 2025-09-30 notice period 0"},
		{"the passed deadline keeps its period; the next one is period 1's", glpi, d(2025, 11, 10),
			"2025-10-31 notice period 0; 2026-10-01 action period 1; 2026-10-31 notice period 1"},
		{"an express contract with one option exercised decides on period 1's end", express, d(2026, 9, 1),
			"2026-10-31 option period 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := periodLines(tt.c, tt.today); got != tt.want {
				t.Errorf("alerts on %s = %s\nwant %s", tt.today, got, tt.want)
			}
		})
	}
}
