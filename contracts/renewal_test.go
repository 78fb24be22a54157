package contracts

import (
	"testing"
)

func d(y, m, day int) Date { return NewDate(y, timeMonth(m), day) }

func TestDates(t *testing.T) {
	t.Parallel()
	// GLPI #15893: 36 months from 1 February 2023, then tacit yearly
	// renewals with 3 months' notice.
	glpi15893 := Contract{Start: d(2023, 2, 1), InitialTermMonths: 36, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 3}
	withLead := glpi15893
	withLead.LeadDays = 30
	twoMonths := Contract{Start: d(2024, 7, 1), InitialTermMonths: 24, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 2, LeadDays: 30}
	noRenewal := Contract{Start: d(2024, 1, 1), InitialTermMonths: 48, RenewalKind: RenewalNone, NoticeMonths: 3}
	monthEnd := Contract{Start: d(2026, 1, 31), InitialTermMonths: 1, RenewalKind: RenewalTacit, RenewalPeriodMonths: 1}
	leap := Contract{Start: d(2024, 2, 29), InitialTermMonths: 48, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 1}
	maxTwo := glpi15893
	maxTwo.MaxRenewals = 2
	noticeGiven := glpi15893
	noticeGiven.NoticeGivenOn = d(2025, 9, 15)
	lateNotice := glpi15893
	lateNotice.NoticeGivenOn = d(2025, 11, 20)
	express := Contract{Start: d(2024, 1, 1), InitialTermMonths: 24, RenewalKind: RenewalExpress, RenewalPeriodMonths: 12, MaxRenewals: 2, NoticeMonths: 6, LeadDays: 14}
	expressTaken := express
	expressTaken.RenewalsExercised = 1
	maxEnd := Contract{Start: d(2022, 1, 1), InitialTermMonths: 12, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 1, MaxEnd: d(2025, 6, 30)}

	tests := []struct {
		name  string
		c     Contract
		today Date
		want  Dates
	}{
		{"GLPI #15893: 36-month term, notice 3 months before the initial end", glpi15893, d(2025, 6, 1), Dates{
			InitialEnd: d(2026, 1, 31), CurrentEnd: d(2026, 1, 31), CommittedEnd: d(2026, 1, 31),
			NoticeDeadline: d(2025, 10, 31), ActionDate: d(2025, 10, 31)}},
		{"DESIGN §4: notice deadline is the day itself (31-10-2025)", glpi15893, d(2025, 10, 31), Dates{
			InitialEnd: d(2026, 1, 31), CurrentEnd: d(2026, 1, 31), CommittedEnd: d(2026, 1, 31),
			NoticeDeadline: d(2025, 10, 31), ActionDate: d(2025, 10, 31)}},
		{"DESIGN §4: deadline missed, committed to the next year and its deadline", glpi15893, d(2025, 11, 1), Dates{
			InitialEnd: d(2026, 1, 31), CurrentEnd: d(2026, 1, 31), CommittedEnd: d(2027, 1, 31),
			NoticeDeadline: d(2026, 10, 31), NoticeMissed: true, ActionDate: d(2026, 10, 31)}},
		{"GLPI #23084: after the renewal the notice date follows the renewed end", glpi15893, d(2026, 2, 1), Dates{
			InitialEnd: d(2026, 1, 31), CurrentEnd: d(2027, 1, 31), CommittedEnd: d(2027, 1, 31),
			NoticeDeadline: d(2026, 10, 31), ActionDate: d(2026, 10, 31), Renewals: 1}},
		{"GLPI #12620: notice in months plus an internal lead time in days", withLead, d(2025, 6, 1), Dates{
			InitialEnd: d(2026, 1, 31), CurrentEnd: d(2026, 1, 31), CommittedEnd: d(2026, 1, 31),
			NoticeDeadline: d(2025, 10, 31), ActionDate: d(2025, 10, 1)}},
		{"GLPI #12620: 2 months' notice, 30 lead days before a 30 June end", twoMonths, d(2026, 1, 10), Dates{
			InitialEnd: d(2026, 6, 30), CurrentEnd: d(2026, 6, 30), CommittedEnd: d(2026, 6, 30),
			NoticeDeadline: d(2026, 4, 30), ActionDate: d(2026, 3, 31)}},
		{"no renewal: ends at the initial end, nothing to give notice for", noRenewal, d(2026, 1, 1), Dates{
			InitialEnd: d(2027, 12, 31), CurrentEnd: d(2027, 12, 31), CommittedEnd: d(2027, 12, 31),
			FinalEnd: d(2027, 12, 31), MaxExtent: d(2027, 12, 31)}},
		{"expired: today after the final end", noRenewal, d(2028, 1, 1), Dates{
			InitialEnd: d(2027, 12, 31), CurrentEnd: d(2027, 12, 31), CommittedEnd: d(2027, 12, 31),
			FinalEnd: d(2027, 12, 31), MaxExtent: d(2027, 12, 31), Expired: true}},
		{"31-01-2026 + 1 month ends 28-02-2026: February has no 31st (Reg. 1182/71 art. 3(2)(c))", monthEnd, d(2026, 2, 10), Dates{
			InitialEnd: d(2026, 2, 28), CurrentEnd: d(2026, 2, 28), CommittedEnd: d(2026, 2, 28),
			NoticeDeadline: d(2026, 2, 28), ActionDate: d(2026, 2, 28)}},
		{"31 January start: renewals count from the start, the third period ends 30-04-2026 (Reg. 1182/71 art. 3(2)(c))", monthEnd, d(2026, 4, 1), Dates{
			InitialEnd: d(2026, 2, 28), CurrentEnd: d(2026, 4, 30), CommittedEnd: d(2026, 4, 30),
			NoticeDeadline: d(2026, 4, 30), ActionDate: d(2026, 4, 30), Renewals: 2}},
		{"leap year: 29 February start, 4 years later 28 February", leap, d(2027, 6, 1), Dates{
			InitialEnd: d(2028, 2, 28), CurrentEnd: d(2028, 2, 28), CommittedEnd: d(2028, 2, 28),
			NoticeDeadline: d(2028, 1, 28), ActionDate: d(2028, 1, 28)}},
		{"at most 2 renewals: no notice needed in the last period", maxTwo, d(2027, 6, 1), Dates{
			InitialEnd: d(2026, 1, 31), CurrentEnd: d(2028, 1, 31), CommittedEnd: d(2028, 1, 31),
			FinalEnd: d(2028, 1, 31), MaxExtent: d(2028, 1, 31), Renewals: 2}},
		{"at most 2 renewals: deadline missed in the one before the last", maxTwo, d(2026, 11, 15), Dates{
			InitialEnd: d(2026, 1, 31), CurrentEnd: d(2027, 1, 31), CommittedEnd: d(2028, 1, 31),
			FinalEnd: d(2028, 1, 31), NoticeMissed: true, MaxExtent: d(2028, 1, 31), Renewals: 1}},
		{"maximum end date caps the renewals", maxEnd, d(2024, 3, 1), Dates{
			InitialEnd: d(2022, 12, 31), CurrentEnd: d(2024, 12, 31), CommittedEnd: d(2024, 12, 31),
			FinalEnd: d(2024, 12, 31), MaxExtent: d(2024, 12, 31), Renewals: 2}},
		{"notice given in time: ends at the current end", noticeGiven, d(2025, 12, 1), Dates{
			InitialEnd: d(2026, 1, 31), CurrentEnd: d(2026, 1, 31), CommittedEnd: d(2026, 1, 31), FinalEnd: d(2026, 1, 31)}},
		{"notice given too late: ends a period later", lateNotice, d(2026, 3, 1), Dates{
			InitialEnd: d(2026, 1, 31), CurrentEnd: d(2027, 1, 31), CommittedEnd: d(2027, 1, 31), FinalEnd: d(2027, 1, 31), Renewals: 1}},
		{"express: option decision 6 months before the end, 14 lead days", express, d(2025, 1, 1), Dates{
			InitialEnd: d(2025, 12, 31), CurrentEnd: d(2025, 12, 31), CommittedEnd: d(2025, 12, 31),
			OptionDecision: d(2025, 6, 30), ActionDate: d(2025, 6, 16), MaxExtent: d(2027, 12, 31)}},
		{"express: one option taken, the next decision follows the new end", expressTaken, d(2026, 2, 1), Dates{
			InitialEnd: d(2025, 12, 31), CurrentEnd: d(2026, 12, 31), CommittedEnd: d(2026, 12, 31),
			OptionDecision: d(2026, 6, 30), ActionDate: d(2026, 6, 16), MaxExtent: d(2027, 12, 31), Renewals: 1}},
		{"express: option lapsed, the contract ends", express, d(2025, 7, 1), Dates{
			InitialEnd: d(2025, 12, 31), CurrentEnd: d(2025, 12, 31), CommittedEnd: d(2025, 12, 31),
			FinalEnd: d(2025, 12, 31), MaxExtent: d(2027, 12, 31)}},
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

func TestNoticeDeadlineFor(t *testing.T) {
	t.Parallel()
	c := Contract{NoticeMonths: 3}
	if got, want := c.NoticeDeadlineFor(d(2026, 1, 31)), d(2025, 10, 31); got != want {
		t.Errorf("end 31-01-2026 with 3 months' notice: %v, want %v (DESIGN §4)", got, want)
	}
	c.NoticeMonths = 1
	if got, want := c.NoticeDeadlineFor(d(2026, 3, 31)), d(2026, 2, 28); got != want {
		t.Errorf("end 31-03-2026 with 1 month's notice: %v, want %v", got, want)
	}
}
