package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
	"github.com/samenkoop/samenkoop/procurement"
)

// A tender's participants in the store: each with its mandate and its
// volumes per lot. Requirements and the participants' ratings of them are
// in procurement_requirements.go.

// participantSelect reads a participant with its organization.
const participantSelect = `
	SELECT p.id, p.tender_id, o.code, coalesce(p.demand_id, 0), p.joined, p.mandate_status, p.mandate_requested,
		p.mandate_signed, p.mandate_body, p.scope_documents, p.scope_award, p.scope_litigation, p.scope_substitution,
		p.mandate_reference, p.mandate_decision_url, p.mandate_document, o.name, o.kind, o.province, o.population
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
			&m.Reference, &m.DecisionURL, &m.Document, &p.Name, &kind, &p.Province, &p.Population); err != nil {
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
	// DecisionURL links to the decision in the RIS; Document is the
	// signed mandate document's reference.
	DecisionURL string `json:"decisionUrl,omitempty"`
	Document    string `json:"document,omitempty"`
}

func auditedParticipant(p procurement.Participant) participantRecord {
	m := p.Mandate
	r := participantRecord{TenderID: p.TenderID, Organization: p.Organization, DemandID: p.DemandID, Joined: p.Joined.String(),
		Volumes: []volumeRecord{}, Mandate: mandateRecord{Status: string(m.Status), Requested: m.Requested.String(),
			Signed: m.Signed.String(), Body: string(m.Body), Scope: []string{}, Reference: m.Reference,
			DecisionURL: m.DecisionURL, Document: m.Document}}
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
				mandate_signed, mandate_body, scope_documents, scope_award, scope_litigation, scope_substitution, mandate_reference,
				mandate_decision_url, mandate_document)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (tender_id, organization_id) DO UPDATE SET demand_id = excluded.demand_id, joined = excluded.joined,
				mandate_status = excluded.mandate_status, mandate_requested = excluded.mandate_requested,
				mandate_signed = excluded.mandate_signed, mandate_body = excluded.mandate_body,
				scope_documents = excluded.scope_documents, scope_award = excluded.scope_award,
				scope_litigation = excluded.scope_litigation, scope_substitution = excluded.scope_substitution,
				mandate_reference = excluded.mandate_reference, mandate_decision_url = excluded.mandate_decision_url,
				mandate_document = excluded.mandate_document
			RETURNING id`, p.TenderID, orgID, nullID(p.DemandID), p.Joined.String(), string(m.Status), m.Requested.String(),
			m.Signed.String(), string(m.Body), m.Scope.Documents, m.Scope.Award, m.Scope.Litigation, m.Scope.Substitution,
			m.Reference, m.DecisionURL, m.Document).Scan(&id)
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
