// Package ui is Samenkoop's server-rendered Dutch UI: the pages and their
// forms, the template functions and charts, and the Dutch error page.
// routes.go lists every page with who may open it.
package ui

import (
	"log/slog"
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// New returns the HTML UI for web.New: its pages, the views they render
// with and the Dutch error page. It parses the templates and panics when
// one does not parse: that is a build defect, not a runtime condition.
func New() web.Surface {
	views, err := newRenderer()
	if err != nil {
		panic(err)
	}
	return &surface{views: views}
}

// surface is the UI as web.New takes it (web.Pages).
type surface struct {
	views *renderer
	demo  bool
}

// Views returns the renderer of the pages.
func (s *surface) Views() fiber.Views { return s.views }

// Routes registers the pages (routes.go).
func (s *surface) Routes(r *web.Router) {
	deps, opts := r.Deps(), r.Options()
	s.demo = opts.Demo
	routes(r, &ui{contracts: deps.Contracts, procurement: deps.Procurement, auth: deps.Auth, audit: deps.Audit, demo: opts.Demo,
		log: opts.Logger, r: r, imports: r.Imports(), feeds: web.NewVersions(nil)})
}

// ErrorPage renders the Dutch error page of status.
func (s *surface) ErrorPage(c *fiber.Ctx, status int) error {
	return c.Render("pages/error", errorPage{
		layout: pageLayout(c, s.demo, dutchTitle(status), ""),
		Status: status,
		Detail: dutchDetail(status),
	})
}

// dutchTitle and dutchDetail are what the HTML error page says.
func dutchTitle(status int) string {
	switch status {
	case 400, 422:
		return "Ongeldige invoer"
	case 401:
		return "Niet ingelogd"
	case 403:
		return "Geen toegang"
	case 404:
		return "Pagina niet gevonden"
	case 409:
		return "Conflict"
	case 413:
		return "Bestand te groot"
	case 503:
		return "Even geduld"
	}
	return "Er ging iets mis"
}

func dutchDetail(status int) string {
	switch status {
	case 404:
		return "De pagina of het gegeven dat u zoekt bestaat niet (meer)."
	case 413:
		return "Het verzoek is groter dan de server toestaat."
	case 400, 422:
		return "Controleer de invoer en probeer het opnieuw."
	case 409:
		return "De wijziging botst met bestaande gegevens."
	case 503:
		return "De server berekent al zoveel overzichten als hij tegelijk mag. Probeer het over enkele seconden opnieuw."
	}
	if status >= 500 {
		return "Een onverwachte fout. Noem het verzoeknummer hieronder als u dit meldt."
	}
	return ""
}

// ui holds what the HTML handlers use.
type ui struct {
	contracts   *contracts.Service
	procurement *procurement.Service
	auth        *auth.Service
	audit       web.AuditLog
	demo        bool
	log         *slog.Logger
	// r sets and clears the login's cookies and hands out the options.
	r *web.Router
	// imports bounds the spreadsheet imports, shared with the api.
	imports *web.Imports
	// feeds remembers since when each calendar feed is as it is, its
	// Last-Modified.
	feeds *web.Versions
}

// layout is what the base layout needs on every page.
type layout struct {
	Title     string
	Section   string // navigation item to mark current
	Demo      bool
	RequestID string
	// User is the logged-in user, nil on the login page.
	User *auth.User
	// CSRF is the token every form of the page carries.
	CSRF string
}

func (u *ui) layout(c *fiber.Ctx, title, section string) layout {
	return pageLayout(c, u.demo, title, section)
}

func pageLayout(c *fiber.Ctx, demo bool, title, section string) layout {
	return layout{Title: title, Section: section, Demo: demo, RequestID: web.RequestID(c), User: web.CurrentUser(c), CSRF: web.CSRFToken(c)}
}

type errorPage struct {
	layout
	Status int
	Detail string
}

type option struct {
	Value, Label string
	Selected     bool
}

type homePage struct {
	layout
	Counts  []kindCount
	Total   int
	Alerts  alertSection
	Tenders tenderSection
	// Licences are the licence lines over quota, for the roles that read
	// spend; nil for the others.
	Licences *contracts.LicencePage
}

type kindCount struct {
	Kind  contracts.OrgKind
	Label string
	N     int
}

func (u *ui) home(c *fiber.Ctx) error {
	p := homePage{layout: u.layout(c, "Overzicht", "home")}
	for _, k := range contracts.OrgKinds() {
		page, err := u.contracts.Organizations(c.UserContext(), contracts.OrganizationFilter{Kind: k, PageSize: 1})
		if err != nil {
			return err
		}
		p.Counts = append(p.Counts, kindCount{Kind: k, Label: kindPlural(k, page.Total), N: page.Total})
		p.Total += page.Total
	}
	alerts, err := u.homeAlerts(c)
	if err != nil {
		return err
	}
	p.Alerts = alerts
	if p.Tenders, err = u.homeTenders(c); err != nil {
		return err
	}
	if p.Licences, err = u.homeLicences(c); err != nil {
		return err
	}
	return c.Render("pages/home", p)
}

type organizationListPage struct {
	layout
	Q         string
	Kinds     []option
	Provinces []option
	Regions   []option
	Rows      []contracts.Organization
	contracts.ListPage
	Pager    pager
	Filtered bool
	Notice   string
}

func (u *ui) listOrganizations(c *fiber.Ctx) error {
	page, _ := strconv.Atoi(c.Query("pagina", "1"))
	f := contracts.OrganizationFilter{
		Kind: contracts.OrgKind(c.Query("soort")), Province: c.Query("provincie"), Region: c.Query("regio"),
		Q: c.Query("q"), Cursor: c.Query("cursor"), Page: page, PageSize: 50,
	}.Normalize()
	// Unknown filter values from a hand-edited URL are dropped, not an error
	// page: the list then shows everything, and a notice says why.
	var notice string
	if f.Kind != "" && !f.Kind.Valid() {
		f.Kind, notice = "", "Onbekende soort genegeerd: alle soorten worden getoond."
	}
	if f.Province != "" && (contracts.Organization{Province: f.Province}).ProvinceName() == "" {
		f.Province, notice = "", "Onbekende provincie genegeerd: alle provincies worden getoond."
	}
	err := contracts.CheckPageDepth(f.Cursor, f.Page, f.PageSize)
	var res contracts.OrganizationPage
	if err == nil {
		res, err = u.contracts.Organizations(c.UserContext(), f)
	}
	if n, ok := firstPageOnBadPosition(err); ok {
		f.Cursor, f.Page, notice = "", 1, n
		res, err = u.contracts.Organizations(c.UserContext(), f)
	}
	if err != nil {
		return err
	}
	regions, err := u.contracts.Regions(c.UserContext())
	if err != nil {
		return err
	}
	p := organizationListPage{
		layout: u.layout(c, "Organisaties", "organisaties"),
		Q:      f.Q, Rows: res.Items, ListPage: res.ListPage, Notice: notice,
		Pager: listPager("/organisaties", url.Values{"q": {f.Q}, "soort": {string(f.Kind)}, "provincie": {f.Province}, "regio": {f.Region}},
			f.Cursor, f.Page, res.ListPage),
		Filtered: f.Q != "" || f.Kind != "" || f.Province != "" || f.Region != "",
	}
	for _, k := range contracts.OrgKinds() {
		p.Kinds = append(p.Kinds, option{string(k), kindLabel(k), k == f.Kind})
	}
	for _, pr := range contracts.Provinces() {
		p.Provinces = append(p.Provinces, option{pr.Code, pr.Name, pr.Code == f.Province})
	}
	for _, r := range regions {
		p.Regions = append(p.Regions, option{r, r, r == f.Region})
	}
	return c.Render("pages/organizations_list", p)
}

type organizationPage struct {
	layout
	Org          contracts.Organization
	Cooperations []contracts.Organization
	// Bands are the organization's procurement-policy bands below the EU
	// threshold; CanSetBands says the user may change them.
	Bands       procurement.PolicyBands
	CanSetBands bool
	BandsForm   bandsForm
	Errors      formErrors
	Saved       bool
	NoticeSaved bool
}

func (u *ui) organization(c *fiber.Ctx) error {
	o, err := u.contracts.Organization(c.UserContext(), c.Params("code"))
	if err != nil {
		return err
	}
	p := organizationPage{layout: u.layout(c, o.Name, "organisaties"), Org: o, Saved: c.Query("melding") == "inkoopbeleid",
		NoticeSaved: c.Query("melding") == "aankondiging"}
	if err := u.fillBands(c, &p); err != nil {
		return err
	}
	for _, code := range o.Cooperations {
		co, err := u.contracts.Organization(c.UserContext(), code)
		if err != nil {
			return err
		}
		p.Cooperations = append(p.Cooperations, co)
	}
	return c.Render("pages/organizations_detail", p)
}
