package procurement

import (
	"context"

	"github.com/samenkoop/samenkoop/contracts"
)

// DemandFilter selects and pages registered demand.
type DemandFilter struct {
	// Scope limits the list to the organizations of a caller's scope; the
	// zero Scope matches nothing. The service sets it from its scope
	// parameter. Organization narrows it further.
	Scope        contracts.Scope
	Organization string
	CategoryID   int64
	Status       DemandStatus
	// Cursor is the position of the page (ListPage.Next or Prev); "" is
	// the first page, or page Page by offset.
	Cursor   string
	Page     int
	PageSize int
	// Seek is Cursor decoded, for the store; the service sets it.
	Seek contracts.Cursor
}

// Normalize fills in paging defaults and bounds (contracts.NormalizePage).
func (f DemandFilter) Normalize() DemandFilter {
	f.Page, f.PageSize = contracts.NormalizePage(f.Page, f.PageSize)
	return f
}

// Offset returns the number of rows before the filter's page.
func (f DemandFilter) Offset() int { return contracts.PageOffset(f.Page, f.PageSize) }

// DemandPage is one page of demand, ordered by desired start, then id.
type DemandPage struct {
	Items []Demand
	contracts.ListPage
}

// DemandSortStart is the demand list's order (desired start, then id) as
// its cursors name it; DemandSortKeys the number of their keys.
const (
	DemandSortStart = "demand.start"
	DemandSortKeys  = 2
)

// CategoryDemand is the demand of all organizations in one category.
type CategoryDemand struct {
	CategoryID    int64
	CategoryName  string
	Organizations int
	Quantity      int64
	AnnualBudget  contracts.Money
	// EarliestStart and LatestStart span the desired starts.
	EarliestStart contracts.Date
	LatestStart   contracts.Date
}

// TenderFilter selects and pages tenders.
type TenderFilter struct {
	// Mine limits the list to tenders in which an organization of the
	// caller's scope takes part or leads; for a caller scoped to everyone
	// it narrows nothing.
	Mine bool
	// Scope limits the list to tenders in which an organization of it
	// takes part or leads; contracts.Everyone lists every tender, the zero
	// Scope none. The service sets it (from Mine and the caller's scope).
	Scope      contracts.Scope
	Status     TenderStatus
	CategoryID int64
	Q          string
	Page       int
	PageSize   int
}

// Normalize fills in paging defaults and bounds (contracts.NormalizePage).
func (f TenderFilter) Normalize() TenderFilter {
	f.Page, f.PageSize = contracts.NormalizePage(f.Page, f.PageSize)
	return f
}

// Offset returns the number of rows before the filter's page.
func (f TenderFilter) Offset() int { return contracts.PageOffset(f.Page, f.PageSize) }

// TenderSummary is a tender with the counts a list shows beside it.
type TenderSummary struct {
	Tender
	Lots         int
	Participants int
	Signed       int
	// Annual is the participants' annual value over every lot.
	Annual contracts.Money
}

// TenderPage is one page of tenders, newest first.
type TenderPage struct {
	Items []TenderSummary
	Total int
}

// CallOff links a call-off contract in the register to the tender, lot and
// participant it came from.
type CallOff struct {
	TenderID       int64
	LotID          int64
	Organization   string
	ContractID     int64
	ContractNumber string
}

