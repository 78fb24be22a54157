package ui

import (
	"net/http"

	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// routes registers every page of the HTML UI (session cookies only, a
// CSRF token on every form) with its policy, by area. A reader learns the
// whole UI, and who may open each page, here.
func routes(r *web.Router, u *ui) {
	r.Static("/static/:name", serveStatic)
	r.Page(http.MethodGet, "/inloggen", auth.Public, u.loginForm)
	r.Page(http.MethodPost, "/inloggen", auth.Public, u.login)
	r.Page(http.MethodPost, "/uitloggen", auth.AnyUser, u.logout)
	r.Page(http.MethodGet, "/account", auth.AnyUser, u.account)
	r.Page(http.MethodPost, "/account/tokens", auth.AnyUser, u.createToken)
	r.Page(http.MethodPost, "/account/tokens/:id/intrekken", auth.AnyUser, u.revokeToken)
	r.Page(http.MethodGet, "/", auth.AnyUser, u.home)
	r.Page(http.MethodGet, "/organisaties", auth.AnyUser, u.listOrganizations)
	r.Page(http.MethodGet, "/organisaties/:code", auth.AnyUser, u.organization)
	r.Page(http.MethodPost, "/organisaties/:code/inkoopbeleid", web.TenderRunners, u.setPolicyBands)
	r.Page(http.MethodGet, "/organisaties/:code/aankondiging", web.TenderRunners, u.orgNoticeForm)
	r.Page(http.MethodPost, "/organisaties/:code/aankondiging", web.TenderRunners, u.setOrgNotice)
	r.Page(http.MethodGet, "/beheer/audit", auth.AdminOnly, u.auditLog)
	// The import pages sit under /contracten; they go first, so that
	// /contracten/importeren is not read as the contract with id "importeren".
	importsPages(r, u)
	contractsPages(r, u)
	alertsPages(r, u)
	exportsPages(r, u)
	spendPages(r, u)
	tendersPages(r, u)
	tenderExportsPages(r, u)
	demandPages(r, u)
	bundlesPages(r, u)
}

// importsPages registers the imports pages of the UI (sessions, CSRF).
func importsPages(r *web.Router, u *ui) {
	r.Page(http.MethodGet, "/contracten/importeren", web.ContractImporters, u.importContractsForm)
	r.Page(http.MethodPost, "/contracten/importeren", web.ContractImporters, u.importContracts)
	r.Page(http.MethodGet, "/contracten/importeren/sjabloon.xlsx", auth.AnyUser, u.downloadContractTemplate)
}

// contractsPages registers the contracts pages of the UI (sessions, CSRF).
// The fixed paths (nieuw) come before the :id ones that would match them.
func contractsPages(r *web.Router, u *ui) {
	r.Page(http.MethodGet, "/contracten", auth.AnyUser, u.listContracts)
	r.Page(http.MethodGet, "/contracten/nieuw", web.ContractEditors, u.newContract)
	r.ExportPage(http.MethodGet, "/contracten/export", auth.AnyUser, u.exportContracts)
	r.Page(http.MethodPost, "/contracten/nieuw", web.ContractEditors, u.createContract)
	r.Page(http.MethodGet, "/contracten/:id", auth.AnyUser, u.contract)
	r.Page(http.MethodGet, "/contracten/:id/bewerken", web.ContractEditors, u.editContract)
	r.Page(http.MethodPost, "/contracten/:id/bewerken", web.ContractEditors, u.updateContract)
	r.Page(http.MethodGet, "/contracten/:id/verwijderen", web.ContractEditors, u.confirmDeleteContract)
	r.Page(http.MethodPost, "/contracten/:id/verwijderen", web.ContractEditors, u.deleteContract)

	r.Page(http.MethodGet, "/leveranciers", auth.AnyUser, u.listVendors)
	r.Page(http.MethodGet, "/leveranciers/nieuw", web.VendorEditors, u.newVendor)
	r.Page(http.MethodPost, "/leveranciers/nieuw", web.VendorEditors, u.createVendor)
	r.Page(http.MethodGet, "/leveranciers/:id", auth.AnyUser, u.vendor)
	r.Page(http.MethodGet, "/leveranciers/:id/bewerken", web.VendorEditors, u.editVendor)
	r.Page(http.MethodPost, "/leveranciers/:id/bewerken", web.VendorEditors, u.updateVendor)
	r.Page(http.MethodGet, "/leveranciers/:id/verwijderen", web.VendorEditors, u.confirmDeleteVendor)
	r.Page(http.MethodPost, "/leveranciers/:id/verwijderen", web.VendorEditors, u.deleteVendor)
}

// alertsPages registers the alerts pages of the UI (sessions, CSRF). The
// dashboard's alerts are part of the start page (ui.go).
func alertsPages(r *web.Router, u *ui) {
	// Public: calendar apps fetch the feed without a session; the secret
	// in the path is the credential, checked by the handler.
	r.Page(http.MethodGet, "/agenda/:token.ics", auth.Public, u.calendarFeed)
	r.Page(http.MethodGet, "/deadlines", auth.AnyUser, u.listAlerts)
	r.Page(http.MethodPost, "/account/agenda", auth.AnyUser, u.createCalendarFeed)
	r.Page(http.MethodPost, "/account/agenda/intrekken", auth.AnyUser, u.revokeCalendarFeed)
}

// exportsPages registers the download buttons' routes of the dependency
// and finance pages with the policies of the pages. The cooperative's
// report goes before /afhankelijkheid/:code/rapport, so that
// "samenwerking" is not read as an organization code.
func exportsPages(r *web.Router, u *ui) {
	r.ExportPage(http.MethodGet, "/afhankelijkheid/samenwerking/rapport", web.OverviewReaders, u.exportCooperativeDependency)
	r.ExportPage(http.MethodGet, "/afhankelijkheid/:code/rapport", web.DependencyReaders, u.exportDependency)
	r.ExportPage(http.MethodGet, "/uitgaven/werkmap", web.SpendReaders, u.exportSpend)
}

// dependencyIndexReaders may open /afhankelijkheid: every role that may
// read some organization's dependency (web.DependencyReaders). It names no
// organization: a scoped user gets its own, a user scoped to all a
// chooser.
var dependencyIndexReaders = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleMember, auth.RoleFinance, auth.RoleManagement)

