package procurement

import (
	"cmp"
	"math/bits"
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
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
	// rated it yet, Insufficient when too few did (Priority is then empty
	// in both cases: an undecided requirement is never a silent wont).
	Priority     Rating
	Unrated      bool
	Insufficient bool
	// Rated counts the participants who rated it, of Participants (the
	// "k of n" of an insufficiently rated requirement).
	Rated        int
	Participants int
	// Shares lists every rating's share, must first.
	Shares []RatingShare
	// MustShare is the share in basis points of the tender's volume that
	// decides (the consolidation threshold); RatedBasisPoints the share
	// the participants who rated hold together, and Valued how many of
	// them have a valued volume. With the shares they are why Priority
	// was chosen, or why the requirement is insufficiently rated, as
	// internal/nl states it.
	MustShare        int
	RatedBasisPoints int
	Valued           int
	// Conflict is true when one participant rates must and another wont;
	// MustSide and WontSide list them (largest volume first) and ByClass
	// counts both sides per size class, small to large.
	Conflict bool
	MustSide []SideRef
	WontSide []SideRef
	ByClass  []ClassConflict
	// MustBy lists every participant that rates it must, conflict or not
	// and whatever the consolidation, largest volume first: a must of any
	// participant stays visible (DESIGN §4).
	MustBy []SideRef
}

// The consolidation states besides the four ratings (State).
const (
	StateUnrated      = "unrated"
	StateInsufficient = "insufficient"
)

// State is the consolidation's state as the API names it: must, should,
// could or wont, unrated when nobody rated the requirement, insufficient
// when too few did.
func (c Consolidation) State() string {
	switch {
	case c.Unrated:
		return StateUnrated
	case c.Insufficient:
		return StateInsufficient
	}
	return string(c.Priority)
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
// zero, each participant weighs one.
//
// A requirement too few participants rated is insufficiently rated, a state
// of its own without priority (DESIGN §4: "insufficiently rated (k of n)",
// never silently wont): too few means the participants who rated hold less
// than mustShare of the tender's volume together, so that those who did
// not rate could still decide any priority. That includes a requirement
// rated only by participants without a valued volume (they weigh nothing
// while others have value): one municipality's knock-out must is then not
// turned into a wont. A requirement nobody rated is unrated.
//
// A conflict is a requirement one participant rates must and another wont;
// conflicts are split by size class because that is where joint
// procurement breaks. MustBy keeps every must visible in any state.
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
	c := Consolidation{Requirement: r, Participants: len(participants), MustShare: mustShare}
	var vol [4]contracts.Money
	var count [4]int
	var ratedWeight contracts.Money
	valued := 0
	for _, p := range participants {
		rating, ok := r.Ratings[p.Organization]
		if !ok || !rating.Valid() {
			continue
		}
		c.Rated++
		if p.Annual() > 0 {
			valued++
		}
		ratedWeight = contracts.SatAdd(ratedWeight, weight[p.Organization])
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
	c.Valued = valued
	if c.Rated == 0 {
		c.Unrated = true
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
	c.MustBy = slices.Clone(c.MustSide)
	c.RatedBasisPoints = basisPoints(ratedWeight, total)
	if c.RatedBasisPoints < mustShare {
		c.Insufficient = true
	} else {
		var cumulative contracts.Money
		c.Priority = Wont
		for i, rating := range Ratings()[:3] {
			cumulative = contracts.SatAdd(cumulative, vol[i])
			if basisPoints(cumulative, total) >= mustShare {
				c.Priority = rating
				break
			}
		}
	}
	c.Conflict = len(c.MustSide) > 0 && len(c.WontSide) > 0
	if !c.Conflict {
		c.MustSide, c.WontSide = nil, nil
		return c
	}
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

// WithoutValue returns the participants that have a volume without value:
// a quantity in some lot with no annual value (the lot has no unit price).
// Their volume counts neither in the estimated value nor in the weight of
// their ratings.
func WithoutValue(participants []Participant) []Participant {
	var out []Participant
	for _, p := range participants {
		for _, v := range p.Volumes {
			if v.Quantity > 0 && v.Annual == 0 {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// withoutValueShown bounds the names the warning lists.
const withoutValueShown = 5

// WithoutValueWarning names the participants that have a volume without
// value (the first withoutValueShown of them, with how many there are),
// and whether there are any (DESIGN §4 requirements: their ratings weigh
// nothing).
func WithoutValueWarning(participants []Participant) (apperr.Warning, bool) {
	ps := WithoutValue(participants)
	if len(ps) == 0 {
		return apperr.Warning{}, false
	}
	names := make([]string, 0, min(len(ps), withoutValueShown))
	for _, p := range ps[:min(len(ps), withoutValueShown)] {
		name := p.Name
		if name == "" {
			name = p.Organization
		}
		names = append(names, name)
	}
	return apperr.Warn(apperr.WarnWithoutValue, len(ps), names), true
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
