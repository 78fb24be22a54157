package contracts

import (
	"context"
	"encoding/json"
	"fmt"
)

// The maintained spend model (issue 15): each contract's spend per year
// of a window, added up per year × organization × category × vendor,
// kept by the store in the transaction of every contract write, so that
// the spend, concentration and dependency views add up a few thousand
// cells instead of computing every contract with its licence lines. The
// amounts are ContractYearSpend's, computed for one day and one
// indexation (SpendModelQuery); a view whose day, indexation or years the
// model does not hold computes from the contracts as before, so a model
// not yet built or not yet refreshed makes a view slower, never wrong.

// The years the model holds around the day it is computed for: the spend
// page offers five years back and five ahead, the forecast and the
// workbook five years from a chosen year.
const (
	SpendModelYearsBack  = 5
	SpendModelYearsAhead = 10
)

// SpendModelYears returns the first and last year the model holds when
// computed for asOf.
func SpendModelYears(asOf Date) (first, last int) {
	y := asOf.Year()
	return max(y-SpendModelYearsBack, MinYear), min(y+SpendModelYearsAhead, MaxYear)
}

// SpendModelQuery says what a view needs of the model: amounts computed
// for AsOf with Index, for the years From–To (both inclusive).
type SpendModelQuery struct {
	AsOf     Date
	Index    IndexRates
	From, To int
	// Sum, when set, has the cells summed per year over the keys it does
	// not keep (those are zero in the cells handed over), so that a view
	// reads a few rows per year instead of every cell; nil hands over
	// every cell as it is.
	Sum *CellKeys
}

// CellKeys are the keys of a cell besides its year that a sum keeps:
// organization, category, vendor.
type CellKeys struct {
	Organization, Category, Vendor bool
	// VendorGroup, with Vendor, sums the vendors of a group into one cell
	// under the group's top vendor.
	VendorGroup bool
}

// keysFor returns the keys the groupings read.
func keysFor(groupings []SpendGroupBy) *CellKeys {
	k := &CellKeys{}
	for _, g := range groupings {
		switch g {
		case ByOrganization:
			k.Organization = true
		case ByCategory:
			k.Category = true
		default:
			k.Vendor = true
		}
	}
	return k
}

// IndexKey returns the indexation as the model records it: the same rates
// give the same key.
func (r IndexRates) IndexKey() string {
	// Map keys are sorted by encoding/json, so equal rates give equal
	// text; no figures per year is {} whether the map is nil or empty.
	byYear := r.ByYear
	if byYear == nil {
		byYear = map[int]int{}
	}
	b, _ := json.Marshal(struct {
		ByYear  map[int]int `json:"byYear"`
		Default int         `json:"default"`
	}{byYear, r.Default})
	return string(b)
}

// SpendSplit is a contract's spend in a year split by where it comes
// from: the annual value of a contract without licence lines (Contract),
// or the licence lines (Licence). A contract has one or the other.
type SpendSplit struct {
	Contract, Licence Money
}

// Total returns the sum of both parts.
func (s SpendSplit) Total() Money { return SatAdd(s.Contract, s.Licence) }

// Add returns s with o added, part by part.
func (s SpendSplit) Add(o SpendSplit) SpendSplit {
	return SpendSplit{Contract: SatAdd(s.Contract, o.Contract), Licence: SatAdd(s.Licence, o.Licence)}
}

// ContractYearSplit returns ContractYearSpend split by where it comes
// from: the licence lines when c has any, its annual value otherwise.
func ContractYearSplit(c Contract, lines []LicenceLine, year int, today Date, idx IndexRates) SpendSplit {
	amount := ContractYearSpend(c, lines, year, today, idx)
	if len(lines) > 0 {
		return SpendSplit{Licence: amount}
	}
	return SpendSplit{Contract: amount}
}

// SpendCell is one cell of the maintained spend model: the spend in one
// year of one organization's contracts with one vendor in one category,
// with the names beside the ids.
type SpendCell struct {
	Year             int
	Organization     string
	OrganizationName string
	OrganizationKind OrgKind
	Population       int
	CategoryID       int64 // 0: no category
	CategoryName     string
	VendorID         int64
	VendorName       string
	VendorGroupID    int64
	VendorGroupName  string
	Spend            SpendSplit
	// Contracts counts the contracts with spend in the year.
	Contracts int
}

