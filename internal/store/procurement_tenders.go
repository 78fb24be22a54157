package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/procurement"
)

// tenderColumns and tenderFrom read a tender with the names of its lead
// authority and category; its options come from tenderOptions.
const (
	tenderColumns = `t.id, t.title, t.description, t.category_id, t.cpv, o.code, t.kind, t.framework, t.framework_justified,
		t.term_months, t.total_price, t.electronic, t.documents_online, t.pin, t.urgent, t.publication, t.needed_start,
		t.tender_deadline, t.procedure, t.procedure_justification, t.status, t.award_decision, t.term_indefinite,
		t.review_name, t.review_street, t.review_postcode, t.review_city, t.review_id, t.documents_url, t.tenderned_id, t.tenderned_url, o.name, cat.name`
	tenderFrom = ` FROM tenders t
	JOIN organizations o ON o.id = t.lead_id
	JOIN categories cat ON cat.id = t.category_id`
)

// tenderCounts are the counts a tender list shows, per row. Each runs on
// one tender's rows through the participants' and lots' UNIQUE indexes.
const tenderCounts = `
	(SELECT count(*) FROM lots l WHERE l.tender_id = t.id),
	(SELECT count(*) FROM participants p WHERE p.tender_id = t.id),
	(SELECT count(*) FROM participants p WHERE p.tender_id = t.id AND p.mandate_status = 'signed'),
	(SELECT coalesce(sum(v.annual), 0) FROM participants p JOIN participant_volumes v ON v.participant_id = p.id WHERE p.tender_id = t.id)`

// scanTender reads a row of tenderColumns, then extra.
func scanTender(s scanner, extra ...any) (procurement.Tender, error) {
	var (
		t                       procurement.Tender
		kind, procedure, status string
	)
	err := s.Scan(append([]any{&t.ID, &t.Title, &t.Description, &t.CategoryID, &t.CPV, &t.Lead, &kind, &t.Framework,
		&t.FrameworkJustified, &t.TermMonths, &t.TotalPrice, &t.Electronic, &t.DocumentsOnline, &t.PIN, &t.Urgent,
		dateText{&t.Publication}, dateText{&t.NeededStart}, dateText{&t.TenderDeadline}, &procedure, &t.ProcedureJustification, &status,
		dateText{&t.AwardDecision}, &t.TermIndefinite, &t.ReviewName, &t.ReviewStreet, &t.ReviewPostcode, &t.ReviewCity, &t.ReviewID,
		&t.DocumentsURL, &t.TenderNedID, &t.TenderNedURL, &t.LeadName, &t.CategoryName}, extra...)...)
	t.Kind, t.Procedure, t.Status = procurement.ContractKind(kind), procurement.Procedure(procedure), procurement.TenderStatus(status)
	return t, err
}

// tenderOptions returns the options of tenders ids, in order, by tender.
func (st *Store) tenderOptions(ctx context.Context, ids []int64) (map[int64][]procurement.Option, error) {
	out := map[int64][]procurement.Option{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := st.read().QueryContext(ctx, `SELECT tender_id, months FROM tender_options
		WHERE tender_id IN (`+placeholders(len(ids))+`) ORDER BY tender_id, position`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: tender options: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id int64
			o  procurement.Option
		)
		if err := rows.Scan(&id, &o.Months); err != nil {
			return nil, fmt.Errorf("store: scan tender option: %w", err)
		}
		out[id] = append(out[id], o)
	}
	return out, rows.Err()
}

