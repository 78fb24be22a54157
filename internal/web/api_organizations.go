package web

import (
	"context"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
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
	}
}

type listOrganizationsInput struct {
	Kind     string `query:"kind" enum:"municipality,province,water_board,joint_arrangement,cooperation,other" doc:"Only this kind"`
	Province string `query:"province" enum:"PV20,PV21,PV22,PV23,PV24,PV25,PV26,PV27,PV28,PV29,PV30,PV31" doc:"Only this CBS province code"`
	Region   string `query:"region" doc:"Only this region"`
	Q        string `query:"q" maxLength:"100" doc:"Code or name contains this, case-insensitively"`
	Page     int    `query:"page" minimum:"1" maximum:"1000000" default:"1"`
	PageSize int    `query:"pageSize" minimum:"1" maximum:"500" default:"50"`
}

type organizationPageJSON struct {
	Body struct {
		Items    []organizationJSON `json:"items"`
		Total    int                `json:"total" doc:"Number of organizations matching the filter"`
		Page     int                `json:"page"`
		PageSize int                `json:"pageSize"`
	}
}

func (a *api) listOrganizations(ctx context.Context, in *listOrganizationsInput) (*organizationPageJSON, error) {
	f := contracts.OrganizationFilter{Kind: contracts.OrgKind(in.Kind), Province: in.Province, Region: in.Region, Q: in.Q, Page: in.Page, PageSize: in.PageSize}
	page, err := a.contracts.Organizations(ctx, f)
	if err != nil {
		return nil, a.problem(ctx, "query", err)
	}
	out := &organizationPageJSON{}
	out.Body.Items = make([]organizationJSON, len(page.Items))
	for i, o := range page.Items {
		out.Body.Items[i] = toOrganizationJSON(o)
	}
	out.Body.Total, out.Body.Page, out.Body.PageSize = page.Total, f.Normalize().Page, f.Normalize().PageSize
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
		return nil, a.problem(ctx, "body", err)
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
	}
}

func (a *api) createOrganization(ctx context.Context, in *createOrganizationInput) (*organizationOutput, error) {
	b := in.Body
	o := contracts.Organization{Code: b.Code, Name: b.Name, Kind: contracts.OrgKind(b.Kind), Province: b.Province,
		Population: b.Population, Region: b.Region, Cooperations: b.Cooperations}
	var fe apperr.FieldErrors
	o.PopulationDate = parseDateField(&fe, "populationDate", b.PopulationDate)
	if err := fe.Err(); err != nil {
		return nil, a.problem(ctx, "body", err)
	}
	if err := a.contracts.CreateOrganization(ctx, o); err != nil {
		return nil, a.problem(ctx, "body", err)
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
		d := parseDateField(&fe, "populationDate", *b.PopulationDate)
		p.PopulationDate = &d
	}
	if err := fe.Err(); err != nil {
		return nil, a.problem(ctx, "body", err)
	}
	o, err := a.contracts.UpdateOrganization(ctx, in.Code, p)
	if err != nil {
		return nil, a.problem(ctx, "body", err)
	}
	return &organizationOutput{Body: toOrganizationJSON(o)}, nil
}

func (a *api) deleteOrganization(ctx context.Context, in *codeInput) (*struct{}, error) {
	return nil, a.problem(ctx, "path", a.contracts.DeleteOrganization(ctx, in.Code))
}

// parseDateField reads an ISO date; "" is the zero date.
func parseDateField(fe *apperr.FieldErrors, field, s string) contracts.Date {
	if s == "" {
		return contracts.Date{}
	}
	d, err := contracts.ParseDate(s)
	if err != nil {
		fe.Add(field, apperr.DateFormat, "2025-01-01")
	}
	return d
}
