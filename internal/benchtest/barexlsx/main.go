// Command barexlsx is the bare counterpart of `samenkoop export contracts`
// for measuring the export's memory (issue 15): it runs the store's SQL of
// the contract list (store.contractSelect with the default order, as
// EachContract runs it for an export without a filter) on a plain
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
)

// listSQL is the store's contract list query (contractSelect +
// contractOrder for the default sort), copied: the store does not export
// it.
const listSQL = `SELECT c.id, c.organization_id, c.vendor_id, coalesce(c.category_id, 0), c.start_date, c.initial_term_months,
	c.renewal_kind, c.renewal_period_months, c.max_renewals, c.max_end, c.renewals_exercised, c.notice_months, c.notice_days,
	c.notice_ends_any_day, c.notice_given_on, c.annual_value, c.status, c.number, c.title, c.cpv, c.lead_days, c.exit_plan,
	c.open_data, c.continuity, c.source_rights, c.business_critical, c.interfaces, c.notes, c.current_end, c.committed_end,
	c.notice_deadline, c.action_date, c.option_decision, c.final_end,
	o.code, o.name, v.name, v.kvk, gv.id, gv.name, coalesce(cat.name, ''),
	(SELECT count(*) FROM licence_lines l WHERE l.contract_id = c.id),
	EXISTS (SELECT 1 FROM licence_lines l WHERE l.contract_id = c.id AND l.quantity <> -1 AND l.seats_in_use > l.quantity)
	FROM contracts c
	JOIN organizations o ON o.id = c.organization_id
	JOIN vendors v ON v.id = c.vendor_id
	JOIN vendors gv ON gv.id = coalesce(v.group_id, v.id)
	LEFT JOIN categories cat ON cat.id = c.category_id ORDER BY c.notice_deadline = '', c.notice_deadline, c.current_end, c.id`

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
	rows, err := conn.Query(listSQL)
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
