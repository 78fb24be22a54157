package exports

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// The blocks a PDF is written in: the cover, the contents page, section
// headings, paragraphs, notes, label–value definitions and bar charts, and
// the line wrapping and fitting they (and the running head and foot) lay
// their text out with.

// Cover starts the document with a cover page: the title large, a
// subtitle, and facts as label–value lines (such as the organization, the
// year and the generation date). The cover has no running head.
func (p *PDF) Cover(title, subtitle string, facts [][2]string) {
	if !p.ok() {
		return
	}
	p.cover = p.f.PageNo() + 1
	p.f.AddPage()
	p.f.SetY(70)
	p.f.SetFont(pdfFont, "B", 24)
	p.setColor(pdfBlue)
	p.lines(cleanText(title, true), pdfBodyWidth, 10, "L", 4)
	if subtitle != "" {
		p.f.Ln(3)
		p.f.SetFont(pdfFont, "", 15)
		p.setColor(pdfBlack)
		p.lines(cleanText(subtitle, true), pdfBodyWidth, 7, "L", 4)
	}
	p.f.Ln(10)
	p.bodyFont()
	p.Definitions(facts)
}

// Contents reserves pages for the table of contents at this point: a new
// page, or pages more when more than 40 headings are expected. Output
// fills it with every Section and Subsection and the page each starts on,
// linked to it. Headings beyond the reserved room make Output fail.
func (p *PDF) Contents(pages int) {
	if !p.ok() {
		return
	}
	pages = max(pages, 1)
	p.heading = "Inhoud"
	p.f.AddPage()
	p.contents, p.contentsPages = p.f.PageNo(), pages
	p.title("Inhoud", 14)
	page := p.contents
	for len(p.pages) < page {
		p.pages = append(p.pages, nil)
	}
	p.contentsLogAt = len(p.pages[page-1])
	for range pages - 1 {
		p.f.AddPage()
	}
}

// fillContents writes the recorded headings on the reserved contents
// pages.
func (p *PDF) fillContents() {
	if p.contents == 0 || !p.ok() {
		return
	}
	if len(p.sections) > p.contentsPages*pdfContentsPerPage {
		p.err = fmt.Errorf("exports: pdf: %d headings do not fit the %d contents page(s) reserved", len(p.sections), p.contentsPages)
		return
	}
	last := p.f.PageNo()
	var logged []string
	for i, s := range p.sections {
		page := p.contents + i/pdfContentsPerPage
		if i%pdfContentsPerPage == 0 {
			p.f.SetPage(page)
			p.f.SetY(pdfMarginTop + 12)
		}
		indent := 6 * float64(s.level)
		style := "B"
		if s.level > 0 {
			style = ""
		}
		p.f.SetFont(pdfFont, style, pdfBodySize)
		p.setColor(pdfBlack)
		p.f.SetX(pdfMarginLeft + indent)
		num := strconv.Itoa(s.page)
		title := p.fit(s.title, pdfBodyWidth-indent-15)
		p.f.CellFormat(pdfBodyWidth-indent-15, 6, title, "", 0, "L", false, s.link, "")
		p.f.CellFormat(15, 6, num, "", 1, "R", false, s.link, "")
		line := strings.Repeat("  ", s.level) + title + " ... " + num
		if page == p.contents {
			logged = append(logged, line)
		} else {
			p.pages[page-1] = append(p.pages[page-1], line)
		}
	}
	at := p.contentsLogAt
	lines := p.pages[p.contents-1]
	p.pages[p.contents-1] = append(lines[:at:at], append(logged, lines[at:]...)...)
	p.f.SetPage(last)
	p.bodyFont()
}

// title writes a heading line in blue bold.
func (p *PDF) title(text string, size float64) {
	p.f.SetFont(pdfFont, "B", size)
	p.setColor(pdfBlue)
	p.lines(cleanText(text, false), pdfBodyWidth, size*0.5, "L", 2)
	p.bodyFont()
}

