package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Contracts in the store: the one column list and scanner of a contract
// row (contractRowColumns, contractScan, contractSelect) and the reads of
// contract summaries and details. Licence lines are in contracts_lines.go,
// creating, updating and deleting a contract in contracts_write.go, the
// stored dates in contracts_dates.go and the bulk load in
// contracts_bulk.go.

// contractRowColumns is the one list of a contract row's columns, in
// tiers that each read the ones before them too (contractTier): a read
// takes the shortest tier with what it needs and adds its joins' columns
// after it (newContractScan). The tiers exist for the passes over the
// whole register: a lean spend pass reads only the terms, which saves a
// third of the pass.
var contractRowColumns = []column[contractRow]{
	// contractTerms: what the renewal and notice maths (contracts.Contract
	// .Dates) and the spend rule (contracts.ContractYearSpend) read, notice
	// in days and notice ending on any day included: the active end of an
	// indefinitely continued contract depends on them.
	{"c.id", func(r *contractRow) any { return &r.id }},
	{"c.organization_id", func(r *contractRow) any { return &r.org }},
	{"c.vendor_id", func(r *contractRow) any { return &r.vendor }},
	{"coalesce(c.category_id, 0)", func(r *contractRow) any { return &r.category }},
	{"c.start_date", func(r *contractRow) any { return &r.start }},
	{"c.initial_term_months", func(r *contractRow) any { return &r.term }},
	{"c.renewal_kind", func(r *contractRow) any { return &r.kind }},
	{"c.renewal_period_months", func(r *contractRow) any { return &r.period }},
	{"c.max_renewals", func(r *contractRow) any { return &r.maxRenewals }},
	{"c.max_end", func(r *contractRow) any { return &r.maxEnd }},
	{"c.renewals_exercised", func(r *contractRow) any { return &r.exercised }},
	{"c.notice_months", func(r *contractRow) any { return &r.notice }},
	{"c.notice_days", func(r *contractRow) any { return &r.noticeDays }},
	{"c.notice_ends_any_day", func(r *contractRow) any { return &r.anyDay }},
	{"c.notice_given_on", func(r *contractRow) any { return &r.given }},
	{"c.annual_value", func(r *contractRow) any { return &r.value }},
	{"c.status", func(r *contractRow) any { return &r.status }},
	// contractNamed: what names the contract and when to act, for the
	// alerts and the bundler.
	{"c.number", func(r *contractRow) any { return &r.number }},
	{"c.title", func(r *contractRow) any { return &r.title }},
	{"c.cpv", func(r *contractRow) any { return &r.cpv }},
	{"c.lead_days", func(r *contractRow) any { return &r.lead }},
	// contractExit: the exit facts the lock-in score reads.
	{"c.exit_plan", func(r *contractRow) any { return &r.exitPlan }},
	{"c.open_data", func(r *contractRow) any { return &r.openData }},
	{"c.continuity", func(r *contractRow) any { return &r.continuity }},
	{"c.source_rights", func(r *contractRow) any { return &r.sourceRights }},
	{"c.business_critical", func(r *contractRow) any { return &r.crit }},
	{"c.interfaces", func(r *contractRow) any { return &r.interfaces }},
	// contractFull: the notes and the dates stored for the day the row
	// was last computed for.
	{"c.notes", func(r *contractRow) any { return &r.notes }},
	{"c.current_end", func(r *contractRow) any { return &r.cur }},
	{"c.committed_end", func(r *contractRow) any { return &r.committed }},
	{"c.notice_deadline", func(r *contractRow) any { return &r.deadline }},
	{"c.action_date", func(r *contractRow) any { return &r.action }},
	{"c.option_decision", func(r *contractRow) any { return &r.option }},
	{"c.final_end", func(r *contractRow) any { return &r.final }},
}

// contractTier is how many of contractRowColumns a read takes.
type contractTier int

// The tiers of contractRowColumns, each named by its last column.
var (
	contractTerms = contractTier(columnsThrough(contractRowColumns, "c.status"))
	contractNamed = contractTier(columnsThrough(contractRowColumns, "c.lead_days"))
	contractExit  = contractTier(columnsThrough(contractRowColumns, "c.interfaces"))
	contractFull  = contractTier(columnsThrough(contractRowColumns, "c.final_end"))
)

