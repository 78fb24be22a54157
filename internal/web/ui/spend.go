package ui

import (
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
)

// The finance page /uitgaven (issue #6): committed spend of one year,
// grouped, with a chart of the largest rows, the peers of the size class
// and the five-year forecast. It asks the same service methods as the API
// (GET /api/v1/spend, /spend/forecast, /spend/peers) with the same scope,
// so the figures are the API's.

// chartTop is the number of rows a page's bar chart shows; the table
// beside it lists all of them.
const chartTop = 10

// spendGrouping is a choice of ?per= on /uitgaven.
type spendGrouping struct {
	Value  string
	By     contracts.SpendGroupBy
	Label  string // what the rows are, for the column header and the chooser
	Plural string // the rows, for the chart's description
}

var spendGroupings = []spendGrouping{
	grouping("leveranciersgroep", contracts.ByVendorGroup),
	grouping("leverancier", contracts.ByVendor),
	grouping("categorie", contracts.ByCategory),
	grouping("organisatie", contracts.ByOrganization),
}

// grouping is the choice ?per=value of the rows by.
func grouping(value string, by contracts.SpendGroupBy) spendGrouping {
	return spendGrouping{Value: value, By: by, Label: nl.Capitalize(nl.SpendGroupBy(by)), Plural: nl.SpendGroupByPlural(by)}
}

