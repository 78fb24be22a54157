package web

import (
	"fmt"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/procurement"
)

// bandsForm is the procurement-policy form as typed (euros, Dutch).
type bandsForm struct {
	SingleSourceBelow    string
	MultiplePrivateBelow string
}

// fillBands loads the organization's procurement-policy bands for its
// page, and whether the user may set them (tenderRunners: they decide
// below the threshold when the organization leads a tender).
func (u *ui) fillBands(c *fiber.Ctx, p *organizationPage) error {
	b, err := u.procurement.PolicyBands(c.UserContext(), p.Org.Code)
	if err != nil {
		return err
	}
	p.Bands = b
	p.CanSetBands = tenderRunners.Check(currentUser(c), p.Org.Code) == nil
	if p.BandsForm == (bandsForm{}) {
		p.BandsForm = bandsForm{SingleSourceBelow: euroInput(b.SingleSourceBelow)}
		if b.MultiplePrivateBelow > 0 {
			p.BandsForm.MultiplePrivateBelow = euroInput(b.MultiplePrivateBelow)
		}
	}
	return nil
}

// setPolicyBands is POST /organisaties/{code}/inkoopbeleid.
func (u *ui) setPolicyBands(c *fiber.Ctx) error {
	ctx, code := c.UserContext(), c.Params("code")
	o, err := u.contracts.Organization(ctx, code)
	if err != nil {
		return err
	}
	form := bandsForm{SingleSourceBelow: c.FormValue("enkelvoudig"), MultiplePrivateBelow: c.FormValue("meervoudig")}
	errs := formErrors{}
	b := procurement.PolicyBands{
		SingleSourceBelow:    parseFormEuros(errs, "enkelvoudig", form.SingleSourceBelow),
		MultiplePrivateBelow: parseFormEuros(errs, "meervoudig", form.MultiplePrivateBelow),
	}
	if len(errs) == 0 {
		err := u.procurement.SetPolicyBands(ctx, scopeOf(currentUser(c)), code, b)
		for _, f := range apperr.Fields(err) {
			switch f.Field {
			case "singleSourceBelow":
				errs.add("enkelvoudig", "Vul een positief bedrag in.")
			default:
				errs.add("meervoudig", "Vul een bedrag boven de grens voor enkelvoudig onderhands in, of laat het leeg (tot de Europese drempel).")
			}
		}
		if err != nil && len(errs) == 0 {
			return err
		}
	}
	if len(errs) == 0 {
		return c.Redirect(fmt.Sprintf("/organisaties/%s?melding=inkoopbeleid#inkoopbeleid", code), http.StatusSeeOther)
	}
	p := organizationPage{layout: u.layout(c, o.Name, "organisaties"), Org: o, BandsForm: form, Errors: errs}
	if err := u.fillBands(c, &p); err != nil {
		return err
	}
	for _, co := range o.Cooperations {
		coop, err := u.contracts.Organization(ctx, co)
		if err != nil {
			return err
		}
		p.Cooperations = append(p.Cooperations, coop)
	}
	return c.Status(http.StatusUnprocessableEntity).Render("pages/organizations_detail", p)
}

// bandsText says in Dutch which procedure each value band takes.
func bandsText(b procurement.PolicyBands) string {
	upper := "de Europese drempel"
	if b.MultiplePrivateBelow > 0 {
		upper = exports.Money(b.MultiplePrivateBelow)
	}
	text := fmt.Sprintf("Enkelvoudig onderhands onder %s; meervoudig onderhands tot %s", exports.Money(b.SingleSourceBelow), upper)
	if b.MultiplePrivateBelow > 0 {
		text += "; daarboven tot de drempel een nationale openbare procedure"
	}
	return text + "."
}
