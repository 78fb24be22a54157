package exports

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// The tender dossier as a PDF, section by section; the planning section
// with its timeline chart is in dossier_pdf_timeline.go.

// DossierPDF writes the tender dossier as an A4 PDF for councils and
// management: a cover, the contents, and the sections of the workbook
// (summary with the procedure's reasoning and the estimate per lot,
// participants with mandates and volumes, lots, requirements with their
// conflicts by size class, the planning with a timeline chart and the
// legal basis of every milestone, current contracts with their gaps, and
// the assumptions). Tables repeat their header on every page they run
// over; every page says "pagina x van y". The document's dates come from
// d.Generated, so the same input gives the same bytes.
//
// The requirement matrix itself (every participant's rating of every
// requirement) is the workbook's: at 283 participants it is no page. The
// PDF gives each requirement's ratings counted, its consolidated
// priority, and each conflict with the participants on both sides.
func DossierPDF(w io.Writer, d Dossier) error {
	if err := DossierPDFDocument(d).Output(w); err != nil {
		return fmt.Errorf("exports: dossier pdf tender %d: %w", d.Tender.ID, err)
	}
	return nil
}

// DossierPDFDocument builds the dossier's PDF as DossierPDF writes it,
// without writing it: Output writes it, and Text then gives the text of
// each page. A problem met while building is returned by Output.
func DossierPDFDocument(d Dossier) *PDF {
	generated := d.Generated.In(contracts.Amsterdam)
	p := NewPDF(PDFInfo{
		Title:    "Aanbestedingsdossier " + d.Tender.Title,
		Subject:  "Gezamenlijke aanbesteding",
		Author:   d.Options.Publisher,
		Keywords: joinNonEmpty(", ", "aanbestedingsdossier", d.Tender.CPV, d.Tender.CategoryName),
		Created:  d.Generated,
		Footer:   d.Options.Publisher + " · aanbestedingsdossier · " + generated.Format("02-01-2006"),
	})
	x := dossierPDF{p: p, d: d, lots: d.LotSummaries()}
	x.cover()
	p.Contents(1)
	x.summary()
	x.participants()
	x.lotSection()
	x.requirements()
	x.timeline()
	x.current()
	x.assumptions()
	return p
}

// dossierPDF writes the dossier's sections into a PDF.
type dossierPDF struct {
	p    *PDF
	d    Dossier
	lots []procurement.LotSummary
}

func (x *dossierPDF) cover() {
	d := x.d
	lead := d.Lead.Name
	if lead == "" {
		lead = d.Tender.LeadName
	}
	x.p.Cover("Aanbestedingsdossier", d.Tender.Title, [][2]string{
		{"Penvoerder", lead},
		{"Categorie", joinNonEmpty(" · ", d.Tender.CategoryName, d.Tender.CPV)},
		{"Procedure", procedureText(d.Plan)},
		{"Geraamde waarde", nl.Money(d.Plan.Estimate.Total)},
		{"Deelnemers", fmt.Sprintf("%d, mandaten %s", len(d.Participants), mandateText(d.Plan.Mandates))},
		{"Status", nl.TenderStatus(d.Tender.Status)},
		{"Opgesteld", d.generatedText()},
	})
}

