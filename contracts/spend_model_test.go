package contracts_test

import (
	"context"
	"reflect"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/store"
)

// spendIndex is the indexation of the spend model tests: a figure for
// 2025 and a default for the other years, so that every year's amounts
// are indexed.
var spendIndex = contracts.IndexRates{ByYear: map[int]int{2025: 410}, Default: 300}

// smallDemo returns a store holding the small demo set (about 3,000
// contracts), seeded once per process.
func smallDemo(t *testing.T) *store.Store {
	t.Helper()
	return smallDemoAt(t, reportNow)
}

// spendViews are the views that read the model, as one value to compare.
type spendViews struct {
	Reports       map[contracts.SpendGroupBy][]contracts.SpendReport
	Single        map[contracts.SpendGroupBy]contracts.SpendReport
	Organization  map[contracts.SpendGroupBy][]contracts.SpendReport
	Forecast      contracts.SpendForecast
	Peers         contracts.PeerComparison
	Concentration contracts.CooperativeConcentration
	Reach         contracts.VendorReach
}

func readSpendViews(t *testing.T, svc *contracts.Service, vendor int64) spendViews {
	t.Helper()
	ctx := context.Background()
	var (
		v   spendViews
		err error
	)
	if v.Reports, err = svc.SpendYears(ctx, contracts.Everyone(), "", 2021, 16); err != nil {
		t.Fatal(err)
	}
	// One grouping of one year across every organization: from the
	// rollups, except by organization and category or vendor.
	v.Single = map[contracts.SpendGroupBy]contracts.SpendReport{}
	for _, g := range contracts.SpendGroupings() {
		if v.Single[g], err = svc.Spend(ctx, contracts.Everyone(), contracts.SpendQuery{GroupBy: g, Year: 2026}); err != nil {
			t.Fatal(err)
		}
	}
	if v.Organization, err = svc.SpendYears(ctx, contracts.Everyone(), "GM0363", 2024, 5); err != nil {
		t.Fatal(err)
	}
	if v.Forecast, err = svc.SpendForecast(ctx, contracts.Everyone(), contracts.ForecastQuery{From: 2026}); err != nil {
		t.Fatal(err)
	}
	if v.Peers, err = svc.PeerComparison(ctx, contracts.Everyone(), "GM0363", 2026); err != nil {
		t.Fatal(err)
	}
	if v.Concentration, err = svc.CooperativeConcentration(ctx, contracts.Everyone(), 2026); err != nil {
		t.Fatal(err)
	}
	if v.Reach, err = svc.VendorReach(ctx, contracts.Everyone(), vendor, 2026); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSpendViewsFromTheModel: with the model built, the spend reports of
// every grouping and of sixteen years, the forecast, the peer comparison,
// the cooperative concentration and a vendor group's reach are read from
// it without a pass over the contracts, and equal the views computed from
// the contracts, as do the dependency reports, which read each contract's
// spend from it; with the model for another day or indexation they are
// computed from the contracts again.
func TestSpendViewsFromTheModel(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := smallDemo(t)
	counter := &countingStore{Store: st.Register()}
	svc := contracts.NewService(counter, contracts.Options{Now: reportNow, Index: spendIndex})
	rep, err := svc.Spend(ctx, contracts.Everyone(), contracts.SpendQuery{GroupBy: contracts.ByVendorGroup, Year: 2026})
	if err != nil || len(rep.Rows) < 5 {
		t.Fatalf("Spend = %d rows, %v; want the demo's vendor groups", len(rep.Rows), err)
	}
	vendor, err := strconv.ParseInt(rep.Rows[0].Key, 10, 64)
	if err != nil {
		t.Fatal(err)
	}

	dependency := func() []contracts.DependencyReport {
		var out []contracts.DependencyReport
		for _, org := range []string{"", "GM0363"} {
			r, err := svc.DependencyReport(ctx, contracts.Everyone(), contracts.DependencyQuery{Organization: org, Year: 2026, Generated: reportGenerated})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, r)
		}
		return out
	}
	wantDependency := dependency()
	want := readSpendViews(t, svc, vendor)
	if counter.passes.Load() == 0 {
		t.Fatal("without a model the views made no pass over the contracts")
	}
	if r, err := svc.RefreshSpendModel(ctx); err != nil || !r.Rebuilt {
		t.Fatalf("RefreshSpendModel = %+v, %v; want the model built", r, err)
	}
	counter.passes.Store(0)
	got := readSpendViews(t, svc, vendor)
	if n := counter.passes.Load(); n != 0 {
		t.Errorf("with the model the views made %d passes over the contracts, want 0", n)
	}
	if !reflect.DeepEqual(got, want) {
		for g := range want.Reports {
			for i := range want.Reports[g] {
				if !reflect.DeepEqual(got.Reports[g][i], want.Reports[g][i]) {
					t.Errorf("%s %d: from the model %+v\nfrom the contracts %+v", g, want.Reports[g][i].Year, got.Reports[g][i], want.Reports[g][i])
				}
			}
		}
		t.Fatalf("views from the model differ from the views from the contracts")
	}
	// The dependency reports read each contract's spend from the model
	// instead of its licence lines.
	if got := dependency(); !reflect.DeepEqual(got, wantDependency) {
		t.Errorf("dependency reports with the model differ from those without:\n%+v\n%+v", got[0].Vendors, wantDependency[0].Vendors)
	}
	if rep.Split.Total() != rep.Total || rep.Split.Contract == 0 || rep.Split.Licence == 0 {
		t.Errorf("Spend 2026: split %+v, total %d; want both parts, adding up to the total", rep.Split, rep.Total)
	}

	other := contracts.NewService(counter, contracts.Options{Now: reportNow, Index: contracts.IndexRates{Default: 100}})
	counter.passes.Store(0)
	if _, err := other.Spend(ctx, contracts.Everyone(), contracts.SpendQuery{GroupBy: contracts.ByVendorGroup, Year: 2026}); err != nil {
		t.Fatal(err)
	}
	if counter.passes.Load() == 0 {
		t.Error("a service with another indexation read the model made for this one")
	}
}

