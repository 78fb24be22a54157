package exports

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// DossierXLSX writes the tender dossier as an Excel workbook with the
// sheets Samenvatting (the tender, the procedure with its reasoning and
// the estimated value per lot), Deelnemers (mandates and volumes per
// lot), Percelen, Eisen (the MoSCoW matrix with the consolidated priority,
// who rates must and conflicts highlighted), Planning (milestones with
// their legal basis), Huidige contracten (each participant's current
// contract and the gap to the planned start) and Aannames. A split
// warning stands in the summary.
//
// Amounts are numbers in the `€ #.##0,00` format and dates are dates;
// totals are SUM formulas, so the sheet stays live when someone edits a
// volume. Header rows are frozen and filtered; text is always stored as
// text, so a name that starts with = is never computed. The document
// properties carry d.Generated: the same input gives the same workbook.
func DossierXLSX(w io.Writer, d Dossier) error {
	wb, err := newWorkbook(sectionSummary, WorkbookInfo{
		Title:       "Aanbestedingsdossier " + d.Tender.Title,
		Subject:     "Gezamenlijke aanbesteding",
		Created:     d.Generated,
		Description: fmt.Sprintf("Dossier van aanbesteding %d, opgesteld door %s.", d.Tender.ID, d.Options.Publisher),
	})
	if err != nil {
		return fmt.Errorf("exports: dossier xlsx tender %d: %w", d.Tender.ID, err)
	}
	defer wb.close()
	x, err := newDossierBook(wb, d)
	if err == nil {
		err = x.write()
	}
	if err == nil {
		err = wb.writeTo(w)
	}
	if err != nil {
		return fmt.Errorf("exports: dossier xlsx tender %d: %w", d.Tender.ID, err)
	}
	return nil
}

// dossierBook writes the dossier's sheets into a workbook.
type dossierBook struct {
	*workbook
	d    Dossier
	lots []procurement.LotSummary
	// Styles of the dossier on top of the shared ones.
	label, rotated, conflict, mustSide, wontSide int
}

func newDossierBook(wb *workbook, d Dossier) (*dossierBook, error) {
	x := &dossierBook{workbook: wb, d: d, lots: d.LotSummaries()}
	var errs []error
	style := func(s *excelize.Style) int {
		id, err := wb.f.NewStyle(s)
		errs = append(errs, err)
		return id
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	fill := func(color string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	}
	x.label = style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top})
	x.rotated = style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill("DCE6F0"),
		Alignment: &excelize.Alignment{TextRotation: 90, Vertical: "bottom", Horizontal: "center"},
		Border:    []excelize.Border{{Type: "bottom", Color: "4F6D8F", Style: 1}}})
	// The red and yellow of Excel's own "bad" and "neutral" cell styles.
	x.conflict = style(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "9C0006"}, Fill: fill("FFC7CE"), Alignment: top})
	x.mustSide = style(&excelize.Style{Font: &excelize.Font{Color: "9C5700"}, Fill: fill("FFEB9C"), Alignment: &excelize.Alignment{Horizontal: "center"}})
	x.wontSide = style(&excelize.Style{Font: &excelize.Font{Color: "9C0006"}, Fill: fill("FFC7CE"), Alignment: &excelize.Alignment{Horizontal: "center"}})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return x, nil
}

func (x *dossierBook) write() error {
	steps := []struct {
		sheet string
		write func(sheet string) error
	}{
		{sectionSummary, x.summary},
		{sectionParticipants, x.participants},
		{sectionLots, x.lotSheet},
		{sectionRequirements, x.requirements},
		{sectionTimeline, x.timeline},
		{sectionCurrent, x.current},
		{sectionAssumptions, x.assumptions},
	}
	for i, s := range steps {
		if i > 0 {
			if err := x.sheet(s.sheet); err != nil {
				return err
			}
		}
		if err := s.write(s.sheet); err != nil {
			return fmt.Errorf("sheet %s: %w", s.sheet, err)
		}
	}
	// Formulas carry their cached values for readers that do not
	// calculate; Excel and LibreOffice compute them again on opening.
	full := true
	return x.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full})
}

// wrapped returns a text cell that wraps at the column width.
func (x *dossierBook) wrapped(s string) xcell {
	c := x.text(s)
	c.style = x.st.wrap
	return c
}

// styled returns c with style.
func styled(c xcell, style int) xcell {
	c.style = style
	return c
}

// frozen freezes the rows above row rows+1 and the columns left of
// column cols+1.
func (x *dossierBook) frozen(sheet string, rows, cols int) error {
	if cols == 0 {
		return x.freeze(sheet, rows)
	}
	top := cell(cols+1, rows+1)
	return x.f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: top, ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomRight"}}})
}

