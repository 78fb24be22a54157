package ui

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// The participant and current-contract tables run to 283 rows in the model
// case, and html/template's reflection per action made them most of the
// page's time (issue 5: the tender page ≤ 50 ms). Their rows are written
// here instead, in the style of svg.go: every text goes through
// HTMLEscapeString, every path segment through PathEscape, and the
// markup matches the table around it in tender.html.

// participantRowsHTML writes the rows of the participants table. With
// manage (runners), each row links to the participant's page and, while
// the tender is joinable, to the confirmation of its removal, and starts
// with a checkbox of the bulk mandate form "mandaten-bulk" (one form, so
// that 283 rows do not carry 283 CSRF tokens).
func participantRowsHTML(rows []participantRow, tender int64, joinable bool) template.HTML {
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.Grow(len(rows) * 700)
	for _, r := range rows {
		code := esc(url.PathEscape(r.Code))
		if r.Signed {
			b.WriteString("<tr>")
		} else {
			b.WriteString(`<tr class="row--attention">`)
		}
		if r.Manage && joinable {
			b.WriteString(`<td class="select-cell"><input type="checkbox" form="mandaten-bulk" name="org" value="` + esc(r.Code) + `" id="kies-` + esc(r.Code) +
				`"><label for="kies-` + esc(r.Code) + `" class="visually-hidden">Kies ` + esc(r.Name) + `</label></td>`)
		}
		b.WriteString(`<th scope="row"><a href="/organisaties/` + code + `">` + esc(r.Name) + `</a></th><td>` + esc(r.SizeLabel) + `</td><td>` + esc(r.Province) + `</td>`)
		for _, v := range r.Volumes {
			b.WriteString(`<td class="num">` + esc(v) + `</td>`)
		}
		badge := "badge"
		switch {
		case r.Signed:
			badge += " badge--ok"
		case r.Revoked:
			badge += " badge--danger"
		}
		b.WriteString(`<td class="num">` + esc(nl.Money(r.Annual)) + `</td><td><span class="` + badge + `">` + esc(r.Status) + `</span></td><td>` +
			esc(nl.Date(r.Mandate.Signed)) + `</td><td>` + esc(r.Body) + `</td><td>` + esc(r.Scope) + `</td><td>` + esc(r.Mandate.Reference) + `</td>`)
		if r.Manage {
			base := "/aanbestedingen/" + strconv.FormatInt(tender, 10) + "/deelnemers/" + code
			b.WriteString(`<td class="row-actions"><a href="` + base + `">Beheren<span class="visually-hidden"> ` + esc(r.Name) + `</span></a>`)
			if joinable {
				b.WriteString(` <a href="` + base + `/verwijderen">Verwijderen<span class="visually-hidden"> ` + esc(r.Name) + `</span></a>`)
			}
			b.WriteString(`</td>`)
		}
		b.WriteString("</tr>\n")
	}
	// Every text above went through HTMLEscapeString.
	return template.HTML(b.String())
}

// gapRowsHTML writes the rows of the current-contracts table.
func gapRowsHTML(gaps []procurement.Gap) template.HTML {
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.Grow(len(gaps) * 500)
	for _, g := range gaps {
		risk := g.Kind == procurement.GapOpen && !g.Bridgeable
		if risk {
			b.WriteString(`<tr class="row--attention">`)
		} else {
			b.WriteString("<tr>")
		}
		b.WriteString(`<th scope="row">` + esc(g.Name) + `</th><td><a href="/contracten/` + strconv.FormatInt(g.ContractID, 10) + `">` + esc(g.ContractNumber) + `</a>`)
		if g.VendorName != "" {
			b.WriteString(` <span class="muted">(` + esc(g.VendorName) + `)</span>`)
		}
		b.WriteString(`</td><td>` + esc(nl.Date(g.CommittedEnd)) + `</td><td>` + esc(gapKindLabel(g.Kind)))
		switch {
		case risk:
			b.WriteString(` <span class="badge badge--danger">risico</span>`)
		case g.Kind == procurement.GapOpen:
			b.WriteString(` <span class="badge badge--ok">te overbruggen</span>`)
		}
		days := ""
		if g.Days != 0 {
			days = nl.Number((g.Days))
		}
		b.WriteString(`</td><td class="num">` + days + `</td><td>` + esc(nl.GapReason(g)) + "</td></tr>\n")
	}
	// Every text above went through HTMLEscapeString.
	return template.HTML(b.String())
}
