package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
)

// Finding is one stored value outside the bounds the domain now enforces
// (contracts/bounds.go): a date outside 1900-01-01..2199-12-31, an amount
// or count over its cap, a control character in text. Rows like these were
// accepted before the bounds existed; they break the lists, exports and
// sums they are part of.
type Finding struct {
	Table string
	// ID names the row: its id, or what identifies it when the table has
	// none of its own (a licence line by contract and position).
	ID      string
	Field   string
	Value   string
	Problem string
	// Repair says how to fix the row: the API call (or form) that changes
	// the field, or the SQL statement for what no API changes.
	Repair string
}

// doctorColumn is a column to check, with how to name and repair its rows.
type doctorColumn struct {
	table, column, field string
	// from joins what id and repair refer to; id is the SQL expression
	// naming the row, ref what the repair hint fills in.
	from, id, ref string
	repair        string
	multiline     bool
}

// Dates as stored are YYYY-MM-DD; a year outside 0000–9999 is longer.
const outOfRangeDate = `%[1]s <> '' AND (length(%[1]s) <> 10 OR %[1]s < '1900-01-01' OR %[1]s > '2199-12-31')`

const (
	contractRepair    = "PATCH /api/v1/contracts/%s with %s in range (or the form /contracten/%[1]s/bewerken); DELETE /api/v1/contracts/%[1]s removes it"
	derivedRepair     = "derived from start, term and renewals: PATCH /api/v1/contracts/%s with a start or term in range recomputes it; DELETE /api/v1/contracts/%[1]s removes it"
	lineRepair        = "PATCH /api/v1/contracts/%s with licenceLines corrected (%s)"
	orgRepair         = "PATCH /api/v1/organizations/%s with %s corrected"
	vendorRepair      = "PATCH /api/v1/vendors/%s with %s corrected"
	demandRepair      = "PUT /api/v1/demand/%s with %s corrected (or the form /behoefte/%[1]s/bewerken)"
	tenderRepair      = "PUT /api/v1/tenders/%s with %s corrected (before publication; afterwards in SQL after samenkoop backup: UPDATE tenders SET … WHERE id = %[1]s)"
	lotRepair         = "PUT /api/v1/tenders/%s with %s corrected (before publication)"
	participantRepair = "PUT /api/v1/tenders/%s with %s corrected (before publication)"
	requirementRepair = "PUT /api/v1/tenders/%s with %s corrected (before publication)"
	categoryRepair    = "in SQL after samenkoop backup: UPDATE categories SET name = '…' WHERE id = %s (%s)"
	cpvRepair         = "import the CPV list again (samenkoop import cpv FILE) with the %[2]s of %[1]s corrected"
)

var (
	contractCol = func(column, field string) doctorColumn {
		return doctorColumn{table: "contracts", column: "t." + column, field: field, from: "contracts t",
			id: "t.id", ref: "t.id", repair: contractRepair}
	}
	derivedCol = func(column, field string) doctorColumn {
		c := contractCol(column, field)
		c.repair = derivedRepair
		return c
	}
	lineCol = func(column, field string) doctorColumn {
		return doctorColumn{table: "licence_lines", column: "t." + column, field: field, from: "licence_lines t",
			id: "'contract ' || t.contract_id || ' line ' || (t.position + 1)", ref: "t.contract_id", repair: lineRepair}
	}
	orgCol = func(column, field string) doctorColumn {
		return doctorColumn{table: "organizations", column: "t." + column, field: field, from: "organizations t",
			id: "t.code", ref: "t.code", repair: orgRepair}
	}
	demandCol = func(column, field string) doctorColumn {
		return doctorColumn{table: "demand", column: "t." + column, field: field, from: "demand t",
			id: "t.id", ref: "t.id", repair: demandRepair}
	}
	tenderCol = func(column, field string) doctorColumn {
		return doctorColumn{table: "tenders", column: "t." + column, field: field, from: "tenders t",
			id: "t.id", ref: "t.id", repair: tenderRepair}
	}
	lotCol = func(column, field string) doctorColumn {
		return doctorColumn{table: "lots", column: "t." + column, field: field, from: "lots t",
			id: "t.id", ref: "t.tender_id || '/lots/' || t.id", repair: lotRepair}
	}
	participantCol = func(column, field, sub string) doctorColumn {
		return doctorColumn{table: "participants", column: "t." + column, field: field,
			from: "participants t JOIN organizations o ON o.id = t.organization_id",
			id:   "'tender ' || t.tender_id || ' ' || o.code", ref: "t.tender_id || '/participants/' || o.code" + sub, repair: participantRepair}
	}
	volumeCol = func(column, field string) doctorColumn {
		return doctorColumn{table: "participant_volumes", column: "t." + column, field: field,
			from: "participant_volumes t JOIN participants p ON p.id = t.participant_id JOIN organizations o ON o.id = p.organization_id",
			id:   "'tender ' || p.tender_id || ' ' || o.code || ' lot ' || t.lot_id", ref: "p.tender_id || '/participants/' || o.code", repair: participantRepair}
	}
)

