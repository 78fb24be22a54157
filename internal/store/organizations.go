package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

const organizationColumns = `o.id, o.code, o.name, o.kind, o.province, o.population, o.population_date, o.region`

type scanner interface{ Scan(dest ...any) error }

// scanOrganization reads one row of organizationColumns; it returns the id
// for loading memberships.
func scanOrganization(s scanner) (int64, contracts.Organization, error) {
	var (
		id   int64
		o    contracts.Organization
		kind string
		date string
	)
	if err := s.Scan(&id, &o.Code, &o.Name, &kind, &o.Province, &o.Population, &date, &o.Region); err != nil {
		return 0, o, err
	}
	o.Kind = contracts.OrgKind(kind)
	if date != "" {
		d, err := contracts.ParseDate(date)
		if err != nil {
			return 0, o, fmt.Errorf("population_date of %s: %w", o.Code, err)
		}
		o.PopulationDate = d
	}
	return id, o, nil
}

// Organization returns the organization with code.
func (st *Store) Organization(ctx context.Context, code string) (contracts.Organization, error) {
	row := st.read().QueryRowContext(ctx, `SELECT `+organizationColumns+` FROM organizations o WHERE o.code = ?`, code)
	id, o, err := scanOrganization(row)
	if errors.Is(err, sql.ErrNoRows) {
		return o, fmt.Errorf("store: organization %s: %w", code, apperr.NotFound)
	}
	if err != nil {
		return o, fmt.Errorf("store: organization %s: %w", code, err)
	}
	coops, err := st.memberships(ctx, []int64{id})
	if err != nil {
		return o, err
	}
	o.Cooperations = coops[id]
	return o, nil
}

