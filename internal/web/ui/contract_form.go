package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
)

// The contract form: new and edit, with the licence lines as rows.

// emptyLineRows is how many blank licence lines the form offers below the
// existing ones; blank rows are ignored. maxLineRows bounds what a post
// may claim.
const (
	emptyLineRows = 3
	maxLineRows   = 500
)

// contractForm is the contract form as typed: values stay strings, so a
// rejected form shows exactly what was entered. Field names are the API's.
type contractForm struct {
	Organization, Number, Title, VendorID, CategoryID, CPV, Start, InitialTermMonths string
	RenewalKind, RenewalPeriodMonths, MaxRenewals, MaxEnd, RenewalsExercised         string
	NoticeMonths, LeadDays, NoticeGivenOn, AnnualValue, Status, Interfaces, Notes    string
	NoticeDays                                                                       string
	ExitPlan, OpenData, Continuity, SourceRights, BusinessCritical, NoticeEndsAnyDay bool
	Lines                                                                            []licenceLineForm
}

// licenceLineForm is one row of licence lines in the form.
type licenceLineForm struct {
	// Index numbers the row from 0 (field names); Number from 1 (labels).
	Index, Number                                                 int
	Product, Metric, Quantity, SeatsInUse, UnitPrice, PricePeriod string
	Start, End                                                    string
	Metrics, Periods                                              []option
	Errors                                                        map[string]string
}

func (l licenceLineForm) blank() bool {
	return l.Product == "" && l.Quantity == "" && l.SeatsInUse == "" && l.UnitPrice == "" && l.Start == "" && l.End == ""
}

// newContractForm is the form for a new contract of org.
func newContractForm(org string) contractForm {
	f := contractForm{Organization: org, RenewalKind: string(contracts.RenewalNone), Status: string(contracts.StatusActive),
		NoticeMonths: "0", LeadDays: "0", Interfaces: "0"}
	return f.withBlankLines()
}

func (f contractForm) withBlankLines() contractForm {
	for range emptyLineRows {
		f.Lines = append(f.Lines, licenceLineForm{Metric: string(contracts.MetricNamedUser), PricePeriod: string(contracts.PerYear)})
	}
	return f
}

