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
	own.WorksSingleSourceBelow, own.WorksMultiplePrivateBelow, own.WorksAssumption = DefaultWorksBands()
	ownWorks := DefaultPolicyBands()
	ownWorks.WorksSingleSourceBelow, ownWorks.WorksMultiplePrivateBelow, ownWorks.WorksAssumption = 100_000*euro, 0, false
	tests := []struct {
		name            string
		kind            ContractKind
		total           contracts.Money
		threshold       contracts.Money
		bands           PolicyBands
		want            Procedure
		wantEuropean    bool
		wantReason      string
		wantAssumptions bool
	}{
		{"equal to the threshold: European open procedure (Aw 2012 art. 2.26)", KindServices, 216_000 * euro, 216_000 * euro, DefaultPolicyBands(),
			ProcedureOpen, true, "geraamde waarde € 216.000,00 ≥ drempel € 216.000,00 (Gedelegeerde Verordening (EU) 2025/2152): Europese openbare procedure (Aw 2012 art. 2.26)", false},
		{"above the 2024–2025 threshold: European (Aw 2012 art. 2.26)", KindSupplies, 123_456_700, 221_000 * euro, DefaultPolicyBands(),
			ProcedureOpen, true, "geraamde waarde € 1.234.567,00 ≥ drempel € 221.000,00 (Gedelegeerde Verordening (EU) 2023/2495)", false},
		{"one cent below the threshold: policy bands, multiple-private (Aw 2012 art. 1.4)", KindServices, 216_000*euro - 1, 216_000 * euro, DefaultPolicyBands(),
			ProcedureMultiplePrivate, false, "< drempel € 216.000,00", true},
		{"€50,000 exactly: multiple-private, assumed default band (Aw 2012 art. 1.4)", KindServices, 50_000 * euro, 216_000 * euro, DefaultPolicyBands(),
			ProcedureMultiplePrivate, false, "meervoudig onderhandse procedure (standaardgrenzen leveringen en diensten naar de orde van grootte van de Gids Proportionaliteit, aanname)", true},
		{"below €50,000: single-source, assumed default band (Aw 2012 art. 1.4)", KindSupplies, 49_999 * euro, 216_000 * euro, DefaultPolicyBands(),
			ProcedureSingleSource, false, "enkelvoudig onderhandse procedure", true},
		{"organization's own bands, above its private band: national open procedure (Aw 2012 art. 1.4)", KindServices, 180_000 * euro, 216_000 * euro, own,
			ProcedureOpen, false, "nationale openbare procedure (inkoopbeleid, leveringen en diensten)", false},
		{"configured threshold is named as such (Aw 2012 art. 2.26)", KindServices, 300_000 * euro, 250_000 * euro, own,
			ProcedureOpen, true, "(drempel uit de configuratie)", false},
		{"€5.5 M works below the 2024–2025 threshold: national open procedure (works band, Gids Proportionaliteit)", KindWorks, 5_500_000 * euro, 5_538_000 * euro, DefaultPolicyBands(),
			ProcedureOpen, false, "geraamde waarde van € 1.500.000,00 tot de drempel: nationale openbare procedure (standaardgrenzen werken", true},
		{"€5.5 M works above the 2026–2027 threshold: European open procedure (Aw 2012 art. 2.26)", KindWorks, 5_500_000 * euro, 5_404_000 * euro, DefaultPolicyBands(),
			ProcedureOpen, true, "Europese openbare procedure (Aw 2012 art. 2.26)", false},
		{"works €1,499,999.99: multiple-private (works band, Gids Proportionaliteit)", KindWorks, 1_500_000*euro - 1, 5_404_000 * euro, DefaultPolicyBands(),
			ProcedureMultiplePrivate, false, "geraamde waarde van € 150.000,00 tot € 1.500.000,00: meervoudig onderhandse procedure", true},
		{"works €149,999: single-source (works band, Gids Proportionaliteit)", KindWorks, 149_999 * euro, 5_404_000 * euro, DefaultPolicyBands(),
			ProcedureSingleSource, false, "geraamde waarde < € 150.000,00: enkelvoudig onderhandse procedure", true},
		{"works €100,000 with supplies bands set but default works bands: works band is still an assumption (DESIGN §4)", KindWorks, 100_000 * euro, 5_404_000 * euro, own,
			ProcedureSingleSource, false, "standaardgrenzen werken", true},
		{"works €200,000 under the organization's own works bands: multiple-private up to the threshold (Aw 2012 art. 1.4)", KindWorks, 200_000 * euro, 5_404_000 * euro, ownWorks,
			ProcedureMultiplePrivate, false, "meervoudig onderhandse procedure (inkoopbeleid, werken)", false},
		{"services €60,000 are not in the works bands: multiple-private (supplies/services band)", KindServices, 60_000 * euro, 216_000 * euro, DefaultPolicyBands(),
			ProcedureMultiplePrivate, false, "leveringen en diensten", true},
		{"social services €800,000: light regime (Aw 2012 art. 2.38)", KindSocial, 800_000 * euro, 750_000 * euro, DefaultPolicyBands(),
			ProcedureLight, true, "verlicht regime (Aw 2012 art. 2.38), geen Europese openbare procedure", false},
		{"social services at exactly €750,000: light regime with notice or PIN and award notice (Aw 2012 art. 2.39)", KindSocial, 750_000 * euro, 750_000 * euro, own,
			ProcedureLight, true, "aankondiging van de opdracht of vooraankondiging, en na gunning een aankondiging van de gegunde opdracht (Aw 2012 art. 2.39)", false},
		{"social services threshold cites the directive (Richtlijn 2014/24/EU art. 4(d))", KindSocial, 750_000 * euro, 750_000 * euro, own,
			ProcedureLight, true, "(Richtlijn 2014/24/EU art. 4(d))", false},
		{"social services €700,000: below €750,000, the supplies/services bands decide (Aw 2012 art. 1.4)", KindSocial, 700_000 * euro, 750_000 * euro, DefaultPolicyBands(),
			ProcedureMultiplePrivate, false, "< drempel € 750.000,00", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := DetermineProcedure(tt.kind, tt.total, tt.threshold, tt.bands)
			if got.Procedure != tt.want || got.European != tt.wantEuropean || got.State != Determined {
				t.Errorf("DetermineProcedure(%s, %d, %d) = %s European %v state %s, want %s European %v determined", tt.kind, tt.total, tt.threshold, got.Procedure, got.European, got.State, tt.want, tt.wantEuropean)
			}
			if !strings.Contains(strings.Join(got.Reasons, "\n"), tt.wantReason) {
				t.Errorf("DetermineProcedure(%s, %d, %d) reasons = %q, want %q", tt.kind, tt.total, tt.threshold, got.Reasons, tt.wantReason)
			}
			if (len(got.Assumptions) > 0) != tt.wantAssumptions {
				t.Errorf("DetermineProcedure(%s, %d, %d) assumptions = %q, want present %v", tt.kind, tt.total, tt.threshold, got.Assumptions, tt.wantAssumptions)
			}
			if tt.want == ProcedureLight && strings.Contains(strings.Join(got.Reasons, "\n"), "Europese openbare procedure (Aw 2012 art. 2.26)") {
				t.Errorf("DetermineProcedure(%s, %d, %d) reasons = %q, the light regime is never the open procedure of art. 2.26", tt.kind, tt.total, tt.threshold, got.Reasons)
			}
		})
	}
}

