package ui

import (
	"context"
	"errors"
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

// demandPageSize is the number of rows per page of the demand list.
const demandPageSize = 50

// mayEditDemand reports whether u may change the demand of org: members
// their own organization's, administrators and coordinators any.
func mayEditDemand(u *auth.User, org string) bool {
	return u != nil && web.DemandEditors.Check(u, "") == nil && u.InScope(org)
}

// demandListQuery is the filter of the demand list as its form sends it
// (Dutch parameter names, values as typed).
type demandListQuery struct {
	Organization, Category, Status string
}

func demandListQueryFrom(c *fiber.Ctx) demandListQuery {
	q := func(k string) string { return strings.TrimSpace(c.Query(k)) }
	return demandListQuery{Organization: q("organisatie"), Category: q("categorie"), Status: q("status")}
}

// values returns the query as URL parameters, for links that keep it.
func (q demandListQuery) values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"organisatie": q.Organization, "categorie": q.Category, "status": q.Status} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}

// filter converts the query. Values a hand-edited URL got wrong are
// dropped with a note, as on the contract list; an organization outside
// the user's scope is refused by the service.
func (q *demandListQuery) filter() (procurement.DemandFilter, []string) {
	var (
		f     procurement.DemandFilter
		notes []string
	)
	f.Organization = q.Organization
	if q.Category != "" {
		n, err := strconv.ParseInt(q.Category, 10, 64)
		if err != nil || n < 1 {
			q.Category, notes = "", append(notes, "Onbekende categorie genegeerd.")
		}
		f.CategoryID = max(n, 0)
	}
	if f.Status = procurement.DemandStatus(q.Status); q.Status != "" && !f.Status.Valid() {
		f.Status, q.Status, notes = "", "", append(notes, "Onbekende status genegeerd.")
	}
	return f, notes
}

// demandRow is one registered demand as the list shows it.
type demandRow struct {
	procurement.Demand
	// Quantity with its unit in nl-NL: "1.200 aansluitingen".
	QuantityLabel string
	StatusLabel   string
	// ContractLabel is the number of the replaced contract, when it has one.
	ContractLabel string
	CanEdit       bool
}

type demandListPage struct {
	layout
	Query demandListQuery
	// ShowOrganization: the user sees every organization, so the list
	// has an organization column and filter.
	ShowOrganization bool
	// OrgPick is the organization filter's search field; Matches what
	// it offers when the text named several or none.
	OrgPick    picked
	Matches    []pickerMatches
	Categories []option
	Statuses   []option
	Rows       []demandRow
	Total      int
	Pager      pager
	Filtered   bool
	Notices    []string
	CanCreate  bool
	// NewURL opens the form, for the filtered organization when there is one.
	NewURL string
	// CanOverview: the user may open demand per category.
	CanOverview bool
}

func (u *ui) listDemand(c *fiber.Ctx) error {
	ctx, user := c.UserContext(), web.CurrentUser(c)
	scope := web.CurrentScope(c)
	q := demandListQueryFrom(c)
	typed := q.values()
	var matches []pickerMatches
	var orgPick picked
	if scope.All() && q.Organization != "" {
		// The organization is taken by a search field: a code or (part
		// of) a name; several matches are offered as links.
		var err error
		if orgPick, err = u.pickOrganization(ctx, scope, q.Organization); err != nil {
			return err
		}
		q.Organization = orgPick.Value
		if orgPick.Value == "" {
			matches = append(matches, newPickerMatches("organisaties", matchLinks("/behoefte", typed, "organisatie", orgPick), orgPick))
		}
	}
	f, notes := q.filter()
	page, _ := strconv.Atoi(c.Query("pagina", "1"))
	f.Cursor, f.Page, f.PageSize = c.Query("cursor"), page, demandPageSize
	f = f.Normalize()
	err := contracts.CheckPageDepth(f.Cursor, f.Page, f.PageSize)
	var res procurement.DemandPage
	if err == nil {
		res, err = u.procurement.Demands(ctx, scope, f)
	}
	if n, ok := firstPageOnBadPosition(err); ok {
		f.Cursor, f.Page, notes = "", 1, append(notes, n)
		res, err = u.procurement.Demands(ctx, scope, f)
	}
	if err != nil {
		return err
	}
	p := demandListPage{
		layout: u.layout(c, "Behoefte", "behoefte"), Query: q, ShowOrganization: scope.All(), Total: res.Total,
		Pager: listPager("/behoefte", q.values(), f.Cursor, f.Page, res.ListPage), Filtered: len(q.values()) > 0, Notices: notes,
		CanCreate: user != nil && web.DemandEditors.Check(user, "") == nil, NewURL: "/behoefte/nieuw",
		CanOverview: user != nil && demandOverviewReaders.Check(user, "") == nil,
		OrgPick:     orgPick, Matches: matches,
	}
	if scope.All() && q.Organization != "" {
		p.NewURL += "?organisatie=" + url.QueryEscape(q.Organization)
	}
	switch c.Query("melding") {
	case "opgeslagen":
		p.Notices = append(p.Notices, "De behoefte is opgeslagen.")
	case "verwijderd":
		p.Notices = append(p.Notices, "De behoefte is verwijderd.")
	}
	if p.Rows, err = u.demandRows(ctx, user, scope, res.Items); err != nil {
		return err
	}
	if err := u.fillDemandListOptions(ctx, &p, f); err != nil {
		return err
	}
	return c.Render("pages/demand_list", p)
}

