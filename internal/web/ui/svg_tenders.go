package ui

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// The geometry of the timeline chart, in SVG user units: one row per
// milestone, a bar from the previous milestone to this one on a common
// time axis, today as a vertical line.
const (
	timelineWidth      = 720
	timelineLabelWidth = 290
	timelineDateWidth  = 90
	timelineRowHeight  = 28
	timelineBarHeight  = 16
	timelineTop        = 26 // room for the "vandaag" label
	timelineLabelRunes = 34
)

// timelineChart draws a tender's milestones as a timeline on the server
// (DESIGN §5), in the style of barChart: role="img" with a <title> and a
// <desc>, presentation attributes only (no style attributes, which the
// content security policy blocks). The page lists the same milestones in
// a table with their legal basis. Without milestones it returns "".
func timelineChart(id, title string, ms []procurement.Milestone, today contracts.Date) template.HTML {
	if len(ms) == 0 {
		return ""
	}
	first, last := ms[0].Date, ms[len(ms)-1].Date
	span := max(first.DaysUntil(last), 1)
	area := timelineWidth - timelineLabelWidth - timelineDateWidth
	x := func(d contracts.Date) int {
		days := min(max(first.DaysUntil(d), 0), span)
		return timelineLabelWidth + area*days/span
	}
	esc := template.HTMLEscapeString
	height := timelineTop + len(ms)*timelineRowHeight + 8
	desc := fmt.Sprintf("Planning in %d stappen van %s tot en met %s; de tabel hieronder geeft elke datum met de wettelijke grondslag.",
		len(ms), nl.Date(first), nl.Date(last))
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-titel %s-beschrijving" focusable="false">`,
		timelineWidth, height, timelineWidth, height, esc(id), esc(id))
	fmt.Fprintf(&s, `<title id="%s-titel">%s</title><desc id="%s-beschrijving">%s</desc>`, esc(id), esc(title), esc(id), esc(desc))
	fmt.Fprintf(&s, `<line class="timeline__axis" x1="%d" y1="%d" x2="%d" y2="%d" stroke="#b4b4b4" stroke-width="1"></line>`,
		timelineLabelWidth, timelineTop, timelineLabelWidth+area, timelineTop)
	prev := first
	for i, m := range ms {
		y := timelineTop + i*timelineRowHeight
		mid := y + timelineRowHeight/2
		fmt.Fprintf(&s, `<g class="timeline__row"><text class="chart__label" x="%d" y="%d" text-anchor="end" dominant-baseline="middle" fill="#1a1a1a">%s</text>`,
			timelineLabelWidth-8, mid, esc(shorten(nl.Capitalize(nl.Milestone(m.Key)), timelineLabelRunes)))
		x0, x1 := x(prev), x(m.Date)
		if i == 0 || x1-x0 < 3 {
			// A step on the same day as the one before: a marker.
			fmt.Fprintf(&s, `<rect class="timeline__marker" x="%d" y="%d" width="6" height="%d" fill="#154273"></rect>`,
				min(x1, timelineLabelWidth+area-6), y+(timelineRowHeight-timelineBarHeight)/2, timelineBarHeight)
		} else {
			fmt.Fprintf(&s, `<rect class="timeline__bar" x="%d" y="%d" width="%d" height="%d" fill="#154273"></rect>`,
				x0, y+(timelineRowHeight-timelineBarHeight)/2, x1-x0, timelineBarHeight)
		}
		fmt.Fprintf(&s, `<text class="chart__value" x="%d" y="%d" dominant-baseline="middle" fill="#1a1a1a">%s</text></g>`,
			timelineLabelWidth+area+8, mid, esc(nl.Date(m.Date)))
		prev = m.Date
	}
	if !today.IsZero() && !today.Before(first) && !today.After(last) {
		tx := x(today)
		fmt.Fprintf(&s, `<line class="timeline__today" x1="%d" y1="%d" x2="%d" y2="%d" stroke="#d52b1e" stroke-width="2"></line>`,
			tx, timelineTop-6, tx, height-4)
		fmt.Fprintf(&s, `<text class="chart__label" x="%d" y="%d" text-anchor="middle" fill="#8a1209">vandaag %s</text>`,
			tx, timelineTop-10, esc(nl.Date(today)))
	}
	s.WriteString(`</svg>`)
	// Every text in the markup above went through HTMLEscapeString.
	return template.HTML(s.String())
}
