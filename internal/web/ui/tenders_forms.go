package ui

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// The forms of the tender pages: the tender's terms here, with the
// summary of problems every tender form shares (tenderErrors); the lots
// and requirements in tender_lots.go, the participants in
// tender_participants.go, the award in tender_award.go. Values stay
// strings as typed, so that a rejected form shows exactly what was
// entered; field names are the API's where there is one. A rejected form
// comes back with 422 and every problem in Dutch next to its field and in
// a summary at the top; nothing is written.

// tenderErrors merges the domain's problems fe (in Dutch through nl, their
// fields mapped to the form's by field) into errs and returns them by form
// field with a summary in the order of labels; anchors are idPrefix +
// field. A problem without a labelled field is still listed.
func tenderErrors(errs formErrors, fe apperr.FieldErrors, field func(string) string, labels []fieldLabel, idPrefix string) (map[string]string, []formProblem) {
	for _, e := range fe {
		errs.add(field(e.Field), nl.FieldMessage(e))
	}
	out := make(map[string]string, len(errs))
	var summary []formProblem
	for _, l := range labels {
		if msg, ok := errs[l.field]; ok {
			out[l.field] = msg
			summary = append(summary, formProblem{idPrefix + anchorID(l.field), l.label, msg})
		}
	}
	for _, f := range slices.Sorted(maps.Keys(errs)) {
		if _, ok := out[f]; !ok {
			out[f] = errs[f]
			summary = append(summary, formProblem{"", "Invoer", errs[f]})
		}
	}
	return out, summary
}

func sameField(f string) string { return f }

// tenderOptionRows is how many option fields the form offers at least.
const (
	tenderOptionRows = 3
	maxOptionRows    = 10
)

// tenderForm is the tender form as typed.
type tenderForm struct {
	Title, Description, CategoryID, CPV, Lead, Kind, TermMonths string
	Options                                                     []string
	Publication, NeededStart, TenderDeadline                    string
	Procedure, ProcedureJustification                           string
	Framework, FrameworkJustified, TotalPrice                   bool
	TermIndefinite                                              bool
	Electronic, DocumentsOnline, PIN, Urgent                    bool
}

func tenderFormFrom(c *fiber.Ctx) tenderForm {
	f := tenderForm{Title: formValue(c, "title"), Description: strings.TrimSpace(c.FormValue("description")), CategoryID: formValue(c, "categoryId"),
		CPV: formValue(c, "cpv"), Lead: formValue(c, "lead"), Kind: formValue(c, "kind"), TermMonths: formValue(c, "termMonths"),
		Publication: formValue(c, "publication"), NeededStart: formValue(c, "neededStart"), TenderDeadline: formValue(c, "tenderDeadline"),
		Procedure:              formValue(c, "procedure"),
		ProcedureJustification: strings.TrimSpace(c.FormValue("procedureJustification")),
		Framework:              checked(c, "framework"), FrameworkJustified: checked(c, "frameworkJustified"), TotalPrice: checked(c, "totalPrice"),
		TermIndefinite: checked(c, "termIndefinite"), Electronic: checked(c, "electronic"), DocumentsOnline: checked(c, "documentsOnline"), PIN: checked(c, "pin"), Urgent: checked(c, "urgent")}
	rows, _ := strconv.Atoi(c.FormValue("optionRows"))
	for i := range min(max(rows, tenderOptionRows), maxOptionRows) {
		f.Options = append(f.Options, formValue(c, fmt.Sprintf("options[%d]", i)))
	}
	return f
}

// newTenderForm is the form of a new tender: services, electronic
// submission with the documents online (the normal case via TenderNed).
func newTenderForm() tenderForm {
	return tenderForm{Kind: string(procurement.KindServices), Electronic: true, DocumentsOnline: true, Options: make([]string, tenderOptionRows)}
}

func tenderFormOf(t procurement.Tender) tenderForm {
	f := tenderForm{Title: t.Title, Description: t.Description, CategoryID: strconv.FormatInt(t.CategoryID, 10), CPV: t.CPV, Lead: t.Lead,
		Kind: string(t.Kind), TermMonths: strconv.Itoa(t.TermMonths), Publication: web.DateString(t.Publication), NeededStart: web.DateString(t.NeededStart),
		TenderDeadline: web.DateString(t.TenderDeadline), Procedure: string(t.Procedure), ProcedureJustification: t.ProcedureJustification, Framework: t.Framework,
		FrameworkJustified: t.FrameworkJustified, TotalPrice: t.TotalPrice, TermIndefinite: t.TermIndefinite, Electronic: t.Electronic, DocumentsOnline: t.DocumentsOnline,
		PIN: t.PIN, Urgent: t.Urgent}
	for _, o := range t.Options {
		f.Options = append(f.Options, strconv.Itoa(o.Months))
	}
	for len(f.Options) < tenderOptionRows {
		f.Options = append(f.Options, "")
	}
	return f
}

