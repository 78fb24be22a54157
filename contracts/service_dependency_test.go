package contracts_test

import (
	"cmp"
	"context"
	"errors"
	"reflect"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

var reportNow = func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam) }

var reportGenerated = time.Date(2026, 11, 22, 9, 30, 0, 0, contracts.Amsterdam)

// countingStore counts the passes over the register: every pass asks for
// the id range of the contracts it reads once (SpendContractIDs), however
// many ranges it then reads side by side.
type countingStore struct {
	contracts.Store
	passes atomic.Int32
}

func (c *countingStore) SpendContractIDs(ctx context.Context, f contracts.SpendFilter) (int64, int64, int, error) {
	c.passes.Add(1)
	return c.Store.SpendContractIDs(ctx, f)
}

// miscountingStore counts the contracts of one organization wrong, as a
// register that changed between the count and the pass does.
type miscountingStore struct {
	*countingStore
	org string
	off int
}

func (m *miscountingStore) SpendContractCounts(ctx context.Context, f contracts.SpendFilter) (map[string]int, error) {
	counts, err := m.countingStore.SpendContractCounts(ctx, f)
	counts[m.org] += m.off
	return counts, err
}

// reportFixture is a register of three municipalities, each with 40
// contracts for telephony that cover all of 2026 at € 12.000,00 a year:
// 30 with Polder Telecom B.V. (of Polder Groep B.V.) and 10 with Wad B.V.,
// so the vendor groups hold 75 % and 25 % (HHI 75² + 25² = 6,250). Each
// renews tacitly with three months' notice, so each has a notice deadline
// in the next 12 months: 120 in all. Every fourth contract has an exit
// plan and open data (exit-ready), every fifth is business-critical and
// every tenth of those has a continuity arrangement. Amsterdam also has an
// active contract with an exit plan that ended in 2020: expired, so not in
// force, and not counted among the exit facts.
type reportFixture struct {
	svc         *contracts.Service
	counter     *countingStore
	polderGroup int64
}

