package main

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestDoctor: on the demo database doctor says clean (exit 0); after rows
// are poisoned with raw SQL, as the API allowed before the bounds (issue
// 12), it names each row, field and value with a repair (exit 1), and
// changes nothing.
func TestDoctor(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := demoDB(t)
	out, errOut, status := run(t, ctx, "doctor", "--db", db)
	if status != 0 || !strings.Contains(out, "clean") {
		t.Fatalf("doctor on the demo database: status %d, out %q, err %q; want 0 and clean", status, out, errOut)
	}

	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var contract, line, vendor, org, tender string
	for _, q := range []struct {
		sql string
		dst *string
	}{
		{"SELECT min(id) FROM contracts", &contract},
		{"SELECT contract_id FROM licence_lines ORDER BY id LIMIT 1", &line},
		{"SELECT min(id) FROM vendors", &vendor},
		{"SELECT min(code) FROM organizations", &org},
		{"SELECT min(id) FROM tenders", &tender},
	} {
		if err := raw.QueryRow(q.sql).Scan(q.dst); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	poison := []string{
		// What POST /api/v1/contracts with start 9999-12-31 left behind.
		fmt.Sprintf(`UPDATE contracts SET start_date = '9999-12-31', current_end = '10002-12-30', annual_value = 9223372036854775807,
			title = 'Zaak' || char(0) || 'systeem' WHERE id = %s`, contract),
		`UPDATE licence_lines SET unit_price = 4611686018427387904, start_date = '0000-01-01'
			WHERE id = (SELECT id FROM licence_lines ORDER BY id LIMIT 1)`,
		fmt.Sprintf(`UPDATE vendors SET name = name || char(27) || '[31m' WHERE id = %s`, vendor),
		fmt.Sprintf(`UPDATE organizations SET population = 2000000000, region = 'Regio' || char(9) || 'Zwolle' WHERE code = '%s'`, org),
		`INSERT INTO settings (key, value) VALUES ('procurement.policyBands.` + org + `', '{"singleSourceBelow":9223372036854775807,"multiplePrivateBelow":0}')
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
		// Works bands (migration 0009) beside them, and an organization
		// whose bands hold only works bands out of range.
		`UPDATE settings SET value = '{"singleSourceBelow":9223372036854775807,"multiplePrivateBelow":0,"worksSingleSourceBelow":-5,"worksMultiplePrivateBelow":9223372036854775807}'
			WHERE key = 'procurement.policyBands.` + org + `'`,
		// Notice in days over the domain's ten years (migration 0008).
		fmt.Sprintf(`UPDATE contracts SET notice_months = 0, notice_days = 4000 WHERE id = %s`, contract),
		// An indefinite tender term with a total price (migration 0009),
		// which the domain refuses.
		fmt.Sprintf(`UPDATE tenders SET term_indefinite = 1, total_price = 1 WHERE id = %s`, tender),
	}
	for _, q := range poison {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("poison: %v\n%s", err, q)
		}
	}
	sum := func() string {
		var s string
		if err := raw.QueryRow(`SELECT (SELECT count(*) FROM contracts) || '/' || (SELECT count(*) FROM audit_log) || '/' ||
			(SELECT group_concat(title) FROM contracts WHERE id = ` + contract + `)`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	before := sum()

	out, errOut, status = run(t, ctx, "doctor", "--db", db)
	if status != 1 {
		t.Errorf("doctor on a poisoned database: status %d, want 1\n%s%s", status, out, errOut)
	}
	for _, want := range []string{
		"contracts " + contract + ": start = 9999-12-31: date outside 1900-01-01..2199-12-31",
		"contracts " + contract + ": currentEnd = 10002-12-30",
		"repair: derived from start, term and renewals: PATCH /api/v1/contracts/" + contract,
		"contracts " + contract + ": annualValue = 9223372036854775807: money outside 0..100000000000000",
		"repair: PATCH /api/v1/contracts/" + contract + " with annualValue in range",
		"contracts " + contract + `: title = "Zaak\x00systeem": control character U+0000 at byte 4`,
		"licence_lines contract " + line + " line 1: unitPrice = 4611686018427387904",
		"licence_lines contract " + line + " line 1: start = 0000-01-01",
		"vendors " + vendor + ": name = ",
		"control character U+001B",
		"repair: PATCH /api/v1/vendors/" + vendor,
		"organizations " + org + ": population = 2000000000: count outside 0..100000000",
		"organizations " + org + `: region = "Regio\tZwolle": control character U+0009`,
		"settings procurement.policyBands." + org + ": singleSourceBelow = 9223372036854775807",
		"settings procurement.policyBands." + org + ": worksSingleSourceBelow = -5: money outside 0..100000000000000",
		"settings procurement.policyBands." + org + ": worksMultiplePrivateBelow = 9223372036854775807",
		"contracts " + contract + ": noticeDays = 4000: days outside 0..3660",
		"tenders " + tender + ": termIndefinite = 1: an indefinite term with a total price",
		"PUT /api/v1/tenders/" + tender + " with termIndefinite corrected",
		"PUT /api/v1/organizations/" + org + "/procurement-policy",
		"value(s) outside the bounds",
	} {
		if !strings.Contains(out+errOut, want) {
			t.Errorf("doctor output lacks %q:\n%s%s", want, out, errOut)
		}
	}
	if after := sum(); after != before {
		t.Errorf("doctor changed the database: %s, want %s", after, before)
	}
}

var rollupRowsCompared = regexp.MustCompile(`; ([0-9]+) rollup rows equal their sums over the cells\)`)

// TestDoctorSpendModel: the demo command computes the spend model, doctor
// finds it equal to one computed from the contracts, and names a cell
// changed behind the store's back (exit 1).
func TestDoctorSpendModel(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := demoDB(t)
	out, errOut, status := run(t, ctx, "doctor", "--db", db)
	if status != 0 || !strings.Contains(out, "the spend model as of") || !strings.Contains(out, "equals the one computed") {
		t.Fatalf("doctor on the demo database: status %d, out %q, err %q; want 0 and the spend model equal", status, out, errOut)
	}
	// The success line counts the rollup rows it compared.
	if m := rollupRowsCompared.FindStringSubmatch(out); m == nil || m[1] == "0" {
		t.Errorf("doctor on the demo database: %q; want the number of rollup rows compared (more than 0)", out)
	}
	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	// A contract written while no server applied its change: the doctor
	// applies it for the comparison (and rolls it back) and says so.
	if _, err := raw.Exec(`INSERT INTO spend_pending (contract_id) SELECT min(id) FROM contracts`); err != nil {
		t.Fatal(err)
	}
	out, errOut, status = run(t, ctx, "doctor", "--db", db)
	if status != 0 || !strings.Contains(out, "equals the one computed") || !strings.Contains(out, "1 contract(s) written since the server last applied") {
		t.Errorf("doctor with a change pending: status %d, out %q, err %q; want 0, equal, and the pending change named", status, out, errOut)
	}
	var year, org, cat, vendor int64
	if err := raw.QueryRow(`SELECT year, organization_id, category_id, vendor_id FROM spend_cells ORDER BY 1, 2, 3, 4 LIMIT 1`).Scan(&year, &org, &cat, &vendor); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE spend_cells SET contracts = contracts + 1 WHERE year = ? AND organization_id = ? AND category_id = ? AND vendor_id = ?`,
		year, org, cat, vendor); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	out, errOut, status = run(t, ctx, "doctor", "--db", db)
	key := fmt.Sprintf("spend_cells %d, %d/%d/%d: maintained", year, org, cat, vendor)
	if status != 1 || !strings.Contains(out, "differs from the one computed from the contracts in 1 row(s)") || !strings.Contains(out, key) {
		t.Errorf("doctor after a cell was changed: status %d; want 1 naming %q\n%s%s", status, key, out, errOut)
	}
}
