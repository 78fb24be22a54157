package contracts

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl/parse"
)

// organizationColumns lists the header names accepted per field: the CBS
// publication's own ("Gemeentecode", "GemeentecodeGM", "Gemeentenaam",
// "Provincienaam", "ProvinciecodePV"), plain English and plain Dutch.
// Headers compare case-insensitively, ignoring spaces and punctuation.
var organizationColumns = map[string][]string{
	"code":           {"GemeentecodeGM", "Gemeentecode", "code", "organisatiecode"},
	"name":           {"Gemeentenaam", "name", "naam", "organisatienaam"},
	"kind":           {"kind", "soort", "type"},
	"provinceCode":   {"ProvinciecodePV", "Provinciecode", "province_code", "provinceCode"},
	"provinceName":   {"Provincienaam", "province_name", "provinceName", "provincie", "province"},
	"population":     {"population", "inwoners", "aantal inwoners", "bevolking", "Bevolking op 1 januari"},
	"populationDate": {"population_date", "populationDate", "peildatum", "peildatum inwoners"},
	"region":         {"region", "regio"},
}

var (
	digitsOnly   = regexp.MustCompile(`^[0-9]{1,4}$`)
	dottedNumber = regexp.MustCompile(`^[0-9]{1,3}([., ][0-9]{3})+$`)
)

// ParseOrganizationTable turns an organization table, as CBS publishes the
// municipal list, into organizations. Required columns are the code and the
// name. Numeric CBS codes (363, 0363) become GM0363; a kind column is
// optional (GM codes are municipalities, PV codes provinces, others
// "other"). It returns every bad row; the caller imports nothing when there
// is one. The error is apperr.Invalid when the table cannot be read at all.
func ParseOrganizationTable(t Table) ([]Organization, []RowProblem, error) {
	orgs, _, problems, err := parseOrganizationTable(t)
	return orgs, problems, err
}

// parseOrganizationTable is ParseOrganizationTable that also returns the
// row number of each organization, for problems found later.
func parseOrganizationTable(t Table) ([]Organization, []int, []RowProblem, error) {
	header := t.Header
	cols, err := mapColumns(header, organizationColumns, []string{"code", "name"})
	if err != nil {
		return nil, nil, nil, err
	}
	col := func(field string) string { return strings.TrimSpace(header[cols[field]]) }
	var out []Organization
	var lines []int
	var problems []RowProblem
	seen := map[string]int{}
	for i, r := range t.Rows {
		rowNo := t.Line(i)
		if isBlankRow(r) {
			continue
		}
		bad := func(field string, code apperr.Code, args ...any) {
			problems = append(problems, rowProblem(rowNo, col(field), field, code, args...))
		}
		n := len(problems)
		o := Organization{
			Code:   normalizeOrgCode(cell(r, cols, "code")),
			Name:   cell(r, cols, "name"),
			Region: cell(r, cols, "region"),
		}
		o.Kind = OrgKind(cell(r, cols, "kind"))
		if o.Kind == "" {
			o.Kind = kindFromCode(o.Code)
		} else if !o.Kind.Valid() {
			bad("kind", apperr.NotAChoice, string(o.Kind), values(OrgKinds()))
		}
		if code := ValidateCode(o.Code, o.Kind); code != "" {
			bad("code", code)
		} else if prev, dup := seen[o.Code]; dup {
			bad("code", apperr.DuplicateRow, o.Code, prev)
		}
		seen[o.Code] = rowNo
		if o.Name == "" {
			bad("name", apperr.Required)
		}
		pc, pn := cell(r, cols, "provinceCode"), cell(r, cols, "provinceName")
		if pc != "" {
			o.Province = normalizeProvinceCode(pc)
			if provinceNames[o.Province] == "" {
				bad("provinceCode", apperr.ProvinceCode)
			} else if pn != "" && ProvinceByName(pn) != o.Province {
				bad("provinceName", apperr.ProvinceMismatch, pn, o.Province, provinceNames[o.Province])
			}
		} else if pn != "" {
			if o.Province = ProvinceByName(pn); o.Province == "" {
				bad("provinceName", apperr.NotAProvince, pn)
			}
		}
		if o.Kind == KindProvince && o.Province == "" {
			o.Province = o.Code
		}
		if s := cell(r, cols, "population"); s != "" {
			p, err := parsePopulation(s)
			if fe := apperr.Fields(err); len(fe) > 0 {
				bad("population", fe[0].Code, fe[0].Args...)
			}
			o.Population = p
		}
		if s := cell(r, cols, "populationDate"); s != "" {
			d, err := parseImportDate(s)
			if err != nil {
				bad("populationDate", apperr.NotADate, s)
			}
			o.PopulationDate = d
		} else if o.Population > 0 {
			bad("population", apperr.PopulationNeedsDate)
		}
		if len(problems) == n {
			// The same rules as every other way in: a row the API would
			// refuse is refused here too (a name over 200 characters, a
			// province that does not match a province's own code).
			for _, fe := range apperr.Fields(o.Validate()) {
				problems = append(problems, RowProblem{Row: rowNo, Column: columnOf(header, cols, fe.Field), FieldError: fe})
			}
		}
		if len(problems) == n {
			out, lines = append(out, o), append(lines, rowNo)
		}
	}
	return out, lines, problems, nil
}

