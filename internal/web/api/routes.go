package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/web"
)

// routes registers every operation of the JSON API under /api/v1 (bearer
// tokens only) with its policy, by resource. A reader learns the whole
// API, and who may call each operation, here.
func routes(r *web.Router) {
	deps, opts := r.Deps(), r.Options()
	a := &api{contracts: deps.Contracts, procurement: deps.Procurement, audit: deps.Audit, log: opts.Logger, imports: r.Imports(), opts: opts}
	readers := auth.AnyUser
	registerEditors := auth.Allow(auth.RoleAdmin, auth.RoleCoordinator)
	web.Operation(r, huma.Operation{OperationID: "getMe", Method: http.MethodGet, Path: "/me",
		Summary: "Who the token belongs to", Tags: []string{"account"}}, readers, a.me)
	web.Operation(r, huma.Operation{OperationID: "listOrganizations", Method: http.MethodGet, Path: "/organizations",
		Summary: "List organizations", Tags: []string{"organizations"}}, readers, a.listOrganizations)
	web.Operation(r, huma.Operation{OperationID: "createOrganization", Method: http.MethodPost, Path: "/organizations",
		Summary: "Create an organization", Tags: []string{"organizations"}, DefaultStatus: http.StatusCreated}, registerEditors, a.createOrganization)
	web.Operation(r, huma.Operation{OperationID: "getOrganization", Method: http.MethodGet, Path: "/organizations/{code}",
		Summary: "Get an organization", Tags: []string{"organizations"}}, readers, a.organization)
	web.Operation(r, huma.Operation{OperationID: "updateOrganization", Method: http.MethodPatch, Path: "/organizations/{code}",
		Summary: "Change fields of an organization", Tags: []string{"organizations"}},
		registerEditors, a.updateOrganization)
	web.Operation(r, huma.Operation{OperationID: "deleteOrganization", Method: http.MethodDelete, Path: "/organizations/{code}",
		Summary: "Delete an organization", Tags: []string{"organizations"}, DefaultStatus: http.StatusNoContent}, auth.AdminOnly, a.deleteOrganization)
	web.Operation(r, huma.Operation{OperationID: "importOrganizations", Method: http.MethodPost, Path: "/imports/organizations",
		Summary: "Import organizations from a CBS-style CSV or XLSX file (all or nothing)", Tags: []string{"imports"},
		Errors: []int{http.StatusServiceUnavailable}, Responses: map[string]*huma.Response{"422": web.ProblemResponse[importProblem](r, importProblemNote)}},
		auth.AdminOnly, a.importOrganizations)
	web.Operation(r, huma.Operation{OperationID: "listAudit", Method: http.MethodGet, Path: "/audit",
		Summary: "Read the audit trail, newest first", Tags: []string{"audit"}}, auth.AdminOnly, a.listAudit)
	web.Operation(r, huma.Operation{OperationID: "listCPV", Method: http.MethodGet, Path: "/cpv",
		Summary: "Look up CPV codes", Tags: []string{"reference"}}, readers, a.listCPV)
	contractsAPI(r, a)
	importsAPI(r, a)
	tenderMandatesAPI(r, a)
	alertsAPI(r, a)
	spendAPI(r, a)
	exportsAPI(r, a)
	tendersAPI(r, a)
	tenderExportsAPI(r, a)
	bundlesAPI(r, a)
}

// importProblemNote documents an import's 422.
const importProblemNote = "A file with bad rows: errors names every row and column (file.row[n].<column>) and report is the whole report; " +
	"nothing was imported. Any other invalid input (no file, a missing column) is a plain problem."

// contractScopeNote documents, on every contract operation, how scope
// works.
const contractScopeNote = "A user scoped to one organization sees and changes only that organization's contracts: " +
	"another organization's contract answers 403 (not 404), the same as the access policy does."

// contractValidationNote documents how bad input is reported.
const contractValidationNote = "Invalid input is rejected whole with one 422 problem listing every invalid field " +
	"(body.<field>, body.licenceLines[i].<field>); nothing is written."

