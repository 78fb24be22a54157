package web

import (
	"context"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// noticeWarnDays is how far ahead the contract pages highlight a deadline.
const noticeWarnDays = 90

// errOtherOrganization refuses a scoped user another organization's
// contracts, in the API and the UI alike.
var errOtherOrganization = apperr.WithDetail(apperr.Forbidden, "this organization is outside your scope")

// deadline is the next date by which an organization must act on a
// contract, with the flags the pages highlight. Computed by the handler,
// so the templates only show it.
type deadline struct {
	// Date is the notice deadline (tacit renewal) or the option decision
	// (express renewal); zero when there is nothing to decide.
	Date contracts.Date
	// Option says Date is an option decision, not a notice deadline.
	Option bool
	// Days from today to Date.
	Days int
	// Soon: Date lies within noticeWarnDays from today.
	Soon bool
	// Missed: the current period's notice deadline has passed, so the
	// contract renews once more (until CommittedEnd).
	Missed bool
	// Overdue: the action date has passed while Date has not: start now
	// (DESIGN §4).
	Overdue bool
	// Rolling: Date is the rolling deadline of an indefinite contract
	// (contracts.Dates.RollingNotice): no last chance, so not highlighted.
	Rolling bool
}

func deadlineOf(d contracts.Dates, today contracts.Date) deadline {
	dl := deadline{Date: d.NoticeDeadline, Missed: d.NoticeMissed}
	if dl.Date.IsZero() && !d.OptionDecision.IsZero() {
		dl.Date, dl.Option = d.OptionDecision, true
	}
	if !dl.Date.IsZero() {
		dl.Days = today.DaysUntil(dl.Date)
		dl.Soon = dl.Days >= 0 && dl.Days <= noticeWarnDays && !d.RollingNotice
		dl.Overdue = !d.ActionDate.IsZero() && d.ActionDate.Before(today) && dl.Days >= 0
	}
	dl.Rolling = d.RollingNotice
	return dl
}

// mayEditContract reports whether u may change contracts of org.
func mayEditContract(u *auth.User, org string) bool {
	return u != nil && contractEditors.Check(u, "") == nil && u.InScope(org)
}

// contractListQuery is the filter of the contract list as the page's form
// sends it (Dutch parameter names, values as typed).
type contractListQuery struct {
	Organization, Vendor, Group, Category, CPV, Status, Renewal, EndsBefore, NoticeBefore, Q, Sort string
}

func contractListQueryFrom(c *fiber.Ctx) contractListQuery {
	q := func(k string) string { return strings.TrimSpace(c.Query(k)) }
	return contractListQuery{Organization: q("organisatie"), Vendor: q("leverancier"), Group: q("groep"), Category: q("categorie"),
		CPV: q("cpv"), Status: q("status"), Renewal: q("verlenging"), EndsBefore: q("eindeVoor"), NoticeBefore: q("opzeggenVoor"),
		Q: q("q"), Sort: q("sortering")}
}

// values returns the query as URL parameters, for links that keep it.
func (q contractListQuery) values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"organisatie": q.Organization, "leverancier": q.Vendor, "groep": q.Group,
		"categorie": q.Category, "cpv": q.CPV, "status": q.Status, "verlenging": q.Renewal, "eindeVoor": q.EndsBefore,
		"opzeggenVoor": q.NoticeBefore, "q": q.Q, "sortering": q.Sort} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}

// filtered reports whether the query narrows the list (sorting does not).
func (q contractListQuery) filtered() bool {
	q.Sort = ""
	return len(q.values()) > 0
}

