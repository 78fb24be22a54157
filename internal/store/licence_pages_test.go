package store_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/store"
)

// licencePagesByCursor pages through f's view from its first page by the
// next cursors, then from its last page back by the prev cursors, and
// returns the ids of the lines both ways, each in the view's order. It
// fails when the first page has a prev cursor, the last a next cursor,
// a page but the last is short, or the walk does not end.
func licencePagesByCursor(t *testing.T, ctx context.Context, svc *contracts.Service, scope contracts.Scope, f contracts.LicenceFilter) (forward, backward []int64) {
	t.Helper()
	ids := func(p contracts.LicencePage) []int64 {
		out := make([]int64, len(p.Items))
		for i, it := range p.Items {
			out[i] = it.ID
		}
		return out
	}
	f.Cursor = ""
	p, err := svc.Licences(ctx, scope, f)
	if err != nil {
		t.Fatal(err)
	}
	if p.Prev != "" {
		t.Errorf("the first page has a prev cursor")
	}
	forward = ids(p)
	for n := 0; p.Next != ""; n++ {
		if len(p.Items) != f.PageSize || n > p.Total {
			t.Fatalf("page %d holds %d lines of %d and has a next cursor", n+1, len(p.Items), f.PageSize)
		}
		f.Cursor = p.Next
		if p, err = svc.Licences(ctx, scope, f); err != nil {
			t.Fatal(err)
		}
		forward = append(forward, ids(p)...)
	}
	backward = ids(p)
	for n := 0; p.Prev != ""; n++ {
		if n > p.Total {
			t.Fatal("the prev cursors do not end")
		}
		f.Cursor = p.Prev
		if p, err = svc.Licences(ctx, scope, f); err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != f.PageSize {
			t.Errorf("a page before the last holds %d lines of %d", len(p.Items), f.PageSize)
		}
		backward = append(ids(p), backward...)
	}
	return forward, backward
}

// checkLicencesByCursor pages through the licence view of scope (and org)
// by its cursors, over quota and with every line, both ways, and fails
// unless each way lists every line of the recount once, in its order.
func checkLicencesByCursor(t *testing.T, ctx context.Context, st *store.Store, svc *contracts.Service, scope contracts.Scope, org string, size int) {
	t.Helper()
	want := recountLicences(t, ctx, st, scope, org)
	for _, all := range []bool{false, true} {
		wantIDs := want.overIDs
		if all {
			wantIDs = slices.Concat(want.overIDs, want.restIDs)
		}
		forward, backward := licencePagesByCursor(t, ctx, svc, scope, contracts.LicenceFilter{Organization: org, All: all, PageSize: size})
		for _, way := range []struct {
			name string
			got  []int64
		}{{"next", forward}, {"prev", backward}} {
			if !slices.Equal(way.got, wantIDs) {
				t.Fatalf("%s %q all=%v, by the %s cursors: %d lines %v…, want %d lines %v…", scopeName(scope), org, all, way.name,
					len(way.got), way.got[:min(len(way.got), 8)], len(wantIDs), wantIDs[:min(len(wantIDs), 8)])
			}
		}
	}
}

