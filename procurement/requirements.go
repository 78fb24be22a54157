package procurement

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
)

// DefaultMustShare is the share of the tender's volume, in basis points,
// that must rate a requirement must for it to be consolidated as must:
// 50 % (DESIGN §4, configurable).
const DefaultMustShare = 5000

// RatingShare is the part of the tender's volume behind one rating.
type RatingShare struct {
	Rating       Rating
	Participants int
	Volume       contracts.Money
	// BasisPoints is Volume's share of the tender's volume (0–10,000).
	BasisPoints int
}

// SideRef names a participant on one side of a conflict.
type SideRef struct {
	Organization string
	Name         string
	SizeClass    contracts.SizeClass
	Annual       contracts.Money
}

// ClassConflict counts a conflict's sides within one size class.
type ClassConflict struct {
	SizeClass contracts.SizeClass
	Must      int
	Wont      int
}

// Consolidation is a requirement's consolidated priority with what it
// rests on (DESIGN §4).
type Consolidation struct {
	Requirement Requirement
	// Priority is the consolidated rating; Unrated is true when nobody
	// rated it yet (Priority is then empty).
	Priority Rating
	Unrated  bool
	// Shares lists every rating's share, must first.
	Shares []RatingShare
	// Reason states in Dutch why Priority was chosen.
	Reason string
	// Conflict is true when one participant rates must and another wont;
	// MustSide and WontSide list them (largest volume first) and ByClass
	// counts both sides per size class, small to large.
	Conflict bool
	MustSide []SideRef
	WontSide []SideRef
	ByClass  []ClassConflict
}

// Consolidate derives each requirement's priority from the participants'
// ratings, weighted by their annual volume in the tender (DESIGN §4):
//
//   - must when participants holding at least mustShare basis points of
//     the tender's volume rate it must;
//   - otherwise the highest rating r such that participants holding at
//     least mustShare rate it r or higher (should, then could);
//   - otherwise wont.
//
// Shares are of the whole tender's volume, so a participant that has not
// rated counts against every priority. When every participant has volume
// zero, each participant weighs one. A conflict is a requirement one
// participant rates must and another wont; conflicts are split by size
// class because that is where joint procurement breaks.
func Consolidate(reqs []Requirement, participants []Participant, mustShare int) []Consolidation {
	if mustShare <= 0 {
		mustShare = DefaultMustShare
	}
	weight := make(map[string]contracts.Money, len(participants))
	var total contracts.Money
	for _, p := range participants {
		weight[p.Organization] = p.Annual()
		total = contracts.SatAdd(total, p.Annual())
	}
	if total == 0 {
		for _, p := range participants {
			weight[p.Organization] = 1
		}
		total = contracts.Money(len(participants))
	}
	out := make([]Consolidation, 0, len(reqs))
	for _, r := range reqs {
		out = append(out, consolidateOne(r, participants, weight, total, mustShare))
	}
	return out
}

func consolidateOne(r Requirement, participants []Participant,
	weight map[string]contracts.Money, total contracts.Money, mustShare int) Consolidation {
	c := Consolidation{Requirement: r}
	var vol [4]contracts.Money
	var count [4]int
	rated := 0
	for _, p := range participants {
		rating, ok := r.Ratings[p.Organization]
		if !ok || !rating.Valid() {
			continue
		}
		rated++
		vol[rating.rank()] = contracts.SatAdd(vol[rating.rank()], weight[p.Organization])
		count[rating.rank()]++
		ref := SideRef{Organization: p.Organization, Name: p.Name, SizeClass: contracts.SizeClassOf(p.Population), Annual: p.Annual()}
		switch rating {
		case Must:
			c.MustSide = append(c.MustSide, ref)
		case Wont:
			c.WontSide = append(c.WontSide, ref)
		}
	}
	for i, rating := range Ratings() {
		c.Shares = append(c.Shares, RatingShare{Rating: rating, Participants: count[i], Volume: vol[i], BasisPoints: basisPoints(vol[i], total)})
	}
	if rated == 0 {
		c.Unrated = true
		c.Reason = "nog door geen enkele deelnemer beoordeeld"
		c.MustSide, c.WontSide = nil, nil
		return c
	}
	var cumulative contracts.Money
	c.Priority = Wont
	for i, rating := range Ratings()[:3] {
		cumulative = contracts.SatAdd(cumulative, vol[i])
		if basisPoints(cumulative, total) >= mustShare {
			c.Priority = rating
			break
		}
	}
	c.Reason = consolidationReason(c, mustShare)
	c.Conflict = len(c.MustSide) > 0 && len(c.WontSide) > 0
	if !c.Conflict {
		c.MustSide, c.WontSide = nil, nil
		return c
	}
	bySize := func(a, b SideRef) int {
		if n := cmp.Compare(b.Annual, a.Annual); n != 0 {
			return n
		}
		return cmp.Compare(a.Organization, b.Organization)
	}
	slices.SortFunc(c.MustSide, bySize)
	slices.SortFunc(c.WontSide, bySize)
	for _, class := range append(contracts.SizeClasses(), contracts.SizeUnknown) {
		cc := ClassConflict{SizeClass: class}
		for _, s := range c.MustSide {
			if s.SizeClass == class {
				cc.Must++
			}
		}
		for _, s := range c.WontSide {
			if s.SizeClass == class {
				cc.Wont++
			}
		}
		if cc.Must+cc.Wont > 0 {
			c.ByClass = append(c.ByClass, cc)
		}
	}
	return c
}

func consolidationReason(c Consolidation, mustShare int) string {
	threshold := formatPercent(mustShare)
	switch c.Priority {
	case Must:
		return fmt.Sprintf("must: deelnemers met %s van het volume noemen dit must (grens %s)", formatPercent(c.Shares[0].BasisPoints), threshold)
	case Wont:
		return fmt.Sprintf("won't: minder dan %s van het volume noemt dit must, should of could", threshold)
	}
	var cumulative int
	for _, s := range c.Shares {
		cumulative += s.BasisPoints
		if s.Rating == c.Priority {
			break
		}
	}
	return fmt.Sprintf("%s: must %s van het volume (< %s); %s of hoger samen %s", c.Priority, formatPercent(c.Shares[0].BasisPoints), threshold, c.Priority, formatPercent(cumulative))
}

// basisPoints returns part/total in basis points, rounded down so that a
// share just under the threshold never rounds up to it. The product goes
// through 128 bits: part × 10,000 overflows int64 from €9 × 10^12 on.
func basisPoints(part, total contracts.Money) int {
	if total <= 0 || part <= 0 {
		return 0
	}
	part = min(part, total)
	hi, lo := bits.Mul64(uint64(part), 10_000)
	q, _ := bits.Div64(hi, lo, uint64(total)) // hi < total because part ≤ total
	return int(q)
}

// formatPercent writes basis points as a Dutch percentage: 5000 → "50 %",
// 3333 → "33,33 %".
func formatPercent(bp int) string {
	if bp%100 == 0 {
		return fmt.Sprintf("%d %%", bp/100)
	}
	return fmt.Sprintf("%d,%02d %%", bp/100, bp%100)
}
