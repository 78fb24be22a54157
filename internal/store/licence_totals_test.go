package store_test

import (
	"cmp"
	"context"
	"iter"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/store"
)

// recountedLicences is the licence view recounted the plain way: every
// licence line of scope read, the totals added up in Go and the lines
// sorted by the view's order (contracts.LicencePage).
type recountedLicences struct {
	lines, over int
	cost        contracts.Money
	// overIDs are the ids of the lines over quota in the view's order,
	// restIDs those of the others in contract and line order (then id,
	// for lines that share a position).
	overIDs, restIDs []int64
}

func recountLicences(t *testing.T, ctx context.Context, st *store.Store, scope contracts.Scope, org string) recountedLicences {
	t.Helper()
	rows, err := st.RowsForTest(ctx, `SELECT l.id, l.contract_id, l.position, l.quantity, l.seats_in_use, l.unit_price, o.code
		FROM licence_lines l JOIN contracts c ON c.id = l.contract_id JOIN organizations o ON o.id = c.organization_id`)
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		id, contract, position int64
		l                      contracts.LicenceLine
	}
	var (
		out        recountedLicences
		over, rest []line
		sum        int64
	)
	num := func(s string) int64 {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, r := range rows {
		if code := r[6]; !scope.Allows(code) || (org != "" && code != org) {
			continue
		}
		ln := line{id: num(r[0]), contract: num(r[1]), position: num(r[2]),
			l: contracts.LicenceLine{Quantity: int(num(r[3])), SeatsInUse: int(num(r[4])), UnitPrice: contracts.Money(num(r[5]))}}
		out.lines++
		if ln.l.OverQuota() {
			out.over++
			sum += int64(ln.l.ExcessCost())
			over = append(over, ln)
		} else {
			rest = append(rest, ln)
		}
	}
	out.cost = contracts.Money(min(sum, int64(contracts.MaxMoney)))
	slices.SortFunc(over, func(a, b line) int {
		return cmp.Or(cmp.Compare(b.l.ExcessCost(), a.l.ExcessCost()), cmp.Compare(b.l.Excess(), a.l.Excess()),
			cmp.Compare(a.contract, b.contract), cmp.Compare(a.position, b.position), cmp.Compare(a.id, b.id))
	})
	slices.SortFunc(rest, func(a, b line) int {
		return cmp.Or(cmp.Compare(a.contract, b.contract), cmp.Compare(a.position, b.position), cmp.Compare(a.id, b.id))
	})
	for _, l := range over {
		out.overIDs = append(out.overIDs, l.id)
	}
	for _, l := range rest {
		out.restIDs = append(out.restIDs, l.id)
	}
	return out
}

// checkLicences pages through the licence view of scope (and org) with
// pages of size lines, over quota and with every line, and fails unless
// every page's totals and the rows of all pages together equal the
// recount.
func checkLicences(t *testing.T, ctx context.Context, st *store.Store, svc *contracts.Service, scope contracts.Scope, org string, size int) {
	t.Helper()
	want := recountLicences(t, ctx, st, scope, org)
	for _, all := range []bool{false, true} {
		wantIDs, wantTotal := want.overIDs, want.over
		if all {
			wantIDs, wantTotal = slices.Concat(want.overIDs, want.restIDs), want.lines
		}
		var got []int64
		for page := 1; ; page++ {
			p, err := svc.Licences(ctx, scope, contracts.LicenceFilter{Organization: org, All: all, Page: page, PageSize: size})
			if err != nil {
				t.Fatal(err)
			}
			if p.Total != wantTotal || p.OverQuota != want.over || p.ExcessCost != want.cost {
				t.Fatalf("%s %q all=%v page %d: total %d, over quota %d, excess cost %d; the lines count %d, %d, %d",
					scopeName(scope), org, all, page, p.Total, p.OverQuota, p.ExcessCost, wantTotal, want.over, want.cost)
			}
			for _, it := range p.Items {
				got = append(got, it.ID)
			}
			if len(p.Items) < size || page > len(wantIDs)/size+1 {
				break
			}
		}
		if !slices.Equal(got, wantIDs) {
			t.Fatalf("%s %q all=%v: the pages hold %d lines %v…, want %d lines %v…", scopeName(scope), org, all,
				len(got), got[:min(len(got), 8)], len(wantIDs), wantIDs[:min(len(wantIDs), 8)])
		}
	}
}

func scopeName(s contracts.Scope) string {
	if s.All() {
		return "everyone"
	}
	org, _ := s.Organization()
	return "scope " + org
}