// movingClock is a clock a test moves forward.
type movingClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *movingClock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *movingClock) set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// TestSpendModelMaintainedOnWrite: after each write through the service
// (create, update, a renewal option exercised, notice given, termination,
// delete, an import that creates and updates, the nightly refresh on the
// next day and in the next year) the maintained model equals the model
// computed from scratch (Store.CheckSpendModel).
func TestSpendModelMaintainedOnWrite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := smallDemo(t)
	clock := &movingClock{t: reportNow()}
	svc := contracts.NewService(st.Register(), contracts.Options{Now: clock.now, Index: spendIndex})
	if _, err := svc.RefreshSpendModel(ctx); err != nil {
		t.Fatal(err)
	}
	check := func(step string) {
		t.Helper()
		c, err := st.CheckSpendModel(ctx)
		if err != nil {
			t.Fatalf("%s: CheckSpendModel: %v", step, err)
		}
		if !c.Built || c.Cells == 0 || c.Rollups == 0 || c.Different != 0 {
			t.Fatalf("%s: model built %v, %d cells, %d rollup rows, %d differences: %+v", step, c.Built, c.Cells, c.Rollups, c.Different, c.Differences)
		}
	}
	check("built")

	cur, err := svc.Contracts(ctx, contracts.Everyone(), contracts.ContractFilter{Organization: "GM0363", PageSize: 100})
	if err != nil || len(cur.Items) < 10 {
		t.Fatalf("contracts of GM0363: %d, %v", len(cur.Items), err)
	}
	base := cur.Items[0].Contract
	c := base
	c.ID, c.Number, c.Status = 0, "MODEL-1", contracts.StatusActive
	c.Start, c.InitialTermMonths, c.RenewalKind, c.RenewalPeriodMonths, c.NoticeMonths = contracts.NewDate(2024, 7, 15), 24, contracts.RenewalExpress, 12, 3
	c.MaxRenewals, c.RenewalsExercised, c.NoticeGivenOn, c.AnnualValue = 2, 0, contracts.Date{}, 3_600_000
	c.NoticeDays, c.NoticeEndsAnyDay, c.MaxEnd = 0, false, contracts.Date{}
	id, err := svc.CreateContract(ctx, contracts.Everyone(), c, nil)
	if err != nil {
		t.Fatal(err)
	}
	check("create")

	update := func(step string, f func(*contracts.Contract, *[]contracts.LicenceLine)) {
		t.Helper()
		err := svc.UpdateContract(ctx, contracts.Everyone(), id, func(d contracts.ContractDetail) (contracts.Contract, []contracts.LicenceLine, error) {
			c, lines := d.Contract, d.Lines
			f(&c, &lines)
			return c, lines, nil
		})
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		check(step)
	}
	update("licence lines", func(c *contracts.Contract, lines *[]contracts.LicenceLine) {
		*lines = []contracts.LicenceLine{
			{Product: "Licentie", Metric: contracts.MetricNamedUser, Quantity: 250, SeatsInUse: -1, UnitPrice: 1_250, PricePeriod: contracts.PerMonth},
			{Product: "Invoering", Metric: contracts.MetricEnterprise, Quantity: contracts.Unlimited, SeatsInUse: -1, UnitPrice: 900_000, PricePeriod: contracts.Once},
		}
	})
	update("other vendor and category", func(c *contracts.Contract, _ *[]contracts.LicenceLine) {
		c.VendorID, c.CategoryID = cur.Items[5].VendorID, cur.Items[5].CategoryID
	})
	update("renewal option exercised", func(c *contracts.Contract, _ *[]contracts.LicenceLine) { c.RenewalsExercised = 1 })
	update("tacit, notice given", func(c *contracts.Contract, _ *[]contracts.LicenceLine) {
		c.RenewalKind, c.RenewalsExercised, c.MaxRenewals, c.NoticeGivenOn = contracts.RenewalTacit, 0, 0, contracts.NewDate(2026, 6, 1)
	})
	update("terminated", func(c *contracts.Contract, _ *[]contracts.LicenceLine) {
		c.Status, c.NoticeGivenOn = contracts.StatusTerminated, contracts.Date{}
	})

	if err := svc.DeleteContract(ctx, contracts.Everyone(), cur.Items[1].ID); err != nil {
		t.Fatal(err)
	}
	check("delete")

	// The first contract of the file, with its two licence lines.
	tab := readTable(t, []byte(dutchCSV))
	tab.Rows = tab.Rows[:2]
	if rep, err := svc.ImportContracts(ctx, contracts.Everyone(), tab, contracts.ContractImportOptions{}, false); err != nil {
		t.Fatalf("import = %v: %+v", err, rep.Problems)
	}
	check("import")
	tab.Rows[0][18] = "€ 13,00" // a higher price per device: the import updates the contract
	if rep, err := svc.ImportContracts(ctx, contracts.Everyone(), tab, contracts.ContractImportOptions{}, false); err != nil || len(rep.Updated) == 0 {
		t.Fatalf("import again = %+v, %v; want an update", rep, err)
	}
	check("import again")

	// A vendor moved into another vendor's group, and back: the
	// majorities wherever it has spend follow its group.
	moved, err := st.Register().Vendor(ctx, cur.Items[2].VendorID)
	if err != nil {
		t.Fatal(err)
	}
	var into int64
	for _, it := range cur.Items {
		if it.VendorID != moved.ID && it.VendorGroupID != cur.Items[2].VendorGroupID {
			into = it.VendorGroupID
			break
		}
	}
	if into == 0 {
		t.Fatal("GM0363 contracts with one vendor group only")
	}
	was := moved.ParentID
	for _, parent := range []int64{into, was} {
		moved.ParentID = parent
		if err := svc.UpdateVendor(ctx, moved); err != nil {
			t.Fatal(err)
		}
		check("vendor group " + strconv.FormatInt(parent, 10))
	}

	// The terminated contract counts up to today: the next day it counts
	// one day more, which the nightly refresh takes in.
	clock.set(reportNow().AddDate(0, 0, 1))
	if stale, err := svc.StaleDates(ctx); err != nil || !stale {
		t.Fatalf("StaleDates the next day = %v, %v; want the model stale", stale, err)
	}
	if _, err := svc.RefreshDates(ctx); err != nil {
		t.Fatal(err)
	}
	check("next day")
	if stale, err := svc.StaleDates(ctx); err != nil || stale {
		t.Fatalf("StaleDates after the refresh = %v, %v; want nothing stale", stale, err)
	}
	clock.set(time.Date(2027, 1, 1, 0, 30, 0, 0, contracts.Amsterdam))
	if _, err := svc.RefreshDates(ctx); err != nil {
		t.Fatal(err)
	}
	check("next year")

}
