package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Kind is the kind of file a table was read from.
type Kind string

// The kinds of file Read reads.
const (
	CSV  Kind = "csv"
	XLSX Kind = "xlsx"
)

// Encoding is the character encoding a CSV file was read in.
type Encoding string

// The encodings Read reads a CSV file in. Windows-1252 is what Excel
// writes for "CSV (gescheiden door lijstscheidingsteken)" on a Dutch
// Windows; "CSV UTF-8" is UTF-8 with a byte order mark.
const (
	UTF8        Encoding = "UTF-8"
	Windows1252 Encoding = "Windows-1252"
)

// Format says how a file was read, so that an import can report it: a
// user whose accents came out wrong can then see what the file was taken
// for. Encoding, BOM and Separator are set for CSV only.
type Format struct {
	Kind     Kind
	Encoding Encoding
	// BOM says the file began with UTF-8's byte order mark.
	BOM bool
	// Separator is the field separator: ',' or ';'.
	Separator rune
}

// String says f in English: "CSV, Windows-1252, separated by ';'".
func (f Format) String() string {
	if f.Kind != CSV {
		return "XLSX"
	}
	bom := ""
	if f.BOM {
		bom = " with byte order mark"
	}
	return fmt.Sprintf("CSV, %s%s, separated by '%c'", f.Encoding, bom, f.Separator)
}

// Byte sequences that start files Read refuses with a hint at what to do.
var (
	utf8BOM    = []byte("\xef\xbb\xbf")
	utf16LEBOM = []byte("\xff\xfe")
	utf16BEBOM = []byte("\xfe\xff")
	// oleMagic starts a compound file: an Excel 97-2003 .xls workbook.
	oleMagic = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
)

// readCSV reads b as CSV: in UTF-8 when it is valid UTF-8 (a byte order
// mark is dropped), else in Windows-1252; separated by semicolons or
// commas, whichever the header uses (separator); with the apostrophe that
// keeps text from being a formula dropped (unquoteFormula).
func readCSV(b []byte, t *table) (Format, error) {
	f := Format{Kind: CSV}
	switch {
	case bytes.HasPrefix(b, oleMagic):
		return f, invalid(apperr.SheetXLS)
	case bytes.HasPrefix(b, utf16LEBOM), bytes.HasPrefix(b, utf16BEBOM):
		return f, invalid(apperr.SheetUTF16)
	case bytes.IndexByte(b, 0) >= 0:
		return f, ErrUnsupported
	}
	b, err := decode(b, &f)
	if err != nil {
		return f, err
	}
	f.Separator = separator(b)
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = f.Separator
	cr.FieldsPerRecord = -1
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return f, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return f, invalid(apperr.SheetCSVLine, pe.StartLine, pe.Err.Error())
			}
			return f, fmt.Errorf("sheet: CSV: %w", err)
		}
		for i, c := range rec {
			rec[i] = unquoteFormula(c)
		}
		// The reader skips blank lines itself; FieldPos tells the line the
		// record started on.
		line, _ := cr.FieldPos(0)
		if err := t.add(rec, line); err != nil {
			return f, err
		}
	}
}

// unquoteFormula drops the apostrophe that keeps a spreadsheet from
// taking text for a formula: '=SUM(A1) reads as =SUM(A1), and '+31 20
// as +31 20, which is what Excel shows for such a cell and what a CSV
// export (exports.SafeText) wrote. Only a cell whose apostrophes come
// before =, +, -, @, a tab or a carriage return loses one; 's-Gravenhage
// stays as it is. What such a cell then holds is text like any other: the
// import never evaluates it.
func unquoteFormula(c string) string {
	if len(c) < 2 || c[0] != '\'' {
		return c
	}
	rest := strings.TrimLeft(c, "'")
	if rest == "" {
		return c
	}
	switch rest[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return c[1:]
	}
	return c
}

// decode returns b as UTF-8 and sets f's encoding. A file that is valid
// UTF-8 is taken as UTF-8: text in Windows-1252 with any letter beyond
// ASCII is almost never valid UTF-8 (é is the single byte 0xE9, which
// UTF-8 allows only before continuation bytes), and pure ASCII reads the
// same either way. Anything else is Windows-1252, except that five bytes
// have no character there (0x81, 0x8D, 0x8F, 0x90, 0x9D): a file with one
// of them is in some other encoding, and is refused rather than read with
// replacement characters that would end up in the register.
func decode(b []byte, f *Format) ([]byte, error) {
	if bytes.HasPrefix(b, utf8BOM) {
		f.Encoding, f.BOM = UTF8, true
		b = b[len(utf8BOM):]
		if i := invalidUTF8(b); i >= 0 {
			return nil, invalid(apperr.SheetBOMNotUTF8, fmt.Sprintf("0x%02X", b[i]), lineOf(b, i))
		}
		return b, nil
	}
	if utf8.Valid(b) {
		f.Encoding = UTF8
		return b, nil
	}
	f.Encoding = Windows1252
	for i, c := range b {
		switch c {
		case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
			return nil, invalid(apperr.SheetEncoding, fmt.Sprintf("0x%02X", c), lineOf(b, i))
		}
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return nil, fmt.Errorf("sheet: decode Windows-1252: %w", err)
	}
	return out, nil
}

// invalidUTF8 returns the offset of the first byte of b that is not part
// of valid UTF-8, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// lineOf returns the 1-based line of offset i in b.
func lineOf(b []byte, i int) int { return bytes.Count(b[:i], []byte("\n")) + 1 }

// separator finds the field separator from the header, the first line
// with a value on it (lines of nothing but separators are blank rows, as
// Excel writes them). The line is read as CSV reads it, so a comma or a
// line break inside a quoted header counts for nothing. Semicolons win
// unless the commas outnumber them: Dutch Excel separates with
// semicolons, because the comma is its decimal sign, and quotes only a
// field that holds a semicolon, so "Jaarwaarde, excl. btw" stands bare in
// its header. A header with neither, one column, reads as comma
// separated.
func separator(b []byte) rune {
	var semicolons, commas int
	quoted, value := false, false
	for _, c := range b {
		switch {
		case c == '"':
			quoted, value = !quoted, true
		case quoted:
		case c == '\n':
			if value {
				return pick(semicolons, commas)
			}
			semicolons, commas = 0, 0
		case c == ';':
			semicolons++
		case c == ',':
			commas++
		case c != ' ' && c != '\t' && c != '\r':
			value = true
		}
	}
	return pick(semicolons, commas)
}

func pick(semicolons, commas int) rune {
	if semicolons > 0 && semicolons >= commas {
		return ';'
	}
	return ','
}