// contractColumnList returns the SQL of the columns of tier t.
func contractColumnList(t contractTier) string { return columnList(contractRowColumns[:t]) }

// contractRow holds the scan targets of a contract row. Integers are
// scanned through intCol and dates parsed by parseStoredDate, which skips
// database/sql's reflection and time.Parse: a pass over the register reads
// 100,000 rows.
type contractRow struct {
	id, org, vendor, category                          intCol
	term, period, maxRenewals, exercised, notice, lead intCol
	noticeDays, anyDay, value, interfaces              intCol
	exitPlan, openData, continuity, sourceRights, crit intCol
	number, title, cpv, notes                          string
	start, kind, maxEnd, given, status                 string
	cur, committed, deadline, action, option, final    string
}

// contract returns the contract the row holds, as far as tier t reads it;
// organization is the buyer's code, which the row holds as an id.
func (r *contractRow) contract(t contractTier, organization string) (contracts.Contract, error) {
	c := contracts.Contract{
		ID: int64(r.id), Organization: organization, VendorID: int64(r.vendor), CategoryID: int64(r.category),
		InitialTermMonths: int(r.term), RenewalKind: contracts.RenewalKind(r.kind), RenewalPeriodMonths: int(r.period),
		MaxRenewals: int(r.maxRenewals), RenewalsExercised: int(r.exercised), NoticeMonths: int(r.notice),
		NoticeDays: int(r.noticeDays), NoticeEndsAnyDay: r.anyDay != 0, AnnualValue: contracts.Money(r.value),
		Status: contracts.ContractStatus(r.status),
	}
	if t >= contractNamed {
		c.Number, c.Title, c.CPV, c.LeadDays = r.number, r.title, r.cpv, int(r.lead)
	}
	if t >= contractExit {
		c.Exit = contracts.ExitFacts{ExitPlan: r.exitPlan != 0, OpenData: r.openData != 0, Continuity: r.continuity != 0,
			SourceRights: r.sourceRights != 0, BusinessCritical: r.crit != 0, Interfaces: int(r.interfaces)}
	}
	if t >= contractFull {
		c.Notes = r.notes
	}
	// Date by date, not through a list of pointers into c: that would move
	// c to the heap, one allocation per row of a pass over the register.
	var err1, err2, err3 error
	c.Start, err1 = parseStoredDate(r.start)
	c.MaxEnd, err2 = parseStoredDate(r.maxEnd)
	c.NoticeGivenOn, err3 = parseStoredDate(r.given)
	if err := errors.Join(err1, err2, err3); err != nil {
		return c, fmt.Errorf("contract %d: %w", c.ID, err)
	}
	return c, nil
}

// storedDates returns the dates stored with the row (contractFull).
func (r *contractRow) storedDates() (contracts.Dates, error) {
	var (
		d    contracts.Dates
		errs [6]error
	)
	d.CurrentEnd, errs[0] = parseStoredDate(r.cur)
	d.CommittedEnd, errs[1] = parseStoredDate(r.committed)
	d.NoticeDeadline, errs[2] = parseStoredDate(r.deadline)
	d.ActionDate, errs[3] = parseStoredDate(r.action)
	d.OptionDecision, errs[4] = parseStoredDate(r.option)
	d.FinalEnd, errs[5] = parseStoredDate(r.final)
	if err := errors.Join(errs[:]...); err != nil {
		return d, fmt.Errorf("contract %d: %w", r.id, err)
	}
	return d, nil
}

// contractScan scans rows of tier t of contractRowColumns followed by the
// columns a join adds, reusing its targets from row to row. The join's
// columns fill fields of a contracts.ContractSummary (names, counts), the
// buyer's code first; a read without a join (spend) has no extras and
// names the buyer from its own map.
type contractScan struct {
	tier contractTier
	row  contractRow
	// joined holds what the extra columns scanned into.
	joined contracts.ContractSummary
	dest   []any
}

// newContractScan returns a scan of tier t; extra returns the targets in
// joined of the columns after the contract's, in order, the first being
// the buyer's code (o.code).
func newContractScan(t contractTier, extra func(joined *contracts.ContractSummary) []any) *contractScan {
	x := &contractScan{tier: t}
	var more []any
	if extra != nil {
		more = extra(&x.joined)
	}
	x.dest = columnDest(&x.row, contractRowColumns[:t], more)
	return x
}

