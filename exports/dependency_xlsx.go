package exports

import (
	"fmt"
	"io"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// The dependency report as an Excel workbook (DependencyXLSX), with its
// shares, scores and totals as formulas.

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
	rows := dependencyAssumptions(r, nl.Date)
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
