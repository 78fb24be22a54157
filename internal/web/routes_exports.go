package web

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samenkoop/samenkoop/internal/auth"
)

// Who may export (DESIGN §6): the same roles that may read what the
// export holds (routes_spend.go, routes_contracts.go). A caller scoped to
// one organization exports only that organization; naming another
// answers 403, and the cooperative's dependency report is for callers
// scoped to all organizations.
var exportDependencyReaders = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleMember, auth.RoleFinance, auth.RoleManagement)

// exportsAPI registers the export downloads of the JSON API under
// /api/v1/exports: one resource per kind of document, the format a query
// parameter (NLGov ADR: plural resource names; the file is a
// representation of the report).
func exportsAPI(r *router, a *api) {
	heavyOperation(r, huma.Operation{OperationID: "exportDependency", Method: http.MethodGet, Path: "/exports/dependency",
		Summary: "Dependency report (PDF or XLSX) of one organization or the whole cooperative", Tags: []string{"exports"},
		Description: "Concentration (HHI on the EU and US scales, vendor group shares), the contracts with the highest lock-in and why, " +
			"notice deadlines of the next 12 months and exit readiness. Without organization the report covers the whole cooperative, " +
			"which only a user scoped to all organizations may export (403 otherwise).",
		Responses: exportDownloadResponses(pdfType, xlsxType)}, exportDependencyReaders, a.exportDependency)
	heavyOperation(r, huma.Operation{OperationID: "exportSpend", Method: http.MethodGet, Path: "/exports/spend",
		Summary: "Spend workbook (XLSX) for finance: five years by vendor group, vendor, category and organization", Tags: []string{"exports"},
		Description: spendNote + " The workbook holds the forecast, per inhabitant figures and the assumptions; totals and shares are formulas.",
		Responses:   exportDownloadResponses(xlsxType)}, spendReaders, a.exportSpend)
	operation(r, huma.Operation{OperationID: "exportContracts", Method: http.MethodGet, Path: "/exports/contracts",
		Summary: "Every contract the filter selects, as XLSX or CSV, streamed", Tags: []string{"exports"},
		Description: "The filters of GET /contracts (page and pageSize are ignored: every matching contract is written). " +
			"CSV is for a Dutch Excel: semicolons, UTF-8 with a byte order mark, decimal commas, and text a spreadsheet " +
			"could take for a formula prefixed with an apostrophe.",
		Responses: exportDownloadResponses(xlsxType, csvType)}, auth.AnyUser, a.exportContracts)
}

// exportsPages registers the download buttons' routes of the dependency
// and finance pages with the policies of the pages. The cooperative's
// report goes before /afhankelijkheid/:code/rapport, so that
// "samenwerking" is not read as an organization code.
func exportsPages(r *router, u *ui) {
	r.heavyPage(http.MethodGet, "/afhankelijkheid/samenwerking/rapport", overviewReaders, u.exportCooperativeDependency)
	r.heavyPage(http.MethodGet, "/afhankelijkheid/:code/rapport", dependencyReaders, u.exportDependency)
	r.heavyPage(http.MethodGet, "/uitgaven/werkmap", spendReaders, u.exportSpend)
}
