package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
)

// organizationColumns reads an organization with the codes of its
// cooperations in one row, so that a page is one query, not one plus a
// membership lookup.
const organizationColumns = `o.id, o.code, o.name, o.kind, o.province, o.population, o.population_date, o.region, ` +
	`o.street, o.postcode, o.city, o.nuts, o.oin, o.kvk, o.legal_type, o.main_activity, o.email, o.phone, o.url, ` +
	`(SELECT ` + aggregateCodes + ` FROM organization_memberships m JOIN organizations c ON c.id = m.cooperation_id WHERE m.organization_id = o.id)`

type scanner interface{ Scan(dest ...any) error }

// scanOrganization reads one row of organizationColumns; it returns the id
// for loading memberships.
func scanOrganization(s scanner) (int64, contracts.Organization, error) {
	var (
		id    int64
		o     contracts.Organization
		kind  string
		date  string
		coops sql.NullString
	)
	d := &o.OrgDetails
	if err := s.Scan(&id, &o.Code, &o.Name, &kind, &o.Province, &o.Population, &date, &o.Region,
		&d.Street, &d.Postcode, &d.City, &d.NUTS, &d.OIN, &d.KvK, &d.LegalType, &d.MainActivity, &d.Email, &d.Phone, &d.URL,
		&coops); err != nil {
		return 0, o, err
	}
	if coops.String != "" {
		// Organization codes hold no commas (contracts.ValidateCode).
		o.Cooperations = strings.Split(coops.String, ",")
		slices.Sort(o.Cooperations)
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
	_, o, err := scanOrganization(row)
	if errors.Is(err, sql.ErrNoRows) {
		return o, fmt.Errorf("store: organization %s: %w", code, apperr.NotFound)
	}
	if err != nil {
		return o, fmt.Errorf("store: organization %s: %w", code, err)
	}
	return o, nil
}

// Organizations returns one page of organizations matching f, sorted by
// name, with the total number that match.
func (st *Store) Organizations(ctx context.Context, f contracts.OrganizationFilter) (contracts.OrganizationPage, error) {
	page := contracts.OrganizationPage{Items: []contracts.Organization{}}
	l := organizationList(f)
	var err error
	if dim, ok := organizationCounted(f); ok {
		err = st.read().QueryRowContext(ctx, `SELECT coalesce(sum(n), 0) FROM list_counts WHERE list = 'organizations' AND dim = ?`, dim).
			Scan(&page.Total)
	} else {
		page.Total, page.TotalAtLeast, err = st.boundedCount(ctx, l)
	}
	if err != nil {
		return page, fmt.Errorf("store: count organizations: %w", err)
	}
	kp, err := st.keysetRows(ctx, l, contracts.OrganizationSortName, f.Seek, f.Offset(), f.PageSize)
	if err != nil {
		return page, fmt.Errorf("store: list organizations: %w", err)
	}
	page.Next, page.Prev, page.Partial = kp.Next, kp.Prev, kp.Partial
	if len(kp.Keys) == 0 {
		return page, nil
	}
	rows, err := st.read().QueryContext(ctx, organizationRowsSQL, jsonArray(kp.Keys, false))
	if err != nil {
		return page, fmt.Errorf("store: list organizations: %w", err)
	}
	page.Items, err = collectOrganizations(rows, f.PageSize)
	return page, err
}

// organizationRowsSQL reads the organizations whose codes are its one
// argument, a JSON array, by name.
const organizationRowsSQL = `SELECT ` + organizationColumns + ` FROM organizations o
	WHERE o.code IN (SELECT value FROM json_each(?)) ORDER BY o.name_key, o.code`

// organizationList is the organization list of f, by name: on
// organizations_kind or organizations_province when f filters on one,
// else on organizations_name_key; the region and the search are checked
// row by row along it (keyset.go).
func organizationList(f contracts.OrganizationFilter) keysetList {
	l := keysetList{from: ` FROM organizations o`, cols: []string{"o.name_key", "o.code"}, ints: []bool{false, false}}
	var residual []string
	switch {
	case f.Kind != "":
		l.conds, l.args = []string{"o.kind = ?"}, []any{string(f.Kind)}
		if f.Province != "" {
			residual, l.rargs = append(residual, "o.province = ?"), append(l.rargs, f.Province)
		}
	case f.Province != "":
		l.conds, l.args = []string{"o.province = ?"}, []any{f.Province}
	}
	if f.Region != "" {
		residual, l.rargs = append(residual, "o.region = ?"), append(l.rargs, f.Region)
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		p := likePattern(strings.ToLower(q))
		residual, l.rargs = append(residual, `(o.name_key LIKE ? ESCAPE '\' OR lower(o.code) LIKE ? ESCAPE '\')`), append(l.rargs, p, p)
	}
	if len(residual) > 0 {
		l.residual = "(" + strings.Join(residual, " AND ") + ")"
	}
	return l
}

// organizationCounted returns the counter of list_counts that totals f,
// when there is one.
func organizationCounted(f contracts.OrganizationFilter) (string, bool) {
	switch {
	case f.Region != "" || strings.TrimSpace(f.Q) != "" || f.Kind != "" && f.Province != "":
		return "", false
	case f.Kind != "":
		return "kind:" + string(f.Kind), true
	case f.Province != "":
		return "province:" + f.Province, true
	}
	return "", true
}

// OrganizationListSQL is the SQL of one page of the organization list,
// as Organizations runs it, for benchmarks (see VendorListSQL).
type OrganizationListSQL struct {
	Count     string
	CountArgs []any
	Keys      string
	KeysArgs  []any
	Rows      string
}

// OrganizationListStatements returns the SQL of f's page.
func OrganizationListStatements(f contracts.OrganizationFilter) (OrganizationListSQL, error) {
	l := organizationList(f)
	var out OrganizationListSQL
	if dim, ok := organizationCounted(f); ok {
		out.Count, out.CountArgs = `SELECT coalesce(sum(n), 0) FROM list_counts WHERE list = 'organizations' AND dim = ?`, []any{dim}
	} else {
		out.Count, out.CountArgs = l.BoundedCountSQL()
	}
	var err error
	out.Keys, out.KeysArgs, err = l.KeysetSQL(f.Seek, f.Offset(), f.PageSize)
	out.Rows = organizationRowsSQL
	return out, err
}

func collectOrganizations(rows *sql.Rows, capacity int) ([]contracts.Organization, error) {
	defer rows.Close()
	items := make([]contracts.Organization, 0, capacity)
	for rows.Next() {
		_, o, err := scanOrganization(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan organization: %w", err)
		}
		items = append(items, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list organizations: %w", err)
	}
	return items, nil
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
		items, err := collectOrganizations(rows, len(chunk))
		if err != nil {
			return nil, err
		}
		for _, o := range items {
			out[o.Code] = o
		}
	}
	return out, nil
}

func organizationArgs(o contracts.Organization) []any {
	d := o.OrgDetails
	return []any{o.Name, string(o.Kind), o.Province, o.Population, o.PopulationDate.String(), o.Region, strings.ToLower(o.Name),
		d.Street, d.Postcode, d.City, d.NUTS, d.OIN, d.KvK, d.LegalType, d.MainActivity, d.Email, d.Phone, d.URL}
}

// CreateOrganization inserts o with its memberships.
func (st *Store) CreateOrganization(ctx context.Context, o contracts.Organization) error {
	return st.InTx(ctx, func(tx *Store) error {
		var id int64
		err := tx.write().QueryRowContext(ctx, `
			INSERT INTO organizations (name, kind, province, population, population_date, region, name_key,
				street, postcode, city, nuts, oin, kvk, legal_type, main_activity, email, phone, url, code)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, append(organizationArgs(o), o.Code)...).Scan(&id)
		if isUniqueViolation(err) {
			return fmt.Errorf("store: create organization %s: %w", o.Code,
				apperr.WithDetail(apperr.Conflict, "an organization with code "+o.Code+" already exists"))
		}
		if err != nil {
			return fmt.Errorf("store: create organization %s: %w", o.Code, err)
		}
		if err := tx.setMemberships(ctx, id, o); err != nil {
			return err
		}
		return tx.appendAudit(ctx, auditOrganization, o.Code, audit.ActionCreate, nil, auditedOrganization(o))
	})
}

// UpdateOrganization replaces the stored fields and memberships of the
// organization with o.Code.
func (st *Store) UpdateOrganization(ctx context.Context, o contracts.Organization) error {
	return st.InTx(ctx, func(tx *Store) error {
		before, err := tx.Organization(ctx, o.Code)
		if err != nil {
			return err
		}
		var id int64
		err = tx.write().QueryRowContext(ctx, `
			UPDATE organizations SET name = ?, kind = ?, province = ?, population = ?, population_date = ?, region = ?, name_key = ?,
				street = ?, postcode = ?, city = ?, nuts = ?, oin = ?, kvk = ?, legal_type = ?, main_activity = ?, email = ?, phone = ?, url = ?
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
		if err := tx.setMemberships(ctx, id, o); err != nil {
			return err
		}
		return tx.appendAudit(ctx, auditOrganization, o.Code, audit.ActionUpdate, auditedOrganization(before), auditedOrganization(o))
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
	return st.InTx(ctx, func(tx *Store) error {
		before, err := tx.Organization(ctx, code)
		if err != nil {
			return err
		}
		_, err = tx.write().ExecContext(ctx, `DELETE FROM organizations WHERE code = ?`, code)
		if isForeignKeyViolation(err) {
			return fmt.Errorf("store: delete organization %s: %w", code,
				apperr.WithDetail(apperr.Conflict, code+" cannot be deleted while other records refer to it (members of a cooperation, users)"))
		}
		if err != nil {
			return fmt.Errorf("store: delete organization %s: %w", code, err)
		}
		return tx.appendAudit(ctx, auditOrganization, code, audit.ActionDelete, auditedOrganization(before), nil)
	})
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

// MemberCount returns the number of members of the cooperation code.
func (st *Store) MemberCount(ctx context.Context, code string) (int, error) {
	var n int
	err := st.read().QueryRowContext(ctx, `
		SELECT count(*) FROM organization_memberships m JOIN organizations c ON c.id = m.cooperation_id
		WHERE c.code = ?`, code).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: members of %s: %w", code, err)
	}
	return n, nil
}
