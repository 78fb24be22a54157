// Package sheet reads tables from the files people import: CSV (comma or
// semicolon separated, as Dutch Excel writes it) and XLSX (first sheet).
// It knows nothing of what the columns mean.
package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Errors for files that are not a table at all. Both are apperr.Invalid.
var (
	ErrUnsupported = apperr.WithDetail(apperr.Invalid, "unsupported file type: want CSV (UTF-8) or XLSX")
	ErrEmpty       = apperr.WithDetail(apperr.Invalid, "the file is empty")
)

// Limits bounds what reading one file may cost. A zero field takes the
// default of DefaultLimits.
type Limits struct {
	MaxRows      int   // rows of the sheet, blank rows included
	MaxCells     int   // cells of the sheet
	MaxCellBytes int   // bytes of one cell
	MaxUnpacked  int64 // bytes an XLSX's parts may unzip to
}

// DefaultLimits are the limits Read applies: room for the national
// register in one file, and far below what would strain the server.
var DefaultLimits = Limits{MaxRows: 250_000, MaxCells: 5_000_000, MaxCellBytes: 32_767, MaxUnpacked: 256 << 20}

// MaxSize is the largest file Read accepts (64 MiB).
const MaxSize = 64 << 20

// maxUnzipped caps what an XLSX may unpack to, so a small zip bomb cannot
// fill memory or disk (excelize's own default is 16 GB).
const maxUnzipped = 256 << 20

// Read reads a table from r. The format is recognised by content (an XLSX
// file is a zip archive), not trusted from the name. Blank rows are
// skipped, and each data row keeps the row number the file shows, so that
// problems are reported where the user will look.
func Read(r io.Reader) (contracts.Table, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return contracts.Table{}, fmt.Errorf("sheet: read: %w", err)
	}
	if len(b) > MaxSize {
		return contracts.Table{}, apperr.WithDetail(apperr.Invalid, fmt.Sprintf("the file is larger than %d MiB", MaxSize>>20))
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return contracts.Table{}, ErrEmpty
	}
	var rows []row
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		rows, err = readXLSX(b)
	case utf8.Valid(b) && !bytes.ContainsRune(b, 0):
		rows, err = readCSV(b)
	default:
		return contracts.Table{}, ErrUnsupported
	}
	if err != nil {
		return contracts.Table{}, err
	}
	var t contracts.Table
	for _, r := range rows {
		switch {
		case blank(r.cells):
		case t.Header == nil:
			t.Header = r.cells
		default:
			t.Rows = append(t.Rows, r.cells)
			t.Lines = append(t.Lines, r.line)
		}
	}
	if t.Header == nil {
		return contracts.Table{}, ErrEmpty
	}
	return t, nil
}

// row is one row of the file with its 1-based row number.
type row struct {
	cells []string
	line  int
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func readCSV(b []byte) ([]row, error) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	first, _, _ := bytes.Cut(b, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(b))
	// Dutch Excel writes semicolons, because the comma is the decimal sign.
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	var rows []row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, apperr.WithDetail(apperr.Invalid, fmt.Sprintf("CSV line %d: %v", pe.StartLine, pe.Err))
			}
			return nil, fmt.Errorf("sheet: CSV: %w", err)
		}
		// The reader skips blank lines itself; FieldPos tells the line the
		// record started on.
		line, _ := cr.FieldPos(0)
		rows = append(rows, row{cells: rec, line: line})
	}
}

// readXLSX reads the first sheet with raw cell values: a number is its
// digits, not its display format, and a date is Excel's serial day number,
// which the domain's date parser understands. Display formats would give
// "934,526" or a US-style "01-31-25" depending on the workbook.
func readXLSX(b []byte) ([]row, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped})
	if err != nil {
		return nil, apperr.WithDetail(apperr.Invalid, "not a readable XLSX workbook")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, ErrEmpty
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, fmt.Errorf("sheet: XLSX sheet %q: %w", sheets[0], err)
	}
	defer it.Close()
	var rows []row
	for n := 1; it.Next(); n++ {
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, apperr.WithDetail(apperr.Invalid, fmt.Sprintf("XLSX row %d cannot be read", n))
		}
		rows = append(rows, row{cells: cells, line: n})
	}
	return rows, it.Error()
}
