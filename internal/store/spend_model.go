package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/samenkoop/samenkoop/contracts"
)

// The maintained spend model (migration 0015, contracts/spend_model.go):
// each contract's spend per year of a window (spend_contract_years) and
// the sums per year × organization × category × vendor (spend_cells),
// computed with contracts.ContractYearSpend for the day and indexation
// spend_model records. Every contract write queues the contract
// (queueSpend, spend_pending.go) and ApplySpendChanges brings the model
// up to date afterwards; a load calls maintainSpendRange in its own
// transaction; the nightly refresh (RefreshSpendModel) moves the model to the new day;
// CheckSpendModel rebuilds it aside and compares.

// spendModel is the row of spend_model.
type spendModel struct {
	asOf        contracts.Date
	first, last int
	index       contracts.IndexRates
	indexKey    string
}

// spendTables names the two tables a computation writes: the model's, or
// CheckSpendModel's temporary copies.
type spendTables struct{ years, cells string }

var modelTables = spendTables{years: "spend_contract_years", cells: "spend_cells"}

// parsedSpendModel is the last spend_model row read and its parse, keyed
// by the row's text: every contract write reads the row, and parsing its
// day and index rates again each time cost more than the read.
type parsedSpendModel struct {
	asOf, rates string
	m           spendModel
}

var lastSpendModel atomic.Pointer[parsedSpendModel]

// readSpendModel returns the model's row; false when there is none.
func readSpendModel(ctx context.Context, q querier) (spendModel, bool, error) {
	var (
		m     spendModel
		asOf  string
		rates string
	)
	err := q.QueryRowContext(ctx, `SELECT as_of, first_year, last_year, index_rates FROM spend_model WHERE id = 1`).Scan(&asOf, &m.first, &m.last, &rates)
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	if err != nil {
		return m, false, fmt.Errorf("spend model: %w", err)
	}
	if p := lastSpendModel.Load(); p != nil && p.asOf == asOf && p.rates == rates {
		m.asOf, m.index, m.indexKey = p.m.asOf, p.m.index, p.m.indexKey
		return m, true, nil
	}
	if m.asOf, err = parseStoredDate(asOf); err != nil {
		return m, false, fmt.Errorf("spend model: %w", err)
	}
	var idx struct {
		ByYear  map[int]int `json:"byYear"`
		Default int         `json:"default"`
	}
	if err := json.Unmarshal([]byte(rates), &idx); err != nil {
		return m, false, fmt.Errorf("spend model: index rates: %w", err)
	}
	m.index, m.indexKey = contracts.IndexRates{ByYear: idx.ByYear, Default: idx.Default}, rates
	lastSpendModel.Store(&parsedSpendModel{asOf: asOf, rates: rates, m: m})
	return m, true, nil
}

// holds reports whether the model answers q.
func (m spendModel) holds(q contracts.SpendModelQuery) bool {
	return m.asOf == q.AsOf && m.indexKey == q.Index.IndexKey() && q.From >= m.first && q.To <= m.last && q.From <= q.To
}

// cellKey is a cell of the model without its year.
type cellKey struct{ org, category, vendor int64 }

// yearAmount is a contract's spend in one year, or a change of a cell.
type yearAmount struct {
	year  int
	spend contracts.SpendSplit
}

// contractYears returns c's non-zero spend in the model's years.
func (m spendModel) contractYears(c contracts.Contract, lines []contracts.LicenceLine) []yearAmount {
	var out []yearAmount
	for y := m.first; y <= m.last; y++ {
		if s := contracts.ContractYearSplit(c, lines, y, m.asOf, m.index); s.Total() != 0 {
			out = append(out, yearAmount{y, s})
		}
	}
	return out
}

// cellDelta is what a write changes in one cell of one year.
type cellDelta struct {
	spend     contracts.SpendSplit
	contracts int
}

type cellYear struct {
	key  cellKey
	year int
}

// spendDeltas collects the changes of a write to the cells.
type spendDeltas map[cellYear]*cellDelta

