package procurement

import (
	"fmt"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Procedure is a procurement procedure: the European procedures of Aw 2012
// art. 2.26, the light regime for social and other specific services
// (Aw 2012 art. 2.38–2.39) and the private (onderhandse) procedures that a
// procurement policy allows below the threshold.
type Procedure string

// The procedures.
const (
	ProcedureOpen                   Procedure = "open"
	ProcedureRestricted             Procedure = "restricted"
	ProcedureCompetitiveNegotiation Procedure = "competitive_negotiation"
	ProcedureCompetitiveDialogue    Procedure = "competitive_dialogue"
	ProcedureMultiplePrivate        Procedure = "multiple_private"
	ProcedureSingleSource           Procedure = "single_source"
	// ProcedureLight is the light regime for social and other specific
	// services at or above their threshold (Aw 2012 art. 2.38–2.39): a
	// contract notice or prior information notice, the award notice, and a
	// procedure the authority designs itself within the principles. It is
	// determined, never chosen: a tender cannot override to it.
	ProcedureLight Procedure = "light_regime"
)

// Procedures returns the procedures: the European ones of Aw 2012
// art. 2.26, the private ones below the threshold and the light regime.
func Procedures() []Procedure {
	return []Procedure{ProcedureOpen, ProcedureRestricted, ProcedureCompetitiveNegotiation, ProcedureCompetitiveDialogue,
		ProcedureMultiplePrivate, ProcedureSingleSource, ProcedureLight}
}

// Valid reports whether p is one of the known procedures.
func (p Procedure) Valid() bool { return slices.Contains(Procedures(), p) }

// European reports whether p can be used at or above the EU threshold:
// the procedures of Aw 2012 art. 2.26, and the light regime, which
// applies only to social and other specific services (Aw 2012 art. 2.38).
func (p Procedure) European() bool {
	switch p {
	case ProcedureOpen, ProcedureRestricted, ProcedureCompetitiveNegotiation, ProcedureCompetitiveDialogue, ProcedureLight:
		return true
	}
	return false
}

// PolicyBands are the procurement-policy bands of the lead authority for
// contracts below the EU threshold, separately for supplies and services
// (social services included) and for works, because works are tendered
// very differently (DESIGN §4). Below SingleSourceBelow one supplier may
// be asked; below MultiplePrivateBelow several are invited; from there up
// to the threshold a national open procedure applies. A zero
// MultiplePrivateBelow means "up to the EU threshold". Assumption and
// WorksAssumption mark bands that the organization has not set itself.
type PolicyBands struct {
	SingleSourceBelow    contracts.Money
	MultiplePrivateBelow contracts.Money
	Assumption           bool
	// The works bands.
	WorksSingleSourceBelow    contracts.Money
	WorksMultiplePrivateBelow contracts.Money
	WorksAssumption           bool
}

// DefaultPolicyBands returns the default bands of DESIGN §4, the Gids
// Proportionaliteit's order of magnitude: supplies and services
// single-source below €50,000 and multiple-private from €50,000 up to the
// threshold; works single-source below €150,000, multiple-private from
// €150,000 to €1,500,000 and a national open procedure from €1,500,000 up
// to the threshold. They are an assumption to be set per organization, so
// both assumption flags are true and every determination based on them
// says so.
func DefaultPolicyBands() PolicyBands {
	b := PolicyBands{SingleSourceBelow: 50_000 * euro, Assumption: true}
	b.WorksSingleSourceBelow, b.WorksMultiplePrivateBelow, b.WorksAssumption = DefaultWorksBands()
	return b
}

// DefaultWorksBands returns the default works bands (single-source below,
// multiple-private below, assumption): €150,000 and €1,500,000, an
// assumption (Gids Proportionaliteit's order of magnitude).
func DefaultWorksBands() (contracts.Money, contracts.Money, bool) {
	return 150_000 * euro, 1_500_000 * euro, true
}

// band returns the bands that apply to kind below threshold: the works
// bands for works, the others for supplies and services.
func (b PolicyBands) band(kind ContractKind, threshold contracts.Money) Band {
	out := Band{Works: kind == KindWorks, SingleSourceBelow: b.SingleSourceBelow, UpTo: b.MultiplePrivateBelow, Assumption: b.Assumption}
	if out.Works {
		out.SingleSourceBelow, out.UpTo, out.Assumption = b.WorksSingleSourceBelow, b.WorksMultiplePrivateBelow, b.WorksAssumption
	}
	if out.UpTo <= 0 || out.UpTo > threshold {
		out.UpTo, out.UpToThreshold = threshold, true
	}
	out.NationalAbove = out.UpTo < threshold
	return out
}

// Band is the procurement-policy band a value below the threshold was
// judged by (DESIGN §4): single-source below SingleSourceBelow,
// multiple-private from there below UpTo, and a national open procedure
// from UpTo to the threshold when NationalAbove.
type Band struct {
	// Works says these are the bands for works, not those for supplies
	// and services.
	Works             bool
	SingleSourceBelow contracts.Money
	// UpTo ends the multiple-private band; UpToThreshold says it runs up
	// to the threshold because the organization set no lower end (or one
	// above it).
	UpTo          contracts.Money
	UpToThreshold bool
	NationalAbove bool
	// Assumption says the organization has not set these bands itself:
	// they are the defaults (Gids Proportionaliteit's order of magnitude).
	Assumption bool
}

// DeterminationState says whether a procedure could be determined.
type DeterminationState string

// The determination states.
const (
	// Determined: the procedure follows from the estimate.
	Determined DeterminationState = "determined"
	// MissingInput: the estimate lacks values, so no procedure is
	// determined; Determination.Missing names them (DESIGN §4: an unknown
	// estimate is not €0).
	MissingInput DeterminationState = "missing_input"
)

// Determination is the procedure for a tender with the values its
// reasoning rests on, which the dossier states (internal/nl words it).
type Determination struct {
	// State is Determined, or MissingInput with Procedure empty.
	State     DeterminationState
	Kind      ContractKind
	Procedure Procedure
	European  bool
	// Total is the estimated value (of the values known) and Threshold
	// the EU threshold it was compared with.
	Total     contracts.Money
	Threshold contracts.Money
	// Band is the procurement-policy band a value below the threshold
	// was judged by; zero at or above the threshold.
	Band Band
	// Missing lists each value the estimate lacks (MissingValues); with
	// State MissingInput they are why there is no procedure.
	Missing []MissingValue
	// Override is set when a coordinator chose the procedure (Override).
	Override *ProcedureOverride
}

// ProcedureOverride is a coordinator's choice of procedure over the
// determined one, which the dossier must state with its justification
// (Aw 2012 art. 1.4).
type ProcedureOverride struct {
	// Determined is the determination the coordinator overrode.
	Determined    Determination
	Justification string
}

// Light reports whether d is the light regime for social and other
// specific services.
func (d Determination) Light() bool { return d.Procedure == ProcedureLight }

// DetermineProcedure chooses the procedure for a tender of kind with
// estimated value total. At or above the EU threshold (equal counts) it is
// a European procedure, open by default, with the restricted procedure,
// the competitive procedure with negotiation and the competitive dialogue
// as alternatives (Aw 2012 art. 2.26); for social and other specific
// services it is the light regime instead (Aw 2012 art. 2.38–2.39). Below
// the threshold the lead authority's procurement policy decides, within
// the obligation to choose on objective criteria (Aw 2012 art. 1.4); bands
// decides which band the value falls in, with separate bands for works.
func DetermineProcedure(kind ContractKind, total, threshold contracts.Money, bands PolicyBands) Determination {
	d := Determination{State: Determined, Kind: kind, Total: total, Threshold: threshold}
	switch {
	case total >= threshold && kind == KindSocial:
		d.Procedure, d.European = ProcedureLight, true
		return d
	case total >= threshold:
		d.Procedure, d.European = ProcedureOpen, true
		return d
	}
	d.Band = bands.band(kind, threshold)
	switch {
	case total < d.Band.SingleSourceBelow:
		d.Procedure = ProcedureSingleSource
	case total < d.Band.UpTo:
		d.Procedure = ProcedureMultiplePrivate
	default:
		d.Procedure = ProcedureOpen
	}
	return d
}

// Determine determines the procedure for a tender of kind from its
// estimate and the values the estimate lacks (MissingValues). An unknown
// value is not €0 (DESIGN §4): with values missing, a known part that
// already reaches the threshold decides (the missing values can only add
// to it); otherwise no procedure is determined and the Determination, in
// state MissingInput, names what is missing.
func Determine(kind ContractKind, e Estimate, missing []MissingValue, threshold contracts.Money, bands PolicyBands) Determination {
	if len(missing) == 0 {
		return DetermineProcedure(kind, e.Total, threshold, bands)
	}
	if e.Total >= threshold {
		d := DetermineProcedure(kind, e.Total, threshold, bands)
		d.Missing = slices.Clone(missing)
		return d
	}
	return Determination{State: MissingInput, Kind: kind, Total: e.Total, Threshold: threshold, Missing: slices.Clone(missing)}
}

// Override replaces the determined procedure by p at a coordinator's
// decision. A written justification is required, and it is recorded in
// the reasons, because the dossier must state why (Aw 2012 art. 1.4).
// At or above the threshold only a European procedure may be chosen
// (Aw 2012 art. 2.26); without a determination (missing input) too,
// because the threshold may be reached. The light regime is never chosen:
// it follows from the kind and the value (Aw 2012 art. 2.38). Problems are
// reported as apperr.FieldErrors on the fields "procedure" and
// "justification".
func Override(d Determination, p Procedure, justification string) (Determination, error) {
	var fe apperr.FieldErrors
	switch {
	case !p.Valid():
		fe.Add("procedure", apperr.Unknown, string(p))
	case p == ProcedureLight:
		fe.Add("procedure", apperr.LightRegimeChosen)
	case d.State == MissingInput && !p.European():
		fe.Add("procedure", apperr.EuropeanOnlyIncomplete)
	case d.European && !p.European():
		fe.Add("procedure", apperr.EuropeanOnlyAbove)
	}
	justification = strings.TrimSpace(justification)
	if justification == "" {
		fe.Add("justification", apperr.JustificationRequired)
	}
	if err := fe.Err(); err != nil {
		return d, fmt.Errorf("procurement: override procedure: %w", err)
	}
	out := d
	out.State, out.Procedure, out.European = Determined, p, d.European || d.State == MissingInput
	out.Missing = slices.Clone(d.Missing)
	out.Override = &ProcedureOverride{Determined: d, Justification: justification}
	return out, nil
}
