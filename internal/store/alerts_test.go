package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// TestAlertContracts: the candidates of an alert window are the contracts
// whose dates stored for today touch it or that missed a notice deadline,
// plus every row whose dates were stored for another day, never a
// terminated one.
func TestAlertContracts(t *testing.T) {
	ctx := context.Background()
	st := storetest.New(t)
	reg := st.Register()
	for _, o := range []contracts.Organization{
		{Code: "GM0363", Name: "Amsterdam", Kind: contracts.KindMunicipality},
		{Code: "GM1900", Name: "Súdwest-Fryslân", Kind: contracts.KindMunicipality},
	} {
		if err := reg.CreateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	vendor, err := reg.CreateVendor(ctx, contracts.Vendor{Name: "Leverancier", Country: "NL"})
	if err != nil {
		t.Fatal(err)
	}
	today := contracts.NewDate(2025, 9, 1)
	until := today.AddDays(90)
	// GLPI #15893: notice by 31-10-2025, inside the window.
	glpi := contracts.Contract{Organization: "GM0363", Start: contracts.NewDate(2023, 2, 1), InitialTermMonths: 36,
		RenewalKind: contracts.RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 3, VendorID: vendor, Status: contracts.StatusActive}
	later := glpi
	later.Start = contracts.NewDate(2024, 6, 1) // notice by 31-03-2027: outside
	missed := glpi
	missed.Start = contracts.NewDate(2022, 11, 1) // deadline 31-07-2025 missed, the next 31-07-2026
	terminated := glpi
	terminated.Status = contracts.StatusTerminated
	express := contracts.Contract{Organization: "GM1900", Start: contracts.NewDate(2024, 5, 1), InitialTermMonths: 24,
		RenewalKind: contracts.RenewalExpress, RenewalPeriodMonths: 12, MaxRenewals: 1, NoticeMonths: 6, VendorID: vendor,
		Status: contracts.StatusActive} // option by 31-10-2025
	ending := contracts.Contract{Organization: "GM1900", Start: contracts.NewDate(2024, 10, 1), InitialTermMonths: 12,
		RenewalKind: contracts.RenewalNone, VendorID: vendor, Status: contracts.StatusActive} // ends 30-09-2025
	stale := later
	ids := map[string]int64{}
	for name, c := range map[string]contracts.Contract{"glpi": glpi, "later": later, "missed": missed, "terminated": terminated,
		"express": express, "ending": ending, "stale": stale} {
		c.Number, c.Title = name, name
		asOf := today
		if name == "stale" {
			// Stored a year ago: its stored dates say nothing about today.
			asOf = today.AddDays(-365)
		}
		id, err := reg.CreateContract(ctx, c, nil, c.Dates(asOf), asOf)
		if err != nil {
			t.Fatal(err)
		}
		ids[name] = id
	}
	names := func(scope contracts.Scope, org string, until contracts.Date) []string {
		t.Helper()
		var out []string
		err := reg.AlertContracts(ctx, scope, org, today, until, func(cs contracts.ContractSummary) error {
			if cs.ID != ids[cs.Number] || cs.OrganizationName == "" || cs.VendorName != "Leverancier" || cs.Start.IsZero() {
				t.Errorf("candidate %s = %+v: want the contract with its names", cs.Number, cs)
			}
			out = append(out, cs.Number)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		name  string
		scope contracts.Scope
		org   string
		until contracts.Date
		want  []string
	}{
		{"every organization: dates in the window, a missed deadline, stale rows; no terminated one", contracts.Everyone(), "", until,
			[]string{"ending", "express", "glpi", "missed", "stale"}},
		{"scope", contracts.Only("GM1900"), "", until, []string{"ending", "express"}},
		{"organization", contracts.Everyone(), "GM0363", until, []string{"glpi", "missed", "stale"}},
		{"organization outside the scope", contracts.Only("GM1900"), "GM0363", until, nil},
		{"an empty scope sees nothing", contracts.Scope{}, "", until, nil},
		{"no window: every contract that is not terminated", contracts.Everyone(), "", contracts.Date{},
			[]string{"ending", "express", "glpi", "later", "missed", "stale"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := names(tt.scope, tt.org, tt.until); !slices.Equal(got, tt.want) {
				t.Errorf("AlertContracts(%v, %q, %s–%s) = %v, want %v", tt.scope, tt.org, today, tt.until, got, tt.want)
			}
		})
	}
}
