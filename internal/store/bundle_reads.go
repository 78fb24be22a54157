package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/procurement"
)

// Which categories a change can touch, for the bundler's recomputation
// after a change (procurement.BundleChanges): the bundler reads, per
// category, the category itself, its contracts, its demand and its
// tenders with their participants; the log's before and after states
// name the category of each. Organizations, vendors and imports reach
// into every category, and so does every entity not placed below: a new
// write path can only make the bundler recompute more, never serve a
// stale suggestion.

// bundleNoCategory are the audited entities beside bundleIndifferent that
// the cached suggestions do not read: settings hold the procurement
// policy of one organization (the cached suggestions use the default
// bands; a draft tender made from one recomputes it with the lead's),
// the release and notice texts of a tender, and the demo-data mark.
var bundleNoCategory = []string{auditSetting}

// bundleChangesMax bounds the entries BundleChanges places one by one;
// beyond it, every category is computed again, which then costs less
// than reading the entries.
const bundleChangesMax = 1000

// bundleChangesQuery reads the entries after one seq and up to another
// that can change a suggestion (bundleVersionQuery's selection), oldest
// first, one more than bundleChangesMax at most.
var bundleChangesQuery = `SELECT entity, entity_id, before, after FROM audit_log WHERE seq > ? AND seq <= ? AND entity NOT IN (` +
	strings.TrimSuffix(strings.Repeat("?,", len(bundleIndifferent)), ",") + `) ORDER BY seq LIMIT ?`

// bundleCategoryState is what the before and after states of a contract,
// a demand and a tender say of their category.
type bundleCategoryState struct {
	CategoryID int64 `json:"categoryId"`
}

// BundleChanges returns the categories whose suggestions the changes
// after version from, up to and including version to (the audit log's
// seq, DataVersion.Inputs), can touch.
func (st *Store) BundleChanges(ctx context.Context, from, to int64) (procurement.BundleChanges, error) {
	all := procurement.BundleChanges{All: true}
	if to <= from {
		return procurement.BundleChanges{Categories: []int64{}}, nil
	}
	args := []any{from, to}
	for _, e := range bundleIndifferent {
		args = append(args, e)
	}
	args = append(args, bundleChangesMax+1)
	rows, err := st.read().QueryContext(ctx, bundleChangesQuery, args...)
	if err != nil {
		return all, fmt.Errorf("store: bundle changes: %w", err)
	}
	defer rows.Close()
	cats := map[int64]bool{}
	var tenders []int64
	n := 0
	for rows.Next() {
		var entity, id string
		var before, after sql.NullString
		if err := rows.Scan(&entity, &id, &before, &after); err != nil {
			return all, fmt.Errorf("store: bundle changes: %w", err)
		}
		if n++; n > bundleChangesMax {
			return all, nil
		}
		switch entity {
		case "contract", auditDemand, auditTender:
			if id == "" {
				// An import of many contracts.
				return all, nil
			}
			for _, state := range []sql.NullString{before, after} {
				if !state.Valid {
					continue
				}
				var s bundleCategoryState
				if err := json.Unmarshal([]byte(state.String), &s); err != nil {
					return all, nil
				}
				if s.CategoryID != 0 {
					cats[s.CategoryID] = true
				}
			}
		case auditCategory:
			c, err := strconv.ParseInt(id, 10, 64)
			if err != nil {
				return all, nil
			}
			cats[c] = true
		case auditParticipant:
			// "<tender id>/<organization code>": the tender's category.
			t, err := strconv.ParseInt(strings.SplitN(id, "/", 2)[0], 10, 64)
			if err != nil {
				return all, nil
			}
			tenders = append(tenders, t)
		default:
			if !slices.Contains(bundleNoCategory, entity) {
				return all, nil
			}
		}
	}
	if err := rows.Err(); err != nil {
		return all, fmt.Errorf("store: bundle changes: %w", err)
	}
	rows.Close()
	if len(tenders) > 0 {
		found, err := st.tenderCategories(ctx, tenders)
		if err != nil {
			return all, fmt.Errorf("store: bundle changes: %w", err)
		}
		if found == nil {
			return all, nil
		}
		for _, c := range found {
			cats[c] = true
		}
	}
	out := procurement.BundleChanges{Categories: make([]int64, 0, len(cats))}
	for c := range cats {
		out.Categories = append(out.Categories, c)
	}
	slices.Sort(out.Categories)
	return out, nil
}

// tenderCategories returns the categories of the tenders ids; nil when
// one of them is gone (its deletion is in the log, with its category, but
// a participant of it cannot be placed without it).
func (st *Store) tenderCategories(ctx context.Context, ids []int64) ([]int64, error) {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := st.read().QueryContext(ctx, `SELECT id, category_id FROM tenders WHERE id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]int64, 0, len(ids))
	n := 0
	for rows.Next() {
		var id int64
		var c sql.NullInt64
		if err := rows.Scan(&id, &c); err != nil {
			return nil, err
		}
		n++
		if c.Valid {
			out = append(out, c.Int64)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if n < len(ids) {
		return nil, nil
	}
	return out, nil
}
