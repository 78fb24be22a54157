package store

import (
	"context"
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
)

// Licence lines in the store: the one column list and scanner of a line
// row, full or lean (the spend pass), and the lines of one contract.

// licenceLineColumns is the one list of a licence line's columns. A lean
// spend pass reads the first ones, through end_date: what
// contracts.ContractYearSpend reads.
var licenceLineColumns = []column[lineRow]{
	{"l.contract_id", func(r *lineRow) any { return &r.contract }},
	{"l.quantity", func(r *lineRow) any { return &r.quantity }},
	{"l.unit_price", func(r *lineRow) any { return &r.price }},
	{"l.price_period", func(r *lineRow) any { return &r.period }},
	{"l.start_date", func(r *lineRow) any { return &r.start }},
	{"l.end_date", func(r *lineRow) any { return &r.end }},
	{"l.id", func(r *lineRow) any { return &r.id }},
	{"l.product", func(r *lineRow) any { return &r.product }},
	{"l.metric", func(r *lineRow) any { return &r.metric }},
	{"l.seats_in_use", func(r *lineRow) any { return &r.seats }},
}

// licenceLineLean is how many of licenceLineColumns a lean pass reads.
var licenceLineLean = columnsThrough(licenceLineColumns, "l.end_date")

// lineRow holds the scan targets of a licence line row, reused from row to
// row; dest lists them for the columns read.
type lineRow struct {
	contract, id, quantity, seats, price intCol
	product, metric, period, start, end  string
	dest                                 []any
}

// newLineRow returns the targets of the lean columns or all of them; a
// lean line's seats in use are unknown (-1).
func newLineRow(lean bool) *lineRow {
	r := &lineRow{}
	cols := licenceLineColumns
	if lean {
		cols, r.seats = cols[:licenceLineLean], -1
	}
	r.dest = columnDest(r, cols, nil)
	return r
}

// licenceLineList returns the SQL of the columns a lean or full read takes.
func licenceLineList(lean bool) string {
	if lean {
		return columnList(licenceLineColumns[:licenceLineLean])
	}
	return columnList(licenceLineColumns)
}

// scan reads one row as a licence line.
func (r *lineRow) scan(s scanner) (contracts.LicenceLine, error) {
	if err := s.Scan(r.dest...); err != nil {
		return contracts.LicenceLine{}, err
	}
	l := contracts.LicenceLine{ID: int64(r.id), ContractID: int64(r.contract), Product: r.product, Metric: contracts.Metric(r.metric),
		Quantity: int(r.quantity), SeatsInUse: int(r.seats), UnitPrice: contracts.Money(r.price), PricePeriod: contracts.PricePeriod(r.period)}
	var err error
	if l.Start, err = parseStoredDate(r.start); err != nil {
		return l, fmt.Errorf("licence line of contract %d: %w", l.ContractID, err)
	}
	if l.End, err = parseStoredDate(r.end); err != nil {
		return l, fmt.Errorf("licence line of contract %d: %w", l.ContractID, err)
	}
	return l, nil
}

func (st *Store) licenceLines(ctx context.Context, contractID int64) ([]contracts.LicenceLine, error) {
	rows, err := st.read().QueryContext(ctx, `SELECT `+licenceLineList(false)+`
		FROM licence_lines l WHERE l.contract_id = ? ORDER BY l.position`, contractID)
	if err != nil {
		return nil, fmt.Errorf("store: licence lines of %d: %w", contractID, err)
	}
	defer rows.Close()
	var out []contracts.LicenceLine
	r := newLineRow(false)
	for rows.Next() {
		l, err := r.scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan licence line: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}
