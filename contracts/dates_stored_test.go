package contracts

import (
	"math/rand/v2"
	"testing"
)

// randomContract returns a valid contract of any renewal kind with terms,
// notice (in months or in days, ending on any day or at a month end),
// options taken, caps and notice given drawn from r.
func randomContract(r *rand.Rand) Contract {
	kinds := []RenewalKind{RenewalNone, RenewalTacit, RenewalExpress, RenewalIndefinite}
	c := Contract{Organization: "GM0363", Number: "C-1", Title: "Telefonie", VendorID: 1, Status: StatusActive,
		Start:             NewDate(2018, 1, 1).AddDays(r.IntN(3650)),
		InitialTermMonths: 1 + r.IntN(60), RenewalKind: kinds[r.IntN(len(kinds))],
		LeadDays: r.IntN(60), NoticeEndsAnyDay: r.IntN(3) == 0}
	if r.IntN(3) == 0 {
		c.NoticeDays = 1 + r.IntN(120)
	} else {
		c.NoticeMonths = r.IntN(13)
	}
	if c.RenewalKind.Periodic() {
		c.RenewalPeriodMonths = 1 + r.IntN(24)
		c.MaxRenewals = r.IntN(5)
		if r.IntN(4) == 0 {
			c.MaxEnd = c.Start.AddDays(365 + r.IntN(3000))
		}
		if c.RenewalKind == RenewalExpress {
			c.RenewalsExercised = r.IntN(3)
		}
	}
	if r.IntN(5) == 0 {
		c.NoticeGivenOn = c.Start.AddDays(r.IntN(2500))
	}
	return c
}

// TestMayMoveBetween: dates stored for one day are still a contract's
// dates on a later day unless MayMoveBetween says they may have moved,
// for contracts of every renewal kind and days from one to a year apart:
// so the rows a list recomputes before the nightly refresh
// (Service.Contracts) are all that can be wrong in the stored copy. The
// rule must also be narrow enough to be worth it: most rows on most days
// keep their dates and are not recomputed.
func TestMayMoveBetween(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	var checked, flagged, moved int
	for range 4000 {
		c := randomContract(r)
		if err := c.Validate(); err != nil {
			continue
		}
		for range 20 {
			asOf := NewDate(2019, 1, 1).AddDays(r.IntN(4000))
			stored := c.Dates(asOf)
			for _, gap := range []int{1, 1 + r.IntN(3), 1 + r.IntN(40), 1 + r.IntN(365)} {
				today := asOf.AddDays(gap)
				now := c.Dates(today)
				checked++
				changed := !storedDatesEqual(stored, now)
				if changed {
					moved++
				}
				if stored.MayMoveBetween(asOf, today) {
					flagged++
					continue
				}
				if changed {
					t.Fatalf("%+v: dates stored for %s = %+v, on %s = %+v; MayMoveBetween said they could not move",
						c, asOf, stored, today, now)
				}
			}
		}
	}
	if moved == 0 || flagged < moved {
		t.Fatalf("%d checks, %d moved, %d flagged: the check found nothing to catch", checked, moved, flagged)
	}
	// Most stored rows keep their dates; the rule flags few more than move.
	if flagged > checked/2 {
		t.Errorf("MayMoveBetween flagged %d of %d checks (%d moved): too wide to spare the list its work", flagged, checked, moved)
	}
	t.Logf("%d checks: %d moved, %d flagged", checked, moved, flagged)
}

// TestMayMoveBetweenCases: worked examples of the rule.
func TestMayMoveBetweenCases(t *testing.T) {
	t.Parallel()
	stored := Dates{CurrentEnd: d(2026, 11, 22), CommittedEnd: d(2027, 11, 22), NoticeDeadline: d(2027, 10, 22), FinalEnd: Date{}}
	tests := []struct {
		name        string
		asOf, today Date
		want        bool
	}{
		{"the current end was the stored day: the renewal takes effect the next", d(2026, 11, 22), d(2026, 11, 23), true},
		{"the current end is today: still running", d(2026, 11, 21), d(2026, 11, 22), false},
		{"the current end had passed before the stored day: already accounted for", d(2026, 11, 23), d(2026, 12, 1), false},
		{"the same day", d(2026, 11, 22), d(2026, 11, 22), false},
		{"the notice deadline passed in between", d(2027, 10, 1), d(2027, 10, 23), true},
	}
	for _, tt := range tests {
		if got := stored.MayMoveBetween(tt.asOf, tt.today); got != tt.want {
			t.Errorf("%s: MayMoveBetween(%s, %s) = %v, want %v", tt.name, tt.asOf, tt.today, got, tt.want)
		}
	}
}
