package procurement

import (
	"github.com/samenkoop/samenkoop/contracts"
)

// GapKind says how a participant's current contract meets the planned
// start of the new one.
type GapKind string

// The gap kinds.
const (
	// GapNone: the participant has no current contract in the category.
	GapNone GapKind = "no_contract"
	// GapFits: the current contract ends the day before the planned start.
	GapFits GapKind = "fits"
	// GapOverlap: the current contract is committed past the planned start.
	GapOverlap GapKind = "overlap"
	// GapOpen: the current contract ends before the planned start.
	GapOpen GapKind = "gap"
	// GapUnknown: there is no planned start to compare with.
	GapUnknown GapKind = "unknown"
)

// GapKinds returns the gap kinds.
func GapKinds() []GapKind { return []GapKind{GapNone, GapFits, GapOverlap, GapOpen, GapUnknown} }

// Gap compares one participant's current contract in the category with the
// planned start of the joint tender's contract (issue: gaps; DESIGN §4,
// bundling).
type Gap struct {
	Organization string
	Name         string
	Kind         GapKind
	// The current contract, when there is one.
	ContractID     int64
	ContractNumber string
	VendorName     string
	// CommittedEnd is the end the participant can no longer avoid (it
	// includes a renewal whose notice deadline passed).
	CommittedEnd contracts.Date
	// Days is the gap (GapOpen) or the overlap (GapOverlap) in days.
	Days int
	// Bridgeable says a remaining tacit renewal or extension option covers
	// the gap, or that the contract continues indefinitely until notice
	// (it always can: notice is simply given to end it at the start);
	// BridgeUntil is the furthest end the renewals reach (zero: tacit
	// renewal without limit, or indefinite continuation).
	Bridgeable  bool
	BridgeUntil contracts.Date
	// Start is the planned start the contract was compared with (zero:
	// none yet, GapUnknown).
	Start contracts.Date
	// BridgeBy is how a gap could be bridged: RenewalTacit or
	// RenewalExpress while renewals remain, RenewalIndefinite for a
	// contract that runs on until notice, and "" when it cannot renew.
	// With BridgeBy set and Bridgeable false, the renewals reach
	// BridgeUntil and no further.
	BridgeBy contracts.RenewalKind
	// NoticeBy is, for a contract that runs on until notice, the last day
	// to give notice so that it ends the day before Start; zero when no
	// notice ends it exactly then.
	NoticeBy contracts.Date
}

// Gaps compares each participant's current contract (by organization code
// in current) with the planned start, as of today. Participants come out
// in their given order. Without a planned start every gap is GapUnknown.
func Gaps(participants []Participant, current map[string]contracts.ContractSummary, start, today contracts.Date) []Gap {
	out := make([]Gap, 0, len(participants))
	for _, p := range participants {
		c, ok := current[p.Organization]
		g := Gap{Organization: p.Organization, Name: p.Name}
		if !ok {
			g.Kind = GapNone
			out = append(out, g)
			continue
		}
		out = append(out, gapOf(g, c, start, today))
	}
	return out
}

func gapOf(g Gap, c contracts.ContractSummary, start, today contracts.Date) Gap {
	d := c.Contract.Dates(today)
	g.ContractID, g.ContractNumber, g.VendorName = c.ID, c.Number, c.VendorName
	g.CommittedEnd, g.Start = d.CommittedEnd, start
	if start.IsZero() {
		g.Kind = GapUnknown
		return g
	}
	next := d.CommittedEnd.AddDays(1)
	switch {
	case next == start:
		g.Kind = GapFits
		return g
	case next.After(start):
		g.Kind, g.Days = GapOverlap, start.DaysUntil(next)
		return g
	}
	g.Kind, g.Days = GapOpen, next.DaysUntil(start)
	if c.RenewalKind == contracts.RenewalIndefinite && d.FinalEnd.IsZero() {
		return indefiniteGap(g, c.Contract, start)
	}
	canRenew := d.FinalEnd.IsZero() && !d.Expired &&
		(c.RenewalKind == contracts.RenewalTacit || (c.RenewalKind == contracts.RenewalExpress && !d.OptionDecision.IsZero()))
	if !canRenew {
		return g
	}
	g.BridgeUntil, g.BridgeBy = d.MaxExtent, c.RenewalKind
	g.Bridgeable = d.MaxExtent.IsZero() || !d.MaxExtent.AddDays(1).Before(start)
	return g
}

// indefiniteGap: a contract that continues indefinitely until notice ends
// it, and whose earliest end (notice given today) lies before the planned
// start, bridges any gap: it runs on until notice is given (DESIGN §4).
// When notice can end it exactly the day before the start, NoticeBy says
// by when to give that notice.
func indefiniteGap(g Gap, c contracts.Contract, start contracts.Date) Gap {
	g.Bridgeable, g.BridgeBy = true, contracts.RenewalIndefinite
	last := start.AddDays(-1)
	if deadline := c.NoticeDeadlineFor(last); c.EarliestEnd(deadline) == last {
		g.NoticeBy = deadline
	}
	return g
}
