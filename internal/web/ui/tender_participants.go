package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// The forms of a tender's participants: joining with volumes per lot,
// the mandate and the ratings of the requirements, on the participant's
// page.

// volumeField is one lot's volume in a participant form.
type volumeField struct {
	LotID               int64
	Number              int
	Title, Unit         string
	Quantity, Annual    string
	QuantityErr, AnnErr string
}

func volumeFieldsOf(lots []procurement.Lot, p *procurement.Participant) []volumeField {
	out := make([]volumeField, len(lots))
	for i, l := range lots {
		out[i] = volumeField{LotID: l.ID, Number: l.Number, Title: l.Title, Unit: l.Unit}
		if p == nil {
			continue
		}
		if vol, ok := p.Volume(l.ID); ok {
			out[i].Quantity = strconv.FormatInt(vol.Quantity, 10)
			if vol.Annual != 0 {
				out[i].Annual = euroInput(vol.Annual)
			}
		}
	}
	return out
}

// volumesFrom reads the posted volumes per lot; a lot with neither a
// quantity nor an annual value has no volume. rows maps each volume of
// the result to its lot.
func volumesFrom(c *fiber.Ctx, lots []procurement.Lot, errs formErrors) (vols []procurement.LotVolume, rows []int64, fields []volumeField) {
	fields = volumeFieldsOf(lots, nil)
	for i, l := range lots {
		q, a := fmt.Sprintf("quantity.%d", l.ID), fmt.Sprintf("annual.%d", l.ID)
		fields[i].Quantity, fields[i].Annual = formValue(c, q), formValue(c, a)
		if fields[i].Quantity == "" && fields[i].Annual == "" {
			continue
		}
		vols = append(vols, procurement.LotVolume{LotID: l.ID, Quantity: int64(parseFormInt(errs, q, fields[i].Quantity)),
			Annual: parseFormEuros(errs, a, fields[i].Annual)})
		rows = append(rows, l.ID)
	}
	return vols, rows, fields
}

// volumeFieldName maps the domain's "volumes[i].quantity" to the form field of
// the lot of the i-th volume.
func volumeFieldName(rows []int64) func(string) string {
	return func(f string) string {
		rest, ok := strings.CutPrefix(f, "volumes[")
		if !ok {
			return f
		}
		num, sub, _ := strings.Cut(rest, "].")
		i, err := strconv.Atoi(num)
		if err != nil || i >= len(rows) {
			return f
		}
		if sub != "annual" {
			sub = "quantity"
		}
		return fmt.Sprintf("%s.%d", sub, rows[i])
	}
}

func volumeLabels(fields []volumeField) []fieldLabel {
	var out []fieldLabel
	for _, f := range fields {
		out = append(out, fieldLabel{fmt.Sprintf("quantity.%d", f.LotID), fmt.Sprintf("Perceel %d, aantal", f.Number)},
			fieldLabel{fmt.Sprintf("annual.%d", f.LotID), fmt.Sprintf("Perceel %d, jaarwaarde", f.Number)})
	}
	return out
}

func applyVolumeErrors(fields []volumeField, errs map[string]string) {
	for i := range fields {
		fields[i].QuantityErr = errs[fmt.Sprintf("quantity.%d", fields[i].LotID)]
		fields[i].AnnErr = errs[fmt.Sprintf("annual.%d", fields[i].LotID)]
	}
}

// volumeFieldsView is the volume fields of a form with the prefix of
// their element ids.
type volumeFieldsView struct {
	Prefix string
	Rows   []volumeField
}

// participantAddView is the coordinators' form that adds an organization
// by its code with its volumes.
type participantAddView struct {
	Action, CSRF string
	Organization string
	Volumes      []volumeField
	Errors       map[string]string
}

// VolumeFields is the form's volume fields for the shared partial.
func (v participantAddView) VolumeFields() volumeFieldsView {
	return volumeFieldsView{"add-", v.Volumes}
}

