package ui

import (
	"encoding/csv"
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// A tender's mandates in bulk: the form above the participants table
// (many participants → requested or signed on one date) and the import of
// a spreadsheet of mandates, with the contract import's all-or-nothing
// report.

// bodyOptions are the deciding bodies to choose from.
func bodyOptions() []option {
	out := make([]option, 0, len(procurement.DecidingBodies()))
	for _, b := range procurement.DecidingBodies() {
		out = append(out, option{string(b), nl.DecidingBody(b), false})
	}
	return out
}

// setMandates records the bulk form: the checked participants (or all),
// one status on one date, in one transaction. A refusal shows the tender
// with every problem (422), and nothing changed.
func (u *ui) setMandates(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	errs := formErrors{}
	b := procurement.BulkMandate{All: checked(c, "alle"), Status: procurement.MandateStatus(formValue(c, "status")),
		Body: procurement.DecidingBody(formValue(c, "body")),
		Scope: procurement.MandateScope{Documents: checked(c, "documents"), Award: checked(c, "award"), Litigation: checked(c, "litigation"),
			Substitution: checked(c, "substitution")}}
	b.Date = parseFormDate(errs, "date", formValue(c, "date"))
	for _, v := range c.Context().PostArgs().PeekMulti("org") {
		b.Organizations = append(b.Organizations, string(v))
	}
	n := 0
	if len(errs) == 0 {
		n, err = u.procurement.SetMandates(c.UserContext(), web.CurrentScope(c), id, b)
	}
	fe := apperr.Fields(err)
	if len(errs) == 0 && len(fe) == 0 {
		if err != nil {
			return u.refusedChange(c, id, err)
		}
		return c.Redirect(fmt.Sprintf("/aanbestedingen/%d?melding=mandaten&aantal=%d#deelnemers", id, n), fiber.StatusSeeOther)
	}
	v, lerr := u.procurement.Tender(c.UserContext(), web.CurrentScope(c), id)
	if lerr != nil {
		return lerr
	}
	var msgs []string
	for _, m := range errs {
		msgs = append(msgs, "Datum: "+m)
	}
	for _, f := range fe {
		m := nl.FieldMessage(f)
		if rest, ok := strings.CutPrefix(f.Field, "organizations."); ok {
			if code, _, ok := strings.Cut(rest, "."); ok {
				m = code + ": " + m
			}
		}
		msgs = append(msgs, m)
	}
	return u.renderTender(c, fiber.StatusUnprocessableEntity, v, "", "De mandaten zijn niet vastgelegd. "+strings.Join(msgs, " "))
}

type importMandatesPage struct {
	layout
	T      procurement.Tender
	DryRun bool
	Error  string
	Report *importMandatesView
}

type importMandatesView struct {
	DryRun, Rejected bool
	Rows, Unchanged  int
	Updated          []string
	MoreUpdated      int
	UpdatedN         int
	Problems         []contracts.RowProblem
	ProblemRows      int
	Format           string
	// FormatID is the id of the paragraph that shows Format; none here.
	FormatID string
}

func (u *ui) importMandatesForm(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	return c.Render("pages/import_mandates", importMandatesPage{layout: u.layout(c, "Mandaten importeren – "+v.Tender.Title, "aanbestedingen"),
		T: v.Tender, DryRun: true})
}

// importMandates reads the uploaded file and shows what the import did,
// or would do with Voorbeeld checked; a bad file shows every bad row and
// changes nothing.
func (u *ui) importMandates(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	dryRun := c.FormValue("voorbeeld") != ""
	p := importMandatesPage{layout: u.layout(c, "Mandaten importeren – "+v.Tender.Title, "aanbestedingen"), T: v.Tender, DryRun: dryRun}
	if !u.imports.Enter() {
		c.Set(fiber.HeaderRetryAfter, web.ImportRetryAfter)
		p.Error = "Er lopen nu te veel imports tegelijk. Probeer het over een halve minuut opnieuw."
		return c.Status(fiber.StatusServiceUnavailable).Render("pages/import_mandates", p)
	}
	defer u.imports.Leave()
	fh, err := c.FormFile("bestand")
	if err != nil {
		p.Error = "Kies een bestand: een CSV- of XLSX-bestand zoals het sjabloon."
		return c.Status(fiber.StatusUnprocessableEntity).Render("pages/import_mandates", p)
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	tab, format, err := u.imports.ReadFormat(f, web.MandateHeader)
	if err == nil {
		var rep procurement.MandateImportReport
		rep, err = u.procurement.ImportMandates(c.UserContext(), web.CurrentScope(c), v.Tender.ID, tab, dryRun)
		if err == nil || errors.Is(err, contracts.ErrImportRejected) {
			r := &importMandatesView{DryRun: rep.DryRun, Rejected: err != nil, Rows: rep.Rows, Unchanged: rep.Unchanged, UpdatedN: len(rep.Updated),
				Problems: rep.Problems, ProblemRows: web.ProblemRows(rep.Problems), Format: formatText(format)}
			r.Updated, r.MoreUpdated = firstOf(rep.Updated, importListLimit)
			p.Report = r
			if err != nil {
				c.Status(fiber.StatusUnprocessableEntity)
			} else {
				p.DryRun = !dryRun
			}
			return c.Render("pages/import_mandates", p)
		}
	}
	if errors.Is(err, apperr.Invalid) {
		p.Error = "Het bestand kan niet worden gelezen: " + apperr.Detail(err, "geen tabel") + "."
		return c.Status(fiber.StatusUnprocessableEntity).Render("pages/import_mandates", p)
	}
	if isConflict(err) {
		return u.refusedChange(c, v.Tender.ID, err)
	}
	return err
}

// mandateTemplate sends a CSV (semicolons, UTF-8 with a byte order mark,
// as Dutch Excel opens it) with the import's columns and one row per
// participant, filled with what is stored.
func (u *ui) mandateTemplate(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="mandaten-aanbesteding-%d.csv"`, v.Tender.ID))
	var b strings.Builder
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.Comma = ';'
	var header []string
	for _, col := range procurement.MandateColumns() {
		header = append(header, col.Header)
	}
	_ = w.Write(header)
	for _, p := range v.Participants {
		m := p.Mandate
		date := m.Requested
		if m.Status == procurement.MandateSigned {
			date = m.Signed
		}
		_ = w.Write([]string{p.Organization, nl.MandateStatus(m.Status), nl.Date(date), string(m.Body), scopeCell(m.Scope), m.Reference, m.DecisionURL, m.Document})
	}
	w.Flush()
	return c.SendString(b.String())
}

// scopeCell writes the powers as the import reads them.
func scopeCell(s procurement.MandateScope) string {
	var out []string
	for _, p := range []struct {
		on   bool
		word string
	}{{s.Documents, "stukken"}, {s.Award, "gunning"}, {s.Litigation, "procederen"}, {s.Substitution, "substitutie"}} {
		if p.on {
			out = append(out, p.word)
		}
	}
	return strings.Join(out, ", ")
}
