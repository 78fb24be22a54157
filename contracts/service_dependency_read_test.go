package contracts_test

import (
	"context"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// fullPassStore is a store without the summed reads of the dependency
// report: the cooperative report takes the full pass over every contract.
type fullPassStore struct{ contracts.Store }

// narrowCountingStore offers the summed reads and counts which way the
// cooperative report takes, and how many candidates for the lock-in list
// it read.
type narrowCountingStore struct {
	contracts.Store
	contracts.DependencyReader
	narrow, full, candidates atomic.Int32
}

func (n *narrowCountingStore) DependencyCells(ctx context.Context, q contracts.DependencyCellQuery,
	choose func([]contracts.DependencyCell) contracts.DependencyCandidates) (contracts.DependencyCellRead, error) {
	r, err := n.DependencyReader.DependencyCells(ctx, q, choose)
	if !r.Unfit && err == nil {
		n.narrow.Add(1)
		n.candidates.Add(int32(len(r.Candidates)))
	}
	return r, err
}

func (n *narrowCountingStore) EachSpendContract(ctx context.Context, f contracts.SpendFilter, fn func(contracts.SpendContract) error) error {
	n.full.Add(1)
	return n.Store.EachSpendContract(ctx, f, fn)
}

// compareNarrow makes the cooperative report of year on reg as of now
// both ways, through the narrow reads and by the full pass, and fails
// unless they are equal; narrow says which way the first must have gone.
func compareNarrow(t *testing.T, reg contracts.Store, opts contracts.Options, year int, narrow bool) (contracts.DependencyReport, int) {
	t.Helper()
	ctx := context.Background()
	q := contracts.DependencyQuery{Year: year, Generated: reportGenerated}
	want, err := contracts.NewService(fullPassStore{reg}, opts).DependencyReport(ctx, contracts.Everyone(), q)
	if err != nil {
		t.Fatal(err)
	}
	st := &narrowCountingStore{Store: reg, DependencyReader: reg.(contracts.DependencyReader)}
	got, err := contracts.NewService(st, opts).DependencyReport(ctx, contracts.Everyone(), q)
	if err != nil {
		t.Fatal(err)
	}
	if n, f := st.narrow.Load(), st.full.Load(); narrow && (n == 0 || f != 0) || !narrow && (n != 0 || f == 0) {
		t.Errorf("the report read %d narrow and %d full passes; want the narrow read: %v", n, f, narrow)
	}
	if reflect.DeepEqual(got, want) {
		return got, int(st.candidates.Load())
	}
	for _, part := range []struct {
		name      string
		got, want any
	}{
		{"lock-in", got.LockIn, want.LockIn}, {"deadlines", got.Deadlines, want.Deadlines},
		{"more deadlines", got.MoreDeadlines, want.MoreDeadlines}, {"exit", got.Exit, want.Exit},
		{"concentration", got.Concentration, want.Concentration}, {"vendors", got.Vendors, want.Vendors},
		{"categories", got.Categories, want.Categories}, {"reach", got.Reach, want.Reach},
		{"organizations", got.Organizations, want.Organizations},
	} {
		if !reflect.DeepEqual(part.got, part.want) {
			t.Errorf("%s from the narrow reads:\n%+v\nfrom the full pass:\n%+v", part.name, part.got, part.want)
		}
	}
	t.Errorf("the report from the narrow reads differs from the full pass's")
	return got, int(st.candidates.Load())
}

// TestDependencyReportNarrowDemo: on the small demo with the spend model
// built, the cooperative report read narrowly (the contracts in force
// without their terms, the deadlines from the stored dates' indexes)
// equals the one from the full pass; without the model (another
// indexation) and with stored dates of another day it takes the full
// pass, with the same report.
func TestDependencyReportNarrowDemo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := smallDemo(t)
	reg := st.Register()
	svc := contracts.NewService(reg, contracts.Options{Now: reportNow, Index: spendIndex})
	if _, err := svc.RefreshSpendModel(ctx); err != nil {
		t.Fatal(err)
	}
	r, read := compareNarrow(t, reg, contracts.Options{Now: reportNow, Index: spendIndex}, 2026, true)
	// The demo's lock-in list is read from a part of the contracts in
	// force (r.Exit.InForce, counted by the full pass too): the bounds of
	// the cells leave the others out.
	t.Logf("%d candidates read of %d contracts in force", read, r.Exit.InForce)
	if read == 0 || read >= r.Exit.InForce/2 {
		t.Errorf("read %d candidates for the lock-in list of %d contracts in force; want fewer than half", read, r.Exit.InForce)
	}
	if len(r.LockIn) != contracts.DependencyLockInListed || len(r.Deadlines) != contracts.DependencyDeadlinesListed || r.MoreDeadlines == 0 ||
		r.Exit.InForce == 0 || len(r.Categories) == 0 {
		t.Errorf("demo report: %d lock-in, %d deadlines (+%d), %d in force, %d categories; want full lists",
			len(r.LockIn), len(r.Deadlines), r.MoreDeadlines, r.Exit.InForce, len(r.Categories))
	}
	for _, l := range r.LockIn {
		if l.Number == "" || l.Title == "" {
			t.Errorf("lock-in of contract %d without number or title: %+v", l.ContractID, l)
		}
	}
	compareNarrow(t, reg, contracts.Options{Now: reportNow, Index: contracts.IndexRates{Default: spendIndex.Default + 1}}, 2026, false)
	nextDay := func() time.Time { return reportNow().AddDate(0, 0, 1) }
	compareNarrow(t, reg, contracts.Options{Now: nextDay, Index: spendIndex}, 2026, false)
}

