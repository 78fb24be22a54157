package contracts

import "slices"

// VendorFilter selects and pages vendors.
type VendorFilter struct {
	Q string // name or KvK number contains
	// Scope limits the contract counts to the organizations of a caller's
	// scope; the zero Scope counts none. The service sets it from its
	// scope parameter.
	Scope Scope
	// Cursor is the position of the page (ListPage.Next or Prev); "" is
	// the first page, or page Page by offset.
	Cursor   string
	Page     int
	PageSize int
	// Seek is Cursor decoded, for the store; the service sets it.
	Seek Cursor
}

// Normalize fills in paging defaults and bounds (NormalizePage).
func (f VendorFilter) Normalize() VendorFilter {
	f.Page, f.PageSize = NormalizePage(f.Page, f.PageSize)
	return f
}

// Offset returns the number of rows before the filter's page.
func (f VendorFilter) Offset() int { return PageOffset(f.Page, f.PageSize) }

// VendorSummary is a vendor with its group and reach, for lists.
type VendorSummary struct {
	Vendor
	// GroupID and GroupName name the top of the vendor's group (itself
	// when it has no parent).
	GroupID    int64
	GroupName  string
	ParentName string
	// Contracts counts its contracts within the filter's scope.
	Contracts int
}

// VendorPage is one page of vendors.
type VendorPage struct {
	Items []VendorSummary
	ListPage
}

// ContractSort orders a contract list.
type ContractSort string

// The contract list orders. Each has a stable tie-break on the id.
const (
	SortNotice ContractSort = "notice" // next notice deadline, soonest first; contracts without one last
	SortEnd    ContractSort = "end"    // current end, soonest first
	SortNumber ContractSort = "number" // organization, then contract number
	SortValue  ContractSort = "value"  // annual value, highest first
	SortTitle  ContractSort = "title"
)

// ContractSorts returns the sort orders.
func ContractSorts() []ContractSort {
	return []ContractSort{SortNotice, SortEnd, SortNumber, SortValue, SortTitle}
}

// ContractFilter selects, sorts and pages contracts.
type ContractFilter struct {
	// Scope limits the list to the organizations of a caller's scope; the
	// zero Scope matches nothing. The service sets it from its scope
	// parameter. Organization then narrows it further.
	Scope         Scope
	Organization  string
	VendorID      int64
	VendorGroupID int64 // the group's top vendor: its contracts and its subsidiaries'
	CategoryID    int64
	// CategoryIDs selects several categories at once (CategoryID, when
	// set, is one of them after Normalize); at most MaxFilterValues.
	CategoryIDs  []int64
	CPV          string // prefix of the CPV code, e.g. "6421"
	Status       ContractStatus
	RenewalKind  RenewalKind
	EndsBefore   Date // current end on or before
	NoticeBefore Date // next notice deadline on or before
	Q            string
	// HideExpired leaves out contracts past their final end (Dates
	// .Expired); the contract list page sets it unless asked for them.
	HideExpired bool
	// OverQuota keeps the contracts with a licence line over quota.
	OverQuota bool
	Sort      ContractSort
	// Cursor is the position of the page (keyset paging, Cursor.Encode of
	// a page's Next or Prev); "" is the first page, or page Page by
	// offset, bounded by MaxOffsetRows.
	Cursor   string
	Page     int
	PageSize int
	// Seek is Cursor decoded, for the store; the service sets it.
	Seek Cursor
	// DatesToday holds, by contract id, the dates for today of contracts
	// whose stored dates are stale and have moved (dates_stored.go): the
	// date filters (EndsBefore, NoticeBefore) and sorts read these instead
	// of the stored copy. The service sets it; nil when the stored dates
	// are current.
	DatesToday map[int64]Dates
}

// Normalize fills in paging (NormalizePage) and sort defaults and
// bounds.
func (f ContractFilter) Normalize() ContractFilter {
	f.Page, f.PageSize = NormalizePage(f.Page, f.PageSize)
	if f.CategoryID != 0 && !slices.Contains(f.CategoryIDs, f.CategoryID) {
		f.CategoryIDs = append(slices.Clip(f.CategoryIDs), f.CategoryID)
	}
	f.CategoryID = 0
	if len(f.CategoryIDs) > 1 {
		f.CategoryIDs = slices.Compact(slices.Sorted(slices.Values(f.CategoryIDs)))
	}
	if f.Sort == "" {
		f.Sort = SortNotice
	}
	return f
}

// Offset returns the number of rows before the filter's page.
func (f ContractFilter) Offset() int { return PageOffset(f.Page, f.PageSize) }

// ContractSummary is a contract with what a list shows beside it: the
// names of its buyer, vendor, group and category, and its dates as stored
// for the day AsOf.
type ContractSummary struct {
	Contract
	Dates            Dates
	OrganizationName string
	VendorName       string
	// VendorKVK is the vendor's KvK number; "" when not known.
	VendorKVK       string
	VendorGroupID   int64
	VendorGroupName string
	CategoryName    string
	LicenceLines    int
	OverQuota       bool
	// Revision counts the changes to the contract since it was registered,
	// as its entries in the audit log record them: it only grows, by one
	// for each change. Only Store.AlertContracts reads it; elsewhere it is
	// 0. A calendar feed numbers an event's versions with it.
	Revision int
}

// MaxFilterValues bounds the values of a filter that takes several.
const MaxFilterValues = 50

// ContractPage is one page of contracts.
type ContractPage struct {
	Items []ContractSummary
	// Total counts the contracts matching the filter, from the counters
	// the store keeps; when the filter has no counter it is counted up to
	// a bound, and TotalAtLeast says there are more than Total.
	Total        int
	TotalAtLeast bool
	// Next and Prev are the cursors of the pages after and before this
	// one; "" when there is none.
	Next, Prev string
	// Partial says the store stopped looking for rows of a filter no
	// index serves after a bounded number of contracts: the page may
	// hold fewer rows than asked, and Next goes on from where it stopped.
	Partial bool
}

// ContractDetail is one contract with its licence lines.
type ContractDetail struct {
	ContractSummary
	Lines []LicenceLine
}