func newReportFixture(t *testing.T) reportFixture {
	t.Helper()
	ctx := context.Background()
	st := storetest.New(t)
	counter := &countingStore{Store: st.Register()}
	svc := contracts.NewService(counter, contracts.Options{Now: reportNow})
	orgs := []contracts.Organization{
		{Code: "GM0363", Name: "Amsterdam", Kind: contracts.KindMunicipality},
		{Code: "GM0518", Name: "'s-Gravenhage", Kind: contracts.KindMunicipality},
		{Code: "GM0096", Name: "Vlieland", Kind: contracts.KindMunicipality},
	}
	for _, o := range orgs {
		if err := svc.CreateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	vendor := func(v contracts.Vendor) int64 {
		t.Helper()
		id, err := svc.CreateVendor(ctx, v)
		if err != nil {
			t.Fatalf("vendor %s: %v", v.Name, err)
		}
		return id
	}
	polderGroup := vendor(contracts.Vendor{Name: "Polder Groep B.V."})
	polder := vendor(contracts.Vendor{Name: "Polder Telecom B.V.", ParentID: polderGroup})
	wad := vendor(contracts.Vendor{Name: "Wad B.V."})
	if err := counter.UpsertCPV(ctx, []contracts.CPV{{Code: "64212000-5", Label: "Mobiele telefoondiensten"}}); err != nil {
		t.Fatal(err)
	}
	telefonie, err := svc.CreateCategory(ctx, contracts.Category{Name: "Telefonie", CPV: []string{"64212000-5"}})
	if err != nil {
		t.Fatal(err)
	}
	create := func(c contracts.Contract) {
		t.Helper()
		c.Status, c.Title, c.CategoryID = contracts.StatusActive, "Telefonie "+c.Number, telefonie
		if _, err := svc.CreateContract(ctx, contracts.Everyone(), c, nil); err != nil {
			t.Fatalf("contract %s: %v", c.Number, err)
		}
	}
	for i, o := range orgs {
		for j := range 40 {
			c := contracts.Contract{Organization: o.Code, Number: "T-" + string(rune('A'+j/26)) + string(rune('a'+j%26)), VendorID: polder,
				Start: contracts.NewDate(2025, 6, 1).AddDays(40*i + j), InitialTermMonths: 24, RenewalKind: contracts.RenewalTacit,
				RenewalPeriodMonths: 12, NoticeMonths: 3, AnnualValue: 12_000_00}
			if j%4 == 3 {
				c.VendorID = wad
			}
			c.Exit = contracts.ExitFacts{ExitPlan: j%4 == 0, OpenData: j%4 == 0, BusinessCritical: j%5 == 0, Continuity: j%10 == 0}
			create(c)
		}
	}
	create(contracts.Contract{Organization: "GM0363", Number: "OUD-1", VendorID: wad, Start: contracts.NewDate(2019, 1, 1),
		InitialTermMonths: 12, RenewalKind: contracts.RenewalNone, Exit: contracts.ExitFacts{ExitPlan: true}})
	return reportFixture{svc: svc, counter: counter, polderGroup: polderGroup}
}

// TestDependencyReportCooperative: the cooperative report adds up every
// organization's summary (lock-in lists merged and cut to 25, deadlines
// merged and cut to 100 with the rest counted, exit readiness summed),
// counts the exit facts of the contracts in force (an expired one not),
// and measures concentration over the whole cooperative's spend, all
// from one pass over the register.
func TestDependencyReportCooperative(t *testing.T) {
	fx := newReportFixture(t)
	fx.counter.passes.Store(0)
	r, err := fx.svc.DependencyReport(context.Background(), contracts.Everyone(), contracts.DependencyQuery{Year: 2026, Generated: reportGenerated})
	if err != nil {
		t.Fatal(err)
	}
	if n := fx.counter.passes.Load(); n != 1 {
		t.Errorf("the report read the register %d times, want once", n)
	}
	if !r.Cooperative() || r.Organizations != 3 || !r.Generated.Equal(reportGenerated) || r.Year != 2026 || r.AsOf != contracts.NewDate(2026, 11, 22) {
		t.Errorf("report about %q: %d organizations, generated %v, year %d as of %v; want the cooperative of 3, as asked, as of today",
			r.Organization.Code, r.Organizations, r.Generated, r.Year, r.AsOf)
	}
	if len(r.LockIn) != contracts.DependencyLockInListed || !slices.IsSortedFunc(r.LockIn, func(a, b contracts.DependencyLockIn) int {
		return cmp.Compare(b.LockIn.Score, a.LockIn.Score)
	}) {
		t.Errorf("lock-in: %d contracts, want the top %d of the three organizations' 10 each, highest first", len(r.LockIn), contracts.DependencyLockInListed)
	}
	if len(r.Deadlines) != contracts.DependencyDeadlinesListed || r.MoreDeadlines != 20 || !slices.IsSortedFunc(r.Deadlines, contracts.CompareAlerts) {
		t.Errorf("deadlines %d listed, %d more; want %d soonest first and 20 more", len(r.Deadlines), r.MoreDeadlines, contracts.DependencyDeadlinesListed)
	}
	if e := r.Exit.ExitReadiness; e.Ready != 360_000_00 || e.Total != 1_440_000_00 || e.BasisPoints != 2500 || e.ReadyContracts != 30 || e.Contracts != 120 {
		t.Errorf("exit readiness %+v, want 30 of 120 contracts ready: € 360.000 of € 1.440.000 (25 %%)", e)
	}
	want := contracts.ExitSummary{ExitReadiness: r.Exit.ExitReadiness, InForce: 120, ExitPlan: 30, OpenData: 30, Continuity: 12,
		BusinessCritical: 24, CriticalWithoutContinuity: 12}
	if r.Exit != want {
		t.Errorf("exit counts %+v, want %+v: the expired contract with an exit plan not counted", r.Exit, want)
	}
	if c := r.Concentration; c.HHI != 6250 || c.CR1 != 7500 || c.Total != 1_440_000_00 || len(r.Vendors) != 2 ||
		r.Vendors[0].GroupID != fx.polderGroup || r.Vendors[0].Contracts != 90 || r.Vendors[0].BasisPoints != 7500 {
		t.Errorf("concentration HHI %d, CR1 %d of %d over vendors %+v; want 6,250 (75² + 25²), Polder Groep first with 90 contracts",
			c.HHI, c.CR1, c.Total, r.Vendors)
	}
	if len(r.Categories) != 1 || r.Categories[0].Concentration.HHI != 6250 || r.Categories[0].Buyers != 3 ||
		len(r.Reach) != 1 || r.Reach[0].GroupID != fx.polderGroup || r.Reach[0].Organizations != 3 {
		t.Errorf("categories %+v, reach %+v; want telephony at HHI 6,250 with 3 buyers, Polder Groep holding more than half for all 3",
			r.Categories, r.Reach)
	}
	if w := contracts.DefaultLockInWeights(); r.Weights != w {
		t.Errorf("weights %+v, want the configured %+v", r.Weights, w)
	}
}

// TestDependencyReportOrganization: one organization's report is its
// DependencySummary, with the exit facts of its contracts in force
// counted, from one pass over its contracts.
func TestDependencyReportOrganization(t *testing.T) {
	fx := newReportFixture(t)
	ctx := context.Background()
	dep, err := fx.svc.DependencySummary(ctx, contracts.Everyone(), "GM0363", 2026)
	if err != nil {
		t.Fatal(err)
	}
	fx.counter.passes.Store(0)
	r, err := fx.svc.DependencyReport(ctx, contracts.Only("GM0363"), contracts.DependencyQuery{Organization: "GM0363", Year: 2026, Generated: reportGenerated})
	if err != nil {
		t.Fatal(err)
	}
	if n := fx.counter.passes.Load(); n != 1 {
		t.Errorf("the report read the register %d times, want once", n)
	}
	if r.Cooperative() || !reflect.DeepEqual(r.Organization, dep.Organization) || r.Organizations != 1 {
		t.Errorf("report about %+v (%d organizations), want Amsterdam alone", r.Organization, r.Organizations)
	}
	if !reflect.DeepEqual(r.Concentration, dep.Concentration) || !reflect.DeepEqual(r.Vendors, dep.Vendors) {
		t.Errorf("concentration %+v and vendors %+v, want DependencySummary's %+v and %+v", r.Concentration, r.Vendors, dep.Concentration, dep.Vendors)
	}
	if want := merged([]contracts.Dependency{dep}); !reflect.DeepEqual(r.LockIn, want.LockIn) || !reflect.DeepEqual(r.Deadlines, want.Deadlines) ||
		r.MoreDeadlines != 0 || r.Exit.ExitReadiness != dep.Exit {
		t.Errorf("lock-in, deadlines or exit readiness differ from DependencySummary's: %+v, want %+v", r.Exit.ExitReadiness, dep.Exit)
	}
	if r.Exit.InForce != 40 || r.Exit.ExitPlan != 10 || r.Exit.BusinessCritical != 8 || r.Exit.CriticalWithoutContinuity != 4 {
		t.Errorf("exit counts %+v, want Amsterdam's 40 contracts in force (not the expired one)", r.Exit)
	}
}

func TestDependencyReportRefuses(t *testing.T) {
	fx := newReportFixture(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		scope contracts.Scope
		q     contracts.DependencyQuery
		want  error
	}{
		{"the cooperative for a caller scoped to one organization", contracts.Only("GM0363"), contracts.DependencyQuery{Year: 2026}, apperr.Forbidden},
		{"an organization outside the scope", contracts.Only("GM0363"), contracts.DependencyQuery{Organization: "GM0518", Year: 2026}, apperr.Forbidden},
		{"an unknown organization", contracts.Everyone(), contracts.DependencyQuery{Organization: "GM9999", Year: 2026}, apperr.NotFound},
		{"a year outside 2000–2100", contracts.Everyone(), contracts.DependencyQuery{Year: 1999}, apperr.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := fx.svc.DependencyReport(ctx, tt.scope, tt.q); !errors.Is(err, tt.want) {
				t.Errorf("DependencyReport(%v, %+v) = %v, want %v", tt.scope, tt.q, err, tt.want)
			}
		})
	}
	bad := contracts.NewService(fx.counter, contracts.Options{Now: reportNow, LockInWeights: contracts.LockInWeights{NoExitPlan: 50}})
	if _, err := bad.DependencyReport(ctx, contracts.Everyone(), contracts.DependencyQuery{Year: 2026}); err == nil || errors.Is(err, apperr.Invalid) {
		t.Errorf("with lock-in weights that do not add up to 100: %v, want a server error, not the caller's", err)
	}
}

