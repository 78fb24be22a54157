package api

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/web"
)

// ContractJSON is a contract as the API lists it: what was entered, the
// names beside it and the dates computed for today. Money is in euro
// cents, dates are ISO 8601 calendar dates (Europe/Amsterdam). Exported
// because contractDetailJSON embeds it: huma leaves the fields of an
// unexported embedded struct out of the OpenAPI schema, though
// encoding/json writes them.
type ContractJSON struct {
	ID                  int64  `json:"id"`
	Organization        string `json:"organization" example:"GM0363"`
	OrganizationName    string `json:"organizationName" example:"Amsterdam"`
	Number              string `json:"number" example:"2023-ICT-014"`
	Title               string `json:"title" example:"Zaaksysteem"`
	VendorID            int64  `json:"vendorId"`
	VendorName          string `json:"vendorName"`
	VendorGroupID       int64  `json:"vendorGroupId" doc:"The top of the vendor's group"`
	VendorGroupName     string `json:"vendorGroupName"`
	CategoryID          int64  `json:"categoryId,omitempty"`
	CategoryName        string `json:"categoryName,omitempty"`
	CPV                 string `json:"cpv,omitempty" example:"48000000-8"`
	Start               string `json:"start" format:"date"`
	InitialTermMonths   int    `json:"initialTermMonths" example:"36"`
	RenewalKind         string `json:"renewalKind" enum:"none,tacit,express,indefinite" doc:"indefinite: after the initial term the contract continues until notice ends it"`
	RenewalPeriodMonths int    `json:"renewalPeriodMonths"`
	MaxRenewals         int    `json:"maxRenewals" doc:"0: no cap by number"`
	MaxEnd              string `json:"maxEnd,omitempty" format:"date"`
	RenewalsExercised   int    `json:"renewalsExercised" doc:"Express options taken so far"`
	NoticeMonths        int    `json:"noticeMonths" doc:"Notice period in months; 0 when given in days or none"`
	NoticeDays          int    `json:"noticeDays" doc:"Notice period in days; 0 when given in months or none"`
	NoticeEndsAnyDay    bool   `json:"noticeEndsAnyDay" doc:"Notice in months may end an indefinite contract on any day, not only at a month end"`
	LeadDays            int    `json:"leadDays" doc:"The organization's own lead time before a deadline, in days"`
	NoticeGivenOn       string `json:"noticeGivenOn,omitempty" format:"date"`
	AnnualValue         int64  `json:"annualValue" doc:"Euro cents, excluding VAT"`
	Status              string `json:"status" enum:"draft,active,terminated"`
	ExitPlan            bool   `json:"exitPlan" doc:"An exit plan is agreed (GIBIT 2023 art. 26)"`
	OpenData            bool   `json:"openData" doc:"Data access and export in an open standard (GIBIT art. 21, art. 8)"`
	Continuity          bool   `json:"continuity" doc:"A continuity or escrow arrangement (GIBIT art. 36)"`
	SourceRights        bool   `json:"sourceRights" doc:"Rights to the source of custom software (GIBIT art. 20.4)"`
	BusinessCritical    bool   `json:"businessCritical"`
	Interfaces          int    `json:"interfaces" doc:"Number of interfaces with other systems"`
	Notes               string `json:"notes,omitempty"`

	InitialEnd     string `json:"initialEnd" format:"date" doc:"The day before the same day initialTermMonths after start, or that month's last day when it has no such day (Reg. 1182/71 art. 3(2)(c))"`
	CurrentEnd     string `json:"currentEnd" format:"date" doc:"End of the period running today; for an indefinite contract after its initial term, its earliest end"`
	CommittedEnd   string `json:"committedEnd" format:"date" doc:"The end that can no longer be avoided; for an indefinite contract, the first day on which notice given today takes effect"`
	NoticeDeadline string `json:"noticeDeadline,omitempty" format:"date" doc:"Last day to give notice to end the contract at committedEnd; absent when no notice is needed"`
	RollingNotice  bool   `json:"rollingNotice" doc:"An indefinite contract past the deadline for its initial end: notice given later ends it later, so noticeDeadline has no action date and no alert"`
	NoticeMissed   bool   `json:"noticeMissed" doc:"The current period's notice deadline passed: the contract renews once more"`
	ActionDate     string `json:"actionDate,omitempty" format:"date" doc:"noticeDeadline (or optionDecision) minus leadDays"`
	OptionDecision string `json:"optionDecision,omitempty" format:"date" doc:"Last day to exercise the next express option"`
	MaxExtent      string `json:"maxExtent,omitempty" format:"date" doc:"End after every possible renewal; absent when tacit renewal has no limit"`
	FinalEnd       string `json:"finalEnd,omitempty" format:"date" doc:"The end the contract will have for sure; absent while it can still renew"`
	Renewals       int    `json:"renewals" doc:"Renewals that have taken effect by today"`
	Expired        bool   `json:"expired"`
	LicenceLines   int    `json:"licenceLineCount"`
	OverQuota      bool   `json:"overQuota" doc:"A licence line has more seats in use than licensed"`
}

