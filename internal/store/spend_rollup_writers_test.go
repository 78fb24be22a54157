package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// TestSpendRollupsFollowEveryWriter walks every writer of spend_cells —
// a contract created; updated in its amounts, years, category, vendor and
// organization; deleted; a load; the vendor moved to another group and
// back; the nightly refresh on a later day; the model computed from
// scratch; and the copy of the store — and after each step compares every
// rollup with a GROUP BY over the cells and the cells with the model
// computed from scratch (CheckSpendModel). The contracts are chosen so
// that the holder of the organization's spend in the category moves at
// most steps (a larger vendor, a smaller one, a tie, a vendor changing
// group), and those steps check the holder itself too.
func TestSpendRollupsFollowEveryWriter(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2025, 6, 1, 9, 0, 0, 0, contracts.Amsterdam)
	st := storetest.New(t)
	svc := contracts.NewService(st.Register(), contracts.Options{Now: func() time.Time { return day }})
	utrecht := contracts.Organization{Code: "GM0344", Name: "Utrecht", Kind: contracts.KindMunicipality, Province: "PV26",
		Population: 361966, PopulationDate: contracts.NewDate(2025, 1, 1)}
	for _, o := range []contracts.Organization{amsterdam(), utrecht} {
		if err := svc.CreateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	var vendors [3]int64
	for i, name := range []string{"Alfa", "Beta", "Gamma"} {
		id, err := svc.CreateVendor(ctx, contracts.Vendor{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		vendors[i] = id
	}
	alfa, beta, gamma := vendors[0], vendors[1], vendors[2]
	var cats [2]int64
	for i, name := range []string{"Telefonie", "Werkplek"} {
		id, err := st.CreateCategory(ctx, contracts.Category{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		cats[i] = id
	}
	if _, err := svc.RefreshSpendModel(ctx); err != nil {
		t.Fatal(err)
	}

	// check applies the writes' pending changes (the server's job, or
	// the next read) and compares.
	check := func(step string, rollups bool) {
		t.Helper()
		if _, err := st.ApplySpendChanges(ctx); err != nil {
			t.Fatalf("%s: ApplySpendChanges: %v", step, err)
		}
		c, err := st.CheckSpendModel(ctx)
		if err != nil {
			t.Fatalf("%s: CheckSpendModel: %v", step, err)
		}
		if !c.Built || c.Different != 0 || rollups != (c.Rollups > 0) {
			t.Fatalf("%s: model built %v, %d rollup rows, %d differences: %+v", step, c.Built, c.Rollups, c.Different, c.Differences)
		}
	}
	// holder checks the holder of Amsterdam's spend in the first category
	// in 2025, the reach the holder gives its group, and the buyers.
	holder := func(step string, org string, want int64) {
		t.Helper()
		rows, err := st.RowsForTest(ctx, `SELECT m.group_id, (SELECT count(*) FROM spend_buyers b WHERE b.year = m.year AND b.category_id = m.category_id)
			FROM spend_majorities m JOIN organizations o ON o.id = m.organization_id
			WHERE m.year = 2025 AND o.code = ? AND m.category_id = ?`, org, cats[0])
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0][0] != fmt.Sprint(want) || rows[0][1] != "1" {
			t.Fatalf("%s: holder of %s in 2025 = %v; want group %d and one buyer row", step, org, rows, want)
		}
	}

	contract := func(number string, vendor, cat, value int64) contracts.Contract {
		return contracts.Contract{Organization: "GM0363", Number: number, Title: number, VendorID: vendor, CategoryID: cat,
			Start: contracts.NewDate(2025, 1, 1), InitialTermMonths: 24, RenewalKind: contracts.RenewalNone,
			AnnualValue: contracts.Money(value), Status: contracts.StatusActive}
	}
	create := func(c contracts.Contract) int64 {
		t.Helper()
		id, err := svc.CreateContract(ctx, contracts.Everyone(), c, nil)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	update := func(step string, id int64, f func(*contracts.Contract)) {
		t.Helper()
		err := svc.UpdateContract(ctx, contracts.Everyone(), id, func(d contracts.ContractDetail) (contracts.Contract, []contracts.LicenceLine, error) {
			c := d.Contract
			f(&c)
			return c, d.Lines, nil
		})
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		check(step, true)
	}

	x := create(contract("X", alfa, cats[0], 1_200_000))
	check("create X", true)
	holder("create X", "GM0363", alfa)
	y := create(contract("Y", beta, cats[0], 2_000_000))
	check("create Y, larger", true)
	holder("create Y, larger", "GM0363", beta)
	update("Y smaller", y, func(c *contracts.Contract) { c.AnnualValue = 500_000 })
	holder("Y smaller", "GM0363", alfa)
	update("Y as large as X", y, func(c *contracts.Contract) { c.AnnualValue = 1_200_000 })
	holder("Y as large as X", "GM0363", 0)
	update("Y a little larger", y, func(c *contracts.Contract) { c.AnnualValue = 1_300_000 })
	holder("Y a little larger", "GM0363", beta)
	update("X later years", x, func(c *contracts.Contract) { c.Start, c.InitialTermMonths = contracts.NewDate(2026, 7, 1), 36 })
	update("X another category", x, func(c *contracts.Contract) { c.CategoryID = cats[1] })
	update("X no category", x, func(c *contracts.Contract) { c.CategoryID = 0 })
	update("X back, another vendor", x, func(c *contracts.Contract) {
		c.Start, c.InitialTermMonths, c.CategoryID, c.VendorID, c.AnnualValue = contracts.NewDate(2025, 1, 1), 24, cats[0], gamma, 9_000_000
	})
	holder("X back, another vendor", "GM0363", gamma)
	update("X to Utrecht", x, func(c *contracts.Contract) { c.Organization = "GM0344" })
	holder("X to Utrecht", "GM0363", beta)

	// Gamma joins Beta's group: Utrecht's holder becomes that group.
	g, err := svc.Vendor(ctx, gamma)
	if err != nil {
		t.Fatal(err)
	}
	g.ParentID = beta
	if err := svc.UpdateVendor(ctx, g); err != nil {
		t.Fatal(err)
	}
	check("Gamma in Beta's group", true)
	holder("Gamma in Beta's group", "GM0344", beta)
	g.ParentID = 0
	if err := svc.UpdateVendor(ctx, g); err != nil {
		t.Fatal(err)
	}
	check("Gamma on its own", true)
	holder("Gamma on its own", "GM0344", gamma)

	// A load after the single writes, with its multi-row statements.
	asOf := contracts.NewDate(2025, 6, 1)
	rows := func(yield func(contracts.ContractDetail, error) bool) {
		for i, v := range []int64{alfa, beta, gamma} {
			c := contract(fmt.Sprintf("LOAD-%d", i), v, cats[i%2], 400_000*int64(i+1))
			if !yield(contracts.ContractDetail{ContractSummary: contracts.ContractSummary{Contract: c, Dates: c.Dates(asOf)}}, nil) {
				return
			}
		}
	}
	if err := st.BulkInsertContracts(ctx, asOf, rows); err != nil {
		t.Fatal(err)
	}
	check("load", true)

	// A terminated contract counts up to today: the nightly refresh of a
	// later day moves its cells through the single contracts' path.
	update("Y terminated", y, func(c *contracts.Contract) { c.Status = contracts.StatusTerminated })
	later := contracts.NewService(st.Register(), contracts.Options{Now: func() time.Time { return day.AddDate(0, 2, 0) }})
	if r, err := later.RefreshSpendModel(ctx); err != nil || r.Rebuilt || r.Contracts == 0 {
		t.Fatalf("RefreshSpendModel two months later = %+v, %v; want the terminated contract computed again", r, err)
	}
	check("refresh", true)

	if err := svc.DeleteContract(ctx, contracts.Everyone(), y); err != nil {
		t.Fatal(err)
	}
	check("delete Y", true)
	holder("delete Y", "GM0363", gamma) // LOAD-2, three times LOAD-0
	if err := svc.DeleteContract(ctx, contracts.Everyone(), x); err != nil {
		t.Fatal(err)
	}
	check("delete X", true)

	// The model computed from scratch for another indexation.
	other := contracts.NewService(st.Register(), contracts.Options{Now: func() time.Time { return day }, Index: contracts.IndexRates{Default: 250}})
	if r, err := other.RefreshSpendModel(ctx); err != nil || !r.Rebuilt {
		t.Fatalf("RefreshSpendModel with another indexation = %+v, %v; want it computed from scratch", r, err)
	}
	check("computed from scratch", true)

	if storetest.PostgresURL() == "" {
		dst := storetest.New(t)
		if _, err := store.CopyAll(ctx, st, dst); err != nil {
			t.Fatal(err)
		}
		c, err := dst.CheckSpendModel(ctx)
		if err != nil || c.Different != 0 || c.Rollups == 0 {
			t.Fatalf("the copy: CheckSpendModel = %+v, %v; want its rollups equal to its cells", c, err)
		}
		// A write to the copy keeps its rollups as on the source.
		dsvc := contracts.NewService(dst.Register(), contracts.Options{Now: func() time.Time { return day }, Index: contracts.IndexRates{Default: 250}})
		if _, err := dsvc.CreateContract(ctx, contracts.Everyone(), contract("COPY-1", beta, cats[0], 5_000_000), nil); err != nil {
			t.Fatal(err)
		}
		if c, err := dst.CheckSpendModel(ctx); err != nil || c.Different != 0 {
			t.Fatalf("a write to the copy: CheckSpendModel = %+v, %v; want no differences", c, err)
		}
	}

	// Every contract gone: no rollup row is left.
	ids, err := st.RowsForTest(ctx, `SELECT id FROM contracts ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ids {
		var id int64
		if _, err := fmt.Sscan(strings.TrimSpace(r[0]), &id); err != nil {
			t.Fatal(err)
		}
		if err := other.DeleteContract(ctx, contracts.Everyone(), id); err != nil {
			t.Fatal(err)
		}
	}
	check("every contract deleted", false)
}
