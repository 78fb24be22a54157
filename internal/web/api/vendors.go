package api

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/web"
)

// vendorJSON is a vendor as the API shows it, with its group.
type vendorJSON struct {
	ID         int64  `json:"id" example:"12"`
	Name       string `json:"name" example:"Centric Netherlands B.V."`
	KVK        string `json:"kvk" example:"08076521" doc:"Chamber of Commerce (KvK) number: 8 digits; empty for a vendor without one"`
	ParentID   int64  `json:"parentId,omitempty" doc:"The vendor this one belongs to; absent for the top of a group"`
	ParentName string `json:"parentName,omitempty"`
	Country    string `json:"country" example:"NL" doc:"ISO 3166-1 alpha-2"`
	Street     string `json:"street,omitempty" example:"Stationsweg 12" doc:"Street and house number of the postal address; shown on the vendor itself, not in the list"`
	Postcode   string `json:"postcode,omitempty" example:"3511 AB" doc:"Postcode; a Dutch one is written 1011 AB"`
	City       string `json:"city,omitempty" example:"Utrecht" doc:"City; a contract award notice names the winner's city (eForms BT-513)"`
	GroupID    int64  `json:"groupId" doc:"The top of the vendor's group (the vendor itself when it has no parent)"`
	GroupName  string `json:"groupName"`
	Contracts  int    `json:"contracts" doc:"Number of contracts with this vendor across all organizations"`
}

func toVendorJSON(v contracts.VendorSummary) vendorJSON {
	return vendorJSON{ID: v.ID, Name: v.Name, KVK: v.KVK, ParentID: v.ParentID, ParentName: v.ParentName, Country: v.Country,
		Street: v.Street, Postcode: v.Postcode, City: v.City, GroupID: v.GroupID, GroupName: v.GroupName, Contracts: v.Contracts}
}

type listVendorsInput struct {
	Q        string `query:"q" maxLength:"100" doc:"Name or KvK number contains this, case-insensitively. No index serves it: a page looks at no more than 20,000 vendors by name, and says so (partial)"`
	Cursor   string `query:"cursor" maxLength:"512" doc:"The position of the page: the next or prev cursor of a page. Without it, page numbers the page"`
	Page     int    `query:"page" minimum:"1" maximum:"1000000" default:"1" doc:"Page number, without cursor; the page's rows may lie at most 10,000 rows from the first (422 beyond): follow next from there"`
	PageSize int    `query:"pageSize" minimum:"1" maximum:"500" default:"50"`
}

type vendorPageJSON struct {
	Link string `header:"Link" doc:"RFC 8288 links to the next and prev pages, when there are"`
	Body struct {
		Items []vendorJSON `json:"items"`
		ListPageJSON
	}
}

func (a *api) listVendors(ctx context.Context, in *listVendorsInput) (*vendorPageJSON, error) {
	f := contracts.VendorFilter{Q: in.Q, Cursor: in.Cursor, Page: in.Page, PageSize: in.PageSize}.Normalize()
	if err := contracts.CheckPageDepth(f.Cursor, f.Page, f.PageSize); err != nil {
		return nil, err
	}
	page, err := a.contracts.Vendors(ctx, web.ScopeFrom(ctx), f)
	if err != nil {
		return nil, err
	}
	out := &vendorPageJSON{}
	out.Body.Items = make([]vendorJSON, len(page.Items))
	for i, v := range page.Items {
		out.Body.Items[i] = toVendorJSON(v)
	}
	out.Body.ListPageJSON = toListPageJSON(page.ListPage, f.Cursor, f.Page, f.PageSize)
	q := url.Values{}
	if in.Q != "" {
		q.Set("q", in.Q)
	}
	q.Set("pageSize", strconv.Itoa(f.PageSize))
	out.Link = cursorLinks("/api/v1/vendors", q, page.Next, page.Prev)
	return out, nil
}

type vendorIDInput struct {
	ID int64 `path:"id" minimum:"1" example:"12"`
}

type vendorOutput struct {
	Location string `header:"Location" doc:"Where the vendor is, on create"`
	Body     vendorJSON
}

func (a *api) vendor(ctx context.Context, in *vendorIDInput) (*vendorOutput, error) {
	v, err := a.contracts.VendorDetail(ctx, web.ScopeFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &vendorOutput{Body: toVendorJSON(v)}, nil
}

// Vendor values (name, KvK, country, address) are checked by the domain, not the
// schema, so that one 422 lists every problem.
type createVendorInput struct {
	Body struct {
		Name     string `json:"name" example:"Centric Netherlands B.V."`
		KVK      string `json:"kvk,omitempty" example:"08076521" doc:"8 digits"`
		ParentID int64  `json:"parentId,omitempty" doc:"Id of the vendor this one belongs to"`
		Country  string `json:"country,omitempty" example:"NL" doc:"ISO 3166-1 alpha-2; default NL"`
		Street   string `json:"street,omitempty" example:"Stationsweg 12" doc:"Street and house number"`
		Postcode string `json:"postcode,omitempty" example:"3511 AB" doc:"A Dutch postcode as 1011 AB when the country is NL"`
		City     string `json:"city,omitempty" example:"Utrecht"`
	}
}

func (a *api) createVendor(ctx context.Context, in *createVendorInput) (*vendorOutput, error) {
	b := in.Body
	id, err := a.contracts.CreateVendor(ctx, contracts.Vendor{Name: b.Name, KVK: b.KVK, ParentID: b.ParentID, Country: b.Country,
		Street: b.Street, Postcode: b.Postcode, City: b.City})
	if err != nil {
		return nil, err
	}
	out, err := a.vendor(ctx, &vendorIDInput{ID: id})
	if err != nil {
		return nil, err
	}
	out.Location = fmt.Sprintf("/api/v1/vendors/%d", id)
	return out, nil
}

type updateVendorInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		Name     *string `json:"name,omitempty"`
		KVK      *string `json:"kvk,omitempty" doc:"8 digits; empty removes it"`
		ParentID *int64  `json:"parentId,omitempty" doc:"0 makes the vendor the top of its own group"`
		Country  *string `json:"country,omitempty"`
		Street   *string `json:"street,omitempty" doc:"Street and house number; empty removes it"`
		Postcode *string `json:"postcode,omitempty" doc:"Empty removes it"`
		City     *string `json:"city,omitempty" doc:"Empty removes it"`
	}
}

// updateVendor changes the fields present in the body; absent fields keep
// their value.
func (a *api) updateVendor(ctx context.Context, in *updateVendorInput) (*vendorOutput, error) {
	v, err := a.contracts.Vendor(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	b := in.Body
	for _, f := range []struct {
		dst *string
		v   *string
	}{{&v.Name, b.Name}, {&v.KVK, b.KVK}, {&v.Country, b.Country},
		{&v.Street, b.Street}, {&v.Postcode, b.Postcode}, {&v.City, b.City}} {
		if f.v != nil {
			*f.dst = *f.v
		}
	}
	if b.ParentID != nil {
		v.ParentID = *b.ParentID
	}
	if err := a.contracts.UpdateVendor(ctx, v); err != nil {
		return nil, err
	}
	return a.vendor(ctx, &vendorIDInput{ID: in.ID})
}

func (a *api) deleteVendor(ctx context.Context, in *vendorIDInput) (*struct{}, error) {
	return nil, a.contracts.DeleteVendor(ctx, in.ID)
}
