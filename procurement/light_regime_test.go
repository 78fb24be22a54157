package procurement

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// TestCheckDeadlineLightRegime: the light regime sets no minimum tender
// period (Aw 2012 art. 2.38–2.39), so a chosen deadline shorter than the
// planning assumption of 40 days is accepted; only a deadline on or before
// the publication is refused, because nothing can be tendered then.
func TestCheckDeadlineLightRegime(t *testing.T) {
	t.Parallel()
	pub := planDate(2026, 3, 2)
	online := PlanOptions{Electronic: true, DocumentsOnline: true}
	tests := []struct {
		name     string
		deadline contracts.Date
		wantErr  bool
	}{
		{"Aw 2012 art. 2.38–2.39: 20 days, shorter than the 40-day planning assumption, allowed", pub.AddDays(20), false},
		{"Aw 2012 art. 2.38–2.39: one day after the publication, allowed (no statutory minimum)", pub.AddDays(1), false},
		{"Aw 2012 art. 2.38–2.39: the planning assumption itself, allowed", pub.AddDays(40), false},
		{"Aw 2012 art. 2.38–2.39: a Saturday deadline, allowed (no statutory period to run on, Atw art. 1)", planDate(2026, 3, 21), false},
		{"Aw 2012 art. 2.39: on the publication day, refused", pub, true},
		{"Aw 2012 art. 2.39: before the publication, refused", pub.AddDays(-1), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := CheckDeadline(pub, tt.deadline, TimelineLight, online, DefaultTimeLimits())
			if !tt.wantErr {
				if err != nil {
					t.Errorf("CheckDeadline(%s, %s, light) = %v, want nil", pub, tt.deadline, err)
				}
				return
			}
			if !errors.Is(err, apperr.Invalid) || !slices.Equal(timelineFields(err), []string{"tenderDeadline"}) ||
				!strings.Contains(err.Error(), "after the publication on 2026-03-02") {
				t.Errorf("CheckDeadline(%s, %s, light) = %v, want FieldErrors on tenderDeadline naming the publication", pub, tt.deadline, err)
			}
		})
	}
}

// TestComputePlanLightRegimeChosenDeadline: a deadline chosen earlier than
// the planning assumption is taken into the timeline, not refused, and the
// plan warns that the period must still be reasonable (principles of
// proportionality and transparency).
func TestComputePlanLightRegimeChosenDeadline(t *testing.T) {
	t.Parallel()
	in := socialFixture(800_000)
	pub := in.Tender.Publication
	in.Tender.TenderDeadline = pub.AddDays(21) // Monday 23-03-2026
	p := ComputePlan(in)
	if p.TimelineProcedure != TimelineLight {
		t.Fatalf("ComputePlan() timeline procedure = %s, want light", p.TimelineProcedure)
	}
	if say(p.DeadlineProblem) != "" {
		t.Errorf("ComputePlan() DeadlineProblem = %q, want none: the light regime has no minimum period (Aw 2012 art. 2.38–2.39)", say(p.DeadlineProblem))
	}
	m, ok := p.Milestone(MilestoneTenderDeadline)
	chosen := base(apperr.BasisChosenDeadline, apperr.Day(pub.AddDays(1).String()), base(apperr.BasisLightNoMinimum))
	if !ok || m.Date != in.Tender.TenderDeadline || !reflect.DeepEqual(m.Basis, chosen) {
		t.Errorf("ComputePlan() tender deadline = %+v, want the chosen %s with the basis %+v", m, in.Tender.TenderDeadline, chosen)
	}
	if !hasText(dutch(p.Warnings), "korter dan de planningsaanname van 40 dagen") || !hasText(dutch(p.Warnings), "proportionaliteit en transparantie") {
		t.Errorf("ComputePlan() warnings = %q, want the shorter period named with the principles", dutch(p.Warnings))
	}
	// At or beyond the assumption: no warning.
	in.Tender.TenderDeadline = pub.AddDays(45)
	if p := ComputePlan(in); hasText(dutch(p.Warnings), "planningsaanname") || say(p.DeadlineProblem) != "" {
		t.Errorf("ComputePlan() with 45 days: warnings %q problem %q, want neither", dutch(p.Warnings), say(p.DeadlineProblem))
	}
	// Not after the publication: the plan states the problem.
	in.Tender.TenderDeadline = pub
	if p := ComputePlan(in); !strings.Contains(say(p.DeadlineProblem), "na de publicatie") {
		t.Errorf("ComputePlan() deadline on the publication day: problem %q, want it named", say(p.DeadlineProblem))
	}
}

