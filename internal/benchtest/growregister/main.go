// Command growregister grows a demo register to a given number of
// contracts by copying its first contracts, each with its licence lines,
// under a new number, through the store's bulk load (so that the spend
// model and the list counters are maintained as for any load), and then
// brings the spend model up to date as `samenkoop demo` does. It makes the
// register of one million contracts the all-contracts export is measured
// on (issue 15) from a stress-scale demo database:
//
//	cp stress.db /tmp/stress1m.db
//	go run ./internal/benchtest/growregister -db /tmp/stress1m.db -contracts 1000000
//	samenkoop doctor --db /tmp/stress1m.db
//
// Run it on a copy: it writes to the database it is given.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/store"
)

func main() {
	db := flag.String("db", "", "SQLite database of a demo register (written to)")
	want := flag.Int("contracts", 1_000_000, "number of contracts the register is to hold")
	suffix := flag.String("suffix", "-k", "appended to the number of each copy")
	flag.Parse()
	if *db == "" {
		fmt.Fprintln(os.Stderr, "usage: growregister -db <database> [-contracts n] [-suffix s]")
		os.Exit(2)
	}
	if err := run(context.Background(), *db, *want, *suffix); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// demoIndex is the indexation the demo command's configuration applies.
var demoIndex = contracts.IndexRates{Default: 300}

func run(ctx context.Context, path string, want int, suffix string) error {
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		return err
	}
	ro, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		return err
	}
	defer ro.Close()
	var have int
	if err := ro.QueryRowContext(ctx, `SELECT count(*) FROM contracts`).Scan(&have); err != nil {
		return err
	}
	if have >= want {
		fmt.Printf("%s: %d contracts, nothing to add\n", path, have)
		return nil
	}
	rows, err := ro.QueryContext(ctx, `SELECT id FROM contracts ORDER BY id LIMIT ?`, want-have)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	svc := contracts.NewService(st.Register(), contracts.Options{Index: demoIndex})
	today := svc.Today()
	start := time.Now()
	copies := func(yield func(contracts.ContractDetail, error) bool) {
		for _, id := range ids {
			d, err := st.Contract(ctx, id)
			if err == nil {
				d.Number += suffix
				if err = d.Contract.Validate(); err == nil {
					d.Dates = d.Contract.Dates(today)
				}
			}
			if !yield(d, err) || err != nil {
				return
			}
		}
	}
	if err := st.Register().BulkInsertContracts(ctx, today, copies); err != nil {
		return err
	}
	if _, err := svc.RefreshSpendModel(ctx); err != nil {
		return err
	}
	fmt.Printf("%s: %d contracts copied in %s, %d in all\n", path, len(ids), time.Since(start).Round(time.Second), have+len(ids))
	return nil
}