// contractsAPI registers the contracts operations of the JSON API (bearer tokens).
func contractsAPI(r *web.Router, a *api) {
	web.Operation(r, huma.Operation{OperationID: "listVendors", Method: http.MethodGet, Path: "/vendors",
		Summary: "List vendors with their group and number of contracts", Tags: []string{"vendors"}}, auth.AnyUser, a.listVendors)
	web.Operation(r, huma.Operation{OperationID: "createVendor", Method: http.MethodPost, Path: "/vendors",
		Summary: "Register a vendor", Tags: []string{"vendors"}, DefaultStatus: http.StatusCreated,
		Description: contractValidationNote}, web.VendorEditors, a.createVendor)
	web.Operation(r, huma.Operation{OperationID: "getVendor", Method: http.MethodGet, Path: "/vendors/{id}",
		Summary: "Get a vendor with its group", Tags: []string{"vendors"}}, auth.AnyUser, a.vendor)
	web.Operation(r, huma.Operation{OperationID: "updateVendor", Method: http.MethodPatch, Path: "/vendors/{id}",
		Summary: "Change fields of a vendor", Tags: []string{"vendors"},
		Description: "Fields absent from the body keep their value. " + contractValidationNote}, web.VendorEditors, a.updateVendor)
	web.Operation(r, huma.Operation{OperationID: "deleteVendor", Method: http.MethodDelete, Path: "/vendors/{id}",
		Summary: "Delete a vendor without contracts or subsidiaries", Tags: []string{"vendors"}, DefaultStatus: http.StatusNoContent,
		Description: "A vendor that still has contracts or subsidiaries answers 409."}, web.VendorEditors, a.deleteVendor)

	web.Operation(r, huma.Operation{OperationID: "listContracts", Method: http.MethodGet, Path: "/contracts",
		Summary: "List contracts with their renewal and notice dates", Tags: []string{"contracts"},
		Description: "Dates are computed for today (Europe/Amsterdam). A user scoped to one organization sees only its contracts; " +
			"naming another organization in the filter answers 403."}, auth.AnyUser, a.listContracts)
	web.Operation(r, huma.Operation{OperationID: "createContract", Method: http.MethodPost, Path: "/contracts",
		Summary: "Register a contract with its licence lines", Tags: []string{"contracts"}, DefaultStatus: http.StatusCreated,
		Description: contractScopeNote + " " + contractValidationNote}, web.ContractEditors, a.createContract)
	web.Operation(r, huma.Operation{OperationID: "getContract", Method: http.MethodGet, Path: "/contracts/{id}",
		Summary: "Get a contract with its licence lines and computed dates", Tags: []string{"contracts"},
		Description: contractScopeNote}, auth.AnyUser, a.contract)
	web.Operation(r, huma.Operation{OperationID: "updateContract", Method: http.MethodPatch, Path: "/contracts/{id}",
		Summary: "Change fields of a contract", Tags: []string{"contracts"},
		Description: "Fields absent from the body keep their value; licenceLines, when present, replaces every line " +
			"(send [] to remove them all). The result must be valid as a whole. " + contractScopeNote + " " + contractValidationNote},
		web.ContractEditors, a.updateContract)
	web.Operation(r, huma.Operation{OperationID: "deleteContract", Method: http.MethodDelete, Path: "/contracts/{id}",
		Summary: "Delete a contract and its licence lines", Tags: []string{"contracts"}, DefaultStatus: http.StatusNoContent,
		Description: contractScopeNote}, web.ContractEditors, a.deleteContract)
}

// importsAPI registers the imports operations of the JSON API (bearer tokens).
func importsAPI(r *web.Router, a *api) {
	web.Operation(r, huma.Operation{OperationID: "importContracts", Method: http.MethodPost, Path: "/imports/contracts",
		Summary: "Import contracts from a CSV or XLSX register (all or nothing)", Tags: []string{"imports"},
		Description: "Upserts by organization and contract number; importing the same file twice changes nothing. " +
			"Any bad row: 422 listing every problem as file.row[n].<column>, and nothing is written. " +
			"Vendors are found by KvK number or name and added when the file gives a KvK number the register does not know. " +
			"A user scoped to one organization imports for it only: other organizations' rows are problems, and naming another in org answers 403.",
		Errors: []int{http.StatusServiceUnavailable}, Responses: map[string]*huma.Response{"422": web.ProblemResponse[contractImportProblem](r, importProblemNote)}},
		web.ContractImporters, a.importContracts)
	web.Operation(r, huma.Operation{OperationID: "getContractTemplate", Method: http.MethodGet, Path: "/imports/contracts/template.xlsx",
		Summary: "Download the contract import template (XLSX)", Tags: []string{"imports"},
		Description: "A workbook with the Dutch column names, an example row, lists for every choice and a sheet that documents each column.",
		Responses:   contractTemplateResponses}, auth.AnyUser, a.contractTemplate)
}

