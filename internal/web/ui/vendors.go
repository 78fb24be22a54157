package ui

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/web"
)

type vendorListPage struct {
	layout
	Q    string
	Rows []contracts.VendorSummary
	contracts.ListPage
	Pager   pager
	CanEdit bool
	Notice  string
}

func (u *ui) listVendors(c *fiber.Ctx) error {
	page, _ := strconv.Atoi(c.Query("pagina", "1"))
	f := contracts.VendorFilter{Q: strings.TrimSpace(c.Query("q")), Cursor: c.Query("cursor"), Page: page, PageSize: 50}.Normalize()
	err := contracts.CheckPageDepth(f.Cursor, f.Page, f.PageSize)
	var res contracts.VendorPage
	if err == nil {
		res, err = u.contracts.Vendors(c.UserContext(), web.CurrentScope(c), f)
	}
	var notice string
	if n, ok := firstPageOnBadPosition(err); ok {
		f.Cursor, f.Page, notice = "", 1, n
		res, err = u.contracts.Vendors(c.UserContext(), web.CurrentScope(c), f)
	}
	if err != nil {
		return err
	}
	user := web.CurrentUser(c)
	p := vendorListPage{layout: u.layout(c, "Leveranciers", "leveranciers"), Q: f.Q, Rows: res.Items, ListPage: res.ListPage, Notice: notice,
		Pager: listPager("/leveranciers", url.Values{"q": {f.Q}}, f.Cursor, f.Page, res.ListPage), CanEdit: user != nil && web.VendorEditors.Check(user, "") == nil}
	if c.Query("melding") == "verwijderd" {
		p.Notice = "De leverancier is verwijderd."
	}
	return c.Render("pages/vendors_list", p)
}

// vendorContractsShown bounds the contracts listed on a vendor's page; the
// page links to the full, filtered contract list.
const vendorContractsShown = 100

type vendorDetailPage struct {
	layout
	V contracts.VendorSummary
	// Contracts are the vendor's contracts within the user's scope.
	Contracts []contractRow
	// InScope counts them; Scoped says the user sees one organization.
	InScope int
	Scoped  bool
	CanEdit bool
	Notice  string
	// Reach is the vendor group's reach this year (DESIGN §4); it covers
	// every organization, so only users scoped to all see it (nil
	// otherwise).
	Reach *contracts.VendorReach
}

func (u *ui) vendor(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	ctx, user := c.UserContext(), web.CurrentUser(c)
	v, err := u.contracts.VendorDetail(ctx, web.CurrentScope(c), id)
	if err != nil {
		return err
	}
	scope := web.CurrentScope(c)
	res, err := u.contracts.ContractList(ctx, scope, contracts.ContractFilter{VendorID: id, PageSize: vendorContractsShown})
	if err != nil {
		return err
	}
	p := vendorDetailPage{layout: u.layout(c, v.Name, "leveranciers"), V: v, InScope: res.Total, Scoped: !scope.All(),
		CanEdit: user != nil && web.VendorEditors.Check(user, "") == nil}
	today := u.contracts.Today()
	for _, cs := range res.Items {
		p.Contracts = append(p.Contracts, contractRow{ContractSummary: cs, Deadline: deadlineOf(cs.Dates, today)})
	}
	if scope.All() {
		vr, err := u.contracts.VendorReach(ctx, scope, id, today.Year())
		if err != nil {
			return err
		}
		p.Reach = &vr
	}
	if c.Query("opgeslagen") != "" {
		p.Notice = "De leverancier is opgeslagen."
	}
	return c.Render("pages/vendors_detail", p)
}

// vendorForm is the vendor form as typed.
type vendorForm struct {
	Name, KVK, ParentID, Country string
	Street, Postcode, City       string
}

func vendorFormFrom(c *fiber.Ctx) vendorForm {
	v := func(k string) string { return strings.TrimSpace(c.FormValue(k)) }
	// The parent's search field: a choice among its matches (a radio
	// button after it) wins over what is typed in it.
	parent := v("parentId")
	vs := c.Context().PostArgs().PeekMulti("parentId")
	for i := len(vs) - 1; i >= 0; i-- {
		if s := strings.TrimSpace(string(vs[i])); s != "" {
			parent = s
			break
		}
	}
	return vendorForm{Name: v("name"), KVK: strings.ReplaceAll(v("kvk"), " ", ""), ParentID: parent, Country: strings.ToUpper(v("country")),
		Street: v("street"), Postcode: strings.ToUpper(v("postcode")), City: v("city")}
}

// vendorFieldLabels names the form's fields in the error summary, in form
// order.
var vendorFieldLabels = []struct{ field, label string }{
	{"name", "Naam"}, {"kvk", "KvK-nummer"}, {"parentId", "Onderdeel van"},
	{"street", "Straat en huisnummer"}, {"postcode", "Postcode"}, {"city", "Plaats"}, {"country", "Land"},
}

