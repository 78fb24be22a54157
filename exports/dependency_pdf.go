package exports

import (
	"fmt"
	"io"
	"regexp"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// The dependency report as a PDF (DependencyPDF), written for a council
// member: the conclusion in plain Dutch first, then the figures, and the
// measures (HHI, CR1, CR3, the GIBIT articles) and the deadlines in
// annexes. Dates are written out: 5 december 2026.

// gibitRef matches the article a lock-in reason names: " (GIBIT art. 26)".
var gibitRef = regexp.MustCompile(` \(GIBIT art\.[^)]*\)`)

// vendorChartTop is the number of vendor groups the chart shows.
const vendorChartTop = 15

// DependencyPDF writes the dependency report as a PDF: a cover, contents,
// the conclusion, a summary, the vendors (for the cooperative per
// category and the groups' reach), lock-in with reasons, exit readiness,
// the assumptions, and the annexes: the measures explained and the notice
// deadlines.
func DependencyPDF(w io.Writer, r contracts.DependencyReport) error {
	return dependencyPDF(r).Output(w)
}

func dependencyPDF(r contracts.DependencyReport) *PDF {
	generated := nl.DateLong(contracts.DateOf(r.Generated))
	p := NewPDF(PDFInfo{Title: "Afhankelijkheidsrapport " + dependencyAbout(r), Subject: fmt.Sprintf("Afhankelijkheid van leveranciers %d", r.Year),
		Author: "Samenkoop", Keywords: "afhankelijkheid, leveranciers, lock-in, exit", Created: r.Generated,
		Footer: "Samenkoop · afhankelijkheidsrapport · " + generated})
	facts := [][2]string{}
	if !r.Cooperative() {
		facts = append(facts, [2]string{"Organisatie", r.Organization.Name + " (" + r.Organization.Code + ")"})
	} else {
		facts = append(facts, [2]string{"Organisaties", nl.Number(r.Organizations)})
	}
	facts = append(facts, [2]string{"Jaar", fmt.Sprint(r.Year)}, [2]string{"Uitgaven " + fmt.Sprint(r.Year), nl.Money(r.Concentration.Total)},
		[2]string{"Stand van", nl.DateLong(r.AsOf)}, [2]string{"Gemaakt op", generated})
	p.Cover("Afhankelijkheidsrapport", dependencyAbout(r), facts)
	p.Contents(1)
	conclusion := contracts.ConcludeDependency(r.Categories)

	p.Section("1. Conclusie")
	for _, para := range conclusionParagraphs(r, conclusion) {
		p.Paragraph(para)
	}

	p.Section("2. Samenvatting")
	top := "geen contracten"
	if len(r.LockIn) > 0 {
		top = fmt.Sprintf("%s: %d van 100 punten", r.LockIn[0].Title, r.LockIn[0].LockIn.Score)
	}
	p.Definitions([][2]string{
		{"Oordeel per categorie", verdictText(conclusion)},
		{"Grootste leverancier", largestText(r)},
		{"Drie grootste leveranciers samen", nl.Percent(r.Concentration.CR3) + " van de uitgaven"},
		{"Moeilijkst over te stappen", top},
		{"Opzegtermijnen komende 12 maanden", nl.Number(len(r.Deadlines)+r.MoreDeadlines) + " (bijlage B)"},
		{"Exitgereed", fmt.Sprintf("%s van de uitgaven (%s van %s)", nl.Percent(r.Exit.BasisPoints), nl.Money(r.Exit.Ready), nl.Money(r.Exit.Total))},
	})

	p.Section("3. Leveranciers")
	p.Paragraph("Een leverancier telt hier met zijn hele concern: dochterbedrijven tellen mee bij hun groep.")
	var bars []PDFBar
	for _, v := range r.Vendors[:min(len(r.Vendors), vendorChartTop)] {
		bars = append(bars, PDFBar{Label: v.GroupName, Value: int64(v.BasisPoints), Text: nl.Percent(v.BasisPoints)})
	}
	p.BarChart(bars, 10_000)
	t := p.Table([]PDFColumn{{Header: "Leverancier (groep)", Wrap: true}, {Header: "Contracten", Width: 22, Align: AlignRight},
		{Header: "Uitgaven " + fmt.Sprint(r.Year), Width: 34, Align: AlignRight}, {Header: "Aandeel", Width: 20, Align: AlignRight}})
	for _, v := range r.Vendors {
		t.Row(v.GroupName, nl.Number(v.Contracts), nl.Money(v.Amount), nl.Percent(v.BasisPoints))
	}
	if len(r.Vendors) > 0 {
		t.BoldRow("Totaal", "", nl.Money(r.Concentration.Total), "100 %")
	}
	t.End()
	if len(r.Categories) > 0 {
		p.Subsection("3.1 Per categorie")
		p.Paragraph("Per categorie: hoe weinig leveranciers de uitgaven onder zich verdelen (het oordeel), en welk deel de grootste leverancier levert. " +
			"Bijlage A legt uit hoe het oordeel gemeten wordt.")
		cols := []PDFColumn{{Header: "Categorie", Wrap: true}, {Header: "Oordeel", Width: 34}, {Header: "Grootste leverancier", Width: 50, Wrap: true},
			{Header: "Uitgaven", Width: 30, Align: AlignRight}}
		if r.Cooperative() {
			cols = append(cols, PDFColumn{Header: "Organisaties", Width: 22, Align: AlignRight})
		}
		t = p.Table(cols)
		for _, c := range r.Categories {
			cells := []string{c.Name, nl.HHIBand(c.Concentration.Band), largestShare(c.Concentration), nl.Money(c.Concentration.Total)}
			if r.Cooperative() {
				cells = append(cells, nl.Number(c.Buyers))
			}
			t.Row(cells...)
		}
		t.End()
	}
	if r.Cooperative() {
		p.Subsection("3.2 Bereik van leveranciers")
		p.Paragraph("Het aantal organisaties waarvoor een leverancier meer dan de helft van de uitgaven in een categorie levert.")
		t = p.Table([]PDFColumn{{Header: "Leverancier (groep)", Wrap: true}, {Header: "Organisaties", Width: 26, Align: AlignRight},
			{Header: "Organisatie × categorie", Width: 44, Align: AlignRight}})
		for _, g := range r.Reach {
			t.Row(g.GroupName, nl.Number(g.Organizations), nl.Number(g.Positions))
		}
		t.End()
	}

	p.Section("4. Hoe moeilijk is overstappen (lock-in)")
	p.Paragraph(fmt.Sprintf("De score (0–100) telt op wat overstappen moeilijk maakt: geen exitplan %d, gegevens niet in een open standaard mee te nemen %d, "+
		"lang bij dezelfde leverancier tot %d, groot aandeel van de leverancier in de uitgaven tot %d, stilzwijgende verlenging of voortzetting voor onbepaalde tijd %d, "+
		"bedrijfskritisch zonder afspraken over continuïteit %d punten. Elke score staat hieronder met de redenen.",
		r.Weights.NoExitPlan, r.Weights.NoOpenData, r.Weights.Tenure, r.Weights.VendorShare, r.Weights.TacitRenewal, r.Weights.CriticalWithoutContinuity))
	cols := []PDFColumn{{Header: "Contract", Width: 44, Wrap: true}, {Header: "Leverancier", Width: 32, Wrap: true}, {Header: "Score", Width: 13, Align: AlignRight},
		{Header: "Redenen", Wrap: true}}
	if r.Cooperative() {
		cols = append([]PDFColumn{{Header: "Organisatie", Width: 28, Wrap: true}}, cols...)
		cols[1].Width, cols[2].Width = 34, 26
	}
	t = p.Table(cols)
	for _, l := range r.LockIn {
		// The articles behind the reasons are in annex A.
		cells := []string{l.Number + " " + l.Title, l.VendorName, fmt.Sprint(l.LockIn.Score), gibitRef.ReplaceAllString(factorsText(l.LockIn), "")}
		if r.Cooperative() {
			cells = append([]string{l.OrganizationName}, cells...)
		}
		t.Row(cells...)
	}
	t.End()

	p.Section("5. Klaar om te vertrekken")
	e := r.Exit
	p.Definitions([][2]string{
		{"Exitgereed (uitgaven)", fmt.Sprintf("%s van %s (%s): contracten met zowel een exitplan als de gegevens in een open standaard mee te nemen",
			nl.Money(e.Ready), nl.Money(e.Total), nl.Percent(e.BasisPoints))},
		{"Lopende contracten", nl.Number(e.InForce)},
		{"Met exitplan", ofCount(e.ExitPlan, e.InForce)},
		{"Gegevens in open standaard", ofCount(e.OpenData, e.InForce)},
		{"Met afspraken over continuïteit", ofCount(e.Continuity, e.InForce)},
		{"Met rechten op de broncode", ofCount(e.SourceRights, e.InForce)},
		{"Bedrijfskritisch", ofCount(e.BusinessCritical, e.InForce)},
		{"Bedrijfskritisch zonder continuïteit", ofCount(e.CriticalWithoutContinuity, e.InForce)},
	})
	p.Note("Bijlage A noemt de artikelen van de GIBIT (de inkoopvoorwaarden voor ICT van de overheid) waar deze afspraken staan.")

	p.Section("6. Aannames")
	p.Definitions(dependencyAssumptions(r, nl.DateLong))

	p.Section("Bijlage A. Begrippen en maatstaven")
	p.Paragraph("Het oordeel per categorie volgt uit de Herfindahl-Hirschman-index (HHI): de kwadraten van de marktaandelen (in procenten) van de leveranciers " +
		"opgeteld. 0 betekent volledige spreiding, 10.000 dat één leverancier alles levert. Elke categorie is een eigen markt: " +
		"een overstap kan alleen naar een leverancier die hetzelfde levert.")
	t = p.Table([]PDFColumn{{Header: "Oordeel"}, {Header: "EU-richtsnoeren (gebruikt)"}, {Header: "Verenigde Staten"}})
	for _, row := range hhiScaleRows() {
		t.Row(row[0], row[1], row[2])
	}
	t.End()
	if len(r.Categories) > 0 {
		t = p.Table([]PDFColumn{{Header: "Categorie", Wrap: true}, {Header: "HHI", Width: 18, Align: AlignRight}, {Header: "Grootste (CR1)", Width: 28, Align: AlignRight},
			{Header: "Drie grootste (CR3)", Width: 34, Align: AlignRight}})
		for _, c := range r.Categories {
			t.Row(c.Name, nl.Number(c.Concentration.HHI), nl.Percent(c.Concentration.CR1), nl.Percent(c.Concentration.CR3))
		}
		t.End()
	}
	p.Paragraph("Over alle uitgaven samen, alle categorieën door elkaar, is de HHI " + hhiText(r.Concentration) + ". Dat getal telt leveranciers " +
		"van verschillende markten bij elkaar en valt daardoor vaak lager uit dan in de categorieën zelf; het oordeel in dit rapport komt daarom uit de categorieën.")
	p.Definitions([][2]string{
		{"CR1 en CR3", "Het aandeel van de grootste leverancier, en van de drie grootste samen, in de uitgaven."},
		{"Exitplan", "GIBIT artikel 26: hoe de leverancier meewerkt aan een overstap aan het eind van het contract."},
		{"Open standaard", "GIBIT artikelen 21 en 8: de gegevens zijn op te vragen en mee te nemen in een open standaard."},
		{"Continuïteit", "GIBIT artikel 36: afspraken voor als de leverancier wegvalt, zoals broncode-depot."},
		{"Broncode", "GIBIT artikel 20.4: rechten op de broncode."},
		{"Indexatie", "GIBIT artikel 11.8: prijzen volgen de CBS-dienstenprijsindex J62."},
	})

	p.Section("Bijlage B. Opzegtermijnen komende 12 maanden")
	p.Paragraph("Uiterste opzegdata (stilzwijgende verlenging) en besluiten over verlengingsopties tot 12 maanden na " + nl.DateLong(r.AsOf) +
		"; gemiste opzegtermijnen staan bovenaan.")
	cols = []PDFColumn{{Header: "Datum", Width: 30}, {Header: "Soort", Width: 30, Wrap: true}, {Header: "Contract", Wrap: true},
		{Header: "Leverancier", Width: 30, Wrap: true}, {Header: "Einde bij opzeggen", Width: 30}}
	if r.Cooperative() {
		cols = append(cols[:2], append([]PDFColumn{{Header: "Organisatie", Width: 26, Wrap: true}}, cols[2:]...)...)
		cols[3].Width = 0
	}
	t = p.Table(cols)
	for _, a := range r.Deadlines {
		day := a.Date
		if a.Missed && !a.Deadline.IsZero() {
			day = a.Deadline // the day it passed, not today
		}
		cells := []string{nl.DateLong(day), deadlineKind(a), a.Contract.Number + " " + a.Contract.Title, a.Contract.VendorName, nl.DateLong(a.End)}
		if r.Cooperative() {
			cells = append(cells[:2], append([]string{a.Contract.OrganizationName}, cells[2:]...)...)
		}
		t.Row(cells...)
	}
	t.End()
	if r.MoreDeadlines > 0 {
		p.Note(fmt.Sprintf("En nog %s opzegtermijnen; het Excel-rapport en de contractenlijst geven ze alle.", nl.Number(r.MoreDeadlines)))
	}
	return p
}

// largestText names the largest vendor group with its share.
func largestText(r contracts.DependencyReport) string {
	if len(r.Vendors) == 0 {
		return "geen"
	}
	return fmt.Sprintf("%s, %s van de uitgaven", r.Vendors[0].GroupName, nl.Percent(r.Concentration.CR1))
}

// largestShare names a category's largest vendor group with its share.
func largestShare(c contracts.Concentration) string {
	if len(c.Shares) == 0 {
		return "—"
	}
	return c.Shares[0].Label + ": " + nl.Percent(c.CR1)
}
