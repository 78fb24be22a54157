package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
)

// CheckSpendModel (samenkoop doctor): the maintained spend model against
// one computed from scratch.

// SpendModelCheck is what CheckSpendModel found.
type SpendModelCheck struct {
	// Built is false when there is no model yet (the server computes it
	// at start-up); then nothing was compared.
	Built bool
	// AsOf is the day the model is computed for.
	AsOf string
	// Contracts and Cells count the rows compared: the contracts' yearly
	// amounts and the sums, in the maintained model.
	Contracts, Cells int
	// Rollups counts the rows of the rollups (migration 0022), compared
	// with a GROUP BY over the maintained cells.
	Rollups int
	// Pending counts the contracts whose writes the server had not yet
	// applied to the model (migration 0024); they are applied for the
	// comparison, and the check changes nothing.
	Pending int
	// Differences lists the first rows that differ (MaxSpendDifferences);
	// Different counts them all.
	Differences []SpendModelDifference
	Different   int
}

// SpendModelDifference is one row where the maintained model and the one
// computed from scratch differ; a missing row reads "-".
type SpendModelDifference struct {
	Table      string // spend_contract_years, spend_cells or a rollup (spend_vendor_years, ...)
	Key        string // contract and year, or year, organization, category and vendor ids (a rollup's own key)
	Maintained string // contract amount, licence amount (and contracts, for a cell); a rollup's values
	Rebuilt    string // for a rollup: the sum over the maintained cells
}

// MaxSpendDifferences bounds the differences CheckSpendModel lists.
const MaxSpendDifferences = 100

// errCheckDone rolls back the check's transaction.
var errCheckDone = errors.New("spend model check done")

