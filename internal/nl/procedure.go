package nl

import (
	"fmt"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// socialThreshold is the threshold for social and other specific services
// (Directive 2014/24/EU art. 4(d)), not revised by the delegated acts.
const socialThreshold contracts.Money = 750_000_00

// ThresholdSource names the legal act behind a threshold amount for the
// stated reasons: the determination knows only the amount, so the source
// is found by matching it against the default table; an amount that
// matches nothing came from the configuration.
func ThresholdSource(m contracts.Money) string {
	if m == socialThreshold {
		return "Richtlijn 2014/24/EU art. 4(d)"
	}
	for _, t := range procurement.DefaultThresholds() {
		if m == t.Supplies || m == t.Services || m == t.Works {
			return t.Source
		}
	}
	return "drempel uit de configuratie"
}

// MissingValue states a value a tender's estimate lacks: "perceel Mobiel:
// nog geen deelnemer met een waarde".
func MissingValue(m procurement.MissingValue) string {
	switch {
	case m.Lot == "" && m.Participant == "":
		return "de aanbesteding heeft nog geen percelen"
	case m.Participant == "":
		return fmt.Sprintf("perceel %s: nog geen deelnemer met een waarde", m.Lot)
	case m.Lot == "":
		return fmt.Sprintf("%s: nog geen volume of waarde in een perceel", m.Participant)
	}
	return fmt.Sprintf("%s: perceel %s zonder jaarwaarde", m.Participant, m.Lot)
}

// MissingValues states each value a determination lacks.
func MissingValues(ms []procurement.MissingValue) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = MissingValue(m)
	}
	return out
}

// bandName names the bands a value below the threshold is judged by.
func bandName(b procurement.Band) string {
	if b.Works {
		return ContractKind(procurement.KindWorks)
	}
	return "leveringen en diensten"
}

// bandUpTo names where the multiple-private band ends.
func bandUpTo(b procurement.Band) string {
	if b.UpToThreshold {
		return "de drempel"
	}
	return Money(b.UpTo)
}

// DeterminationReasons states each step of the reasoning behind a
// determined procedure and its basis, as the dossier and the tender page
// give it (procurement.DetermineProcedure, Determine and Override).
func DeterminationReasons(d procurement.Determination) []string {
	if o := d.Override; o != nil {
		from := Procedure(o.Determined.Procedure)
		if o.Determined.State == procurement.MissingInput {
			from = "geen (raming onvolledig)"
		}
		return append(DeterminationReasons(o.Determined), fmt.Sprintf("procedure door de coördinator gewijzigd van %s naar %s; motivering: %s",
			from, Procedure(d.Procedure), o.Justification))
	}
	total, threshold, source := Money(d.Total), Money(d.Threshold), ThresholdSource(d.Threshold)
	if d.State == procurement.MissingInput {
		return []string{
			fmt.Sprintf("geen procedure bepaald: de raming mist %s (%s); een onbekende waarde telt niet als €\u00a00",
				missingCount(len(d.Missing)), missingList(MissingValues(d.Missing), 5)),
			fmt.Sprintf("de bekende waarden samen (%s) blijven onder de drempel %s (%s); pas met de ontbrekende waarden blijkt of een Europese procedure nodig is",
				total, threshold, source),
		}
	}
	var out []string
	switch {
	case d.Procedure == procurement.ProcedureLight:
		out = []string{
			fmt.Sprintf("sociale en andere specifieke diensten, geraamde waarde %s ≥ drempel %s (%s): verlicht regime (Aw 2012 art. 2.38), geen Europese openbare procedure",
				total, threshold, source),
			"verlicht regime: aankondiging van de opdracht of vooraankondiging, en na gunning een aankondiging van de gegunde opdracht (Aw 2012 art. 2.39)",
			"de aanbestedende dienst richt de procedure zelf in, met inachtneming van de beginselen van gelijke behandeling, transparantie en proportionaliteit; geen wettelijke minimumtermijnen (Aw 2012 art. 2.38–2.39)",
			"een Europese procedure van Aw 2012 art. 2.26 mag vrijwillig worden gevolgd",
		}
	case d.European:
		out = []string{
			fmt.Sprintf("geraamde waarde %s ≥ drempel %s (%s): Europese openbare procedure (Aw 2012 art. 2.26)", total, threshold, source),
			"alternatieven: niet-openbare procedure, mededingingsprocedure met onderhandeling of concurrentiegerichte dialoog, de laatste twee alleen onder de voorwaarden van Aw 2012 art. 2.28 (Aw 2012 art. 2.26)",
		}
	default:
		out = []string{fmt.Sprintf("geraamde waarde %s < drempel %s (%s): geen Europese procedure; het inkoopbeleid van de penvoerder bepaalt de procedure (Aw 2012 art. 1.4)",
			total, threshold, source)}
		b := d.Band
		bandSource := "inkoopbeleid, " + bandName(b)
		if b.Assumption {
			bandSource = "standaardgrenzen " + bandName(b) + " naar de orde van grootte van de Gids Proportionaliteit, aanname"
		}
		switch d.Procedure {
		case procurement.ProcedureSingleSource:
			out = append(out, fmt.Sprintf("geraamde waarde < %s: enkelvoudig onderhandse procedure (%s)", Money(b.SingleSourceBelow), bandSource))
		case procurement.ProcedureMultiplePrivate:
			out = append(out, fmt.Sprintf("geraamde waarde van %s tot %s: meervoudig onderhandse procedure (%s)", Money(b.SingleSourceBelow), bandUpTo(b), bandSource))
		default:
			out = append(out, fmt.Sprintf("geraamde waarde van %s tot de drempel: nationale openbare procedure (%s)", bandUpTo(b), bandSource))
		}
	}
	if len(d.Missing) > 0 {
		out = append(out, fmt.Sprintf("de raming mist nog %s; ontbrekende waarden kunnen de raming alleen verhogen, dus de drempel is hoe dan ook bereikt",
			missingCount(len(d.Missing))))
	}
	return out
}

// DeterminationAssumptions states the inputs of a determination that are
// assumptions rather than the organization's own policy: the default
// policy bands below the threshold.
func DeterminationAssumptions(d procurement.Determination) []string {
	if o := d.Override; o != nil {
		return DeterminationAssumptions(o.Determined)
	}
	if d.State != procurement.Determined || d.European || !d.Band.Assumption {
		return nil
	}
	return []string{PolicyBandsAssumption(d.Band)}
}

// PolicyBandsAssumption says that the policy bands b are an assumption:
// "de beleidsgrenzen voor werken (enkelvoudig onderhands onder
// € 150.000,00, meervoudig onderhands tot € 1.500.000,00, daarboven
// nationaal openbaar) zijn een aanname …".
func PolicyBandsAssumption(b procurement.Band) string {
	text := fmt.Sprintf("de beleidsgrenzen voor %s (enkelvoudig onderhands onder %s, meervoudig onderhands tot %s",
		bandName(b), Money(b.SingleSourceBelow), bandUpTo(b))
	if b.NationalAbove {
		text += ", daarboven nationaal openbaar"
	}
	return text + ") zijn een aanname en nog niet door de organisatie vastgesteld"
}

// missingCount is "1 waarde" or "n waarden".
func missingCount(n int) string {
	if n == 1 {
		return "1 waarde"
	}
	return fmt.Sprintf("%d waarden", n)
}

// missingList joins the first max items of names and says how many more
// there are.
func missingList(names []string, max int) string {
	if len(names) <= max {
		return strings.Join(names, "; ")
	}
	return strings.Join(names[:max], "; ") + fmt.Sprintf("; en %d meer", len(names)-max)
}