func toContractJSON(cs contracts.ContractSummary) ContractJSON {
	c, d := cs.Contract, cs.Dates
	return ContractJSON{
		ID: c.ID, Organization: c.Organization, OrganizationName: cs.OrganizationName, Number: c.Number, Title: c.Title,
		VendorID: c.VendorID, VendorName: cs.VendorName, VendorGroupID: cs.VendorGroupID, VendorGroupName: cs.VendorGroupName,
		CategoryID: c.CategoryID, CategoryName: cs.CategoryName, CPV: c.CPV, Start: c.Start.String(),
		InitialTermMonths: c.InitialTermMonths, RenewalKind: string(c.RenewalKind), RenewalPeriodMonths: c.RenewalPeriodMonths,
		MaxRenewals: c.MaxRenewals, MaxEnd: c.MaxEnd.String(), RenewalsExercised: c.RenewalsExercised,
		NoticeMonths: c.NoticeMonths, NoticeDays: c.NoticeDays, NoticeEndsAnyDay: c.NoticeEndsAnyDay,
		LeadDays: c.LeadDays, NoticeGivenOn: c.NoticeGivenOn.String(),
		AnnualValue: int64(c.AnnualValue), Status: string(c.Status),
		ExitPlan: c.Exit.ExitPlan, OpenData: c.Exit.OpenData, Continuity: c.Exit.Continuity, SourceRights: c.Exit.SourceRights,
		BusinessCritical: c.Exit.BusinessCritical, Interfaces: c.Exit.Interfaces, Notes: c.Notes,
		InitialEnd: d.InitialEnd.String(), CurrentEnd: d.CurrentEnd.String(), CommittedEnd: d.CommittedEnd.String(),
		NoticeDeadline: d.NoticeDeadline.String(), RollingNotice: d.RollingNotice, NoticeMissed: d.NoticeMissed, ActionDate: d.ActionDate.String(),
		OptionDecision: d.OptionDecision.String(), MaxExtent: d.MaxExtent.String(), FinalEnd: d.FinalEnd.String(),
		Renewals: d.Renewals, Expired: d.Expired, LicenceLines: cs.LicenceLines, OverQuota: cs.OverQuota,
	}
}

// licenceLineJSON is a licence line as the API shows it.
type licenceLineJSON struct {
	ID          int64  `json:"id"`
	Product     string `json:"product" example:"Zaaksysteem gebruikers"`
	Metric      string `json:"metric" enum:"named_user,concurrent,device,per_inhabitant,enterprise"`
	Quantity    int    `json:"quantity" doc:"Number licensed; -1 for unlimited"`
	SeatsInUse  int    `json:"seatsInUse" doc:"Number in use; -1 when unknown"`
	UnitPrice   int64  `json:"unitPrice" doc:"Euro cents per unit and price period"`
	PricePeriod string `json:"pricePeriod" enum:"month,year,once"`
	Start       string `json:"start,omitempty" format:"date" doc:"When the line starts later than the contract"`
	End         string `json:"end,omitempty" format:"date" doc:"When the line ends before the contract"`
	OverQuota   bool   `json:"overQuota" doc:"More seats in use than licensed"`
}

