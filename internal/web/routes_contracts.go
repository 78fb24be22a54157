package web

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samenkoop/samenkoop/internal/auth"
)

// Who may change the register (DESIGN §6): vendors are shared by every
// organization, so only administrators and coordinators keep them;
// contracts also members, for their own organization only (the service
// checks the contract's organization against the user's scope). Finance
// and management never write.
var (
	vendorEditors   = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator)
	contractEditors = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleMember)
)

// contractScopeNote documents, on every contract operation, how scope
// works.
const contractScopeNote = "A user scoped to one organization sees and changes only that organization's contracts: " +
	"another organization's contract answers 403 (not 404), the same as the access policy does."

// contractValidationNote documents how bad input is reported.
const contractValidationNote = "Invalid input is rejected whole with one 422 problem listing every invalid field " +
	"(body.<field>, body.licenceLines[i].<field>); nothing is written."

// contractsAPI registers the contracts operations of the JSON API (bearer tokens).
func contractsAPI(r *router, a *api) {
	operation(r, huma.Operation{OperationID: "listVendors", Method: http.MethodGet, Path: "/vendors",
		Summary: "List vendors with their group and number of contracts", Tags: []string{"vendors"}}, auth.AnyUser, a.listVendors)
	operation(r, huma.Operation{OperationID: "createVendor", Method: http.MethodPost, Path: "/vendors",
		Summary: "Register a vendor", Tags: []string{"vendors"}, DefaultStatus: http.StatusCreated,
		Description: contractValidationNote}, vendorEditors, a.createVendor)
	operation(r, huma.Operation{OperationID: "getVendor", Method: http.MethodGet, Path: "/vendors/{id}",
		Summary: "Get a vendor with its group", Tags: []string{"vendors"}}, auth.AnyUser, a.vendor)
	operation(r, huma.Operation{OperationID: "updateVendor", Method: http.MethodPatch, Path: "/vendors/{id}",
		Summary: "Change fields of a vendor", Tags: []string{"vendors"},
		Description: "Fields absent from the body keep their value. " + contractValidationNote}, vendorEditors, a.updateVendor)
	operation(r, huma.Operation{OperationID: "deleteVendor", Method: http.MethodDelete, Path: "/vendors/{id}",
		Summary: "Delete a vendor without contracts or subsidiaries", Tags: []string{"vendors"}, DefaultStatus: http.StatusNoContent,
		Description: "A vendor that still has contracts or subsidiaries answers 409."}, vendorEditors, a.deleteVendor)

	operation(r, huma.Operation{OperationID: "listContracts", Method: http.MethodGet, Path: "/contracts",
		Summary: "List contracts with their renewal and notice dates", Tags: []string{"contracts"},
		Description: "Dates are computed for today (Europe/Amsterdam). A user scoped to one organization sees only its contracts; " +
			"naming another organization in the filter answers 403."}, auth.AnyUser, a.listContracts)
	operation(r, huma.Operation{OperationID: "createContract", Method: http.MethodPost, Path: "/contracts",
		Summary: "Register a contract with its licence lines", Tags: []string{"contracts"}, DefaultStatus: http.StatusCreated,
		Description: contractScopeNote + " " + contractValidationNote}, contractEditors, a.createContract)
	operation(r, huma.Operation{OperationID: "getContract", Method: http.MethodGet, Path: "/contracts/{id}",
		Summary: "Get a contract with its licence lines and computed dates", Tags: []string{"contracts"},
		Description: contractScopeNote}, auth.AnyUser, a.contract)
	operation(r, huma.Operation{OperationID: "updateContract", Method: http.MethodPatch, Path: "/contracts/{id}",
		Summary: "Change fields of a contract", Tags: []string{"contracts"},
		Description: "Fields absent from the body keep their value; licenceLines, when present, replaces every line " +
			"(send [] to remove them all). The result must be valid as a whole. " + contractScopeNote + " " + contractValidationNote},
		contractEditors, a.updateContract)
	operation(r, huma.Operation{OperationID: "deleteContract", Method: http.MethodDelete, Path: "/contracts/{id}",
		Summary: "Delete a contract and its licence lines", Tags: []string{"contracts"}, DefaultStatus: http.StatusNoContent,
		Description: contractScopeNote}, contractEditors, a.deleteContract)
}

// contractsPages registers the contracts pages of the UI (sessions, CSRF).
// The fixed paths (nieuw) come before the :id ones that would match them.
func contractsPages(r *router, u *ui) {
	r.page(http.MethodGet, "/contracten", auth.AnyUser, u.listContracts)
	r.page(http.MethodGet, "/contracten/nieuw", contractEditors, u.newContract)
	r.page(http.MethodGet, "/contracten/export", auth.AnyUser, u.exportContracts)
	r.page(http.MethodPost, "/contracten/nieuw", contractEditors, u.createContract)
	r.page(http.MethodGet, "/contracten/:id", auth.AnyUser, u.contract)
	r.page(http.MethodGet, "/contracten/:id/bewerken", contractEditors, u.editContract)
	r.page(http.MethodPost, "/contracten/:id/bewerken", contractEditors, u.updateContract)
	r.page(http.MethodPost, "/contracten/:id/verwijderen", contractEditors, u.deleteContract)

	r.page(http.MethodGet, "/leveranciers", auth.AnyUser, u.listVendors)
	r.page(http.MethodGet, "/leveranciers/nieuw", vendorEditors, u.newVendor)
	r.page(http.MethodPost, "/leveranciers/nieuw", vendorEditors, u.createVendor)
	r.page(http.MethodGet, "/leveranciers/:id", auth.AnyUser, u.vendor)
	r.page(http.MethodGet, "/leveranciers/:id/bewerken", vendorEditors, u.editVendor)
	r.page(http.MethodPost, "/leveranciers/:id/bewerken", vendorEditors, u.updateVendor)
	r.page(http.MethodPost, "/leveranciers/:id/verwijderen", vendorEditors, u.deleteVendor)
}
