package procurement

import (
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// TestCallOffTerms: a call-off contract takes the tender's term (DESIGN §4,
// tender lifecycle: "each participant gets its own call-off contract with
// the awarded vendor, term and options").
func TestCallOffTerms(t *testing.T) {
	t.Parallel()
	start := contracts.NewDate(2027, 3, 31)
	tests := []struct {
		name   string
		tender Tender
		want   contracts.Contract
	}{
		{"no options: ends after the initial term", Tender{TermMonths: 24},
			contracts.Contract{RenewalKind: contracts.RenewalNone}},
		{"two options of 12 months: two express renewals, decided 3 months ahead",
			Tender{TermMonths: 24, Options: []Option{{Months: 12}, {Months: 12}}},
			contracts.Contract{RenewalKind: contracts.RenewalExpress, RenewalPeriodMonths: 12, MaxRenewals: 2, NoticeMonths: 3}},
		{"options of 12 and 6 months: capped by the maximum end, 31-03-2027 + 42 months ends 30-09-2030 (Reg. 1182/71 art. 3(2)(c))",
			Tender{TermMonths: 24, Options: []Option{{Months: 12}, {Months: 6}}},
			contracts.Contract{RenewalKind: contracts.RenewalExpress, RenewalPeriodMonths: 12, NoticeMonths: 3,
				MaxEnd: contracts.NewDate(2030, 9, 30)}},
		{"indefinite term (Aw 2012 art. 2.16): continues indefinitely until notice, 3 months to a month end by default (DESIGN §4)",
			Tender{TermMonths: 24, TermIndefinite: true},
			contracts.Contract{RenewalKind: contracts.RenewalIndefinite, NoticeMonths: CallOffNoticeMonths}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := contracts.Contract{Organization: "GM0363", Number: "AB-1-P1", Title: "Telefonie", VendorID: 1,
				Start: start, InitialTermMonths: tt.tender.TermMonths, Status: contracts.StatusActive}
			callOffTerms(&c, tt.tender)
			got := contracts.Contract{RenewalKind: c.RenewalKind, RenewalPeriodMonths: c.RenewalPeriodMonths, MaxRenewals: c.MaxRenewals,
				MaxEnd: c.MaxEnd, NoticeMonths: c.NoticeMonths, NoticeDays: c.NoticeDays, NoticeEndsAnyDay: c.NoticeEndsAnyDay}
			if got != tt.want {
				t.Errorf("callOffTerms = %+v\nwant %+v", got, tt.want)
			}
			if err := c.Validate(); err != nil {
				t.Errorf("the call-off contract is invalid: %v", err)
			}
		})
	}
	// The indefinite call-off's dates: 31-03-2027 + 24 months ends
	// 30-03-2029; notice by 30-12-2028 ends it then, and it has no maximum
	// extent.
	c := contracts.Contract{Start: start, InitialTermMonths: 24, Status: contracts.StatusActive}
	callOffTerms(&c, Tender{TermMonths: 24, TermIndefinite: true})
	d := c.Dates(contracts.NewDate(2027, 4, 1))
	if d.InitialEnd != contracts.NewDate(2029, 3, 30) || d.NoticeDeadline != contracts.NewDate(2028, 12, 30) ||
		!d.MaxExtent.IsZero() || !d.FinalEnd.IsZero() {
		t.Errorf("indefinite call-off dates: initial end %s, notice by %s, max extent %s, final end %s; want 2029-03-30, 2028-12-30, none, none",
			d.InitialEnd, d.NoticeDeadline, d.MaxExtent, d.FinalEnd)
	}
}
