package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/sheet"
)

// xlsxType is the media type of an XLSX workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// contractTemplateName is the file name the template downloads as.
const contractTemplateName = "samenkoop-contracten-sjabloon.xlsx"

// importRetryAfter is how long, in seconds, an import refused for want of
// a slot is told to wait: about what one large import takes.
const importRetryAfter = "30"

// importGate lets at most a few spreadsheet imports run at once, API and
// UI together: reading and checking a large file costs memory and CPU,
// and the other organizations on the server must not pay for a queue of
// them. An import finding every slot taken is refused (503 with
// Retry-After), never queued. A nil gate admits every import within
// sheet.DefaultLimits.
type importGate struct {
	slots  *slots
	limits sheet.Limits
}

// newImportGate admits n imports at once (2 when n is not positive), each
// read within limits.
func newImportGate(limits sheet.Limits, n int) *importGate {
	return &importGate{slots: newSlots(n, 0), limits: limits}
}

// enter takes a slot, or reports false when every slot is taken. Whoever
// entered calls leave.
func (g *importGate) enter() bool {
	return g == nil || g.slots.acquire(context.Background())
}

func (g *importGate) leave() {
	if g != nil {
		g.slots.release()
	}
}

// read reads a table from f within the gate's limits, handing the header
// to check before the body is read.
func (g *importGate) read(f io.Reader, check func(header []string) error) (contracts.Table, error) {
	lim := sheet.DefaultLimits
	if g != nil {
		lim = g.limits
	}
	return sheet.ReadChecked(f, lim, check)
}

// errImportsBusy is the API's answer to an import that finds every slot
// taken.
func errImportsBusy() error {
	return huma.ErrorWithHeaders(huma.Error503ServiceUnavailable("too many imports are running; try again in "+importRetryAfter+" seconds"),
		http.Header{"Retry-After": {importRetryAfter}})
}

// contractHeader refuses a header that lacks a required column of the
// contract import, so that such a file is refused before its rows are read.
func contractHeader(opts contracts.ContractImportOptions) func([]string) error {
	return func(header []string) error {
		_, _, err := contracts.ParseContractTable(contracts.Table{Header: header}, opts)
		return err
	}
}

type importContractsInput struct {
	DryRun  bool   `query:"dryRun" doc:"Report what would change without changing anything"`
	Org     string `query:"org" maxLength:"32" doc:"Code of the organization the whole file belongs to: fills an empty or absent Organisatie column, and rows of other organizations are refused. A user scoped to one organization always imports for it."`
	RawBody huma.MultipartFormFiles[struct {
		File huma.FormFile `form:"file" required:"true" contentType:"text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/octet-stream" doc:"CSV (UTF-8, comma or semicolon) or XLSX laid out as the template (GET /imports/contracts/template.xlsx)"`
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
}

type contractImportOutput struct {
	Body contractImportReportJSON
}

// contractImportProblem is the answer to a file with bad rows: a 422
// problem whose errors name each row and column (file.row[4].Jaarwaarde),
// with the whole report beside them.
type contractImportProblem struct {
	huma.ErrorModel
	Report contractImportReportJSON `json:"report"`
}

func toContractImportReportJSON(r contracts.ContractImportReport) contractImportReportJSON {
	base := toImportReportJSON(r.ImportReport)
	out := contractImportReportJSON{DryRun: base.DryRun, Rows: base.Rows, Created: base.Created, Updated: base.Updated,
		Unchanged: base.Unchanged, NewVendors: r.NewVendors, Problems: base.Problems}
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
	scope := scopeFrom(ctx)
	opts := contracts.ContractImportOptions{Organization: in.Org, NoNewVendors: vendorEditors.Check(userFrom(ctx), "") != nil}
	if org, ok := scope.Organization(); ok && opts.Organization == "" {
		// The file is read for the user's own organization, whose rows
		// need no Organisatie column; the service would default to it too.
		opts.Organization = org
	}
	if !a.imports.enter() {
		return nil, errImportsBusy()
	}
	defer a.imports.leave()
	tab, err := a.imports.read(f, contractHeader(opts))
	if err != nil {
		return nil, a.problem(ctx, "body", err)
	}
	rep, err := a.contracts.ImportContracts(ctx, scope, tab, opts, in.DryRun)
	if errors.Is(err, contracts.ErrImportRejected) {
		p := &contractImportProblem{Report: toContractImportReportJSON(rep)}
		p.Status, p.Title = http.StatusUnprocessableEntity, "Unprocessable Entity"
		p.Detail = fmt.Sprintf("%d problem(s) in %d row(s); nothing was imported", len(rep.Problems), problemRows(rep.Problems))
		for _, rp := range rep.Problems {
			p.Errors = append(p.Errors, &huma.ErrorDetail{Location: fmt.Sprintf("file.row[%d].%s", rp.Row, rp.Column), Message: rp.Message})
		}
		return nil, p
	}
	if err != nil {
		return nil, a.problem(ctx, "body", err)
	}
	return &contractImportOutput{Body: toContractImportReportJSON(rep)}, nil
}

// problemRows counts the rows with a problem.
func problemRows(problems []contracts.RowProblem) int {
	rows := map[int]bool{}
	for _, p := range problems {
		rows[p.Row] = true
	}
	return len(rows)
}

// contractTemplateResponses documents the template download in the
// OpenAPI document: the body is a workbook, not JSON.
var contractTemplateResponses = map[string]*huma.Response{
	"200": {
		Description: "The template workbook",
		Headers: map[string]*huma.Param{
			"Content-Disposition": {Description: "attachment; filename=" + contractTemplateName, Schema: &huma.Schema{Type: "string"}},
		},
		Content: map[string]*huma.MediaType{xlsxType: {Schema: &huma.Schema{Type: "string", Format: "binary"}}},
	},
}

// contractTemplate streams the template workbook of the contract import.
func (a *api) contractTemplate(ctx context.Context, _ *struct{}) (*huma.StreamResponse, error) {
	return &huma.StreamResponse{Body: func(hc huma.Context) {
		hc.SetHeader("Content-Type", xlsxType)
		hc.SetHeader("Content-Disposition", `attachment; filename="`+contractTemplateName+`"`)
		hc.SetStatus(http.StatusOK)
		if err := exports.ContractTemplate(hc.BodyWriter()); err != nil {
			// The status is sent; all that is left is to log.
			a.log.ErrorContext(ctx, "contract template failed", slog.Any("error", err))
		}
	}}, nil
}
