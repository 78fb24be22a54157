package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
)

// The sums of the cooperative dependency report per organization ×
// vendor × category (contracts.DependencyCell) and the contracts in force
// that can reach its lock-in list (contracts.DependencyCandidate): one
// grouped scan of the contracts with the spend of the ready ones joined
// in, the model's cells of the year, and a read of the few candidates.

// dependencyInForce is the condition of a contract in force: active and
// not expired by the day of its stored dates.
const dependencyInForce = `c.status = 'active' AND c.expired = 0`

// dependencyStatic is the SQL of the points of a contract's static
// lock-in factors (contracts.LockIn: no exit plan, no open data, tacit
// renewal or indefinite continuation without notice given,
// business-critical without continuity), with the four weights as
// arguments (dependencyStaticArgs).
const dependencyStatic = `(CASE WHEN c.exit_plan = 0 THEN ? ELSE 0 END) + (CASE WHEN c.open_data = 0 THEN ? ELSE 0 END)
	+ (CASE WHEN c.notice_given_on = '' AND c.renewal_kind IN ('tacit', 'indefinite') THEN ? ELSE 0 END)
	+ (CASE WHEN c.business_critical <> 0 AND c.continuity = 0 THEN ? ELSE 0 END)`

func dependencyStaticArgs(w contracts.LockInWeights) []any {
	return []any{int64(w.NoExitPlan), int64(w.NoOpenData), int64(w.TacitRenewal), int64(w.CriticalWithoutContinuity)}
}

// DependencyCellStatements returns the statements of DependencyCells'
// sums for q: per organization × vendor × category of the contracts
// (the vendor and organization written +col so that SQLite scans the
// table and sorts, rather than visiting the rows in the order of an index
// on the organization), and the spend model's cells of the year.
func DependencyCellStatements(q contracts.DependencyCellQuery) (cells, spend Statement) {
	count := func(cond string) string {
		return `sum(CASE WHEN ` + dependencyInForce + cond + ` THEN 1 ELSE 0 END)`
	}
	cells = Statement{`SELECT +c.organization_id, +c.vendor_id, coalesce(c.category_id, 0),
		min(CASE WHEN c.status <> 'draft' THEN c.start_date END), count(y.contract_id), sum(y.contract_amount + y.licence_amount),
		` + count("") + `, ` + count(" AND c.exit_plan <> 0") + `, ` + count(" AND c.open_data <> 0") + `,
		` + count(" AND c.continuity <> 0") + `, ` + count(" AND c.source_rights <> 0") + `, ` + count(" AND c.business_critical <> 0") + `,
		` + count(" AND c.business_critical <> 0 AND c.continuity = 0") + `,
		max(CASE WHEN ` + dependencyInForce + ` THEN ` + dependencyStatic + ` END)
		FROM contracts c LEFT JOIN spend_contract_years y ON y.contract_id = c.id AND y.year = ? AND c.exit_plan <> 0 AND c.open_data <> 0
		GROUP BY 1, 2, 3`,
		append(dependencyStaticArgs(q.Weights), q.Model.From)}
	spend = Statement{`SELECT s.organization_id, s.vendor_id, s.category_id, s.contract_amount + s.licence_amount, s.contracts
		FROM spend_cells s WHERE s.year = ?`, []any{q.Model.From}}
	return cells, spend
}

// DependencyCandidateStatement returns the statement that reads the
// contracts in force of the organizations ids (all when nil) with at
// least minStatic static points, with their spend in the year.
func DependencyCandidateStatement(q contracts.DependencyCellQuery, minStatic int, ids []int64) Statement {
	s := Statement{`SELECT c.id, c.organization_id, c.vendor_id, coalesce(c.category_id, 0), c.number, c.title, c.start_date,
		c.notice_given_on, c.renewal_kind, c.exit_plan, c.open_data, c.continuity, c.source_rights, c.business_critical,
		coalesce(y.contract_amount + y.licence_amount, 0)
		FROM contracts c LEFT JOIN spend_contract_years y ON y.contract_id = c.id AND y.year = ?
		WHERE c.status = 'active' AND +c.expired = 0 AND ` + dependencyStatic + ` >= ?`,
		append(append([]any{q.Model.From}, dependencyStaticArgs(q.Weights)...), int64(minStatic))}
	switch {
	case ids == nil:
	case len(ids) == 0:
		s.SQL += ` AND 1 = 0`
	default:
		s.SQL += ` AND c.organization_id IN (` + placeholders(len(ids)) + `)`
		for _, id := range ids {
			s.Args = append(s.Args, id)
		}
	}
	return s
}

// DependencyCells implements contracts.DependencyReader: in one snapshot,
// the sums per organization × vendor × category of the contracts and the
// model's cells of the year, then the candidates choose asks for. Unfit
// when the model does not hold q.Model or a contract's stored dates are
// not of q.Model.AsOf.
func (st *Store) DependencyCells(ctx context.Context, q contracts.DependencyCellQuery,
	choose func([]contracts.DependencyCell) contracts.DependencyCandidates) (contracts.DependencyCellRead, error) {
	out, err := st.dependencyCells(ctx, q, choose)
	if err != nil {
		return contracts.DependencyCellRead{}, fmt.Errorf("store: dependency cells: %w", err)
	}
	return out, nil
}