// scan reads one row: the contract with the joined names and counts, and
// with contractFull its stored dates.
func (x *contractScan) scan(s scanner) (contracts.ContractSummary, error) {
	if err := s.Scan(x.dest...); err != nil {
		return contracts.ContractSummary{}, err
	}
	cs := x.joined
	var err error
	if cs.Contract, err = x.row.contract(x.tier, x.joined.Organization); err != nil {
		return cs, err
	}
	if x.tier >= contractFull {
		cs.Dates, err = x.row.storedDates()
	}
	return cs, err
}

// contractSelect reads a contract summary: the whole contract row, its
// stored dates, the names beside it and its licence line counts; whether
// a line is over quota the triggers of migration 0014 keep in the row.
var contractSelect = `SELECT ` + contractColumnList(contractFull) + `,
		o.code, o.name, v.name, v.kvk, gv.id, gv.name, coalesce(cat.name, ''),
		(SELECT count(*) FROM licence_lines l WHERE l.contract_id = c.id),
		c.over_quota
	FROM contracts c
	JOIN organizations o ON o.id = c.organization_id
	JOIN vendors v ON v.id = c.vendor_id
	JOIN vendors gv ON gv.id = ` + vendorGroup + `
	LEFT JOIN categories cat ON cat.id = c.category_id`

// newContractSummaryScan scans the rows of contractSelect.
func newContractSummaryScan() *contractScan {
	return newContractScan(contractFull, func(cs *contracts.ContractSummary) []any {
		return []any{&cs.Organization, &cs.OrganizationName, &cs.VendorName, &cs.VendorKVK, &cs.VendorGroupID, &cs.VendorGroupName,
			&cs.CategoryName, &cs.LicenceLines, &cs.OverQuota}
	})
}

// contractFilterFrom joins what the filters of contractWhere refer to.
const contractFilterFrom = ` FROM contracts c
	JOIN organizations o ON o.id = c.organization_id
	JOIN vendors v ON v.id = c.vendor_id`

// listCols names the SQL of a contract's columns that the list filters
// on dates and sorts on: the table's columns (tableCols), or the
// result columns of todayKeys (keyCols).
type listCols struct{ id, currentEnd, committedEnd, noticeDeadline, noticeKey, code, number, value, title string }

var (
	tableCols = listCols{"c.id", "c.current_end", "c.committed_end", "c.notice_deadline", "c.notice_key", "o.code", "c.number", "-c.annual_value", "c.title_key"}
	keyCols   = listCols{"id", "current_end", "committed_end", "notice_deadline", "notice_key", "code", "number", "neg_value", "title_key"}
)

// contractWhere turns a filter into SQL conditions, with the date
// filters on the dates cols names. f.DatesToday is not its business
// (todayKeys).
func contractWhere(f contracts.ContractFilter, cols listCols) (string, []any) {
	indexed, args, residual, rargs := contractConds(f, cols)
	where := append(indexed, residual...)
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), append(args, rargs...)
}