// tender converts the form; rows maps each option of the result to its
// field in the form (blank fields are left out).
func (f tenderForm) tender(errs formErrors) (procurement.Tender, []int) {
	t := procurement.Tender{Title: f.Title, Description: f.Description, CategoryID: parseFormID(errs, "categoryId", f.CategoryID), CPV: f.CPV,
		Lead: f.Lead, Kind: procurement.ContractKind(f.Kind), Framework: f.Framework, FrameworkJustified: f.FrameworkJustified,
		TermMonths: parseFormInt(errs, "termMonths", f.TermMonths), TermIndefinite: f.TermIndefinite, TotalPrice: f.TotalPrice, Electronic: f.Electronic,
		DocumentsOnline: f.DocumentsOnline, PIN: f.PIN, Urgent: f.Urgent, Publication: parseFormDate(errs, "publication", f.Publication),
		NeededStart: parseFormDate(errs, "neededStart", f.NeededStart), TenderDeadline: parseFormDate(errs, "tenderDeadline", f.TenderDeadline),
		Procedure:              procurement.Procedure(f.Procedure),
		ProcedureJustification: f.ProcedureJustification, Status: procurement.TenderDraft}
	var rows []int
	for i, o := range f.Options {
		if o == "" {
			continue
		}
		t.Options = append(t.Options, procurement.Option{Months: parseFormInt(errs, fmt.Sprintf("options[%d]", i), o)})
		rows = append(rows, i)
	}
	return t, rows
}

var tenderFieldLabels = []fieldLabel{
	{"title", "Titel"}, {"description", "Omschrijving"}, {"categoryId", "Categorie"}, {"cpv", "CPV-code"}, {"lead", "Penvoerder"},
	{"kind", "Soort opdracht"}, {"termMonths", "Looptijd"}, {"termIndefinite", "Onbepaalde tijd"}, {"options[0]", "Optie 1"}, {"options[1]", "Optie 2"}, {"options[2]", "Optie 3"},
	{"options[3]", "Optie 4"}, {"options[4]", "Optie 5"}, {"options[5]", "Optie 6"}, {"options[6]", "Optie 7"}, {"options[7]", "Optie 8"},
	{"options[8]", "Optie 9"}, {"options[9]", "Optie 10"}, {"options", "Opties"},
	{"publication", "Geplande publicatie"}, {"neededStart", "Benodigde start"}, {"tenderDeadline", "Sluitingstermijn"}, {"procedure", "Procedure"},
	{"procedureJustification", "Motivering van de procedure"},
}

// optionRow is one option field of the tender form.
type optionRow struct {
	Index, Number int
	Value         string
}

type tenderFormPage struct {
	layout
	Action     string
	Editing    bool
	ID         int64
	F          tenderForm
	OptionRows []optionRow
	Errors     map[string]string
	Summary    []formProblem
	Categories []option
	// LeadPick is the lead's search field (picker.go): the chosen
	// organization's name, or what was typed with the matches.
	LeadPick   picked
	Kinds      []option
	Procedures []option
	// PublicationPast warns that the planned publication date has passed:
	// publishing happens on the day of the step, and the tender deadline
	// is checked against that day.
	PublicationPast string
}

func (u *ui) renderTenderForm(c *fiber.Ctx, status int, p tenderFormPage) error {
	ctx := c.UserContext()
	category, _ := strconv.ParseInt(p.F.CategoryID, 10, 64)
	var err error
	if p.Categories, err = u.categoryOptions(ctx, category); err != nil {
		return err
	}
	if p.F.Lead != "" && p.LeadPick.Value == "" {
		if p.LeadPick, err = u.pickOrganization(ctx, contracts.Everyone(), p.F.Lead); err != nil {
			return err
		}
	}
	for _, k := range []procurement.ContractKind{procurement.KindServices, procurement.KindSupplies, procurement.KindWorks, procurement.KindSocial} {
		p.Kinds = append(p.Kinds, option{string(k), contractKindLabel(k), string(k) == p.F.Kind})
	}
	for _, pr := range []procurement.Procedure{procurement.ProcedureOpen, procurement.ProcedureRestricted, procurement.ProcedureCompetitiveNegotiation,
		procurement.ProcedureCompetitiveDialogue, procurement.ProcedureMultiplePrivate, procurement.ProcedureSingleSource} {
		p.Procedures = append(p.Procedures, option{string(pr), nl.Procedure(pr), string(pr) == p.F.Procedure})
	}
	for i, o := range p.F.Options {
		p.OptionRows = append(p.OptionRows, optionRow{Index: i, Number: i + 1, Value: o})
	}
	return c.Status(status).Render("pages/tenders_form", p)
}