// alertsAPI registers the alerts operations of the JSON API (bearer tokens).
func alertsAPI(r *web.Router, a *api) {
	web.Operation(r, huma.Operation{OperationID: "listAlerts", Method: http.MethodGet, Path: "/alerts",
		Summary: "List upcoming action dates, notice deadlines, option decisions and expiries, soonest first", Tags: []string{"alerts"},
		Description: "Each alert names its contract and says what must be done by when. A missed notice deadline is listed first, dated today. " +
			"A user scoped to one organization sees only that organization's alerts; naming another organization answers 403."},
		auth.AnyUser, a.listAlerts)
}

// spendNote documents, on every spend operation, what the figures are.
const spendNote = "Committed spend per calendar year from licence lines (or the annual value without lines), clipped to each contract's " +
	"active period: tacit renewals count until notice is recorded, express options only once exercised, prices indexed with the " +
	"configured rates (stated in the answer). Money in euro cents, shares in basis points. A year outside 2000–2100 answers 422."

// scopedOnlyNote documents the views that cover every organization.
const scopedOnlyNote = " The view covers every organization: a user scoped to one organization answers 403."

// spendAPI registers the spend, dependency and concentration operations
// of the JSON API (bearer tokens).
func spendAPI(r *web.Router, a *api) {
	web.HeavyOperation(r, huma.Operation{OperationID: "getSpend", Method: http.MethodGet, Path: "/spend",
		Summary: "Committed spend of one year by vendor group, vendor, category or organization", Tags: []string{"spend"},
		Description: spendNote + " Spend per inhabitant is given for organization rows and for a report about one organization. " +
			"A user scoped to one organization gets its own organization's report; naming another answers 403. Members may not read spend (403)."},
		web.SpendReaders, a.spend)
	web.HeavyOperation(r, huma.Operation{OperationID: "getSpendForecast", Method: http.MethodGet, Path: "/spend/forecast",
		Summary: "Committed spend of the coming years (default five)", Tags: []string{"spend"},
		Description: spendNote + " What is not yet contracted is not in it. A user scoped to one organization gets its own organization's forecast."},
		web.SpendReaders, a.spendForecast)
	web.HeavyOperation(r, huma.Operation{OperationID: "getSpendPeers", Method: http.MethodGet, Path: "/spend/peers",
		Summary: "An organization's spend per inhabitant next to its size-class peers (median and quartiles)", Tags: []string{"spend"},
		Description: spendNote + " Peers are the organizations of the same kind and size class with spend in the year; they are not named. " +
			"An organization without a population answers 422."},
		web.SpendReaders, a.spendPeers)
	web.HeavyOperation(r, huma.Operation{OperationID: "getDependency", Method: http.MethodGet, Path: "/organizations/{code}/dependency",
		Summary: "An organization's dependency on its vendors: concentration, lock-in, notice deadlines, exit readiness", Tags: []string{"spend"},
		Description: spendNote + " HHI over vendor groups on the EU scale (below 1,000 unconcentrated, above 2,000 concentrated) with the US " +
			"scale beside it; lock-in scores with the factors that made them."},
		web.DependencyReaders, a.dependency)
	web.HeavyOperation(r, huma.Operation{OperationID: "getConcentration", Method: http.MethodGet, Path: "/concentration",
		Summary: "Concentration per category across all organizations, and the vendor groups' reach", Tags: []string{"spend"},
		Description: spendNote + " Categories ordered by HHI, highest first; reach counts the organizations for which a vendor group " +
			"holds more than 50 % of a category's spend." + scopedOnlyNote},
		web.OverviewReaders, a.concentration)
	web.HeavyOperation(r, huma.Operation{OperationID: "getVendorReach", Method: http.MethodGet, Path: "/vendors/{id}/reach",
		Summary: "A vendor group's reach: per category its share and the organizations it holds more than half of", Tags: []string{"vendors"},
		Description: spendNote + " Any vendor of the group may be named; the answer is about the whole group." + scopedOnlyNote},
		web.OverviewReaders, a.vendorReach)
	web.Operation(r, huma.Operation{OperationID: "listLicences", Method: http.MethodGet, Path: "/licences",
		Summary: "Licence lines over quota (or all), the costliest excess first", Tags: []string{"spend"},
		Description: "Per licence line: its contract, organization and product, the seats licensed and in use, the excess and its cost " +
			"(excess × unit price, in euro cents per the line's price period). Sorted by the cost of the excess, then the excess. " +
			"A user scoped to one organization sees its own organization's lines. Members may not read spend (403)."},
		web.SpendReaders, a.listLicences)
}

