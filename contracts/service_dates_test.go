package contracts_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
)

// readOnlyStore fails every write the refresh of the stored dates makes
// (its transaction, the new dates, the new stamps) and reports it: the
// reads of the contract list must not call them.
type readOnlyStore struct {
	contracts.Store
	t *testing.T
}

var errWrite = errors.New("a write during a read")

func (s readOnlyStore) InTx(context.Context, func(contracts.Store) error) error {
	s.t.Error("a read opened a write transaction")
	return errWrite
}

func (s readOnlyStore) SetContractDates(context.Context, int64, contracts.Dates, contracts.Date) error {
	s.t.Error("a read stored contract dates")
	return errWrite
}

func (s readOnlyStore) MarkContractDatesCurrent(context.Context, []int64, contracts.Date) error {
	s.t.Error("a read stamped contract dates")
	return errWrite
}

// staleFixture is a register whose dates were stored on Sunday
// 22-11-2026, read on Monday 23-11-2026 five seconds after midnight,
// before the nightly refresh:
//   - renews: tacit yearly, its current end is 22-11-2026, so on Monday
//     it has renewed to 22-11-2027 (stored: ends 22-11-2026);
//   - deadline: tacit yearly to 22-12-2026 with a month's notice, whose
//     deadline 22-11-2026 passed on Monday: the next is 22-11-2027
//     (stored: 22-11-2026);
//   - steady: tacit to 31-12-2026, deadline 30-11-2026, which Monday
//     does not change;
//   - ends: no renewal, ends 01-12-2026.
type staleFixture struct {
	stored, monday *contracts.Service
	// raw reads the store as it is, without the service.
	raw contracts.Store
	ids map[string]int64
}

var (
	sunday = func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam) }
	monday = func() time.Time { return time.Date(2026, 11, 23, 0, 0, 5, 0, contracts.Amsterdam) }
)

func newStaleFixture(t *testing.T) staleFixture {
	t.Helper()
	fx := newImportFixture(t)
	ctx := context.Background()
	vendor, err := fx.svc.CreateVendor(ctx, contracts.Vendor{Name: "KPN B.V.", KVK: "27124701"})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, c := range []contracts.Contract{
		{Number: "renews", Start: contracts.NewDate(2025, 11, 23), RenewalKind: contracts.RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 1},
		{Number: "deadline", Start: contracts.NewDate(2025, 12, 23), RenewalKind: contracts.RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 1},
		{Number: "steady", Start: contracts.NewDate(2026, 1, 1), RenewalKind: contracts.RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 1},
		{Number: "ends", Start: contracts.NewDate(2025, 12, 2), RenewalKind: contracts.RenewalNone},
	} {
		c.Organization, c.Title, c.VendorID, c.InitialTermMonths, c.Status = "GM0363", "Telefonie "+c.Number, vendor, 12, contracts.StatusActive
		if ids[c.Number], err = fx.svc.CreateContract(ctx, contracts.Everyone(), c, nil); err != nil {
			t.Fatal(err)
		}
	}
	if fx.svc.Today() != contracts.DateOf(sunday()) {
		t.Fatalf("the fixture's service is on %s, want Sunday", fx.svc.Today())
	}
	return staleFixture{stored: fx.svc, raw: fx.st.Register(), ids: ids,
		monday: contracts.NewService(readOnlyStore{Store: fx.st.Register(), t: t}, contracts.Options{Now: monday})}
}

func numbers(items []contracts.ContractSummary) []string {
	var out []string
	for _, c := range items {
		out = append(out, c.Number)
	}
	return out
}

