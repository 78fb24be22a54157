package exports

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// This file is the PDF foundation every PDF export builds on (STYLE §13:
// codeberg.org/go-pdf/fpdf with the Go fonts). A PDF is one A4 document:
//
//	p := NewPDF(PDFInfo{Title: "…", Created: in.GeneratedAt, Footer: "…"})
//	p.Cover("Afhankelijkheidsrapport", "Gemeente Súdwest-Fryslân", facts)
//	p.Contents(1)                 // reserve the contents page
//	p.Section("1. Concentratie")  // recorded for the contents page
//	p.Paragraph("…")
//	t := p.Table(cols)            // header row repeats on every page
//	t.Row("…", nl.Money(m))
//	t.End()
//	err := p.Output(w)
//	pages := p.Text()             // the text per page, for golden tests
//
// Everything written through these methods is also recorded in a text log
// per page (Text), so that tests golden what a reader sees without
// depending on a PDF text extractor. Text drawn directly on Fpdf() is not
// in the log unless the caller records it with Log.
//
// Output is deterministic: the creation date comes from PDFInfo.Created,
// never from the clock, and the catalogs are written in sorted order, so
// the same input gives the same bytes.

// The page geometry, in millimetres (A4 portrait).
const (
	pdfMarginLeft   = 18.0
	pdfMarginRight  = 18.0
	pdfMarginTop    = 20.0
	pdfMarginBottom = 20.0
	pdfPageHeight   = 297.0
	pdfPageWidth    = 210.0
	// pdfBodyWidth is the width between the margins.
	pdfBodyWidth = pdfPageWidth - pdfMarginLeft - pdfMarginRight
)

// The font family the Go fonts are registered under, and the sizes used.
const (
	pdfFont       = "Go"
	pdfBodySize   = 9.5
	pdfSmallSize  = 7.5
	pdfTableSize  = 8.5
	pdfLineHeight = 4.6
	// pdfMaxCellLines caps how many lines one wrapped table cell takes, so
	// that a very long text cannot make a row taller than a page.
	pdfMaxCellLines = 6
	// pdfMaxRunes caps the text of one cell or line before it is measured:
	// what lies beyond could never be shown, and measuring it costs time.
	pdfMaxRunes = 4000
	// pdfContentsPerPage is how many contents entries one reserved contents
	// page holds.
	pdfContentsPerPage = 40
)

// pdfTotalPages is the alias fpdf replaces with the page count when the
// document is closed (AliasNbPages).
const pdfTotalPages = "{nb}"

// The colours: the dark blue of Dutch government documents for headings
// and bars, grey for running heads and rules.
var (
	pdfBlue      = [3]int{1, 104, 155}
	pdfLightBlue = [3]int{220, 230, 240}
	pdfGrey      = [3]int{110, 110, 110}
	pdfRule      = [3]int{180, 180, 180}
	pdfBlack     = [3]int{0, 0, 0}
)

// PDFInfo is the metadata of a document and its running head and foot.
type PDFInfo struct {
	// Title names the document in its metadata and running head.
	Title   string
	Subject string
	// Author is who the document is from, such as the cooperative.
	Author   string
	Keywords string
	// Created is the moment the document is generated, taken from the
	// input (never the clock), so the same input gives the same bytes. It
	// is required.
	Created time.Time
	// Footer is the text at the left of every page's foot, such as
	// "Samenkoop · 22-11-2026"; the right side says "pagina x van y".
	Footer string
}

// PDF is one A4 document being written. Methods record a problem and do
// nothing further once one occurred; Output returns it. A PDF is not safe
// for use by several goroutines; build one per document.
type PDF struct {
	f    *fpdf.Fpdf
	info PDFInfo
	err  error

	// pages holds the text log: the lines written on each page.
	pages [][]string
	// cover marks the page without a running head.
	cover int
	// sections are the headings recorded for the contents page.
	sections []pdfSection
	// contents is the first reserved contents page (0: none), with the
	// number of pages reserved and where in the log its entries go.
	contents, contentsPages, contentsLogAt int
	// heading is the section running on the current page, for the head.
	heading string
}

// pdfSection is a heading with where it starts.
type pdfSection struct {
	title string
	level int
	page  int
	link  int
}