// filter converts the query. Values a hand-edited URL got wrong are
// dropped, not an error page: the list then shows more, and the notes say
// what was ignored.
func (q *contractListQuery) filter() (contracts.ContractFilter, []string) {
	var (
		f     contracts.ContractFilter
		notes []string
	)
	id := func(s *string, what string) int64 {
		if *s == "" {
			return 0
		}
		n, err := strconv.ParseInt(*s, 10, 64)
		if err != nil || n < 1 {
			*s, notes = "", append(notes, "Onbekende "+what+" genegeerd.")
			return 0
		}
		return n
	}
	date := func(s *string, what string) contracts.Date {
		if *s == "" {
			return contracts.Date{}
		}
		d, err := nl.ParseDate(*s)
		if err != nil {
			*s, notes = "", append(notes, "Ongeldige datum bij "+what+" genegeerd: gebruik de vorm 31-01-2026.")
			return contracts.Date{}
		}
		*s = d.String()
		return d
	}
	f.Organization = q.Organization
	f.VendorID, f.VendorGroupID, f.CategoryID = id(&q.Vendor, "leverancier"), id(&q.Group, "leveranciersgroep"), id(&q.Category, "categorie")
	f.EndsBefore, f.NoticeBefore = date(&q.EndsBefore, "einde vóór"), date(&q.NoticeBefore, "opzeggen vóór")
	if f.Status = contracts.ContractStatus(q.Status); q.Status != "" && !f.Status.Valid() {
		f.Status, q.Status, notes = "", "", append(notes, "Onbekende status genegeerd.")
	}
	if f.RenewalKind = contracts.RenewalKind(q.Renewal); q.Renewal != "" && !f.RenewalKind.Valid() {
		f.RenewalKind, q.Renewal, notes = "", "", append(notes, "Onbekende soort verlenging genegeerd.")
	}
	if f.Sort = contracts.ContractSort(q.Sort); q.Sort != "" && !slices.Contains(contracts.ContractSorts(), f.Sort) {
		f.Sort, q.Sort, notes = "", "", append(notes, "Onbekende sortering genegeerd.")
	}
	if strings.Trim(q.CPV, "0123456789-") != "" {
		q.CPV, notes = "", append(notes, "Ongeldige CPV-code genegeerd.")
	}
	f.CPV, f.Q = q.CPV, q.Q
	return f, notes
}

// contractRow is one contract of the list with its deadline.
type contractRow struct {
	contracts.ContractSummary
	Deadline deadline
}

type contractListPage struct {
	layout
	Query contractListQuery
	// ShowOrganization: the user sees every organization, so the list
	// has an organization column and filter.
	ShowOrganization bool
	Organizations    []option
	Vendors, Groups  []option
	Categories       []option
	Statuses         []option
	RenewalKinds     []option
	Sorts            []option
	SortLabel        string
	// ExportQuery is the list's filters as a query string ending in "&"
	// (empty without filters), for the download links.
	ExportQuery template.URL
	Rows        []contractRow
	Total       int
	Pager       pager
	Filtered    bool
	Notices     []string
	CanCreate   bool
	WarnDays    int
}

func (u *ui) listContracts(c *fiber.Ctx) error {
	ctx, user := c.UserContext(), currentUser(c)
	scope := scopeOf(user)
	q := contractListQueryFrom(c)
	f, notes := q.filter()
	if f.Organization != "" && !scopeAllows(scope, f.Organization) {
		return errOtherOrganization
	}
	page, _ := strconv.Atoi(c.Query("pagina", "1"))
	f.Scope, f.Page, f.PageSize = scope, page, 50
	f = f.Normalize()
	res, err := u.contracts.ContractList(ctx, f)
	if err != nil {
		return err
	}
	p := contractListPage{
		layout: u.layout(c, "Contracten", "contracten"), Query: q, ShowOrganization: scope == nil,
		Total: res.Total, Pager: newPager("/contracten", q.values(), f.Page, f.PageSize, res.Total), Notices: notes,
		Filtered: q.filtered(), CanCreate: user != nil && contractEditors.Check(user, "") == nil,
		SortLabel: contractSortLabel(f.Sort), WarnDays: noticeWarnDays,
	}
	if v := q.values().Encode(); v != "" {
		p.ExportQuery = template.URL(v + "&")
	}
	if c.Query("melding") == "verwijderd" {
		p.Notices = append(p.Notices, "Het contract is verwijderd.")
	}
	if err := u.fillContractListOptions(ctx, &p, f); err != nil {
		return err
	}
	today := u.contracts.Today()
	for _, cs := range res.Items {
		p.Rows = append(p.Rows, contractRow{ContractSummary: cs, Deadline: deadlineOf(cs.Dates, today)})
	}
	return c.Render("pages/contracts_list", p)
}