func (x *dossierPDF) summary() {
	p, d := x.p, x.d
	p.Section("1. " + sectionSummary)
	// The description is a paragraph of its own: a definition line holds
	// six lines at most.
	if d.Tender.Description != "" {
		p.Paragraph(d.Tender.Description)
	}
	var pairs [][2]string
	for _, l := range d.summary() {
		if l.Label != summaryDescription && l.Label != summarySplit {
			pairs = append(pairs, [2]string{l.Label, l.Value})
		}
	}
	p.Definitions(pairs)
	if len(d.Splits) > 0 {
		// Room of its own: a definition line would cut the tenders off.
		p.Subsection("Opsplitsing")
		for _, sp := range d.Splits {
			p.Paragraph(nl.Warning(sp.Warning) + ".")
			t := p.Table([]PDFColumn{
				{Header: "Kenmerk", Width: 18, Align: AlignRight},
				{Header: "Aanbesteding", Wrap: true},
				{Header: "Geraamde waarde", Width: 32, Align: AlignRight},
				{Header: "Looptijd", Width: 50, Wrap: true},
			})
			for _, st := range sp.Tenders {
				t.Row(strconv.FormatInt(st.ID, 10), st.Title, nl.Money(st.Value), splitPeriod(st))
			}
			t.BoldRow("", "Samen", nl.Money(sp.Sum), "")
			t.End()
		}
	}
	p.Subsection("Geraamde waarde per perceel")
	t := p.Table([]PDFColumn{
		{Header: "Perceel", Wrap: true},
		{Header: "Jaarwaarde", Width: 30, Align: AlignRight},
		{Header: "Maanden", Width: 18, Align: AlignRight},
		{Header: "Geraamde waarde", Width: 32, Align: AlignRight},
	})
	var annual contracts.Money
	for _, l := range x.lots {
		annual += l.Annual
		t.Row(fmt.Sprintf("%d. %s", l.Number, l.Title), nl.Money(l.Annual), strconv.Itoa(l.Estimate.Months), nl.Money(l.Estimate.Value))
	}
	t.BoldRow("Totaal", nl.Money(annual), "", nl.Money(d.Plan.Estimate.Total))
	t.End()
	for _, l := range x.lots {
		p.Note(fmt.Sprintf("Perceel %d: %s", l.Number, nl.LotEstimateBasis(l.Estimate)))
	}
	p.Note(nl.EstimateBasis)
}

func (x *dossierPDF) participants() {
	p, d := x.p, x.d
	p.Section("2. " + sectionParticipants)
	p.Paragraph(fmt.Sprintf("%d deelnemers; mandaten: %s.", len(d.Participants), mandateText(d.Plan.Mandates)))
	t := p.Table([]PDFColumn{
		{Header: "Code", Width: 15},
		{Header: "Naam", Wrap: true},
		{Header: "Provincie", Width: 24},
		{Header: "Inwoners", Width: 16, Align: AlignRight},
		{Header: "Grootteklasse", Width: 26, Wrap: true},
		{Header: "Mandaat", Width: 20},
		{Header: "Getekend op", Width: 19},
		{Header: "Jaarwaarde", Width: 24, Align: AlignRight},
	})
	var inhabitants int64
	for _, pt := range d.Participants {
		inhabitants += int64(pt.Population)
		t.Row(pt.Organization, pt.Name, provinceName(pt.Province), nl.Number(pt.Population),
			nl.SizeClass(contracts.SizeClassOf(pt.Population)), nl.MandateStatus(pt.Mandate.Status), nl.Date(pt.Mandate.Signed), nl.Money(pt.Annual()))
	}
	t.BoldRow("Totaal", "", "", nl.Number(inhabitants), "", "", "", nl.Money(d.Annual()))
	t.End()
	if len(x.lots) == 0 {
		return
	}
	p.Subsection("Volume per perceel")
	cols := []PDFColumn{{Header: "Deelnemer", Width: 36, Wrap: true}}
	for _, l := range x.lots {
		unit := l.Unit
		if unit == "" {
			unit = "aantal"
		}
		cols = append(cols, PDFColumn{Header: fmt.Sprintf("P%d %s", l.Number, unit), Align: AlignRight},
			PDFColumn{Header: fmt.Sprintf("P%d jaarwaarde", l.Number), Align: AlignRight})
	}
	t = p.Table(cols)
	for _, pt := range d.Participants {
		cells := []string{pt.Name}
		for _, l := range x.lots {
			v, ok := pt.Volume(l.ID)
			if !ok {
				cells = append(cells, "", "")
				continue
			}
			cells = append(cells, nl.Number(v.Quantity), nl.Money(v.Annual))
		}
		t.Row(cells...)
	}
	totals := []string{"Totaal"}
	for _, l := range x.lots {
		totals = append(totals, nl.Number(l.Quantity), nl.Money(l.Annual))
	}
	t.BoldRow(totals...)
	t.End()
}

