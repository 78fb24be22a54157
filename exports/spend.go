package exports

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// The spend workbook for finance (DESIGN §5): the committed spend of five
// years by vendor group, vendor, category and organization, per
// inhabitant where there is a population, the five-year forecast and the
// assumptions the figures rest on. Totals and shares are formulas, so the
// sheets stay live when finance adds rows or corrects a figure. The
// contracts service assembles the workbook (Service.SpendWorkbook); this
// file only writes it.

// The sheets of the spend workbook.
const (
	spendForecastSheet    = "Prognose"
	spendAssumptionsSheet = "Aannames"
	spendLicencesSheet    = "Licenties"
)

// spendSheets names the sheet of each grouping and its first column.
var spendSheets = []struct {
	by           contracts.SpendGroupBy
	sheet, label string
}{
	{contracts.ByVendorGroup, "Per leveranciersgroep", "Leveranciersgroep"},
	{contracts.ByVendor, "Per leverancier", "Leverancier"},
	{contracts.ByCategory, "Per categorie", "Categorie"},
	{contracts.ByOrganization, "Per organisatie", "Organisatie"},
}

// SpendXLSX writes the spend workbook: Prognose (the committed spend per
// year with spend per inhabitant), one sheet per grouping (a row per
// vendor group, vendor, category or organization, a column per year, the
// first year's share and, where there is a population, the spend per
// inhabitant), and Aannames. Amounts are numbers in `€ #.##0,00`, totals
// and shares formulas.
func SpendXLSX(w io.Writer, s contracts.SpendWorkbook) error {
	subject := "Alle organisaties"
	if s.Organization.Code != "" {
		subject = s.Organization.Name
	}
	wb, err := newWorkbook(spendForecastSheet, WorkbookInfo{Title: fmt.Sprintf("Uitgaven %d–%d", s.From, s.From+contracts.SpendWorkbookYears-1),
		Subject: subject, Created: s.Generated, Description: "Toegezegde uitgaven aan contracten en licenties uit Samenkoop."})
	if err != nil {
		return fmt.Errorf("exports: spend workbook: %w", err)
	}
	defer wb.close()
	if err := wb.spendWorkbook(s, subject); err != nil {
		return fmt.Errorf("exports: spend workbook: %w", err)
	}
	if err := wb.writeTo(w); err != nil {
		return fmt.Errorf("exports: spend workbook: %w", err)
	}
	return nil
}

func (wb *workbook) spendWorkbook(s contracts.SpendWorkbook, subject string) error {
	if err := wb.spendForecast(s, subject); err != nil {
		return err
	}
	for _, sh := range spendSheets {
		if err := wb.sheet(sh.sheet); err != nil {
			return err
		}
		if err := wb.spendGrouping(sh.sheet, sh.label, s.From, s.Reports[sh.by]); err != nil {
			return fmt.Errorf("%s: %w", sh.sheet, err)
		}
	}
	if err := wb.sheet(spendLicencesSheet); err != nil {
		return err
	}
	if err := wb.spendLicences(s.Licences); err != nil {
		return fmt.Errorf("%s: %w", spendLicencesSheet, err)
	}
	if err := wb.sheet(spendAssumptionsSheet); err != nil {
		return err
	}
	return wb.spendAssumptions(s)
}

// spendLicences writes the Licenties sheet: a row per licence line over
// quota, costliest excess first, with the excess and its cost as
// formulas over the seats and the unit price, and their total; a note
// below when the workbook lists fewer lines than there are.
func (wb *workbook) spendLicences(p contracts.LicencePage) error {
	sh := spendLicencesSheet
	heads := []string{"Contract", "Titel", "Organisatie", "Leverancier", "Product", "Eenheid", "Ingekocht", "In gebruik", "Overschrijding",
		"Prijs per eenheid", "Prijsperiode", "Kosten overschrijding"}
	first, err := wb.table(sh, 1, heads, []float64{14, 30, 24, 24, 24, 18, 11, 11, 14, 16, 12, 20}, len(p.Items))
	if err != nil {
		return err
	}
	var total contracts.Money
	for i, l := range p.Items {
		r := first + i
		total = contracts.SatAdd(total, l.ExcessCost())
		if err := wb.row(sh, r, wb.text(l.ContractNumber), wb.text(l.ContractTitle), wb.text(l.OrganizationName), wb.text(l.VendorName),
			wb.text(l.Product), wb.text(nl.MetricWord(l.Metric)), wb.whole(int64(l.Quantity)), wb.whole(int64(l.SeatsInUse)),
			formula(fmt.Sprintf("H%d-G%d", r, r), float64(l.Excess()), wb.st.whole), wb.money(l.UnitPrice), wb.text(nl.PricePeriodWord(l.PricePeriod)),
			formula(fmt.Sprintf("I%d*J%d", r, r), moneyValue(l.ExcessCost()), wb.st.money)); err != nil {
			return err
		}
	}
	last := first + len(p.Items) - 1
	if err := wb.row(sh, last+1, xcell{value: "Totaal", style: wb.st.bold}, xcell{}, xcell{}, xcell{}, xcell{}, xcell{}, xcell{}, xcell{}, xcell{}, xcell{}, xcell{},
		formula(sumFormula(12, first, last), moneyValue(total), wb.st.boldMoney)); err != nil {
		return err
	}
	note := "Licentieregels waarbij meer in gebruik is dan ingekocht. Kosten overschrijding: overschrijding maal prijs per eenheid, per prijsperiode van de regel."
	if len(p.Items) == 0 {
		note = "Geen licentieregels waarbij meer in gebruik is dan ingekocht."
	} else if p.Total > len(p.Items) {
		note = fmt.Sprintf("De %s duurste van %s licentieregels boven het aantal; de licentielijst in Samenkoop geeft ze alle.", nl.Number(len(p.Items)), nl.Number(p.Total))
	}
	return wb.row(sh, last+3, wb.text(note))
}

