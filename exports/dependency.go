package exports

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// The dependency report for management (DESIGN §4 and §5), as PDF and as
// Excel, for one organization or for the whole cooperative: how
// concentrated the spend is over vendor groups (HHI with the EU and US
// scales), the vendor groups' shares, the contracts with the highest
// lock-in and why, the notice deadlines of the next 12 months, and how
// ready the organization is to leave (exit plans, open data, continuity).
// The contracts service assembles the report (Service.DependencyReport);
// this file only writes it.

// dependencyAbout names who the report is about: the organization, or
// the cooperative.
func dependencyAbout(r contracts.DependencyReport) string {
	if r.Cooperative() {
		return "Alle organisaties van de samenwerking"
	}
	return r.Organization.Name
}

// hhiText states an HHI with its band on both scales.
func hhiText(c contracts.Concentration) string {
	if c.Total <= 0 {
		return "geen uitgaven in dit jaar"
	}
	return fmt.Sprintf("%s: %s volgens de EU-richtsnoeren, %s volgens de Amerikaanse schaal",
		nl.Number(c.HHI), nl.HHIBand(c.Band), nl.HHIBand(contracts.USBand(c.HHI)))
}

// hhiScaleRows are the HHI scale the report prints beside an index:
// the EU lines the bands use and the US lines for comparison.
func hhiScaleRows() [][3]string {
	n := func(v int) string { return nl.Number(v) }
	return [][3]string{
		{"niet geconcentreerd", "onder " + n(contracts.EUModerateFrom), "onder " + n(contracts.USModerateFrom)},
		{"matig geconcentreerd", n(contracts.EUModerateFrom) + " – " + n(contracts.EUConcentratedAbove), n(contracts.USModerateFrom) + " – " + n(contracts.USConcentratedAbove)},
		{"geconcentreerd", "boven " + n(contracts.EUConcentratedAbove), "boven " + n(contracts.USConcentratedAbove)},
	}
}

// factorsText lists a lock-in score's factors with their points.
func factorsText(s contracts.LockInScore) string {
	parts := make([]string, len(s.Factors))
	for i, f := range s.Factors {
		parts[i] = fmt.Sprintf("%s (+%d)", nl.LockInFactor(f), f.Points)
	}
	return strings.Join(parts, "; ")
}

// deadlineKind says in a few words what a deadline is.
func deadlineKind(a contracts.Alert) string {
	switch {
	case a.Missed:
		return "opzegtermijn gemist"
	case a.Kind == contracts.AlertOption:
		return nl.AlertKind(contracts.AlertOption)
	}
	return nl.AlertKind(contracts.AlertNotice)
}

// ofCount states n of total as "n van total (x %)".
func ofCount(n, total int) string {
	if total == 0 {
		return nl.Number(n)
	}
	return fmt.Sprintf("%s van %s (%s)", nl.Number(n), nl.Number(total), nl.Percent((n*10_000+total/2)/total))
}

// vendorChartTop is the number of vendor groups the chart shows.
const vendorChartTop = 15

// DependencyPDF writes the dependency report as a PDF: a cover, contents,
// the summary, concentration with the vendor groups' shares as a bar
// chart (and for the cooperative per category and the groups' reach),
// lock-in with reasons, notice deadlines, exit readiness and the
// assumptions.
func DependencyPDF(w io.Writer, r contracts.DependencyReport) error {
	return dependencyPDF(r).Output(w)
}