func newParticipantAddView(v procurement.TenderView, csrf string) participantAddView {
	return participantAddView{Action: fmt.Sprintf("/aanbestedingen/%d/deelnemers", v.Tender.ID), CSRF: csrf, Volumes: volumeFieldsOf(v.Lots, nil)}
}

func (u *ui) addParticipant(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	id := v.Tender.ID
	errs := formErrors{}
	org := strings.ToUpper(formValue(c, "organization"))
	vols, rows, fields := volumesFrom(c, v.Lots, errs)
	if len(errs) == 0 {
		err = u.procurement.SetParticipant(c.UserContext(), web.CurrentScope(c),
			procurement.Participant{TenderID: id, Organization: org, Volumes: vols})
	}
	if fe := apperr.Fields(err); len(errs) > 0 || len(fe) > 0 {
		view := newParticipantAddView(v, web.CSRFToken(c))
		view.Organization, view.Volumes = org, fields
		var summary []formProblem
		labels := append([]fieldLabel{{"organization", "Organisatie"}}, volumeLabels(fields)...)
		view.Errors, summary = tenderErrors(errs, fe, volumeFieldName(rows), labels, "add-")
		applyVolumeErrors(view.Volumes, view.Errors)
		return u.renderPart(c, id, tenderPartPage{Heading: "Deelnemer toevoegen", Summary: summary, Add: &view})
	}
	if err != nil {
		return u.refusedChange(c, id, err)
	}
	return changed(c, id, "deelnemer", "deelnemers")
}

// mandateForm is the mandate form as typed.
type mandateForm struct {
	Status, Signed, Body, Reference            string
	DecisionURL, Document                      string
	Documents, Award, Litigation, Substitution bool
}

func mandateFormOf(m procurement.Mandate) mandateForm {
	return mandateForm{Status: string(m.Status), Signed: web.DateString(m.Signed), Body: string(m.Body), Reference: m.Reference,
		DecisionURL: m.DecisionURL, Document: m.Document, Documents: m.Scope.Documents, Award: m.Scope.Award, Litigation: m.Scope.Litigation, Substitution: m.Scope.Substitution}
}

func mandateFormFrom(c *fiber.Ctx) mandateForm {
	return mandateForm{Status: formValue(c, "status"), Signed: formValue(c, "signed"), Body: formValue(c, "body"), Reference: formValue(c, "reference"),
		DecisionURL: formValue(c, "decisionUrl"), Document: formValue(c, "document"), Documents: checked(c, "documents"), Award: checked(c, "award"), Litigation: checked(c, "litigation"), Substitution: checked(c, "substitution")}
}

func (f mandateForm) mandate(errs formErrors) procurement.Mandate {
	return procurement.Mandate{Status: procurement.MandateStatus(f.Status), Signed: parseFormDate(errs, "signed", f.Signed),
		Body: procurement.DecidingBody(f.Body), Reference: f.Reference, DecisionURL: f.DecisionURL, Document: f.Document,
		Scope: procurement.MandateScope{Documents: f.Documents, Award: f.Award, Litigation: f.Litigation, Substitution: f.Substitution}}
}

var mandateFieldLabels = []fieldLabel{{"status", "Status van het mandaat"}, {"signed", "Getekend op"}, {"body", "Besluitvormend orgaan"},
	{"scope", "Bevoegdheden"}, {"reference", "Kenmerk van het besluit"},
	{"decisionUrl", "Link naar het besluit"}, {"document", "Kenmerk van het mandaatdocument"}}

// ratingField is one requirement in a participant's rating form.
type ratingField struct {
	ID        int64
	Number    int
	Text      string
	KindLabel string
	Options   []option
	Err       string
}

func ratingOptions(selected string) []option {
	out := []option{{"", "— geen beoordeling", selected == ""}}
	for _, r := range procurement.Ratings() {
		out = append(out, option{string(r), nl.Rating(r), string(r) == selected})
	}
	return out
}