func (x *dossierPDF) lotSection() {
	p, d := x.p, x.d
	p.Section("3. " + sectionLots)
	t := p.Table([]PDFColumn{
		{Header: "Nr", Width: 9, Align: AlignRight},
		{Header: "Perceel", Wrap: true},
		{Header: "CPV", Width: 20},
		{Header: "Deelnemers", Width: 21, Align: AlignRight},
		{Header: "Jaarwaarde", Width: 27, Align: AlignRight},
		{Header: "Geraamde waarde", Width: 29, Align: AlignRight},
		{Header: "Gegund aan", Width: 28, Wrap: true},
	})
	for _, l := range x.lots {
		t.Row(strconv.Itoa(l.Number), l.Title, cpvOf(l.CPV, d.Tender.CPV), strconv.Itoa(l.Participants), nl.Money(l.Annual), nl.Money(l.Estimate.Value), l.VendorName)
	}
	t.BoldRow("", "Totaal", "", "", nl.Money(d.Annual()), nl.Money(d.Plan.Estimate.Total), "")
	t.End()
	for _, r := range nl.ExemptionReasons(d.Plan.Exemption) {
		p.Paragraph("Percelenregeling: " + r)
	}
	for _, l := range x.lots {
		if l.Exempt {
			p.Paragraph(fmt.Sprintf("Perceel %d (%s) mag buiten de Europese procedure worden aanbesteed (Aw 2012 art. 2.19).", l.Number, l.Title))
		}
	}
}

func (x *dossierPDF) requirements() {
	p, d := x.p, x.d
	p.Section("4. " + sectionRequirements)
	p.Paragraph(fmt.Sprintf("Elke deelnemer beoordeelt elke eis als moet, zou moeten, kan of niet nu (%s). Een eis wordt moet als deelnemers met samen ten minste de ingestelde grens van het volume hem moet noemen; %s. De volledige matrix per deelnemer staat in het Excel-dossier.",
		nl.RatingLegend(), conflictCount(d.Plan.Conflicts)))
	t := p.Table([]PDFColumn{
		{Header: "Nr", Width: 8, Align: AlignRight},
		{Header: "Eis", Wrap: true},
		{Header: "Soort", Width: 27},
		{Header: "Geconsolideerd", Width: 25, Wrap: true},
		{Header: "Moet", Width: 11, Align: AlignRight},
		{Header: "Zou moeten", Width: 19, Align: AlignRight},
		{Header: "Kan", Width: 10, Align: AlignRight},
		{Header: "Niet nu", Width: 14, Align: AlignRight},
		{Header: "Conflict", Width: 15},
	})
	for _, c := range d.Plan.Requirements {
		counts := make([]string, 4)
		for i, s := range c.Shares {
			if i < 4 {
				counts[i] = strconv.Itoa(s.Participants)
			}
		}
		conflict := ""
		if c.Conflict {
			conflict = "ja"
		}
		t.Row(append([]string{strconv.Itoa(c.Requirement.Number), c.Requirement.Text, nl.RequirementKind(c.Requirement.Kind), nl.Consolidation(c)},
			append(counts, conflict)...)...)
	}
	t.End()
	if d.Plan.Conflicts > 0 {
		// One heading for all conflicts: a tender can have dozens, and the
		// contents page lists headings only.
		p.Subsection("Conflicten")
		for _, c := range d.Plan.Requirements {
			if c.Conflict {
				p.Definitions([][2]string{
					{fmt.Sprintf("Eis %d", c.Requirement.Number), c.Requirement.Text},
					{"Moet", sideNames(c.MustSide)},
					{"Niet nu", sideNames(c.WontSide)},
					{"Per grootteklasse", conflictText(c)},
					{"Geconsolideerd", nl.ConsolidationReason(c)},
				})
			}
		}
	}
	// A must of any participant stays visible (DESIGN §4), also where
	// the consolidation is not must.
	var mustBy [][2]string
	for _, c := range d.Plan.Requirements {
		if len(c.MustBy) > 0 && c.Priority != procurement.Must {
			mustBy = append(mustBy, [2]string{fmt.Sprintf("Eis %d", c.Requirement.Number), nl.Consolidation(c) + "; moet bij: " + sideNames(c.MustBy)})
		}
	}
	if len(mustBy) > 0 {
		p.Subsection("Moet bij deelnemers")
		p.Paragraph("Eisen die niet als moet zijn geconsolideerd, maar die deelnemers wel moet noemen.")
		p.Definitions(mustBy)
	}
	p.Subsection("Beoordeling per deelnemer")
	t = p.Table([]PDFColumn{
		{Header: "Deelnemer", Wrap: true},
		{Header: "Grootteklasse", Width: 26, Wrap: true},
		{Header: "Moet", Width: 14, Align: AlignRight},
		{Header: "Zou moeten", Width: 19, Align: AlignRight},
		{Header: "Kan", Width: 11, Align: AlignRight},
		{Header: "Niet nu", Width: 14, Align: AlignRight},
		{Header: "Niet beoordeeld", Width: 24, Align: AlignRight},
	})
	for _, pt := range d.Participants {
		n := d.RatingTally(pt.Organization)
		t.Row(participantLabel(pt), nl.SizeClass(contracts.SizeClassOf(pt.Population)),
			strconv.Itoa(n.Must), strconv.Itoa(n.Should), strconv.Itoa(n.Could), strconv.Itoa(n.Wont), strconv.Itoa(n.Unrated))
	}
	t.End()
}