// merged adds up organizations' dependency summaries as the cooperative
// report does: the lock-in lists merged and cut, the deadlines merged and
// cut, the exit readiness summed.
func merged(deps []contracts.Dependency) contracts.DependencyReport {
	var r contracts.DependencyReport
	for _, d := range deps {
		for _, l := range d.LockIn {
			r.LockIn = append(r.LockIn, contracts.DependencyLockIn{OrganizationName: d.Organization.Name, ContractLockIn: l})
		}
		r.Deadlines = append(r.Deadlines, d.Deadlines...)
		r.Exit.Ready += d.Exit.Ready
		r.Exit.Total += d.Exit.Total
		r.Exit.ReadyContracts += d.Exit.ReadyContracts
		r.Exit.Contracts += d.Exit.Contracts
	}
	slices.SortFunc(r.LockIn, func(a, b contracts.DependencyLockIn) int {
		return cmp.Or(cmp.Compare(b.LockIn.Score, a.LockIn.Score), cmp.Compare(b.Spend, a.Spend), cmp.Compare(a.ContractID, b.ContractID))
	})
	r.LockIn = r.LockIn[:min(len(r.LockIn), contracts.DependencyLockInListed)]
	slices.SortStableFunc(r.Deadlines, contracts.CompareAlerts)
	if n := len(r.Deadlines); n > contracts.DependencyDeadlinesListed {
		r.MoreDeadlines, r.Deadlines = n-contracts.DependencyDeadlinesListed, r.Deadlines[:contracts.DependencyDeadlinesListed]
	}
	return r
}

