package contracts

import (
	"math"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// fieldMessage returns the messages of the problems with field in err,
// joined, and whether there is one.
func fieldMessage(err error, field string) (string, bool) {
	var msgs []string
	for _, fe := range apperr.Fields(err) {
		if fe.Field == field {
			msgs = append(msgs, fe.Message())
		}
	}
	return strings.Join(msgs, "; "), len(msgs) > 0
}

func TestContractBounds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*Contract)
		field  string // "" when the contract must pass
		want   string // a part of the message
	}{
		{"start 9999-12-31: derived end in year 10000 (bounded dates, issue 12)",
			func(c *Contract) { c.Start = d(9999, 12, 31) }, "start", "lies outside 1900-01-01..2199-12-31"},
		{"start in year 0000 (bounded dates, issue 12)",
			func(c *Contract) { c.Start = d(0, 1, 1) }, "start", "lies outside"},
		{"start 1900-01-01 is the first day allowed, with a term and no renewal",
			func(c *Contract) {
				c.Start, c.RenewalKind, c.RenewalPeriodMonths, c.NoticeMonths = d(1900, 1, 1), RenewalNone, 0, 0
			}, "", ""},
		{"start 2199-12-01 with 36 months: initial end in 2202 falls on the term",
			func(c *Contract) { c.Start = d(2199, 12, 1) }, "initialTermMonths", "initial end 2202-11-30"},
		{"initial end on the last day allowed",
			func(c *Contract) {
				c.Start, c.RenewalKind, c.RenewalPeriodMonths, c.NoticeMonths = d(2197, 1, 1), RenewalNone, 0, 0
			}, "", ""},
		{"maximum end 2200-01-01",
			func(c *Contract) { c.MaxEnd = d(2200, 1, 1) }, "maxEnd", "lies outside"},
		{"notice given in year 0000",
			func(c *Contract) { c.NoticeGivenOn = d(0, 6, 1) }, "noticeGivenOn", "lies outside"},
		{"express options run past 2199: the renewals carry the end",
			func(c *Contract) {
				c.Start, c.RenewalKind, c.MaxRenewals = d(2150, 1, 1), RenewalExpress, 60
			}, "maxRenewals", "end after every renewal"},
		{"a million renewals are refused before any date is derived",
			func(c *Contract) { c.RenewalKind, c.MaxRenewals = RenewalExpress, 1_000_000 }, "maxRenewals", "exceeds the cap"},
		{"start 1900-01-01 with three months' notice: the first notice deadline falls in 1899",
			func(c *Contract) { c.Start, c.InitialTermMonths = d(1900, 1, 1), 3 }, "noticeMonths", "first notice deadline 1899-"},
		{"start 1900-01-20: the action date 30 days before the notice deadline falls in 1899",
			func(c *Contract) { c.Start, c.InitialTermMonths, c.NoticeMonths = d(1900, 1, 20), 1, 1 }, "leadDays", "first action date 1899-"},
		{"annual value 2^63−1 (bounded money, issue 12)",
			func(c *Contract) { c.AnnualValue = math.MaxInt64 }, "annualValue", "exceeds the cap of 100000000000000 cents"},
		{"annual value at the cap of €10^12",
			func(c *Contract) { c.AnnualValue = MaxMoney }, "", ""},
		{"interfaces beyond the cap",
			func(c *Contract) { c.Exit.Interfaces = math.MaxInt32 }, "interfaces", "exceeds the cap"},
		{"NUL in the title (control characters, issue 12)",
			func(c *Contract) { c.Title = "Telefonie\x00" }, "title", "contains a control character (U+0000 at byte 9)"},
		{"newline in the title: a title is one line",
			func(c *Contract) { c.Title = "Tele\nfonie" }, "title", "U+000A"},
		{"newline and tab in the notes: notes are multi-line",
			func(c *Contract) { c.Notes = "Regel 1\n\tRegel 2\r\n" }, "", ""},
		{"DEL in the notes",
			func(c *Contract) { c.Notes = "a\x7fb" }, "notes", "U+007F"},
		{"line separator in the notes",
			func(c *Contract) { c.Notes = "a\u2028b" }, "notes", "U+2028"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := validContract()
			tt.change(&c)
			err := c.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			msg, ok := fieldMessage(err, tt.field)
			if !ok || !strings.Contains(msg, tt.want) {
				t.Errorf("Validate() = %v, want %s: …%s…", err, tt.field, tt.want)
			}
		})
	}
}

