package sheet

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The parts of the smallest workbook excelize and Excel open: one sheet,
// whose XML the test writes.
const (
	contentTypesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`</Types>`
	rootRelsXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
		`</Relationships>`
	workbookXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`
	workbookRelsXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`</Relationships>`
	sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
)

// handWorkbook writes an XLSX by hand, with archive/zip: the fixed parts
// above and a first sheet whose sheetData body writeRows streams, so that
// a test can build a sheet far larger than it would hold in memory.
func handWorkbook(t testing.TB, writeRows func(w io.Writer) error) []byte {
	t.Helper()
	return writeWorkbook(t, zip.Deflate, writeRows)
}

// writeWorkbook is handWorkbook with the parts packed by method:
// zip.Deflate at its best compression, or zip.Store, which costs the
// fuzzer nothing.
func writeWorkbook(t testing.TB, method uint16, writeRows func(w io.Writer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	create := func(name string) (io.Writer, error) {
		return zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
	}
	for _, p := range []struct{ name, body string }{
		{"[Content_Types].xml", contentTypesXML}, {"_rels/.rels", rootRelsXML},
		{"xl/workbook.xml", workbookXML}, {"xl/_rels/workbook.xml.rels", workbookRelsXML},
	} {
		w, err := create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, p.body); err != nil {
			t.Fatal(err)
		}
	}
	w, err := create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(w, sheetHead); err != nil {
		t.Fatal(err)
	}
	if err := writeRows(w); err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(w, sheetTail); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bombRow is one row of the bomb: ten inline-string cells, the same every
// time, so that deflate packs a million of them into a few hundred KB.
var bombRow = `<row>` + strings.Repeat(`<c t="inlineStr"><is><t>Telefonie en data</t></is></c>`, 10) + `</row>`

// bombSize is what the bomb's sheet unpacks to: the 200 MB of the report.
const bombSize = 200 << 20

var (
	bombOnce  sync.Once
	bombBytes []byte
)

// bomb returns an XLSX of under a megabyte whose sheet unpacks to
// bombSize bytes: a header and then one row, repeated. It is built once
// per test binary.
func bomb(t testing.TB) []byte {
	t.Helper()
	bombOnce.Do(func() {
		bombBytes = handWorkbook(t, func(w io.Writer) error {
			if _, err := io.WriteString(w, `<row><c t="inlineStr"><is><t>Omschrijving</t></is></c></row>`); err != nil {
				return err
			}
			chunk := []byte(strings.Repeat(bombRow, 1000))
			for n := 0; n < bombSize; n += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return err
				}
			}
			return nil
		})
	})
	return bombBytes
}

// register writes a contract register of n rows as Excel would: eleven
// columns of text, dates and amounts, strings in the shared-strings table.
func register(t testing.TB, n int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := f.GetSheetName(0)
	header := []any{"Organisatie", "Contractnummer", "Omschrijving", "Leverancier", "KvK-nummer", "Ingangsdatum",
		"Looptijd (maanden)", "Verlenging", "Verlengingsperiode (maanden)", "Opzegtermijn (maanden)", "Jaarwaarde"}
	if err := f.SetSheetRow(sh, "A1", &header); err != nil {
		t.Fatal(err)
	}
	vendors := []string{"KPN B.V.", "Centric Netherlands B.V.", "PinkRoccade Local Government B.V.", "Printbedrijf B.V."}
	for i := range n {
		row := []any{fmt.Sprintf("GM%04d", i%400), fmt.Sprintf("C-%d", i), fmt.Sprintf("Dienstverlening perceel %d", i%97),
			vendors[i%len(vendors)], fmt.Sprintf("%08d", 10000000+i%5000), 44927 + i%1500, 12 + i%48, "stilzwijgend", 12, 3, 125000.5 + float64(i)}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sh, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
