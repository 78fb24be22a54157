package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
	"github.com/samenkoop/samenkoop/procurement"
)

// A tender's requirements in the store, with every participant's rating
// of each.

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