// Who may export (DESIGN §6): the same roles that may read what the
// export holds (internal/web/policies.go). A caller scoped to
// one organization exports only that organization; naming another
// answers 403, and the cooperative's dependency report is for callers
// scoped to all organizations.
var exportDependencyReaders = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleMember, auth.RoleFinance, auth.RoleManagement)

// exportsAPI registers the export downloads of the JSON API under
// /api/v1/exports: one resource per kind of document, the format a query
// parameter (NLGov ADR: plural resource names; the file is a
// representation of the report).
func exportsAPI(r *web.Router, a *api) {
	web.ExportOperation(r, huma.Operation{OperationID: "exportDependency", Method: http.MethodGet, Path: "/exports/dependency",
		Summary: "Dependency report (PDF or XLSX) of one organization or the whole cooperative", Tags: []string{"exports"},
		Description: "Concentration (HHI on the EU and US scales, vendor group shares), the contracts with the highest lock-in and why, " +
			"notice deadlines of the next 12 months and exit readiness. Without organization the report covers the whole cooperative, " +
			"which only a user scoped to all organizations may export (403 otherwise).",
		Responses: exportDownloadResponses(web.PDFType, web.XLSXType)}, exportDependencyReaders, a.exportDependency)
	web.ExportOperation(r, huma.Operation{OperationID: "exportSpend", Method: http.MethodGet, Path: "/exports/spend",
		Summary: "Spend workbook (XLSX) for finance: five years by vendor group, vendor, category and organization", Tags: []string{"exports"},
		Description: spendNote + " The workbook holds the forecast, per inhabitant figures and the assumptions; totals and shares are formulas.",
		Responses:   exportDownloadResponses(web.XLSXType)}, web.SpendReaders, a.exportSpend)
	web.ExportOperation(r, huma.Operation{OperationID: "exportContracts", Method: http.MethodGet, Path: "/exports/contracts",
		Summary: "Every contract the filter selects, as XLSX or CSV, streamed", Tags: []string{"exports"},
		Description: "The filters of GET /contracts (page and pageSize are ignored: every matching contract is written). " +
			"CSV is for a Dutch Excel: semicolons, UTF-8 with a byte order mark, decimal commas, and text a spreadsheet " +
			"could take for a formula prefixed with an apostrophe.",
		Responses: exportDownloadResponses(web.XLSXType, web.CSVType)}, auth.AnyUser, a.exportContracts)
}

// tenderNote documents money and dates on every tender operation.
const tenderNote = "Money in euro cents excluding VAT; dates ISO 8601 calendar dates in Europe/Amsterdam. " +
	"Terms, lots and requirements change only before publication (409 after)."

