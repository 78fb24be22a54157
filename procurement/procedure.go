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

// Valid reports whether p is one of the known procedures.
func (p Procedure) Valid() bool { return p.Dutch() != "" }

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
	case ProcedureLight:
		return "verlicht regime voor sociale en andere specifieke diensten"
	}
	return ""
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

// band returns the bands that apply to kind: single-source below,
// multiple-private below, whether they are an assumption, and the Dutch
// name of the bands for the reasons.
func (b PolicyBands) band(kind ContractKind) (single, multiple contracts.Money, assumption bool, name string) {
	if kind == KindWorks {
		return b.WorksSingleSourceBelow, b.WorksMultiplePrivateBelow, b.WorksAssumption, "werken"
	}
	return b.SingleSourceBelow, b.MultiplePrivateBelow, b.Assumption, "leveringen en diensten"
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

// Determination is the procedure for a tender with the reasoning the
// dossier states.
type Determination struct {
	// State is Determined, or MissingInput with Procedure empty.
	State     DeterminationState
	Kind      ContractKind
	Procedure Procedure
	European  bool
	// Reasons states, in Dutch, each step of the reasoning and its basis.
	Reasons []string
	// Assumptions lists, in Dutch, the inputs that are assumptions rather
	// than the organization's own policy.
	Assumptions []string
	// Missing names, in Dutch, each value the estimate lacks (see
	// MissingValues); with State MissingInput they are why there is no
	// procedure.
	Missing []string
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
	if total >= threshold && kind == KindSocial {
		return Determination{
			State: Determined, Kind: kind, Procedure: ProcedureLight, European: true,
			Reasons: []string{
				fmt.Sprintf("sociale en andere specifieke diensten, geraamde waarde %s ≥ drempel %s (%s): verlicht regime (Aw 2012 art. 2.38), geen Europese openbare procedure",
					formatEuro(total), formatEuro(threshold), thresholdSource(threshold)),
				"verlicht regime: aankondiging van de opdracht of vooraankondiging, en na gunning een aankondiging van de gegunde opdracht (Aw 2012 art. 2.39)",
				"de aanbestedende dienst richt de procedure zelf in, met inachtneming van de beginselen van gelijke behandeling, transparantie en proportionaliteit; geen wettelijke minimumtermijnen (Aw 2012 art. 2.38–2.39)",
				"een Europese procedure van Aw 2012 art. 2.26 mag vrijwillig worden gevolgd",
			},
		}
	}
	if total >= threshold {
		return Determination{
			State: Determined, Kind: kind, Procedure: ProcedureOpen, European: true,
			Reasons: []string{
				fmt.Sprintf("geraamde waarde %s ≥ drempel %s (%s): Europese openbare procedure (Aw 2012 art. 2.26)",
					formatEuro(total), formatEuro(threshold), thresholdSource(threshold)),
				"alternatieven: niet-openbare procedure, mededingingsprocedure met onderhandeling of concurrentiegerichte dialoog, de laatste twee alleen onder de voorwaarden van Aw 2012 art. 2.28 (Aw 2012 art. 2.26)",
			},
		}
	}
	d := Determination{State: Determined, Kind: kind}
	below := fmt.Sprintf("geraamde waarde %s < drempel %s (%s): geen Europese procedure; het inkoopbeleid van de penvoerder bepaalt de procedure (Aw 2012 art. 1.4)",
		formatEuro(total), formatEuro(threshold), thresholdSource(threshold))
	d.Reasons = append(d.Reasons, below)
	single, multiple, assumption, name := bands.band(kind)
	upper, upperText := multiple, formatEuro(multiple)
	if upper <= 0 || upper > threshold {
		upper, upperText = threshold, "de drempel"
	}
	source := "inkoopbeleid, " + name
	if assumption {
		source = "standaardgrenzen " + name + " naar de orde van grootte van de Gids Proportionaliteit, aanname"
	}
	switch {
	case total < single:
		d.Procedure = ProcedureSingleSource
		d.Reasons = append(d.Reasons, fmt.Sprintf("geraamde waarde < %s: enkelvoudig onderhandse procedure (%s)", formatEuro(single), source))
	case total < upper:
		d.Procedure = ProcedureMultiplePrivate
		d.Reasons = append(d.Reasons, fmt.Sprintf("geraamde waarde van %s tot %s: meervoudig onderhandse procedure (%s)", formatEuro(single), upperText, source))
	default:
		d.Procedure = ProcedureOpen
		d.Reasons = append(d.Reasons, fmt.Sprintf("geraamde waarde van %s tot de drempel: nationale openbare procedure (%s)", upperText, source))
	}
	if assumption {
		text := fmt.Sprintf("de beleidsgrenzen voor %s (enkelvoudig onderhands onder %s, meervoudig onderhands tot %s", name, formatEuro(single), upperText)
		if upper < threshold {
			text += ", daarboven nationaal openbaar"
		}
		d.Assumptions = append(d.Assumptions, text+") zijn een aanname en nog niet door de organisatie vastgesteld")
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
	names := make([]string, len(missing))
	for i, m := range missing {
		names[i] = m.Dutch()
	}
	if e.Total >= threshold {
		d := DetermineProcedure(kind, e.Total, threshold, bands)
		d.Missing = names
		d.Reasons = append(d.Reasons, fmt.Sprintf("de raming mist nog %s; ontbrekende waarden kunnen de raming alleen verhogen, dus de drempel is hoe dan ook bereikt", countText(len(missing))))
		return d
	}
	return Determination{
		State: MissingInput, Kind: kind, Missing: names,
		Reasons: []string{
			fmt.Sprintf("geen procedure bepaald: de raming mist %s (%s); een onbekende waarde telt niet als € 0",
				countText(len(missing)), listText(names, 5)),
			fmt.Sprintf("de bekende waarden samen (%s) blijven onder de drempel %s (%s); pas met de ontbrekende waarden blijkt of een Europese procedure nodig is",
				formatEuro(e.Total), formatEuro(threshold), thresholdSource(threshold)),
		},
	}
}

// countText is "1 waarde" or "n waarden".
func countText(n int) string {
	if n == 1 {
		return "1 waarde"
	}
	return fmt.Sprintf("%d waarden", n)
}

// listText joins the first max items of names and says how many more
// there are.
func listText(names []string, max int) string {
	if len(names) <= max {
		return strings.Join(names, "; ")
	}
	return strings.Join(names[:max], "; ") + fmt.Sprintf("; en %d meer", len(names)-max)
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
	out := Determination{
		State:       Determined,
		Kind:        d.Kind,
		Procedure:   p,
		European:    d.European || d.State == MissingInput,
		Reasons:     slices.Clone(d.Reasons),
		Assumptions: slices.Clone(d.Assumptions),
		Missing:     slices.Clone(d.Missing),
	}
	from := d.Procedure.Dutch()
	if d.State == MissingInput {
		from = "geen (raming onvolledig)"
	}
	out.Reasons = append(out.Reasons, fmt.Sprintf("procedure door de coördinator gewijzigd van %s naar %s; motivering: %s",
		from, p.Dutch(), justification))
	return out, nil
}
