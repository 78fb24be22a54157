package store_test

import (
	"context"
	"strings"
	"testing"
)

// TestDoctorRecountsListCounters: on the small demo the doctor finds the
// vendor, organization and demand list counters equal to a recount; each
// counter changed behind the triggers' back (a whole list, a filter
// value, one organization's demand and every organization's) is reported
// once, naming it, with the recounted number and the SQL that rebuilds
// the table.
func TestDoctorRecountsListCounters(t *testing.T) {
	ctx := context.Background()
	st, _ := smallRegister(t)
	counters := func() []string {
		t.Helper()
		findings, err := st.Doctor(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, fd := range findings {
			if fd.Table != "list_counts" && fd.Table != "demand_counts" {
				continue
			}
			if !strings.Contains(fd.Repair, "INSERT INTO "+fd.Table) || !strings.HasPrefix(fd.Problem, "the rows count ") {
				t.Errorf("finding %+v: want the recount and the SQL that rebuilds %s", fd, fd.Table)
			}
			out = append(out, fd.Table+" "+fd.ID+" = "+fd.Value+": "+fd.Problem)
		}
		return out
	}
	if got := counters(); len(got) != 0 {
		t.Fatalf("as generated: %q; want no counter off", got)
	}
	for _, q := range []string{
		`UPDATE list_counts SET n = n + 2 WHERE list = 'vendors' AND dim = ''`,
		`UPDATE list_counts SET n = n - 1 WHERE list = 'organizations' AND dim = 'kind:province'`,
		`DELETE FROM list_counts WHERE list = 'organizations' AND dim = 'province:PV27'`,
		`UPDATE demand_counts SET n = n + 1 WHERE (organization_id, category_id, status) =
			(SELECT organization_id, category_id, status FROM demand_counts WHERE organization_id <> 0 AND n > 0 ORDER BY 1, 2, 3 LIMIT 1)`,
		`UPDATE demand_counts SET n = n + 5 WHERE (organization_id, category_id, status) =
			(SELECT organization_id, category_id, status FROM demand_counts WHERE organization_id = 0 AND n > 0 ORDER BY 1, 2, 3 LIMIT 1)`,
	} {
		if err := st.ExecForTest(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	got := counters()
	want := []string{"list_counts vendors, whole list", "list_counts organizations, kind:province", "list_counts organizations, province:PV27",
		"demand_counts organization ", "demand_counts all organizations, category "}
	if len(got) != len(want) {
		t.Fatalf("doctor found %d counters off: %q; want the %d changed", len(got), got, len(want))
	}
	for _, w := range want {
		n := 0
		for _, g := range got {
			if strings.HasPrefix(g, w) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("findings %q: %d start with %q, want 1", got, n, w)
		}
	}
	for _, g := range got {
		if strings.HasPrefix(g, "list_counts organizations, province:PV27 = 0") && !strings.Contains(g, "the rows count 0") {
			continue
		}
		if strings.HasPrefix(g, "list_counts organizations, province:PV27") {
			t.Errorf("%q: want the deleted counter as 0 beside its recount", g)
		}
	}
}
