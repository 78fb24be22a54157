package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
)

// This file loads what the spend, dependency and concentration views of
// the contracts package compute from: every contract in scope with its
// licence lines, in one pass. It only loads. What a contract costs in a
// year (price periods, renewals, indexation) is contracts.ContractYearSpend,
// so no amount is summed or multiplied here.
//
// A view reads the whole register at national scale (about 100,000
// contracts and 300,000 licence lines), so the pass is built for speed:
//   - two ordered queries, the contracts by id and their licence lines by
//     contract id, merged in Go, instead of one query per contract or a
//     join that repeats every contract column on each of its lines;
//   - the few organizations, vendors and categories are read first into
//     maps, so the contract rows carry ids, not names;
//   - integers are scanned through intCol and dates parsed by hand, which
//     skips database/sql's reflection and time.Parse on every value;
//   - a lean pass reads only what the spend rule needs and reuses one
//     buffer for the licence lines (see lineCursor).
//
// The contracts service splits a pass over the whole register into id
// ranges that run side by side (SpendFilter.FromID, ToID). What is left
// is mostly SQLite producing 400,000 rows: on the national demo a lean
// pass costs about 1.5 times the bare SQL aggregate over the same rows.

// The columns of a spend pass are tiers of the contract's and licence
// line's one column lists (contractRowColumns, licenceLineColumns): a full
// pass reads the whole contract but its notes and stored dates, and the
// whole licence line; a lean pass (SpendFilter.Lean) only what
// contracts.ContractYearSpend reads, which saves a third of the pass
// across the register. Neither joins the names or counts licence lines
// per row, as contractSelect does, which a pass over the register cannot
// afford. The lines are read in contract order, which the
// licence_lines_contract index serves.

