package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
)

// vendorGroup is the SQL for the top of vendor v's group, kept in
// group_id by setVendorGroups. Walking the tree in every list query made a
// contract page several times slower than the bare query.
const vendorGroup = `coalesce(v.group_id, v.id)`

// setVendorGroups recomputes group_id for vendor id and everything below
// it, after a vendor was created or its parent changed. The recursion
// stops at eight levels, so a cycle cannot hang it (the service refuses
// cycles).
func (st *Store) setVendorGroups(ctx context.Context, id int64) error {
	_, err := st.write().ExecContext(ctx, `
		WITH RECURSIVE up(id, depth) AS (
			SELECT CAST(? AS BIGINT), 0
			UNION ALL SELECT v.parent_id, up.depth + 1 FROM vendors v JOIN up ON v.id = up.id
			WHERE v.parent_id IS NOT NULL AND up.depth < 8
		),
		top(id) AS (SELECT id FROM up ORDER BY depth DESC LIMIT 1),
		down(id, depth) AS (
			SELECT CAST(? AS BIGINT), 0
			UNION ALL SELECT v.id, down.depth + 1 FROM vendors v JOIN down ON v.parent_id = down.id WHERE down.depth < 8
		)
		UPDATE vendors SET group_id = (SELECT id FROM top) WHERE id IN (SELECT id FROM down)`, id, id)
	if err != nil {
		return fmt.Errorf("set vendor groups below %d: %w", id, err)
	}
	return nil
}

type vendorRecord struct {
	Name     string `json:"name"`
	KVK      string `json:"kvk"`
	ParentID int64  `json:"parentId,omitempty"`
	Country  string `json:"country"`
	Street   string `json:"street,omitempty"`
	Postcode string `json:"postcode,omitempty"`
	City     string `json:"city,omitempty"`
}

func auditedVendor(v contracts.Vendor) vendorRecord {
	return vendorRecord{Name: v.Name, KVK: v.KVK, ParentID: v.ParentID, Country: v.Country,
		Street: v.Street, Postcode: v.Postcode, City: v.City}
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// vendorColumns read a vendor; a read that joins its group or parent adds
// their columns after them (scanVendor's extra).
const vendorColumns = `v.id, v.name, v.kvk, coalesce(v.parent_id, 0), v.country`

// scanVendor reads a row of vendorColumns, then extra.
func scanVendor(s scanner, extra ...any) (contracts.Vendor, error) {
	var v contracts.Vendor
	err := s.Scan(append([]any{&v.ID, &v.Name, &v.KVK, &v.ParentID, &v.Country}, extra...)...)
	return v, err
}

// Vendor returns the vendor with id, with its postal address (which the
// lists leave out: only a vendor's own page and its notices need it).
func (st *Store) Vendor(ctx context.Context, id int64) (contracts.Vendor, error) {
	var street, postcode, city string
	row := st.read().QueryRowContext(ctx, `SELECT `+vendorColumns+`, v.street, v.postcode, v.city FROM vendors v WHERE v.id = ?`, id)
	v, err := scanVendor(row, &street, &postcode, &city)
	v.Street, v.Postcode, v.City = street, postcode, city
	if errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("store: vendor %d: %w", id, apperr.NotFound)
	}
	if err != nil {
		return v, fmt.Errorf("store: vendor %d: %w", id, err)
	}
	return v, nil
}

// VendorAncestors returns the ids above vendor id, nearest first.
func (st *Store) VendorAncestors(ctx context.Context, id int64) ([]int64, error) {
	var out []int64
	for range 16 {
		var parent sql.NullInt64
		err := st.read().QueryRowContext(ctx, `SELECT parent_id FROM vendors WHERE id = ?`, id).Scan(&parent)
		if errors.Is(err, sql.ErrNoRows) || err == nil && !parent.Valid {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("store: vendor ancestors %d: %w", id, err)
		}
		id = parent.Int64
		out = append(out, id)
	}
	return out, nil
}

