package ui

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/web"
)

// The licence view for finance (issue 17) at /licenties: the licence lines
// over quota, costliest excess first, or with ?alle=1 every licence line.
// It asks the service the API asks (GET /api/v1/licences) with the same
// scope and policy, and pages by cursor (keyset): any page costs one page.

// licencesPageSize is the number of lines a page of the licence view shows.
const licencesPageSize = 50

type licencesPage struct {
	layout
	All          bool
	Organization string
	// OrgPick is the organization search field of a user scoped to all
	// organizations, Matches what it named when not exactly one
	// (picker.go).
	OrgPick picked
	Matches []pickerMatches
	Scoped  bool
	Page    contracts.LicencePage
	Pager   pager
	// OtherURL switches between the lines over quota and every line.
	OtherURL string
	// Notice says the position asked for is not in the list: the page
	// shows the first page instead.
	Notice string
}

func (u *ui) licences(c *fiber.Ctx) error {
	scope := web.CurrentScope(c)
	n, _ := strconv.Atoi(c.Query("pagina", "1"))
	all := c.Query("alle") == "1"
	org := strings.TrimSpace(c.Query("organisatie"))
	var (
		pick    picked
		matches []pickerMatches
	)
	if scope.All() {
		var err error
		if pick, err = u.pickOrganization(c.UserContext(), scope, org); err != nil {
			return err
		}
		org = pick.Value
		query := url.Values{}
		if all {
			query.Set("alle", "1")
		}
		if m := newPickerMatches("organisaties", matchLinks("/licenties", query, "organisatie", pick), pick); len(m.Links) > 0 || m.NotFound {
			matches = append(matches, m)
		}
	}
	f := contracts.LicenceFilter{Organization: org, All: all, Cursor: c.Query("cursor"), Page: n, PageSize: licencesPageSize}.Normalize()
	res, err := u.contracts.Licences(c.UserContext(), scope, f)
	var notice string
	if msg, ok := firstPageOnBadPosition(err); ok {
		// A link kept from the other view or an edited URL: the first page.
		f.Cursor, f.Page, notice = "", 1, msg
		res, err = u.contracts.Licences(c.UserContext(), scope, f)
	}
	if err != nil {
		return err
	}
	title := "Licenties boven het aantal"
	if all {
		title = "Alle licenties"
	}
	q, other := url.Values{}, url.Values{}
	if org != "" {
		q.Set("organisatie", org)
		other.Set("organisatie", org)
	}
	if all {
		q.Set("alle", "1")
	} else {
		other.Set("alle", "1")
	}
	otherURL := "/licenties"
	if len(other) > 0 {
		otherURL += "?" + other.Encode()
	}
	return c.Render("pages/licences", licencesPage{layout: u.layout(c, title, "licenties"), All: all, Organization: org, OrgPick: pick, Matches: matches,
		Scoped: !scope.All(), Page: res, Pager: listPager("/licenties", q, f.Cursor, f.Page, contracts.ListPage{Next: res.Next, Prev: res.Prev}),
		OtherURL: otherURL, Notice: notice})
}

// homeLicences is the start page's count of licence lines over quota, for
// the roles that read spend (nil for the others): one row read, the
// count and the cost of the excess from the same query.
func (u *ui) homeLicences(c *fiber.Ctx) (*contracts.LicencePage, error) {
	if web.SpendReaders.Check(web.CurrentUser(c), "") != nil {
		return nil, nil
	}
	res, err := u.contracts.Licences(c.UserContext(), web.CurrentScope(c), contracts.LicenceFilter{PageSize: 1}.Normalize())
	if err != nil {
		return nil, err
	}
	return &res, nil
}
