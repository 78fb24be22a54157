package exports_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/exports"
)

// Titles with characters outside the Basic Multilingual Plane made fpdf
// panic with "index out of range [65536]" while writing the document
// (issue #12). Each document below must now render, showing U+FFFD where
// the fonts have no glyph.

// pdfOutput writes p and fails the test on an error or a panic.
func pdfOutput(t *testing.T, p *exports.PDF) []byte {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("Output panicked: %v", r)
		}
	}()
	return pdfBytes(t, p)
}

func TestDossierPDFOutsideBMP(t *testing.T) {
	t.Parallel()
	v := dossierView()
	v.Tender.Title = "Lancering 🚀 telefonie"
	v.Lots[0].Title = "𝐀𝐁 vaste telefonie"
	v.Participants[1].Name = "'s-Hertogenbosch 🏛️"
	var p *exports.PDF
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("DossierPDFDocument panicked: %v", r)
			}
		}()
		p = exports.DossierPDFDocument(fixtureDossier(v))
	}()
	pdf := pdfOutput(t, p)
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:min(len(pdf), 10)])
	}
	text := strings.Join(p.Text(), "\n")
	for _, want := range []string{"Lancering \uFFFD telefonie", "\uFFFD\uFFFD vaste telefonie", "Súdwest-Fryslân", "€\u00a01.234,56"} {
		if !strings.Contains(text, want) {
			t.Errorf("the dossier's text lacks %q", want)
		}
	}
	for _, gone := range []string{"🚀", "𝐀", "🏛"} {
		if strings.Contains(text, gone) {
			t.Errorf("the dossier's text still has %q, which the fonts cannot draw", gone)
		}
	}
	if pages, ok := pdftotextPages(t, pdf); ok && !strings.Contains(strings.Join(pages, "\n"), "Lancering \uFFFD telefonie") {
		t.Error("pdftotext does not find the title with its replacement character")
	}
}

func TestDependencyPDFOutsideBMP(t *testing.T) {
	t.Parallel()
	r := cooperativeFixture()
	r.Vendors[0].GroupName = "Centric 🚀"
	r.LockIn[0].Title = "Zaaksysteem 𝐀𝐁"
	r.Reach[0].GroupName = "Centric 🚀"
	r.Categories[0].Name = "Zaakgericht werken ✅"
	p := exports.DependencyPDFDoc(r)
	pdf := pdfOutput(t, p)
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:min(len(pdf), 10)])
	}
	text := strings.Join(p.Text(), "\n")
	for _, want := range []string{"Centric \uFFFD", "Zaaksysteem \uFFFD\uFFFD", "'s-Hertogenbosch"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report's text lacks %q", want)
		}
	}
	if strings.Contains(text, "🚀") || strings.Contains(text, "𝐀") {
		t.Error("the report's text still has characters the fonts cannot draw")
	}
}

// TestPDFMetadataOutsideBMP checks the document information and the
// running head and foot, which take PDFInfo as it is given.
func TestPDFMetadataOutsideBMP(t *testing.T) {
	t.Parallel()
	p := exports.NewPDF(exports.PDFInfo{Title: "Rapport 🚀", Subject: "𝐀𝐁", Author: "Coöperatie 🤝", Keywords: "🚀",
		Created: pdfCreated, Footer: "Samenkoop 🚀 · 22-11-2026"})
	p.Section("Kop met 🚀")
	p.Paragraph("Tekst 𝐀𝐁")
	pdfOutput(t, p)
	text := strings.Join(p.Text(), "\n")
	for _, want := range []string{"Rapport \uFFFD | Kop met \uFFFD", "Samenkoop \uFFFD · 22-11-2026", "Tekst \uFFFD\uFFFD"} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
}
