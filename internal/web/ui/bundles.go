package ui

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// The bundler's pages (issue 8): /bundels lists the ranked suggestions a
// page at a time (issue 15), each with why, participants counted, value,
// procedure, dates and benefit, filtered by category, window, region and
// grouping; /bundels/{key} shows one with its participants, lots, plan,
// assumptions and justification, and there a coordinator makes a draft
// tender of it with one button. They ask the same service methods as GET
// /api/v1/bundles and /api/v1/bundles/{key} with the same scope. The query
// parameters are the API's (category, window, region, grouping, after),
// so a link from the demand page (/bundels?category=3) works on both.

// bundlePageSize is how many suggestions /bundels shows at a time.
const bundlePageSize = 20

type bundlesPage struct {
	layout
	Categories []option
	Groupings  []option
	Regions    []string
	// Window and Region are the filter as typed.
	Window, Region string
	DefaultWindow  int
	Errors         map[string]string
	Scoped         bool
	CanCreate      bool
	AsOf           contracts.Date
	Suggestions    []procurement.RankedSuggestion
	// Total counts the suggestions the filter selects; From and To are
	// the ranks on this page. FirstURL leads back to the first page when
	// this is a later one, NextURL to the next page.
	Total, From, To   int
	FirstURL, NextURL string
}

// bundleParticipantsPage is how many participants a suggestion's page
// lists at a time: the model case has 283, a stress-scale bundle
// thousands.
const bundleParticipantsPage = 100

// bundlePage is one suggestion on its own page.
type bundlePage struct {
	layout
	Scoped    bool
	CanCreate bool
	AsOf      contracts.Date
	Bundle    bundleView
	// Participants are this page's participants (bundleParticipantsPage
	// of them, by organization code); Pager pages through the rest.
	Participants []procurement.BundleParticipant
	Pager        pager
}

// bundleView is one suggestion on the page with the lead authorities a
// coordinator can choose from.
type bundleView struct {
	procurement.Suggestion
	Rank  int
	Leads []option
}

// bundleFilter reads the filter from the query; problems come back by
// field, in Dutch.
func bundleFilter(c *fiber.Ctx) (procurement.BundleQuery, map[string]string) {
	q := procurement.BundleQuery{Region: strings.TrimSpace(c.Query("region")), Grouping: procurement.Grouping(c.Query("grouping"))}
	errs := map[string]string{}
	if s := strings.TrimSpace(c.Query("category")); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id < 0 {
			errs["category"] = nl.FieldMessage(apperr.FieldError{Field: "category", Code: apperr.NotAnID, Args: []any{id}})
		}
		q.CategoryID = id
	}
	if s := strings.TrimSpace(c.Query("window")); s != "" {
		w, err := strconv.Atoi(s)
		if err != nil || w < 1 {
			errs["window"] = nl.FieldMessage(apperr.FieldError{Field: "window", Code: apperr.RangeMonths, Args: []any{1, procurement.MaxWindowMonths, w}})
		}
		q.WindowMonths = w
	}
	return q, errs
}

func (u *ui) bundles(c *fiber.Ctx) error {
	ctx, user := c.UserContext(), web.CurrentUser(c)
	q, errs := bundleFilter(c)
	p := bundlesPage{layout: u.layout(c, "Bundelvoorstellen", "bundels"), Window: c.Query("window"), Region: q.Region,
		DefaultWindow: u.procurement.Bundling().WindowMonths, Scoped: !user.AllOrganizations(), AsOf: u.procurement.Today(),
		CanCreate: user.Role == auth.RoleAdmin || user.Role == auth.RoleCoordinator, Errors: errs}
	if len(errs) == 0 {
		// A cursor that is not one (an edited link) shows the first page.
		after := strings.TrimSpace(c.Query("after"))
		page, err := u.procurement.BundlePage(ctx, web.CurrentScope(c), procurement.BundlePageQuery{BundleQuery: q, After: after, Limit: bundlePageSize})
		if fe := apperr.Fields(err); len(fe) == 1 && fe[0].Field == "after" {
			after = ""
			page, err = u.procurement.BundlePage(ctx, web.CurrentScope(c), procurement.BundlePageQuery{BundleQuery: q, Limit: bundlePageSize})
		}
		for _, f := range apperr.Fields(err) {
			errs[f.Field] = nl.FieldMessage(f)
		}
		if err != nil && len(errs) == 0 {
			return err
		}
		p.Suggestions, p.Total, p.AsOf, p.Regions = page.Items, page.Total, page.AsOf, page.Regions
		if n := len(page.Items); n > 0 {
			p.From, p.To = page.Items[0].Rank, page.Items[n-1].Rank
		}
		if page.Next != "" {
			p.NextURL = bundlesURL(c, page.Next)
		}
		if after != "" {
			p.FirstURL = bundlesURL(c, "")
		}
	}
	if err := u.bundleFilterOptions(c, &p, q); err != nil {
		return err
	}
	status := fiber.StatusOK
	if len(errs) > 0 {
		status = fiber.StatusUnprocessableEntity
	}
	return c.Status(status).Render("pages/bundles", p)
}

// bundlesURL links to /bundels with the request's filter and the cursor
// after ("" for the first page).
func bundlesURL(c *fiber.Ctx, after string) string {
	q := url.Values{}
	for _, k := range []string{"category", "window", "region", "grouping"} {
		if v := strings.TrimSpace(c.Query(k)); v != "" {
			q.Set(k, v)
		}
	}
	if after != "" {
		q.Set("after", after)
	}
	if len(q) == 0 {
		return "/bundels"
	}
	return "/bundels?" + q.Encode()
}

