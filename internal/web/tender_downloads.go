package web

import (
	"context"
	"io"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/procurement"
)

// The tender's downloads (issue #7): the dossier as Excel or PDF and the
// OCDS release package, for the API (GET /api/v1/tenders/{id}/dossier.xlsx,
// …/dossier.pdf, …/ocds) and for the download buttons of the tender page
// (internal/web/ui). Whoever
// may read the tender may download it: the tender is loaded for the
// caller's scope, so the current contracts and gaps of other
// organizations stay out of a scoped user's dossier, as on the page.

// OCDSType is the media type of an OCDS release package: JSON.
const OCDSType = "application/json"

// TenderDownload is one of the tender's downloads: the format (a key of
// exportTypes, or "ocds"), the file name and the writer of the file.
type TenderDownload struct {
	format, name string
	write        func(w io.Writer, d exports.Dossier) error
}

// The tender's downloads by format.
var (
	DossierXLSX = TenderDownload{"xlsx", "aanbestedingsdossier", exports.DossierXLSX}
	DossierPDF  = TenderDownload{"pdf", "aanbestedingsdossier", exports.DossierPDF}
	TenderOCDS  = TenderDownload{"ocds", "ocds", exports.OCDS}
)

// fileName is the Dutch file name of the download for tender t:
// aanbestedingsdossier-telefonie-2027.xlsx, ocds-telefonie-2027.json.
func (dl TenderDownload) fileName(t procurement.Tender) string {
	ext := dl.format
	if dl.format == "ocds" {
		ext = "json"
	}
	return exportFileName(ext, dl.name, t.Title)
}

// headers sets the download's Content-Type and Content-Disposition.
func (dl TenderDownload) headers(c *fiber.Ctx, t procurement.Tender) {
	if dl.format != "ocds" {
		SetDownloadHeaders(c, dl.format, dl.fileName(t))
		return
	}
	c.Set(fiber.HeaderContentType, OCDSType+"; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, attachmentDisposition(dl.fileName(t)))
	c.Set(fiber.HeaderCacheControl, "private, no-store")
}

// tenderDossier is the dossier of a loaded tender: generated on the day
// its plan was computed for, so that a fixed clock gives a fixed file, and
// with the OCDS options of the configuration and the address the request
// came to as the package's home.
func tenderDossier(v procurement.TenderView, opts Options, baseURL string) exports.Dossier {
	generated := time.Date(v.Today.Year(), v.Today.Month(), v.Today.Day(), 0, 0, 0, 0, contracts.Amsterdam)
	return exports.NewDossier(v, generated, exports.DossierOptions{OCIDPrefix: opts.OCIDPrefix, BaseURL: baseURL,
		License: opts.OCDSLicense, PublicationPolicy: opts.OCDSPublicationPolicy})
}

// SendTender answers with the download of a loaded tender (SendFile: the
// dossier PDF is rendered before the status is sent); loading (and
// refusing) happened before, so nothing that depends on the caller's
// input can fail once the status is sent. The OCDS package's release is
// first recorded in the tender's publication log (RecordRelease), also
// before the status: its date is when its content was first recorded, so
// an unchanged tender keeps its release id and date.
func SendTender(c *fiber.Ctx, ctx context.Context, opts Options, svc *procurement.Service, v procurement.TenderView, dl TenderDownload) error {
	d := tenderDossier(v, opts, c.BaseURL())
	if dl.format == TenderOCDS.format {
		fingerprint, err := exports.OCDSFingerprint(d)
		if err != nil {
			return err
		}
		released, err := svc.RecordRelease(ctx, v.Tender.ID, fingerprint)
		if err != nil {
			return err
		}
		d.Released = released
	}
	return SendFile(c, ctx, opts.Logger, dl.fileName(v.Tender), dl.format == "pdf", func() { dl.headers(c, v.Tender) },
		func(w io.Writer) error { return dl.write(w, d) })
}