// Tender returns the tender with id.
func (st *Store) Tender(ctx context.Context, id int64) (procurement.Tender, error) {
	t, err := scanTender(st.read().QueryRowContext(ctx, `SELECT `+tenderColumns+tenderFrom+` WHERE t.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("store: tender %d: %w", id, apperr.NotFound)
	}
	if err != nil {
		return t, fmt.Errorf("store: tender %d: %w", id, err)
	}
	opts, err := st.tenderOptions(ctx, []int64{id})
	t.Options = opts[id]
	return t, err
}

// Tenders returns one page of tenders matching f, newest first, with their
// counts and the total that match.
func (st *Store) Tenders(ctx context.Context, f procurement.TenderFilter) (procurement.TenderPage, error) {
	f = f.Normalize()
	var (
		where []string
		args  []any
	)
	if !f.Scope.All() {
		lead, leadArgs := scopeID("t.lead_id", f.Scope)
		part, partArgs := scopeID("p.organization_id", f.Scope)
		where = append(where, "("+lead+" OR t.id IN (SELECT p.tender_id FROM participants p WHERE "+part+"))")
		args = append(append(args, leadArgs...), partArgs...)
	}
	if f.Status != "" {
		where, args = append(where, "t.status = ?"), append(args, string(f.Status))
	}
	if f.CategoryID != 0 {
		where, args = append(where, "t.category_id = ?"), append(args, f.CategoryID)
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		where, args = append(where, `t.title_key LIKE ? ESCAPE '\'`), append(args, likePattern(strings.ToLower(q)))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var page procurement.TenderPage
	if err := st.read().QueryRowContext(ctx, `SELECT count(*) FROM tenders t`+cond, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("store: count tenders: %w", err)
	}
	rows, err := st.read().QueryContext(ctx, `SELECT `+tenderColumns+`, `+tenderCounts+tenderFrom+cond+` ORDER BY t.id DESC LIMIT ? OFFSET ?`,
		append(args, f.PageSize, f.Offset())...)
	if err != nil {
		return page, fmt.Errorf("store: tenders: %w", err)
	}
	defer rows.Close()
	page.Items = make([]procurement.TenderSummary, 0, min(f.PageSize, page.Total))
	ids := make([]int64, 0, min(f.PageSize, page.Total))
	for rows.Next() {
		var s procurement.TenderSummary
		s.Tender, err = scanTender(rows, &s.Lots, &s.Participants, &s.Signed, &s.Annual)
		if err != nil {
			return page, fmt.Errorf("store: scan tender: %w", err)
		}
		page.Items, ids = append(page.Items, s), append(ids, s.ID)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("store: tenders: %w", err)
	}
	opts, err := st.tenderOptions(ctx, ids)
	for i := range page.Items {
		page.Items[i].Options = opts[page.Items[i].ID]
	}
	return page, err
}

type tenderRecord struct {
	Title                  string `json:"title"`
	Description            string `json:"description,omitempty"`
	CategoryID             int64  `json:"categoryId"`
	CPV                    string `json:"cpv,omitempty"`
	Lead                   string `json:"lead"`
	Kind                   string `json:"kind"`
	Framework              bool   `json:"framework"`
	FrameworkJustified     bool   `json:"frameworkJustified,omitempty"`
	TermMonths             int    `json:"termMonths"`
	TermIndefinite         bool   `json:"termIndefinite,omitempty"`
	Options                []int  `json:"options"`
	TotalPrice             bool   `json:"totalPrice"`
	Electronic             bool   `json:"electronic"`
	DocumentsOnline        bool   `json:"documentsOnline"`
	PIN                    bool   `json:"pin"`
	Urgent                 bool   `json:"urgent"`
	Publication            string `json:"publication,omitempty"`
	NeededStart            string `json:"neededStart,omitempty"`
	TenderDeadline         string `json:"tenderDeadline,omitempty"`
	Procedure              string `json:"procedure,omitempty"`
	ProcedureJustification string `json:"procedureJustification,omitempty"`
	Status                 string `json:"status"`
	AwardDecision          string `json:"awardDecision,omitempty"`
	ReviewName             string `json:"reviewName,omitempty"`
	ReviewStreet           string `json:"reviewStreet,omitempty"`
	ReviewPostcode         string `json:"reviewPostcode,omitempty"`
	ReviewCity             string `json:"reviewCity,omitempty"`
	ReviewID               string `json:"reviewId,omitempty"`
	DocumentsURL           string `json:"documentsUrl,omitempty"`
	TenderNedID            string `json:"tenderNedId,omitempty"`
	TenderNedURL           string `json:"tenderNedUrl,omitempty"`
	// Removed counts what a delete took with it.
	Removed *tenderRemoved `json:"removed,omitempty"`
}

type tenderRemoved struct {
	Lots         int `json:"lots"`
	Participants int `json:"participants"`
	Requirements int `json:"requirements"`
}

func auditedTender(t procurement.Tender) tenderRecord {
	r := tenderRecord{Title: t.Title, Description: t.Description, CategoryID: t.CategoryID, CPV: t.CPV, Lead: t.Lead,
		Kind: string(t.Kind), Framework: t.Framework, FrameworkJustified: t.FrameworkJustified, TermMonths: t.TermMonths,
		TermIndefinite: t.TermIndefinite, Options: []int{}, TotalPrice: t.TotalPrice, Electronic: t.Electronic, DocumentsOnline: t.DocumentsOnline, PIN: t.PIN,
		Urgent: t.Urgent, Publication: t.Publication.String(), NeededStart: t.NeededStart.String(), TenderDeadline: t.TenderDeadline.String(), Procedure: string(t.Procedure),
		ProcedureJustification: t.ProcedureJustification, Status: string(t.Status), AwardDecision: t.AwardDecision.String(),
		ReviewName: t.ReviewName, ReviewStreet: t.ReviewStreet, ReviewPostcode: t.ReviewPostcode, ReviewCity: t.ReviewCity, ReviewID: t.ReviewID,
		DocumentsURL: t.DocumentsURL, TenderNedID: t.TenderNedID, TenderNedURL: t.TenderNedURL}
	for _, o := range t.Options {
		r.Options = append(r.Options, o.Months)
	}
	return r
}

func tenderArgs(leadID int64, t procurement.Tender) []any {
	return []any{t.Title, strings.ToLower(t.Title), t.Description, t.CategoryID, t.CPV, leadID, string(t.Kind), t.Framework,
		t.FrameworkJustified, t.TermMonths, t.TotalPrice, t.Electronic, t.DocumentsOnline, t.PIN, t.Urgent,
		t.Publication.String(), t.NeededStart.String(), string(t.Procedure), t.ProcedureJustification, string(t.Status),
		t.AwardDecision.String(), t.TenderDeadline.String(), t.TermIndefinite,
		t.ReviewName, t.ReviewStreet, t.ReviewPostcode, t.ReviewCity, t.ReviewID, t.DocumentsURL, t.TenderNedID, t.TenderNedURL}
}

func tenderWriteError(err error) error {
	if isForeignKeyViolation(err) {
		return apperr.FieldProblem("categoryId", apperr.NoCategory)
	}
	return err
}

func (st *Store) writeTenderOptions(ctx context.Context, id int64, opts []procurement.Option) error {
	if _, err := st.write().ExecContext(ctx, `DELETE FROM tender_options WHERE tender_id = ?`, id); err != nil {
		return err
	}
	for i, o := range opts {
		if _, err := st.write().ExecContext(ctx, `INSERT INTO tender_options (tender_id, position, months) VALUES (?, ?, ?)`,
			id, i, o.Months); err != nil {
			return fmt.Errorf("option %d: %w", i+1, err)
		}
	}
	return nil
}

// CreateTender inserts t with its options and returns its id.
func (st *Store) CreateTender(ctx context.Context, t procurement.Tender) (int64, error) {
	id, err := st.saveTender(ctx, t, false)
	if err != nil {
		return 0, fmt.Errorf("store: create tender %q: %w", t.Title, err)
	}
	return id, nil
}

// UpdateTender writes every field of tender t.ID, status, award date and
// options included.
func (st *Store) UpdateTender(ctx context.Context, t procurement.Tender) error {
	if _, err := st.saveTender(ctx, t, true); err != nil {
		return fmt.Errorf("store: update tender %d: %w", t.ID, err)
	}
	return nil
}

// saveTender replaces tender t.ID when update is set and inserts t
// otherwise, with its options, and returns its id.
func (st *Store) saveTender(ctx context.Context, t procurement.Tender, update bool) (int64, error) {
	var load func(tx *Store) (any, error)
	if update {
		load = func(tx *Store) (any, error) {
			old, err := tx.Tender(ctx, t.ID)
			return auditedTender(old), err
		}
	}
	return st.saveRow(ctx, auditTender, load, func(tx *Store) (int64, any, error) {
		leadID, err := tx.organizationID(ctx, t.Lead, "lead")
		if err != nil {
			return 0, nil, err
		}
		query, args := `INSERT INTO tenders (title, title_key, description, category_id, cpv, lead_id, kind, framework,
				framework_justified, term_months, total_price, electronic, documents_online, pin, urgent, publication,
				needed_start, procedure, procedure_justification, status, award_decision, tender_deadline, term_indefinite,
				review_name, review_street, review_postcode, review_city, review_id, documents_url, tenderned_id, tenderned_url)
			VALUES (`+placeholders(31)+`) RETURNING id`, tenderArgs(leadID, t)
		if update {
			query, args = `UPDATE tenders SET title = ?, title_key = ?, description = ?, category_id = ?, cpv = ?, lead_id = ?,
				kind = ?, framework = ?, framework_justified = ?, term_months = ?, total_price = ?, electronic = ?,
				documents_online = ?, pin = ?, urgent = ?, publication = ?, needed_start = ?, procedure = ?,
				procedure_justification = ?, status = ?, award_decision = ?, tender_deadline = ?, term_indefinite = ?,
				review_name = ?, review_street = ?, review_postcode = ?, review_city = ?, review_id = ?, documents_url = ?,
				tenderned_id = ?, tenderned_url = ?
			WHERE id = ? RETURNING id`, append(args, t.ID)
		}
		var id int64
		if err := tenderWriteError(tx.write().QueryRowContext(ctx, query, args...).Scan(&id)); err != nil {
			return 0, nil, err
		}
		return id, auditedTender(t), tx.writeTenderOptions(ctx, id, t.Options)
	})
}

// DeleteTender removes tender id with its options, lots, participants,
// volumes, requirements, ratings and call-off links (the schema's
// CASCADE); the call-off contracts stay in the register.
func (st *Store) DeleteTender(ctx context.Context, id int64) error {
	return st.deleteRow(ctx, "tenders", auditTender, id, func(tx *Store) (any, error) {
		before, err := tx.Tender(ctx, id)
		if err != nil {
			return nil, err
		}
		rec := auditedTender(before)
		rec.Removed = &tenderRemoved{}
		err = tx.read().QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM lots WHERE tender_id = ?),
			(SELECT count(*) FROM participants WHERE tender_id = ?),
			(SELECT count(*) FROM requirements WHERE tender_id = ?)`, id, id, id).
			Scan(&rec.Removed.Lots, &rec.Removed.Participants, &rec.Removed.Requirements)
		return rec, err
	})
}

// lotColumns and lotFrom read a lot with the awarded vendor's name; a
// read that joins more adds its columns after them (scanLot's extra).
const (
	lotColumns = `l.id, l.tender_id, l.number, l.title, l.cpv, l.unit, l.unit_price, coalesce(l.vendor_id, 0), coalesce(v.name, '')`
	lotFrom    = ` FROM lots l LEFT JOIN vendors v ON v.id = l.vendor_id`
	lotSelect  = `SELECT ` + lotColumns + lotFrom
)

// scanLot reads a row of lotColumns, then extra.
func scanLot(s scanner, extra ...any) (procurement.Lot, error) {
	var l procurement.Lot
	err := s.Scan(append([]any{&l.ID, &l.TenderID, &l.Number, &l.Title, &l.CPV, &l.Unit, &l.UnitPrice, &l.VendorID, &l.VendorName},
		extra...)...)
	return l, err
}

// Lots returns the lots of tender tenderID by number.
func (st *Store) Lots(ctx context.Context, tenderID int64) ([]procurement.Lot, error) {
	rows, err := st.read().QueryContext(ctx, lotSelect+` WHERE l.tender_id = ? ORDER BY l.number`, tenderID)
	if err != nil {
		return nil, fmt.Errorf("store: lots of tender %d: %w", tenderID, err)
	}
	defer rows.Close()
	var out []procurement.Lot
	for rows.Next() {
		l, err := scanLot(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan lot: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

func (st *Store) lot(ctx context.Context, id int64) (procurement.Lot, error) {
	l, err := scanLot(st.read().QueryRowContext(ctx, lotSelect+` WHERE l.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return l, fmt.Errorf("lot %d: %w", id, apperr.NotFound)
	}
	return l, err
}

type lotRecord struct {
	TenderID  int64  `json:"tenderId"`
	Number    int    `json:"number"`
	Title     string `json:"title"`
	CPV       string `json:"cpv,omitempty"`
	Unit      string `json:"unit,omitempty"`
	UnitPrice int64  `json:"unitPrice"`
	VendorID  int64  `json:"vendorId,omitempty"`
}

func auditedLot(l procurement.Lot) lotRecord {
	return lotRecord{TenderID: l.TenderID, Number: l.Number, Title: l.Title, CPV: l.CPV, Unit: l.Unit,
		UnitPrice: int64(l.UnitPrice), VendorID: l.VendorID}
}

func lotWriteError(err error) error {
	if isForeignKeyViolation(err) {
		return apperr.FieldProblem("vendorId", apperr.NoVendor)
	}
	return err
}

// CreateLot inserts l as the next-numbered lot of its tender and returns
// its id.
func (st *Store) CreateLot(ctx context.Context, l procurement.Lot) (int64, error) {
	id, err := st.saveRow(ctx, auditLot, nil, func(tx *Store) (int64, any, error) {
		if err := tx.tenderExists(ctx, l.TenderID); err != nil {
			return 0, nil, err
		}
		// The writer holds the write lock from BEGIN, so no other lot can
		// take the number between the max and the insert.
		var id int64
		err := lotWriteError(tx.write().QueryRowContext(ctx, `
			INSERT INTO lots (tender_id, number, title, cpv, unit, unit_price, vendor_id)
			SELECT ?, coalesce(max(number), 0) + 1, ?, ?, ?, ?, ? FROM lots WHERE tender_id = ?
			RETURNING id, number`, l.TenderID, l.Title, l.CPV, l.Unit, int64(l.UnitPrice), nullID(l.VendorID), l.TenderID).
			Scan(&id, &l.Number))
		return id, auditedLot(l), err
	})
	if err != nil {
		return 0, fmt.Errorf("store: create lot in tender %d: %w", l.TenderID, err)
	}
	return id, nil
}

// UpdateLot writes the title, CPV, unit, unit price and vendor of lot
// l.ID; its tender and number stay.
func (st *Store) UpdateLot(ctx context.Context, l procurement.Lot) error {
	load := func(tx *Store) (any, error) {
		old, err := tx.lot(ctx, l.ID)
		return auditedLot(old), err
	}
	_, err := st.saveRow(ctx, auditLot, load, func(tx *Store) (int64, any, error) {
		err := lotWriteError(tx.write().QueryRowContext(ctx, `
			UPDATE lots SET title = ?, cpv = ?, unit = ?, unit_price = ?, vendor_id = ? WHERE id = ? RETURNING tender_id, number`,
			l.Title, l.CPV, l.Unit, int64(l.UnitPrice), nullID(l.VendorID), l.ID).Scan(&l.TenderID, &l.Number))
		return l.ID, auditedLot(l), err
	})
	if err != nil {
		return fmt.Errorf("store: update lot %d: %w", l.ID, err)
	}
	return nil
}

// DeleteLot removes lot id with the participants' volumes in it; the
// other lots keep their numbers.
func (st *Store) DeleteLot(ctx context.Context, id int64) error {
	return st.deleteRow(ctx, "lots", auditLot, id, func(tx *Store) (any, error) {
		l, err := tx.lot(ctx, id)
		return auditedLot(l), err
	})
}

// CategoryTenders returns the tenders of category categoryID that are not
// cancelled, by id, with their lots by number and the participants'
// annual value per lot: what the split warning compares a tender with.
// Three reads through the tenders' category index and the lots' and
// volumes' tender and lot indexes.
func (st *Store) CategoryTenders(ctx context.Context, categoryID int64) ([]procurement.CategoryTender, error) {
	const cond = ` WHERE t.category_id = ? AND t.status <> 'cancelled'`
	rows, err := st.read().QueryContext(ctx, `SELECT `+tenderColumns+tenderFrom+cond+` ORDER BY t.id`, categoryID)
	if err != nil {
		return nil, fmt.Errorf("store: tenders of category %d: %w", categoryID, err)
	}
	defer rows.Close()
	var (
		out []procurement.CategoryTender
		ids []int64
	)
	at := map[int64]int{}
	for rows.Next() {
		t, err := scanTender(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan tender: %w", err)
		}
		at[t.ID] = len(out)
		out, ids = append(out, procurement.CategoryTender{Tender: t, Annual: map[int64]contracts.Money{}}), append(ids, t.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: tenders of category %d: %w", categoryID, err)
	}
	rows.Close()
	opts, err := st.tenderOptions(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Tender.Options = opts[out[i].Tender.ID]
	}
	lots, err := st.read().QueryContext(ctx, `SELECT `+lotColumns+`,
		coalesce((SELECT sum(pv.annual) FROM participant_volumes pv WHERE pv.lot_id = l.id), 0)`+lotFrom+`
		JOIN tenders t ON t.id = l.tender_id`+cond+` ORDER BY l.tender_id, l.number`, categoryID)
	if err != nil {
		return nil, fmt.Errorf("store: lots of category %d: %w", categoryID, err)
	}
	defer lots.Close()
	for lots.Next() {
		var annual contracts.Money
		l, err := scanLot(lots, &annual)
		if err != nil {
			return nil, fmt.Errorf("store: scan lot: %w", err)
		}
		i, ok := at[l.TenderID]
		if !ok {
			continue // a tender cancelled between the two reads
		}
		out[i].Lots = append(out[i].Lots, l)
		out[i].Annual[l.ID] = annual
	}
	if err := lots.Err(); err != nil {
		return nil, fmt.Errorf("store: lots of category %d: %w", categoryID, err)
	}
	return out, nil
}
