package contracts

import (
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

func TestContractYearSpend(t *testing.T) {
	t.Parallel()
	today := d(2026, 3, 1)
	noIndex := IndexRates{}

	// A contract from 1 July 2025 for three years, ending 30 June 2028.
	july := Contract{Start: d(2025, 7, 1), InitialTermMonths: 36, RenewalKind: RenewalNone, Status: StatusActive}
	monthly := []LicenceLine{{Product: "zaaksysteem", Quantity: 10, UnitPrice: 10_00, PricePeriod: PerMonth}}
	yearly := []LicenceLine{{Product: "hosting", Quantity: 1, UnitPrice: 1200_00, PricePeriod: PerYear}}
	once := []LicenceLine{{Product: "implementatie", Quantity: 1, UnitPrice: 500_00, PricePeriod: Once}}
	all := append(append(append([]LicenceLine{}, monthly...), yearly...), once...)

	// GLPI #15893: 36 months from 1 February 2023, then tacit yearly
	// renewals with 3 months' notice; the initial end is 31 January 2026.
	tacit := Contract{Start: d(2023, 2, 1), InitialTermMonths: 36, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12,
		NoticeMonths: 3, AnnualValue: 12_000_00, Status: StatusActive}
	noticeInTime := tacit
	noticeInTime.NoticeGivenOn = d(2025, 9, 15)
	noticeLate := tacit
	noticeLate.NoticeGivenOn = d(2025, 11, 20)
	maxTwo := tacit
	maxTwo.MaxRenewals = 2

	// "Daarna voor onbepaalde tijd, opzegbaar met drie maanden" (DESIGN
	// §4): the same contract continuing indefinitely after 31 January
	// 2026; notice ends it at a month end.
	indefinite := Contract{Start: d(2023, 2, 1), InitialTermMonths: 36, RenewalKind: RenewalIndefinite,
		NoticeMonths: 3, AnnualValue: 12_000_00, Status: StatusActive}
	indefiniteNotice := indefinite
	indefiniteNotice.NoticeGivenOn = d(2026, 2, 10) // ends 31 May 2026
	indefiniteDays := indefinite
	indefiniteDays.NoticeMonths, indefiniteDays.NoticeDays = 0, 90
	indefiniteDays.NoticeGivenOn = d(2026, 2, 10) // ends 11 May 2026, 90 days on
	terminatedIndefinite := indefinite
	terminatedIndefinite.Status = StatusTerminated

	express := Contract{Start: d(2024, 1, 1), InitialTermMonths: 24, RenewalKind: RenewalExpress, RenewalPeriodMonths: 12,
		MaxRenewals: 2, NoticeMonths: 6, AnnualValue: 10_000_00, Status: StatusActive}
	expressTaken := express
	expressTaken.RenewalsExercised = 1

	indexed := Contract{Start: d(2024, 1, 1), InitialTermMonths: 60, RenewalKind: RenewalNone, AnnualValue: 100_00, Status: StatusActive}
	rates := IndexRates{ByYear: map[int]int{2025: 300, 2026: 200}}
	ratesDefault := IndexRates{ByYear: map[int]int{2025: 300, 2026: 200}, Default: 300}

	leapMarch := Contract{Start: d(2024, 3, 1), InitialTermMonths: 12, RenewalKind: RenewalNone, Status: StatusActive}
	leapFeb := Contract{Start: d(2024, 2, 15), InitialTermMonths: 12, RenewalKind: RenewalNone, Status: StatusActive}
	midJanuary := Contract{Start: d(2025, 1, 15), InitialTermMonths: 12, RenewalKind: RenewalNone, Status: StatusActive}
	wholeYears := Contract{Start: d(2024, 1, 1), InitialTermMonths: 24, RenewalKind: RenewalNone, AnnualValue: 3650_00, Status: StatusActive}

	draft := july
	draft.Status = StatusDraft
	terminated := wholeYears
	terminated.Status = StatusTerminated
	terminatedTacit := tacit
	terminatedTacit.Status = StatusTerminated

	tests := []struct {
		name  string
		c     Contract
		lines []LicenceLine
		year  int
		today Date
		idx   IndexRates
		want  Money
	}{
		// Price periods across a year boundary (issue #6).
		{"monthly price from 1 July 2025: six whole months in 2025", july, monthly, 2025, today, noIndex, 6 * 10 * 10_00},
		{"monthly price: a full year in 2026", july, monthly, 2026, today, noIndex, 12 * 10 * 10_00},
		{"monthly price: six months in 2028, the term ends 30 June", july, monthly, 2028, today, noIndex, 6 * 10 * 10_00},
		{"yearly price from 1 July 2025: 184 of 365 days in 2025 (60.493,15 → 60.493)", july, yearly, 2025, today, noIndex, 604_93},
		{"yearly price: a full year in 2026", july, yearly, 2026, today, noIndex, 1200_00},
		{"yearly price: 182 of 366 days in leap year 2028 (59.672,13 → 59.672)", july, yearly, 2028, today, noIndex, 596_72},
		{"one-off price: in 2025, the year the contract starts", july, once, 2025, today, noIndex, 500_00},
		{"one-off price: nothing in 2026", july, once, 2026, today, noIndex, 0},
		{"all three lines in 2025", july, all, 2025, today, noIndex, 600_00 + 604_93 + 500_00},
		{"all three lines in 2026", july, all, 2026, today, noIndex, 1200_00 + 1200_00},
		{"before the start: nothing", july, all, 2024, today, noIndex, 0},
		{"after the end: nothing", july, all, 2029, today, noIndex, 0},

		// Partial months and leap years.
		{"monthly price from 15 January: 17/31 of January plus 11 months", midJanuary,
			[]LicenceLine{{Quantity: 1, UnitPrice: 31_00, PricePeriod: PerMonth}}, 2025, today, noIndex, 17_00 + 11*31_00},
		{"leap year: 15–29 February 2024 is 15/29 of a month, plus 10 months", leapFeb,
			[]LicenceLine{{Quantity: 1, UnitPrice: 29_00, PricePeriod: PerMonth}}, 2024, today, noIndex, 15_00 + 10*29_00},
		{"leap year: 1 March–31 December 2024 is 306 of 366 days", leapMarch,
			[]LicenceLine{{Quantity: 1, UnitPrice: 366_00, PricePeriod: PerYear}}, 2024, today, noIndex, 306_00},
		{"leap year: 1 January–28 February 2025 is 59 of 365 days", leapMarch,
			[]LicenceLine{{Quantity: 1, UnitPrice: 365_00, PricePeriod: PerYear}}, 2025, today, noIndex, 59_00},
		{"annual value, leap year 2024 in full: exactly the annual value", wholeYears, nil, 2024, today, noIndex, 3650_00},

		// Lines with their own period and quantity.
		{"line narrowed to April–September: six months", wholeYears,
			[]LicenceLine{{Quantity: 2, UnitPrice: 10_00, PricePeriod: PerMonth, Start: d(2025, 4, 1), End: d(2025, 9, 30)}}, 2025, today, noIndex, 6 * 2 * 10_00},
		{"line added later: its one-off price falls in its own start year", wholeYears,
			[]LicenceLine{{Quantity: 3, UnitPrice: 100_00, PricePeriod: Once, Start: d(2025, 5, 1)}}, 2025, today, noIndex, 300_00},
		{"unlimited quantity counts as 1: an enterprise licence priced per year", wholeYears,
			[]LicenceLine{{Metric: MetricEnterprise, Quantity: Unlimited, UnitPrice: 50_000_00, PricePeriod: PerYear}}, 2025, today, noIndex, 50_000_00},
		{"licence lines replace the annual value", wholeYears,
			[]LicenceLine{{Quantity: 1, UnitPrice: 1_00, PricePeriod: PerYear}}, 2025, today, noIndex, 1_00},

		// Tacit renewal: counted until notice (DESIGN §4, issue #6).
		{"tacit, no notice: 2027 counts, the contract keeps renewing", tacit, nil, 2027, today, noIndex, 12_000_00},
		{"tacit, no notice: 2035 still counts", tacit, nil, 2035, today, noIndex, 12_000_00},
		{"tacit, notice in time (GLPI #15893): January 2026 only, 31/365", noticeInTime, nil, 2026, today, noIndex, 1019_18},
		{"tacit, notice in time: nothing after the end it reached", noticeInTime, nil, 2027, today, noIndex, 0},
		{"tacit, notice too late: runs to 31 January 2027, a full 2026", noticeLate, nil, 2026, today, noIndex, 12_000_00},
		{"tacit, notice too late: January 2027, then nothing", noticeLate, nil, 2027, today, noIndex, 1019_18},
		{"tacit, notice too late: nothing in 2028", noticeLate, nil, 2028, today, noIndex, 0},
		{"tacit, at most 2 renewals: January 2028 is 31/366", maxTwo, nil, 2028, today, noIndex, 1016_39},
		{"indefinite, no notice (DESIGN §4): runs on past its initial end like an unlimited tacit renewal, a full 2026",
			indefinite, nil, 2026, today, noIndex, 12_000_00},
		{"indefinite, no notice: 2035 still counts, it continues until notice is given", indefinite, nil, 2035, today, noIndex, 12_000_00},
		{"indefinite, notice on 10-02-2026 with 3 months to a month end (DESIGN §4): to 31 May 2026, 151/365",
			indefiniteNotice, nil, 2026, today, noIndex, 4964_38},
		{"indefinite, notice given: nothing after the end it reached", indefiniteNotice, nil, 2027, today, noIndex, 0},
		{"indefinite, 90 days' notice on 10-02-2026: to 11 May 2026, 131/365", indefiniteDays, nil, 2026, today, noIndex, 4306_85},
		{"terminated indefinite: to today only, 1 March 2026 is day 60", terminatedIndefinite, nil, 2026, today, noIndex, 1972_60},
		{"tacit, at most 2 renewals: nothing in 2029", maxTwo, nil, 2029, today, noIndex, 0},

		// Express renewal: only options exercised.
		{"express, no option exercised: 2025 is the last year", express, nil, 2025, today, noIndex, 10_000_00},
		{"express, no option exercised: nothing in 2026", express, nil, 2026, today, noIndex, 0},
		{"express, one option exercised: 2026 counts", expressTaken, nil, 2026, today, noIndex, 10_000_00},
		{"express, one option exercised: the second, not taken, does not", expressTaken, nil, 2027, today, noIndex, 0},

		// Indexation (GIBIT art. 11.8), compounding with rounding per year.
		{"indexation: the start year carries the stated price", indexed, nil, 2024, today, rates, 100_00},
		{"indexation: 3 % in 2025 → 103,00", indexed, nil, 2025, today, rates, 103_00},
		{"indexation: then 2 % in 2026 → 105,06", indexed, nil, 2026, today, rates, 105_06},
		{"indexation: a year without a figure and default 0 keeps 105,06", indexed, nil, 2027, today, rates, 105_06},
		{"indexation: a year without a figure takes the default 3 % → 108,21", indexed, nil, 2027, today, ratesDefault, 108_21},
		{"indexation of a monthly unit price: 12 × 105,06 in 2026", indexed,
			[]LicenceLine{{Quantity: 1, UnitPrice: 100_00, PricePeriod: PerMonth}}, 2026, today, rates, 12 * 105_06},
		{"indexation of a later one-off line: from the contract's start year", indexed,
			[]LicenceLine{{Quantity: 1, UnitPrice: 100_00, PricePeriod: Once, Start: d(2026, 6, 1)}}, 2026, today, rates, 105_06},

		// Status.
		{"draft: not in force, nothing committed", draft, all, 2025, today, noIndex, 0},
		{"draft without lines: nothing", Contract{Start: d(2025, 1, 1), InitialTermMonths: 12, AnnualValue: 1_00, Status: StatusDraft}, nil, 2025, today, noIndex, 0},
		{"terminated: a past year keeps what was due", terminated, nil, 2024, d(2025, 3, 31), noIndex, 3650_00},
		{"terminated: the current year up to today, 90 of 365 days", terminated, nil, 2025, d(2025, 3, 31), noIndex, 900_00},
		{"terminated tacit: nothing after today", terminatedTacit, nil, 2027, today, noIndex, 0},
		{"terminated before the start: nothing", terminated, nil, 2024, d(2023, 12, 1), noIndex, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := ContractYearSpend(tt.c, tt.lines, tt.year, tt.today, tt.idx); got != tt.want {
				t.Errorf("ContractYearSpend(%d, today %v) = %d, want %d", tt.year, tt.today, got, tt.want)
			}
		})
	}
}

