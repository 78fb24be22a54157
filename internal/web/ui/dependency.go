package ui

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
)

// The dependency pages (issue #6, DESIGN §4): an organization's
// concentration, lock-in, notice deadlines and exit readiness at
// /afhankelijkheid/{code}, and the cooperative overview at
// /afhankelijkheid/samenwerking. They ask the service methods the API asks
// (GET /api/v1/organizations/{code}/dependency, /concentration) with the
// same scope.

// hhiScale is the scale the pages show beside an HHI: the EU lines the
// bands use, and the US lines for comparison.
type hhiScale struct {
	EUModerate, EUConcentrated string
	USModerate, USConcentrated string
}

func hhiScaleOf() hhiScale {
	n := func(v int) string { return nl.Number(v) }
	return hhiScale{n(contracts.EUModerateFrom), n(contracts.EUConcentratedAbove), n(contracts.USModerateFrom), n(contracts.USConcentratedAbove)}
}

// dependencyIndex is /afhankelijkheid: a user scoped to one organization
// gets its own dependency page; a user scoped to all chooses an
// organization (?organisatie= leads there) or the cooperative overview.
func (u *ui) dependencyIndex(c *fiber.Ctx) error {
	scope := web.CurrentScope(c)
	if org, ok := scope.Organization(); ok {
		return u.dependencyOf(c, org)
	}
	year, _ := u.pageYear(c)
	pick, err := u.pickOrganization(c.UserContext(), scope, c.Query("organisatie"))
	if err != nil {
		return err
	}
	if pick.Value != "" {
		return c.Redirect(fmt.Sprintf("/afhankelijkheid/%s?jaar=%d", url.PathEscape(pick.Value), year), fiber.StatusSeeOther)
	}
	p := dependencyPage{layout: u.layout(c, "Afhankelijkheid", "afhankelijkheid"),
		Choose: true, Year: year, Years: yearOptions(u.contracts.Today().Year(), year), OrgPick: pick}
	if m := newPickerMatches("organisaties", matchLinks("/afhankelijkheid", url.Values{"jaar": {strconv.Itoa(year)}}, "organisatie", pick), pick); len(m.Links) > 0 || m.NotFound {
		p.Matches = append(p.Matches, m)
	}
	return c.Render("pages/dependency_organization", p)
}

// lockInRow is a contract of the lock-in table.
type lockInRow struct {
	contracts.ContractLockIn
	URL string
}

// dependencyPage is /afhankelijkheid/{code}, and /afhankelijkheid as the
// chooser of a user scoped to all organizations (Choose).
type dependencyPage struct {
	layout
	Choose bool
	// OrgPick is the chooser's organization search field, Matches what
	// it named when not exactly one (picker.go).
	OrgPick picked
	Matches []pickerMatches
	Notice  string
	Year    int
	Years   []option
	// Scoped users see only their own organization: no way back to the
	// chooser.
	Scoped      bool
	Dep         contracts.Dependency
	BandUS      contracts.HHIBand
	Scale       hhiScale
	Chart       template.HTML
	LockIn      []lockInRow
	Deadlines   []alertRow
	DeadlineMos int
	Index       indexNote
}

// dependency is /afhankelijkheid/{code}; the policy has already refused a
// scoped user another organization.
func (u *ui) dependency(c *fiber.Ctx) error {
	return u.dependencyOf(c, c.Params("code"))
}

func (u *ui) dependencyOf(c *fiber.Ctx, code string) error {
	scope := web.CurrentScope(c)
	year, notice := u.pageYear(c)
	dep, err := u.contracts.DependencySummary(c.UserContext(), scope, code, year)
	if err != nil {
		return err
	}
	p := dependencyPage{layout: u.layout(c, "Afhankelijkheid van "+dep.Organization.Name, "afhankelijkheid"), Notice: notice, Year: year,
		Years: yearOptions(u.contracts.Today().Year(), year), Scoped: !scope.All(), Dep: dep, Scale: hhiScaleOf(),
		DeadlineMos: contracts.DependencyDeadlineMonths, Index: indexNoteOf(dep.Index)}
	if dep.Concentration.Total > 0 {
		p.BandUS = contracts.USBand(dep.Concentration.HHI)
	}
	var bars []bar
	for _, v := range dep.Vendors[:min(len(dep.Vendors), chartTop)] {
		bars = append(bars, bar{Label: v.GroupName, Value: int64(v.Amount), Text: nl.Percent(v.BasisPoints) + " · " + nl.Money(v.Amount)})
	}
	p.Chart = barChart("leveranciers-grafiek", fmt.Sprintf("Aandeel van leveranciersgroepen in de uitgaven %d van %s", year, dep.Organization.Name),
		fmt.Sprintf("Staafdiagram van de %d grootste van %d leveranciersgroepen met hun aandeel in de uitgaven (%s). HHI %s: %s. De tabel hieronder geeft dezelfde cijfers.",
			len(bars), len(dep.Vendors), nl.Money(dep.Concentration.Total), nl.Number(dep.Concentration.HHI), nl.HHIBand(dep.Concentration.Band)), bars)
	for _, l := range dep.LockIn {
		p.LockIn = append(p.LockIn, lockInRow{ContractLockIn: l, URL: fmt.Sprintf("/contracten/%d", l.ContractID)})
	}
	today := u.contracts.Today()
	for _, a := range dep.Deadlines {
		badge := "badge--warning"
		if a.Missed {
			badge = "badge--danger"
		}
		p.Deadlines = append(p.Deadlines, alertRow{Date: nl.Date(a.Date), When: daysFrom(today, a.Date), Kind: a.Kind, Text: exports.AlertText(a),
			Missed: a.Missed, Badge: badge, ContractURL: fmt.Sprintf("/contracten/%d", a.Contract.ID), Number: a.Contract.Number,
			Title: a.Contract.Title, Vendor: a.Contract.VendorName, Org: a.Contract.OrganizationName})
	}
	return c.Render("pages/dependency_organization", p)
}

