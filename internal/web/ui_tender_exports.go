package web

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/auth"
)

// The download buttons of the tender page: the same files as
// GET /api/v1/tenders/{id}/dossier.xlsx, …/dossier.pdf and …/ocds, behind
// the session instead of a token (api_tender_exports.go).

// tenderExportsPages registers the download buttons' routes of the tender
// page, with the page's policy.
func tenderExportsPages(r *router, u *ui) {
	r.page(http.MethodGet, "/aanbestedingen/:id/dossier.xlsx", auth.AnyUser, u.tenderDossierXLSX)
	r.page(http.MethodGet, "/aanbestedingen/:id/dossier.pdf", auth.AnyUser, u.tenderDossierPDF)
	r.page(http.MethodGet, "/aanbestedingen/:id/ocds.json", auth.AnyUser, u.tenderOCDS)
}

// tenderDownload loads the tender of the :id path parameter for the
// user's scope, then sends the download.
func (u *ui) tenderDownload(c *fiber.Ctx, dl tenderDownload) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	return sendTender(c, c.UserContext(), u.s, v, dl)
}

func (u *ui) tenderDossierXLSX(c *fiber.Ctx) error { return u.tenderDownload(c, dossierXLSX) }

func (u *ui) tenderDossierPDF(c *fiber.Ctx) error { return u.tenderDownload(c, dossierPDF) }

func (u *ui) tenderOCDS(c *fiber.Ctx) error { return u.tenderDownload(c, tenderOCDS) }
