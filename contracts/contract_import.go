package contracts

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl/parse"
)

// ImportColumn is one column the contract import knows. The template
// workbook (exports.ContractTemplate) writes Header; the import accepts
// Header and every alias, compared by letters and digits only, without
// case and accents: "Continuïteit/escrow", "continuiteit escrow" and
// "CONTINUITEIT-ESCROW" are one column.
type ImportColumn struct {
	// Field is the API's name of the field ("noticeMonths"); a problem with
	// the field is reported under the header the file used.
	Field string
	// Header is the Dutch column name of the template.
	Header string
	// Aliases are the other accepted names, Dutch and English.
	Aliases []string
	// Required columns must be present (Organisatie unless the import names
	// the organization; Leverancier or KvK-nummer, one of the two).
	Required bool
	// Line marks the columns of the row's licence line.
	Line bool
}

// contractColumns lists the columns in the template's order.
var contractColumns = []ImportColumn{
	{Field: "organization", Header: "Organisatie", Required: true,
		Aliases: []string{"organisatiecode", "organization", "organisation", "organizationCode", "gemeentecode", "code organisatie"}},
	{Field: "number", Header: "Contractnummer", Required: true,
		Aliases: []string{"number", "contract number", "contractNumber", "nummer", "contractnr", "kenmerk"}},
	{Field: "title", Header: "Omschrijving", Required: true,
		Aliases: []string{"titel", "title", "contractnaam", "naam contract", "onderwerp", "description"}},
	{Field: "vendor", Header: "Leverancier", Required: true,
		Aliases: []string{"vendor", "leveranciersnaam", "naam leverancier", "supplier", "vendorName"}},
	{Field: "kvk", Header: "KvK-nummer",
		Aliases: []string{"kvk", "kvknr", "kvk leverancier", "vendorKvk", "chamber of commerce number", "coc number"}},
	{Field: "category", Header: "Categorie", Aliases: []string{"category", "inkoopcategorie"}},
	{Field: "cpv", Header: "CPV", Aliases: []string{"cpv-code", "cpv code", "hoofd-cpv"}},
	{Field: "start", Header: "Ingangsdatum", Required: true,
		Aliases: []string{"startdatum", "start", "begindatum", "start date", "startDate", "ingang"}},
	{Field: "initialTermMonths", Header: "Looptijd (maanden)", Required: true,
		Aliases: []string{"looptijd", "looptijd in maanden", "initiele looptijd", "initialTermMonths", "initial term", "initial term (months)", "term (months)"}},
	{Field: "renewalKind", Header: "Verlenging", Required: true,
		Aliases: []string{"soort verlenging", "verlengingsvorm", "renewal", "renewalKind", "renewal kind"}},
	{Field: "renewalPeriodMonths", Header: "Verlengingsperiode (maanden)",
		Aliases: []string{"verlengingsperiode", "verlengingstermijn", "renewalPeriodMonths", "renewal period", "renewal period (months)"}},
	{Field: "maxRenewals", Header: "Maximaal aantal verlengingen",
		Aliases: []string{"max aantal verlengingen", "max. verlengingen", "maximaal verlengingen", "maxRenewals", "maximum renewals", "max renewals"}},
	{Field: "maxEnd", Header: "Uiterste einddatum",
		Aliases: []string{"maximale einddatum", "uiterlijke einddatum", "maxEnd", "max end", "maximum end date"}},
	{Field: "renewalsExercised", Header: "Gelichte opties",
		Aliases: []string{"benutte verlengingen", "gebruikte opties", "renewalsExercised", "renewals exercised", "options exercised"}},
	{Field: "noticeMonths", Header: "Opzegtermijn (maanden)",
		Aliases: []string{"opzegtermijn", "opzegtermijn in maanden", "noticeMonths", "notice period", "notice period (months)", "notice (months)"}},
	{Field: "noticeDays", Header: "Opzegtermijn (dagen)",
		Aliases: []string{"opzegtermijn in dagen", "noticeDays", "notice period (days)", "notice (days)"}},
	{Field: "noticeEndsAnyDay", Header: "Opzegging op elke dag",
		Aliases: []string{"opzeggen op elke dag", "opzegging elke dag", "einde op elke dag", "noticeEndsAnyDay", "notice ends any day", "notice on any day"}},
	{Field: "leadDays", Header: "Interne doorlooptijd (dagen)",
		Aliases: []string{"interne doorlooptijd", "doorlooptijd", "doorlooptijd (dagen)", "leadDays", "lead time", "lead time (days)", "lead days"}},
	{Field: "noticeGivenOn", Header: "Opgezegd op",
		Aliases: []string{"opzegdatum", "datum opzegging", "noticeGivenOn", "notice given on"}},
	{Field: "annualValue", Header: "Jaarwaarde",
		Aliases: []string{"jaarwaarde (euro)", "waarde per jaar", "jaarbedrag", "annualValue", "annual value"}},
	{Field: "status", Header: "Status", Aliases: []string{"contractstatus"}},
	{Field: "exitPlan", Header: "Exitplan", Aliases: []string{"exit plan", "exitstrategie", "exitPlan"}},
	{Field: "openData", Header: "Open data",
		Aliases: []string{"open standaard", "data-export", "openData", "open data export"}},
	{Field: "continuity", Header: "Continuïteit/escrow",
		Aliases: []string{"continuiteit", "escrow", "continuity", "continuity/escrow"}},
	{Field: "sourceRights", Header: "Broncode",
		Aliases: []string{"bronrechten", "broncoderechten", "rechten op broncode", "sourceRights", "source rights", "source code"}},
	{Field: "businessCritical", Header: "Bedrijfskritisch",
		Aliases: []string{"bedrijfskritiek", "businessCritical", "business critical"}},
	{Field: "interfaces", Header: "Koppelingen",
		Aliases: []string{"aantal koppelingen", "interfaces", "number of interfaces"}},
	{Field: "notes", Header: "Opmerkingen", Aliases: []string{"notities", "toelichting", "notes", "remarks"}},
	{Field: "product", Header: "Product", Line: true,
		Aliases: []string{"licentieproduct", "licentie", "product name"}},
	{Field: "metric", Header: "Metriek", Line: true,
		Aliases: []string{"licentiemetriek", "licentievorm", "metric", "licence metric", "license metric"}},
	{Field: "quantity", Header: "Aantal", Line: true,
		Aliases: []string{"aantal licenties", "quantity", "licences", "licenses"}},
	{Field: "seatsInUse", Header: "In gebruik", Line: true,
		Aliases: []string{"aantal in gebruik", "seatsInUse", "seats in use", "in use"}},
	{Field: "unitPrice", Header: "Prijs per eenheid", Line: true,
		Aliases: []string{"eenheidsprijs", "stuksprijs", "prijs", "unitPrice", "unit price"}},
	{Field: "pricePeriod", Header: "Prijsperiode", Line: true,
		Aliases: []string{"periode", "pricePeriod", "price period", "per"}},
}

