package web

import (
	"context"
	"errors"
	"io"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// A tender's European notices in eForms XML for TenderNed (issue #18), for
// the API (GET /api/v1/tenders/{id}/eforms?notice=pin|cn|can) and the
// tender page's download (internal/web/ui).

// EFormsType is the media type of an eForms notice.
const EFormsType = "application/xml"

// TenderNotice assembles the tender's notice of kind for scope and
// records it in the tender's notice log (its identifier and version). A
// tender below the EU threshold is a conflict that says, in Dutch, that
// no European notice is needed; a notice that misses fields for
// publication is refused with each of them (422, apperr.FieldErrors).
func TenderNotice(ctx context.Context, svc *procurement.Service, id int64, kind procurement.NoticeKind) (procurement.NoticeView, error) {
	n, err := svc.NoticeView(ctx, ScopeFrom(ctx), id, kind, exports.EFormsFingerprint)
	if errors.Is(err, procurement.ErrNoEuropeanNotice) {
		return n, apperr.WithDetail(apperr.Conflict, nl.NoEuropeanNotice)
	}
	if err != nil {
		return n, err
	}
	return n, n.Err()
}

// NoticeFileName is the Dutch file name of a notice:
// eforms-aankondiging-opdracht-telefonie-2027.xml.
func NoticeFileName(n procurement.NoticeView) string {
	return exportFileName("xml", "eforms", nl.NoticeFileName(n.Notice.Kind), n.Tender.Title)
}

// SendNotice answers with the notice, written in full before the status
// is sent.
func SendNotice(c *fiber.Ctx, ctx context.Context, opts Options, n procurement.NoticeView) error {
	name := NoticeFileName(n)
	return SendFile(c, ctx, opts.Logger, name, true, func() {
		c.Set(fiber.HeaderContentType, EFormsType+"; charset=utf-8")
		c.Set(fiber.HeaderContentDisposition, attachmentDisposition(name))
		c.Set(fiber.HeaderCacheControl, "private, no-store")
	}, func(w io.Writer) error { return exports.EForms(w, n) })
}