// licenceFindings returns the doctor's findings on the totals of
// migration 0023.
func licenceFindings(t *testing.T, ctx context.Context, st *store.Store) []store.Finding {
	t.Helper()
	findings, err := st.Doctor(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []store.Finding
	for _, f := range findings {
		if f.Table == "licence_counts" || f.Table == "vendor_counts" || strings.Contains(f.Field, "excess_cost") {
			out = append(out, f)
		}
	}
	return out
}

// TestLicenceTotalsFollowEveryWrite checks the licence view against a
// plain recount of the licence lines (totals and every row, in order, over
// several pages) on the small demo register, for everyone, one
// organization's scope and an organization named, and again after every
// path of the store that writes licence lines (create, update, a move to
// another organization, delete, the bulk load, the nightly date refresh);
// the doctor finds nothing off after each, and finds tampering with the
// contract's figures and with licence_counts. The vendor list's contract
// counts (vendor_counts) are checked along the same walk, with a move to
// another vendor.
func TestLicenceTotalsFollowEveryWrite(t *testing.T) {
	ctx := context.Background()
	st, svc := smallRegister(t)
	all := contracts.Everyone()
	if _, err := svc.RefreshDates(ctx); err != nil {
		t.Fatal(err)
	}
	check := func(step string, orgs ...string) {
		t.Helper()
		checkLicences(t, ctx, st, svc, all, "", 37)
		checkLicencesByCursor(t, ctx, st, svc, all, "", 37)
		for _, org := range orgs {
			checkLicences(t, ctx, st, svc, contracts.Only(org), "", 5)
			checkLicences(t, ctx, st, svc, all, org, 5)
			checkLicencesByCursor(t, ctx, st, svc, contracts.Only(org), "", 5)
			checkLicencesByCursor(t, ctx, st, svc, all, org, 5)
		}
		if f := licenceFindings(t, ctx, st); len(f) > 0 {
			t.Fatalf("%s: doctor: %+v", step, f)
		}
		checkVendorCounts(t, ctx, st, svc, step)
	}
	check("the demo register", "GM0363", "GM0599")

	d := firstContract(t, svc, "GM0363")
	proto := d.Contract
	proto.ID, proto.Status = 0, contracts.StatusActive
	proto.Start, proto.InitialTermMonths = contracts.NewDate(2025, 1, 1), 24
	proto.RenewalKind, proto.RenewalPeriodMonths, proto.MaxRenewals, proto.RenewalsExercised = contracts.RenewalNone, 0, 0, 0
	proto.MaxEnd, proto.NoticeGivenOn = contracts.Date{}, contracts.Date{}
	line := func(product string, quantity, seats int, price contracts.Money) contracts.LicenceLine {
		return contracts.LicenceLine{Product: product, Metric: contracts.MetricNamedUser, Quantity: quantity, SeatsInUse: seats,
			UnitPrice: price, PricePeriod: contracts.PerYear}
	}
	within, over := line("Werkplek", 10, 8, 10_00), line("Opslag", 5, 7, 10_00)
	costly := line("Duur", 1, contracts.MaxQuantity, contracts.MaxMoney)
	// Ties with the demo's lines: the same excess cost as lines of other
	// contracts, ordered by excess, contract and position.
	tied := line("Gelijk", 5, 7, 10_00)

	ids := map[string]int64{}
	create := func(name, org string, lines ...contracts.LicenceLine) func() error {
		return func() error {
			c := proto
			c.Organization, c.Number = org, "LIC-"+name
			id, err := svc.CreateContract(ctx, all, c, lines)
			ids[name] = id
			return err
		}
	}
	update := func(name, org string, lines ...contracts.LicenceLine) func() error {
		return func() error {
			return svc.UpdateContract(ctx, all, ids[name], func(d contracts.ContractDetail) (contracts.Contract, []contracts.LicenceLine, error) {
				c := d.Contract
				c.Organization = org
				return c, lines, nil
			})
		}
	}
	vendors, err := svc.Vendors(ctx, all, contracts.VendorFilter{PageSize: 100})
	if err != nil || len(vendors.Items) < 2 {
		t.Fatalf("fixture: %d vendors, %v", len(vendors.Items), err)
	}
	otherVendor := vendors.Items[0].ID
	if otherVendor == proto.VendorID {
		otherVendor = vendors.Items[1].ID
	}
	toVendor := func(name string) func() error {
		return func() error {
			return svc.UpdateContract(ctx, all, ids[name], func(d contracts.ContractDetail) (contracts.Contract, []contracts.LicenceLine, error) {
				c := d.Contract
				c.VendorID = otherVendor
				return c, d.Lines, nil
			})
		}
	}
	bulk := func(rows map[string][]contracts.LicenceLine, order ...string) func() error {
		return func() error {
			asOf := contracts.NewDate(2026, 11, 22)
			seq := func(yield func(contracts.ContractDetail, error) bool) {
				for _, name := range order {
					c := proto
					c.Organization, c.Number = "GM0599", "LIC-"+name
					if !yield(contracts.ContractDetail{ContractSummary: contracts.ContractSummary{Contract: c, Dates: c.Dates(asOf)}, Lines: rows[name]}, nil) {
						return
					}
				}
			}
			return st.BulkInsertContracts(ctx, asOf, iter.Seq2[contracts.ContractDetail, error](seq))
		}
	}
	refresh := func() error {
		day := time.Date(2027, 6, 1, 10, 0, 0, 0, contracts.Amsterdam)
		_, err := contracts.NewService(st.Register(), contracts.Options{Now: func() time.Time { return day }}).RefreshDates(ctx)
		return err
	}
	for _, step := range []struct {
		name  string
		write func() error
	}{
		{"create: a line over quota, one within", create("a", "GM0363", within, over)},
		{"create: two tied lines and one at the cap", create("b", "GM0363", tied, costly, tied)},
		{"create: no lines", create("c", "GM0363")},
		{"update: the line over quota brought under", update("a", "GM0363", within, line("Opslag", 5, 4, 10_00))},
		{"update: the price of a line over quota raised", update("b", "GM0363", line("Gelijk", 5, 7, 99_00), costly, tied)},
		{"update: lines added to a contract without", update("c", "GM0363", over, over, within)},
		{"update: moved to another organization", update("b", "GM0599", line("Gelijk", 5, 7, 99_00), costly, tied)},
		{"update: every line removed", update("c", "GM0363")},
		{"update: another vendor", toVendor("a")},
		{"bulk load: over quota, within, without lines", bulk(map[string][]contracts.LicenceLine{"d": {over, tied}, "e": {within}}, "d", "e", "f")},
		{"delete a contract over quota", func() error { return svc.DeleteContract(ctx, all, ids["b"]) }},
		{"nightly refresh on a later day", refresh},
	} {
		if err := step.write(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		check(step.name, "GM0363", "GM0599")
	}

	// Tampering: a contract's figures off (its trigger then moves the
	// counters with it), and a counter off alone.
	if err := st.ExecForTest(ctx, `UPDATE contracts SET excess_cost = excess_cost + 7 WHERE id = ?`, ids["a"]); err != nil {
		t.Fatal(err)
	}
	if err := st.ExecForTest(ctx, `UPDATE licence_counts SET lines = lines + 1 WHERE organization_id = (SELECT id FROM organizations WHERE code = 'GM0599')`); err != nil {
		t.Fatal(err)
	}
	if err := st.ExecForTest(ctx, `UPDATE vendor_counts SET n = n + 2 WHERE vendor_id = ?`, otherVendor); err != nil {
		t.Fatal(err)
	}
	var tables []string
	for _, f := range licenceFindings(t, ctx, st) {
		tables = append(tables, f.Table+" "+f.ID)
	}
	slices.Sort(tables)
	want := []string{"contracts " + strconv.FormatInt(ids["a"], 10), "licence_counts all organizations"}
	gm0363, err := st.CountForTest(ctx, `SELECT id FROM organizations WHERE code = 'GM0363'`)
	if err != nil {
		t.Fatal(err)
	}
	gm0599, err := st.CountForTest(ctx, `SELECT id FROM organizations WHERE code = 'GM0599'`)
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, "licence_counts organization "+strconv.Itoa(gm0363), "licence_counts organization "+strconv.Itoa(gm0599),
		"vendor_counts vendor "+strconv.FormatInt(otherVendor, 10))
	slices.Sort(want)
	if !slices.Equal(tables, want) {
		t.Errorf("doctor after tampering: %q, want %q", tables, want)
	}
}

// checkVendorCounts fails unless the vendor list's contract counts equal
// a count of the contracts, for everyone (vendor_counts) and for one
// organization's scope (counted per page).
func checkVendorCounts(t *testing.T, ctx context.Context, st *store.Store, svc *contracts.Service, step string) {
	t.Helper()
	for _, scope := range []contracts.Scope{contracts.Everyone(), contracts.Only("GM0363")} {
		page, err := svc.Vendors(ctx, scope, contracts.VendorFilter{PageSize: 100})
		if err != nil {
			t.Fatal(err)
		}
		if page.Next != "" {
			t.Fatalf("%s: more vendors than a page", step)
		}
		for _, v := range page.Items {
			q, args := `SELECT count(*) FROM contracts WHERE vendor_id = ?`, []any{v.ID}
			if !scope.All() {
				q, args = q+` AND organization_id = (SELECT id FROM organizations WHERE code = ?)`, append(args, "GM0363")
			}
			n, err := st.CountForTest(ctx, q, args...)
			if err != nil {
				t.Fatal(err)
			}
			if v.Contracts != n {
				t.Errorf("%s: %s: vendor %d lists %d contracts, has %d", step, scopeName(scope), v.ID, v.Contracts, n)
			}
		}
	}
}