// tendersAPI registers the tender and demand operations of the JSON API.
func tendersAPI(r *web.Router, a *api) {
	tags := []string{"tenders"}
	web.Operation(r, huma.Operation{OperationID: "listTenders", Method: http.MethodGet, Path: "/tenders",
		Summary: "List joint tenders, newest first", Tags: tags, Description: tenderNote}, auth.AnyUser, a.listTenders)
	web.Operation(r, huma.Operation{OperationID: "createTender", Method: http.MethodPost, Path: "/tenders",
		Summary: "Create a draft joint tender", Tags: tags, DefaultStatus: http.StatusCreated, Description: tenderNote}, web.TenderRunners, a.createTender)
	web.Operation(r, huma.Operation{OperationID: "getTender", Method: http.MethodGet, Path: "/tenders/{id}",
		Summary: "A tender with its lots, participants, requirements and plan (value, procedure, timeline, gaps, consolidation)", Tags: tags,
		Description: tenderNote + " The plan is computed for today; every determination carries its reasoning and legal basis in Dutch."}, auth.AnyUser, a.tender)
	web.Operation(r, huma.Operation{OperationID: "updateTender", Method: http.MethodPut, Path: "/tenders/{id}",
		Summary: "Replace a tender's terms", Tags: tags, Description: tenderNote}, web.TenderRunners, a.updateTender)
	web.Operation(r, huma.Operation{OperationID: "deleteTender", Method: http.MethodDelete, Path: "/tenders/{id}",
		Summary: "Delete a draft or cancelled tender", Tags: tags, DefaultStatus: http.StatusNoContent}, web.TenderRunners, a.deleteTender)
	web.Operation(r, huma.Operation{OperationID: "transitionTender", Method: http.MethodPost, Path: "/tenders/{id}/transitions",
		Summary: "Move a tender through its lifecycle", Tags: tags,
		Description: "draft → collecting → mandating → published → evaluating → awarded → contracted → closed; cancelled before contracted. " +
			"Publishing needs every participant's signed mandate and freezes the participant list; awarding needs the tender deadline passed " +
			"and the vendor per lot; contracted needs the standstill over (Aw 2012 art. 2.127) and creates one call-off contract per participant " +
			"and lot in the register, in the same transaction. An unmet guard answers 409 naming it."}, web.TenderRunners, a.transitionTender)
	web.Operation(r, huma.Operation{OperationID: "createLot", Method: http.MethodPost, Path: "/tenders/{id}/lots",
		Summary: "Add a lot", Tags: tags, DefaultStatus: http.StatusCreated, Description: tenderNote}, web.TenderRunners, a.createLot)
	web.Operation(r, huma.Operation{OperationID: "updateLot", Method: http.MethodPut, Path: "/tenders/{id}/lots/{lotId}",
		Summary: "Change a lot", Tags: tags, Description: tenderNote}, web.TenderRunners, a.updateLot)
	web.Operation(r, huma.Operation{OperationID: "deleteLot", Method: http.MethodDelete, Path: "/tenders/{id}/lots/{lotId}",
		Summary: "Remove a lot", Tags: tags, DefaultStatus: http.StatusNoContent}, web.TenderRunners, a.deleteLot)
	web.Operation(r, huma.Operation{OperationID: "addParticipantsFromDemand", Method: http.MethodPost, Path: "/tenders/{id}/participants/from-demand",
		Summary: "Add every organization with submitted demand in the tender's category", Tags: tags,
		Description: "Each joins with its demand's quantity in the lot of the same unit (else the first lot), valued at the lot's unit price or else " +
			"its annual budget; its mandate starts as requested. All or none, only before publication."}, web.TenderRunners, a.addFromDemand)
	web.Operation(r, huma.Operation{OperationID: "setParticipant", Method: http.MethodPut, Path: "/tenders/{id}/participants/{code}",
		Summary: "Join a tender or change the volumes per lot", Tags: tags,
		Description: tenderNote + " A new participant's mandate starts as requested. A member acts for its own organization only."}, web.TenderParticipants, a.setParticipant)
	web.Operation(r, huma.Operation{OperationID: "removeParticipant", Method: http.MethodDelete, Path: "/tenders/{id}/participants/{code}",
		Summary: "Leave a tender", Tags: tags, DefaultStatus: http.StatusNoContent}, web.TenderParticipants, a.removeParticipant)
	web.Operation(r, huma.Operation{OperationID: "setMandate", Method: http.MethodPut, Path: "/tenders/{id}/participants/{code}/mandate",
		Summary: "Record a participant's mandate", Tags: tags,
		Description: "Status requested, signed or revoked; a signed mandate needs its date, deciding body and at least one scope."}, web.TenderParticipants, a.setMandate)
	web.Operation(r, huma.Operation{OperationID: "rateRequirements", Method: http.MethodPut, Path: "/tenders/{id}/participants/{code}/ratings",
		Summary: "Rate the tender's requirements (MoSCoW)", Tags: tags,
		Description: "Each rating is must, should, could or wont; an empty rating removes it. All or nothing."}, web.TenderParticipants, a.rate)
	web.Operation(r, huma.Operation{OperationID: "createRequirement", Method: http.MethodPost, Path: "/tenders/{id}/requirements",
		Summary: "Add a requirement", Tags: tags, DefaultStatus: http.StatusCreated}, web.TenderRunners, a.createRequirement)
	web.Operation(r, huma.Operation{OperationID: "updateRequirement", Method: http.MethodPut, Path: "/tenders/{id}/requirements/{requirementId}",
		Summary: "Change a requirement", Tags: tags}, web.TenderRunners, a.updateRequirement)
	web.Operation(r, huma.Operation{OperationID: "deleteRequirement", Method: http.MethodDelete, Path: "/tenders/{id}/requirements/{requirementId}",
		Summary: "Remove a requirement with its ratings", Tags: tags, DefaultStatus: http.StatusNoContent}, web.TenderRunners, a.deleteRequirement)
	web.Operation(r, huma.Operation{OperationID: "getProcurementPolicy", Method: http.MethodGet, Path: "/organizations/{code}/procurement-policy",
		Summary: "An organization's procurement-policy bands below the EU threshold", Tags: []string{"organizations"},
		Description: "assumption is true while the organization has set none and the defaults (single-source below € 50.000) apply."}, auth.AnyUser, a.policyBands)
	web.Operation(r, huma.Operation{OperationID: "setProcurementPolicy", Method: http.MethodPut, Path: "/organizations/{code}/procurement-policy",
		Summary: "Set an organization's procurement-policy bands", Tags: []string{"organizations"}}, web.TenderRunners, a.setPolicyBands)

	dtags := []string{"demand"}
	web.Operation(r, huma.Operation{OperationID: "listDemand", Method: http.MethodGet, Path: "/demand",
		Summary: "Registered demand in the caller's scope, by desired start", Tags: dtags}, auth.AnyUser, a.listDemand)
	web.Operation(r, huma.Operation{OperationID: "demandByCategory", Method: http.MethodGet, Path: "/demand/by-category",
		Summary: "Demand per category across the organizations in scope", Tags: dtags}, auth.AnyUser, a.demandByCategory)
	web.Operation(r, huma.Operation{OperationID: "createDemand", Method: http.MethodPost, Path: "/demand",
		Summary: "Register demand", Tags: dtags, DefaultStatus: http.StatusCreated}, web.DemandEditors, a.createDemand)
	web.Operation(r, huma.Operation{OperationID: "getDemand", Method: http.MethodGet, Path: "/demand/{id}",
		Summary: "Get registered demand", Tags: dtags}, auth.AnyUser, a.demand)
	web.Operation(r, huma.Operation{OperationID: "updateDemand", Method: http.MethodPut, Path: "/demand/{id}",
		Summary: "Replace registered demand", Tags: dtags}, web.DemandEditors, a.updateDemand)
	web.Operation(r, huma.Operation{OperationID: "deleteDemand", Method: http.MethodDelete, Path: "/demand/{id}",
		Summary: "Delete registered demand", Tags: dtags, DefaultStatus: http.StatusNoContent}, web.DemandEditors, a.deleteDemand)
}