// TestReportsOnSmallDemo holds the reports against the views they are
// assembled from, on the small demo set (about 3,000 contracts, enough
// for a pass to be split into id ranges), with indexation.
func TestReportsOnSmallDemo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := smallDemo(t)
	svc := contracts.NewService(st.Register(), contracts.Options{Now: reportNow, Index: contracts.IndexRates{ByYear: map[int]int{2025: 410}, Default: 300}})
	t.Run("dependency report", func(t *testing.T) { dependencyReportMatchesSummaries(t, svc) })
	t.Run("dependency report from stored dates", func(t *testing.T) { dependencyReportStoredDates(t, st.Register()) })
	t.Run("spend workbook", func(t *testing.T) {
		for _, org := range []string{"", "GM0363"} {
			s, err := svc.SpendWorkbook(ctx, contracts.Everyone(), contracts.SpendWorkbookQuery{Organization: org, From: 2025})
			if err != nil {
				t.Fatal(err)
			}
			years, err := svc.SpendYears(ctx, contracts.Everyone(), org, 2025, contracts.SpendWorkbookYears)
			if err != nil {
				t.Fatal(err)
			}
			fc, err := svc.SpendForecast(ctx, contracts.Everyone(), contracts.ForecastQuery{Organization: org, From: 2025, Years: contracts.SpendWorkbookYears})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s.Reports, years) || !reflect.DeepEqual(s.Forecast, fc) {
				t.Errorf("SpendWorkbook(%q): forecast %+v; want SpendYears' reports and SpendForecast's %+v", org, s.Forecast, fc)
			}
		}
	})
}

// dependencyReportMatchesSummaries: every organization's summary from the
// cooperative report's one pass equals DependencySummary's, and the
// report's lock-in, deadlines and exit readiness equal those summaries
// merged; the concentration views beside them are
// CooperativeConcentration's and the spend by vendor group.
func dependencyReportMatchesSummaries(t *testing.T, svc *contracts.Service) {
	ctx := context.Background()
	for _, year := range []int{2025, 2026} {
		var (
			deps    []contracts.Dependency
			lockIns int
		)
		err := svc.EachDependency(ctx, year, func(got contracts.Dependency) {
			want, err := svc.DependencySummary(ctx, contracts.Everyone(), got.Organization.Code, year)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%d, %s: the cooperative pass gives HHI %d, %d vendors, %d lock-in, %d deadlines, exit %+v; "+
					"DependencySummary gives HHI %d, %d vendors, %d lock-in, %d deadlines, exit %+v", year, want.Organization.Code,
					got.Concentration.HHI, len(got.Vendors), len(got.LockIn), len(got.Deadlines), got.Exit,
					want.Concentration.HHI, len(want.Vendors), len(want.LockIn), len(want.Deadlines), want.Exit)
			}
			deps = append(deps, want)
			lockIns += len(want.LockIn)
		})
		if err != nil {
			t.Fatal(err)
		}
		r, err := svc.DependencyReport(ctx, contracts.Everyone(), contracts.DependencyQuery{Year: year})
		if err != nil {
			t.Fatal(err)
		}
		want := merged(deps)
		if r.Organizations != len(deps) || lockIns <= contracts.DependencyLockInListed || want.MoreDeadlines == 0 {
			t.Fatalf("%d: %d organizations (%d summaries), %d lock-in and %d more deadlines: the set no longer fills the lists",
				year, r.Organizations, len(deps), lockIns, want.MoreDeadlines)
		}
		if !reflect.DeepEqual(r.LockIn, want.LockIn) {
			t.Errorf("%d: the report's lock-in differs from the organizations' summaries merged", year)
		}
		if !reflect.DeepEqual(r.Deadlines, want.Deadlines) || r.MoreDeadlines != want.MoreDeadlines {
			t.Errorf("%d: the report's deadlines (%d, %d more) differ from the summaries merged (%d, %d more)",
				year, len(r.Deadlines), r.MoreDeadlines, len(want.Deadlines), want.MoreDeadlines)
		}
		if e := r.Exit; e.Ready != want.Exit.Ready || e.Total != want.Exit.Total || e.Contracts != want.Exit.Contracts || e.ReadyContracts != want.Exit.ReadyContracts {
			t.Errorf("%d: exit readiness %+v, want the summaries' %+v", year, e.ExitReadiness, want.Exit.ExitReadiness)
		}
		cc, err := svc.CooperativeConcentration(ctx, contracts.Everyone(), year)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r.Categories, cc.Categories) || !reflect.DeepEqual(r.Reach, cc.Reach) {
			t.Errorf("%d: categories and reach differ from CooperativeConcentration's", year)
		}
		rep, err := svc.Spend(ctx, contracts.Everyone(), contracts.SpendQuery{GroupBy: contracts.ByVendorGroup, Year: year})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Vendors) != len(rep.Rows) || r.Concentration.Total != rep.Total {
			t.Fatalf("%d: %d vendor groups with %d, want the spend's %d rows with %d", year, len(r.Vendors), r.Concentration.Total, len(rep.Rows), rep.Total)
		}
		for i, row := range rep.Rows {
			if v := r.Vendors[i]; v.GroupName != row.Label || v.Amount != row.Amount || v.BasisPoints != row.BasisPoints || v.Contracts != row.Contracts {
				t.Errorf("%d: vendor group %d = %+v, want the spend's row %+v", year, i, v, row)
			}
		}
	}
}