// contractDetailJSON is one contract with its licence lines.
type contractDetailJSON struct {
	ContractJSON
	Lines []licenceLineJSON `json:"licenceLines"`
}

func toContractDetailJSON(d contracts.ContractDetail) contractDetailJSON {
	out := contractDetailJSON{ContractJSON: toContractJSON(d.ContractSummary), Lines: make([]licenceLineJSON, len(d.Lines))}
	for i, l := range d.Lines {
		out.Lines[i] = licenceLineJSON{ID: l.ID, Product: l.Product, Metric: string(l.Metric), Quantity: l.Quantity,
			SeatsInUse: l.SeatsInUse, UnitPrice: int64(l.UnitPrice), PricePeriod: string(l.PricePeriod),
			Start: l.Start.String(), End: l.End.String(), OverQuota: l.OverQuota()}
	}
	return out
}

// ContractListQuery is the contract list's filter and sort, shared by the
// list and its export; exported because huma (through reflect) cannot set
// the fields of an unexported embedded struct.
type ContractListQuery struct {
	Organization   string  `query:"organization" maxLength:"32" doc:"Code of the buying organization; a user scoped to one organization may name only that one"`
	Vendor         int64   `query:"vendor" minimum:"0" doc:"Vendor id"`
	VendorGroup    int64   `query:"vendorGroup" minimum:"0" doc:"Id of a group's top vendor: its contracts and its subsidiaries'"`
	Category       []int64 `query:"category,explode" maxItems:"50" nullable:"false" doc:"Category id; repeat the parameter for several categories (any of them)"`
	CPV            string  `query:"cpv" maxLength:"10" pattern:"^[0-9-]*$" doc:"Prefix of the contract's CPV code, e.g. 4821"`
	Status         string  `query:"status" enum:"draft,active,terminated"`
	RenewalKind    string  `query:"renewalKind" enum:"none,tacit,express,indefinite"`
	EndsBefore     string  `query:"endsBefore" format:"date" doc:"Current end on or before this date"`
	NoticeBefore   string  `query:"noticeBefore" format:"date" doc:"Next notice deadline on or before this date"`
	Q              string  `query:"q" maxLength:"100" doc:"Title, number or vendor name contains this, case-insensitively. No index serves it: a page looks at no more than 20,000 contracts in the sort order, and says so (partial)"`
	IncludeExpired bool    `query:"includeExpired" default:"true" doc:"false leaves out the contracts past their final end (expired)"`
	OverQuota      bool    `query:"overQuota" doc:"Only contracts with a licence line over quota"`
	Sort           string  `query:"sort" enum:"notice,end,number,value,title" default:"notice" doc:"notice: next notice deadline, soonest first; end: current end; number: organization and number; value: annual value, highest first; title"`
}

type listContractsInput struct {
	ContractListQuery
	Cursor   string `query:"cursor" maxLength:"512" doc:"The position of the page: the next or prev cursor of a page of the same sort order. Without it, page numbers the page"`
	Page     int    `query:"page" minimum:"1" maximum:"1000000" default:"1" doc:"Page number, without cursor; the page's rows may lie at most 10,000 rows from the first (422 beyond): follow next from there"`
	PageSize int    `query:"pageSize" minimum:"1" maximum:"500" default:"50"`
}

