package exports

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/contracts"
)

// The workbook helpers every Excel export shares: one set of styles
// (money as `€ #.##0,00`, dates as `dd-mm-jjjj`, bold headers), frozen
// header rows, autofilters, column widths, document properties from the
// input, and text cells that can never become formulas.
//
// Number format codes are stored in the file in Excel's invariant
// notation: `"€ "#,##0.00` is what a Dutch Excel shows as € 1.234,56.

// The number format codes of the exports.
const (
	xlsxMoneyFormat   = `"€ "#,##0.00;"€ "-#,##0.00`
	xlsxDateFormat    = "dd-mm-yyyy"
	xlsxPercentFormat = "0.0%"
	xlsxWholeFormat   = "#,##0"
)

// xlsxStyles are the style ids of a workbook.
type xlsxStyles struct {
	header, text, money, date, whole, percent, decimal int
	bold, boldMoney, boldWhole, title, wrap, note      int
}

// workbook is an excelize file with the export styles registered.
type workbook struct {
	f  *excelize.File
	st xlsxStyles
}

// WorkbookInfo is the document properties of a workbook.
type WorkbookInfo struct {
	Title   string
	Subject string
	// Created is when the workbook is generated, from the input (never the
	// clock), so the same input gives the same workbook.
	Created     time.Time
	Description string
}

// newWorkbook creates a workbook whose first sheet is named first, with
// the export styles and info as its document properties.
func newWorkbook(first string, info WorkbookInfo) (*workbook, error) {
	if info.Created.IsZero() {
		return nil, errors.New("the creation date is required (WorkbookInfo.Created)")
	}
	f := excelize.NewFile()
	wb := &workbook{f: f}
	if err := f.SetSheetName(f.GetSheetName(0), first); err != nil {
		f.Close()
		return nil, err
	}
	stamp := info.Created.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: info.Title, Subject: info.Subject, Description: info.Description,
		Creator: "Samenkoop", LastModifiedBy: "Samenkoop", Language: "nl-NL",
		Created: stamp, Modified: stamp,
	}); err != nil {
		f.Close()
		return nil, err
	}
	// Formulas carry the value they compute (formula), for readers that
	// do not calculate; a spreadsheet still computes every one when it
	// opens the workbook, so an edited cell never shows a stale total.
	fullCalc := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &fullCalc}); err != nil {
		f.Close()
		return nil, err
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	wb.st = st
	return wb, nil
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var (
		st   xlsxStyles
		errs []error
	)
	style := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		errs = append(errs, err)
		return id
	}
	money, date, percent, whole := xlsxMoneyFormat, xlsxDateFormat, xlsxPercentFormat, xlsxWholeFormat
	decimal := "#,##0.00"
	bold := &excelize.Font{Bold: true}
	st.header = style(&excelize.Style{
		Font:      bold,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F0"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Border:    []excelize.Border{{Type: "bottom", Color: "4F6D8F", Style: 1}},
	})
	st.text = style(&excelize.Style{NumFmt: 49}) // @: text as typed
	st.money = style(&excelize.Style{CustomNumFmt: &money})
	st.date = style(&excelize.Style{CustomNumFmt: &date})
	st.whole = style(&excelize.Style{CustomNumFmt: &whole})
	st.percent = style(&excelize.Style{CustomNumFmt: &percent})
	st.decimal = style(&excelize.Style{CustomNumFmt: &decimal})
	st.bold = style(&excelize.Style{Font: bold, Border: []excelize.Border{{Type: "top", Color: "000000", Style: 1}}})
	st.boldMoney = style(&excelize.Style{Font: bold, CustomNumFmt: &money, Border: []excelize.Border{{Type: "top", Color: "000000", Style: 1}}})
	st.boldWhole = style(&excelize.Style{Font: bold, CustomNumFmt: &whole, Border: []excelize.Border{{Type: "top", Color: "000000", Style: 1}}})
	st.title = style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	st.wrap = style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	st.note = style(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "555555"}})
	return st, errors.Join(errs...)
}

// close releases the workbook's temporary files.
func (wb *workbook) close() { wb.f.Close() }

// writeTo writes the workbook to w as it is zipped. excelize's own
// WriteTo builds the whole file in a buffer first (128 MB for a million
// contracts); with the zip writer pointed at w that buffer stays empty.
// What is lost is excelize's zip64 patch of local headers, which only
// parts over 4 GiB need.
func (wb *workbook) writeTo(w io.Writer) error {
	wb.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return numericFormulas{zip.NewWriter(w)} })
	_, err := wb.f.WriteTo(io.Discard)
	return err
}

