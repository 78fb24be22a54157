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

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/xuri/excelize/v2"
)

// Errors for files that are not a table at all. Both are apperr.Invalid.
var (
	ErrUnsupported = apperr.WithDetail(apperr.Invalid, "unsupported file type: want CSV (UTF-8) or XLSX")
	ErrEmpty       = apperr.WithDetail(apperr.Invalid, "the file is empty")
)

// MaxSize is the largest file Read accepts (64 MiB).
const MaxSize = 64 << 20

// Table is a header row and the data rows under it.
type Table struct {
	Header []string
	Rows   [][]string
}

// Read reads a table from r. The format is recognised by content (an XLSX
// file is a zip archive), not trusted from the name.
func Read(r io.Reader) (Table, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return Table{}, fmt.Errorf("sheet: read: %w", err)
	}
	if len(b) > MaxSize {
		return Table{}, apperr.WithDetail(apperr.Invalid, fmt.Sprintf("the file is larger than %d MiB", MaxSize>>20))
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return Table{}, ErrEmpty
	}
	var rows [][]string
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		rows, err = readXLSX(b)
	case utf8.Valid(b) && !bytes.ContainsRune(b, 0):
		rows, err = readCSV(b)
	default:
		return Table{}, ErrUnsupported
	}
	if err != nil {
		return Table{}, err
	}
	// Leading blank rows (a title block left empty) are skipped; the first
	// row with content is the header.
	for len(rows) > 0 && blank(rows[0]) {
		rows = rows[1:]
	}
	if len(rows) == 0 {
		return Table{}, ErrEmpty
	}
	return Table{Header: rows[0], Rows: rows[1:]}, nil
}

func blank(r []string) bool {
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func readCSV(b []byte) ([][]string, error) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	first, _, _ := bytes.Cut(b, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(b))
	// Dutch Excel writes semicolons, because the comma is the decimal sign.
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, apperr.WithDetail(apperr.Invalid, fmt.Sprintf("CSV line %d: %v", pe.StartLine, pe.Err))
		}
		return nil, fmt.Errorf("sheet: CSV: %w", err)
	}
	return rows, nil
}

func readXLSX(b []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, apperr.WithDetail(apperr.Invalid, "not a readable XLSX workbook")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, ErrEmpty
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, fmt.Errorf("sheet: XLSX sheet %q: %w", sheets[0], err)
	}
	return rows, nil
}