// TestLicencePagesByCursor pages through every licence line of the small
// demo register by the next and prev cursors, for everyone, one
// organization's scope and an organization named, at several page sizes,
// with lines that tie on the view's sort keys: the same excess cost and
// excess in other contracts and twice in one contract (ordered by contract
// and position), and a line that shares its contract and position with
// another (ordered by id). Each line comes once, in the view's order.
func TestLicencePagesByCursor(t *testing.T) {
	ctx := context.Background()
	st, svc := smallRegister(t)
	all := contracts.Everyone()
	d := firstContract(t, svc, "GM0363")
	line := func(product string, quantity, seats int, price contracts.Money) contracts.LicenceLine {
		return contracts.LicenceLine{Product: product, Metric: contracts.MetricNamedUser, Quantity: quantity, SeatsInUse: seats,
			UnitPrice: price, PricePeriod: contracts.PerYear}
	}
	tied, within := line("Gelijk", 5, 7, 10_00), line("Binnen", 10, 8, 10_00)
	var ids []int64
	for i, org := range []string{"GM0363", "GM0363", "GM0599"} {
		c := d.Contract
		c.ID, c.Organization, c.Number = 0, org, "LIC-TIE-"+strconv.Itoa(i)
		id, err := svc.CreateContract(ctx, all, c, []contracts.LicenceLine{tied, within, tied, within})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	// A line beside position 1 of the first of them, as no write of the
	// store makes it: the keys tie up to the id.
	if err := st.ExecForTest(ctx, `INSERT INTO licence_lines (contract_id, position, product, metric, quantity, seats_in_use, unit_price, price_period)
		SELECT contract_id, position, 'Dubbel', metric, quantity, seats_in_use, unit_price, price_period FROM licence_lines
		WHERE contract_id = ? AND position IN (0, 1)`, ids[0]); err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{1, 7, 50} {
		checkLicencesByCursor(t, ctx, st, svc, all, "", max(size, 37))
		for _, org := range []string{"GM0363", "GM0599"} {
			checkLicencesByCursor(t, ctx, st, svc, contracts.Only(org), "", size)
			checkLicencesByCursor(t, ctx, st, svc, all, org, size)
		}
	}
	// A cursor names a line's place, not the line: with the line gone,
	// the next page starts after where it was.
	p, err := svc.Licences(ctx, all, contracts.LicenceFilter{All: true, Organization: "GM0599", PageSize: 3})
	if err != nil || p.Next == "" {
		t.Fatalf("first page: %v", err)
	}
	next, err := svc.Licences(ctx, all, contracts.LicenceFilter{All: true, Organization: "GM0599", PageSize: 3, Cursor: p.Next})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ExecForTest(ctx, `DELETE FROM licence_lines WHERE id = ?`, p.Items[2].ID); err != nil {
		t.Fatal(err)
	}
	again, err := svc.Licences(ctx, all, contracts.LicenceFilter{All: true, Organization: "GM0599", PageSize: 3, Cursor: p.Next})
	if err != nil || len(again.Items) == 0 || again.Items[0].ID != next.Items[0].ID {
		t.Errorf("the next page after a deleted line: %v; want it to start at line %d", err, next.Items[0].ID)
	}
}

// TestLicenceCursorsRefused: a cursor that is no position in the view
// asked for is a problem on "cursor", a page by number beyond
// contracts.MaxOffsetRows one on "page"; never an error of the store.
func TestLicenceCursorsRefused(t *testing.T) {
	ctx := context.Background()
	_, svc := smallRegister(t)
	all := contracts.Everyone()
	over, err := svc.Licences(ctx, all, contracts.LicenceFilter{PageSize: 2})
	if err != nil || over.Next == "" {
		t.Fatalf("over quota: %v, next %q", err, over.Next)
	}
	every, err := svc.Licences(ctx, all, contracts.LicenceFilter{All: true, PageSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	// The last line of the view: a line not over quota.
	rest := contracts.Cursor{Sort: contracts.LicenceSortAll, Keys: []string{"0", "0", "1", "0", "1"}}
	for _, tc := range []struct {
		name, field string
		f           contracts.LicenceFilter
	}{
		{"garbage", "cursor", contracts.LicenceFilter{Cursor: "!!not-base64!!"}},
		{"base64 but no cursor", "cursor", contracts.LicenceFilter{Cursor: "bm90LWEtY3Vyc29y"}},
		{"too long", "cursor", contracts.LicenceFilter{Cursor: strings.Repeat("A", contracts.MaxCursorLength+1)}},
		{"the other view's: over quota into every line", "cursor", contracts.LicenceFilter{All: true, Cursor: over.Next}},
		{"the other view's: every line into over quota", "cursor", contracts.LicenceFilter{Cursor: every.Next}},
		{"another list's order", "cursor", contracts.LicenceFilter{
			Cursor: contracts.Cursor{Sort: contracts.VendorSortName, Keys: []string{"a", "1"}}.Encode()}},
		{"keys not integers", "cursor", contracts.LicenceFilter{All: true,
			Cursor: contracts.Cursor{Sort: contracts.LicenceSortAll, Keys: []string{"0", "0", "x", "0", "1"}}.Encode()}},
		{"too few keys", "cursor", contracts.LicenceFilter{All: true,
			Cursor: contracts.Cursor{Sort: contracts.LicenceSortAll, Keys: []string{"0", "0", "1"}}.Encode()}},
		{"a line not over quota in the view over quota", "cursor", contracts.LicenceFilter{
			Cursor: contracts.Cursor{Sort: contracts.LicenceSortOver, Keys: rest.Keys}.Encode()}},
		{"page past the bound", "page", contracts.LicenceFilter{All: true, Page: contracts.MaxOffsetRows/50 + 2, PageSize: 50}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := svc.Licences(ctx, all, tc.f)
			fields := apperr.Fields(err)
			if len(fields) != 1 || fields[0].Field != tc.field {
				t.Errorf("err = %v, want one problem on %s", err, tc.field)
			}
		})
	}
	// A cursor of every line, made by hand, is a place in the view.
	if _, err := svc.Licences(ctx, all, contracts.LicenceFilter{All: true, Cursor: rest.Encode()}); err != nil {
		t.Errorf("a well-formed cursor of every line: %v", err)
	}
}