func dependencyPDF(r contracts.DependencyReport) *PDF {
	generated := nl.Date(contracts.DateOf(r.Generated))
	p := NewPDF(PDFInfo{Title: "Afhankelijkheidsrapport " + dependencyAbout(r), Subject: fmt.Sprintf("Afhankelijkheid van leveranciers %d", r.Year),
		Author: "Samenkoop", Keywords: "afhankelijkheid, HHI, lock-in, exit", Created: r.Generated,
		Footer: "Samenkoop · afhankelijkheidsrapport · " + generated})
	facts := [][2]string{}
	if !r.Cooperative() {
		facts = append(facts, [2]string{"Organisatie", r.Organization.Name + " (" + r.Organization.Code + ")"})
	} else {
		facts = append(facts, [2]string{"Organisaties", nl.Number(r.Organizations)})
	}
	facts = append(facts, [2]string{"Jaar", fmt.Sprint(r.Year)}, [2]string{"Uitgaven " + fmt.Sprint(r.Year), nl.Money(r.Concentration.Total)},
		[2]string{"Stand van", nl.Date(r.AsOf)}, [2]string{"Gemaakt op", generated})
	p.Cover("Afhankelijkheidsrapport", dependencyAbout(r), facts)
	p.Contents(1)

	p.Section("1. Samenvatting")
	top := "geen contracten"
	if len(r.LockIn) > 0 {
		top = fmt.Sprintf("%d van 100 (%s)", r.LockIn[0].LockIn.Score, r.LockIn[0].Title)
	}
	p.Definitions([][2]string{
		{"Concentratie (HHI)", hhiText(r.Concentration)},
		{"Grootste leveranciersgroep", largestText(r)},
		{"Drie grootste samen (CR3)", nl.Percent(r.Concentration.CR3)},
		{"Hoogste lock-in", top},
		{"Opzegtermijnen komende 12 mnd.", nl.Number(len(r.Deadlines) + r.MoreDeadlines)},
		{"Exitgereed", fmt.Sprintf("%s van de uitgaven (%s van %s)", nl.Percent(r.Exit.BasisPoints), nl.Money(r.Exit.Ready), nl.Money(r.Exit.Total))},
	})

	p.Section("2. Concentratie")
	p.Paragraph("De Herfindahl-Hirschman-index (HHI) telt de kwadraten van de marktaandelen (in procenten) van de leveranciersgroepen op: " +
		"0 bij volledige spreiding, 10.000 als één groep alles levert. Dochterbedrijven tellen mee bij hun groep.")
	t := p.Table([]PDFColumn{{Header: "Beoordeling"}, {Header: "EU-richtsnoeren"}, {Header: "Verenigde Staten"}})
	for _, row := range hhiScaleRows() {
		t.Row(row[0], row[1], row[2])
	}
	t.End()
	p.Paragraph("HHI " + fmt.Sprint(r.Year) + ": " + hhiText(r.Concentration) + ".")
	p.Subsection("2.1 Aandelen van leveranciersgroepen")
	var bars []PDFBar
	for _, v := range r.Vendors[:min(len(r.Vendors), vendorChartTop)] {
		bars = append(bars, PDFBar{Label: v.GroupName, Value: int64(v.BasisPoints), Text: nl.Percent(v.BasisPoints)})
	}
	p.BarChart(bars, 10_000)
	t = p.Table([]PDFColumn{{Header: "Leveranciersgroep", Wrap: true}, {Header: "Contracten", Width: 22, Align: AlignRight},
		{Header: "Uitgaven " + fmt.Sprint(r.Year), Width: 34, Align: AlignRight}, {Header: "Aandeel", Width: 20, Align: AlignRight}})
	for _, v := range r.Vendors {
		t.Row(v.GroupName, nl.Number(v.Contracts), nl.Money(v.Amount), nl.Percent(v.BasisPoints))
	}
	if len(r.Vendors) > 0 {
		t.BoldRow("Totaal", "", nl.Money(r.Concentration.Total), "100 %")
	}
	t.End()
	if r.Cooperative() {
		p.Subsection("2.2 Concentratie per categorie")
		t = p.Table([]PDFColumn{{Header: "Categorie", Wrap: true}, {Header: "HHI", Width: 16, Align: AlignRight}, {Header: "Beoordeling (EU)", Width: 34},
			{Header: "Grootste groep", Width: 20, Align: AlignRight}, {Header: "Afnemers", Width: 18, Align: AlignRight}, {Header: "Uitgaven", Width: 30, Align: AlignRight}})
		for _, c := range r.Categories {
			t.Row(c.Name, nl.Number(c.Concentration.HHI), nl.HHIBand(c.Concentration.Band), nl.Percent(c.Concentration.CR1),
				nl.Number(c.Buyers), nl.Money(c.Concentration.Total))
		}
		t.End()
		p.Subsection("2.3 Bereik van leveranciersgroepen")
		p.Paragraph("Het aantal organisaties waarvoor een leveranciersgroep meer dan de helft van de uitgaven in een categorie levert.")
		t = p.Table([]PDFColumn{{Header: "Leveranciersgroep", Wrap: true}, {Header: "Organisaties", Width: 26, Align: AlignRight},
			{Header: "Posities (organisatie × categorie)", Width: 50, Align: AlignRight}})
		for _, g := range r.Reach {
			t.Row(g.GroupName, nl.Number(g.Organizations), nl.Number(g.Positions))
		}
		t.End()
	}

	p.Section("3. Lock-in")
	p.Paragraph(fmt.Sprintf("De lock-in-score (0–100) telt gedocumenteerde factoren op: geen exitplan %d, geen data-export in open standaard %d, "+
		"looptijd bij dezelfde leverancier tot %d, aandeel van de leverancier in de uitgaven tot %d, stilzwijgende verlenging of voortzetting voor onbepaalde tijd %d, "+
		"bedrijfskritisch zonder continuïteitsregeling %d punten. Elke score staat hieronder met de factoren die hem maken.",
		r.Weights.NoExitPlan, r.Weights.NoOpenData, r.Weights.Tenure, r.Weights.VendorShare, r.Weights.TacitRenewal, r.Weights.CriticalWithoutContinuity))
	cols := []PDFColumn{{Header: "Contract", Width: 44, Wrap: true}, {Header: "Leverancier", Width: 32, Wrap: true}, {Header: "Score", Width: 13, Align: AlignRight},
		{Header: "Redenen", Wrap: true}}
	if r.Cooperative() {
		cols = append([]PDFColumn{{Header: "Organisatie", Width: 28, Wrap: true}}, cols...)
		cols[1].Width, cols[2].Width = 34, 26
	}
	t = p.Table(cols)
	for _, l := range r.LockIn {
		cells := []string{l.Number + " " + l.Title, l.VendorName, fmt.Sprint(l.LockIn.Score), factorsText(l.LockIn)}
		if r.Cooperative() {
			cells = append([]string{l.OrganizationName}, cells...)
		}
		t.Row(cells...)
	}
	t.End()

	p.Section("4. Opzegtermijnen komende 12 maanden")
	p.Paragraph("Uiterste opzegdata (stilzwijgende verlenging) en besluiten over verlengingsopties tot 12 maanden na " + nl.Date(r.AsOf) +
		"; een gemiste opzegtermijn staat bovenaan.")
	cols = []PDFColumn{{Header: "Datum", Width: 20}, {Header: "Soort", Width: 32, Wrap: true}, {Header: "Contract", Wrap: true},
		{Header: "Leverancier", Width: 34, Wrap: true}, {Header: "Einde bij opzeggen", Width: 24}}
	if r.Cooperative() {
		cols = append(cols[:2], append([]PDFColumn{{Header: "Organisatie", Width: 28, Wrap: true}}, cols[2:]...)...)
		cols[3].Width = 0
	}
	t = p.Table(cols)
	for _, a := range r.Deadlines {
		cells := []string{nl.Date(a.Date), deadlineKind(a), a.Contract.Number + " " + a.Contract.Title, a.Contract.VendorName, nl.Date(a.End)}
		if r.Cooperative() {
			cells = append(cells[:2], append([]string{a.Contract.OrganizationName}, cells[2:]...)...)
		}
		t.Row(cells...)
	}
	t.End()
	if r.MoreDeadlines > 0 {
		p.Note(fmt.Sprintf("En nog %s opzegtermijnen; het Excel-rapport en de contractenlijst geven ze alle.", nl.Number(r.MoreDeadlines)))
	}

	p.Section("5. Exitgereedheid")
	e := r.Exit
	p.Definitions([][2]string{
		{"Exitgereed (uitgaven)", fmt.Sprintf("%s van %s (%s): contracten met zowel een exitplan als data-export in een open standaard",
			nl.Money(e.Ready), nl.Money(e.Total), nl.Percent(e.BasisPoints))},
		{"Lopende contracten", nl.Number(e.InForce)},
		{"Met exitplan (GIBIT art. 26)", ofCount(e.ExitPlan, e.InForce)},
		{"Met open data (art. 21 en 8)", ofCount(e.OpenData, e.InForce)},
		{"Met continuïteitsregeling (art. 36)", ofCount(e.Continuity, e.InForce)},
		{"Met rechten op broncode (art. 20.4)", ofCount(e.SourceRights, e.InForce)},
		{"Bedrijfskritisch", ofCount(e.BusinessCritical, e.InForce)},
		{"Bedrijfskritisch zonder continuïteit", ofCount(e.CriticalWithoutContinuity, e.InForce)},
	})

	p.Section("6. Aannames")
	p.Definitions(dependencyAssumptions(r))
	return p
}

