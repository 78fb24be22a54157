package api

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// DemandBody is the writable part of registered demand. Exported because
// demandJSON embeds it (ContractJSON says why).
type DemandBody struct {
	Organization       string `json:"organization" example:"GM0363"`
	CategoryID         int64  `json:"categoryId" example:"1"`
	Quantity           int64  `json:"quantity" example:"1200" doc:"How many units (connections, users, devices…)"`
	Unit               string `json:"unit,omitempty" example:"aansluitingen"`
	DesiredStart       string `json:"desiredStart" format:"date" example:"2027-07-01"`
	ReplacesContractID int64  `json:"replacesContractId,omitempty" doc:"The register's contract this demand replaces"`
	AnnualBudget       int64  `json:"annualBudget,omitempty" doc:"Budget per year, euro cents excl. VAT"`
	Status             string `json:"status,omitempty" enum:"draft,submitted,withdrawn" doc:"Default draft"`
	Notes              string `json:"notes,omitempty"`
}

func (b DemandBody) toDemand(fe *apperr.FieldErrors) procurement.Demand {
	d := procurement.Demand{Organization: b.Organization, CategoryID: b.CategoryID, Quantity: b.Quantity, Unit: b.Unit,
		ReplacesContractID: b.ReplacesContractID, AnnualBudget: contracts.Money(b.AnnualBudget),
		Status: procurement.DemandStatus(b.Status), Notes: b.Notes}
	d.DesiredStart = web.ParseDateField(fe, "desiredStart", b.DesiredStart)
	return d
}

type demandJSON struct {
	ID int64 `json:"id"`
	DemandBody
	OrganizationName string `json:"organizationName"`
	CategoryName     string `json:"categoryName"`
	SizeClass        string `json:"sizeClass,omitempty"`
}

func toDemandJSON(d procurement.Demand) demandJSON {
	return demandJSON{ID: d.ID, DemandBody: DemandBody{Organization: d.Organization, CategoryID: d.CategoryID, Quantity: d.Quantity,
		Unit: d.Unit, DesiredStart: web.DateString(d.DesiredStart), ReplacesContractID: d.ReplacesContractID,
		AnnualBudget: int64(d.AnnualBudget), Status: string(d.Status), Notes: d.Notes},
		OrganizationName: d.OrganizationName, CategoryName: d.CategoryName, SizeClass: string(d.SizeClass)}
}

type listDemandInput struct {
	Organization string `query:"organization" maxLength:"20"`
	CategoryID   int64  `query:"categoryId" minimum:"0" doc:"Only this category. No index serves it: a page looks at no more than 20,000 demand rows by desired start, and says so (partial)"`
	Status       string `query:"status" enum:"draft,submitted,withdrawn" doc:"Only this status. No index serves it: a page looks at no more than 20,000 demand rows by desired start, and says so (partial)"`
	Cursor       string `query:"cursor" maxLength:"512" doc:"The position of the page: the next or prev cursor of a page. Without it, page numbers the page"`
	Page         int    `query:"page" minimum:"1" maximum:"1000000" default:"1" doc:"Page number, without cursor; the page's rows may lie at most 10,000 rows from the first (422 beyond): follow next from there"`
	PageSize     int    `query:"pageSize" minimum:"1" maximum:"500" default:"50"`
}

type demandPageJSON struct {
	Link string `header:"Link" doc:"RFC 8288 links to the next and prev pages, when there are"`
	Body struct {
		Items []demandJSON `json:"items"`
		ListPageJSON
	}
}

