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

// vendorSearchLimit bounds the vendors a search on the award form lists.
const vendorSearchLimit = 20

type awardLot struct {
	ID     int64
	Number int
	Title  string
	// Query is the lot's vendor search as typed; Vendors are its results
	// (at most vendorSearchLimit) and the vendor already chosen.
	Query   string
	Vendors []option
	More    bool
	Err     string
}

type tenderAwardPage struct {
	layout
	T            procurement.Tender
	Deadline     contracts.Date
	Hint         string
	DecisionSent string
	Lots         []awardLot
	// NoVolume names the lots no participant has volume in: they are not
	// awarded.
	NoVolume []string
	Errors   map[string]string
	Summary  []formProblem
}

// awardForm shows the award form. Each lot with volume gets a vendor
// search (?zoek.<lot>=name or KvK, a GET form that works without
// JavaScript); its results and the vendor already chosen are the lot's
// choices.
func (u *ui) awardForm(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	if !slices.Contains(procurement.NextStatuses(v.Tender.Status), procurement.TenderAwarded) {
		return u.renderTender(c, fiber.StatusConflict, v, "", transitionRefusal(v, procurement.TenderAwarded, nil))
	}
	values := awardFormValues{DecisionSent: v.Today.String(), Vendors: map[int64]string{}}
	if d := c.Query("decisionSent"); d != "" {
		values.DecisionSent = d
	}
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

// lotsWithVolume returns the ids of v's lots in which a participant has
// volume: only those are awarded.
func lotsWithVolume(v procurement.TenderView) map[int64]bool {
	out := map[int64]bool{}
	for _, p := range v.Participants {
		for _, vol := range p.Volumes {
			if vol.Annual > 0 || vol.Quantity > 0 {
				out[vol.LotID] = true
			}
		}
	}
	return out
}

// vendorChoices searches the register for q (name or KvK number), at most
// vendorSearchLimit, and adds the vendor chosen (selected) when the
// search did not find it.
func (u *ui) vendorChoices(c *fiber.Ctx, q, selected string) ([]option, bool, error) {
	var out []option
	more := false
	if q != "" {
		res, err := u.contracts.Vendors(c.UserContext(), web.CurrentScope(c), contracts.VendorFilter{Q: q, Page: 1, PageSize: vendorSearchLimit})
		if err != nil {
			return nil, false, err
		}
		for _, vd := range res.Items {
			label := vd.Name
			if vd.KVK != "" {
				label += " (KvK " + vd.KVK + ")"
			}
			id := strconv.FormatInt(vd.ID, 10)
			out = append(out, option{id, label, id == selected})
		}
		more = res.Total > len(res.Items)
	}
	if selected != "" && !slices.ContainsFunc(out, func(o option) bool { return o.Value == selected }) {
		id, err := strconv.ParseInt(selected, 10, 64)
		if err == nil {
			if vd, err := u.contracts.Vendor(c.UserContext(), id); err == nil {
				out = append([]option{{selected, vd.Name, true}}, out...)
			}
		}
	}
	return out, more, nil
}

func (u *ui) showAward(c *fiber.Ctx, status int, v procurement.TenderView, values awardFormValues, errs formErrors, fe apperr.FieldErrors) error {
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
	withVolume := lotsWithVolume(v)
	for _, l := range v.Lots {
		if !withVolume[l.ID] {
			p.NoVolume = append(p.NoVolume, fmt.Sprintf("%d. %s", l.Number, l.Title))
			continue
		}
		al := awardLot{ID: l.ID, Number: l.Number, Title: l.Title, Err: p.Errors[fmt.Sprintf("vendor.%d", l.ID)],
			Query: strings.TrimSpace(c.Query(fmt.Sprintf("zoek.%d", l.ID), c.FormValue(fmt.Sprintf("zoek.%d", l.ID))))}
		if len([]rune(al.Query)) > 100 {
			al.Query = string([]rune(al.Query)[:100])
		}
		var err error
		if al.Vendors, al.More, err = u.vendorChoices(c, al.Query, values.Vendors[l.ID]); err != nil {
			return err
		}
		p.Lots = append(p.Lots, al)
	}
	return c.Status(status).Render("pages/tender_award", p)
}