// doctorDates are the stored dates, derived ones included.
var doctorDates = []doctorColumn{
	contractCol("start_date", "start"), contractCol("max_end", "maxEnd"), contractCol("notice_given_on", "noticeGivenOn"),
	derivedCol("current_end", "currentEnd"), derivedCol("committed_end", "committedEnd"), derivedCol("notice_deadline", "noticeDeadline"),
	derivedCol("action_date", "actionDate"), derivedCol("option_decision", "optionDecision"), derivedCol("final_end", "finalEnd"),
	lineCol("start_date", "start"), lineCol("end_date", "end"),
	orgCol("population_date", "populationDate"),
	demandCol("desired_start", "desiredStart"),
	tenderCol("publication", "publication"), tenderCol("needed_start", "neededStart"), tenderCol("tender_deadline", "tenderDeadline"),
	tenderCol("award_decision", "awardDecision"),
	participantCol("joined", "joined", ""), participantCol("mandate_requested", "mandate.requested", " || '/mandate'"),
	participantCol("mandate_signed", "mandate.signed", " || '/mandate'"),
}

// maxNoticeMonths is the longest notice in months the contract validation
// accepts (contracts.Contract.Validate: 50 years).
const maxNoticeMonths = 600

// doctorIndefinite are the combinations a tender with an indefinite term
// may not have (procurement.Tender.Validate), as SQL conditions on the
// tenders row t with the problem they are.
var doctorIndefinite = []struct{ where, problem string }{
	{"t.total_price = 1", "an indefinite term with a total price: its value is the monthly value × 48 (Aw 2012 art. 2.16)"},
	{"EXISTS (SELECT 1 FROM tender_options o WHERE o.tender_id = t.id)", "an indefinite term with extension options"},
	{"t.framework = 1 AND t.framework_justified = 0", "an indefinite framework agreement without an objective justification (Aw 2012 art. 2.140)"},
}

// doctorCap is a number column with its cap.
type doctorCap struct {
	doctorColumn
	max  int64
	what string
}

// doctorCaps are the stored amounts and counts.
var doctorCaps = []doctorCap{
	{contractCol("annual_value", "annualValue"), int64(contracts.MaxMoney), "money"},
	{contractCol("interfaces", "interfaces"), contracts.MaxInterfaces, "count"},
	{contractCol("notice_days", "noticeDays"), contracts.MaxNoticeDays, "days"},
	{contractCol("notice_months", "noticeMonths"), maxNoticeMonths, "months"},
	{lineCol("quantity", "quantity"), contracts.MaxQuantity, "quantity"},
	{lineCol("seats_in_use", "seatsInUse"), contracts.MaxQuantity, "quantity"},
	{lineCol("unit_price", "unitPrice"), int64(contracts.MaxMoney), "money"},
	{orgCol("population", "population"), contracts.MaxPopulation, "count"},
	{demandCol("quantity", "quantity"), contracts.MaxQuantity, "quantity"},
	{demandCol("annual_budget", "annualBudget"), int64(contracts.MaxMoney), "money"},
	{lotCol("unit_price", "unitPrice"), int64(contracts.MaxMoney), "money"},
	{volumeCol("quantity", "volumes.quantity"), contracts.MaxQuantity, "quantity"},
	{volumeCol("annual", "volumes.annual"), int64(contracts.MaxMoney), "money"},
}