// largestText names the largest vendor group with its share.
func largestText(r contracts.DependencyReport) string {
	if len(r.Vendors) == 0 {
		return "geen"
	}
	return fmt.Sprintf("%s, %s (CR1)", r.Vendors[0].GroupName, nl.Percent(r.Concentration.CR1))
}

// dependencyAssumptions are the assumptions the report rests on.
func dependencyAssumptions(r contracts.DependencyReport) [][2]string {
	out := [][2]string{
		{"Uitgaven", "Toegezegde uitgaven in " + fmt.Sprint(r.Year) + " uit licentieregels of jaarwaarde, exclusief btw, naar rato van de looptijd."},
		{"Stand van", nl.Date(r.AsOf) + ": verlengingen en opzeggingen zoals op die dag vastgelegd."},
		{"Indexatie", nl.Percent(r.Index.Default) + " per jaar voor jaren zonder eigen cijfer (een aanname)."},
	}
	years := make([]int, 0, len(r.Index.ByYear))
	for y := range r.Index.ByYear {
		years = append(years, y)
	}
	slices.Sort(years)
	for _, y := range years {
		out = append(out, [2]string{fmt.Sprintf("Indexatie %d", y), nl.Percent(r.Index.ByYear[y])})
	}
	return out
}

// The sheets of the dependency workbook.
const (
	depSummarySheet    = "Samenvatting"
	depVendorsSheet    = "Leveranciers"
	depCategoriesSheet = "Categorieën"
	depReachSheet      = "Bereik"
	depLockInSheet     = "Lock-in"
	depDeadlinesSheet  = "Opzegtermijnen"
	depExitSheet       = "Exit"
	depAssumptions     = "Aannames"
)

