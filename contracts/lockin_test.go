package contracts

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

func TestLockIn(t *testing.T) {
	t.Parallel()
	def := DefaultLockInWeights()
	custom := LockInWeights{NoExitPlan: 30, NoOpenData: 30, Tenure: 15, VendorShare: 15, TacitRenewal: 5, CriticalWithoutContinuity: 5}

	// Every factor on: no exit plan, no open data, tacit renewal,
	// business-critical without continuity arrangement.
	on := Contract{RenewalKind: RenewalTacit, Exit: ExitFacts{BusinessCritical: true}}
	// Every factor off.
	off := Contract{RenewalKind: RenewalNone, Exit: ExitFacts{ExitPlan: true, OpenData: true, Continuity: true, BusinessCritical: true}}
	only := func(change func(*Contract)) Contract {
		c := off
		change(&c)
		return c
	}
	noticeGiven := on
	noticeGiven.NoticeGivenOn = d(2025, 9, 15)

	tests := []struct {
		name        string
		c           Contract
		tenure      int
		shareBP     int
		w           LockInWeights
		wantScore   int
		wantFactors []LockInFactor
	}{
		{"every factor on, default weights (DESIGN §4): 100", on, 10, 10_000, def, 100, []LockInFactor{
			{Key: "noExitPlan", Points: 20},
			{Key: "noOpenData", Points: 20},
			{Key: "tenure", Years: 10, Points: 20},
			{Key: "vendorShare", BasisPoints: 10000, Points: 20},
			{Key: "tacitRenewal", Renewal: RenewalTacit, Points: 10},
			{Key: "criticalWithoutContinuity", Points: 10},
		}},
		{"every factor off: 0 and no factors", off, 0, 0, def, 0, nil},
		{"only no exit plan (GIBIT art. 26): 20", only(func(c *Contract) { c.Exit.ExitPlan = false }), 0, 0, def, 20,
			[]LockInFactor{{Key: "noExitPlan", Points: 20}}},
		{"only no open data export (GIBIT art. 21 and 8): 20", only(func(c *Contract) { c.Exit.OpenData = false }), 0, 0, def, 20,
			[]LockInFactor{{Key: "noOpenData", Points: 20}}},
		{"only tenure, 3 years at 2 a year (DESIGN §4): 6", off, 3, 0, def, 6,
			[]LockInFactor{{Key: "tenure", Years: 3, Points: 6}}},
		{"only tenure, 15 years: capped at 20 (DESIGN §4)", off, 15, 0, def, 20,
			[]LockInFactor{{Key: "tenure", Years: 15, Points: 20}}},
		{"negative tenure counts as none", off, -2, 0, def, 0, nil},
		{"only vendor share, 45 %: 9", off, 0, 4500, def, 9,
			[]LockInFactor{{Key: "vendorShare", BasisPoints: 4500, Points: 9}}},
		{"vendor share 22,5 %: 4.5 rounds half away from zero to 5", off, 0, 2250, def, 5,
			[]LockInFactor{{Key: "vendorShare", BasisPoints: 2250, Points: 5}}},
		{"vendor share 2 %: 0.4 rounds to nothing, no factor", off, 0, 200, def, 0, nil},
		{"vendor share above 100 % is clamped", off, 0, 12_000, def, 20,
			[]LockInFactor{{Key: "vendorShare", BasisPoints: 10000, Points: 20}}},
		{"only tacit renewal: 10", only(func(c *Contract) { c.RenewalKind = RenewalTacit }), 0, 0, def, 10,
			[]LockInFactor{{Key: "tacitRenewal", Renewal: RenewalTacit, Points: 10}}},
		{"tacit renewal with notice given no longer binds", noticeGiven, 0, 0, def, 50, []LockInFactor{
			{Key: "noExitPlan", Points: 20},
			{Key: "noOpenData", Points: 20},
			{Key: "criticalWithoutContinuity", Points: 10},
		}},
		{"indefinite continuation weighs as tacit renewal: it runs on by itself until notice is given, no decision needed to stay (DESIGN §4): 10",
			only(func(c *Contract) { c.RenewalKind, c.NoticeMonths = RenewalIndefinite, 3 }), 0, 0, def, 10,
			[]LockInFactor{{Key: "tacitRenewal", Renewal: RenewalIndefinite, Points: 10}}},
		{"indefinite continuation with notice given no longer binds", only(func(c *Contract) {
			c.RenewalKind, c.NoticeMonths, c.NoticeGivenOn = RenewalIndefinite, 3, d(2025, 9, 15)
		}), 0, 0, def, 0, nil},
		{"express renewal is no lock-in factor", only(func(c *Contract) { c.RenewalKind = RenewalExpress }), 0, 0, def, 0, nil},
		{"only business-critical without continuity (GIBIT art. 36): 10", only(func(c *Contract) { c.Exit.Continuity = false }), 0, 0, def, 10,
			[]LockInFactor{{Key: "criticalWithoutContinuity", Points: 10}}},
		{"not business-critical: no continuity needed", only(func(c *Contract) { c.Exit.Continuity, c.Exit.BusinessCritical = false, false }), 0, 0, def, 0, nil},
		{"custom weights, every factor on: 100", on, 12, 10_000, custom, 100, []LockInFactor{
			{Key: "noExitPlan", Points: 30},
			{Key: "noOpenData", Points: 30},
			{Key: "tenure", Years: 12, Points: 15},
			{Key: "vendorShare", BasisPoints: 10000, Points: 15},
			{Key: "tacitRenewal", Renewal: RenewalTacit, Points: 5},
			{Key: "criticalWithoutContinuity", Points: 5},
		}},
		{"custom tenure weight 15: 3 years is 4.5, rounded to 5", off, 3, 0, custom, 5,
			[]LockInFactor{{Key: "tenure", Years: 3, Points: 5}}},
		{"custom tenure weight 15: still short of the cap after 9 years (13.5 → 14)", off, 9, 0, custom, 14,
			[]LockInFactor{{Key: "tenure", Years: 9, Points: 14}}},
		{"tenure weight 4: 2 years give 0.8 → 1, where a rounded rate of 0 a year would give nothing", off, 2, 0,
			LockInWeights{NoExitPlan: 40, NoOpenData: 40, Tenure: 4, VendorShare: 6, TacitRenewal: 5, CriticalWithoutContinuity: 5}, 1,
			[]LockInFactor{{Key: "tenure", Years: 2, Points: 1}}},
		{"weights summing over 100 (invalid) still clamp the score to 100", on, 10, 10_000,
			LockInWeights{NoExitPlan: 50, NoOpenData: 50, Tenure: 50}, 100, []LockInFactor{
				{Key: "noExitPlan", Points: 50},
				{Key: "noOpenData", Points: 50},
				{Key: "tenure", Years: 10, Points: 50},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := LockIn(tt.c, tt.tenure, tt.shareBP, tt.w)
			if got.Score != tt.wantScore || !slices.Equal(got.Factors, tt.wantFactors) {
				t.Errorf("LockIn(tenure %d, share %d, %+v)\n got  %+v\n want %d %+v", tt.tenure, tt.shareBP, tt.w, got, tt.wantScore, tt.wantFactors)
			}
		})
	}
}

func TestLockInWeightsValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		w    LockInWeights
		want []string // substrings of the messages, in order; nil: valid
	}{
		{"the defaults of DESIGN §4 are valid", DefaultLockInWeights(), nil},
		{"other weights summing to 100 are valid", LockInWeights{NoExitPlan: 100}, nil},
		{"a sum of 90", LockInWeights{20, 20, 20, 20, 10, 0}, []string{"must sum to 100, got 90"}},
		{"a negative weight and a weight over 100", LockInWeights{-10, 110, 0, 0, 0, 0},
			[]string{"noExitPlan must be 0–100, got -10", "noOpenData must be 0–100, got 110"}},
		{"all zero", LockInWeights{}, []string{"must sum to 100, got 0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.w.Validate()
			if tt.want == nil {
				if err != nil {
					t.Errorf("Validate(%+v) = %v, want nil", tt.w, err)
				}
				return
			}
			if !errors.Is(err, apperr.Invalid) {
				t.Fatalf("Validate(%+v) = %v, want apperr.Invalid", tt.w, err)
			}
			fe := apperr.Fields(err)
			if len(fe) != len(tt.want) {
				t.Fatalf("Validate(%+v) = %v, want %d problems", tt.w, err, len(tt.want))
			}
			for i, f := range fe {
				if f.Field != "lockInWeights" || !strings.Contains(f.Message(), tt.want[i]) {
					t.Errorf("Validate(%+v)[%d] = %s: %s, want lockInWeights: …%s…", tt.w, i, f.Field, f.Message(), tt.want[i])
				}
			}
		})
	}
}
