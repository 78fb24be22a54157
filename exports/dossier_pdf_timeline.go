package exports

import (
	"fmt"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// The dossier PDF's planning section: the milestones with their legal
// basis and the phases between them drawn as a Gantt chart.

func (x *dossierPDF) timeline() {
	p, d := x.p, x.d
	p.Section("5. " + sectionTimeline)
	if d.Plan.TimelineProblem.Kind != "" {
		p.Paragraph("Let op: " + nl.Warning(d.Plan.TimelineProblem))
	}
	x.timelineChart()
	t := p.Table([]PDFColumn{
		{Header: "Stap", Width: 58, Wrap: true},
		{Header: "Datum", Width: 20},
		{Header: "Grondslag", Wrap: true},
	})
	for _, m := range d.Plan.Timeline {
		t.Row(nl.Capitalize(nl.Milestone(m.Key)), nl.Date(m.Date), nl.Basis(m.Basis))
	}
	t.End()
}

// timelinePhase is one bar of the timeline chart.
type timelinePhase struct {
	label    string
	from, to contracts.Date
}

// timelinePhases returns the phases between the plan's milestones, in
// order; a phase whose milestones the plan lacks is left out.
func timelinePhases(plan procurement.Plan) []timelinePhase {
	date := func(key string) contracts.Date {
		m, _ := plan.Milestone(key)
		return m.Date
	}
	tenderFrom := date(procurement.MilestoneInvitation)
	if tenderFrom.IsZero() {
		tenderFrom = date(procurement.MilestonePublication)
	}
	phases := []timelinePhase{
		{"Voorbereiding", date(procurement.MilestonePreparationStart), date(procurement.MilestonePublication)},
		{"Verzoeken tot deelneming", date(procurement.MilestonePublication), date(procurement.MilestoneRequestDeadline)},
		{"Selectie", date(procurement.MilestoneRequestDeadline), date(procurement.MilestoneInvitation)},
		{"Inschrijving", tenderFrom, date(procurement.MilestoneTenderDeadline)},
		{"Beoordeling", date(procurement.MilestoneTenderDeadline), date(procurement.MilestoneAwardDecision)},
		{"Opschortende termijn", date(procurement.MilestoneAwardDecision), date(procurement.MilestoneStandstillEnd)},
		{"Implementatie", date(procurement.MilestoneContractSignature), date(procurement.MilestoneStart)},
	}
	out := phases[:0]
	for _, ph := range phases {
		if !ph.from.IsZero() && !ph.to.IsZero() && !ph.to.Before(ph.from) {
			out = append(out, ph)
		}
	}
	return out
}

var dutchMonths = [...]string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}

// timelineChart draws the phases as a Gantt chart with fpdf primitives:
// a month grid, one bar per phase, a marker for each milestone on the
// bottom line, and a red line at today when today falls inside.
func (x *dossierPDF) timelineChart() {
	p, d := x.p, x.d
	phases := timelinePhases(d.Plan)
	if len(phases) == 0 || !p.ok() {
		return
	}
	first, last := phases[0].from, phases[0].to
	for _, ph := range phases {
		if ph.from.Before(first) {
			first = ph.from
		}
		if ph.to.After(last) {
			last = ph.to
		}
	}
	// The axis runs from the first of first's month to the first of the
	// month after last.
	from := contracts.NewDate(first.Year(), first.Month(), 1)
	to := contracts.NewDate(last.Year(), last.Month(), 1).AddMonths(1)
	span := float64(from.DaysUntil(to))
	const (
		labelW = 42.0
		rowH   = 6.5
		barH   = 3.6
		axisH  = 6.0
	)
	area := pdfBodyWidth - labelW
	height := axisH + rowH*float64(len(phases)) + 10
	p.EnsureSpace(height + 4)
	f := p.Fpdf()
	x0, y0 := pdfMarginLeft+labelW, f.GetY()+1
	xOf := func(day contracts.Date) float64 { return x0 + area*float64(from.DaysUntil(day))/span }
	months := 0
	for m := from; m.Before(to); m = m.AddMonths(1) {
		months++
	}
	step := 1
	for months/step > 14 {
		step++
	}
	f.SetFont(pdfFont, "", pdfSmallSize)
	p.setColor(pdfGrey)
	f.SetDrawColor(pdfRule[0], pdfRule[1], pdfRule[2])
	f.SetLineWidth(0.1)
	bottom := y0 + axisH + rowH*float64(len(phases))
	var ticks []string
	i := 0
	for m := from; !m.After(to); m = m.AddMonths(1) {
		xm := xOf(m)
		f.Line(xm, y0+axisH-1, xm, bottom)
		if i%step == 0 && m.Before(to) {
			label := dutchMonths[m.Month()-1]
			if m.Month() == 1 || i == 0 {
				label += " " + strconv.Itoa(m.Year())
			}
			f.SetXY(xm, y0)
			f.CellFormat(area*30/span, 4, label, "", 0, "L", false, 0, "")
			ticks = append(ticks, label)
		}
		i++
	}
	p.Log("Tijdlijn: " + strings.Join(ticks, " · "))
	for j, ph := range phases {
		y := y0 + axisH + rowH*float64(j)
		f.SetFont(pdfFont, "", pdfTableSize)
		p.setColor(pdfBlack)
		f.SetXY(pdfMarginLeft, y)
		f.CellFormat(labelW-2, rowH, p.fit(ph.label, labelW-2), "", 0, "L", false, 0, "")
		bx, bw := xOf(ph.from), max(xOf(ph.to.AddDays(1))-xOf(ph.from), 0.8)
		f.SetFillColor(pdfBlue[0], pdfBlue[1], pdfBlue[2])
		f.Rect(bx, y+(rowH-barH)/2, bw, barH, "F")
		p.Log(fmt.Sprintf("%s: %s – %s", ph.label, nl.Date(ph.from), nl.Date(ph.to)))
	}
	f.SetDrawColor(pdfRule[0], pdfRule[1], pdfRule[2])
	f.Line(x0, bottom, x0+area, bottom)
	// Milestones as small diamonds on the bottom line.
	f.SetFillColor(pdfBlack[0], pdfBlack[1], pdfBlack[2])
	for _, m := range d.Plan.Timeline {
		if m.Date.Before(from) || !m.Date.Before(to) {
			continue
		}
		xm := xOf(m.Date)
		f.Polygon([]fpdf.PointType{{X: xm, Y: bottom - 1.3}, {X: xm + 1.3, Y: bottom}, {X: xm, Y: bottom + 1.3}, {X: xm - 1.3, Y: bottom}}, "F")
	}
	if today := d.Today; !today.IsZero() && !today.Before(from) && today.Before(to) {
		xt := xOf(today)
		f.SetDrawColor(190, 30, 45)
		f.SetLineWidth(0.4)
		f.Line(xt, y0+axisH-1, xt, bottom+2)
		f.SetFont(pdfFont, "", pdfSmallSize)
		f.SetTextColor(190, 30, 45)
		f.SetXY(xt-15, bottom+2)
		f.CellFormat(30, 4, "vandaag "+nl.Date(today), "", 0, "C", false, 0, "")
		p.Log("vandaag " + nl.Date(today))
		f.SetLineWidth(0.1)
	}
	f.SetXY(pdfMarginLeft, bottom+8)
	p.bodyFont()
}