// lockInFactorColumns are the lock-in factors in the order of the Lock-in
// sheet's columns, with their Dutch headers.
var lockInFactorColumns = []struct{ key, header string }{
	{"noExitPlan", "Geen exitplan"},
	{"noOpenData", "Geen open data"},
	{"tenure", "Looptijd leverancier"},
	{"vendorShare", "Aandeel leverancier"},
	{"tacitRenewal", "Stilzwijgend"},
	{"criticalWithoutContinuity", "Kritisch zonder continuïteit"},
}

// DependencyXLSX writes the dependency report as a workbook: Samenvatting,
// Leveranciers (shares as formulas over a SUM total), for the cooperative
// Categorieën and Bereik, Lock-in (a column of points per factor and the
// score as their SUM), Opzegtermijnen (every deadline of the next 12
// months listed in the report), Exit and Aannames.
func DependencyXLSX(w io.Writer, r contracts.DependencyReport) error {
	wb, err := newWorkbook(depSummarySheet, WorkbookInfo{Title: "Afhankelijkheidsrapport " + dependencyAbout(r),
		Subject: fmt.Sprintf("Afhankelijkheid van leveranciers %d", r.Year), Created: r.Generated,
		Description: "Concentratie, lock-in, opzegtermijnen en exitgereedheid uit Samenkoop."})
	if err != nil {
		return fmt.Errorf("exports: dependency workbook: %w", err)
	}
	defer wb.close()
	if err := wb.dependency(r); err != nil {
		return fmt.Errorf("exports: dependency workbook: %w", err)
	}
	if err := wb.writeTo(w); err != nil {
		return fmt.Errorf("exports: dependency workbook: %w", err)
	}
	return nil
}

