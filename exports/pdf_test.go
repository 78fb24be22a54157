package exports_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// checkGolden compares got with testdata/name, or rewrites the file when
// the tests run with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if updateGolden() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./exports -run %s -update)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (rerun with -update and review the diff):\n%s", path, got)
	}
}

// pdftotextPages extracts the text of each page of a PDF with poppler's
// pdftotext; ok is false when pdftotext is not installed.
func pdftotextPages(t *testing.T, pdf []byte) (pages []string, ok bool) {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, false
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages = strings.Split(string(out), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1] // pdftotext ends every page with a form feed
	}
	return pages, true
}

// checkPDF goldens a document's page count and text per page (its text
// log, STYLE §11), and when pdftotext is installed checks that the file
// itself has as many pages and contains each of wantText exactly.
func checkPDF(t *testing.T, golden string, p *exports.PDF, pdf []byte, wantText ...string) {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-: %q", pdf[:min(len(pdf), 20)])
	}
	text := p.Text()
	checkGolden(t, golden, []byte(exports.PDFTextDump(text)))
	pages, ok := pdftotextPages(t, pdf)
	if !ok {
		t.Log("pdftotext not installed (poppler-utils): the PDF's own text is not checked")
		return
	}
	if len(pages) != len(text) {
		t.Errorf("pdftotext finds %d pages, the text log %d", len(pages), len(text))
	}
	all := strings.Join(pages, "\n")
	for _, w := range wantText {
		if !strings.Contains(all, w) {
			t.Errorf("pdftotext text lacks %q", w)
		}
	}
}

// pdfCreated is the fixed generation moment of the test documents.
var pdfCreated = time.Date(2026, 11, 22, 9, 30, 0, 0, contracts.Amsterdam)

// oddName is a name with markup characters, quotes and a length no
// column can hold.
var oddName = `<script>alert("x")</script> & 'Ѳ' "Gemeente" ` + strings.Repeat("Súdwest-Fryslân-", 300)

// foundationDoc exercises every writer of the PDF foundation: cover,
// contents, sections, paragraphs, definitions, a table long enough to
// run over three pages, and a bar chart.
func foundationDoc() *exports.PDF {
	p := exports.NewPDF(exports.PDFInfo{Title: "Proefdocument", Subject: "Test", Author: "Samenkoop",
		Created: pdfCreated, Footer: "Samenkoop · 22-11-2026"})
	p.Cover("Proefdocument met een titel", "Gemeente 's-Hertogenbosch", [][2]string{
		{"Organisatie", "Súdwest-Fryslân"}, {"Bedrag", nl.Money(123456)}, {"Vreemde naam", oddName}})
	p.Contents(1)
	p.Section("1. Tekst")
	p.Paragraph("Een alinea met <tags>, & tekens, \"aanhalingstekens\" en een\ttab.\nEen tweede regel.")
	p.Note("Bron: proef.")
	p.Definitions([][2]string{{"HHI", "2.345"}, {oddName, oddName}})
	p.Section("2. Tabel")
	p.Subsection("2.1 Contracten")
	t := p.Table([]exports.PDFColumn{
		{Header: "Nr.", Width: 12, Align: exports.AlignRight},
		{Header: "Naam", Wrap: true},
		{Header: "Leverancier"},
		{Header: "Bedrag per jaar", Width: 30, Align: exports.AlignRight},
	})
	for i := range 120 {
		name := fmt.Sprintf("Contract %d van 's-Hertogenbosch", i+1)
		if i == 7 {
			name = oddName
		}
		t.Row(fmt.Sprint(i+1), name, `Leverancier "B&V" <x>`, nl.Money(contracts.Money(123456*(i+1))))
	}
	t.BoldRow("", "Totaal", "", nl.Money(contracts.Money(123456*7260)))
	t.End()
	p.Section("3. Grafiek")
	p.BarChart([]exports.PDFBar{{Label: "Centric", Value: 6000, Text: "60 %"}, {Label: oddName, Value: 3000, Text: "30 %"},
		{Label: "Nul", Value: 0, Text: "0 %"}}, 10000)
	t = p.Table([]exports.PDFColumn{{Header: "Leeg"}})
	t.End()
	return p
}

