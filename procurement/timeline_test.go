package procurement

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

func tlDate(y int, m time.Month, day int) contracts.Date { return contracts.NewDate(y, m, day) }

// timelineFields lists the fields of the FieldErrors carried by err, sorted.
func timelineFields(err error) []string {
	var names []string
	for _, fe := range apperr.Fields(err) {
		names = append(names, fe.Field)
	}
	slices.Sort(names)
	return names
}

func TestDefaultTimeLimits(t *testing.T) {
	t.Parallel()
	l := DefaultTimeLimits()
	tests := []struct {
		name string
		got  int
		want int
	}{
		{"open procedure: 45 days (Aw art. 2.71)", l.Open, 45},
		{"open procedure, electronic reduction: 5 days (Aw art. 2.71/2.74a)", l.OpenElectronicReduction, 5},
		{"open procedure, documents not fully online: +5 days (Aw art. 2.74a)", l.OpenDocumentsNotOnline, 5},
		{"open procedure after prior information notice: 29 days (PIANOo)", l.OpenPIN, 29},
		{"prior information notice floor: 22 days (Aw art. 2.71)", l.OpenPINFloor, 22},
		{"open procedure, urgency: 15 days (Aw art. 2.71-2.74a)", l.OpenUrgent, 15},
		{"restricted procedure, requests to participate: 30 days (Aw art. 2.71-2.74a)", l.RestrictedRequests, 30},
		{"restricted procedure, tenders: 40 days (Aw art. 2.71-2.74a)", l.RestrictedTenders, 40},
		{"restricted procedure, electronic tenders: 35 days (Aw art. 2.71-2.74a)", l.RestrictedElectronic, 35},
		{"restricted procedure in urgency, requests: 15 days (Aw art. 2.74)", l.RestrictedRequestsUrgent, 15},
		{"restricted procedure in urgency, tenders: 10 days (Aw art. 2.74)", l.RestrictedTendersUrgent, 10},
		{"last clarification notice: 10 days before the tender deadline (PIANOo)", l.ClarificationBefore, 10},
		{"last clarification notice, restricted selection phase: 6 days (PIANOo)", l.ClarificationBeforeSelection, 6},
		{"standstill: 20 calendar days (Aw art. 2.127)", l.Standstill, 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("DefaultTimeLimits() = %d, want %d", tt.got, tt.want)
			}
		})
	}
	if err := l.Validate(); err != nil {
		t.Errorf("DefaultTimeLimits().Validate() = %v, want nil", err)
	}
}

