// Command barexlsx is the bare counterpart of `samenkoop export contracts`
// for measuring the export's memory and time (issue 15): it runs the
// store's very statement of the export (store.EachContractSQL: every
// column, join and subquery EachContract reads, in the default order, as
// for an export without a filter) on a plain
// read-only connection and writes every row, its values as the driver
// returns them, through one excelize StreamWriter, with nothing else: no
// scanner, no formatting, no totals sheet. Compare the two processes'
// peak RSS in the same run:
//
//	/usr/bin/time -v samenkoop export contracts --db stress.db -o all.xlsx
//	/usr/bin/time -v go run ./internal/benchtest/barexlsx stress.db bare.xlsx
package main

import (
	"database/sql"
	"fmt"
	"os"

	_ "github.com/mattn/go-sqlite3"
	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/store"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: barexlsx <database> <output.xlsx>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(db, out string) error {
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro&_busy_timeout=5000&_cache_size=-16000")
	if err != nil {
		return err
	}
	defer conn.Close()
	// The statement the export runs (store.EachContract for the CLI's
	// filter: every contract, the default order), not a copy of it.
	listSQL, args := store.EachContractSQL(contracts.ContractFilter{Scope: contracts.Everyone()}.Normalize())
	rows, err := conn.Query(listSQL, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	dest := make([]any, len(cols))
	for i := range vals {
		dest[i] = &vals[i]
	}
	row := make([]any, len(cols))
	n := 0
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		n++
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			row[i] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := f.SaveAs(out); err != nil {
		return err
	}
	fmt.Printf("%d rows\n", n)
	return nil
}