// ContractColumns returns the columns of the contract import in the
// template's order.
func ContractColumns() []ImportColumn {
	out := make([]ImportColumn, len(contractColumns))
	for i, c := range contractColumns {
		c.Aliases = append([]string(nil), c.Aliases...)
		out[i] = c
	}
	return out
}

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
		return nil, tableError("the file has no header row")
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
	var missing []string
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
		}
	}
	if len(missing) > 0 {
		return nil, tableError("missing required column " + strings.Join(missing, "; "))
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

// importField parses one column's cell into a row.
type importField struct {
	field string
	line  bool
	// text columns keep every cell as written.
	text bool
	// set parses a non-empty cell; it returns the problem with it (its
	// Field left empty), or none (no Code).
	set func(r *parsedRow, s string) apperr.FieldError
}

// noProblem is set's answer for a cell without a problem.
var noProblem apperr.FieldError

// cellProblem is set's answer for a cell with a problem: code with args.
func cellProblem(code apperr.Code, args ...any) apperr.FieldError {
	return apperr.FieldError{Code: code, Args: args}
}

var importFields = []importField{
	{field: "number", text: true, set: func(r *parsedRow, s string) apperr.FieldError { r.c.Number = s; return noProblem }},
	{field: "title", text: true, set: func(r *parsedRow, s string) apperr.FieldError { r.c.Title = s; return noProblem }},
	{field: "vendor", text: true, set: func(r *parsedRow, s string) apperr.FieldError { r.vendor.Name = s; return noProblem }},
	{field: "kvk", set: func(r *parsedRow, s string) apperr.FieldError {
		k := strings.NewReplacer(" ", "", ".", "").Replace(s)
		if !kvkSyntax.MatchString(k) {
			return cellProblem(apperr.KvKCell, s)
		}
		r.vendor.KVK = k
		return noProblem
	}},
	{field: "category", text: true, set: func(r *parsedRow, s string) apperr.FieldError { r.cat = s; return noProblem }},
	{field: "cpv", text: true, set: func(r *parsedRow, s string) apperr.FieldError { r.c.CPV = s; return noProblem }},
	{field: "start", set: dateField(func(r *parsedRow) *Date { return &r.c.Start })},
	{field: "initialTermMonths", set: wholeField(func(r *parsedRow) *int { return &r.c.InitialTermMonths })},
	{field: "renewalKind", set: choiceField(renewalChoices, values(RenewalKinds()),
		func(r *parsedRow, v string) { r.c.RenewalKind = RenewalKind(v) })},
	{field: "renewalPeriodMonths", set: wholeField(func(r *parsedRow) *int { return &r.c.RenewalPeriodMonths })},
	{field: "maxRenewals", set: wholeField(func(r *parsedRow) *int { return &r.c.MaxRenewals })},
	{field: "maxEnd", set: dateField(func(r *parsedRow) *Date { return &r.c.MaxEnd })},
	{field: "renewalsExercised", set: wholeField(func(r *parsedRow) *int { return &r.c.RenewalsExercised })},
	{field: "noticeMonths", set: wholeField(func(r *parsedRow) *int { return &r.c.NoticeMonths })},
	{field: "noticeDays", set: wholeField(func(r *parsedRow) *int { return &r.c.NoticeDays })},
	{field: "noticeEndsAnyDay", set: boolField(func(r *parsedRow) *bool { return &r.c.NoticeEndsAnyDay })},
	{field: "leadDays", set: wholeField(func(r *parsedRow) *int { return &r.c.LeadDays })},
	{field: "noticeGivenOn", set: dateField(func(r *parsedRow) *Date { return &r.c.NoticeGivenOn })},
	{field: "annualValue", set: moneyField(func(r *parsedRow) *Money { return &r.c.AnnualValue })},
	{field: "status", set: choiceField(statusChoices, values(ContractStatuses()),
		func(r *parsedRow, v string) { r.c.Status = ContractStatus(v) })},
	{field: "exitPlan", set: boolField(func(r *parsedRow) *bool { return &r.c.Exit.ExitPlan })},
	{field: "openData", set: boolField(func(r *parsedRow) *bool { return &r.c.Exit.OpenData })},
	{field: "continuity", set: boolField(func(r *parsedRow) *bool { return &r.c.Exit.Continuity })},
	{field: "sourceRights", set: boolField(func(r *parsedRow) *bool { return &r.c.Exit.SourceRights })},
	{field: "businessCritical", set: boolField(func(r *parsedRow) *bool { return &r.c.Exit.BusinessCritical })},
	{field: "interfaces", set: wholeField(func(r *parsedRow) *int { return &r.c.Exit.Interfaces })},
	{field: "notes", text: true, set: func(r *parsedRow, s string) apperr.FieldError { r.c.Notes = s; return noProblem }},
	{field: "product", line: true, text: true, set: func(r *parsedRow, s string) apperr.FieldError { r.l.Product = s; return noProblem }},
	{field: "metric", line: true, set: choiceField(metricChoices, values(Metrics()),
		func(r *parsedRow, v string) { r.l.Metric = Metric(v) })},
	{field: "quantity", line: true, set: func(r *parsedRow, s string) apperr.FieldError {
		if k := importHeaderKey(s); k == "onbeperkt" || k == "unlimited" || k == "ongelimiteerd" {
			r.l.Quantity = Unlimited
			return noProblem
		}
		return wholeField(func(r *parsedRow) *int { return &r.l.Quantity })(r, s)
	}},
	{field: "seatsInUse", line: true, set: func(r *parsedRow, s string) apperr.FieldError {
		if k := importHeaderKey(s); k == "onbekend" || k == "unknown" {
			r.l.SeatsInUse = -1
			return noProblem
		}
		return wholeField(func(r *parsedRow) *int { return &r.l.SeatsInUse })(r, s)
	}},
	{field: "unitPrice", line: true, set: func(r *parsedRow, s string) apperr.FieldError {
		r.priceGiven = true
		return moneyField(func(r *parsedRow) *Money { return &r.l.UnitPrice })(r, s)
	}},
	{field: "pricePeriod", line: true, set: choiceField(pricePeriodChoices, values(PricePeriods()),
		func(r *parsedRow, v string) { r.l.PricePeriod = PricePeriod(v) })},
}

// The accepted words per choice, folded by importHeaderKey, Dutch first.
var (
	renewalChoices = map[string]string{
		"geen": "none", "geenverlenging": "none", "nee": "none", "none": "none", "no": "none",
		"stilzwijgend": "tacit", "stilzwijgende": "tacit", "stilzwijgendeverlenging": "tacit", "automatisch": "tacit", "tacit": "tacit", "automatic": "tacit",
		"optie": "express", "opties": "express", "optioneel": "express", "verlengingsoptie": "express", "express": "express", "option": "express",
		"onbepaaldetijd": "indefinite", "daarnavooronbepaaldetijd": "indefinite", "vooronbepaaldetijd": "indefinite", "onbepaald": "indefinite",
		"doorlopend": "indefinite", "indefinite": "indefinite", "indefinitely": "indefinite", "openended": "indefinite",
	}
	statusChoices = map[string]string{
		"concept": "draft", "draft": "draft",
		"actief": "active", "lopend": "active", "active": "active",
		"beeindigd": "terminated", "ontbonden": "terminated", "terminated": "terminated",
	}
	metricChoices = map[string]string{
		"benoemdegebruiker": "named_user", "gebruiker": "named_user", "pergebruiker": "named_user", "nameduser": "named_user",
		"gelijktijdigegebruiker": "concurrent", "gelijktijdig": "concurrent", "concurrent": "concurrent", "concurrentuser": "concurrent",
		"apparaat": "device", "perapparaat": "device", "device": "device",
		"perinwoner": "per_inhabitant", "inwoner": "per_inhabitant", "perinhabitant": "per_inhabitant",
		"organisatiebreed": "enterprise", "enterprise": "enterprise",
	}
	pricePeriodChoices = map[string]string{
		"maand": "month", "permaand": "month", "maandelijks": "month", "month": "month", "monthly": "month", "permonth": "month",
		"jaar": "year", "perjaar": "year", "jaarlijks": "year", "year": "year", "yearly": "year", "annual": "year", "peryear": "year",
		"eenmalig": "once", "once": "once", "oneoff": "once",
	}
	boolChoices = map[string]bool{
		"ja": true, "j": true, "yes": true, "y": true, "true": true, "waar": true, "1": true, "x": true,
		"nee": false, "n": false, "no": false, "false": false, "onwaar": false, "0": false,
	}
)

// looksLikeFormula reports whether a cell starts as a spreadsheet formula
// does (=, +, -, @) without being a plain number such as -12 or +3,5.
func looksLikeFormula(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '@':
		return true
	case '+', '-':
		return !plainNumber.MatchString(s[1:])
	}
	return false
}