type contractPageJSON struct {
	Link string `header:"Link" doc:"RFC 8288 links to the next and prev pages, when there are"`
	Body struct {
		Items        []ContractJSON `json:"items"`
		Total        int            `json:"total" doc:"Number of contracts matching the filter within the caller's scope; with totalAtLeast, a lower bound"`
		TotalAtLeast bool           `json:"totalAtLeast" doc:"The filter has no maintained counter and matches more than total contracts (counted up to 1,000), or more than the 20,000 contracts looked at"`
		Page         int            `json:"page" doc:"The page number asked for; 1 with a cursor"`
		PageSize     int            `json:"pageSize"`
		Next         string         `json:"next,omitempty" doc:"Cursor of the next page; absent on the last"`
		Prev         string         `json:"prev,omitempty" doc:"Cursor of the previous page; absent on the first"`
		Partial      bool           `json:"partial" doc:"The page stopped looking after 20,000 contracts for a filter no index serves (q, cpv, renewalKind, dates, status, category): it may hold fewer rows than pageSize, and next goes on from there"`
	}
}

func (a *api) listContracts(ctx context.Context, in *listContractsInput) (*contractPageJSON, error) {
	var fe apperr.FieldErrors
	f := in.filter(&fe)
	f.Cursor, f.Page, f.PageSize = in.Cursor, in.Page, in.PageSize
	f = f.Normalize()
	if err := fe.Err(); err != nil {
		return nil, err
	}
	page, err := a.contracts.ContractList(ctx, web.ScopeFrom(ctx), f)
	if err != nil {
		return nil, err
	}
	out := &contractPageJSON{}
	out.Body.Items = make([]ContractJSON, len(page.Items))
	for i, cs := range page.Items {
		out.Body.Items[i] = toContractJSON(cs)
	}
	out.Body.Total, out.Body.TotalAtLeast, out.Body.Page, out.Body.PageSize = page.Total, page.TotalAtLeast, f.Page, f.PageSize
	if f.Cursor != "" {
		out.Body.Page = 1
	}
	out.Body.Next, out.Body.Prev, out.Body.Partial = page.Next, page.Prev, page.Partial
	out.Link = in.links(page.Next, page.Prev)
	return out, nil
}

// filter converts the query, adding what does not parse to fe.
func (in *ContractListQuery) filter(fe *apperr.FieldErrors) contracts.ContractFilter {
	for _, id := range in.Category {
		if id < 1 {
			fe.Add("category", apperr.NotAnID, id)
			break
		}
	}
	return contracts.ContractFilter{
		Organization: in.Organization, VendorID: in.Vendor, VendorGroupID: in.VendorGroup, CategoryIDs: in.Category,
		CPV: in.CPV, Status: contracts.ContractStatus(in.Status), RenewalKind: contracts.RenewalKind(in.RenewalKind),
		EndsBefore: web.ParseDateField(fe, "endsBefore", in.EndsBefore), NoticeBefore: web.ParseDateField(fe, "noticeBefore", in.NoticeBefore),
		Q: in.Q, HideExpired: !in.IncludeExpired, OverQuota: in.OverQuota, Sort: contracts.ContractSort(in.Sort),
	}
}

// links returns the Link header of a page: the list's URL with the same
// filters and the cursor of the next and previous pages.
func (in *listContractsInput) links(next, prev string) string {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("organization", in.Organization)
	if in.Vendor != 0 {
		set("vendor", strconv.FormatInt(in.Vendor, 10))
	}
	if in.VendorGroup != 0 {
		set("vendorGroup", strconv.FormatInt(in.VendorGroup, 10))
	}
	for _, id := range in.Category {
		q.Add("category", strconv.FormatInt(id, 10))
	}
	set("cpv", in.CPV)
	set("status", in.Status)
	set("renewalKind", in.RenewalKind)
	set("endsBefore", in.EndsBefore)
	set("noticeBefore", in.NoticeBefore)
	set("q", in.Q)
	if !in.IncludeExpired {
		set("includeExpired", "false")
	}
	if in.OverQuota {
		set("overQuota", "true")
	}
	set("sort", in.Sort)
	set("pageSize", strconv.Itoa(in.PageSize))
	return cursorLinks("/api/v1/contracts", q, next, prev)
}

