package contracts

import (
	"slices"
	"testing"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

func TestTermEnd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		start  Date
		months int
		want   Date
	}{
		{"01-02-2023 + 36 months ends 31-01-2026 (DESIGN §4; Reg. 1182/71 art. 3(2)(c))", d(2023, 2, 1), 36, d(2026, 1, 31)},
		{"30-11-2025 + 3 months ends 28-02-2026: February has no 30th (Reg. 1182/71 art. 3(2)(c))", d(2025, 11, 30), 3, d(2026, 2, 28)},
		{"31-03-2027 + 1 month ends 30-04-2027: April has no 31st (Reg. 1182/71 art. 3(2)(c))", d(2027, 3, 31), 1, d(2027, 4, 30)},
		{"31-05-2026 + 9 months ends 28-02-2027 (Reg. 1182/71 art. 3(2)(c))", d(2026, 5, 31), 9, d(2027, 2, 28)},
		{"29-02-2024 + 12 months ends 28-02-2025: 2025 has no 29 February (Reg. 1182/71 art. 3(2)(c))", d(2024, 2, 29), 12, d(2025, 2, 28)},
		{"29-02-2024 + 48 months ends 28-02-2028: the 29th exists, the day before it (Reg. 1182/71 art. 3(2)(c))", d(2024, 2, 29), 48, d(2028, 2, 28)},
		{"31-01-2028 + 1 month ends 29-02-2028 in a leap year (Reg. 1182/71 art. 3(2)(c))", d(2028, 1, 31), 1, d(2028, 2, 29)},
		{"28-02-2026 + 1 month ends 27-03-2026: March has a 28th (Reg. 1182/71 art. 3(2)(c))", d(2026, 2, 28), 1, d(2026, 3, 27)},
		{"30-01-2026 + 1 month ends 28-02-2026 (Reg. 1182/71 art. 3(2)(c))", d(2026, 1, 30), 1, d(2026, 2, 28)},
		{"01-01-2026 + 12 months ends 31-12-2026 (DESIGN §4: inclusive ends)", d(2026, 1, 1), 12, d(2026, 12, 31)},
		{"15-11-2026 + 3 months crosses the year: ends 14-02-2027", d(2026, 11, 15), 3, d(2027, 2, 14)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := TermEnd(tt.start, tt.months); got != tt.want {
				t.Errorf("TermEnd(%v, %d) = %v, want %v", tt.start, tt.months, got, tt.want)
			}
		})
	}
}

// TestTermEndIsInitialEnd checks that a contract's initial end follows the
// month rule: a contract starting on the 31st with a 1-month term does not
// end a day early.
func TestTermEndIsInitialEnd(t *testing.T) {
	t.Parallel()
	c := Contract{Start: d(2027, 3, 31), InitialTermMonths: 1, RenewalKind: RenewalNone}
	if got, want := c.InitialEnd(), d(2027, 4, 30); got != want {
		t.Errorf("InitialEnd(31-03-2027 + 1 month) = %v, want %v (Reg. 1182/71 art. 3(2)(c))", got, want)
	}
	leap := Contract{Start: d(2024, 2, 29), InitialTermMonths: 12, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 1}
	got := leap.Dates(d(2024, 6, 1))
	want := Dates{InitialEnd: d(2025, 2, 28), CurrentEnd: d(2025, 2, 28), CommittedEnd: d(2025, 2, 28),
		NoticeDeadline: d(2025, 1, 31), ActionDate: d(2025, 1, 31)}
	if got != want {
		t.Errorf("Dates(29-02-2024 + 12 months, tacit)\n got  %+v\n want %+v", got, want)
	}
}