// summary writes the summary lines, then the estimated value per lot
// with its totals as formulas.
func (x *dossierBook) summary(sheet string) error {
	d := x.d
	if err := x.row(sheet, 1, styled(x.text("Aanbestedingsdossier: "+d.Tender.Title), x.st.title)); err != nil {
		return err
	}
	if err := x.widths(sheet, 30, 80, 18, 12, 18); err != nil {
		return err
	}
	r := 3
	for _, l := range d.summary() {
		cells := []xcell{styled(x.text(l.Label), x.label), x.wrapped(l.Value)}
		switch {
		case l.amount != nil:
			cells[1] = x.money(*l.amount)
			if l.note != "" {
				cells = append(cells, styled(x.text(l.note), x.st.note))
			}
		case !l.date.IsZero():
			cells[1] = x.date(l.date)
		}
		if err := x.row(sheet, r, cells...); err != nil {
			return err
		}
		r++
	}
	r++
	if err := x.row(sheet, r, styled(x.text("Geraamde waarde per perceel"), x.label)); err != nil {
		return err
	}
	r++
	if err := x.header(sheet, r, "Perceel", "Grondslag", "Jaarwaarde", "Maanden", "Geraamde waarde"); err != nil {
		return err
	}
	first := r + 1
	var annual, estimate contracts.Money
	for _, l := range x.lots {
		annual, estimate = annual+l.Annual, estimate+l.Estimate.Value
		r++
		if err := x.row(sheet, r, x.wrapped(fmt.Sprintf("%d. %s", l.Number, l.Title)), x.wrapped(nl.LotEstimateBasis(l.Estimate)),
			x.money(l.Annual), x.whole(int64(l.Estimate.Months)), x.money(l.Estimate.Value)); err != nil {
			return err
		}
	}
	last := r
	r++
	if err := x.row(sheet, r, styled(x.text("Totaal"), x.st.bold), styled(x.text(nl.EstimateBasis), x.st.wrap),
		formula(sumFormula(3, first, last), moneyValue(annual), x.st.boldMoney), xcell{},
		formula(sumFormula(5, first, last), moneyValue(estimate), x.st.boldMoney)); err != nil {
		return err
	}
	return x.freeze(sheet, 1)
}

// participants writes one row per participant with its mandate and its
// volume and annual value per lot, and a totals row.
func (x *dossierBook) participants(sheet string) error {
	heads := []string{"Code", "Naam", "Provincie", "Inwoners", "Grootteklasse", "Mandaat", "Getekend op", "Besluit door", "Kenmerk besluit"}
	widths := []float64{10, 26, 14, 11, 16, 12, 12, 18, 18}
	const fixed = 9
	for _, l := range x.lots {
		unit := l.Unit
		if unit == "" {
			unit = "aantal"
		}
		heads = append(heads, fmt.Sprintf("Perceel %d %s", l.Number, unit), fmt.Sprintf("Perceel %d jaarwaarde", l.Number))
		widths = append(widths, 12, 16)
	}
	heads = append(heads, "Geraamde jaarwaarde")
	widths = append(widths, 18)
	total := len(heads)
	n := len(x.d.Participants)
	first, err := x.table(sheet, 1, heads, widths, n)
	if err != nil {
		return err
	}
	// The totals row sums each column the rows write.
	var (
		population int64
		quantities = make([]int64, len(x.lots))
		annuals    = make([]contracts.Money, len(x.lots))
		all        contracts.Money
	)
	for i, p := range x.d.Participants {
		r := first + i
		population += int64(p.Population)
		cells := []xcell{
			x.text(p.Organization), x.text(p.Name), x.text(provinceName(p.Province)), x.whole(int64(p.Population)),
			x.text(nl.SizeClass(contracts.SizeClassOf(p.Population))), x.text(nl.MandateStatus(p.Mandate.Status)),
			x.date(p.Mandate.Signed), x.text(nl.DecidingBody(p.Mandate.Body)), x.text(p.Mandate.Reference),
		}
		if p.Mandate.Status != procurement.MandateSigned {
			cells[5].style = x.conflict
		}
		var own contracts.Money
		for j, l := range x.lots {
			v, _ := p.Volume(l.ID)
			cells = append(cells, x.whole(v.Quantity), x.money(v.Annual))
			quantities[j], annuals[j], own = quantities[j]+v.Quantity, annuals[j]+v.Annual, own+v.Annual
		}
		all += own
		cells = append(cells, formula(rowSum(r, fixed+2, len(x.lots)), moneyValue(own), x.st.money))
		if err := x.row(sheet, r, cells...); err != nil {
			return err
		}
	}
	last := first + n - 1
	totals := make([]xcell, total)
	totals[0] = styled(x.text("Totaal"), x.st.bold)
	totals[1] = styled(x.text(mandateText(x.d.Plan.Mandates)), x.st.bold)
	totals[3] = formula(sumFormula(4, first, last), float64(population), x.st.boldWhole)
	for i := range x.lots {
		q, a := fixed+1+2*i, fixed+2+2*i
		totals[q-1] = formula(sumFormula(q, first, last), float64(quantities[i]), x.st.boldWhole)
		totals[a-1] = formula(sumFormula(a, first, last), moneyValue(annuals[i]), x.st.boldMoney)
	}
	totals[total-1] = formula(sumFormula(total, first, last), moneyValue(all), x.st.boldMoney)
	if err := x.row(sheet, last+1, totals...); err != nil {
		return err
	}
	return x.frozen(sheet, 1, 2)
}

