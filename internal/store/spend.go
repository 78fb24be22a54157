package store

import (
	"context"
	"database/sql"
	"fmt"
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

// The columns of a spend pass. A full pass reads the whole contract but
// its notes, and the whole licence line; a lean pass (SpendFilter.Lean)
// only what contracts.ContractYearSpend reads, which saves a third of the
// pass across the register. The lines are read in contract order, which
// the licence_lines_contract index serves. They are not contractSelect
// and scanContract (STYLE §14): those join the names and count licence
// lines per row, which a pass over the register cannot afford. Both lists
// read every column of the renewal and notice maths (notice in months or
// days, notice ending on any day), because the active end of an
// indefinitely continued contract depends on them.
const (
	fullContractColumns = `c.id, c.organization_id, c.vendor_id, coalesce(c.category_id, 0), c.start_date,
		c.initial_term_months, c.renewal_kind, c.renewal_period_months, c.max_renewals, c.max_end,
		c.renewals_exercised, c.notice_months, c.notice_days, c.notice_ends_any_day, c.notice_given_on, c.annual_value, c.status,
		c.number, c.title, c.cpv, c.lead_days, c.exit_plan, c.open_data, c.continuity, c.source_rights,
		c.business_critical, c.interfaces`
	leanContractColumns = `c.id, c.organization_id, c.vendor_id, coalesce(c.category_id, 0), c.start_date,
		c.initial_term_months, c.renewal_kind, c.renewal_period_months, c.max_renewals, c.max_end,
		c.renewals_exercised, c.notice_months, c.notice_days, c.notice_ends_any_day, c.notice_given_on, c.annual_value, c.status`
	fullLineColumns = `l.contract_id, l.quantity, l.unit_price, l.price_period, l.start_date, l.end_date,
		l.id, l.product, l.metric, l.seats_in_use`
	leanLineColumns = `l.contract_id, l.quantity, l.unit_price, l.price_period, l.start_date, l.end_date`
)

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
		` GROUP BY c.organization_id) JOIN organizations o ON o.id = org`, args...)
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

// spendOrganization is what a spend pass shows of a buyer.
type spendOrganization struct {
	code, name string
	kind       contracts.OrgKind
	population int
}

// spendVendor is a vendor with the top of its group.
type spendVendor struct {
	name      string
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
	q := st.read()
	if st.tx == nil {
		tx, err := st.reader.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		// Only read: the rollback ends the snapshot and keeps nothing.
		defer func() { _ = tx.Rollback() }()
		q = tx
	}
	orgs, vendors, categories, err := spendNames(ctx, q)
	if err != nil {
		return err
	}
	ccols, lcols := fullContractColumns, fullLineColumns
	if f.Lean {
		ccols, lcols = leanContractColumns, leanLineColumns
	}
	where, args := spendWhere(f)
	crows, err := q.QueryContext(ctx, `SELECT `+ccols+` FROM contracts c`+where+` ORDER BY c.id`, args...)
	if err != nil {
		return err
	}
	defer crows.Close()
	lwhere, largs := lineWhere(f)
	lrows, err := q.QueryContext(ctx, `SELECT `+lcols+` FROM licence_lines l`+lwhere+` ORDER BY l.contract_id, l.position`, largs...)
	if err != nil {
		return err
	}
	defer lrows.Close()

	lines, cr := newLineCursor(lrows, f.Lean), newContractRow(f.Lean)
	for crows.Next() {
		sc, err := cr.scan(crows, orgs, vendors, categories)
		if err != nil {
			return err
		}
		if sc.Lines, err = lines.of(sc.ID); err != nil {
			return err
		}
		if err := fn(sc); err != nil {
			return err
		}
	}
	if err := crows.Err(); err != nil {
		return err
	}
	return lrows.Err()
}

// spendNames reads the organizations, vendors (with their group's top)
// and categories by id: a few hundred rows, read once per pass.
func spendNames(ctx context.Context, q querier) (map[int64]spendOrganization, map[int64]spendVendor, map[int64]string, error) {
	orgs := map[int64]spendOrganization{}
	rows, err := q.QueryContext(ctx, `SELECT id, code, name, kind, population FROM organizations`)
	if err != nil {
		return nil, nil, nil, err
	}
	for rows.Next() {
		var (
			id   intCol
			o    spendOrganization
			kind string
			pop  intCol
		)
		if err := rows.Scan(&id, &o.code, &o.name, &kind, &pop); err != nil {
			rows.Close()
			return nil, nil, nil, err
		}
		o.kind, o.population = contracts.OrgKind(kind), int(pop)
		orgs[int64(id)] = o
	}
	if err := closeRows(rows); err != nil {
		return nil, nil, nil, err
	}

	vendors := map[int64]spendVendor{}
	rows, err = q.QueryContext(ctx, `SELECT v.id, v.name, `+vendorGroup+`, gv.name FROM vendors v JOIN vendors gv ON gv.id = `+vendorGroup)
	if err != nil {
		return nil, nil, nil, err
	}
	for rows.Next() {
		var (
			id, group intCol
			v         spendVendor
		)
		if err := rows.Scan(&id, &v.name, &group, &v.groupName); err != nil {
			rows.Close()
			return nil, nil, nil, err
		}
		v.groupID = int64(group)
		vendors[int64(id)] = v
	}
	if err := closeRows(rows); err != nil {
		return nil, nil, nil, err
	}

	categories := map[int64]string{}
	rows, err = q.QueryContext(ctx, `SELECT id, name FROM categories`)
	if err != nil {
		return nil, nil, nil, err
	}
	for rows.Next() {
		var (
			id   intCol
			name string
		)
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return nil, nil, nil, err
		}
		categories[int64(id)] = name
	}
	return orgs, vendors, categories, closeRows(rows)
}

