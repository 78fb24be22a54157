package procurement_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

func TestDetermineProcedure(t *testing.T) {
	t.Parallel()
	own := procurement.PolicyBands{SingleSourceBelow: 30_000 * euro, MultiplePrivateBelow: 150_000 * euro}
	own.WorksSingleSourceBelow, own.WorksMultiplePrivateBelow, own.WorksAssumption = procurement.DefaultWorksBands()
	ownWorks := procurement.DefaultPolicyBands()
	ownWorks.WorksSingleSourceBelow, ownWorks.WorksMultiplePrivateBelow, ownWorks.WorksAssumption = 100_000*euro, 0, false
	tests := []struct {
		name            string
		kind            procurement.ContractKind
		total           contracts.Money
		threshold       contracts.Money
		bands           procurement.PolicyBands
		want            procurement.Procedure
		wantEuropean    bool
		wantReason      string
		wantAssumptions bool
	}{
		{"equal to the threshold: European open procedure (Aw 2012 art. 2.26)", procurement.KindServices, 216_000 * euro, 216_000 * euro, procurement.DefaultPolicyBands(),
			procurement.ProcedureOpen, true, "geraamde waarde €\u00a0216.000,00 ≥ drempel €\u00a0216.000,00 (Gedelegeerde Verordening (EU) 2025/2152): Europese openbare procedure (Aw 2012 art. 2.26)", false},
		{"above the 2024–2025 threshold: European (Aw 2012 art. 2.26)", procurement.KindSupplies, 123_456_700, 221_000 * euro, procurement.DefaultPolicyBands(),
			procurement.ProcedureOpen, true, "geraamde waarde €\u00a01.234.567,00 ≥ drempel €\u00a0221.000,00 (Gedelegeerde Verordening (EU) 2023/2495)", false},
		{"one cent below the threshold: policy bands, multiple-private (Aw 2012 art. 1.4)", procurement.KindServices, 216_000*euro - 1, 216_000 * euro, procurement.DefaultPolicyBands(),
			procurement.ProcedureMultiplePrivate, false, "< drempel €\u00a0216.000,00", true},
		{"€50,000 exactly: multiple-private, assumed default band (Aw 2012 art. 1.4)", procurement.KindServices, 50_000 * euro, 216_000 * euro, procurement.DefaultPolicyBands(),
			procurement.ProcedureMultiplePrivate, false, "meervoudig onderhandse procedure (standaardgrenzen leveringen en diensten naar de orde van grootte van de Gids Proportionaliteit, aanname)", true},
		{"below €50,000: single-source, assumed default band (Aw 2012 art. 1.4)", procurement.KindSupplies, 49_999 * euro, 216_000 * euro, procurement.DefaultPolicyBands(),
			procurement.ProcedureSingleSource, false, "enkelvoudig onderhandse procedure", true},
		{"organization's own bands, above its private band: national open procedure (Aw 2012 art. 1.4)", procurement.KindServices, 180_000 * euro, 216_000 * euro, own,
			procurement.ProcedureOpen, false, "nationale openbare procedure (inkoopbeleid, leveringen en diensten)", false},
		{"configured threshold is named as such (Aw 2012 art. 2.26)", procurement.KindServices, 300_000 * euro, 250_000 * euro, own,
			procurement.ProcedureOpen, true, "(drempel uit de configuratie)", false},
		{"€5.5 M works below the 2024–2025 threshold: national open procedure (works band, Gids Proportionaliteit)", procurement.KindWorks, 5_500_000 * euro, 5_538_000 * euro, procurement.DefaultPolicyBands(),
			procurement.ProcedureOpen, false, "geraamde waarde van €\u00a01.500.000,00 tot de drempel: nationale openbare procedure (standaardgrenzen werken", true},
		{"€5.5 M works above the 2026–2027 threshold: European open procedure (Aw 2012 art. 2.26)", procurement.KindWorks, 5_500_000 * euro, 5_404_000 * euro, procurement.DefaultPolicyBands(),
			procurement.ProcedureOpen, true, "Europese openbare procedure (Aw 2012 art. 2.26)", false},
		{"works €1,499,999.99: multiple-private (works band, Gids Proportionaliteit)", procurement.KindWorks, 1_500_000*euro - 1, 5_404_000 * euro, procurement.DefaultPolicyBands(),
			procurement.ProcedureMultiplePrivate, false, "geraamde waarde van €\u00a0150.000,00 tot €\u00a01.500.000,00: meervoudig onderhandse procedure", true},
		{"works €149,999: single-source (works band, Gids Proportionaliteit)", procurement.KindWorks, 149_999 * euro, 5_404_000 * euro, procurement.DefaultPolicyBands(),
			procurement.ProcedureSingleSource, false, "geraamde waarde < €\u00a0150.000,00: enkelvoudig onderhandse procedure", true},
		{"works €100,000 with supplies bands set but default works bands: works band is still an assumption (DESIGN §4)", procurement.KindWorks, 100_000 * euro, 5_404_000 * euro, own,
			procurement.ProcedureSingleSource, false, "standaardgrenzen werken", true},
		{"works €200,000 under the organization's own works bands: multiple-private up to the threshold (Aw 2012 art. 1.4)", procurement.KindWorks, 200_000 * euro, 5_404_000 * euro, ownWorks,
			procurement.ProcedureMultiplePrivate, false, "meervoudig onderhandse procedure (inkoopbeleid, werken)", false},
		{"services €60,000 are not in the works bands: multiple-private (supplies/services band)", procurement.KindServices, 60_000 * euro, 216_000 * euro, procurement.DefaultPolicyBands(),
			procurement.ProcedureMultiplePrivate, false, "leveringen en diensten", true},
		{"social services €800,000: light regime (Aw 2012 art. 2.38)", procurement.KindSocial, 800_000 * euro, 750_000 * euro, procurement.DefaultPolicyBands(),
			procurement.ProcedureLight, true, "verlicht regime (Aw 2012 art. 2.38), geen Europese openbare procedure", false},
		{"social services at exactly €750,000: light regime with notice or PIN and award notice (Aw 2012 art. 2.39)", procurement.KindSocial, 750_000 * euro, 750_000 * euro, own,
			procurement.ProcedureLight, true, "aankondiging van de opdracht of vooraankondiging, en na gunning een aankondiging van de gegunde opdracht (Aw 2012 art. 2.39)", false},
		{"social services threshold cites the directive (Richtlijn 2014/24/EU art. 4(d))", procurement.KindSocial, 750_000 * euro, 750_000 * euro, own,
			procurement.ProcedureLight, true, "(Richtlijn 2014/24/EU art. 4(d))", false},
		{"social services €700,000: below €750,000, the supplies/services bands decide (Aw 2012 art. 1.4)", procurement.KindSocial, 700_000 * euro, 750_000 * euro, procurement.DefaultPolicyBands(),
			procurement.ProcedureMultiplePrivate, false, "< drempel €\u00a0750.000,00", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := procurement.DetermineProcedure(tt.kind, tt.total, tt.threshold, tt.bands)
			if got.Procedure != tt.want || got.European != tt.wantEuropean || got.State != procurement.Determined {
				t.Errorf("DetermineProcedure(%s, %d, %d) = %s European %v state %s, want %s European %v determined", tt.kind, tt.total, tt.threshold, got.Procedure, got.European, got.State, tt.want, tt.wantEuropean)
			}
			reasons := nl.DeterminationReasons(got)
			if !strings.Contains(strings.Join(reasons, "\n"), tt.wantReason) {
				t.Errorf("DetermineProcedure(%s, %d, %d) reasons = %q, want %q", tt.kind, tt.total, tt.threshold, reasons, tt.wantReason)
			}
			if assumptions := nl.DeterminationAssumptions(got); (len(assumptions) > 0) != tt.wantAssumptions || got.Band.Assumption != tt.wantAssumptions {
				t.Errorf("DetermineProcedure(%s, %d, %d) assumptions = %q (band %+v), want present %v", tt.kind, tt.total, tt.threshold, assumptions, got.Band, tt.wantAssumptions)
			}
			if tt.want == procurement.ProcedureLight && strings.Contains(strings.Join(reasons, "\n"), "Europese openbare procedure (Aw 2012 art. 2.26)") {
				t.Errorf("DetermineProcedure(%s, %d, %d) reasons = %q, the light regime is never the open procedure of art. 2.26", tt.kind, tt.total, tt.threshold, reasons)
			}
		})
	}
}