func TestTenderPeriod(t *testing.T) {
	t.Parallel()
	floor := DefaultTimeLimits()
	floor.OpenPIN = 22
	below := DefaultTimeLimits()
	below.OpenPIN = 10 // Validate refuses this; TenderPeriod still never goes below the floor
	online := PlanOptions{DocumentsOnline: true}
	tests := []struct {
		name      string
		p         TimelineProcedure
		opts      PlanOptions
		limits    TimeLimits
		want      int
		wantBasis apperr.Basis
	}{
		{"open procedure, paper submission: 45 days (Aw art. 2.71)",
			TimelineOpen, online, DefaultTimeLimits(), 45, base(apperr.BasisOpen, 45)},
		{"open procedure, electronic submission: 40 days (Aw art. 2.71/2.74a)",
			TimelineOpen, PlanOptions{Electronic: true, DocumentsOnline: true}, DefaultTimeLimits(), 40, base(apperr.BasisOpenElectronic, 45, 5)},
		{"open procedure, electronic, documents not fully online: 40+5 days (Aw art. 2.74a)",
			TimelineOpen, PlanOptions{Electronic: true}, DefaultTimeLimits(), 45,
			base(apperr.BasisDocumentsNotOnline, base(apperr.BasisOpenElectronic, 45, 5), 5)},
		{"open procedure, paper, documents not fully online: 45+5 days (Aw art. 2.74a)",
			TimelineOpen, PlanOptions{}, DefaultTimeLimits(), 50, base(apperr.BasisDocumentsNotOnline, base(apperr.BasisOpen, 45), 5)},
		{"open procedure after prior information notice: 29 days (PIANOo; Aw art. 2.71)",
			TimelineOpen, PlanOptions{PIN: true, Electronic: true, DocumentsOnline: true}, DefaultTimeLimits(), 29, base(apperr.BasisOpenPIN, 29, 22)},
		{"open procedure after prior information notice, configured to the floor: 22 days (Aw art. 2.71)",
			TimelineOpen, PlanOptions{PIN: true, DocumentsOnline: true}, floor, 22, base(apperr.BasisOpenPIN, 22, 22)},
		{"open procedure after prior information notice never below the 22-day floor (Aw art. 2.71)",
			TimelineOpen, PlanOptions{PIN: true, DocumentsOnline: true}, below, 22, base(apperr.BasisOpenPIN, 22, 22)},
		{"open procedure after prior information notice, documents not online: 29+5 days (Aw art. 2.74a)",
			TimelineOpen, PlanOptions{PIN: true}, DefaultTimeLimits(), 34, base(apperr.BasisDocumentsNotOnline, base(apperr.BasisOpenPIN, 29, 22), 5)},
		{"open procedure, urgency: 15 days (Aw art. 2.71-2.74a)",
			TimelineOpen, PlanOptions{Urgent: true, DocumentsOnline: true}, DefaultTimeLimits(), 15, base(apperr.BasisOpenUrgent, 15)},
		{"open procedure, urgency takes precedence and gets no online extension: 15 days (Aw art. 2.71-2.74a)",
			TimelineOpen, PlanOptions{Urgent: true, PIN: true}, DefaultTimeLimits(), 15, base(apperr.BasisOpenUrgent, 15)},
		{"restricted procedure, tenders: 40 days (Aw art. 2.71-2.74a)",
			TimelineRestricted, online, DefaultTimeLimits(), 40, base(apperr.BasisRestrictedTenders, 40)},
		{"restricted procedure, electronic tenders: 35 days (Aw art. 2.71-2.74a)",
			TimelineRestricted, PlanOptions{Electronic: true}, DefaultTimeLimits(), 35, base(apperr.BasisRestrictedElectronic, 35)},
		{"restricted procedure in urgency: 10 days (Aw art. 2.74)",
			TimelineRestricted, PlanOptions{Urgent: true}, DefaultTimeLimits(), 10, base(apperr.BasisRestrictedTendersUrgent, 10)},
		{"restricted procedure in urgency, electronic: still 10 days (Aw art. 2.74)",
			TimelineRestricted, PlanOptions{Urgent: true, Electronic: true, DocumentsOnline: true}, DefaultTimeLimits(), 10, base(apperr.BasisRestrictedTendersUrgent, 10)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, basis, err := TenderPeriod(tt.p, tt.opts, tt.limits)
			if err != nil {
				t.Fatalf("TenderPeriod(%s, %+v) error %v", tt.p, tt.opts, err)
			}
			if got != tt.want {
				t.Errorf("TenderPeriod(%s, %+v) = %d, want %d", tt.p, tt.opts, got, tt.want)
			}
			if !reflect.DeepEqual(basis, tt.wantBasis) {
				t.Errorf("TenderPeriod(%s, %+v) basis = %+v, want %+v", tt.p, tt.opts, basis, tt.wantBasis)
			}
		})
	}
	t.Run("unknown procedure", func(t *testing.T) {
		t.Parallel()
		_, _, err := TenderPeriod("dialogue", PlanOptions{}, DefaultTimeLimits())
		if !errors.Is(err, apperr.Invalid) || !slices.Equal(timelineFields(err), []string{"procedure"}) {
			t.Errorf("TenderPeriod(dialogue) error = %v, want Invalid on procedure", err)
		}
	})
}

func TestTimeLimitsValidate(t *testing.T) {
	t.Parallel()
	with := func(f func(*TimeLimits)) TimeLimits {
		l := DefaultTimeLimits()
		f(&l)
		return l
	}
	tests := []struct {
		name       string
		limits     TimeLimits
		wantFields []string
	}{
		{"defaults are valid (Aw art. 2.71-2.74a, 2.127)", DefaultTimeLimits(), nil},
		{"PIN period at the 22-day floor is valid (Aw art. 2.71)", with(func(l *TimeLimits) { l.OpenPIN = 22 }), nil},
		{"longer periods are valid", with(func(l *TimeLimits) { l.Open = 60; l.Standstill = 25 }), nil},
		{"PIN period below the 22-day floor (Aw art. 2.71)", with(func(l *TimeLimits) { l.OpenPIN = 21 }), []string{"openPIN"}},
		{"PIN floor below the Act's 22 days (Aw art. 2.71)", with(func(l *TimeLimits) { l.OpenPINFloor = 15; l.OpenPIN = 15 }), []string{"openPIN", "openPINFloor"}},
		{"PIN period below a configured higher floor (Aw art. 2.71)", with(func(l *TimeLimits) { l.OpenPINFloor = 25; l.OpenPIN = 24 }), []string{"openPIN"}},
		{"standstill below 20 days (Aw art. 2.127)", with(func(l *TimeLimits) { l.Standstill = 19 }), []string{"standstill"}},
		{"electronic reduction larger than the open period", with(func(l *TimeLimits) { l.Open = 4 }), []string{"openElectronicReduction"}},
		{"negative periods, every one reported", with(func(l *TimeLimits) {
			l.OpenUrgent = -1
			l.RestrictedRequests = -1
			l.ClarificationBefore = -3
			l.RestrictedTendersUrgent = -1
		}), []string{"clarificationBefore", "openUrgent", "restrictedRequests", "restrictedTendersUrgent"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.limits.Validate()
			if tt.wantFields == nil {
				if err != nil {
					t.Errorf("Validate(%+v) = %v, want nil", tt.limits, err)
				}
				return
			}
			if !errors.Is(err, apperr.Invalid) {
				t.Fatalf("Validate(%+v) = %v, want apperr.Invalid", tt.limits, err)
			}
			if got := timelineFields(err); !slices.Equal(got, tt.wantFields) {
				t.Errorf("Validate(%+v) fields = %v, want %v", tt.limits, got, tt.wantFields)
			}
		})
	}
}

