package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/store"
)

// TestCheckSpendModelFindsRollupDifferences: CheckSpendModel compares the
// rollups with a GROUP BY over the cells and names a rollup row changed,
// one added and one removed behind the triggers' back.
func TestCheckSpendModelFindsRollupDifferences(t *testing.T) {
	ctx := context.Background()
	svc, st, id := spendModelFixture(t)
	if _, err := svc.RefreshSpendModel(ctx); err != nil {
		t.Fatal(err)
	}
	c, err := st.CheckSpendModel(ctx)
	// Two years of one contract: per year a vendor row, an organization
	// row (no holders or buyers without a category).
	if err != nil || c.Rollups != 4 || c.Different != 0 {
		t.Fatalf("CheckSpendModel = %+v, %v; want 4 rollup rows, no differences", c, err)
	}
	d, err := svc.Contract(ctx, contracts.Everyone(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE spend_vendor_years SET contracts = contracts + 1 WHERE year = 2026`,
		`INSERT INTO spend_group_reach (year, group_id, organizations) VALUES (2025, 999, 1)`,
		`DELETE FROM spend_org_years WHERE year = 2025`,
	} {
		if err := st.ExecForTest(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	c, err = st.CheckSpendModel(ctx)
	if err != nil || c.Different != 3 {
		t.Fatalf("CheckSpendModel after three changes = %+v, %v; want 3 differences", c, err)
	}
	want := map[string]store.SpendModelDifference{
		"spend_vendor_years": {Table: "spend_vendor_years", Key: fmt.Sprintf("2026, 0, %d", d.VendorID), Maintained: "1200000, 0, 2", Rebuilt: "1200000, 0, 1"},
		"spend_group_reach":  {Table: "spend_group_reach", Key: "2025, 999", Maintained: "1", Rebuilt: "-"},
		// The organization's id is the store's: only the year is compared.
		"spend_org_years": {Table: "spend_org_years", Key: "2025, ", Maintained: "-", Rebuilt: "1200000, 0, 1"},
	}
	for _, got := range c.Differences {
		w := want[got.Table]
		if got.Table == "spend_org_years" && strings.HasPrefix(got.Key, w.Key) {
			w.Key = got.Key
		}
		if got != w {
			t.Errorf("difference %+v; want %+v", got, w)
		}
		delete(want, got.Table)
	}
	if len(want) > 0 {
		t.Errorf("differences not named: %+v", want)
	}
}

// TestSpendModelRepairClearsRollups: the repair doctor advises (remove
// the model, the server computes it again) repairs the rollups too.
func TestSpendModelRepairClearsRollups(t *testing.T) {
	ctx := context.Background()
	svc, st, _ := spendModelFixture(t)
	if _, err := svc.RefreshSpendModel(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE spend_org_years SET contracts = contracts + 5`, `DELETE FROM spend_model`} {
		if err := st.ExecForTest(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if r, err := svc.RefreshSpendModel(ctx); err != nil || !r.Rebuilt {
		t.Fatalf("RefreshSpendModel = %+v, %v; want the model computed from scratch", r, err)
	}
	if c, err := st.CheckSpendModel(ctx); err != nil || c.Rollups != 4 || c.Different != 0 {
		t.Errorf("CheckSpendModel after the repair = %+v, %v; want 4 rollup rows, no differences", c, err)
	}
}
