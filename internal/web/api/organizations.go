package api

import (
	"context"
	"net/url"
	"strconv"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/web"
)

// organizationJSON is an organization as the API shows it.
type organizationJSON struct {
	Code           string   `json:"code" example:"GM0363" doc:"CBS code (GM + 4 digits for municipalities, PV20–PV31 for provinces) or a free code of letters, digits and dashes"`
	Name           string   `json:"name" example:"Amsterdam"`
	Kind           string   `json:"kind" enum:"municipality,province,water_board,joint_arrangement,cooperation,other"`
	Province       string   `json:"province,omitempty" example:"PV27" doc:"CBS province code"`
	ProvinceName   string   `json:"provinceName,omitempty" example:"Noord-Holland"`
	Population     int      `json:"population" doc:"Inhabitants on populationDate; 0 when unknown or not applicable"`
	PopulationDate string   `json:"populationDate,omitempty" format:"date"`
	SizeClass      string   `json:"sizeClass,omitempty" enum:"lt20k,20k-50k,50k-100k,100k-plus" doc:"Derived from population"`
	Region         string   `json:"region,omitempty"`
	Cooperations   []string `json:"cooperations" doc:"Codes of the cooperations it is a member of"`
	// What a European notice states of it as a buyer (eForms).
	Street       string `json:"street,omitempty" doc:"Street and number" example:"Stadhuisplein 1"`
	Postcode     string `json:"postcode,omitempty" doc:"Dutch postcode" example:"1011 PN"`
	City         string `json:"city,omitempty" example:"Amsterdam"`
	NUTS         string `json:"nuts,omitempty" doc:"NUTS 2024 code of level 3 (eForms list nuts-lvl3); empty takes the province's, which for most provinces is NUTS 2 and then missing for publication" example:"NL32B"`
	OIN          string `json:"oin,omitempty" doc:"OIN of the Logius register (20 digits)"`
	KvK          string `json:"kvk,omitempty" doc:"KvK number (8 digits)"`
	LegalType    string `json:"legalType,omitempty" doc:"eForms buyer-legal-type code; empty takes the kind's default (la for municipalities)" example:"la"`
	MainActivity string `json:"mainActivity,omitempty" doc:"eForms main-activity code; empty takes the kind's default (gen-pub)" example:"gen-pub"`
	Email        string `json:"email,omitempty" doc:"Contact point e-mail address for notices" example:"inkoop@amsterdam.nl"`
	Phone        string `json:"phone,omitempty"`
	URL          string `json:"url,omitempty" doc:"Internet address" example:"https://www.amsterdam.nl"`
}

func toOrganizationJSON(o contracts.Organization) organizationJSON {
	coops := o.Cooperations
	if coops == nil {
		coops = []string{}
	}
	return organizationJSON{
		Code: o.Code, Name: o.Name, Kind: string(o.Kind), Province: o.Province, ProvinceName: o.ProvinceName(),
		Population: o.Population, PopulationDate: o.PopulationDate.String(), SizeClass: string(o.SizeClass()),
		Region: o.Region, Cooperations: coops,
		Street: o.Street, Postcode: o.Postcode, City: o.City, NUTS: o.NUTS, OIN: o.OIN, KvK: o.KvK,
		LegalType: o.LegalType, MainActivity: o.MainActivity, Email: o.Email, Phone: o.Phone, URL: o.URL,
	}
}

type listOrganizationsInput struct {
	Kind     string `query:"kind" enum:"municipality,province,water_board,joint_arrangement,cooperation,other" doc:"Only this kind"`
	Province string `query:"province" enum:"PV20,PV21,PV22,PV23,PV24,PV25,PV26,PV27,PV28,PV29,PV30,PV31" doc:"Only this CBS province code"`
	Region   string `query:"region" maxLength:"100" doc:"Only this region. No index serves it: a page looks at no more than 20,000 organizations by name, and says so (partial)"`
	Q        string `query:"q" maxLength:"100" doc:"Code or name contains this, case-insensitively. No index serves it: a page looks at no more than 20,000 organizations by name, and says so (partial)"`
	Cursor   string `query:"cursor" maxLength:"512" doc:"The position of the page: the next or prev cursor of a page. Without it, page numbers the page"`
	Page     int    `query:"page" minimum:"1" maximum:"1000000" default:"1" doc:"Page number, without cursor; the page's rows may lie at most 10,000 rows from the first (422 beyond): follow next from there"`
	PageSize int    `query:"pageSize" minimum:"1" maximum:"500" default:"50"`
}

