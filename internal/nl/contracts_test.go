package nl

import (
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// TestLockInFactor words every factor contracts.LockIn gives, with the
// labels the dependency pages and reports showed.
func TestLockInFactor(t *testing.T) {
	t.Parallel()
	def := contracts.DefaultLockInWeights()
	// Every factor on: no exit plan, no open data, tacit renewal,
	// business-critical without continuity arrangement.
	on := contracts.Contract{RenewalKind: contracts.RenewalTacit, Exit: contracts.ExitFacts{BusinessCritical: true}}
	indefinite := contracts.Contract{RenewalKind: contracts.RenewalIndefinite, NoticeMonths: 3,
		Exit: contracts.ExitFacts{ExitPlan: true, OpenData: true, Continuity: true}}
	tests := []struct {
		name    string
		c       contracts.Contract
		tenure  int
		shareBP int
		want    []string
	}{
		{"every factor on (DESIGN §4; GIBIT art. 26, 21 and 8, 36)", on, 10, 10_000, []string{
			"geen exitplan (GIBIT art. 26)",
			"geen data-export in open standaard (GIBIT art. 21 en 8)",
			"10 jaar bij deze leverancier",
			"leverancier heeft 100 % van de uitgaven",
			"stilzwijgende verlenging",
			"bedrijfskritisch zonder continuïteitsregeling (GIBIT art. 36)",
		}},
		{"3 years, 45 % share", on, 3, 4500, []string{
			"geen exitplan (GIBIT art. 26)",
			"geen data-export in open standaard (GIBIT art. 21 en 8)",
			"3 jaar bij deze leverancier",
			"leverancier heeft 45 % van de uitgaven",
			"stilzwijgende verlenging",
			"bedrijfskritisch zonder continuïteitsregeling (GIBIT art. 36)",
		}},
		{"15 years, 22,5 % share", on, 15, 2250, []string{
			"geen exitplan (GIBIT art. 26)",
			"geen data-export in open standaard (GIBIT art. 21 en 8)",
			"15 jaar bij deze leverancier",
			"leverancier heeft 22,5 % van de uitgaven",
			"stilzwijgende verlenging",
			"bedrijfskritisch zonder continuïteitsregeling (GIBIT art. 36)",
		}},
		{"DESIGN §4: indefinite continuation runs on by itself until notice", indefinite, 0, 0, []string{
			"loopt voor onbepaalde tijd door tot opzegging",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fs := contracts.LockIn(tt.c, tt.tenure, tt.shareBP, def).Factors
			if len(fs) != len(tt.want) {
				t.Fatalf("LockIn gives %d factors %+v, want %d", len(fs), fs, len(tt.want))
			}
			for i, f := range fs {
				if got := LockInFactor(f); got != tt.want[i] {
					t.Errorf("LockInFactor(%+v) = %q, want %q", f, got, tt.want[i])
				}
			}
		})
	}
}
