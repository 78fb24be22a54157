package contracts

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// ContractImportOptions configures a contract import.
type ContractImportOptions struct {
	// Organization is the buyer the whole file belongs to (the CLI's --org,
	// or a member's own organization). It fills an absent or empty
	// Organisatie column; a row naming another organization is a problem.
	Organization string
	// NoNewVendors refuses rows whose vendor is not yet registered, for
	// callers who may not register vendors (a member): vendors are shared
	// by every organization.
	NoNewVendors bool
}

// VendorRef names a contract's vendor in an import: by KvK number, by
// name, or both. The service resolves it to a stored vendor.
type VendorRef struct {
	Name string
	KVK  string
}

// ContractImportRow is one contract of an imported table: the contract, the
// licence lines of its rows, its vendor and category as the file names them
// (Contract.VendorID and CategoryID are still 0), and where it came from.
type ContractImportRow struct {
	// Row is the file row of the contract (its first row, when several
	// rows add licence lines to it); LineRows holds the row of each line.
	Row      int
	LineRows []int
	Contract Contract
	Lines    []LicenceLine
	Vendor   VendorRef
	// Category is the category's name; "" for none.
	Category string
}

// ParseContractTable turns a contract register, as municipalities keep it
// in a spreadsheet, into contracts with their licence lines. Columns are
// matched by name (ContractColumns). Rows with the same organization and
// contract number are one contract: each adds its licence line, and the
// contract cells they fill must agree. Every row passes the same rules as
// the API (Contract.Validate, LicenceLine.Validate), and problems name the
// column as the file's header spells it. It returns every bad row; the
// caller imports nothing when there is one. The error is apperr.Invalid
// when the table cannot be read at all (a required column missing).
//
// Cell formats: dates as 31-01-2026, 2026-01-31 or an Excel serial day;
// amounts as importMoney documents; yes/no as ja/nee (Opzegging op elke
// dag: notice in months may end an indefinitely continued contract on any
// day, not only at a month end; empty is nee); renewal as
// geen/stilzwijgend/optie/onbepaalde tijd. A cell that looks like a formula (=SUM(…)) is
// text: it is never evaluated, and it is a problem in a column that wants
// a number, date or choice.
func ParseContractTable(t Table, opts ContractImportOptions) ([]ContractImportRow, []RowProblem, error) {
	p, err := newContractParser(t.Header, opts)
	if err != nil {
		return nil, nil, err
	}
	rows, problems := p.parse(t)
	return rows, problems, nil
}

// contractParser holds what parsing a table needs: where each field's
// column is and what the header calls it.
type contractParser struct {
	header []string
	cols   map[string]int
	opts   ContractImportOptions
}

// importHeaderKey folds a header, or a choice in a cell, to lower-case
// letters and digits without accents.
func importHeaderKey(s string) string { return foldAccents(normalizeHeader(s)) }

func newContractParser(header []string, opts ContractImportOptions) (*contractParser, error) {
	if len(header) == 0 {
		return nil, apperr.WithCode(apperr.Invalid, apperr.TableNoHeader)
	}
	opts.Organization = normalizeOrgCode(strings.TrimSpace(opts.Organization))
	p := &contractParser{header: header, cols: map[string]int{}, opts: opts}
	byKey := map[string]string{}
	for _, c := range contractColumns {
		for _, name := range append([]string{c.Header, c.Field}, c.Aliases...) {
			byKey[importHeaderKey(name)] = c.Field
		}
	}
	for i, h := range header {
		if f, ok := byKey[importHeaderKey(h)]; ok {
			if _, dup := p.cols[f]; !dup {
				p.cols[f] = i
			}
		}
	}
	var missing, headers []string
	for _, c := range contractColumns {
		switch {
		case !c.Required || p.has(c.Field):
		case c.Field == "organization" && opts.Organization != "":
		case c.Field == "vendor" && p.has("kvk"):
		default:
			names := append([]string{c.Header}, c.Aliases...)
			if c.Field == "vendor" {
				names = append(names, "KvK-nummer")
			}
			missing = append(missing, fmt.Sprintf("%s (or: %s)", c.Header, strings.Join(names[1:], ", ")))
			headers = append(headers, c.Header)
		}
	}
	if len(missing) > 0 {
		return nil, apperr.WithCode(apperr.Invalid, apperr.TableMissingColumns, strings.Join(missing, "; "), headers)
	}
	return p, nil
}

