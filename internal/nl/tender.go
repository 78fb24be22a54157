package nl

import (
	"fmt"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// Consolidation names a requirement's consolidated priority: the
// rating's label ("moet"), "nog niet beoordeeld" when nobody rated
// it, or "onvoldoende beoordeeld (1 van 3)" when too few did; never a
// silent won't.
func Consolidation(c procurement.Consolidation) string {
	switch {
	case c.Unrated:
		return "nog niet beoordeeld"
	case c.Insufficient:
		return fmt.Sprintf("onvoldoende beoordeeld (%d van %d)", c.Rated, c.Participants)
	}
	return Rating(c.Priority)
}

// MandateScope lists what a mandate authorizes the lead authority to do:
// "stukken, gunning, procederen, substitutie".
func MandateScope(s procurement.MandateScope) string {
	var parts []string
	if s.Documents {
		parts = append(parts, "stukken")
	}
	if s.Award {
		parts = append(parts, "gunning")
	}
	if s.Litigation {
		parts = append(parts, "procederen")
	}
	if s.Substitution {
		parts = append(parts, "substitutie")
	}
	return strings.Join(parts, ", ")
}

// GapReason states how a participant's current contract meets the
// planned start of the joint tender's contract (procurement.Gaps): "contract
// eindigt 31-03-2026, 91 dagen voor de geplande start; te overbruggen met
// stilzwijgende verlenging tot uiterlijk 31-03-2028".
func GapReason(g procurement.Gap) string {
	end := Date(g.CommittedEnd)
	switch g.Kind {
	case procurement.GapNone:
		return "geen lopend contract in deze categorie"
	case procurement.GapUnknown:
		return fmt.Sprintf("contract loopt tot en met %s; nog geen geplande start om mee te vergelijken", end)
	case procurement.GapFits:
		return fmt.Sprintf("contract eindigt %s, de dag voor de geplande start", end)
	case procurement.GapOverlap:
		return fmt.Sprintf("contract loopt vast tot en met %s: %d dagen overlap met de geplande start %s", end, g.Days, Date(g.Start))
	}
	switch {
	case g.BridgeBy == contracts.RenewalIndefinite:
		s := fmt.Sprintf("contract eindigt op zijn vroegst %s, %d dagen voor de geplande start; te overbruggen: het loopt voor onbepaalde tijd door tot opzegging",
			end, g.Days)
		if !g.NoticeBy.IsZero() {
			s += fmt.Sprintf(" (opzeggen uiterlijk %s om op %s te eindigen)", Date(g.NoticeBy), Date(g.Start.AddDays(-1)))
		}
		return s
	case g.BridgeBy == "":
		return fmt.Sprintf("contract eindigt %s zonder verlenging: %d dagen zonder contract voor de geplande start %s (risico)", end, g.Days, Date(g.Start))
	case g.Bridgeable && g.BridgeUntil.IsZero():
		return fmt.Sprintf("contract eindigt %s, %d dagen voor de geplande start; te overbruggen met %s (onbeperkt)", end, g.Days, RenewalKind(g.BridgeBy))
	case g.Bridgeable:
		return fmt.Sprintf("contract eindigt %s, %d dagen voor de geplande start; te overbruggen met %s tot uiterlijk %s",
			end, g.Days, RenewalKind(g.BridgeBy), Date(g.BridgeUntil))
	}
	return fmt.Sprintf("contract eindigt %s; met %s uiterlijk tot %s, nog %d dagen zonder contract voor de geplande start %s (risico)",
		end, RenewalKind(g.BridgeBy), Date(g.BridgeUntil), g.BridgeUntil.AddDays(1).DaysUntil(g.Start), Date(g.Start))
}

// ConsolidationReason states why a requirement got its consolidated
// priority (procurement.Consolidate, DESIGN §4), or why it has none yet:
// "moet: deelnemers met 76,31 % van het volume noemen dit moet (grens
// 50 %)", "onvoldoende beoordeeld (1 van 3): wie beoordeelde heeft samen
// 40 % van het volume (grens 50 %); …".
func ConsolidationReason(c procurement.Consolidation) string {
	threshold := Percent(c.MustShare)
	switch {
	case c.Unrated:
		return "nog door geen enkele deelnemer beoordeeld"
	case c.Insufficient:
		head := Consolidation(c)
		if c.Valued == 0 && c.RatedBasisPoints == 0 {
			return head + ": alleen deelnemers zonder gewaardeerd volume beoordeelden deze eis; hun volume heeft geen jaarwaarde en weegt dus niet mee, geen prioriteit te bepalen"
		}
		return fmt.Sprintf("%s: wie beoordeelde heeft samen %s van het volume (grens %s); de deelnemers die nog niet beoordeelden kunnen elke prioriteit nog bepalen",
			head, Percent(c.RatedBasisPoints), threshold)
	}
	must := 0
	if len(c.Shares) > 0 {
		must = c.Shares[0].BasisPoints
	}
	switch c.Priority {
	case procurement.Must:
		return fmt.Sprintf("moet: deelnemers met %s van het volume noemen dit moet (grens %s)", Percent(must), threshold)
	case procurement.Wont:
		return fmt.Sprintf("niet nu: minder dan %s van het volume noemt dit moet, zou moeten of kan", threshold)
	}
	var cumulative int
	for _, s := range c.Shares {
		cumulative += s.BasisPoints
		if s.Rating == c.Priority {
			break
		}
	}
	return fmt.Sprintf("%s: moet %s van het volume (< %s); %s of hoger samen %s", Rating(c.Priority), Percent(must), threshold, Rating(c.Priority), Percent(cumulative))
}