func (u *ui) fillContractListOptions(ctx context.Context, p *contractListPage, f contracts.ContractFilter) error {
	var err error
	if p.ShowOrganization {
		if p.Organizations, err = u.organizationOptions(ctx, nil, f.Organization); err != nil {
			return err
		}
	}
	if p.Vendors, p.Groups, err = u.vendorOptions(ctx, f.VendorID, f.VendorGroupID, 0); err != nil {
		return err
	}
	if p.Categories, err = u.categoryOptions(ctx, f.CategoryID); err != nil {
		return err
	}
	p.Statuses = contractStatusOptions(f.Status)
	p.RenewalKinds = renewalKindOptions(f.RenewalKind)
	for _, s := range contracts.ContractSorts() {
		p.Sorts = append(p.Sorts, option{string(s), contractSortLabel(s), s == f.Sort})
	}
	return nil
}

// organizationOptions lists the organizations a user in scope may choose:
// its own, or all.
func (u *ui) organizationOptions(ctx context.Context, scope []string, selected string) ([]option, error) {
	var out []option
	if scope != nil {
		for _, code := range scope {
			o, err := u.contracts.Organization(ctx, code)
			if err != nil {
				return nil, err
			}
			out = append(out, option{o.Code, o.Name, o.Code == selected})
		}
		return out, nil
	}
	for page := 1; ; page++ {
		res, err := u.contracts.Organizations(ctx, contracts.OrganizationFilter{Page: page, PageSize: 500})
		if err != nil {
			return nil, err
		}
		for _, o := range res.Items {
			out = append(out, option{o.Code, o.Name + " (" + o.Code + ")", o.Code == selected})
		}
		if len(res.Items) == 0 || page*500 >= res.Total {
			return out, nil
		}
	}
}

// maxVendorOptions bounds the vendor choices a page lists.
const maxVendorOptions = 5000

// vendorOptions lists every vendor, and the tops of the vendor groups,
// except the vendor exclude (a vendor cannot be its own parent).
func (u *ui) vendorOptions(ctx context.Context, vendor, group, exclude int64) (vendors, groups []option, err error) {
	for page := 1; page*500 <= maxVendorOptions; page++ {
		res, err := u.contracts.Vendors(ctx, contracts.VendorFilter{Page: page, PageSize: 500})
		if err != nil {
			return nil, nil, err
		}
		for _, v := range res.Items {
			if v.ID == exclude {
				continue
			}
			label := v.Name
			if v.ParentName != "" {
				label += " (" + v.GroupName + ")"
			}
			vendors = append(vendors, option{strconv.FormatInt(v.ID, 10), label, v.ID == vendor})
			if v.GroupID == v.ID {
				groups = append(groups, option{strconv.FormatInt(v.ID, 10), v.Name, v.ID == group})
			}
		}
		if len(res.Items) == 0 || page*500 >= res.Total {
			break
		}
	}
	return vendors, groups, nil
}

func (u *ui) categoryOptions(ctx context.Context, selected int64) ([]option, error) {
	cats, err := u.contracts.Categories(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]option, len(cats))
	for i, cat := range cats {
		out[i] = option{strconv.FormatInt(cat.ID, 10), cat.Name, cat.ID == selected}
	}
	return out, nil
}

func contractStatusOptions(selected contracts.ContractStatus) []option {
	var out []option
	for _, s := range contracts.ContractStatuses() {
		out = append(out, option{string(s), contractStatusLabel(s), s == selected})
	}
	return out
}

func renewalKindOptions(selected contracts.RenewalKind) []option {
	var out []option
	for _, k := range contracts.RenewalKinds() {
		out = append(out, option{string(k), renewalKindLabel(k), k == selected})
	}
	return out
}

// licenceLineRow is a licence line with its over-quota flag.
type licenceLineRow struct {
	contracts.LicenceLine
	OverQuota bool
}

type contractDetailPage struct {
	layout
	C        contracts.ContractDetail
	Lines    []licenceLineRow
	Deadline deadline
	// CanEdit: the user may change and delete this contract.
	CanEdit bool
	Notice  string
}

// positiveIDParam reads the :id path parameter; anything but a positive number
// is a page that does not exist.
func positiveIDParam(c *fiber.Ctx) (int64, error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, fiber.ErrNotFound
	}
	return id, nil
}

func (u *ui) contract(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	user := currentUser(c)
	d, err := u.contracts.ScopedContract(c.UserContext(), id, scopeOf(user))
	if err != nil {
		return err
	}
	p := contractDetailPage{layout: u.layout(c, d.Number+" "+d.Title, "contracten"), C: d,
		Deadline: deadlineOf(d.Dates, u.contracts.Today()), CanEdit: mayEditContract(user, d.Organization)}
	for _, l := range d.Lines {
		p.Lines = append(p.Lines, licenceLineRow{LicenceLine: l, OverQuota: l.OverQuota()})
	}
	if c.Query("opgeslagen") != "" {
		p.Notice = "Het contract is opgeslagen."
	}
	return c.Render("pages/contracts_detail", p)
}

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

