package exports

import (
	"fmt"
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
// the exports package only writes it: dependency_pdf.go as a PDF,
// dependency_xlsx.go as a workbook. This file holds the texts both
// share.

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

// dependencyAssumptions are the assumptions the report rests on.
// date writes the dates: long in the PDF, short in the workbook.
func dependencyAssumptions(r contracts.DependencyReport, date func(contracts.Date) string) [][2]string {
	out := [][2]string{
		{"Uitgaven", "Toegezegde uitgaven in " + fmt.Sprint(r.Year) + " uit licentieregels of jaarwaarde, exclusief btw, naar rato van de looptijd."},
		{"Stand van", date(r.AsOf) + ": verlengingen en opzeggingen zoals op die dag vastgelegd."},
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

// categoryWord is "categorie" or "categorieën" for n.
func categoryWord(n int) string { return nl.Plural(n, "categorie", "categorieën") }

// verdictText states the verdict per category: "geconcentreerd in 11
// van de 11 categorieën", with the other bands where there are any.
func verdictText(c contracts.DependencyConclusion) string {
	if c.Categories == 0 {
		return "geen uitgaven met een categorie"
	}
	s := fmt.Sprintf("%s in %s van de %s %s", nl.HHIBand(c.Verdict), nl.Number(c.ByBand[c.Verdict]), nl.Number(c.Categories), categoryWord(c.Categories))
	for _, b := range []contracts.HHIBand{contracts.Concentrated, contracts.ModeratelyConcentrated, contracts.Unconcentrated} {
		if b != c.Verdict && c.ByBand[b] > 0 {
			s += fmt.Sprintf(", %s in %s", nl.HHIBand(b), nl.Number(c.ByBand[b]))
		}
	}
	return s
}

// conclusionParagraphs are the report's conclusion in plain Dutch, for a
// council member: the dependency per category and the greatest risk,
// the contract hardest to leave, the deadlines and how ready the
// contracts are for leaving.
func conclusionParagraphs(r contracts.DependencyReport, c contracts.DependencyConclusion) []string {
	var out []string
	if c.Categories == 0 {
		out = append(out, fmt.Sprintf("In %d zijn er geen uitgaven met een categorie; een oordeel per categorie is daarom niet te geven.", r.Year))
	} else {
		s := fmt.Sprintf("In %s van de %s %s hangen we af van één of twee leveranciers: die leveren samen meer dan de helft van wat we er uitgeven.",
			nl.Number(c.FewVendors), nl.Number(c.Categories), categoryWord(c.Categories))
		if k := c.Risk; k != nil && len(k.Concentration.Shares) > 0 {
			s += fmt.Sprintf(" Het grootste risico is %s: %s levert %s van de %s die we daar in %d uitgeven.", k.Name, k.Concentration.Shares[0].Label,
				nl.Percent(k.Concentration.CR1), nl.Money(k.Concentration.Total), r.Year)
		}
		out = append(out, s, "Oordeel per categorie: "+verdictText(c)+".")
	}
	if len(r.LockIn) > 0 {
		l := r.LockIn[0]
		out = append(out, fmt.Sprintf("Het moeilijkst over te stappen is %s %s bij %s (%d van 100 punten; hoofdstuk 4 geeft de redenen).",
			l.Number, l.Title, l.VendorName, l.LockIn.Score))
	}
	missed := 0
	for _, a := range r.Deadlines {
		if a.Missed {
			missed++
		}
	}
	n := len(r.Deadlines) + r.MoreDeadlines
	s := fmt.Sprintf("In de komende 12 maanden moet %s keer besloten worden over opzeggen of verlengen", nl.Number(n))
	if missed > 0 {
		s += fmt.Sprintf("; %s %s al gemist", nl.Number(missed), nl.Plural(missed, "opzegtermijn is", "opzegtermijnen zijn"))
	}
	out = append(out, s+". Bijlage B geeft ze alle, met datum.")
	out = append(out, fmt.Sprintf("Voor %s van de uitgaven is overstappen voorbereid: daar zijn zowel een exitplan als het meenemen van de gegevens in een open standaard afgesproken.",
		nl.Percent(r.Exit.BasisPoints)))
	return out
}
