package ui

import (
	"fmt"
	"html/template"
	"strings"
	"unicode/utf8"
)

// The charts of the finance and dependency pages are SVG drawn here, on
// the server (DESIGN §5): no script, and no style attributes, which the
// content security policy (style-src 'self') blocks; sizes and colours are
// SVG presentation attributes, the rest is in app.css. Every chart has
// role="img" with a <title> and a <desc>, and every page that shows one
// also lists the same values in a table, so no figure exists only as a
// picture.

// bar is one bar of a chart: its label, its length (any unit, compared
// with the other bars') and the value written next to it.
type bar struct {
	Label string
	Value int64
	Text  string
}

// The geometry of a horizontal bar chart, in SVG user units.
const (
	chartWidth      = 720
	chartLabelWidth = 240
	chartValueWidth = 130
	chartBarHeight  = 22
	chartRowHeight  = 32
	chartPad        = 8
	chartLabelRunes = 34
)

// barChart draws bars as a horizontal bar chart. id makes the ids of the
// title and description unique on the page; title and desc are what a
// screen reader announces. Labels longer than chartLabelRunes are cut
// with an ellipsis in the picture (the table beside it has them in full);
// negative values draw no bar. Without bars it returns "".
func barChart(id, title, desc string, bars []bar) template.HTML {
	if len(bars) == 0 {
		return ""
	}
	var maxValue int64
	for _, b := range bars {
		maxValue = max(maxValue, b.Value)
	}
	esc := template.HTMLEscapeString
	area := chartWidth - chartLabelWidth - chartValueWidth
	height := len(bars)*chartRowHeight + 2*chartPad
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-titel %s-beschrijving" focusable="false">`,
		chartWidth, height, chartWidth, height, esc(id), esc(id))
	fmt.Fprintf(&s, `<title id="%s-titel">%s</title><desc id="%s-beschrijving">%s</desc>`, esc(id), esc(title), esc(id), esc(desc))
	for i, b := range bars {
		y := chartPad + i*chartRowHeight
		mid := y + chartRowHeight/2
		length := 0
		if maxValue > 0 && b.Value > 0 {
			length = max(1, int(int64(area)*b.Value/maxValue))
		}
		fmt.Fprintf(&s, `<g class="chart__row"><text class="chart__label" x="%d" y="%d" text-anchor="end" dominant-baseline="middle" fill="#1a1a1a">%s</text>`,
			chartLabelWidth-chartPad, mid, esc(shorten(b.Label, chartLabelRunes)))
		fmt.Fprintf(&s, `<rect class="chart__bar" x="%d" y="%d" width="%d" height="%d" fill="#154273"></rect>`,
			chartLabelWidth, y+(chartRowHeight-chartBarHeight)/2, length, chartBarHeight)
		fmt.Fprintf(&s, `<text class="chart__value" x="%d" y="%d" dominant-baseline="middle" fill="#1a1a1a">%s</text></g>`,
			chartLabelWidth+length+chartPad, mid, esc(b.Text))
	}
	s.WriteString(`</svg>`)
	// Every text in the markup above went through HTMLEscapeString.
	return template.HTML(s.String())
}

// shorten cuts s to at most n runes, ending in "…" when cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
