package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// The award form: the vendor per lot and the date the award decision
// was sent, which the transition to awarded records.

// awardFormValues is the award form as typed: the date the decision was
// sent and the vendor per lot.
type awardFormValues struct {
	DecisionSent string
	Vendors      map[int64]string
}

func awardFormFrom(c *fiber.Ctx) awardFormValues {
	return awardFormValues{DecisionSent: formValue(c, "decisionSent"), Vendors: prefixedValues(c, "vendor.")}
}

func (f awardFormValues) award(errs formErrors) procurement.Award {
	a := procurement.Award{DecisionSent: parseFormDate(errs, "decisionSent", f.DecisionSent), Vendors: map[int64]int64{}}
	for lot, s := range f.Vendors {
		if s == "" {
			continue
		}
		a.Vendors[lot] = parseFormID(errs, fmt.Sprintf("vendor.%d", lot), s)
	}
	return a
}

type awardLot struct {
	ID      int64
	Number  int
	Title   string
	Vendors []option
	Err     string
}

type tenderAwardPage struct {
	layout
	T            procurement.Tender
	Deadline     contracts.Date
	Hint         string
	DecisionSent string
	Lots         []awardLot
	Errors       map[string]string
	Summary      []formProblem
}

func (u *ui) awardForm(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	if !slices.Contains(procurement.NextStatuses(v.Tender.Status), procurement.TenderAwarded) {
		return u.renderTender(c, fiber.StatusConflict, v, "", transitionRefusal(v, procurement.TenderAwarded, nil))
	}
	values := awardFormValues{DecisionSent: v.Today.String(), Vendors: map[int64]string{}}
	for _, l := range v.Lots {
		if l.VendorID != 0 {
			values.Vendors[l.ID] = strconv.FormatInt(l.VendorID, 10)
		}
	}
	return u.showAward(c, fiber.StatusOK, v, values, nil, nil)
}

// renderAward shows the award form of tender id again with its problems
// (422).
func (u *ui) renderAward(c *fiber.Ctx, status int, id int64, values awardFormValues, errs formErrors, fe apperr.FieldErrors) error {
	v, err := u.procurement.Tender(c.UserContext(), web.CurrentScope(c), id)
	if err != nil {
		return err
	}
	return u.showAward(c, status, v, values, errs, fe)
}

func (u *ui) showAward(c *fiber.Ctx, status int, v procurement.TenderView, values awardFormValues, errs formErrors, fe apperr.FieldErrors) error {
	vendors, _, err := u.vendorOptions(c.UserContext(), web.CurrentScope(c), 0, 0, 0)
	if err != nil {
		return err
	}
	p := tenderAwardPage{layout: u.layout(c, "Gunnen – "+v.Tender.Title, "aanbestedingen"), T: v.Tender, DecisionSent: values.DecisionSent,
		Hint: guardHint(v, procurement.TenderAwarded)}
	if m, ok := v.Plan.Milestone(procurement.MilestoneTenderDeadline); ok {
		p.Deadline = m.Date
	}
	labels := []fieldLabel{{"decisionSent", "Gunningsbeslissing verzonden op"}}
	for _, l := range v.Lots {
		labels = append(labels, fieldLabel{fmt.Sprintf("vendor.%d", l.ID), fmt.Sprintf("Leverancier perceel %d", l.Number)})
	}
	if errs != nil || fe != nil {
		field := func(s string) string {
			s = strings.TrimPrefix(s, "award.")
			if rest, ok := strings.CutPrefix(s, "vendors."); ok {
				return "vendor." + rest
			}
			if s == "award" {
				return "decisionSent"
			}
			return s
		}
		if errs == nil {
			errs = formErrors{}
		}
		p.Errors, p.Summary = tenderErrors(errs, fe, field, labels, "a-")
	}
	for _, l := range v.Lots {
		al := awardLot{ID: l.ID, Number: l.Number, Title: l.Title, Err: p.Errors[fmt.Sprintf("vendor.%d", l.ID)]}
		selected := values.Vendors[l.ID]
		al.Vendors = make([]option, len(vendors))
		for i, o := range vendors {
			o.Selected = o.Value == selected
			al.Vendors[i] = o
		}
		p.Lots = append(p.Lots, al)
	}
	return c.Status(status).Render("pages/tender_award", p)
}
