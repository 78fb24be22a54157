package contracts

import (
	"reflect"
	"testing"
)

// TestLockInTerms: the lock-in of a contract rebuilt from its
// lockInTerms, as the dependency pass keeps a contract in force, is the
// lock-in of the whole contract, for contracts with every field set. A
// LockIn that reads another field of the contract fails here until
// lockInTerms carries it.
func TestLockInTerms(t *testing.T) {
	t.Parallel()
	full := Contract{ID: 7, Organization: "GM0363", Number: "2024-017", Title: "Zaaksysteem", VendorID: 4, CategoryID: 3, CPV: "48000000-8",
		Start: NewDate(2019, 3, 1), InitialTermMonths: 48, RenewalKind: RenewalTacit, RenewalPeriodMonths: 12, MaxRenewals: 3,
		MaxEnd: NewDate(2027, 2, 28), RenewalsExercised: 1, NoticeMonths: 3, NoticeDays: 0, NoticeEndsAnyDay: true, LeadDays: 30,
		AnnualValue: 120_000_00, Status: StatusActive, Notes: "notities",
		Exit: ExitFacts{ExitPlan: true, OpenData: true, Continuity: true, SourceRights: true, BusinessCritical: true, Interfaces: 4}}
	variants := map[string]func(c *Contract){
		"as is":                       func(*Contract) {},
		"no exit plan":                func(c *Contract) { c.Exit.ExitPlan = false },
		"no open data":                func(c *Contract) { c.Exit.OpenData = false },
		"critical without continuity": func(c *Contract) { c.Exit.Continuity = false },
		"notice given":                func(c *Contract) { c.NoticeGivenOn = NewDate(2026, 1, 5) },
		"indefinite":                  func(c *Contract) { c.RenewalKind, c.RenewalPeriodMonths, c.MaxRenewals = RenewalIndefinite, 0, 0 },
		"express":                     func(c *Contract) { c.RenewalKind = RenewalExpress },
		"no renewal":                  func(c *Contract) { c.RenewalKind = RenewalNone },
		"draft":                       func(c *Contract) { c.Status = StatusDraft },
	}
	for name, change := range variants {
		c := full
		change(&c)
		for _, in := range []struct{ tenure, share int }{{0, 0}, {6, 6750}, {12, 10_000}} {
			got := LockIn(lockInTermsOf(c).contract(), in.tenure, in.share, DefaultLockInWeights())
			want := LockIn(c, in.tenure, in.share, DefaultLockInWeights())
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %d years, %d bp: from the terms %+v, from the contract %+v", name, in.tenure, in.share, got, want)
			}
		}
	}
}

// TestSoonestAlerts: the kept alerts are the n soonest of all added, in
// whatever order they came, and the rest are counted.
func TestSoonestAlerts(t *testing.T) {
	t.Parallel()
	var all []Alert
	for i := range 50 {
		all = append(all, Alert{Kind: AlertNotice, Date: NewDate(2027, 1, 1).AddDays(i % 20), Contract: AlertContract{ID: int64(i)}})
	}
	for _, order := range []string{"forward", "backward"} {
		s := soonestAlerts{n: 7}
		for i := range all {
			if order == "backward" {
				i = len(all) - 1 - i
			}
			s.add(all[i])
		}
		s.trim()
		want := []int64{0, 20, 40, 1, 21, 41, 2}
		var got []int64
		for _, a := range s.alerts {
			got = append(got, a.Contract.ID)
		}
		if !reflect.DeepEqual(got, want) || s.more != 43 {
			t.Errorf("%s: kept %v and %d more, want %v and 43 more", order, got, s.more, want)
		}
	}
}

// TestLockInScore: lockInScore, which the dependency views score every
// contract in force with, is LockIn's score for every combination of
// the terms it reads, tenures and shares around the rounding and the
// caps, under the default weights, weights that round at other points
// and weights that clamp.
func TestLockInScore(t *testing.T) {
	t.Parallel()
	weights := []LockInWeights{DefaultLockInWeights(),
		{NoExitPlan: 15, NoOpenData: 25, Tenure: 15, VendorShare: 33, TacitRenewal: 7, CriticalWithoutContinuity: 5},
		{NoExitPlan: 0, NoOpenData: 0, Tenure: 4, VendorShare: 96, TacitRenewal: 0, CriticalWithoutContinuity: 0},
		{NoExitPlan: 60, NoOpenData: 60, Tenure: 60, VendorShare: 60, TacitRenewal: 60, CriticalWithoutContinuity: 60}}
	n := 0
	for _, w := range weights {
		for flags := range 1 << 5 {
			for _, kind := range []RenewalKind{RenewalNone, RenewalTacit, RenewalExpress, RenewalIndefinite} {
				c := Contract{RenewalKind: kind, Exit: ExitFacts{ExitPlan: flags&1 != 0, OpenData: flags&2 != 0, Continuity: flags&4 != 0,
					BusinessCritical: flags&8 != 0}}
				if flags&16 != 0 {
					c.NoticeGivenOn = NewDate(2026, 1, 5)
				}
				for _, tenure := range []int{-1, 0, 1, 2, 3, 7, 9, 10, 11, 30} {
					for _, share := range []int{-5, 0, 1, 249, 250, 251, 2499, 2500, 5000, 7499, 9999, 10_000, 12_000} {
						n++
						if got, want := lockInScore(c, tenure, share, w), LockIn(c, tenure, share, w).Score; got != want {
							t.Fatalf("%+v, %d years, %d bp, weights %+v: lockInScore %d, LockIn %d", c, tenure, share, w, got, want)
						}
					}
				}
			}
		}
	}
	t.Logf("%d combinations", n)
}
