package ui

import (
	"context"
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
	"github.com/samenkoop/samenkoop/internal/web"
)

// noticeWarnDays is how far ahead the contract pages highlight a deadline.
const noticeWarnDays = 90

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
	return u != nil && web.ContractEditors.Check(u, "") == nil && u.InScope(org)
}

// contractListQuery is the filter of the contract list as the page's form
// sends it (Dutch parameter names, values as typed). Organization,
// Vendor and Group are search fields (picker.go): a code or id, or text
// to look up.
type contractListQuery struct {
	Organization, Vendor, Group, CPV, Status, Renewal, EndsBefore, NoticeBefore, Q, Sort string
	Categories                                                                           []string
	// Expired "1" shows the contracts past their final end too; Signal
	// "licenties" keeps those with a licence line over quota.
	Expired, Signal string
}

func contractListQueryFrom(c *fiber.Ctx) contractListQuery {
	q := func(k string) string { return strings.TrimSpace(c.Query(k)) }
	var cats []string
	for _, v := range c.Context().QueryArgs().PeekMulti("categorie") {
		if s := strings.TrimSpace(string(v)); s != "" && len(cats) <= contracts.MaxFilterValues {
			cats = append(cats, s)
		}
	}
	return contractListQuery{Organization: q("organisatie"), Vendor: q("leverancier"), Group: q("groep"), Categories: cats,
		CPV: q("cpv"), Status: q("status"), Renewal: q("verlenging"), EndsBefore: q("eindeVoor"), NoticeBefore: q("opzeggenVoor"),
		Q: q("q"), Sort: q("sortering"), Expired: q("verlopen"), Signal: q("signaal")}
}

// values returns the query as URL parameters, for links that keep it.
func (q contractListQuery) values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"organisatie": q.Organization, "leverancier": q.Vendor, "groep": q.Group,
		"cpv": q.CPV, "status": q.Status, "verlenging": q.Renewal, "eindeVoor": q.EndsBefore,
		"opzeggenVoor": q.NoticeBefore, "q": q.Q, "sortering": q.Sort, "verlopen": q.Expired, "signaal": q.Signal} {
		if s != "" {
			v.Set(k, s)
		}
	}
	for _, c := range q.Categories {
		v.Add("categorie", c)
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
// what was ignored. The search fields are looked up before
// (contractListPickers).
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
	f.VendorID, f.VendorGroupID = id(&q.Vendor, "leverancier"), id(&q.Group, "leveranciersgroep")
	cats := q.Categories[:0:0]
	for _, c := range q.Categories {
		if n := id(&c, "categorie"); n > 0 && len(f.CategoryIDs) < contracts.MaxFilterValues {
			f.CategoryIDs, cats = append(f.CategoryIDs, n), append(cats, c)
		}
	}
	q.Categories = cats
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
	if q.Expired != "" && q.Expired != "1" {
		q.Expired = ""
	}
	if q.Signal != "" && q.Signal != "licenties" {
		q.Signal, notes = "", append(notes, "Onbekend signaal genegeerd.")
	}
	f.HideExpired, f.OverQuota = q.Expired == "", q.Signal == "licenties"
	f.CPV, f.Q = q.CPV, q.Q
	return f, notes
}

// contractListPickers looks up the search fields of the list's query
// (organization, vendor, group) and puts what they chose in q, or "" with
// the matches to choose from in p.
func (u *ui) contractListPickers(ctx context.Context, scope contracts.Scope, q *contractListQuery, p *contractListPage) error {
	var err error
	if scope.All() {
		if p.OrgPick, err = u.pickOrganization(ctx, scope, q.Organization); err != nil {
			return err
		}
		q.Organization = p.OrgPick.Value
	}
	if p.VendorPick, err = u.pickVendor(ctx, scope, q.Vendor, false); err != nil {
		return err
	}
	if p.GroupPick, err = u.pickVendor(ctx, scope, q.Group, true); err != nil {
		return err
	}
	q.Vendor, q.Group = p.VendorPick.Value, p.GroupPick.Value
	return nil
}

// contractRow is one contract of the list with its deadline.
type contractRow struct {
	contracts.ContractSummary
	Deadline deadline
}

// contractListRow is a row of the contract list with the fields the
// template shows at the top level: a page of 50 rows otherwise spends
// most of its rendering looking fields up through embedded structs.
type contractListRow struct {
	ID, VendorID, VendorGroupID                 int64
	Number, Title, OrganizationName, VendorName string
	VendorGroupName                             string
	RenewalKind                                 contracts.RenewalKind
	Status                                      contracts.ContractStatus
	AnnualValue                                 contracts.Money
	ActionDate, CommittedEnd, CurrentEnd        contracts.Date
	OverQuota, Expired                          bool
	Deadline                                    deadline
}

func newContractListRow(cs contracts.ContractSummary, today contracts.Date) contractListRow {
	return contractListRow{ID: cs.ID, VendorID: cs.VendorID, VendorGroupID: cs.VendorGroupID, Number: cs.Number, Title: cs.Title,
		OrganizationName: cs.OrganizationName, VendorName: cs.VendorName, VendorGroupName: cs.VendorGroupName,
		RenewalKind: cs.RenewalKind, Status: cs.Status, AnnualValue: cs.AnnualValue, ActionDate: cs.Dates.ActionDate,
		CommittedEnd: cs.Dates.CommittedEnd, CurrentEnd: cs.Dates.CurrentEnd, OverQuota: cs.OverQuota, Expired: cs.Dates.Expired,
		Deadline: deadlineOf(cs.Dates, today)}
}