// TestContractListIsReadOnlyAndRightBeforeTheRefresh: after midnight and
// before the nightly refresh every contract's stored dates are a day old,
// and two of them have moved. The list, the page with stored dates and
// the export's rows write nothing (the store fails every write) and still
// filter and sort on Monday's dates: the contract that renewed no longer
// ends before 22-12-2026, the one whose deadline passed no longer has a
// deadline before 23-12-2026. The stored copy, read bare, would say
// otherwise, so the test is not vacuous; after the refresh the answers
// are the same.
func TestContractListIsReadOnlyAndRightBeforeTheRefresh(t *testing.T) {
	t.Parallel()
	fx := newStaleFixture(t)
	ctx := context.Background()
	endsBefore := contracts.ContractFilter{EndsBefore: contracts.NewDate(2026, 12, 21), Scope: contracts.Everyone()}
	noticeBefore := contracts.ContractFilter{NoticeBefore: contracts.NewDate(2026, 12, 23), Scope: contracts.Everyone()}
	tests := []struct {
		name       string
		f          contracts.ContractFilter
		want, bare []string
	}{
		{"ends on or before 21-12-2026", endsBefore, []string{"ends"}, []string{"renews", "ends"}},
		{"notice deadline before 23-12-2026", noticeBefore, []string{"steady"}, []string{"deadline", "steady"}},
		{"all, soonest notice deadline first", contracts.ContractFilter{Scope: contracts.Everyone()},
			[]string{"steady", "renews", "deadline", "ends"}, []string{"deadline", "steady", "renews", "ends"}},
		{"all, soonest end first", contracts.ContractFilter{Scope: contracts.Everyone(), Sort: contracts.SortEnd},
			[]string{"ends", "deadline", "steady", "renews"}, []string{"renews", "ends", "deadline", "steady"}},
	}
	check := func(when string, svc *contracts.Service) {
		for _, tt := range tests {
			list, err := svc.ContractList(ctx, contracts.Everyone(), tt.f)
			if err != nil {
				t.Fatalf("%s: ContractList(%s): %v", when, tt.name, err)
			}
			if got := numbers(list.Items); !slices.Equal(got, tt.want) || list.Total != len(tt.want) {
				t.Errorf("%s: ContractList(%s) = %v (total %d), want %v", when, tt.name, got, list.Total, tt.want)
			}
			page, err := svc.Contracts(ctx, contracts.Everyone(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			for i, c := range page.Items {
				if want := list.Items[i].Contract.Dates(contracts.DateOf(monday())); c.Dates.CurrentEnd != want.CurrentEnd ||
					c.Dates.NoticeDeadline != want.NoticeDeadline {
					t.Errorf("%s: Contracts(%s): %s has current end %s and deadline %s, want Monday's %s and %s", when, tt.name,
						c.Number, c.Dates.CurrentEnd, c.Dates.NoticeDeadline, want.CurrentEnd, want.NoticeDeadline)
				}
			}
			var each []contracts.ContractSummary
			if err := svc.EachContract(ctx, contracts.Everyone(), tt.f, func(cs contracts.ContractSummary) error {
				each = append(each, cs)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if got := numbers(each); !slices.Equal(got, tt.want) {
				t.Errorf("%s: EachContract(%s) = %v, want %v", when, tt.name, got, tt.want)
			}
			for i, c := range each {
				if c.Dates != list.Items[i].Dates {
					t.Errorf("%s: EachContract(%s): %s has dates %+v, the list %+v", when, tt.name, c.Number, c.Dates, list.Items[i].Dates)
				}
			}
		}
	}

	check("before the refresh", fx.monday)
	for _, tt := range tests {
		bare, err := fx.raw.Contracts(ctx, tt.f.Normalize())
		if err != nil {
			t.Fatal(err)
		}
		if got := numbers(bare.Items); !slices.Equal(got, tt.bare) {
			t.Errorf("the stored copy for Sunday, %s = %v, want %v", tt.name, got, tt.bare)
		}
	}
	if stale, err := fx.monday.StaleDates(ctx); err != nil || !stale {
		t.Fatalf("StaleDates after the reads = %v, %v; want the dates still stored for Sunday", stale, err)
	}

	mondayRW := contracts.NewService(fx.raw, contracts.Options{Now: monday})
	changed, err := mondayRW.RefreshDates(ctx)
	if err != nil || changed != 2 {
		t.Fatalf("RefreshDates on Monday = %d, %v; want the 2 contracts that moved", changed, err)
	}
	if stale, err := fx.monday.StaleDates(ctx); err != nil || stale {
		t.Fatalf("StaleDates after the refresh = %v, %v; want false", stale, err)
	}
	check("after the refresh", fx.monday)
}
