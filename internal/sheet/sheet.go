// Package sheet reads tables from the files people import: CSV (comma or
// semicolon separated, in UTF-8 or in the Windows-1252 that Dutch Excel
// writes by default) and XLSX (first sheet). It knows nothing of what the
// columns mean.
package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Errors for files that are not a table at all. Both are apperr.Invalid.
var (
	ErrUnsupported = apperr.WithCode(apperr.Invalid, apperr.SheetUnsupported)
	ErrEmpty       = apperr.WithCode(apperr.Invalid, apperr.SheetEmpty)
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

// What an XLSX may hold beyond Limits. Every part excelize unpacks is
// checked against these from the zip's central directory, before any of
// it is inflated; archive/zip refuses a part that inflates past the size
// the directory declares, so the declared sizes can be trusted.
const (
	// maxParts bounds the zip's entries: archive/zip allocates each one
	// before anything else can look at it. A workbook has a few dozen.
	maxParts = 10_000
	// maxRatio is the most a part may inflate relative to its packed
	// size. Spreadsheet XML packs 5-20 times, an oddly uniform sheet some
	// 50; a decompression bomb packs hundreds of times.
	maxRatio = 100
	// ratioFloor exempts small parts from maxRatio: a few empty rows pack
	// far better than 100 times and cost nothing.
	ratioFloor = 1 << 20
	// streamAbove is excelize's UnzipXMLSizeLimit: a worksheet or shared
	// strings table larger than this is unpacked to a temporary file and
	// read from there as the row iterator asks, instead of held in memory.
	streamAbove = 8 << 20
	// maxInMemoryPart caps every other part (workbook, styles, theme,
	// images…), which excelize always reads into memory.
	maxInMemoryPart = 16 << 20
)

// withDefaults fills the zero fields of l from DefaultLimits.
func (l Limits) withDefaults() Limits {
	if l.MaxRows <= 0 {
		l.MaxRows = DefaultLimits.MaxRows
	}
	if l.MaxCells <= 0 {
		l.MaxCells = DefaultLimits.MaxCells
	}
	if l.MaxCellBytes <= 0 {
		l.MaxCellBytes = DefaultLimits.MaxCellBytes
	}
	if l.MaxUnpacked <= 0 {
		l.MaxUnpacked = DefaultLimits.MaxUnpacked
	}
	return l
}

// Read reads a table from r within DefaultLimits. See ReadChecked.
func Read(r io.Reader) (contracts.Table, error) {
	t, _, err := ReadChecked(r, DefaultLimits, nil)
	return t, err
}

// ReadLimited reads a table from r within lim (zero fields take the
// defaults). See ReadChecked.
func ReadLimited(r io.Reader, lim Limits) (contracts.Table, error) {
	t, _, err := ReadChecked(r, lim, nil)
	return t, err
}

// ReadChecked reads a table from r within lim, and hands the header row to
// check, when not nil, as soon as it is read: an error from check ends the
// read before the body is looked at, and is returned as is. It returns
// the table and how the file was read.
//
// The format is recognised by content (an XLSX file is a zip archive), not
// trusted from the name. Anything else is read as CSV: its encoding and
// separator are found as readCSV says. Blank rows are skipped, and each
// data row keeps the row number the file shows, so that problems are
// reported where the user will look.
//
// Every limit is enforced while the file is read, and reading stops at the
// first one passed: rows and cells are counted as they come, and an XLSX
// whose parts would unpack past lim.MaxUnpacked, or inflate suspiciously
// well, is refused from its zip directory before anything is unpacked. A
// file past a limit is apperr.Invalid with a detail naming the limit.
func ReadChecked(r io.Reader, lim Limits, check func(header []string) error) (contracts.Table, Format, error) {
	lim = lim.withDefaults()
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return contracts.Table{}, Format{}, fmt.Errorf("sheet: read: %w", err)
	}
	if len(b) > MaxSize {
		return contracts.Table{}, Format{}, invalid(apperr.SheetTooLarge, MaxSize>>20)
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(b, utf8BOM))) == 0 {
		return contracts.Table{}, Format{}, ErrEmpty
	}
	t := &table{lim: lim, check: check}
	var f Format
	if bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		f = Format{Kind: XLSX}
		err = readXLSX(b, t)
	} else {
		f, err = readCSV(b, t)
	}
	if err != nil {
		return contracts.Table{}, f, err
	}
	if t.Header == nil {
		return contracts.Table{}, f, ErrEmpty
	}
	return t.Table, f, nil
}