// bundle shows the suggestion :key; a key no suggestion has (any more),
// or one without the caller's organization, is the 404 page.
func (u *ui) bundle(c *fiber.Ctx) error {
	user := web.CurrentUser(c)
	s, err := u.procurement.Bundle(c.UserContext(), web.CurrentScope(c), c.Params("key"))
	if err != nil {
		return err
	}
	p := bundlePage{layout: u.layout(c, s.Tender.Title, "bundels"), Scoped: !user.AllOrganizations(), AsOf: u.procurement.Today(),
		CanCreate: user.Role == auth.RoleAdmin || user.Role == auth.RoleCoordinator,
		Bundle:    bundleView{Suggestion: s.Suggestion, Rank: s.Rank}}
	n := len(s.Participants)
	page, _ := strconv.Atoi(c.Query("pagina", "1"))
	page = min(max(page, 1), max(contracts.PageCount(n, bundleParticipantsPage), 1))
	from := min((page-1)*bundleParticipantsPage, n)
	p.Participants = s.Participants[from:min(from+bundleParticipantsPage, n)]
	// The lead choice offers the participants this page lists, beside the
	// suggested leads: a choice of every participant of a stress-scale
	// bundle would be most of the page.
	p.Bundle.Leads = bundleLeads(s.Suggestion, p.Participants, user)
	p.Pager = newPager("/bundels/"+s.Key, nil, page, bundleParticipantsPage, n)
	p.Pager.PrevLabel, p.Pager.NextLabel = "Vorige deelnemers", "Volgende deelnemers"
	return c.Render("pages/bundle", p)
}

// bundleFilterOptions fills the filter's choices.
func (u *ui) bundleFilterOptions(c *fiber.Ctx, p *bundlesPage, q procurement.BundleQuery) error {
	cats, err := u.contracts.Categories(c.UserContext())
	if err != nil {
		return err
	}
	for _, cat := range cats {
		p.Categories = append(p.Categories, option{strconv.FormatInt(cat.ID, 10), cat.Name, cat.ID == q.CategoryID})
	}
	if p.Regions == nil {
		// No page of suggestions read them (a filter with problems).
		if p.Regions, err = u.contracts.Regions(c.UserContext()); err != nil {
			return err
		}
	}
	for _, g := range procurement.Groupings() {
		p.Groupings = append(p.Groupings, option{string(g), nl.Capitalize(nl.Grouping(g)), g == q.Grouping})
	}
	return nil
}

// bundleLeads are the organizations a coordinator may choose as lead
// authority. None is chosen beforehand: the first choice is empty and the
// form is refused without one. Suggested first are the cooperation most
// participants belong to and the largest participant by annual value (the
// body with the most at stake and usually the procurement staff), each
// marked as suggested and why; then the user's own organization and the
// other participants listed (all of s's, or one page of them).
func bundleLeads(s procurement.Suggestion, listed []procurement.BundleParticipant, user *auth.User) []option {
	out := []option{{"", "Kies de penvoerder", true}}
	seen := make(map[string]bool, len(listed)+len(s.Cooperations)+3)
	add := func(code, label string) {
		if code != "" && !seen[code] {
			seen[code] = true
			out = append(out, option{code, label, false})
		}
	}
	for _, c := range s.Cooperations {
		add(c.Code, fmt.Sprintf("%s (%s) — voorgesteld: samenwerkingsverband van %s %s", c.Name, c.Code, nl.Number(c.Participants),
			plural(c.Participants, "deelnemer", "deelnemers")))
		break
	}
	largest, value := -1, contracts.Money(-1)
	for i := range s.Participants {
		p := &s.Participants[i]
		var sum contracts.Money
		for _, v := range p.Volumes {
			sum = contracts.SatAdd(sum, v.Annual)
		}
		if sum > value {
			largest, value = i, sum
		}
	}
	if largest >= 0 {
		p := s.Participants[largest]
		add(p.Organization, fmt.Sprintf("%s (%s) — voorgesteld: grootste deelnemer, %s per jaar", p.Name, p.Organization, nl.Money(value)))
	}
	if user.Organization != "" {
		add(user.Organization, user.Organization)
	}
	for _, c := range s.Cooperations {
		add(c.Code, c.Name+" ("+c.Code+")")
	}
	for i := range listed {
		add(listed[i].Organization, listed[i].Name+" ("+listed[i].Organization+")")
	}
	return out
}

// createBundleTender makes a draft tender of the suggestion :key with the
// lead the coordinator chose and goes to it (303). Without a choice it
// shows the choice again with the reason (422): there is no default lead.
// A key no suggestion has any more is the 404 page, an unknown lead the
// 422 page.
func (u *ui) createBundleTender(c *fiber.Ctx) error {
	lead := strings.TrimSpace(c.FormValue("lead"))
	if lead == "" {
		return u.chooseBundleLead(c)
	}
	id, err := u.procurement.TenderFromSuggestion(c.UserContext(), c.Params("key"), lead)
	if err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/aanbestedingen/%d?melding=aangemaakt", id), fiber.StatusSeeOther)
}

type bundleLeadPage struct {
	layout
	S     procurement.Suggestion
	Leads []option
}

// chooseBundleLead shows the lead choice of suggestion :key alone, with
// the reason it is asked again (422).
func (u *ui) chooseBundleLead(c *fiber.Ctx) error {
	s, err := u.procurement.Bundle(c.UserContext(), web.CurrentScope(c), c.Params("key"))
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusUnprocessableEntity).Render("pages/bundle_lead", bundleLeadPage{layout: u.layout(c, "Penvoerder kiezen", "bundels"),
		S: s.Suggestion, Leads: bundleLeads(s.Suggestion, s.Participants, web.CurrentUser(c))})
}