func TestNoticeInDays(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		c    Contract
		end  Date
		want Date
	}{
		{"90 days' notice to end 31-01-2026: by 02-11-2025, the 90 days run 03-11-2025 to 31-01-2026 (DESIGN §4; Reg. 1182/71 art. 3(1))",
			Contract{NoticeDays: 90}, d(2026, 1, 31), d(2025, 11, 2)},
		{"30 days' notice to end 31-03-2026: by 01-03-2026", Contract{NoticeDays: 30}, d(2026, 3, 31), d(2026, 3, 1)},
		{"days are calendar days, no month clamping: 28 days before 28-02-2026", Contract{NoticeDays: 28}, d(2026, 2, 28), d(2026, 1, 31)},
		{"no notice: the end itself", Contract{}, d(2026, 3, 31), d(2026, 3, 31)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.c.NoticeDeadlineFor(tt.end); got != tt.want {
				t.Errorf("NoticeDeadlineFor(%v) = %v, want %v", tt.end, got, tt.want)
			}
		})
	}
	// A tacit contract with 90 days' notice acts on that deadline.
	c := Contract{Start: d(2023, 2, 1), InitialTermMonths: 36, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12, NoticeDays: 90, LeadDays: 14}
	got := c.Dates(d(2025, 6, 1))
	want := Dates{InitialEnd: d(2026, 1, 31), CurrentEnd: d(2026, 1, 31), CommittedEnd: d(2026, 1, 31),
		NoticeDeadline: d(2025, 11, 2), ActionDate: d(2025, 10, 19)}
	if got != want {
		t.Errorf("Dates(tacit, 90 days' notice)\n got  %+v\n want %+v", got, want)
	}
}