// table collects the rows of a file as they are read, counting them
// against the limits.
type table struct {
	contracts.Table
	lim   Limits
	check func(header []string) error
	cells int
}

// add takes row number line of the file (1-based, blank rows counted).
func (t *table) add(cells []string, line int) error {
	if line > t.lim.MaxRows {
		return tooManyRows(t.lim)
	}
	t.cells += len(cells)
	if t.cells > t.lim.MaxCells {
		return invalid(apperr.SheetTooManyCells, t.lim.MaxCells)
	}
	for _, c := range cells {
		if len(c) > t.lim.MaxCellBytes {
			return invalid(apperr.SheetCellTooLong, line, t.lim.MaxCellBytes)
		}
	}
	switch {
	case blank(cells):
	case t.Header == nil:
		t.Header = cells
		if t.check != nil {
			return t.check(cells)
		}
	default:
		t.Rows = append(t.Rows, cells)
		t.Lines = append(t.Lines, line)
	}
	return nil
}

func tooManyRows(lim Limits) error { return invalid(apperr.SheetTooManyRows, lim.MaxRows) }

// invalid is the file refused with code and its arguments: English for
// the API, Dutch on the pages (internal/nl).
func invalid(code apperr.Code, args ...any) error {
	return apperr.WithCode(apperr.Invalid, code, args...)
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// readXLSX reads the first sheet with raw cell values: a number is its
// digits, not its display format, and a date is Excel's serial day number,
// which the domain's date parser understands. Display formats would give
// "934,526" or a US-style "01-31-25" depending on the workbook.
//
// The zip's directory is checked first (checkZip); excelize then unpacks
// the large parts to temporary files and its row iterator reads the sheet
// a row at a time, so the rows past a limit are never read.
func readXLSX(b []byte, t *table) error {
	if err := checkZip(b, t.lim); err != nil {
		return err
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		UnzipSizeLimit: t.lim.MaxUnpacked, UnzipXMLSizeLimit: min(streamAbove, t.lim.MaxUnpacked)})
	if err != nil {
		return invalid(apperr.SheetNotXLSX)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return ErrEmpty
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return invalid(apperr.SheetNotXLSX)
	}
	defer it.Close()
	// Next yields every row number up to the last, blank ones included
	// (a sheet may jump to row 1048576), so n is the row the file shows.
	for n := 1; it.Next(); n++ {
		if n > t.lim.MaxRows {
			return tooManyRows(t.lim)
		}
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return invalid(apperr.SheetXLSXRow, n)
		}
		if err := t.add(cells, n); err != nil {
			return err
		}
	}
	if it.Error() != nil {
		return invalid(apperr.SheetNotXLSX)
	}
	return nil
}

// checkZip refuses, from the zip's central directory alone, a workbook
// whose parts would unpack past lim.MaxUnpacked, a part that inflates
// more than maxRatio times, and an in-memory part past maxInMemoryPart.
func checkZip(b []byte, lim Limits) error {
	// Each central directory entry starts with this signature; counting
	// them bounds what zip.NewReader will allocate.
	if bytes.Count(b, []byte("PK\x01\x02")) > maxParts {
		return invalid(apperr.SheetTooManyParts, maxParts)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return invalid(apperr.SheetNotXLSX)
	}
	var total uint64
	for _, f := range zr.File {
		size := f.UncompressedSize64
		total += size
		if size > uint64(lim.MaxUnpacked) || total > uint64(lim.MaxUnpacked) {
			return invalid(apperr.SheetUnpacked, mib(lim.MaxUnpacked))
		}
		if size > ratioFloor && size/max(f.CompressedSize64, 1) > maxRatio {
			return invalid(apperr.SheetPartRatio, f.Name, int(size/max(f.CompressedSize64, 1)), maxRatio)
		}
		if size > maxInMemoryPart && !streamed(f.Name) {
			return invalid(apperr.SheetPartTooLarge, f.Name, mib(maxInMemoryPart))
		}
	}
	return nil
}

// streamed reports whether excelize unpacks the part to a temporary file
// when it is large (its own rule: worksheets and the shared strings).
func streamed(name string) bool {
	name = strings.ToLower(strings.ReplaceAll(name, "\\", "/"))
	return strings.HasPrefix(name, "xl/worksheets/sheet") || name == "xl/sharedstrings.xml"
}

// mib says n bytes in whole MiB, or in bytes when below one.
func mib(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}