var plainNumber = regexp.MustCompile(`^\s*(€\s*)?[0-9][0-9., ]*$`)

func dateField(dst func(*parsedRow) *Date) func(*parsedRow, string) apperr.FieldError {
	return func(r *parsedRow, s string) apperr.FieldError {
		if looksLikeFormula(s) {
			return cellProblem(apperr.Formula, s)
		}
		d, err := importDate(s)
		if err != nil {
			return apperr.Fields(err)[0]
		}
		*dst(r) = d
		return noProblem
	}
}

func wholeField(dst func(*parsedRow) *int) func(*parsedRow, string) apperr.FieldError {
	return func(r *parsedRow, s string) apperr.FieldError {
		if looksLikeFormula(s) {
			return cellProblem(apperr.Formula, s)
		}
		n, err := importWhole(s)
		if err != nil {
			return apperr.Fields(err)[0]
		}
		*dst(r) = n
		return noProblem
	}
}

func moneyField(dst func(*parsedRow) *Money) func(*parsedRow, string) apperr.FieldError {
	return func(r *parsedRow, s string) apperr.FieldError {
		if looksLikeFormula(s) {
			return cellProblem(apperr.Formula, s)
		}
		m, err := importMoney(s)
		if err != nil {
			return apperr.Fields(err)[0]
		}
		*dst(r) = m
		return noProblem
	}
}