func optionalNumber(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// contractFormOf fills the form with a stored contract.
func contractFormOf(d contracts.ContractDetail) contractForm {
	c := d.Contract
	f := contractForm{
		Organization: c.Organization, Number: c.Number, Title: c.Title, VendorID: strconv.FormatInt(c.VendorID, 10),
		CPV: c.CPV, Start: c.Start.String(), InitialTermMonths: strconv.Itoa(c.InitialTermMonths),
		RenewalKind: string(c.RenewalKind), RenewalPeriodMonths: optionalNumber(c.RenewalPeriodMonths),
		MaxRenewals: optionalNumber(c.MaxRenewals), MaxEnd: c.MaxEnd.String(), RenewalsExercised: optionalNumber(c.RenewalsExercised),
		NoticeMonths: strconv.Itoa(c.NoticeMonths), NoticeDays: optionalNumber(c.NoticeDays), NoticeEndsAnyDay: c.NoticeEndsAnyDay,
		LeadDays: strconv.Itoa(c.LeadDays), NoticeGivenOn: c.NoticeGivenOn.String(),
		AnnualValue: euroInput(c.AnnualValue), Status: string(c.Status), Interfaces: strconv.Itoa(c.Exit.Interfaces), Notes: c.Notes,
		ExitPlan: c.Exit.ExitPlan, OpenData: c.Exit.OpenData, Continuity: c.Exit.Continuity, SourceRights: c.Exit.SourceRights,
		BusinessCritical: c.Exit.BusinessCritical,
	}
	if c.CategoryID != 0 {
		f.CategoryID = strconv.FormatInt(c.CategoryID, 10)
	}
	for _, l := range d.Lines {
		lf := licenceLineForm{Product: l.Product, Metric: string(l.Metric), Quantity: strconv.Itoa(l.Quantity),
			UnitPrice: euroInput(l.UnitPrice), PricePeriod: string(l.PricePeriod), Start: l.Start.String(), End: l.End.String()}
		if l.Quantity == contracts.Unlimited {
			lf.Quantity = "onbeperkt"
		}
		if l.SeatsInUse >= 0 {
			lf.SeatsInUse = strconv.Itoa(l.SeatsInUse)
		}
		f.Lines = append(f.Lines, lf)
	}
	return f.withBlankLines()
}

// contractFormFrom reads a posted contract form.
func contractFormFrom(c *fiber.Ctx) contractForm {
	v := func(k string) string { return strings.TrimSpace(c.FormValue(k)) }
	// The search fields (chosen).
	last := func(k string) string {
		var vs []string
		for _, b := range c.Context().PostArgs().PeekMulti(k) {
			vs = append(vs, string(b))
		}
		if s := chosen(vs); s != "" {
			return s
		}
		return v(k)
	}
	f := contractForm{
		Organization: last("organization"), Number: v("number"), Title: v("title"), VendorID: last("vendorId"), CategoryID: v("categoryId"),
		CPV: v("cpv"), Start: v("start"), InitialTermMonths: v("initialTermMonths"), RenewalKind: v("renewalKind"),
		RenewalPeriodMonths: v("renewalPeriodMonths"), MaxRenewals: v("maxRenewals"), MaxEnd: v("maxEnd"),
		RenewalsExercised: v("renewalsExercised"), NoticeMonths: v("noticeMonths"), NoticeDays: v("noticeDays"),
		NoticeEndsAnyDay: v("noticeEndsAnyDay") != "", LeadDays: v("leadDays"),
		NoticeGivenOn: v("noticeGivenOn"), AnnualValue: v("annualValue"), Status: v("status"), Interfaces: v("interfaces"),
		Notes:    strings.TrimSpace(c.FormValue("notes")),
		ExitPlan: v("exitPlan") != "", OpenData: v("openData") != "", Continuity: v("continuity") != "",
		SourceRights: v("sourceRights") != "", BusinessCritical: v("businessCritical") != "",
	}
	n, _ := strconv.Atoi(v("lineRows"))
	for i := range min(max(n, 0), maxLineRows) {
		p := fmt.Sprintf("licenceLines[%d].", i)
		f.Lines = append(f.Lines, licenceLineForm{Product: v(p + "product"), Metric: v(p + "metric"), Quantity: v(p + "quantity"),
			SeatsInUse: v(p + "seatsInUse"), UnitPrice: v(p + "unitPrice"), PricePeriod: v(p + "pricePeriod"),
			Start: v(p + "start"), End: v(p + "end")})
	}
	return f
}

// contract converts the form. Values that do not parse are reported in
// errs; rows maps each returned licence line to its row in the form
// (blank rows are left out).
func (f contractForm) contract(errs formErrors) (c contracts.Contract, lines []contracts.LicenceLine, rows []int) {
	c = contracts.Contract{
		Organization: f.Organization, Number: f.Number, Title: f.Title, VendorID: parseFormID(errs, "vendorId", f.VendorID),
		CategoryID: parseFormID(errs, "categoryId", f.CategoryID), CPV: f.CPV, Start: parseFormDate(errs, "start", f.Start),
		InitialTermMonths: parseFormInt(errs, "initialTermMonths", f.InitialTermMonths), RenewalKind: contracts.RenewalKind(f.RenewalKind),
		RenewalPeriodMonths: parseFormInt(errs, "renewalPeriodMonths", f.RenewalPeriodMonths),
		MaxRenewals:         parseFormInt(errs, "maxRenewals", f.MaxRenewals), MaxEnd: parseFormDate(errs, "maxEnd", f.MaxEnd),
		RenewalsExercised: parseFormInt(errs, "renewalsExercised", f.RenewalsExercised),
		NoticeMonths:      parseFormInt(errs, "noticeMonths", f.NoticeMonths), LeadDays: parseFormInt(errs, "leadDays", f.LeadDays),
		NoticeDays: parseFormInt(errs, "noticeDays", f.NoticeDays), NoticeEndsAnyDay: f.NoticeEndsAnyDay,
		NoticeGivenOn: parseFormDate(errs, "noticeGivenOn", f.NoticeGivenOn), AnnualValue: parseFormEuros(errs, "annualValue", f.AnnualValue),
		Status: contracts.ContractStatus(f.Status), Notes: f.Notes,
		Exit: contracts.ExitFacts{ExitPlan: f.ExitPlan, OpenData: f.OpenData, Continuity: f.Continuity, SourceRights: f.SourceRights,
			BusinessCritical: f.BusinessCritical, Interfaces: parseFormInt(errs, "interfaces", f.Interfaces)},
	}
	for i, l := range f.Lines {
		if l.blank() {
			continue
		}
		p := fmt.Sprintf("licenceLines[%d].", i)
		line := contracts.LicenceLine{Product: l.Product, Metric: contracts.Metric(l.Metric), SeatsInUse: -1,
			UnitPrice: parseFormEuros(errs, p+"unitPrice", l.UnitPrice), PricePeriod: contracts.PricePeriod(l.PricePeriod),
			Start: parseFormDate(errs, p+"start", l.Start), End: parseFormDate(errs, p+"end", l.End)}
		switch q := strings.ToLower(l.Quantity); q {
		case "onbeperkt", "-1":
			line.Quantity = contracts.Unlimited
		case "":
			errs.add(p+"quantity", "Vul het aantal in, of ‘onbeperkt’.")
		default:
			line.Quantity = parseFormInt(errs, p+"quantity", q)
		}
		if l.SeatsInUse != "" {
			line.SeatsInUse = parseFormInt(errs, p+"seatsInUse", l.SeatsInUse)
		}
		lines, rows = append(lines, line), append(rows, i)
	}
	return c, lines, rows
}

// contractFieldLabels names the form's fields in the error summary, in
// the order the form shows them.
var contractFieldLabels = []struct{ field, label string }{
	{"organization", "Organisatie"}, {"number", "Contractnummer"}, {"title", "Omschrijving"}, {"vendorId", "Leverancier"},
	{"categoryId", "Categorie"}, {"cpv", "CPV-code"}, {"status", "Status"}, {"annualValue", "Jaarwaarde"},
	{"start", "Ingangsdatum"}, {"initialTermMonths", "Eerste looptijd"}, {"renewalKind", "Verlenging"},
	{"renewalPeriodMonths", "Verlengingsperiode"}, {"maxRenewals", "Maximaal aantal verlengingen"}, {"maxEnd", "Uiterste einddatum"},
	{"renewalsExercised", "Benutte verlengingsopties"}, {"noticeMonths", "Opzegtermijn (maanden)"},
	{"noticeDays", "Opzegtermijn (dagen)"}, {"leadDays", "Interne doorlooptijd"},
	{"noticeGivenOn", "Opgezegd op"}, {"interfaces", "Aantal koppelingen"}, {"notes", "Toelichting"},
}

var licenceLineLabels = []struct{ field, label string }{
	{"product", "product"}, {"metric", "licentiemaat"}, {"quantity", "aantal"}, {"seatsInUse", "in gebruik"},
	{"unitPrice", "prijs per eenheid"}, {"pricePeriod", "prijsperiode"}, {"start", "begin"}, {"end", "einde"},
}

type contractFormPage struct {
	layout
	Action  string
	Editing bool
	ID      int64
	F       contractForm
	Errors  map[string]string
	Summary []formProblem
	// OrganizationFixed: the user acts for one organization only.
	OrganizationFixed bool
	// OrgPick and VendorPick are the search fields for the organization
	// and the vendor (picker.go): the chosen one's name, or the matches
	// offered as choices.
	OrgPick, VendorPick picked
	Categories          []option
	RenewalKinds        []option
	Statuses            []option
}

// renderContractForm shows the form with its choices and, after a
// rejected post, its problems.
func (u *ui) renderContractForm(c *fiber.Ctx, status int, p contractFormPage) error {
	ctx := c.UserContext()
	scope := web.CurrentScope(c)
	categoryID, _ := strconv.ParseInt(p.F.CategoryID, 10, 64)
	var err error
	if p.OrgPick.Value == "" && len(p.OrgPick.Matches) == 0 {
		if p.OrgPick, err = u.pickOrganization(ctx, scope, p.F.Organization); err != nil {
			return err
		}
	}
	if p.VendorPick.Value == "" && len(p.VendorPick.Matches) == 0 {
		if p.VendorPick, err = u.pickVendor(ctx, scope, p.F.VendorID, false); err != nil {
			return err
		}
	}
	if p.OrgPick.Value != "" {
		p.F.Organization = p.OrgPick.Value
	}
	if p.Categories, err = u.categoryOptions(ctx, categoryID); err != nil {
		return err
	}
	p.OrganizationFixed = !scope.All()
	p.RenewalKinds = renewalKindOptions(contracts.RenewalKind(p.F.RenewalKind))
	p.Statuses = contractStatusOptions(contracts.ContractStatus(p.F.Status))
	for i := range p.F.Lines {
		l := &p.F.Lines[i]
		l.Index, l.Number = i, i+1
		for _, m := range contracts.Metrics() {
			l.Metrics = append(l.Metrics, option{string(m), metricLabel(m), string(m) == l.Metric})
		}
		for _, per := range []contracts.PricePeriod{contracts.PerMonth, contracts.PerYear, contracts.Once} {
			l.Periods = append(l.Periods, option{string(per), nl.PricePeriod(per), string(per) == l.PricePeriod})
		}
	}
	if p.Errors == nil {
		p.Errors = map[string]string{}
	}
	return c.Status(status).Render("pages/contracts_form", p)
}

// setErrors puts the problems of a rejected form next to their fields
// and in the summary: errs (keyed by form field, rows numbered as in the
// form) and the domain's fe (licence lines numbered as sent, mapped back
// to form rows through rows).
func (p *contractFormPage) setErrors(errs formErrors, fe apperr.FieldErrors, rows []int) {
	for _, e := range fe {
		field := e.Field
		if i, sub, ok := lineField(field); ok && i < len(rows) {
			field = fmt.Sprintf("licenceLines[%d].%s", rows[i], sub)
		}
		errs.add(field, nl.FieldMessage(e))
	}
	p.Errors = map[string]string{}
	for _, l := range contractFieldLabels {
		if msg, ok := errs[l.field]; ok {
			p.Errors[l.field] = msg
			p.Summary = append(p.Summary, formProblem{"f-" + l.field, l.label, msg})
		}
	}
	for i := range p.F.Lines {
		for _, l := range licenceLineLabels {
			msg, ok := errs[fmt.Sprintf("licenceLines[%d].%s", i, l.field)]
			if !ok {
				continue
			}
			if p.F.Lines[i].Errors == nil {
				p.F.Lines[i].Errors = map[string]string{}
			}
			p.F.Lines[i].Errors[l.field] = msg
			p.Summary = append(p.Summary, formProblem{fmt.Sprintf("l%d-%s", i, l.field), fmt.Sprintf("Licentieregel %d, %s", i+1, l.label), msg})
		}
	}
	if len(p.Summary) == 0 {
		// A problem with no field of its own still must not pass silently.
		for field, msg := range errs {
			p.Summary = append(p.Summary, formProblem{"", field, msg})
		}
	}
}

// lineField splits "licenceLines[3].unitPrice" into 3 and "unitPrice".
func lineField(field string) (int, string, bool) {
	rest, ok := strings.CutPrefix(field, "licenceLines[")
	if !ok {
		return 0, "", false
	}
	num, sub, ok := strings.Cut(rest, "].")
	i, err := strconv.Atoi(num)
	return i, sub, ok && err == nil
}

// submitContract validates a posted form and hands the result to save.
// A rejected form is shown again with its problems and the values as
// typed (422); other errors go to the error page.
func (u *ui) submitContract(c *fiber.Ctx, p contractFormPage, save func(contracts.Contract, []contracts.LicenceLine) (int64, error)) error {
	errs := formErrors{}
	if err := u.pickContractParties(c, &p, errs); err != nil {
		return err
	}
	ct, lines, rows := p.F.contract(errs)
	if len(errs) > 0 {
		// A form that did not parse never reaches the service; it still
		// refuses another organization's contract first, whatever else is
		// wrong with it.
		if err := u.contracts.CheckScope(web.CurrentScope(c), ct.Organization); err != nil {
			return err
		}
		// Also list what validation finds in the fields that did parse.
		fe := apperr.Fields(web.ContractInputError(nil, ct, lines))
		p.setErrors(errs, fe, rows)
		return u.renderContractForm(c, fiber.StatusUnprocessableEntity, p)
	}
	id, err := save(ct, lines)
	if fe := apperr.Fields(err); len(fe) > 0 {
		p.setErrors(errs, fe, rows)
		return u.renderContractForm(c, fiber.StatusUnprocessableEntity, p)
	}
	if err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/contracten/%d?opgeslagen=1", id), fiber.StatusSeeOther)
}

// pickContractParties looks up the organization and the vendor the
// form's search fields name; one that names none, or several, is a
// problem on its field, and the page offers the matches.
func (u *ui) pickContractParties(c *fiber.Ctx, p *contractFormPage, errs formErrors) error {
	ctx, scope := c.UserContext(), web.CurrentScope(c)
	var err error
	if p.OrgPick, err = u.pickOrganization(ctx, scope, p.F.Organization); err != nil {
		return err
	}
	if p.VendorPick, err = u.pickVendor(ctx, scope, p.F.VendorID, false); err != nil {
		return err
	}
	problem := func(field, what string, pk picked) {
		switch {
		case pk.Value != "" || pk.Text == "":
		case pk.NotFound:
			errs.add(field, "Geen "+what+" gevonden bij “"+pk.Text+"”: typ (een deel van) de naam of de code.")
		default:
			errs.add(field, "Meerdere "+what+"s passen bij “"+pk.Text+"”: kies er een.")
		}
	}
	if p.OrgPick.Value != "" {
		p.F.Organization = p.OrgPick.Value
	} else if p.OrgPick.Text != "" {
		problem("organization", "organisatie", p.OrgPick)
		// The scope check of an unparsed form reads no code from a search.
		p.F.Organization = ""
	}
	if p.VendorPick.Value != "" {
		p.F.VendorID = p.VendorPick.Value
	} else if p.VendorPick.Text != "" {
		problem("vendorId", "leverancier", p.VendorPick)
		p.F.VendorID = ""
	}
	return nil
}

func (u *ui) newContract(c *fiber.Ctx) error {
	org := c.Query("organisatie")
	if user := web.CurrentUser(c); user != nil && !user.AllOrganizations() {
		org = user.Organization
	}
	return u.renderContractForm(c, fiber.StatusOK, contractFormPage{layout: u.layout(c, "Nieuw contract", "contracten"),
		Action: "/contracten/nieuw", F: newContractForm(org)})
}

func (u *ui) createContract(c *fiber.Ctx) error {
	p := contractFormPage{layout: u.layout(c, "Nieuw contract", "contracten"), Action: "/contracten/nieuw", F: contractFormFrom(c)}
	return u.submitContract(c, p, func(ct contracts.Contract, lines []contracts.LicenceLine) (int64, error) {
		return u.contracts.CreateContract(c.UserContext(), web.CurrentScope(c), ct, lines)
	})
}

// loadContract reads the contract of the path's id, when its
// organization lies in the user's scope.
func (u *ui) loadContract(c *fiber.Ctx) (contracts.ContractDetail, error) {
	id, err := positiveIDParam(c)
	if err != nil {
		return contracts.ContractDetail{}, err
	}
	return u.contracts.Contract(c.UserContext(), web.CurrentScope(c), id)
}

func (u *ui) editContract(c *fiber.Ctx) error {
	d, err := u.loadContract(c)
	if err != nil {
		return err
	}
	return u.renderContractForm(c, fiber.StatusOK, contractFormPage{layout: u.layout(c, "Contract bewerken", "contracten"),
		Action: fmt.Sprintf("/contracten/%d/bewerken", d.ID), Editing: true, ID: d.ID, F: contractFormOf(d)})
}

func (u *ui) updateContract(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	scope := web.CurrentScope(c)
	// The service refuses another organization's contract before the form
	// is looked at.
	if _, err := u.contracts.Contract(c.UserContext(), scope, id); err != nil {
		return err
	}
	p := contractFormPage{layout: u.layout(c, "Contract bewerken", "contracten"),
		Action: fmt.Sprintf("/contracten/%d/bewerken", id), Editing: true, ID: id, F: contractFormFrom(c)}
	return u.submitContract(c, p, func(ct contracts.Contract, lines []contracts.LicenceLine) (int64, error) {
		return id, u.contracts.UpdateContract(c.UserContext(), scope, id,
			func(contracts.ContractDetail) (contracts.Contract, []contracts.LicenceLine, error) {
				return ct, lines, nil
			})
	})
}
