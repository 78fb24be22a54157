package ui

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
)

// The dashboard shows the alerts of the next dashboardAlertDays, at most
// dashboardAlertRows of them.
const (
	dashboardAlertDays = 90
	dashboardAlertRows = 50
)

// alertSection is the dashboard's list of what the user's contracts ask
// for soon: what is next first, nearest first, each on its own date; the
// missed notice deadlines apart, summarized, each with the day it passed.
type alertSection struct {
	Days int
	// Rows are the coming deadlines, nearest first; an overdue action
	// ("begin nu") sits at the deadline it leads up to.
	Rows   []alertRow
	Total  int
	Hidden int // coming deadlines beyond the rows shown
	// TotalAtLeast says there are more coming deadlines than Total, the
	// bound they are counted to; Hidden is then at least as many.
	TotalAtLeast bool
	// MissedRows are the missed notice deadlines, the latest first, dated
	// the day each passed; Missed counts them, MissedHidden those beyond
	// the rows.
	MissedRows    []alertRow
	Missed        int
	MissedHidden  int
	MissedAtLeast bool
	// Overdue counts the actions whose action date passed while their
	// deadline has not: start now (DESIGN §4).
	Overdue        int
	OverdueAtLeast bool
	// AllOrganizations shows the organization of each contract: the user
	// sees more than one.
	AllOrganizations bool
}

// alertRow is one alert as the dashboard shows it, in Dutch.
type alertRow struct {
	Date        string // 31-10-2026
	When        string // "vandaag", "over 12 dagen"
	Kind        contracts.AlertKind
	Text        string // what to do by when
	Missed      bool
	Overdue     bool
	Badge       string // CSS class: missed deadlines stand out, then those that end or renew a contract
	ContractURL string
	Number      string
	Title       string
	Vendor      string
	Org         string
	// End is, for a missed notice deadline, the end the contract is now
	// committed to.
	End string
}

// homeAlerts loads the dashboard's alerts for the user's scope: the
// first coming ones in the dashboard's order, the latest missed ones
// apart, read one page at a time (contracts.Service.HomeAlerts).
func (u *ui) homeAlerts(c *fiber.Ctx) (alertSection, error) {
	me := web.CurrentUser(c)
	h, err := u.contracts.HomeAlerts(c.UserContext(), web.CurrentScope(c), dashboardAlertDays, dashboardAlertRows)
	if err != nil {
		return alertSection{}, err
	}
	sec := alertSection{Days: dashboardAlertDays, AllOrganizations: me.AllOrganizations(),
		Total: h.Total, TotalAtLeast: h.TotalAtLeast, Missed: h.MissedTotal, MissedAtLeast: h.MissedAtLeast,
		Overdue: h.Overdue, OverdueAtLeast: h.OverdueAtLeast}
	for _, a := range h.Coming {
		sec.Rows = append(sec.Rows, dashboardRow(a, h.AsOf))
	}
	for _, a := range h.Missed {
		sec.MissedRows = append(sec.MissedRows, dashboardRow(a, h.AsOf))
	}
	sec.Hidden, sec.MissedHidden = sec.Total-len(sec.Rows), sec.Missed-len(sec.MissedRows)
	return sec, nil
}

// OverdueText, HiddenText, MissedText and MissedHiddenText say the
// section's counts in Dutch: "meer dan 1.000" beyond the bound they are
// counted to (contracts.HomeAlertBound).
func (s alertSection) OverdueText() string { return nl.AtLeast(s.Overdue, s.OverdueAtLeast) }

// HiddenText: see OverdueText.
func (s alertSection) HiddenText() string { return nl.AtLeast(s.Hidden, s.TotalAtLeast) }

// MissedText: see OverdueText.
func (s alertSection) MissedText() string { return nl.AtLeast(s.Missed, s.MissedAtLeast) }

// MissedHiddenText: see OverdueText.
func (s alertSection) MissedHiddenText() string { return nl.AtLeast(s.MissedHidden, s.MissedAtLeast) }

// dashboardRow is alert a in Dutch, on its own day (contracts.AlertDay).
func dashboardRow(a contracts.Alert, today contracts.Date) alertRow {
	ac := a.Contract
	badge := ""
	switch {
	case a.Missed, a.Overdue:
		badge = "badge--danger"
	case a.Kind == contracts.AlertNotice || a.Kind == contracts.AlertOption:
		badge = "badge--warning"
	}
	day := contracts.AlertDay(a)
	r := alertRow{Date: nl.Date(day), When: daysFrom(today, day), Kind: a.Kind, Text: exports.AlertText(a), Missed: a.Missed, Overdue: a.Overdue,
		Badge: badge, ContractURL: fmt.Sprintf("/contracten/%d", ac.ID), Number: ac.Number, Title: ac.Title, Vendor: ac.VendorName,
		Org: ac.OrganizationName}
	if a.Missed && !a.End.IsZero() {
		r.End = nl.Date(a.End)
	}
	return r
}

// daysFrom says in Dutch how far d lies from today.
func daysFrom(today, d contracts.Date) string {
	switch n := today.DaysUntil(d); {
	case n == 0:
		return "vandaag"
	case n == 1:
		return "morgen"
	case n > 1:
		return fmt.Sprintf("over %d dagen", n)
	case n == -1:
		return "gisteren"
	default:
		return fmt.Sprintf("%d dagen geleden", -n)
	}
}