// spendForecast writes the Prognose sheet: a heading with who and when,
// then a row per year with the amount, the contracts, the population and
// the spend per inhabitant as a formula.
func (wb *workbook) spendForecast(s contracts.SpendWorkbook, subject string) error {
	sh := spendForecastSheet
	fc := s.Forecast
	if err := wb.row(sh, 1, xcell{value: "Toegezegde uitgaven " + subject, style: wb.st.title}); err != nil {
		return err
	}
	if err := wb.row(sh, 2, wb.text("Stand van"), wb.date(fc.AsOf), wb.text("Gemaakt op"), wb.date(contracts.DateOf(s.Generated))); err != nil {
		return err
	}
	const top = 4
	first, err := wb.table(sh, top, []string{"Jaar", "Toegezegde uitgaven", "Contracten", "Inwoners", "Per inwoner"},
		[]float64{12, 20, 12, 14, 14}, len(fc.Years))
	if err != nil {
		return err
	}
	var total contracts.Money
	for i, y := range fc.Years {
		r := first + i
		total += y.Amount
		cells := []xcell{{value: y.Year}, wb.money(y.Amount), wb.whole(int64(y.Contracts))}
		if fc.Population > 0 {
			cells = append(cells, wb.whole(int64(fc.Population)),
				formula(fmt.Sprintf("B%d/D%d", r, r), moneyValue(y.Amount)/float64(fc.Population), wb.st.money))
		}
		if err := wb.row(sh, r, cells...); err != nil {
			return err
		}
	}
	last := first + len(fc.Years) - 1
	return wb.row(sh, last+1, xcell{value: "Totaal", style: wb.st.bold}, formula(sumFormula(2, first, last), moneyValue(total), wb.st.boldMoney))
}

// spendLine is one row of a grouping sheet: a vendor group, vendor,
// category or organization with its amount per year.
type spendLine struct {
	key, label string
	population int
	amounts    []contracts.Money
}

// spendLines joins the reports of consecutive years on the row key: rows
// in the first year's order (highest amount first), then rows that only
// later years have, by label.
func spendLines(reports []contracts.SpendReport) []spendLine {
	index := map[string]int{}
	var lines []spendLine
	for y, rep := range reports {
		var added []spendLine
		for _, r := range rep.Rows {
			i, ok := index[r.Key]
			if !ok {
				label := r.Label
				if rep.GroupBy == contracts.ByCategory && (r.Key == "0" || label == "") {
					label = "Zonder categorie"
				}
				added = append(added, spendLine{key: r.Key, label: label, population: r.Population, amounts: make([]contracts.Money, len(reports))})
				added[len(added)-1].amounts[y] = r.Amount
				continue
			}
			lines[i].amounts[y] = r.Amount
		}
		if y > 0 {
			slices.SortFunc(added, func(a, b spendLine) int { return cmp.Or(cmp.Compare(a.label, b.label), cmp.Compare(a.key, b.key)) })
		}
		for _, l := range added {
			index[l.key] = len(lines)
			lines = append(lines, l)
		}
	}
	return lines
}

