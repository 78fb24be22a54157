package procurement

import (
	"fmt"

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
	// Reason states the comparison in Dutch.
	Reason string
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
			g.Kind, g.Reason = GapNone, "geen lopend contract in deze categorie"
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
	g.CommittedEnd = d.CommittedEnd
	if start.IsZero() {
		g.Kind, g.Reason = GapUnknown, fmt.Sprintf("contract loopt tot en met %s; nog geen geplande start om mee te vergelijken", d.CommittedEnd.Dutch())
		return g
	}
	next := d.CommittedEnd.AddDays(1)
	switch {
	case next == start:
		g.Kind, g.Reason = GapFits, fmt.Sprintf("contract eindigt %s, de dag voor de geplande start", d.CommittedEnd.Dutch())
		return g
	case next.After(start):
		g.Kind, g.Days = GapOverlap, start.DaysUntil(next)
		g.Reason = fmt.Sprintf("contract loopt vast tot en met %s: %d dagen overlap met de geplande start %s", d.CommittedEnd.Dutch(), g.Days, start.Dutch())
		return g
	}
	g.Kind, g.Days = GapOpen, next.DaysUntil(start)
	if c.RenewalKind == contracts.RenewalIndefinite && d.FinalEnd.IsZero() {
		return indefiniteGap(g, c.Contract, d, start)
	}
	canRenew := d.FinalEnd.IsZero() && !d.Expired &&
		(c.RenewalKind == contracts.RenewalTacit || (c.RenewalKind == contracts.RenewalExpress && !d.OptionDecision.IsZero()))
	if !canRenew {
		g.Reason = fmt.Sprintf("contract eindigt %s zonder verlenging: %d dagen zonder contract voor de geplande start %s (risico)", d.CommittedEnd.Dutch(), g.Days, start.Dutch())
		return g
	}
	g.BridgeUntil = d.MaxExtent
	how := "stilzwijgende verlenging"
	if c.RenewalKind == contracts.RenewalExpress {
		how = "verlengingsoptie"
	}
	if d.MaxExtent.IsZero() || !d.MaxExtent.AddDays(1).Before(start) {
		g.Bridgeable = true
		if d.MaxExtent.IsZero() {
			g.Reason = fmt.Sprintf("contract eindigt %s, %d dagen voor de geplande start; te overbruggen met %s (onbeperkt)", d.CommittedEnd.Dutch(), g.Days, how)
		} else {
			g.Reason = fmt.Sprintf("contract eindigt %s, %d dagen voor de geplande start; te overbruggen met %s tot uiterlijk %s", d.CommittedEnd.Dutch(), g.Days, how, d.MaxExtent.Dutch())
		}
		return g
	}
	g.Reason = fmt.Sprintf("contract eindigt %s; met %s uiterlijk tot %s, nog %d dagen zonder contract voor de geplande start %s (risico)",
		d.CommittedEnd.Dutch(), how, d.MaxExtent.Dutch(), d.MaxExtent.AddDays(1).DaysUntil(start), start.Dutch())
	return g
}

// indefiniteGap: a contract that continues indefinitely until notice ends
// it, and whose earliest end (notice given today) lies before the planned
// start, bridges any gap: it runs on until notice is given (DESIGN §4).
// The reason says so, and when notice can end it exactly the day before
// the start, by when to give that notice.
func indefiniteGap(g Gap, c contracts.Contract, d contracts.Dates, start contracts.Date) Gap {
	g.Bridgeable = true
	g.Reason = fmt.Sprintf("contract eindigt op zijn vroegst %s, %d dagen voor de geplande start; te overbruggen: het loopt voor onbepaalde tijd door tot opzegging",
		d.CommittedEnd.Dutch(), g.Days)
	last := start.AddDays(-1)
	if deadline := c.NoticeDeadlineFor(last); c.EarliestEnd(deadline) == last {
		g.Reason += fmt.Sprintf(" (opzeggen uiterlijk %s om op %s te eindigen)", deadline.Dutch(), last.Dutch())
	}
	return g
}