func closeRows(rows *sql.Rows) error {
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	return rows.Close()
}

// contractRow holds the scan targets of a contract row, reused from row
// to row; dest lists them in the order of the columns read.
type contractRow struct {
	id, org, vendor, category                          intCol
	term, period, maxRenewals, exercised, notice, lead intCol
	noticeDays, anyDay, value, interfaces              intCol
	exitPlan, openData, continuity, sourceRights, crit intCol
	number, title, cpv, start, kind, maxEnd, given     string
	status                                             string
	dest                                               []any
}

func newContractRow(lean bool) *contractRow {
	r := &contractRow{}
	r.dest = []any{&r.id, &r.org, &r.vendor, &r.category, &r.start, &r.term, &r.kind, &r.period, &r.maxRenewals, &r.maxEnd,
		&r.exercised, &r.notice, &r.noticeDays, &r.anyDay, &r.given, &r.value, &r.status}
	if !lean {
		r.dest = append(r.dest, &r.number, &r.title, &r.cpv, &r.lead, &r.exitPlan, &r.openData, &r.continuity, &r.sourceRights,
			&r.crit, &r.interfaces)
	}
	return r
}

func (r *contractRow) scan(rows *sql.Rows, orgs map[int64]spendOrganization, vendors map[int64]spendVendor,
	categories map[int64]string) (contracts.SpendContract, error) {
	var sc contracts.SpendContract
	if err := rows.Scan(r.dest...); err != nil {
		return sc, err
	}
	o, v := orgs[int64(r.org)], vendors[int64(r.vendor)]
	c := &sc.Contract
	*c = contracts.Contract{
		ID: int64(r.id), Organization: o.code, Number: r.number, Title: r.title, VendorID: int64(r.vendor),
		CategoryID: int64(r.category), CPV: r.cpv, InitialTermMonths: int(r.term), RenewalKind: contracts.RenewalKind(r.kind),
		RenewalPeriodMonths: int(r.period), MaxRenewals: int(r.maxRenewals), RenewalsExercised: int(r.exercised),
		NoticeMonths: int(r.notice), NoticeDays: int(r.noticeDays), NoticeEndsAnyDay: r.anyDay != 0, LeadDays: int(r.lead), AnnualValue: contracts.Money(r.value),
		Status: contracts.ContractStatus(r.status),
		Exit: contracts.ExitFacts{ExitPlan: r.exitPlan != 0, OpenData: r.openData != 0, Continuity: r.continuity != 0,
			SourceRights: r.sourceRights != 0, BusinessCritical: r.crit != 0, Interfaces: int(r.interfaces)},
	}
	var err error
	if c.Start, err = parseStoredDate(r.start); err != nil {
		return sc, fmt.Errorf("contract %d: %w", c.ID, err)
	}
	if c.MaxEnd, err = parseStoredDate(r.maxEnd); err != nil {
		return sc, fmt.Errorf("contract %d: %w", c.ID, err)
	}
	if c.NoticeGivenOn, err = parseStoredDate(r.given); err != nil {
		return sc, fmt.Errorf("contract %d: %w", c.ID, err)
	}
	sc.OrganizationName, sc.OrganizationKind, sc.Population = o.name, o.kind, o.population
	sc.VendorName, sc.VendorGroupID, sc.VendorGroupName = v.name, v.groupID, v.groupName
	sc.CategoryName = categories[c.CategoryID]
	return sc, nil
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
	row     struct {
		contract, id, quantity, seats, price intCol
		product, metric, period, start, end  string
	}
	dest []any
}

// lineSlab is the number of lines a slab holds.
const lineSlab = 4096

func newLineCursor(rows *sql.Rows, lean bool) *lineCursor {
	lc := &lineCursor{rows: rows, reuse: lean}
	r := &lc.row
	lc.dest = []any{&r.contract, &r.quantity, &r.price, &r.period, &r.start, &r.end}
	if lean {
		r.seats = -1 // unknown
	} else {
		lc.dest = append(lc.dest, &r.id, &r.product, &r.metric, &r.seats)
	}
	return lc
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
	r := &lc.row
	if err := lc.rows.Scan(lc.dest...); err != nil {
		return err
	}
	l := contracts.LicenceLine{ID: int64(r.id), ContractID: int64(r.contract), Product: r.product, Metric: contracts.Metric(r.metric),
		Quantity: int(r.quantity), SeatsInUse: int(r.seats), UnitPrice: contracts.Money(r.price), PricePeriod: contracts.PricePeriod(r.period)}
	var err error
	if l.Start, err = parseStoredDate(r.start); err != nil {
		return fmt.Errorf("licence line of contract %d: %w", l.ContractID, err)
	}
	if l.End, err = parseStoredDate(r.end); err != nil {
		return fmt.Errorf("licence line of contract %d: %w", l.ContractID, err)
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
