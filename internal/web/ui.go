package web

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/procurement"
)

// ui holds what the HTML handlers use.
type ui struct {
	contracts   *contracts.Service
	procurement *procurement.Service
	auth        *auth.Service
	audit       AuditLog
	demo        bool
	s           *server
	// imports bounds the spreadsheet imports, shared with the api.
	imports *importGate
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
	return u.s.layout(c, title, section)
}

func (s *server) layout(c *fiber.Ctx, title, section string) layout {
	l := layout{Title: title, Section: section, Demo: s.opts.Demo, RequestID: requestID(c), User: currentUser(c)}
	if sess, ok := c.Locals(sessionKey).(*auth.Session); ok {
		l.CSRF = sess.CSRF
	}
	return l
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
	return c.Render("pages/home", p)
}

type organizationListPage struct {
	layout
	Q         string
	Kinds     []option
	Provinces []option
	Regions   []option
	Rows      []contracts.Organization
	Total     int
	Pager     pager
	Filtered  bool
	Notice    string
}

func (u *ui) listOrganizations(c *fiber.Ctx) error {
	page, _ := strconv.Atoi(c.Query("pagina", "1"))
	f := contracts.OrganizationFilter{
		Kind: contracts.OrgKind(c.Query("soort")), Province: c.Query("provincie"), Region: c.Query("regio"),
		Q: c.Query("q"), Page: page, PageSize: 50,
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
	res, err := u.contracts.Organizations(c.UserContext(), f)
	if err != nil {
		return err
	}
	regions, err := u.contracts.Regions(c.UserContext())
	if err != nil {
		return err
	}
	p := organizationListPage{
		layout: u.layout(c, "Organisaties", "organisaties"),
		Q:      f.Q, Rows: res.Items, Total: res.Total, Notice: notice,
		Pager: newPager("/organisaties", url.Values{"q": {f.Q}, "soort": {string(f.Kind)}, "provincie": {f.Province}, "regio": {f.Region}},
			f.Page, f.PageSize, res.Total),
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
}

func (u *ui) organization(c *fiber.Ctx) error {
	o, err := u.contracts.Organization(c.UserContext(), c.Params("code"))
	if err != nil {
		return err
	}
	p := organizationPage{layout: u.layout(c, o.Name, "organisaties"), Org: o, Saved: c.Query("melding") == "inkoopbeleid"}
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