// optionField maps the domain's "options[i].months" to the form field of
// the i-th option that was filled in.
func optionField(rows []int) func(string) string {
	return func(f string) string {
		rest, ok := strings.CutPrefix(f, "options[")
		if !ok {
			return f
		}
		num, _, _ := strings.Cut(rest, "]")
		if i, err := strconv.Atoi(num); err == nil && i < len(rows) {
			return fmt.Sprintf("options[%d]", rows[i])
		}
		return "options"
	}
}

// submitTender validates a posted tender form and hands it to save.
func (u *ui) submitTender(c *fiber.Ctx, p tenderFormPage, save func(procurement.Tender) (int64, error)) error {
	errs := formErrors{}
	if err := u.pickTenderLead(c, &p, errs); err != nil {
		return err
	}
	t, rows := p.F.tender(errs)
	var err error
	var id int64
	if len(errs) > 0 {
		err = t.Validate() // also list what the parsed fields get wrong
	} else {
		id, err = save(t)
	}
	if fe := apperr.Fields(err); len(errs) > 0 || len(fe) > 0 {
		p.Errors, p.Summary = tenderErrors(errs, fe, optionField(rows), tenderFieldLabels, "f-")
		return u.renderTenderForm(c, fiber.StatusUnprocessableEntity, p)
	}
	if isConflict(err) {
		return u.refusedChange(c, p.ID, err)
	}
	if err != nil {
		return err
	}
	notice := "aangemaakt"
	if p.Editing {
		notice = "opgeslagen"
	}
	return c.Redirect(fmt.Sprintf("/aanbestedingen/%d?melding=%s", id, notice), fiber.StatusSeeOther)
}

func (u *ui) newTender(c *fiber.Ctx) error {
	return u.renderTenderForm(c, fiber.StatusOK, tenderFormPage{layout: u.layout(c, "Nieuwe aanbesteding", "aanbestedingen"),
		Action: "/aanbestedingen/nieuw", F: newTenderForm()})
}

func (u *ui) createTender(c *fiber.Ctx) error {
	p := tenderFormPage{layout: u.layout(c, "Nieuwe aanbesteding", "aanbestedingen"), Action: "/aanbestedingen/nieuw", F: tenderFormFrom(c)}
	return u.submitTender(c, p, func(t procurement.Tender) (int64, error) { return u.procurement.CreateTender(c.UserContext(), t) })
}

func (u *ui) editTender(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	t := v.Tender
	if !t.Editable() {
		return u.renderTender(c, fiber.StatusConflict, v, "", frozenText(t))
	}
	p := tenderFormPage{layout: u.layout(c, "Aanbesteding bewerken", "aanbestedingen"),
		Action: fmt.Sprintf("/aanbestedingen/%d/bewerken", t.ID), Editing: true, ID: t.ID, F: tenderFormOf(t)}
	if !t.Publication.IsZero() && t.Publication.Before(v.Today) {
		p.PublicationPast = fmt.Sprintf("De geplande publicatie (%s) ligt in het verleden. Publiceren gebeurt op de dag dat u publiceert; de sluitingstermijn moet dan nog de minimumtermijn na die dag bieden. Kies een nieuwe datum of laat het veld leeg.",
			nl.DateLong(t.Publication))
	}
	return u.renderTenderForm(c, fiber.StatusOK, p)
}

func (u *ui) updateTender(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	p := tenderFormPage{layout: u.layout(c, "Aanbesteding bewerken", "aanbestedingen"), Action: fmt.Sprintf("/aanbestedingen/%d/bewerken", id),
		Editing: true, ID: id, F: tenderFormFrom(c)}
	return u.submitTender(c, p, func(t procurement.Tender) (int64, error) {
		t.ID = id
		return id, u.procurement.UpdateTender(c.UserContext(), t)
	})
}

// changed answers a successful change with the tender page.
func changed(c *fiber.Ctx, id int64, notice, anchor string) error {
	return c.Redirect(fmt.Sprintf("/aanbestedingen/%d?melding=%s#%s", id, notice, anchor), fiber.StatusSeeOther)
}

// pickTenderLead looks up the lead a posted form's search field names,
// among every organization: one that names several is a problem on the
// field, and the page offers the matches. A field left empty or naming
// none is the domain's problem (required, unknown organization).
func (u *ui) pickTenderLead(c *fiber.Ctx, p *tenderFormPage, errs formErrors) error {
	pk, err := u.pickOrganization(c.UserContext(), contracts.Everyone(), p.F.Lead)
	if err != nil {
		return err
	}
	p.LeadPick = pk
	switch {
	case pk.Value != "":
		p.F.Lead = pk.Value
	case pk.Text == "" || pk.NotFound:
		// The domain says the organization does not exist, beside what
		// else it finds.
	default:
		errs.add("lead", "Meerdere organisaties passen bij “"+pk.Text+"”: kies er een.")
		p.F.Lead = ""
	}
	return nil
}