func pdfBytes(t *testing.T, p *exports.PDF) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatalf("Output: %v", err)
	}
	return buf.Bytes()
}

func TestPDFFoundationGolden(t *testing.T) {
	t.Parallel()
	p := foundationDoc()
	checkPDF(t, "pdf_foundation.golden", p, pdfBytes(t, p), "'s-Hertogenbosch", "Súdwest-Fryslân", "€ 1.234,56", "pagina 3 van 6")
}

func TestPDFIsDeterministic(t *testing.T) {
	t.Parallel()
	a, b := foundationDoc(), foundationDoc()
	if !bytes.Equal(pdfBytes(t, a), pdfBytes(t, b)) {
		t.Error("two documents from the same input differ; nothing may depend on the clock or map order")
	}
}

// TestPDFTableHeaderRepeats checks that each page a table continues on
// starts with its header row, right under the running head.
func TestPDFTableHeaderRepeats(t *testing.T) {
	t.Parallel()
	p := foundationDoc()
	pdfBytes(t, p)
	pages := p.Text()
	continued := 0
	for i, page := range pages {
		lines := strings.Split(page, "\n")
		if !strings.Contains(page, " van 's-Hertogenbosch | ") || strings.Contains(page, "2.1 Contracten") {
			continue
		}
		continued++
		if len(lines) < 2 || lines[1] != "Nr. | Naam | Leverancier | Bedrag per jaar" {
			t.Errorf("page %d continues the table but starts with %q, want the header row", i+1, lines[:min(2, len(lines))])
		}
	}
	if continued < 2 {
		t.Errorf("the table continues on %d pages, want at least 2 (the fixture is too short)", continued)
	}
}

// TestPDFOddTextStaysInItsColumn checks that a name with markup
// characters and 4,800 letters is cut inside its column, and wraps at
// most six lines where the column wraps.
func TestPDFOddTextStaysInItsColumn(t *testing.T) {
	t.Parallel()
	p := foundationDoc()
	pdfBytes(t, p)
	all := strings.Join(p.Text(), "\n")
	for _, line := range strings.Split(all, "\n") {
		if len([]rune(line)) > 600 {
			t.Errorf("a logged line has %d characters: text was not cut to its column: %.80q…", len([]rune(line)), line)
		}
	}
	// The Go fonts have no fita (Ѳ): it shows as U+FFFD (cleanText).
	if !strings.Contains(all, `<script>alert("x")</script> & '`+"\uFFFD'") {
		t.Error("the markup characters of the odd name were altered; they must be written as they are")
	}
	if !strings.Contains(all, "…") {
		t.Error("no cut text ends in …")
	}
}

func TestPDFContents(t *testing.T) {
	t.Parallel()
	p := foundationDoc()
	pdfBytes(t, p)
	contents := p.Text()[1]
	for _, want := range []string{"Inhoud", "1. Tekst ... 3", "2. Tabel ... 3", "  2.1 Contracten ... 3", "3. Grafiek ... 5"} {
		if !strings.Contains(contents, want) {
			t.Errorf("contents page lacks %q:\n%s", want, contents)
		}
	}
}

func TestPDFRequiresCreationDate(t *testing.T) {
	t.Parallel()
	p := exports.NewPDF(exports.PDFInfo{Title: "Zonder datum"})
	p.Paragraph("tekst")
	if err := p.Output(&bytes.Buffer{}); err == nil {
		t.Error("Output without PDFInfo.Created succeeded; the date would come from the clock")
	}
}

func TestPDFContentsOverflow(t *testing.T) {
	t.Parallel()
	p := exports.NewPDF(exports.PDFInfo{Title: "Veel koppen", Created: pdfCreated})
	p.Contents(1)
	for i := range 41 {
		p.Subsection(fmt.Sprint("Kop ", i))
	}
	if err := p.Output(&bytes.Buffer{}); err == nil {
		t.Error("41 headings on one reserved contents page: Output succeeded, want an error")
	}
}