// participationForms are one organization's forms in a tender: its
// volumes (joining or changing), its mandate, its ratings and leaving.
// Members see their own on the tender page; coordinators open any
// participant's on its own page.
type participationForms struct {
	// Base is the path of the participant's routes; Prefix makes the
	// forms' element ids unique on the page.
	Base, Prefix, CSRF string
	Code, Name         string
	Participating      bool
	// Joinable: volumes, mandate and leaving may change; Rateable: the
	// ratings may change (both only before publication).
	Joinable, Rateable bool
	Current            procurement.Mandate
	Volumes            []volumeField
	Mandate            mandateForm
	Statuses, Bodies   []option
	Ratings            []ratingField
	Errors             map[string]string
}

// VolumeFields is the forms' volume fields for the shared partial.
func (f participationForms) VolumeFields() volumeFieldsView {
	return volumeFieldsView{f.Prefix, f.Volumes}
}

// participationFormsFor builds code's forms in the tender v, filled with
// what is stored.
func (u *ui) participationFormsFor(c *fiber.Ctx, v procurement.TenderView, code string) (participationForms, error) {
	f := participationForms{Base: fmt.Sprintf("/aanbestedingen/%d/deelnemers/%s", v.Tender.ID, code), Prefix: "own-",
		CSRF: web.CSRFToken(c), Code: code, Joinable: v.Tender.Joinable()}
	var part *procurement.Participant
	for i := range v.Participants {
		if v.Participants[i].Organization == code {
			part = &v.Participants[i]
		}
	}
	if part != nil {
		f.Name, f.Participating, f.Current = part.Name, true, part.Mandate
		f.Mandate = mandateFormOf(part.Mandate)
	} else {
		o, err := u.contracts.Organization(c.UserContext(), code)
		if err != nil {
			return f, err
		}
		f.Name = o.Name
		f.Mandate = mandateForm{Status: string(procurement.MandateRequested)}
	}
	f.Rateable = f.Participating && v.Tender.Editable() && len(v.Requirements) > 0
	f.Volumes = volumeFieldsOf(v.Lots, part)
	if f.Mandate.Status != string(procurement.MandateSigned) && f.Mandate.Signed == "" {
		f.Mandate.Signed = v.Today.String()
	}
	for _, r := range v.Requirements {
		f.Ratings = append(f.Ratings, ratingField{ID: r.ID, Number: r.Number, Text: r.Text, KindLabel: nl.RequirementKind(r.Kind),
			Options: ratingOptions(string(r.Ratings[code]))})
	}
	f.options()
	return f, nil
}

// options fills the choices of the mandate form from its values.
func (f *participationForms) options() {
	f.Statuses, f.Bodies = nil, []option{{"", "Kies een orgaan", f.Mandate.Body == ""}}
	for _, s := range procurement.MandateStatuses() {
		f.Statuses = append(f.Statuses, option{string(s), nl.MandateStatus(s), string(s) == f.Mandate.Status})
	}
	for _, b := range procurement.DecidingBodies() {
		f.Bodies = append(f.Bodies, option{string(b), nl.DecidingBody(b), string(b) == f.Mandate.Body})
	}
}

type tenderParticipantPage struct {
	layout
	T       procurement.Tender
	F       participationForms
	Summary []formProblem
	Notice  string
}

func (u *ui) participant(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	f, err := u.participationFormsFor(c, v, c.Params("code"))
	if err != nil {
		return err
	}
	f.Prefix = "p-"
	return c.Render("pages/tender_participant", tenderParticipantPage{layout: u.layout(c, f.Name+" in "+v.Tender.Title, "aanbestedingen"), T: v.Tender, F: f})
}

// participantRejected shows the participant's page again with a rejected
// form as typed (set by typed) and its problems (422).
func (u *ui) participantRejected(c *fiber.Ctx, v procurement.TenderView, typed func(*participationForms), errs formErrors, fe apperr.FieldErrors,
	field func(string) string, labels []fieldLabel) error {
	f, err := u.participationFormsFor(c, v, c.Params("code"))
	if err != nil {
		return err
	}
	f.Prefix = "p-"
	typed(&f)
	f.options()
	p := tenderParticipantPage{layout: u.layout(c, f.Name+" in "+v.Tender.Title, "aanbestedingen"), T: v.Tender}
	f.Errors, p.Summary = tenderErrors(errs, fe, field, labels, f.Prefix)
	applyVolumeErrors(f.Volumes, f.Errors)
	for i := range f.Ratings {
		f.Ratings[i].Err = f.Errors[fmt.Sprintf("rating.%d", f.Ratings[i].ID)]
	}
	p.F = f
	return c.Status(fiber.StatusUnprocessableEntity).Render("pages/tender_participant", p)
}