// numericFormulas is the workbook's zip writer. It types the formula
// cells of the sheets as numbers: excelize's SetCellFormula marks every
// formula cell t="str" (a formula whose result is text), which would make
// a reader that takes the cached value as it is, such as pandas or a BI
// tool, read the total 1234.5 as the text "1234.5". Every formula of the
// exports computes a number.
type numericFormulas struct{ zw *zip.Writer }

func (z numericFormulas) Create(name string) (io.Writer, error) {
	w, err := z.zw.Create(name)
	if err != nil || !strings.HasPrefix(name, "xl/worksheets/") {
		return w, err
	}
	return formulaTyper{w}, nil
}

func (z numericFormulas) AddFS(fsys fs.FS) error { return z.zw.AddFS(fsys) }

func (z numericFormulas) Close() error { return z.zw.Close() }

// strFormula matches a formula cell with a number for its cached value as
// excelize writes it, typed as text: <c r="E5" s="3" t="str"><f>B5/D5</f>
// <v>0.25</v></c>. The formula is escaped XML, so it holds no '<'.
var strFormula = regexp.MustCompile(`(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?) t="str"(><f>[^<]*</f><v>-?[0-9]+(?:\.[0-9]+)?</v></c>)`)

// formulaTyper drops t="str" from the formula cells strFormula matches.
// excelize writes a sheet it holds in memory with one Write; a streamed
// sheet comes in pieces, but its formula cells are typed by their values
// already (excelize.Cell with Formula and Value).
type formulaTyper struct{ w io.Writer }