// tenderExportsAPI registers the tender's downloads in the JSON API.
func tenderExportsAPI(r *web.Router, a *api) {
	tags := []string{"tenders", "exports"}
	dossier := "The tender dossier: summary with the procedure and its reasoning, the estimated value per lot with every option counted, " +
		"participants with mandates and volumes, lots, the requirement matrix with conflicts, the planning with the legal basis of every " +
		"milestone, current contracts with their gaps, and the assumptions. Current contracts are those in the caller's scope."
	download := func(dl web.TenderDownload) func(context.Context, *tenderIDInput) (*huma.StreamResponse, error) {
		return func(ctx context.Context, in *tenderIDInput) (*huma.StreamResponse, error) {
			return a.tenderDownload(ctx, in.ID, dl)
		}
	}
	web.ExportOperation(r, huma.Operation{OperationID: "exportTenderDossierXLSX", Method: http.MethodGet, Path: "/tenders/{id}/dossier.xlsx",
		Summary: "The tender dossier as an Excel workbook", Tags: tags,
		Description: dossier + " Amounts and dates are typed cells; totals are SUM formulas.",
		Responses:   exportDownloadResponses(web.XLSXType)}, auth.AnyUser, download(web.DossierXLSX))
	web.ExportOperation(r, huma.Operation{OperationID: "exportTenderDossierPDF", Method: http.MethodGet, Path: "/tenders/{id}/dossier.pdf",
		Summary: "The tender dossier as a PDF", Tags: tags, Description: dossier + " With a cover, contents and a timeline chart.",
		Responses: exportDownloadResponses(web.PDFType)}, auth.AnyUser, download(web.DossierPDF))
	web.ExportOperation(r, huma.Operation{OperationID: "exportTenderOCDS", Method: http.MethodGet, Path: "/tenders/{id}/ocds",
		Summary: "The tender as an OCDS 1.1.5 release package with the lots and contract buyer extensions", Tags: tags,
		Description: "One release, a snapshot of the tender: parties (every participant a buyer, the lead authority the release's " +
			"buyer and the procuring entity, awarded vendors suppliers), the tender with its lots, estimated value, procurement method " +
			"and planned periods, the awards per lot and one contract per call-off with its participant as buyer. A value that is not " +
			"known is left out, never 0. The ocid is the configured prefix, a dash and the tender id. The release's date is when its " +
			"content was first downloaded (recorded in the tender's publication log) and its id follows from content and date, so an " +
			"unchanged tender is the same release on every download; license and publicationPolicy are the configured URLs.",
		Responses: exportDownloadResponses(web.OCDSType)}, auth.AnyUser, download(web.TenderOCDS))
	tenderEFormsAPI(r, a, tags)
}

