package parse

import (
	"testing"
	"time"
)

// TestSheetDate holds every date cell the contract and organization
// imports read before they shared this reader.
func TestSheetDate(t *testing.T) {
	t.Parallel()
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in      string
		want    time.Time
		wantErr bool
	}{
		{"31-01-2026", d(2026, 1, 31), false},
		{"1-2-2024", d(2024, 2, 1), false},
		{"01-01-2025", d(2025, 1, 1), false},
		{"2026-01-31", d(2026, 1, 31), false},
		{"45658", d(2025, 1, 1), false}, // Excel serial day
		{"1", d(1900, 1, 1), false},     // Excel's day 1
		{"60", d(1900, 2, 29), false},   // Excel's 29 February 1900 that never was, read as 1 March by time.Date
		{"61", d(1900, 3, 1), false},
		{"2958465", d(9999, 12, 31), false},
		{"29-02-2024", d(2024, 2, 29), false},
		{"31-01-2026 00:00", d(2026, 1, 31), false},
		{"31-01-2026 0:00:00", d(2026, 1, 31), false},
		{"2026-01-31T00:00:00", d(2026, 1, 31), false},
		{"2958466", time.Time{}, true},
		{"0", time.Time{}, true},
		{"-1", time.Time{}, true},
		{"29-02-2025", time.Time{}, true},
		{"31/01/2026", time.Time{}, true},
		{"01-31-2026", time.Time{}, true},
		{"31-01-2026 14:30", time.Time{}, true},
		{"morgen", time.Time{}, true},
		{"", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := SheetDate(tt.in)
			if (err != nil) != tt.wantErr || !got.Equal(tt.want) {
				t.Errorf("SheetDate(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

// TestDateIsNoSheetDate: a person's date field takes no serial day and no
// time.
func TestDateIsNoSheetDate(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"45658", "31-01-2026 00:00", "2026-01-31T00:00:00"} {
		if _, err := Date(s); err == nil {
			t.Errorf("Date(%q) succeeded, want an error", s)
		}
	}
}

func TestMoneyErrorReadsAsOneSentence(t *testing.T) {
	t.Parallel()
	_, err := Cents("1,234")
	if err == nil || err.Error() != `"1,234" is not an amount in euros: with three digits after the comma it could mean thousands or decimals; write 1234,56 or 1.234,56` {
		t.Errorf("Cents(1,234) error = %v", err)
	}
	_, err = Cents("abc")
	if err == nil || err.Error() != `"abc" is not an amount in euros like € 1.234,56 or 1234.56` {
		t.Errorf("Cents(abc) error = %v", err)
	}
}