// columnOf names the column a validation problem with field came from.
func columnOf(header []string, cols map[string]int, field string) string {
	for _, f := range []string{field, field + "Code", field + "Name"} {
		if i, ok := cols[f]; ok {
			return strings.TrimSpace(header[i])
		}
	}
	return field
}

func isBlankRow(r []string) bool {
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// normalizeOrgCode turns CBS's numeric municipality code (363 or 0363) into
// GM0363 and upper-cases GM and PV prefixes.
func normalizeOrgCode(s string) string {
	if digitsOnly.MatchString(s) {
		return fmt.Sprintf("GM%04s", s)
	}
	if isCBSPrefixed(s, "GM") || isCBSPrefixed(s, "PV") {
		return strings.ToUpper(s)
	}
	return s
}

func normalizeProvinceCode(s string) string {
	if n, err := strconv.Atoi(s); err == nil {
		return fmt.Sprintf("PV%d", n)
	}
	return strings.ToUpper(s)
}

func kindFromCode(code string) OrgKind {
	switch {
	case isCBSPrefixed(code, "GM"):
		return KindMunicipality
	case isCBSPrefixed(code, "PV"):
		return KindProvince
	}
	return KindOther
}

// parsePopulation reads a whole number of inhabitants, with or without
// thousands separators (934.526, 934 526, or 934,526 as a spreadsheet
// formats it); a whole number cannot be mistaken for a decimal there.
func parsePopulation(s string) (int, error) {
	if dottedNumber.MatchString(s) {
		s = strings.NewReplacer(".", "", ",", "", " ", "").Replace(s)
	}
	n, err := strconv.Atoi(s)
	switch {
	case err != nil:
		return 0, apperr.FieldProblem("population", apperr.NotAWholeNumber, s)
	case n < 0:
		return 0, apperr.FieldProblem("population", apperr.Negative, n)
	}
	return n, nil
}

// parseImportDate reads a date cell as sheetDate does: ISO dates
// (2025-01-01), the Dutch way of writing them (1-1-2025, 01-01-2025) and
// Excel's serial day numbers (45658), which is what a date cell of a
// workbook holds. A date outside the bounds (MinDate..MaxDate) is refused.
func parseImportDate(s string) (Date, error) {
	d, err := sheetDate(s)
	if err == nil && !d.InBounds() {
		return Date{}, fmt.Errorf("%s %s", s, OutOfBoundsMessage(d))
	}
	return d, err
}

// sheetDate reads a date as a spreadsheet cell holds it: first as
// ParseDate does (ISO, also a year outside 0000–9999, so that a date out
// of bounds is reported as such), then as parse.SheetDate does
// (internal/nl/parse: 31-01-2026, 1-2-2026, an Excel serial day, with or
// without a midnight time).
func sheetDate(s string) (Date, error) {
	if d, err := ParseDate(s); err == nil {
		return d, nil
	}
	t, err := parse.SheetDate(s)
	if err != nil {
		return Date{}, err
	}
	return NewDate(t.Date()), nil
}
