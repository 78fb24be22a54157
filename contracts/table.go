package contracts

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Table is an imported table: a header row and the data rows under it.
type Table struct {
	Header []string
	Rows   [][]string
	// Lines holds, per data row, the row number the user sees in the file
	// (blank rows skipped by the reader still count). When nil, rows are
	// numbered as if the header were row 1 and none were skipped.
	Lines []int
}

// Line returns the row number of data row i as the file shows it.
func (t Table) Line(i int) int {
	if i < len(t.Lines) {
		return t.Lines[i]
	}
	return i + 2
}

// RowProblem is one problem in one cell of an imported table: the row,
// the column as the file's header spells it, and the problem as a code
// with its arguments on the API's name of the field (Message says it in
// English; internal/nl in Dutch). Row counts like a spreadsheet does: the
// header is row 1, the first data row is 2.
type RowProblem struct {
	Row    int
	Column string
	apperr.FieldError
}

// rowProblem returns the problem code with args on field, in row at
// column.
func rowProblem(row int, column, field string, code apperr.Code, args ...any) RowProblem {
	return RowProblem{Row: row, Column: column, FieldError: apperr.FieldError{Field: field, Code: code, Args: args}}
}

// tableError reports a table that cannot be read at all (no header, a
// required column missing) as apperr.Invalid with a client-safe reason.
func tableError(reason string) error { return apperr.WithDetail(apperr.Invalid, reason) }

// normalizeHeader folds a header cell to lower case letters and digits, so
// that "Gemeentecode GM", "gemeentecode_gm" and "GemeentecodeGM" compare
// equal.
func normalizeHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\ufeff"))) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mapColumns finds each known field's column in header. aliases lists, per
// field, the accepted header names; required names the fields that must be
// present. Unknown columns are ignored.
func mapColumns(header []string, aliases map[string][]string, required []string) (map[string]int, error) {
	if len(header) == 0 {
		return nil, tableError("the file has no header row")
	}
	cols := map[string]int{}
	for i, h := range header {
		n := normalizeHeader(h)
		for field, names := range aliases {
			if _, done := cols[field]; done {
				continue
			}
			for _, a := range names {
				if n == normalizeHeader(a) {
					cols[field] = i
				}
			}
		}
	}
	var missing []string
	for _, f := range required {
		if _, ok := cols[f]; !ok {
			missing = append(missing, fmt.Sprintf("%s (one of: %s)", f, strings.Join(aliases[f], ", ")))
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return nil, tableError("missing required column " + strings.Join(missing, "; "))
	}
	return cols, nil
}

// cell returns the trimmed value of field in row r, or "" when the column
// is absent or the row is short.
func cell(r []string, cols map[string]int, field string) string {
	i, ok := cols[field]
	if !ok || i >= len(r) {
		return ""
	}
	return strings.TrimSpace(r[i])
}