func (a *api) listDemand(ctx context.Context, in *listDemandInput) (*demandPageJSON, error) {
	f := procurement.DemandFilter{Organization: in.Organization, CategoryID: in.CategoryID,
		Status: procurement.DemandStatus(in.Status), Cursor: in.Cursor, Page: in.Page, PageSize: in.PageSize}.Normalize()
	if err := contracts.CheckPageDepth(f.Cursor, f.Page, f.PageSize); err != nil {
		return nil, err
	}
	page, err := a.procurement.Demands(ctx, web.ScopeFrom(ctx), f)
	if err != nil {
		return nil, err
	}
	out := &demandPageJSON{}
	out.Body.Items = make([]demandJSON, len(page.Items))
	for i, d := range page.Items {
		out.Body.Items[i] = toDemandJSON(d)
	}
	out.Body.ListPageJSON = toListPageJSON(page.ListPage, f.Cursor, f.Page, f.PageSize)
	q := url.Values{}
	if in.Organization != "" {
		q.Set("organization", in.Organization)
	}
	if in.CategoryID != 0 {
		q.Set("categoryId", strconv.FormatInt(in.CategoryID, 10))
	}
	if in.Status != "" {
		q.Set("status", in.Status)
	}
	q.Set("pageSize", strconv.Itoa(f.PageSize))
	out.Link = cursorLinks("/api/v1/demand", q, page.Next, page.Prev)
	return out, nil
}

type categoryDemandJSON struct {
	CategoryID    int64  `json:"categoryId"`
	CategoryName  string `json:"categoryName"`
	Organizations int    `json:"organizations"`
	Quantity      int64  `json:"quantity"`
	AnnualBudget  int64  `json:"annualBudget" doc:"euro cents"`
	EarliestStart string `json:"earliestStart,omitempty" format:"date"`
	LatestStart   string `json:"latestStart,omitempty" format:"date"`
}

type demandByCategoryOutput struct {
	Body struct {
		Items []categoryDemandJSON `json:"items"`
	}
}

func (a *api) demandByCategory(ctx context.Context, _ *struct{}) (*demandByCategoryOutput, error) {
	rows, err := a.procurement.DemandByCategory(ctx, web.ScopeFrom(ctx))
	if err != nil {
		return nil, err
	}
	out := &demandByCategoryOutput{}
	out.Body.Items = make([]categoryDemandJSON, len(rows))
	for i, r := range rows {
		out.Body.Items[i] = categoryDemandJSON{CategoryID: r.CategoryID, CategoryName: r.CategoryName, Organizations: r.Organizations,
			Quantity: r.Quantity, AnnualBudget: int64(r.AnnualBudget), EarliestStart: web.DateString(r.EarliestStart), LatestStart: web.DateString(r.LatestStart)}
	}
	return out, nil
}

type demandIDInput struct {
	ID int64 `path:"id" minimum:"1"`
}

type demandOutput struct {
	Location string `header:"Location"`
	Body     demandJSON
}

func (a *api) demand(ctx context.Context, in *demandIDInput) (*demandOutput, error) {
	d, err := a.procurement.Demand(ctx, web.ScopeFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &demandOutput{Body: toDemandJSON(d)}, nil
}

type createDemandInput struct {
	Body DemandBody
}

func (a *api) createDemand(ctx context.Context, in *createDemandInput) (*demandOutput, error) {
	var fe apperr.FieldErrors
	d := in.Body.toDemand(&fe)
	if err := fe.Err(); err != nil {
		return nil, err
	}
	id, err := a.procurement.CreateDemand(ctx, web.ScopeFrom(ctx), d)
	if err != nil {
		return nil, err
	}
	out, err := a.demand(ctx, &demandIDInput{ID: id})
	if err != nil {
		return nil, err
	}
	out.Location = fmt.Sprintf("/api/v1/demand/%d", id)
	return out, nil
}

type updateDemandInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body DemandBody
}

func (a *api) updateDemand(ctx context.Context, in *updateDemandInput) (*demandOutput, error) {
	var fe apperr.FieldErrors
	d := in.Body.toDemand(&fe)
	if err := fe.Err(); err != nil {
		return nil, err
	}
	d.ID = in.ID
	if err := a.procurement.UpdateDemand(ctx, web.ScopeFrom(ctx), d); err != nil {
		return nil, err
	}
	return a.demand(ctx, &demandIDInput{ID: in.ID})
}

func (a *api) deleteDemand(ctx context.Context, in *demandIDInput) (*struct{}, error) {
	return nil, a.procurement.DeleteDemand(ctx, web.ScopeFrom(ctx), in.ID)
}
