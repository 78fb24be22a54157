package exports_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/exports"
)

func dossierXLSXBytes(t *testing.T, d exports.Dossier) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exports.DossierXLSX(&buf, d); err != nil {
		t.Fatalf("DossierXLSX: %v", err)
	}
	return buf.Bytes()
}

func openXLSX(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the workbook does not re-open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestDossierXLSXGolden compares the normalized dump of the workbook
// (STYLE §11); run with -update to rewrite it.
func TestDossierXLSXGolden(t *testing.T) {
	t.Parallel()
	f := openXLSX(t, dossierXLSXBytes(t, fixtureDossier(dossierView())))
	checkGolden(t, "dossier_xlsx.golden", []byte(dumpXLSX(t, f)))
}

func TestDossierXLSXDeterministic(t *testing.T) {
	t.Parallel()
	a := dossierXLSXBytes(t, fixtureDossier(dossierView()))
	b := dossierXLSXBytes(t, fixtureDossier(dossierView()))
	if !bytes.Equal(a, b) {
		t.Error("two workbooks of the same input differ; nothing may depend on the clock or map order")
	}
}

// dossierSums are the totals of the fixture's workbook: where each SUM
// stands, the range it must cover and the value it must compute to. The
// fixture has 5 participants (rows 2–6) and 3 lots (rows 2–4).
var dossierSums = []struct {
	name        string
	sheet, ref  string
	col         string
	first, last int
	want        string
}{
	{"Deelnemers: inhabitants", "Deelnemers", "D7", "D", 2, 6, "332417"},
	{"Deelnemers: lot 1 quantity", "Deelnemers", "J7", "J", 2, 6, "1668"},
	{"Deelnemers: lot 1 annual value (with € 1.234,56 of Súdwest-Fryslân)", "Deelnemers", "K7", "K", 2, 6, "124834.56"},
	{"Deelnemers: lot 2 quantity", "Deelnemers", "L7", "L", 2, 6, "4225"},
	{"Deelnemers: lot 2 annual value", "Deelnemers", "M7", "M", 2, 6, "253500"},
	{"Deelnemers: lot 3 quantity", "Deelnemers", "N7", "N", 2, 6, "69"},
	{"Deelnemers: lot 3 annual value", "Deelnemers", "O7", "O", 2, 6, "105500"},
	{"Deelnemers: annual value of all lots", "Deelnemers", "P7", "P", 2, 6, "483834.56"},
	{"Percelen: annual value", "Percelen", "H5", "H", 2, 4, "483834.56"},
	{"Percelen: estimated value with options (Aw 2012 art. 2.15)", "Percelen", "J5", "J", 2, 4, "1935338.24"},
	{"Huidige contracten: annual value", "Huidige contracten", "E7", "E", 2, 6, "200000"},
}

// TestDossierXLSXTotals re-opens the workbook and checks that every total
// is a SUM over exactly its column's data rows, and computes to the sum
// of the fixture's values.
func TestDossierXLSXTotals(t *testing.T) {
	t.Parallel()
	f := openXLSX(t, dossierXLSXBytes(t, fixtureDossier(dossierView())))
	for _, tt := range dossierSums {
		t.Run(tt.name, func(t *testing.T) {
			checkSum(t, f, tt.sheet, tt.ref, tt.col, tt.first, tt.last)
			got, err := f.CalcCellValue(tt.sheet, tt.ref, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("%s!%s computes to %s, want %s", tt.sheet, tt.ref, got, tt.want)
			}
		})
	}
	// The summary's lot table: rows 1–3 of lots under its header, then the
	// totals; find them by the label rather than by a row number.
	rows, err := f.GetRows("Samenvatting")
	if err != nil {
		t.Fatal(err)
	}
	header := 0
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Perceel" {
			header = i + 1
		}
	}
	if header == 0 {
		t.Fatal("Samenvatting has no lot table")
	}
	checkSum(t, f, "Samenvatting", fmt.Sprintf("C%d", header+4), "C", header+1, header+3)
	checkSum(t, f, "Samenvatting", fmt.Sprintf("E%d", header+4), "E", header+1, header+3)
	total, err := f.CalcCellValue("Samenvatting", fmt.Sprintf("E%d", header+4), excelize.Options{RawCellValue: true})
	if err != nil || total != "1935338.24" {
		t.Errorf("Samenvatting total estimated value = %s (%v), want the plan's 1935338.24", total, err)
	}
	// Each participant's total is the sum of its lots' annual values.
	if got, _ := f.GetCellFormula("Deelnemers", "P5"); got != "SUM(K5,M5,O5)" {
		t.Errorf("Deelnemers!P5 = %q, want SUM(K5,M5,O5)", got)
	}
}