type vendorFormPage struct {
	layout
	Action  string
	Editing bool
	ID      int64
	F       vendorForm
	// ParentPick is the parent's search field (picker.go): the chosen
	// vendor's name, or the matches offered as choices.
	ParentPick picked
	Errors     map[string]string
	Summary    []formProblem
}

func (u *ui) renderVendorForm(c *fiber.Ctx, status int, p vendorFormPage) error {
	if p.ParentPick.Value == "" && len(p.ParentPick.Matches) == 0 {
		var err error
		if p.ParentPick, err = u.pickVendor(c.UserContext(), web.CurrentScope(c), p.F.ParentID, false); err != nil {
			return err
		}
	}
	if p.Errors == nil {
		p.Errors = map[string]string{}
	}
	return c.Status(status).Render("pages/vendors_form", p)
}

// setErrors puts the problems of a rejected form next to their fields and
// in the summary.
func (p *vendorFormPage) setErrors(errs formErrors, fe apperr.FieldErrors) {
	p.Errors, p.Summary = formProblems(errs, fe, vendorFieldLabels)
}

// submitVendor validates a posted vendor form and hands it to save; a
// rejected form comes back with its problems and values (422).
func (u *ui) submitVendor(c *fiber.Ctx, p vendorFormPage, save func(contracts.Vendor) (int64, error)) error {
	errs := formErrors{}
	var err error
	if p.ParentPick, err = u.pickVendor(c.UserContext(), web.CurrentScope(c), p.F.ParentID, false); err != nil {
		return err
	}
	switch pk := p.ParentPick; {
	case pk.Value != "" || pk.Text == "":
		p.F.ParentID = pk.Value
	case pk.NotFound:
		errs.add("parentId", "Geen leverancier gevonden bij “"+pk.Text+"”: typ (een deel van) de naam of het KvK-nummer.")
		p.F.ParentID = ""
	default:
		errs.add("parentId", "Meerdere leveranciers passen bij “"+pk.Text+"”: kies er een.")
		p.F.ParentID = ""
	}
	v := contracts.Vendor{ID: p.ID, Name: p.F.Name, KVK: p.F.KVK, ParentID: parseFormID(errs, "parentId", p.F.ParentID), Country: p.F.Country,
		Street: p.F.Street, Postcode: p.F.Postcode, City: p.F.City}
	if len(errs) > 0 {
		p.setErrors(errs, apperr.Fields(v.Validate()))
		return u.renderVendorForm(c, fiber.StatusUnprocessableEntity, p)
	}
	id, err := save(v)
	if fe := apperr.Fields(err); len(fe) > 0 {
		p.setErrors(errs, fe)
		return u.renderVendorForm(c, fiber.StatusUnprocessableEntity, p)
	}
	if err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/leveranciers/%d?opgeslagen=1", id), fiber.StatusSeeOther)
}

func (u *ui) newVendor(c *fiber.Ctx) error {
	return u.renderVendorForm(c, fiber.StatusOK, vendorFormPage{layout: u.layout(c, "Nieuwe leverancier", "leveranciers"),
		Action: "/leveranciers/nieuw", F: vendorForm{Country: "NL", ParentID: c.Query("onderdeelVan")}})
}

func (u *ui) createVendor(c *fiber.Ctx) error {
	p := vendorFormPage{layout: u.layout(c, "Nieuwe leverancier", "leveranciers"), Action: "/leveranciers/nieuw", F: vendorFormFrom(c)}
	return u.submitVendor(c, p, func(v contracts.Vendor) (int64, error) { return u.contracts.CreateVendor(c.UserContext(), v) })
}

func (u *ui) editVendor(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	v, err := u.contracts.Vendor(c.UserContext(), id)
	if err != nil {
		return err
	}
	f := vendorForm{Name: v.Name, KVK: v.KVK, Country: v.Country, Street: v.Street, Postcode: v.Postcode, City: v.City}
	if v.ParentID != 0 {
		f.ParentID = strconv.FormatInt(v.ParentID, 10)
	}
	return u.renderVendorForm(c, fiber.StatusOK, vendorFormPage{layout: u.layout(c, "Leverancier bewerken", "leveranciers"),
		Action: fmt.Sprintf("/leveranciers/%d/bewerken", id), Editing: true, ID: id, F: f})
}

func (u *ui) updateVendor(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	if _, err := u.contracts.Vendor(c.UserContext(), id); err != nil {
		return err
	}
	p := vendorFormPage{layout: u.layout(c, "Leverancier bewerken", "leveranciers"),
		Action: fmt.Sprintf("/leveranciers/%d/bewerken", id), Editing: true, ID: id, F: vendorFormFrom(c)}
	return u.submitVendor(c, p, func(v contracts.Vendor) (int64, error) { return id, u.contracts.UpdateVendor(c.UserContext(), v) })
}

func (u *ui) deleteVendor(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	if err := u.contracts.DeleteVendor(c.UserContext(), id); err != nil {
		return err
	}
	return c.Redirect("/leveranciers?melding=verwijderd", fiber.StatusSeeOther)
}