// NewPDF starts an A4 portrait document with the Go fonts registered for
// UTF-8 text (regular and bold), info as its metadata, and a running head
// and a "pagina x van y" foot on every page.
func NewPDF(info PDFInfo) *PDF {
	for _, s := range []*string{&info.Title, &info.Subject, &info.Author, &info.Keywords, &info.Footer} {
		// fpdf writes the metadata as UTF-16 and mangles what lies outside
		// the Basic Multilingual Plane; the title and the footer are also
		// drawn on every page.
		*s = cleanText(*s, false)
	}
	f := fpdf.New("P", "mm", "A4", "")
	p := &PDF{f: f, info: info}
	if info.Created.IsZero() {
		p.err = errors.New("exports: pdf: the creation date is required (PDFInfo.Created)")
	}
	// The alias must be set before the fonts are added: fpdf sizes the
	// font subsets differently when it knows the page count is replaced.
	f.AliasNbPages(pdfTotalPages)
	f.AddUTF8FontFromBytes(pdfFont, "", goregular.TTF)
	f.AddUTF8FontFromBytes(pdfFont, "B", gobold.TTF)
	f.SetMargins(pdfMarginLeft, pdfMarginTop, pdfMarginRight)
	f.SetAutoPageBreak(true, pdfMarginBottom)
	f.SetCreationDate(info.Created)
	f.SetModificationDate(info.Created)
	f.SetCatalogSort(true)
	f.SetTitle(info.Title, true)
	f.SetSubject(info.Subject, true)
	f.SetAuthor(info.Author, true)
	f.SetKeywords(info.Keywords, true)
	f.SetCreator("Samenkoop", true)
	f.SetLang("nl-NL")
	f.SetHeaderFuncMode(p.head, true)
	f.SetFooterFunc(p.foot)
	f.SetFont(pdfFont, "", pdfBodySize)
	return p
}

// Fpdf returns the underlying document, for drawing that the methods here
// do not offer (a timeline chart, say). Text drawn on it directly is not
// in the text log; record it with Log.
func (p *PDF) Fpdf() *fpdf.Fpdf { return p.f }

// Err returns the first problem met while writing, or nil.
func (p *PDF) Err() error {
	if p.err != nil {
		return p.err
	}
	if err := p.f.Error(); err != nil {
		return fmt.Errorf("exports: pdf: %w", err)
	}
	return nil
}

func (p *PDF) ok() bool { return p.err == nil && p.f.Ok() }

// Log records text on the current page's text log, for text drawn
// directly on Fpdf(), as the fonts show it (cleanText).
func (p *PDF) Log(text string) {
	text = cleanText(text, true)
	page := max(p.f.PageNo(), 1)
	for len(p.pages) < page {
		p.pages = append(p.pages, nil)
	}
	p.pages[page-1] = append(p.pages[page-1], text)
}

// Text returns the text log: per page, the lines written on it, with the
// page count filled in. Call it after Output.
func (p *PDF) Text() []string {
	n := strconv.Itoa(p.f.PageCount())
	out := make([]string, len(p.pages))
	for i, lines := range p.pages {
		out[i] = strings.ReplaceAll(strings.Join(lines, "\n"), pdfTotalPages, n)
	}
	return out
}

// PDFTextDump renders a text log (Text) as one string for a golden file:
// the page count, then each page's lines under a page marker.
func PDFTextDump(pages []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "pages: %d\n", len(pages))
	for i, text := range pages {
		fmt.Fprintf(&b, "\n--- pagina %d ---\n%s\n", i+1, text)
	}
	return b.String()
}

// Output fills in the contents page, closes the document and writes it to
// w.
func (p *PDF) Output(w io.Writer) error {
	p.fillContents()
	if err := p.Err(); err != nil {
		return err
	}
	if p.f.PageNo() == 0 {
		p.AddPage()
	}
	if err := p.f.Output(w); err != nil {
		return fmt.Errorf("exports: pdf: %w", err)
	}
	return nil
}

// AddPage starts a new page with the running head.
func (p *PDF) AddPage() {
	if p.ok() {
		p.f.AddPage()
	}
}

func (p *PDF) setColor(text [3]int) { p.f.SetTextColor(text[0], text[1], text[2]) }

// head draws the running head: the document title at the left, the
// current section at the right, a rule below. The cover has none.
func (p *PDF) head() {
	page := p.f.PageNo()
	if page == p.cover {
		return
	}
	p.f.SetFont(pdfFont, "", pdfSmallSize)
	p.setColor(pdfGrey)
	y := pdfMarginTop - 9
	p.f.SetXY(pdfMarginLeft, y)
	left := p.fit(p.info.Title, pdfBodyWidth*0.6)
	p.f.CellFormat(pdfBodyWidth*0.6, 4, left, "", 0, "L", false, 0, "")
	right := p.fit(p.heading, pdfBodyWidth*0.4)
	p.f.CellFormat(pdfBodyWidth*0.4, 4, right, "", 0, "R", false, 0, "")
	p.f.SetDrawColor(pdfRule[0], pdfRule[1], pdfRule[2])
	p.f.SetLineWidth(0.2)
	p.f.Line(pdfMarginLeft, y+5, pdfPageWidth-pdfMarginRight, y+5)
	p.Log(joinNonEmpty(" | ", left, right))
	p.bodyFont()
}

