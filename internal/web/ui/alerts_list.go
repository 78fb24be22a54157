package ui

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
)

// alertListDays is the window of /deadlines.
const alertListDays = 90

// alertListPage is /deadlines: every alert of the user's contracts in
// the coming alertListDays, in the list order of the API (a missed
// deadline and an overdue action dated today), one page at a time.
type alertListPage struct {
	layout
	Days int
	Rows []alertRow
	contracts.ListPage
	AllOrganizations bool
	Pager            pager
	Notice           string
}

// listAlerts shows one page of the alerts; the next page follows the
// cursor of the last row, the start page has none.
func (u *ui) listAlerts(c *fiber.Ctx) error {
	ctx, scope := c.UserContext(), web.CurrentScope(c)
	f := contracts.AlertFilter{Within: alertListDays, Cursor: c.Query("cursor"), PageSize: contracts.DefaultPageSize}
	res, err := u.contracts.AlertList(ctx, scope, f)
	var notice string
	if n, ok := firstPageOnBadPosition(err); ok {
		f.Cursor, notice = "", n
		res, err = u.contracts.AlertList(ctx, scope, f)
	}
	if err != nil {
		return err
	}
	today := u.contracts.Today()
	p := alertListPage{layout: u.layout(c, "Deadlines", "deadlines"), Days: alertListDays, ListPage: res.ListPage, Notice: notice,
		AllOrganizations: web.CurrentUser(c).AllOrganizations(), Pager: newCursorPager("/deadlines", url.Values{}, f.Cursor, res.Next, "")}
	if f.Cursor != "" {
		p.Pager.PrevURL, p.Pager.PrevLabel, p.Pager.Pages = "/deadlines", "Naar het begin", 2
	}
	for _, a := range res.Items {
		r := dashboardRow(a, today)
		// The list keeps the order of the API: the missed deadline and
		// the overdue action on today.
		r.Date, r.When = nl.Date(a.Date), daysFrom(today, a.Date)
		p.Rows = append(p.Rows, r)
	}
	return c.Render("pages/alerts_list", p)
}

// TotalText says how many alerts the list holds: "meer dan 1.000" when
// the count stopped at its bound.
func (p alertListPage) TotalText() string {
	if p.TotalAtLeast {
		return "meer dan " + nl.Number(p.Total)
	}
	return nl.Number(p.Total)
}
