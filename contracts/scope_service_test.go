package contracts_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// TestServiceRefusesOutsideScope: the service alone decides what a caller
// scoped to one organization may do (DESIGN §6: a member acts for its own
// organization). Every call about another organization's contracts is
// apperr.Forbidden and writes nothing (the audit log, which gets an entry
// for every write, and the register stay as they were); the scope that was
// never set refuses everything.
func TestServiceRefusesOutsideScope(t *testing.T) {
	t.Parallel()
	fx := newImportFixture(t)
	ctx := context.Background()
	vendor, err := fx.svc.CreateVendor(ctx, contracts.Vendor{Name: "KPN B.V.", KVK: "27124701"})
	if err != nil {
		t.Fatal(err)
	}
	contract := func(org, number string) contracts.Contract {
		return contracts.Contract{Organization: org, Number: number, Title: "Telefonie", VendorID: vendor,
			Start: contracts.NewDate(2025, 1, 1), InitialTermMonths: 24, RenewalKind: contracts.RenewalTacit,
			RenewalPeriodMonths: 12, NoticeMonths: 3, Status: contracts.StatusActive}
	}
	own, err := fx.svc.CreateContract(ctx, contracts.Everyone(), contract("GM0363", "A-1"), nil)
	if err != nil {
		t.Fatal(err)
	}
	other, err := fx.svc.CreateContract(ctx, contracts.Everyone(), contract("GM0518", "B-1"), nil)
	if err != nil {
		t.Fatal(err)
	}
	member := contracts.Only("GM0363")
	unchanged := func(contracts.ContractDetail) (contracts.Contract, []contracts.LicenceLine, error) {
		t.Error("UpdateContract called change for a contract outside the scope")
		return contracts.Contract{}, nil, nil
	}
	moved := func(cur contracts.ContractDetail) (contracts.Contract, []contracts.LicenceLine, error) {
		c := cur.Contract
		c.Organization = "GM0518"
		return c, cur.Lines, nil
	}
	otherCSV := "Organisatie;Contractnummer;Omschrijving;Leverancier;KvK-nummer;Ingangsdatum;Looptijd;Verlenging\n" +
		"GM0518;B-2;Printers;KPN B.V.;27124701;2024-01-01;24;geen\n"
	bad := contract("GM0518", "B-3")
	bad.InitialTermMonths = 0
	tests := []struct {
		name  string
		scope contracts.Scope
		call  func(contracts.Scope) error
	}{
		{"reading another organization's contract", member, func(s contracts.Scope) error {
			_, err := fx.svc.Contract(ctx, s, other)
			return err
		}},
		{"listing another organization's contracts", member, func(s contracts.Scope) error {
			_, err := fx.svc.Contracts(ctx, s, contracts.ContractFilter{Organization: "GM0518"})
			return err
		}},
		{"exporting another organization's contracts", member, func(s contracts.Scope) error {
			return fx.svc.EachContract(ctx, s, contracts.ContractFilter{Organization: "GM0518"}, func(contracts.ContractSummary) error { return nil })
		}},
		{"registering a contract for another organization", member, func(s contracts.Scope) error {
			_, err := fx.svc.CreateContract(ctx, s, contract("GM0518", "B-2"), nil)
			return err
		}},
		{"registering an invalid contract for another organization: refused before it is judged", member, func(s contracts.Scope) error {
			_, err := fx.svc.CreateContract(ctx, s, bad, nil)
			return err
		}},
		{"changing another organization's contract", member, func(s contracts.Scope) error {
			return fx.svc.UpdateContract(ctx, s, other, unchanged)
		}},
		{"moving an own contract to another organization", member, func(s contracts.Scope) error {
			return fx.svc.UpdateContract(ctx, s, own, moved)
		}},
		{"deleting another organization's contract", member, func(s contracts.Scope) error {
			return fx.svc.DeleteContract(ctx, s, other)
		}},
		{"importing for another organization", member, func(s contracts.Scope) error {
			_, err := fx.svc.ImportContracts(ctx, s, readTable(t, []byte(otherCSV)), contracts.ContractImportOptions{Organization: "GM0518"}, false)
			return err
		}},
		{"another organization's alerts", member, func(s contracts.Scope) error {
			_, err := fx.svc.Alerts(ctx, s, "GM0518", 90)
			return err
		}},
		{"another organization's spend", member, func(s contracts.Scope) error {
			_, err := fx.svc.Spend(ctx, s, contracts.SpendQuery{GroupBy: contracts.ByVendorGroup, Year: 2026, Organization: "GM0518"})
			return err
		}},
		{"another organization's dependency", member, func(s contracts.Scope) error {
			_, err := fx.svc.DependencySummary(ctx, s, "GM0518", 2026)
			return err
		}},
		{"the cooperative's concentration, which names every organization", member, func(s contracts.Scope) error {
			_, err := fx.svc.CooperativeConcentration(ctx, s, 2026)
			return err
		}},
		{"the zero Scope reads not even an own contract", contracts.Scope{}, func(s contracts.Scope) error {
			_, err := fx.svc.Contract(ctx, s, own)
			return err
		}},
		{"the zero Scope registers nothing", contracts.Scope{}, func(s contracts.Scope) error {
			_, err := fx.svc.CreateContract(ctx, s, contract("GM0363", "A-2"), nil)
			return err
		}},
		{"the zero Scope deletes nothing", contracts.Scope{}, func(s contracts.Scope) error {
			return fx.svc.DeleteContract(ctx, s, own)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			audits, n := fx.auditCount(t), fx.contractCount(t)
			if err := tt.call(tt.scope); !errors.Is(err, apperr.Forbidden) {
				t.Errorf("as %s: err = %v, want apperr.Forbidden", tt.scope, err)
			}
			if got := fx.auditCount(t); got != audits {
				t.Errorf("as %s: refused, but the audit log went from %d to %d entries", tt.scope, audits, got)
			}
			if got := fx.contractCount(t); got != n {
				t.Errorf("as %s: refused, but the register went from %d to %d contracts", tt.scope, n, got)
			}
		})
	}
	if d, err := fx.svc.Contract(ctx, contracts.Everyone(), own); err != nil || d.Organization != "GM0363" {
		t.Errorf("the own contract after the refused move = %+v, %v; want it still Amsterdam's", d.Contract, err)
	}

	// What the member may do, it does, and it sees its own contracts only.
	if _, err := fx.svc.Contract(ctx, member, own); err != nil {
		t.Errorf("reading the own contract: %v", err)
	}
	for _, s := range []contracts.Scope{member, contracts.Scope{}} {
		page, err := fx.svc.Contracts(ctx, s, contracts.ContractFilter{})
		var ids []int64
		for _, c := range page.Items {
			ids = append(ids, c.ID)
		}
		want := []int64{own}
		if s == (contracts.Scope{}) {
			want = nil
		}
		if err != nil || !slices.Equal(ids, want) || page.Total != len(want) {
			t.Errorf("Contracts as %s = %v (total %d), %v; want %v", s, ids, page.Total, err, want)
		}
	}
	all, err := fx.svc.Contracts(ctx, contracts.Everyone(), contracts.ContractFilter{})
	if err != nil || all.Total != 2 {
		t.Errorf("Contracts as everyone = %d, %v; want both", all.Total, err)
	}
}