// CheckSpendModel computes the spend model from scratch into temporary
// tables, for the day and indexation the maintained model records, and
// compares the two, row by row. It runs in one transaction on the writer,
// so no write comes in between, and rolls it back: nothing is changed.
func (st *Store) CheckSpendModel(ctx context.Context) (SpendModelCheck, error) {
	var out SpendModelCheck
	err := st.InTx(ctx, func(tx *Store) error {
		out = SpendModelCheck{}
		m, ok, err := readSpendModel(ctx, tx.write())
		if err != nil || !ok {
			return err
		}
		// The changes still pending are applied first (and rolled back
		// with the rest): the model is compared as a read would see it.
		if out.Pending, err = tx.applySpendPending(ctx, 0); err != nil {
			return err
		}
		out.Built, out.AsOf = true, m.asOf.String()
		check := spendTables{years: "temp.spend_check_years", cells: "temp.spend_check_cells"}
		for _, q := range []string{
			`CREATE TEMP TABLE spend_check_years (contract_id INTEGER NOT NULL, year INTEGER NOT NULL, organization_id INTEGER NOT NULL,
				category_id INTEGER NOT NULL, vendor_id INTEGER NOT NULL, contract_amount INTEGER NOT NULL, licence_amount INTEGER NOT NULL,
				PRIMARY KEY (contract_id, year)) WITHOUT ROWID`,
			`CREATE TEMP TABLE spend_check_cells (year INTEGER NOT NULL, organization_id INTEGER NOT NULL, category_id INTEGER NOT NULL,
				vendor_id INTEGER NOT NULL, contract_amount INTEGER NOT NULL, licence_amount INTEGER NOT NULL, contracts INTEGER NOT NULL,
				PRIMARY KEY (year, organization_id, category_id, vendor_id)) WITHOUT ROWID`,
		} {
			if _, err := tx.write().ExecContext(ctx, q); err != nil {
				return err
			}
		}
		if err := tx.computeSpend(ctx, m, check, contracts.SpendFilter{Scope: contracts.Everyone(), Lean: true}); err != nil {
			return err
		}
		if err := tx.write().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM spend_contract_years), (SELECT count(*) FROM spend_cells)`).
			Scan(&out.Contracts, &out.Cells); err != nil {
			return err
		}
		if err := tx.spendDifferences(ctx, &out); err != nil {
			return err
		}
		if err := tx.rollupDifferences(ctx, &out); err != nil {
			return err
		}
		return errCheckDone
	})
	if err != nil && !errors.Is(err, errCheckDone) {
		return out, fmt.Errorf("store: check spend model: %w", err)
	}
	return out, nil
}

// spendDifferences compares both tables with their rebuilt copies.
func (st *Store) spendDifferences(ctx context.Context, out *SpendModelCheck) error {
	const (
		years = `SELECT 'spend_contract_years', 'contract ' || a.contract_id || ', ' || a.year,
			coalesce(a.contract_amount || ', ' || a.licence_amount || ' at ' || a.organization_id || '/' || a.category_id || '/' || a.vendor_id, '-'),
			coalesce(b.contract_amount || ', ' || b.licence_amount || ' at ' || b.organization_id || '/' || b.category_id || '/' || b.vendor_id, '-')
			FROM %s a LEFT JOIN %s b ON b.contract_id = a.contract_id AND b.year = a.year
			WHERE b.contract_id IS NULL OR b.contract_amount <> a.contract_amount OR b.licence_amount <> a.licence_amount
			OR b.organization_id <> a.organization_id OR b.category_id <> a.category_id OR b.vendor_id <> a.vendor_id`
		cells = `SELECT 'spend_cells', a.year || ', ' || a.organization_id || '/' || a.category_id || '/' || a.vendor_id,
			coalesce(a.contract_amount || ', ' || a.licence_amount || ', ' || a.contracts, '-'),
			coalesce(b.contract_amount || ', ' || b.licence_amount || ', ' || b.contracts, '-')
			FROM %s a LEFT JOIN %s b ON b.year = a.year AND b.organization_id = a.organization_id AND b.category_id = a.category_id AND b.vendor_id = a.vendor_id
			WHERE b.year IS NULL OR b.contract_amount <> a.contract_amount OR b.licence_amount <> a.licence_amount OR b.contracts <> a.contracts`
	)
	// The first query of each table lists the rows the maintained model
	// has wrong or has but should not; the second those it lacks.
	return st.collectDifferences(ctx, out,
		fmt.Sprintf(years, "spend_contract_years", "temp.spend_check_years"),
		`SELECT 'spend_contract_years', 'contract ' || b.contract_id || ', ' || b.year, '-',
			b.contract_amount || ', ' || b.licence_amount || ' at ' || b.organization_id || '/' || b.category_id || '/' || b.vendor_id
			FROM temp.spend_check_years b WHERE NOT EXISTS (SELECT 1 FROM spend_contract_years a WHERE a.contract_id = b.contract_id AND a.year = b.year)`,
		fmt.Sprintf(cells, "spend_cells", "temp.spend_check_cells"),
		`SELECT 'spend_cells', b.year || ', ' || b.organization_id || '/' || b.category_id || '/' || b.vendor_id, '-',
			b.contract_amount || ', ' || b.licence_amount || ', ' || b.contracts
			FROM temp.spend_check_cells b WHERE NOT EXISTS (SELECT 1 FROM spend_cells a WHERE a.year = b.year
			AND a.organization_id = b.organization_id AND a.category_id = b.category_id AND a.vendor_id = b.vendor_id)`,
	)
}

// collectDifferences runs the queries, each listing differing rows as
// table, key, maintained and rebuilt, into out.
func (st *Store) collectDifferences(ctx context.Context, out *SpendModelCheck, queries ...string) error {
	for _, q := range queries {
		rows, err := st.write().QueryContext(ctx, q)
		if err != nil {
			return err
		}
		for rows.Next() {
			var d SpendModelDifference
			if err := rows.Scan(&d.Table, &d.Key, &d.Maintained, &d.Rebuilt); err != nil {
				rows.Close()
				return err
			}
			out.Different++
			if len(out.Differences) < MaxSpendDifferences {
				out.Differences = append(out.Differences, d)
			}
		}
		if err := closeRows(rows); err != nil {
			return err
		}
	}
	return nil
}
