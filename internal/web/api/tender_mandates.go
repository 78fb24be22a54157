package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/sheet"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// A tender's mandates in bulk: one status on one date for many
// participants, and the import of a spreadsheet of mandates.

type bulkMandatesInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		Organizations []string `json:"organizations,omitempty" maxItems:"5000" doc:"Codes of the participants; ignored when all is true"`
		All           bool     `json:"all,omitempty" doc:"Every participant of the tender"`
		Status        string   `json:"status" enum:"requested,signed"`
		Date          string   `json:"date,omitempty" format:"date" doc:"The day the mandates were requested or signed; today when absent"`
		Body          string   `json:"body,omitempty" enum:"college,raad,dagelijks_bestuur,algemeen_bestuur,directie" doc:"The deciding body of signed mandates; absent keeps each one's stored body"`
		Documents     bool     `json:"documents,omitempty" doc:"Scope: draw up and publish the procurement documents"`
		Award         bool     `json:"award,omitempty" doc:"Scope: take the award decision"`
		Litigation    bool     `json:"litigation,omitempty" doc:"Scope: conduct proceedings"`
		Substitution  bool     `json:"substitution,omitempty" doc:"Scope: delegate further"`
	}
}

// setMandates records one status on many participants, all or nothing.
func (a *api) setMandates(ctx context.Context, in *bulkMandatesInput) (*tenderOutput, error) {
	b := in.Body
	var fe apperr.FieldErrors
	bm := procurement.BulkMandate{Organizations: b.Organizations, All: b.All, Status: procurement.MandateStatus(b.Status),
		Body:  procurement.DecidingBody(b.Body),
		Scope: procurement.MandateScope{Documents: b.Documents, Award: b.Award, Litigation: b.Litigation, Substitution: b.Substitution}}
	bm.Date = web.ParseDateField(&fe, "date", b.Date)
	if err := fe.Err(); err != nil {
		return nil, err
	}
	if _, err := a.procurement.SetMandates(ctx, web.ScopeFrom(ctx), in.ID, bm); err != nil {
		return nil, err
	}
	return a.tender(ctx, &tenderIDInput{ID: in.ID})
}

type importMandatesInput struct {
	ID      int64 `path:"id" minimum:"1"`
	DryRun  bool  `query:"dryRun" doc:"Report what would change without changing anything"`
	RawBody huma.MultipartFormFiles[struct {
		File huma.FormFile `form:"file" required:"true" contentType:"text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/octet-stream" doc:"CSV (UTF-8 or Windows-1252, comma or semicolon) or XLSX with the columns Organisatie, Status, Datum and optionally Orgaan, Bevoegdheden, Kenmerk besluit, RIS-link, Mandaatdocument"`
	}]
}

type mandateImportReportJSON struct {
	DryRun    bool             `json:"dryRun"`
	Rows      int              `json:"rows"`
	Updated   []string         `json:"updated" doc:"Participants whose mandate changed (or would), by organization code"`
	Unchanged int              `json:"unchanged"`
	Problems  []rowProblemJSON `json:"problems" doc:"Every bad row; when any, nothing was imported"`
	File      importFileJSON   `json:"file" doc:"How the file was read"`
}

// mandateImportProblem is the answer to a file with bad rows: a 422
// problem whose errors name each row and column (file.row[3].RIS-link)
// with the code and its arguments, and the whole report beside them.
type mandateImportProblem struct {
	web.Problem
	Report *mandateImportReportJSON `json:"report,omitempty" doc:"The whole report, when the file had bad rows"`
}

type mandateImportOutput struct {
	Body mandateImportReportJSON
}

func toMandateImportReportJSON(r procurement.MandateImportReport, f sheet.Format) mandateImportReportJSON {
	out := mandateImportReportJSON{DryRun: r.DryRun, Rows: r.Rows, Updated: r.Updated, Unchanged: r.Unchanged,
		Problems: []rowProblemJSON{}, File: toImportFileJSON(f)}
	if out.Updated == nil {
		out.Updated = []string{}
	}
	for _, p := range r.Problems {
		out.Problems = append(out.Problems, rowProblemJSON{Row: p.Row, Column: p.Column, Message: p.Message()})
	}
	return out
}

// importMandates answers 200 with the report, or a 422 problem listing
// every bad row (and nothing changed).
func (a *api) importMandates(ctx context.Context, in *importMandatesInput) (*mandateImportOutput, error) {
	f := in.RawBody.Data().File
	defer f.Close()
	if !a.imports.Enter() {
		return nil, errImportsBusy()
	}
	defer a.imports.Leave()
	tab, format, err := a.imports.ReadFormat(f, web.MandateHeader)
	if err != nil {
		return nil, err
	}
	rep, err := a.procurement.ImportMandates(ctx, web.ScopeFrom(ctx), in.ID, tab, in.DryRun)
	if errors.Is(err, contracts.ErrImportRejected) {
		report := toMandateImportReportJSON(rep, format)
		p := &mandateImportProblem{Report: &report}
		p.Status, p.Title = http.StatusUnprocessableEntity, http.StatusText(http.StatusUnprocessableEntity)
		p.Detail = fmt.Sprintf("%d problem(s) in %d row(s); nothing was imported", len(rep.Problems), web.ProblemRows(rep.Problems))
		for _, rp := range rep.Problems {
			p.Errors = append(p.Errors, &web.ProblemField{Location: fmt.Sprintf("file.row[%d].%s", rp.Row, rp.Column), Message: rp.Message(),
				Code: rp.Code, Args: rp.Args})
		}
		return nil, p
	}
	if err != nil {
		return nil, err
	}
	return &mandateImportOutput{Body: toMandateImportReportJSON(rep, format)}, nil
}

// tenderMandatesAPI registers the bulk mandate operations.
func tenderMandatesAPI(r *web.Router, a *api) {
	tags := []string{"tenders"}
	web.Operation(r, huma.Operation{OperationID: "setMandates", Method: http.MethodPost, Path: "/tenders/{id}/mandates",
		Summary: "Mark many participants' mandates requested or signed on one date (all or nothing)", Tags: tags,
		Description: "Only before publication (409 after). A signed mandate needs a deciding body and at least one scope, given here or " +
			"stored with the participant; when one participant's would be invalid, or a code is no participant, nothing changes (422)."},
		web.TenderRunners, a.setMandates)
	web.Operation(r, huma.Operation{OperationID: "importMandates", Method: http.MethodPost, Path: "/tenders/{id}/mandates/import",
		Summary: "Import the participants' mandates from a CSV or XLSX file (all or nothing)", Tags: []string{"tenders", "imports"},
		Description: "One row per participant, found by organization code (GM0363 or 363) or name. Status aangevraagd/getekend/ingetrokken " +
			"(or requested/signed/revoked), Datum the day requested or signed; Orgaan, Bevoegdheden (stukken, gunning, procederen, substitutie, alle), " +
			"Kenmerk besluit, RIS-link (an absolute https URL of the council's or college's decision) and Mandaatdocument are optional: an " +
			"empty cell keeps what is stored. Any bad row: 422 listing every problem as file.row[n].<column> with its code, and nothing " +
			"changes. Only before publication (409 after).",
		Errors: []int{http.StatusServiceUnavailable}, Responses: map[string]*huma.Response{"422": web.ProblemResponse[mandateImportProblem](r, importProblemNote)}},
		web.TenderRunners, a.importMandates)
}
