package store_test

import (
	"context"
	"iter"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
)

// countersOff returns how many rows of contract_counts differ from a
// recount of the contracts, in either direction (a missing row, an extra
// one, another n), on both backends.
func countersOff(t *testing.T, ctx context.Context, count func(context.Context, string, ...any) (int, error)) int {
	t.Helper()
	const with = `WITH counted AS (
		SELECT organization_id AS org, coalesce(category_id, 0) AS cat, status, expired, over_quota, count(*) AS n FROM contracts
			GROUP BY organization_id, coalesce(category_id, 0), status, expired, over_quota
		UNION ALL
		SELECT 0, coalesce(category_id, 0), status, expired, over_quota, count(*) FROM contracts
			GROUP BY coalesce(category_id, 0), status, expired, over_quota),
	stored AS (SELECT organization_id AS org, category_id AS cat, status, expired, over_quota, n FROM contract_counts WHERE n <> 0) `
	total := 0
	for _, q := range []string{
		with + `SELECT count(*) FROM (SELECT org, cat, status, expired, over_quota, n FROM counted
			EXCEPT SELECT org, cat, status, expired, over_quota, n FROM stored) d`,
		with + `SELECT count(*) FROM (SELECT org, cat, status, expired, over_quota, n FROM stored
			EXCEPT SELECT org, cat, status, expired, over_quota, n FROM counted) d`,
	} {
		n, err := count(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		total += n
	}
	return total
}

// TestOverQuotaFollowsEveryLineWrite walks licence-line changes that
// cross the quota both ways through every path of the store that writes
// licence lines or counted columns (create, update, delete, the bulk
// load, the nightly date refresh): after each step over_quota of the
// contracts written is the one expected and equals a recount from their
// lines, contract_counts equals a recount of the contracts, and the
// doctor finds neither off. The store sets over_quota in the contract
// row from the lines it writes with it (migration 0020), so a write path
// that forgot to would show here.
func TestOverQuotaFollowsEveryLineWrite(t *testing.T) {
	ctx := context.Background()
	st, svc := smallRegister(t)
	all := contracts.Everyone()
	// The spend model, maintained by the same writes.
	if _, err := svc.RefreshDates(ctx); err != nil {
		t.Fatal(err)
	}
	d := firstContract(t, svc, "GM0363")
	proto := d.Contract
	proto.ID, proto.Status = 0, contracts.StatusActive
	proto.Start, proto.InitialTermMonths = contracts.NewDate(2025, 1, 1), 24
	proto.RenewalKind, proto.RenewalPeriodMonths, proto.MaxRenewals, proto.RenewalsExercised = contracts.RenewalNone, 0, 0, 0
	proto.MaxEnd, proto.NoticeGivenOn = contracts.Date{}, contracts.Date{}
	line := func(product string, quantity, seats int) contracts.LicenceLine {
		return contracts.LicenceLine{Product: product, Metric: contracts.MetricNamedUser, Quantity: quantity, SeatsInUse: seats,
			UnitPrice: 10_00, PricePeriod: contracts.PerYear}
	}
	within, over, unlimited := line("Werkplek", 10, 8), line("Opslag", 5, 7), line("Licentie", contracts.Unlimited, 500)
	atQuota := line("Portaal", 5, 5)

	ids := map[string]int64{}
	create := func(name string, lines ...contracts.LicenceLine) func() error {
		return func() error {
			c := proto
			c.Number = "QUOTA-" + name
			id, err := svc.CreateContract(ctx, all, c, lines)
			ids[name] = id
			return err
		}
	}
	update := func(name string, edit func(*contracts.Contract), lines ...contracts.LicenceLine) func() error {
		return func() error {
			return svc.UpdateContract(ctx, all, ids[name], func(d contracts.ContractDetail) (contracts.Contract, []contracts.LicenceLine, error) {
				c := d.Contract
				if edit != nil {
					edit(&c)
				}
				return c, lines, nil
			})
		}
	}
	bulk := func(asOf contracts.Date, rows map[string][]contracts.LicenceLine, order ...string) func() error {
		return func() error {
			seq := func(yield func(contracts.ContractDetail, error) bool) {
				for _, name := range order {
					c := proto
					c.Number = "QUOTA-" + name
					if !yield(contracts.ContractDetail{ContractSummary: contracts.ContractSummary{Contract: c, Dates: c.Dates(asOf)}, Lines: rows[name]}, nil) {
						return
					}
				}
			}
			if err := st.BulkInsertContracts(ctx, asOf, iter.Seq2[contracts.ContractDetail, error](seq)); err != nil {
				return err
			}
			for _, name := range order {
				n, err := st.CountForTest(ctx, `SELECT id FROM contracts WHERE number = ?`, "QUOTA-"+name)
				if err != nil {
					return err
				}
				ids[name] = int64(n)
			}
			return nil
		}
	}
	draft := func(c *contracts.Contract) { c.Status = contracts.StatusDraft }
	noCategory := func(c *contracts.Contract) { c.CategoryID = 0 }
	later := contracts.NewDate(2027, 6, 1)
	refresh := func() error {
		day := time.Date(later.Year(), later.Month(), later.Day(), 10, 0, 0, 0, contracts.Amsterdam)
		_, err := contracts.NewService(st.Register(), contracts.Options{Now: func() time.Time { return day }}).RefreshDates(ctx)
		return err
	}

	for _, step := range []struct {
		name  string
		write func() error
		want  map[string]int // over_quota of the contracts named
	}{
		{"create with a line over quota", create("a", within, over), map[string]int{"a": 1}},
		{"create within quota, at quota and unlimited", create("b", within, atQuota, unlimited), map[string]int{"a": 1, "b": 0}},
		{"update: the line over quota brought under", update("a", nil, within, line("Opslag", 5, 4)), map[string]int{"a": 0}},
		{"update: a line over quota inserted", update("a", nil, within, line("Opslag", 5, 4), over), map[string]int{"a": 1}},
		{"update: the line over quota deleted", update("a", nil, within, line("Opslag", 5, 4)), map[string]int{"a": 0}},
		{"update: a line's quantity cut below its seats", update("b", nil, within, line("Portaal", 4, 5), unlimited), map[string]int{"b": 1}},
		{"update: status and category change while over quota", update("b", func(c *contracts.Contract) { draft(c); noCategory(c) },
			within, line("Portaal", 4, 5), unlimited), map[string]int{"b": 1}},
		{"move the line over quota from b to a: a's update", update("a", nil, within, line("Portaal", 4, 5)), map[string]int{"a": 1, "b": 1}},
		{"move the line over quota from b to a: b's update", update("b", nil, within, unlimited), map[string]int{"a": 1, "b": 0}},
		{"update: the quantity raised to unlimited", update("a", nil, within, line("Portaal", contracts.Unlimited, 5)), map[string]int{"a": 0}},
		{"update: every line removed", update("b", nil), map[string]int{"b": 0}},
		{"bulk load: one over quota, one within, one without lines", bulk(contracts.NewDate(2026, 11, 22), map[string][]contracts.LicenceLine{
			"c": {within, over}, "d": {within, atQuota}}, "c", "d", "e"), map[string]int{"c": 1, "d": 0, "e": 0}},
		{"update of a loaded contract: over quota resolved", update("c", nil, within), map[string]int{"c": 0}},
		{"update of a loaded contract: over quota again", update("d", nil, over), map[string]int{"d": 1}},
		{"delete a contract over quota", func() error { return svc.DeleteContract(ctx, all, ids["d"]) }, map[string]int{}},
		{"delete a contract within quota", func() error { return svc.DeleteContract(ctx, all, ids["c"]) }, map[string]int{}},
		{"nightly refresh on a later day (contracts expire)", refresh, map[string]int{"a": 0, "b": 0, "e": 0}},
		{"update after the refresh: over quota again", update("a", nil, over), map[string]int{"a": 1}},
	} {
		if err := step.write(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		for name, want := range step.want {
			got, err := st.CountForTest(ctx, `SELECT over_quota FROM contracts WHERE id = ?`, ids[name])
			if err != nil {
				t.Fatalf("%s: contract %s: %v", step.name, name, err)
			}
			recount, err := st.CountForTest(ctx, `SELECT count(*) FROM licence_lines WHERE contract_id = ? AND quantity <> -1 AND seats_in_use > quantity`, ids[name])
			if err != nil {
				t.Fatal(err)
			}
			if got != want || got != min(recount, 1) {
				t.Errorf("%s: contract %s over_quota = %d, want %d (lines over quota: %d)", step.name, name, got, want, recount)
			}
		}
		if n := countersOff(t, ctx, st.CountForTest); n != 0 {
			t.Errorf("%s: %d rows of contract_counts differ from a recount", step.name, n)
		}
		findings, err := st.Doctor(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range findings {
			if fd.Table == "contract_counts" || fd.Field == "over_quota" {
				t.Errorf("%s: doctor: %+v", step.name, fd)
			}
		}
		check, err := st.CheckSpendModel(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if check.Different != 0 || check.Contracts == 0 {
			t.Errorf("%s: spend model: %d rows differ from a rebuild (of %d contract years): %+v", step.name, check.Different, check.Contracts, check.Differences)
		}
	}
	expired, err := st.CountForTest(ctx, `SELECT count(*) FROM contracts WHERE number LIKE 'QUOTA-%' AND expired = 1`)
	if err != nil {
		t.Fatal(err)
	}
	if expired == 0 {
		t.Errorf("no contract of the walk expired on %s: the refresh step moved no counter", later)
	}
}

// firstContract returns the first contract of organization org in the
// list's default order, whose terms a test copies.
func firstContract(t *testing.T, svc *contracts.Service, org string) contracts.ContractDetail {
	t.Helper()
	ctx, all := context.Background(), contracts.Everyone()
	first, err := svc.Contracts(ctx, all, contracts.ContractFilter{Organization: org, PageSize: 1})
	if err != nil || len(first.Items) == 0 {
		t.Fatalf("fixture: %v", err)
	}
	d, err := svc.Contract(ctx, all, first.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
