package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
)

// CPVCodes returns up to limit CPV codes whose code starts with q or whose
// label contains q, in code order.
func (st *Store) CPVCodes(ctx context.Context, q string, limit int) ([]contracts.CPV, error) {
	q = strings.TrimSpace(q)
	rows, err := st.read().QueryContext(ctx, `
		SELECT code, label, label_en, parent FROM cpv_codes
		WHERE ? = '' OR code LIKE ? ESCAPE '\' OR label LIKE ? ESCAPE '\' OR label_en LIKE ? ESCAPE '\'
		ORDER BY code LIMIT ?`,
		q, likePattern(q)[1:], likePattern(q), likePattern(q), limit)
	if err != nil {
		return nil, fmt.Errorf("store: cpv codes: %w", err)
	}
	defer rows.Close()
	var out []contracts.CPV
	for rows.Next() {
		var c contracts.CPV
		if err := rows.Scan(&c.Code, &c.Label, &c.LabelEN, &c.Parent); err != nil {
			return nil, fmt.Errorf("store: scan cpv: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CPVCount returns the number of CPV codes known.
func (st *Store) CPVCount(ctx context.Context) (int, error) {
	var n int
	if err := st.read().QueryRowContext(ctx, `SELECT count(*) FROM cpv_codes`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count cpv: %w", err)
	}
	return n, nil
}

// UpsertCPV inserts the codes or replaces their labels.
func (st *Store) UpsertCPV(ctx context.Context, codes []contracts.CPV) error {
	return st.InTx(ctx, func(tx *Store) error {
		for _, c := range codes {
			// An English label or parent missing from the input (the
			// embedded Dutch list) must not wipe one already imported.
			if _, err := tx.write().ExecContext(ctx, `
				INSERT INTO cpv_codes AS c (code, label, label_en, parent) VALUES (?, ?, ?, ?)
				ON CONFLICT (code) DO UPDATE SET label = excluded.label,
					label_en = CASE WHEN excluded.label_en <> '' THEN excluded.label_en ELSE c.label_en END,
					parent = CASE WHEN excluded.parent <> '' THEN excluded.parent ELSE c.parent END`,
				c.Code, c.Label, c.LabelEN, c.Parent); err != nil {
				return fmt.Errorf("store: upsert cpv %s: %w", c.Code, err)
			}
		}
		if len(codes) == 0 {
			return nil
		}
		// One entry for the whole list: the log records the load, not
		// each of thousands of codes.
		return tx.appendAudit(ctx, auditCPV, "", audit.ActionImport, nil, cpvImportRecord{Codes: len(codes)})
	})
}

// Categories returns every category with its CPV codes, by name.
func (st *Store) Categories(ctx context.Context) ([]contracts.Category, error) {
	rows, err := st.read().QueryContext(ctx, `
		SELECT c.id, c.name, cc.cpv_code FROM categories c
		LEFT JOIN category_cpv cc ON cc.category_id = c.id
		ORDER BY c.name, c.id, cc.position`)
	if err != nil {
		return nil, fmt.Errorf("store: categories: %w", err)
	}
	defer rows.Close()
	var out []contracts.Category
	for rows.Next() {
		var (
			id   int64
			name string
			code *string
		)
		if err := rows.Scan(&id, &name, &code); err != nil {
			return nil, fmt.Errorf("store: scan category: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].ID != id {
			out = append(out, contracts.Category{ID: id, Name: name})
		}
		if code != nil {
			last := &out[len(out)-1]
			last.CPV = append(last.CPV, *code)
		}
	}
	return out, rows.Err()
}

// CreateCategory inserts c and returns its id. Its CPV codes must be known.
func (st *Store) CreateCategory(ctx context.Context, c contracts.Category) (int64, error) {
	var id int64
	err := st.InTx(ctx, func(tx *Store) error {
		err := tx.write().QueryRowContext(ctx, `INSERT INTO categories (name) VALUES (?) RETURNING id`, c.Name).Scan(&id)
		if isUniqueViolation(err) {
			return fmt.Errorf("store: create category %q: %w", c.Name,
				apperr.WithDetail(apperr.Conflict, "a category named "+c.Name+" already exists"))
		}
		if err != nil {
			return fmt.Errorf("store: create category %q: %w", c.Name, err)
		}
		for i, code := range c.CPV {
			_, err := tx.write().ExecContext(ctx, `INSERT INTO category_cpv (category_id, cpv_code, position) VALUES (?, ?, ?)`, id, code, i)
			if isForeignKeyViolation(err) {
				return fmt.Errorf("store: create category %q: %w", c.Name,
					apperr.FieldProblem(fmt.Sprintf("cpv[%d]", i), apperr.UnknownCPV, code))
			}
			if err != nil {
				return fmt.Errorf("store: create category %q: %w", c.Name, err)
			}
		}
		c.ID = id
		return tx.appendAudit(ctx, auditCategory, strconv.FormatInt(id, 10), audit.ActionCreate, nil, auditedCategory(c))
	})
	return id, err
}
