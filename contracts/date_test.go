package contracts

import (
	"testing"
	"time"
)

func TestAddMonthsClampsToMonthEnd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   Date
		n    int
		want Date
	}{
		{"31 January + 1 month is 28 February (DESIGN §4)", NewDate(2026, 1, 31), 1, NewDate(2026, 2, 28)},
		{"31 January + 1 month in a leap year is 29 February", NewDate(2028, 1, 31), 1, NewDate(2028, 2, 29)},
		{"29 February + 12 months is 28 February", NewDate(2028, 2, 29), 12, NewDate(2029, 2, 28)},
		{"31 May - 1 month is 30 April", NewDate(2026, 5, 31), -1, NewDate(2026, 4, 30)},
		{"15 November + 3 months crosses the year", NewDate(2026, 11, 15), 3, NewDate(2027, 2, 15)},
		{"1 February + 36 months", NewDate(2023, 2, 1), 36, NewDate(2026, 2, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.in.AddMonths(tt.n); got != tt.want {
				t.Errorf("%v.AddMonths(%d) = %v, want %v", tt.in, tt.n, got, tt.want)
			}
		})
	}
}

func TestDateOfUsesAmsterdam(t *testing.T) {
	t.Parallel()
	// 23:30 UTC on 22 November is already 23 November in Amsterdam (CET, UTC+1).
	in := time.Date(2026, 11, 22, 23, 30, 0, 0, time.UTC)
	if got, want := DateOf(in), NewDate(2026, 11, 23); got != want {
		t.Errorf("DateOf(%v) = %v, want %v", in, got, want)
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	d, err := ParseDate("2026-11-22")
	if err != nil {
		t.Fatalf("ParseDate: %v", err)
	}
	if d != NewDate(2026, 11, 22) || d.String() != "2026-11-22" {
		t.Errorf("ParseDate(2026-11-22) = %v, formats as %q", d, d.String())
	}
	if _, err := ParseDate("22-11-2026"); err == nil {
		t.Error("ParseDate(22-11-2026) succeeded, want an error")
	}
}