func TestStandstillEnd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		sent contracts.Date
		want contracts.Date
	}{
		{"sent 1 March 2026: 2 up to and including 21 March, a Saturday, runs on to Monday 23 March (Aw art. 2.127; Atw art. 1)", tlDate(2026, 3, 1), tlDate(2026, 3, 23)},
		{"sent on a Friday: weekends inside the period count, calendar days (Aw art. 2.127)", tlDate(2026, 3, 6), tlDate(2026, 3, 26)},
		{"across the year end: sent 20 December, last day Friday 9 January (Aw art. 2.127)", tlDate(2025, 12, 20), tlDate(2026, 1, 9)},
		{"across a leap day: sent 15 February 2028, last day Monday 6 March (Aw art. 2.127)", tlDate(2028, 2, 15), tlDate(2028, 3, 6)},
		{"same dates in a common year: day 20 is Sunday 7 March 2027, runs on to Monday 8 March (Aw art. 2.127; Atw art. 1)", tlDate(2027, 2, 15), tlDate(2027, 3, 8)},
		{"sent Monday 7 December 2026: day 20 is Sunday 27 December, runs on to Monday 28 December (Atw art. 1; Hof Den Haag 20-04-2021; DESIGN §4)", tlDate(2026, 12, 7), tlDate(2026, 12, 28)},
		{"sent 7 April 2026: day 20 is King's Day, Monday 27 April, runs on to Tuesday 28 April (Atw art. 1 and 3 lid 1)", tlDate(2026, 4, 7), tlDate(2026, 4, 28)},
		{"sent 5 May 2026: day 20 is Whit Monday 25 May, runs on to Tuesday 26 May (Atw art. 1 and 3 lid 1)", tlDate(2026, 5, 5), tlDate(2026, 5, 26)},
		{"sent 14 March 2026: day 20 is Good Friday 3 April, runs on past Easter Monday to Tuesday 7 April (Atw art. 3 lid 1 and 2)", tlDate(2026, 3, 14), tlDate(2026, 4, 7)},
		{"sent 24 April 2026: day 20 is Ascension Day, then the decree day 15 May and the weekend: Monday 18 May (Atw art. 3 lid 1 and 3)", tlDate(2026, 4, 24), tlDate(2026, 5, 18)},
		{"sent 5 December 2026: day 20 is Christmas Day on a Friday, then Boxing Day and Sunday: Monday 28 December (Atw art. 1 and 3)", tlDate(2026, 12, 5), tlDate(2026, 12, 28)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := StandstillEnd(tt.sent, DefaultTimeLimits())
			if got != tt.want {
				t.Errorf("StandstillEnd(%s) = %s, want %s", tt.sent, got, tt.want)
			}
			// The standstill starts the day after sending and counts its
			// last day: at least 20 days, inclusive on both ends, more
			// only to reach a working day.
			n := tt.sent.AddDays(1).DaysUntil(got) + 1
			if n < 20 || n > 20 && contracts.DefaultCalendar().IsWorkingDay(tt.sent.AddDays(20)) {
				t.Errorf("StandstillEnd(%s) covers %d days from the day after sending, want 20 or up to the next working day", tt.sent, n)
			}
			if !contracts.DefaultCalendar().IsWorkingDay(got) {
				t.Errorf("StandstillEnd(%s) = %s, not a working day (Atw art. 1)", tt.sent, got)
			}
		})
	}
}

func TestFrameworkTermCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		months    int
		justified bool
		wantErr   bool
	}{
		{"4 years: allowed (Aw art. 2.140)", 48, false, false},
		{"2 years: allowed (Aw art. 2.140)", 24, false, false},
		{"49 months without justification: refused (Aw art. 2.140)", 49, false, true},
		{"6 years without justification: refused (Aw art. 2.140)", 72, false, true},
		{"6 years objectively justified: allowed (Aw art. 2.140)", 72, true, false},
		{"zero months: invalid", 0, true, true},
		{"negative months: invalid", -12, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := FrameworkTermCheck(tt.months, tt.justified)
			if !tt.wantErr {
				if err != nil {
					t.Errorf("FrameworkTermCheck(%d, %v) = %v, want nil", tt.months, tt.justified, err)
				}
				return
			}
			if !errors.Is(err, apperr.Invalid) || !slices.Equal(timelineFields(err), []string{"termMonths"}) {
				t.Errorf("FrameworkTermCheck(%d, %v) = %v, want FieldErrors on termMonths", tt.months, tt.justified, err)
			}
		})
	}
}

// planLines renders milestones as "key date" lines for compact comparison.
func planLines(ms []Milestone) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Key + " " + m.Date.String()
	}
	return out
}

func TestPlanForward(t *testing.T) {
	t.Parallel()
	electronic := PlanOptions{Electronic: true, DocumentsOnline: true, EvaluationDays: 30, ImplementationDays: 60}
	tests := []struct {
		name string
		pub  contracts.Date
		p    TimelineProcedure
		opts PlanOptions
		want []string
	}{
		{"open, electronic: day 40 is Saturday 11 April, the deadline runs on to Monday 13 April; clarification 10 before, standstill 20 (Aw art. 2.71/2.74a, 2.127; Atw art. 1)",
			tlDate(2026, 3, 2), TimelineOpen, electronic, []string{
				"publication 2026-03-02",
				"clarification 2026-04-03",
				"tender_deadline 2026-04-13",
				"award_decision 2026-05-13",
				"standstill_end 2026-06-02",
				"contract_signature 2026-06-03",
				"start 2026-08-02",
			}},
		{"open, electronic, across the year end: day 40 is Saturday 13 December 2025, runs on to Monday 15 December (Aw art. 2.71/2.74a, 2.127; Atw art. 1)",
			tlDate(2025, 11, 3), TimelineOpen, PlanOptions{Electronic: true, DocumentsOnline: true, EvaluationDays: 30, ImplementationDays: 30}, []string{
				"publication 2025-11-03",
				"clarification 2025-12-05",
				"tender_deadline 2025-12-15",
				"award_decision 2026-01-14",
				"standstill_end 2026-02-03",
				"contract_signature 2026-02-04",
				"start 2026-03-06",
			}},
		{"open, electronic, DESIGN §4: day 40 after 3 November 2026 is Sunday 13 December, runs on to Monday 14 December (Aw art. 2.71/2.74a; Atw art. 1)",
			tlDate(2026, 11, 3), TimelineOpen, PlanOptions{Electronic: true, DocumentsOnline: true, EvaluationDays: 7, ImplementationDays: 14}, []string{
				"publication 2026-11-03",
				"clarification 2026-12-04",
				"tender_deadline 2026-12-14",
				"award_decision 2026-12-21",
				"standstill_end 2027-01-11",
				"contract_signature 2027-01-12",
				"start 2027-01-26",
			}},
		{"open, electronic: day 40 is Whit Monday 25 May 2026, the deadline runs on to Tuesday 26 May (Aw art. 2.71/2.74a; Atw art. 3 lid 1)",
			tlDate(2026, 4, 15), TimelineOpen, PlanOptions{Electronic: true, DocumentsOnline: true, EvaluationDays: 14, ImplementationDays: 30}, []string{
				"publication 2026-04-15",
				"clarification 2026-05-16",
				"tender_deadline 2026-05-26",
				"award_decision 2026-06-09",
				"standstill_end 2026-06-29",
				"contract_signature 2026-06-30",
				"start 2026-07-30",
			}},
		{"restricted in urgency: requests 15 days, tenders 10 days, day 10 is Good Friday 3 April 2026, runs on to Tuesday 7 April (Aw art. 2.74; Atw art. 3)",
			tlDate(2026, 3, 2), TimelineRestricted, PlanOptions{Urgent: true, Electronic: true, DocumentsOnline: true, SelectionDays: 7, EvaluationDays: 10, ImplementationDays: 10}, []string{
				"publication 2026-03-02",
				"selection_clarification 2026-03-11",
				"request_deadline 2026-03-17",
				"invitation 2026-03-24",
				"clarification 2026-03-28",
				"tender_deadline 2026-04-07",
				"award_decision 2026-04-17",
				"standstill_end 2026-05-07",
				"contract_signature 2026-05-08",
				"start 2026-05-18",
			}},
		{"restricted: day 30 of the requests is Sunday 28 June 2026, runs on to Monday 29 June; the selection counts from there (Aw art. 2.71-2.74a; Atw art. 1)",
			tlDate(2026, 5, 29), TimelineRestricted, PlanOptions{Electronic: true, SelectionDays: 14, EvaluationDays: 30, ImplementationDays: 30}, []string{
				"publication 2026-05-29",
				"selection_clarification 2026-06-23",
				"request_deadline 2026-06-29",
				"invitation 2026-07-13",
				"clarification 2026-08-07",
				"tender_deadline 2026-08-17",
				"award_decision 2026-09-16",
				"standstill_end 2026-10-06",
				"contract_signature 2026-10-07",
				"start 2026-11-06",
			}},
		{"open, electronic, deadline on the leap day 29 February 2028 (Aw art. 2.71/2.74a)",
			tlDate(2028, 1, 20), TimelineOpen, PlanOptions{Electronic: true, DocumentsOnline: true, EvaluationDays: 10, ImplementationDays: 14}, []string{
				"publication 2028-01-20",
				"clarification 2028-02-19",
				"tender_deadline 2028-02-29",
				"award_decision 2028-03-10",
				"standstill_end 2028-03-30",
				"contract_signature 2028-03-31",
				"start 2028-04-14",
			}},
		{"restricted, electronic: requests 30, selection clarification 6 before, tenders 35 (Aw art. 2.71-2.74a)",
			tlDate(2026, 3, 2), TimelineRestricted, PlanOptions{Electronic: true, SelectionDays: 14, EvaluationDays: 30, ImplementationDays: 60}, []string{
				"publication 2026-03-02",
				"selection_clarification 2026-03-26",
				"request_deadline 2026-04-01",
				"invitation 2026-04-15",
				"clarification 2026-05-10",
				"tender_deadline 2026-05-20",
				"award_decision 2026-06-19",
				"standstill_end 2026-07-09",
				"contract_signature 2026-07-10",
				"start 2026-09-08",
			}},
		{"open, urgency, call-off under a framework: 15 days and no standstill (Aw art. 2.71-2.74a, 2.127)",
			tlDate(2026, 3, 2), TimelineOpen, PlanOptions{Urgent: true, CallOff: true, EvaluationDays: 10}, []string{
				"publication 2026-03-02",
				"clarification 2026-03-07",
				"tender_deadline 2026-03-17",
				"award_decision 2026-03-27",
				"contract_signature 2026-03-27",
				"start 2026-03-27",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ms, err := PlanForward(tt.pub, tt.p, tt.opts, DefaultTimeLimits())
			if err != nil {
				t.Fatalf("PlanForward(%s, %s) error %v", tt.pub, tt.p, err)
			}
			if got := planLines(ms); !slices.Equal(got, tt.want) {
				t.Errorf("PlanForward(%s, %s, %+v) =\n%s\nwant\n%s", tt.pub, tt.p, tt.opts, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for _, m := range ms {
				if !slices.Contains(MilestoneKeys(), m.Key) || !apperr.IsBasis(m.Basis.Kind) {
					t.Errorf("milestone %s (basis %+v) is not a listed key with a basis", m.Key, m.Basis)
				}
			}
		})
	}
}

func TestPlanForwardBasis(t *testing.T) {
	t.Parallel()
	ms, err := PlanForward(tlDate(2026, 3, 2), TimelineOpen, PlanOptions{Electronic: true, DocumentsOnline: true}, DefaultTimeLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]apperr.Basis{
		MilestoneTenderDeadline: base(apperr.BasisOpenElectronic, 45, 5),
		MilestoneClarification:  base(apperr.BasisClarification, 10),
		MilestoneStandstillEnd:  base(apperr.BasisStandstill, 20),
	}
	for _, m := range ms {
		if w, ok := want[m.Key]; ok && !cites(m.Basis, w) {
			t.Errorf("milestone %s basis = %+v, want it to cite %+v", m.Key, m.Basis, w)
		}
	}
}

// TestPlanForwardRunsOn: a statutory period that ends on a day off says
// in its basis where it would have ended and to which day it runs on; a
// planning date is never moved.
func TestPlanForwardRunsOn(t *testing.T) {
	t.Parallel()
	electronic := PlanOptions{Electronic: true, DocumentsOnline: true}
	tests := []struct {
		name      string
		pub       contracts.Date
		p         TimelineProcedure
		opts      PlanOptions
		key       string
		wantDate  contracts.Date
		wantBasis apperr.Basis
	}{
		{"tender deadline, DESIGN §4: 40 days after 3 November 2026 (Aw art. 2.71/2.74a; Atw art. 1)",
			tlDate(2026, 11, 3), TimelineOpen, electronic, MilestoneTenderDeadline, tlDate(2026, 12, 14),
			runOn(base(apperr.BasisOpenElectronic, 45, 5), "2026-12-13", contracts.OffSunday, "2026-12-14")},
		{"standstill, DESIGN §4: decision sent Monday 7 December 2026 (Aw art. 2.127; Atw art. 1; Hof Den Haag 20-04-2021)",
			tlDate(2026, 10, 8), TimelineOpen, PlanOptions{Electronic: true, DocumentsOnline: true, EvaluationDays: 20}, MilestoneStandstillEnd, tlDate(2026, 12, 28),
			runOn(base(apperr.BasisStandstill, 20), "2026-12-27", contracts.OffSunday, "2026-12-28")},
		{"signature the day after the standstill that ran on: 29 December 2026 (Aw art. 2.127)",
			tlDate(2026, 10, 8), TimelineOpen, PlanOptions{Electronic: true, DocumentsOnline: true, EvaluationDays: 20}, MilestoneContractSignature, tlDate(2026, 12, 29),
			base(apperr.BasisSignature)},
		{"tender deadline on Whit Monday 25 May 2026 (Aw art. 2.71/2.74a; Atw art. 3 lid 1)",
			tlDate(2026, 4, 15), TimelineOpen, electronic, MilestoneTenderDeadline, tlDate(2026, 5, 26),
			runOn(base(apperr.BasisOpenElectronic, 45, 5), "2026-05-25", contracts.OffWhitMonday, "2026-05-26")},
		{"request deadline on Sunday 28 June 2026 (Aw art. 2.71-2.74a; Atw art. 1)",
			tlDate(2026, 5, 29), TimelineRestricted, electronic, MilestoneRequestDeadline, tlDate(2026, 6, 29),
			runOn(base(apperr.BasisRestrictedRequests, 30), "2026-06-28", contracts.OffSunday, "2026-06-29")},
		{"request deadline in urgency: 15 days (Aw art. 2.74)",
			tlDate(2026, 3, 2), TimelineRestricted, PlanOptions{Urgent: true}, MilestoneRequestDeadline, tlDate(2026, 3, 17),
			base(apperr.BasisRestrictedRequestsUrgent, 15)},
		{"a decree day: 40 days after 5 April 2026 is Friday 15 May (Atw art. 3 lid 3)",
			tlDate(2026, 4, 5), TimelineOpen, electronic, MilestoneTenderDeadline, tlDate(2026, 5, 18),
			runOn(base(apperr.BasisOpenElectronic, 45, 5), "2026-05-15", contracts.OffByDecree, "2026-05-18")},
		{"the start is a planning date and stays on a Sunday",
			tlDate(2026, 3, 2), TimelineOpen, PlanOptions{Electronic: true, DocumentsOnline: true, EvaluationDays: 30, ImplementationDays: 60}, MilestoneStart, tlDate(2026, 8, 2),
			base(apperr.BasisPlanning)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ms, err := PlanForward(tt.pub, tt.p, tt.opts, DefaultTimeLimits())
			if err != nil {
				t.Fatalf("PlanForward(%s, %s) error %v", tt.pub, tt.p, err)
			}
			var m Milestone
			for _, x := range ms {
				if x.Key == tt.key {
					m = x
				}
			}
			if m.Date != tt.wantDate || !reflect.DeepEqual(m.Basis, tt.wantBasis) {
				t.Errorf("PlanForward(%s, %s) %s = %s %+v, want %s and the basis %+v", tt.pub, tt.p, tt.key, m.Date, m.Basis, tt.wantDate, tt.wantBasis)
			}
		})
	}
	t.Run("a calendar without the decree's days: 15 May 2026 is a working day (Atw art. 3 lid 3)", func(t *testing.T) {
		t.Parallel()
		l := DefaultTimeLimits()
		l.Calendar = contracts.NewCalendar(nil)
		ms, err := PlanForward(tlDate(2026, 4, 5), TimelineOpen, electronic, l)
		if err != nil {
			t.Fatal(err)
		}
		if m := ms[2]; m.Key != MilestoneTenderDeadline || m.Date != tlDate(2026, 5, 15) || cites(m.Basis, base(apperr.BasisRunOn)) {
			t.Errorf("PlanForward without decree days: %s %s %+v, want tender_deadline 2026-05-15 without a run-on", m.Key, m.Date, m.Basis)
		}
	})
}

func TestPlanBackward(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		start contracts.Date
		p     TimelineProcedure
		opts  PlanOptions
		prep  int
		want  []string
	}{
		{"open, electronic, start on 1 January: published 3 August the standstill would end Sunday 1 November and run on, so 1 August (Aw art. 2.71/2.74a, 2.127; Atw art. 1)",
			tlDate(2027, 1, 1), TimelineOpen, PlanOptions{Electronic: true, DocumentsOnline: true, EvaluationDays: 30, ImplementationDays: 60}, 90, []string{
				"preparation_start 2026-05-03",
				"publication 2026-08-01",
				"clarification 2026-08-31",
				"tender_deadline 2026-09-10",
				"award_decision 2026-10-10",
				"standstill_end 2026-10-30",
				"contract_signature 2026-10-31",
				"start 2027-01-01",
			}},
		{"open, electronic, standstill across the leap day 29 February 2028: day 20 is Sunday 5 March, runs on to Monday 6 March (Aw art. 2.127; Atw art. 1)",
			tlDate(2028, 3, 15), TimelineOpen, PlanOptions{Electronic: true, DocumentsOnline: true, EvaluationDays: 10, ImplementationDays: 7}, 60, []string{
				"preparation_start 2027-10-27",
				"publication 2027-12-26",
				"clarification 2028-01-25",
				"tender_deadline 2028-02-04",
				"award_decision 2028-02-14",
				"standstill_end 2028-03-06",
				"contract_signature 2028-03-07",
				"start 2028-03-15",
			}},
		{"restricted, electronic, start on 1 January: requests 30, tenders 35 (Aw art. 2.71-2.74a)",
			tlDate(2027, 1, 1), TimelineRestricted, PlanOptions{Electronic: true, SelectionDays: 14, EvaluationDays: 20, ImplementationDays: 30}, 120, []string{
				"preparation_start 2026-04-06",
				"publication 2026-08-04",
				"selection_clarification 2026-08-28",
				"request_deadline 2026-09-03",
				"invitation 2026-09-17",
				"clarification 2026-10-12",
				"tender_deadline 2026-10-22",
				"award_decision 2026-11-11",
				"standstill_end 2026-12-01",
				"contract_signature 2026-12-02",
				"start 2027-01-01",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ms, err := PlanBackward(tt.start, tt.p, tt.opts, DefaultTimeLimits(), tt.prep)
			if err != nil {
				t.Fatalf("PlanBackward(%s, %s) error %v", tt.start, tt.p, err)
			}
			if got := planLines(ms); !slices.Equal(got, tt.want) {
				t.Errorf("PlanBackward(%s, %s, %+v, %d) =\n%s\nwant\n%s", tt.start, tt.p, tt.opts, tt.prep, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestPlanBackwardMatchesForward checks, for every combination of options
// and needed starts over a year, that planning forward from the
// publication date PlanBackward finds gives the same milestones, starts no
// later than the needed start, and that a day later would be too late:
// it is the latest publication whose statutory periods hold after running
// on past weekends and holidays (Atw art. 1).
func TestPlanBackwardMatchesForward(t *testing.T) {
	t.Parallel()
	for day := range 366 {
		testPlanBackwardMatchesForward(t, tlDate(2028, 1, 1).AddDays(day))
	}
}

func testPlanBackwardMatchesForward(t *testing.T, start contracts.Date) {
	t.Helper()
	for _, p := range []TimelineProcedure{TimelineOpen, TimelineRestricted} {
		for mask := range 32 {
			opts := PlanOptions{
				Electronic:         mask&1 != 0,
				DocumentsOnline:    mask&2 != 0,
				PIN:                mask&4 != 0,
				Urgent:             mask&8 != 0,
				CallOff:            mask&16 != 0,
				SelectionDays:      7,
				EvaluationDays:     21,
				ImplementationDays: 45,
			}
			back, err := PlanBackward(start, p, opts, DefaultTimeLimits(), 30)
			if err != nil {
				t.Fatalf("PlanBackward(%s, %+v) error %v", p, opts, err)
			}
			fwd, err := PlanForward(back[1].Date, p, opts, DefaultTimeLimits())
			if err != nil {
				t.Fatalf("PlanForward(%s, %+v) error %v", p, opts, err)
			}
			n := len(fwd) - 1
			if !slices.Equal(planLines(back[1:n+1]), planLines(fwd[:n])) {
				t.Errorf("%s %s %+v: backward %v, forward %v", start, p, opts, planLines(back[1:]), planLines(fwd))
			}
			if back[n+1].Date != start || fwd[n].Date.After(start) {
				t.Errorf("%s %s %+v: backward plan starts %s, forward %s, want %s and no later", start, p, opts, back[n+1].Date, fwd[n].Date, start)
			}
			later, err := PlanForward(back[1].Date.AddDays(1), p, opts, DefaultTimeLimits())
			if err != nil || !later[n].Date.After(start) {
				t.Errorf("%s %s %+v: a publication a day after %s still starts %s, want after %s", start, p, opts, back[1].Date, later[n].Date, start)
			}
			if got := back[0].Date.DaysUntil(back[1].Date); got != 30 {
				t.Errorf("%s %+v: preparation %d days, want 30", p, opts, got)
			}
		}
	}
}

func TestPlanInvalid(t *testing.T) {
	t.Parallel()
	badLimits := DefaultTimeLimits()
	badLimits.OpenPIN = 20
	tests := []struct {
		name       string
		p          TimelineProcedure
		opts       PlanOptions
		limits     TimeLimits
		prep       int
		wantFields []string
	}{
		{"unknown procedure", "negotiated", PlanOptions{}, DefaultTimeLimits(), 0, []string{"procedure"}},
		{"negative durations, every one reported", TimelineOpen, PlanOptions{SelectionDays: -1, EvaluationDays: -1, ImplementationDays: -1}, DefaultTimeLimits(), -1,
			[]string{"evaluationDays", "implementationDays", "preparationDays", "selectionDays"}},
		{"limits below the PIN floor (Aw art. 2.71)", TimelineOpen, PlanOptions{}, badLimits, 0, []string{"openPIN"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := PlanBackward(tlDate(2027, 1, 1), tt.p, tt.opts, tt.limits, tt.prep)
			if !errors.Is(err, apperr.Invalid) || !slices.Equal(timelineFields(err), tt.wantFields) {
				t.Errorf("PlanBackward(%s, %+v, %d) = %v, want fields %v", tt.p, tt.opts, tt.prep, err, tt.wantFields)
			}
			if tt.prep < 0 {
				return // preparation is PlanBackward's alone
			}
			_, err = PlanForward(tlDate(2026, 3, 2), tt.p, tt.opts, tt.limits)
			if !errors.Is(err, apperr.Invalid) || !slices.Equal(timelineFields(err), tt.wantFields) {
				t.Errorf("PlanForward(%s, %+v) = %v, want fields %v", tt.p, tt.opts, err, tt.wantFields)
			}
		})
	}
	t.Run("zero dates", func(t *testing.T) {
		t.Parallel()
		if _, err := PlanForward(contracts.Date{}, TimelineOpen, PlanOptions{}, DefaultTimeLimits()); !slices.Equal(timelineFields(err), []string{"publication"}) {
			t.Errorf("PlanForward(zero date) = %v, want a publication field error", err)
		}
		if _, err := PlanBackward(contracts.Date{}, TimelineOpen, PlanOptions{}, DefaultTimeLimits(), 0); !slices.Equal(timelineFields(err), []string{"neededStart"}) {
			t.Errorf("PlanBackward(zero date) = %v, want a neededStart field error", err)
		}
	})
}

// base is apperr.Base, short for the tables.
var base = apperr.Base

// runOn is the basis b of a statutory period whose last day, last, is a
// day off of kind off, so that it ends on end (Atw art. 1).
func runOn(b apperr.Basis, last string, off contracts.DayOff, end string) apperr.Basis {
	return apperr.Base(apperr.BasisRunOn, b, apperr.Day(last), string(off), apperr.Day(end))
}

// cites reports whether basis b is want or quotes it: a period that ran
// on cites the period's basis, a chosen deadline the earliest's. A want
// without arguments matches its kind with any.
func cites(b, want apperr.Basis) bool {
	if b.Kind == want.Kind && (len(want.Args) == 0 || reflect.DeepEqual(b.Args, want.Args)) {
		return true
	}
	for _, a := range b.Args {
		if q, ok := a.(apperr.Basis); ok && cites(q, want) {
			return true
		}
	}
	return false
}
