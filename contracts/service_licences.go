package contracts

import "context"

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
	All            bool
	Page, PageSize int
}

// Normalize bounds the filter's paging.
func (f LicenceFilter) Normalize() LicenceFilter {
	f.Page, f.PageSize = NormalizePage(f.Page, f.PageSize)
	return f
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
}

// Licences returns a page of the licence lines of scope, over quota only
// unless f.All, costliest excess first. Naming an organization outside
// scope is apperr.Forbidden.
func (s *Service) Licences(ctx context.Context, scope Scope, f LicenceFilter) (LicencePage, error) {
	if f.Organization != "" {
		if err := scope.check(f.Organization); err != nil {
			return LicencePage{}, err
		}
	}
	f.Scope = scope
	return s.store.Licences(ctx, f.Normalize())
}
