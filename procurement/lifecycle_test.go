package procurement

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// allowedSteps is DESIGN §4's lifecycle written out independently of
// nextStatuses, so that a change to either one fails these tests.
var allowedSteps = map[[2]TenderStatus]bool{
	{TenderDraft, TenderCollecting}:     true,
	{TenderCollecting, TenderMandating}: true,
	{TenderMandating, TenderPublished}:  true,
	{TenderPublished, TenderEvaluating}: true,
	{TenderEvaluating, TenderAwarded}:   true,
	{TenderAwarded, TenderContracted}:   true,
	{TenderContracted, TenderClosed}:    true,
	{TenderDraft, TenderCancelled}:      true,
	{TenderCollecting, TenderCancelled}: true,
	{TenderMandating, TenderCancelled}:  true,
	{TenderPublished, TenderCancelled}:  true,
	{TenderEvaluating, TenderCancelled}: true,
	{TenderAwarded, TenderCancelled}:    true,
}

// allGuardsMet satisfies every guard.
var allGuardsMet = Guards{
	AllMandatesSigned: true,
	HasLots:           true,
	TenderDeadline:    contracts.NewDate(2026, 4, 11),
	StandstillEnd:     contracts.NewDate(2026, 5, 31),
	Today:             contracts.NewDate(2026, 6, 1),
}

func TestTenderStatuses(t *testing.T) {
	t.Parallel()
	want := []TenderStatus{"draft", "collecting", "mandating", "published", "evaluating", "awarded", "contracted", "closed", "cancelled"}
	if got := TenderStatuses(); !slices.Equal(got, want) {
		t.Errorf("TenderStatuses() = %v, want %v", got, want)
	}
	for _, s := range want {
		if !s.Valid() {
			t.Errorf("%q.Valid() = false, want true", s)
		}
	}
	for _, s := range []TenderStatus{"", "Draft", "open"} {
		if s.Valid() {
			t.Errorf("%q.Valid() = true, want false", s)
		}
	}
}

func TestNextStatuses(t *testing.T) {
	t.Parallel()
	for _, from := range append(TenderStatuses(), "unknown") {
		var want []TenderStatus
		for _, to := range TenderStatuses() {
			if allowedSteps[[2]TenderStatus{from, to}] {
				want = append(want, to)
			}
		}
		got := slices.Clone(NextStatuses(from))
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("NextStatuses(%q) = %v, want %v", from, got, want)
		}
	}
	// The result is the caller's own.
	NextStatuses(TenderDraft)[0] = TenderClosed
	if NextStatuses(TenderDraft)[0] != TenderCollecting {
		t.Error("NextStatuses(draft) shares its slice with the lifecycle table")
	}
}

// TestTransitionAllPairs tries every pair of states with every guard
// satisfied: exactly the steps of DESIGN §4 pass; every other pair is a
// Conflict naming both states.
func TestTransitionAllPairs(t *testing.T) {
	t.Parallel()
	allowed := 0
	for _, from := range TenderStatuses() {
		for _, to := range TenderStatuses() {
			name := string(from) + " to " + string(to)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				err := Transition(from, to, allGuardsMet)
				if allowedSteps[[2]TenderStatus{from, to}] {
					if err != nil {
						t.Errorf("Transition(%s, %s) = %v, want nil", from, to, err)
					}
					return
				}
				if !errors.Is(err, apperr.Conflict) {
					t.Fatalf("Transition(%s, %s) = %v, want apperr.Conflict", from, to, err)
				}
				detail := apperr.Detail(err, "")
				want := "a tender cannot move from " + string(from) + " to " + string(to)
				if !strings.HasPrefix(detail, want) {
					t.Errorf("Transition(%s, %s) detail = %q, want it to start with %q", from, to, detail, want)
				}
			})
			if allowedSteps[[2]TenderStatus{from, to}] {
				allowed++
			}
		}
	}
	if allowed != 13 {
		t.Errorf("%d allowed steps, want 13 (7 forward, 6 cancellations)", allowed)
	}
}

