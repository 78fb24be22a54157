package nl

import (
	"fmt"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// TestParseMoney holds every amount the contract form and the import
// accepted before they shared one reader, with the result each gave, and
// the forms both refused.
func TestParseMoney(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    contracts.Money
		wantErr bool
	}{
		// As Dutch users type them (the forms).
		{"€ 1.234,56", 123456, false},
		{"1234,56", 123456, false},
		{"1234.56", 123456, false},
		{"1.234", 123400, false}, // Dutch thousands
		{"12.345,67", 1234567, false},
		{"9.000.000.000.000", 900_000_000_000_000, false}, // above the cap: the validator names the field
		{"€\u00a01.234,56", 123456, false},
		{"1234,", 123400, false},
		{",5", 50, false},
		{"1.", 100, false},
		{"-12,00", -1200, false}, // read; the validator refuses it
		// As spreadsheets and other files hold them (the import).
		{"1,234.56", 123456, false},
		{"1.234.567", 123456700, false},
		{"1,234,567", 123456700, false},
		{"1.234.567,8", 123456780, false},
		{"12,5", 1250, false},
		{"12.5", 1250, false},
		{"0,5", 50, false},
		{"48000", 4800000, false},
		{" € 48.000,00 ", 4800000, false},
		{"EUR 99", 9900, false},
		{"99 EUR", 9900, false},
		{"€ 1.234,-", 123400, false},
		{"1234,--", 123400, false},
		{"1234.500", 123450, false},
		{"123.500", 12350000, false},
		{"12,5000", 1250, false},
		{"0", 0, false},
		{"+3", 300, false},
		{"−5", -500, false},
		{"9999999999999,99", 999_999_999_999_999, false}, // 13 whole digits
		// Refused by both.
		{"", 0, true},
		{"1,234", 0, true}, // thousands or decimals: not guessed
		{"0.125", 0, true}, // below a cent
		{"12,345", 0, true},
		{"1234.567", 0, true},
		{"1.23,45", 0, true},
		{"1,2,3", 0, true},
		{"1.234.56", 0, true},
		{"1,234,56.00", 0, true},
		{"1.234,56.7", 0, true},
		{"1e3", 0, true},
		{"abc", 0, true},
		{"€", 0, true},
		{"-", 0, true},
		{"99999999999999", 0, true}, // 14 whole digits
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseMoney(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseMoney(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

// TestMoneyRoundTrip: what Money writes, ParseMoney reads back, and so it
// does the raw value a workbook holds (1234.56).
func TestMoneyRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		m    contracts.Money
	}{
		{"CLDR nl zero", 0},
		{"CLDR nl one cent", 1},
		{"CLDR nl minus five cents", -5},
		{"CLDR nl one euro", 100},
		{"CLDR nl a thousand euros: the dot reads as thousands", 100_000},
		{"CLDR nl negative thousands", -123_456},
		{"contracts.MaxMoney", contracts.MaxMoney},
		{"minus contracts.MaxMoney", -contracts.MaxMoney},
		{"the largest amount with 13 whole digits", 999_999_999_999_999},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, s := range []string{Money(tt.m), raw(tt.m)} {
				if got, err := ParseMoney(s); err != nil || got != tt.m {
					t.Errorf("ParseMoney(%q) = %d, %v; want %d", s, got, err, tt.m)
				}
			}
		})
	}
}

// raw writes m as a workbook's raw value does: 1234.56.
func raw(m contracts.Money) string {
	c := int64(m)
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}

// FuzzParseMoney: ParseMoney never panics, stays within 13 whole digits,
// and reads back what Money writes and a workbook's raw value.
func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"€ 1.234,56", "1,234.56", "1234,5", "1,234", "1.234", "1.234.567", "12.5", "0,-", "EUR 10",
		"-5", "−5", "1.234,567", "1.234,560", "99999999999999", "1000000000000,00", ".5", ",5", "1..2", "",
		"€ -0,05", "9999999999999,99", "1234.567", "0.234"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			return
		}
		if m >= 1_000_000_000_000_000 || m <= -1_000_000_000_000_000 {
			t.Errorf("ParseMoney(%q) = %d cents, more than 13 whole digits", s, m)
		}
		for _, back := range []string{Money(m), raw(m)} {
			if got, err := ParseMoney(back); err != nil || got != m {
				t.Errorf("ParseMoney(%q) = %d, %v; want %d (from %q)", back, got, err, m, s)
			}
		}
	})
}

// TestParseDate holds every date the contract form read before it
// shared the reader with the imports.
func TestParseDate(t *testing.T) {
	t.Parallel()
	d := contracts.NewDate
	tests := []struct {
		in      string
		want    contracts.Date
		wantErr bool
	}{
		{"2026-01-31", d(2026, 1, 31), false}, // a browser's date field
		{"31-01-2026", d(2026, 1, 31), false},
		{"31-1-2026", d(2026, 1, 31), false},
		{"1-2-2024", d(2024, 2, 1), false},
		{"29-02-2024", d(2024, 2, 29), false},
		{"31-12-9999", d(9999, 12, 31), false},       // read; the validator refuses it, naming the bounds
		{"10000-01-30", d(10000, 1, 30), false},      // as Date.String writes a year past 9999
		{"0001-01-01", contracts.Date{}, false},      // the zero time: the unknown date
		{"29-02-2025", contracts.Date{}, true},       // no such day
		{"31/01/2026", contracts.Date{}, true},       // slashes are no Dutch date
		{"01-31-2026", contracts.Date{}, true},       // nor month first
		{"45658", contracts.Date{}, true},            // a serial day is a spreadsheet's, not a person's
		{"31-01-2026 00:00", contracts.Date{}, true}, // a time is a spreadsheet's
		{"31-01-26", contracts.Date{}, true},         // a two-digit year is not guessed
		{"morgen", contracts.Date{}, true},
		{"", contracts.Date{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseDate(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseDate(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

// TestDateRoundTrip: what Date and DateLong's short sibling write and
// what Date.String writes, ParseDate reads back, across the bounds.
func TestDateRoundTrip(t *testing.T) {
	t.Parallel()
	for _, d := range []contracts.Date{contracts.MinDate, contracts.MaxDate, contracts.NewDate(2026, 12, 5),
		contracts.NewDate(2024, 2, 29), contracts.NewDate(2000, 1, 1)} {
		for _, s := range []string{Date(d), d.String(), strings.TrimPrefix(Date(d), "0")} {
			if got, err := ParseDate(s); err != nil || got != d {
				t.Errorf("ParseDate(%q) = %v, %v; want %v", s, got, err, d)
			}
		}
	}
}

// FuzzParseDate: ParseDate never panics and reads back what Date writes
// for the date it returns.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-01-31", "31-01-2026", "1-2-2024", "29-02-2025", "10000-01-30", "-0001-01-01", "0001-01-01", "31-12-9999", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil || d.IsZero() {
			return
		}
		if d.Year() < 0 || d.Year() > 9999 {
			return // Date writes such a year, but day-month-year reads four digits only
		}
		if got, err := ParseDate(Date(d)); err != nil || got != d {
			t.Errorf("ParseDate(%q) = %v, %v; want %v (from %q)", Date(d), got, err, d, s)
		}
	})
}
