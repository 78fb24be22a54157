package contracts

import (
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// tenureCapYears is the tenure after which the tenure factor is full: at
// the default 2 points a year with a maximum of 20 (DESIGN §4), ten years.
const tenureCapYears = 10

// DefaultLockInWeights returns the weights of DESIGN §4: no exit plan 20,
// no open data access or export 20, tenure 20 (2 a year), vendor share
// 20, tacit renewal 10, business-critical without continuity arrangement
// 10. They are a product choice, not law; organizations may configure
// their own.
func DefaultLockInWeights() LockInWeights {
	return LockInWeights{
		NoExitPlan:                20,
		NoOpenData:                20,
		Tenure:                    20,
		VendorShare:               20,
		TacitRenewal:              10,
		CriticalWithoutContinuity: 10,
	}
}

// Validate returns every problem with w as apperr.FieldErrors (field
// "lockInWeights"), or nil: each weight must be 0–100 and together they
// must be exactly 100, so that a score reads as a percentage.
func (w LockInWeights) Validate() error {
	var fe apperr.FieldErrors
	for _, f := range []struct {
		name   string
		weight int
	}{
		{"noExitPlan", w.NoExitPlan}, {"noOpenData", w.NoOpenData}, {"tenure", w.Tenure},
		{"vendorShare", w.VendorShare}, {"tacitRenewal", w.TacitRenewal},
		{"criticalWithoutContinuity", w.CriticalWithoutContinuity},
	} {
		if f.weight < 0 || f.weight > 100 {
			fe.Add("lockInWeights", apperr.LockInWeight, f.name, f.weight)
		}
	}
	if sum := w.sum(); sum != 100 {
		fe.Add("lockInWeights", apperr.LockInSum, sum)
	}
	return fe.Err()
}

func (w LockInWeights) sum() int {
	return w.NoExitPlan + w.NoOpenData + w.Tenure + w.VendorShare + w.TacitRenewal + w.CriticalWithoutContinuity
}

// LockIn returns contract c's lock-in score, 0–100 (DESIGN §4), with the
// factors that made it. tenureYears is the number of full years the
// organization has had this vendor (group) for this function; vendorShareBP
// is the vendor group's share of the organization's spend in basis points
// (Concentration.Shares). The factors, in this order:
//   - noExitPlan: no exit plan agreed (GIBIT art. 26), w.NoExitPlan;
//   - noOpenData: no data access and export in an open standard (GIBIT
//     art. 21 and 8), w.NoOpenData;
//   - tenure: w.Tenure × years / 10, rounded half away from zero, full after
//     10 years (2 points a year at the default 20). Scaling the whole, not
//     rounding a per-year rate, keeps "full after 10 years" for any weight:
//     a rounded rate would give a weight of 4 no points at all and reach a
//     weight of 15 after 8 years;
//   - vendorShare: w.VendorShare × share, rounded half away from zero;
//   - tacitRenewal: the contract renews by itself and no notice has been
//     recorded (after notice the clause no longer binds), w.TacitRenewal.
//     Indefinite continuation counts the same: after its initial term it
//     runs on by itself until someone gives notice, so staying with the
//     vendor needs no decision, just as with tacit renewal (DESIGN §4);
//     its label says which of the two it is;
//   - criticalWithoutContinuity: business-critical without a continuity or
//     escrow arrangement (GIBIT art. 36), w.CriticalWithoutContinuity.
//
// Factors that add no points are left out; the score is their sum,
// clamped to 0–100. Each factor carries the value behind it (the years,
// the share, the renewal) for internal/nl to word it on the pages: "geen
// exitplan (GIBIT art. 26)", shown as "geen exitplan (GIBIT art. 26): +20".
func LockIn(c Contract, tenureYears int, vendorShareBP int, w LockInWeights) LockInScore {
	var s LockInScore
	add := func(f LockInFactor) {
		if f.Points > 0 {
			s.Factors = append(s.Factors, f)
			s.Score += f.Points
		}
	}
	if !c.Exit.ExitPlan {
		add(LockInFactor{Key: "noExitPlan", Points: w.NoExitPlan})
	}
	if !c.Exit.OpenData {
		add(LockInFactor{Key: "noOpenData", Points: w.NoOpenData})
	}
	years := max(tenureYears, 0)
	add(LockInFactor{Key: "tenure", Years: years,
		Points: int(mulDivRound(int64(w.Tenure), int64(min(years, tenureCapYears)), 1, tenureCapYears))})
	share := min(max(vendorShareBP, 0), 10_000)
	add(LockInFactor{Key: "vendorShare", BasisPoints: share,
		Points: int(mulDivRound(int64(w.VendorShare), int64(share), 1, 10_000))})
	switch {
	case !c.NoticeGivenOn.IsZero():
	case c.RenewalKind == RenewalTacit, c.RenewalKind == RenewalIndefinite:
		add(LockInFactor{Key: "tacitRenewal", Renewal: c.RenewalKind, Points: w.TacitRenewal})
	}
	if c.Exit.BusinessCritical && !c.Exit.Continuity {
		add(LockInFactor{Key: "criticalWithoutContinuity", Points: w.CriticalWithoutContinuity})
	}
	s.Score = min(max(s.Score, 0), 100)
	return s
}

// lockInScore is LockIn(c, tenureYears, vendorShareBP, w).Score without
// the factors: the dependency views score every contract in force and
// word only the few they list. TestLockInScore holds the two together.
func lockInScore(c Contract, tenureYears int, vendorShareBP int, w LockInWeights) int {
	score := 0
	add := func(points int) {
		if points > 0 {
			score += points
		}
	}
	if !c.Exit.ExitPlan {
		add(w.NoExitPlan)
	}
	if !c.Exit.OpenData {
		add(w.NoOpenData)
	}
	add(int(mulDivRound(int64(w.Tenure), int64(min(max(tenureYears, 0), tenureCapYears)), 1, tenureCapYears)))
	add(int(mulDivRound(int64(w.VendorShare), int64(min(max(vendorShareBP, 0), 10_000)), 1, 10_000)))
	if c.NoticeGivenOn.IsZero() && (c.RenewalKind == RenewalTacit || c.RenewalKind == RenewalIndefinite) {
		add(w.TacitRenewal)
	}
	if c.Exit.BusinessCritical && !c.Exit.Continuity {
		add(w.CriticalWithoutContinuity)
	}
	return min(max(score, 0), 100)
}
