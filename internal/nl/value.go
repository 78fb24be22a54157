package nl

import (
	"fmt"

	"github.com/samenkoop/samenkoop/procurement"
)

// EstimateBasis says why the lots of a tender count together for the
// threshold.
const EstimateBasis = "de geraamde waarde van alle percelen samen telt voor de drempel (Aw 2012 art. 2.15–2.19; Richtlijn 2014/24/EU art. 5(8)–(9))"

// LotEstimateBasis states how a lot's estimated value was computed and on
// which article (procurement.EstimatedValue).
func LotEstimateBasis(le procurement.LotEstimate) string {
	switch le.Rule {
	case procurement.RuleIndefiniteServices:
		return "diensten zonder totaalprijs met onbepaalde looptijd: maandwaarde × 48 (Aw 2012 art. 2.16)"
	case procurement.RuleIndefinite:
		return "opdracht zonder vaste looptijd: maandwaarde × 48 (Aw 2012 art. 2.15–2.19; Richtlijn 2014/24/EU art. 5(12)(b))"
	case procurement.RuleLongServices:
		return fmt.Sprintf("diensten zonder totaalprijs met een looptijd van %d maanden (> 48): maandwaarde × 48 (Aw 2012 art. 2.16)", le.TermMonths)
	}
	return fmt.Sprintf("jaarwaarde over de hele looptijd van %d maanden, waarvan %d maanden opties en verlengingen (Aw 2012 art. 2.15)",
		le.TermMonths, le.OptionMonths)
}

// ExemptionReasons states the outcome of the lot exemption (Aw 2012
// art. 2.19; Directive 2014/24/EU art. 5(10)), citing its basis.
func ExemptionReasons(x procurement.Exemption) []string {
	switch {
	case !x.Applies:
		return []string{fmt.Sprintf("totale geraamde waarde %s < drempel %s: geen Europese procedure nodig, percelenregeling niet van toepassing (Aw 2012 art. 2.19)",
			Money(x.Total), Money(x.Threshold))}
	case len(x.Qualifying) == 0:
		return []string{fmt.Sprintf("geen perceel onder %s (leveringen, diensten) of %s (werken): percelenregeling niet te gebruiken (Aw 2012 art. 2.19)",
			Money(procurement.LotLimit(procurement.KindServices)), Money(procurement.LotLimit(procurement.KindWorks)))}
	case len(x.Excluded) == 0:
		return []string{fmt.Sprintf("percelen onder de perceelgrens samen %s ≤ 20%% van de totale waarde (%s): alle %d buiten de Europese procedure toegestaan (Aw 2012 art. 2.19; Richtlijn 2014/24/EU art. 5(10))",
			Money(x.QualifyingSum), Money(x.Cap), len(x.Exempt))}
	}
	return []string{fmt.Sprintf("percelen onder de perceelgrens samen %s > 20%% van de totale waarde (%s): %d van %d gekozen, kleinste eerst, samen %s (Aw 2012 art. 2.19; Richtlijn 2014/24/EU art. 5(10))",
		Money(x.QualifyingSum), Money(x.Cap), len(x.Exempt), len(x.Qualifying), Money(x.ExemptSum))}
}
