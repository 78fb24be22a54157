package ui

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// The forms of a tender's lots and requirements, on the tender page.

type lotForm struct{ Title, CPV, Unit, UnitPrice string }

// lotFormView is a lot form on the tender page (one per lot, and one for
// a new lot) or on its own after a rejected post.
type lotFormView struct {
	Action, IDPrefix, Submit, CSRF string
	F                              lotForm
	Errors                         map[string]string
}

func lotFormOf(l procurement.Lot) lotForm {
	f := lotForm{Title: l.Title, CPV: l.CPV, Unit: l.Unit}
	if l.UnitPrice != 0 {
		f.UnitPrice = euroInput(l.UnitPrice)
	}
	return f
}

func lotFormFrom(c *fiber.Ctx) lotForm {
	return lotForm{Title: formValue(c, "title"), CPV: formValue(c, "cpv"), Unit: formValue(c, "unit"), UnitPrice: formValue(c, "unitPrice")}
}

func (f lotForm) lot(errs formErrors) procurement.Lot {
	return procurement.Lot{Title: f.Title, CPV: f.CPV, Unit: f.Unit, UnitPrice: parseFormEuros(errs, "unitPrice", f.UnitPrice)}
}

var lotFieldLabels = []fieldLabel{{"title", "Titel"}, {"cpv", "CPV-code"}, {"unit", "Eenheid"}, {"unitPrice", "Aangenomen prijs per eenheid per jaar"}}

type requirementForm struct{ Text, Kind string }

type requirementFormView struct {
	Action, IDPrefix, Submit, CSRF string
	F                              requirementForm
	Kinds                          []option
	Errors                         map[string]string
}

func requirementKindOptions(selected string) []option {
	var out []option
	for _, k := range []procurement.RequirementKind{procurement.KnockOut, procurement.AwardCriterion} {
		out = append(out, option{string(k), nl.RequirementKind(k), string(k) == selected})
	}
	return out
}

var requirementFieldLabels = []fieldLabel{{"text", "Eis"}, {"kind", "Soort"}}

// tenderPartPage shows one form of the tender page on its own, after a
// rejected post: a lot, a requirement or a new participant.
type tenderPartPage struct {
	layout
	T           procurement.Tender
	Heading     string
	Summary     []formProblem
	Lot         *lotFormView
	Requirement *requirementFormView
	Add         *participantAddView
}

// saveLot runs save for a posted lot form; lot is 0 for a new lot.
func (u *ui) saveLot(c *fiber.Ctx, lot int64, save func(procurement.Lot) error) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	f := lotFormFrom(c)
	errs := formErrors{}
	l := f.lot(errs)
	l.TenderID, l.ID = id, lot
	if len(errs) > 0 {
		err = l.Validate()
	} else {
		err = save(l)
	}
	if fe := apperr.Fields(err); len(errs) > 0 || len(fe) > 0 {
		view := lotFormView{Action: c.Path(), IDPrefix: "lot-", Submit: "Perceel opslaan", CSRF: web.CSRFToken(c), F: f}
		heading := "Perceel wijzigen"
		if lot == 0 {
			heading, view.Submit = "Perceel toevoegen", "Perceel toevoegen"
		}
		var summary []formProblem
		view.Errors, summary = tenderErrors(errs, fe, sameField, lotFieldLabels, view.IDPrefix)
		return u.renderPart(c, id, tenderPartPage{Heading: heading, Summary: summary, Lot: &view})
	}
	if err != nil {
		return u.refusedChange(c, id, err)
	}
	return changed(c, id, "perceel", "percelen")
}

func (u *ui) addLot(c *fiber.Ctx) error {
	return u.saveLot(c, 0, func(l procurement.Lot) error {
		_, err := u.procurement.AddLot(c.UserContext(), l)
		return err
	})
}

func (u *ui) updateLot(c *fiber.Ctx) error {
	lot, err := pathID(c, "lot")
	if err != nil {
		return err
	}
	return u.saveLot(c, lot, func(l procurement.Lot) error { return u.procurement.UpdateLot(c.UserContext(), l) })
}

func (u *ui) deleteLot(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	lot, err := pathID(c, "lot")
	if err != nil {
		return err
	}
	if err := u.procurement.DeleteLot(c.UserContext(), id, lot); err != nil {
		return u.refusedChange(c, id, err)
	}
	return changed(c, id, "perceel-verwijderd", "percelen")
}

// saveRequirement runs save for a posted requirement form; req is 0 for
// a new one.
func (u *ui) saveRequirement(c *fiber.Ctx, req int64, save func(procurement.Requirement) error) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	f := requirementForm{Text: strings.TrimSpace(c.FormValue("text")), Kind: formValue(c, "kind")}
	r := procurement.Requirement{ID: req, TenderID: id, Text: f.Text, Kind: procurement.RequirementKind(f.Kind)}
	err = save(r)
	if fe := apperr.Fields(err); len(fe) > 0 {
		view := requirementFormView{Action: c.Path(), IDPrefix: "req-", Submit: "Eis opslaan", CSRF: web.CSRFToken(c), F: f,
			Kinds: requirementKindOptions(f.Kind)}
		heading := "Eis wijzigen"
		if req == 0 {
			heading, view.Submit = "Eis toevoegen", "Eis toevoegen"
		}
		var summary []formProblem
		view.Errors, summary = tenderErrors(formErrors{}, fe, sameField, requirementFieldLabels, view.IDPrefix)
		return u.renderPart(c, id, tenderPartPage{Heading: heading, Summary: summary, Requirement: &view})
	}
	if err != nil {
		return u.refusedChange(c, id, err)
	}
	return changed(c, id, "eis", "eisen")
}

func (u *ui) addRequirement(c *fiber.Ctx) error {
	return u.saveRequirement(c, 0, func(r procurement.Requirement) error {
		_, err := u.procurement.AddRequirement(c.UserContext(), r)
		return err
	})
}

func (u *ui) updateRequirement(c *fiber.Ctx) error {
	req, err := pathID(c, "requirement")
	if err != nil {
		return err
	}
	return u.saveRequirement(c, req, func(r procurement.Requirement) error { return u.procurement.UpdateRequirement(c.UserContext(), r) })
}

func (u *ui) deleteRequirement(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	req, err := pathID(c, "requirement")
	if err != nil {
		return err
	}
	if err := u.procurement.DeleteRequirement(c.UserContext(), id, req); err != nil {
		return u.refusedChange(c, id, err)
	}
	return changed(c, id, "eis-verwijderd", "eisen")
}

// renderPart shows one rejected form of the tender on its own (422).
func (u *ui) renderPart(c *fiber.Ctx, id int64, p tenderPartPage) error {
	v, err := u.procurement.Tender(c.UserContext(), web.CurrentScope(c), id)
	if err != nil {
		return err
	}
	p.layout, p.T = u.layout(c, p.Heading+" – "+v.Tender.Title, "aanbestedingen"), v.Tender
	return c.Status(fiber.StatusUnprocessableEntity).Render("pages/tender_part", p)
}