// vendorList is the vendor list of f on the index vendors_name_key
// (name_key, id): the search on name or KvK number is checked row by row
// along it (keyset.go).
func vendorList(f contracts.VendorFilter) keysetList {
	l := keysetList{from: ` FROM vendors v`, cols: []string{"v.name_key", "v.id"}, ints: []bool{false, true}}
	if q := strings.TrimSpace(f.Q); q != "" {
		p := likePattern(strings.ToLower(q))
		l.residual, l.rargs = `(v.name_key LIKE ? ESCAPE '\' OR v.kvk LIKE ? ESCAPE '\')`, []any{p, p}
	}
	return l
}

// VendorListSQL is the SQL of one page of the vendor list, as Vendors
// runs it, for benchmarks whose bare side must do the same work: Count
// (the counter, or with Bounded the bounded count), Keys (the page's sort
// keys), Rows (the page's vendors by id, as a JSON array after the scope
// arguments RowsArgs).
type VendorListSQL struct {
	Count     string
	CountArgs []any
	Bounded   bool
	Keys      string
	KeysArgs  []any
	Rows      string
	RowsArgs  []any
}

// VendorListStatements returns the SQL of f's page (f as the service
// hands it to the store).
func VendorListStatements(f contracts.VendorFilter) (VendorListSQL, error) {
	l := vendorList(f)
	var out VendorListSQL
	if l.residual == "" {
		out.Count, out.CountArgs = `SELECT coalesce(sum(n), 0) FROM list_counts WHERE list = ?`, []any{"vendors"}
	} else {
		out.Count, out.CountArgs = l.BoundedCountSQL()
		out.Bounded = true
	}
	var err error
	out.Keys, out.KeysArgs, err = l.KeysetSQL(f.Seek, f.Offset(), f.PageSize)
	out.Rows, out.RowsArgs = vendorRowsSQL(f.Scope)
	return out, err
}

// vendorRowsSQL reads the vendors whose ids are the JSON array after
// args, by name, with their group, parent and contract count. A scoped
// caller counts only its own organizations' contracts: how many
// contracts others hold with a vendor is theirs to know.
func vendorRowsSQL(scope contracts.Scope) (string, []any) {
	// Every organization's contracts are counted in vendor_counts
	// (migration 0023).
	count := `coalesce((SELECT n FROM vendor_counts vc WHERE vc.vendor_id = v.id), 0)`
	countScope, countArgs := scopeID("c.organization_id", scope)
	if countScope != "" {
		count = `(SELECT count(*) FROM contracts c WHERE c.vendor_id = v.id AND ` + countScope + `)`
	}
	return `SELECT ` + vendorColumns + `, t.id, t.name, coalesce(p.name, ''), ` + count + `
		FROM vendors v JOIN vendors t ON t.id = ` + vendorGroup + `
		LEFT JOIN vendors p ON p.id = v.parent_id
		WHERE v.id IN (SELECT value FROM json_each(?))
		ORDER BY v.name_key, v.id`, countArgs
}