func TestContractDatesAsOfBounds(t *testing.T) {
	t.Parallel()
	// Tacit renewal without a maximum keeps renewing: as of 2199-06-01 the
	// next period ends beyond the bounds, which Validate cannot see.
	c := validContract()
	c.Start = d(2190, 1, 1)
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate() = %v, want nil", err)
	}
	if err := c.CheckDatesAsOf(d(2026, 11, 22)); err != nil {
		t.Errorf("CheckDatesAsOf(2026-11-22) = %v, want nil", err)
	}
	msg, ok := fieldMessage(c.CheckDatesAsOf(d(2199, 12, 1)), "start")
	if !ok || !strings.Contains(msg, "once derived") {
		t.Errorf("CheckDatesAsOf(2199-12-01) = %q, want a problem with start once derived", msg)
	}
}

func TestLicenceLineBounds(t *testing.T) {
	t.Parallel()
	valid := LicenceLine{Product: "Zaaksysteem", Metric: MetricNamedUser, Quantity: 250, SeatsInUse: -1, UnitPrice: 12_50, PricePeriod: PerYear}
	tests := []struct {
		name   string
		change func(*LicenceLine)
		field  string
		want   string
	}{
		{"valid", func(*LicenceLine) {}, "", ""},
		{"quantity 2^31−1 (bounded quantities, issue 12)", func(l *LicenceLine) { l.Quantity = math.MaxInt32 }, "quantity", "exceeds the cap of 1000000000"},
		{"seats in use beyond the cap", func(l *LicenceLine) { l.SeatsInUse = MaxQuantity + 1 }, "seatsInUse", "exceeds the cap"},
		{"unit price 2^63−1", func(l *LicenceLine) { l.UnitPrice = math.MaxInt64 }, "unitPrice", "exceeds the cap of 100000000000000 cents"},
		{"quantity × unit price beyond €10^12", func(l *LicenceLine) { l.Quantity, l.UnitPrice = MaxQuantity, MaxMoney }, "unitPrice", "once multiplied by the quantity"},
		{"unlimited at the price cap", func(l *LicenceLine) { l.Quantity, l.UnitPrice = Unlimited, MaxMoney }, "", ""},
		{"line start in year 0000", func(l *LicenceLine) { l.Start = d(0, 1, 1) }, "start", "lies outside"},
		{"line end in year 10000", func(l *LicenceLine) { l.End = d(10000, 1, 1) }, "end", "lies outside"},
		{"C1 control in the product", func(l *LicenceLine) { l.Product = "Zaak\u0085systeem" }, "product", "U+0085"},
		{"bytes that are no UTF-8 in the product", func(l *LicenceLine) { l.Product = "Zaak\xffsysteem" }, "product", "control character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := valid
			tt.change(&l)
			err := l.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			msg, ok := fieldMessage(err, tt.field)
			if !ok || !strings.Contains(msg, tt.want) {
				t.Errorf("Validate() = %v, want %s: …%s…", err, tt.field, tt.want)
			}
		})
	}
}

func TestRegisterTextBounds(t *testing.T) {
	t.Parallel()
	org := Organization{Code: "GM0363", Name: "Amsterdam", Kind: KindMunicipality, Population: 934_526, PopulationDate: d(2025, 1, 1)}
	tests := []struct {
		name  string
		err   error
		field string
	}{
		{"organization name with NUL", func() error { o := org; o.Name = "Amster\x00dam"; return o.Validate() }(), "name"},
		{"organization region with a tab", func() error { o := org; o.Region = "Regio\tZwolle"; return o.Validate() }(), "region"},
		{"population 2^31−1", func() error { o := org; o.Population = math.MaxInt32; return o.Validate() }(), "population"},
		{"population date in year 0000", func() error { o := org; o.PopulationDate = d(0, 1, 1); return o.Validate() }(), "populationDate"},
		{"vendor name with ESC", Vendor{Name: "KPN\x1b[31m", Country: "NL"}.Validate(), "name"},
		{"category name with a newline", Category{Name: "Telefonie\n", CPV: []string{"64210000-1"}}.Validate(), "name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, ok := fieldMessage(tt.err, tt.field); !ok {
				t.Errorf("Validate() = %v, want a problem with %s", tt.err, tt.field)
			}
		})
	}
}