// doctorTexts are the stored free texts; multiline ones may hold tab and
// newlines.
var doctorTexts = func() []doctorColumn {
	ml := func(c doctorColumn) doctorColumn { c.multiline = true; return c }
	return []doctorColumn{
		contractCol("number", "number"), contractCol("title", "title"), ml(contractCol("notes", "notes")),
		lineCol("product", "product"),
		orgCol("name", "name"), orgCol("region", "region"),
		{table: "vendors", column: "t.name", field: "name", from: "vendors t", id: "t.id", ref: "t.id", repair: vendorRepair},
		{table: "categories", column: "t.name", field: "name", from: "categories t", id: "t.id", ref: "t.id", repair: categoryRepair},
		{table: "cpv_codes", column: "t.label", field: "label", from: "cpv_codes t", id: "t.code", ref: "t.code", repair: cpvRepair},
		{table: "cpv_codes", column: "t.label_en", field: "labelEN", from: "cpv_codes t", id: "t.code", ref: "t.code", repair: cpvRepair},
		demandCol("unit", "unit"), ml(demandCol("notes", "notes")),
		tenderCol("title", "title"), ml(tenderCol("description", "description")), ml(tenderCol("procedure_justification", "procedureJustification")),
		lotCol("title", "title"), lotCol("unit", "unit"),
		participantCol("mandate_reference", "mandate.reference", " || '/mandate'"),
		ml(doctorColumn{table: "requirements", column: "t.text", field: "text", from: "requirements t", id: "t.id",
			ref: "t.tender_id || '/requirements/' || t.id", repair: requirementRepair}),
	}
}()

// Doctor scans the database for values outside the domain's bounds and
// returns one Finding per value, by table and row; it also recounts the
// contract list's counters (doctorCounts). It only reads.
func (st *Store) Doctor(ctx context.Context) ([]Finding, error) {
	var out []Finding
	add := func(c doctorColumn, id, ref, value, problem string) {
		out = append(out, Finding{Table: c.table, ID: id, Field: c.field, Value: value, Problem: problem,
			Repair: fmt.Sprintf(c.repair, ref, c.field)})
	}
	for _, c := range doctorDates {
		q := fmt.Sprintf(`SELECT %s, %s, %s FROM %s WHERE %s ORDER BY 1`, c.id, c.ref, c.column, c.from, fmt.Sprintf(outOfRangeDate, c.column))
		err := st.doctorRows(ctx, q, func(id, ref, v string) {
			add(c, id, ref, v, "date outside 1900-01-01..2199-12-31")
		})
		if err != nil {
			return nil, err
		}
	}
	for _, c := range doctorCaps {
		q := fmt.Sprintf(`SELECT %s, %s, %s FROM %s WHERE %s > %d OR %s < -1 ORDER BY 1`, c.id, c.ref, c.column, c.from, c.column, c.max, c.column)
		err := st.doctorRows(ctx, q, func(id, ref, v string) {
			add(c.doctorColumn, id, ref, v, fmt.Sprintf("%s outside 0..%d", c.what, c.max))
		})
		if err != nil {
			return nil, err
		}
	}
	// A licence line's price per period is bounded too: quantity × unit
	// price (the division keeps the comparison free of overflow).
	price := lineCol("unit_price", "unitPrice")
	q := fmt.Sprintf(`SELECT %s, %s, t.quantity || ' × ' || t.unit_price FROM %s
		WHERE t.quantity > 0 AND t.unit_price > 0 AND t.unit_price <= %d AND t.quantity <= %d AND t.unit_price > %d / t.quantity ORDER BY 1`,
		price.id, price.ref, price.from, int64(contracts.MaxMoney), contracts.MaxQuantity, int64(contracts.MaxMoney))
	err := st.doctorRows(ctx, q, func(id, ref, v string) {
		add(price, id, ref, v, fmt.Sprintf("quantity × unit price over %d cents", int64(contracts.MaxMoney)))
	})
	if err != nil {
		return nil, err
	}
	for _, c := range doctorTexts {
		q := fmt.Sprintf(`SELECT %s, %s, %s FROM %s ORDER BY 1`, c.id, c.ref, c.column, c.from)
		err := st.doctorRows(ctx, q, func(id, ref, v string) {
			if r, at, bad := contracts.ControlChar(v, c.multiline); bad {
				add(c, id, ref, quoteValue(v), fmt.Sprintf("control character %U at byte %d", r, at))
			}
		})
		if err != nil {
			return nil, err
		}
	}
	// A tender that runs on indefinitely has no total price, options or
	// unjustified framework (migration 0009).
	term := tenderCol("term_indefinite", "termIndefinite")
	for _, c := range doctorIndefinite {
		q := fmt.Sprintf(`SELECT %s, %s, %s FROM %s WHERE %s = 1 AND %s ORDER BY 1`, term.id, term.ref, term.column, term.from, term.column, c.where)
		err := st.doctorRows(ctx, q, func(id, ref, v string) {
			add(term, id, ref, v, c.problem)
		})
		if err != nil {
			return nil, err
		}
	}
	bands, err := st.doctorPolicyBands(ctx)
	if err != nil {
		return nil, err
	}
	counts, err := st.doctorCounts(ctx)
	if err != nil {
		return nil, err
	}
	return slices.Concat(out, bands, counts), nil
}

