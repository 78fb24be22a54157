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