func TestIndefiniteDates(t *testing.T) {
	t.Parallel()
	// "Looptijd 36 maanden, daarna voor onbepaalde tijd, opzegbaar met
	// drie maanden" with 30 lead days: initial end 31-01-2026.
	months := Contract{Start: d(2023, 2, 1), InitialTermMonths: 36, RenewalKind: RenewalIndefinite, NoticeMonths: 3, LeadDays: 30}
	// Not at a month end: 12 months from 15-03-2024 end 14-03-2025.
	midMonth := Contract{Start: d(2024, 3, 15), InitialTermMonths: 12, RenewalKind: RenewalIndefinite, NoticeMonths: 1}
	anyDay := midMonth
	anyDay.NoticeEndsAnyDay = true
	days := Contract{Start: d(2023, 2, 1), InitialTermMonths: 36, RenewalKind: RenewalIndefinite, NoticeDays: 90}
	given := months
	given.NoticeGivenOn = d(2026, 2, 10)
	givenInTime := months
	givenInTime.NoticeGivenOn = d(2025, 10, 15)
	long := Contract{Start: d(2026, 1, 1), InitialTermMonths: 3, RenewalKind: RenewalIndefinite, NoticeMonths: 6}

	tests := []struct {
		name  string
		c     Contract
		today Date
		want  Dates
	}{
		{"DESIGN §4: in the initial term notice by 31-10-2025 ends it at 31-01-2026, as for a tacit renewal", months, d(2025, 6, 1), Dates{
			InitialEnd: d(2026, 1, 31), CurrentEnd: d(2026, 1, 31), CommittedEnd: d(2026, 1, 31),
			NoticeDeadline: d(2025, 10, 31), ActionDate: d(2025, 10, 1)}},
		{"DESIGN §4: the initial deadline passed: notice given 01-11-2025 ends it at the month end 3 months on, 28-02-2026; rolling, no action date",
			months, d(2025, 11, 1), Dates{
				InitialEnd: d(2026, 1, 31), CurrentEnd: d(2026, 1, 31), CommittedEnd: d(2026, 2, 28),
				NoticeDeadline: d(2025, 11, 30), RollingNotice: true}},
		{"DESIGN §4: after the initial term: notice given 15-06-2026 ends it at 30-09-2026, notice by 30-06-2026 for that end",
			months, d(2026, 6, 15), Dates{
				InitialEnd: d(2026, 1, 31), CurrentEnd: d(2026, 9, 30), CommittedEnd: d(2026, 9, 30),
				NoticeDeadline: d(2026, 6, 30), RollingNotice: true}},
		{"DESIGN §4: notice on the month's last day still ends it 3 months on (30-06-2026 → 30-09-2026)",
			months, d(2026, 6, 30), Dates{
				InitialEnd: d(2026, 1, 31), CurrentEnd: d(2026, 9, 30), CommittedEnd: d(2026, 9, 30),
				NoticeDeadline: d(2026, 6, 30), RollingNotice: true}},
		{"DESIGN §4: a day later the earliest end is a month later (01-07-2026 → 31-10-2026)",
			months, d(2026, 7, 1), Dates{
				InitialEnd: d(2026, 1, 31), CurrentEnd: d(2026, 10, 31), CommittedEnd: d(2026, 10, 31),
				NoticeDeadline: d(2026, 7, 31), RollingNotice: true}},
		{"DESIGN §4: notice in months ends at a month end: 1 month's notice on 20-05-2025 ends 30-06-2025, not 20-06-2025",
			midMonth, d(2025, 5, 20), Dates{
				InitialEnd: d(2025, 3, 14), CurrentEnd: d(2025, 6, 30), CommittedEnd: d(2025, 6, 30),
				NoticeDeadline: d(2025, 5, 31), RollingNotice: true}},
		{"DESIGN §4: the initial end itself need not be a month end (14-03-2025, notice by 14-02-2025)",
			midMonth, d(2025, 1, 10), Dates{
				InitialEnd: d(2025, 3, 14), CurrentEnd: d(2025, 3, 14), CommittedEnd: d(2025, 3, 14),
				NoticeDeadline: d(2025, 2, 14), ActionDate: d(2025, 2, 14)}},
		{"DESIGN §4: unless the contract says otherwise: notice on 20-05-2025 ends it on 20-06-2025",
			anyDay, d(2025, 5, 20), Dates{
				InitialEnd: d(2025, 3, 14), CurrentEnd: d(2025, 6, 20), CommittedEnd: d(2025, 6, 20),
				NoticeDeadline: d(2025, 5, 20), RollingNotice: true}},
		{"DESIGN §4: 90 days' notice: by 02-11-2025 for the initial end 31-01-2026",
			days, d(2025, 11, 2), Dates{
				InitialEnd: d(2026, 1, 31), CurrentEnd: d(2026, 1, 31), CommittedEnd: d(2026, 1, 31),
				NoticeDeadline: d(2025, 11, 2), ActionDate: d(2025, 11, 2)}},
		{"DESIGN §4: 90 days' notice on 03-11-2025 ends it on 01-02-2026, any day",
			days, d(2025, 11, 3), Dates{
				InitialEnd: d(2026, 1, 31), CurrentEnd: d(2026, 1, 31), CommittedEnd: d(2026, 2, 1),
				NoticeDeadline: d(2025, 11, 3), RollingNotice: true}},
		{"DESIGN §4: notice given 10-02-2026 ends it at 31-05-2026, for sure", given, d(2026, 3, 1), Dates{
			InitialEnd: d(2026, 1, 31), CurrentEnd: d(2026, 5, 31), CommittedEnd: d(2026, 5, 31), FinalEnd: d(2026, 5, 31)}},
		{"DESIGN §4: after that end it has expired", given, d(2026, 6, 1), Dates{
			InitialEnd: d(2026, 1, 31), CurrentEnd: d(2026, 5, 31), CommittedEnd: d(2026, 5, 31), FinalEnd: d(2026, 5, 31), Expired: true}},
		{"DESIGN §4: notice given in time for the initial end ends it there", givenInTime, d(2025, 12, 1), Dates{
			InitialEnd: d(2026, 1, 31), CurrentEnd: d(2026, 1, 31), CommittedEnd: d(2026, 1, 31), FinalEnd: d(2026, 1, 31)}},
		{"DESIGN §4: notice may be longer than the initial term: 6 months after a 3-month term, from 01-01-2026 the earliest end is 31-07-2026",
			long, d(2026, 1, 1), Dates{
				InitialEnd: d(2026, 3, 31), CurrentEnd: d(2026, 3, 31), CommittedEnd: d(2026, 7, 31),
				NoticeDeadline: d(2026, 1, 31), RollingNotice: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.c.Dates(tt.today); got != tt.want {
				t.Errorf("Dates(%v)\n got  %+v\n want %+v", tt.today, got, tt.want)
			}
		})
	}
}