// TestDossierXLSXTextStaysText: a requirement that starts with =, one
// that starts with + and mandate references that start with @, - and =
// are stored as text, and the only formulas in the workbook are the
// totals.
func TestDossierXLSXTextStaysText(t *testing.T) {
	t.Parallel()
	f := openXLSX(t, dossierXLSXBytes(t, fixtureDossier(dossierView())))
	checkNoInjectedFormulas(t, f, "=Eén factuur per deelnemer per maand", "+31-nummers blijven bereikbaar vanuit het buitenland.",
		"@BW 2026/1187", "-2026-0412", `=HYPERLINK("x")`)
	want := map[string]bool{}
	for _, s := range dossierSums {
		want[s.sheet+"!"+s.ref] = true
	}
	for r := 2; r <= 6; r++ {
		want[fmt.Sprintf("Deelnemers!P%d", r)] = true
	}
	rows, _ := f.GetRows("Samenvatting")
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Totaal" {
			want[fmt.Sprintf("Samenvatting!C%d", i+1)] = true
			want[fmt.Sprintf("Samenvatting!E%d", i+1)] = true
		}
	}
	got := map[string]bool{}
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for r, row := range rows {
			for c := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, _ := f.GetCellFormula(sh, ref); formula != "" {
					got[sh+"!"+ref] = true
				}
			}
		}
	}
	for ref := range got {
		if !want[ref] {
			t.Errorf("%s holds a formula that is not a total", ref)
		}
	}
	for ref := range want {
		if !got[ref] {
			t.Errorf("%s holds no formula, want a total", ref)
		}
	}
}

// TestDossierXLSXLayout checks the frozen panes, the filters and that
// dates and amounts are typed, on top of the golden.
func TestDossierXLSXLayout(t *testing.T) {
	t.Parallel()
	f := openXLSX(t, dossierXLSXBytes(t, fixtureDossier(dossierView())))
	if got, want := strings.Join(f.GetSheetList(), ", "), "Samenvatting, Deelnemers, Percelen, Eisen, Planning, Huidige contracten, Aannames"; got != want {
		t.Errorf("sheets = %s, want %s", got, want)
	}
	for _, sh := range []string{"Deelnemers", "Percelen", "Eisen", "Planning", "Huidige contracten", "Aannames"} {
		panes, err := f.GetPanes(sh)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v %v", sh, panes, err)
		}
	}
	filters := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters[dn.Scope] = dn.RefersTo
		}
	}
	for sh, want := range map[string]string{
		"Deelnemers": "'Deelnemers'!$A$1:$P$6", "Percelen": "'Percelen'!$A$1:$M$4", "Eisen": "'Eisen'!$A$1:$N$5",
		"Planning": "'Planning'!$A$1:$C$9", "Huidige contracten": "'Huidige contracten'!$A$1:$L$6",
	} {
		if filters[sh] != want {
			t.Errorf("%s: autofilter %q, want %q", sh, filters[sh], want)
		}
	}
	props, err := f.GetDocProps()
	if err != nil || props.Created != "2026-11-22T13:30:00Z" || props.Title != "Aanbestedingsdossier Vaste & mobiele telefonie en data 2027" {
		t.Errorf("document properties = %+v (%v), want the generation time and the tender title", props, err)
	}
	// € 1.234,56 is stored as the number 1234.56 in the money format, and
	// a mandate's date as a date serial in the date format.
	for _, c := range []struct{ sheet, ref, value, format string }{
		{"Deelnemers", "K5", "1234.56", `"€ "#,##0.00;"€ "-#,##0.00`},
		{"Deelnemers", "G3", "46300", "dd-mm-yyyy"},
	} {
		got, err := f.GetCellValue(c.sheet, c.ref, excelize.Options{RawCellValue: true})
		if err != nil || got != c.value {
			t.Errorf("%s!%s = %q (%v), want %q", c.sheet, c.ref, got, err, c.value)
		}
		id, _ := f.GetCellStyle(c.sheet, c.ref)
		style, err := f.GetStyle(id)
		if err != nil || style.CustomNumFmt == nil || *style.CustomNumFmt != c.format {
			t.Errorf("%s!%s has style %+v (%v), want the number format %s", c.sheet, c.ref, style, err, c.format)
		}
	}
}

func dossierPDFBytes(t *testing.T, d exports.Dossier) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exports.DossierPDF(&buf, d); err != nil {
		t.Fatalf("DossierPDF: %v", err)
	}
	return buf.Bytes()
}

// TestDossierPDFGolden goldens the page count and the text per page, and
// where pdftotext is installed checks that the file's own text has the
// Dutch and Frisian names and the euro amount exactly.
func TestDossierPDFGolden(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	p := exports.DossierPDFDocument(fixtureDossier(dossierView()))
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	checkPDF(t, "dossier_pdf.golden", p, buf.Bytes(), "'s-Hertogenbosch", "Súdwest-Fryslân", "€ 1.234,56", "Noardeast-Fryslân")
	if !bytes.Equal(buf.Bytes(), dossierPDFBytes(t, fixtureDossier(dossierView()))) {
		t.Error("DossierPDF writes other bytes than the document DossierPDFDocument builds")
	}
}

func TestDossierPDFDeterministic(t *testing.T) {
	t.Parallel()
	a := dossierPDFBytes(t, fixtureDossier(dossierView()))
	b := dossierPDFBytes(t, fixtureDossier(dossierView()))
	if !bytes.Equal(a, b) {
		t.Error("two PDFs of the same input differ; nothing may depend on the clock or map order")
	}
}
