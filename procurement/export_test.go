package procurement

// SuggestionPlanIn is suggestionPlanIn for the tests outside the package.
var SuggestionPlanIn = suggestionPlanIn

// suggestionPlanIn returns the plan of suggestion sg in terms of lots, the
// lots of the draft tender made from it: each proposed lot's key (its
// LotProposal.Key) is replaced by the key of the tender's lot with the
// same number, which is how TenderFromSuggestion creates them. A proposed
// lot without one keeps no key, so the plans then differ.
func suggestionPlanIn(sg Suggestion, lots []Lot) Plan {
	to := map[LotKey]LotKey{}
	for _, pl := range sg.Lots {
		for _, l := range lots {
			if l.Number == pl.Number {
				to[pl.Key] = l.Key()
			}
		}
	}
	rename := func(keys []LotKey) []LotKey {
		if keys == nil {
			return nil
		}
		out := make([]LotKey, len(keys))
		for i, k := range keys {
			out[i] = to[k]
		}
		return out
	}
	p := sg.Plan
	p.Estimate.Lots = append([]LotEstimate(nil), p.Estimate.Lots...)
	for i := range p.Estimate.Lots {
		p.Estimate.Lots[i].Key = to[p.Estimate.Lots[i].Key]
	}
	x := &p.Exemption
	x.Qualifying, x.Exempt, x.Excluded = rename(x.Qualifying), rename(x.Exempt), rename(x.Excluded)
	return p
}
