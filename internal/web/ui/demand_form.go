package ui

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// The demand form: an organization registers and changes its demand.

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
	// OrgPick is the organization's search field (picker.go): the chosen
	// one's name, or what was typed with the matches to choose from.
	OrgPick picked
	// OrgLinks are the matches of the first step's search as links to
	// the form for each.
	OrgLinks []option
	// orgProblem is what is wrong with the organization a posted form
	// named by its search field.
	orgProblem string
	Categories []option
	Statuses   []option
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

// setErrors puts the problems of a rejected form next to their fields and
// in the summary: errs (from parsing) and the domain's fe.
func (p *demandFormPage) setErrors(errs formErrors, fe apperr.FieldErrors) {
	p.Errors, p.Summary = formProblems(errs, fe, demandFieldLabels)
}

// renderDemandForm shows the form with its choices and, after a rejected
// post, its problems.
func (u *ui) renderDemandForm(c *fiber.Ctx, status int, p demandFormPage) error {
	ctx := c.UserContext()
	scope := web.CurrentScope(c)
	categoryID, _ := strconv.ParseInt(p.F.CategoryID, 10, 64)
	var err error
	if p.F.Organization != "" && p.OrgPick.Value == "" {
		if p.OrgPick, err = u.pickOrganization(ctx, scope, p.F.Organization); err != nil {
			return err
		}
	}
	p.OrganizationFixed = !scope.All()
	p.ChooseOrganization = scope.All() && p.F.Organization == "" && !p.Editing && len(p.Summary) == 0
	if p.ChooseOrganization {
		q := url.Values{}
		if p.F.CategoryID != "" {
			q.Set("categorie", p.F.CategoryID)
		}
		p.OrgLinks = matchLinks("/behoefte/nieuw", q, "organisatie", p.OrgPick)
	}
	if p.Categories, err = u.categoryOptions(ctx, categoryID); err != nil {
		return err
	}
	p.Statuses = demandStatusOptions(procurement.DemandStatus(p.F.Status))
	// The contracts of another organization than the user's are refused
	// by the service (403), also for a form that did not parse.
	if p.ContractChoice = p.F.Organization != ""; p.ContractChoice {
		replaced, _ := strconv.ParseInt(p.F.ReplacesContractID, 10, 64)
		if p.Contracts, err = u.replaceableContracts(ctx, scope, p.F.Organization, categoryID, replaced); err != nil {
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
func (u *ui) replaceableContracts(ctx context.Context, scope contracts.Scope, org string, category, selected int64) ([]optionGroup, error) {
	res, err := u.contracts.ContractList(ctx, scope, contracts.ContractFilter{Organization: org, Sort: contracts.SortNumber, PageSize: maxReplaceable})
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
	if p.orgProblem != "" {
		errs.add("organization", p.orgProblem)
	}
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
	scope := web.CurrentScope(c)
	f := demandForm{Organization: strings.TrimSpace(c.Query("organisatie")), Status: string(procurement.DemandDraft),
		CategoryID: strings.TrimSpace(c.Query("categorie"))}
	p := demandFormPage{layout: u.layout(c, "Nieuwe behoefte", "behoefte"), Action: "/behoefte/nieuw"}
	if org, ok := scope.Organization(); ok {
		f.Organization = org
	} else if f.Organization != "" {
		// The first step's search: one match opens the form for it, more
		// or none ask again.
		pk, err := u.pickOrganization(c.UserContext(), scope, f.Organization)
		if err != nil {
			return err
		}
		if f.Organization = pk.Value; pk.Value == "" {
			p.OrgPick = pk
		}
	}
	p.F = f
	return u.renderDemandForm(c, fiber.StatusOK, p)
}

func (u *ui) createDemand(c *fiber.Ctx) error {
	scope := web.CurrentScope(c)
	p := demandFormPage{layout: u.layout(c, "Nieuwe behoefte", "behoefte"), Action: "/behoefte/nieuw", F: demandFormFrom(c)}
	if org, ok := scope.Organization(); ok && p.F.Organization == "" {
		p.F.Organization = org
	} else if err := u.pickDemandOrganization(c, &p); err != nil {
		return err
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
	d, err := u.procurement.Demand(c.UserContext(), web.CurrentScope(c), id)
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
		return u.procurement.UpdateDemand(c.UserContext(), web.CurrentScope(c), d)
	})
}

func (u *ui) deleteDemand(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	if err := u.procurement.DeleteDemand(c.UserContext(), web.CurrentScope(c), id); err != nil {
		return err
	}
	return c.Redirect("/behoefte?melding=verwijderd", fiber.StatusSeeOther)
}

// pickDemandOrganization looks up the organization a posted form's search
// field names: one that names none, or several, is a problem on the
// field, and the page offers the matches. A field left empty is the
// domain's problem (required).
func (u *ui) pickDemandOrganization(c *fiber.Ctx, p *demandFormPage) error {
	pk, err := u.pickOrganization(c.UserContext(), web.CurrentScope(c), p.F.Organization)
	if err != nil {
		return err
	}
	p.OrgPick = pk
	switch {
	case pk.Value != "":
		p.F.Organization = pk.Value
	case pk.Text == "":
	case pk.NotFound:
		p.orgProblem = "Geen organisatie gevonden bij “" + pk.Text + "”: typ (een deel van) de naam of de code."
		p.F.Organization = ""
	default:
		p.orgProblem = "Meerdere organisaties passen bij “" + pk.Text + "”: kies er een."
		p.F.Organization = ""
	}
	return nil
}