// demandRows converts a page of demand, with the numbers of the contracts
// it replaces. The contracts belong to the demand's organization (the
// service checks that), so they lie in the user's scope.
func (u *ui) demandRows(ctx context.Context, user *auth.User, scope contracts.Scope, ds []procurement.Demand) ([]demandRow, error) {
	numbers := map[int64]string{}
	rows := make([]demandRow, len(ds))
	for i, d := range ds {
		rows[i] = demandRow{Demand: d, QuantityLabel: quantityWithUnit(d.Quantity, d.Unit), StatusLabel: nl.DemandStatus(d.Status),
			CanEdit: mayEditDemand(user, d.Organization)}
		if d.ReplacesContractID == 0 {
			continue
		}
		n, ok := numbers[d.ReplacesContractID]
		if !ok {
			ct, err := u.contracts.Contract(ctx, scope, d.ReplacesContractID)
			switch {
			case errors.Is(err, apperr.NotFound):
			case err != nil:
				return nil, err
			default:
				n = ct.Number
			}
			numbers[d.ReplacesContractID] = n
		}
		rows[i].ContractLabel = n
	}
	return rows, nil
}

// quantityWithUnit shows a quantity in nl-NL with its unit.
func quantityWithUnit(n int64, unit string) string {
	return strings.TrimSpace(nl.Number(n) + " " + unit)
}

func (u *ui) fillDemandListOptions(ctx context.Context, p *demandListPage, f procurement.DemandFilter) error {
	var err error
	if p.Categories, err = u.categoryOptions(ctx, f.CategoryID); err != nil {
		return err
	}
	p.Statuses = demandStatusOptions(f.Status)
	return nil
}

func demandStatusOptions(selected procurement.DemandStatus) []option {
	var out []option
	for _, s := range procurement.DemandStatuses() {
		out = append(out, option{string(s), nl.DemandStatus(s), s == selected})
	}
	return out
}

// categoryDemandRow is one category of demand per category.
type categoryDemandRow struct {
	procurement.CategoryDemand
	QuantityLabel string
	// ListURL is the demand list filtered to the category; BundleURL the
	// bundler's suggestions for it, set when at least two organizations
	// have demand there and the user may bundle.
	ListURL, BundleURL string
}

type demandCategoriesPage struct {
	layout
	Rows []categoryDemandRow
	// Scoped: the user sees its own organization's demand only.
	Scoped bool
	// CanBundle: the user may open the bundler (administrators and
	// coordinators).
	CanBundle bool
}

// minBundleOrganizations is how many organizations with demand in one
// category make a joint tender worth suggesting.
const minBundleOrganizations = 2

func (u *ui) demandByCategory(c *fiber.Ctx) error {
	user := web.CurrentUser(c)
	scope := web.CurrentScope(c)
	cats, err := u.procurement.DemandByCategory(c.UserContext(), scope)
	if err != nil {
		return err
	}
	p := demandCategoriesPage{layout: u.layout(c, "Behoefte per categorie", "behoefte"), Scoped: !scope.All(),
		CanBundle: user != nil && web.TenderRunners.Check(user, "") == nil}
	for _, cd := range cats {
		row := categoryDemandRow{CategoryDemand: cd, QuantityLabel: nl.Number(cd.Quantity),
			ListURL: fmt.Sprintf("/behoefte?categorie=%d", cd.CategoryID)}
		if p.CanBundle && cd.Organizations >= minBundleOrganizations {
			row.BundleURL = fmt.Sprintf("/bundels?category=%d", cd.CategoryID)
		}
		p.Rows = append(p.Rows, row)
	}
	return c.Render("pages/demand_categories", p)
}
