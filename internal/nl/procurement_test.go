package nl

import (
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

const euro contracts.Money = 100

// TestAssumption words every assumption key, with the words the plan and
// the bundler gave them before they returned values.
func TestAssumption(t *testing.T) {
	t.Parallel()
	for _, k := range procurement.AssumptionKeys() {
		a := Assumption(procurement.Assumption{Key: k})
		if a.Name == "" || a.Name == string(k) || a.Value == "" || a.Source == "" {
			t.Errorf("Assumption(%s) = %+v, want a name, a value and a source", k, a)
		}
	}
	tests := []struct {
		name string
		in   procurement.Assumption
		want Assumed
	}{
		{"DESIGN §4 must share", procurement.Assumption{Key: procurement.AssumeMustShare, BasisPoints: 6000},
			Assumed{"Grens consolidatie must", "60 % van het volume", "afspraak van de samenwerking, instelbaar"}},
		{"planning duration", procurement.Assumption{Key: procurement.AssumePreparation, Days: 120},
			Assumed{"Voorbereiding", "120 dagen", "planningsaanname, instelbaar"}},
		{"Aw 2012 art. 2.140: framework term", procurement.Assumption{Key: procurement.AssumeFrameworkTerm, Months: 60},
			Assumed{"Raamovereenkomst", "looptijd 60 maanden inclusief opties", "Aw 2012 art. 2.140: maximaal 48 maanden tenzij gemotiveerd"}},
		{"the bundler's term with an option", procurement.Assumption{Key: procurement.AssumeBundleTerm, Months: 36, Options: 1, OptionMonths: 12},
			Assumed{"Looptijd en opties", "36 maanden + 1 × 12 maanden optie (raamovereenkomst)", "aanname bundelaar, instelbaar; Aw 2012 art. 2.140: maximaal 48 maanden"}},
		{"the bundler's cost per tender", procurement.Assumption{Key: procurement.AssumeTenderCost, Money: 2_500_000},
			Assumed{"Transactiekosten per aanbesteding", "€\u00a025.000,00", "aanname, instelbaar"}},
		{"the bundler's volume discount", procurement.Assumption{Key: procurement.AssumeVolumeDiscount, BasisPoints: 300},
			Assumed{"Volumekorting", "3 % op de jaarwaarde, over de initiële looptijd", "aanname, instelbaar"}},
		{"Aw 2012 art. 2.38–2.39: the light regime plans a reasonable period", procurement.Assumption{Key: procurement.AssumeTimeLimits, Procedure: procurement.ProcedureLight},
			Assumed{"Termijnen", "verlicht regime: geen wettelijke minimumtermijn voor inschrijving; de planning hanteert een redelijke termijn gelijk aan die van de openbare procedure (Aw 2012 art. 2.38–2.39); de opschortende termijn geldt wel", "planningsaanname"}},
		{"no procedure yet: the open procedure's periods", procurement.Assumption{Key: procurement.AssumeTimeLimits},
			Assumed{"Termijnen", "nog geen procedure bepaald (de raming is onvolledig); de planning hanteert voorlopig de termijnen van de Europese openbare procedure", "planningsaanname"}},
		{"Gids Proportionaliteit: the default works bands", procurement.Assumption{Key: procurement.AssumePolicyBands, Band: procurement.Band{Works: true,
			SingleSourceBelow: 150_000 * euro, UpTo: 1_500_000 * euro, NationalAbove: true, Assumption: true}},
			Assumed{"Inkoopbeleid penvoerder", "de beleidsgrenzen voor werken (enkelvoudig onderhands onder €\u00a0150.000,00, meervoudig onderhands tot €\u00a01.500.000,00, daarboven nationaal openbaar) zijn een aanname en nog niet door de organisatie vastgesteld", "standaard, per organisatie instelbaar"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Assumption(tt.in); got != tt.want {
				t.Errorf("Assumption(%+v) =\n %+v\nwant\n %+v", tt.in, got, tt.want)
			}
		})
	}
}

// TestMilestoneLabelsAsThePagesShowedThem: capitalized, a milestone reads
// as the timeline's rows always did.
func TestMilestoneLabelsAsThePagesShowedThem(t *testing.T) {
	t.Parallel()
	for key, want := range map[string]string{
		procurement.MilestonePreparationStart:  "Start voorbereiding (behoefte en mandaten)",
		procurement.MilestonePublication:       "Verzending aankondiging opdracht",
		procurement.MilestoneTenderDeadline:    "Sluitingstermijn inschrijving",
		procurement.MilestoneStandstillEnd:     "Laatste dag opschortende termijn",
		procurement.MilestoneAwardNotice:       "Aankondiging gegunde opdracht",
		procurement.MilestoneContractSignature: "Ondertekening overeenkomst",
	} {
		if got := Capitalize(Milestone(key)); got != want {
			t.Errorf("Capitalize(Milestone(%s)) = %q, want %q", key, got, want)
		}
	}
}

func TestRunOnDay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   procurement.RunOn
		want string
	}{
		{"Atw art. 1: a Sunday", procurement.RunOn{From: contracts.NewDate(2026, 12, 27), Off: contracts.OffSunday}, "zondag 27-12-2026"},
		{"Atw art. 3 lid 1: King's Day", procurement.RunOn{From: contracts.NewDate(2027, 4, 27), Off: contracts.OffKingsDay}, "dinsdag 27-04-2027 (Koningsdag)"},
		{"Atw art. 3 lid 3: a day made equal by decree", procurement.RunOn{From: contracts.NewDate(2026, 5, 15), Off: contracts.OffByDecree},
			"vrijdag 15-05-2026 (bij besluit gelijkgestelde dag, Algemene termijnenwet art. 3 lid 3)"},
	}
	for _, tt := range tests {
		if got := RunOnDay(tt.in); got != tt.want {
			t.Errorf("%s: RunOnDay = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestDeterminationReasonsOverride: a coordinator's choice is stated after
// the determined reasoning, with the justification (Aw 2012 art. 1.4).
func TestDeterminationReasonsOverride(t *testing.T) {
	t.Parallel()
	national := procurement.DetermineProcedure(procurement.KindServices, 100_000*euro, 216_000*euro, procurement.DefaultPolicyBands())
	d, err := procurement.Override(national, procurement.ProcedureOpen, "transparantie")
	if err != nil {
		t.Fatal(err)
	}
	reasons := DeterminationReasons(d)
	if want := "procedure door de coördinator gewijzigd van meervoudig onderhandse procedure naar openbare procedure; motivering: transparantie"; reasons[len(reasons)-1] != want {
		t.Errorf("last reason = %q, want %q", reasons[len(reasons)-1], want)
	}
	if len(reasons) != len(DeterminationReasons(national))+1 || len(DeterminationAssumptions(d)) != 1 {
		t.Errorf("reasons %q, assumptions %q; want the determined ones kept", reasons, DeterminationAssumptions(d))
	}
	unknown := procurement.Determine(procurement.KindServices, procurement.Estimate{}, []procurement.MissingValue{{Lot: "Mobiel"}}, 216_000*euro, procurement.DefaultPolicyBands())
	d, err = procurement.Override(unknown, procurement.ProcedureOpen, "zeker boven de drempel")
	if err != nil {
		t.Fatal(err)
	}
	if last := DeterminationReasons(d)[len(DeterminationReasons(d))-1]; !strings.Contains(last, "gewijzigd van geen (raming onvolledig) naar openbare procedure") {
		t.Errorf("last reason = %q, want the override from no procedure", last)
	}
}

// TestExemptionReasons words each outcome of the lot exemption (Aw 2012
// art. 2.19; Directive 2014/24/EU art. 5(10)).
func TestExemptionReasons(t *testing.T) {
	t.Parallel()
	lot := func(name string, v contracts.Money) procurement.LotEstimate {
		return procurement.LotEstimate{Lot: name, Kind: procurement.KindServices, Value: v}
	}
	estimate := func(lots ...procurement.LotEstimate) procurement.Estimate {
		e := procurement.Estimate{Lots: lots}
		for _, l := range lots {
			e.Total += l.Value
		}
		return e
	}
	threshold := 216_000 * euro
	tests := []struct {
		name string
		e    procurement.Estimate
		want string
	}{
		{"below the threshold: not needed", estimate(lot("A", 100_000*euro)),
			"totale geraamde waarde €\u00a0100.000,00 < drempel €\u00a0216.000,00: geen Europese procedure nodig, percelenregeling niet van toepassing (Aw 2012 art. 2.19)"},
		{"no small lot", estimate(lot("A", 300_000*euro)),
			"geen perceel onder €\u00a080.000,00 (leveringen, diensten) of €\u00a01.000.000,00 (werken): percelenregeling niet te gebruiken (Aw 2012 art. 2.19)"},
		{"every small lot fits under 20 %", estimate(lot("A", 400_000*euro), lot("B", 50_000*euro)),
			"percelen onder de perceelgrens samen €\u00a050.000,00 ≤ 20% van de totale waarde (€\u00a090.000,00): alle 1 buiten de Europese procedure toegestaan (Aw 2012 art. 2.19; Richtlijn 2014/24/EU art. 5(10))"},
		{"not every small lot fits: smallest first", estimate(lot("A", 250_000*euro), lot("B", 40_000*euro), lot("C", 70_000*euro)),
			"percelen onder de perceelgrens samen €\u00a0110.000,00 > 20% van de totale waarde (€\u00a072.000,00): 1 van 2 gekozen, kleinste eerst, samen €\u00a040.000,00 (Aw 2012 art. 2.19; Richtlijn 2014/24/EU art. 5(10))"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := ExemptionReasons(procurement.LotExemption(tt.e, threshold))
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("ExemptionReasons() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLotEstimateBasis words every estimate rule with its article.
func TestLotEstimateBasis(t *testing.T) {
	t.Parallel()
	want := map[procurement.EstimateRule]string{
		procurement.RuleWholeTerm:          "jaarwaarde over de hele looptijd van 36 maanden, waarvan 12 maanden opties en verlengingen (Aw 2012 art. 2.15)",
		procurement.RuleIndefiniteServices: "diensten zonder totaalprijs met onbepaalde looptijd: maandwaarde × 48 (Aw 2012 art. 2.16)",
		procurement.RuleIndefinite:         "opdracht zonder vaste looptijd: maandwaarde × 48 (Aw 2012 art. 2.15–2.19; Richtlijn 2014/24/EU art. 5(12)(b))",
		procurement.RuleLongServices:       "diensten zonder totaalprijs met een looptijd van 36 maanden (> 48): maandwaarde × 48 (Aw 2012 art. 2.16)",
	}
	for _, r := range procurement.EstimateRules() {
		if got := LotEstimateBasis(procurement.LotEstimate{Rule: r, TermMonths: 36, OptionMonths: 12}); got != want[r] {
			t.Errorf("LotEstimateBasis(%s) = %q, want %q", r, got, want[r])
		}
	}
}

func TestMissingValueAndThresholdSource(t *testing.T) {
	t.Parallel()
	for in, want := range map[procurement.MissingValue]string{
		{}:                                    "de aanbesteding heeft nog geen percelen",
		{Lot: "Mobiel"}:                       "perceel Mobiel: nog geen deelnemer met een waarde",
		{Participant: "Gemeente Ede"}:         "Gemeente Ede: nog geen volume of waarde in een perceel",
		{Lot: "Vast", Participant: "Utrecht"}: "Utrecht: perceel Vast zonder jaarwaarde",
	} {
		if got := MissingValue(in); got != want {
			t.Errorf("MissingValue(%+v) = %q, want %q", in, got, want)
		}
	}
	for m, want := range map[contracts.Money]string{
		216_000 * euro:   "Gedelegeerde Verordening (EU) 2025/2152",
		5_538_000 * euro: "Gedelegeerde Verordening (EU) 2023/2495",
		750_000 * euro:   "Richtlijn 2014/24/EU art. 4(d)",
		250_000 * euro:   "drempel uit de configuratie",
	} {
		if got := ThresholdSource(m); got != want {
			t.Errorf("ThresholdSource(%d) = %q, want %q", m, got, want)
		}
	}
}

// TestAssumptionSingular: a period of one is "1 dag" and "1 maand", not
// "1 dagen" or "1 maanden", in the assumptions the plan and the bundler
// state.
func TestAssumptionSingular(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a    procurement.Assumption
		want string
	}{
		{"preparation of one day", procurement.Assumption{Key: procurement.AssumePreparation, Days: 1}, "1 dag"},
		{"selection of 30 days", procurement.Assumption{Key: procurement.AssumeSelection, Days: 30}, "30 dagen"},
		{"a bundle term of one month with one option of one month",
			procurement.Assumption{Key: procurement.AssumeBundleTerm, Months: 1, Options: 1, OptionMonths: 1}, "1 maand + 1 × 1 maand optie (raamovereenkomst)"},
		{"a window of one month", procurement.Assumption{Key: procurement.AssumeWindow, Months: 1}, "benodigde starts binnen 1 maand in één aanbesteding"},
		{"a framework term of 48 months", procurement.Assumption{Key: procurement.AssumeFrameworkTerm, Months: 48}, "looptijd 48 maanden inclusief opties"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Assumption(tt.a).Value; got != tt.want {
				t.Errorf("Assumption(%+v).Value = %q, want %q", tt.a, got, tt.want)
			}
		})
	}
}
