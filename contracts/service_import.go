package contracts

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Importing contracts from a table (ImportContracts): each row planned
// against the register, then written, all in one transaction. Parsing the
// table is in contract_import.go; finding the rows' organizations,
// categories and vendors in service_import_resolve.go.

// ContractImportReport is what a contract import did, or would do on a dry
// run. Created and Updated name contracts as ORGANIZATION/NUMBER.
type ContractImportReport struct {
	ImportReport
	// NewVendors names the vendors the import added (or would add), as
	// "Name (KvK 12345678)".
	NewVendors []string
}

// ImportContracts upserts the contracts of a table by organization and
// contract number, all or nothing, in one transaction. With dryRun it
// only reports what would change.
//
// Vendors are found by KvK number, else by name (ignoring case). A vendor
// the register does not know is added only when the file gives its KvK
// number: the KvK number identifies a company for certain, while a name
// alone may be a variant spelling of a vendor already registered
// ("Centric" and "Centric Netherlands B.V."), and a duplicate vendor would
// split that vendor's contracts and understate the concentration the
// register exists to show. A name without KvK number that matches no
// vendor is therefore a row problem.
//
// A contract already in the register keeps the fields the file has no
// column for (notes entered on a page, say); the file's licence lines,
// when it has licence line columns, replace the stored ones. A contract
// whose fields and lines are as stored is counted unchanged and not
// written, so importing the same file twice changes nothing. Each written
// contract gets its dates computed for today, as CreateContract does, and
// its entry in the audit log.
//
// A caller scoped to one organization imports for it: opts.Organization
// defaults to it, and naming another is apperr.Forbidden, before the table
// is looked at.
func (s *Service) ImportContracts(ctx context.Context, scope Scope, t Table, opts ContractImportOptions, dryRun bool) (ContractImportReport, error) {
	rep := ContractImportReport{ImportReport: ImportReport{DryRun: dryRun, Rows: dataRows(t)}}
	if org, ok := scope.Organization(); ok && strings.TrimSpace(opts.Organization) == "" {
		opts.Organization = org
	}
	if !scope.All() {
		if err := scope.check(normalizeOrgCode(strings.TrimSpace(opts.Organization))); err != nil {
			return rep, fmt.Errorf("contracts: import contracts: %w", err)
		}
	}
	p, err := newContractParser(t.Header, opts)
	if err != nil {
		return rep, fmt.Errorf("contracts: import contracts: %w", err)
	}
	rows, problems := p.parse(t)
	if len(problems) > 0 {
		rep.Problems = problems
		return rep, ErrImportRejected
	}
	if len(rows) == 0 {
		return rep, fmt.Errorf("contracts: import contracts: %w", apperr.WithCode(apperr.Invalid, apperr.TableNoRows))
	}
	errDryRun := errors.New("dry run")
	err = s.store.InTx(ctx, func(tx Store) error {
		imp := &contractImport{tx: tx, p: p, rows: rows, today: s.Today(), rep: &rep, bad: map[int]bool{}, noNewVendors: opts.NoNewVendors}
		if err := imp.plan(ctx); err != nil {
			return err
		}
		if len(rep.Problems) == 0 && !dryRun {
			if err := imp.write(ctx); err != nil {
				return err
			}
		}
		switch {
		case len(rep.Problems) > 0:
			return ErrImportRejected
		case dryRun:
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, ErrImportRejected) {
		slices.SortStableFunc(rep.Problems, func(a, b RowProblem) int { return cmp.Compare(a.Row, b.Row) })
		rep.Created, rep.Updated, rep.Unchanged, rep.NewVendors = nil, nil, 0, nil
		return rep, err
	}
	if err != nil && !errors.Is(err, errDryRun) {
		return rep, fmt.Errorf("contracts: import contracts: %w", err)
	}
	return rep, nil
}

// dataRows counts the rows of t that are not blank.
func dataRows(t Table) int {
	n := 0
	for _, r := range t.Rows {
		if !isBlankRow(r) {
			n++
		}
	}
	return n
}

// contractImport is one run of ImportContracts inside its transaction.
type contractImport struct {
	tx    Store
	p     *contractParser
	rows  []ContractImportRow
	today Date
	rep   *ContractImportReport
	// bad marks the rows (by index) with a problem found here.
	bad map[int]bool
	// newVendors are the vendors to add; a contract refers to the i-th
	// of them by the placeholder id −(i+1) until it is written.
	newVendors []Vendor
	steps      []importStep
	// noNewVendors: see ContractImportOptions.NoNewVendors.
	noNewVendors bool
}

// importStep is what the import does with one contract.
type importStep struct {
	row      *ContractImportRow
	contract Contract
	lines    []LicenceLine
	create   bool
	// keepLines: the file has no licence line columns, so an update keeps
	// the stored lines.
	keepLines bool
}

// problem reports that the row i (row in the file) has the problem e in
// the column of field.
func (imp *contractImport) problem(i int, row int, field string, e apperr.FieldError) {
	imp.bad[i] = true
	imp.rep.Problems = append(imp.rep.Problems, RowProblem{Row: row, Column: imp.p.column(field), FieldError: e})
}

// cellProblemOn is the problem code with args with the cell of field.
func cellProblemOn(field string, code apperr.Code, args ...any) apperr.FieldError {
	return apperr.FieldError{Field: field, Code: code, Args: args}
}

// plan resolves organizations, categories and vendors, and compares each
// contract with the stored one; it reports problems and writes nothing.
func (imp *contractImport) plan(ctx context.Context) error {
	orgs, err := imp.organizations(ctx)
	if err != nil {
		return err
	}
	categories, err := imp.categories(ctx)
	if err != nil {
		return err
	}
	vendors, err := imp.vendors(ctx)
	if err != nil {
		return err
	}
	existing := map[string]map[string]ContractSummary{}
	for _, code := range orgs {
		byNumber := map[string]ContractSummary{}
		// The rows were limited to the caller's organization when parsed
		// (ContractImportOptions.Organization).
		err := imp.tx.EachContract(ctx, ContractFilter{Scope: Everyone(), Organization: code, Sort: SortNumber}, func(cs ContractSummary) error {
			byNumber[cs.Number] = cs
			return nil
		})
		if err != nil {
			return err
		}
		existing[code] = byNumber
	}
	hasLines := slices.ContainsFunc(contractColumns, func(c ImportColumn) bool { return c.Line && imp.p.has(c.Field) })
	for i := range imp.rows {
		row := &imp.rows[i]
		if imp.bad[i] {
			continue
		}
		in := row.Contract
		in.VendorID = vendors[i]
		if imp.p.has("category") {
			in.CategoryID = categories[i]
		}
		cur, ok := existing[in.Organization][in.Number]
		if !ok {
			imp.steps = append(imp.steps, importStep{row: row, contract: in, lines: row.Lines, create: true})
			imp.rep.Created = append(imp.rep.Created, in.Organization+"/"+in.Number)
			continue
		}
		next := mergeContract(cur.Contract, in, imp.p.has)
		// What the stored contract keeps can clash with what the file
		// changes (options exercised on a contract the file makes tacit).
		check := next
		check.VendorID = max(check.VendorID, 1)
		for _, fe := range apperr.Fields(check.Validate()) {
			imp.problem(i, row.Row, columnForProblem(fe.Field), cellProblemOn(fe.Field, apperr.WithStoredValues, apperr.FieldErrors{fe}))
		}
		if imp.bad[i] {
			continue
		}
		step := importStep{row: row, contract: next, lines: row.Lines, keepLines: !hasLines}
		same := unchangedContract(cur.Contract, next)
		if same && hasLines {
			same, err = imp.sameLines(ctx, cur, row.Lines)
			if err != nil {
				return err
			}
		}
		if same {
			imp.rep.Unchanged++
			continue
		}
		imp.steps = append(imp.steps, step)
		imp.rep.Updated = append(imp.rep.Updated, in.Organization+"/"+in.Number)
	}
	for _, v := range imp.newVendors {
		imp.rep.NewVendors = append(imp.rep.NewVendors, fmt.Sprintf("%s (KvK %s)", v.Name, v.KVK))
	}
	return nil
}

// sameLines reports whether the stored lines of cs equal lines.
func (imp *contractImport) sameLines(ctx context.Context, cs ContractSummary, lines []LicenceLine) (bool, error) {
	if cs.LicenceLines != len(lines) {
		return false, nil
	}
	if len(lines) == 0 {
		return true, nil
	}
	stored, err := imp.tx.Contract(ctx, cs.ID)
	if err != nil {
		return false, err
	}
	return slices.EqualFunc(stored.Lines, lines, unchangedLine), nil
}

// write adds the new vendors and writes each new or changed contract.
func (imp *contractImport) write(ctx context.Context) error {
	ids := make([]int64, len(imp.newVendors))
	for i, v := range imp.newVendors {
		id, err := imp.tx.CreateVendor(ctx, v)
		if err != nil {
			return err
		}
		ids[i] = id
	}
	for _, st := range imp.steps {
		c := st.contract
		if c.VendorID < 0 {
			c.VendorID = ids[-c.VendorID-1]
		}
		err := c.CheckDatesAsOf(imp.today)
		switch {
		case err != nil:
		case st.create:
			_, err = imp.tx.CreateContract(ctx, c, st.lines, c.Dates(imp.today), imp.today)
		default:
			lines := st.lines
			if st.keepLines {
				stored, err := imp.tx.Contract(ctx, c.ID)
				if err != nil {
					return err
				}
				lines = stored.Lines
			}
			err = imp.tx.UpdateContract(ctx, c, lines, c.Dates(imp.today), imp.today)
		}
		// A rule only the database knows is still a problem of the row.
		if fe := apperr.Fields(err); len(fe) > 0 {
			for _, e := range fe {
				imp.rep.Problems = append(imp.rep.Problems, RowProblem{Row: st.row.Row, Column: imp.p.column(columnForProblem(e.Field)), FieldError: e})
			}
			continue
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// mergeContract returns the stored contract cur with the fields of in that
// the file has a column for (has), and in's vendor.
func mergeContract(cur, in Contract, has func(field string) bool) Contract {
	out := cur
	out.VendorID = in.VendorID
	if has("category") {
		out.CategoryID = in.CategoryID
	}
	set := func(field string, apply func()) {
		if has(field) {
			apply()
		}
	}
	set("title", func() { out.Title = in.Title })
	set("cpv", func() { out.CPV = in.CPV })
	set("start", func() { out.Start = in.Start })
	set("initialTermMonths", func() { out.InitialTermMonths = in.InitialTermMonths })
	set("renewalKind", func() { out.RenewalKind = in.RenewalKind })
	set("renewalPeriodMonths", func() { out.RenewalPeriodMonths = in.RenewalPeriodMonths })
	set("maxRenewals", func() { out.MaxRenewals = in.MaxRenewals })
	set("maxEnd", func() { out.MaxEnd = in.MaxEnd })
	set("renewalsExercised", func() { out.RenewalsExercised = in.RenewalsExercised })
	set("noticeMonths", func() { out.NoticeMonths = in.NoticeMonths })
	set("noticeDays", func() { out.NoticeDays = in.NoticeDays })
	set("noticeEndsAnyDay", func() { out.NoticeEndsAnyDay = in.NoticeEndsAnyDay })
	// A file with one notice column states the notice period in that unit:
	// a period it gives replaces a stored period in the other unit, so that
	// a file from before notice in days could be entered keeps working.
	if has("noticeMonths") && !has("noticeDays") && in.NoticeMonths > 0 {
		out.NoticeDays = 0
	}
	if has("noticeDays") && !has("noticeMonths") && in.NoticeDays > 0 {
		out.NoticeMonths = 0
	}
	set("leadDays", func() { out.LeadDays = in.LeadDays })
	set("noticeGivenOn", func() { out.NoticeGivenOn = in.NoticeGivenOn })
	set("annualValue", func() { out.AnnualValue = in.AnnualValue })
	set("status", func() { out.Status = in.Status })
	set("exitPlan", func() { out.Exit.ExitPlan = in.Exit.ExitPlan })
	set("openData", func() { out.Exit.OpenData = in.Exit.OpenData })
	set("continuity", func() { out.Exit.Continuity = in.Exit.Continuity })
	set("sourceRights", func() { out.Exit.SourceRights = in.Exit.SourceRights })
	set("businessCritical", func() { out.Exit.BusinessCritical = in.Exit.BusinessCritical })
	set("interfaces", func() { out.Exit.Interfaces = in.Exit.Interfaces })
	set("notes", func() { out.Notes = in.Notes })
	return out
}

// unchangedContract reports whether a and b hold the same contract. Dates
// compare by their calendar day.
func unchangedContract(a, b Contract) bool {
	if a.Start.String() != b.Start.String() || a.MaxEnd.String() != b.MaxEnd.String() || a.NoticeGivenOn.String() != b.NoticeGivenOn.String() {
		return false
	}
	a.Start, a.MaxEnd, a.NoticeGivenOn = Date{}, Date{}, Date{}
	b.Start, b.MaxEnd, b.NoticeGivenOn = Date{}, Date{}, Date{}
	return a == b
}

// unchangedLine reports whether two licence lines say the same, whatever
// their ids.
func unchangedLine(a, b LicenceLine) bool {
	return a.Product == b.Product && a.Metric == b.Metric && a.Quantity == b.Quantity && a.SeatsInUse == b.SeatsInUse &&
		a.UnitPrice == b.UnitPrice && a.PricePeriod == b.PricePeriod &&
		a.Start.String() == b.Start.String() && a.End.String() == b.End.String()
}