// Section starts a section: a heading that the running head and the
// contents page show. It starts a new page when fewer than 40 mm are
// left, so a heading never ends a page on its own.
func (p *PDF) Section(title string) { p.heading = title; p.heading1(title, 0, 14) }

// Subsection writes a heading below a section, listed indented on the
// contents page.
func (p *PDF) Subsection(title string) { p.heading1(title, 1, 11) }

func (p *PDF) heading1(title string, level int, size float64) {
	if !p.ok() {
		return
	}
	if page := p.f.PageNo(); page == 0 || page == p.cover || p.contents != 0 && page < p.contents+p.contentsPages {
		p.f.AddPage()
	} else {
		p.EnsureSpace(40)
		p.f.Ln(3)
	}
	link := p.f.AddLink()
	p.f.SetLink(link, p.f.GetY(), p.f.PageNo())
	p.f.Bookmark(cleanText(title, false), level, -1)
	p.sections = append(p.sections, pdfSection{title: cleanText(title, false), level: level, page: p.f.PageNo(), link: link})
	p.title(title, size)
	p.f.Ln(1)
}

// EnsureSpace starts a new page unless h millimetres are left above the
// bottom margin.
func (p *PDF) EnsureSpace(h float64) {
	if !p.ok() {
		return
	}
	if p.f.PageNo() == 0 || p.f.GetY()+h > pdfPageHeight-pdfMarginBottom {
		p.f.AddPage()
	}
}

// Paragraph writes text wrapped to the body width; a newline starts a new
// line. Long paragraphs continue on the next page.
func (p *PDF) Paragraph(text string) {
	if !p.ok() {
		return
	}
	p.EnsureSpace(pdfLineHeight)
	p.bodyFont()
	for _, part := range strings.Split(cleanText(text, true), "\n") {
		p.lines(part, pdfBodyWidth, pdfLineHeight, "L", 0)
	}
	p.f.Ln(2)
}

// Note writes text small and grey, such as a source or an assumption.
func (p *PDF) Note(text string) {
	if !p.ok() {
		return
	}
	p.f.SetFont(pdfFont, "", pdfSmallSize)
	p.setColor(pdfGrey)
	for _, part := range strings.Split(cleanText(text, true), "\n") {
		p.lines(part, pdfBodyWidth, 3.6, "L", 0)
	}
	p.bodyFont()
	p.f.Ln(1.5)
}

// Definitions writes label–value lines: the label bold in a narrow
// column, the value wrapped beside it.
func (p *PDF) Definitions(pairs [][2]string) {
	if !p.ok() || len(pairs) == 0 {
		return
	}
	const labelW = 64.0
	for _, kv := range pairs {
		p.f.SetFont(pdfFont, "", pdfBodySize)
		values := p.wrap(cleanText(kv[1], false), pdfBodyWidth-labelW, pdfMaxCellLines)
		p.EnsureSpace(float64(len(values)) * pdfLineHeight)
		p.f.SetFont(pdfFont, "B", pdfBodySize)
		label := p.fit(cleanText(kv[0], false), labelW)
		y := p.f.GetY()
		p.f.SetXY(pdfMarginLeft, y)
		p.f.CellFormat(labelW, pdfLineHeight, label, "", 0, "L", false, 0, "")
		p.f.SetFont(pdfFont, "", pdfBodySize)
		for i, v := range values {
			p.f.SetXY(pdfMarginLeft+labelW, y+float64(i)*pdfLineHeight)
			p.f.CellFormat(pdfBodyWidth-labelW, pdfLineHeight, v, "", 1, "L", false, 0, "")
		}
		p.Log(label + ": " + strings.Join(values, " "))
	}
	p.f.Ln(2)
}

// PDFBar is one bar of a bar chart.
type PDFBar struct {
	Label string
	// Value sets the bar's length relative to the chart's maximum.
	Value int64
	// Text is written after the bar, such as "42,5 %".
	Text string
}