// doctorRows runs q, whose rows are (id, ref, value), and calls fn per row.
func (st *Store) doctorRows(ctx context.Context, q string, fn func(id, ref, value string)) error {
	rows, err := st.read().QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("store: doctor: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, ref, v string
		if err := rows.Scan(&id, &ref, &v); err != nil {
			return fmt.Errorf("store: doctor: %w", err)
		}
		fn(id, ref, v)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: doctor: %w", err)
	}
	return nil
}

// doctorPolicyBands checks the organizations' procurement-policy bands,
// kept as JSON in the settings: the supplies and services bands and, when
// set, the works bands.
func (st *Store) doctorPolicyBands(ctx context.Context) ([]Finding, error) {
	const prefix = "procurement.policyBands."
	rows, err := st.read().QueryContext(ctx, `SELECT key, value FROM settings WHERE key LIKE 'procurement.policyBands.%' ORDER BY key`)
	if err != nil {
		return nil, fmt.Errorf("store: doctor: %w", err)
	}
	defer rows.Close()
	var out []Finding
	for rows.Next() {
		var key, value string
		if err := rows.Scan(&key, &value); err != nil {
			return nil, fmt.Errorf("store: doctor: %w", err)
		}
		org := strings.TrimPrefix(key, prefix)
		repair := fmt.Sprintf("PUT /api/v1/organizations/%s/procurement-policy with bands up to %d cents", org, int64(contracts.MaxMoney))
		var b map[string]json.Number
		if err := json.Unmarshal([]byte(value), &b); err != nil {
			out = append(out, Finding{Table: "settings", ID: key, Field: "value", Value: quoteValue(value), Problem: "not the JSON of policy bands", Repair: repair})
			continue
		}
		for _, field := range []string{"singleSourceBelow", "multiplePrivateBelow", "worksSingleSourceBelow", "worksMultiplePrivateBelow"} {
			if b[field] == "" {
				continue
			}
			n, err := b[field].Int64()
			if err != nil || n < 0 || n > int64(contracts.MaxMoney) {
				out = append(out, Finding{Table: "settings", ID: key, Field: field, Value: b[field].String(),
					Problem: fmt.Sprintf("money outside 0..%d", int64(contracts.MaxMoney)), Repair: repair})
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: doctor: %w", err)
	}
	return out, nil
}

// quoteValue shows a text with its control characters escaped, shortened
// to 80 characters.
func quoteValue(s string) string {
	if r := []rune(s); len(r) > 80 {
		s = string(r[:80]) + "…"
	}
	return fmt.Sprintf("%+q", s)
}