// participantChanged answers a participant's successful change: back to
// the tender (its participants section).
func participantChanged(c *fiber.Ctx, id int64, notice string) error {
	return changed(c, id, notice, "deelnemers")
}

func (u *ui) setParticipant(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	errs := formErrors{}
	vols, rows, fields := volumesFrom(c, v.Lots, errs)
	if len(errs) == 0 {
		err = u.procurement.SetParticipant(c.UserContext(), web.CurrentScope(c),
			procurement.Participant{TenderID: v.Tender.ID, Organization: c.Params("code"), Volumes: vols})
	}
	if fe := apperr.Fields(err); len(errs) > 0 || len(fe) > 0 {
		return u.participantRejected(c, v, func(f *participationForms) { f.Volumes = fields }, errs, fe, volumeFieldName(rows),
			append([]fieldLabel{{"organization", "Organisatie"}}, volumeLabels(fields)...))
	}
	if err != nil {
		return u.refusedChange(c, v.Tender.ID, err)
	}
	return participantChanged(c, v.Tender.ID, "deelnemer")
}

func (u *ui) removeParticipant(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	if err := u.procurement.RemoveParticipant(c.UserContext(), web.CurrentScope(c), id, c.Params("code")); err != nil {
		return u.refusedChange(c, id, err)
	}
	return participantChanged(c, id, "deelnemer-verwijderd")
}

func (u *ui) setMandate(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	f := mandateFormFrom(c)
	errs := formErrors{}
	m := f.mandate(errs)
	if len(errs) == 0 {
		err = u.procurement.SetMandate(c.UserContext(), web.CurrentScope(c), id, c.Params("code"), m)
	}
	if fe := apperr.Fields(err); len(errs) > 0 || len(fe) > 0 {
		v, lerr := u.procurement.Tender(c.UserContext(), web.CurrentScope(c), id)
		if lerr != nil {
			return lerr
		}
		field := func(s string) string { return strings.TrimPrefix(s, "mandate.") }
		return u.participantRejected(c, v, func(pf *participationForms) { pf.Mandate = f }, errs, fe, field, mandateFieldLabels)
	}
	if err != nil {
		return u.refusedChange(c, id, err)
	}
	return participantChanged(c, id, "mandaat")
}

func (u *ui) rate(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	posted := prefixedValues(c, "rating.")
	ratings := make(map[int64]procurement.Rating, len(posted))
	for req, r := range posted {
		ratings[req] = procurement.Rating(r)
	}
	err = u.procurement.Rate(c.UserContext(), web.CurrentScope(c), id, c.Params("code"), ratings)
	if fe := apperr.Fields(err); len(fe) > 0 {
		v, lerr := u.procurement.Tender(c.UserContext(), web.CurrentScope(c), id)
		if lerr != nil {
			return lerr
		}
		var labels []fieldLabel
		for _, r := range v.Requirements {
			labels = append(labels, fieldLabel{fmt.Sprintf("rating.%d", r.ID), fmt.Sprintf("Eis %d", r.Number)})
		}
		typed := func(pf *participationForms) {
			for i := range pf.Ratings {
				if r, ok := posted[pf.Ratings[i].ID]; ok {
					pf.Ratings[i].Options = ratingOptions(r)
				}
			}
		}
		field := func(s string) string {
			if rest, ok := strings.CutPrefix(s, "ratings."); ok {
				return "rating." + rest
			}
			return s
		}
		return u.participantRejected(c, v, typed, formErrors{}, fe, field, labels)
	}
	if err != nil {
		return u.refusedChange(c, id, err)
	}
	return changed(c, id, "beoordelingen", "eisen")
}
