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

// demandSelect reads demand with the names of its organization and
// category.
const demandSelect = `
	SELECT d.id, o.code, d.category_id, d.quantity, d.unit, d.desired_start, coalesce(d.replaces_contract_id, 0),
		d.annual_budget, d.status, d.notes, o.name, cat.name, o.population
	FROM demand d
	JOIN organizations o ON o.id = d.organization_id
	JOIN categories cat ON cat.id = d.category_id`

func scanDemand(s scanner) (procurement.Demand, error) {
	var (
		d      procurement.Demand
		status string
	)
	err := s.Scan(&d.ID, &d.Organization, &d.CategoryID, &d.Quantity, &d.Unit, dateText{&d.DesiredStart}, &d.ReplacesContractID,
		&d.AnnualBudget, &status, &d.Notes, &d.OrganizationName, &d.CategoryName, &d.Population)
	d.Status, d.SizeClass = procurement.DemandStatus(status), contracts.SizeClassOf(d.Population)
	return d, err
}

type demandRecord struct {
	Organization       string `json:"organization"`
	CategoryID         int64  `json:"categoryId"`
	Quantity           int64  `json:"quantity"`
	Unit               string `json:"unit,omitempty"`
	DesiredStart       string `json:"desiredStart"`
	ReplacesContractID int64  `json:"replacesContractId,omitempty"`
	AnnualBudget       int64  `json:"annualBudget"`
	Status             string `json:"status"`
	Notes              string `json:"notes,omitempty"`
}

func auditedDemand(d procurement.Demand) demandRecord {
	return demandRecord{Organization: d.Organization, CategoryID: d.CategoryID, Quantity: d.Quantity, Unit: d.Unit,
		DesiredStart: d.DesiredStart.String(), ReplacesContractID: d.ReplacesContractID, AnnualBudget: int64(d.AnnualBudget),
		Status: string(d.Status), Notes: d.Notes}
}