// BarChart draws horizontal bars, one per line: the label at the left,
// the bar in blue scaled to maxValue (0: the largest value), the text at
// the right. Each bar's length is proportional to its value; negative
// values draw no bar.
func (p *PDF) BarChart(bars []PDFBar, maxValue int64) {
	if !p.ok() || len(bars) == 0 {
		return
	}
	const (
		labelW = 58.0
		textW  = 24.0
		barH   = 4.2
		step   = 6.0
	)
	if maxValue <= 0 {
		for _, b := range bars {
			maxValue = max(maxValue, b.Value)
		}
	}
	area := pdfBodyWidth - labelW - textW - 4
	p.f.SetFont(pdfFont, "", pdfTableSize)
	for _, b := range bars {
		p.EnsureSpace(step)
		y := p.f.GetY()
		label := p.fit(cleanText(b.Label, false), labelW)
		p.f.SetXY(pdfMarginLeft, y)
		p.f.CellFormat(labelW, step, label, "", 0, "L", false, 0, "")
		p.f.SetFillColor(pdfLightBlue[0], pdfLightBlue[1], pdfLightBlue[2])
		p.f.Rect(pdfMarginLeft+labelW+2, y+(step-barH)/2, area, barH, "F")
		if maxValue > 0 && b.Value > 0 {
			w := area * float64(min(b.Value, maxValue)) / float64(maxValue)
			p.f.SetFillColor(pdfBlue[0], pdfBlue[1], pdfBlue[2])
			p.f.Rect(pdfMarginLeft+labelW+2, y+(step-barH)/2, w, barH, "F")
		}
		text := p.fit(cleanText(b.Text, false), textW)
		p.f.SetXY(pdfMarginLeft+labelW+4+area, y)
		p.f.CellFormat(textW, step, text, "", 1, "R", false, 0, "")
		p.Log(label + ": " + text)
	}
	p.f.Ln(3)
	p.bodyFont()
}

// lines writes text wrapped to width w, line by line so that each line is
// logged on the page it lands on; at most maxLines lines (0: no limit),
// the last ending in "…" when text was cut.
func (p *PDF) lines(text string, w, h float64, align string, maxLines int) {
	ls := p.wrap(text, w, maxLines)
	for _, l := range ls {
		p.EnsureSpace(h)
		p.f.SetX(pdfMarginLeft)
		p.f.CellFormat(w, h, l, "", 1, align, false, 0, "")
		p.Log(l)
	}
}

// wrap splits text, cleaned (cleanText), into lines no wider than w in
// the current font, at most maxLines (0: no limit) with the last cut to
// fit and ending in "…" when text goes on. A word longer than a line is
// broken.
func (p *PDF) wrap(text string, w float64, maxLines int) []string {
	text = cleanText(text, false)
	if text == "" {
		return []string{""}
	}
	ls := p.f.SplitText(text, w)
	if len(ls) == 0 {
		return []string{""}
	}
	if maxLines > 0 && len(ls) > maxLines {
		ls[maxLines-1] = p.fit(strings.Join(ls[maxLines-1:], " "), w)
		ls = ls[:maxLines]
	}
	return ls
}

// fit returns s, cleaned (cleanText), cut to fit width w (cell margins
// included) in the current font, ending in "…" when it was cut. Text drawn
// on Fpdf() goes through fit or wrap, never straight to fpdf.
func (p *PDF) fit(s string, w float64) string {
	s = cleanText(s, false)
	room := w - 2*p.cellMargin()
	if p.f.GetStringWidth(s) <= room {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if p.f.GetStringWidth(string(r[:mid])+"…") <= room {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRightFunc(string(r[:lo]), unicode.IsSpace) + "…"
}

// cellMargin is fpdf's default horizontal padding inside a cell: a tenth
// of the page margin it was created with (1 cm).
func (p *PDF) cellMargin() float64 { return 1.0 }