// TestSpendWorkbook: the workbook is the reports of five years from the
// first for every grouping and the forecast of the same years, for the
// organization asked within the caller's scope, from one pass over the
// register; each equals what SpendYears and SpendForecast give.
func TestSpendWorkbook(t *testing.T) {
	fx := newReportFixture(t)
	ctx := context.Background()
	for _, tt := range []struct {
		scope contracts.Scope
		org   string
	}{{contracts.Only("GM0096"), "GM0096"}, {contracts.Everyone(), "GM0363"}, {contracts.Everyone(), ""}, {contracts.Only("GM0518"), ""}} {
		fx.counter.passes.Store(0)
		s, err := fx.svc.SpendWorkbook(ctx, tt.scope, contracts.SpendWorkbookQuery{Organization: tt.org, From: 2026, Generated: reportGenerated})
		if err != nil {
			t.Fatal(err)
		}
		if n := fx.counter.passes.Load(); n != 1 {
			t.Errorf("SpendWorkbook(%v, %q) read the register %d times, want once", tt.scope, tt.org, n)
		}
		if s.From != 2026 || s.Organization.Code != tt.org || !s.Generated.Equal(reportGenerated) {
			t.Errorf("SpendWorkbook(%v, %q): from %d about %q generated %v", tt.scope, tt.org, s.From, s.Organization.Code, s.Generated)
		}
		years, err := fx.svc.SpendYears(ctx, tt.scope, tt.org, 2026, contracts.SpendWorkbookYears)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range contracts.SpendGroupings() {
			if len(s.Reports[g]) != 5 || s.Reports[g][4].Year != 2030 {
				t.Errorf("reports by %s = %d, want 5 years up to 2030", g, len(s.Reports[g]))
			}
		}
		if !reflect.DeepEqual(s.Reports, years) {
			t.Errorf("SpendWorkbook(%v, %q): the reports differ from SpendYears'", tt.scope, tt.org)
		}
		fc, err := fx.svc.SpendForecast(ctx, tt.scope, contracts.ForecastQuery{Organization: tt.org, From: 2026, Years: contracts.SpendWorkbookYears})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(s.Forecast, fc) {
			t.Errorf("SpendWorkbook(%v, %q): forecast %+v, want SpendForecast's %+v", tt.scope, tt.org, s.Forecast, fc)
		}
	}

	if _, err := fx.svc.SpendWorkbook(ctx, contracts.Only("GM0096"), contracts.SpendWorkbookQuery{Organization: "GM0363", From: 2026}); !errors.Is(err, apperr.Forbidden) {
		t.Errorf("a workbook of an organization outside the scope: %v, want Forbidden", err)
	}
	_, err := fx.svc.SpendWorkbook(ctx, contracts.Everyone(), contracts.SpendWorkbookQuery{From: 2097})
	if fe := apperr.Fields(err); len(fe) != 1 || fe[0].Field != "from" {
		t.Errorf("a workbook from 2097 (past %d): %v, want a field error on from", contracts.MaxYear, err)
	}
}