func (st *Store) dependencyCells(ctx context.Context, q contracts.DependencyCellQuery,
	choose func([]contracts.DependencyCell) contracts.DependencyCandidates) (contracts.DependencyCellRead, error) {
	var out contracts.DependencyCellRead
	st, end, current, err := st.spendSnapshot(ctx)
	if err != nil {
		return out, err
	}
	defer end()
	m, ok, err := spendModelCurrent(ctx, st, current)
	if err != nil {
		return out, err
	}
	if !ok || !m.holds(q.Model) {
		out.Unfit = true
		return out, nil
	}
	// The stored dates must be of the model's day, as the alerts list
	// checks them: from the index of dates_as_of.
	var stale bool
	s := AlertListStatements(contracts.AlertQuery{Scope: contracts.Everyone(), Today: q.Model.AsOf, Until: q.Model.AsOf}, 1).Stale
	if err := st.read().QueryRowContext(ctx, s.SQL, s.Args...).Scan(&stale); err != nil {
		return out, err
	}
	if stale {
		out.Unfit = true
		return out, nil
	}
	orgs, vendors, categories, err := st.spendNames(ctx)
	if err != nil {
		return out, err
	}
	at := map[cellKey]int{}
	cell := func(org, vendor, category int64) *contracts.DependencyCell {
		k := cellKey{org: org, category: category, vendor: vendor}
		if i, ok := at[k]; ok {
			return &out.Cells[i]
		}
		o, v := orgs[org], vendors[vendor]
		at[k] = len(out.Cells)
		out.Cells = append(out.Cells, contracts.DependencyCell{Organization: o.Code, OrganizationName: o.Name, VendorID: vendor,
			VendorGroupID: v.groupID, VendorGroupName: v.groupName, CategoryID: category, CategoryName: categories[category]})
		return &out.Cells[len(out.Cells)-1]
	}
	sums, spend := DependencyCellStatements(q)
	rows, err := st.read().QueryContext(ctx, sums.SQL, sums.Args...)
	if err != nil {
		return out, err
	}
	var (
		org, vendor, category, ready, readyAmount, maxStatic intCol
		n                                                    [7]intCol
		earliest                                             sql.NullString
	)
	for rows.Next() {
		if err := rows.Scan(&org, &vendor, &category, &earliest, &ready, &readyAmount, &n[0], &n[1], &n[2], &n[3], &n[4], &n[5], &n[6],
			&maxStatic); err != nil {
			rows.Close()
			return out, err
		}
		c := cell(int64(org), int64(vendor), int64(category))
		if earliest.Valid {
			if c.Earliest, err = parseStoredDate(earliest.String); err != nil {
				rows.Close()
				return out, err
			}
		}
		c.Ready, c.ReadyContracts = contracts.Money(readyAmount), int(ready)
		c.InForce, c.ExitPlan, c.OpenData, c.Continuity, c.SourceRights, c.BusinessCritical, c.CriticalWithoutContinuity =
			int(n[0]), int(n[1]), int(n[2]), int(n[3]), int(n[4]), int(n[5]), int(n[6])
		c.MaxStatic = int(maxStatic)
	}
	if err := closeRows(rows); err != nil {
		return out, err
	}
	if rows, err = st.read().QueryContext(ctx, spend.SQL, spend.Args...); err != nil {
		return out, err
	}
	var amount, contractsN intCol
	for rows.Next() {
		if err := rows.Scan(&org, &vendor, &category, &amount, &contractsN); err != nil {
			rows.Close()
			return out, err
		}
		c := cell(int64(org), int64(vendor), int64(category))
		c.Spend, c.Contracts = contracts.Money(amount), int(contractsN)
	}
	if err := closeRows(rows); err != nil {
		return out, err
	}

	want := choose(out.Cells)
	var ids []int64
	if want.Organizations != nil {
		byCode := make(map[string]int64, len(orgs))
		for id, o := range orgs {
			byCode[o.Code] = id
		}
		ids = make([]int64, 0, len(want.Organizations))
		for _, code := range want.Organizations {
			if id, ok := byCode[code]; ok {
				ids = append(ids, id)
			}
		}
	}
	if out.Candidates, err = st.dependencyCandidates(ctx, DependencyCandidateStatement(q, want.MinStatic, ids), orgs, vendors, categories); err != nil {
		return out, err
	}
	return out, nil
}

// dependencyCandidates reads the contracts of s (DependencyCandidateStatement).
func (st *Store) dependencyCandidates(ctx context.Context, s Statement, orgs map[int64]contracts.Organization, vendors map[int64]spendVendor,
	categories map[int64]string) ([]contracts.DependencyCandidate, error) {
	rows, err := st.read().QueryContext(ctx, s.SQL, s.Args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var (
		out                                            []contracts.DependencyCandidate
		id, org, vendor, category, spend               intCol
		exitPlan, openData, continuity, source, critic intCol
		number, title, start, given, renewal           string
	)
	for rows.Next() {
		if err := rows.Scan(&id, &org, &vendor, &category, &number, &title, &start, &given, &renewal,
			&exitPlan, &openData, &continuity, &source, &critic, &spend); err != nil {
			return nil, err
		}
		v := vendors[int64(vendor)]
		c := contracts.DependencyCandidate{Organization: orgs[int64(org)].Code, RenewalKind: contracts.RenewalKind(renewal),
			Exit: contracts.ExitFacts{ExitPlan: exitPlan != 0, OpenData: openData != 0, Continuity: continuity != 0, SourceRights: source != 0,
				BusinessCritical: critic != 0},
			ContractLockIn: contracts.ContractLockIn{ContractID: int64(id), Number: number, Title: title, VendorID: int64(vendor), VendorName: v.Name,
				GroupID: v.groupID, GroupName: v.groupName, CategoryID: int64(category), CategoryName: categories[int64(category)],
				Spend: contracts.Money(spend)}}
		var err1, err2 error
		c.Start, err1 = parseStoredDate(start)
		c.NoticeGiven, err2 = parseStoredDate(given)
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("contract %d: %w", int64(id), err)
		}
		out = append(out, c)
	}
	return out, closeRows(rows)
}