// Vendors returns one page of vendors by name (f.Seek, or f.Page by
// offset), with group and contract counts; the total comes from the
// counter, or for a search is counted over a bounded number of vendors.
func (st *Store) Vendors(ctx context.Context, f contracts.VendorFilter) (contracts.VendorPage, error) {
	page := contracts.VendorPage{Items: []contracts.VendorSummary{}}
	l := vendorList(f)
	var err error
	if l.residual == "" {
		page.Total, err = st.listCount(ctx, "vendors")
	} else {
		page.Total, page.TotalAtLeast, err = st.boundedCount(ctx, l)
	}
	if err != nil {
		return page, fmt.Errorf("store: count vendors: %w", err)
	}
	kp, err := st.keysetRows(ctx, l, contracts.VendorSortName, f.Seek, f.Offset(), f.PageSize)
	if err != nil {
		return page, fmt.Errorf("store: vendors: %w", err)
	}
	page.Next, page.Prev, page.Partial = kp.Next, kp.Prev, kp.Partial
	if len(kp.Keys) == 0 {
		return page, nil
	}
	q, args := vendorRowsSQL(f.Scope)
	rows, err := st.read().QueryContext(ctx, q, append(args, jsonArray(kp.Keys, true))...)
	if err != nil {
		return page, fmt.Errorf("store: vendors: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s contracts.VendorSummary
		if s.Vendor, err = scanVendor(rows, &s.GroupID, &s.GroupName, &s.ParentName, &s.Contracts); err != nil {
			return page, fmt.Errorf("store: scan vendor: %w", err)
		}
		page.Items = append(page.Items, s)
	}
	return page, rows.Err()
}

// CreateVendor inserts v and returns its id.
func (st *Store) CreateVendor(ctx context.Context, v contracts.Vendor) (int64, error) {
	var id int64
	err := st.InTx(ctx, func(tx *Store) error {
		err := tx.write().QueryRowContext(ctx, `INSERT INTO vendors (name, name_key, kvk, parent_id, country, street, postcode, city) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			v.Name, strings.ToLower(v.Name), v.KVK, nullID(v.ParentID), v.Country, v.Street, v.Postcode, v.City).Scan(&id)
		if err := vendorWriteError(err); err != nil {
			return err
		}
		if err := tx.setVendorGroups(ctx, id); err != nil {
			return err
		}
		return tx.appendAudit(ctx, "vendor", strconv.FormatInt(id, 10), audit.ActionCreate, nil, auditedVendor(v))
	})
	if err != nil {
		return 0, fmt.Errorf("store: create vendor %q: %w", v.Name, err)
	}
	return id, nil
}

func vendorWriteError(err error) error {
	switch {
	case err == nil:
		return nil
	case isUniqueViolation(err):
		return apperr.FieldProblem("kvk", apperr.KvKTaken)
	case isForeignKeyViolation(err):
		return apperr.FieldProblem("parentId", apperr.NoVendor)
	}
	return err
}

// UpdateVendor replaces the stored fields of vendor v.ID.
func (st *Store) UpdateVendor(ctx context.Context, v contracts.Vendor) error {
	err := st.InTx(ctx, func(tx *Store) error {
		before, err := tx.Vendor(ctx, v.ID)
		if err != nil {
			return err
		}
		_, err = tx.write().ExecContext(ctx, `UPDATE vendors SET name = ?, name_key = ?, kvk = ?, parent_id = ?, country = ?, street = ?, postcode = ?, city = ? WHERE id = ?`,
			v.Name, strings.ToLower(v.Name), v.KVK, nullID(v.ParentID), v.Country, v.Street, v.Postcode, v.City, v.ID)
		if err := vendorWriteError(err); err != nil {
			return err
		}
		if err := tx.setVendorGroups(ctx, v.ID); err != nil {
			return err
		}
		return tx.appendAudit(ctx, "vendor", strconv.FormatInt(v.ID, 10), audit.ActionUpdate, auditedVendor(before), auditedVendor(v))
	})
	if err != nil {
		return fmt.Errorf("store: update vendor %d: %w", v.ID, err)
	}
	return nil
}

// DeleteVendor removes vendor id; one with contracts or subsidiaries stays.
func (st *Store) DeleteVendor(ctx context.Context, id int64) error {
	err := st.InTx(ctx, func(tx *Store) error {
		before, err := tx.Vendor(ctx, id)
		if err != nil {
			return err
		}
		_, err = tx.write().ExecContext(ctx, `DELETE FROM vendors WHERE id = ?`, id)
		if isForeignKeyViolation(err) {
			return apperr.WithDetail(apperr.Conflict, "the vendor still has contracts or subsidiaries")
		}
		if err != nil {
			return err
		}
		return tx.appendAudit(ctx, "vendor", strconv.FormatInt(id, 10), audit.ActionDelete, auditedVendor(before), nil)
	})
	if err != nil {
		return fmt.Errorf("store: delete vendor %d: %w", id, err)
	}
	return nil
}

// CategoryExists reports whether category id exists.
func (st *Store) CategoryExists(ctx context.Context, id int64) (bool, error) {
	var n int
	if err := st.read().QueryRowContext(ctx, `SELECT count(*) FROM categories WHERE id = ?`, id).Scan(&n); err != nil {
		return false, fmt.Errorf("store: category exists %d: %w", id, err)
	}
	return n > 0, nil
}
