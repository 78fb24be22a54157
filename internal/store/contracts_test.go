package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// registerFixture is a store with Amsterdam, a vendor group (KPN with a
// subsidiary) and one tacit contract, served by a service whose clock the
// test moves.
func registerFixture(t *testing.T) (*contracts.Service, *time.Time, int64, int64) {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2025, 6, 1, 9, 0, 0, 0, contracts.Amsterdam)
	st := storetest.New(t)
	svc := contracts.NewService(st.Register(), contracts.Options{Now: func() time.Time { return now }})
	if err := svc.CreateOrganization(ctx, amsterdam()); err != nil {
		t.Fatal(err)
	}
	group, err := svc.CreateVendor(ctx, contracts.Vendor{Name: "KPN", KVK: "02045200"})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := svc.CreateVendor(ctx, contracts.Vendor{Name: "KPN Zakelijk", ParentID: group})
	if err != nil {
		t.Fatal(err)
	}
	c := contracts.Contract{Organization: "GM0363", Number: "2023-ICT-014", Title: "Mobiele telefonie", VendorID: sub,
		CPV: "64212000-5", Start: contracts.NewDate(2023, 2, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalTacit,
		RenewalPeriodMonths: 12, NoticeMonths: 3, LeadDays: 30, AnnualValue: 12_500_000, Status: contracts.StatusActive}
	lines := []contracts.LicenceLine{{Product: "Abonnement", Metric: contracts.MetricDevice, Quantity: 100, SeatsInUse: 120,
		UnitPrice: 1500, PricePeriod: contracts.PerMonth}}
	id, err := svc.CreateContract(ctx, contracts.Everyone(), c, lines)
	if err != nil {
		t.Fatal(err)
	}
	return svc, &now, id, group
}

func TestContractRegister(t *testing.T) {
	ctx := context.Background()
	svc, now, id, group := registerFixture(t)
	got, err := svc.Contract(ctx, contracts.Everyone(), id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Dates.NoticeDeadline != contracts.NewDate(2025, 10, 31) || got.VendorGroupName != "KPN" || !got.OverQuota || len(got.Lines) != 1 {
		t.Errorf("Contract = %+v, want notice 31-10-2025, group KPN, over quota, one line", got.ContractSummary)
	}
	tests := []struct {
		name  string
		scope contracts.Scope
		f     contracts.ContractFilter
		want  int
	}{
		{"by vendor group: the subsidiary's contract counts for KPN", contracts.Everyone(), contracts.ContractFilter{VendorGroupID: group}, 1},
		{"notice before the deadline's day", contracts.Everyone(), contracts.ContractFilter{NoticeBefore: contracts.NewDate(2025, 10, 31)}, 1},
		{"notice before an earlier day", contracts.Everyone(), contracts.ContractFilter{NoticeBefore: contracts.NewDate(2025, 10, 30)}, 0},
		{"CPV prefix", contracts.Everyone(), contracts.ContractFilter{CPV: "6421"}, 1},
		{"scope of another organization", contracts.Only("GM0599"), contracts.ContractFilter{}, 0},
		{"search by vendor name", contracts.Everyone(), contracts.ContractFilter{Q: "kpn zak"}, 1},
		{"renewal kind", contracts.Everyone(), contracts.ContractFilter{RenewalKind: contracts.RenewalExpress}, 0},
	}
	for _, tt := range tests {
		page, err := svc.Contracts(ctx, tt.scope, tt.f)
		if err != nil || page.Total != tt.want || len(page.Items) != tt.want {
			t.Errorf("%s: Contracts = %d (%d items), %v; want %d", tt.name, page.Total, len(page.Items), err, tt.want)
		}
	}
	// A day passes the deadline: the stored dates follow the rule (GLPI
	// #23084) without anyone editing the contract.
	*now = time.Date(2025, 11, 1, 9, 0, 0, 0, contracts.Amsterdam)
	page, err := svc.Contracts(ctx, contracts.Everyone(), contracts.ContractFilter{NoticeBefore: contracts.NewDate(2026, 10, 31)})
	if err != nil || page.Total != 1 || page.Items[0].Dates.NoticeDeadline != contracts.NewDate(2026, 10, 31) {
		t.Fatalf("after the deadline: %+v, %v; want the next year's deadline 31-10-2026", page, err)
	}
	if err := svc.DeleteVendor(ctx, group); !errors.Is(err, apperr.Conflict) {
		t.Errorf("DeleteVendor with subsidiaries: err = %v, want Conflict", err)
	}
}

func TestContractBadInputChangesNothing(t *testing.T) {
	ctx := context.Background()
	svc, _, _, _ := registerFixture(t)
	bad := contracts.Contract{Organization: "GM9999", Number: "X-1", Title: "X", VendorID: 999, Start: contracts.NewDate(2025, 1, 1),
		InitialTermMonths: 12, RenewalKind: contracts.RenewalNone, Status: contracts.StatusActive}
	_, err := svc.CreateContract(ctx, contracts.Everyone(), bad, []contracts.LicenceLine{{Product: "P", Metric: "seat", Quantity: 1, UnitPrice: -5, PricePeriod: contracts.PerYear}})
	fields := map[string]bool{}
	for _, fe := range apperr.Fields(err) {
		fields[fe.Field] = true
	}
	for _, f := range []string{"organization", "vendorId", "licenceLines[0].metric", "licenceLines[0].unitPrice"} {
		if !fields[f] {
			t.Errorf("CreateContract(bad) = %v, missing %s", err, f)
		}
	}
	dup := contracts.Contract{Organization: "GM0363", Number: "2023-ICT-014", Title: "Dubbel", VendorID: 1, Start: contracts.NewDate(2025, 1, 1),
		InitialTermMonths: 12, RenewalKind: contracts.RenewalNone, Status: contracts.StatusActive}
	if _, err := svc.CreateContract(ctx, contracts.Everyone(), dup, nil); len(apperr.Fields(err)) != 1 || apperr.Fields(err)[0].Field != "number" {
		t.Errorf("duplicate number: err = %v, want a number field error", err)
	}
	page, _ := svc.Contracts(ctx, contracts.Everyone(), contracts.ContractFilter{})
	if page.Total != 1 {
		t.Errorf("%d contracts after refused creates, want 1", page.Total)
	}
}
