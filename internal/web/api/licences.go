package api

import (
	"context"
	"net/url"
	"strconv"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/web"
)

// licenceJSON is a licence line with its contract, as the licence list
// shows it.
type licenceJSON struct {
	ID               int64  `json:"id"`
	ContractID       int64  `json:"contractId"`
	ContractNumber   string `json:"contractNumber" example:"2023-ICT-014"`
	ContractTitle    string `json:"contractTitle"`
	Organization     string `json:"organization" example:"GM0363"`
	OrganizationName string `json:"organizationName"`
	VendorName       string `json:"vendorName"`
	Product          string `json:"product"`
	Metric           string `json:"metric" enum:"named_user,concurrent,device,per_inhabitant,enterprise"`
	Quantity         int    `json:"quantity" doc:"Seats licensed; -1 for no cap"`
	SeatsInUse       int    `json:"seatsInUse" doc:"Seats in use; -1 when unknown"`
	Excess           int    `json:"excess" doc:"Seats in use beyond the quantity licensed; 0 unless over quota"`
	UnitPrice        int64  `json:"unitPrice" doc:"Euro cents per seat per price period"`
	PricePeriod      string `json:"pricePeriod" enum:"month,year,once"`
	ExcessCost       int64  `json:"excessCost" doc:"Excess × unit price in euro cents, per price period"`
	OverQuota        bool   `json:"overQuota"`
}

type listLicencesInput struct {
	OverQuota    bool   `query:"overQuota" default:"true" doc:"Only lines with more seats in use than licensed (default); false lists every line"`
	Organization string `query:"organization" maxLength:"32" example:"GM0363" doc:"Only this organization; 403 for one outside the caller's scope"`
	Cursor       string `query:"cursor" maxLength:"512" doc:"The position of the page: the next or prev cursor of a page with the same overQuota. Without it, page numbers the page"`
	Page         int    `query:"page" minimum:"1" maximum:"1000000" default:"1" doc:"Page number, without cursor; the page's rows may lie at most 10,000 rows from the first (422 beyond): follow next from there"`
	PageSize     int    `query:"pageSize" minimum:"1" maximum:"500" default:"50"`
}

type licencePageJSON struct {
	Link string `header:"Link" doc:"RFC 8288 links to the next and prev pages, when there are"`
	Body struct {
		Items      []licenceJSON `json:"items"`
		Total      int           `json:"total" doc:"Number of licence lines matching the filter"`
		OverQuota  int           `json:"overQuota" doc:"Number of them over quota"`
		ExcessCost int64         `json:"excessCost" doc:"What the excess of all of them costs, in euro cents (each at its own price period)"`
		Page       int           `json:"page" doc:"The page number asked for; 1 with a cursor"`
		PageSize   int           `json:"pageSize"`
		Next       string        `json:"next,omitempty" doc:"Cursor of the next page; absent on the last"`
		Prev       string        `json:"prev,omitempty" doc:"Cursor of the previous page; absent on the first"`
	}
}

func (a *api) listLicences(ctx context.Context, in *listLicencesInput) (*licencePageJSON, error) {
	f := contracts.LicenceFilter{Organization: in.Organization, All: !in.OverQuota, Cursor: in.Cursor, Page: in.Page, PageSize: in.PageSize}.Normalize()
	page, err := a.contracts.Licences(ctx, web.ScopeFrom(ctx), f)
	if err != nil {
		return nil, err
	}
	out := &licencePageJSON{}
	out.Body.Items = make([]licenceJSON, len(page.Items))
	for i, l := range page.Items {
		out.Body.Items[i] = licenceJSON{ID: l.ID, ContractID: l.ContractID, ContractNumber: l.ContractNumber, ContractTitle: l.ContractTitle,
			Organization: l.Organization, OrganizationName: l.OrganizationName, VendorName: l.VendorName, Product: l.Product,
			Metric: string(l.Metric), Quantity: l.Quantity, SeatsInUse: l.SeatsInUse, Excess: l.Excess(), UnitPrice: int64(l.UnitPrice),
			PricePeriod: string(l.PricePeriod), ExcessCost: int64(l.ExcessCost()), OverQuota: l.OverQuota()}
	}
	out.Body.Total, out.Body.OverQuota, out.Body.ExcessCost = page.Total, page.OverQuota, int64(page.ExcessCost)
	out.Body.Page, out.Body.PageSize, out.Body.Next, out.Body.Prev = f.Page, f.PageSize, page.Next, page.Prev
	if f.Cursor != "" {
		out.Body.Page = 1
	}
	q := url.Values{}
	q.Set("overQuota", strconv.FormatBool(in.OverQuota))
	if in.Organization != "" {
		q.Set("organization", in.Organization)
	}
	q.Set("pageSize", strconv.Itoa(f.PageSize))
	out.Link = cursorLinks("/api/v1/licences", q, page.Next, page.Prev)
	return out, nil
}