// conflictCount says how many requirements are in conflict.
func conflictCount(n int) string {
	switch n {
	case 0:
		return "bij geen enkele eis noemt de ene deelnemer moet en een andere niet nu"
	case 1:
		return "bij 1 eis noemt de ene deelnemer moet en een andere niet nu: een conflict"
	}
	return fmt.Sprintf("bij %d eisen noemt de ene deelnemer moet en een andere niet nu: conflicten", n)
}

// sideNames lists one side of a conflict with each participant's size
// class, largest volume first; past 12 names it counts the rest.
func sideNames(side []procurement.SideRef) string {
	const most = 12
	names := make([]string, 0, min(len(side), most))
	for i, s := range side {
		if i == most {
			names = append(names, fmt.Sprintf("en %d andere", len(side)-most))
			break
		}
		names = append(names, fmt.Sprintf("%s (%s)", s.Name, nl.SizeClass(s.SizeClass)))
	}
	return strings.Join(names, ", ")
}

func (x *dossierPDF) current() {
	p := x.p
	p.Section("6. " + sectionCurrent)
	p.Paragraph("Per deelnemer het lopende contract in deze categorie, vergeleken met de geplande start van de nieuwe overeenkomst: sluit het aan, is er een gat, en is dat met een verlenging te overbruggen.")
	t := p.Table([]PDFColumn{
		{Header: "Deelnemer", Width: 32, Wrap: true},
		{Header: "Contract", Width: 24},
		{Header: "Leverancier", Width: 26, Wrap: true},
		{Header: "Vast tot en met", Width: 19},
		{Header: "Situatie", Width: 22, Wrap: true},
		{Header: "Toelichting", Wrap: true},
	})
	for _, c := range x.d.current() {
		g := c.Gap
		t.Row(g.Name, g.ContractNumber, g.VendorName, nl.Date(g.CommittedEnd), nl.GapKind(g.Kind), nl.GapReason(g))
	}
	t.End()
}

func (x *dossierPDF) assumptions() {
	p := x.p
	p.Section("7. " + sectionAssumptions)
	p.Paragraph("Waarden waarop dit dossier rust en die een keuze zijn, geen wet. Ze zijn in te stellen; de uitkomsten veranderen mee.")
	t := p.Table([]PDFColumn{
		{Header: "Aanname", Width: 48, Wrap: true},
		{Header: "Waarde", Wrap: true},
		{Header: "Bron", Width: 52, Wrap: true},
	})
	for _, a := range x.d.assumptions() {
		t.Row(a.Name, a.Value, a.Source)
	}
	t.End()
}