func (wb *workbook) dependency(r contracts.DependencyReport) error {
	steps := []struct {
		sheet string
		write func(string, contracts.DependencyReport) error
	}{
		{depSummarySheet, wb.depSummary},
		{depVendorsSheet, wb.depVendors},
		{depCategoriesSheet, wb.depCategories},
		{depReachSheet, wb.depReach},
		{depLockInSheet, wb.depLockIn},
		{depDeadlinesSheet, wb.depDeadlines},
		{depExitSheet, wb.depExit},
		{depAssumptions, wb.depAssumptions},
	}
	for i, s := range steps {
		if !r.Cooperative() && (s.sheet == depCategoriesSheet || s.sheet == depReachSheet) {
			continue
		}
		if i > 0 {
			if err := wb.sheet(s.sheet); err != nil {
				return err
			}
		}
		if err := s.write(s.sheet, r); err != nil {
			return fmt.Errorf("%s: %w", s.sheet, err)
		}
	}
	return nil
}

// labelled writes label–value rows from row top in columns A and B.
func (wb *workbook) labelled(sh string, top int, rows [][2]xcell) error {
	for i, r := range rows {
		r[0].style = wb.st.bold
		if err := wb.row(sh, top+i, r[0], r[1]); err != nil {
			return err
		}
	}
	return nil
}

func (wb *workbook) depSummary(sh string, r contracts.DependencyReport) error {
	if err := wb.row(sh, 1, xcell{value: "Afhankelijkheidsrapport " + dependencyAbout(r), style: wb.st.title}); err != nil {
		return err
	}
	if err := wb.widths(sh, 34, 60); err != nil {
		return err
	}
	c := r.Concentration
	rows := [][2]xcell{
		{wb.text("Jaar"), {value: r.Year}},
		{wb.text("Stand van"), wb.date(r.AsOf)},
		{wb.text("Gemaakt op"), wb.date(contracts.DateOf(r.Generated))},
		{wb.text("Organisaties"), wb.whole(int64(r.Organizations))},
		{wb.text("Uitgaven"), wb.money(c.Total)},
		{wb.text("HHI"), wb.whole(int64(c.HHI))},
		{wb.text("Beoordeling EU (onder 1.000 / boven 2.000)"), wb.text(nl.HHIBand(c.Band))},
		{wb.text("Beoordeling VS (onder 1.500 / boven 2.500)"), wb.text(nl.HHIBand(usBand(c)))},
		{wb.text("Grootste leveranciersgroep (CR1)"), wb.percent(c.CR1)},
		{wb.text("Drie grootste (CR3)"), wb.percent(c.CR3)},
		{wb.text("Opzegtermijnen komende 12 maanden"), wb.whole(int64(len(r.Deadlines) + r.MoreDeadlines))},
		{wb.text("Exitgereed (aandeel uitgaven)"), wb.percent(r.Exit.BasisPoints)},
	}
	if !r.Cooperative() {
		rows = append([][2]xcell{{wb.text("Organisatie"), wb.text(r.Organization.Name + " (" + r.Organization.Code + ")")}}, rows...)
	}
	return wb.labelled(sh, 3, rows)
}

// usBand is the band on the US scale, none without spend.
func usBand(c contracts.Concentration) contracts.HHIBand {
	if c.Total <= 0 {
		return ""
	}
	return contracts.USBand(c.HHI)
}

func (wb *workbook) depVendors(sh string, r contracts.DependencyReport) error {
	first, err := wb.table(sh, 1, []string{"Leveranciersgroep", "Contracten", "Uitgaven", "Aandeel"}, []float64{36, 12, 18, 10}, len(r.Vendors))
	if err != nil {
		return err
	}
	last := first + len(r.Vendors) - 1
	total := last + 1
	var (
		contractsN int
		amount     contracts.Money
		shares     float64
	)
	for _, v := range r.Vendors {
		contractsN, amount = contractsN+v.Contracts, amount+v.Amount
	}
	for i, v := range r.Vendors {
		row := first + i
		share := ratio(moneyValue(v.Amount), moneyValue(amount))
		shares += share
		if err := wb.row(sh, row, wb.text(v.GroupName), wb.whole(int64(v.Contracts)), wb.money(v.Amount),
			formula(fmt.Sprintf("IF(C$%d=0,0,C%d/C$%d)", total, row, total), share, wb.st.percent)); err != nil {
			return err
		}
	}
	return wb.row(sh, total, xcell{value: "Totaal", style: wb.st.bold}, formula(sumFormula(2, first, last), float64(contractsN), wb.st.boldWhole),
		formula(sumFormula(3, first, last), moneyValue(amount), wb.st.boldMoney), formula(sumFormula(4, first, last), shares, wb.st.percent))
}