// Organizations returns one page of organizations matching f, sorted by
// name, with the total number that match.
func (st *Store) Organizations(ctx context.Context, f contracts.OrganizationFilter) (contracts.OrganizationPage, error) {
	var (
		where []string
		args  []any
	)
	if f.Kind != "" {
		where, args = append(where, "o.kind = ?"), append(args, string(f.Kind))
	}
	if f.Province != "" {
		where, args = append(where, "o.province = ?"), append(args, f.Province)
	}
	if f.Region != "" {
		where, args = append(where, "o.region = ?"), append(args, f.Region)
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		p := likePattern(strings.ToLower(q))
		where, args = append(where, `(o.name_key LIKE ? ESCAPE '\' OR lower(o.code) LIKE ? ESCAPE '\')`), append(args, p, p)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var page contracts.OrganizationPage
	if err := st.read().QueryRowContext(ctx, `SELECT count(*) FROM organizations o`+cond, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("store: count organizations: %w", err)
	}
	rows, err := st.read().QueryContext(ctx,
		`SELECT `+organizationColumns+` FROM organizations o`+cond+` ORDER BY o.name_key, o.code LIMIT ? OFFSET ?`,
		append(args, f.PageSize, f.Offset())...)
	if err != nil {
		return page, fmt.Errorf("store: list organizations: %w", err)
	}
	ids, items, err := collectOrganizations(rows)
	if err != nil {
		return page, err
	}
	coops, err := st.memberships(ctx, ids)
	if err != nil {
		return page, err
	}
	for i := range items {
		items[i].Cooperations = coops[ids[i]]
	}
	page.Items = items
	return page, nil
}

func collectOrganizations(rows *sql.Rows) ([]int64, []contracts.Organization, error) {
	defer rows.Close()
	var (
		ids   []int64
		items []contracts.Organization
	)
	for rows.Next() {
		id, o, err := scanOrganization(rows)
		if err != nil {
			return nil, nil, fmt.Errorf("store: scan organization: %w", err)
		}
		ids, items = append(ids, id), append(items, o)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("store: list organizations: %w", err)
	}
	return ids, items, nil
}

// OrganizationsByCode returns the organizations whose code is in codes.
func (st *Store) OrganizationsByCode(ctx context.Context, codes []string) (map[string]contracts.Organization, error) {
	out := make(map[string]contracts.Organization, len(codes))
	// SQLite limits host parameters (32766 by default); chunk well below.
	for start := 0; start < len(codes); start += 500 {
		chunk := codes[start:min(start+500, len(codes))]
		args := make([]any, len(chunk))
		for i, c := range chunk {
			args[i] = c
		}
		rows, err := st.read().QueryContext(ctx,
			`SELECT `+organizationColumns+` FROM organizations o WHERE o.code IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: organizations by code: %w", err)
		}
		ids, items, err := collectOrganizations(rows)
		if err != nil {
			return nil, err
		}
		coops, err := st.memberships(ctx, ids)
		if err != nil {
			return nil, err
		}
		for i, o := range items {
			o.Cooperations = coops[ids[i]]
			out[o.Code] = o
		}
	}
	return out, nil
}

// memberships returns, per organization id, the codes of its cooperations.
func (st *Store) memberships(ctx context.Context, ids []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := st.read().QueryContext(ctx, `
		SELECT m.organization_id, c.code
		FROM organization_memberships m JOIN organizations c ON c.id = m.cooperation_id
		WHERE m.organization_id IN (`+placeholders(len(ids))+`)
		ORDER BY m.organization_id, c.code`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: memberships: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, fmt.Errorf("store: scan membership: %w", err)
		}
		out[id] = append(out[id], code)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: memberships: %w", err)
	}
	return out, nil
}

func organizationArgs(o contracts.Organization) []any {
	return []any{o.Name, string(o.Kind), o.Province, o.Population, o.PopulationDate.String(), o.Region, strings.ToLower(o.Name)}
}

// CreateOrganization inserts o with its memberships.
func (st *Store) CreateOrganization(ctx context.Context, o contracts.Organization) error {
	return st.InTx(ctx, func(tx *Store) error {
		res, err := tx.write().ExecContext(ctx, `
			INSERT INTO organizations (name, kind, province, population, population_date, region, name_key, code)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, append(organizationArgs(o), o.Code)...)
		if isUniqueViolation(err) {
			return fmt.Errorf("store: create organization %s: %w", o.Code,
				apperr.WithDetail(apperr.Conflict, "an organization with code "+o.Code+" already exists"))
		}
		if err != nil {
			return fmt.Errorf("store: create organization %s: %w", o.Code, err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			return fmt.Errorf("store: create organization %s: %w", o.Code, err)
		}
		return tx.setMemberships(ctx, id, o)
	})
}

// UpdateOrganization replaces the stored fields and memberships of the
// organization with o.Code.
func (st *Store) UpdateOrganization(ctx context.Context, o contracts.Organization) error {
	return st.InTx(ctx, func(tx *Store) error {
		var id int64
		err := tx.write().QueryRowContext(ctx, `
			UPDATE organizations SET name = ?, kind = ?, province = ?, population = ?, population_date = ?, region = ?, name_key = ?
			WHERE code = ? RETURNING id`, append(organizationArgs(o), o.Code)...).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: update organization %s: %w", o.Code, apperr.NotFound)
		}
		if err != nil {
			return fmt.Errorf("store: update organization %s: %w", o.Code, err)
		}
		if _, err := tx.write().ExecContext(ctx, `DELETE FROM organization_memberships WHERE organization_id = ?`, id); err != nil {
			return fmt.Errorf("store: update organization %s: %w", o.Code, err)
		}
		return tx.setMemberships(ctx, id, o)
	})
}

func (st *Store) setMemberships(ctx context.Context, id int64, o contracts.Organization) error {
	for _, c := range o.Cooperations {
		res, err := st.write().ExecContext(ctx, `
			INSERT INTO organization_memberships (organization_id, cooperation_id)
			SELECT ?, id FROM organizations WHERE code = ?`, id, c)
		if err != nil {
			return fmt.Errorf("store: membership %s of %s: %w", c, o.Code, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: membership of %s: no cooperation %s: %w", o.Code, c, apperr.NotFound)
		}
	}
	return nil
}

// DeleteOrganization removes the organization with code. A cooperation
// that still has members cannot be deleted.
func (st *Store) DeleteOrganization(ctx context.Context, code string) error {
	res, err := st.write().ExecContext(ctx, `DELETE FROM organizations WHERE code = ?`, code)
	if isForeignKeyViolation(err) {
		return fmt.Errorf("store: delete organization %s: %w", code,
			apperr.WithDetail(apperr.Conflict, code+" cannot be deleted while other records refer to it (members of a cooperation, contracts)"))
	}
	if err != nil {
		return fmt.Errorf("store: delete organization %s: %w", code, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: delete organization %s: %w", code, apperr.NotFound)
	}
	return nil
}

// Regions returns the distinct region names in use, sorted.
func (st *Store) Regions(ctx context.Context) ([]string, error) {
	rows, err := st.read().QueryContext(ctx, `SELECT DISTINCT region FROM organizations WHERE region <> '' ORDER BY region`)
	if err != nil {
		return nil, fmt.Errorf("store: regions: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, fmt.Errorf("store: scan region: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