// foot draws the foot: PDFInfo.Footer at the left, "pagina x van y" at
// the right.
func (p *PDF) foot() {
	p.f.SetFont(pdfFont, "", pdfSmallSize)
	p.setColor(pdfGrey)
	y := pdfPageHeight - pdfMarginBottom + 6
	p.f.SetDrawColor(pdfRule[0], pdfRule[1], pdfRule[2])
	p.f.SetLineWidth(0.2)
	p.f.Line(pdfMarginLeft, y-1.5, pdfPageWidth-pdfMarginRight, y-1.5)
	p.f.SetXY(pdfMarginLeft, y)
	left := p.fit(p.info.Footer, pdfBodyWidth*0.7)
	p.f.CellFormat(pdfBodyWidth*0.7, 4, left, "", 0, "L", false, 0, "")
	right := fmt.Sprintf("pagina %d van %s", p.f.PageNo(), pdfTotalPages)
	p.f.CellFormat(pdfBodyWidth*0.3, 4, right, "", 0, "R", false, 0, "")
	p.Log(joinNonEmpty(" | ", left, right))
	p.bodyFont()
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, s := range parts {
		if s != "" {
			keep = append(keep, s)
		}
	}
	return strings.Join(keep, sep)
}

func (p *PDF) bodyFont() {
	p.f.SetFont(pdfFont, "", pdfBodySize)
	p.setColor(pdfBlack)
}

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

// cleanText makes any text safe to lay out in the Go fonts: invalid UTF-8
// replaced, the text composed (NFC, so that a letter typed with a separate
// combining accent, as some systems send "Súdwest-Fryslân", becomes the one
// accented letter the font has), control characters (tabs, carriage
// returns) turned into spaces, newlines kept only when keepNewlines, and
// cut at pdfMaxRunes. A character the fonts have no glyph for becomes
// U+FFFD, which they do have, so that the reader sees something is
// missing; invisible format characters (zero-width joiners, variation
// selectors, the byte order mark) the fonts lack are dropped. This also
// keeps fpdf working: it indexes its width table by code point and
// panics on anything outside the Basic Multilingual Plane (an emoji, the
// mathematical letters 𝐀𝐁). Markup characters (<, &, quotes) need no
// escaping: fpdf writes text as PDF strings, never as markup.
//
// Every text that reaches fpdf passes here: the writers below call it,
// and fit and wrap, through which the running head, the foot and the
// charts drawn on Fpdf() lay out their text, call it again (it is
// idempotent).
func cleanText(s string, keepNewlines bool) string {
	if plainASCII(s) {
		return s
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if utf8.RuneCountInString(s) > pdfMaxRunes {
		s = string([]rune(s)[:pdfMaxRunes])
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' && keepNewlines:
			return r
		case unicode.IsControl(r), r == '\u2028', r == '\u2029':
			return ' '
		case pdfGlyphs().has(r):
			return r
		case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Variation_Selector, r):
			return -1
		}
		return '\uFFFD'
	}, s)
}

// plainASCII reports whether s is printable ASCII only, which the fonts
// cover and cleanText leaves as it is: most text takes this path.
func plainASCII(s string) bool {
	if len(s) > pdfMaxRunes {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

// glyphSet is the set of characters both Go fonts draw: a bit per code
// point of the Basic Multilingual Plane, the only plane fpdf handles.
type glyphSet [0x10000 / 64]uint64

func (g *glyphSet) has(r rune) bool {
	return r >= 0 && r < 0x10000 && g[r/64]&(1<<(r%64)) != 0
}

// pdfGlyphs reads the character maps of the embedded fonts once.
var pdfGlyphs = sync.OnceValue(func() *glyphSet {
	var g glyphSet
	var fonts []*sfnt.Font
	for _, ttf := range [][]byte{goregular.TTF, gobold.TTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			// The fonts are compiled in; a parse failure is a build defect.
			panic(fmt.Sprintf("exports: pdf: parse the embedded Go font: %v", err))
		}
		fonts = append(fonts, f)
	}
	var buf sfnt.Buffer
	for r := rune(0); r < 0x10000; r++ {
		all := true
		for _, f := range fonts {
			if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
				all = false
				break
			}
		}
		if all {
			g[r/64] |= 1 << (r % 64)
		}
	}
	return &g
})

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
