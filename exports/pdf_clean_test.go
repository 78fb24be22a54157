package exports

import (
	"strings"
	"testing"
)

func TestCleanText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		in           string
		keepNewlines bool
		want         string
	}{
		{"plain ASCII stays", "Contract 2024-017 <b> & \"x\"", false, "Contract 2024-017 <b> & \"x\""},
		{"apostrophe of 's-Hertogenbosch stays", "Gemeente 's-Hertogenbosch", false, "Gemeente 's-Hertogenbosch"},
		{"Frisian letters stay", "Súdwest-Fryslân", false, "Súdwest-Fryslân"},
		{"euro sign, ellipsis and dashes stay", "€ 1.234,56 – … · ‘x’", false, "€ 1.234,56 – … · ‘x’"},
		{"combining accents are composed into the letters the font has", "Su\u0301dwest-Frysla\u0302n", false, "Súdwest-Fryslân"},
		{"a combining accent with no composed form and no glyph is replaced", "q\u0301", false, "q\uFFFD"},
		{"emoji outside the BMP is replaced", "Lancering 🚀 2027", false, "Lancering \uFFFD 2027"},
		{"mathematical letters outside the BMP are replaced one by one", "𝐀𝐁 licenties", false, "\uFFFD\uFFFD licenties"},
		{"a BMP character the font lacks is replaced", "Telefonie 中文", false, "Telefonie \uFFFD\uFFFD"},
		{"emoji with variation selector and joiner: one mark per picture", "❤️ 👨\u200d👩", false, "\uFFFD \uFFFD\uFFFD"},
		{"byte order mark and zero-width space are dropped", "\uFEFFab\u200Bc", false, "abc"},
		{"invalid UTF-8 is replaced", "a\xffb", false, "a\uFFFDb"},
		{"tab and carriage return become spaces", "a\tb\r\nc", false, "a b  c"},
		{"newline kept when asked", "a\nb\u2028c", true, "a\nb c"},
		{"Cyrillic the font has stays", "Жук", false, "Жук"},
		{"old Cyrillic fita, which the font lacks, is replaced", "Ѳ", false, "\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := cleanText(tt.in, tt.keepNewlines); got != tt.want {
				t.Errorf("cleanText(%q, %v) = %q, want %q", tt.in, tt.keepNewlines, got, tt.want)
			}
			if got := cleanText(tt.in, tt.keepNewlines); cleanText(got, tt.keepNewlines) != got {
				t.Errorf("cleanText(%q) is not idempotent", tt.in)
			}
		})
	}
}

func TestCleanTextCutsLongText(t *testing.T) {
	t.Parallel()
	in := strings.Repeat("🚀", pdfMaxRunes+10)
	got := cleanText(in, false)
	if n := len([]rune(got)); n != pdfMaxRunes {
		t.Errorf("cleanText of %d emoji has %d characters, want %d", pdfMaxRunes+10, n, pdfMaxRunes)
	}
}

func TestPDFGlyphsHasReplacementCharacter(t *testing.T) {
	t.Parallel()
	// cleanText's replacement must itself be drawable, or it would be a
	// missing glyph in turn.
	for _, r := range []rune{'\uFFFD', '…', '€', '?'} {
		if !pdfGlyphs().has(r) {
			t.Errorf("the Go fonts lack %q", r)
		}
	}
}
