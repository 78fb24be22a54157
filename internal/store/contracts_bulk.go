package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
)

// contractImportRecord is what the audit log keeps of a bulk load: its
// size, not every contract (as for the CPV list).
type contractImportRecord struct {
	Contracts    int `json:"contracts"`
	LicenceLines int `json:"licenceLines"`
}

// BulkInsertContracts inserts the contracts rows yields, each with its
// licence lines and the dates computed for asOf, in one transaction (the
// caller's when there is one), and records one audit entry for the load:
// a load of 100,000 generated or imported contracts is one event, logged
// as one. CreateContract row by row, with a statement per licence line and
// an audit entry holding each contract, took 17 s for the national demo
// set (about 100,000 contracts and 290,000 lines); this path takes about
// 5 s. The statements are prepared once, licence lines are written in
// batches, and each organization code is looked up once.
func (st *Store) BulkInsertContracts(ctx context.Context, asOf contracts.Date, rows iter.Seq2[contracts.ContractDetail, error]) error {
	err := st.InTx(ctx, func(tx *Store) error {
		insContract, err := tx.prepare(ctx, `INSERT INTO contracts (organization_id, `+contractColumns+`)
			VALUES (?, `+placeholders(contractColumnCount)+`) RETURNING id`)
		if err != nil {
			return err
		}
		defer insContract.Close()
		if err := tx.pgBulkCounts(ctx, true); err != nil {
			return err
		}
		lb, err := newLineBatch(ctx, tx)
		if err != nil {
			return err
		}
		defer lb.close()
		orgIDs := map[string]int64{} // only looked up
		n, lines := 0, 0
		var firstID, lastID int64
		for d, err := range rows {
			if err != nil {
				return err
			}
			c := d.Contract
			orgID, ok := orgIDs[c.Organization]
			if !ok {
				err := tx.read().QueryRowContext(ctx, `SELECT id FROM organizations WHERE code = ?`, c.Organization).Scan(&orgID)
				if errors.Is(err, sql.ErrNoRows) {
					err = apperr.FieldProblem("organization", apperr.NoOrganization, c.Organization)
				}
				if err != nil {
					return fmt.Errorf("row %d, contract %s/%s: %w", n+1, c.Organization, c.Number, err)
				}
				orgIDs[c.Organization] = orgID
			}
			var id int64
			err := insContract.QueryRowContext(ctx, append([]any{orgID}, contractArgs(c, d.Lines, d.Dates, asOf)...)...).Scan(&id)
			if err := contractWriteError(err); err != nil {
				return fmt.Errorf("row %d, contract %s/%s: %w", n+1, c.Organization, c.Number, err)
			}
			if firstID == 0 {
				firstID = id
			}
			lastID = id
			for i, l := range d.Lines {
				if err := lb.add(ctx, lineRef{row: n + 1, org: c.Organization, number: c.Number, position: i}, id, l); err != nil {
					return err
				}
			}
			n++
			lines += len(d.Lines)
		}
		if err := lb.flush(ctx); err != nil {
			return err
		}
		if err := tx.pgBulkCounts(ctx, false); err != nil {
			return err
		}
		if err := tx.pgCountContracts(ctx, firstID, lastID); err != nil {
			return err
		}
		if err := tx.maintainSpendRange(ctx, firstID, lastID); err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		return tx.appendAudit(ctx, "contract", "", audit.ActionImport, nil, contractImportRecord{Contracts: n, LicenceLines: lines})
	})
	if err != nil {
		return fmt.Errorf("store: bulk insert contracts: %w", err)
	}
	if st.tx == nil {
		return st.analyze(ctx)
	}
	return nil
}

// lineBatchRows is how many licence lines one INSERT writes. A statement
// per line costs more than the insert itself: batching took a national
// demo load (about 290,000 lines) from 7.6 s to 5.2 s. 100 rows of 10
// values stay far below SQLite's limit on bound values.
const lineBatchRows = 100

const (
	lineInsert = `INSERT INTO licence_lines
	(contract_id, position, product, metric, quantity, seats_in_use, unit_price, price_period, start_date, end_date) VALUES `
	lineValues = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	lineArgs   = 10
)

// lineBatch collects licence lines and writes them lineBatchRows at a
// time; flush writes the rest one by one.
type lineBatch struct {
	full, one *stmt
	args      []any
	// refs names the line behind each row of args, for the error.
	refs []lineRef
}

// lineRef names a licence line of a load: the row it came with, its
// contract and its position there.
type lineRef struct {
	row         int
	org, number string
	position    int
}

func newLineBatch(ctx context.Context, tx *Store) (*lineBatch, error) {
	full, err := tx.prepare(ctx, lineInsert+strings.TrimSuffix(strings.Repeat(lineValues+", ", lineBatchRows), ", "))
	if err != nil {
		return nil, err
	}
	one, err := tx.prepare(ctx, lineInsert+lineValues)
	if err != nil {
		full.Close()
		return nil, err
	}
	return &lineBatch{full: full, one: one, args: make([]any, 0, lineArgs*lineBatchRows)}, nil
}

func (b *lineBatch) add(ctx context.Context, ref lineRef, contractID int64, l contracts.LicenceLine) error {
	b.args = append(b.args, contractID, ref.position, l.Product, string(l.Metric), l.Quantity, l.SeatsInUse,
		int64(l.UnitPrice), string(l.PricePeriod), l.Start.String(), l.End.String())
	b.refs = append(b.refs, ref)
	if len(b.refs) < lineBatchRows {
		return nil
	}
	if _, err := b.full.ExecContext(ctx, b.args...); err == nil {
		b.args, b.refs = b.args[:0], b.refs[:0]
		return nil
	}
	// The failed statement left nothing behind; line by line, the error
	// names the line that fails.
	return b.flush(ctx)
}

// flush writes the lines not yet written, one at a time.
func (b *lineBatch) flush(ctx context.Context) error {
	for i, ref := range b.refs {
		if _, err := b.one.ExecContext(ctx, b.args[i*lineArgs:(i+1)*lineArgs]...); err != nil {
			return fmt.Errorf("row %d, contract %s/%s, licence line %d: %w", ref.row, ref.org, ref.number, ref.position+1, err)
		}
	}
	b.args, b.refs = b.args[:0], b.refs[:0]
	return nil
}

func (b *lineBatch) close() {
	b.full.Close()
	b.one.Close()
}
