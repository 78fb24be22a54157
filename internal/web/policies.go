package web

import "github.com/samenkoop/samenkoop/internal/auth"

// The policies the API and the UI share: a page declares the policy of
// the operations it mirrors, so that a user may do the same through
// either. Policies only one of them uses live in its routes.go.

// Who may change the register (DESIGN §6): vendors are shared by every
// organization, so only administrators and coordinators keep them;
// contracts also members, for their own organization only (the service
// checks the contract's organization against the user's scope). Finance
// and management never write.
var (
	VendorEditors   = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator)
	ContractEditors = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleMember)
)

// ContractImporters may import contracts (DESIGN §6): administrators and
// coordinators for any organization, members for their own only (the
// service imports a scoped user's file for its organization and refuses
// another). Finance and management never write.
var ContractImporters = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleMember)

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
	SpendReaders      = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleFinance, auth.RoleManagement)
	DependencyReaders = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleMember, auth.RoleFinance, auth.RoleManagement).ForOrganization("code")
	OverviewReaders   = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleFinance, auth.RoleManagement)
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
	TenderRunners      = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator)
	TenderParticipants = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleMember).ForOrganization("code")
	DemandEditors      = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleMember)
)

// BundleReaders may use the bundler (DESIGN §6, issue 8):
//   - every role reads the suggestions of its scope: administrators and
//     coordinators, and finance and management scoped to all, see every
//     suggestion; a member, and finance or management of one
//     organization, see the suggestions that include their organization,
//     with the other participants' contracts, vendors and values left out
//     (they see that others need the same, not what they pay whom).
//     Finance and management read them because the bundles are where next
//     years' spend and vendor dependency are decided;
//   - only administrators and coordinators turn a suggestion into a draft
//     tender (TenderRunners), as they create tenders.
var BundleReaders = auth.AnyUser