// spendPages registers the finance and dependency pages with the
// policies of the API they mirror (internal/web/policies.go): spend for finance,
// management, administrators and coordinators; an organization's
// dependency also for members, on their own organization; the cooperative
// overview for those roles when scoped to all organizations (the service
// answers 403 to a scoped one). The cooperative overview is registered
// before /afhankelijkheid/:code, so that "samenwerking" is not read as an
// organization code.
func spendPages(r *web.Router, u *ui) {
	r.HeavyPage(http.MethodGet, "/uitgaven", web.SpendReaders, u.spend)
	r.Page(http.MethodGet, "/licenties", web.SpendReaders, u.licences)
	r.HeavyPage(http.MethodGet, "/afhankelijkheid", dependencyIndexReaders, u.dependencyIndex)
	// Every role may ask for the cooperative overview: a member gets a
	// page that says who may see it and why (ui/dependency.go).
	r.HeavyPage(http.MethodGet, "/afhankelijkheid/samenwerking", dependencyIndexReaders, u.concentration)
	r.HeavyPage(http.MethodGet, "/afhankelijkheid/:code", web.DependencyReaders, u.dependency)
}

// tendersPages registers the joint-tender pages of the UI (sessions,
// CSRF) with the policies of the API they mirror (internal/web/policies.go):
// everyone reads tenders; administrators and coordinators run them
// (web.TenderRunners); a member acts for its own organization only, on the
// routes with :code (web.TenderParticipants), and the service refuses every
// change after publication (409). Every change is a POST that answers
// with a redirect (303) to the tender, or with its form again (422) when
// the input is wrong. The fixed path nieuw comes before :id.
func tendersPages(r *web.Router, u *ui) {
	r.Page(http.MethodGet, "/aanbestedingen", auth.AnyUser, u.listTenders)
	r.Page(http.MethodGet, "/aanbestedingen/nieuw", web.TenderRunners, u.newTender)
	r.Page(http.MethodPost, "/aanbestedingen/nieuw", web.TenderRunners, u.createTender)
	r.Page(http.MethodGet, "/aanbestedingen/:id", auth.AnyUser, u.tender)
	r.Page(http.MethodGet, "/aanbestedingen/:id/bewerken", web.TenderRunners, u.editTender)
	r.Page(http.MethodPost, "/aanbestedingen/:id/bewerken", web.TenderRunners, u.updateTender)
	r.Page(http.MethodGet, "/aanbestedingen/:id/aankondiging", web.TenderRunners, u.tenderNoticeForm)
	r.Page(http.MethodPost, "/aanbestedingen/:id/aankondiging", web.TenderRunners, u.setTenderNotice)
	r.Page(http.MethodGet, "/aanbestedingen/:id/verwijderen", web.TenderRunners, u.confirmDeleteTender)
	r.Page(http.MethodPost, "/aanbestedingen/:id/verwijderen", web.TenderRunners, u.deleteTender)
	r.Page(http.MethodGet, "/aanbestedingen/:id/status/:to", web.TenderRunners, u.confirmTransition)
	r.Page(http.MethodPost, "/aanbestedingen/:id/status", web.TenderRunners, u.transitionTender)
	r.Page(http.MethodGet, "/aanbestedingen/:id/gunning", web.TenderRunners, u.awardForm)
	r.Page(http.MethodGet, "/aanbestedingen/:id/beoordelingen", auth.AnyUser, u.ratingMatrix)

	r.Page(http.MethodPost, "/aanbestedingen/:id/percelen", web.TenderRunners, u.addLot)
	r.Page(http.MethodPost, "/aanbestedingen/:id/percelen/:lot", web.TenderRunners, u.updateLot)
	r.Page(http.MethodGet, "/aanbestedingen/:id/percelen/:lot/verwijderen", web.TenderRunners, u.confirmDeleteLot)
	r.Page(http.MethodPost, "/aanbestedingen/:id/percelen/:lot/verwijderen", web.TenderRunners, u.deleteLot)
	r.Page(http.MethodPost, "/aanbestedingen/:id/eisen", web.TenderRunners, u.addRequirement)
	r.Page(http.MethodPost, "/aanbestedingen/:id/eisen/:requirement", web.TenderRunners, u.updateRequirement)
	r.Page(http.MethodGet, "/aanbestedingen/:id/eisen/:requirement/verwijderen", web.TenderRunners, u.confirmDeleteRequirement)
	r.Page(http.MethodPost, "/aanbestedingen/:id/eisen/:requirement/verwijderen", web.TenderRunners, u.deleteRequirement)

	r.Page(http.MethodPost, "/aanbestedingen/:id/deelnemers", web.TenderRunners, u.addParticipant)
	// The fixed paths of the mandates come before /deelnemers/:code.
	r.Page(http.MethodPost, "/aanbestedingen/:id/mandaten", web.TenderRunners, u.setMandates)
	r.Page(http.MethodGet, "/aanbestedingen/:id/mandaten/importeren", web.TenderRunners, u.importMandatesForm)
	r.Page(http.MethodPost, "/aanbestedingen/:id/mandaten/importeren", web.TenderRunners, u.importMandates)
	r.Page(http.MethodGet, "/aanbestedingen/:id/mandaten/sjabloon.csv", web.TenderRunners, u.mandateTemplate)
	r.Page(http.MethodGet, "/aanbestedingen/:id/deelnemers/:code", web.TenderParticipants, u.participant)
	r.Page(http.MethodPost, "/aanbestedingen/:id/deelnemers/:code", web.TenderParticipants, u.setParticipant)
	r.Page(http.MethodGet, "/aanbestedingen/:id/deelnemers/:code/verwijderen", web.TenderParticipants, u.confirmRemoveParticipant)
	r.Page(http.MethodPost, "/aanbestedingen/:id/deelnemers/:code/verwijderen", web.TenderParticipants, u.removeParticipant)
	r.Page(http.MethodPost, "/aanbestedingen/:id/deelnemers/:code/mandaat", web.TenderParticipants, u.setMandate)
	r.Page(http.MethodPost, "/aanbestedingen/:id/deelnemers/:code/beoordelingen", web.TenderParticipants, u.rate)
}

