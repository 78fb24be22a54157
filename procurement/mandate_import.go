package procurement

import (
	"context"
	"fmt"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The import of a tender's mandates from a spreadsheet: one row per
// participant with its mandate's status and date, and optionally the
// deciding body, the powers, the decision's number, its link in the
// council information system (RIS) and the signed document's reference.
// All or nothing, with every bad row reported, as the contract import.

// mandateColumns lists the columns of the mandate import in the
// template's order. The organization is a participant's code (GM0363, or
// the CBS number 363) or its name as the register spells it.
var mandateColumns = []contracts.ImportColumn{
	{Field: "organization", Header: "Organisatie", Required: true,
		Aliases: []string{"organisatiecode", "organization", "organisation", "gemeentecode", "gemeente", "naam", "name", "code"}},
	{Field: "status", Header: "Status", Required: true, Aliases: []string{"mandaat", "mandaatstatus", "mandate", "mandate status"}},
	{Field: "date", Header: "Datum", Required: true, Aliases: []string{"date", "mandaatdatum", "datum mandaat", "getekend", "signed"}},
	{Field: "body", Header: "Orgaan", Aliases: []string{"body", "besluitvormend orgaan", "bestuursorgaan"}},
	{Field: "scope", Header: "Bevoegdheden", Aliases: []string{"scope", "powers"}},
	{Field: "reference", Header: "Kenmerk besluit", Aliases: []string{"reference", "besluitnummer", "kenmerk", "besluit"}},
	{Field: "decisionUrl", Header: "RIS-link", Aliases: []string{"decisionUrl", "ris", "link besluit", "besluit link", "decision url", "url"}},
	{Field: "document", Header: "Mandaatdocument", Aliases: []string{"document", "documentnummer", "signed document"}},
}

// MandateColumns returns the columns of the mandate import, in the
// template's order. The caller owns the slice.
func MandateColumns() []contracts.ImportColumn {
	return append([]contracts.ImportColumn(nil), mandateColumns...)
}

// mandateStatusChoices maps a folded cell to a status: the API's value or
// the Dutch word.
var mandateStatusChoices = map[string]MandateStatus{
	"requested": MandateRequested, "aangevraagd": MandateRequested,
	"signed": MandateSigned, "getekend": MandateSigned, "verleend": MandateSigned,
	"revoked": MandateRevoked, "ingetrokken": MandateRevoked,
}

// mandateScopeChoices maps a folded word of the powers cell to a power.
var mandateScopeChoices = map[string]func(*MandateScope){
	"documents": func(s *MandateScope) { s.Documents = true }, "stukken": func(s *MandateScope) { s.Documents = true },
	"award": func(s *MandateScope) { s.Award = true }, "gunning": func(s *MandateScope) { s.Award = true },
	"litigation": func(s *MandateScope) { s.Litigation = true }, "procederen": func(s *MandateScope) { s.Litigation = true },
	"substitution": func(s *MandateScope) { s.Substitution = true }, "substitutie": func(s *MandateScope) { s.Substitution = true },
	"all": func(s *MandateScope) { *s = MandateScope{true, true, true, true} }, "alle": func(s *MandateScope) { *s = MandateScope{true, true, true, true} },
}

// MandateImportReport is what a mandate import did, or would do.
type MandateImportReport struct {
	DryRun bool
	Rows   int
	// Updated lists the codes of the participants whose mandate changed
	// (or would).
	Updated   []string
	Unchanged int
	// Problems lists every bad row; when there is one, nothing changed.
	Problems []contracts.RowProblem
}

// mandateRow is one parsed row.
type mandateRow struct {
	row                          int
	org                          string
	status                       MandateStatus
	date                         contracts.Date
	body                         DecidingBody
	scope                        MandateScope
	hasScope                     bool
	reference, url, document     string
	hasReference, hasURL, hasDoc bool
}

// ImportMandates reads a table of mandates for tender's participants and
// records them, before publication, all in one transaction: when any row
// is bad, nothing changes and the report lists every bad row with
// contracts.ErrImportRejected. A row's empty optional cell keeps what is
// stored; a signed mandate needs a deciding body and powers, given or
// stored. With dryRun it reports what would change and changes nothing.
// The error is apperr.Invalid when the table cannot be read (a required
// column missing).
func (s *Service) ImportMandates(ctx context.Context, scope contracts.Scope, tender int64, t contracts.Table, dryRun bool) (MandateImportReport, error) {
	rep := MandateImportReport{DryRun: dryRun}
	cols, err := contracts.MapImportColumns(t.Header, mandateColumns)
	if err != nil {
		return rep, err
	}
	header := func(field string) string {
		if i, ok := cols[field]; ok && i < len(t.Header) {
			return strings.TrimSpace(t.Header[i])
		}
		return field
	}
	add := func(row int, field string, e apperr.FieldError) {
		e.Field = field
		rep.Problems = append(rep.Problems, contracts.RowProblem{Row: row, Column: header(field), FieldError: e})
	}
	today := s.Today()
	err = s.store.InTx(ctx, func(st Store) error {
		if _, err := joinableTender(ctx, st, tender, "its mandates"); err != nil {
			return err
		}
		ps, err := st.Participants(ctx, tender)
		if err != nil {
			return err
		}
		byCode, byName := map[string]int{}, map[string]int{}
		for i, p := range ps {
			byCode[p.Organization] = i
			byName[contracts.ImportHeaderKey(p.Name)] = i
		}
		seen := map[string]int{}
		var changed []Participant
		for i, cells := range t.Rows {
			rep.Rows++
			r := parseMandateRow(cells, cols, t.Line(i), func(field string, e apperr.FieldError) { add(t.Line(i), field, e) })
			if r == nil {
				continue
			}
			cell := r.org
			j, ok := byCode[contracts.NormalizeOrgCode(cell)]
			if !ok {
				j, ok = byName[contracts.ImportHeaderKey(cell)]
			}
			if !ok {
				add(r.row, "organization", apperr.FieldError{Code: apperr.MandateRowOrg, Args: []any{cell}})
				continue
			}
			p := ps[j]
			if err := checkScope(scope, p.Organization); err != nil {
				return err
			}
			if first, dup := seen[p.Organization]; dup {
				add(r.row, "organization", apperr.FieldError{Code: apperr.MandateRowTwice, Args: []any{p.Organization, first}})
				continue
			}
			seen[p.Organization] = r.row
			m := r.apply(p.Mandate)
			if err := m.Validate(today); err != nil {
				for _, f := range apperr.Fields(err) {
					add(r.row, mandateImportField(f.Field), f)
				}
				continue
			}
			if m == p.Mandate {
				rep.Unchanged++
				continue
			}
			p.Mandate = m
			changed = append(changed, p)
			rep.Updated = append(rep.Updated, p.Organization)
		}
		if len(rep.Problems) > 0 {
			return contracts.ErrImportRejected
		}
		if dryRun {
			return nil
		}
		for _, p := range changed {
			if err := st.UpsertParticipant(ctx, p); err != nil {
				return err
			}
		}
		return nil
	})
	if len(rep.Problems) > 0 {
		rep.Updated = nil
		return rep, contracts.ErrImportRejected
	}
	if err != nil {
		return rep, fmt.Errorf("procurement: import mandates of tender %d: %w", tender, err)
	}
	return rep, nil
}

// mandateImportField maps a mandate's field to the import's column.
func mandateImportField(f string) string {
	switch f = strings.TrimPrefix(f, "mandate."); f {
	case "signed", "requested":
		return "date"
	}
	return f
}

// parseMandateRow reads one row; it reports each bad cell with add and
// returns nil when the row cannot be used.
func parseMandateRow(cells []string, cols map[string]int, row int, add func(field string, e apperr.FieldError)) *mandateRow {
	r := &mandateRow{row: row}
	bad := false
	problem := func(field string, e apperr.FieldError) { add(field, e); bad = true }
	get := func(field string) string { return contracts.ImportCell(cells, cols, field) }
	if r.org = get("organization"); r.org == "" {
		problem("organization", apperr.FieldError{Code: apperr.Required})
	}
	statuses := []string{"aangevraagd", "getekend", "ingetrokken"}
	switch s := get("status"); {
	case s == "":
		problem("status", apperr.FieldError{Code: apperr.RequiredChoice, Args: []any{statuses}})
	default:
		st, ok := mandateStatusChoices[contracts.ImportHeaderKey(s)]
		if !ok {
			problem("status", apperr.FieldError{Code: apperr.NotAChoice, Args: []any{s, statuses}})
		}
		r.status = st
	}
	if s := get("date"); s == "" {
		if r.status != MandateRevoked {
			problem("date", apperr.FieldError{Code: apperr.Required})
		}
	} else if d, e := contracts.ImportDate(s); e.Code != "" {
		problem("date", e)
	} else {
		r.date = d
	}
	if s := get("body"); s != "" {
		key := contracts.ImportHeaderKey(s)
		for _, b := range DecidingBodies() {
			if contracts.ImportHeaderKey(string(b)) == key {
				r.body = b
			}
		}
		if r.body == "" {
			bodies := make([]string, 0, len(DecidingBodies()))
			for _, b := range DecidingBodies() {
				bodies = append(bodies, string(b))
			}
			problem("body", apperr.FieldError{Code: apperr.NotAChoice, Args: []any{s, bodies}})
		}
	}
	if s := get("scope"); s != "" {
		r.hasScope = true
		for _, w := range strings.FieldsFunc(s, func(c rune) bool { return c == ',' || c == ';' || c == '/' || c == '+' }) {
			set, ok := mandateScopeChoices[contracts.ImportHeaderKey(w)]
			if !ok {
				problem("scope", apperr.FieldError{Code: apperr.NotAChoice, Args: []any{strings.TrimSpace(w),
					[]string{"stukken", "gunning", "procederen", "substitutie", "alle"}}})
				continue
			}
			set(&r.scope)
		}
	}
	r.reference, r.hasReference = get("reference"), get("reference") != ""
	r.url, r.hasURL = get("decisionUrl"), get("decisionUrl") != ""
	r.document, r.hasDoc = get("document"), get("document") != ""
	if bad {
		return nil
	}
	return r
}

// apply returns the stored mandate m with the row's values.
func (r *mandateRow) apply(m Mandate) Mandate {
	m.Status = r.status
	switch r.status {
	case MandateRequested:
		m.Requested, m.Signed = r.date, contracts.Date{}
	case MandateSigned:
		m.Signed = r.date
		if m.Requested.IsZero() || m.Requested.After(r.date) {
			m.Requested = r.date
		}
	case MandateRevoked:
		m.Signed = contracts.Date{}
	}
	if r.body != "" {
		m.Body = r.body
	}
	if r.hasScope {
		m.Scope = r.scope
	}
	if r.hasReference {
		m.Reference = r.reference
	}
	if r.hasURL {
		m.DecisionURL = r.url
	}
	if r.hasDoc {
		m.Document = r.document
	}
	return m
}
