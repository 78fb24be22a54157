package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// spendModelFixture is a store with Amsterdam, two vendors and one
// contract of € 12.000,00 a year over 2025 and 2026 (none before 2025),
// and a service whose day is 1 June 2025.
func spendModelFixture(t *testing.T) (*contracts.Service, *store.Store, int64) {
	t.Helper()
	ctx := context.Background()
	now := func() time.Time { return time.Date(2025, 6, 1, 9, 0, 0, 0, contracts.Amsterdam) }
	st := storetest.New(t)
	svc := contracts.NewService(st.Register(), contracts.Options{Now: now})
	if err := svc.CreateOrganization(ctx, amsterdam()); err != nil {
		t.Fatal(err)
	}
	vendor, err := svc.CreateVendor(ctx, contracts.Vendor{Name: "KPN", KVK: "02045200"})
	if err != nil {
		t.Fatal(err)
	}
	c := contracts.Contract{Organization: "GM0363", Number: "2025-1", Title: "Telefonie", VendorID: vendor, Start: contracts.NewDate(2025, 1, 1),
		InitialTermMonths: 24, RenewalKind: contracts.RenewalNone, AnnualValue: 1_200_000, Status: contracts.StatusActive}
	id, err := svc.CreateContract(ctx, contracts.Everyone(), c, nil)
	if err != nil {
		t.Fatal(err)
	}
	return svc, st, id
}

// TestCheckSpendModelFindsDifferences: CheckSpendModel says when there is
// no model, finds none in a model it built, and finds a cell or a
// contract's amount changed behind the store's back, naming it; the check
// changes nothing.
func TestCheckSpendModelFindsDifferences(t *testing.T) {
	ctx := context.Background()
	svc, st, id := spendModelFixture(t)
	if c, err := st.CheckSpendModel(ctx); err != nil || c.Built {
		t.Fatalf("CheckSpendModel before the model = %+v, %v; want not built", c, err)
	}
	if _, err := svc.RefreshSpendModel(ctx); err != nil {
		t.Fatal(err)
	}
	c, err := st.CheckSpendModel(ctx)
	if err != nil || !c.Built || c.Contracts != 2 || c.Cells != 2 || c.Different != 0 {
		t.Fatalf("CheckSpendModel = %+v, %v; want 2 years of one contract in 2 cells, no differences", c, err)
	}
	if err := st.ExecForTest(ctx, `UPDATE spend_cells SET contract_amount = contract_amount + 1 WHERE year = 2026`); err != nil {
		t.Fatal(err)
	}
	if err := st.ExecForTest(ctx, `DELETE FROM spend_contract_years WHERE contract_id = ? AND year = 2025`, id); err != nil {
		t.Fatal(err)
	}
	c, err = st.CheckSpendModel(ctx)
	if err != nil || c.Different != 2 || len(c.Differences) != 2 {
		t.Fatalf("CheckSpendModel after two changes = %+v, %v; want both", c, err)
	}
	want := map[string]store.SpendModelDifference{
		"spend_contract_years": {Table: "spend_contract_years", Maintained: "-"},
		"spend_cells":          {Table: "spend_cells", Maintained: "1200001, 0, 1", Rebuilt: "1200000, 0, 1"},
	}
	for _, d := range c.Differences {
		w, ok := want[d.Table]
		if !ok || d.Maintained != w.Maintained || (w.Rebuilt != "" && d.Rebuilt != w.Rebuilt) {
			t.Errorf("difference %+v; want %+v", d, w)
		}
	}
	if again, err := st.CheckSpendModel(ctx); err != nil || again.Different != 2 {
		t.Errorf("CheckSpendModel a second time = %d differences, %v; want the same 2 (the check changes nothing)", again.Different, err)
	}
}

// TestSpendModelFollowsVendorGroups: the cells are kept per vendor, so a
// vendor that joins a group moves its spend to the group without a
// write to the model.
func TestSpendModelFollowsVendorGroups(t *testing.T) {
	ctx := context.Background()
	svc, _, id := spendModelFixture(t)
	if _, err := svc.RefreshSpendModel(ctx); err != nil {
		t.Fatal(err)
	}
	d, err := svc.Contract(ctx, contracts.Everyone(), id)
	if err != nil {
		t.Fatal(err)
	}
	group, err := svc.CreateVendor(ctx, contracts.Vendor{Name: "KPN Groep"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := svc.Vendor(ctx, d.VendorID)
	if err != nil {
		t.Fatal(err)
	}
	v.ParentID = group
	if err := svc.UpdateVendor(ctx, v); err != nil {
		t.Fatal(err)
	}
	rep, err := svc.Spend(ctx, contracts.Everyone(), contracts.SpendQuery{GroupBy: contracts.ByVendorGroup, Year: 2025})
	if err != nil || len(rep.Rows) != 1 || rep.Rows[0].Label != "KPN Groep" || rep.Rows[0].Amount != 1_200_000 || rep.Split.Contract != 1_200_000 {
		t.Errorf("Spend by vendor group = %+v, %v; want KPN Groep with € 12.000,00 of contract spend", rep, err)
	}
}

// TestBulkInsertMaintainsSpendModel: a load of contracts (the demo and
// the bulk path) adds them to the model in its transaction.
func TestBulkInsertMaintainsSpendModel(t *testing.T) {
	ctx := context.Background()
	svc, st, id := spendModelFixture(t)
	if _, err := svc.RefreshSpendModel(ctx); err != nil {
		t.Fatal(err)
	}
	d, err := svc.Contract(ctx, contracts.Everyone(), id)
	if err != nil {
		t.Fatal(err)
	}
	asOf := contracts.NewDate(2025, 6, 1)
	rows := func(yield func(contracts.ContractDetail, error) bool) {
		for i, lines := range [][]contracts.LicenceLine{nil, {{Product: "Licentie", Metric: contracts.MetricNamedUser, Quantity: 10, SeatsInUse: -1,
			UnitPrice: 1_000, PricePeriod: contracts.PerMonth}}} {
			c := d.Contract
			c.ID, c.Number = 0, fmt.Sprintf("LOAD-%d", i)
			if !yield(contracts.ContractDetail{ContractSummary: contracts.ContractSummary{Contract: c, Dates: c.Dates(asOf)}, Lines: lines}, nil) {
				return
			}
		}
	}
	if err := st.BulkInsertContracts(ctx, asOf, rows); err != nil {
		t.Fatal(err)
	}
	c, err := st.CheckSpendModel(ctx)
	if err != nil || c.Contracts != 6 || c.Different != 0 {
		t.Errorf("CheckSpendModel after the load = %+v, %v; want 3 contracts × 2 years, no differences", c, err)
	}
	rep, err := svc.Spend(ctx, contracts.Everyone(), contracts.SpendQuery{GroupBy: contracts.ByVendor, Year: 2025})
	if err != nil || rep.Contracts != 3 || rep.Split.Contract != 2_400_000 || rep.Split.Licence != 120_000 {
		t.Errorf("Spend 2025 after the load = %d contracts, split %+v, %v; want 3, € 24.000,00 contract and € 1.200,00 licence spend", rep.Contracts, rep.Split, err)
	}
}