// rowSum returns SUM over the lots' annual-value cells of row r: every
// second column from col, n of them. Without lots it is 0.
func rowSum(r, col, n int) string {
	if n == 0 {
		return "0"
	}
	refs := ""
	for i := range n {
		if i > 0 {
			refs += ","
		}
		refs += cell(col+2*i, r)
	}
	return "SUM(" + refs + ")"
}

// lotSheet writes one row per lot with its demand, estimate and award.
func (x *dossierBook) lotSheet(sheet string) error {
	heads := []string{"Nr", "Perceel", "CPV", "Eenheid", "Eenheidsprijs (aanname)", "Deelnemers", "Aantal", "Jaarwaarde",
		"Looptijd (maanden)", "Geraamde waarde", "Grondslag", "Buiten Europese procedure", "Gegund aan"}
	first, err := x.table(sheet, 1, heads, []float64{6, 28, 13, 14, 14, 12, 11, 16, 12, 18, 60, 14, 24}, len(x.lots))
	if err != nil {
		return err
	}
	var annual, estimate contracts.Money
	for i, l := range x.lots {
		annual, estimate = annual+l.Annual, estimate+l.Estimate.Value
		var price xcell
		if l.UnitPrice > 0 {
			price = x.money(l.UnitPrice)
		}
		if err := x.row(sheet, first+i, x.whole(int64(l.Number)), x.wrapped(l.Title), x.text(cpvOf(l.CPV, x.d.Tender.CPV)), x.text(l.Unit),
			price, x.whole(int64(l.Participants)), x.whole(l.Quantity), x.money(l.Annual), x.whole(int64(l.Estimate.Months)),
			x.money(l.Estimate.Value), x.wrapped(nl.LotEstimateBasis(l.Estimate)), x.text(nl.YesNo(l.Exempt)), x.text(l.VendorName)); err != nil {
			return err
		}
	}
	last := first + len(x.lots) - 1
	totals := make([]xcell, len(heads))
	totals[1] = styled(x.text("Totaal"), x.st.bold)
	totals[7] = formula(sumFormula(8, first, last), moneyValue(annual), x.st.boldMoney)
	totals[9] = formula(sumFormula(10, first, last), moneyValue(estimate), x.st.boldMoney)
	return x.row(sheet, last+1, totals...)
}

// requirements writes the requirement × participant matrix: per
// requirement its consolidated priority (or that it is insufficiently
// rated), must share, conflict and every participant that rates it must,
// then each participant's rating. In a conflict the must and won't cells are
// coloured, so the disagreement shows at a glance.
func (x *dossierBook) requirements(sheet string) error {
	heads := []string{"Nr", "Eis", "Soort", "Geconsolideerd", "Moet-aandeel", "Conflict", "Conflict per grootteklasse (inwoners)", "Toelichting", "Moet bij"}
	widths := []float64{6, 50, 18, 16, 12, 10, 34, 48, 40}
	const fixed = 9
	for range x.d.Participants {
		widths = append(widths, 6)
	}
	first, err := x.table(sheet, 1, heads, widths, len(x.d.Plan.Requirements))
	if err != nil {
		return err
	}
	for i, p := range x.d.Participants {
		ref := cell(fixed+1+i, 1)
		if err := x.f.SetCellStr(sheet, ref, xlsxText(participantLabel(p))); err != nil {
			return err
		}
		if err := x.f.SetCellStyle(sheet, ref, ref, x.rotated); err != nil {
			return err
		}
	}
	if len(x.d.Participants) > 0 {
		if err := x.filter(sheet, 1, fixed+len(x.d.Participants), len(x.d.Plan.Requirements)+1); err != nil {
			return err
		}
		if err := x.f.SetRowHeight(sheet, 1, 130); err != nil {
			return err
		}
	}
	for i, c := range x.d.Plan.Requirements {
		req := c.Requirement
		var share xcell
		if !c.Unrated {
			share = x.percent(c.Shares[0].BasisPoints)
		}
		conflict := x.text(nl.YesNo(c.Conflict))
		if c.Conflict {
			conflict.style = x.conflict
		}
		cells := []xcell{x.whole(int64(req.Number)), x.wrapped(req.Text), x.text(nl.RequirementKind(req.Kind)), x.wrapped(nl.Consolidation(c)),
			share, conflict, x.wrapped(conflictText(c)), x.wrapped(nl.ConsolidationReason(c)), x.wrapped(mustByText(c))}
		for _, p := range x.d.Participants {
			rating, ok := req.Ratings[p.Organization]
			if !ok {
				cells = append(cells, xcell{})
				continue
			}
			rc := x.text(nl.RatingLetter(rating))
			switch {
			case c.Conflict && rating == procurement.Must:
				rc.style = x.mustSide
			case c.Conflict && rating == procurement.Wont:
				rc.style = x.wontSide
			}
			cells = append(cells, rc)
		}
		if err := x.row(sheet, first+i, cells...); err != nil {
			return err
		}
	}
	// The letters of the matrix explained once, below it.
	if len(x.d.Plan.Requirements) > 0 {
		if err := x.row(sheet, first+len(x.d.Plan.Requirements)+1, x.text(nl.RatingLegend())); err != nil {
			return err
		}
	}
	return x.frozen(sheet, 1, 2)
}

