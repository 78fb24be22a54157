package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/demo"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

var listNow = time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam)

// smallRegister is the small demo set on a fixed clock, built once per
// process and copied per test.
func smallRegister(t *testing.T) (*store.Store, *contracts.Service) {
	t.Helper()
	st := storetest.Kept(t, smallDemoKey, seedSmallDemo)
	return st, contracts.NewService(st.Register(), contracts.Options{Now: func() time.Time { return listNow }})
}

// smallDemoKey names the small demo set (seed 1) as of listNow for
// storetest.Kept, which keeps it for every package's tests of one run.
var smallDemoKey = "the small demo set, seed 1, as of " + listNow.Format(time.RFC3339)

// seedSmallDemo writes the small demo set (seed 1) as of listNow.
func seedSmallDemo(ctx context.Context, st *store.Store) error {
	_, err := demo.Generate(ctx, st.Register(), demo.Options{Scale: demo.ScaleSmall, Seed: 1, Now: func() time.Time { return listNow }})
	return err
}

// everyID returns the ids of every contract matching f in f's order, as
// the export reads them (one pass, no paging).
func everyID(t *testing.T, svc *contracts.Service, scope contracts.Scope, f contracts.ContractFilter) []int64 {
	t.Helper()
	var ids []int64
	if err := svc.EachContract(context.Background(), scope, f, func(cs contracts.ContractSummary) error {
		ids = append(ids, cs.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return ids
}

// walk follows the next cursors from the first page, then the prev
// cursors back from the last, and returns the ids in the order read
// forwards and (reversed again) backwards.
func walk(t *testing.T, svc *contracts.Service, scope contracts.Scope, f contracts.ContractFilter) (fwd, back []int64, total int, atLeast bool) {
	t.Helper()
	ctx := context.Background()
	var pages []contracts.ContractPage
	for cursor, n := "", 0; ; n++ {
		f.Cursor = cursor
		p, err := svc.Contracts(ctx, scope, f)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 && p.Prev != "" {
			t.Errorf("first page has a prev cursor")
		}
		if n > 0 && p.Prev == "" && len(p.Items) > 0 {
			t.Errorf("page %d has no prev cursor", n+1)
		}
		total, atLeast = p.Total, p.TotalAtLeast
		pages = append(pages, p)
		for _, cs := range p.Items {
			fwd = append(fwd, cs.ID)
		}
		if p.Next == "" || n > 1000 {
			break
		}
		cursor = p.Next
	}
	// Back from the last page: its prev, and so on to the first.
	cursor := pages[len(pages)-1].Prev
	var chunks [][]int64
	for n := 0; cursor != "" && n < 1000; n++ {
		f.Cursor = cursor
		p, err := svc.Contracts(ctx, scope, f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, cs := range p.Items {
			ids = append(ids, cs.ID)
		}
		chunks = append(chunks, ids)
		cursor = p.Prev
	}
	for i := len(chunks) - 1; i >= 0; i-- {
		back = append(back, chunks[i]...)
	}
	last := pages[len(pages)-1]
	for _, cs := range last.Items {
		back = append(back, cs.ID)
	}
	return fwd, back, total, atLeast
}

func TestContractListKeysetWalksEverySortOrder(t *testing.T) {
	_, svc := smallRegister(t)
	org := "GM0363"
	for _, sort := range contracts.ContractSorts() {
		for _, tc := range []struct {
			name  string
			scope contracts.Scope
			f     contracts.ContractFilter
		}{
			{"all organizations", contracts.Everyone(), contracts.ContractFilter{}},
			{"one organization", contracts.Everyone(), contracts.ContractFilter{Organization: org}},
			{"scoped to one organization", contracts.Only(org), contracts.ContractFilter{}},
			{"expired hidden, two categories", contracts.Everyone(), contracts.ContractFilter{HideExpired: true, CategoryIDs: []int64{1, 3}}},
			{"over quota", contracts.Everyone(), contracts.ContractFilter{OverQuota: true}},
			{"search", contracts.Everyone(), contracts.ContractFilter{Q: "a", RenewalKind: contracts.RenewalTacit}},
		} {
			t.Run(string(sort)+"/"+tc.name, func(t *testing.T) {
				f := tc.f
				f.Sort, f.PageSize = sort, 150
				want := everyID(t, svc, tc.scope, f)
				if len(want) < 2 {
					t.Fatalf("fixture: %d contracts match, want several pages' worth", len(want))
				}
				fwd, back, total, atLeast := walk(t, svc, tc.scope, f)
				if !slices.Equal(fwd, want) {
					t.Errorf("next cursors read %d contracts, want the %d of the export in its order", len(fwd), len(want))
				}
				if !slices.Equal(back, want) {
					t.Errorf("prev cursors read %d contracts back, want the %d of the export in its order", len(back), len(want))
				}
				// Without a counter (the search) the total is counted up to a bound.
				if total != len(want) && !(atLeast && total == 1000 && len(want) > 1000) {
					t.Errorf("total = %d (at least: %v), want %d", total, atLeast, len(want))
				}
			})
		}
	}
}

func TestContractListPageByNumberMatchesCursor(t *testing.T) {
	ctx := context.Background()
	_, svc := smallRegister(t)
	f := contracts.ContractFilter{Sort: contracts.SortValue, PageSize: 20, HideExpired: true}
	want := everyID(t, svc, contracts.Everyone(), f)
	f.Page = 3
	p, err := svc.Contracts(ctx, contracts.Everyone(), f)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, cs := range p.Items {
		got = append(got, cs.ID)
	}
	if !slices.Equal(got, want[40:60]) {
		t.Errorf("page 3 = %v, want rows 41-60 %v", got, want[40:60])
	}
	f.Page, f.Cursor = 1, p.Next
	next, err := svc.Contracts(ctx, contracts.Everyone(), f)
	if err != nil {
		t.Fatal(err)
	}
	if len(next.Items) == 0 || next.Items[0].ID != want[60] {
		t.Errorf("the next cursor of page 3 does not start at row 61")
	}
}

func TestContractListRefusesBadCursorsAndDeepPages(t *testing.T) {
	ctx := context.Background()
	_, svc := smallRegister(t)
	p, err := svc.Contracts(ctx, contracts.Everyone(), contracts.ContractFilter{Sort: contracts.SortTitle, PageSize: 10})
	if err != nil || p.Next == "" {
		t.Fatalf("first page: %v, next %q", err, p.Next)
	}
	for _, tc := range []struct {
		name, field string
		f           contracts.ContractFilter
	}{
		{"garbage", "cursor", contracts.ContractFilter{Cursor: "!!not-base64!!"}},
		{"another sort order's", "cursor", contracts.ContractFilter{Cursor: p.Next, Sort: contracts.SortNotice}},
		{"too long", "cursor", contracts.ContractFilter{Cursor: strings.Repeat("A", contracts.MaxCursorLength+1)}},
		{"page past the bound", "page", contracts.ContractFilter{Page: contracts.MaxOffsetRows/50 + 2, PageSize: 50}},
		{"too many categories", "category", contracts.ContractFilter{CategoryIDs: manyIDs(contracts.MaxFilterValues + 1)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.f
			if f.Sort == "" {
				f.Sort = contracts.SortTitle
			}
			_, err := svc.Contracts(ctx, contracts.Everyone(), f)
			fields := apperr.Fields(err)
			if len(fields) != 1 || fields[0].Field != tc.field {
				t.Errorf("err = %v, want one problem on %s", err, tc.field)
			}
		})
	}
}

// TestContractCountsFollowEveryWrite: the totals come from counters the
// triggers keep; after creating, changing and deleting contracts and
// licence lines they still equal the rows, and the doctor agrees; a
// counter changed behind the triggers' back is reported.
func TestContractCountsFollowEveryWrite(t *testing.T) {
	ctx := context.Background()
	st, svc := smallRegister(t)
	all := contracts.Everyone()
	check := func(when string) {
		t.Helper()
		for _, f := range []contracts.ContractFilter{
			{}, {HideExpired: true}, {OverQuota: true}, {Organization: "GM0363"}, {CategoryIDs: []int64{2, 4}},
			{Status: contracts.StatusDraft}, {Organization: "GM0363", HideExpired: true, OverQuota: true},
		} {
			p, err := svc.Contracts(ctx, all, f)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(everyID(t, svc, all, f)); p.Total != n || p.TotalAtLeast {
				t.Errorf("%s: total of %+v = %d (at least %v), want %d", when, f, p.Total, p.TotalAtLeast, n)
			}
		}
		findings, err := st.Doctor(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range findings {
			if fd.Table == "contract_counts" || fd.Field == "over_quota" {
				t.Errorf("%s: doctor: %+v", when, fd)
			}
		}
	}
	check("as generated")

	first, err := svc.Contracts(ctx, all, contracts.ContractFilter{Organization: "GM0363", PageSize: 2})
	if err != nil || len(first.Items) < 2 {
		t.Fatalf("fixture: %v", err)
	}
	d, err := svc.Contract(ctx, all, first.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	c := d.Contract
	c.ID, c.Number, c.CategoryID = 0, "LIST-1", 0
	over := []contracts.LicenceLine{{Product: "Werkplek", Metric: contracts.MetricNamedUser, Quantity: 10, SeatsInUse: 12,
		UnitPrice: 100, PricePeriod: contracts.PerYear}}
	id, err := svc.CreateContract(ctx, all, c, over)
	if err != nil {
		t.Fatal(err)
	}
	check("after a create with a line over quota")

	c.ID, c.Status = id, contracts.StatusDraft
	c.CategoryID = d.CategoryID
	within := over
	within[0].SeatsInUse = 5
	if err := svc.UpdateContract(ctx, all, id, func(contracts.ContractDetail) (contracts.Contract, []contracts.LicenceLine, error) {
		return c, within, nil
	}); err != nil {
		t.Fatal(err)
	}
	check("after an update: status, category, the line within quota")

	if err := svc.DeleteContract(ctx, all, first.Items[1].ID); err != nil {
		t.Fatal(err)
	}
	check("after a delete")

	if err := st.ExecForTest(ctx, `UPDATE contract_counts SET n = n + 1 WHERE (organization_id, category_id, status, expired, over_quota) =
		(SELECT organization_id, category_id, status, expired, over_quota FROM contract_counts WHERE organization_id = 0 AND n > 0 LIMIT 1)`); err != nil {
		t.Fatal(err)
	}
	findings, err := st.Doctor(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, fd := range findings {
		if fd.Table == "contract_counts" {
			n++
			if !strings.HasPrefix(fd.ID, "all organizations") {
				t.Errorf("doctor: %+v, want the counter of all organizations", fd)
			}
		}
	}
	if n != 1 {
		t.Errorf("doctor found %d counters off, want the 1 changed", n)
	}
}

// manyIDs returns the ids 1 to n.
func manyIDs(n int) []int64 {
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	return ids
}