// TestEarliestEndMeetsItsDeadline checks EarliestEnd against its
// definition for every day of four years: notice given that day meets the
// deadline of the end, and not of the day before it.
func TestEarliestEndMeetsItsDeadline(t *testing.T) {
	t.Parallel()
	for _, c := range []Contract{
		{Start: d(2024, 1, 31), InitialTermMonths: 1, RenewalKind: RenewalIndefinite, NoticeMonths: 1, NoticeEndsAnyDay: true},
		{Start: d(2024, 1, 31), InitialTermMonths: 1, RenewalKind: RenewalIndefinite, NoticeMonths: 3},
		{Start: d(2024, 1, 31), InitialTermMonths: 1, RenewalKind: RenewalIndefinite, NoticeDays: 45},
		{Start: d(2024, 1, 31), InitialTermMonths: 1, RenewalKind: RenewalIndefinite},
	} {
		for g := d(2024, 1, 31); g.Before(d(2028, 1, 1)); g = g.AddDays(1) {
			end := c.EarliestEnd(g)
			if c.NoticeDeadlineFor(end).Before(g) {
				t.Fatalf("%+v: EarliestEnd(%v) = %v, whose deadline %v lies before the notice", c, g, end, c.NoticeDeadlineFor(end))
			}
			// The possible end before it: the day before, or with the
			// month-end rule the end of the month before.
			prev := end.AddDays(-1)
			if c.noticeToMonthEnd() {
				prev = NewDate(end.Year(), end.Month(), 1).AddDays(-1)
			}
			if end != c.InitialEnd() && prev.After(c.InitialEnd()) && !c.NoticeDeadlineFor(prev).Before(g) {
				t.Fatalf("%+v: EarliestEnd(%v) = %v, but %v is in time too", c, g, end, prev)
			}
			if c.noticeToMonthEnd() && end != c.InitialEnd() && end != end.LastOfMonth() {
				t.Fatalf("%+v: EarliestEnd(%v) = %v, not a month end (DESIGN §4)", c, g, end)
			}
		}
	}
}

func TestValidateNotice(t *testing.T) {
	t.Parallel()
	indefinite := func(c *Contract) { c.RenewalKind, c.RenewalPeriodMonths = RenewalIndefinite, 0 }
	tests := []struct {
		name   string
		change func(*Contract)
		fields []string
	}{
		{"notice in days alone is valid", func(c *Contract) { c.NoticeMonths, c.NoticeDays = 0, 90 }, nil},
		{"notice in months and in days: both fields named", func(c *Contract) { c.NoticeDays = 90 }, []string{"noticeMonths", "noticeDays"}},
		{"negative notice in days", func(c *Contract) { c.NoticeMonths, c.NoticeDays = 0, -1 }, []string{"noticeDays"}},
		{"negative notice in months", func(c *Contract) { c.NoticeMonths = -1 }, []string{"noticeMonths"}},
		{"notice in days longer than the renewal period", func(c *Contract) { c.NoticeMonths, c.NoticeDays, c.InitialTermMonths = 0, 400, 48 }, []string{"noticeDays"}},
		{"notice in days longer than the initial term", func(c *Contract) {
			c.NoticeMonths, c.NoticeDays, c.InitialTermMonths, c.RenewalPeriodMonths = 0, 40, 1, 2
		}, []string{"noticeDays"}},
		{"indefinite continuation (DESIGN §4): no renewal period", indefinite, nil},
		{"indefinite continuation: notice of any length, longer than the initial term", func(c *Contract) {
			indefinite(c)
			c.InitialTermMonths, c.NoticeMonths = 3, 6
		}, nil},
		{"indefinite continuation: a renewal period is refused", func(c *Contract) { c.RenewalKind = RenewalIndefinite }, []string{"renewalKind"}},
		{"indefinite continuation: a maximum is refused", func(c *Contract) { indefinite(c); c.MaxRenewals = 2 }, []string{"renewalKind"}},
		{"indefinite continuation: notice in days", func(c *Contract) { indefinite(c); c.NoticeMonths, c.NoticeDays = 0, 90 }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := validContract()
			tt.change(&c)
			var got []string
			for _, fe := range apperr.Fields(c.Validate()) {
				got = append(got, fe.Field)
			}
			for _, f := range tt.fields {
				if !slices.Contains(got, f) {
					t.Errorf("Validate() fields = %v, missing %s", got, f)
				}
			}
			if len(tt.fields) == 0 && len(got) > 0 {
				t.Errorf("Validate() = %v, want valid", apperr.Fields(c.Validate()))
			}
		})
	}
}
