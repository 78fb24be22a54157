package procurement

import (
	"fmt"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Procedure is a procurement procedure: the European procedures of Aw 2012
// art. 2.26 and the private (onderhandse) procedures that a procurement
// policy allows below the threshold.
type Procedure string

// The procedures.
const (
	ProcedureOpen                   Procedure = "open"
	ProcedureRestricted             Procedure = "restricted"
	ProcedureCompetitiveNegotiation Procedure = "competitive_negotiation"
	ProcedureCompetitiveDialogue    Procedure = "competitive_dialogue"
	ProcedureMultiplePrivate        Procedure = "multiple_private"
	ProcedureSingleSource           Procedure = "single_source"
)

// Valid reports whether p is one of the known procedures.
func (p Procedure) Valid() bool { return p.Dutch() != "" }

// European reports whether p can be used as a European procedure
// (Aw 2012 art. 2.26).
func (p Procedure) European() bool {
	switch p {
	case ProcedureOpen, ProcedureRestricted, ProcedureCompetitiveNegotiation, ProcedureCompetitiveDialogue:
		return true
	}
	return false
}

// Dutch returns the Dutch name of p as procurement documents use it, or ""
// for an unknown procedure.
func (p Procedure) Dutch() string {
	switch p {
	case ProcedureOpen:
		return "openbare procedure"
	case ProcedureRestricted:
		return "niet-openbare procedure"
	case ProcedureCompetitiveNegotiation:
		return "mededingingsprocedure met onderhandeling"
	case ProcedureCompetitiveDialogue:
		return "concurrentiegerichte dialoog"
	case ProcedureMultiplePrivate:
		return "meervoudig onderhandse procedure"
	case ProcedureSingleSource:
		return "enkelvoudig onderhandse procedure"
	}
	return ""
}

// PolicyBands are the procurement-policy bands of the lead authority for
// contracts below the EU threshold. Below SingleSourceBelow one supplier
// may be asked; below MultiplePrivateBelow several are invited; from there
// up to the threshold a national open procedure applies. A zero
// MultiplePrivateBelow means "up to the EU threshold". Assumption marks
// bands that the organization has not set itself.
type PolicyBands struct {
	SingleSourceBelow    contracts.Money
	MultiplePrivateBelow contracts.Money
	Assumption           bool
}

// DefaultPolicyBands returns the default bands: single-source below
// €50,000, multiple-private from €50,000 up to the threshold. They are an
// assumption to be set per organization (DESIGN §4), so Assumption is true
// and every determination based on them says so.
func DefaultPolicyBands() PolicyBands {
	return PolicyBands{SingleSourceBelow: 50_000 * euro, Assumption: true}
}

// Determination is the procedure for a tender with the reasoning the
// dossier states.
type Determination struct {
	Procedure Procedure
	European  bool
	// Reasons states, in Dutch, each step of the reasoning and its basis.
	Reasons []string
	// Assumptions lists, in Dutch, the inputs that are assumptions rather
	// than the organization's own policy.
	Assumptions []string
}

// DetermineProcedure chooses the procedure for a tender with estimated
// value total. At or above the EU threshold (equal counts) it is a
// European procedure, open by default, with the restricted procedure, the
// competitive procedure with negotiation and the competitive dialogue as
// alternatives (Aw 2012 art. 2.26). Below the threshold the lead
// authority's procurement policy decides, within the obligation to choose
// on objective criteria (Aw 2012 art. 1.4); bands decides which band the
// value falls in.
func DetermineProcedure(total contracts.Money, threshold contracts.Money, bands PolicyBands) Determination {
	if total >= threshold {
		return Determination{
			Procedure: ProcedureOpen,
			European:  true,
			Reasons: []string{
				fmt.Sprintf("geraamde waarde %s ≥ drempel %s (%s): Europese openbare procedure (Aw 2012 art. 2.26)",
					formatEuro(total), formatEuro(threshold), thresholdSource(threshold)),
				"alternatieven: niet-openbare procedure, mededingingsprocedure met onderhandeling of concurrentiegerichte dialoog, de laatste twee alleen onder de voorwaarden van Aw 2012 art. 2.28 (Aw 2012 art. 2.26)",
			},
		}
	}
	d := Determination{}
	below := fmt.Sprintf("geraamde waarde %s < drempel %s (%s): geen Europese procedure; het inkoopbeleid van de penvoerder bepaalt de procedure (Aw 2012 art. 1.4)",
		formatEuro(total), formatEuro(threshold), thresholdSource(threshold))
	d.Reasons = append(d.Reasons, below)
	upper, upperText := bands.MultiplePrivateBelow, formatEuro(bands.MultiplePrivateBelow)
	if upper <= 0 || upper > threshold {
		upper, upperText = threshold, "de drempel"
	}
	switch {
	case total < bands.SingleSourceBelow:
		d.Procedure = ProcedureSingleSource
		d.Reasons = append(d.Reasons, fmt.Sprintf("geraamde waarde < %s: enkelvoudig onderhandse procedure (inkoopbeleid)", formatEuro(bands.SingleSourceBelow)))
	case total < upper:
		d.Procedure = ProcedureMultiplePrivate
		d.Reasons = append(d.Reasons, fmt.Sprintf("geraamde waarde van %s tot %s: meervoudig onderhandse procedure (inkoopbeleid)", formatEuro(bands.SingleSourceBelow), upperText))
	default:
		d.Procedure = ProcedureOpen
		d.Reasons = append(d.Reasons, fmt.Sprintf("geraamde waarde van %s tot de drempel: nationale openbare procedure (inkoopbeleid)", upperText))
	}
	if bands.Assumption {
		d.Assumptions = append(d.Assumptions, fmt.Sprintf("de beleidsgrenzen (enkelvoudig onderhands onder %s, meervoudig onderhands tot %s) zijn een aanname en nog niet door de organisatie vastgesteld",
			formatEuro(bands.SingleSourceBelow), upperText))
	}
	return d
}

// Override replaces the determined procedure by p at a coordinator's
// decision. A written justification is required, and it is recorded in
// the reasons, because the dossier must state why (Aw 2012 art. 1.4).
// At or above the threshold only a European procedure may be chosen
// (Aw 2012 art. 2.26). Problems are reported as apperr.FieldErrors on the
// fields "procedure" and "justification".
func Override(d Determination, p Procedure, justification string) (Determination, error) {
	var fe apperr.FieldErrors
	switch {
	case !p.Valid():
		fe.Add("procedure", fmt.Sprintf("unknown procedure %q", p))
	case d.European && !p.European():
		fe.Add("procedure", "at or above the EU threshold only a European procedure may be chosen (Aw 2012 art. 2.26)")
	}
	justification = strings.TrimSpace(justification)
	if justification == "" {
		fe.Add("justification", "a written justification is required")
	}
	if err := fe.Err(); err != nil {
		return d, fmt.Errorf("procurement: override procedure: %w", err)
	}
	out := Determination{
		Procedure:   p,
		European:    d.European,
		Reasons:     slices.Clone(d.Reasons),
		Assumptions: slices.Clone(d.Assumptions),
	}
	out.Reasons = append(out.Reasons, fmt.Sprintf("procedure door de coördinator gewijzigd van %s naar %s; motivering: %s",
		d.Procedure.Dutch(), p.Dutch(), justification))
	return out, nil
}
