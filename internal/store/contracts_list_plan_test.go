package store_test

import (
	"database/sql"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/store"
)

// TestContractPageSeeksOnTheCursor: a page after a cursor of the sorts
// over contract columns alone seeks its index on the cursor's row value,
// not on its first key only, which read every contract sharing that key
// from the first (the last page of /contracten by notice deadline read the
// 341,000 contracts without one at stress scale).
func TestContractPageSeeksOnTheCursor(t *testing.T) {
	st, _ := smallRegister(t)
	if st.Path() == "" {
		t.Skip("the query plan read here is SQLite's; the register is on PostgreSQL")
	}
	db, err := sql.Open("sqlite3", "file:"+st.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, c := range []struct {
		sort contracts.ContractSort
		keys []string
		want string
	}{
		{contracts.SortNotice, []string{"~", "2032-03-31", "12"}, "(notice_key,current_end)>(?,?)"},
		{contracts.SortEnd, []string{"2030-03-31", "12"}, "contracts_seek_current_end"},
		{contracts.SortTitle, []string{"licenties", "12"}, "contracts_seek_current_title"},
	} {
		f := contracts.ContractFilter{Scope: contracts.Everyone(), HideExpired: true, Sort: c.sort, PageSize: 50}.Normalize()
		f.Seek = contracts.Cursor{Sort: string(c.sort), Keys: c.keys}
		s, err := store.ContractListStatements(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(s.Keys, c.keys[0]) || strings.Count(s.Keys, "?") != len(s.KeysArgs) {
			t.Fatalf("%s: %s %v", c.sort, s.Keys, s.KeysArgs)
		}
		rows, err := db.Query("EXPLAIN QUERY PLAN "+s.Keys, s.KeysArgs...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		p := strings.Join(plan, "; ")
		if !strings.Contains(p, c.want) || strings.Contains(p, "TEMP B-TREE") {
			t.Errorf("%s: plan %s, want a seek on %s", c.sort, p, c.want)
		}
	}
}
