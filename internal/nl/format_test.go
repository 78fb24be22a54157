package nl

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
)

func TestMoney(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   contracts.Money
		want string
	}{
		{"CLDR nl ¤ #,##0.00: thousands dot, decimal comma", 123456, "€\u00a01.234,56"},
		{"CLDR nl: cents only", 5, "€\u00a00,05"},
		{"CLDR nl: zero", 0, "€\u00a00,00"},
		{"CLDR nl: a hundred million", 100_000_000_00, "€\u00a0100.000.000,00"},
		{"CLDR nl ¤ -#,##0.00: minus after the euro sign", -1200, "€\u00a0-12,00"},
		{"CLDR nl ¤ -#,##0.00: minus five cents", -5, "€\u00a0-0,05"},
		{"contracts.MaxMoney, €10^12", contracts.MaxMoney, "€\u00a01.000.000.000.000,00"},
		{"the smallest int64 has a magnitude too", math.MinInt64, "€\u00a0-92.233.720.368.547.758,08"},
		{"the largest int64", math.MaxInt64, "€\u00a092.233.720.368.547.758,07"},
		// The procurement reasons wrote amounts with their own formatter
		// (formatEuro); these are its cases. Minus € 1,50 was "-€ 1,50"
		// there and "€ -1,50" in the reports: CLDR nl everywhere now.
		{"CLDR nl: € 1.000", 100_000, "€\u00a01.000,00"},
		{"CLDR nl: the 2026–2027 threshold for services", 21_600_000, "€\u00a0216.000,00"},
		{"CLDR nl: € 1.234.567", 123_456_700, "€\u00a01.234.567,00"},
		{"CLDR nl ¤ -#,##0.00: minus € 1,50, no longer -€ 1,50", -150, "€\u00a0-1,50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Money(tt.in); got != tt.want {
				t.Errorf("Money(%d) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   int64
		want string
	}{
		{"CLDR nl #,##0: the population of Amsterdam", 934526, "934.526"},
		{"CLDR nl: below a thousand no dot", 999, "999"},
		{"CLDR nl: negative", -1000, "-1.000"},
		{"CLDR nl: millions", 1234567, "1.234.567"},
		{"zero", 0, "0"},
		{"the smallest int64", math.MinInt64, "-9.223.372.036.854.775.808"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Number(tt.in); got != tt.want {
				t.Errorf("Number(%d) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if got := Number(1500); got != "1.500" {
		t.Errorf("Number[int](1500) = %q, want 1.500", got)
	}
}

func TestPercent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   int
		want string
	}{
		{"basis points, decimal comma, space before % as the documents write it", 1250, "12,5 %"},
		{"whole percent without decimals", 5000, "50 %"},
		{"two decimals, exact: no rounding of a share", 3333, "33,33 %"},
		{"just under the must share of 50 %", 4999, "49,99 %"},
		{"a trailing zero is dropped", 3330, "33,3 %"},
		{"the lock-in factor's share (DESIGN §4): 67,5 %", 6750, "67,5 %"},
		{"one basis point", 1, "0,01 %"},
		{"negative", -50, "-0,5 %"},
		{"zero", 0, "0 %"},
		{"all of it", 10_000, "100 %"},
		{"thousands get a dot", 1_000_000, "10.000 %"},
		// The lock-in report rounded the vendor's share to one decimal
		// (contracts' percentBP); every other page and report wrote it
		// exactly. One way now: exact.
		{"lock-in share 45 %", 4500, "45 %"},
		{"lock-in share 45,5 %", 4550, "45,5 %"},
		{"lock-in share 45,55 %, no longer rounded to 45,6 %", 4555, "45,55 %"},
		{"lock-in share 0,05 %, no longer rounded to 0,1 %", 5, "0,05 %"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Percent(tt.in); got != tt.want {
				t.Errorf("Percent(%d) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestPercentReadsBack: a percentage is written in the notation of an
// amount, with basis points for cents, so reading it back as one gives
// the basis points: the format loses nothing, also for negative and
// large shares.
func TestPercentReadsBack(t *testing.T) {
	t.Parallel()
	for _, bp := range []int64{0, 1, 5, 10, 99, 100, 1250, 3333, 3330, 6750, 10_000, -1, -50, -3333, 123_456_789, -987_654_321} {
		s := Percent(bp)
		num, ok := strings.CutSuffix(s, " %")
		if !ok {
			t.Fatalf("Percent(%d) = %q, want a trailing \" %%\"", bp, s)
		}
		got, err := ParseMoney(num)
		if err != nil || int64(got) != bp {
			t.Errorf("Percent(%d) = %q reads back as %d, %v", bp, s, got, err)
		}
	}
}

func TestDates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name              string
		in                contracts.Date
		short, long, week string
	}{
		{"Taalunie: day and month in two digits, dashes", contracts.NewDate(2026, 12, 5), "05-12-2026", "5 december 2026", "zaterdag"},
		{"Taalunie: month names in lower case", contracts.NewDate(2026, 11, 22), "22-11-2026", "22 november 2026", "zondag"},
		{"the first day of the bounds (contracts/bounds.go)", contracts.MinDate, "01-01-1900", "1 januari 1900", "maandag"},
		{"the last day of the bounds", contracts.MaxDate, "31-12-2199", "31 december 2199", "dinsdag"},
		{"a leap day", contracts.NewDate(2028, 2, 29), "29-02-2028", "29 februari 2028", "dinsdag"},
		{"a year before 1000 keeps four digits", contracts.NewDate(999, 3, 1), "01-03-0999", "1 maart 999", "vrijdag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Date(tt.in); got != tt.short {
				t.Errorf("Date(%v) = %q, want %q", tt.in, got, tt.short)
			}
			if got := DateLong(tt.in); got != tt.long {
				t.Errorf("DateLong(%v) = %q, want %q", tt.in, got, tt.long)
			}
			if got := Weekday(tt.in); got != tt.week {
				t.Errorf("Weekday(%v) = %q, want %q", tt.in, got, tt.week)
			}
			if got, want := WeekdayDate(tt.in), tt.week+" "+tt.short; got != want {
				t.Errorf("WeekdayDate(%v) = %q, want %q", tt.in, got, want)
			}
		})
	}
	if Date(contracts.Date{}) != "" || DateLong(contracts.Date{}) != "" {
		t.Error("the unknown date must be empty")
	}
	for m := time.January; m <= time.December; m++ {
		if Month(m) == "" || Month(m) != strings.ToLower(Month(m)) {
			t.Errorf("Month(%d) = %q, want a lower-case name", m, Month(m))
		}
	}
}

func TestDateTimeIsAmsterdam(t *testing.T) {
	t.Parallel()
	// 13:05 UTC is 14:05 in Amsterdam in November (CET, UTC+1).
	if got := DateTime(time.Date(2026, 11, 22, 13, 5, 0, 0, time.UTC)); got != "22-11-2026 14:05" {
		t.Errorf("DateTime = %q, want 22-11-2026 14:05", got)
	}
}

func TestCountsAndWords(t *testing.T) {
	t.Parallel()
	tests := []struct{ got, want string }{
		{Months(1), "1 maand"},
		{Months(36), "36 maanden"},
		{Days(1), "1 dag"},
		{Days(1500), "1.500 dagen"},
		{Count(0, "organisatie", "organisaties"), "0 organisaties"},
		{YesNo(true), "ja"},
		{YesNo(false), "nee"},
		{Capitalize("geannuleerd"), "Geannuleerd"},
		{Capitalize("één perceel"), "Één perceel"},
		{Capitalize(""), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestDecimal: a CSV cell for a Dutch Excel, as the contract list writes
// it.
func TestDecimal(t *testing.T) {
	t.Parallel()
	for m, want := range map[contracts.Money]string{123456: "1234,56", 98765432: "987654,32", -1250: "-12,50", 5: "0,05", 0: "0,00"} {
		if got := Decimal(m); got != want {
			t.Errorf("Decimal(%d) = %q, want %q", m, got, want)
		}
		if back, err := ParseMoney(Decimal(m)); err != nil || back != m {
			t.Errorf("ParseMoney(Decimal(%d)) = %d, %v", m, back, err)
		}
	}
}

func TestAtLeast(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		n    int
		more bool
		want string
	}{{7, false, "7"}, {1000, false, "1.000"}, {1000, true, "meer dan 1.000"}, {950, true, "meer dan 950"}} {
		if got := AtLeast(tt.n, tt.more); got != tt.want {
			t.Errorf("AtLeast(%d, %v) = %q, want %q", tt.n, tt.more, got, tt.want)
		}
	}
}
