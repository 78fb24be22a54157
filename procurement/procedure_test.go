package procurement

import (
	"errors"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

func TestDetermineProcedure(t *testing.T) {
	t.Parallel()
	own := PolicyBands{SingleSourceBelow: 30_000 * euro, MultiplePrivateBelow: 150_000 * euro}
	tests := []struct {
		name            string
		total           contracts.Money
		threshold       contracts.Money
		bands           PolicyBands
		want            Procedure
		wantEuropean    bool
		wantReason      string
		wantAssumptions bool
	}{
		{"equal to the threshold: European open procedure (Aw 2012 art. 2.26)", 216_000 * euro, 216_000 * euro, DefaultPolicyBands(),
			ProcedureOpen, true, "geraamde waarde € 216.000,00 ≥ drempel € 216.000,00 (Gedelegeerde Verordening (EU) 2025/2152): Europese openbare procedure (Aw 2012 art. 2.26)", false},
		{"above the 2024–2025 threshold: European (Aw 2012 art. 2.26)", 123_456_700, 221_000 * euro, DefaultPolicyBands(),
			ProcedureOpen, true, "geraamde waarde € 1.234.567,00 ≥ drempel € 221.000,00 (Gedelegeerde Verordening (EU) 2023/2495)", false},
		{"one cent below the threshold: policy bands, multiple-private (Aw 2012 art. 1.4)", 216_000*euro - 1, 216_000 * euro, DefaultPolicyBands(),
			ProcedureMultiplePrivate, false, "< drempel € 216.000,00", true},
		{"€50,000 exactly: multiple-private, assumed default band (Aw 2012 art. 1.4)", 50_000 * euro, 216_000 * euro, DefaultPolicyBands(),
			ProcedureMultiplePrivate, false, "meervoudig onderhandse procedure", true},
		{"below €50,000: single-source, assumed default band (Aw 2012 art. 1.4)", 49_999 * euro, 216_000 * euro, DefaultPolicyBands(),
			ProcedureSingleSource, false, "enkelvoudig onderhandse procedure", true},
		{"organization's own bands, above its private band: national open procedure (Aw 2012 art. 1.4)", 180_000 * euro, 216_000 * euro, own,
			ProcedureOpen, false, "nationale openbare procedure", false},
		{"configured threshold is named as such (Aw 2012 art. 2.26)", 300_000 * euro, 250_000 * euro, own,
			ProcedureOpen, true, "(drempel uit de configuratie)", false},
		{"social services threshold cites the directive (Richtlijn 2014/24/EU art. 4(d))", 750_000 * euro, 750_000 * euro, own,
			ProcedureOpen, true, "(Richtlijn 2014/24/EU art. 4(d))", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := DetermineProcedure(tt.total, tt.threshold, tt.bands)
			if got.Procedure != tt.want || got.European != tt.wantEuropean {
				t.Errorf("DetermineProcedure(%d, %d) = %s European %v, want %s European %v", tt.total, tt.threshold, got.Procedure, got.European, tt.want, tt.wantEuropean)
			}
			if !strings.Contains(strings.Join(got.Reasons, "\n"), tt.wantReason) {
				t.Errorf("DetermineProcedure(%d, %d) reasons = %q, want %q", tt.total, tt.threshold, got.Reasons, tt.wantReason)
			}
			if (len(got.Assumptions) > 0) != tt.wantAssumptions {
				t.Errorf("DetermineProcedure(%d, %d) assumptions = %q, want present %v", tt.total, tt.threshold, got.Assumptions, tt.wantAssumptions)
			}
		})
	}
}

func TestDetermineProcedureWithThresholdTable(t *testing.T) {
	t.Parallel()
	total := 218_000 * euro
	tests := []struct {
		name         string
		pub          contracts.Date
		wantEuropean bool
	}{
		{"€218,000 published 2025-12-31: below €221,000 (Gedelegeerde Verordening (EU) 2023/2495)", contracts.NewDate(2025, 12, 31), false},
		{"€218,000 published 2026-01-01: at or above €216,000 (Gedelegeerde Verordening (EU) 2025/2152)", contracts.NewDate(2026, 1, 1), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			th, err := ThresholdFor(DefaultThresholds(), KindServices, tt.pub)
			if err != nil {
				t.Fatal(err)
			}
			if got := DetermineProcedure(total, th, DefaultPolicyBands()); got.European != tt.wantEuropean {
				t.Errorf("DetermineProcedure(%d, %d).European = %v, want %v", total, th, got.European, tt.wantEuropean)
			}
		})
	}
}

func TestOverride(t *testing.T) {
	t.Parallel()
	european := DetermineProcedure(500_000*euro, 216_000*euro, DefaultPolicyBands())
	national := DetermineProcedure(60_000*euro, 216_000*euro, DefaultPolicyBands())
	tests := []struct {
		name          string
		d             Determination
		p             Procedure
		justification string
		wantFields    []string
	}{
		{"restricted instead of open with justification (Aw 2012 art. 2.26)", european, ProcedureRestricted, "Veel verwachte inschrijvers; selectie op geschiktheid.", nil},
		{"open instead of multiple-private with justification (Aw 2012 art. 1.4)", national, ProcedureOpen, "Marktverkenning toont veel aanbieders.", nil},
		{"override without justification refused (Aw 2012 art. 1.4)", european, ProcedureRestricted, "  ", []string{"justification"}},
		{"private procedure at or above the threshold refused (Aw 2012 art. 2.26)", european, ProcedureSingleSource, "spoed", []string{"procedure"}},
		{"unknown procedure and no justification both listed (Aw 2012 art. 1.4)", national, Procedure("auction"), "", []string{"procedure", "justification"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Override(tt.d, tt.p, tt.justification)
			if len(tt.wantFields) > 0 {
				fe := apperr.Fields(err)
				if !errors.Is(err, apperr.Invalid) || len(fe) != len(tt.wantFields) {
					t.Fatalf("Override(%s, %q) error = %v, want fields %v", tt.p, tt.justification, err, tt.wantFields)
				}
				for i, f := range tt.wantFields {
					if fe[i].Field != f {
						t.Errorf("Override(%s, %q) field %d = %q, want %q", tt.p, tt.justification, i, fe[i].Field, f)
					}
				}
				if got.Procedure != tt.d.Procedure || len(got.Reasons) != len(tt.d.Reasons) {
					t.Errorf("Override(%s, %q) changed the determination on error: %+v", tt.p, tt.justification, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Override(%s, %q) error = %v", tt.p, tt.justification, err)
			}
			last := got.Reasons[len(got.Reasons)-1]
			if got.Procedure != tt.p || got.European != tt.d.European || !strings.Contains(last, tt.justification) {
				t.Errorf("Override(%s, %q) = %+v, want procedure set and the justification recorded", tt.p, tt.justification, got)
			}
			if len(tt.d.Reasons)+1 != len(got.Reasons) {
				t.Errorf("Override(%s, %q) reasons = %d, want %d (original kept)", tt.p, tt.justification, len(got.Reasons), len(tt.d.Reasons)+1)
			}
		})
	}
}
