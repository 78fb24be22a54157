package contracts

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// alertLine renders an alert for comparison: "2025-10-31 notice #1
// end 2026-01-31 renewal 2027-01-31".
func alertLine(a Alert) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", a.Date, a.Kind)
	if a.Missed {
		b.WriteString(" missed")
	}
	if a.Overdue {
		fmt.Fprintf(&b, " overdue since %s", a.Action)
	}
	fmt.Fprintf(&b, " #%d", a.Contract.ID)
	if !a.Deadline.IsZero() {
		fmt.Fprintf(&b, " deadline %s", a.Deadline)
	}
	if !a.End.IsZero() {
		fmt.Fprintf(&b, " end %s", a.End)
	}
	if !a.Renewal.IsZero() {
		fmt.Fprintf(&b, " renewal %s", a.Renewal)
	}
	return b.String()
}

func summaries(cs ...Contract) []ContractSummary {
	out := make([]ContractSummary, len(cs))
	for i, c := range cs {
		if c.ID == 0 {
			c.ID = int64(i + 1)
		}
		if c.Status == "" {
			c.Status = StatusActive
		}
		out[i] = ContractSummary{Contract: c, OrganizationName: "Org", VendorName: "Vendor"}
	}
	return out
}

func TestAlerts(t *testing.T) {
	t.Parallel()
	// GLPI #15893: 36 months from 1 February 2023, then tacit yearly
	// renewals with 3 months' notice: notice by 31-10-2025 to end at
	// 31-01-2026.
	glpi := Contract{Start: d(2023, 2, 1), InitialTermMonths: 36, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 3}
	withLead := glpi
	withLead.LeadDays = 30
	lastRenewal := glpi
	lastRenewal.MaxRenewals = 1
	noticeGiven := glpi
	noticeGiven.NoticeGivenOn = d(2025, 9, 15)
	terminated := glpi
	terminated.Status = StatusTerminated
	express := Contract{Start: d(2024, 1, 1), InitialTermMonths: 24, RenewalKind: RenewalExpress, RenewalPeriodMonths: 12,
		MaxRenewals: 2, NoticeMonths: 6, LeadDays: 14}
	noRenewal := Contract{Start: d(2024, 1, 1), InitialTermMonths: 48, RenewalKind: RenewalNone, NoticeMonths: 3}
	monthEnd := Contract{Start: d(2025, 1, 31), InitialTermMonths: 12, RenewalKind: RenewalTacit, RenewalPeriodMonths: 1, NoticeMonths: 1}
	indefinite := Contract{Start: d(2023, 2, 1), InitialTermMonths: 36, RenewalKind: RenewalIndefinite, NoticeMonths: 3, LeadDays: 30}
	indefiniteGiven := indefinite
	indefiniteGiven.NoticeGivenOn = d(2026, 2, 10)

	tests := []struct {
		name   string
		cs     []ContractSummary
		today  Date
		within int
		want   []string
	}{
		{"DESIGN §4 / GLPI #15893: notice deadline 31-10-2025 within 90 days, renews a year otherwise",
			summaries(glpi), d(2025, 9, 1), 90,
			[]string{"2025-10-31 notice #1 end 2026-01-31 renewal 2027-01-31"}},
		{"the window includes its last day", summaries(glpi), d(2025, 8, 1), 91,
			[]string{"2025-10-31 notice #1 end 2026-01-31 renewal 2027-01-31"}},
		{"the window ends after within days", summaries(glpi), d(2025, 8, 1), 90, nil},
		{"the deadline is still in time on the day itself (DESIGN §4)", summaries(glpi), d(2025, 10, 31), 0,
			[]string{"2025-10-31 notice #1 end 2026-01-31 renewal 2027-01-31"}},
		{"GLPI #12620: action date = notice deadline − 30 lead days, listed first",
			summaries(withLead), d(2025, 9, 1), 90,
			[]string{"2025-10-01 action #1 deadline 2025-10-31 end 2026-01-31 renewal 2027-01-31", "2025-10-31 notice #1 end 2026-01-31 renewal 2027-01-31"}},
		{"DESIGN §4: the action date 01-10-2025 passed, the notice deadline has not: start now (overdue action), dated today",
			summaries(withLead), d(2025, 10, 2), 90,
			[]string{"2025-10-02 action overdue since 2025-10-01 #1 deadline 2025-10-31 end 2026-01-31 renewal 2027-01-31",
				"2025-10-31 notice #1 end 2026-01-31 renewal 2027-01-31"}},
		{"DESIGN §4: overdue action whatever the window: the deadline lies beyond it",
			summaries(withLead), d(2025, 10, 2), 7,
			[]string{"2025-10-02 action overdue since 2025-10-01 #1 deadline 2025-10-31 end 2026-01-31 renewal 2027-01-31"}},
		{"DESIGN §4: on the deadline itself the action is still overdue",
			summaries(withLead), d(2025, 10, 31), 0,
			[]string{"2025-10-31 action overdue since 2025-10-01 #1 deadline 2025-10-31 end 2026-01-31 renewal 2027-01-31",
				"2025-10-31 notice #1 end 2026-01-31 renewal 2027-01-31"}},
		{"DESIGN §4: once the deadline passed the notice is missed, the action no longer overdue",
			summaries(withLead), d(2025, 11, 1), 10,
			[]string{"2025-11-01 notice missed #1 deadline 2025-10-31 end 2027-01-31"}},
		{"DESIGN §4: express option whose action date passed: start now on the option",
			summaries(express), d(2025, 6, 20), 5,
			[]string{"2025-06-20 action overdue since 2025-06-16 #1 deadline 2025-06-30 end 2025-12-31 renewal 2026-12-31"}},
		{"DESIGN §4: indefinite continuation, 3 months' notice: notice by 31-10-2025 ends at the initial end 31-01-2026, or the earliest end becomes 28-02-2026",
			summaries(indefinite), d(2025, 9, 1), 90,
			[]string{"2025-10-01 action #1 deadline 2025-10-31 end 2026-01-31 renewal 2026-02-28",
				"2025-10-31 notice #1 end 2026-01-31 renewal 2026-02-28"}},
		{"DESIGN §4: indefinite continuation after the initial deadline: a rolling deadline asks for nothing",
			summaries(indefinite), d(2025, 11, 1), 730, nil},
		{"DESIGN §4: indefinite continuation with notice given: the earliest end of that notice is its expiry",
			summaries(indefiniteGiven), d(2026, 3, 1), 91,
			[]string{"2026-05-31 expiry #1 end 2026-05-31"}},
		{"DESIGN §4: deadline missed: the alert says so, dated today, committed to 31-01-2027",
			summaries(glpi), d(2025, 11, 1), 90,
			[]string{"2025-11-01 notice missed #1 deadline 2025-10-31 end 2027-01-31"}},
		{"GLPI #23084: after a missed deadline the next one belongs to the renewed period",
			summaries(glpi), d(2025, 11, 1), 365,
			[]string{"2025-11-01 notice missed #1 deadline 2025-10-31 end 2027-01-31", "2026-10-31 notice #1 end 2027-01-31 renewal 2028-01-31"}},
		{"missed in the last renewable period: committed to the final end, which expires",
			summaries(lastRenewal), d(2025, 11, 1), 730,
			[]string{"2025-11-01 notice missed #1 deadline 2025-10-31 end 2027-01-31", "2027-01-31 expiry #1 end 2027-01-31"}},
		{"notice given in time: no deadline, the contract expires at the current end",
			summaries(noticeGiven), d(2025, 12, 1), 90,
			[]string{"2026-01-31 expiry #1 end 2026-01-31"}},
		{"express option: decide 6 months before the end, act 14 days earlier",
			summaries(express), d(2025, 5, 1), 90,
			[]string{"2025-06-16 action #1 deadline 2025-06-30 end 2025-12-31 renewal 2026-12-31", "2025-06-30 option #1 end 2025-12-31 renewal 2026-12-31"}},
		{"express option left to lapse: the contract expires at its current end",
			summaries(express), d(2025, 7, 1), 200,
			[]string{"2025-12-31 expiry #1 end 2025-12-31"}},
		{"no renewal: only the expiry", summaries(noRenewal), d(2027, 11, 1), 90,
			[]string{"2027-12-31 expiry #1 end 2027-12-31"}},
		{"expired contracts ask for nothing", summaries(noRenewal), d(2028, 1, 1), 730, nil},
		{"terminated contracts ask for nothing", summaries(terminated), d(2025, 9, 1), 90, nil},
		{"31 January start, monthly renewals: the period after 30-01-2026 ends 28-02-2026 (Reg. 1182/71 art. 3(2)(c)); missed 30-12-2025, next deadline 31-01-2026",
			summaries(monthEnd), d(2026, 1, 20), 40,
			[]string{"2026-01-20 notice missed #1 deadline 2025-12-30 end 2026-02-28", "2026-01-31 notice #1 end 2026-02-28 renewal 2026-03-30"}},
		{"one day: missed first, then action, notice, option, expiry; ties by contract id",
			summaries(
				Contract{ID: 7, Start: d(2024, 1, 1), InitialTermMonths: 12, RenewalKind: RenewalNone},                                                              // expires 2024-12-31
				Contract{ID: 5, Start: d(2023, 4, 1), InitialTermMonths: 21, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 0},                   // notice 2024-12-31
				Contract{ID: 3, Start: d(2024, 1, 1), InitialTermMonths: 12, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 0},                   // notice 2024-12-31
				Contract{ID: 4, Start: d(2023, 7, 1), InitialTermMonths: 24, RenewalKind: RenewalExpress, RenewalPeriodMonths: 12, MaxRenewals: 1, NoticeMonths: 6}, // option 2024-12-31
				Contract{ID: 6, Start: d(2024, 1, 1), InitialTermMonths: 24, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 12, LeadDays: 0},     // notice 2024-12-31
				Contract{ID: 2, Start: d(2022, 1, 1), InitialTermMonths: 36, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 1},                   // deadline 30-11-2024 missed
				Contract{ID: 1, Start: d(2024, 5, 1), InitialTermMonths: 12, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 3, LeadDays: 31},     // action for 31-01-2025
			), d(2024, 12, 31), 0,
			[]string{
				"2024-12-31 notice missed #2 deadline 2024-11-30 end 2025-12-31",
				"2024-12-31 action #1 deadline 2025-01-31 end 2025-04-30 renewal 2026-04-30",
				"2024-12-31 notice #3 end 2024-12-31 renewal 2025-12-31",
				"2024-12-31 notice #5 end 2024-12-31 renewal 2025-12-31",
				"2024-12-31 notice #6 end 2025-12-31 renewal 2026-12-31",
				"2024-12-31 option #4 end 2025-06-30 renewal 2026-06-30",
				"2024-12-31 expiry #7 end 2024-12-31",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, a := range Alerts(tt.cs, tt.today, tt.within) {
				got = append(got, alertLine(a))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Alerts(today %s, within %d) =\n  %s\nwant\n  %s", tt.today, tt.within,
					strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestAlertWhatSaysWhatByWhen(t *testing.T) {
	t.Parallel()
	glpi := Contract{ID: 1, Start: d(2023, 2, 1), InitialTermMonths: 36, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 3, LeadDays: 30, Status: StatusActive}
	got := Alerts([]ContractSummary{{Contract: glpi}}, d(2025, 9, 1), 90)
	want := []string{
		"start the decision on giving notice: notice must be given by 2025-10-31",
		"give notice by 2025-10-31 to end at 2026-01-31, or it renews until 2027-01-31",
	}
	if len(got) != len(want) {
		t.Fatalf("Alerts = %d alerts, want %d", len(got), len(want))
	}
	for i, a := range got {
		if a.What != want[i] {
			t.Errorf("alert %d What = %q, want %q", i, a.What, want[i])
		}
	}
	missed := Alerts([]ContractSummary{{Contract: glpi}}, d(2025, 11, 1), 10)
	if len(missed) != 1 || missed[0].What != "the notice deadline 2025-10-31 was missed: the contract renewed until 2027-01-31" {
		t.Errorf("missed alert = %+v", missed)
	}
}

func TestCalendarAlerts(t *testing.T) {
	t.Parallel()
	// GLPI #15893 with 30 lead days: action 01-10-2025, notice 31-10-2025.
	glpi := Contract{Start: d(2023, 2, 1), InitialTermMonths: 36, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 3, LeadDays: 30}
	tests := []struct {
		name            string
		today, from, to Date
		want            []string
	}{
		{"ahead: this year's deadline only; later ones follow once it passed", d(2025, 9, 1), d(2025, 8, 2), d(2027, 9, 1), []string{
			"2025-10-01 action #1 deadline 2025-10-31 end 2026-01-31 renewal 2027-01-31",
			"2025-10-31 notice #1 end 2026-01-31 renewal 2027-01-31",
		}},
		{"a deadline missed 10 days ago stays in the calendar; no moving missed event (DESIGN §4)", d(2025, 11, 10), d(2025, 10, 11), d(2027, 11, 10), []string{
			"2025-10-31 notice #1 end 2026-01-31 renewal 2027-01-31",
			"2026-10-01 action #1 deadline 2026-10-31 end 2027-01-31 renewal 2028-01-31",
			"2026-10-31 notice #1 end 2027-01-31 renewal 2028-01-31",
		}},
		{"past dates before from are gone", d(2025, 12, 10), d(2025, 11, 10), d(2026, 1, 10), nil},
		{"DESIGN §4: the action date passed, the deadline has not: the deadline's event says start now; no moving event", d(2025, 10, 5), d(2025, 9, 5), d(2026, 1, 1), []string{
			"2025-10-01 action #1 deadline 2025-10-31 end 2026-01-31 renewal 2027-01-31",
			"2025-10-31 notice overdue since 2025-10-01 #1 end 2026-01-31 renewal 2027-01-31",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, a := range CalendarAlerts(summaries(glpi), tt.today, tt.from, tt.to) {
				got = append(got, alertLine(a))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("CalendarAlerts(today %s, %s–%s) =\n  %s\nwant\n  %s", tt.today, tt.from, tt.to,
					strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestCompareAlertsKindOrder: alerts of one day and one contract list in
// the order of AlertKinds, which lists and feeds follow.
func TestCompareAlertsKindOrder(t *testing.T) {
	kinds := AlertKinds()
	day := NewDate(2027, 3, 1)
	var alerts []Alert
	for i := len(kinds) - 1; i >= 0; i-- {
		alerts = append(alerts, Alert{Kind: kinds[i], Date: day, Contract: AlertContract{ID: 7}})
	}
	slices.SortFunc(alerts, CompareAlerts)
	for i, a := range alerts {
		if a.Kind != kinds[i] {
			t.Errorf("alert %d is %s, want %s (AlertKinds order)", i, a.Kind, kinds[i])
		}
	}
}
