package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// homeWant is the start page's deadlines as the page computed them before
// it read one page: from every alert of the window (Service.Alerts), the
// coming ones stably sorted by their day, the missed ones by their day,
// the latest first, the first n of each, the totals counted in full.
type homeWant struct {
	coming, missed          []string
	total, missedN, overdue int
}

func homeReference(t *testing.T, svc *contracts.Service, scope contracts.Scope, n int) homeWant {
	t.Helper()
	all, err := svc.Alerts(context.Background(), scope, "", 90)
	if err != nil {
		t.Fatal(err)
	}
	var coming, missed []contracts.Alert
	var w homeWant
	for _, a := range all {
		if a.Missed {
			missed = append(missed, a)
			continue
		}
		if a.Overdue {
			w.overdue++
		}
		coming = append(coming, a)
	}
	slices.SortStableFunc(coming, func(a, b contracts.Alert) int { return contracts.AlertDay(b).DaysUntil(contracts.AlertDay(a)) })
	slices.SortStableFunc(missed, func(a, b contracts.Alert) int { return contracts.AlertDay(a).DaysUntil(contracts.AlertDay(b)) })
	w.total, w.missedN = len(coming), len(missed)
	for _, a := range coming[:min(n, len(coming))] {
		w.coming = append(w.coming, homeLine(a))
	}
	for _, a := range missed[:min(n, len(missed))] {
		w.missed = append(w.missed, homeLine(a))
	}
	return w
}

// homeLine names an alert by its day on the start page, its place and
// its contents.
func homeLine(a contracts.Alert) string {
	return contracts.AlertDay(a).String() + " " + alertLine(a)
}

// checkHome compares the start page's deadlines of scope with the
// reference; the totals are counted up to contracts.HomeAlertBound.
func checkHome(t *testing.T, svc *contracts.Service, scope contracts.Scope) homeWant {
	t.Helper()
	const n = 50
	want := homeReference(t, svc, scope, n)
	got, err := svc.HomeAlerts(context.Background(), scope, 90, n)
	if err != nil {
		t.Fatal(err)
	}
	lines := func(as []contracts.Alert) []string {
		var out []string
		for _, a := range as {
			out = append(out, homeLine(a))
		}
		return out
	}
	if g := lines(got.Coming); !slices.Equal(g, want.coming) {
		t.Errorf("coming: %d rows, want %d", len(g), len(want.coming))
		for i := range min(len(g), len(want.coming)) {
			if g[i] != want.coming[i] {
				t.Fatalf("coming row %d = %s, want %s", i, g[i], want.coming[i])
			}
		}
	}
	if g := lines(got.Missed); !slices.Equal(g, want.missed) {
		t.Errorf("missed: %d rows, want %d", len(g), len(want.missed))
		for i := range min(len(g), len(want.missed)) {
			if g[i] != want.missed[i] {
				t.Fatalf("missed row %d = %s, want %s", i, g[i], want.missed[i])
			}
		}
	}
	bound := contracts.HomeAlertBound
	for _, c := range []struct {
		name    string
		got     int
		atLeast bool
		want    int
	}{{"total", got.Total, got.TotalAtLeast, want.total}, {"missed", got.MissedTotal, got.MissedAtLeast, want.missedN},
		{"overdue", got.Overdue, got.OverdueAtLeast, want.overdue}} {
		if c.got != min(c.want, bound) || c.atLeast != (c.want > bound) {
			t.Errorf("%s = %d (more: %v), want %d of %d counted", c.name, c.got, c.atLeast, min(c.want, bound), c.want)
		}
	}
	return want
}

// checkCandidates checks that the store's read of the start page's
// deadlines finds them itself, not by the service's fall back on the full
// computation: the contracts of the latest missed notices are exactly
// those of the reference, and those of the coming alerts include the
// reference's.
// n is the number of rows of each list: the page's 50, or fewer, to cut
// the lists at other places.
func checkCandidates(t *testing.T, st *store.Store, svc *contracts.Service, scope contracts.Scope, n int) {
	t.Helper()
	today := svc.Today()
	all, err := svc.Alerts(context.Background(), scope, "", 90)
	if err != nil {
		t.Fatal(err)
	}
	var coming, missed []contracts.Alert
	for _, a := range all {
		if a.Missed {
			missed = append(missed, a)
		} else {
			coming = append(coming, a)
		}
	}
	slices.SortStableFunc(coming, func(a, b contracts.Alert) int { return contracts.AlertDay(b).DaysUntil(contracts.AlertDay(a)) })
	slices.SortStableFunc(missed, func(a, b contracts.Alert) int { return contracts.AlertDay(a).DaysUntil(contracts.AlertDay(b)) })
	c, err := st.HomeAlertCandidates(context.Background(), contracts.HomeAlertQuery{Scope: scope, Today: today, Until: today.AddDays(90),
		Limit: n, Bound: contracts.HomeAlertBound})
	if err != nil || c.Stale {
		t.Fatalf("stale %v, %v", c.Stale, err)
	}
	ids := func(cs []contracts.ContractSummary) []int64 {
		var out []int64
		for _, c := range cs {
			out = append(out, c.ID)
		}
		slices.Sort(out)
		return out
	}
	var want []int64
	for _, a := range missed[:min(n, len(missed))] {
		want = append(want, a.Contract.ID)
	}
	slices.Sort(want)
	if got := ids(c.Missed); !slices.Equal(got, want) {
		t.Errorf("missed: contracts %v, want %v", got, want)
	}
	got := ids(c.Coming)
	for _, a := range coming[:min(n, len(coming))] {
		if _, ok := slices.BinarySearch(got, a.Contract.ID); !ok {
			t.Errorf("coming: contract %d of %s not read", a.Contract.ID, homeLine(a))
		}
	}
}