func TestTransitionGuards(t *testing.T) {
	t.Parallel()
	deadline := contracts.NewDate(2026, 4, 11)
	standstill := contracts.NewDate(2026, 5, 31)
	tests := []struct {
		name       string
		from, to   TenderStatus
		g          Guards
		wantReason string // "" means allowed
	}{
		{"publish with every mandate signed (DESIGN §4 guard)", TenderMandating, TenderPublished,
			Guards{AllMandatesSigned: true, HasLots: true}, ""},
		{"publish without lots", TenderMandating, TenderPublished,
			Guards{AllMandatesSigned: true}, "the tender has no lots"},
		{"publish with an unsigned mandate", TenderMandating, TenderPublished,
			Guards{}, "not every participant has a signed mandate"},
		{"cancel with unsigned mandates", TenderMandating, TenderCancelled,
			Guards{}, ""},
		{"evaluate on the tender deadline day", TenderPublished, TenderEvaluating,
			Guards{TenderDeadline: deadline, Today: deadline}, "tender deadline 2026-04-11 has not passed"},
		{"evaluate the day after the tender deadline", TenderPublished, TenderEvaluating,
			Guards{TenderDeadline: deadline, Today: deadline.AddDays(1)}, ""},
		{"award before the tender deadline", TenderEvaluating, TenderAwarded,
			Guards{TenderDeadline: deadline, Today: deadline.AddDays(-5)}, "tender deadline 2026-04-11 has not passed"},
		{"award on the tender deadline day", TenderEvaluating, TenderAwarded,
			Guards{TenderDeadline: deadline, Today: deadline}, "has not passed"},
		{"award the day after the tender deadline", TenderEvaluating, TenderAwarded,
			Guards{TenderDeadline: deadline, Today: deadline.AddDays(1)}, ""},
		{"award with an unknown tender deadline", TenderEvaluating, TenderAwarded,
			Guards{Today: deadline}, "unknown"},
		{"award with an unknown today", TenderEvaluating, TenderAwarded,
			Guards{TenderDeadline: deadline}, "unknown"},
		{"contract during the standstill (Aw art. 2.127)", TenderAwarded, TenderContracted,
			Guards{StandstillEnd: standstill, Today: standstill.AddDays(-1)}, "standstill runs until 2026-05-31 inclusive"},
		{"contract on the standstill's last day (Aw art. 2.127)", TenderAwarded, TenderContracted,
			Guards{StandstillEnd: standstill, Today: standstill}, "standstill runs until 2026-05-31 inclusive"},
		{"contract the day after the standstill (Aw art. 2.127)", TenderAwarded, TenderContracted,
			Guards{StandstillEnd: standstill, Today: standstill.AddDays(1)}, ""},
		{"contract with an unknown standstill end", TenderAwarded, TenderContracted,
			Guards{Today: standstill}, "unknown"},
		{"cancel during the standstill", TenderAwarded, TenderCancelled,
			Guards{StandstillEnd: standstill, Today: standstill}, ""},
		{"close without guards", TenderContracted, TenderClosed, Guards{}, ""},
		{"skip from collecting to published", TenderCollecting, TenderPublished,
			allGuardsMet, "the lifecycle does not allow this step"},
		{"cancel once contracted", TenderContracted, TenderCancelled,
			allGuardsMet, "the lifecycle does not allow this step"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := Transition(tt.from, tt.to, tt.g)
			if tt.wantReason == "" {
				if err != nil {
					t.Errorf("Transition(%s, %s, %+v) = %v, want nil", tt.from, tt.to, tt.g, err)
				}
				return
			}
			if !errors.Is(err, apperr.Conflict) {
				t.Fatalf("Transition(%s, %s, %+v) = %v, want apperr.Conflict", tt.from, tt.to, tt.g, err)
			}
			detail := apperr.Detail(err, "")
			if !strings.Contains(detail, tt.wantReason) || !strings.Contains(detail, string(tt.from)) || !strings.Contains(detail, string(tt.to)) {
				t.Errorf("Transition(%s, %s) detail = %q, want both states and %q", tt.from, tt.to, detail, tt.wantReason)
			}
		})
	}
}

// TestTransitionStandstillRunsOn: the contracted guard with the standstill
// end StandstillEnd computes. An award decision sent on Monday 7 December
// 2026 gives a standstill whose 20th day is Sunday 27 December; it runs
// on to Monday 28 December, so contracting on that Monday, the day after
// the unextended standstill, is refused and allowed from Tuesday 29
// December.
func TestTransitionStandstillRunsOn(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		sent    contracts.Date
		today   contracts.Date
		allowed bool
	}{
		{"Monday 28 December 2026, the day after a standstill whose day 20 is a Sunday: refused (Aw art. 2.127; Atw art. 1; Hof Den Haag 20-04-2021)",
			contracts.NewDate(2026, 12, 7), contracts.NewDate(2026, 12, 28), false},
		{"Tuesday 29 December 2026, the next working day after it: allowed (Aw art. 2.127; Atw art. 1)",
			contracts.NewDate(2026, 12, 7), contracts.NewDate(2026, 12, 29), true},
		{"Tuesday 28 April 2026, the day after a standstill whose day 20 is King's Day: refused (Atw art. 3 lid 1)",
			contracts.NewDate(2026, 4, 7), contracts.NewDate(2026, 4, 28), false},
		{"Wednesday 29 April 2026: allowed (Atw art. 3 lid 1)",
			contracts.NewDate(2026, 4, 7), contracts.NewDate(2026, 4, 29), true},
		{"a standstill ending on a working day needs no run-on: the next day is allowed (Aw art. 2.127)",
			contracts.NewDate(2026, 12, 1), contracts.NewDate(2026, 12, 22), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			g := Guards{StandstillEnd: StandstillEnd(tt.sent, DefaultTimeLimits()), Today: tt.today}
			err := Transition(TenderAwarded, TenderContracted, g)
			if tt.allowed && err != nil {
				t.Errorf("Transition(awarded, contracted) on %s after a decision sent %s = %v, want nil", tt.today, tt.sent, err)
			}
			if !tt.allowed && (!errors.Is(err, apperr.Conflict) || !strings.Contains(apperr.Detail(err, ""), "runs until "+tt.today.String())) {
				t.Errorf("Transition(awarded, contracted) on %s after a decision sent %s = %v, want a conflict naming the standstill until %s", tt.today, tt.sent, err, tt.today)
			}
		})
	}
}

func TestTransitionUnknownStatus(t *testing.T) {
	t.Parallel()
	for _, pair := range [][2]TenderStatus{{"archived", TenderDraft}, {TenderDraft, "archived"}, {"", ""}} {
		err := Transition(pair[0], pair[1], allGuardsMet)
		if !errors.Is(err, apperr.Invalid) || errors.Is(err, apperr.Conflict) {
			t.Errorf("Transition(%q, %q) = %v, want apperr.Invalid", pair[0], pair[1], err)
		}
	}
}