func TestIndexRatesIndexed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		r        IndexRates
		m        Money
		from, to int
		want     Money
	}{
		{"3 % then 2 %: 100,00 → 105,06 (issue #6)", IndexRates{ByYear: map[int]int{2025: 300, 2026: 200}}, 100_00, 2024, 2026, 105_06},
		{"each step rounds half away from zero: 0,50 + 1 % → 0,51 → 0,52", IndexRates{Default: 100}, 50, 2024, 2026, 52},
		{"a negative rate: −20 %", IndexRates{Default: -2000}, 100_00, 2024, 2025, 80_00},
		{"the same year: unchanged", IndexRates{Default: 300}, 100_00, 2025, 2025, 100_00},
		{"backwards: unchanged, never deflated", IndexRates{Default: 300}, 100_00, 2026, 2025, 100_00},
		{"a year's own figure beats the default", IndexRates{ByYear: map[int]int{2025: 0}, Default: 300}, 100_00, 2024, 2025, 100_00},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.r.Indexed(tt.m, tt.from, tt.to); got != tt.want {
				t.Errorf("Indexed(%d, %d, %d) = %d, want %d", tt.m, tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestIndexRatesValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		r          IndexRates
		wantFields []string
	}{
		{"no rates: valid", IndexRates{}, nil},
		{"3 % default and yearly figures: valid", IndexRates{ByYear: map[int]int{2025: 350, 2026: -100}, Default: 300}, nil},
		{"the bounds themselves: valid", IndexRates{ByYear: map[int]int{2000: -2000, 2100: 5000}}, nil},
		{"a default of 35000 (3.5 % typed as 35000)", IndexRates{Default: 35000}, []string{"indexationDefault"}},
		{"a rate below −20 %", IndexRates{ByYear: map[int]int{2026: -2001}}, []string{"indexation[2026]"}},
		{"a year outside 2000–2100 and a rate above 50 %, sorted by year", IndexRates{ByYear: map[int]int{2101: 0, 1999: 0, 2030: 5001}},
			[]string{"indexation[1999]", "indexation[2030]", "indexation[2101]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.r.Validate()
			if tt.wantFields == nil {
				if err != nil {
					t.Errorf("Validate(%+v) = %v, want nil", tt.r, err)
				}
				return
			}
			if !errors.Is(err, apperr.Invalid) {
				t.Fatalf("Validate(%+v) = %v, want apperr.Invalid", tt.r, err)
			}
			fe := apperr.Fields(err)
			var got []string
			for _, f := range fe {
				got = append(got, f.Field)
			}
			if len(got) != len(tt.wantFields) {
				t.Fatalf("Validate(%+v) fields = %v, want %v", tt.r, got, tt.wantFields)
			}
			for i := range got {
				if got[i] != tt.wantFields[i] {
					t.Errorf("Validate(%+v) fields = %v, want %v", tt.r, got, tt.wantFields)
				}
			}
		})
	}
}

func TestMulDivRound(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		a, b, c, den int64
		want         int64
	}{
		{"half rounds up", 5, 1, 1, 2, 3},
		{"half away from zero when negative", -5, 1, 1, 2, -3},
		{"below half rounds down", 1, 1, 1, 3, 0},
		{"above half rounds up", 2, 1, 1, 3, 1},
		{"two negatives make a positive", -5, -1, 1, 2, 3},
		{"10^13 cents × 10^6 × 366 / 366 goes beyond 64 bits on the way", 10_000_000_000_000, 1_000_000, 366, 366 * 1_000_000, 10_000_000_000_000},
		{"a result beyond int64 saturates", math.MaxInt64, 2, 1, 1, math.MaxInt64},
		{"a negative result beyond int64 saturates", math.MinInt64, 2, 1, 1, math.MinInt64},
		{"math.MinInt64 itself", math.MinInt64, 1, 1, 1, math.MinInt64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := mulDivRound(tt.a, tt.b, tt.c, tt.den); got != tt.want {
				t.Errorf("mulDivRound(%d, %d, %d, %d) = %d, want %d", tt.a, tt.b, tt.c, tt.den, got, tt.want)
			}
		})
	}
}

func ExampleContractYearSpend() {
	// A three-year contract from 1 July 2025: ten users at € 10,00 a month
	// and a one-off implementation fee of € 500,00, indexed 3 % in 2026.
	c := Contract{Start: NewDate(2025, time.July, 1), InitialTermMonths: 36, RenewalKind: RenewalNone, Status: StatusActive}
	lines := []LicenceLine{
		{Product: "zaaksysteem", Quantity: 10, UnitPrice: 10_00, PricePeriod: PerMonth},
		{Product: "implementatie", Quantity: 1, UnitPrice: 500_00, PricePeriod: Once},
	}
	idx := IndexRates{ByYear: map[int]int{2026: 300}}
	today := NewDate(2026, time.March, 1)
	for _, year := range []int{2025, 2026} {
		fmt.Println(year, ContractYearSpend(c, lines, year, today, idx))
	}
	// Output:
	// 2025 110000
	// 2026 123600
}
