package procurement

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// NoticeDetails are what a tender's European notices need beyond its
// terms: the review body that hears appeals, the internet address of the
// procurement documents, and the TenderNed kenmerk and link once the
// tender is announced there. Empty fields are not given yet; the review
// body then is DefaultReviewBody.
type NoticeDetails struct {
	ReviewName     string
	ReviewStreet   string
	ReviewPostcode string
	ReviewCity     string
	// ReviewID is the review body's OIN or KvK number.
	ReviewID     string
	DocumentsURL string
	// TenderNedID is the kenmerk TenderNed gave the announced tender and
	// TenderNedURL the link to it there.
	TenderNedID  string
	TenderNedURL string
}

// ReviewBody is the body that hears appeals (eForms BT-500 of the review
// organization): a district court in the Netherlands.
type ReviewBody struct {
	Name, Street, Postcode, City string
	// ID is its OIN or KvK number, "" when not known.
	ID string
	// NUTS is the region the court sits in.
	NUTS string
}

// DefaultReviewBody is the review body of a tender that names none: the
// district court of The Hague (Rechtbank Den Haag), Prins Clauslaan 60,
// 2595 AJ Den Haag (rechtspraak.nl), in NUTS 2024 region NL361
// (Agglomeratie 's-Gravenhage). A procurement document usually names the
// court of the lead authority's district; the coordinator records it
// then.
var DefaultReviewBody = ReviewBody{Name: "Rechtbank Den Haag", Street: "Prins Clauslaan 60", Postcode: "2595 AJ", City: "Den Haag", NUTS: "NL361"}

// Review returns the tender's review body, or DefaultReviewBody when it
// names none.
func (d NoticeDetails) Review() ReviewBody {
	if d.ReviewName == "" {
		r := DefaultReviewBody
		r.ID = d.ReviewID
		return r
	}
	r := ReviewBody{Name: d.ReviewName, Street: d.ReviewStreet, Postcode: d.ReviewPostcode, City: d.ReviewCity, ID: d.ReviewID}
	if r.City == DefaultReviewBody.City {
		r.NUTS = DefaultReviewBody.NUTS
	}
	return r
}

// validate adds the problems with the details to fe.
func (d NoticeDetails) validate(fe *apperr.FieldErrors) {
	for _, f := range []struct{ field, value string }{
		{"reviewName", d.ReviewName}, {"reviewStreet", d.ReviewStreet}, {"reviewPostcode", d.ReviewPostcode},
		{"reviewCity", d.ReviewCity}, {"reviewId", d.ReviewID}, {"documentsUrl", d.DocumentsURL}, {"tenderNedId", d.TenderNedID},
		{"tenderNedUrl", d.TenderNedURL},
	} {
		if utf8.RuneCountInString(f.value) > 200 {
			fe.Add(f.field, apperr.TooLong, 200)
		}
		contracts.CheckText(fe, f.field, f.value, false)
	}
	if d.DocumentsURL != "" && !contracts.WebAddress(d.DocumentsURL) {
		fe.Add("documentsUrl", apperr.URLFormat)
	}
	if d.TenderNedURL != "" && !contracts.WebAddress(d.TenderNedURL) {
		fe.Add("tenderNedUrl", apperr.URLFormat)
	}
}

// SetNoticeDetails replaces the notice details of tender id, in any
// status: the TenderNed kenmerk and link only exist once the tender is
// announced.
func (s *Service) SetNoticeDetails(ctx context.Context, id int64, d NoticeDetails) error {
	var fe apperr.FieldErrors
	d.validate(&fe)
	if err := fe.Err(); err != nil {
		return fmt.Errorf("procurement: notice details of tender %d: %w", id, err)
	}
	err := s.store.InTx(ctx, func(st Store) error {
		t, err := st.Tender(ctx, id)
		if err != nil {
			return err
		}
		t.NoticeDetails = d
		return st.UpdateTender(ctx, t)
	})
	if err != nil {
		return fmt.Errorf("procurement: notice details of tender %d: %w", id, err)
	}
	return nil
}
