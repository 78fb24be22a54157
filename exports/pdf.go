package exports

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// The PDF foundation every PDF export builds on (STYLE §13:
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
//
// This file holds the document itself: its geometry, fonts and colours,
// the running head and foot, the text log and Output. The blocks written
// on it (cover, contents, headings, paragraphs, definitions, bar charts)
// are in pdf_blocks.go, tables in pdf_table.go, and cleanText, through
// which every text passes, in pdf_clean.go.

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