func TestDetermine(t *testing.T) {
	t.Parallel()
	th := 216_000 * euro
	partial := procurement.Estimate{Total: 100_000 * euro}
	big := procurement.Estimate{Total: 300_000 * euro}
	missing := []procurement.MissingValue{{Lot: "Mobiel"}, {Lot: "Vast", Participant: "Gemeente Utrecht"}, {Participant: "Gemeente Ede"}}
	tests := []struct {
		name        string
		kind        procurement.ContractKind
		e           procurement.Estimate
		missing     []procurement.MissingValue
		wantState   procurement.DeterminationState
		want        procurement.Procedure
		wantReasons []string
	}{
		{"no estimate: no procedure, names the missing values (DESIGN §4: an unknown estimate is not €0)", procurement.KindServices, procurement.Estimate{}, missing,
			procurement.MissingInput, "", []string{"geen procedure bepaald: de raming mist 3 waarden", "perceel Mobiel: nog geen deelnemer met een waarde",
				"Gemeente Utrecht: perceel Vast zonder jaarwaarde", "Gemeente Ede: nog geen volume of waarde in een perceel", "telt niet als €\u00a00"}},
		{"no lots: no procedure (DESIGN §4)", procurement.KindServices, procurement.Estimate{}, []procurement.MissingValue{{}},
			procurement.MissingInput, "", []string{"de raming mist 1 waarde (de aanbesteding heeft nog geen percelen)"}},
		{"partial estimate below the threshold: no single-source from a partial sum (DESIGN §4)", procurement.KindServices, partial, missing,
			procurement.MissingInput, "", []string{"de bekende waarden samen (€\u00a0100.000,00) blijven onder de drempel €\u00a0216.000,00"}},
		{"partial estimate already at the threshold: European, missing values can only add (Aw 2012 art. 2.26)", procurement.KindServices, big, missing,
			procurement.Determined, procurement.ProcedureOpen, []string{"Europese openbare procedure", "ontbrekende waarden kunnen de raming alleen verhogen"}},
		{"complete estimate: determined as usual (Aw 2012 art. 1.4)", procurement.KindServices, partial, nil,
			procurement.Determined, procurement.ProcedureMultiplePrivate, []string{"meervoudig onderhandse procedure"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := procurement.Determine(tt.kind, tt.e, tt.missing, th, procurement.DefaultPolicyBands())
			if got.State != tt.wantState || got.Procedure != tt.want {
				t.Errorf("Determine(%d, %v) = %s %q, want %s %q", tt.e.Total, tt.missing, got.State, got.Procedure, tt.wantState, tt.want)
			}
			if len(got.Missing) != len(tt.missing) {
				t.Errorf("Determine(%d, %v).Missing = %q, want %d", tt.e.Total, tt.missing, got.Missing, len(tt.missing))
			}
			reasons := strings.Join(nl.DeterminationReasons(got), "\n")
			for _, w := range tt.wantReasons {
				if !strings.Contains(reasons, w) {
					t.Errorf("Determine(%d, %v) reasons = %q, want %q", tt.e.Total, tt.missing, reasons, w)
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
			th, err := procurement.ThresholdFor(procurement.DefaultThresholds(), procurement.KindServices, tt.pub)
			if err != nil {
				t.Fatal(err)
			}
			if got := procurement.DetermineProcedure(procurement.KindServices, total, th, procurement.DefaultPolicyBands()); got.European != tt.wantEuropean {
				t.Errorf("DetermineProcedure(%d, %d).European = %v, want %v", total, th, got.European, tt.wantEuropean)
			}
		})
	}
}

func TestOverride(t *testing.T) {
	t.Parallel()
	european := procurement.DetermineProcedure(procurement.KindServices, 500_000*euro, 216_000*euro, procurement.DefaultPolicyBands())
	national := procurement.DetermineProcedure(procurement.KindServices, 60_000*euro, 216_000*euro, procurement.DefaultPolicyBands())
	light := procurement.DetermineProcedure(procurement.KindSocial, 800_000*euro, 750_000*euro, procurement.DefaultPolicyBands())
	unknown := procurement.Determine(procurement.KindServices, procurement.Estimate{}, []procurement.MissingValue{{Lot: "Mobiel"}}, 216_000*euro, procurement.DefaultPolicyBands())
	tests := []struct {
		name          string
		d             procurement.Determination
		p             procurement.Procedure
		justification string
		wantFields    []string
	}{
		{"restricted instead of open with justification (Aw 2012 art. 2.26)", european, procurement.ProcedureRestricted, "Veel verwachte inschrijvers; selectie op geschiktheid.", nil},
		{"open instead of multiple-private with justification (Aw 2012 art. 1.4)", national, procurement.ProcedureOpen, "Marktverkenning toont veel aanbieders.", nil},
		{"override without justification refused (Aw 2012 art. 1.4)", european, procurement.ProcedureRestricted, "  ", []string{"justification"}},
		{"private procedure at or above the threshold refused (Aw 2012 art. 2.26)", european, procurement.ProcedureSingleSource, "spoed", []string{"procedure"}},
		{"unknown procedure and no justification both listed (Aw 2012 art. 1.4)", national, procurement.Procedure("auction"), "", []string{"procedure", "justification"}},
		{"light regime chosen for ordinary services refused (Aw 2012 art. 2.38)", european, procurement.ProcedureLight, "goedkoper", []string{"procedure"}},
		{"open procedure instead of the light regime for social services with justification (Aw 2012 art. 2.38)", light, procurement.ProcedureOpen, "Vrijwillig volledig Europees.", nil},
		{"private procedure instead of the light regime refused (Aw 2012 art. 2.38)", light, procurement.ProcedureMultiplePrivate, "spoed", []string{"procedure"}},
		{"no estimate: European open procedure may be chosen (Aw 2012 art. 2.26)", unknown, procurement.ProcedureOpen, "Zeker boven de drempel.", nil},
		{"no estimate: single-source refused, the threshold may be reached (Aw 2012 art. 2.26)", unknown, procurement.ProcedureSingleSource, "klein", []string{"procedure"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := procurement.Override(tt.d, tt.p, tt.justification)
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
				if got.Procedure != tt.d.Procedure || got.Override != nil || len(nl.DeterminationReasons(got)) != len(nl.DeterminationReasons(tt.d)) {
					t.Errorf("Override(%s, %q) changed the determination on error: %+v", tt.p, tt.justification, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Override(%s, %q) error = %v", tt.p, tt.justification, err)
			}
			reasons := nl.DeterminationReasons(got)
			last := reasons[len(reasons)-1]
			if got.Procedure != tt.p || got.European != (tt.d.European || tt.d.State == procurement.MissingInput) || got.State != procurement.Determined || !strings.Contains(last, tt.justification) {
				t.Errorf("Override(%s, %q) = %+v, want procedure set and the justification recorded", tt.p, tt.justification, got)
			}
			if len(nl.DeterminationReasons(tt.d))+1 != len(reasons) {
				t.Errorf("Override(%s, %q) reasons = %d, want %d (original kept)", tt.p, tt.justification, len(reasons), len(nl.DeterminationReasons(tt.d))+1)
			}
		})
	}
}

// TestProcedureValid: every listed procedure is valid (Aw 2012 art. 2.26,
// 2.38; the private procedures below the threshold), another is not.
func TestProcedureValid(t *testing.T) {
	t.Parallel()
	for _, p := range procurement.Procedures() {
		if !p.Valid() {
			t.Errorf("Procedure %q: Valid false", p)
		}
	}
	for _, p := range []procurement.Procedure{"", "auction", "Open"} {
		if p.Valid() {
			t.Errorf("Procedure %q: Valid true, want false", p)
		}
	}
}
