package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
)

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
// stored dates, the names beside it and its licence line counts.
var contractSelect = `SELECT ` + contractColumnList(contractFull) + `,
		o.code, o.name, v.name, v.kvk, gv.id, gv.name, coalesce(cat.name, ''),
		(SELECT count(*) FROM licence_lines l WHERE l.contract_id = c.id),
		EXISTS (SELECT 1 FROM licence_lines l WHERE l.contract_id = c.id AND l.quantity <> -1 AND l.seats_in_use > l.quantity)
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

// contractWhere turns a filter into SQL conditions.
func contractWhere(f contracts.ContractFilter) (string, []any) {
	var (
		where []string
		args  []any
	)
	add := func(cond string, a ...any) { where, args = append(where, cond), append(args, a...) }
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
	if f.CategoryID != 0 {
		add("c.category_id = ?", f.CategoryID)
	}
	if f.CPV != "" {
		add(`c.cpv LIKE ? ESCAPE '\'`, strings.TrimSuffix(likePattern(f.CPV)[1:], "%")+"%")
	}
	if f.Status != "" {
		add("c.status = ?", string(f.Status))
	}
	if f.RenewalKind != "" {
		add("c.renewal_kind = ?", string(f.RenewalKind))
	}
	if !f.EndsBefore.IsZero() {
		add("c.current_end <= ?", f.EndsBefore.String())
	}
	if !f.NoticeBefore.IsZero() {
		add("c.notice_deadline <> '' AND c.notice_deadline <= ?", f.NoticeBefore.String())
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		p := likePattern(strings.ToLower(q))
		add(`(c.title_key LIKE ? ESCAPE '\' OR lower(c.number) LIKE ? ESCAPE '\' OR v.name_key LIKE ? ESCAPE '\')`, p, p, p)
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

var contractOrder = map[contracts.ContractSort]string{
	contracts.SortNotice: ` ORDER BY c.notice_deadline = '', c.notice_deadline, c.current_end, c.id`,
	contracts.SortEnd:    ` ORDER BY c.current_end, c.id`,
	contracts.SortNumber: ` ORDER BY o.code, c.number, c.id`,
	contracts.SortValue:  ` ORDER BY c.annual_value DESC, c.id`,
	contracts.SortTitle:  ` ORDER BY c.title_key, c.id`,
}

// Contracts returns one page of contracts matching f, with the total.
func (st *Store) Contracts(ctx context.Context, f contracts.ContractFilter) (contracts.ContractPage, error) {
	where, args := contractWhere(f)
	order, ok := contractOrder[f.Sort]
	if !ok {
		order = contractOrder[contracts.SortNotice]
	}
	var page contracts.ContractPage
	err := st.read().QueryRowContext(ctx, `SELECT count(*)`+contractFilterFrom+where, args...).Scan(&page.Total)
	if err != nil {
		return page, fmt.Errorf("store: count contracts: %w", err)
	}
	// The page's ids are chosen first, on the cheap columns; the names and
	// licence line counts are then read for those rows only, not for every
	// row the sort had to look at.
	rows, err := st.read().QueryContext(ctx, contractSelect+` WHERE c.id IN (SELECT c.id`+contractFilterFrom+where+order+` LIMIT ? OFFSET ?)`+order,
		append(args, f.PageSize, f.Offset())...)
	if err != nil {
		return page, fmt.Errorf("store: contracts: %w", err)
	}
	defer rows.Close()
	page.Items = make([]contracts.ContractSummary, 0, f.PageSize)
	sc := newContractSummaryScan()
	for rows.Next() {
		cs, err := sc.scan(rows)
		if err != nil {
			return page, fmt.Errorf("store: scan contract: %w", err)
		}
		page.Items = append(page.Items, cs)
	}
	return page, rows.Err()
}

// EachContract calls fn for every contract matching f (paging ignored), in
// the filter's order, one row at a time: memory stays bounded for exports.
func (st *Store) EachContract(ctx context.Context, f contracts.ContractFilter, fn func(contracts.ContractSummary) error) error {
	where, args := contractWhere(f)
	order, ok := contractOrder[f.Sort]
	if !ok {
		order = contractOrder[contracts.SortNotice]
	}
	rows, err := st.read().QueryContext(ctx, contractSelect+where+order, args...)
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

// contractArgs are the written columns, in the order of contractColumns.
const contractColumns = `number, title, title_key, vendor_id, category_id, cpv, start_date, initial_term_months, renewal_kind,
	renewal_period_months, max_renewals, max_end, renewals_exercised, notice_months, notice_days, notice_ends_any_day,
	lead_days, notice_given_on, annual_value, status, exit_plan, open_data, continuity, source_rights, business_critical, interfaces, notes,
	dates_as_of, current_end, committed_end, notice_deadline, action_date, option_decision, final_end`

// contractColumnCount is the number of contractColumns.
var contractColumnCount = strings.Count(contractColumns, ",") + 1

func contractArgs(c contracts.Contract, d contracts.Dates, asOf contracts.Date) []any {
	return []any{c.Number, c.Title, strings.ToLower(c.Title), c.VendorID, nullID(c.CategoryID), c.CPV, c.Start.String(),
		c.InitialTermMonths, string(c.RenewalKind), c.RenewalPeriodMonths, c.MaxRenewals, c.MaxEnd.String(), c.RenewalsExercised,
		c.NoticeMonths, c.NoticeDays, c.NoticeEndsAnyDay, c.LeadDays, c.NoticeGivenOn.String(), int64(c.AnnualValue), string(c.Status),
		c.Exit.ExitPlan, c.Exit.OpenData, c.Exit.Continuity, c.Exit.SourceRights, c.Exit.BusinessCritical, c.Exit.Interfaces, c.Notes,
		asOf.String(), d.CurrentEnd.String(), d.CommittedEnd.String(), d.NoticeDeadline.String(), d.ActionDate.String(),
		d.OptionDecision.String(), d.FinalEnd.String()}
}

// contractRecord is a contract as the audit log keeps it: what was
// entered, not the derived dates.
type contractRecord struct {
	Organization        string `json:"organization"`
	Number              string `json:"number"`
	Title               string `json:"title"`
	VendorID            int64  `json:"vendorId"`
	CategoryID          int64  `json:"categoryId,omitempty"`
	CPV                 string `json:"cpv,omitempty"`
	Start               string `json:"start"`
	InitialTermMonths   int    `json:"initialTermMonths"`
	RenewalKind         string `json:"renewalKind"`
	RenewalPeriodMonths int    `json:"renewalPeriodMonths,omitempty"`
	MaxRenewals         int    `json:"maxRenewals,omitempty"`
	MaxEnd              string `json:"maxEnd,omitempty"`
	RenewalsExercised   int    `json:"renewalsExercised,omitempty"`
	NoticeMonths        int    `json:"noticeMonths"`
	NoticeDays          int    `json:"noticeDays,omitempty"`
	NoticeEndsAnyDay    bool   `json:"noticeEndsAnyDay,omitempty"`
	LeadDays            int    `json:"leadDays"`
	NoticeGivenOn       string `json:"noticeGivenOn,omitempty"`
	AnnualValue         int64  `json:"annualValue"`
	Status              string `json:"status"`
	Exit                contracts.ExitFacts
	Notes               string       `json:"notes,omitempty"`
	Lines               []lineRecord `json:"licenceLines"`
}

type lineRecord struct {
	Product     string `json:"product"`
	Metric      string `json:"metric"`
	Quantity    int    `json:"quantity"`
	SeatsInUse  int    `json:"seatsInUse"`
	UnitPrice   int64  `json:"unitPrice"`
	PricePeriod string `json:"pricePeriod"`
	Start       string `json:"start,omitempty"`
	End         string `json:"end,omitempty"`
}

func auditedContract(c contracts.Contract, lines []contracts.LicenceLine) contractRecord {
	r := contractRecord{Organization: c.Organization, Number: c.Number, Title: c.Title, VendorID: c.VendorID, CategoryID: c.CategoryID,
		CPV: c.CPV, Start: c.Start.String(), InitialTermMonths: c.InitialTermMonths, RenewalKind: string(c.RenewalKind),
		RenewalPeriodMonths: c.RenewalPeriodMonths, MaxRenewals: c.MaxRenewals, MaxEnd: c.MaxEnd.String(),
		RenewalsExercised: c.RenewalsExercised, NoticeMonths: c.NoticeMonths, NoticeDays: c.NoticeDays,
		NoticeEndsAnyDay: c.NoticeEndsAnyDay, LeadDays: c.LeadDays,
		NoticeGivenOn: c.NoticeGivenOn.String(), AnnualValue: int64(c.AnnualValue), Status: string(c.Status), Exit: c.Exit,
		Notes: c.Notes, Lines: []lineRecord{}}
	for _, l := range lines {
		r.Lines = append(r.Lines, lineRecord{Product: l.Product, Metric: string(l.Metric), Quantity: l.Quantity, SeatsInUse: l.SeatsInUse,
			UnitPrice: int64(l.UnitPrice), PricePeriod: string(l.PricePeriod), Start: l.Start.String(), End: l.End.String()})
	}
	return r
}

func contractWriteError(err error) error {
	switch {
	case err == nil:
		return nil
	case isUniqueViolation(err):
		return apperr.FieldProblem("number", apperr.NumberTaken)
	case isForeignKeyViolation(err):
		return apperr.FieldProblem("vendorId", apperr.VendorOrCategory)
	}
	return err
}

// CreateContract inserts c with its licence lines and the dates computed
// for asOf, and returns its id.
func (st *Store) CreateContract(ctx context.Context, c contracts.Contract, lines []contracts.LicenceLine, d contracts.Dates, asOf contracts.Date) (int64, error) {
	var id int64
	err := st.InTx(ctx, func(tx *Store) error {
		res, err := tx.write().ExecContext(ctx, `INSERT INTO contracts (organization_id, `+contractColumns+`)
			VALUES ((SELECT id FROM organizations WHERE code = ?), `+placeholders(contractColumnCount)+`)`,
			append([]any{c.Organization}, contractArgs(c, d, asOf)...)...)
		if err := contractWriteError(err); err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := tx.writeLines(ctx, id, lines); err != nil {
			return err
		}
		return tx.appendAudit(ctx, "contract", strconv.FormatInt(id, 10), audit.ActionCreate, nil, auditedContract(c, lines))
	})
	if err != nil {
		return 0, fmt.Errorf("store: create contract %s/%s: %w", c.Organization, c.Number, err)
	}
	return id, nil
}

// UpdateContract replaces contract c.ID, its licence lines and dates.
func (st *Store) UpdateContract(ctx context.Context, c contracts.Contract, lines []contracts.LicenceLine, d contracts.Dates, asOf contracts.Date) error {
	err := st.InTx(ctx, func(tx *Store) error {
		before, err := tx.Contract(ctx, c.ID)
		if err != nil {
			return err
		}
		sets := strings.Split(strings.Join(strings.Fields(contractColumns), " "), ",")
		for i := range sets {
			sets[i] = strings.TrimSpace(sets[i]) + " = ?"
		}
		_, err = tx.write().ExecContext(ctx, `UPDATE contracts SET organization_id = (SELECT id FROM organizations WHERE code = ?), `+
			strings.Join(sets, ", ")+` WHERE id = ?`, append(append([]any{c.Organization}, contractArgs(c, d, asOf)...), c.ID)...)
		if err := contractWriteError(err); err != nil {
			return err
		}
		if _, err := tx.write().ExecContext(ctx, `DELETE FROM licence_lines WHERE contract_id = ?`, c.ID); err != nil {
			return err
		}
		if err := tx.writeLines(ctx, c.ID, lines); err != nil {
			return err
		}
		return tx.appendAudit(ctx, "contract", strconv.FormatInt(c.ID, 10), audit.ActionUpdate,
			auditedContract(before.Contract, before.Lines), auditedContract(c, lines))
	})
	if err != nil {
		return fmt.Errorf("store: update contract %d: %w", c.ID, err)
	}
	return nil
}

func (st *Store) writeLines(ctx context.Context, contractID int64, lines []contracts.LicenceLine) error {
	for i, l := range lines {
		if _, err := st.write().ExecContext(ctx, `INSERT INTO licence_lines
			(contract_id, position, product, metric, quantity, seats_in_use, unit_price, price_period, start_date, end_date)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, contractID, i, l.Product, string(l.Metric), l.Quantity, l.SeatsInUse,
			int64(l.UnitPrice), string(l.PricePeriod), l.Start.String(), l.End.String()); err != nil {
			return fmt.Errorf("licence line %d: %w", i+1, err)
		}
	}
	return nil
}

// DeleteContract removes contract id and its licence lines.
func (st *Store) DeleteContract(ctx context.Context, id int64) error {
	err := st.InTx(ctx, func(tx *Store) error {
		before, err := tx.Contract(ctx, id)
		if err != nil {
			return err
		}
		if _, err := tx.write().ExecContext(ctx, `DELETE FROM contracts WHERE id = ?`, id); err != nil {
			return err
		}
		return tx.appendAudit(ctx, "contract", strconv.FormatInt(id, 10), audit.ActionDelete, auditedContract(before.Contract, before.Lines), nil)
	})
	if err != nil {
		return fmt.Errorf("store: delete contract %d: %w", id, err)
	}
	return nil
}

// HasStaleContracts reports whether any contract's dates were computed
// before asOf, through the dates_as_of index.
func (st *Store) HasStaleContracts(ctx context.Context, asOf contracts.Date) (bool, error) {
	var stale bool
	if err := st.read().QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM contracts WHERE dates_as_of < ?)`, asOf.String()).Scan(&stale); err != nil {
		return false, fmt.Errorf("store: stale contracts: %w", err)
	}
	return stale, nil
}

// StaleContracts returns up to limit contracts whose stored dates were
// computed before asOf, with those dates. The id list comes from the
// dates_as_of index first, so the joins run for the batch only.
func (st *Store) StaleContracts(ctx context.Context, asOf contracts.Date, limit int) ([]contracts.ContractSummary, error) {
	rows, err := st.read().QueryContext(ctx, contractSelect+`
		WHERE c.id IN (SELECT id FROM contracts WHERE dates_as_of < ? ORDER BY dates_as_of LIMIT ?)`, asOf.String(), limit)
	if err != nil {
		return nil, fmt.Errorf("store: stale contracts: %w", err)
	}
	return collectContracts(rows)
}

// collectContracts reads every row of a contractSelect query and closes
// rows.
func collectContracts(rows *sql.Rows) ([]contracts.ContractSummary, error) {
	defer rows.Close()
	var out []contracts.ContractSummary
	sc := newContractSummaryScan()
	for rows.Next() {
		cs, err := sc.scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan contract: %w", err)
		}
		out = append(out, cs)
	}
	return out, rows.Err()
}

// MarkContractDatesCurrent stamps the contracts ids with asOf, their
// stored dates being right for that day.
func (st *Store) MarkContractDatesCurrent(ctx context.Context, ids []int64, asOf contracts.Date) error {
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, 0, len(chunk)+1)
		args = append(args, asOf.String())
		for _, id := range chunk {
			args = append(args, id)
		}
		if _, err := st.write().ExecContext(ctx, `UPDATE contracts SET dates_as_of = ? WHERE id IN (`+placeholders(len(chunk))+`)`, args...); err != nil {
			return fmt.Errorf("store: mark contract dates current: %w", err)
		}
	}
	return nil
}

// SetContractDates stores the dates of contract id computed for asOf. It
// is derived data, recomputed from what is recorded, so it is not audited.
func (st *Store) SetContractDates(ctx context.Context, id int64, d contracts.Dates, asOf contracts.Date) error {
	_, err := st.write().ExecContext(ctx, `UPDATE contracts SET dates_as_of = ?, current_end = ?, committed_end = ?,
		notice_deadline = ?, action_date = ?, option_decision = ?, final_end = ? WHERE id = ?`,
		asOf.String(), d.CurrentEnd.String(), d.CommittedEnd.String(), d.NoticeDeadline.String(), d.ActionDate.String(),
		d.OptionDecision.String(), d.FinalEnd.String(), id)
	if err != nil {
		return fmt.Errorf("store: set dates of contract %d: %w", id, err)
	}
	return nil
}