// euroInput writes cents as a form value: 1234,50.
func euroInput(m contracts.Money) string {
	sign, c := "", int64(m)
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d,%02d", sign, c/100, c%100)
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
	f := contractForm{
		Organization: v("organization"), Number: v("number"), Title: v("title"), VendorID: v("vendorId"), CategoryID: v("categoryId"),
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

// formErrors holds the Dutch problems of a form by field name; the first
// problem of a field wins.
type formErrors map[string]string

func (fe formErrors) add(field, msg string) {
	if _, ok := fe[field]; !ok {
		fe[field] = msg
	}
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

func parseFormInt(errs formErrors, field, s string) int {
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(strings.ReplaceAll(s, ".", ""))
	if err != nil {
		errs.add(field, "Vul een heel getal in.")
	}
	return n
}

func parseFormID(errs formErrors, field, s string) int64 {
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		errs.add(field, "Kies een waarde uit de lijst.")
	}
	return n
}

func parseFormDate(errs formErrors, field, s string) contracts.Date {
	if s == "" {
		return contracts.Date{}
	}
	d, err := nl.ParseDate(s)
	if err != nil {
		errs.add(field, "Vul een datum in als 31-01-2026.")
	}
	return d
}

// parseFormEuros reads an amount in euros as Dutch users type it (€
// 1.234,56, 1234,56, 1234.56, 1.234; nl.ParseMoney) and returns cents; an
// empty field, or one with only a euro sign, is 0.
func parseFormEuros(errs formErrors, field, s string) contracts.Money {
	if strings.Trim(s, "€ \u00a0") == "" {
		return 0
	}
	m, err := nl.ParseMoney(s)
	if err != nil {
		errs.add(field, "Vul een bedrag in euro’s in, zoals 1.234,56.")
		return 0
	}
	return m
}

// formProblem is one entry of a form's error summary, linking to the field.
type formProblem struct {
	Anchor, Label, Message string
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
	Organizations     []option
	Vendors           []option
	Categories        []option
	RenewalKinds      []option
	Statuses          []option
}

// renderContractForm shows the form with its choices and, after a
// rejected post, its problems.
func (u *ui) renderContractForm(c *fiber.Ctx, status int, p contractFormPage) error {
	ctx := c.UserContext()
	scope := scopeOf(currentUser(c))
	vendorID, _ := strconv.ParseInt(p.F.VendorID, 10, 64)
	categoryID, _ := strconv.ParseInt(p.F.CategoryID, 10, 64)
	var err error
	if p.Organizations, err = u.organizationOptions(ctx, scope, p.F.Organization); err != nil {
		return err
	}
	if p.Vendors, _, err = u.vendorOptions(ctx, vendorID, 0, 0); err != nil {
		return err
	}
	if p.Categories, err = u.categoryOptions(ctx, categoryID); err != nil {
		return err
	}
	p.OrganizationFixed = scope != nil
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
		errs.add(field, dutchFieldMessage(field, e.Message))
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
	ct, lines, rows := p.F.contract(errs)
	if len(errs) > 0 {
		// Also list what validation finds in the fields that did parse.
		fe := apperr.Fields(contractInputError(nil, ct, lines))
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

func (u *ui) newContract(c *fiber.Ctx) error {
	org := c.Query("organisatie")
	if user := currentUser(c); user != nil && !user.AllOrganizations() {
		org = user.Organization
	}
	return u.renderContractForm(c, fiber.StatusOK, contractFormPage{layout: u.layout(c, "Nieuw contract", "contracten"),
		Action: "/contracten/nieuw", F: newContractForm(org)})
}

func (u *ui) createContract(c *fiber.Ctx) error {
	scope := scopeOf(currentUser(c))
	p := contractFormPage{layout: u.layout(c, "Nieuw contract", "contracten"), Action: "/contracten/nieuw", F: contractFormFrom(c)}
	if p.F.Organization != "" && !scopeAllows(scope, p.F.Organization) {
		return errOtherOrganization
	}
	return u.submitContract(c, p, func(ct contracts.Contract, lines []contracts.LicenceLine) (int64, error) {
		return u.contracts.CreateScopedContract(c.UserContext(), scope, ct, lines)
	})
}

func (u *ui) editContract(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	d, err := u.contracts.ScopedContract(c.UserContext(), id, scopeOf(currentUser(c)))
	if err != nil {
		return err
	}
	return u.renderContractForm(c, fiber.StatusOK, contractFormPage{layout: u.layout(c, "Contract bewerken", "contracten"),
		Action: fmt.Sprintf("/contracten/%d/bewerken", id), Editing: true, ID: id, F: contractFormOf(d)})
}

func (u *ui) updateContract(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	scope := scopeOf(currentUser(c))
	// Refuse another organization's contract before looking at the form.
	if _, err := u.contracts.ScopedContract(c.UserContext(), id, scope); err != nil {
		return err
	}
	p := contractFormPage{layout: u.layout(c, "Contract bewerken", "contracten"),
		Action: fmt.Sprintf("/contracten/%d/bewerken", id), Editing: true, ID: id, F: contractFormFrom(c)}
	if p.F.Organization != "" && !scopeAllows(scope, p.F.Organization) {
		return errOtherOrganization
	}
	return u.submitContract(c, p, func(ct contracts.Contract, lines []contracts.LicenceLine) (int64, error) {
		return id, u.contracts.ModifyContract(c.UserContext(), id, scope,
			func(contracts.ContractDetail) (contracts.Contract, []contracts.LicenceLine, error) {
				return ct, lines, nil
			})
	})
}

func (u *ui) deleteContract(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	if err := u.contracts.DeleteScopedContract(c.UserContext(), id, scopeOf(currentUser(c))); err != nil {
		return err
	}
	return c.Redirect("/contracten?melding=verwijderd", fiber.StatusSeeOther)
}

// dutchMessages translates the domain's English field problems for the
// forms, by field and the start of the message; %s takes the rest of the
// message (a date, a number). A message not listed falls back to a
// general text per kind below, so a reworded domain message degrades to
// a vaguer hint, never to English.
var dutchMessages = []struct{ field, prefix, dutch string }{
	{"organization", "is required", "Kies een organisatie."},
	{"organization", "no organization", "Deze organisatie bestaat niet."},
	{"number", "is required", "Vul een contractnummer in: 1 tot 64 letters, cijfers, spaties of . _ / -."},
	{"number", "the organization already has", "Deze organisatie heeft al een contract met dit nummer."},
	{"title", "is required", "Vul een omschrijving in."},
	{"title", "must be at most", "Gebruik hooguit 300 tekens."},
	{"vendorId", "is required", "Kies een leverancier."},
	{"vendorId", "no vendor", "Deze leverancier bestaat niet."},
	{"vendorId", "unknown vendor or category", "Onbekende leverancier of categorie."},
	{"categoryId", "no category", "Deze categorie bestaat niet."},
	{"cpv", "must look like", "Vul een CPV-code in als 48000000-8."},
	{"start", "is required", "Vul de ingangsdatum in."},
	{"initialTermMonths", "must be at least 1", "Vul een looptijd van minstens 1 maand in: het einde kan niet vóór het begin liggen."},
	{"initialTermMonths", "must be at most", "Een looptijd is hooguit 600 maanden (50 jaar)."},
	{"renewalKind", "must be", "Kies een soort verlenging."},
	{"renewalKind", "a contract without renewal", "Een contract zonder verlenging heeft geen verlengingsperiode of maximum."},
	{"renewalKind", "a contract that continues indefinitely", "Een contract dat daarna voor onbepaalde tijd doorloopt, heeft geen verlengingsperiode of maximum: opzegging beëindigt het."},
	{"renewalPeriodMonths", "must be", "Vul een verlengingsperiode van 1 tot 120 maanden in."},
	{"maxRenewals", "express options are finite", "Geef bij een verlengingsoptie het aantal opties of een uiterste einddatum."},
	{"maxEnd", "must not lie before the initial end", "Mag niet vóór het einde van de eerste looptijd (%s) liggen."},
	{"renewalsExercised", "counts express options", "Alleen bij een verlengingsoptie: 0 of meer."},
	{"renewalsExercised", "cannot exceed the", "Kan niet meer zijn dan het aantal opties (%s)."},
	{"noticeMonths", "must not be longer than the initial term", "De opzegtermijn mag niet langer zijn dan de eerste looptijd."},
	{"noticeMonths", "must not be longer than the renewal period", "De opzegtermijn mag niet langer zijn dan de verlengingsperiode."},
	{"noticeMonths", "must not be negative", "De opzegtermijn mag niet negatief zijn."},
	{"noticeMonths", "give the notice period in months or in days", "Geef de opzegtermijn in maanden óf in dagen, niet allebei."},
	{"noticeMonths", "must be at most", "Een opzegtermijn is hooguit 600 maanden."},
	{"noticeDays", "must not be longer than the initial term", "De opzegtermijn mag niet langer zijn dan de eerste looptijd."},
	{"noticeDays", "must not be longer than the renewal period", "De opzegtermijn mag niet langer zijn dan de verlengingsperiode."},
	{"noticeDays", "must not be negative", "De opzegtermijn mag niet negatief zijn."},
	{"noticeDays", "give the notice period in months or in days", "Geef de opzegtermijn in maanden óf in dagen, niet allebei."},
	{"noticeDays", "must be at most", "Een opzegtermijn is hooguit 3.660 dagen (tien jaar)."},
	{"leadDays", "must be", "Vul 0 tot 365 dagen in."},
	{"noticeGivenOn", "must not lie before", "Mag niet vóór de ingangsdatum liggen."},
	{"status", "must be", "Kies een status."},
	{"notes", "must be at most", "Gebruik hooguit 4.000 tekens."},
	{"product", "is required", "Vul het product in."},
	{"metric", "must be", "Kies een licentiemaat."},
	{"quantity", "must be", "Vul een positief aantal in, of ‘onbeperkt’."},
	{"unitPrice", "must not be negative", "De prijs mag niet negatief zijn."},
	{"pricePeriod", "must be", "Kies een prijsperiode."},
	{"end", "must not lie before", "Het einde mag niet vóór het begin liggen."},
	{"name", "is required", "Vul de naam in."},
	{"name", "must be at most", "Gebruik hooguit 200 tekens."},
	{"kvk", "must be 8 digits", "Een KvK-nummer heeft 8 cijfers."},
	{"kvk", "another vendor", "Een andere leverancier heeft dit KvK-nummer al."},
	{"country", "must be", "Vul een landcode van twee letters in, zoals NL."},
	{"parentId", "a vendor cannot be its own", "Een leverancier kan niet onder zichzelf vallen."},
	{"parentId", "that vendor belongs to this one", "Die leverancier valt zelf onder deze: een groep kan zichzelf niet bezitten."},
	{"parentId", "no vendor", "Deze leverancier bestaat niet."},
}

// dutchFieldMessage translates a domain problem with field for the forms.
func dutchFieldMessage(field, msg string) string {
	base := field
	if _, sub, ok := lineField(field); ok {
		base = sub
	}
	for _, m := range dutchMessages {
		if m.field != base || !strings.HasPrefix(msg, m.prefix) {
			continue
		}
		if strings.Contains(m.dutch, "%s") {
			return fmt.Sprintf(m.dutch, strings.TrimSpace(strings.TrimPrefix(msg, m.prefix)))
		}
		return m.dutch
	}
	// The bounds every validator shares (contracts/bounds.go).
	switch {
	case strings.HasPrefix(msg, "contains a control character"):
		return "Deze tekst bevat een onzichtbaar stuurteken (zoals een tab, regeleinde of NUL-teken): verwijder het."
	case strings.HasPrefix(msg, "lies outside") && strings.Contains(msg, "once derived"):
		return "Hiermee komt een afgeleide datum (zoals het einde of de opzegdatum) buiten 1900–2199 te liggen."
	case strings.HasPrefix(msg, "lies outside"):
		return "Kies een datum tussen 01-01-1900 en 31-12-2199."
	case strings.HasPrefix(msg, "exceeds the cap") && strings.Contains(msg, "cents"):
		return "Dit bedrag is te hoog: hooguit € 1.000.000.000.000 (10^12)."
	case strings.HasPrefix(msg, "exceeds the cap"):
		return "Dit getal is te groot."
	case strings.HasPrefix(msg, "cannot change"):
		return "Deze waarde kan niet worden gewijzigd."
	case strings.Contains(msg, "negative"):
		return "Mag niet negatief zijn."
	case strings.Contains(msg, "required"):
		return "Vul dit veld in."
	}
	return "Controleer deze waarde."
}
