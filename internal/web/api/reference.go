package api

import (
	"context"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/web"
)

type cpvJSON struct {
	Code    string `json:"code" example:"64210000-1"`
	Label   string `json:"label" example:"Telefoon- en datatransmissiediensten" doc:"Dutch label"`
	LabelEN string `json:"labelEn,omitempty"`
	Parent  string `json:"parent,omitempty"`
}

type listCPVInput struct {
	Q     string `query:"q" maxLength:"100" doc:"Code prefix or words of the label"`
	Limit int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
}

type cpvListOutput struct {
	Body struct {
		Items []cpvJSON `json:"items"`
	}
}

func (a *api) listCPV(ctx context.Context, in *listCPVInput) (*cpvListOutput, error) {
	codes, err := a.contracts.CPVCodes(ctx, in.Q, in.Limit)
	if err != nil {
		return nil, err
	}
	out := &cpvListOutput{}
	out.Body.Items = make([]cpvJSON, len(codes))
	for i, c := range codes {
		out.Body.Items[i] = cpvJSON{Code: c.Code, Label: c.Label, LabelEN: c.LabelEN, Parent: c.Parent}
	}
	return out, nil
}

type importOrganizationsInput struct {
	DryRun  bool `query:"dryRun" doc:"Report what would change without changing anything"`
	RawBody huma.MultipartFormFiles[struct {
		File huma.FormFile `form:"file" required:"true" contentType:"text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/octet-stream" doc:"CSV (UTF-8, comma or semicolon) or XLSX as CBS publishes the municipal list"`
	}]
}

type rowProblemJSON struct {
	Row     int    `json:"row" doc:"Row number as a spreadsheet counts it (header is row 1)"`
	Column  string `json:"column"`
	Message string `json:"message"`
}

type importReportJSON struct {
	DryRun    bool             `json:"dryRun"`
	Rows      int              `json:"rows"`
	Created   []string         `json:"created" doc:"Codes created (or that would be)"`
	Updated   []string         `json:"updated"`
	Unchanged int              `json:"unchanged"`
	Problems  []rowProblemJSON `json:"problems" doc:"Every bad row; when any, nothing was imported"`
}

type importOutput struct {
	Body importReportJSON
}

// importProblem is the answer to a file with bad rows: a 422 problem
// document whose errors name each row and column (location
// file.row[4].Gemeentecode), with the whole report beside them. Any other
// 422 of the import (a missing column, no file) is a plain problem.
type importProblem struct {
	web.Problem
	Report *importReportJSON `json:"report,omitempty" doc:"The whole report, when the file had bad rows"`
}

func toImportReportJSON(r contracts.ImportReport) importReportJSON {
	out := importReportJSON{DryRun: r.DryRun, Rows: r.Rows, Created: r.Created, Updated: r.Updated, Unchanged: r.Unchanged, Problems: []rowProblemJSON{}}
	if out.Created == nil {
		out.Created = []string{}
	}
	if out.Updated == nil {
		out.Updated = []string{}
	}
	for _, p := range r.Problems {
		out.Problems = append(out.Problems, rowProblemJSON{Row: p.Row, Column: p.Column, Message: p.Message()})
	}
	return out
}

// importOrganizations answers 200 with the report, or a 422 problem
// listing every bad row when any row is bad (and nothing was imported).
func (a *api) importOrganizations(ctx context.Context, in *importOrganizationsInput) (*importOutput, error) {
	f := in.RawBody.Data().File
	defer f.Close()
	if !a.imports.Enter() {
		return nil, errImportsBusy()
	}
	defer a.imports.Leave()
	tab, err := a.imports.Read(f, organizationHeader)
	if err != nil {
		return nil, err
	}
	rep, err := a.contracts.ImportOrganizations(ctx, tab, in.DryRun)
	if err != nil && !rep.OK() {
		report := toImportReportJSON(rep)
		p := &importProblem{Report: &report}
		p.Status, p.Title = http.StatusUnprocessableEntity, http.StatusText(http.StatusUnprocessableEntity)
		p.Detail = fmt.Sprintf("%d bad row(s); nothing was imported", len(rep.Problems))
		for _, rp := range rep.Problems {
			p.Errors = append(p.Errors, &web.ProblemField{Location: fmt.Sprintf("file.row[%d].%s", rp.Row, rp.Column), Message: rp.Message()})
		}
		return nil, p
	}
	if err != nil {
		return nil, err
	}
	return &importOutput{Body: toImportReportJSON(rep)}, nil
}

// organizationHeader refuses a header that lacks the code or the name
// column, before the rows under it are read.
func organizationHeader(header []string) error {
	_, _, err := contracts.ParseOrganizationTable(contracts.Table{Header: header})
	return err
}
