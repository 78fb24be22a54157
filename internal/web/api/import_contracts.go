package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/sheet"
	"github.com/samenkoop/samenkoop/internal/web"
)

// errImportsBusy is the API's answer to an import that finds every slot
// taken.
func errImportsBusy() error {
	return huma.ErrorWithHeaders(huma.Error503ServiceUnavailable("too many imports are running; try again in "+web.ImportRetryAfter+" seconds"),
		http.Header{"Retry-After": {web.ImportRetryAfter}})
}

type importContractsInput struct {
	DryRun  bool   `query:"dryRun" doc:"Report what would change without changing anything"`
	Org     string `query:"org" maxLength:"32" doc:"Code of the organization the whole file belongs to: fills an empty or absent Organisatie column, and rows of other organizations are refused. A user scoped to one organization always imports for it."`
	RawBody huma.MultipartFormFiles[struct {
		File huma.FormFile `form:"file" required:"true" contentType:"text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/octet-stream" doc:"CSV (UTF-8 or Windows-1252, comma or semicolon) or XLSX laid out as the template (GET /imports/contracts/template.xlsx)"`
	}]
}

type contractImportReportJSON struct {
	DryRun     bool             `json:"dryRun"`
	Rows       int              `json:"rows"`
	Created    []string         `json:"created" doc:"Contracts created (or that would be), as ORGANIZATION/NUMBER"`
	Updated    []string         `json:"updated" doc:"Contracts changed (or that would be), as ORGANIZATION/NUMBER"`
	Unchanged  int              `json:"unchanged"`
	NewVendors []string         `json:"newVendors" doc:"Vendors added (or that would be) for KvK numbers the register did not know"`
	Problems   []rowProblemJSON `json:"problems" doc:"Every bad row; when any, nothing was imported"`
	File       importFileJSON   `json:"file" doc:"How the file was read"`
}

// importFileJSON says how an imported file was read, so that a client
// can tell why accents came out wrong.
type importFileJSON struct {
	Format        string `json:"format" enum:"csv,xlsx" doc:"csv or xlsx, recognised from the content"`
	Encoding      string `json:"encoding,omitempty" enum:"UTF-8,Windows-1252" doc:"CSV only: UTF-8 when the file is valid UTF-8, else Windows-1252 (what Dutch Excel writes for CSV)"`
	ByteOrderMark bool   `json:"byteOrderMark,omitempty" doc:"CSV only: the file began with a UTF-8 byte order mark"`
	Separator     string `json:"separator,omitempty" enum:"comma,semicolon" doc:"CSV only: the field separator, found from the header row"`
}

func toImportFileJSON(f sheet.Format) importFileJSON {
	out := importFileJSON{Format: string(f.Kind), Encoding: string(f.Encoding), ByteOrderMark: f.BOM}
	switch f.Separator {
	case ',':
		out.Separator = "comma"
	case ';':
		out.Separator = "semicolon"
	}
	return out
}

type contractImportOutput struct {
	Body contractImportReportJSON
}

// contractImportProblem is the answer to a file with bad rows: a 422
// problem whose errors name each row and column (file.row[4].Jaarwaarde),
// with the whole report beside them. Any other 422 of the import is a
// plain problem.
type contractImportProblem struct {
	web.Problem
	Report *contractImportReportJSON `json:"report,omitempty" doc:"The whole report, when the file had bad rows"`
}

func toContractImportReportJSON(r contracts.ContractImportReport, f sheet.Format) contractImportReportJSON {
	base := toImportReportJSON(r.ImportReport)
	out := contractImportReportJSON{DryRun: base.DryRun, Rows: base.Rows, Created: base.Created, Updated: base.Updated,
		Unchanged: base.Unchanged, NewVendors: r.NewVendors, Problems: base.Problems, File: toImportFileJSON(f)}
	if out.NewVendors == nil {
		out.NewVendors = []string{}
	}
	return out
}

// importContracts answers 200 with the report, or a 422 problem listing
// every bad row when any row is bad (and nothing was imported). A user
// scoped to one organization imports for it: the service refuses another
// (403).
func (a *api) importContracts(ctx context.Context, in *importContractsInput) (*contractImportOutput, error) {
	f := in.RawBody.Data().File
	defer f.Close()
	scope := web.ScopeFrom(ctx)
	opts := contracts.ContractImportOptions{Organization: in.Org, NoNewVendors: web.VendorEditors.Check(web.UserFrom(ctx), "") != nil}
	if org, ok := scope.Organization(); ok && opts.Organization == "" {
		// The file is read for the user's own organization, whose rows
		// need no Organisatie column; the service would default to it too.
		opts.Organization = org
	}
	if !a.imports.Enter() {
		return nil, errImportsBusy()
	}
	defer a.imports.Leave()
	tab, format, err := a.imports.ReadFormat(f, web.ContractHeader(opts))
	if err != nil {
		return nil, err
	}
	rep, err := a.contracts.ImportContracts(ctx, scope, tab, opts, in.DryRun)
	if errors.Is(err, contracts.ErrImportRejected) {
		report := toContractImportReportJSON(rep, format)
		p := &contractImportProblem{Report: &report}
		p.Status, p.Title = http.StatusUnprocessableEntity, http.StatusText(http.StatusUnprocessableEntity)
		p.Detail = fmt.Sprintf("%d problem(s) in %d row(s); nothing was imported", len(rep.Problems), web.ProblemRows(rep.Problems))
		for _, rp := range rep.Problems {
			p.Errors = append(p.Errors, &web.ProblemField{Location: fmt.Sprintf("file.row[%d].%s", rp.Row, rp.Column), Message: rp.Message()})
		}
		return nil, p
	}
	if err != nil {
		return nil, err
	}
	return &contractImportOutput{Body: toContractImportReportJSON(rep, format)}, nil
}

// contractTemplateResponses documents the template download in the
// OpenAPI document: the body is a workbook, not JSON.
var contractTemplateResponses = map[string]*huma.Response{
	"200": {
		Description: "The template workbook",
		Headers: map[string]*huma.Param{
			"Content-Disposition": {Description: "attachment; filename=" + web.ContractTemplateName, Schema: &huma.Schema{Type: "string"}},
		},
		Content: map[string]*huma.MediaType{web.XLSXType: {Schema: &huma.Schema{Type: "string", Format: "binary"}}},
	},
}

// contractTemplate streams the template workbook of the contract import.
func (a *api) contractTemplate(ctx context.Context, _ *struct{}) (*huma.StreamResponse, error) {
	return &huma.StreamResponse{Body: func(hc huma.Context) {
		hc.SetHeader("Content-Type", web.XLSXType)
		hc.SetHeader("Content-Disposition", `attachment; filename="`+web.ContractTemplateName+`"`)
		hc.SetStatus(http.StatusOK)
		o := exports.TemplateOptions{NewVendors: web.VendorEditors.Check(web.UserFrom(ctx), "") == nil}
		if err := exports.ContractTemplate(hc.BodyWriter(), o); err != nil {
			// The status is sent; all that is left is to log.
			a.log.ErrorContext(ctx, "contract template failed", slog.Any("error", err))
		}
	}}, nil
}
