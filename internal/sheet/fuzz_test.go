package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// fuzzLimits are small, so that the fuzzer reaches every limit often.
var fuzzLimits = Limits{MaxRows: 40, MaxCells: 120, MaxCellBytes: 64, MaxUnpacked: 1 << 20}

// checkTable fails t when a table read without error breaks a limit or
// the reader's own promises, and when an error is anything but Invalid.
// A CSV file says its encoding and separator, and its cells are valid
// UTF-8 whatever the file held.
func checkTable(t *testing.T, tab contracts.Table, f Format, err error) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, apperr.Invalid) {
			t.Fatalf("Read = %v, want apperr.Invalid for a bad file", err)
		}
		return
	}
	if tab.Header == nil {
		t.Fatal("Read returned no error and no header")
	}
	switch {
	case f.Kind == XLSX && f == Format{Kind: XLSX}:
	case f.Kind == CSV && (f.Encoding == UTF8 || f.Encoding == Windows1252 && !f.BOM) && (f.Separator == ',' || f.Separator == ';'):
		for _, r := range append([][]string{tab.Header}, tab.Rows...) {
			for _, c := range r {
				if !utf8.ValidString(c) || strings.ContainsRune(c, utf8.RuneError) && f.Encoding == Windows1252 {
					t.Fatalf("cell %q of a %s file is not clean UTF-8", c, f)
				}
			}
		}
	default:
		t.Fatalf("format %+v is none the reader reads", f)
	}
	if len(tab.Rows) != len(tab.Lines) {
		t.Fatalf("%d rows but %d line numbers", len(tab.Rows), len(tab.Lines))
	}
	cells := len(tab.Header)
	for i, r := range tab.Rows {
		cells += len(r)
		if line := tab.Lines[i]; line < 2 || line > fuzzLimits.MaxRows || i > 0 && line <= tab.Lines[i-1] {
			t.Fatalf("row %d on line %d (previous %v), want increasing lines within 2..%d", i, line, tab.Lines[:i], fuzzLimits.MaxRows)
		}
		if blank(r) {
			t.Fatalf("blank row %d kept: %q", i, r)
		}
	}
	if cells > fuzzLimits.MaxCells {
		t.Fatalf("%d cells read, limit %d", cells, fuzzLimits.MaxCells)
	}
	for _, r := range append([][]string{tab.Header}, tab.Rows...) {
		for _, c := range r {
			if len(c) > fuzzLimits.MaxCellBytes {
				t.Fatalf("cell of %d bytes read, limit %d", len(c), fuzzLimits.MaxCellBytes)
			}
		}
	}
}

// FuzzRead: no file makes the reader panic, every error is Invalid, and
// what it returns keeps within the limits.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"code,name\nGM0363,Amsterdam\n",
		"\ufeffcode;name\r\nGM0820;\"Nuenen, Gerwen\nen Nederwetten\"\r\n\r\n",
		"a,b,c\n1,2\n\"x\"\"y\",,\n",
		"Omschrijving;Jaarwaarde\r\nCaf\xe9 co\xebperatie;\x80 12,50\r\n",
		"\"Naam, voluit\";Code\n\"x\ny\";1\n",
		"\xef\xbb\xbfcode;naam\r\nGM1900;Súdwest-Fryslân\r\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Add(xlsxRows(f, []string{"code", "name"}, []string{"GM0363", "Amsterdam"}))
	x := excelize.NewFile()
	_ = x.SetSheetRow("Sheet1", "A1", &[]any{"code", "population", "date"})
	_ = x.SetSheetRow("Sheet1", "A3", &[]any{"GM0363", 934526, 45658.5})
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, f, err := ReadChecked(bytes.NewReader(data), fuzzLimits, nil)
		checkTable(t, tab, f, err)
	})
}

// FuzzReadSheetXML puts arbitrary XML inside the sheetData of an
// otherwise sound workbook, so that the fuzzer spends its time in the
// row iterator rather than in the zip's checksums.
func FuzzReadSheetXML(f *testing.F) {
	for _, s := range []string{
		`<row><c t="inlineStr"><is><t>code</t></is></c></row><row r="3"><c r="B3"><v>12</v></c></row>`,
		`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`,
		`<row r="2"><c r="XFD2" t="str"><v>x</v></c></row><row r="1"><c><v>1</v></c></row>`,
		`<row><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c><f>SUM(A1)</f></c></row>`,
		`<row r="40"><c><v>1</v></c></row>`,
		`<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:c><x:v>1</x:v></x:c></x:row>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, rows string) {
		b := writeWorkbook(t, zip.Store, func(w io.Writer) error {
			_, err := io.WriteString(w, rows)
			return err
		})
		tab, f, err := ReadChecked(bytes.NewReader(b), fuzzLimits, nil)
		checkTable(t, tab, f, err)
	})
}