// Store is what the procurement package needs from persistence. The
// implementation lives in internal/store. Not-found reads return an error
// wrapping apperr.NotFound; writes that break a uniqueness rule wrap
// apperr.Conflict. Every write is audited by the store in its
// transaction.
type Store interface {
	// InTx runs fn in one transaction: fn's Store sees and writes through
	// it, and nothing is kept when fn returns an error.
	InTx(ctx context.Context, fn func(Store) error) error

	// From the register.
	Organization(ctx context.Context, code string) (contracts.Organization, error)
	OrganizationsByCode(ctx context.Context, codes []string) (map[string]contracts.Organization, error)
	Categories(ctx context.Context) ([]contracts.Category, error)
	Vendor(ctx context.Context, id int64) (contracts.Vendor, error)
	// Setting returns an installation-level value (apperr.NotFound when
	// unset); the lead authorities' policy bands are kept there.
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
	Contract(ctx context.Context, id int64) (contracts.ContractDetail, error)
	// CategoryContracts returns the contracts of the given organizations
	// (nil: all) in the category that are not terminated, with the names
	// of buyer, vendor and vendor group, by organization and id. Their
	// Dates are zero (compute them for the day, Contract.Dates), and
	// notes, exit facts and licence-line counts are not loaded.
	CategoryContracts(ctx context.Context, categoryID int64, organizations []string) ([]contracts.ContractSummary, error)
	// CreateContract stores a call-off contract in the register, as
	// contracts.Store does.
	CreateContract(ctx context.Context, c contracts.Contract, lines []contracts.LicenceLine, d contracts.Dates, asOf contracts.Date) (int64, error)

	Demand(ctx context.Context, id int64) (Demand, error)
	Demands(ctx context.Context, f DemandFilter) (DemandPage, error)
	// DemandByCategory sums the demand that is not withdrawn per category,
	// over the organizations in scope, by category name.
	DemandByCategory(ctx context.Context, scope contracts.Scope) ([]CategoryDemand, error)
	CreateDemand(ctx context.Context, d Demand) (int64, error)
	UpdateDemand(ctx context.Context, d Demand) error
	DeleteDemand(ctx context.Context, id int64) error

	Tender(ctx context.Context, id int64) (Tender, error)
	Tenders(ctx context.Context, f TenderFilter) (TenderPage, error)
	CreateTender(ctx context.Context, t Tender) (int64, error)
	// UpdateTender writes every field of t, status and award date
	// included.
	UpdateTender(ctx context.Context, t Tender) error
	// DeleteTender removes a tender with its lots, participants and
	// requirements.
	DeleteTender(ctx context.Context, id int64) error
	// CategoryTenders returns the tenders of the category that are not
	// cancelled, by id, with their options, their lots by number and the
	// participants' annual value per lot (for the split warning).
	CategoryTenders(ctx context.Context, categoryID int64) ([]CategoryTender, error)

	// Lots returns the tender's lots by number, with the awarded vendor's
	// name.
	Lots(ctx context.Context, tenderID int64) ([]Lot, error)
	// CreateLot gives the lot the next number in its tender.
	CreateLot(ctx context.Context, l Lot) (int64, error)
	// UpdateLot writes the lot's title, CPV, unit, unit price and vendor.
	UpdateLot(ctx context.Context, l Lot) error
	DeleteLot(ctx context.Context, id int64) error

	// Participants returns the tender's participants by organization code,
	// with their volumes (by lot number) and their organization's name,
	// kind, province and population.
	Participants(ctx context.Context, tenderID int64) ([]Participant, error)
	Participant(ctx context.Context, tenderID int64, organization string) (Participant, error)
	// UpsertParticipant adds the participant or replaces its demand id,
	// joined date, volumes and mandate.
	UpsertParticipant(ctx context.Context, p Participant) error
	DeleteParticipant(ctx context.Context, tenderID int64, organization string) error

	// Requirements returns the tender's requirements by number with every
	// rating.
	Requirements(ctx context.Context, tenderID int64) ([]Requirement, error)
	// CreateRequirement gives the requirement the next number in its
	// tender and stores its ratings.
	CreateRequirement(ctx context.Context, r Requirement) (int64, error)
	// UpdateRequirement writes the text and kind (not the ratings).
	UpdateRequirement(ctx context.Context, r Requirement) error
	DeleteRequirement(ctx context.Context, id int64) error
	// SetRatings records one organization's ratings of the tender's
	// requirements, by requirement id; an empty rating removes it.
	SetRatings(ctx context.Context, tenderID int64, organization string, ratings map[int64]Rating) error

	// BundleVersion returns the version of the data the bundler reads,
	// given the version seen before (the zero value the first time):
	// equal Inputs mean equal inputs.
	BundleVersion(ctx context.Context, prev DataVersion) (DataVersion, error)

	CreateCallOff(ctx context.Context, c CallOff) error
	// CallOffs returns the tender's call-off contracts by organization and
	// lot.
	CallOffs(ctx context.Context, tenderID int64) ([]CallOff, error)
}
