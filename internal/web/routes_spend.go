package web

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samenkoop/samenkoop/internal/auth"
)

// Who may read spend and dependency (DESIGN §6):
//   - spend (the finance view: totals, forecast, peers) is for finance and
//     management, and for administrators and coordinators, who run the
//     cooperative; members are refused (403), their job is demand and
//     contracts, not the budget;
//   - an organization's dependency report is for the same roles and also
//     for members, on their own organization only: it derives from their
//     own contracts, which they keep and see already, and it is what they
//     prepare a tender or an exit with;
//   - the cooperative's concentration and a vendor's reach cover every
//     organization, so only callers scoped to all see them (admin,
//     coordinator, finance and management for all organizations); a
//     scoped finance or management user gets 403 from the service.
//
// A caller scoped to one organization sees only that organization: naming
// another answers 403, the same as the policies do for {code}.
var (
	spendReaders      = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleFinance, auth.RoleManagement)
	dependencyReaders = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleMember, auth.RoleFinance, auth.RoleManagement).ForOrganization("code")
	overviewReaders   = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleFinance, auth.RoleManagement)
)

// spendNote documents, on every spend operation, what the figures are.
const spendNote = "Committed spend per calendar year from licence lines (or the annual value without lines), clipped to each contract's " +
	"active period: tacit renewals count until notice is recorded, express options only once exercised, prices indexed with the " +
	"configured rates (stated in the answer). Money in euro cents, shares in basis points. A year outside 2000–2100 answers 422."

// scopedOnlyNote documents the views that cover every organization.
const scopedOnlyNote = " The view covers every organization: a user scoped to one organization answers 403."

// spendAPI registers the spend, dependency and concentration operations
// of the JSON API (bearer tokens).
func spendAPI(r *router, a *api) {
	heavyOperation(r, huma.Operation{OperationID: "getSpend", Method: http.MethodGet, Path: "/spend",
		Summary: "Committed spend of one year by vendor group, vendor, category or organization", Tags: []string{"spend"},
		Description: spendNote + " Spend per inhabitant is given for organization rows and for a report about one organization. " +
			"A user scoped to one organization gets its own organization's report; naming another answers 403. Members may not read spend (403)."},
		spendReaders, a.spend)
	heavyOperation(r, huma.Operation{OperationID: "getSpendForecast", Method: http.MethodGet, Path: "/spend/forecast",
		Summary: "Committed spend of the coming years (default five)", Tags: []string{"spend"},
		Description: spendNote + " What is not yet contracted is not in it. A user scoped to one organization gets its own organization's forecast."},
		spendReaders, a.spendForecast)
	heavyOperation(r, huma.Operation{OperationID: "getSpendPeers", Method: http.MethodGet, Path: "/spend/peers",
		Summary: "An organization's spend per inhabitant next to its size-class peers (median and quartiles)", Tags: []string{"spend"},
		Description: spendNote + " Peers are the organizations of the same kind and size class with spend in the year; they are not named. " +
			"An organization without a population answers 422."},
		spendReaders, a.spendPeers)
	heavyOperation(r, huma.Operation{OperationID: "getDependency", Method: http.MethodGet, Path: "/organizations/{code}/dependency",
		Summary: "An organization's dependency on its vendors: concentration, lock-in, notice deadlines, exit readiness", Tags: []string{"spend"},
		Description: spendNote + " HHI over vendor groups on the EU scale (below 1,000 unconcentrated, above 2,000 concentrated) with the US " +
			"scale beside it; lock-in scores with the factors that made them."},
		dependencyReaders, a.dependency)
	heavyOperation(r, huma.Operation{OperationID: "getConcentration", Method: http.MethodGet, Path: "/concentration",
		Summary: "Concentration per category across all organizations, and the vendor groups' reach", Tags: []string{"spend"},
		Description: spendNote + " Categories ordered by HHI, highest first; reach counts the organizations for which a vendor group " +
			"holds more than 50 % of a category's spend." + scopedOnlyNote},
		overviewReaders, a.concentration)
	heavyOperation(r, huma.Operation{OperationID: "getVendorReach", Method: http.MethodGet, Path: "/vendors/{id}/reach",
		Summary: "A vendor group's reach: per category its share and the organizations it holds more than half of", Tags: []string{"vendors"},
		Description: spendNote + " Any vendor of the group may be named; the answer is about the whole group." + scopedOnlyNote},
		overviewReaders, a.vendorReach)
}
