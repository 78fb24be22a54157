package exports

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// cleanText, which every text passes before it reaches fpdf, and the set
// of characters the embedded Go fonts draw.

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
// Every text that reaches fpdf passes here: the PDF's writers call it,
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
