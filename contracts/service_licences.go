package contracts

import (
	"context"
	"strconv"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The licence view for finance (issue 17): every licence line of the
// caller's scope with what it licenses, what is in use and, when more
// seats are in use than licensed, the excess and what the excess costs.
// Over-quota lines announce a true-up or an audit claim, so the view puts
// the costliest excess first.

// LicenceFilter selects and pages licence lines.
type LicenceFilter struct {
	// Scope limits the list to the organizations of a caller's scope; the
	// zero Scope matches nothing. The service sets it from its scope
	// parameter. Organization then narrows it further ("" for any).
	Scope        Scope
	Organization string
	// All lists every licence line; without it only the lines over quota.
	All bool
	// Cursor is the position of the page (LicencePage.Next or Prev); ""
	// is the first page, or the page Page numbers.
	Cursor string
	// Seek is Cursor decoded, for the store; the service sets it.
	Seek           Cursor
	Page, PageSize int
}

// The licence view's orders as cursors name them: the lines over quota
// and every line (the lines over quota first, then the others). A
// line's keys are licenceSortKeys integers, the store's sort keys of the
// line.
const (
	LicenceSortOver = "licences.over"
	LicenceSortAll  = "licences.all"
	licenceSortKeys = 5
)

// Sort returns the name of f's order in its cursors.
func (f LicenceFilter) Sort() string {
	if f.All {
		return LicenceSortAll
	}
	return LicenceSortOver
}

// Normalize bounds the filter's paging.
func (f LicenceFilter) Normalize() LicenceFilter {
	f.Page, f.PageSize = NormalizePage(f.Page, f.PageSize)
	return f
}

// decodeLicenceCursor reads the cursor of a page of f's order: "" is the
// first page; anything but a cursor of that order with integer keys is
// apperr.BadCursor on "cursor".
func decodeLicenceCursor(f LicenceFilter) (Cursor, error) {
	c, err := DecodeCursor("cursor", f.Cursor, f.Sort(), licenceSortKeys)
	if err != nil {
		return Cursor{}, err
	}
	for _, k := range c.Keys {
		if _, err := strconv.ParseInt(k, 10, 64); err != nil {
			return Cursor{}, apperr.FieldProblem("cursor", apperr.BadCursor)
		}
	}
	return c, nil
}

// Offset returns the number of rows before the filter's page.
func (f LicenceFilter) Offset() int { return PageOffset(f.Page, f.PageSize) }

// LicenceRow is a licence line with the contract it belongs to.
type LicenceRow struct {
	LicenceLine
	ContractNumber   string
	ContractTitle    string
	Organization     string
	OrganizationName string
	VendorName       string
}

// Excess returns how many more seats are in use than licensed: 0 unless
// the line is over quota.
func (l LicenceLine) Excess() int {
	if !l.OverQuota() {
		return 0
	}
	return l.SeatsInUse - l.Quantity
}

// ExcessCost returns what the excess costs at the line's unit price, per
// the line's price period: excess × unit price, saturating at MaxMoney.
// The list sorts by it, costliest first.
func (l LicenceLine) ExcessCost() Money {
	return min(SatMul(l.UnitPrice, int64(l.Excess())), MaxMoney)
}

// LicencePage is one page of licence lines, costliest excess first (ties:
// larger excess, then contract and line order), with what the whole
// selection adds up to.
type LicencePage struct {
	Items []LicenceRow
	// Total counts the lines the filter selects.
	Total int
	// OverQuota counts the lines over quota among them, and ExcessCost
	// adds up what their excess costs (saturating at MaxMoney).
	OverQuota  int
	ExcessCost Money
	// Next and Prev are the cursors of the pages after and before this
	// one; "" when there is none.
	Next, Prev string
}

// Licences returns a page of the licence lines of scope, over quota only
// unless f.All, costliest excess first, at f.Cursor or else on page
// f.Page. Naming an organization outside scope is apperr.Forbidden; a
// cursor not made by a page of the same order is apperr.BadCursor on
// "cursor", and a page by number further than MaxOffsetRows rows from the
// first apperr.PageTooDeep on "page".
func (s *Service) Licences(ctx context.Context, scope Scope, f LicenceFilter) (LicencePage, error) {
	f = f.Normalize()
	if f.Organization != "" {
		if err := scope.check(f.Organization); err != nil {
			return LicencePage{}, err
		}
	}
	f.Scope = scope
	c, err := decodeLicenceCursor(f)
	if err != nil {
		return LicencePage{}, err
	}
	if err := CheckPageDepth(f.Cursor, f.Page, f.PageSize); err != nil {
		return LicencePage{}, err
	}
	f.Seek = c
	return s.store.Licences(ctx, f)
}
