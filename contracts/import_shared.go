package contracts

import "github.com/samenkoop/samenkoop/internal/apperr"

// The pieces of the contract import other imports reuse (the mandates of
// a tender, in package procurement): columns matched by name, cells read
// the same way, organizations named the same way.

// MapImportColumns finds each column's index in header: a column matches
// its Header or any alias, compared by letters and digits only, without
// case and accents. A required column that is missing is apperr.Invalid
// naming it.
func MapImportColumns(header []string, columns []ImportColumn) (map[string]int, error) {
	aliases := make(map[string][]string, len(columns))
	var required []string
	for _, c := range columns {
		names := append([]string{c.Header, c.Field}, c.Aliases...)
		for i, n := range names {
			names[i] = foldAccents(n)
		}
		aliases[c.Field] = names
		if c.Required {
			required = append(required, c.Field)
		}
	}
	folded := make([]string, len(header))
	for i, h := range header {
		folded[i] = foldAccents(h)
	}
	return mapColumns(folded, aliases, required)
}

// ImportCell returns the trimmed cell of field in row, or "" when the
// column is absent or the row is short.
func ImportCell(row []string, cols map[string]int, field string) string {
	return cell(row, cols, field)
}

// ImportHeaderKey folds a header or a choice as the imports compare them:
// lower case letters and digits, accents removed ("Dagelijks bestuur" and
// "dagelijks_bestuur" are "dagelijksbestuur").
func ImportHeaderKey(s string) string { return importHeaderKey(s) }

// ImportDate reads a date cell as the contract import does (31-01-2026,
// 2026-01-31 or an Excel serial day); the problem has no field.
func ImportDate(s string) (Date, apperr.FieldError) {
	if looksLikeFormula(s) {
		return Date{}, apperr.FieldError{Code: apperr.Formula, Args: []any{s}}
	}
	d, err := importDate(s)
	if err != nil {
		return Date{}, apperr.Fields(err)[0]
	}
	return d, apperr.FieldError{}
}

// NormalizeOrgCode reads an organization code as the imports do: a bare
// number is a municipality's CBS number (363 → GM0363), GM and PV codes
// in upper case, others as written.
func NormalizeOrgCode(s string) string { return normalizeOrgCode(s) }
