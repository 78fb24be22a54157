package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// TestMovedContractsIsTheRuleInSQL: the rows MovedContracts selects in SQL
// are those whose stored dates contracts.Dates.MayMoveBetween says may
// have moved from the day they were stored for, on the small demo
// register stored on 22-11-2026 and read a day, a week, a month and half
// a year later, for the whole register and within a filter; their
// stored dates come along. The list relies on it to answer for today
// before the nightly refresh (contracts/dates_stored.go).
func TestMovedContractsIsTheRuleInSQL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	stored := contracts.NewDate(2026, 11, 22)
	// The small demo set as of 2026-11-22 10:00 (listNow).
	st, _ := smallRegister(t)
	reg := st.Register()
	if stale, err := reg.HasStaleContracts(ctx, stored); err != nil || stale {
		t.Fatalf("HasStaleContracts(%s) = %v, %v; want every row stored for that day", stored, stale, err)
	}
	all := contracts.ContractFilter{Scope: contracts.Everyone(), Sort: contracts.SortNumber}
	var rows []contracts.ContractSummary
	if err := reg.EachContract(ctx, all, func(cs contracts.ContractSummary) error {
		rows = append(rows, cs)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// The organization with the most tacit renewals narrows the filter.
	count := map[string]int{}
	org := ""
	for _, cs := range rows {
		if cs.RenewalKind == contracts.RenewalTacit {
			if count[cs.Organization]++; count[cs.Organization] > count[org] {
				org = cs.Organization
			}
		}
	}
	filters := []struct {
		name string
		f    contracts.ContractFilter
		in   func(contracts.ContractSummary) bool
	}{
		{"every contract", all, func(contracts.ContractSummary) bool { return true }},
		{"tacit renewals of " + org + ", date filters ignored", contracts.ContractFilter{Scope: contracts.Everyone(), Organization: org,
			RenewalKind: contracts.RenewalTacit, NoticeBefore: stored, EndsBefore: stored},
			func(cs contracts.ContractSummary) bool {
				return cs.Organization == org && cs.RenewalKind == contracts.RenewalTacit
			}},
	}
	for _, days := range []int{1, 7, 30, 182} {
		today := stored.AddDays(days)
		for _, tt := range filters {
			var want []int64
			byID := map[int64]contracts.Dates{}
			for _, cs := range rows {
				if tt.in(cs) && cs.Dates.MayMoveBetween(stored, today) {
					want = append(want, cs.ID)
					byID[cs.ID] = cs.Dates
				}
			}
			got, err := reg.MovedContracts(ctx, tt.f, today)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, cs := range got {
				ids = append(ids, cs.ID)
				if cs.Dates != byID[cs.ID] || cs.Organization == "" {
					t.Errorf("MovedContracts(%s, %s): contract %d of %q has stored dates %+v, want %+v", tt.name, today, cs.ID,
						cs.Organization, cs.Dates, byID[cs.ID])
				}
			}
			slices.Sort(ids)
			slices.Sort(want)
			if !slices.Equal(ids, want) {
				t.Errorf("MovedContracts(%s, %s) = %d contracts, the rule in Go %d: %v, want %v", tt.name, today, len(ids), len(want), ids, want)
			}
			if days == 30 && len(want) == 0 {
				t.Errorf("MovedContracts(%s, %s): nothing moved in a month; the test checks nothing", tt.name, today)
			}
			t.Logf("%s, %d days on: %d of %d contracts may have moved", tt.name, days, len(ids), len(rows))
		}
	}
	if got, err := reg.MovedContracts(ctx, all, stored); err != nil || len(got) != 0 {
		t.Errorf("MovedContracts on the day the dates are stored for = %d contracts, %v; want none", len(got), err)
	}
}