func boolField(dst func(*parsedRow) *bool) func(*parsedRow, string) apperr.FieldError {
	return func(r *parsedRow, s string) apperr.FieldError {
		if looksLikeFormula(s) {
			return cellProblem(apperr.Formula, s)
		}
		v, found := boolChoices[importHeaderKey(s)]
		if !found {
			return cellProblem(apperr.NotYesNo, s)
		}
		*dst(r) = v
		return noProblem
	}
}

// choiceField reads a choice: a word of choices, which map to the API's
// values; a problem names the values (want).
func choiceField(choices map[string]string, want []string, set func(*parsedRow, string)) func(*parsedRow, string) apperr.FieldError {
	return func(r *parsedRow, s string) apperr.FieldError {
		if looksLikeFormula(s) {
			return cellProblem(apperr.Formula, s)
		}
		v, found := choices[importHeaderKey(s)]
		if !found {
			return cellProblem(apperr.NotAChoice, s, want)
		}
		set(r, v)
		return noProblem
	}
}

// importDate reads a date cell as sheetDate does (31-01-2026, 2026-01-31,
// an Excel serial day, also with a midnight time a spreadsheet may add:
// "31-01-2026 00:00"). Dates before 1950 or after 2150 are refused: they
// come from a number that was never a date (a year, an amount) read as a
// serial day. The error is apperr.FieldErrors without a field.
func importDate(s string) (Date, error) {
	d, err := sheetDate(s)
	if err != nil {
		return Date{}, apperr.FieldProblem("", apperr.NotADate, s)
	}
	if d.Year() < 1950 || d.Year() > 2150 {
		return Date{}, apperr.FieldProblem("", apperr.ImplausibleDate, s, apperr.Day(d.String()))
	}
	return d, nil
}