func (p *contractParser) has(field string) bool {
	_, ok := p.cols[field]
	return ok
}

// column returns the header the file uses for field, or the template's
// name when the file has no such column.
func (p *contractParser) column(field string) string {
	if i, ok := p.cols[field]; ok {
		if h := strings.TrimSpace(strings.TrimPrefix(p.header[i], "\ufeff")); h != "" {
			return h
		}
	}
	for _, c := range contractColumns {
		if c.Field == field {
			return c.Header
		}
	}
	return field
}

// columnForProblem maps a validation field (Contract.Validate's
// "vendorId") to its import column.
func columnForProblem(field string) string {
	switch field {
	case "vendorId":
		return "vendor"
	case "categoryId":
		return "category"
	case "end":
		return "product" // a line's own end date has no column
	}
	return field
}

// parsedRow is one row's values before rows are grouped into contracts.
type parsedRow struct {
	c       Contract
	l       LicenceLine
	hasLine bool
	// priceGiven says the unit price cell was filled.
	priceGiven bool
	vendor     VendorRef
	cat        string
}

// sameContractPart reports whether two rows say the same of their
// contract: what the rows of one contract must agree on.
func sameContractPart(a, b parsedRow) bool {
	return unchangedContract(a.c, b.c) && a.vendor == b.vendor && a.cat == b.cat
}

func newParsedRow() parsedRow {
	return parsedRow{
		c: Contract{Status: StatusActive},
		l: LicenceLine{SeatsInUse: -1},
	}
}

func (p *contractParser) parse(t Table) ([]ContractImportRow, []RowProblem) {
	var (
		out      []ContractImportRow
		firsts   []parsedRow // the first row of each contract in out
		problems []RowProblem
		seen     = map[string]int{} // organization + number → index in out
	)
	for i, cells := range t.Rows {
		if isBlankRow(cells) {
			continue
		}
		rowNo := t.Line(i)
		bad := map[string]bool{} // columns with a problem in this row
		add := func(column string, e apperr.FieldError) {
			if bad[column] {
				return
			}
			bad[column] = true
			problems = append(problems, RowProblem{Row: rowNo, Column: p.column(column), FieldError: e})
		}
		r := newParsedRow()
		for _, f := range importFields {
			s := p.value(cells, f)
			if s == "" {
				continue
			}
			if f.line {
				r.hasLine = true
			}
			if e := f.set(&r, s); e.Code != "" {
				e.Field = f.field
				add(f.field, e)
			}
		}
		p.organization(&r, cells, add)

		key := r.c.Organization + "\x00" + r.c.Number
		if j, ok := seen[key]; ok && r.c.Organization != "" && r.c.Number != "" {
			p.continuation(firsts[j], cells, out[j].Row, add)
			if r.hasLine {
				p.checkLine(r, add)
				out[j].Lines = append(out[j].Lines, r.l)
				out[j].LineRows = append(out[j].LineRows, rowNo)
			}
			continue
		}

		if r.c.RenewalKind == "" {
			add("renewalKind", apperr.FieldError{Field: "renewalKind", Code: apperr.RequiredChoice, Args: []any{values(RenewalKinds())}})
		}
		// The same rules as every other way in: the API's validation, with
		// the vendor checked by reference (the service resolves it).
		for _, fe := range apperr.Fields(r.c.Validate()) {
			if fe.Field == "vendorId" {
				continue
			}
			add(columnForProblem(fe.Field), fe)
		}
		if r.vendor.Name == "" && r.vendor.KVK == "" {
			add("vendor", apperr.FieldError{Field: "vendor", Code: apperr.VendorRequired})
		}
		row := ContractImportRow{Row: rowNo, Contract: r.c, Vendor: r.vendor, Category: r.cat}
		if r.hasLine {
			p.checkLine(r, add)
			row.Lines, row.LineRows = []LicenceLine{r.l}, []int{rowNo}
		}
		seen[key] = len(out)
		out = append(out, row)
		firsts = append(firsts, r)
	}
	// Within a row, problems follow the columns from left to right.
	order := map[string]int{}
	for field, i := range p.cols {
		order[p.column(field)] = i
	}
	slices.SortStableFunc(problems, func(a, b RowProblem) int {
		if a.Row != b.Row {
			return cmp.Compare(a.Row, b.Row)
		}
		return cmp.Compare(order[a.Column], order[b.Column])
	})
	return out, problems
}

