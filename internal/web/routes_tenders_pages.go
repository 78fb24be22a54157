package web

import (
	"net/http"

	"github.com/samenkoop/samenkoop/internal/auth"
)

// tendersPages registers the joint-tender pages of the UI (sessions,
// CSRF) with the policies of the API they mirror (routes_tenders.go):
// everyone reads tenders; administrators and coordinators run them
// (tenderRunners); a member acts for its own organization only, on the
// routes with :code (tenderParticipants), and the service refuses every
// change after publication (409). Every change is a POST that answers
// with a redirect (303) to the tender, or with its form again (422) when
// the input is wrong. The fixed path nieuw comes before :id.
func tendersPages(r *router, u *ui) {
	r.page(http.MethodGet, "/aanbestedingen", auth.AnyUser, u.listTenders)
	r.page(http.MethodGet, "/aanbestedingen/nieuw", tenderRunners, u.newTender)
	r.page(http.MethodPost, "/aanbestedingen/nieuw", tenderRunners, u.createTender)
	r.page(http.MethodGet, "/aanbestedingen/:id", auth.AnyUser, u.tender)
	r.page(http.MethodGet, "/aanbestedingen/:id/bewerken", tenderRunners, u.editTender)
	r.page(http.MethodPost, "/aanbestedingen/:id/bewerken", tenderRunners, u.updateTender)
	r.page(http.MethodPost, "/aanbestedingen/:id/verwijderen", tenderRunners, u.deleteTender)
	r.page(http.MethodPost, "/aanbestedingen/:id/status", tenderRunners, u.transitionTender)
	r.page(http.MethodGet, "/aanbestedingen/:id/gunning", tenderRunners, u.awardForm)
	r.page(http.MethodGet, "/aanbestedingen/:id/beoordelingen", auth.AnyUser, u.ratingMatrix)

	r.page(http.MethodPost, "/aanbestedingen/:id/percelen", tenderRunners, u.addLot)
	r.page(http.MethodPost, "/aanbestedingen/:id/percelen/:lot", tenderRunners, u.updateLot)
	r.page(http.MethodPost, "/aanbestedingen/:id/percelen/:lot/verwijderen", tenderRunners, u.deleteLot)
	r.page(http.MethodPost, "/aanbestedingen/:id/eisen", tenderRunners, u.addRequirement)
	r.page(http.MethodPost, "/aanbestedingen/:id/eisen/:requirement", tenderRunners, u.updateRequirement)
	r.page(http.MethodPost, "/aanbestedingen/:id/eisen/:requirement/verwijderen", tenderRunners, u.deleteRequirement)

	r.page(http.MethodPost, "/aanbestedingen/:id/deelnemers", tenderRunners, u.addParticipant)
	r.page(http.MethodGet, "/aanbestedingen/:id/deelnemers/:code", tenderParticipants, u.participant)
	r.page(http.MethodPost, "/aanbestedingen/:id/deelnemers/:code", tenderParticipants, u.setParticipant)
	r.page(http.MethodPost, "/aanbestedingen/:id/deelnemers/:code/verwijderen", tenderParticipants, u.removeParticipant)
	r.page(http.MethodPost, "/aanbestedingen/:id/deelnemers/:code/mandaat", tenderParticipants, u.setMandate)
	r.page(http.MethodPost, "/aanbestedingen/:id/deelnemers/:code/beoordelingen", tenderParticipants, u.rate)
}
