package exports

import (
	"strings"
)

// Tables in a PDF: columns of fixed or shared width, a header row repeated
// on every page the table continues on, and cells cut or wrapped so that
// a row stays inside its columns.

// PDFAlign is how a table column aligns its text.
type PDFAlign string

// The alignments: text left, figures and money right.
const (
	AlignLeft   PDFAlign = "L"
	AlignRight  PDFAlign = "R"
	AlignCenter PDFAlign = "C"
)

// PDFColumn is one column of a table.
type PDFColumn struct {
	Header string
	// Width in millimetres; columns with 0 share what the others leave of
	// the body width (174 mm) equally.
	Width float64
	Align PDFAlign
	// Wrap lets long text take up to six lines; otherwise it is cut to one
	// line ending in "…". Either way the row stays inside its column.
	Wrap bool
}

// PDFTable writes the rows of one table; create it with PDF.Table.
type PDFTable struct {
	p      *PDF
	cols   []PDFColumn
	widths []float64
	rows   int
}

// Table starts a table: it writes the header row, and writes it again at
// the top of every page the table continues on.
func (p *PDF) Table(cols []PDFColumn) *PDFTable {
	t := &PDFTable{p: p, cols: cols, widths: columnWidths(cols, pdfBodyWidth)}
	if !p.ok() {
		return t
	}
	p.f.SetFont(pdfFont, "B", pdfTableSize)
	p.EnsureSpace(t.headerHeight() + pdfLineHeight*2)
	t.header()
	return t
}

// columnWidths gives zero-width columns an equal part of what the others
// leave of total (at least 10 mm each).
func columnWidths(cols []PDFColumn, total float64) []float64 {
	ws := make([]float64, len(cols))
	fixed, free := 0.0, 0
	for i, c := range cols {
		ws[i] = c.Width
		fixed += c.Width
		if c.Width <= 0 {
			free++
		}
	}
	if free > 0 {
		share := max((total-fixed)/float64(free), 10)
		for i := range ws {
			if ws[i] <= 0 {
				ws[i] = share
			}
		}
	}
	return ws
}

// headerLines returns the wrapped header of each column.
func (t *PDFTable) headerLines() [][]string {
	t.p.f.SetFont(pdfFont, "B", pdfTableSize)
	out := make([][]string, len(t.cols))
	for i, c := range t.cols {
		out[i] = t.p.wrap(cleanText(c.Header, false), t.widths[i], 3)
	}
	return out
}

func (t *PDFTable) headerHeight() float64 {
	n := 1
	for _, ls := range t.headerLines() {
		n = max(n, len(ls))
	}
	return float64(n)*4 + 1.5
}

// header writes the header row on a light blue band.
func (t *PDFTable) header() {
	p := t.p
	lines := t.headerLines()
	h := t.headerHeight()
	p.f.SetFillColor(pdfLightBlue[0], pdfLightBlue[1], pdfLightBlue[2])
	y := p.f.GetY()
	p.f.Rect(pdfMarginLeft, y, sum(t.widths), h, "F")
	x := pdfMarginLeft
	var logged []string
	for i, c := range t.cols {
		for j, l := range lines[i] {
			p.f.SetXY(x, y+0.75+float64(j)*4)
			p.f.CellFormat(t.widths[i], 4, l, "", 0, string(alignOf(c.Align)), false, 0, "")
		}
		logged = append(logged, strings.Join(lines[i], " "))
		x += t.widths[i]
	}
	p.f.SetXY(pdfMarginLeft, y+h)
	p.Log(strings.Join(logged, " | "))
	p.f.SetFont(pdfFont, "", pdfTableSize)
}

func alignOf(a PDFAlign) PDFAlign {
	if a == "" {
		return AlignLeft
	}
	return a
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// Row writes one row; cells beyond the columns are ignored, missing cells
// are empty. When the row does not fit on the page, the table continues
// on a new page under a repeated header row.
func (t *PDFTable) Row(cells ...string) { t.row(cells, "") }

// BoldRow writes a row in bold with a rule above, for totals.
func (t *PDFTable) BoldRow(cells ...string) { t.row(cells, "B") }

func (t *PDFTable) row(cells []string, style string) {
	p := t.p
	if !p.ok() {
		return
	}
	p.f.SetFont(pdfFont, style, pdfTableSize)
	lines := make([][]string, len(t.cols))
	n := 1
	for i, c := range t.cols {
		text := ""
		if i < len(cells) {
			text = cleanText(cells[i], false)
		}
		if c.Wrap {
			lines[i] = p.wrap(text, t.widths[i], pdfMaxCellLines)
		} else {
			lines[i] = []string{p.fit(text, t.widths[i])}
		}
		n = max(n, len(lines[i]))
	}
	const lineH = 4.0
	h := float64(n)*lineH + 1
	if p.f.GetY()+h > pdfPageHeight-pdfMarginBottom {
		p.f.AddPage()
		t.header()
		p.f.SetFont(pdfFont, style, pdfTableSize)
	}
	y := p.f.GetY()
	p.f.SetDrawColor(pdfRule[0], pdfRule[1], pdfRule[2])
	p.f.SetLineWidth(0.1)
	if style == "B" {
		p.f.SetLineWidth(0.3)
		p.f.Line(pdfMarginLeft, y, pdfMarginLeft+sum(t.widths), y)
	}
	x := pdfMarginLeft
	logged := make([]string, len(t.cols))
	for i, c := range t.cols {
		for j, l := range lines[i] {
			p.f.SetXY(x, y+0.5+float64(j)*lineH)
			p.f.CellFormat(t.widths[i], lineH, l, "", 0, string(alignOf(c.Align)), false, 0, "")
		}
		logged[i] = strings.Join(lines[i], " ")
		x += t.widths[i]
	}
	p.f.SetLineWidth(0.1)
	p.f.Line(pdfMarginLeft, y+h, pdfMarginLeft+sum(t.widths), y+h)
	p.f.SetXY(pdfMarginLeft, y+h)
	p.Log(strings.Join(logged, " | "))
	t.rows++
}

// End closes the table with some space below it; a table without rows
// says so.
func (t *PDFTable) End() {
	p := t.p
	if !p.ok() {
		return
	}
	if t.rows == 0 {
		p.f.SetFont(pdfFont, "", pdfTableSize)
		p.f.CellFormat(sum(t.widths), 5, "Geen gegevens.", "", 1, "L", false, 0, "")
		p.Log("Geen gegevens.")
	}
	p.f.Ln(4)
	p.bodyFont()
}
