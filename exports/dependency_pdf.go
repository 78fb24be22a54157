package exports

import (
	"fmt"
	"io"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// The dependency report as a PDF (DependencyPDF).

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
