package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humafiber"

	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// noticeDetailsJSON are a tender's notice details.
type noticeDetailsJSON struct {
	ReviewName     string `json:"reviewName,omitempty" doc:"Review body (court that hears appeals); empty: Rechtbank Den Haag" example:"Rechtbank Den Haag"`
	ReviewStreet   string `json:"reviewStreet,omitempty" example:"Prins Clauslaan 60"`
	ReviewPostcode string `json:"reviewPostcode,omitempty" example:"2595 AJ"`
	ReviewCity     string `json:"reviewCity,omitempty" example:"Den Haag"`
	ReviewID       string `json:"reviewId,omitempty" doc:"OIN or KvK number of the review body"`
	DocumentsURL   string `json:"documentsUrl,omitempty" doc:"Internet address of the procurement documents (https)"`
	TenderNedID    string `json:"tenderNedId,omitempty" doc:"Kenmerk of the tender on TenderNed" example:"420042"`
	TenderNedURL   string `json:"tenderNedUrl,omitempty" doc:"Link to the tender on TenderNed (https)"`
}

func toNoticeDetailsJSON(d procurement.NoticeDetails) noticeDetailsJSON {
	return noticeDetailsJSON{ReviewName: d.ReviewName, ReviewStreet: d.ReviewStreet, ReviewPostcode: d.ReviewPostcode, ReviewCity: d.ReviewCity,
		ReviewID: d.ReviewID, DocumentsURL: d.DocumentsURL, TenderNedID: d.TenderNedID, TenderNedURL: d.TenderNedURL}
}

type noticeDetailsInput struct {
	ID   int64 `path:"id" minimum:"1" example:"1"`
	Body noticeDetailsJSON
}

type noticeDetailsOutput struct {
	Body noticeDetailsJSON
}

type tenderNoticeInput struct {
	ID     int64  `path:"id" minimum:"1" example:"1"`
	Notice string `query:"notice" enum:"pin,cn,can" default:"cn" doc:"pin: prior information notice (subtype 4, or 7 when it shortens the time limits); cn: contract notice (16, or 20 under the light regime); can: contract award notice (29, or 33)"`
}

// tenderEFormsAPI registers the tender's European notice and its
// notice details.
func tenderEFormsAPI(r *web.Router, a *api, tags []string) {
	web.Operation(r, huma.Operation{OperationID: "setTenderNoticeDetails", Method: http.MethodPut, Path: "/tenders/{id}/notice-details",
		Summary: "Replace a tender's notice details: review body, documents address, TenderNed kenmerk and link", Tags: []string{"tenders"},
		Description: "In any status: the TenderNed kenmerk and link exist only once the tender is announced. Empty fields are not given; " +
			"without a review body the notices name Rechtbank Den Haag."}, web.TenderRunners,
		func(ctx context.Context, in *noticeDetailsInput) (*noticeDetailsOutput, error) {
			b := in.Body
			d := procurement.NoticeDetails{ReviewName: b.ReviewName, ReviewStreet: b.ReviewStreet, ReviewPostcode: b.ReviewPostcode,
				ReviewCity: b.ReviewCity, ReviewID: b.ReviewID, DocumentsURL: b.DocumentsURL, TenderNedID: b.TenderNedID, TenderNedURL: b.TenderNedURL}
			if err := a.procurement.SetNoticeDetails(ctx, in.ID, d); err != nil {
				return nil, err
			}
			return &noticeDetailsOutput{Body: toNoticeDetailsJSON(d)}, nil
		})
	web.ExportOperation(r, huma.Operation{OperationID: "exportTenderEForms", Method: http.MethodGet, Path: "/tenders/{id}/eforms",
		Summary: "The tender's European notice as eForms XML (UBL 2.3, eForms SDK 1.15) for TenderNed", Tags: tags,
		Description: "The prior information, contract or award notice of a tender at or above the EU threshold, schema-valid against " +
			"the SDK's XSD: every participant with a signed mandate is a buyer with its organization data, the lead authority the " +
			"group leader; the lots with CPV codes, place of performance, estimated value, term and renewals, award criteria, the " +
			"procedure and the tender deadline of the plan; the award notice has the winner per lot and the call-off contracts. " +
			"The notice identifier (UUID) and version are kept with the tender: the same content is the same notice, changed " +
			"content a new version of it. 409 when the tender is below the EU threshold (no European notice needed); 422 lists " +
			"each field the notice still misses for publication by name (organizations.GM0363.city, documentsUrl, …).",
		Errors:    []int{http.StatusConflict},
		Responses: exportDownloadResponses(web.EFormsType)}, auth.AnyUser,
		func(ctx context.Context, in *tenderNoticeInput) (*huma.StreamResponse, error) {
			n, err := web.TenderNotice(ctx, a.procurement, in.ID, procurement.NoticeKind(in.Notice))
			if err != nil {
				return nil, err
			}
			return &huma.StreamResponse{Body: func(hc huma.Context) {
				c := humafiber.Unwrap(hc)
				sendError(c, web.SendNotice(c, ctx, a.opts, n))
			}}, nil
		})
}
