package api

import (
	"context"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humafiber"
	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/web"
)

// The export downloads of the API (GET /api/v1/exports/…): the files are
// built in internal/web (downloads.go), which the pages' download buttons
// share.

// exportDownloadResponses documents a download in the OpenAPI document:
// the body is a file of one of the media types, not JSON.
func exportDownloadResponses(types ...string) map[string]*huma.Response {
	content := map[string]*huma.MediaType{}
	for _, t := range types {
		content[t] = &huma.MediaType{Schema: &huma.Schema{Type: "string", Format: "binary"}}
	}
	return map[string]*huma.Response{"200": {
		Description: "The file",
		Headers: map[string]*huma.Param{
			"Content-Disposition": {Description: `attachment; filename="…"; filename*=UTF-8''… (RFC 6266): a Dutch file name`, Schema: &huma.Schema{Type: "string"}},
		},
		Content: content,
	}}
}

// download answers with the file write produces (web.SendFile): a PDF is
// rendered in full before the status is sent, so that a failure is a 500
// problem; a workbook or CSV streams, and a failure part-way aborts the
// connection. Anything that can fail for the caller's input must fail
// before download is called.
func (a *api) download(ctx context.Context, format, name string, write web.ExportWriter) (*huma.StreamResponse, error) {
	return &huma.StreamResponse{Body: func(hc huma.Context) {
		c := humafiber.Unwrap(hc)
		err := web.SendFile(c, ctx, a.log, name, format == "pdf", func() { web.SetDownloadHeaders(c, format, name) }, write)
		sendError(c, err)
	}}, nil
}

// sendError hands an error met inside a huma stream body, where it
// cannot be returned, to the error handler: a problem+json response.
func sendError(c *fiber.Ctx, err error) {
	if err == nil {
		return
	}
	if herr := c.App().ErrorHandler(c, err); herr != nil {
		_ = c.SendStatus(fiber.StatusInternalServerError)
	}
}

type exportDependencyInput struct {
	Organization string `query:"organization" maxLength:"32" example:"GM0363" doc:"The organization; without it the whole cooperative (only for users scoped to all organizations). A user scoped to one organization gets its own."`
	Year         int    `query:"year" minimum:"2000" maximum:"2100" doc:"Year of the spend the shares are taken from; default the current year"`
	Format       string `query:"format" enum:"pdf,xlsx" default:"pdf"`
}

func (a *api) exportDependency(ctx context.Context, in *exportDependencyInput) (*huma.StreamResponse, error) {
	scope := web.ScopeFrom(ctx)
	name, write, err := web.DependencyExport(ctx, a.contracts, scope, web.SpendOrganization(scope, in.Organization), a.yearOr(in.Year), in.Format)
	if err != nil {
		return nil, err
	}
	return a.download(ctx, in.Format, name, write)
}

type exportSpendInput struct {
	Organization string `query:"organization" maxLength:"32" example:"GM0363" doc:"Only this organization; a user scoped to one organization gets its own"`
	Year         int    `query:"year" minimum:"2000" maximum:"2096" doc:"First of the five years; default the current year"`
}

func (a *api) exportSpend(ctx context.Context, in *exportSpendInput) (*huma.StreamResponse, error) {
	name, write, err := web.SpendExport(ctx, a.contracts, web.ScopeFrom(ctx), in.Organization, a.yearOr(in.Year))
	if err != nil {
		return nil, err
	}
	return a.download(ctx, "xlsx", name, write)
}

type exportContractsInput struct {
	ContractListQuery
	Format string `query:"format" enum:"xlsx,csv" default:"xlsx"`
}

func (a *api) exportContracts(ctx context.Context, in *exportContractsInput) (*huma.StreamResponse, error) {
	f, err := a.contractFilter(ctx, &in.ContractListQuery)
	if err != nil {
		return nil, err
	}
	name, write := web.ContractsExport(ctx, a.contracts, web.ScopeFrom(ctx), f, in.Format)
	return a.download(ctx, in.Format, name, write)
}

// contractFilter turns the contract list's query into a filter within the
// caller's scope, as listContracts does; paging is ignored.
func (a *api) contractFilter(ctx context.Context, in *ContractListQuery) (contracts.ContractFilter, error) {
	// The list streams: the service is asked before the status is sent.
	if err := a.contracts.CheckScope(web.ScopeFrom(ctx), in.Organization); err != nil {
		return contracts.ContractFilter{}, err
	}
	var fe apperr.FieldErrors
	f := in.filter(&fe)
	if err := fe.Err(); err != nil {
		return f, err
	}
	return f, nil
}

// tenderDownload loads the tender for the caller's scope, then sends the
// download.
func (a *api) tenderDownload(ctx context.Context, id int64, dl web.TenderDownload) (*huma.StreamResponse, error) {
	v, err := a.procurement.Tender(ctx, web.ScopeFrom(ctx), id)
	if err != nil {
		return nil, err
	}
	return &huma.StreamResponse{Body: func(hc huma.Context) {
		c := humafiber.Unwrap(hc)
		sendError(c, web.SendTender(c, ctx, a.opts, a.procurement, v, dl))
	}}, nil
}