// tenderExportsPages registers the download buttons' routes of the tender
// page, with the page's policy.
func tenderExportsPages(r *web.Router, u *ui) {
	r.ExportPage(http.MethodGet, "/aanbestedingen/:id/dossier.xlsx", auth.AnyUser, u.tenderDossierXLSX)
	r.ExportPage(http.MethodGet, "/aanbestedingen/:id/dossier.pdf", auth.AnyUser, u.tenderDossierPDF)
	r.ExportPage(http.MethodGet, "/aanbestedingen/:id/ocds.json", auth.AnyUser, u.tenderOCDS)
	for _, k := range procurement.NoticeKinds() {
		r.ExportPage(http.MethodGet, "/aanbestedingen/:id/eforms-"+string(k)+".xml", auth.AnyUser, u.tenderNotice(k))
	}
}

// demandOverviewReaders may open demand per category across
// organizations: the coordinators and administrators who bundle it, and
// finance and management, who read it (a scoped one sees its own
// organization's). Members keep to their own list.
var demandOverviewReaders = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleFinance, auth.RoleManagement)

// demandPages registers the demand pages with the policy of the demand API
// (internal/web/policies.go): every role reads the demand in its scope; members
// register and change their own organization's, administrators and
// coordinators any (the service checks the demand's organization against
// the user's scope and answers 403 for another's). The fixed paths come
// before the :id ones that would match them.
func demandPages(r *web.Router, u *ui) {
	r.Page(http.MethodGet, "/behoefte", auth.AnyUser, u.listDemand)
	r.Page(http.MethodGet, "/behoefte/per-categorie", demandOverviewReaders, u.demandByCategory)
	r.Page(http.MethodGet, "/behoefte/nieuw", web.DemandEditors, u.newDemand)
	r.Page(http.MethodPost, "/behoefte/nieuw", web.DemandEditors, u.createDemand)
	r.Page(http.MethodGet, "/behoefte/:id/bewerken", web.DemandEditors, u.editDemand)
	r.Page(http.MethodPost, "/behoefte/:id/bewerken", web.DemandEditors, u.updateDemand)
	r.Page(http.MethodGet, "/behoefte/:id/verwijderen", web.DemandEditors, u.confirmDeleteDemand)
	r.Page(http.MethodPost, "/behoefte/:id/verwijderen", web.DemandEditors, u.deleteDemand)
}

// bundlesPages registers the bundler's page with the policies of the API
// it mirrors: everyone reads the suggestions of its scope, administrators
// and coordinators make a draft tender of one.
func bundlesPages(r *web.Router, u *ui) {
	r.HeavyPage(http.MethodGet, "/bundels", web.BundleReaders, u.bundles)
	r.HeavyPage(http.MethodGet, "/bundels/:key", web.BundleReaders, u.bundle)
	r.HeavyPage(http.MethodPost, "/bundels/:key/aanbesteding", web.TenderRunners, u.createBundleTender)
}