// spendWhere turns a spend filter into conditions on contracts c.
func spendWhere(f contracts.SpendFilter) (string, []any) {
	var (
		where []string
		args  []any
	)
	if cond, a := scopeID("c.organization_id", f.Scope); cond != "" {
		where, args = append(where, cond), append(args, a...)
	}
	if f.Organization != "" {
		where = append(where, "c.organization_id = (SELECT id FROM organizations WHERE code = ?)")
		args = append(args, f.Organization)
	}
	if f.MarketsOf != 0 {
		where = append(where, `c.category_id IN (SELECT c2.category_id FROM contracts c2 JOIN vendors v ON v.id = c2.vendor_id
			WHERE `+vendorGroup+` = ?)`)
		args = append(args, f.MarketsOf)
	}
	if f.FromID != 0 {
		where = append(where, "c.id >= ?")
		args = append(args, f.FromID)
	}
	if f.ToID != 0 {
		where = append(where, "c.id <= ?")
		args = append(args, f.ToID)
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// lineWhere selects the lines of the contracts spendWhere selects. An id
// range is also put on the lines' own contract_id, so that the index
// serves it directly.
func lineWhere(f contracts.SpendFilter) (string, []any) {
	var (
		where []string
		args  []any
	)
	if f.FromID != 0 {
		where = append(where, "l.contract_id >= ?")
		args = append(args, f.FromID)
	}
	if f.ToID != 0 {
		where = append(where, "l.contract_id <= ?")
		args = append(args, f.ToID)
	}
	if !f.Scope.All() || f.Organization != "" || f.MarketsOf != 0 {
		cw, cargs := spendWhere(f)
		where = append(where, "l.contract_id IN (SELECT c.id FROM contracts c"+cw+")")
		args = append(args, cargs...)
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// SpendContractIDs returns the lowest and highest id of the contracts
// matching f and how many there are.
func (st *Store) SpendContractIDs(ctx context.Context, f contracts.SpendFilter) (int64, int64, int, error) {
	where, args := spendWhere(f)
	var first, last, n intCol
	if err := st.read().QueryRowContext(ctx, `SELECT min(c.id), max(c.id), count(*) FROM contracts c`+where, args...).Scan(&first, &last, &n); err != nil {
		return 0, 0, 0, fmt.Errorf("store: spend contract ids: %w", err)
	}
	return int64(first), int64(last), int(n), nil
}

// SpendContractCounts returns the number of contracts matching f per
// organization code; organizations without any are left out. Without a
// filter SQLite answers it from the contracts_org_end index alone.
func (st *Store) SpendContractCounts(ctx context.Context, f contracts.SpendFilter) (map[string]int, error) {
	where, args := spendWhere(f)
	rows, err := st.read().QueryContext(ctx, `SELECT o.code, n FROM (SELECT c.organization_id AS org, count(*) AS n FROM contracts c`+where+
		` GROUP BY c.organization_id) AS counts JOIN organizations o ON o.id = org`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: spend contract counts: %w", err)
	}
	out := map[string]int{}
	for rows.Next() {
		var (
			code string
			n    intCol
		)
		if err := rows.Scan(&code, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: spend contract counts: %w", err)
		}
		out[code] = int(n)
	}
	if err := closeRows(rows); err != nil {
		return nil, fmt.Errorf("store: spend contract counts: %w", err)
	}
	return out, nil
}

// spendVendor is a vendor with the top of its group.
type spendVendor struct {
	contracts.Vendor
	groupID   int64
	groupName string
}

// EachSpendContract calls fn for every contract matching f in id order,
// with its licence lines, names and buyer's population. Both queries run
// in one read transaction, so the lines belong to the contracts read even
// when someone writes meanwhile; inside InTx they run in the caller's
// transaction.
func (st *Store) EachSpendContract(ctx context.Context, f contracts.SpendFilter, fn func(contracts.SpendContract) error) error {
	if err := st.eachSpendContract(ctx, f, fn); err != nil {
		return fmt.Errorf("store: each spend contract: %w", err)
	}
	return nil
}

func (st *Store) eachSpendContract(ctx context.Context, f contracts.SpendFilter, fn func(contracts.SpendContract) error) error {
	// The names are read in the same snapshot as the contracts; the
	// model's amounts, when read, with no change of it pending.
	snapshot := func(ctx context.Context) (*Store, func(), bool, error) {
		st, end, err := st.snapshot(ctx)
		return st, end, true, err
	}
	if f.ModelYear != 0 {
		snapshot = st.spendSnapshot
	}
	st, end, current, err := snapshot(ctx)
	if err != nil {
		return err
	}
	defer end()
	if st.pg && !st.pgChunk {
		return st.pgEachSpendContract(ctx, f, fn)
	}
	// The contracts of the range whose change the model does not yet hold
	// have their year computed here, as the apply will.
	var pending map[int64]contracts.SpendSplit
	if !current {
		if pending, err = st.pendingYearSpend(ctx, f.ModelYear, f.FromID, f.ToID); err != nil {
			return err
		}
	}
	q := st.read()
	orgs, vendors, categories, err := st.spendNames(ctx)
	if err != nil {
		return err
	}
	tier := contractExit
	if f.Lean {
		tier = contractTerms
	}
	where, args := spendWhere(f)
	cols, from := contractColumnList(tier), ` FROM contracts c`
	var (
		modelContract, modelLicence intCol
		stored                      storedFactsRow
		extras                      []any
	)
	if f.ModelYear != 0 {
		// The contract's spend of the year from the model, instead of
		// its licence lines.
		cols += `, coalesce(y.contract_amount, 0), coalesce(y.licence_amount, 0)`
		from += ` LEFT JOIN spend_contract_years y ON y.contract_id = c.id AND y.year = ?`
		args = append([]any{f.ModelYear}, args...)
		extras = append(extras, &modelContract, &modelLicence)
	}
	if storedCols, storedArgs := storedFactColumns(f); storedCols != "" {
		cols += storedCols
		args = append(storedArgs, args...)
		extras = append(extras, stored.dest()...)
	}
	var extra func(*contracts.ContractSummary) []any
	if extras != nil {
		extra = func(*contracts.ContractSummary) []any { return extras }
	}
	var lines *lineCursor
	if f.ModelYear == 0 {
		lwhere, largs := lineWhere(f)
		lrows, err := q.QueryContext(ctx, `SELECT `+licenceLineList(f.Lean)+` FROM licence_lines l`+lwhere+` ORDER BY l.contract_id, l.position`, largs...)
		if err != nil {
			return err
		}
		defer lrows.Close()
		lines = newLineCursor(lrows, f.Lean)
		if st.pg {
			// One connection reads one result at a time on PostgreSQL:
			// the chunk's lines are read before its contracts.
			if err := lines.buffer(); err != nil {
				return err
			}
		}
	}

	crows, err := q.QueryContext(ctx, `SELECT `+cols+from+where+` ORDER BY c.id`, args...)
	if err != nil {
		return err
	}
	defer crows.Close()
	cs := newContractScan(tier, extra)
	for crows.Next() {
		row, err := cs.scan(crows)
		if err != nil {
			return err
		}
		o, v := orgs[int64(cs.row.org)], vendors[row.VendorID]
		sc := contracts.SpendContract{Contract: row.Contract,
			OrganizationName: o.Name, OrganizationKind: o.Kind, Population: o.Population,
			VendorName: v.Name, VendorGroupID: v.groupID, VendorGroupName: v.groupName, CategoryName: categories[row.CategoryID]}
		sc.Organization = o.Code
		sc.Stored = stored.facts()
		if lines != nil {
			if sc.Lines, err = lines.of(sc.ID); err != nil {
				return err
			}
		} else {
			sc.ModelSpend = contracts.SpendSplit{Contract: contracts.Money(modelContract), Licence: contracts.Money(modelLicence)}
			if p, ok := pending[sc.ID]; ok {
				sc.ModelSpend = p
			}
		}
		if err := fn(sc); err != nil {
			return err
		}
	}
	if err := crows.Err(); err != nil {
		return err
	}
	if lines != nil && lines.rows != nil {
		return lines.rows.Err()
	}
	return nil
}

// spendNames reads the organizations, vendors (with their group's top)
// and categories by id, through their own column lists and scanners: a
// few hundred rows, read once per pass.
func (st *Store) spendNames(ctx context.Context) (map[int64]contracts.Organization, map[int64]spendVendor, map[int64]string, error) {
	return st.spendNamesOf(ctx, contracts.CellKeys{Organization: true, Category: true, Vendor: true})
}

// spendNamesOf is spendNames of the keys k names only; the other maps are
// empty.
func (st *Store) spendNamesOf(ctx context.Context, k contracts.CellKeys) (map[int64]contracts.Organization, map[int64]spendVendor, map[int64]string, error) {
	orgs, vendors, categories := map[int64]contracts.Organization{}, map[int64]spendVendor{}, map[int64]string{}
	if !k.Organization {
		return orgs, vendors, categories, st.spendVendorNames(ctx, k, vendors, categories)
	}
	rows, err := st.read().QueryContext(ctx, `SELECT `+organizationColumns+` FROM organizations o`)
	if err != nil {
		return nil, nil, nil, err
	}
	for rows.Next() {
		id, o, err := scanOrganization(rows)
		if err != nil {
			rows.Close()
			return nil, nil, nil, err
		}
		orgs[id] = o
	}
	if err := closeRows(rows); err != nil {
		return nil, nil, nil, err
	}
	return orgs, vendors, categories, st.spendVendorNames(ctx, k, vendors, categories)
}

// spendVendorNames fills in the vendors and categories, as k asks.
func (st *Store) spendVendorNames(ctx context.Context, k contracts.CellKeys, vendors map[int64]spendVendor, categories map[int64]string) error {
	if k.Vendor {
		rows, err := st.read().QueryContext(ctx, `SELECT `+vendorColumns+`, gv.id, gv.name FROM vendors v JOIN vendors gv ON gv.id = `+vendorGroup)
		if err != nil {
			return err
		}
		for rows.Next() {
			var v spendVendor
			if v.Vendor, err = scanVendor(rows, &v.groupID, &v.groupName); err != nil {
				rows.Close()
				return err
			}
			vendors[v.ID] = v
		}
		if err := closeRows(rows); err != nil {
			return err
		}
	}
	if k.Category {
		cats, err := st.Categories(ctx)
		if err != nil {
			return err
		}
		for _, c := range cats {
			categories[c.ID] = c.Name
		}
	}
	return nil
}

func closeRows(rows *sql.Rows) error {
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	return rows.Close()
}

// lineCursor walks the licence lines, ordered by contract id, alongside
// the contracts. The lines of each contract are handed out as a slice of
// a shared slab, so a pass allocates a slab per few thousand lines rather
// than a slice per contract; a caller that keeps a contract's lines keeps
// only its slab alive. A lean pass reuses one buffer for every contract
// (SpendFilter.Lean): the slabs of a pass over the register were 40 MB,
// and collecting them cost a sixth of the pass.
type lineCursor struct {
	rows    *sql.Rows
	pending contracts.LicenceLine // read, but of a later contract
	held    bool                  // pending holds a line
	done    bool
	reuse   bool
	slab    []contracts.LicenceLine
	row     *lineRow
	// buf holds the lines read ahead (buffer), when rows is nil.
	buf []contracts.LicenceLine
}

// buffer reads every line of the cursor and closes its rows.
func (lc *lineCursor) buffer() error {
	for lc.rows.Next() {
		if err := lc.scan(); err != nil {
			return err
		}
		lc.buf = append(lc.buf, lc.pending)
	}
	err := closeRows(lc.rows)
	lc.rows = nil
	return err
}

// lineSlab is the number of lines a slab holds.
const lineSlab = 4096

func newLineCursor(rows *sql.Rows, lean bool) *lineCursor {
	return &lineCursor{rows: rows, reuse: lean, row: newLineRow(lean)}
}

// of returns the lines of contract id, nil when it has none; with reuse
// they are valid until the next call. The contracts come in increasing id
// order, so lines of contracts the filter skipped are passed over.
func (lc *lineCursor) of(id int64) ([]contracts.LicenceLine, error) {
	if lc.reuse {
		lc.slab = lc.slab[:0]
	}
	start := len(lc.slab)
	for {
		if !lc.held {
			if lc.done {
				break
			}
			if lc.rows == nil {
				if len(lc.buf) == 0 {
					lc.done = true
					break
				}
				lc.pending, lc.buf = lc.buf[0], lc.buf[1:]
				lc.held = true
			} else {
				if !lc.rows.Next() {
					lc.done = true
					if err := lc.rows.Err(); err != nil {
						return nil, err
					}
					break
				}
				if err := lc.scan(); err != nil {
					return nil, err
				}
				lc.held = true
			}
		}
		if lc.pending.ContractID > id {
			break
		}
		lc.held = false
		if lc.pending.ContractID < id {
			continue
		}
		if len(lc.slab) == cap(lc.slab) {
			// A new slab, taking along this contract's lines so far.
			next := make([]contracts.LicenceLine, 0, max(lineSlab, 2*(len(lc.slab)-start)))
			lc.slab = append(next, lc.slab[start:]...)
			start = 0
		}
		lc.slab = append(lc.slab, lc.pending)
	}
	if len(lc.slab) == start {
		return nil, nil
	}
	return lc.slab[start:len(lc.slab):len(lc.slab)], nil
}

func (lc *lineCursor) scan() error {
	l, err := lc.row.scan(lc.rows)
	if err != nil {
		return err
	}
	lc.pending = l
	return nil
}

// intCol scans an INTEGER column without database/sql's reflection.
type intCol int64

// Scan implements sql.Scanner.
func (x *intCol) Scan(src any) error {
	switch v := src.(type) {
	case int64:
		*x = intCol(v)
	case nil:
		*x = 0
	case bool:
		*x = 0
		if v {
			*x = 1
		}
	case string:
		// PostgreSQL's sum of bigints is numeric, which pgx hands over
		// as text.
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return fmt.Errorf("store: want an integer, got %q", v)
		}
		*x = intCol(n)
	default:
		return fmt.Errorf("store: want an integer, got %T", src)
	}
	return nil
}

// parseStoredDate reads a date the store wrote (YYYY-MM-DD, or "" for
// none) without time.Parse, which costs more than the rest of a row.
func parseStoredDate(s string) (contracts.Date, error) {
	if s == "" {
		return contracts.Date{}, nil
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[5:7])
		d, ok3 := digits(s[8:10])
		if ok1 && ok2 && ok3 && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
			date := contracts.NewDate(y, time.Month(m), d)
			if date.Day() == d { // not 31 April
				return date, nil
			}
		}
	}
	return contracts.ParseDate(s)
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
