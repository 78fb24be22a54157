package web

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// The forms of the tender pages. Values stay strings as typed, so that a
// rejected form shows exactly what was entered; field names are the
// API's where there is one. A rejected form comes back with 422 and
// every problem in Dutch next to its field and in a summary at the top;
// nothing is written.

// fieldLabel names a form field in a form's error summary.
type fieldLabel struct{ field, label string }

// tenderErrors merges the domain's problems fe (translated to Dutch, their
// fields mapped to the form's by field) into errs and returns them by form
// field with a summary in the order of labels; anchors are idPrefix +
// field. A problem without a labelled field is still listed.
func tenderErrors(errs formErrors, fe apperr.FieldErrors, field func(string) string, labels []fieldLabel, idPrefix string) (map[string]string, []formProblem) {
	for _, e := range fe {
		errs.add(field(e.Field), tenderFieldMessage(e.Field, e.Message))
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

// anchorID is the element id (after the form's prefix) of the form field
// named field: "options[1]" → "options-1", "quantity.5" → "quantity-5".
// Ids without brackets keep the summary's links plain fragments.
func anchorID(field string) string { return anchorReplacer.Replace(field) }

var anchorReplacer = strings.NewReplacer("[", "-", "]", "", ".", "-")

// tenderMessages translates the domain's English field problems for the
// tender forms, by field (see tenderFieldBase) and the start of the
// message; %s takes the rest of the message. A message not listed falls
// back to a general Dutch hint, never to English.
var tenderMessages = []struct{ field, prefix, dutch string }{
	{"title", "is required", "Vul een titel in."},
	{"title", "must be at most", "Gebruik hooguit 200 tekens."},
	{"description", "must be at most", "Gebruik hooguit 5.000 tekens."},
	{"categoryId", "is required", "Kies een categorie."},
	{"categoryId", "no category", "Deze categorie bestaat niet."},
	{"cpv", "must look like", "Vul een CPV-code in als 64210000-1."},
	{"lead", "is required", "Kies de penvoerder."},
	{"lead", "no organization", "Deze organisatie bestaat niet."},
	{"kind", "must be supplies", "Kies het soort opdracht."},
	{"kind", "must be knockout", "Kies knock-out-eis of gunningscriterium."},
	{"termMonths", "must be at least 1", "Vul een looptijd van minstens 1 maand in."},
	{"termMonths", "must be positive", "Vul een looptijd van minstens 1 maand in."},
	{"termMonths", "must be at most", "Een looptijd is hooguit 120 maanden."},
	{"termMonths", "a framework agreement runs at most", "Een raamovereenkomst loopt inclusief opties hooguit 48 maanden, tenzij objectief gerechtvaardigd (Aw 2012 art. 2.140): kort de looptijd of de opties in, of leg de rechtvaardiging vast."},
	{"termIndefinite", "an indefinite term cannot have a total price", "Een overeenkomst voor onbepaalde tijd heeft geen totaalprijs: de raming is de maandwaarde × 48 (Aw 2012 art. 2.16). Zet ‘totaalprijs’ uit of kies een vaste looptijd."},
	{"termIndefinite", "an indefinite term has no extension options", "Een overeenkomst voor onbepaalde tijd heeft geen opties: laat de opties leeg."},
	{"termIndefinite", "a framework agreement runs at most", "Een raamovereenkomst loopt hooguit 48 maanden, tenzij objectief gerechtvaardigd (Aw 2012 art. 2.140): kies een vaste looptijd of leg de rechtvaardiging vast."},
	{"options", "at most 10", "Hooguit 10 opties."},
	{"options", "must be 1–60", "Een optie duurt 1 tot 60 maanden."},
	{"procedure", "is not a known", "Kies een procedure uit de lijst."},
	{"procedure", "the light regime cannot be chosen", "Het verlicht regime volgt uit de soort opdracht en de waarde en kan niet worden gekozen (Aw 2012 art. 2.38)."},
	{"procedureJustification", "is required", "Geef een schriftelijke motivering voor de gekozen procedure (Aw 2012 art. 1.4)."},
	{"unit", "must be at most", "Gebruik hooguit 60 tekens."},
	{"unitPrice", "must not be negative", "De prijs mag niet negatief zijn."},
	{"text", "is required", "Vul de tekst van de eis in."},
	{"text", "must be at most", "Gebruik hooguit 2.000 tekens."},
	{"status", "must be requested", "Kies de status van het mandaat."},
	{"signed", "is required", "Vul de datum in waarop het mandaat is getekend."},
	{"signed", "cannot lie in the future", "De datum van ondertekening kan niet in de toekomst liggen."},
	{"signed", "is only set", "Alleen een getekend mandaat heeft een datum van ondertekening: laat de datum leeg of kies ‘getekend’."},
	{"body", "is required", "Kies het orgaan dat het mandaat verleende."},
	{"body", "must be", "Kies een orgaan uit de lijst."},
	{"scope", "a signed mandate", "Kies minstens één bevoegdheid die het mandaat verleent."},
	{"reference", "must be at most", "Gebruik hooguit 200 tekens."},
	{"organization", "is required", "Vul de code van een organisatie in, zoals GM0363."},
	{"organization", "no organization", "Er is geen organisatie met deze code."},
	{"organization", "", "Deze organisatie neemt niet deel aan de aanbesteding."},
	{"quantity", "must not be negative", "Vul 0 of meer in."},
	{"annual", "must not be negative", "De jaarwaarde mag niet negatief zijn."},
	{"lotId", "", "Dit perceel hoort niet bij deze aanbesteding."},
	{"demandId", "", "Deze behoefte hoort niet bij de organisatie en de categorie van de aanbesteding."},
	{"ratings", "must be must", "Kies must, should, could of won't."},
	{"ratings", "", "Deze eis hoort niet bij de aanbesteding."},
	{"decisionSent", "cannot lie in the future", "De datum kan niet in de toekomst liggen."},
	{"decisionSent", "must be after the tender deadline", "De gunningsbeslissing kan pas na de sluiting van de inschrijvingstermijn (%s) worden verzonden."},
	{"vendors", "no vendor", "Deze leverancier bestaat niet."},
	{"vendors", "lot", "Kies de leverancier van dit perceel: er zijn deelnemers met volume in."},
	{"vendors", "", "Dit perceel hoort niet bij deze aanbesteding."},
	{"award", "", "Kies de leverancier per perceel en de datum van de gunningsbeslissing."},
	{"tenderDeadline", "must be on or after", "Deze sluitingstermijn is korter dan de minimumtermijn: kies %s of later (Aw 2012 art. 2.71–2.74a)."},
	{"tenderDeadline", "must be after the publication", "Onder het verlicht regime geldt geen minimumtermijn, maar de sluitingstermijn moet na de publicatie liggen (Aw 2012 art. 2.38–2.39)."},
	{"tenderDeadline", "needs a publication date", "Vul ook de geplande publicatie in: de minimumtermijn loopt vanaf die datum."},
}

// tenderFieldBase is the part of a domain field name the messages are
// listed by: "mandate.signed" → "signed", "volumes[2].quantity" →
// "quantity", "options[0].months" → "options", "ratings.12" → "ratings",
// "award.vendors.3" → "vendors".
func tenderFieldBase(field string) string {
	field = strings.TrimPrefix(strings.TrimPrefix(field, "mandate."), "award.")
	switch {
	case strings.HasPrefix(field, "options["):
		return "options"
	case strings.HasPrefix(field, "ratings."):
		return "ratings"
	case strings.HasPrefix(field, "vendors."):
		return "vendors"
	}
	if i := strings.LastIndex(field, "]."); i >= 0 {
		return field[i+2:]
	}
	return field
}

// tenderFieldMessage translates a domain problem with field for the
// tender forms.
func tenderFieldMessage(field, msg string) string {
	base := tenderFieldBase(field)
	for _, m := range tenderMessages {
		if m.field != base || !strings.HasPrefix(msg, m.prefix) {
			continue
		}
		if strings.Contains(m.dutch, "%s") {
			// The date right after the prefix, in Dutch.
			rest := strings.TrimSpace(strings.TrimPrefix(msg, m.prefix))
			if date, _, _ := strings.Cut(rest, ","); date != "" {
				if d, err := contracts.ParseDate(date); err == nil {
					rest = nl.Date(d)
				}
			}
			return fmt.Sprintf(m.dutch, rest)
		}
		return m.dutch
	}
	// The register forms' general hints, by the kind of problem.
	return dutchFieldMessage("", msg)
}

// csrfToken is the CSRF token of the session, for the forms a handler
// builds outside the page's layout.
func csrfToken(c *fiber.Ctx) string {
	if sess, ok := c.Locals(sessionKey).(*auth.Session); ok {
		return sess.CSRF
	}
	return ""
}

// formValue reads a form value without surrounding spaces.
func formValue(c *fiber.Ctx, key string) string { return strings.TrimSpace(c.FormValue(key)) }

// checked reads a checkbox.
func checked(c *fiber.Ctx, key string) bool { return c.FormValue(key) != "" }

// prefixedValues returns the posted form values whose key is prefix
// followed by a number, by that number ("rating.12" → 12).
func prefixedValues(c *fiber.Ctx, prefix string) map[int64]string {
	out := map[int64]string{}
	for k, v := range c.Request().PostArgs().All() {
		rest, ok := strings.CutPrefix(string(k), prefix)
		if !ok {
			continue
		}
		if id, err := strconv.ParseInt(rest, 10, 64); err == nil && id > 0 {
			out[id] = strings.TrimSpace(string(v))
		}
	}
	return out
}

// ---- The tender's terms ----

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
		Kind: string(t.Kind), TermMonths: strconv.Itoa(t.TermMonths), Publication: dateString(t.Publication), NeededStart: dateString(t.NeededStart),
		TenderDeadline: dateString(t.TenderDeadline), Procedure: string(t.Procedure), ProcedureJustification: t.ProcedureJustification, Framework: t.Framework,
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
	Leads      []option
	Kinds      []option
	Procedures []option
}

func (u *ui) renderTenderForm(c *fiber.Ctx, status int, p tenderFormPage) error {
	ctx := c.UserContext()
	category, _ := strconv.ParseInt(p.F.CategoryID, 10, 64)
	var err error
	if p.Categories, err = u.categoryOptions(ctx, category); err != nil {
		return err
	}
	if p.Leads, err = u.organizationOptions(ctx, nil, p.F.Lead); err != nil {
		return err
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
	return u.renderTenderForm(c, fiber.StatusOK, tenderFormPage{layout: u.layout(c, "Aanbesteding bewerken", "aanbestedingen"),
		Action: fmt.Sprintf("/aanbestedingen/%d/bewerken", t.ID), Editing: true, ID: t.ID, F: tenderFormOf(t)})
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

// ---- Lots and requirements ----

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

// pathID reads a numeric path parameter; anything but a positive number
// is a page that does not exist.
func pathID(c *fiber.Ctx, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Params(name), 10, 64)
	if err != nil || id < 1 {
		return 0, fiber.ErrNotFound
	}
	return id, nil
}

// changed answers a successful change with the tender page.
func changed(c *fiber.Ctx, id int64, notice, anchor string) error {
	return c.Redirect(fmt.Sprintf("/aanbestedingen/%d?melding=%s#%s", id, notice, anchor), fiber.StatusSeeOther)
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
		view := lotFormView{Action: c.Path(), IDPrefix: "lot-", Submit: "Perceel opslaan", CSRF: csrfToken(c), F: f}
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
		view := requirementFormView{Action: c.Path(), IDPrefix: "req-", Submit: "Eis opslaan", CSRF: csrfToken(c), F: f,
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
	v, err := u.procurement.Tender(c.UserContext(), id, scopeOf(currentUser(c)))
	if err != nil {
		return err
	}
	p.layout, p.T = u.layout(c, p.Heading+" – "+v.Tender.Title, "aanbestedingen"), v.Tender
	return c.Status(fiber.StatusUnprocessableEntity).Render("pages/tender_part", p)
}

// ---- Participants, mandates and ratings ----

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
		err = u.procurement.SetParticipant(c.UserContext(), scopeOf(currentUser(c)),
			procurement.Participant{TenderID: id, Organization: org, Volumes: vols})
	}
	if fe := apperr.Fields(err); len(errs) > 0 || len(fe) > 0 {
		view := newParticipantAddView(v, csrfToken(c))
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
	Documents, Award, Litigation, Substitution bool
}

func mandateFormOf(m procurement.Mandate) mandateForm {
	return mandateForm{Status: string(m.Status), Signed: dateString(m.Signed), Body: string(m.Body), Reference: m.Reference,
		Documents: m.Scope.Documents, Award: m.Scope.Award, Litigation: m.Scope.Litigation, Substitution: m.Scope.Substitution}
}

func mandateFormFrom(c *fiber.Ctx) mandateForm {
	return mandateForm{Status: formValue(c, "status"), Signed: formValue(c, "signed"), Body: formValue(c, "body"), Reference: formValue(c, "reference"),
		Documents: checked(c, "documents"), Award: checked(c, "award"), Litigation: checked(c, "litigation"), Substitution: checked(c, "substitution")}
}

func (f mandateForm) mandate(errs formErrors) procurement.Mandate {
	return procurement.Mandate{Status: procurement.MandateStatus(f.Status), Signed: parseFormDate(errs, "signed", f.Signed),
		Body: procurement.DecidingBody(f.Body), Reference: f.Reference,
		Scope: procurement.MandateScope{Documents: f.Documents, Award: f.Award, Litigation: f.Litigation, Substitution: f.Substitution}}
}

var mandateFieldLabels = []fieldLabel{{"status", "Status van het mandaat"}, {"signed", "Getekend op"}, {"body", "Besluitvormend orgaan"},
	{"scope", "Bevoegdheden"}, {"reference", "Kenmerk van het besluit"}}

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
		CSRF: csrfToken(c), Code: code, Joinable: v.Tender.Joinable()}
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
		err = u.procurement.SetParticipant(c.UserContext(), scopeOf(currentUser(c)),
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
	if err := u.procurement.RemoveParticipant(c.UserContext(), scopeOf(currentUser(c)), id, c.Params("code")); err != nil {
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
		err = u.procurement.SetMandate(c.UserContext(), scopeOf(currentUser(c)), id, c.Params("code"), m)
	}
	if fe := apperr.Fields(err); len(errs) > 0 || len(fe) > 0 {
		v, lerr := u.procurement.Tender(c.UserContext(), id, scopeOf(currentUser(c)))
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
	err = u.procurement.Rate(c.UserContext(), scopeOf(currentUser(c)), id, c.Params("code"), ratings)
	if fe := apperr.Fields(err); len(fe) > 0 {
		v, lerr := u.procurement.Tender(c.UserContext(), id, scopeOf(currentUser(c)))
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

// ---- The award ----

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
	v, err := u.procurement.Tender(c.UserContext(), id, scopeOf(currentUser(c)))
	if err != nil {
		return err
	}
	return u.showAward(c, status, v, values, errs, fe)
}

func (u *ui) showAward(c *fiber.Ctx, status int, v procurement.TenderView, values awardFormValues, errs formErrors, fe apperr.FieldErrors) error {
	vendors, _, err := u.vendorOptions(c.UserContext(), 0, 0, 0)
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