// cursorLinks returns an RFC 8288 Link header with the next and prev
// pages of the list at path with the query q; "" when there is neither.
func cursorLinks(path string, q url.Values, next, prev string) string {
	var links []string
	for _, l := range []struct{ rel, cursor string }{{"next", next}, {"prev", prev}} {
		if l.cursor == "" {
			continue
		}
		q.Set("cursor", l.cursor)
		links = append(links, "<"+path+"?"+q.Encode()+`>; rel="`+l.rel+`"`)
	}
	return strings.Join(links, ", ")
}

type contractIDInput struct {
	ID int64 `path:"id" minimum:"1" example:"42"`
}

type contractOutput struct {
	Location string `header:"Location" doc:"Where the contract is, on create"`
	Body     contractDetailJSON
}

func (a *api) contract(ctx context.Context, in *contractIDInput) (*contractOutput, error) {
	d, err := a.contracts.Contract(ctx, web.ScopeFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &contractOutput{Body: toContractDetailJSON(d)}, nil
}

// contractBody is a contract as clients write it. The schema checks only
// the shape (types, required properties); every value is checked by the
// domain, so that one 422 lists every invalid field.
type contractBody struct {
	Organization        string            `json:"organization" example:"GM0363" doc:"Code of the buying organization"`
	Number              string            `json:"number" example:"2023-ICT-014" doc:"Unique within the organization"`
	Title               string            `json:"title" example:"Zaaksysteem"`
	VendorID            int64             `json:"vendorId"`
	CategoryID          int64             `json:"categoryId,omitempty"`
	CPV                 string            `json:"cpv,omitempty" example:"48000000-8"`
	Start               string            `json:"start" example:"2023-02-01" doc:"ISO 8601 date"`
	InitialTermMonths   int               `json:"initialTermMonths" example:"36" doc:"At least 1: the term ends the day before the same day that many months later, or on that month's last day when it has no such day (Reg. 1182/71 art. 3(2)(c))"`
	RenewalKind         string            `json:"renewalKind" example:"tacit" doc:"none, tacit, express or indefinite (after the initial term the contract continues until notice ends it: no renewal period or maximum, notice of any length)"`
	RenewalPeriodMonths int               `json:"renewalPeriodMonths,omitempty" example:"12" doc:"1–120 when the contract renews tacitly or by options"`
	MaxRenewals         int               `json:"maxRenewals,omitempty" doc:"0: no cap by number"`
	MaxEnd              string            `json:"maxEnd,omitempty" doc:"ISO 8601 date: no renewal beyond it"`
	RenewalsExercised   int               `json:"renewalsExercised,omitempty" doc:"Express options taken so far"`
	NoticeMonths        int               `json:"noticeMonths,omitempty" example:"3" doc:"Notice period in months; not with noticeDays. Not longer than the initial term or the renewal period, unless the contract continues indefinitely"`
	NoticeDays          int               `json:"noticeDays,omitempty" example:"90" doc:"Notice period in days (\"90 dagen\"); not with noticeMonths"`
	NoticeEndsAnyDay    bool              `json:"noticeEndsAnyDay,omitempty" doc:"For renewalKind indefinite: notice in months may end the contract on any day; by default it ends at a month end"`
	LeadDays            int               `json:"leadDays,omitempty" example:"30" doc:"0–365"`
	NoticeGivenOn       string            `json:"noticeGivenOn,omitempty" doc:"ISO 8601 date on which notice was given"`
	AnnualValue         int64             `json:"annualValue,omitempty" example:"4850000" doc:"Euro cents, excluding VAT; not negative"`
	Status              string            `json:"status,omitempty" example:"active" doc:"draft, active (default) or terminated"`
	ExitPlan            bool              `json:"exitPlan,omitempty" doc:"GIBIT 2023 art. 26"`
	OpenData            bool              `json:"openData,omitempty" doc:"GIBIT art. 21, art. 8"`
	Continuity          bool              `json:"continuity,omitempty" doc:"GIBIT art. 36"`
	SourceRights        bool              `json:"sourceRights,omitempty" doc:"GIBIT art. 20.4"`
	BusinessCritical    bool              `json:"businessCritical,omitempty"`
	Interfaces          int               `json:"interfaces,omitempty"`
	Notes               string            `json:"notes,omitempty"`
	LicenceLines        []licenceLineBody `json:"licenceLines,omitempty"`
}

// licenceLineBody is a licence line as clients write it.
type licenceLineBody struct {
	Product     string `json:"product" example:"Zaaksysteem gebruikers"`
	Metric      string `json:"metric" example:"named_user" doc:"named_user, concurrent, device, per_inhabitant or enterprise"`
	Quantity    int    `json:"quantity" example:"250" doc:"Positive, or -1 for unlimited"`
	SeatsInUse  *int   `json:"seatsInUse,omitempty" doc:"Number in use; absent or -1 when unknown"`
	UnitPrice   int64  `json:"unitPrice" example:"1250" doc:"Euro cents per unit and price period; not negative"`
	PricePeriod string `json:"pricePeriod" example:"year" doc:"month, year or once"`
	Start       string `json:"start,omitempty" doc:"ISO 8601 date, when later than the contract's start"`
	End         string `json:"end,omitempty" doc:"ISO 8601 date, when before the contract's end"`
}

// toLicenceLines converts lines, collecting dates that do not parse in fe.
func toLicenceLines(fe *apperr.FieldErrors, in []licenceLineBody) []contracts.LicenceLine {
	out := make([]contracts.LicenceLine, len(in))
	for i, b := range in {
		seats := -1
		if b.SeatsInUse != nil {
			seats = *b.SeatsInUse
		}
		out[i] = contracts.LicenceLine{Product: b.Product, Metric: contracts.Metric(b.Metric), Quantity: b.Quantity,
			SeatsInUse: seats, UnitPrice: contracts.Money(b.UnitPrice), PricePeriod: contracts.PricePeriod(b.PricePeriod),
			Start: web.ParseDateField(fe, fmt.Sprintf("licenceLines[%d].start", i), b.Start),
			End:   web.ParseDateField(fe, fmt.Sprintf("licenceLines[%d].end", i), b.End)}
	}
	return out
}

// toContract converts a body, collecting dates that do not parse in fe.
func (b contractBody) toContract(fe *apperr.FieldErrors) (contracts.Contract, []contracts.LicenceLine) {
	status := contracts.ContractStatus(b.Status)
	if status == "" {
		status = contracts.StatusActive
	}
	c := contracts.Contract{
		Organization: b.Organization, Number: b.Number, Title: b.Title, VendorID: b.VendorID, CategoryID: b.CategoryID, CPV: b.CPV,
		Start: web.ParseDateField(fe, "start", b.Start), InitialTermMonths: b.InitialTermMonths,
		RenewalKind: contracts.RenewalKind(b.RenewalKind), RenewalPeriodMonths: b.RenewalPeriodMonths, MaxRenewals: b.MaxRenewals,
		MaxEnd: web.ParseDateField(fe, "maxEnd", b.MaxEnd), RenewalsExercised: b.RenewalsExercised, NoticeMonths: b.NoticeMonths,
		NoticeDays: b.NoticeDays, NoticeEndsAnyDay: b.NoticeEndsAnyDay, LeadDays: b.LeadDays, NoticeGivenOn: web.ParseDateField(fe, "noticeGivenOn", b.NoticeGivenOn),
		AnnualValue: contracts.Money(b.AnnualValue), Status: status, Notes: b.Notes,
		Exit: contracts.ExitFacts{ExitPlan: b.ExitPlan, OpenData: b.OpenData, Continuity: b.Continuity,
			SourceRights: b.SourceRights, BusinessCritical: b.BusinessCritical, Interfaces: b.Interfaces},
	}
	return c, toLicenceLines(fe, b.LicenceLines)
}

type createContractInput struct {
	Body contractBody
}

func (a *api) createContract(ctx context.Context, in *createContractInput) (*contractOutput, error) {
	scope := web.ScopeFrom(ctx)
	var fe apperr.FieldErrors
	c, lines := in.Body.toContract(&fe)
	if len(fe) > 0 {
		// Input that did not parse never reaches CreateContract; the
		// service still refuses another organization's contract first,
		// whatever else is wrong with it.
		if err := a.contracts.CheckScope(scope, c.Organization); err != nil {
			return nil, err
		}
		return nil, web.ContractInputError(fe, c, lines)
	}
	id, err := a.contracts.CreateContract(ctx, scope, c, lines)
	if err != nil {
		return nil, err
	}
	out, err := a.contract(ctx, &contractIDInput{ID: id})
	if err != nil {
		return nil, err
	}
	out.Location = fmt.Sprintf("/api/v1/contracts/%d", id)
	return out, nil
}

// contractPatch holds the fields of an update; absent fields keep their
// value. licenceLines, when present, replaces every line.
type contractPatch struct {
	Organization        *string            `json:"organization,omitempty"`
	Number              *string            `json:"number,omitempty"`
	Title               *string            `json:"title,omitempty"`
	VendorID            *int64             `json:"vendorId,omitempty"`
	CategoryID          *int64             `json:"categoryId,omitempty" doc:"0 removes the category"`
	CPV                 *string            `json:"cpv,omitempty"`
	Start               *string            `json:"start,omitempty"`
	InitialTermMonths   *int               `json:"initialTermMonths,omitempty"`
	RenewalKind         *string            `json:"renewalKind,omitempty"`
	RenewalPeriodMonths *int               `json:"renewalPeriodMonths,omitempty"`
	MaxRenewals         *int               `json:"maxRenewals,omitempty"`
	MaxEnd              *string            `json:"maxEnd,omitempty" doc:"Empty removes it"`
	RenewalsExercised   *int               `json:"renewalsExercised,omitempty"`
	NoticeMonths        *int               `json:"noticeMonths,omitempty" doc:"Set noticeDays to 0 when changing to months"`
	NoticeDays          *int               `json:"noticeDays,omitempty" doc:"Set noticeMonths to 0 when changing to days"`
	NoticeEndsAnyDay    *bool              `json:"noticeEndsAnyDay,omitempty"`
	LeadDays            *int               `json:"leadDays,omitempty"`
	NoticeGivenOn       *string            `json:"noticeGivenOn,omitempty" doc:"Empty removes it"`
	AnnualValue         *int64             `json:"annualValue,omitempty"`
	Status              *string            `json:"status,omitempty"`
	ExitPlan            *bool              `json:"exitPlan,omitempty"`
	OpenData            *bool              `json:"openData,omitempty"`
	Continuity          *bool              `json:"continuity,omitempty"`
	SourceRights        *bool              `json:"sourceRights,omitempty"`
	BusinessCritical    *bool              `json:"businessCritical,omitempty"`
	Interfaces          *int               `json:"interfaces,omitempty"`
	Notes               *string            `json:"notes,omitempty"`
	LicenceLines        *[]licenceLineBody `json:"licenceLines,omitempty" doc:"Replaces every licence line; [] removes them all"`
}

func setIfPresent[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// apply returns the stored contract and lines with the patch's fields set,
// collecting dates that do not parse in fe.
func (p contractPatch) apply(fe *apperr.FieldErrors, cur contracts.ContractDetail) (contracts.Contract, []contracts.LicenceLine) {
	c := cur.Contract
	setIfPresent(&c.Organization, p.Organization)
	setIfPresent(&c.Number, p.Number)
	setIfPresent(&c.Title, p.Title)
	setIfPresent(&c.VendorID, p.VendorID)
	setIfPresent(&c.CategoryID, p.CategoryID)
	setIfPresent(&c.CPV, p.CPV)
	setIfPresent(&c.InitialTermMonths, p.InitialTermMonths)
	setIfPresent(&c.RenewalPeriodMonths, p.RenewalPeriodMonths)
	setIfPresent(&c.MaxRenewals, p.MaxRenewals)
	setIfPresent(&c.RenewalsExercised, p.RenewalsExercised)
	setIfPresent(&c.NoticeMonths, p.NoticeMonths)
	setIfPresent(&c.NoticeDays, p.NoticeDays)
	setIfPresent(&c.NoticeEndsAnyDay, p.NoticeEndsAnyDay)
	setIfPresent(&c.LeadDays, p.LeadDays)
	setIfPresent(&c.Notes, p.Notes)
	setIfPresent(&c.Exit.ExitPlan, p.ExitPlan)
	setIfPresent(&c.Exit.OpenData, p.OpenData)
	setIfPresent(&c.Exit.Continuity, p.Continuity)
	setIfPresent(&c.Exit.SourceRights, p.SourceRights)
	setIfPresent(&c.Exit.BusinessCritical, p.BusinessCritical)
	setIfPresent(&c.Exit.Interfaces, p.Interfaces)
	if p.RenewalKind != nil {
		c.RenewalKind = contracts.RenewalKind(*p.RenewalKind)
	}
	if p.Status != nil {
		c.Status = contracts.ContractStatus(*p.Status)
	}
	if p.AnnualValue != nil {
		c.AnnualValue = contracts.Money(*p.AnnualValue)
	}
	for _, d := range []struct {
		field string
		dst   *contracts.Date
		v     *string
	}{{"start", &c.Start, p.Start}, {"maxEnd", &c.MaxEnd, p.MaxEnd}, {"noticeGivenOn", &c.NoticeGivenOn, p.NoticeGivenOn}} {
		if d.v != nil {
			*d.dst = web.ParseDateField(fe, d.field, *d.v)
		}
	}
	lines := cur.Lines
	if p.LicenceLines != nil {
		lines = toLicenceLines(fe, *p.LicenceLines)
	}
	return c, lines
}

type updateContractInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body contractPatch
}

func (a *api) updateContract(ctx context.Context, in *updateContractInput) (*contractOutput, error) {
	err := a.contracts.UpdateContract(ctx, web.ScopeFrom(ctx), in.ID,
		func(cur contracts.ContractDetail) (contracts.Contract, []contracts.LicenceLine, error) {
			var fe apperr.FieldErrors
			c, lines := in.Body.apply(&fe, cur)
			if len(fe) > 0 {
				return c, lines, web.ContractInputError(fe, c, lines)
			}
			return c, lines, nil
		})
	if err != nil {
		return nil, err
	}
	return a.contract(ctx, &contractIDInput{ID: in.ID})
}

func (a *api) deleteContract(ctx context.Context, in *contractIDInput) (*struct{}, error) {
	return nil, a.contracts.DeleteContract(ctx, web.ScopeFrom(ctx), in.ID)
}

// ListPageJSON is what a page of a list paged by cursor says besides its
// items (contracts.ListPage).
type ListPageJSON struct {
	Total        int    `json:"total" doc:"Number of rows matching the filter within the caller's scope, from a maintained counter; with totalAtLeast, a lower bound"`
	TotalAtLeast bool   `json:"totalAtLeast" doc:"The filter has no maintained counter and more than the 20,000 rows it looked at may match"`
	Page         int    `json:"page" doc:"The page number asked for; 1 with a cursor"`
	PageSize     int    `json:"pageSize"`
	Next         string `json:"next,omitempty" doc:"Cursor of the next page; absent on the last"`
	Prev         string `json:"prev,omitempty" doc:"Cursor of the previous page; absent on the first"`
	Partial      bool   `json:"partial" doc:"The page stopped looking after 20,000 rows for a filter no index serves: it may hold fewer rows than pageSize, and next goes on from there"`
}

func toListPageJSON(p contracts.ListPage, cursor string, page, pageSize int) ListPageJSON {
	out := ListPageJSON{Total: p.Total, TotalAtLeast: p.TotalAtLeast, Page: page, PageSize: pageSize, Next: p.Next, Prev: p.Prev, Partial: p.Partial}
	if cursor != "" {
		out.Page = 1
	}
	return out
}
