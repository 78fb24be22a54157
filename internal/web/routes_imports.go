package web

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samenkoop/samenkoop/internal/auth"
)

// contractImporters may import contracts (DESIGN §6): administrators and
// coordinators for any organization, members for their own only (the
// service imports a scoped user's file for its organization and refuses
// another). Finance and management never write.
var contractImporters = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleMember)

// importsAPI registers the imports operations of the JSON API (bearer tokens).
func importsAPI(r *router, a *api) {
	operation(r, huma.Operation{OperationID: "importContracts", Method: http.MethodPost, Path: "/imports/contracts",
		Summary: "Import contracts from a CSV or XLSX register (all or nothing)", Tags: []string{"imports"},
		Description: "Upserts by organization and contract number; importing the same file twice changes nothing. " +
			"Any bad row: 422 listing every problem as file.row[n].<column>, and nothing is written. " +
			"Vendors are found by KvK number or name and added when the file gives a KvK number the register does not know. " +
			"A user scoped to one organization imports for it only: other organizations' rows are problems, and naming another in org answers 403."},
		contractImporters, a.importContracts)
	operation(r, huma.Operation{OperationID: "getContractTemplate", Method: http.MethodGet, Path: "/imports/contracts/template.xlsx",
		Summary: "Download the contract import template (XLSX)", Tags: []string{"imports"},
		Description: "A workbook with the Dutch column names, an example row, lists for every choice and a sheet that documents each column.",
		Responses:   contractTemplateResponses}, auth.AnyUser, a.contractTemplate)
}

// importsPages registers the imports pages of the UI (sessions, CSRF).
func importsPages(r *router, u *ui) {
	r.page(http.MethodGet, "/contracten/importeren", contractImporters, u.importContractsForm)
	r.page(http.MethodPost, "/contracten/importeren", contractImporters, u.importContracts)
	r.page(http.MethodGet, "/contracten/importeren/sjabloon.xlsx", auth.AnyUser, u.downloadContractTemplate)
}