// timeline writes the milestones with their dates and legal basis.
func (x *dossierBook) timeline(sheet string) error {
	p := x.d.Plan
	first, err := x.table(sheet, 1, []string{"Stap", "Datum", "Grondslag"}, []float64{44, 12, 100}, len(p.Timeline))
	if err != nil {
		return err
	}
	for i, m := range p.Timeline {
		if err := x.row(sheet, first+i, x.text(nl.Capitalize(nl.Milestone(m.Key))), x.date(m.Date), x.wrapped(nl.Basis(m.Basis))); err != nil {
			return err
		}
	}
	r := first + len(p.Timeline) + 1
	if p.TimelineProblem.Kind != "" {
		if err := x.row(sheet, r, styled(x.text("Let op"), x.conflict), xcell{}, x.wrapped(nl.Warning(p.TimelineProblem))); err != nil {
			return err
		}
	}
	return nil
}

// current writes each participant's current contract in the category
// with the gap to the planned start and whether it can be bridged.
func (x *dossierBook) current(sheet string) error {
	heads := []string{"Code", "Deelnemer", "Contractnummer", "Leverancier", "Jaarwaarde", "Loopt vast tot en met", "Opzegdatum",
		"Situatie", "Dagen", "Te overbruggen", "Uiterlijk tot", "Toelichting"}
	rows := x.d.current()
	first, err := x.table(sheet, 1, heads, []float64{10, 26, 16, 24, 16, 14, 12, 14, 8, 14, 12, 70}, len(rows))
	if err != nil {
		return err
	}
	var annual contracts.Money
	for i, c := range rows {
		g := c.Gap
		cells := []xcell{x.text(g.Organization), x.text(g.Name), x.text(g.ContractNumber), x.text(g.VendorName)}
		if c.Has {
			annual += c.Contract.AnnualValue
			cells = append(cells, x.money(c.Contract.AnnualValue), x.date(g.CommittedEnd), x.date(c.Contract.Dates.NoticeDeadline))
		} else {
			cells = append(cells, xcell{}, xcell{}, xcell{})
		}
		situation := x.text(nl.GapKind(g.Kind))
		if g.Kind == procurement.GapOpen && !g.Bridgeable {
			situation.style = x.conflict
		}
		days, bridge := xcell{}, xcell{}
		if g.Kind == procurement.GapOpen || g.Kind == procurement.GapOverlap {
			days = x.whole(int64(g.Days))
		}
		if g.Kind == procurement.GapOpen {
			bridge = x.text(nl.YesNo(g.Bridgeable))
		}
		cells = append(cells, situation, days, bridge, x.date(g.BridgeUntil), x.wrapped(nl.GapReason(g)))
		if err := x.row(sheet, first+i, cells...); err != nil {
			return err
		}
	}
	last := first + len(rows) - 1
	totals := make([]xcell, 5)
	totals[0] = styled(x.text("Totaal"), x.st.bold)
	totals[4] = formula(sumFormula(5, first, last), moneyValue(annual), x.st.boldMoney)
	return x.row(sheet, last+1, totals...)
}

// assumptions writes every value the plan rests on that is a choice, not
// law, with its source; the lots' unit prices are among them.
func (x *dossierBook) assumptions(sheet string) error {
	as := x.d.assumptions()
	first, err := x.table(sheet, 1, []string{"Aanname", "Waarde", "Bron"}, []float64{34, 60, 50}, len(as))
	if err != nil {
		return err
	}
	for i, a := range as {
		value := x.wrapped(a.Value)
		if a.amount != nil {
			value = x.money(*a.amount)
		}
		if err := x.row(sheet, first+i, x.text(a.Name), value, x.wrapped(a.Source)); err != nil {
			return err
		}
	}
	return nil
}
