package contracts

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// One vendor group's reach, for the vendor page (VendorReach): per
// category its share across all organizations and the organizations for
// which it holds more than half.

// OrganizationRef names an organization in a list.
type OrganizationRef struct {
	Code string
	Name string
}

// CategoryReach is a vendor group's position in one category.
type CategoryReach struct {
	CategoryID int64
	Name       string
	// Amount is the group's spend in the category across all
	// organizations, BasisPoints its share of the category's Total.
	Amount      Money
	Total       Money
	BasisPoints int
	// Customers counts the organizations with spend with the group in the
	// category; Buyers those with spend in the category at all.
	Customers int
	Buyers    int
	// Dominated are the organizations for which the group holds more than
	// half of the category's spend, by name.
	Dominated []OrganizationRef
}

// VendorReach is a vendor group's reach (DESIGN §4), for the vendor page.
type VendorReach struct {
	GroupID   int64
	GroupName string
	Year      int
	AsOf      Date
	// Organizations counts the organizations for which the group holds
	// more than 50 % of the spend in at least one category.
	Organizations int
	// Categories are the categories in which the group has spend in the
	// year, by number of dominated organizations (then amount), highest
	// first.
	Categories []CategoryReach
}

// VendorReach returns the reach in year of the group vendorID belongs to
// (the group's top or any of its subsidiaries may be named): per
// category where it has spend, its share across all organizations and the
// organizations for which it holds more than half. It covers every
// organization, so scope must be Everyone (apperr.Forbidden otherwise); an
// unknown vendor is apperr.NotFound.
func (s *Service) VendorReach(ctx context.Context, scope Scope, vendorID int64, year int) (VendorReach, error) {
	var fe apperr.FieldErrors
	checkYear(&fe, "year", year)
	if err := fe.Err(); err != nil {
		return VendorReach{}, err
	}
	if err := requireAll(scope); err != nil {
		return VendorReach{}, err
	}
	top, err := s.store.Vendor(ctx, vendorID)
	if err != nil {
		return VendorReach{}, fmt.Errorf("contracts: vendor reach: %w", err)
	}
	up, err := s.store.VendorAncestors(ctx, vendorID)
	if err != nil {
		return VendorReach{}, fmt.Errorf("contracts: vendor reach: %w", err)
	}
	if len(up) > 0 {
		if top, err = s.store.Vendor(ctx, up[len(up)-1]); err != nil {
			return VendorReach{}, fmt.Errorf("contracts: vendor reach: %w", err)
		}
	}
	today := s.Today()
	out := VendorReach{GroupID: top.ID, GroupName: top.Name, Year: year, AsOf: today}
	m, err := s.marketPass(ctx, SpendFilter{Scope: scope, MarketsOf: top.ID, Lean: true}, year, today)
	if err != nil {
		return out, fmt.Errorf("contracts: vendor reach of %d: %w", top.ID, err)
	}
	majority := m.majorities()
	cats := map[int64]*CategoryReach{}
	buyers := map[int64]map[string]bool{}
	dominated := map[string]bool{}
	for k, v := range m.amounts {
		if k.category == 0 {
			continue
		}
		c := cats[k.category]
		if c == nil {
			c = &CategoryReach{CategoryID: k.category, Name: m.categories[k.category]}
			cats[k.category], buyers[k.category] = c, map[string]bool{}
		}
		c.Total = SatAdd(c.Total, v)
		buyers[k.category][k.org] = true
		if k.group != top.ID {
			continue
		}
		c.Amount = SatAdd(c.Amount, v)
		c.Customers++
		if majority[k] {
			c.Dominated = append(c.Dominated, OrganizationRef{Code: k.org, Name: m.orgNames[k.org]})
			dominated[k.org] = true
		}
	}
	for id, c := range cats {
		if c.Amount == 0 {
			continue
		}
		c.Buyers = len(buyers[id])
		c.BasisPoints = basisPoints(c.Amount, c.Total)
		slices.SortFunc(c.Dominated, func(a, b OrganizationRef) int {
			return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Code, b.Code))
		})
		out.Categories = append(out.Categories, *c)
	}
	slices.SortFunc(out.Categories, func(a, b CategoryReach) int {
		return cmp.Or(cmp.Compare(len(b.Dominated), len(a.Dominated)), cmp.Compare(b.Amount, a.Amount), cmp.Compare(a.Name, b.Name))
	})
	out.Organizations = len(dominated)
	return out, nil
}
