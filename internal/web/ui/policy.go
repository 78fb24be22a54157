package ui

import (
	"fmt"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// bandsForm is the procurement-policy form as typed (euros, Dutch).
type bandsForm struct {
	SingleSourceBelow         string
	MultiplePrivateBelow      string
	WorksSingleSourceBelow    string
	WorksMultiplePrivateBelow string
}

// fillBands loads the organization's procurement-policy bands for its
// page, and whether the user may set them (web.TenderRunners: they decide
// below the threshold when the organization leads a tender).
func (u *ui) fillBands(c *fiber.Ctx, p *organizationPage) error {
	b, err := u.procurement.PolicyBands(c.UserContext(), p.Org.Code)
	if err != nil {
		return err
	}
	p.Bands = b
	p.CanSetBands = web.TenderRunners.Check(web.CurrentUser(c), p.Org.Code) == nil
	if p.BandsForm == (bandsForm{}) {
		p.BandsForm = bandsForm{SingleSourceBelow: euroInput(b.SingleSourceBelow)}
		if b.MultiplePrivateBelow > 0 {
			p.BandsForm.MultiplePrivateBelow = euroInput(b.MultiplePrivateBelow)
		}
		if !b.WorksAssumption {
			p.BandsForm.WorksSingleSourceBelow = euroInput(b.WorksSingleSourceBelow)
			if b.WorksMultiplePrivateBelow > 0 {
				p.BandsForm.WorksMultiplePrivateBelow = euroInput(b.WorksMultiplePrivateBelow)
			}
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
	form := bandsForm{SingleSourceBelow: c.FormValue("enkelvoudig"), MultiplePrivateBelow: c.FormValue("meervoudig"),
		WorksSingleSourceBelow: c.FormValue("werken_enkelvoudig"), WorksMultiplePrivateBelow: c.FormValue("werken_meervoudig")}
	errs := formErrors{}
	b := procurement.PolicyBands{
		SingleSourceBelow:         parseFormEuros(errs, "enkelvoudig", form.SingleSourceBelow),
		MultiplePrivateBelow:      parseFormEuros(errs, "meervoudig", form.MultiplePrivateBelow),
		WorksSingleSourceBelow:    parseFormEuros(errs, "werken_enkelvoudig", form.WorksSingleSourceBelow),
		WorksMultiplePrivateBelow: parseFormEuros(errs, "werken_meervoudig", form.WorksMultiplePrivateBelow),
	}
	if len(errs) == 0 {
		err := u.procurement.SetPolicyBands(ctx, web.CurrentScope(c), code, b)
		for _, f := range apperr.Fields(err) {
			switch f.Field {
			case "singleSourceBelow":
				errs.add("enkelvoudig", "Vul een positief bedrag in.")
			case "worksSingleSourceBelow":
				errs.add("werken_enkelvoudig", "Vul een positief bedrag in, of laat beide grenzen voor werken leeg (standaardgrenzen).")
			case "worksMultiplePrivateBelow":
				errs.add("werken_meervoudig", "Vul een bedrag boven de grens voor enkelvoudig onderhands in, of laat het leeg (tot de Europese drempel).")
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

// bandsText says in Dutch which procedure each value band takes, for
// supplies and services or, with kind "werken", for works.
func bandsText(b procurement.PolicyBands, kind string) string {
	single, multiple := b.SingleSourceBelow, b.MultiplePrivateBelow
	if kind == "werken" {
		single, multiple = b.WorksSingleSourceBelow, b.WorksMultiplePrivateBelow
	}
	upper := "de Europese drempel"
	if multiple > 0 {
		upper = nl.Money(multiple)
	}
	text := fmt.Sprintf("Enkelvoudig onderhands onder %s; meervoudig onderhands tot %s", nl.Money(single), upper)
	if multiple > 0 {
		text += "; daarboven tot de drempel een nationale openbare procedure"
	}
	return text + "."
}