func TestDetermine(t *testing.T) {
	t.Parallel()
	th := 216_000 * euro
	partial := Estimate{Total: 100_000 * euro}
	big := Estimate{Total: 300_000 * euro}
	missing := []MissingValue{{Lot: "Mobiel"}, {Lot: "Vast", Participant: "Gemeente Utrecht"}, {Participant: "Gemeente Ede"}}
	tests := []struct {
		name        string
		kind        ContractKind
		e           Estimate
		missing     []MissingValue
		wantState   DeterminationState
		want        Procedure
		wantReasons []string
	}{
		{"no estimate: no procedure, names the missing values (DESIGN §4: an unknown estimate is not €0)", KindServices, Estimate{}, missing,
			MissingInput, "", []string{"geen procedure bepaald: de raming mist 3 waarden", "perceel Mobiel: nog geen deelnemer met een waarde",
				"Gemeente Utrecht: perceel Vast zonder jaarwaarde", "Gemeente Ede: nog geen volume of waarde in een perceel", "telt niet als € 0"}},
		{"no lots: no procedure (DESIGN §4)", KindServices, Estimate{}, []MissingValue{{}},
			MissingInput, "", []string{"de raming mist 1 waarde (de aanbesteding heeft nog geen percelen)"}},
		{"partial estimate below the threshold: no single-source from a partial sum (DESIGN §4)", KindServices, partial, missing,
			MissingInput, "", []string{"de bekende waarden samen (€ 100.000,00) blijven onder de drempel € 216.000,00"}},
		{"partial estimate already at the threshold: European, missing values can only add (Aw 2012 art. 2.26)", KindServices, big, missing,
			Determined, ProcedureOpen, []string{"Europese openbare procedure", "ontbrekende waarden kunnen de raming alleen verhogen"}},
		{"complete estimate: determined as usual (Aw 2012 art. 1.4)", KindServices, partial, nil,
			Determined, ProcedureMultiplePrivate, []string{"meervoudig onderhandse procedure"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Determine(tt.kind, tt.e, tt.missing, th, DefaultPolicyBands())
			if got.State != tt.wantState || got.Procedure != tt.want {
				t.Errorf("Determine(%d, %v) = %s %q, want %s %q", tt.e.Total, tt.missing, got.State, got.Procedure, tt.wantState, tt.want)
			}
			if len(got.Missing) != len(tt.missing) {
				t.Errorf("Determine(%d, %v).Missing = %q, want %d", tt.e.Total, tt.missing, got.Missing, len(tt.missing))
			}
			reasons := strings.Join(got.Reasons, "\n")
			for _, w := range tt.wantReasons {
				if !strings.Contains(reasons, w) {
					t.Errorf("Determine(%d, %v).Reasons = %q, want %q", tt.e.Total, tt.missing, got.Reasons, w)
				}
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
			if got := DetermineProcedure(KindServices, total, th, DefaultPolicyBands()); got.European != tt.wantEuropean {
				t.Errorf("DetermineProcedure(%d, %d).European = %v, want %v", total, th, got.European, tt.wantEuropean)
			}
		})
	}
}

func TestOverride(t *testing.T) {
	t.Parallel()
	european := DetermineProcedure(KindServices, 500_000*euro, 216_000*euro, DefaultPolicyBands())
	national := DetermineProcedure(KindServices, 60_000*euro, 216_000*euro, DefaultPolicyBands())
	light := DetermineProcedure(KindSocial, 800_000*euro, 750_000*euro, DefaultPolicyBands())
	unknown := Determine(KindServices, Estimate{}, []MissingValue{{Lot: "Mobiel"}}, 216_000*euro, DefaultPolicyBands())
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
		{"light regime chosen for ordinary services refused (Aw 2012 art. 2.38)", european, ProcedureLight, "goedkoper", []string{"procedure"}},
		{"open procedure instead of the light regime for social services with justification (Aw 2012 art. 2.38)", light, ProcedureOpen, "Vrijwillig volledig Europees.", nil},
		{"private procedure instead of the light regime refused (Aw 2012 art. 2.38)", light, ProcedureMultiplePrivate, "spoed", []string{"procedure"}},
		{"no estimate: European open procedure may be chosen (Aw 2012 art. 2.26)", unknown, ProcedureOpen, "Zeker boven de drempel.", nil},
		{"no estimate: single-source refused, the threshold may be reached (Aw 2012 art. 2.26)", unknown, ProcedureSingleSource, "klein", []string{"procedure"}},
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
			if got.Procedure != tt.p || got.European != (tt.d.European || tt.d.State == MissingInput) || got.State != Determined || !strings.Contains(last, tt.justification) {
				t.Errorf("Override(%s, %q) = %+v, want procedure set and the justification recorded", tt.p, tt.justification, got)
			}
			if len(tt.d.Reasons)+1 != len(got.Reasons) {
				t.Errorf("Override(%s, %q) reasons = %d, want %d (original kept)", tt.p, tt.justification, len(got.Reasons), len(tt.d.Reasons)+1)
			}
		})
	}
}
