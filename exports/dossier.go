package exports

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// DefaultOCIDPrefix is the OCDS prefix used until one is configured. It is
// deliberately not of the registered form (RegisteredOCIDPrefix), so it
// can never pass for another publisher's prefix: ocids made with it are
// not globally unique. A cooperative that publishes OCDS registers its own
// prefix with the Open Contracting Partnership and configures it.
const DefaultOCIDPrefix = "ocds-samenkoop"

// RegisteredOCIDPrefix reports whether prefix has the form of a registered
// OCID prefix: the issuer's identifier "ocds", a hyphen and six randomly
// generated lowercase alphanumeric characters (OCDS 1.1.5, Identifiers,
// OCID prefix; only the Open Contracting Partnership issues them today).
// The form says nothing of whether the prefix was in fact registered, nor
// by whom.
func RegisteredOCIDPrefix(prefix string) bool {
	rest, ok := strings.CutPrefix(prefix, "ocds-")
	if !ok || len(rest) != 6 {
		return false
	}
	for _, r := range rest {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// DossierOptions configure the tender dossier and the OCDS release.
type DossierOptions struct {
	// OCIDPrefix is the registered OCDS prefix (ocds-abc123); the ocid is
	// the prefix, a dash and the tender id. DefaultOCIDPrefix when empty.
	OCIDPrefix string
	// Publisher names who publishes the dossier and the OCDS package
	// ("Samenkoop" when empty).
	Publisher string
	// BaseURL is the public address of this Samenkoop
	// (https://samenkoop.example.nl); the OCDS package URI is built from
	// it. Without it the package URI is a URN.
	BaseURL string
	// License is the URL of the licence of the OCDS package's data, and
	// PublicationPolicy the URL of the publisher's publication policy
	// (package fields license and publicationPolicy); each is left out
	// when empty.
	License           string
	PublicationPolicy string
}

// Dossier is what the tender dossier (Excel, PDF) and the OCDS release
// show: one loaded tender with its plan, the moment the export is made and
// the options. Generated comes from the caller, never from the clock at
// writing, so the same input always gives the same document.
//
// Released is when the OCDS release's content was first recorded
// (procurement.Service.RecordRelease for OCDSFingerprint): the release's
// date, from which with the content its id follows. Zero takes Generated.
type Dossier struct {
	procurement.TenderView
	Generated time.Time
	Released  time.Time
	Options   DossierOptions
}

// NewDossier returns the dossier of v, generated at generated, with the
// options' defaults filled in.
func NewDossier(v procurement.TenderView, generated time.Time, opts DossierOptions) Dossier {
	if strings.TrimSpace(opts.OCIDPrefix) == "" {
		opts.OCIDPrefix = DefaultOCIDPrefix
	}
	if strings.TrimSpace(opts.Publisher) == "" {
		opts.Publisher = "Samenkoop"
	}
	opts.BaseURL = strings.TrimRight(opts.BaseURL, "/")
	opts.License, opts.PublicationPolicy = strings.TrimSpace(opts.License), strings.TrimSpace(opts.PublicationPolicy)
	return Dossier{TenderView: v, Generated: generated, Options: opts}
}

// procedureText names the procedure that applies and whether it is
// European.
func procedureText(p procurement.Plan) string {
	if p.Determination.State == procurement.MissingInput {
		return "nog niet bepaald: de raming is onvolledig"
	}
	s := nl.Procedure(p.Procedure)
	if p.Determination.Light() {
		s += " (Aw 2012 art. 2.38–2.39)"
	} else if p.Determination.European {
		s = "Europese " + s
	} else if s != "" {
		s = "nationale " + s
	}
	if p.Overridden {
		s += " (door de coördinator gekozen)"
	}
	return s
}

// provinceName returns the name of a province code, or the code.
func provinceName(code string) string {
	if n := (contracts.Organization{Province: code}).ProvinceName(); n != "" {
		return n
	}
	return code
}

// The sections of the dossier, in the order both the workbook and the PDF
// show them.
const (
	sectionSummary      = "Samenvatting"
	sectionParticipants = "Deelnemers"
	sectionLots         = "Percelen"
	sectionRequirements = "Eisen"
	sectionTimeline     = "Planning"
	sectionCurrent      = "Huidige contracten"
	sectionAssumptions  = "Aannames"
)

// summaryDescription labels the tender's description in the summary, and
// summarySplit a split warning (the PDF gives both room of their own).
const (
	summaryDescription = "Omschrijving"
	summarySplit       = "Opsplitsing"
)

// summaryLine is one line of the summary: a label and its text. A line
// about an amount or a date also carries it, so that the workbook writes a
// number or a date cell where the PDF writes the text.
type summaryLine struct {
	Label, Value string
	// amount and note: the workbook writes the amount as a number and the
	// note beside it; Value is the amount and the note as text.
	amount *contracts.Money
	note   string
	date   contracts.Date
}

func amountLine(label string, m contracts.Money, note string) summaryLine {
	v := nl.Money(m)
	if note != "" {
		v += " " + note
	}
	return summaryLine{Label: label, Value: v, amount: &m, note: note}
}

// summary returns the dossier's summary lines, shared by the workbook and
// the PDF; the estimate per lot follows them as a table.
func (d Dossier) summary() []summaryLine {
	t := d.Tender
	lead := d.Lead.Name
	if lead == "" {
		lead = t.LeadName
	}
	if lead == "" {
		lead = t.Lead
	} else if t.Lead != "" {
		lead += " (" + t.Lead + ")"
	}
	line := func(label, value string) summaryLine { return summaryLine{Label: label, Value: value} }
	lines := []summaryLine{line("Aanbesteding", t.Title)}
	if t.Description != "" {
		lines = append(lines, line(summaryDescription, t.Description))
	}
	lines = append(lines,
		line("Kenmerk", strconv.FormatInt(t.ID, 10)),
	)
	if t.TenderNedID != "" {
		v := t.TenderNedID
		if t.TenderNedURL != "" {
			v += " (" + t.TenderNedURL + ")"
		}
		lines = append(lines, line("TenderNed-kenmerk", v))
	}
	lines = append(lines,
		line("Status", nl.TenderStatus(t.Status)),
		line("Penvoerder", lead),
		line("Categorie", t.CategoryName),
		line("CPV", t.CPV),
		line("Soort opdracht", nl.ContractKind(t.Kind)),
		line("Raamovereenkomst", nl.YesNo(t.Framework)),
		line("Looptijd", termText(t)),
		line("Procedure", procedureText(d.Plan)),
	)
	for _, r := range nl.DeterminationReasons(d.Plan.Determination) {
		lines = append(lines, line("Motivering", r))
	}
	for _, m := range d.Plan.Determination.Missing {
		lines = append(lines, line("Ontbrekende waarde", nl.MissingValue(m)))
	}
	if !d.Plan.ThresholdDate.IsZero() {
		lines = append(lines, amountLine("Drempel", d.Plan.Threshold, "(bij publicatie op "+nl.Date(d.Plan.ThresholdDate)+")"))
	}
	for _, r := range nl.ExemptionReasons(d.Plan.Exemption) {
		lines = append(lines, line("Percelenregeling", r))
	}
	lines = append(lines,
		amountLine("Geraamde waarde", d.Plan.Estimate.Total, "over alle percelen, opties en verlengingen meegeteld"),
		line("Grondslag raming", nl.EstimateBasis),
		amountLine("Jaarwaarde deelnemers", d.Annual(), ""),
		line("Mandaten", mandateText(d.Plan.Mandates)),
	)
	if d.Plan.Conflicts > 0 {
		what := fmt.Sprintf("%d eisen die de een moet en de ander niet nu noemt", d.Plan.Conflicts)
		if d.Plan.Conflicts == 1 {
			what = "1 eis die de een moet en de ander niet nu noemt"
		}
		lines = append(lines, line("Conflicten in eisen", what))
	}
	for _, m := range []struct{ key, label string }{
		{procurement.MilestonePublication, "Publicatie"},
		{procurement.MilestoneTenderDeadline, "Sluitingstermijn inschrijving"},
		{procurement.MilestoneAwardDecision, "Gunningsbeslissing"},
		{procurement.MilestoneStart, "Start overeenkomst"},
	} {
		if ms, ok := d.Plan.Milestone(m.key); ok {
			lines = append(lines, summaryLine{Label: m.label, Value: nl.Date(ms.Date), date: ms.Date})
		}
	}
	if d.Plan.TimelineProblem.Kind != "" {
		lines = append(lines, line("Planning", nl.Warning(d.Plan.TimelineProblem)))
	}
	for _, w := range d.Plan.Warnings {
		lines = append(lines, line("Waarschuwing", nl.Warning(w)))
	}
	for _, sp := range d.Splits {
		lines = append(lines, line(summarySplit, splitText(sp)))
	}
	return append(lines, line("Opgesteld", d.generatedText()))
}

// termText describes the term with its options: "24 maanden, opties 12 +
// 12 maanden: in totaal 48 maanden".
func termText(t procurement.Tender) string {
	if t.TermIndefinite {
		return fmt.Sprintf("%d maanden, daarna voor onbepaalde tijd (raming: maandwaarde × 48, Aw 2012 art. 2.16)", t.TermMonths)
	}
	if len(t.Options) == 0 {
		return fmt.Sprintf("%d maanden, zonder opties", t.TermMonths)
	}
	opts := make([]string, len(t.Options))
	for i, o := range t.Options {
		opts[i] = strconv.Itoa(o.Months)
	}
	return fmt.Sprintf("%d maanden, opties %s maanden: in totaal %d maanden", t.TermMonths, strings.Join(opts, " + "), t.TotalMonths())
}

func mandateText(m procurement.MandateProgress) string {
	s := fmt.Sprintf("%d van %d getekend", m.Signed, m.Participants)
	if m.Municipalities > 0 && m.Municipalities != m.Participants {
		s += fmt.Sprintf(" (gemeenten: %d van %d)", m.MunicipalitiesSigned, m.Municipalities)
	}
	if m.Revoked > 0 {
		s += fmt.Sprintf(", %d ingetrokken", m.Revoked)
	}
	return s
}

// mustByText lists every participant that rates c must, largest volume
// first: "Bernheze (GM1721), Schiermonnikoog (GM0088)".
func mustByText(c procurement.Consolidation) string {
	names := make([]string, len(c.MustBy))
	for i, s := range c.MustBy {
		names[i] = sideLabel(s)
	}
	return strings.Join(names, ", ")
}

// sideLabel names a participant on a side with its code.
func sideLabel(s procurement.SideRef) string {
	if s.Name == "" {
		return s.Organization
	}
	return s.Name + " (" + s.Organization + ")"
}

// splitPeriod is a tender's period in a split warning: "01-01-2026 t/m
// 31-12-2027", or "vanaf 01-01-2026 voor onbepaalde tijd".
func splitPeriod(t procurement.SplitTender) string {
	if t.Indefinite {
		return "vanaf " + nl.Date(t.Start) + " voor onbepaalde tijd"
	}
	return nl.Date(t.Start) + " t/m " + nl.Date(t.End)
}

// splitText states a split warning with the tenders it takes together:
// the warning, then "Aanbestedingen: Telefonie noord (kenmerk 1)
// € 120.000,00, 01-01-2026 t/m 31-12-2027; …".
func splitText(sp procurement.TenderSplit) string {
	parts := make([]string, len(sp.Tenders))
	for i, t := range sp.Tenders {
		parts[i] = fmt.Sprintf("%s (kenmerk %d) %s, %s", t.Title, t.ID, nl.Money(t.Value), splitPeriod(t))
	}
	return nl.Warning(sp.Warning) + ". Aanbestedingen: " + strings.Join(parts, "; ") + "."
}

// conflictText summarizes a conflict's sides per size class: "moet
// (100.000 en meer: 1); niet nu (< 20.000: 2)".
func conflictText(c procurement.Consolidation) string {
	if !c.Conflict {
		return ""
	}
	var must, wont []string
	for _, cc := range c.ByClass {
		if cc.Must > 0 {
			must = append(must, fmt.Sprintf("%s: %d", nl.SizeClass(cc.SizeClass), cc.Must))
		}
		if cc.Wont > 0 {
			wont = append(wont, fmt.Sprintf("%s: %d", nl.SizeClass(cc.SizeClass), cc.Wont))
		}
	}
	return "moet (" + strings.Join(must, ", ") + "); niet nu (" + strings.Join(wont, ", ") + ")"
}

// participantLabel names a participant with its code.
func participantLabel(p procurement.Participant) string {
	if p.Name == "" {
		return p.Organization
	}
	return p.Name + " (" + p.Organization + ")"
}

// currentRow is one participant's current contract with its gap.
type currentRow struct {
	Gap      procurement.Gap
	Contract contracts.ContractSummary
	Has      bool
}

// current returns one row per participant, in the plan's gap order.
func (d Dossier) current() []currentRow {
	out := make([]currentRow, 0, len(d.Plan.Gaps))
	for _, g := range d.Plan.Gaps {
		c, ok := d.Current[g.Organization]
		out = append(out, currentRow{Gap: g, Contract: c, Has: ok})
	}
	return out
}

// cpvOf is the lot's CPV code, else the tender's.
func cpvOf(lot, tender string) string {
	if lot != "" {
		return lot
	}
	return tender
}

// dossierAssumption is one assumption the dossier lists; amount is set
// when its value is an amount.
type dossierAssumption struct {
	nl.Assumed
	amount *contracts.Money
}

// assumptions returns the plan's assumptions and, for each lot with one,
// the assumed unit price the volumes are valued with.
func (d Dossier) assumptions() []dossierAssumption {
	out := make([]dossierAssumption, 0, len(d.Plan.Assumptions)+len(d.Lots))
	for _, a := range d.Plan.Assumptions {
		out = append(out, dossierAssumption{Assumed: nl.Assumption(a)})
	}
	for _, l := range d.Lots {
		if l.UnitPrice <= 0 {
			continue
		}
		price := l.UnitPrice
		unit := l.Unit
		if unit == "" {
			unit = "eenheid"
		}
		out = append(out, dossierAssumption{amount: &price, Assumed: nl.Assumed{
			Name:   fmt.Sprintf("Eenheidsprijs perceel %d: %s", l.Number, l.Title),
			Value:  nl.Money(price) + " per jaar per eenheid (" + unit + ")",
			Source: "aangenomen prijs voor deelnemers die een aantal zonder jaarwaarde opgeven",
		}})
	}
	return out
}

// generatedText says when and by whom the dossier was made: the date, and
// the time when it is not midnight (the web exports date their documents
// by the day).
func (d Dossier) generatedText() string {
	t := d.Generated.In(contracts.Amsterdam)
	when := t.Format("02-01-2006")
	if t.Hour() != 0 || t.Minute() != 0 {
		when = t.Format("02-01-2006 15:04")
	}
	return when + " door " + d.Options.Publisher
}
