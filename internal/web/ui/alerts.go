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
// for soon.
type alertSection struct {
	Days   int
	Rows   []alertRow
	Total  int
	Hidden int // alerts beyond the rows shown
	Missed int
	// Overdue counts the actions whose action date passed while their
	// deadline has not: start now (DESIGN §4).
	Overdue int
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
}

// homeAlerts loads the dashboard's alerts for the user's scope.
func (u *ui) homeAlerts(c *fiber.Ctx) (alertSection, error) {
	me := web.CurrentUser(c)
	alerts, err := u.contracts.Alerts(c.UserContext(), web.CurrentScope(c), "", dashboardAlertDays)
	if err != nil {
		return alertSection{}, err
	}
	today := u.contracts.Today()
	sec := alertSection{Days: dashboardAlertDays, Total: len(alerts), AllOrganizations: me.AllOrganizations()}
	for i, a := range alerts {
		if a.Missed {
			sec.Missed++
		}
		if a.Overdue {
			sec.Overdue++
		}
		if i >= dashboardAlertRows {
			continue
		}
		ac := a.Contract
		badge := ""
		switch {
		case a.Missed, a.Overdue:
			badge = "badge--danger"
		case a.Kind == contracts.AlertNotice || a.Kind == contracts.AlertOption:
			badge = "badge--warning"
		}
		sec.Rows = append(sec.Rows, alertRow{
			Date: nl.Date(a.Date), When: daysFrom(today, a.Date), Kind: a.Kind, Text: exports.AlertText(a), Missed: a.Missed, Overdue: a.Overdue,
			Badge:       badge,
			ContractURL: fmt.Sprintf("/contracten/%d", ac.ID), Number: ac.Number, Title: ac.Title, Vendor: ac.VendorName,
			Org: ac.OrganizationName,
		})
	}
	sec.Hidden = sec.Total - len(sec.Rows)
	return sec, nil
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