func (wb *workbook) depCategories(sh string, r contracts.DependencyReport) error {
	first, err := wb.table(sh, 1, []string{"Categorie", "HHI", "Beoordeling EU", "Beoordeling VS", "Grootste groep (CR1)", "Drie grootste (CR3)", "Afnemers", "Uitgaven"},
		[]float64{30, 10, 22, 22, 12, 12, 10, 18}, len(r.Categories))
	if err != nil {
		return err
	}
	for i, c := range r.Categories {
		cc := c.Concentration
		if err := wb.row(sh, first+i, wb.text(c.Name), wb.whole(int64(cc.HHI)), wb.text(nl.HHIBand(cc.Band)), wb.text(nl.HHIBand(usBand(cc))),
			wb.percent(cc.CR1), wb.percent(cc.CR3), wb.whole(int64(c.Buyers)), wb.money(cc.Total)); err != nil {
			return err
		}
	}
	return nil
}

func (wb *workbook) depReach(sh string, r contracts.DependencyReport) error {
	first, err := wb.table(sh, 1, []string{"Leveranciersgroep", "Organisaties", "Posities (organisatie × categorie)"}, []float64{36, 14, 18}, len(r.Reach))
	if err != nil {
		return err
	}
	for i, g := range r.Reach {
		if err := wb.row(sh, first+i, wb.text(g.GroupName), wb.whole(int64(g.Organizations)), wb.whole(int64(g.Positions))); err != nil {
			return err
		}
	}
	return nil
}

func (wb *workbook) depLockIn(sh string, r contracts.DependencyReport) error {
	heads := []string{"Organisatie", "Contractnummer", "Omschrijving", "Leverancier", "Categorie", "Uitgaven", "Looptijd (jaren)"}
	widths := []float64{24, 16, 30, 26, 20, 16, 10}
	for _, f := range lockInFactorColumns {
		heads, widths = append(heads, f.header), append(widths, 12)
	}
	heads, widths = append(heads, "Score", "Redenen"), append(widths, 9, 70)
	first, err := wb.table(sh, 1, heads, widths, len(r.LockIn))
	if err != nil {
		return err
	}
	firstFactor := 8
	for i, l := range r.LockIn {
		row := first + i
		cells := []xcell{wb.text(l.OrganizationName), wb.text(l.Number), wb.text(l.Title), wb.text(l.VendorName), wb.text(l.CategoryName),
			wb.money(l.Spend), wb.whole(int64(l.TenureYears))}
		sum := 0
		for _, f := range lockInFactorColumns {
			points := 0
			for _, got := range l.LockIn.Factors {
				if got.Key == f.key {
					points = got.Points
				}
			}
			sum += points
			cells = append(cells, wb.whole(int64(points)))
		}
		from, to := colName(firstFactor), colName(firstFactor+len(lockInFactorColumns)-1)
		cells = append(cells, formula(fmt.Sprintf("MIN(100,SUM(%s%d:%s%d))", from, row, to, row), float64(min(100, sum)), wb.st.boldWhole),
			wb.text(factorsText(l.LockIn)))
		if err := wb.row(sh, row, cells...); err != nil {
			return err
		}
	}
	return nil
}

