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
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// The forms of the tender pages: the tender's terms here, with the Dutch
// translation of the problems every tender form shares; the lots and
// requirements in tender_lots.go, the participants in
// tender_participants.go, the award in tender_award.go. Values stay
// strings as typed, so that a rejected form shows exactly what was
// entered; field names are the API's where there is one. A rejected form comes back with 422 and
// every problem in Dutch next to its field and in a summary at the top;
// nothing is written.

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
					rest = d.Dutch()
				}
			}
			return fmt.Sprintf(m.dutch, rest)
		}
		return m.dutch
	}
	// The register forms' general hints, by the kind of problem.
	return dutchFieldMessage("", msg)
}

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
	if p.Leads, err = u.organizationOptions(ctx, contracts.Everyone(), p.F.Lead); err != nil {
		return err
	}
	for _, k := range []procurement.ContractKind{procurement.KindServices, procurement.KindSupplies, procurement.KindWorks, procurement.KindSocial} {
		p.Kinds = append(p.Kinds, option{string(k), contractKindLabel(k), string(k) == p.F.Kind})
	}
	for _, pr := range []procurement.Procedure{procurement.ProcedureOpen, procurement.ProcedureRestricted, procurement.ProcedureCompetitiveNegotiation,
		procurement.ProcedureCompetitiveDialogue, procurement.ProcedureMultiplePrivate, procurement.ProcedureSingleSource} {
		p.Procedures = append(p.Procedures, option{string(pr), pr.Dutch(), string(pr) == p.F.Procedure})
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

// changed answers a successful change with the tender page.
func changed(c *fiber.Ctx, id int64, notice, anchor string) error {
	return c.Redirect(fmt.Sprintf("/aanbestedingen/%d?melding=%s#%s", id, notice, anchor), fiber.StatusSeeOther)
}