// bundleNote documents every bundler operation.
const bundleNote = "Suggestions are computed for today from contracts whose committed end + 1 day, and registered demand " +
	"whose desired start, fall within the horizon, clustered per category by needed start within the window; organizations already in a " +
	"joint tender of the category that has not led to contracts are left out. They are computed once per version of that data and day, " +
	"and read from that computation until a contract, demand, tender, participant, organization, vendor or category changes. Money in euro cents " +
	"excluding VAT; benefit and term are estimates on the assumptions each suggestion lists."

// bundlesAPI registers the bundler's operations of the JSON API.
func bundlesAPI(r *web.Router, a *api) {
	tags := []string{"bundles"}
	web.HeavyOperation(r, huma.Operation{OperationID: "listBundles", Method: http.MethodGet, Path: "/bundles",
		Summary: "Suggested joint tenders, ranked by benefit and urgency, one page of summaries", Tags: tags,
		Description: bundleNote + " One page of summaries (pageSize, default 20) with the total and a next link (keyset: the cursor names " +
			"the page's last suggestion); participants only with include=participants, everything else with GET /bundles/{key}. " +
			"A user scoped to one organization sees the suggestions that include it, other participants counted, never named."},
		web.BundleReaders, a.listBundles)
	web.HeavyOperation(r, huma.Operation{OperationID: "getBundle", Method: http.MethodGet, Path: "/bundles/{key}",
		Summary: "One suggested joint tender with its participants, lots, plan and justification", Tags: tags,
		Description: bundleNote + " The rank is among every category's suggestions the caller sees for the key's window and grouping. " +
			"A user scoped to one organization sees only its own participation, the others counted; a key no suggestion has (any more), " +
			"or one without the caller's organization, answers 404."},
		web.BundleReaders, a.bundle)
	web.HeavyOperation(r, huma.Operation{OperationID: "createTenderFromBundle", Method: http.MethodPost, Path: "/bundles/{key}/tender",
		Summary: "Turn a suggestion into a draft joint tender", Tags: tags, DefaultStatus: http.StatusCreated,
		Description: bundleNote + " Creates, in one transaction, the draft tender with the suggested term, options and needed start, its " +
			"lots and every participant with a requested mandate and its annual value per lot; its plan equals the suggestion's. " +
			"A key no suggestion has (any more) answers 404."},
		web.TenderRunners, a.createBundleTender)
}