// calendarFeed serves a user's iCalendar feed at /agenda/{secret}.ics. The
// route is public: calendar apps fetch it without a session, so the secret
// in the path is the credential. An unknown or revoked secret is a 404.
func (u *ui) calendarFeed(c *fiber.Ctx) error {
	secret := c.Params("token")
	// The access log writes the request path; the secret must not end up
	// in it, so the path is rewritten before anything can log it.
	c.Path("/agenda/-.ics")
	user, err := u.auth.CalendarUser(c.UserContext(), secret)
	if err != nil {
		return err
	}
	scope := user.Scope()
	alerts, today, err := u.contracts.CalendarAlerts(c.UserContext(), scope)
	if err != nil {
		return err
	}
	name := "Samenkoop: contractdeadlines van alle organisaties"
	if !scope.All() {
		o, err := u.contracts.Organization(c.UserContext(), user.Organization)
		if err != nil {
			return err
		}
		name = "Samenkoop: contractdeadlines " + o.Name
	}
	cal := exports.CalendarFeed{
		Name: name, BaseURL: c.BaseURL(), Alerts: alerts,
		// The day the dates were computed for, so that the feed changes
		// when its data does and not with every request.
		Stamp: time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, contracts.Amsterdam),
	}
	return u.sendFeed(c, strconv.FormatInt(user.ID, 10)+" "+cal.BaseURL, func(w io.Writer) error { return exports.Calendar(w, cal) })
}

// sendFeed sends the feed write writes, or 304 when the client's copy is
// current. Calendar apps poll the feed every few hours; with the entity
// tag (a hash of the feed) and Last-Modified (when this feed, key, first
// had that tag) they revalidate instead of fetching it whole. The feed
// is written twice, once into the hash and once to the client, so that
// it is never held in memory.
func (u *ui) sendFeed(c *fiber.Ctx, key string, write web.ExportWriter) error {
	etag, err := web.ContentETag(write)
	if err != nil {
		return err
	}
	modified := u.feeds.Since(key, etag)
	c.Set(fiber.HeaderETag, etag)
	c.Set(fiber.HeaderLastModified, modified.UTC().Format(http.TimeFormat))
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	if web.NotModified(c, etag, modified) {
		c.Status(fiber.StatusNotModified)
		return nil
	}
	c.Set(fiber.HeaderContentType, "text/calendar; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `inline; filename="samenkoop.ics"`)
	web.StreamBody(c, c.UserContext(), u.log, "samenkoop.ics", write)
	return nil
}

// calendarSection is what the account page's "Agenda-abonnement" section
// shows beyond its forms: the feed URL right after it was made (the only
// time it can be shown: only its hash is kept), or what was revoked.
type calendarSection struct {
	URL string // https://…/agenda/skc_….ics
	// WebcalURL is the same for one-click subscribing: webcal://…. Built
	// here from the request's host and the secret, so it is marked safe
	// for html/template, which lets only http(s) and mailto through.
	WebcalURL template.URL
	Revoked   bool
	NoneFound bool // revoking found no active feed
}

// CalendarSection is empty on the account page as auth.go renders it
// (GET /account): accountPage carries no calendar data, so the section
// shows its forms only.
func (p accountPage) CalendarSection() calendarSection { return calendarSection{} }

// calendarAccountPage is the account page after a feed was made or
// revoked.
type calendarAccountPage struct {
	accountPage
	calendar calendarSection
}

// CalendarSection shadows accountPage's.
func (p calendarAccountPage) CalendarSection() calendarSection { return p.calendar }

func (u *ui) renderCalendarAccount(c *fiber.Ctx, status int, sec calendarSection) error {
	tokens, err := u.auth.Tokens(c.UserContext(), web.CurrentUser(c).ID)
	if err != nil {
		return err
	}
	p := calendarAccountPage{accountPage: accountPage{layout: u.layout(c, "Mijn account", "account"), Tokens: tokens, Now: time.Now()}, calendar: sec}
	return c.Status(status).Render("pages/account", p)
}

// createCalendarFeed makes the user a new feed URL, revoking the old one,
// and shows it once.
func (u *ui) createCalendarFeed(c *fiber.Ctx) error {
	_, secret, err := u.auth.CreateCalendarFeed(c.UserContext(), web.CurrentUser(c).ID)
	if err != nil {
		return err
	}
	url := c.BaseURL() + "/agenda/" + secret + ".ics"
	webcal := template.URL("webcal://" + strings.TrimPrefix(strings.TrimPrefix(url, "https://"), "http://"))
	return u.renderCalendarAccount(c, fiber.StatusCreated, calendarSection{URL: url, WebcalURL: webcal})
}

// revokeCalendarFeed revokes the user's feed; revoking when there is none
// changes nothing and says so.
func (u *ui) revokeCalendarFeed(c *fiber.Ctx) error {
	err := u.auth.RevokeCalendarFeed(c.UserContext(), web.CurrentUser(c).ID)
	if errors.Is(err, apperr.NotFound) {
		return u.renderCalendarAccount(c, fiber.StatusOK, calendarSection{NoneFound: true})
	}
	if err != nil {
		return err
	}
	return u.renderCalendarAccount(c, fiber.StatusOK, calendarSection{Revoked: true})
}
