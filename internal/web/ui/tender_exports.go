package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/web"
)

// The download buttons of the tender page: the same files as
// GET /api/v1/tenders/{id}/dossier.xlsx, …/dossier.pdf and …/ocds, behind
// the session instead of a token (internal/web/tender_downloads.go).

// tenderDownload loads the tender of the :id path parameter for the
// user's scope, then sends the download.
func (u *ui) tenderDownload(c *fiber.Ctx, dl web.TenderDownload) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	return web.SendTender(c, c.UserContext(), u.r.Options(), u.procurement, v, dl)
}

func (u *ui) tenderDossierXLSX(c *fiber.Ctx) error { return u.tenderDownload(c, web.DossierXLSX) }

func (u *ui) tenderDossierPDF(c *fiber.Ctx) error { return u.tenderDownload(c, web.DossierPDF) }

func (u *ui) tenderOCDS(c *fiber.Ctx) error { return u.tenderDownload(c, web.TenderOCDS) }