// pageYear reads ?jaar=, the calendar year a page shows: the current year
// when absent; an unreadable or out-of-range year falls back to it with a
// notice rather than an error page.
func (u *ui) pageYear(c *fiber.Ctx) (year int, notice string) {
	this := u.contracts.Today().Year()
	s := strings.TrimSpace(c.Query("jaar"))
	if s == "" {
		return this, ""
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < contracts.MinYear || y > contracts.MaxYear {
		return this, fmt.Sprintf("Onbekend jaar genegeerd: %d wordt getoond.", this)
	}
	return y, ""
}

// yearOptions lists the years a page offers: five back and five ahead of
// the current year, and the selected one.
func yearOptions(this, selected int) []option {
	var out []option
	for y := this - 5; y <= this+5; y++ {
		out = append(out, option{strconv.Itoa(y), strconv.Itoa(y), y == selected})
	}
	if selected < this-5 || selected > this+5 {
		out = append(out, option{strconv.Itoa(selected), strconv.Itoa(selected), true})
	}
	return out
}

// indexNote states the indexation the figures use, for the pages'
// assumption paragraph.
type indexNote struct {
	Default string // "3,5 %"
	Years   []yearRate
}

type yearRate struct {
	Year int
	Rate string
}

func indexNoteOf(r contracts.IndexRates) indexNote {
	n := indexNote{Default: nl.Percent(r.Default)}
	for y, rate := range r.ByYear {
		n.Years = append(n.Years, yearRate{y, nl.Percent(rate)})
	}
	slices.SortFunc(n.Years, func(a, b yearRate) int { return a.Year - b.Year })
	return n
}

// spendRowView is a spend row as the page shows it.
type spendRowView struct {
	contracts.SpendRow
	Name string // the label, or what stands for a missing one
	Href string // where the row leads, "" for nowhere
}

type spendPage struct {
	layout
	Notices []string
	Year    int
	Years   []option
	Per     spendGrouping
	Pers    []option
	// OrgPick is the organization search field of a user scoped to all
	// organizations, Matches what it named when not exactly one
	// (picker.go); scoped users see their own organization only.
	OrgPick picked
	Matches []pickerMatches
	Scoped  bool
	Report  contracts.SpendReport
	Rows    []spendRowView
	// ShowPerInhabitant adds the column: some row has a population.
	ShowPerInhabitant bool
	Chart             template.HTML
	ChartShown        int // rows in the chart
	// Peers is set for a report about one organization with a size
	// class; PeersNote says why there is none otherwise.
	Peers       *contracts.PeerComparison
	PeersChart  template.HTML
	PeersNote   string
	Forecast    contracts.SpendForecast
	ForecastBar template.HTML
	Index       indexNote
}

func (u *ui) spend(c *fiber.Ctx) error {
	ctx := c.UserContext()
	scope := web.CurrentScope(c)
	p := spendPage{layout: u.layout(c, "Uitgaven", "uitgaven"), Scoped: !scope.All()}
	var notice string
	if p.Year, notice = u.pageYear(c); notice != "" {
		p.Notices = append(p.Notices, notice)
	}
	p.Per = spendGroupings[0]
	if per := c.Query("per"); per != "" {
		i := slices.IndexFunc(spendGroupings, func(g spendGrouping) bool { return g.Value == per })
		if i < 0 {
			p.Notices = append(p.Notices, "Onbekende indeling genegeerd: de uitgaven worden per leveranciersgroep getoond.")
		} else {
			p.Per = spendGroupings[i]
		}
	}
	named := strings.TrimSpace(c.Query("organisatie"))
	if scope.All() {
		var err error
		if p.OrgPick, err = u.pickOrganization(ctx, scope, named); err != nil {
			return err
		}
		named = p.OrgPick.Value
		if m := newPickerMatches("organisaties", matchLinks("/uitgaven", url.Values{"jaar": {strconv.Itoa(p.Year)}, "per": {p.Per.Value}}, "organisatie", p.OrgPick), p.OrgPick); len(m.Links) > 0 || m.NotFound {
			p.Matches = append(p.Matches, m)
		}
	}
	org := web.SpendOrganization(scope, named)
	rep, err := u.contracts.Spend(ctx, scope, contracts.SpendQuery{GroupBy: p.Per.By, Year: p.Year, Organization: org})
	if err != nil {
		return err
	}
	p.Report, p.Index = rep, indexNoteOf(rep.Index)
	p.setRows()
	if p.Forecast, err = u.contracts.SpendForecast(ctx, scope, contracts.ForecastQuery{Organization: org, From: u.contracts.Today().Year()}); err != nil {
		return err
	}
	p.setForecastChart()
	if org != "" {
		if err := p.setPeers(u.contracts.PeerComparison(ctx, scope, org, p.Year)); err != nil {
			return err
		}
	}
	p.fillSpendOptions(u.contracts.Today().Year())
	return c.Render("pages/spend_overview", p)
}

// setRows turns the report's rows into the table's and the chart's.
func (p *spendPage) setRows() {
	rep := p.Report
	var bars []bar
	for _, r := range rep.Rows {
		v := spendRowView{SpendRow: r, Name: r.Label}
		switch rep.GroupBy {
		case contracts.ByVendorGroup, contracts.ByVendor:
			v.Href = "/leveranciers/" + r.Key
		case contracts.ByOrganization:
			v.Href = fmt.Sprintf("/uitgaven?jaar=%d&organisatie=%s", rep.Year, r.Key)
		case contracts.ByCategory:
			if r.Key == "0" || v.Name == "" {
				v.Name = "Zonder categorie"
			}
		}
		p.ShowPerInhabitant = p.ShowPerInhabitant || r.Population > 0
		p.Rows = append(p.Rows, v)
		if len(bars) < chartTop {
			bars = append(bars, bar{Label: v.Name, Value: int64(r.Amount), Text: nl.Money(r.Amount) + " (" + nl.Percent(r.BasisPoints) + ")"})
		}
	}
	who := "alle organisaties"
	if rep.Organization.Code != "" {
		who = rep.Organization.Name
	}
	title := fmt.Sprintf("Uitgaven %d per %s, %s", rep.Year, strings.ToLower(p.Per.Label), who)
	desc := fmt.Sprintf("Staafdiagram van de toegezegde uitgaven in %d: de %d grootste van %d %s, met bedrag en aandeel in het totaal van %s. "+
		"De tabel hieronder geeft dezelfde bedragen.", rep.Year, len(bars), len(p.Rows), p.Per.Plural, nl.Money(rep.Total))
	p.Chart, p.ChartShown = barChart("uitgaven-grafiek", title, desc, bars), len(bars)
}

func (p *spendPage) setForecastChart() {
	var bars []bar
	for _, y := range p.Forecast.Years {
		bars = append(bars, bar{Label: strconv.Itoa(y.Year), Value: int64(y.Amount), Text: nl.Money(y.Amount)})
	}
	if len(bars) == 0 {
		return
	}
	p.ForecastBar = barChart("prognose-grafiek", fmt.Sprintf("Toegezegde uitgaven %s–%s", bars[0].Label, bars[len(bars)-1].Label),
		"Staafdiagram van de toegezegde uitgaven per jaar volgens de contracten van vandaag, geïndexeerd. De tabel hieronder geeft dezelfde bedragen.", bars)
}

// setPeers takes the peer comparison; an organization without a
// population has no size class, which the page says instead.
func (p *spendPage) setPeers(pc contracts.PeerComparison, err error) error {
	if fe := apperr.Fields(err); len(fe) > 0 {
		p.PeersNote = "Geen vergelijking met andere organisaties: van deze organisatie is het aantal inwoners niet bekend, dus ook de grootteklasse niet."
		return nil
	}
	if err != nil {
		return err
	}
	if pc.TooFewPeers {
		p.PeersNote = fmt.Sprintf("Geen vergelijking: er zijn minder dan %d vergelijkbare organisaties (%s) met uitgaven in %d, en met zo weinig zijn hun bedragen herleidbaar.",
			contracts.MinPeers, sizeLabel(pc.SizeClass), pc.Year)
		return nil
	}
	p.Peers = &pc
	bars := []bar{{"Minimum", int64(pc.Min), nl.Money(pc.Min)}, {"Eerste kwartiel", int64(pc.Q1), nl.Money(pc.Q1)},
		{"Mediaan", int64(pc.Median), nl.Money(pc.Median)}, {"Derde kwartiel", int64(pc.Q3), nl.Money(pc.Q3)},
		{"Maximum", int64(pc.Max), nl.Money(pc.Max)}}
	if pc.Rank > 0 {
		bars = append([]bar{{pc.Organization.Name, int64(pc.PerInhabitant), nl.Money(pc.PerInhabitant)}}, bars...)
	}
	p.PeersChart = barChart("vergelijking-grafiek", fmt.Sprintf("Uitgaven per inwoner %d: %s en vergelijkbare organisaties", pc.Year, pc.Organization.Name),
		fmt.Sprintf("Staafdiagram van de uitgaven per inwoner van %s naast minimum, kwartielen, mediaan en maximum van %d organisaties met %s. "+
			"De tabel hieronder geeft dezelfde bedragen.", pc.Organization.Name, pc.Peers, sizeLabel(pc.SizeClass)), bars)
	return nil
}

// fillSpendOptions fills the page's choosers of year and grouping.
func (p *spendPage) fillSpendOptions(today int) {
	p.Years = yearOptions(today, p.Year)
	for _, g := range spendGroupings {
		p.Pers = append(p.Pers, option{g.Value, g.Label, g.Value == p.Per.Value})
	}
}