// TestDependencyReportNarrowEdges: a register made for the narrow read's
// edges equals the full pass: four organizations with more than ten
// contracts each at the same lock-in score and spend (ties broken by
// contract id, ten per organization at most), tacit renewals whose notice
// deadlines fall on today, on the last day of the 12 months and just
// outside, missed notice deadlines, option decisions, indefinite
// continuation, notice given, expired, draft and terminated contracts,
// contracts without a category, a vendor group of two vendors whose
// tenure counts from the subsidiary's contract, an organization without
// contracts, and more deadlines than are listed; with the default
// weights and with others.
func TestDependencyReportNarrowEdges(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.New(t)
	reg := st.Register()
	opts := contracts.Options{Now: reportNow}
	svc := contracts.NewService(reg, opts)
	var vendors []int64
	for _, name := range []string{"Polder Groep B.V.", "Wad B.V.", "Duin B.V."} {
		id, err := svc.CreateVendor(ctx, contracts.Vendor{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		vendors = append(vendors, id)
	}
	// A subsidiary of the first vendor's group: its contracts count in
	// the group's tenure and share.
	sub, err := svc.CreateVendor(ctx, contracts.Vendor{Name: "Polder ICT B.V.", ParentID: vendors[0]})
	if err != nil {
		t.Fatal(err)
	}
	if err := reg.UpsertCPV(ctx, []contracts.CPV{{Code: "64212000-5", Label: "Mobiele telefoondiensten"}, {Code: "48000000-8", Label: "Software"}}); err != nil {
		t.Fatal(err)
	}
	var categories []int64
	for _, c := range []contracts.Category{{Name: "Telefonie", CPV: []string{"64212000-5"}}, {Name: "Software", CPV: []string{"48000000-8"}}} {
		id, err := svc.CreateCategory(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		categories = append(categories, id)
	}
	today := contracts.NewDate(2026, 11, 22)
	// GM0005 has no contracts.
	for i, code := range []string{"GM0001", "GM0002", "GM0003", "GM0004", "GM0005"} {
		if err := svc.CreateOrganization(ctx, contracts.Organization{Code: code, Name: "Gemeente " + code, Kind: contracts.KindMunicipality}); err != nil {
			t.Fatal(err)
		}
		if code == "GM0005" {
			continue
		}
		for j := range 48 {
			c := contracts.Contract{Organization: code, Number: code + "-" + string(rune('A'+j/26)) + string(rune('a'+j%26)), Title: "Contract",
				VendorID: vendors[j%3*i%3], Status: contracts.StatusActive, InitialTermMonths: 24, RenewalKind: contracts.RenewalTacit,
				RenewalPeriodMonths: 12, NoticeMonths: 3, AnnualValue: 12_000_00}
			if j%7 != 0 {
				c.CategoryID = categories[j%2]
			}
			if j%3 == 0 {
				c.AnnualValue = 6_000_00
			}
			// Notice deadlines swept day by day over today and over the
			// window's last day (terms of 24 and 36 months).
			c.Start = today.AddMonths(-21).AddDays(j*7%25 - 12)
			if j%2 == 1 {
				c.InitialTermMonths = 36
			}
			switch j % 8 {
			case 1:
				c.RenewalKind, c.MaxRenewals = contracts.RenewalExpress, 2
			case 2:
				c.RenewalKind, c.RenewalPeriodMonths, c.NoticeMonths = contracts.RenewalNone, 0, 0
			case 3:
				c.RenewalKind, c.RenewalPeriodMonths = contracts.RenewalIndefinite, 0
			case 5:
				c.NoticeGivenOn = today.AddMonths(-1)
			}
			c.Exit = contracts.ExitFacts{ExitPlan: j%4 == 0, OpenData: j%6 == 0, BusinessCritical: j%5 == 0, Continuity: j%10 == 0}
			// A tacit deadline falls on start + 21 months − 1 day (24
			// months) or a year later (36): on today, on the window's last
			// day, a day past it and yesterday (missed).
			switch j {
			case 44:
				c.Start = today.AddMonths(-21).AddDays(1)
			case 47:
				c.Start = today.AddMonths(-21).AddDays(1)
			case 39:
				c.Start = today.AddMonths(-21).AddDays(2)
			case 46:
				c.Start = today.AddMonths(-21)
			case 40:
				c.Start, c.InitialTermMonths, c.RenewalKind, c.RenewalPeriodMonths, c.NoticeMonths = contracts.NewDate(2019, 1, 1), 12, contracts.RenewalNone, 0, 0
			case 41:
				c.Status = contracts.StatusDraft
			case 42:
				c.Status = contracts.StatusTerminated
			case 45:
				// The subsidiary's long-running contract: the group's
				// tenure in the category counts from its start.
				c.VendorID, c.CategoryID, c.Start = sub, categories[1], contracts.NewDate(2017, 3, 1)
			}
			if _, err := svc.CreateContract(ctx, contracts.Everyone(), c, nil); err != nil {
				t.Fatalf("contract %s: %v", c.Number, err)
			}
		}
	}
	if _, err := svc.RefreshSpendModel(ctx); err != nil {
		t.Fatal(err)
	}
	r, _ := compareNarrow(t, reg, opts, 2026, true)
	if r.Organizations != 5 {
		t.Errorf("%d organizations; want 5, one without contracts", r.Organizations)
	}
	tenure := false
	for _, l := range r.LockIn {
		tenure = tenure || l.GroupID == vendors[0] && l.VendorID == vendors[0] && l.TenureYears >= 9
	}
	if !tenure {
		t.Errorf("no contract of the first vendor listed with the tenure of its group's subsidiary: %+v", r.LockIn)
	}
	// Other weights move the scores and the bounds of the cells.
	compareNarrow(t, reg, contracts.Options{Now: reportNow, LockInWeights: contracts.LockInWeights{NoExitPlan: 10, NoOpenData: 10, Tenure: 40,
		VendorShare: 30, TacitRenewal: 5, CriticalWithoutContinuity: 5}}, 2026, true)
	if len(r.LockIn) != contracts.DependencyLockInListed || len(r.Deadlines) != contracts.DependencyDeadlinesListed || r.MoreDeadlines == 0 {
		t.Errorf("%d lock-in, %d deadlines (+%d); want full lists and more deadlines", len(r.LockIn), len(r.Deadlines), r.MoreDeadlines)
	}
	var missed, onToday, onLast int
	for _, a := range r.Deadlines {
		switch {
		case a.Missed:
			missed++
		case a.Date == today:
			onToday++
		}
	}
	// The report lists only the 100 soonest: the window's last day is
	// checked in the count, from the full pass.
	full, err := contracts.NewService(fullPassStore{reg}, opts).DependencySummary(ctx, contracts.Everyone(), "GM0001", 2026)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range full.Deadlines {
		if a.Date == today.AddMonths(contracts.DependencyDeadlineMonths) {
			onLast++
		}
	}
	if missed == 0 || onToday == 0 || onLast == 0 {
		t.Errorf("deadlines: %d missed, %d on today, %d of GM0001 on the window's last day; want the edges covered", missed, onToday, onLast)
	}
	perOrg := map[string]int{}
	for _, l := range r.LockIn {
		perOrg[l.OrganizationName]++
	}
	for org, n := range perOrg {
		if n > contracts.DependencyLockInTop {
			t.Errorf("%s lists %d contracts by lock-in, more than its %d", org, n, contracts.DependencyLockInTop)
		}
	}
}