type organizationPageJSON struct {
	Link string `header:"Link" doc:"RFC 8288 links to the next and prev pages, when there are"`
	Body struct {
		Items []organizationJSON `json:"items"`
		ListPageJSON
	}
}

func (a *api) listOrganizations(ctx context.Context, in *listOrganizationsInput) (*organizationPageJSON, error) {
	f := contracts.OrganizationFilter{Kind: contracts.OrgKind(in.Kind), Province: in.Province, Region: in.Region, Q: in.Q,
		Cursor: in.Cursor, Page: in.Page, PageSize: in.PageSize}.Normalize()
	if err := contracts.CheckPageDepth(f.Cursor, f.Page, f.PageSize); err != nil {
		return nil, err
	}
	page, err := a.contracts.Organizations(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &organizationPageJSON{}
	out.Body.Items = make([]organizationJSON, len(page.Items))
	for i, o := range page.Items {
		out.Body.Items[i] = toOrganizationJSON(o)
	}
	out.Body.ListPageJSON = toListPageJSON(page.ListPage, f.Cursor, f.Page, f.PageSize)
	q := url.Values{}
	for k, v := range map[string]string{"kind": in.Kind, "province": in.Province, "region": in.Region, "q": in.Q} {
		if v != "" {
			q.Set(k, v)
		}
	}
	q.Set("pageSize", strconv.Itoa(f.PageSize))
	out.Link = cursorLinks("/api/v1/organizations", q, page.Next, page.Prev)
	return out, nil
}

type organizationOutput struct {
	Body organizationJSON
}

type codeInput struct {
	Code string `path:"code" maxLength:"32" example:"GM0363"`
}

func (a *api) organization(ctx context.Context, in *codeInput) (*organizationOutput, error) {
	o, err := a.contracts.Organization(ctx, in.Code)
	if err != nil {
		return nil, err
	}
	return &organizationOutput{Body: toOrganizationJSON(o)}, nil
}

type createOrganizationInput struct {
	Body struct {
		Code           string   `json:"code" example:"GM0363"`
		Name           string   `json:"name" example:"Amsterdam"`
		Kind           string   `json:"kind" enum:"municipality,province,water_board,joint_arrangement,cooperation,other"`
		Province       string   `json:"province,omitempty" example:"PV27"`
		Population     int      `json:"population,omitempty"`
		PopulationDate string   `json:"populationDate,omitempty" format:"date"`
		Region         string   `json:"region,omitempty"`
		Cooperations   []string `json:"cooperations,omitempty"`
		Street         string   `json:"street,omitempty"`
		Postcode       string   `json:"postcode,omitempty"`
		City           string   `json:"city,omitempty"`
		NUTS           string   `json:"nuts,omitempty"`
		OIN            string   `json:"oin,omitempty"`
		KvK            string   `json:"kvk,omitempty"`
		LegalType      string   `json:"legalType,omitempty"`
		MainActivity   string   `json:"mainActivity,omitempty"`
		Email          string   `json:"email,omitempty"`
		Phone          string   `json:"phone,omitempty"`
		URL            string   `json:"url,omitempty"`
	}
}

func (a *api) createOrganization(ctx context.Context, in *createOrganizationInput) (*organizationOutput, error) {
	b := in.Body
	o := contracts.Organization{Code: b.Code, Name: b.Name, Kind: contracts.OrgKind(b.Kind), Province: b.Province,
		Population: b.Population, Region: b.Region, Cooperations: b.Cooperations,
		OrgDetails: contracts.OrgDetails{Street: b.Street, Postcode: b.Postcode, City: b.City, NUTS: b.NUTS, OIN: b.OIN, KvK: b.KvK,
			LegalType: b.LegalType, MainActivity: b.MainActivity, Email: b.Email, Phone: b.Phone, URL: b.URL}}
	var fe apperr.FieldErrors
	o.PopulationDate = web.ParseDateField(&fe, "populationDate", b.PopulationDate)
	if err := fe.Err(); err != nil {
		return nil, err
	}
	if err := a.contracts.CreateOrganization(ctx, o); err != nil {
		return nil, err
	}
	return a.organization(ctx, &codeInput{Code: o.Code})
}

type updateOrganizationInput struct {
	Code string `path:"code" maxLength:"32"`
	Body struct {
		Name           *string   `json:"name,omitempty"`
		Kind           *string   `json:"kind,omitempty" enum:"municipality,province,water_board,joint_arrangement,cooperation,other"`
		Province       *string   `json:"province,omitempty"`
		Population     *int      `json:"population,omitempty"`
		PopulationDate *string   `json:"populationDate,omitempty" format:"date"`
		Region         *string   `json:"region,omitempty"`
		Cooperations   *[]string `json:"cooperations,omitempty"`
		Street         *string   `json:"street,omitempty"`
		Postcode       *string   `json:"postcode,omitempty"`
		City           *string   `json:"city,omitempty"`
		NUTS           *string   `json:"nuts,omitempty"`
		OIN            *string   `json:"oin,omitempty"`
		KvK            *string   `json:"kvk,omitempty"`
		LegalType      *string   `json:"legalType,omitempty"`
		MainActivity   *string   `json:"mainActivity,omitempty"`
		Email          *string   `json:"email,omitempty"`
		Phone          *string   `json:"phone,omitempty"`
		URL            *string   `json:"url,omitempty"`
	}
}

func (a *api) updateOrganization(ctx context.Context, in *updateOrganizationInput) (*organizationOutput, error) {
	b := in.Body
	p := contracts.OrganizationPatch{Name: b.Name, Province: b.Province, Population: b.Population, Region: b.Region, Cooperations: b.Cooperations}
	if b.Kind != nil {
		k := contracts.OrgKind(*b.Kind)
		p.Kind = &k
	}
	var fe apperr.FieldErrors
	if b.PopulationDate != nil {
		d := web.ParseDateField(&fe, "populationDate", *b.PopulationDate)
		p.PopulationDate = &d
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	if d := detailsPatch(b.Street, b.Postcode, b.City, b.NUTS, b.OIN, b.KvK, b.LegalType, b.MainActivity, b.Email, b.Phone, b.URL); d != nil {
		cur, err := a.contracts.Organization(ctx, in.Code)
		if err != nil {
			return nil, err
		}
		p.Details = d(cur.OrgDetails)
	}
	o, err := a.contracts.UpdateOrganization(ctx, in.Code, p)
	if err != nil {
		return nil, err
	}
	return &organizationOutput{Body: toOrganizationJSON(o)}, nil
}

func (a *api) deleteOrganization(ctx context.Context, in *codeInput) (*struct{}, error) {
	return nil, a.contracts.DeleteOrganization(ctx, in.Code)
}

// detailsPatch returns the function that sets the given notice details
// on the current ones, or nil when none is given. The order of the
// arguments is that of contracts.OrgDetails.
func detailsPatch(values ...*string) func(contracts.OrgDetails) *contracts.OrgDetails {
	given := false
	for _, v := range values {
		given = given || v != nil
	}
	if !given {
		return nil
	}
	return func(d contracts.OrgDetails) *contracts.OrgDetails {
		dst := []*string{&d.Street, &d.Postcode, &d.City, &d.NUTS, &d.OIN, &d.KvK, &d.LegalType, &d.MainActivity, &d.Email, &d.Phone, &d.URL}
		for i, v := range values {
			if v != nil {
				*dst[i] = *v
			}
		}
		return &d
	}
}
