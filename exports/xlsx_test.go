package exports_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// dumpXLSX renders a workbook as the normalized text the golden files
// hold (STYLE §11): the document properties and defined names (the
// autofilters among them), and per sheet the frozen pane, the column
// widths and every non-empty cell with its type, its value or its formula
// with the cached value, and its number format.
func dumpXLSX(t *testing.T, f *excelize.File) string {
	t.Helper()
	var b strings.Builder
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "properties: title %q, subject %q, creator %q, language %q, created %s, modified %s\n",
		props.Title, props.Subject, props.Creator, props.Language, props.Created, props.Modified)
	for _, dn := range f.GetDefinedName() {
		fmt.Fprintf(&b, "defined name %s (%s) = %s\n", dn.Name, dn.Scope, dn.RefersTo)
	}
	for _, sh := range f.GetSheetList() {
		fmt.Fprintf(&b, "\nsheet %s\n", sh)
		panes, err := f.GetPanes(sh)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "  frozen %v at %s (rows above: %d)\n", panes.Freeze, panes.TopLeftCell, panes.YSplit)
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		width := 0
		for _, r := range rows {
			width = max(width, len(r))
		}
		var widths []string
		for c := 1; c <= width; c++ {
			col, _ := excelize.ColumnNumberToName(c)
			w, err := f.GetColWidth(sh, col)
			if err != nil {
				t.Fatal(err)
			}
			widths = append(widths, fmt.Sprintf("%s %g%s", col, w, numFormat(t, f, func() (int, error) { return f.GetColStyle(sh, col) })))
		}
		fmt.Fprintf(&b, "  widths: %s\n", strings.Join(widths, ", "))
		for r := range rows {
			for c := range width {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				formula, err := f.GetCellFormula(sh, ref)
				if err != nil {
					t.Fatal(err)
				}
				v := ""
				if c < len(rows[r]) {
					v = rows[r][c]
				}
				if v == "" && formula == "" {
					continue
				}
				typ, err := f.GetCellType(sh, ref)
				if err != nil {
					t.Fatal(err)
				}
				if formula != "" {
					fmt.Fprintf(&b, "  %s = formula %s cached %q%s\n", ref, formula, v, numFormat(t, f, func() (int, error) { return f.GetCellStyle(sh, ref) }))
					continue
				}
				fmt.Fprintf(&b, "  %s = %s %q%s\n", ref, cellTypeName(typ), v, numFormat(t, f, func() (int, error) { return f.GetCellStyle(sh, ref) }))
			}
		}
		dvs, err := f.GetDataValidations(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, dv := range dvs {
			fmt.Fprintf(&b, "  validation %s: %s %s %s %s", dv.Sqref, dv.Type, dv.Operator, dv.Formula1, dv.Formula2)
			if dv.Error != nil {
				fmt.Fprintf(&b, " (error %q)", *dv.Error)
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func cellTypeName(t excelize.CellType) string {
	switch t {
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString:
		return "text"
	case excelize.CellTypeBool:
		return "bool"
	case excelize.CellTypeDate:
		return "date"
	case excelize.CellTypeFormula:
		return "formula"
	}
	return "number"
}

// sumRef matches a SUM over one column: SUM(T2:T9).
var sumRef = regexp.MustCompile(`^SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$`)

// checkSum checks that the formula in sheet!ref is SUM over column col
// from row first to last.
func checkSum(t *testing.T, f *excelize.File, sheet, ref, col string, first, last int) {
	t.Helper()
	got, err := f.GetCellFormula(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("SUM(%s%d:%s%d)", col, first, col, last)
	if m := sumRef.FindStringSubmatch(got); m == nil || got != want {
		t.Errorf("%s!%s = %q, want %q", sheet, ref, got, want)
	}
}

// checkNoInjectedFormulas checks that none of the injected texts (names
// starting with =, +, - or @) became a formula anywhere in the workbook,
// that each is found as a text cell, and that every other cell starting
// with one of those characters is text too (a negative amount aside).
func checkNoInjectedFormulas(t *testing.T, f *excelize.File, injected ...string) {
	t.Helper()
	found := map[string]bool{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				formula, _ := f.GetCellFormula(sh, ref)
				for _, bad := range injected {
					if formula != "" && strings.Contains(bad, formula) {
						t.Errorf("%s!%s holds the formula %q from the text %q; text must never become a formula", sh, ref, formula, bad)
					}
				}
				v := row[c]
				if formula != "" || v == "" {
					continue
				}
				if _, err := strconv.ParseFloat(v, 64); err == nil {
					continue // a negative amount is a number, not text
				}
				found[v] = true
				if strings.ContainsRune("=+-@", rune(v[0])) {
					if typ, _ := f.GetCellType(sh, ref); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
						t.Errorf("%s!%s = %q is stored as %s, want text", sh, ref, v, cellTypeName(typ))
					}
				}
			}
		}
	}
	for _, bad := range injected {
		if !found[bad] {
			t.Errorf("the text %q is not in the workbook as written", bad)
		}
	}
}