// contractConds turns a filter into SQL conditions: those an index of
// the list serves (scope, organization, vendor, group, over quota, not
// expired), and
// the residual ones the list checks row by row along its sort index,
// each with its arguments.
func contractConds(f contracts.ContractFilter, cols listCols) (indexed []string, args []any, residual []string, rargs []any) {
	add := func(cond string, a ...any) { indexed, args = append(indexed, cond), append(args, a...) }
	check := func(cond string, a ...any) { residual, rargs = append(residual, cond), append(rargs, a...) }
	if cond, a := scopeCode("o.code", f.Scope); cond != "" {
		add(cond, a...)
	}
	if f.Organization != "" {
		add("o.code = ?", f.Organization)
	}
	if f.VendorID != 0 {
		add("c.vendor_id = ?", f.VendorID)
	}
	if f.VendorGroupID != 0 {
		add(vendorGroup+" = ?", f.VendorGroupID)
	}
	if f.OverQuota {
		add("c.over_quota = 1")
	}
	if f.HideExpired {
		// Migration 0014's partial indexes serve it across organizations.
		add("c.expired = 0")
	}
	if len(f.CategoryIDs) > 0 {
		// The unary + keeps the planner on the sort index: a category holds
		// a tenth of the register, which the seek passes quickly.
		a := make([]any, len(f.CategoryIDs))
		for i, id := range f.CategoryIDs {
			a[i] = id
		}
		check("+c.category_id IN ("+placeholders(len(a))+")", a...)
	}

	if f.CPV != "" {
		check(`c.cpv LIKE ? ESCAPE '\'`, strings.TrimSuffix(likePattern(f.CPV)[1:], "%")+"%")
	}
	if f.Status != "" {
		check("c.status = ?", string(f.Status))
	}
	if f.RenewalKind != "" {
		check("c.renewal_kind = ?", string(f.RenewalKind))
	}
	if !f.EndsBefore.IsZero() {
		check(cols.currentEnd+" <= ?", f.EndsBefore.String())
	}
	if !f.NoticeBefore.IsZero() {
		check(cols.noticeDeadline+" <> '' AND "+cols.noticeDeadline+" <= ?", f.NoticeBefore.String())
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		p := likePattern(strings.ToLower(q))
		check(`(c.title_key LIKE ? ESCAPE '\' OR lower(c.number) LIKE ? ESCAPE '\' OR v.name_key LIKE ? ESCAPE '\')`, p, p, p)
	}
	return indexed, args, residual, rargs
}

// contractOrder returns the ORDER BY of sort (the notice deadline's when
// unknown) on cols.
func contractOrder(sort contracts.ContractSort, cols listCols) string {
	switch sort {
	case contracts.SortEnd:
		return ` ORDER BY ` + cols.currentEnd + `, ` + cols.id
	case contracts.SortNumber:
		return ` ORDER BY ` + cols.code + `, ` + cols.number + `, ` + cols.id
	case contracts.SortValue:
		return ` ORDER BY ` + cols.value + `, ` + cols.id
	case contracts.SortTitle:
		return ` ORDER BY ` + cols.title + `, ` + cols.id
	}
	return ` ORDER BY ` + cols.noticeKey + `, ` + cols.currentEnd + `, ` + cols.id
}

// EachContractSQL returns the statement EachContract runs for f (whose
// stored dates are today's: DatesToday empty) and its arguments, for the
// bare counterpart of the export's benchmark (internal/benchtest/barexlsx),
// which must read what the export reads.
func EachContractSQL(f contracts.ContractFilter) (string, []any) {
	where, args := contractWhere(f, tableCols)
	return contractSelect + where + contractOrder(f.Sort, tableCols), args
}

// EachContract calls fn for every contract matching f (paging ignored), in
// the filter's order, one row at a time: memory stays bounded for exports.
func (st *Store) EachContract(ctx context.Context, f contracts.ContractFilter, fn func(contracts.ContractSummary) error) error {
	if len(f.DatesToday) > 0 {
		return st.eachContractToday(ctx, f, fn)
	}
	q, args := EachContractSQL(f)
	rows, err := st.read().QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: each contract: %w", err)
	}
	defer rows.Close()
	sc := newContractSummaryScan()
	for rows.Next() {
		cs, err := sc.scan(rows)
		if err != nil {
			return fmt.Errorf("store: scan contract: %w", err)
		}
		if err := fn(cs); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Contract returns contract id with its licence lines.
func (st *Store) Contract(ctx context.Context, id int64) (contracts.ContractDetail, error) {
	return st.contractWhere(ctx, " WHERE c.id = ?", id)
}

// ContractByNumber returns the buyer's contract with number.
func (st *Store) ContractByNumber(ctx context.Context, org, number string) (contracts.ContractDetail, error) {
	return st.contractWhere(ctx, " WHERE o.code = ? AND c.number = ?", org, number)
}

func (st *Store) contractWhere(ctx context.Context, where string, args ...any) (contracts.ContractDetail, error) {
	cs, err := newContractSummaryScan().scan(st.read().QueryRowContext(ctx, contractSelect+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return contracts.ContractDetail{}, fmt.Errorf("store: contract %v: %w", args, apperr.NotFound)
	}
	if err != nil {
		return contracts.ContractDetail{}, fmt.Errorf("store: contract %v: %w", args, err)
	}
	lines, err := st.licenceLines(ctx, cs.ID)
	return contracts.ContractDetail{ContractSummary: cs, Lines: lines}, err
}