// TestHomeAlertsSmall: on the small demo register the start page's
// deadlines read a page from the date indexes and equal those of the full
// computation, for a user of every organization (coordinator, admin,
// finance, management) and for a member of each organization, on dates
// stored for today and on those of yesterday (between midnight and the
// date refresh).
func TestHomeAlertsSmall(t *testing.T) {
	st, svc := smallRegister(t)
	ctx := context.Background()
	stale := contracts.NewService(st.Register(), contracts.Options{Now: func() time.Time { return listNow.AddDate(0, 0, 1) }})
	if s, err := stale.StaleDates(ctx); err != nil || !s {
		t.Fatalf("tomorrow's service sees stale dates %v, %v", s, err)
	}
	// Every organization with a contract that has a deadline in two
	// years, and the first page of the organizations (some without).
	every, err := svc.Alerts(ctx, contracts.Everyone(), "", contracts.MaxAlertDays)
	if err != nil {
		t.Fatal(err)
	}
	page, err := svc.Organizations(ctx, contracts.OrganizationFilter{PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, a := range every {
		codes = append(codes, a.Contract.Organization)
	}
	for _, o := range page.Items {
		codes = append(codes, o.Code)
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	if len(codes) < 5 {
		t.Fatalf("%d organizations", len(codes))
	}
	w := checkHome(t, svc, contracts.Everyone())
	if len(w.coming) != 50 || w.missedN == 0 || w.overdue == 0 {
		t.Fatalf("the small register has %d coming, %d missed, %d overdue: too few to test the page", w.total, w.missedN, w.overdue)
	}
	for _, n := range []int{1, 3, 7, 50} {
		checkCandidates(t, st, svc, contracts.Everyone(), n)
	}
	checkHome(t, stale, contracts.Everyone())
	some := 0
	for _, code := range codes {
		if w := checkHome(t, svc, contracts.Only(code)); w.total > 0 {
			some++
		}
		checkCandidates(t, st, svc, contracts.Only(code), 50)
		checkHome(t, stale, contracts.Only(code))
	}
	if some < 3 {
		t.Errorf("only %d organizations have deadlines", some)
	}
}

// TestHomeAlertsBeyondTheBound: on a register whose deadlines exceed the
// bound the totals are counted to (the small register with its contracts
// that have deadlines copied many times over, so that many fall on one
// day, overdue actions and missed notices among them), the start page's
// rows equal those of the full computation and the totals say "more
// than"; on stale dates too.
func TestHomeAlertsBeyondTheBound(t *testing.T) {
	st, copies := storetest.KeptThen(t, smallDemoKey, seedSmallDemo, "home-alerts-beyond-bound", func(ctx context.Context, st *store.Store) (int, error) {
		svc := contracts.NewService(st.Register(), contracts.Options{Now: func() time.Time { return listNow }})
		all, err := svc.Alerts(ctx, contracts.Everyone(), "", 90)
		if err != nil {
			return 0, err
		}
		var ids []int64
		missed, coming := 0, 0
		for _, a := range all {
			if a.Missed {
				missed++
			} else {
				coming++
			}
			if !slices.Contains(ids, a.Contract.ID) {
				ids = append(ids, a.Contract.ID)
			}
		}
		// Enough copies for both totals to pass the bound.
		k := contracts.HomeAlertBound/max(1, min(missed, coming)) + 1
		today := svc.Today()
		rows := func(yield func(contracts.ContractDetail, error) bool) {
			for i := range k {
				for _, id := range ids {
					d, err := st.Contract(ctx, id)
					d.Number += fmt.Sprintf("-%d", i)
					d.Dates = d.Contract.Dates(today)
					if !yield(d, err) || err != nil {
						return
					}
				}
			}
		}
		return k, st.Register().BulkInsertContracts(ctx, today, rows)
	})
	svc := contracts.NewService(st.Register(), contracts.Options{Now: func() time.Time { return listNow }})
	w := checkHome(t, svc, contracts.Everyone())
	if w.total <= contracts.HomeAlertBound || w.missedN <= contracts.HomeAlertBound || w.overdue < 50 {
		t.Fatalf("%d copies: %d coming, %d missed, %d overdue: not beyond the bound", copies, w.total, w.missedN, w.overdue)
	}
	t.Logf("%d copies: %d coming, %d missed, %d overdue", copies, w.total, w.missedN, w.overdue)
	// Four copies of each: every cut of the lists falls among contracts
	// that tie on the day.
	for _, n := range []int{1, 2, 3, 5, 7, 50, 51} {
		checkCandidates(t, st, svc, contracts.Everyone(), n)
	}
	stale := contracts.NewService(st.Register(), contracts.Options{Now: func() time.Time { return listNow.AddDate(0, 0, 1) }})
	checkHome(t, stale, contracts.Everyone())
}
