package web

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humafiber"
	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/procurement"
)

// The tender's downloads (issue #7): the dossier as Excel or PDF and the
// OCDS release package, for the API (GET /api/v1/tenders/{id}/dossier.xlsx,
// …/dossier.pdf, …/ocds) and for the download buttons of the tender page
// (ui_tender_exports.go). Whoever
// may read the tender may download it: the tender is loaded for the
// caller's scope, so the current contracts and gaps of other
// organizations stay out of a scoped user's dossier, as on the page.

// ocdsType is the media type of an OCDS release package: JSON.
const ocdsType = "application/json"

// tenderExportsAPI registers the tender's downloads in the JSON API.
func tenderExportsAPI(r *router, a *api) {
	tags := []string{"tenders", "exports"}
	dossier := "The tender dossier: summary with the procedure and its reasoning, the estimated value per lot with every option counted, " +
		"participants with mandates and volumes, lots, the requirement matrix with conflicts, the planning with the legal basis of every " +
		"milestone, current contracts with their gaps, and the assumptions. Current contracts are those in the caller's scope."
	download := func(dl tenderDownload) func(context.Context, *tenderIDInput) (*huma.StreamResponse, error) {
		return func(ctx context.Context, in *tenderIDInput) (*huma.StreamResponse, error) {
			return a.tenderDownload(ctx, r.s, in.ID, dl)
		}
	}
	operation(r, huma.Operation{OperationID: "exportTenderDossierXLSX", Method: http.MethodGet, Path: "/tenders/{id}/dossier.xlsx",
		Summary: "The tender dossier as an Excel workbook", Tags: tags,
		Description: dossier + " Amounts and dates are typed cells; totals are SUM formulas.",
		Responses:   exportDownloadResponses(xlsxType)}, auth.AnyUser, download(dossierXLSX))
	operation(r, huma.Operation{OperationID: "exportTenderDossierPDF", Method: http.MethodGet, Path: "/tenders/{id}/dossier.pdf",
		Summary: "The tender dossier as a PDF", Tags: tags, Description: dossier + " With a cover, contents and a timeline chart.",
		Responses: exportDownloadResponses(pdfType)}, auth.AnyUser, download(dossierPDF))
	operation(r, huma.Operation{OperationID: "exportTenderOCDS", Method: http.MethodGet, Path: "/tenders/{id}/ocds",
		Summary: "The tender as an OCDS 1.1.5 release package with the lots extension", Tags: tags,
		Description: "One release, a snapshot of the tender: parties (every participant a buyer, the lead authority the procuring " +
			"entity, awarded vendors suppliers), the tender with its lots, estimated value, procurement method and planned periods, " +
			"the awards per lot and one contract per call-off. The ocid is the configured prefix, a dash and the tender id.",
		Responses: exportDownloadResponses(ocdsType)}, auth.AnyUser, download(tenderOCDS))
}

// tenderDownload is one of the tender's downloads: the format (a key of
// exportTypes, or "ocds"), the file name and the writer of the file.
type tenderDownload struct {
	format, name string
	write        func(w io.Writer, d exports.Dossier) error
}

// The tender's downloads by format.
var (
	dossierXLSX = tenderDownload{"xlsx", "aanbestedingsdossier", exports.DossierXLSX}
	dossierPDF  = tenderDownload{"pdf", "aanbestedingsdossier", exports.DossierPDF}
	tenderOCDS  = tenderDownload{"ocds", "ocds", exports.OCDS}
)

// fileName is the Dutch file name of the download for tender t:
// aanbestedingsdossier-telefonie-2027.xlsx, ocds-telefonie-2027.json.
func (dl tenderDownload) fileName(t procurement.Tender) string {
	ext := dl.format
	if dl.format == "ocds" {
		ext = "json"
	}
	return exportFileName(ext, dl.name, t.Title)
}

// headers sets the download's Content-Type and Content-Disposition.
func (dl tenderDownload) headers(c *fiber.Ctx, t procurement.Tender) {
	if dl.format != "ocds" {
		setDownloadHeaders(c, dl.format, dl.fileName(t))
		return
	}
	c.Set(fiber.HeaderContentType, ocdsType+"; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, attachmentDisposition(dl.fileName(t)))
	c.Set(fiber.HeaderCacheControl, "private, no-store")
}

// tenderDossier is the dossier of a loaded tender: generated on the day
// its plan was computed for, so that a fixed clock gives a fixed file, and
// with the OCDS prefix of the configuration and the address the request
// came to as the package's home.
func tenderDossier(v procurement.TenderView, opts Options, baseURL string) exports.Dossier {
	generated := time.Date(v.Today.Year(), v.Today.Month(), v.Today.Day(), 0, 0, 0, 0, contracts.Amsterdam)
	return exports.NewDossier(v, generated, exports.DossierOptions{OCIDPrefix: opts.OCIDPrefix, BaseURL: baseURL})
}

// sendTender answers with the download of a loaded tender (sendFile: the
// dossier PDF is rendered before the status is sent); loading (and
// refusing) happened before, so nothing that depends on the caller's
// input can fail once the status is sent.
func sendTender(c *fiber.Ctx, ctx context.Context, s *server, v procurement.TenderView, dl tenderDownload) error {
	d := tenderDossier(v, s.opts, c.BaseURL())
	return sendFile(c, ctx, s.log, dl.fileName(v.Tender), dl.format == "pdf", func() { dl.headers(c, v.Tender) },
		func(w io.Writer) error { return dl.write(w, d) })
}

// tenderDownload loads the tender for the caller's scope, then sends the
// download.
func (a *api) tenderDownload(ctx context.Context, s *server, id int64, dl tenderDownload) (*huma.StreamResponse, error) {
	v, err := a.procurement.Tender(ctx, scopeFrom(ctx), id)
	if err != nil {
		return nil, a.problem(ctx, "path", err)
	}
	return &huma.StreamResponse{Body: func(hc huma.Context) {
		c := humafiber.Unwrap(hc)
		sendError(c, sendTender(c, ctx, s, v, dl))
	}}, nil
}