// TestLightRegimeAwardNotice: under the light regime the plan has an award
// notice after the contract is signed. Grouped per quarter it is sent
// within 30 days after the end of the quarter (Directive 2014/24/EU
// art. 75(2)); the plan takes that latest date.
func TestLightRegimeAwardNotice(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		signature contracts.Date
		want      contracts.Date
	}{
		{"Richtlijn 2014/24/EU art. 75(2): signed 15-05-2026 (Q2) → by 30-07-2026", planDate(2026, 5, 15), planDate(2026, 7, 30)},
		{"Richtlijn 2014/24/EU art. 75(2): signed 31-12-2026 (Q4) → by 30-01-2027", planDate(2026, 12, 31), planDate(2027, 1, 30)},
		{"Richtlijn 2014/24/EU art. 75(2): signed 01-01-2027 (Q1) → by 30-04-2027", planDate(2027, 1, 1), planDate(2027, 4, 30)},
		{"Richtlijn 2014/24/EU art. 75(2): signed 30-09-2027 (Q3) → by 30-10-2027", planDate(2027, 9, 30), planDate(2027, 10, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := AwardNoticeDue(tt.signature); got != tt.want {
				t.Errorf("AwardNoticeDue(%s) = %s, want %s", tt.signature, got, tt.want)
			}
		})
	}

	t.Run("ComputePlan: the light regime plans the award notice after the signature, in date order", func(t *testing.T) {
		t.Parallel()
		p := ComputePlan(socialFixture(800_000))
		sig, _ := p.Milestone(MilestoneContractSignature)
		m, ok := p.Milestone(MilestoneAwardNotice)
		if !ok {
			t.Fatalf("ComputePlan() light regime timeline = %v, want %s", milestoneKeys(p.Timeline), MilestoneAwardNotice)
		}
		if m.Date != AwardNoticeDue(sig.Date) || m.Basis.Kind != apperr.BasisAwardNotice {
			t.Errorf("award notice = %+v, want %s after signature %s with its basis", m, AwardNoticeDue(sig.Date), sig.Date)
		}
		for i := 1; i < len(p.Timeline); i++ {
			if p.Timeline[i].Date.Before(p.Timeline[i-1].Date) {
				t.Errorf("timeline not in date order at %s: %v", p.Timeline[i].Key, p.Timeline)
			}
		}
	})
	t.Run("ComputePlan: the open procedure plans no light-regime award notice", func(t *testing.T) {
		t.Parallel()
		if _, ok := ComputePlan(planFixture(800_000, planDate(2026, 3, 2))).Milestone(MilestoneAwardNotice); ok {
			t.Error("open procedure timeline has the light regime's award notice")
		}
	})
	t.Run("PlanBackward: the light regime still starts on the needed start", func(t *testing.T) {
		t.Parallel()
		need := planDate(2027, 1, 4)
		opts := PlanOptions{Electronic: true, DocumentsOnline: true, EvaluationDays: 30, ImplementationDays: 10}
		ms, err := PlanBackward(need, TimelineLight, opts, DefaultTimeLimits(), 120)
		if err != nil {
			t.Fatal(err)
		}
		var start, notice Milestone
		for _, m := range ms {
			switch m.Key {
			case MilestoneStart:
				start = m
			case MilestoneAwardNotice:
				notice = m
			}
		}
		if start.Date != need || notice.Key == "" {
			t.Errorf("PlanBackward(light) = %v, want start %s and an award notice", ms, need)
		}
	})
}

// TestMilestoneRanOn: a statutory period that ran on past a day off says
// on its milestone where it would have ended (Algemene termijnenwet
// art. 1), so that the pages can word it; one that did not has no run-on.
func TestMilestoneRanOn(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		award   contracts.Date
		want    contracts.Date
		wantOff contracts.DayOff // why day 20 ran on; OffNone: it did not
	}{
		{"DESIGN §4, Atw art. 1, Hof Den Haag 20-04-2021: decision Monday 07-12-2026, day 20 is Sunday 27-12-2026 → Monday 28-12-2026",
			planDate(2026, 12, 7), planDate(2026, 12, 28), contracts.OffSunday},
		{"Atw art. 3: decision 07-04-2027, day 20 is King's Day Tuesday 27-04-2027 → Wednesday 28-04-2027",
			planDate(2027, 4, 7), planDate(2027, 4, 28), contracts.OffKingsDay},
		{"Aw 2012 art. 2.127: decision 02-03-2026, day 20 is Sunday 22-03-2026 → Monday 23-03-2026",
			planDate(2026, 3, 2), planDate(2026, 3, 23), contracts.OffSunday},
		{"Aw 2012 art. 2.127: decision 04-03-2026, day 20 is Tuesday 24-03-2026: no run-on",
			planDate(2026, 3, 4), planDate(2026, 3, 24), contracts.OffNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var m Milestone
			for _, x := range tail(tt.award, TimelineOpen, PlanOptions{}, DefaultTimeLimits(), apperr.Basis{}) {
				if x.Key == MilestoneStandstillEnd {
					m = x
				}
			}
			if m.Date != tt.want || m.RanOn.Off != tt.wantOff || m.RanOn.From.IsZero() != (tt.wantOff == contracts.OffNone) {
				t.Fatalf("standstill end = %s ran on %+v, want %s ran on from a %q", m.Date, m.RanOn, tt.want, tt.wantOff)
			}
			if tt.wantOff != contracts.OffNone && m.RanOn.From != tt.award.AddDays(20) {
				t.Errorf("RanOn.From = %s, want day 20 %s", m.RanOn.From, tt.award.AddDays(20))
			}
		})
	}
	t.Run("Aw 2012 art. 2.71/2.74a, Atw art. 1: the tender deadline after 03-11-2026 ran on from Sunday 13-12-2026", func(t *testing.T) {
		t.Parallel()
		ms, err := PlanForward(planDate(2026, 11, 3), TimelineOpen, PlanOptions{Electronic: true, DocumentsOnline: true}, DefaultTimeLimits())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Key == MilestoneTenderDeadline && (m.Date != planDate(2026, 12, 14) || m.RanOn.From != planDate(2026, 12, 13)) {
				t.Errorf("tender deadline %s ran on %+v, want 2026-12-14 from 2026-12-13", m.Date, m.RanOn)
			}
		}
	})
}
