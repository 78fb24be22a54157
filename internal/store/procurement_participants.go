package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
	"github.com/samenkoop/samenkoop/procurement"
)

// participantSelect reads a participant with its organization.
const participantSelect = `
	SELECT p.id, p.tender_id, o.code, coalesce(p.demand_id, 0), p.joined, p.mandate_status, p.mandate_requested,
		p.mandate_signed, p.mandate_body, p.scope_documents, p.scope_award, p.scope_litigation, p.scope_substitution,
		p.mandate_reference, o.name, o.kind, o.province, o.population
	FROM participants p JOIN organizations o ON o.id = p.organization_id
	WHERE p.tender_id = ?`

// participants returns the participants of tender tenderID (only
// organization's when not empty) by organization code, with their
// volumes by lot number, in two queries: one for the participants, one
// for all their volumes.
func (st *Store) participants(ctx context.Context, tenderID int64, organization string) ([]procurement.Participant, []int64, error) {
	where, volWhere, args := ``, ``, []any{tenderID}
	if organization != "" {
		where, volWhere = ` AND o.code = ?`, ` AND p.organization_id IN (SELECT id FROM organizations WHERE code = ?)`
		args = append(args, organization)
	}
	rows, err := st.read().QueryContext(ctx, participantSelect+where+` ORDER BY o.code`, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var (
		out   []procurement.Participant
		ids   []int64
		index = map[int64]int{}
	)
	for rows.Next() {
		var (
			p                  procurement.Participant
			m                  = &p.Mandate
			id                 int64
			status, body, kind string
		)
		if err := rows.Scan(&id, &p.TenderID, &p.Organization, &p.DemandID, dateText{&p.Joined}, &status, dateText{&m.Requested},
			dateText{&m.Signed}, &body, &m.Scope.Documents, &m.Scope.Award, &m.Scope.Litigation, &m.Scope.Substitution,
			&m.Reference, &p.Name, &kind, &p.Province, &p.Population); err != nil {
			return nil, nil, fmt.Errorf("scan participant: %w", err)
		}
		m.Status, m.Body, p.Kind = procurement.MandateStatus(status), procurement.DecidingBody(body), contracts.OrgKind(kind)
		index[id] = len(out)
		out, ids = append(out, p), append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	if len(out) == 0 {
		return out, ids, nil
	}
	vols, err := st.read().QueryContext(ctx, `
		SELECT v.participant_id, v.lot_id, v.quantity, v.annual
		FROM participants p
		JOIN participant_volumes v ON v.participant_id = p.id
		JOIN lots l ON l.id = v.lot_id
		WHERE p.tender_id = ?`+volWhere+` ORDER BY l.number`, args...)
	if err != nil {
		return nil, nil, err
	}
	defer vols.Close()
	for vols.Next() {
		var (
			id int64
			v  procurement.LotVolume
		)
		if err := vols.Scan(&id, &v.LotID, &v.Quantity, &v.Annual); err != nil {
			return nil, nil, fmt.Errorf("scan volume: %w", err)
		}
		if i, ok := index[id]; ok {
			out[i].Volumes = append(out[i].Volumes, v)
		}
	}
	return out, ids, vols.Err()
}

// Participants returns the participants of tender tenderID by
// organization code, with their volumes by lot number and their
// organization's name, kind, province and population.
func (st *Store) Participants(ctx context.Context, tenderID int64) ([]procurement.Participant, error) {
	out, _, err := st.participants(ctx, tenderID, "")
	if err != nil {
		return nil, fmt.Errorf("store: participants of tender %d: %w", tenderID, err)
	}
	return out, nil
}

// Participant returns organization's participation in tender tenderID.
func (st *Store) Participant(ctx context.Context, tenderID int64, organization string) (procurement.Participant, error) {
	p, _, err := st.participant(ctx, tenderID, organization)
	if err != nil {
		return p, fmt.Errorf("store: participant %s in tender %d: %w", organization, tenderID, err)
	}
	return p, nil
}

// participant returns organization's participation in tender tenderID
// with its row id.
func (st *Store) participant(ctx context.Context, tenderID int64, organization string) (procurement.Participant, int64, error) {
	ps, ids, err := st.participants(ctx, tenderID, organization)
	if err != nil {
		return procurement.Participant{}, 0, err
	}
	if len(ps) == 0 {
		return procurement.Participant{}, 0, apperr.NotFound
	}
	return ps[0], ids[0], nil
}

type participantRecord struct {
	TenderID     int64          `json:"tenderId"`
	Organization string         `json:"organization"`
	DemandID     int64          `json:"demandId,omitempty"`
	Joined       string         `json:"joined,omitempty"`
	Volumes      []volumeRecord `json:"volumes"`
	Mandate      mandateRecord  `json:"mandate"`
}

type volumeRecord struct {
	LotID    int64 `json:"lotId"`
	Quantity int64 `json:"quantity"`
	Annual   int64 `json:"annual"`
}

type mandateRecord struct {
	Status    string `json:"status"`
	Requested string `json:"requested,omitempty"`
	Signed    string `json:"signed,omitempty"`
	Body      string `json:"body,omitempty"`
	// Scope lists the powers granted: documents, award, litigation,
	// substitution.
	Scope     []string `json:"scope"`
	Reference string   `json:"reference,omitempty"`
}

func auditedParticipant(p procurement.Participant) participantRecord {
	m := p.Mandate
	r := participantRecord{TenderID: p.TenderID, Organization: p.Organization, DemandID: p.DemandID, Joined: p.Joined.String(),
		Volumes: []volumeRecord{}, Mandate: mandateRecord{Status: string(m.Status), Requested: m.Requested.String(),
			Signed: m.Signed.String(), Body: string(m.Body), Scope: []string{}, Reference: m.Reference}}
	for _, v := range p.Volumes {
		r.Volumes = append(r.Volumes, volumeRecord{LotID: v.LotID, Quantity: v.Quantity, Annual: int64(v.Annual)})
	}
	for _, s := range []struct {
		granted bool
		name    string
	}{{m.Scope.Documents, "documents"}, {m.Scope.Award, "award"}, {m.Scope.Litigation, "litigation"}, {m.Scope.Substitution, "substitution"}} {
		if s.granted {
			r.Mandate.Scope = append(r.Mandate.Scope, s.name)
		}
	}
	return r
}

// UpsertParticipant adds organization p.Organization to tender p.TenderID
// or replaces its demand id, joined date, mandate and volumes. Its ratings
// stay.
func (st *Store) UpsertParticipant(ctx context.Context, p procurement.Participant) error {
	err := st.InTx(ctx, func(tx *Store) error {
		if err := tx.tenderExists(ctx, p.TenderID); err != nil {
			return err
		}
		orgID, err := tx.organizationID(ctx, p.Organization, "organization")
		if err != nil {
			return err
		}
		action, before := audit.ActionCreate, any(nil)
		switch old, _, err := tx.participant(ctx, p.TenderID, p.Organization); {
		case err == nil:
			action, before = audit.ActionUpdate, auditedParticipant(old)
		case !errors.Is(err, apperr.NotFound):
			return err
		}
		m := p.Mandate
		var id int64
		err = tx.write().QueryRowContext(ctx, `
			INSERT INTO participants (tender_id, organization_id, demand_id, joined, mandate_status, mandate_requested,
				mandate_signed, mandate_body, scope_documents, scope_award, scope_litigation, scope_substitution, mandate_reference)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (tender_id, organization_id) DO UPDATE SET demand_id = excluded.demand_id, joined = excluded.joined,
				mandate_status = excluded.mandate_status, mandate_requested = excluded.mandate_requested,
				mandate_signed = excluded.mandate_signed, mandate_body = excluded.mandate_body,
				scope_documents = excluded.scope_documents, scope_award = excluded.scope_award,
				scope_litigation = excluded.scope_litigation, scope_substitution = excluded.scope_substitution,
				mandate_reference = excluded.mandate_reference
			RETURNING id`, p.TenderID, orgID, nullID(p.DemandID), p.Joined.String(), string(m.Status), m.Requested.String(),
			m.Signed.String(), string(m.Body), m.Scope.Documents, m.Scope.Award, m.Scope.Litigation, m.Scope.Substitution,
			m.Reference).Scan(&id)
		if isForeignKeyViolation(err) {
			return apperr.FieldProblem("demandId", apperr.NoDemand)
		}
		if err != nil {
			return err
		}
		if err := tx.writeVolumes(ctx, p.TenderID, id, p.Volumes); err != nil {
			return err
		}
		return tx.appendAudit(ctx, auditParticipant, fmt.Sprintf("%d/%s", p.TenderID, p.Organization), action, before, auditedParticipant(p))
	})
	if err != nil {
		return fmt.Errorf("store: upsert participant %s in tender %d: %w", p.Organization, p.TenderID, err)
	}
	return nil
}

// writeVolumes replaces participant id's volumes; each lot must be one of
// tender tenderID's.
func (st *Store) writeVolumes(ctx context.Context, tenderID, id int64, vols []procurement.LotVolume) error {
	if _, err := st.write().ExecContext(ctx, `DELETE FROM participant_volumes WHERE participant_id = ?`, id); err != nil {
		return err
	}
	var fe apperr.FieldErrors
	for i, v := range vols {
		res, err := st.write().ExecContext(ctx, `
			INSERT INTO participant_volumes (participant_id, lot_id, quantity, annual)
			SELECT ?, id, ?, ? FROM lots WHERE id = ? AND tender_id = ?`, id, v.Quantity, int64(v.Annual), v.LotID, tenderID)
		switch {
		case isUniqueViolation(err):
			fe.Add(fmt.Sprintf("volumes[%d].lotId", i), apperr.LotTwice, v.LotID)
			continue
		case err != nil:
			return fmt.Errorf("volume %d: %w", i+1, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			fe.Add(fmt.Sprintf("volumes[%d].lotId", i), apperr.NotTenderLot, v.LotID)
		}
	}
	return fe.Err()
}

// DeleteParticipant removes organization from tender tenderID with its
// volumes and ratings.
func (st *Store) DeleteParticipant(ctx context.Context, tenderID int64, organization string) error {
	err := st.InTx(ctx, func(tx *Store) error {
		before, id, err := tx.participant(ctx, tenderID, organization)
		if err != nil {
			return err
		}
		if _, err := tx.write().ExecContext(ctx, `DELETE FROM participants WHERE id = ?`, id); err != nil {
			return err
		}
		return tx.appendAudit(ctx, auditParticipant, fmt.Sprintf("%d/%s", tenderID, organization), audit.ActionDelete,
			auditedParticipant(before), nil)
	})
	if err != nil {
		return fmt.Errorf("store: delete participant %s from tender %d: %w", organization, tenderID, err)
	}
	return nil
}

// requirements returns the requirements matching cond (on r) by number,
// with the ratings matching ratingCond (on p, the participant, or rr, the
// rating): one query for the requirements and one for all their ratings.
func (st *Store) requirements(ctx context.Context, cond, ratingCond string, arg any) ([]procurement.Requirement, error) {
	rows, err := st.read().QueryContext(ctx, `SELECT r.id, r.tender_id, r.number, r.text, r.kind FROM requirements r
		WHERE `+cond+` ORDER BY r.number`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []procurement.Requirement
	index := map[int64]int{}
	for rows.Next() {
		var (
			r    procurement.Requirement
			kind string
		)
		if err := rows.Scan(&r.ID, &r.TenderID, &r.Number, &r.Text, &kind); err != nil {
			return nil, fmt.Errorf("scan requirement: %w", err)
		}
		r.Kind, r.Ratings = procurement.RequirementKind(kind), map[string]procurement.Rating{}
		index[r.ID] = len(out)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	ratings, err := st.read().QueryContext(ctx, `
		SELECT rr.requirement_id, o.code, rr.rating
		FROM participants p
		JOIN requirement_ratings rr ON rr.participant_id = p.id
		JOIN organizations o ON o.id = p.organization_id
		WHERE `+ratingCond, arg)
	if err != nil {
		return nil, err
	}
	defer ratings.Close()
	for ratings.Next() {
		var (
			id          int64
			org, rating string
		)
		if err := ratings.Scan(&id, &org, &rating); err != nil {
			return nil, fmt.Errorf("scan rating: %w", err)
		}
		if i, ok := index[id]; ok {
			out[i].Ratings[org] = procurement.Rating(rating)
		}
	}
	return out, ratings.Err()
}

// Requirements returns the requirements of tender tenderID by number, with
// every participant's rating.
func (st *Store) Requirements(ctx context.Context, tenderID int64) ([]procurement.Requirement, error) {
	out, err := st.requirements(ctx, "r.tender_id = ?", "p.tender_id = ?", tenderID)
	if err != nil {
		return nil, fmt.Errorf("store: requirements of tender %d: %w", tenderID, err)
	}
	return out, nil
}

func (st *Store) requirement(ctx context.Context, id int64) (procurement.Requirement, error) {
	rs, err := st.requirements(ctx, "r.id = ?", "rr.requirement_id = ?", id)
	if err != nil {
		return procurement.Requirement{}, err
	}
	if len(rs) == 0 {
		return procurement.Requirement{}, fmt.Errorf("requirement %d: %w", id, apperr.NotFound)
	}
	return rs[0], nil
}

type requirementRecord struct {
	TenderID int64             `json:"tenderId"`
	Number   int               `json:"number"`
	Text     string            `json:"text"`
	Kind     string            `json:"kind"`
	Ratings  map[string]string `json:"ratings,omitempty"`
}

func auditedRequirement(r procurement.Requirement) requirementRecord {
	rec := requirementRecord{TenderID: r.TenderID, Number: r.Number, Text: r.Text, Kind: string(r.Kind)}
	for org, rating := range r.Ratings {
		if rec.Ratings == nil {
			rec.Ratings = map[string]string{}
		}
		rec.Ratings[org] = string(rating)
	}
	return rec
}

// CreateRequirement inserts r as the next-numbered requirement of its
// tender with its ratings, and returns its id. Every rating must be a
// participant's.
func (st *Store) CreateRequirement(ctx context.Context, r procurement.Requirement) (int64, error) {
	id, err := st.saveRow(ctx, auditRequirement, nil, func(tx *Store) (int64, any, error) {
		if err := tx.tenderExists(ctx, r.TenderID); err != nil {
			return 0, nil, err
		}
		// The writer holds the write lock from BEGIN: the number is ours.
		var id int64
		if err := tx.write().QueryRowContext(ctx, `
			INSERT INTO requirements (tender_id, number, text, kind)
			SELECT ?, coalesce(max(number), 0) + 1, ?, ? FROM requirements WHERE tender_id = ?
			RETURNING id, number`, r.TenderID, r.Text, string(r.Kind), r.TenderID).Scan(&id, &r.Number); err != nil {
			return 0, nil, err
		}
		var fe apperr.FieldErrors
		for _, org := range sortedKeys(r.Ratings) {
			res, err := tx.write().ExecContext(ctx, `
				INSERT INTO requirement_ratings (requirement_id, participant_id, rating)
				SELECT ?, p.id, ? FROM participants p JOIN organizations o ON o.id = p.organization_id
				WHERE p.tender_id = ? AND o.code = ?`, id, string(r.Ratings[org]), r.TenderID, org)
			if err != nil {
				return 0, nil, fmt.Errorf("rating of %s: %w", org, err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				fe.Add("ratings."+org, apperr.NotParticipant, org)
			}
		}
		return id, auditedRequirement(r), fe.Err()
	})
	if err != nil {
		return 0, fmt.Errorf("store: create requirement in tender %d: %w", r.TenderID, err)
	}
	return id, nil
}

// UpdateRequirement writes the text and kind of requirement r.ID, not its
// ratings.
func (st *Store) UpdateRequirement(ctx context.Context, r procurement.Requirement) error {
	load := func(tx *Store) (any, error) {
		old, err := tx.requirement(ctx, r.ID)
		old.Ratings = nil
		return auditedRequirement(old), err
	}
	_, err := st.saveRow(ctx, auditRequirement, load, func(tx *Store) (int64, any, error) {
		err := tx.write().QueryRowContext(ctx, `UPDATE requirements SET text = ?, kind = ? WHERE id = ? RETURNING tender_id, number`,
			r.Text, string(r.Kind), r.ID).Scan(&r.TenderID, &r.Number)
		r.Ratings = nil
		return r.ID, auditedRequirement(r), err
	})
	if err != nil {
		return fmt.Errorf("store: update requirement %d: %w", r.ID, err)
	}
	return nil
}

// DeleteRequirement removes requirement id with its ratings; the other
// requirements keep their numbers.
func (st *Store) DeleteRequirement(ctx context.Context, id int64) error {
	return st.deleteRow(ctx, "requirements", auditRequirement, id, func(tx *Store) (any, error) {
		r, err := tx.requirement(ctx, id)
		return auditedRequirement(r), err
	})
}

// SetRatings records organization's ratings of tender tenderID's
// requirements, by requirement id; an empty rating removes one. The
// organization must take part in the tender.
func (st *Store) SetRatings(ctx context.Context, tenderID int64, organization string, ratings map[int64]procurement.Rating) error {
	err := st.InTx(ctx, func(tx *Store) error {
		_, pid, err := tx.participant(ctx, tenderID, organization)
		if err != nil {
			return err
		}
		before, err := tx.participantRatings(ctx, pid)
		if err != nil {
			return err
		}
		after := make(map[string]string, len(before)+len(ratings))
		for k, v := range before {
			after[k] = v
		}
		var fe apperr.FieldErrors
		for _, reqID := range sortedKeys(ratings) {
			field, rating := fmt.Sprintf("ratings.%d", reqID), ratings[reqID]
			if rating == "" {
				if _, err := tx.write().ExecContext(ctx, `DELETE FROM requirement_ratings WHERE requirement_id = ? AND participant_id = ?`,
					reqID, pid); err != nil {
					return err
				}
				delete(after, strconv.FormatInt(reqID, 10))
				continue
			}
			if !rating.Valid() {
				fe.Add(field, apperr.OneOf, procurement.RatingList, string(rating))
				continue
			}
			// WHERE before ON CONFLICT: SQLite needs it to parse an
			// upsert from a SELECT.
			res, err := tx.write().ExecContext(ctx, `
				INSERT INTO requirement_ratings (requirement_id, participant_id, rating)
				SELECT id, ?, ? FROM requirements WHERE id = ? AND tender_id = ?
				ON CONFLICT (requirement_id, participant_id) DO UPDATE SET rating = excluded.rating`,
				pid, string(rating), reqID, tenderID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				fe.Add(field, apperr.NotTenderRequirement, reqID)
				continue
			}
			after[strconv.FormatInt(reqID, 10)] = string(rating)
		}
		if err := fe.Err(); err != nil {
			return err
		}
		return tx.appendAudit(ctx, auditRatings, fmt.Sprintf("%d/%s", tenderID, organization), audit.ActionUpdate, before, after)
	})
	if err != nil {
		return fmt.Errorf("store: set ratings of %s in tender %d: %w", organization, tenderID, err)
	}
	return nil
}

// participantRatings returns participant pid's ratings by requirement id
// (as text, the form the audit log keeps).
func (st *Store) participantRatings(ctx context.Context, pid int64) (map[string]string, error) {
	rows, err := st.read().QueryContext(ctx, `SELECT requirement_id, rating FROM requirement_ratings WHERE participant_id = ?`, pid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var (
			id     int64
			rating string
		)
		if err := rows.Scan(&id, &rating); err != nil {
			return nil, err
		}
		out[strconv.FormatInt(id, 10)] = rating
	}
	return out, rows.Err()
}