// categoryView is a category of the cooperative overview with its largest
// vendor groups.
type categoryView struct {
	contracts.CategoryConcentration
	Top  []contracts.Share
	More int // vendor groups beyond Top
}

// categoryTopShares is the number of vendor groups the overview names per
// category.
const categoryTopShares = 3

type concentrationPage struct {
	layout
	Notice     string
	Year       int
	Years      []option
	CC         contracts.CooperativeConcentration
	Categories []categoryView
	// Largest is the vendor group with the largest reach, nil when no
	// group holds more than half of any organization's category spend.
	Largest    *contracts.GroupReach
	Chart      template.HTML
	ReachChart template.HTML
	Scale      hhiScale
	Index      indexNote
	// Own is the organization of a user scoped to one: its own report
	// replaces the cooperative's, which lists other organizations'
	// contracts. Suppressed counts the categories left out for it, with
	// fewer than MinBuyers organizations.
	Own        string
	Suppressed int
	MinBuyers  int
}

// concentrationRefusal is the page a member gets at
// /afhankelijkheid/samenwerking: who may see the overview and why, with
// the way back to its own organization's dependency.
type concentrationRefusal struct {
	layout
	Organization string
}

// concentration is /afhankelijkheid/samenwerking, the cooperative overview.
// It adds up the spend of all organizations and names no organization or
// contract, so the roles that read spend see it scoped to one
// organization too; the service then leaves out the categories so small
// that their figures would be another organization's own
// (CooperativeAggregates). A member, who reads no spend, gets a page that
// says so (403).
func (u *ui) concentration(c *fiber.Ctx) error {
	user := web.CurrentUser(c)
	if web.OverviewReaders.Check(user, "") != nil {
		return c.Status(fiber.StatusForbidden).Render("pages/concentration_refused", concentrationRefusal{
			layout: u.layout(c, "Concentratie in het samenwerkingsverband", "afhankelijkheid"), Organization: user.Organization})
	}
	year, notice := u.pageYear(c)
	scope := web.CurrentScope(c)
	cc, err := u.contracts.CooperativeAggregates(c.UserContext(), scope, year)
	if err != nil {
		return err
	}
	p := concentrationPage{layout: u.layout(c, "Concentratie in het samenwerkingsverband", "afhankelijkheid"), Notice: notice, Year: year,
		Years: yearOptions(u.contracts.Today().Year(), year), CC: cc, Scale: hhiScaleOf(), Index: indexNoteOf(cc.Index),
		MinBuyers: contracts.MinAggregateBuyers}
	if org, ok := scope.Organization(); ok {
		p.Own = org
	}
	var bars []bar
	for _, cat := range cc.Categories {
		sh := cat.Concentration.Shares
		p.Categories = append(p.Categories, categoryView{CategoryConcentration: cat, Top: sh[:min(len(sh), categoryTopShares)], More: max(len(sh)-categoryTopShares, 0)})
		if cat.Suppressed {
			p.Suppressed++
			continue
		}
		if len(bars) < chartTop {
			bars = append(bars, bar{Label: cat.Name, Value: int64(cat.Concentration.HHI),
				Text: nl.Number(cat.Concentration.HHI) + " · " + nl.HHIBand(cat.Concentration.Band)})
		}
	}
	p.Chart = barChart("categorieen-grafiek", fmt.Sprintf("HHI per categorie, %d", year),
		fmt.Sprintf("Staafdiagram van de Herfindahl-Hirschman-index van de %d meest geconcentreerde van %d categorieën, hoogste eerst. "+
			"Boven %s is een markt geconcentreerd. De tabel hieronder geeft dezelfde cijfers.", len(bars), len(cc.Categories), p.Scale.EUConcentrated), bars)
	if len(cc.Reach) > 0 {
		p.Largest = &cc.Reach[0]
	}
	bars = nil
	for _, r := range cc.Reach[:min(len(cc.Reach), chartTop)] {
		bars = append(bars, bar{Label: r.GroupName, Value: int64(r.Organizations), Text: nl.Count(r.Organizations, "organisatie", "organisaties")})
	}
	p.ReachChart = barChart("bereik-grafiek", fmt.Sprintf("Bereik van leveranciersgroepen, %d", year),
		"Staafdiagram van het aantal organisaties waarvoor een leveranciersgroep meer dan de helft van de uitgaven in een categorie heeft, grootste bereik eerst. "+
			"De tabel hieronder geeft dezelfde aantallen.", bars)
	return c.Render("pages/concentration_overview", p)
}