// Demand returns the demand with id.
func (st *Store) Demand(ctx context.Context, id int64) (procurement.Demand, error) {
	d, err := scanDemand(st.read().QueryRowContext(ctx, demandSelect+` WHERE d.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("store: demand %d: %w", id, apperr.NotFound)
	}
	if err != nil {
		return d, fmt.Errorf("store: demand %d: %w", id, err)
	}
	return d, nil
}

// demandList is the demand list of f by desired start and id, on
// demand_seek_start or, for one organization, demand_organization; the
// category and status are checked row by row along it (keyset.go).
func demandList(f procurement.DemandFilter) keysetList {
	l := keysetList{from: ` FROM demand d`, cols: []string{"d.desired_start", "d.id"}, ints: []bool{false, true}}
	if cond, codes := scopeID("d.organization_id", f.Scope); cond != "" {
		l.conds, l.args = append(l.conds, cond), append(l.args, codes...)
	}
	if f.Organization != "" {
		l.conds, l.args = append(l.conds, "d.organization_id = (SELECT id FROM organizations WHERE code = ?)"), append(l.args, f.Organization)
	}
	var residual []string
	if f.CategoryID != 0 {
		residual, l.rargs = append(residual, "d.category_id = ?"), append(l.rargs, f.CategoryID)
	}
	if f.Status != "" {
		residual, l.rargs = append(residual, "d.status = ?"), append(l.rargs, string(f.Status))
	}
	if len(residual) > 0 {
		l.residual = "(" + strings.Join(residual, " AND ") + ")"
	}
	return l
}

// demandCountSQL sums the counters of demand_counts (migration 0017)
// that total f: every filter of the list has one.
func demandCountSQL(f procurement.DemandFilter) (string, []any) {
	where, args := []string{"organization_id = 0"}, []any{}
	org := f.Organization
	if code, ok := f.Scope.Organization(); ok && !f.Scope.All() {
		if org != "" && org != code {
			return `SELECT 0`, nil
		}
		org = code
	} else if !f.Scope.All() {
		return `SELECT 0`, nil
	}
	if org != "" {
		where, args = []string{"organization_id = (SELECT id FROM organizations WHERE code = ?)"}, []any{org}
	}
	if f.CategoryID != 0 {
		where, args = append(where, "category_id = ?"), append(args, f.CategoryID)
	}
	if f.Status != "" {
		where, args = append(where, "status = ?"), append(args, string(f.Status))
	}
	return `SELECT coalesce(sum(n), 0) FROM demand_counts WHERE ` + strings.Join(where, " AND "), args
}

// demandRowsSQL reads the demand whose ids are its one argument, a JSON
// array, in the list's order.
const demandRowsSQL = demandSelect + ` WHERE d.id IN (SELECT value FROM json_each(?)) ORDER BY d.desired_start, d.id`

// Demands returns one page of demand matching f, by desired start and id
// (f.Seek, or f.Page by offset), with the total from the counters.
func (st *Store) Demands(ctx context.Context, f procurement.DemandFilter) (procurement.DemandPage, error) {
	f = f.Normalize()
	page := procurement.DemandPage{Items: []procurement.Demand{}}
	q, args := demandCountSQL(f)
	if err := st.read().QueryRowContext(ctx, q, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("store: count demand: %w", err)
	}
	kp, err := st.keysetRows(ctx, demandList(f), procurement.DemandSortStart, f.Seek, f.Offset(), f.PageSize)
	if err != nil {
		return page, fmt.Errorf("store: demand: %w", err)
	}
	page.Next, page.Prev, page.Partial = kp.Next, kp.Prev, kp.Partial
	if len(kp.Keys) == 0 {
		return page, nil
	}
	rows, err := st.read().QueryContext(ctx, demandRowsSQL, jsonArray(kp.Keys, true))
	if err != nil {
		return page, fmt.Errorf("store: demand: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		d, err := scanDemand(rows)
		if err != nil {
			return page, fmt.Errorf("store: scan demand: %w", err)
		}
		page.Items = append(page.Items, d)
	}
	return page, rows.Err()
}

// DemandByCategory sums the demand that is not withdrawn per category over
// the organizations in scope, by category name.
func (st *Store) DemandByCategory(ctx context.Context, scope contracts.Scope) ([]procurement.CategoryDemand, error) {
	where, args := ` WHERE d.status <> ?`, []any{string(procurement.DemandWithdrawn)}
	if cond, codes := scopeID("d.organization_id", scope); cond != "" {
		where, args = where+" AND "+cond, append(args, codes...)
	}
	rows, err := st.read().QueryContext(ctx, `
		SELECT cat.id, cat.name, count(DISTINCT d.organization_id), sum(d.quantity), sum(d.annual_budget),
			min(d.desired_start), max(d.desired_start)
		FROM demand d JOIN categories cat ON cat.id = d.category_id`+where+`
		GROUP BY cat.id, cat.name ORDER BY cat.name, cat.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: demand by category: %w", err)
	}
	defer rows.Close()
	var out []procurement.CategoryDemand
	for rows.Next() {
		var c procurement.CategoryDemand
		if err := rows.Scan(&c.CategoryID, &c.CategoryName, &c.Organizations, &c.Quantity, &c.AnnualBudget,
			dateText{&c.EarliestStart}, dateText{&c.LatestStart}); err != nil {
			return nil, fmt.Errorf("store: scan demand by category: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func demandWriteError(err error) error {
	switch {
	case err == nil:
		return nil
	case isUniqueViolation(err):
		return apperr.WithDetail(apperr.Conflict, "the organization already has open demand in this category")
	case isForeignKeyViolation(err):
		return apperr.FieldProblem("categoryId", apperr.CategoryOrContract)
	}
	return err
}

func demandArgs(orgID int64, d procurement.Demand) []any {
	return []any{orgID, d.CategoryID, d.Quantity, d.Unit, d.DesiredStart.String(), nullID(d.ReplacesContractID),
		int64(d.AnnualBudget), string(d.Status), d.Notes}
}

// CreateDemand inserts d and returns its id.
func (st *Store) CreateDemand(ctx context.Context, d procurement.Demand) (int64, error) {
	id, err := st.saveDemand(ctx, d, false)
	if err != nil {
		return 0, fmt.Errorf("store: create demand of %s: %w", d.Organization, err)
	}
	return id, nil
}

// UpdateDemand replaces the stored fields of demand d.ID.
func (st *Store) UpdateDemand(ctx context.Context, d procurement.Demand) error {
	if _, err := st.saveDemand(ctx, d, true); err != nil {
		return fmt.Errorf("store: update demand %d: %w", d.ID, err)
	}
	return nil
}

// saveDemand replaces demand d.ID when update is set and inserts d
// otherwise, and returns its id.
func (st *Store) saveDemand(ctx context.Context, d procurement.Demand, update bool) (int64, error) {
	var load func(tx *Store) (any, error)
	if update {
		load = func(tx *Store) (any, error) {
			old, err := tx.Demand(ctx, d.ID)
			return auditedDemand(old), err
		}
	}
	return st.saveRow(ctx, auditDemand, load, func(tx *Store) (int64, any, error) {
		orgID, err := tx.organizationID(ctx, d.Organization, "organization")
		if err != nil {
			return 0, nil, err
		}
		query, args := `INSERT INTO demand (organization_id, category_id, quantity, unit, desired_start, replaces_contract_id,
				annual_budget, status, notes)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, demandArgs(orgID, d)
		if update {
			query, args = `UPDATE demand SET organization_id = ?, category_id = ?, quantity = ?, unit = ?, desired_start = ?,
				replaces_contract_id = ?, annual_budget = ?, status = ?, notes = ?
			WHERE id = ? RETURNING id`, append(args, d.ID)
		}
		var id int64
		err = demandWriteError(tx.write().QueryRowContext(ctx, query, args...).Scan(&id))
		return id, auditedDemand(d), err
	})
}

// DeleteDemand removes demand id; participants that joined from it stay.
func (st *Store) DeleteDemand(ctx context.Context, id int64) error {
	return st.deleteRow(ctx, "demand", auditDemand, id, func(tx *Store) (any, error) {
		d, err := tx.Demand(ctx, id)
		return auditedDemand(d), err
	})
}