// TestDependencyReportRegisterChanged: when the register changed between
// counting each organization's contracts and the pass (here: counted
// wrong), the cooperative report is still every contract's. With a
// contract fewer counted, the pass meets a contract of an organization it
// already summarized and reads the register once more; with one more
// counted, the organization is summarized at the end of the pass.
func TestDependencyReportRegisterChanged(t *testing.T) {
	fx := newReportFixture(t)
	ctx := context.Background()
	q := contracts.DependencyQuery{Year: 2026, Generated: reportGenerated}
	want, err := fx.svc.DependencyReport(ctx, contracts.Everyone(), q)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		off    int
		passes int32
	}{{"a contract added", -1, 2}, {"a contract deleted", +1, 1}} {
		t.Run(tt.name, func(t *testing.T) {
			st := &miscountingStore{countingStore: fx.counter, org: "GM0363", off: tt.off}
			svc := contracts.NewService(st, contracts.Options{Now: reportNow})
			fx.counter.passes.Store(0)
			got, err := svc.DependencyReport(ctx, contracts.Everyone(), q)
			if err != nil {
				t.Fatal(err)
			}
			if n := fx.counter.passes.Load(); n != tt.passes {
				t.Errorf("read the register %d times, want %d", n, tt.passes)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("the report differs from the one counted right: %d organizations, exit %+v; want %d, %+v",
					got.Organizations, got.Exit, want.Organizations, want.Exit)
			}
		})
	}
}

// storedFactsStore hides the stored dates from the dependency pass (every
// contract's Dates computed afresh) or counts the contracts whose stored
// dates the pass could use and spared computing.
type storedFactsStore struct {
	contracts.Store
	hide         bool
	fresh, spare atomic.Int32
}

func (s *storedFactsStore) EachSpendContract(ctx context.Context, f contracts.SpendFilter, fn func(contracts.SpendContract) error) error {
	if s.hide {
		f.StoredFor, f.StoredUntil = contracts.Date{}, contracts.Date{}
	}
	return s.Store.EachSpendContract(ctx, f, func(sc contracts.SpendContract) error {
		if sc.Stored.Fresh {
			s.fresh.Add(1)
			if !sc.Stored.Deadline {
				s.spare.Add(1)
			}
		}
		return fn(sc)
	})
}

// dependencyReportStoredDates: the cooperative report and an
// organization's read from the stored dates (computed for today by the
// load) equal the reports that compute every contract's dates, while
// most contracts are spared that computation.
func dependencyReportStoredDates(t *testing.T, reg contracts.Store) {
	ctx := context.Background()
	stored, computed := &storedFactsStore{Store: reg}, &storedFactsStore{Store: reg, hide: true}
	for _, org := range []string{"", "GM0363"} {
		q := contracts.DependencyQuery{Organization: org, Year: 2026, Generated: reportGenerated}
		want, err := contracts.NewService(computed, contracts.Options{Now: reportNow}).DependencyReport(ctx, contracts.Everyone(), q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := contracts.NewService(stored, contracts.Options{Now: reportNow}).DependencyReport(ctx, contracts.Everyone(), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Deadlines) == 0 || want.Exit.InForce == 0 {
			t.Fatalf("report of %q: %d deadlines, %d contracts in force; want a report with both", org, len(want.Deadlines), want.Exit.InForce)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("report of %q from the stored dates: %d deadlines (+%d), exit %+v; computed: %d deadlines (+%d), exit %+v",
				org, len(got.Deadlines), got.MoreDeadlines, got.Exit, len(want.Deadlines), want.MoreDeadlines, want.Exit)
		}
	}
	if computed.fresh.Load() != 0 {
		t.Errorf("%d contracts with stored facts in the pass that hides them", computed.fresh.Load())
	}
	if f, sp := stored.fresh.Load(), stored.spare.Load(); f == 0 || sp == 0 {
		t.Errorf("the pass read %d contracts with fresh stored dates and spared %d their dates; want both above 0", f, sp)
	} else {
		t.Logf("%d contracts read with fresh stored dates, %d spared computing their dates", f, sp)
	}
}
