package web

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samenkoop/samenkoop/internal/auth"
)

// Who may do what with joint tenders and demand (DESIGN §4, §6):
//   - every user reads tenders: joining one starts with seeing it. What a
//     tender shows of other organizations' contracts (current contracts
//     and their gaps) is limited to the caller's scope;
//   - administrators and coordinators run tenders: terms, lots,
//     requirements, the lifecycle, and any participant;
//   - a member joins and leaves with its own organization, records its
//     volumes, its mandate and its ratings ({code} must be its own), and
//     only while the tender collects participants (409 after publication);
//   - demand is registered per organization: members for their own,
//     coordinators and administrators for any; everyone reads the demand
//     in scope. Finance and management read it.
var (
	tenderRunners      = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator)
	tenderParticipants = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleMember).ForOrganization("code")
	demandEditors      = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleMember)
)

// tenderNote documents money and dates on every tender operation.
const tenderNote = "Money in euro cents excluding VAT; dates ISO 8601 calendar dates in Europe/Amsterdam. " +
	"Terms, lots and requirements change only before publication (409 after)."

// tendersAPI registers the tender and demand operations of the JSON API.
func tendersAPI(r *router, a *api) {
	tags := []string{"tenders"}
	operation(r, huma.Operation{OperationID: "listTenders", Method: http.MethodGet, Path: "/tenders",
		Summary: "List joint tenders, newest first", Tags: tags, Description: tenderNote}, auth.AnyUser, a.listTenders)
	operation(r, huma.Operation{OperationID: "createTender", Method: http.MethodPost, Path: "/tenders",
		Summary: "Create a draft joint tender", Tags: tags, DefaultStatus: http.StatusCreated, Description: tenderNote}, tenderRunners, a.createTender)
	operation(r, huma.Operation{OperationID: "getTender", Method: http.MethodGet, Path: "/tenders/{id}",
		Summary: "A tender with its lots, participants, requirements and plan (value, procedure, timeline, gaps, consolidation)", Tags: tags,
		Description: tenderNote + " The plan is computed for today; every determination carries its reasoning and legal basis in Dutch."}, auth.AnyUser, a.tender)
	operation(r, huma.Operation{OperationID: "updateTender", Method: http.MethodPut, Path: "/tenders/{id}",
		Summary: "Replace a tender's terms", Tags: tags, Description: tenderNote}, tenderRunners, a.updateTender)
	operation(r, huma.Operation{OperationID: "deleteTender", Method: http.MethodDelete, Path: "/tenders/{id}",
		Summary: "Delete a draft or cancelled tender", Tags: tags, DefaultStatus: http.StatusNoContent}, tenderRunners, a.deleteTender)
	operation(r, huma.Operation{OperationID: "transitionTender", Method: http.MethodPost, Path: "/tenders/{id}/transitions",
		Summary: "Move a tender through its lifecycle", Tags: tags,
		Description: "draft → collecting → mandating → published → evaluating → awarded → contracted → closed; cancelled before contracted. " +
			"Publishing needs every participant's signed mandate and freezes the participant list; awarding needs the tender deadline passed " +
			"and the vendor per lot; contracted needs the standstill over (Aw 2012 art. 2.127) and creates one call-off contract per participant " +
			"and lot in the register, in the same transaction. An unmet guard answers 409 naming it."}, tenderRunners, a.transitionTender)
	operation(r, huma.Operation{OperationID: "createLot", Method: http.MethodPost, Path: "/tenders/{id}/lots",
		Summary: "Add a lot", Tags: tags, DefaultStatus: http.StatusCreated, Description: tenderNote}, tenderRunners, a.createLot)
	operation(r, huma.Operation{OperationID: "updateLot", Method: http.MethodPut, Path: "/tenders/{id}/lots/{lotId}",
		Summary: "Change a lot", Tags: tags, Description: tenderNote}, tenderRunners, a.updateLot)
	operation(r, huma.Operation{OperationID: "deleteLot", Method: http.MethodDelete, Path: "/tenders/{id}/lots/{lotId}",
		Summary: "Remove a lot", Tags: tags, DefaultStatus: http.StatusNoContent}, tenderRunners, a.deleteLot)
	operation(r, huma.Operation{OperationID: "addParticipantsFromDemand", Method: http.MethodPost, Path: "/tenders/{id}/participants/from-demand",
		Summary: "Add every organization with submitted demand in the tender's category", Tags: tags,
		Description: "Each joins with its demand's quantity in the lot of the same unit (else the first lot), valued at the lot's unit price or else " +
			"its annual budget; its mandate starts as requested. All or none, only before publication."}, tenderRunners, a.addFromDemand)
	operation(r, huma.Operation{OperationID: "setParticipant", Method: http.MethodPut, Path: "/tenders/{id}/participants/{code}",
		Summary: "Join a tender or change the volumes per lot", Tags: tags,
		Description: tenderNote + " A new participant's mandate starts as requested. A member acts for its own organization only."}, tenderParticipants, a.setParticipant)
	operation(r, huma.Operation{OperationID: "removeParticipant", Method: http.MethodDelete, Path: "/tenders/{id}/participants/{code}",
		Summary: "Leave a tender", Tags: tags, DefaultStatus: http.StatusNoContent}, tenderParticipants, a.removeParticipant)
	operation(r, huma.Operation{OperationID: "setMandate", Method: http.MethodPut, Path: "/tenders/{id}/participants/{code}/mandate",
		Summary: "Record a participant's mandate", Tags: tags,
		Description: "Status requested, signed or revoked; a signed mandate needs its date, deciding body and at least one scope."}, tenderParticipants, a.setMandate)
	operation(r, huma.Operation{OperationID: "rateRequirements", Method: http.MethodPut, Path: "/tenders/{id}/participants/{code}/ratings",
		Summary: "Rate the tender's requirements (MoSCoW)", Tags: tags,
		Description: "Each rating is must, should, could or wont; an empty rating removes it. All or nothing."}, tenderParticipants, a.rate)
	operation(r, huma.Operation{OperationID: "createRequirement", Method: http.MethodPost, Path: "/tenders/{id}/requirements",
		Summary: "Add a requirement", Tags: tags, DefaultStatus: http.StatusCreated}, tenderRunners, a.createRequirement)
	operation(r, huma.Operation{OperationID: "updateRequirement", Method: http.MethodPut, Path: "/tenders/{id}/requirements/{requirementId}",
		Summary: "Change a requirement", Tags: tags}, tenderRunners, a.updateRequirement)
	operation(r, huma.Operation{OperationID: "deleteRequirement", Method: http.MethodDelete, Path: "/tenders/{id}/requirements/{requirementId}",
		Summary: "Remove a requirement with its ratings", Tags: tags, DefaultStatus: http.StatusNoContent}, tenderRunners, a.deleteRequirement)
	operation(r, huma.Operation{OperationID: "getProcurementPolicy", Method: http.MethodGet, Path: "/organizations/{code}/procurement-policy",
		Summary: "An organization's procurement-policy bands below the EU threshold", Tags: []string{"organizations"},
		Description: "assumption is true while the organization has set none and the defaults (single-source below € 50.000) apply."}, auth.AnyUser, a.policyBands)
	operation(r, huma.Operation{OperationID: "setProcurementPolicy", Method: http.MethodPut, Path: "/organizations/{code}/procurement-policy",
		Summary: "Set an organization's procurement-policy bands", Tags: []string{"organizations"}}, tenderRunners, a.setPolicyBands)

	dtags := []string{"demand"}
	operation(r, huma.Operation{OperationID: "listDemand", Method: http.MethodGet, Path: "/demand",
		Summary: "Registered demand in the caller's scope, by desired start", Tags: dtags}, auth.AnyUser, a.listDemand)
	operation(r, huma.Operation{OperationID: "demandByCategory", Method: http.MethodGet, Path: "/demand/by-category",
		Summary: "Demand per category across the organizations in scope", Tags: dtags}, auth.AnyUser, a.demandByCategory)
	operation(r, huma.Operation{OperationID: "createDemand", Method: http.MethodPost, Path: "/demand",
		Summary: "Register demand", Tags: dtags, DefaultStatus: http.StatusCreated}, demandEditors, a.createDemand)
	operation(r, huma.Operation{OperationID: "getDemand", Method: http.MethodGet, Path: "/demand/{id}",
		Summary: "Get registered demand", Tags: dtags}, auth.AnyUser, a.demand)
	operation(r, huma.Operation{OperationID: "updateDemand", Method: http.MethodPut, Path: "/demand/{id}",
		Summary: "Replace registered demand", Tags: dtags}, demandEditors, a.updateDemand)
	operation(r, huma.Operation{OperationID: "deleteDemand", Method: http.MethodDelete, Path: "/demand/{id}",
		Summary: "Delete registered demand", Tags: dtags, DefaultStatus: http.StatusNoContent}, demandEditors, a.deleteDemand)
}