type contractListPage struct {
	layout
	Query contractListQuery
	// ShowOrganization: the user sees every organization, so the list
	// has an organization column and filter.
	ShowOrganization bool
	// OrgPick, VendorPick and GroupPick are the search fields; OrgLinks,
	// VendorLinks and GroupLinks the matches to choose from, as links.
	OrgPick, VendorPick, GroupPick picked
	// Matches are the search fields that named several or none.
	Matches      []pickerMatches
	Categories   []option
	Statuses     []option
	RenewalKinds []option
	Sorts        []option
	SortLabel    string
	// ExportQuery is the list's filters as a query string ending in "&"
	// (empty without filters), for the download links.
	ExportQuery template.URL
	Rows        []contractListRow
	// Total counts the contracts found; TotalAtLeast says there are more
	// (the count stops at a bound where no counter is kept), Partial that
	// the page stopped looking (contracts.ContractPage).
	Total        int
	TotalAtLeast bool
	Partial      bool
	Pager        pager
	Filtered     bool
	Notices      []string
	CanCreate    bool
	// CanImport shows the way to the contract import and its template
	// beside "Nieuw contract" (web.ContractImporters).
	CanImport bool
	WarnDays  int
}

func (u *ui) listContracts(c *fiber.Ctx) error {
	ctx, user := c.UserContext(), web.CurrentUser(c)
	scope := web.CurrentScope(c)
	q := contractListQueryFrom(c)
	p := contractListPage{layout: u.layout(c, "Contracten", "contracten"), ShowOrganization: scope.All(),
		CanCreate: user != nil && web.ContractEditors.Check(user, "") == nil,
		CanImport: user != nil && web.ContractImporters.Check(user, "") == nil, WarnDays: noticeWarnDays}
	typed := q.values()
	if err := u.contractListPickers(ctx, scope, &q, &p); err != nil {
		return err
	}
	p.Matches = slices.DeleteFunc([]pickerMatches{
		newPickerMatches("organisaties", matchLinks("/contracten", typed, "organisatie", p.OrgPick), p.OrgPick),
		newPickerMatches("leveranciers", matchLinks("/contracten", typed, "leverancier", p.VendorPick), p.VendorPick),
		newPickerMatches("leveranciersgroepen", matchLinks("/contracten", typed, "groep", p.GroupPick), p.GroupPick),
	}, func(m pickerMatches) bool { return len(m.Links) == 0 && !m.NotFound })
	f, notes := q.filter()
	page, _ := strconv.Atoi(c.Query("pagina", "1"))
	f.Cursor, f.Page, f.PageSize = c.Query("cursor"), page, 50
	f = f.Normalize()
	res, err := u.contracts.ContractList(ctx, scope, f)
	if fields := apperr.Fields(err); len(fields) == 1 && (fields[0].Field == "cursor" || fields[0].Field == "page") {
		// A link kept from another sort order or an edited URL: the first page.
		f.Cursor, f.Page = "", 1
		notes = append(notes, nl.FieldMessage(fields[0]))
		res, err = u.contracts.ContractList(ctx, scope, f)
	}
	if err != nil {
		return err
	}
	p.Query, p.Notices, p.Filtered, p.SortLabel = q, notes, q.filtered(), contractSortLabel(f.Sort)
	p.Total, p.TotalAtLeast, p.Partial = res.Total, res.TotalAtLeast, res.Partial
	if f.Cursor == "" && f.Page > 1 {
		p.Pager = newCursorPager("/contracten", q.values(), "page", res.Next, res.Prev)
	} else {
		p.Pager = newCursorPager("/contracten", q.values(), f.Cursor, res.Next, res.Prev)
	}
	if v := q.values().Encode(); v != "" {
		p.ExportQuery = template.URL(v + "&")
	}
	if c.Query("melding") == "verwijderd" {
		p.Notices = append(p.Notices, "Het contract is verwijderd.")
	}
	if p.Categories, err = u.categoryOptions(ctx, f.CategoryIDs...); err != nil {
		return err
	}
	p.Statuses = contractStatusOptions(f.Status)
	p.RenewalKinds = renewalKindOptions(f.RenewalKind)
	for _, s := range contracts.ContractSorts() {
		p.Sorts = append(p.Sorts, option{string(s), contractSortLabel(s), s == f.Sort})
	}
	today := u.contracts.Today()
	for _, cs := range res.Items {
		p.Rows = append(p.Rows, newContractListRow(cs, today))
	}
	return c.Render("pages/contracts_list", p)
}

func (u *ui) categoryOptions(ctx context.Context, selected ...int64) ([]option, error) {
	cats, err := u.contracts.Categories(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]option, len(cats))
	for i, cat := range cats {
		out[i] = option{strconv.FormatInt(cat.ID, 10), cat.Name, slices.Contains(selected, cat.ID)}
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

func (u *ui) contract(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	user := web.CurrentUser(c)
	d, err := u.contracts.Contract(c.UserContext(), web.CurrentScope(c), id)
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

func (u *ui) deleteContract(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	if err := u.contracts.DeleteContract(c.UserContext(), web.CurrentScope(c), id); err != nil {
		return err
	}
	return c.Redirect("/contracten?melding=verwijderd", fiber.StatusSeeOther)
}
