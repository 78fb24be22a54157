package store_test

import (
	"context"
	"maps"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// TestSpendContractCounts: the contracts per organization code, within a
// spend filter's scope; organizations without contracts are left out.
func TestSpendContractCounts(t *testing.T) {
	ctx := context.Background()
	f := newProcFixture(t)
	asOf := contracts.NewDate(2026, 1, 1)
	for i, org := range []string{"GM0363", "GM0344", "GM0363", "GM0363", "GM0344"} {
		c := contracts.Contract{Organization: org, Number: string(rune('A' + i)), Title: "Telefonie", VendorID: f.vendor, CategoryID: f.category,
			Start: contracts.NewDate(2025, 1, 1), InitialTermMonths: 12, RenewalKind: contracts.RenewalNone, AnnualValue: 1000, Status: contracts.StatusActive}
		if _, err := f.st.CreateContract(ctx, c, nil, c.Dates(asOf), asOf); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		f    contracts.SpendFilter
		want map[string]int
	}{
		{"every organization; Zwolle has none", contracts.SpendFilter{Scope: contracts.Everyone()}, map[string]int{"GM0363": 3, "GM0344": 2}},
		{"a scope", contracts.SpendFilter{Scope: contracts.Only("GM0344")}, map[string]int{"GM0344": 2}},
		{"the scope that allows nothing", contracts.SpendFilter{}, map[string]int{}},
		{"one organization", contracts.SpendFilter{Scope: contracts.Everyone(), Organization: "GM0363"}, map[string]int{"GM0363": 3}},
	}
	for _, tt := range tests {
		got, err := f.st.SpendContractCounts(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(got, tt.want) {
			t.Errorf("%s: SpendContractCounts(%+v) = %v, want %v", tt.name, tt.f, got, tt.want)
		}
	}
}