func (wb *workbook) depDeadlines(sh string, r contracts.DependencyReport) error {
	first, err := wb.table(sh, 1, []string{"Datum", "Soort", "Organisatie", "Contractnummer", "Omschrijving", "Leverancier", "Einde bij opzeggen", "Anders verlengd tot", "Toelichting"},
		[]float64{12, 22, 24, 16, 30, 26, 14, 14, 70}, len(r.Deadlines))
	if err != nil {
		return err
	}
	for i, a := range r.Deadlines {
		c := a.Contract
		if err := wb.row(sh, first+i, wb.date(a.Date), wb.text(deadlineKind(a)), wb.text(c.OrganizationName), wb.text(c.Number), wb.text(c.Title),
			wb.text(c.VendorName), wb.date(a.End), wb.date(a.Renewal), wb.text(AlertText(a))); err != nil {
			return err
		}
	}
	if r.MoreDeadlines > 0 {
		return wb.row(sh, first+len(r.Deadlines)+1, xcell{value: fmt.Sprintf("En nog %d opzegtermijnen: zie de contractenlijst.", r.MoreDeadlines), style: wb.st.note})
	}
	return nil
}

func (wb *workbook) depExit(sh string, r contracts.DependencyReport) error {
	e := r.Exit
	first, err := wb.table(sh, 1, []string{"Kenmerk", "Contracten", "Van lopende contracten", "Aandeel"}, []float64{44, 12, 12, 10}, 7)
	if err != nil {
		return err
	}
	inForce := fmt.Sprintf("$B$%d", first)
	rows := []struct {
		label string
		n     int
	}{
		{"Lopende contracten", e.InForce},
		{"Met exitplan (GIBIT art. 26)", e.ExitPlan},
		{"Met open data (GIBIT art. 21 en 8)", e.OpenData},
		{"Met continuïteitsregeling (GIBIT art. 36)", e.Continuity},
		{"Met rechten op broncode (GIBIT art. 20.4)", e.SourceRights},
		{"Bedrijfskritisch", e.BusinessCritical},
		{"Bedrijfskritisch zonder continuïteitsregeling", e.CriticalWithoutContinuity},
	}
	for i, x := range rows {
		row := first + i
		if err := wb.row(sh, row, wb.text(x.label), wb.whole(int64(x.n)), formula(inForce, float64(e.InForce), wb.st.whole),
			formula(fmt.Sprintf("IF(%s=0,0,B%d/%s)", inForce, row, inForce), ratio(float64(x.n), float64(e.InForce)), wb.st.percent)); err != nil {
			return err
		}
	}
	top := first + len(rows) + 1
	return wb.labelled(sh, top, [][2]xcell{
		{wb.text("Uitgaven exitgereed (exitplan én open data)"), wb.money(e.Ready)},
		{wb.text("Uitgaven totaal"), wb.money(e.Total)},
		{wb.text("Aandeel exitgereed"), formula(fmt.Sprintf("IF(B%d=0,0,B%d/B%d)", top+1, top, top+1), ratio(moneyValue(e.Ready), moneyValue(e.Total)), wb.st.percent)},
	})
}

func (wb *workbook) depAssumptions(sh string, r contracts.DependencyReport) error {
	rows := dependencyAssumptions(r)
	w := r.Weights
	for _, x := range []struct {
		label  string
		points int
	}{{"geen exitplan", w.NoExitPlan}, {"geen open data", w.NoOpenData}, {"looptijd bij de leverancier (maximum)", w.Tenure},
		{"aandeel van de leverancier (maximum)", w.VendorShare}, {"stilzwijgende verlenging of onbepaalde tijd", w.TacitRenewal},
		{"bedrijfskritisch zonder continuïteit", w.CriticalWithoutContinuity}} {
		rows = append(rows, [2]string{"Lock-in: " + x.label, fmt.Sprintf("%d punten", x.points)})
	}
	for _, s := range hhiScaleRows() {
		rows = append(rows, [2]string{"HHI " + s[0], "EU " + s[1] + "; VS " + s[2]})
	}
	first, err := wb.table(sh, 1, []string{"Aanname", "Waarde"}, []float64{40, 90}, len(rows))
	if err != nil {
		return err
	}
	for i, x := range rows {
		if err := wb.row(sh, first+i, wb.text(x[0]), xcell{value: xlsxText(x[1]), style: wb.st.wrap}); err != nil {
			return err
		}
	}
	return nil
}