// spendGrouping writes one grouping sheet: name, key, an amount column
// per year, the first year's share of its total, and with a population
// the inhabitants and the spend per inhabitant per year.
func (wb *workbook) spendGrouping(sh, label string, from int, reports []contracts.SpendReport) error {
	lines := spendLines(reports)
	perInhabitant := slices.ContainsFunc(lines, func(l spendLine) bool { return l.population > 0 })
	years := len(reports)
	heads := []string{label, "Sleutel"}
	widths := []float64{32, 10}
	for i := range years {
		heads, widths = append(heads, strconv.Itoa(from+i)), append(widths, 16)
	}
	heads, widths = append(heads, fmt.Sprintf("Aandeel %d", from)), append(widths, 11)
	popCol := len(heads) + 1
	if perInhabitant {
		heads, widths = append(heads, "Inwoners"), append(widths, 12)
		for i := range years {
			heads, widths = append(heads, fmt.Sprintf("Per inwoner %d", from+i)), append(widths, 14)
		}
	}
	const top = 1
	first, err := wb.table(sh, top, heads, widths, len(lines))
	if err != nil {
		return err
	}
	last := first + len(lines) - 1
	total := last + 1
	shareCol := 3 + years
	sums := make([]contracts.Money, years)
	for _, l := range lines {
		for y, a := range l.amounts {
			sums[y] += a
		}
	}
	var shares float64
	for i, l := range lines {
		r := first + i
		cells := []xcell{wb.text(l.label), wb.text(l.key)}
		for _, a := range l.amounts {
			cells = append(cells, wb.money(a))
		}
		// The share is of the first year, column C.
		share := 0.0
		if years > 0 {
			share = ratio(moneyValue(l.amounts[0]), moneyValue(sums[0]))
		}
		shares += share
		cells = append(cells, formula(fmt.Sprintf("IF(C$%d=0,0,C%d/C$%d)", total, r, total), share, wb.st.percent))
		if perInhabitant {
			if l.population > 0 {
				cells = append(cells, wb.whole(int64(l.population)))
				pop := colName(popCol)
				for y := range years {
					c := colName(3 + y)
					cells = append(cells, formula(fmt.Sprintf("%s%d/$%s%d", c, r, pop, r), moneyValue(l.amounts[y])/float64(l.population), wb.st.money))
				}
			}
		}
		if err := wb.row(sh, r, cells...); err != nil {
			return err
		}
	}
	totals := []xcell{{value: "Totaal", style: wb.st.bold}, {style: wb.st.bold}}
	for y := range years {
		totals = append(totals, formula(sumFormula(3+y, first, last), moneyValue(sums[y]), wb.st.boldMoney))
	}
	totals = append(totals, formula(sumFormula(shareCol, first, last), shares, wb.st.percent))
	return wb.row(sh, total, totals...)
}

// spendAssumptions writes the Aannames sheet: every assumption the
// figures rest on, with its value.
func (wb *workbook) spendAssumptions(s contracts.SpendWorkbook) error {
	sh := spendAssumptionsSheet
	idx := s.Forecast.Index
	if _, err := wb.table(sh, 1, []string{"Aanname", "Waarde", "Toelichting"}, []float64{36, 18, 90}, 0); err != nil {
		return err
	}
	rows := [][]xcell{
		{wb.text("Stand van het register"), wb.date(s.Forecast.AsOf), wb.text("Verlengingen, opzeggingen en opties zoals vastgelegd op deze dag.")},
		{wb.text("Bedragen"), wb.text("exclusief btw"), wb.text("Toegezegde uitgaven: licentieregels (of de jaarwaarde zonder licentieregels), naar rato van de dagen dat het contract loopt.")},
		{wb.text("Stilzwijgende verlenging"), wb.text("loopt door"), wb.text("Een contract met stilzwijgende verlenging verlengt in de prognose tot de opzegging is vastgelegd, binnen het maximum.")},
		{wb.text("Onbepaalde tijd"), wb.text("loopt door"), wb.text("Een contract dat na de eerste looptijd voor onbepaalde tijd doorloopt, loopt in de prognose door tot de opzegging is vastgelegd, en dan tot het vroegste einde van die opzegging.")},
		{wb.text("Verlengingsopties"), wb.text("alleen gelicht"), wb.text("Een verlengingsoptie telt pas mee als ze is gelicht: wat nog niet is gecontracteerd, staat er niet in.")},
		{wb.text("Indexatie standaard"), wb.percent(idx.Default), wb.text("Jaarlijkse prijsindexatie voor jaren zonder eigen cijfer: een aanname (GIBIT art. 11.8 indexeert met de CBS-dienstenprijsindex J62).")},
	}
	years := make([]int, 0, len(idx.ByYear))
	for y := range idx.ByYear {
		years = append(years, y)
	}
	slices.Sort(years)
	for _, y := range years {
		rows = append(rows, []xcell{wb.text(fmt.Sprintf("Indexatie %d", y)), wb.percent(idx.ByYear[y]), wb.text("Vastgesteld cijfer voor dit jaar.")})
	}
	pop := "Per inwoner: het aantal inwoners van de organisatie volgens het register."
	if s.Organization.Code != "" && s.Organization.Population > 0 {
		rows = append(rows, []xcell{wb.text("Inwoners " + s.Organization.Name), wb.whole(int64(s.Organization.Population)), wb.text(pop)})
	} else {
		rows = append(rows, []xcell{wb.text("Inwoners"), wb.text("per organisatie"), wb.text(pop + " Zonder bekend aantal inwoners blijft het bedrag per inwoner leeg.")})
	}
	for i, r := range rows {
		r[2].style = wb.st.wrap
		if err := wb.row(sh, 2+i, r...); err != nil {
			return err
		}
	}
	return wb.filter(sh, 1, 3, 1+len(rows))
}