// importWhole reads a whole number: 36, -1, or with Dutch thousands dots
// (1.500). A comma is refused: in Dutch it starts decimals. The error is
// apperr.FieldErrors without a field.
func importWhole(s string) (int, error) {
	t := strings.ReplaceAll(s, " ", "")
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(strings.TrimPrefix(t, "-"), "+")
	if dottedNumber.MatchString(t) {
		t = strings.ReplaceAll(t, ".", "")
	}
	if t == "" || strings.Trim(t, "0123456789") != "" || len(t) > 9 {
		return 0, apperr.FieldProblem("", apperr.NotAWholeNumber, s)
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		return 0, apperr.FieldProblem("", apperr.NotAWholeNumber, s)
	}
	if neg {
		n = -n
	}
	return n, nil
}

// maxImportMoney caps an amount (in cents) far above any contract value,
// so that no sum of them overflows.
const maxImportMoney = MaxMoney // € 1 trillion

// importMoney reads an amount cell in euros into cents as the forms do
// (parse.Cents, internal/nl/parse: € 1.234,56, 1234.56, 1,234.56, with
// "EUR" or a trailing ",-"), and refuses one above maxImportMoney. A
// minus sign is kept: the validation then refuses it with the API's
// message. The error is apperr.FieldErrors without a field.
func importMoney(s string) (Money, error) {
	c, err := parse.Cents(s)
	var me *parse.MoneyError
	switch {
	case errors.As(err, &me) && me.Kind == parse.MoneyTooLarge:
		return 0, apperr.FieldProblem("", apperr.MoneyCap, apperr.Cents(maxImportMoney))
	case errors.As(err, &me) && moneyProblems[me.Kind] != "":
		return 0, apperr.FieldProblem("", moneyProblems[me.Kind], s)
	case err != nil:
		return 0, apperr.FieldProblem("", apperr.NotAnAmount, s)
	case c > int64(maxImportMoney) || c < -int64(maxImportMoney):
		return 0, apperr.FieldProblem("", apperr.MoneyCap, apperr.Cents(maxImportMoney))
	}
	return Money(c), nil
}

// moneyProblems are the codes of what parse.Cents finds wrong with an
// amount, where it says more than NotAnAmount.
var moneyProblems = map[parse.MoneyProblem]apperr.Code{
	parse.MoneyAmbiguous: apperr.AmountAmbiguous, parse.MoneyGrouping: apperr.AmountGrouping, parse.MoneyCents: apperr.AmountCents,
}

// foldAccents replaces the accented Latin letters of Dutch, Frisian and
// their neighbours by their plain letter, so that "Continuïteit" and
// "continuiteit" match. It expects lower-case input.
func foldAccents(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if f, ok := accentFold[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

var accentFold = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ĳ': "ij", 'ø': "o", 'ł': "l"}
	for plain, accented := range map[string]string{
		"a": "àáâãäåāăą", "c": "çćčĉċ", "e": "èéêëēĕėęě", "i": "ìíîïĩīĭįı", "n": "ñńņň",
		"o": "òóôõöōŏő", "u": "ùúûüũūŭůűų", "y": "ýÿŷ", "s": "śšş", "z": "źżž", "g": "ğ", "d": "ď", "r": "řŕ", "t": "ťţ", "w": "ŵ",
	} {
		for _, r := range accented {
			m[r] = plain
		}
	}
	return m
}()
