package procurement

import (
	"cmp"
	"maps"
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Option is one option or extension of a lot's contract, by its length.
type Option struct {
	Months int
}

// LotKey identifies a lot in an estimate and in the lot exemption, which
// key their results by it: a stored lot by its id ("lot-12", Lot.Key), a
// lot a bundling suggestion proposes, which has no id yet, by what it is
// cut from (LotProposal.Key). Never by its title, which two lots may
// share, or its place in a list.
type LotKey string

// LotValue is the input for estimating one lot: the annual value excluding
// VAT, the initial term in months and every option or extension. TotalPrice
// says whether the contract states a total price; Indefinite marks a
// contract without a fixed term (Months is then ignored). Key identifies
// the lot; Lot is its title, for the reasons. Incomplete says Annual lacks
// values (LotValues): it is then only the sum of those known.
type LotValue struct {
	Key        LotKey
	Lot        string
	Kind       ContractKind
	Annual     contracts.Money
	Months     int
	TotalPrice bool
	Indefinite bool
	Options    []Option
	Incomplete bool
}

// LotEstimate is the estimated value of one lot with the rule it was
// computed by. Key identifies the lot (LotValue.Key), Lot is its title.
type LotEstimate struct {
	Key   LotKey
	Lot   string
	Kind  ContractKind
	Value contracts.Money
	// Months is the term the value covers: the initial term plus every
	// option, or 48 under the monthly × 48 rule.
	Months int
	// Rule is how Value was computed, on which article; TermMonths and
	// OptionMonths are the whole term and the options and extensions in
	// it (internal/nl words the basis).
	Rule         EstimateRule
	TermMonths   int
	OptionMonths int
	// Incomplete says the lot's value lacks values (LotValue.Incomplete):
	// Value is then a lower bound, not the lot's estimated value, and
	// what publishes the value leaves it out (DESIGN §4: an unknown value
	// is not €0).
	Incomplete bool
}

// EstimateRule says how a lot's value was estimated (Aw 2012 art.
// 2.15–2.19; Directive 2014/24/EU art. 5).
type EstimateRule string

// The estimate rules.
const (
	// RuleWholeTerm: the annual value over the whole term, options and
	// extensions included (Aw 2012 art. 2.15).
	RuleWholeTerm EstimateRule = "whole_term"
	// RuleIndefiniteServices: services without a total price and without a
	// fixed term: the monthly value × 48 (Aw 2012 art. 2.16).
	RuleIndefiniteServices EstimateRule = "indefinite_services"
	// RuleIndefinite: another contract without a fixed term: the monthly
	// value × 48 (Directive 2014/24/EU art. 5(12)(b)).
	RuleIndefinite EstimateRule = "indefinite"
	// RuleLongServices: services without a total price running longer
	// than 48 months: the monthly value × 48 (Aw 2012 art. 2.16).
	RuleLongServices EstimateRule = "long_services"
)

// EstimateRules returns the estimate rules.
func EstimateRules() []EstimateRule {
	return []EstimateRule{RuleWholeTerm, RuleIndefiniteServices, RuleIndefinite, RuleLongServices}
}

// Estimate is the estimated value of a tender: per lot and for all lots
// together. The value of all lots counts for the threshold (Aw 2012
// art. 2.15–2.19; Directive 2014/24/EU art. 5(8)–(9)).
type Estimate struct {
	Lots  []LotEstimate
	Total contracts.Money
	// Incomplete says the estimate lacks values: a lot is incomplete, or
	// (ComputePlan) MissingValues names anything at all. Total is then a
	// lower bound, not the tender's estimated value.
	Incomplete bool
}

// Lot returns the estimate of the lot with key.
func (e Estimate) Lot(key LotKey) (LotEstimate, bool) {
	for _, l := range e.Lots {
		if l.Key == key {
			return l, true
		}
	}
	return LotEstimate{}, false
}

// EstimatedValue estimates the value of a tender's lots, excluding VAT
// (Aanbestedingswet 2012 art. 2.15–2.19; Directive 2014/24/EU art. 5):
//
//   - a lot's value covers its whole term including every option and
//     extension (Aw 2012 art. 2.15; Directive art. 5(1)): annual × months / 12;
//   - services without a total price whose term is indefinite or longer
//     than 48 months (options included) are valued at the monthly value × 48
//     (Aw 2012 art. 2.16; Directive art. 5(14)); an indefinite lot of
//     another kind gets the same rule (Directive art. 5(12)(b) for supplies);
//   - the value of all lots counts together (Aw 2012 art. 2.15–2.19;
//     Directive art. 5(8) for works and services, 5(9) for supplies).
//
// Rounding: the multiplication comes before the one division, which rounds
// half up to the cent, so no rounding error builds up. The monthly value
// (annual / 12) is never rounded on its own: monthly × 48 is computed as
// annual × 48 / 12, which is exactly annual × 4.
func EstimatedValue(lots []LotValue) Estimate {
	e := Estimate{Lots: make([]LotEstimate, 0, len(lots))}
	for _, l := range lots {
		le := estimateLot(l)
		e.Lots = append(e.Lots, le)
		e.Total = contracts.SatAdd(e.Total, le.Value)
		e.Incomplete = e.Incomplete || le.Incomplete
	}
	return e
}

func estimateLot(l LotValue) LotEstimate {
	months, optionMonths := l.Months, 0
	for _, o := range l.Options {
		optionMonths += o.Months
	}
	months += optionMonths
	service := l.Kind == KindServices || l.Kind == KindSocial
	le := LotEstimate{Key: l.Key, Lot: l.Lot, Kind: l.Kind, TermMonths: months, OptionMonths: optionMonths, Incomplete: l.Incomplete}
	switch {
	case l.Indefinite && service && !l.TotalPrice:
		le.Months, le.Value, le.Rule = 48, monthsOf(l.Annual, 48), RuleIndefiniteServices
	case l.Indefinite:
		le.Months, le.Value, le.Rule = 48, monthsOf(l.Annual, 48), RuleIndefinite
	case service && !l.TotalPrice && months > 48:
		le.Months, le.Value, le.Rule = 48, monthsOf(l.Annual, 48), RuleLongServices
	default:
		le.Months, le.Value, le.Rule = months, monthsOf(l.Annual, months), RuleWholeTerm
	}
	return le
}

// monthsOf returns annual × months / 12, rounded half up to the cent; the
// product saturates instead of wrapping (contracts.SatMul).
func monthsOf(annual contracts.Money, months int) contracts.Money {
	return divRound(contracts.SatMul(annual, int64(months)), 12)
}

// divRound returns a / b rounded half away from zero; b is positive.
func divRound(a, b contracts.Money) contracts.Money {
	q, r := a/b, a%b
	if r < 0 {
		r = -r
	}
	if r >= b-r { // 2r ≥ b without overflow
		if a < 0 {
			return q - 1
		}
		return q + 1
	}
	return q
}

// MissingValue is a value the estimate lacks. With Lot and Participant
// empty the tender has no lots; with only Lot set no participant has a
// volume in that lot; with only Participant set the participant has no
// volume in any lot; with both set the participant's volume in the lot
// has a quantity but no annual value.
type MissingValue struct {
	Lot         string
	Participant string
}

// MissingValues returns what the estimate of a tender with lots and
// participants lacks, in lot order and then participant order: a tender
// without lots, a lot in which no participant has a volume, a participant
// without any volume, and a volume with a quantity but no annual value
// (no unit price to value it). An unknown value is not €0 (DESIGN §4), so
// the procedure is determined only when nothing is missing or the known
// values already reach the threshold (Determine). A volume with neither a
// quantity nor a value counts as no volume.
func MissingValues(lots []Lot, participants []Participant) []MissingValue {
	if len(lots) == 0 {
		return []MissingValue{{}}
	}
	title := make(map[int64]string, len(lots))
	for _, l := range lots {
		title[l.ID] = l.Title
	}
	inLot := make(map[int64]bool, len(lots))
	var unvalued []MissingValue
	for _, p := range participants {
		name := p.Name
		if name == "" {
			name = p.Organization
		}
		has := false
		for _, v := range p.Volumes {
			if v.Quantity == 0 && v.Annual == 0 {
				continue
			}
			has = true
			inLot[v.LotID] = true
			if v.Annual == 0 {
				unvalued = append(unvalued, MissingValue{Lot: title[v.LotID], Participant: name})
			}
		}
		if !has {
			unvalued = append(unvalued, MissingValue{Participant: name})
		}
	}
	var out []MissingValue
	for _, l := range lots {
		if !inLot[l.ID] {
			out = append(out, MissingValue{Lot: l.Title})
		}
	}
	return append(out, unvalued...)
}

// LotLimit returns the value under which a lot may be exempted from the
// EU procedure: €80,000 for supplies and services (social services
// included), €1,000,000 for works (Aw 2012 art. 2.19; Directive 2014/24/EU
// art. 5(10)).
func LotLimit(kind ContractKind) contracts.Money {
	if kind == KindWorks {
		return 1_000_000 * euro
	}
	return 80_000 * euro
}

// Exemption is the outcome of the lot exemption for one tender, with the
// values its reasons state (internal/nl words them).
type Exemption struct {
	// Total is the estimated value of all lots and Threshold the EU
	// threshold it was compared with.
	Total     contracts.Money
	Threshold contracts.Money
	// Applies is false when the total stays below the threshold: then no
	// lot needs the EU procedure and there is nothing to exempt.
	Applies bool
	// Qualifying lists the lots under their limit, and QualifyingSum their
	// value together.
	Qualifying    []LotKey
	QualifyingSum contracts.Money
	// Cap is 20 % of the total value of all lots, rounded down to the cent
	// so that the exempted lots never exceed the legal share.
	Cap contracts.Money
	// Exempt lists the lots chosen to be procured outside the EU procedure,
	// and ExemptSum their value together (≤ Cap).
	Exempt    []LotKey
	ExemptSum contracts.Money
	// Excluded lists qualifying lots that did not fit under the cap.
	Excluded []LotKey
}

// Exempts reports whether the lot with key is among those exempted.
func (x Exemption) Exempts(key LotKey) bool { return slices.Contains(x.Exempt, key) }

// LotExemption applies the lot exemption (Aw 2012 art. 2.19; Directive
// 2014/24/EU art. 5(10)): when the total value reaches the threshold, lots
// worth less than €80,000 (supplies, services) or €1,000,000 (works) may
// be procured outside the EU procedure, as long as their value together
// stays within 20 % of the total value of all lots.
//
// When not all qualifying lots fit under the cap the choice is greedy:
// smallest lots first (ties by title, then key), which exempts as many
// lots as possible; once a lot does not fit, no larger one does. The
// contracting authority may choose differently (for example the lots it
// most wants to tender nationally); Qualifying and Cap show the room it
// has.
func LotExemption(e Estimate, threshold contracts.Money) Exemption {
	x := Exemption{Total: e.Total, Threshold: threshold, Cap: e.Total/100*20 + e.Total%100*20/100}
	if e.Total < threshold {
		return x
	}
	x.Applies = true
	var small []LotEstimate
	for _, l := range e.Lots {
		if l.Value < LotLimit(l.Kind) {
			small = append(small, l)
			x.Qualifying = append(x.Qualifying, l.Key)
			x.QualifyingSum = contracts.SatAdd(x.QualifyingSum, l.Value)
		}
	}
	slices.SortStableFunc(small, func(a, b LotEstimate) int {
		if c := cmp.Compare(a.Value, b.Value); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Lot, b.Lot); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	for _, l := range small {
		if l.Value <= x.Cap-x.ExemptSum {
			x.Exempt = append(x.Exempt, l.Key)
			x.ExemptSum += l.Value
			continue
		}
		x.Excluded = append(x.Excluded, l.Key)
	}
	return x
}

// Part is one tender or planned purchase in a category, as input for
// SplitWarning.
type Part struct {
	// Tender names the tender or purchase.
	Tender string
	// Category groups demand that belongs together (a CPV division or the
	// organization's own category).
	Category string
	Value    contracts.Money
}

// Split is a warning that demand of one category stays under the
// threshold only because it is spread over several tenders; internal/nl
// states it, citing its basis.
type Split struct {
	Category  string
	Tenders   []string
	Sum       contracts.Money
	Threshold contracts.Money
	// Warning states it (apperr.WarnSplit: the category, how many parts,
	// their sum and the threshold), to be said through internal/nl.
	Warning apperr.Warning
}

// SplitWarning warns about demand that is split to stay under the EU
// threshold, which is forbidden (Aw 2012 art. 2.15–2.19; Directive
// 2014/24/EU art. 5(3)): for every category with two or more parts, each
// below threshold, whose sum reaches threshold, it returns a Split. The
// warnings come in category order. A part that is itself at or above the
// threshold is already tendered in Europe: it causes no warning and is
// left out of the sum, so the parts below the threshold beside it are
// still judged on their own.
func SplitWarning(parts []Part, threshold contracts.Money) []Split {
	byCategory := map[string][]Part{}
	for _, p := range parts {
		byCategory[p.Category] = append(byCategory[p.Category], p)
	}
	var out []Split
	for _, c := range slices.Sorted(maps.Keys(byCategory)) {
		s := Split{Category: c, Threshold: threshold}
		for _, p := range byCategory[c] {
			if p.Value >= threshold {
				// Tendered in Europe already: it neither warns nor
				// hides the parts below the threshold beside it.
				continue
			}
			s.Sum = contracts.SatAdd(s.Sum, p.Value)
			s.Tenders = append(s.Tenders, p.Tender)
		}
		if len(s.Tenders) < 2 || s.Sum < threshold {
			continue
		}
		s.Warning = apperr.Warn(apperr.WarnSplit, c, len(s.Tenders), apperr.Cents(s.Sum), apperr.Cents(threshold))
		out = append(out, s)
	}
	return out
}
