package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
)

// TestMigration0008RecomputesDates seeds a database at schema 0007 with a
// contract that starts on the 31st, whose stored end the old "start +
// term − 1 day" rule put a day early, migrates, and checks the stored
// dates follow the month rule (Reg. 1182/71 art. 3(2)(c)), that nothing
// hanging off the rebuilt contracts table was lost, and that Migrate says
// how many contracts' dates changed (STYLE §8: seed at N−1, check after N).
func TestMigration0008RecomputesDates(t *testing.T) {
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC) }
	st, err := Open(filepath.Join(t.TempDir(), "v7.db"), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p, err := st.provider()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 7); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO organizations (id, code, name, kind, name_key) VALUES (1, 'GM0363', 'Amsterdam', 'municipality', 'amsterdam')`,
		`INSERT INTO vendors (id, name, name_key) VALUES (1, 'KPN B.V.', 'kpn b.v.')`,
		`INSERT INTO categories (id, name) VALUES (1, 'Telefonie')`,
		// 31-03-2027 + 1 month: stored as ending 29-04-2027, one day early.
		`INSERT INTO contracts (id, organization_id, number, title, title_key, vendor_id, category_id, start_date,
			initial_term_months, renewal_kind, notice_months, status, dates_as_of, current_end, committed_end, final_end)
		VALUES (1, 1, 'C-31', 'Maandcontract', 'maandcontract', 1, 1, '2027-03-31', 1, 'none', 0, 'active',
			'2026-11-22', '2027-04-29', '2027-04-29', '2027-04-29')`,
		// 01-02-2023 + 36 months, tacit: its dates were right already.
		`INSERT INTO contracts (id, organization_id, number, title, title_key, vendor_id, category_id, start_date,
			initial_term_months, renewal_kind, renewal_period_months, notice_months, status, dates_as_of, current_end,
			committed_end, notice_deadline, action_date)
		VALUES (2, 1, 'C-01', 'Mobiele telefonie', 'mobiele telefonie', 1, 1, '2023-02-01', 36, 'tacit', 12, 3, 'active',
			'2025-06-01', '2026-01-31', '2026-01-31', '2025-10-31', '2025-10-31')`,
		`INSERT INTO licence_lines (contract_id, position, product, metric, quantity, unit_price, price_period)
		VALUES (1, 0, 'Abonnement', 'device', 10, 1500, 'month')`,
		`INSERT INTO demand (organization_id, category_id, desired_start, replaces_contract_id, status)
		VALUES (1, 1, '2027-05-01', 1, 'submitted')`,
	} {
		if err := st.ExecForTest(ctx, q); err != nil {
			t.Fatalf("seed at 0007: %v\n%s", err, q)
		}
	}

	applied, err := st.Migrate(ctx)
	if err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if len(applied) == 0 || applied[0] != 8 {
		t.Fatalf("Migrate applied %v, want 0008 first", applied)
	}
	r, ok := st.RecomputedDates()
	if !ok || r.Version != 8 || r.Contracts != 2 || r.Changed != 1 {
		t.Errorf("RecomputedDates() = %+v, %v; want migration 8, 2 contracts read, 1 changed", r, ok)
	}

	d, err := st.Contract(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := contracts.NewDate(2027, 4, 30)
	if d.Dates.CurrentEnd != want || d.Dates.CommittedEnd != want || d.Dates.FinalEnd != want {
		t.Errorf("contract starting 31-03-2027 with 1 month: stored ends %v / %v / %v, want %v (Reg. 1182/71 art. 3(2)(c))",
			d.Dates.CurrentEnd, d.Dates.CommittedEnd, d.Dates.FinalEnd, want)
	}
	if len(d.Lines) != 1 {
		t.Errorf("licence lines after the rebuild = %d, want 1 (no cascade)", len(d.Lines))
	}
	var replaces int64
	if err := st.reader.QueryRowContext(ctx, `SELECT coalesce(replaces_contract_id, 0) FROM demand`).Scan(&replaces); err != nil || replaces != 1 {
		t.Errorf("demand.replaces_contract_id after the rebuild = %d, %v; want 1", replaces, err)
	}
	var fk bool
	if err := st.writer.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || !fk {
		t.Errorf("foreign keys after migrating = %v, %v; want on", fk, err)
	}
	if err := st.ExecForTest(ctx, `DELETE FROM organizations WHERE id = 1`); err == nil {
		t.Error("deleting an organization with contracts succeeded: foreign keys are not enforced after the rebuild")
	}
	// The new kind and columns are accepted; both notice fields are not.
	if err := st.ExecForTest(ctx, `UPDATE contracts SET renewal_kind = 'indefinite', notice_months = 0, notice_days = 90 WHERE id = 2`); err != nil {
		t.Errorf("indefinite with notice in days: %v", err)
	}
	if err := st.ExecForTest(ctx, `UPDATE contracts SET notice_months = 3, notice_days = 90 WHERE id = 2`); err == nil {
		t.Error("notice in months and days accepted")
	}
	if again, err := st.Migrate(ctx); err != nil || len(again) != 0 {
		t.Errorf("second Migrate = %v, %v", again, err)
	}
	if _, ok := st.RecomputedDates(); ok {
		t.Error("a Migrate that applied nothing recomputed dates")
	}
}