func (ft formulaTyper) Write(p []byte) (int, error) {
	if !bytes.Contains(p, []byte(` t="str"><f>`)) {
		return ft.w.Write(p)
	}
	if _, err := ft.w.Write(strFormula.ReplaceAll(p, []byte("${1}${2}"))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// sheet adds a sheet after the others.
func (wb *workbook) sheet(name string) error {
	_, err := wb.f.NewSheet(name)
	return err
}

// SafeText returns s so that a spreadsheet cannot take it for a formula:
// text that starts with =, +, -, @, a tab or a carriage return gets a
// leading apostrophe, as OWASP advises against CSV injection. So does
// text in which apostrophes come before one of those, so that a reader
// dropping the first apostrophe of such a cell, as internal/sheet does
// when it reads a CSV, gets every text back as it was. Use it for text in
// CSV files; XLSX cells written by xlsxCell are typed as strings and need
// no prefix.
func SafeText(s string) string {
	rest := strings.TrimLeft(s, "'")
	if rest == "" {
		return s
	}
	switch rest[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// xlsxText cleans text for a cell: invalid UTF-8 replaced, control
// characters other than newline and tab dropped (XML 1.0 cannot hold
// them), and cut at Excel's limit of 32,767 characters per cell.
func xlsxText(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' || r == 0xFFFE || r == 0xFFFF }) && len(s) <= 32767 {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	if r := []rune(s); len(r) > 32767 {
		s = string(r[:32767])
	}
	return s
}

// xcell is one cell to write: a value (string, number, Money, Date,
// bool) or a formula with the number it computes, with a style.
type xcell struct {
	value   any
	formula string
	style   int
}

// text returns a text cell: always stored as a string, so that a name
// starting with = is shown, never computed.
func (wb *workbook) text(s string) xcell { return xcell{value: xlsxText(s)} }

// money returns a money cell: the amount in euros as a number with the
// `€ #.##0,00` format.
func (wb *workbook) money(m contracts.Money) xcell {
	return xcell{value: moneyValue(m), style: wb.st.money}
}

// moneyValue returns cents as euros. Every amount below 2^53 cents is
// exact to the cent after the division, as Excel itself stores it.
func moneyValue(m contracts.Money) float64 { return float64(m) / 100 }

// date returns a date cell: Excel's serial day with the dd-mm-yyyy
// format, empty for the zero date.
func (wb *workbook) date(d contracts.Date) xcell {
	if d.IsZero() {
		return xcell{}
	}
	return xcell{value: excelSerial(d), style: wb.st.date}
}

// whole returns a whole-number cell.
func (wb *workbook) whole(n int64) xcell { return xcell{value: n, style: wb.st.whole} }

// percent returns a share in basis points as a percentage cell.
func (wb *workbook) percent(bp int) xcell {
	return xcell{value: float64(bp) / 10_000, style: wb.st.percent}
}

// formula returns a formula cell with a style and value, the number the
// formula computes from the cells it refers to, which the workbook stores
// as the formula's cached value. Excel and LibreOffice compute the formula
// again on opening; a reader that does not calculate (a mail preview,
// pandas, a BI tool) shows the cached value, and without one an empty
// total. The caller computes value from the numbers it writes into those
// cells: euros for money (moneyValue), whole numbers for counts, and
// ratio for shares.
func formula(f string, value float64, style int) xcell {
	return xcell{formula: f, value: value, style: style}
}

// ratio returns a/b, or 0 when b is 0: what IF(b=0,0,a/b) computes.
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// cell returns the A1 name of column col (1-based) and row.
func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// colName returns the letters of column col (1-based).
func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

// row writes cells from column 1 of row in sheet.
func (wb *workbook) row(sheet string, row int, cells ...xcell) error {
	for i, c := range cells {
		ref := cell(i+1, row)
		var err error
		switch {
		case c.formula != "":
			// The value first: SetCellFormula keeps it as the cached value,
			// while writing a value after the formula would remove it.
			if err = wb.f.SetCellValue(sheet, ref, c.value); err == nil {
				err = wb.f.SetCellFormula(sheet, ref, c.formula)
			}
		case c.value == nil:
		default:
			if s, ok := c.value.(string); ok {
				// SetCellStr never interprets the text: "=1+1" stays text.
				err = wb.f.SetCellStr(sheet, ref, s)
			} else {
				err = wb.f.SetCellValue(sheet, ref, c.value)
			}
		}
		if err == nil && c.style != 0 {
			err = wb.f.SetCellStyle(sheet, ref, ref, c.style)
		}
		if err != nil {
			return fmt.Errorf("%s!%s: %w", sheet, ref, err)
		}
	}
	return nil
}

// header writes bold header cells in row, wrapped, on a light band.
func (wb *workbook) header(sheet string, row int, heads ...string) error {
	for i, h := range heads {
		ref := cell(i+1, row)
		if err := wb.f.SetCellStr(sheet, ref, h); err != nil {
			return err
		}
		if err := wb.f.SetCellStyle(sheet, ref, ref, wb.st.header); err != nil {
			return err
		}
	}
	return nil
}

// widths sets the widths of the first columns of sheet, in characters.
func (wb *workbook) widths(sheet string, widths ...float64) error {
	for i, w := range widths {
		c := colName(i + 1)
		if err := wb.f.SetColWidth(sheet, c, c, w); err != nil {
			return err
		}
	}
	return nil
}

// freeze keeps the first rows of sheet in view while scrolling.
func (wb *workbook) freeze(sheet string, rows int) error {
	return wb.f.SetPanes(sheet, frozenPanes(rows))
}

// frozenPanes freezes the rows above row rows+1.
func frozenPanes(rows int) *excelize.Panes {
	top := cell(1, rows+1)
	return &excelize.Panes{Freeze: true, YSplit: rows, TopLeftCell: top, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}}}
}

// filter puts an autofilter on the header row over cols columns down to
// lastRow.
func (wb *workbook) filter(sheet string, headerRow, cols, lastRow int) error {
	return wb.f.AutoFilter(sheet, cell(1, headerRow)+":"+cell(cols, max(lastRow, headerRow)), nil)
}

// table writes a header row at row top, freezes the rows down to it,
// sets the widths and an autofilter over rows of data below it. It
// returns the first data row.
func (wb *workbook) table(sheet string, top int, heads []string, widths []float64, dataRows int) (int, error) {
	if err := wb.header(sheet, top, heads...); err != nil {
		return 0, err
	}
	if err := wb.widths(sheet, widths...); err != nil {
		return 0, err
	}
	if err := wb.freeze(sheet, top); err != nil {
		return 0, err
	}
	if err := wb.filter(sheet, top, len(heads), top+dataRows); err != nil {
		return 0, err
	}
	return top + 1, nil
}

// sumFormula returns SUM over column col from row first to last, or 0
// for no rows (SUM of an inverted range would count the header).
func sumFormula(col, first, last int) string {
	if last < first {
		return "0"
	}
	c := colName(col)
	return fmt.Sprintf("SUM(%s%d:%s%d)", c, first, c, last)
}
