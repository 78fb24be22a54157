package ui

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
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

// The European notices (issue #18): a download per notice kind, or the
// Dutch list of what it still misses for publication, and the TenderNed
// kenmerk with its link once the tender is announced there.

// noticeLink is one notice kind on the tender page.
type noticeLink struct {
	Label, Href string
	Missing     []missingField
}

// missingField is a field a notice misses, in Dutch, with where it is
// filled in ("" when no form fixes it).
type missingField struct{ Text, Fix string }

// eformsBlock is the tender page's block of European notices.
type eformsBlock struct {
	European                  bool
	Notices                   []noticeLink
	TenderNedID, TenderNedURL string
	NoEuropean                string
	// Edit links to the tender's notice details, for those who run
	// tenders.
	Edit string
}

// eformsBlockOf builds the block for the loaded tender.
func (u *ui) eformsBlockOf(c *fiber.Ctx, v procurement.TenderView) (eformsBlock, error) {
	b := eformsBlock{TenderNedID: v.Tender.TenderNedID, TenderNedURL: v.Tender.TenderNedURL}
	if web.TenderRunners.Check(web.CurrentUser(c), v.Tender.Lead) == nil {
		b.Edit = fmt.Sprintf("/aanbestedingen/%d/aankondiging", v.Tender.ID)
	}
	missing, err := u.procurement.NoticesMissing(c.UserContext(), v)
	if err != nil {
		return b, err
	}
	if missing == nil {
		b.NoEuropean = nl.NoEuropeanNotice
		return b, nil
	}
	b.European = true
	for _, k := range procurement.NoticeKinds() {
		l := noticeLink{Label: nl.NoticeKind(k), Href: fmt.Sprintf("/aanbestedingen/%d/eforms-%s.xml", v.Tender.ID, k)}
		for _, m := range missing[k] {
			mf := missingField{Text: nl.FieldMessage(m)}
			if b.Edit != "" {
				mf.Fix = fixLink(v.Tender.ID, m.Field)
			}
			l.Missing = append(l.Missing, mf)
		}
		b.Notices = append(b.Notices, l)
	}
	return b, nil
}

// tenderNotice sends the tender's notice of kind, or the error page: 409
// below the EU threshold, 422 with the missing fields.
func (u *ui) tenderNotice(kind procurement.NoticeKind) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := positiveIDParam(c)
		if err != nil {
			return err
		}
		n, err := web.TenderNotice(c.UserContext(), u.procurement, id, kind)
		if err != nil {
			return err
		}
		return web.SendNotice(c, c.UserContext(), u.r.Options(), n)
	}
}