// SpendModelRefresh says what a refresh of the model did.
type SpendModelRefresh struct {
	// Rebuilt is set when the model was computed from scratch: there was
	// none, or it held other years or another indexation.
	Rebuilt bool
	// Contracts counts the contracts computed again.
	Contracts int
}

// spendModel returns the query of the model for years from–to as of today
// with the service's indexation.
func (s *Service) spendModel(today Date, from, to int) SpendModelQuery {
	return SpendModelQuery{AsOf: today, Index: s.opts.Index, From: from, To: to}
}

// cellContract returns a cell as the contract the views' accumulators
// take: its organization, vendor, category and their names.
func cellContract(c SpendCell) SpendContract {
	return SpendContract{Contract: Contract{Organization: c.Organization, VendorID: c.VendorID, CategoryID: c.CategoryID},
		OrganizationName: c.OrganizationName, OrganizationKind: c.OrganizationKind, Population: c.Population,
		VendorName: c.VendorName, VendorGroupID: c.VendorGroupID, VendorGroupName: c.VendorGroupName, CategoryName: c.CategoryName}
}

// spendEach calls add with the spend in each of years calendar years from
// from of what f selects, where it is not zero: from the maintained model
// when it holds those years for today (one call per cell, n its
// contracts), otherwise from a pass over the contracts (one call per
// contract and year, n = 1). With keep the model's cells are summed over
// the keys it leaves out, and the contract handed over has those zero. Like
// spendPass it returns the accumulators
// of newAcc for the caller to merge. sc is only valid while add runs.
func spendEach[A any](ctx context.Context, s *Service, f SpendFilter, today Date, from, years int, keep *CellKeys, newAcc func() A,
	add func(a A, sc *SpendContract, year int, spend SpendSplit, n int)) ([]A, error) {
	acc := newAcc()
	q := s.spendModel(today, from, from+years-1)
	q.Sum = keep
	ok, err := s.store.SpendCells(ctx, f, q, func(c SpendCell) error {
		sc := cellContract(c)
		add(acc, &sc, c.Year, c.Spend, c.Contracts)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if ok {
		return []A{acc}, nil
	}
	return spendPass(ctx, s.store, f, newAcc, func(a A, sc SpendContract) {
		for y := from; y < from+years; y++ {
			if sp := ContractYearSplit(sc.Contract, sc.Lines, y, today, s.opts.Index); sp.Total() != 0 {
				add(a, &sc, y, sp, 1)
			}
		}
	})
}

// RefreshSpendModel moves the maintained spend model to today and the
// configured indexation: from scratch when there is none or it holds
// other years or another indexation, otherwise the contracts whose spend
// depends on the day. The nightly job runs it after the dates
// (RefreshDates); no read calls it.
func (s *Service) RefreshSpendModel(ctx context.Context) (SpendModelRefresh, error) {
	r, err := s.store.RefreshSpendModel(ctx, s.Today(), s.opts.Index)
	if err != nil {
		return r, fmt.Errorf("contracts: refresh spend model: %w", err)
	}
	return r, nil
}

// SpendMarkets is the maintained model's spend of one year as the
// cooperative concentration reads it, from the rollups the store keeps
// beside the cells (a few hundred rows, however many organizations):
// the spend per category × vendor group across all organizations, the
// organizations with spend per category, and how many organizations each
// group holds more than half of a category's spend for.
type SpendMarkets struct {
	// Shares are the spend per category (0: none) × vendor group, where
	// it is not zero.
	Shares []MarketShare
	// Buyers counts per category the organizations with spend in it.
	Buyers map[int64]int
	// Reach counts per category × group the organizations for which the
	// group holds more than half of the category's spend; categories
	// other than 0 only.
	Reach []MarketReach
	// GroupOrganizations counts per group the organizations it holds more
	// than half of at least one category's spend for.
	GroupOrganizations map[int64]int
}

// MarketShare is one vendor group's spend in one category.
type MarketShare struct {
	CategoryID   int64
	CategoryName string
	GroupID      int64
	GroupName    string
	Amount       Money
}

// MarketReach is how many organizations one group holds more than half
// of one category's spend for.
type MarketReach struct {
	CategoryID, GroupID int64
	Organizations       int
}