func TestControlChar(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		in        string
		multiline bool
		want      rune
		ok        bool
	}{
		{"plain Dutch text with diacritics and an emoji", "Súdwest-Fryslân ’s-Gravenhage €1.234 🙂", false, 0, false},
		{"NUL", "a\x00", false, 0, true},
		{"tab on one line", "a\tb", false, '\t', true},
		{"tab, newline and carriage return when multi-line", "a\tb\r\nc", true, 0, false},
		{"vertical tab even when multi-line", "a\vb", true, '\v', true},
		{"DEL", "\x7f", true, 0x7f, true},
		{"C1 NEL", "\u0085", true, 0x85, true},
		{"paragraph separator", "\u2029", true, 0x2029, true},
		{"a literal replacement character is text", "\ufffd", false, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, _, ok := ControlChar(tt.in, tt.multiline)
			if ok != tt.ok || ok && got != tt.want {
				t.Errorf("ControlChar(%q, %v) = %U, %v, want %U, %v", tt.in, tt.multiline, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSaturatingArithmetic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  Money
		want Money
	}{
		{"small sum", SatAdd[Money](2, 3), 5},
		{"sum of two caps", SatAdd(MaxMoney, MaxMoney), 2 * MaxMoney},
		{"sum beyond int64 saturates instead of turning negative (issue 12)", SatAdd[Money](math.MaxInt64, 1), math.MaxInt64},
		{"negative sum beyond int64", SatAdd[Money](math.MinInt64, -1), math.MinInt64},
		{"product", SatMul[Money](12_50, 48), 600_00},
		{"quantity 10^9 × price 10^14 saturates", SatMul(MaxMoney, MaxQuantity), math.MaxInt64},
		{"negative product saturates low", SatMul[Money](-MaxMoney, MaxQuantity), math.MinInt64},
		{"zero", SatMul[Money](0, math.MaxInt64), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.got != tt.want {
				t.Errorf("got %d, want %d", tt.got, tt.want)
			}
		})
	}
}

func TestConcentrationOfSaturatedAmounts(t *testing.T) {
	t.Parallel()
	// Two parts of one group at 2^63−1 used to wrap to a negative amount
	// and drop the group; saturated, it stays the whole market.
	c := ConcentrationOf([]Share{{Key: "a", Amount: math.MaxInt64}, {Key: "a", Amount: math.MaxInt64}, {Key: "b", Amount: MaxMoney}})
	if c.Total <= 0 || len(c.Shares) != 2 || c.Shares[0].Key != "a" || c.HHI < 9_999 {
		t.Errorf("ConcentrationOf(saturated) = total %d, shares %v, HHI %d; want a positive total with a dominating a", c.Total, c.Shares, c.HHI)
	}
}

func TestParseDateOutsideBounds(t *testing.T) {
	t.Parallel()
	// Rows written before the bounds existed must still load, so that they
	// can be shown, repaired or deleted.
	tests := []struct {
		in   string
		want Date
		ok   bool
	}{
		{"2026-11-22", d(2026, 11, 22), true},
		{"0000-01-01", d(0, 1, 1), true},
		{"10000-01-30", d(10000, 1, 30), true},
		{"-0005-03-01", d(-5, 3, 1), true},
		{"10000-02-30", Date{}, false},
		{"1234567-01-01", Date{}, false},
		{"2026-1-1", Date{}, false},
		{"00000-01-01", Date{}, false},
		{"010000-01-30", Date{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseDate(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("ParseDate(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
			}
			if tt.ok && got.String() != tt.in {
				t.Errorf("ParseDate(%q).String() = %q, want it back", tt.in, got.String())
			}
		})
	}
}

func TestImportDateBounds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		ok   bool
	}{
		{"Dutch date in range", "31-01-2026", true},
		{"Excel serial day 2958465 is 9999-12-31 (bounded dates, issue 12)", "2958465", false},
		{"ISO year 0000", "0000-01-01", false},
		{"Dutch date in 2200", "1-1-2200", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := parseImportDate(tt.in)
			if (err == nil) != tt.ok {
				t.Errorf("parseImportDate(%q) = %v, want ok %v", tt.in, err, tt.ok)
			}
		})
	}
}