// organization fills the row's organization from the cell or the import's
// organization, and refuses a row that names another.
func (p *contractParser) organization(r *parsedRow, cells []string, add func(column string, e apperr.FieldError)) {
	code := normalizeOrgCode(cell(cells, p.cols, "organization"))
	switch {
	case code == "":
		code = p.opts.Organization
	case p.opts.Organization != "" && code != p.opts.Organization:
		add("organization", apperr.FieldError{Field: "organization", Code: apperr.ImportOtherOrganization, Args: []any{code, p.opts.Organization}})
	}
	r.c.Organization = code
}

// continuation checks a further row of a contract: each contract cell it
// fills must say what the contract's first row says.
func (p *contractParser) continuation(first parsedRow, cells []string, firstRow int, add func(column string, e apperr.FieldError)) {
	for _, f := range importFields {
		if f.line || f.field == "organization" || f.field == "number" {
			continue
		}
		s := p.value(cells, f)
		if s == "" {
			continue
		}
		got := first
		if e := f.set(&got, s); e.Code != "" {
			continue // reported already
		}
		if !sameContractPart(got, first) {
			add(f.field, apperr.FieldError{Field: f.field, Code: apperr.RowDiffers, Args: []any{s, firstRow}})
		}
	}
}

// checkLine validates the row's licence line.
func (p *contractParser) checkLine(r parsedRow, add func(column string, e apperr.FieldError)) {
	missing := func(field string, code apperr.Code, args ...any) {
		add(field, apperr.FieldError{Field: field, Code: code, Args: args})
	}
	if r.l.Product == "" {
		missing("product", apperr.LineRequired)
	}
	if r.l.Metric == "" {
		missing("metric", apperr.LineChoice, values(Metrics()))
	}
	if r.l.Quantity == 0 {
		missing("quantity", apperr.LineQuantity)
	}
	if r.l.PricePeriod == "" {
		missing("pricePeriod", apperr.LineChoice, values(PricePeriods()))
	}
	for _, fe := range apperr.Fields(r.l.Validate()) {
		add(columnForProblem(fe.Field), fe)
	}
	// A price left out is not a free licence: zero must be written.
	if !r.priceGiven {
		missing("unitPrice", apperr.LinePrice)
	}
}

// values lists the values of an enum in the API's spelling, as a problem
// names the values a column accepts.
func values[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// value returns the cell of field f in a row. In a column that wants a
// number, date or choice, a dash or "n.v.t." (not applicable) is how
// spreadsheets leave a cell empty, and counts as empty.
func (p *contractParser) value(cells []string, f importField) string {
	s := cell(cells, p.cols, f.field)
	if f.text || s == "" {
		return s
	}
	if k := importHeaderKey(s); strings.Trim(s, "-–—") == "" || k == "nvt" || k == "na" {
		return ""
	}
	return s
}

// € 1 trillion
