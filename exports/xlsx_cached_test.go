package exports_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"path"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/exports"
)

// storedFormula is a formula cell as the file stores it.
type storedFormula struct {
	sheet, ref, formula string
	typ                 string // the t attribute
	cached              *string
}

// storedFormulas reads every cell with an <f> from the worksheets of the
// XLSX b, straight from the XML: what a reader that does not calculate
// sees.
func storedFormulas(t *testing.T, b []byte) []storedFormula {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parse := func(name string, v any) {
		t.Helper()
		f, err := zr.Open(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := xml.Unmarshal(data, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	parse("xl/workbook.xml", &wb)
	parse("xl/_rels/workbook.xml.rels", &rels)
	var out []storedFormula
	for _, sh := range wb.Sheets {
		target := ""
		for _, r := range rels.Rels {
			if r.ID == sh.RID {
				target = path.Join("xl", r.Target)
			}
		}
		var ws struct {
			Rows []struct {
				Cells []struct {
					R string  `xml:"r,attr"`
					T string  `xml:"t,attr"`
					F *string `xml:"f"`
					V *string `xml:"v"`
				} `xml:"c"`
			} `xml:"sheetData>row"`
		}
		parse(target, &ws)
		for _, r := range ws.Rows {
			for _, c := range r.Cells {
				if c.F != nil {
					out = append(out, storedFormula{sheet: sh.Name, ref: c.R, formula: *c.F, typ: c.T, cached: c.V})
				}
			}
		}
	}
	return out
}

// checkCachedValues fails t unless every formula cell of the XLSX b has a
// cached value, typed as a number, equal to what a spreadsheet computes
// from the sheet's numbers: excelize's calculation engine recomputes
// each formula from the cells it refers to, independently of the numbers
// the export computed. Equal is to 15 significant digits, as far as
// Excel and LibreOffice keep a number and excelize writes one.
func checkCachedValues(t *testing.T, b []byte) {
	t.Helper()
	cells := storedFormulas(t, b)
	if len(cells) == 0 {
		t.Fatal("the workbook has no formula; the check would prove nothing")
	}
	f := openXLSX(t, b)
	for _, c := range cells {
		if c.cached == nil || *c.cached == "" {
			t.Errorf("%s!%s = %s has no cached value", c.sheet, c.ref, c.formula)
			continue
		}
		if c.typ != "" && c.typ != "n" {
			t.Errorf("%s!%s = %s is typed %q; a number is untyped or n", c.sheet, c.ref, c.formula, c.typ)
		}
		got, err := strconv.ParseFloat(*c.cached, 64)
		if err != nil {
			t.Errorf("%s!%s = %s caches %q, not a number", c.sheet, c.ref, c.formula, *c.cached)
			continue
		}
		computed, err := f.CalcCellValue(c.sheet, c.ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("%s!%s = %s: %v", c.sheet, c.ref, c.formula, err)
		}
		want, err := strconv.ParseFloat(computed, 64)
		if err != nil {
			t.Fatalf("%s!%s = %s computes %q", c.sheet, c.ref, c.formula, computed)
		}
		if math.Abs(got-want) > 1e-13*math.Max(1, math.Abs(want)) {
			t.Errorf("%s!%s = %s caches %v, the sheet computes %v", c.sheet, c.ref, c.formula, got, want)
		}
	}
}

// TestWorkbookFormulasCarryCachedValues: mail previews, pandas and BI
// tools read a formula's cached value and do not calculate; every
// workbook export caches the value of every formula it writes.
func TestWorkbookFormulasCarryCachedValues(t *testing.T) {
	t.Parallel()
	list := func(n int) func(t *testing.T) []byte {
		return func(t *testing.T) []byte {
			var buf bytes.Buffer
			if err := exports.ContractsXLSX(&buf, listInfo, rowsOf(listFixture()[:n])); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}
	}
	for name, workbook := range map[string]func(t *testing.T) []byte{
		"contract list":                  list(len(listFixture())),
		"contract list without rows":     list(0),
		"dossier":                        func(t *testing.T) []byte { return dossierXLSXBytes(t, fixtureDossier(dossierView())) },
		"dossier of a contracted tender": func(t *testing.T) []byte { return dossierXLSXBytes(t, fixtureDossier(contractedView())) },
		"dependency of an organization":  func(t *testing.T) []byte { return dependencyWorkbook(t, dependencyFixture()) },
		"dependency of the cooperative":  func(t *testing.T) []byte { return dependencyWorkbook(t, cooperativeFixture()) },
		"spend":                          func(t *testing.T) []byte { return spendWorkbookBytes(t, spendFixture()) },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			checkCachedValues(t, workbook(t))
		})
	}
}
