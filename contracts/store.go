package contracts

import (
	"context"
	"iter"
)

// Store is what the contracts package needs from persistence. The
// implementation lives in internal/store; tests may use any other.
type Store interface {
	// InTx runs fn in one transaction: fn's Store sees and writes through
	// it, and nothing is kept when fn returns an error.
	InTx(ctx context.Context, fn func(Store) error) error

	Organization(ctx context.Context, code string) (Organization, error)
	Organizations(ctx context.Context, f OrganizationFilter) (OrganizationPage, error)
	// OrganizationsByCode returns the organizations whose code is in codes.
	OrganizationsByCode(ctx context.Context, codes []string) (map[string]Organization, error)
	CreateOrganization(ctx context.Context, o Organization) error
	UpdateOrganization(ctx context.Context, o Organization) error
	DeleteOrganization(ctx context.Context, code string) error
	// MemberCount returns the number of members of the cooperation code.
	MemberCount(ctx context.Context, code string) (int, error)
	// Regions returns the distinct region names in use, sorted.
	Regions(ctx context.Context) ([]string, error)

	CPVCodes(ctx context.Context, q string, limit int) ([]CPV, error)
	CPVCount(ctx context.Context) (int, error)
	// UpsertCPV inserts or replaces the given codes.
	UpsertCPV(ctx context.Context, codes []CPV) error

	// Setting returns an installation-level value; apperr.NotFound when unset.
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error

	Categories(ctx context.Context) ([]Category, error)
	CreateCategory(ctx context.Context, c Category) (int64, error)
	CategoryExists(ctx context.Context, id int64) (bool, error)

	Vendor(ctx context.Context, id int64) (Vendor, error)
	// VendorAncestors returns the ids above a vendor, nearest first.
	VendorAncestors(ctx context.Context, id int64) ([]int64, error)
	Vendors(ctx context.Context, f VendorFilter) (VendorPage, error)
	CreateVendor(ctx context.Context, v Vendor) (int64, error)
	UpdateVendor(ctx context.Context, v Vendor) error
	DeleteVendor(ctx context.Context, id int64) error

	Contract(ctx context.Context, id int64) (ContractDetail, error)
	ContractByNumber(ctx context.Context, org, number string) (ContractDetail, error)
	Contracts(ctx context.Context, f ContractFilter) (ContractPage, error)
	// EachContract calls fn for every contract matching f, ignoring paging,
	// one at a time.
	EachContract(ctx context.Context, f ContractFilter, fn func(ContractSummary) error) error
	// CreateContract and UpdateContract store the contract with its licence
	// lines and the dates computed for asOf.
	CreateContract(ctx context.Context, c Contract, lines []LicenceLine, d Dates, asOf Date) (int64, error)
	UpdateContract(ctx context.Context, c Contract, lines []LicenceLine, d Dates, asOf Date) error
	DeleteContract(ctx context.Context, id int64) error
	// HasStaleContracts reports whether any contract's stored dates
	// predate asOf; it is the cheap check before a refresh.
	HasStaleContracts(ctx context.Context, asOf Date) (bool, error)
	// StaleContracts returns contracts whose stored dates predate asOf,
	// with those stored dates.
	StaleContracts(ctx context.Context, asOf Date, limit int) ([]ContractSummary, error)
	// MovedContracts returns the contracts matching f (its date filters
	// and paging ignored) whose stored dates predate asOf and may have
	// moved since (Dates.MayMoveBetween from the row's own day to asOf),
	// with those stored dates and without the names and counts of a list
	// row. It only reads.
	MovedContracts(ctx context.Context, f ContractFilter, asOf Date) ([]ContractSummary, error)
	SetContractDates(ctx context.Context, id int64, d Dates, asOf Date) error
	// MarkContractDatesCurrent stamps contracts whose stored dates are still
	// right as computed for asOf.
	MarkContractDatesCurrent(ctx context.Context, ids []int64, asOf Date) error
	// BulkInsertContracts inserts new contracts as one load: each row is a
	// contract with its Dates computed for asOf and its Lines (the other
	// fields of ContractDetail are ignored). Rows are read one at a time,
	// so memory does not grow with the load, and all are written in one
	// transaction (the caller's, inside InTx) with one audit entry for the
	// whole load instead of one per contract. An error yielded by rows
	// stops the load and is returned. The caller validates every row
	// first; the store checks only what the schema checks.
	BulkInsertContracts(ctx context.Context, asOf Date, rows iter.Seq2[ContractDetail, error]) error
	// AlertContracts calls fn for every contract of scope and
	// organization ("" for any) that is not terminated and may have an
	// alert from today up to until (zero: no limit). The summaries carry
	// the contract and the names of its organization and vendor only.
	AlertContracts(ctx context.Context, scope Scope, organization string, today, until Date, fn func(ContractSummary) error) error
	// AlertCandidates returns the contracts with the alerts of one page
	// of the alerts list (AlertCandidates), read from the indexes of the
	// stored dates; with Stale set when some contract's stored dates are
	// not those of q.Today, and nothing else.
	AlertCandidates(ctx context.Context, q AlertQuery) (AlertCandidates, error)
	// AlertCount counts the alerts of q (After and Limit ignored) up to
	// bound; atLeast says there are more than bound, and total is then
	// bound. The stored dates must be those of q.Today.
	AlertCount(ctx context.Context, q AlertQuery, bound int) (total int, atLeast bool, err error)
	// HomeAlertCandidates returns the contracts with the start page's
	// deadlines (HomeAlertCandidates), read from the indexes of the
	// stored dates; with Stale set when some contract's stored dates are
	// not those of q.Today, and nothing else.
	HomeAlertCandidates(ctx context.Context, q HomeAlertQuery) (HomeAlertCandidates, error)
	// EachSpendContract calls fn for every contract matching f, in id
	// order, with its licence lines (in their order), the names of its
	// buyer, vendor, vendor group and category, and its buyer's kind and
	// population: one pass over the contracts and one over their lines,
	// read from one snapshot of the database, with one contract in memory
	// at a time. The contracts carry every field except Notes (a lean
	// pass less, and its Lines are valid only while fn runs). It only
	// loads: what a contract costs is the contracts package's rule
	// (ContractYearSpend), never computed in SQL. An error from fn stops
	// the pass and is returned.
	EachSpendContract(ctx context.Context, f SpendFilter, fn func(SpendContract) error) error
	// SpendContractIDs returns the lowest and highest id of the contracts
	// matching f and their number (0, 0, 0 when none match), so that a
	// pass can be split into id ranges (SpendFilter.FromID, ToID).
	SpendContractIDs(ctx context.Context, f SpendFilter) (first, last int64, n int, err error)
	// SpendContractCounts returns the number of contracts matching f per
	// organization code (organizations without any left out), so that a
	// pass over many organizations can finish each as soon as it has read
	// all of its contracts.
	SpendContractCounts(ctx context.Context, f SpendFilter) (map[string]int, error)
	// SpendCells calls fn for every cell of the maintained spend model
	// (spend_model.go) in the years of q that f selects, read in one
	// snapshot, and returns true; it returns false without calling fn
	// when the model does not hold q (none yet, another day or
	// indexation, other years), and the caller computes from the
	// contracts instead.
	SpendCells(ctx context.Context, f SpendFilter, q SpendModelQuery, fn func(SpendCell) error) (bool, error)
	// SpendModelHolds reports whether the maintained spend model holds q
	// (SpendCells' condition).
	SpendModelHolds(ctx context.Context, q SpendModelQuery) (bool, error)
	// SpendMarkets returns the spend of year q.From across every
	// organization as the cooperative concentration reads it, from the
	// model's rollups; false, like SpendCells, when the model does not
	// hold q.
	SpendMarkets(ctx context.Context, q SpendModelQuery) (SpendMarkets, bool, error)
	// SpendModelStale reports whether the model is missing or computed
	// for another day, indexation or window than asOf and idx give.
	SpendModelStale(ctx context.Context, asOf Date, idx IndexRates) (bool, error)
	// RefreshSpendModel moves the model to asOf and idx in one
	// transaction.
	RefreshSpendModel(ctx context.Context, asOf Date, idx IndexRates) (SpendModelRefresh, error)
	// Licences returns a page of the licence lines f selects, ordered by
	// LicenceLine.ExcessCost (highest first), then by excess, contract id
	// and line position, with the count and the excess cost of the whole
	// selection.
	Licences(ctx context.Context, f LicenceFilter) (LicencePage, error)
}