func (d spendDeltas) add(k cellKey, ys []yearAmount, sign int) {
	for _, y := range ys {
		cd := d[cellYear{k, y.year}]
		if cd == nil {
			cd = &cellDelta{}
			d[cellYear{k, y.year}] = cd
		}
		if sign > 0 {
			cd.spend = cd.spend.Add(y.spend)
		} else {
			cd.spend = cd.spend.Add(contracts.SpendSplit{Contract: -y.spend.Contract, Licence: -y.spend.Licence})
		}
		cd.contracts += sign
	}
}

// spendBatch bounds the rows of one multi-row statement: 1,000 rows of 7
// values stay far below SQLite's limit on bound values.
const spendBatch = 1000

// flush adds the changes to the cells of t and removes the cells left
// without contracts.
func (d spendDeltas) flush(ctx context.Context, q querier, t spendTables) error {
	var (
		up    []any
		gone  []any
		nUp   int
		nGone int
	)
	exec := func() error {
		if nUp > 0 {
			if _, err := q.ExecContext(ctx, `INSERT INTO `+t.cells+` AS c (year, organization_id, category_id, vendor_id, contract_amount, licence_amount, contracts)
				VALUES `+strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?), ", nUp), ", ")+`
				ON CONFLICT (year, organization_id, category_id, vendor_id) DO UPDATE SET
				contract_amount = c.contract_amount + excluded.contract_amount, licence_amount = c.licence_amount + excluded.licence_amount,
				contracts = c.contracts + excluded.contracts`, up...); err != nil {
				return fmt.Errorf("spend cells: %w", err)
			}
		}
		if nGone > 0 {
			// Not a row-value IN (VALUES …): PostgreSQL takes the
			// untyped values of a VALUES list for text.
			if _, err := q.ExecContext(ctx, `DELETE FROM `+t.cells+` WHERE contracts = 0 AND (`+
				strings.TrimSuffix(strings.Repeat("(year = ? AND organization_id = ? AND category_id = ? AND vendor_id = ?) OR ", nGone), " OR ")+`)`,
				gone...); err != nil {
				return fmt.Errorf("spend cells: %w", err)
			}
		}
		up, gone, nUp, nGone = up[:0], gone[:0], 0, 0
		return nil
	}
	for k, cd := range d {
		if cd.contracts == 0 && cd.spend == (contracts.SpendSplit{}) {
			continue
		}
		up = append(up, k.year, k.key.org, k.key.category, k.key.vendor, int64(cd.spend.Contract), int64(cd.spend.Licence), cd.contracts)
		nUp++
		if cd.contracts < 0 {
			gone = append(gone, k.year, k.key.org, k.key.category, k.key.vendor)
			nGone++
		}
		if nUp == spendBatch {
			if err := exec(); err != nil {
				return err
			}
		}
	}
	return exec()
}

// One-row statements of a single contract's write. Their texts never
// change, so each connection prepares them once and takes them from its
// statement cache afterwards: preparing a statement on spend_cells also
// compiles every trigger of the rollups (migration 0022), which cost more
// than a millisecond a time when the multi-row statements' texts changed
// with their number of rows.
const (
	cellUpsert = `INSERT INTO spend_cells AS c (year, organization_id, category_id, vendor_id, contract_amount, licence_amount, contracts)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (year, organization_id, category_id, vendor_id) DO UPDATE SET
		contract_amount = c.contract_amount + excluded.contract_amount, licence_amount = c.licence_amount + excluded.licence_amount,
		contracts = c.contracts + excluded.contracts`
	cellDelete = `DELETE FROM spend_cells WHERE contracts = 0 AND year = ? AND organization_id = ? AND category_id = ? AND vendor_id = ?`
	yearInsert = `INSERT INTO spend_contract_years (contract_id, year, organization_id, category_id, vendor_id, contract_amount, licence_amount)
		VALUES (?, ?, ?, ?, ?, ?, ?)`
	yearUpsert = yearInsert + ` ON CONFLICT (contract_id, year) DO UPDATE SET organization_id = excluded.organization_id,
		category_id = excluded.category_id, vendor_id = excluded.vendor_id, contract_amount = excluded.contract_amount,
		licence_amount = excluded.licence_amount`
	yearDelete = `DELETE FROM spend_contract_years WHERE contract_id = ? AND year = ?`
)

// apply adds the changes of one contract's write to the model's cells,
// a cell row at a time with the fixed statements, and removes the cells
// left without contracts.
func (d spendDeltas) apply(ctx context.Context, q querier) error {
	for k, cd := range d {
		if cd.contracts == 0 && cd.spend == (contracts.SpendSplit{}) {
			continue
		}
		if _, err := q.ExecContext(ctx, cellUpsert, k.year, k.key.org, k.key.category, k.key.vendor,
			int64(cd.spend.Contract), int64(cd.spend.Licence), cd.contracts); err != nil {
			return fmt.Errorf("spend cells: %w", err)
		}
		if cd.contracts < 0 {
			if _, err := q.ExecContext(ctx, cellDelete, k.year, k.key.org, k.key.category, k.key.vendor); err != nil {
				return fmt.Errorf("spend cells: %w", err)
			}
		}
	}
	return nil
}

// yearRows collects the rows of spend_contract_years a write inserts.
type yearRows struct {
	args []any
	n    int
}

func (r *yearRows) add(id int64, k cellKey, ys []yearAmount) {
	for _, y := range ys {
		r.args = append(r.args, id, y.year, k.org, k.category, k.vendor, int64(y.spend.Contract), int64(y.spend.Licence))
		r.n++
	}
}

// flush inserts the rows; with replace, a row may exist already and is
// overwritten.
func (r *yearRows) flush(ctx context.Context, q querier, t spendTables, replace bool) error {
	upsert := ""
	if replace {
		upsert = ` ON CONFLICT (contract_id, year) DO UPDATE SET organization_id = excluded.organization_id,
			category_id = excluded.category_id, vendor_id = excluded.vendor_id, contract_amount = excluded.contract_amount,
			licence_amount = excluded.licence_amount`
	}
	for start := 0; start < r.n; start += spendBatch {
		n := min(spendBatch, r.n-start)
		if _, err := q.ExecContext(ctx, `INSERT INTO `+t.years+` (contract_id, year, organization_id, category_id, vendor_id, contract_amount, licence_amount)
			VALUES `+strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?), ", n), ", ")+upsert, r.args[start*7:(start+n)*7]...); err != nil {
			return fmt.Errorf("spend contract years: %w", err)
		}
	}
	r.args, r.n = r.args[:0], 0
	return nil
}

// maintainSpend brings the model up to date with contract id as just
// written, in the caller's transaction: c and lines as stored, or nil
// when the contract was deleted; org is the contract's organization id
// (0: looked up), created says the contract is new and holds no amounts
// yet. Without a model it does nothing. The nightly refresh calls it;
// a contract write queues the contract instead (queueSpend), and
// ApplySpendChanges calls spendContract for each contract it applies.
func (st *Store) maintainSpend(ctx context.Context, id, org int64, c *contracts.Contract, lines []contracts.LicenceLine, created bool) error {
	m, ok, err := readSpendModel(ctx, st.write())
	if err != nil || !ok {
		return err
	}
	d := spendDeltas{}
	if err := st.spendContract(ctx, m, id, org, c, lines, created, d); err != nil {
		return err
	}
	return d.apply(ctx, st.write())
}

// spendContract writes contract id's rows of spend_contract_years for m
// and adds what they move in the cells to d. The contract's stored
// amounts are compared with its new ones year by year in Go, and only the
// years that differ are written, each row by a plain INSERT, UPDATE (an
// upsert) or DELETE.
func (st *Store) spendContract(ctx context.Context, m spendModel, id, org int64, c *contracts.Contract, lines []contracts.LicenceLine, created bool, d spendDeltas) error {
	q := st.write()
	var (
		old []storedYear
		err error
	)
	if !created {
		if old, err = st.storedSpend(ctx, id); err != nil {
			return err
		}
	}
	var (
		k  cellKey
		ys []yearAmount
	)
	if c != nil {
		k = cellKey{org: org, category: c.CategoryID, vendor: c.VendorID}
		if k.org == 0 {
			if err := q.QueryRowContext(ctx, `SELECT organization_id FROM contracts WHERE id = ?`, id).Scan(&k.org); err != nil {
				return fmt.Errorf("spend model: contract %d: %w", id, err)
			}
		}
		ys = m.contractYears(*c, lines)
	}
	for _, o := range old {
		d.add(o.key, []yearAmount{o.yearAmount}, -1)
	}
	for _, o := range old {
		if !slices.ContainsFunc(ys, func(y yearAmount) bool { return y.year == o.year }) {
			if _, err := q.ExecContext(ctx, yearDelete, id, o.year); err != nil {
				return fmt.Errorf("spend model: contract %d: %w", id, err)
			}
		}
	}
	write := yearUpsert
	if created {
		write = yearInsert
	}
	for _, y := range ys {
		if i := slices.IndexFunc(old, func(o storedYear) bool { return o.year == y.year }); i >= 0 && old[i].key == k && old[i].spend == y.spend {
			continue
		}
		if _, err := q.ExecContext(ctx, write, id, y.year, k.org, k.category, k.vendor, int64(y.spend.Contract), int64(y.spend.Licence)); err != nil {
			return fmt.Errorf("spend contract years: %w", err)
		}
	}
	d.add(k, ys, 1)
	return nil
}

// storedYear is a row of spend_contract_years: a contract's amount in a
// year and the cell it counts in.
type storedYear struct {
	key cellKey
	yearAmount
}

// storedSpend returns contract id's rows of spend_contract_years.
func (st *Store) storedSpend(ctx context.Context, id int64) ([]storedYear, error) {
	rows, err := st.write().QueryContext(ctx, `SELECT year, organization_id, category_id, vendor_id, contract_amount, licence_amount
		FROM spend_contract_years WHERE contract_id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("spend model: contract %d: %w", id, err)
	}
	var out []storedYear
	for rows.Next() {
		var (
			y        storedYear
			ctr, lic int64
		)
		if err := rows.Scan(&y.year, &y.key.org, &y.key.category, &y.key.vendor, &ctr, &lic); err != nil {
			rows.Close()
			return nil, fmt.Errorf("spend model: contract %d: %w", id, err)
		}
		y.spend = contracts.SpendSplit{Contract: contracts.Money(ctr), Licence: contracts.Money(lic)}
		out = append(out, y)
	}
	if err := closeRows(rows); err != nil {
		return nil, fmt.Errorf("spend model: contract %d: %w", id, err)
	}
	return out, nil
}

// maintainSpendRange adds the contracts with ids from–to, just inserted
// by a load, to the model in the caller's transaction. Without a model it
// does nothing.
func (st *Store) maintainSpendRange(ctx context.Context, from, to int64) error {
	m, ok, err := readSpendModel(ctx, st.write())
	if err != nil || !ok || from == 0 {
		return err
	}
	return st.computeSpend(ctx, m, modelTables, contracts.SpendFilter{Scope: contracts.Everyone(), FromID: from, ToID: to, Lean: true})
}

// computeSpend computes the contracts f selects for m and adds them to t,
// which holds none of them yet.
func (st *Store) computeSpend(ctx context.Context, m spendModel, t spendTables, f contracts.SpendFilter) error {
	codes, err := st.organizationCodes(ctx)
	if err != nil {
		return fmt.Errorf("spend model: %w", err)
	}
	orgIDs := make(map[string]int64, len(codes))
	for id, code := range codes {
		orgIDs[code] = id
	}
	d := spendDeltas{}
	var yr yearRows
	err = st.eachSpendContract(ctx, f, func(sc contracts.SpendContract) error {
		k := cellKey{org: orgIDs[sc.Organization], category: sc.CategoryID, vendor: sc.VendorID}
		ys := m.contractYears(sc.Contract, sc.Lines)
		d.add(k, ys, 1)
		yr.add(sc.ID, k, ys)
		if yr.n >= spendBatch {
			return yr.flush(ctx, st.write(), t, false)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("spend model: %w", err)
	}
	if err := yr.flush(ctx, st.write(), t, false); err != nil {
		return err
	}
	return d.flush(ctx, st.write(), t)
}

// RebuildSpendModel computes the model from scratch for asOf and idx in
// one transaction, replacing what there was.
func (st *Store) RebuildSpendModel(ctx context.Context, asOf contracts.Date, idx contracts.IndexRates) error {
	err := st.InTx(ctx, func(tx *Store) error { return tx.rebuildSpendModel(ctx, asOf, idx) })
	if err != nil {
		return fmt.Errorf("store: rebuild spend model: %w", err)
	}
	return nil
}

func (st *Store) rebuildSpendModel(ctx context.Context, asOf contracts.Date, idx contracts.IndexRates) error {
	first, last := contracts.SpendModelYears(asOf)
	m := spendModel{asOf: asOf, first: first, last: last, index: idx, indexKey: idx.IndexKey()}
	for _, q := range []string{`DELETE FROM spend_cells`, `DELETE FROM spend_contract_years`, `DELETE FROM spend_pending`} {
		if _, err := st.write().ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if err := st.setSpendModel(ctx, m); err != nil {
		return err
	}
	return st.computeSpend(ctx, m, modelTables, contracts.SpendFilter{Scope: contracts.Everyone(), Lean: true})
}

func (st *Store) setSpendModel(ctx context.Context, m spendModel) error {
	_, err := st.write().ExecContext(ctx, `INSERT INTO spend_model (id, as_of, first_year, last_year, index_rates) VALUES (1, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET as_of = excluded.as_of, first_year = excluded.first_year, last_year = excluded.last_year,
		index_rates = excluded.index_rates`, m.asOf.String(), m.first, m.last, m.indexKey)
	return err
}

// SpendModelStale reports whether the model is missing or computed for
// another day, indexation or window than asOf and idx give.
func (st *Store) SpendModelStale(ctx context.Context, asOf contracts.Date, idx contracts.IndexRates) (bool, error) {
	m, ok, err := readSpendModel(ctx, st.read())
	if err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	first, last := contracts.SpendModelYears(asOf)
	return !ok || !m.holds(contracts.SpendModelQuery{AsOf: asOf, Index: idx, From: first, To: last}), nil
}

// RefreshSpendModel moves the model to asOf with idx in one transaction.
// Without a model, or with one for other years or another indexation, it
// computes the model from scratch. Otherwise only the contracts whose
// spend depends on the day are computed again: a terminated contract
// counts up to today, and an express renewal's current end is taken as
// it stands (contracts.ContractYearSpend); the other contracts' amounts
// are the same on any day.
func (st *Store) RefreshSpendModel(ctx context.Context, asOf contracts.Date, idx contracts.IndexRates) (contracts.SpendModelRefresh, error) {
	var out contracts.SpendModelRefresh
	err := st.InTx(ctx, func(tx *Store) error {
		out = contracts.SpendModelRefresh{}
		m, ok, err := readSpendModel(ctx, tx.write())
		if err != nil {
			return err
		}
		first, last := contracts.SpendModelYears(asOf)
		if !ok || m.first != first || m.last != last || m.indexKey != idx.IndexKey() {
			out.Rebuilt = true
			return tx.rebuildSpendModel(ctx, asOf, idx)
		}
		// What is pending is applied for the old day first: the day's
		// recomputation below starts from the stored amounts.
		if _, err := tx.applySpendPending(ctx, 0); err != nil {
			return err
		}
		if m.asOf == asOf {
			return nil
		}
		m.asOf = asOf
		if err := tx.setSpendModel(ctx, m); err != nil {
			return err
		}
		ids, err := tx.dayDependentContracts(ctx)
		if err != nil {
			return err
		}
		for _, id := range ids {
			d, err := tx.Contract(ctx, id)
			if err != nil {
				return err
			}
			if err := tx.maintainSpend(ctx, id, 0, &d.Contract, d.Lines, false); err != nil {
				return err
			}
		}
		out.Contracts = len(ids)
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("store: refresh spend model: %w", err)
	}
	return out, nil
}

// dayDependentContracts returns the ids of the contracts whose spend may
// change from one day to the next.
func (st *Store) dayDependentContracts(ctx context.Context) ([]int64, error) {
	return queryIDs(ctx, st.write(), `SELECT id FROM contracts WHERE status = 'terminated' OR renewal_kind = 'express' ORDER BY id`)
}
