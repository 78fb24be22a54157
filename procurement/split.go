package procurement

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/samenkoop/samenkoop/contracts"
)

// CategoryTender is one tender of a category as the split warning reads
// it: its terms, its lots and the participants' annual value per lot.
type CategoryTender struct {
	Tender Tender
	Lots   []Lot
	// Annual maps a lot's id to the participants' annual value in it.
	Annual map[int64]contracts.Money
}

// Estimate is the tender's estimated value, as its own plan computes it
// (EstimatedValue over LotValues).
func (c CategoryTender) Estimate() Estimate {
	vols := make([]LotVolume, 0, len(c.Annual))
	for _, l := range c.Lots {
		vols = append(vols, LotVolume{LotID: l.ID, Annual: c.Annual[l.ID]})
	}
	// One participant holding every lot's sum values the lots as all the
	// participants together do: LotValues only adds them up.
	return EstimatedValue(LotValues(c.Tender, c.Lots, []Participant{{Volumes: vols}}))
}

// ContractPeriod returns the period the tender's contracts are to run, and
// whether it has one: from the needed start (from the publication when
// there is none, earlier than any start) over the whole term including
// every option (contracts.TermEnd); an indefinite term runs on to
// contracts.MaxDate. A tender with neither date has no period yet.
func ContractPeriod(t Tender) (start, end contracts.Date, ok bool) {
	start = t.NeededStart
	if start.IsZero() {
		start = t.Publication
	}
	if start.IsZero() {
		return contracts.Date{}, contracts.Date{}, false
	}
	if t.TermIndefinite {
		return start, contracts.MaxDate, true
	}
	return start, contracts.TermEnd(start, t.TotalMonths()), true
}

// overlaps reports whether the inclusive periods a–b and c–d share a day.
func overlaps(a, b, c, d contracts.Date) bool {
	return !b.Before(c) && !d.Before(a)
}

// SplitTender is a tender taking part in a split warning.
type SplitTender struct {
	ID    int64
	Title string
	// Value is its estimated value; Start and End its period
	// (ContractPeriod), Indefinite when it has no end.
	Value      contracts.Money
	Start, End contracts.Date
	Indefinite bool
}

// TenderSplit warns that a tender and other tenders of its category with
// overlapping periods each stay under the EU threshold while together
// they reach it (Aw 2012 art. 2.15–2.19; Directive 2014/24/EU art. 5(3):
// splitting to avoid the rules is forbidden).
type TenderSplit struct {
	Category  string
	Sum       contracts.Money
	Threshold contracts.Money
	// Tenders are the tender itself first, then the others by start and
	// id.
	Tenders []SplitTender
}

// SplitWarnings returns the split warning for tender t, whose estimated
// value is value and whose threshold is threshold: among the other
// tenders of its category (others; t itself and cancelled tenders are
// skipped) those whose period overlaps t's, each under the threshold like
// t, that together with t reach the threshold. A tender without a period
// (ContractPeriod) cannot be judged and takes no part; neither does one at
// or above the threshold, which is tendered in Europe already. The result
// has at most one warning.
func SplitWarnings(t Tender, value, threshold contracts.Money, others []CategoryTender) []TenderSplit {
	start, end, ok := ContractPeriod(t)
	if !ok || value >= threshold {
		return nil
	}
	category := t.CategoryName
	if category == "" {
		category = strconv.FormatInt(t.CategoryID, 10)
	}
	self := SplitTender{ID: t.ID, Title: t.Title, Value: value, Start: start, End: end, Indefinite: t.TermIndefinite}
	var with []SplitTender
	for _, o := range others {
		ot := o.Tender
		if ot.ID == t.ID || ot.CategoryID != t.CategoryID || ot.Status == TenderCancelled {
			continue
		}
		os, oe, ok := ContractPeriod(ot)
		if !ok || !overlaps(start, end, os, oe) {
			continue
		}
		with = append(with, SplitTender{ID: ot.ID, Title: ot.Title, Value: o.Estimate().Total, Start: os, End: oe, Indefinite: ot.TermIndefinite})
	}
	slices.SortFunc(with, func(a, b SplitTender) int {
		switch {
		case a.Start.Before(b.Start):
			return -1
		case a.Start.After(b.Start):
			return 1
		}
		return cmp.Compare(a.ID, b.ID)
	})
	byID := map[string]SplitTender{strconv.FormatInt(self.ID, 10): self}
	parts := []Part{{Tender: strconv.FormatInt(self.ID, 10), Category: category, Value: value}}
	for _, w := range with {
		key := strconv.FormatInt(w.ID, 10)
		byID[key] = w
		parts = append(parts, Part{Tender: key, Category: category, Value: w.Value})
	}
	var out []TenderSplit
	for _, s := range SplitWarning(parts, threshold) {
		ts := TenderSplit{Category: s.Category, Sum: s.Sum, Threshold: s.Threshold}
		for _, key := range s.Tenders {
			ts.Tenders = append(ts.Tenders, byID[key])
		}
		out = append(out, ts)
	}
	return out
}
