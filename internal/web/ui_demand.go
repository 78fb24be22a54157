package web

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
	"github.com/samenkoop/samenkoop/procurement"
)

// demandPageSize is the number of rows per page of the demand list.
const demandPageSize = 50

// mayEditDemand reports whether u may change the demand of org: members
// their own organization's, administrators and coordinators any.
func mayEditDemand(u *auth.User, org string) bool {
	return u != nil && demandEditors.Check(u, "") == nil && u.InScope(org)
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
// the user's scope is refused by the handler.
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
	Organizations    []option
	Categories       []option
	Statuses         []option
	Rows             []demandRow
	Total            int
	Pager            pager
	Filtered         bool
	Notices          []string
	CanCreate        bool
	// NewURL opens the form, for the filtered organization when there is one.
	NewURL string
	// CanOverview: the user may open demand per category.
	CanOverview bool
}

func (u *ui) listDemand(c *fiber.Ctx) error {
	ctx, user := c.UserContext(), currentUser(c)
	scope := scopeOf(user)
	q := demandListQueryFrom(c)
	f, notes := q.filter()
	if f.Organization != "" && !scopeAllows(scope, f.Organization) {
		return errOtherOrganization
	}
	page, _ := strconv.Atoi(c.Query("pagina", "1"))
	f.Scope, f.Page, f.PageSize = scope, page, demandPageSize
	f = f.Normalize()
	res, err := u.procurement.Demands(ctx, f)
	if err != nil {
		return err
	}
	p := demandListPage{
		layout: u.layout(c, "Behoefte", "behoefte"), Query: q, ShowOrganization: scope == nil, Total: res.Total,
		Pager: newPager("/behoefte", q.values(), f.Page, f.PageSize, res.Total), Filtered: len(q.values()) > 0, Notices: notes,
		CanCreate: user != nil && demandEditors.Check(user, "") == nil, NewURL: "/behoefte/nieuw",
		CanOverview: user != nil && demandOverviewReaders.Check(user, "") == nil,
	}
	if scope == nil && q.Organization != "" {
		p.NewURL += "?organisatie=" + url.QueryEscape(q.Organization)
	}
	switch c.Query("melding") {
	case "opgeslagen":
		p.Notices = append(p.Notices, "De behoefte is opgeslagen.")
	case "verwijderd":
		p.Notices = append(p.Notices, "De behoefte is verwijderd.")
	}
	if p.Rows, err = u.demandRows(ctx, user, res.Items); err != nil {
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
func (u *ui) demandRows(ctx context.Context, user *auth.User, ds []procurement.Demand) ([]demandRow, error) {
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
			ct, err := u.contracts.Contract(ctx, d.ReplacesContractID)
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
	if p.ShowOrganization {
		if p.Organizations, err = u.organizationOptions(ctx, nil, f.Organization); err != nil {
			return err
		}
	}
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

// demandForm is the demand form as typed: values stay strings, so a
// rejected form shows exactly what was entered. Field names are the API's.
type demandForm struct {
	Organization, CategoryID, Quantity, Unit, DesiredStart string
	ReplacesContractID, AnnualBudget, Status, Notes        string
}

// demandFormFrom reads a posted demand form.
func demandFormFrom(c *fiber.Ctx) demandForm {
	v := func(k string) string { return strings.TrimSpace(c.FormValue(k)) }
	return demandForm{Organization: v("organization"), CategoryID: v("categoryId"), Quantity: v("quantity"), Unit: v("unit"),
		DesiredStart: v("desiredStart"), ReplacesContractID: v("replacesContractId"), AnnualBudget: v("annualBudget"),
		Status: v("status"), Notes: strings.TrimSpace(c.FormValue("notes"))}
}

// demandFormOf fills the form with stored demand.
func demandFormOf(d procurement.Demand) demandForm {
	f := demandForm{Organization: d.Organization, CategoryID: strconv.FormatInt(d.CategoryID, 10), Quantity: strconv.FormatInt(d.Quantity, 10),
		Unit: d.Unit, DesiredStart: d.DesiredStart.String(), AnnualBudget: euroInput(d.AnnualBudget), Status: string(d.Status), Notes: d.Notes}
	if d.ReplacesContractID != 0 {
		f.ReplacesContractID = strconv.FormatInt(d.ReplacesContractID, 10)
	}
	return f
}

// demand converts the form; values that do not parse are reported in errs.
func (f demandForm) demand(errs formErrors) procurement.Demand {
	d := procurement.Demand{Organization: f.Organization, CategoryID: parseFormID(errs, "categoryId", f.CategoryID),
		Unit: f.Unit, DesiredStart: parseFormDate(errs, "desiredStart", f.DesiredStart),
		ReplacesContractID: parseFormID(errs, "replacesContractId", f.ReplacesContractID),
		AnnualBudget:       parseFormEuros(errs, "annualBudget", f.AnnualBudget), Status: procurement.DemandStatus(f.Status), Notes: f.Notes}
	if f.Quantity == "" {
		errs.add("quantity", "Vul het aantal in.")
	} else {
		d.Quantity = int64(parseFormInt(errs, "quantity", f.Quantity))
	}
	return d
}

// optionGroup is a labelled group of a select's options.
type optionGroup struct {
	Label   string
	Options []option
}

type demandFormPage struct {
	layout
	Action  string
	Editing bool
	ID      int64
	F       demandForm
	Errors  map[string]string
	Summary []formProblem
	// ChooseOrganization: a user who acts for every organization first
	// chooses the one the demand is for, so that the form can offer its
	// contracts.
	ChooseOrganization bool
	// OrganizationFixed: the user acts for one organization only.
	OrganizationFixed bool
	Organizations     []option
	Categories        []option
	Statuses          []option
	// ContractChoice: the organization is known, so the form offers its
	// Contracts that the demand may replace, those in the form's category
	// first; otherwise it asks for the contract's id in the register.
	ContractChoice bool
	Contracts      []optionGroup
}

// demandFieldLabels names the form's fields in the error summary, in the
// order the form shows them.
var demandFieldLabels = []struct{ field, label string }{
	{"organization", "Organisatie"}, {"categoryId", "Categorie"}, {"quantity", "Aantal"}, {"unit", "Eenheid"},
	{"desiredStart", "Gewenste start"}, {"replacesContractId", "Vervangt contract"}, {"annualBudget", "Budget per jaar"},
	{"status", "Status"}, {"notes", "Toelichting"},
}

// demandMessages translates the domain's English problems with demand,
// as dutchMessages does for contracts; what is not listed here falls back
// to dutchFieldMessage.
var demandMessages = []struct{ field, prefix, dutch string }{
	{"categoryId", "is required", "Kies een categorie."},
	{"quantity", "must not be negative", "Het aantal mag niet negatief zijn."},
	{"unit", "must be at most", "Gebruik hooguit 60 tekens."},
	{"desiredStart", "is required", "Vul de gewenste startdatum in, als 01-07-2027."},
	{"replacesContractId", "no contract", "Dit contract staat niet in het register."},
	{"replacesContractId", "must be a contract of the same organization", "Kies een contract van dezelfde organisatie."},
	{"annualBudget", "must not be negative", "Het budget mag niet negatief zijn."},
	{"notes", "must be at most", "Gebruik hooguit 2.000 tekens."},
}

func demandFieldMessage(field, msg string) string {
	for _, m := range demandMessages {
		if m.field == field && strings.HasPrefix(msg, m.prefix) {
			return m.dutch
		}
	}
	return dutchFieldMessage(field, msg)
}

// setErrors puts the problems of a rejected form next to their fields and
// in the summary: errs (from parsing) and the domain's fe.
func (p *demandFormPage) setErrors(errs formErrors, fe apperr.FieldErrors) {
	p.Errors, p.Summary = formProblems(errs, fe, demandFieldLabels, demandFieldMessage)
}

// formProblems merges the domain's problems fe, translated by dutch, into
// the parse problems errs, and returns them by field and as the summary
// of a form whose fields labels names in the order shown (field ids
// "f-<field>"). A field already in errs keeps its parse problem.
func formProblems(errs formErrors, fe apperr.FieldErrors, labels []struct{ field, label string },
	dutch func(field, msg string) string) (map[string]string, []formProblem) {
	for _, e := range fe {
		errs.add(e.Field, dutch(e.Field, e.Message))
	}
	byField := map[string]string{}
	var summary []formProblem
	for _, l := range labels {
		if msg, ok := errs[l.field]; ok {
			byField[l.field] = msg
			summary = append(summary, formProblem{"f-" + l.field, l.label, msg})
		}
	}
	return byField, summary
}

// renderDemandForm shows the form with its choices and, after a rejected
// post, its problems.
func (u *ui) renderDemandForm(c *fiber.Ctx, status int, p demandFormPage) error {
	ctx := c.UserContext()
	scope := scopeOf(currentUser(c))
	categoryID, _ := strconv.ParseInt(p.F.CategoryID, 10, 64)
	var err error
	if p.Organizations, err = u.organizationOptions(ctx, scope, p.F.Organization); err != nil {
		return err
	}
	p.OrganizationFixed = scope != nil
	p.ChooseOrganization = scope == nil && p.F.Organization == "" && !p.Editing && len(p.Summary) == 0
	if p.Categories, err = u.categoryOptions(ctx, categoryID); err != nil {
		return err
	}
	p.Statuses = demandStatusOptions(procurement.DemandStatus(p.F.Status))
	if p.ContractChoice = p.F.Organization != "" && scopeAllows(scope, p.F.Organization); p.ContractChoice {
		replaced, _ := strconv.ParseInt(p.F.ReplacesContractID, 10, 64)
		if p.Contracts, err = u.replaceableContracts(ctx, p.F.Organization, categoryID, replaced); err != nil {
			return err
		}
	}
	if p.Errors == nil {
		p.Errors = map[string]string{}
	}
	return c.Status(status).Render("pages/demand_form", p)
}

// maxReplaceable bounds the contracts the form offers.
const maxReplaceable = 500

// replaceableContracts lists org's contracts that demand may replace:
// those in category first, then the others; terminated contracts only
// when one is the current choice.
func (u *ui) replaceableContracts(ctx context.Context, org string, category, selected int64) ([]optionGroup, error) {
	res, err := u.contracts.ContractList(ctx, contracts.ContractFilter{Organization: org, Sort: contracts.SortNumber, PageSize: maxReplaceable})
	if err != nil {
		return nil, err
	}
	same, others := optionGroup{Label: "In deze categorie"}, optionGroup{Label: "Andere categorieën"}
	if category == 0 {
		others.Label = "Contracten van de organisatie"
	}
	for _, cs := range res.Items {
		if cs.Status == contracts.StatusTerminated && cs.ID != selected {
			continue
		}
		label := cs.Number + " – " + cs.Title
		if cs.VendorName != "" {
			label += " (" + cs.VendorName + ")"
		}
		if !cs.Dates.CurrentEnd.IsZero() {
			label += ", loopt tot " + nl.Date(cs.Dates.CurrentEnd)
		}
		o := option{strconv.FormatInt(cs.ID, 10), label, cs.ID == selected}
		if category != 0 && cs.CategoryID == category {
			same.Options = append(same.Options, o)
		} else {
			others.Options = append(others.Options, o)
		}
	}
	var out []optionGroup
	for _, g := range []optionGroup{same, others} {
		if len(g.Options) > 0 {
			out = append(out, g)
		}
	}
	return out, nil
}

// submitDemand validates a posted form and hands the result to save. A
// rejected form is shown again with its problems and the values as typed
// (422); other errors go to the error page.
func (u *ui) submitDemand(c *fiber.Ctx, p demandFormPage, save func(procurement.Demand) error) error {
	errs := formErrors{}
	d := p.F.demand(errs)
	if len(errs) > 0 {
		// Also list what validation finds in the fields that did parse.
		p.setErrors(errs, apperr.Fields(d.Validate()))
		return u.renderDemandForm(c, fiber.StatusUnprocessableEntity, p)
	}
	err := save(d)
	if fe := apperr.Fields(err); len(fe) > 0 {
		p.setErrors(errs, fe)
		return u.renderDemandForm(c, fiber.StatusUnprocessableEntity, p)
	}
	if err != nil {
		return err
	}
	return c.Redirect("/behoefte?melding=opgeslagen", fiber.StatusSeeOther)
}

func (u *ui) newDemand(c *fiber.Ctx) error {
	scope := scopeOf(currentUser(c))
	f := demandForm{Organization: strings.TrimSpace(c.Query("organisatie")), Status: string(procurement.DemandDraft),
		CategoryID: strings.TrimSpace(c.Query("categorie"))}
	if scope != nil {
		f.Organization = scope[0]
	}
	if f.Organization != "" && !scopeAllows(scope, f.Organization) {
		return errOtherOrganization
	}
	return u.renderDemandForm(c, fiber.StatusOK, demandFormPage{layout: u.layout(c, "Nieuwe behoefte", "behoefte"),
		Action: "/behoefte/nieuw", F: f})
}

func (u *ui) createDemand(c *fiber.Ctx) error {
	scope := scopeOf(currentUser(c))
	p := demandFormPage{layout: u.layout(c, "Nieuwe behoefte", "behoefte"), Action: "/behoefte/nieuw", F: demandFormFrom(c)}
	switch {
	case p.F.Organization != "" && !scopeAllows(scope, p.F.Organization):
		return errOtherOrganization
	case p.F.Organization == "" && scope != nil:
		p.F.Organization = scope[0]
	}
	return u.submitDemand(c, p, func(d procurement.Demand) error {
		_, err := u.procurement.CreateDemand(c.UserContext(), scope, d)
		return err
	})
}

// editableDemand reads demand :id for the user's scope (another
// organization's answers 403) and starts its form page.
func (u *ui) editableDemand(c *fiber.Ctx) (demandFormPage, procurement.Demand, error) {
	id, err := positiveIDParam(c)
	if err != nil {
		return demandFormPage{}, procurement.Demand{}, err
	}
	d, err := u.procurement.Demand(c.UserContext(), scopeOf(currentUser(c)), id)
	if err != nil {
		return demandFormPage{}, d, err
	}
	return demandFormPage{layout: u.layout(c, "Behoefte bewerken", "behoefte"), Action: fmt.Sprintf("/behoefte/%d/bewerken", id),
		Editing: true, ID: id}, d, nil
}

func (u *ui) editDemand(c *fiber.Ctx) error {
	p, d, err := u.editableDemand(c)
	if err != nil {
		return err
	}
	p.F = demandFormOf(d)
	return u.renderDemandForm(c, fiber.StatusOK, p)
}

func (u *ui) updateDemand(c *fiber.Ctx) error {
	// Refuse another organization's demand before looking at the form.
	p, old, err := u.editableDemand(c)
	if err != nil {
		return err
	}
	// The organization of demand does not change.
	p.F = demandFormFrom(c)
	p.F.Organization = old.Organization
	return u.submitDemand(c, p, func(d procurement.Demand) error {
		d.ID = p.ID
		return u.procurement.UpdateDemand(c.UserContext(), scopeOf(currentUser(c)), d)
	})
}

func (u *ui) deleteDemand(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	if err := u.procurement.DeleteDemand(c.UserContext(), scopeOf(currentUser(c)), id); err != nil {
		return err
	}
	return c.Redirect("/behoefte?melding=verwijderd", fiber.StatusSeeOther)
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
	user := currentUser(c)
	scope := scopeOf(user)
	cats, err := u.procurement.DemandByCategory(c.UserContext(), scope)
	if err != nil {
		return err
	}
	p := demandCategoriesPage{layout: u.layout(c, "Behoefte per categorie", "behoefte"), Scoped: scope != nil,
		CanBundle: user != nil && tenderRunners.Check(user, "") == nil}
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
