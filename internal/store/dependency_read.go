package store

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
)

// The reads of the cooperative dependency report (issue 15) when the
// spend model holds its year and the stored dates are today's: a narrow
// pass over the register that reads only what the report's figures per
// organization need of a contract (EachDependencyContract), the notice
// deadlines and option decisions of the next months from the indexes of
// their stored dates (DependencyDeadlines), and the few contracts the
// report lists, whole (DependencyContracts).

// dependencyFlags packs what the lock-in, the exit facts and the in-force
// test read of a contract into one integer, so that a row is nine
// integer columns instead of thirty columns: the five exit facts (bits 0–4), the expired
// flag of the stored dates (5), the status (bits 6–7: 1 active, 2 draft,
// 0 terminated), the renewal kind (bits 8–9: 0 none, 1 tacit, 2
// express, 3 indefinite) and whether the stored dates are those of the
// day asked (10).
const dependencyFlags = `c.exit_plan + 2 * c.open_data + 4 * c.continuity + 8 * c.source_rights + 16 * c.business_critical
		+ 32 * c.expired
		+ 64 * (CASE c.status WHEN 'active' THEN 1 WHEN 'draft' THEN 2 ELSE 0 END)
		+ 256 * (CASE c.renewal_kind WHEN 'tacit' THEN 1 WHEN 'express' THEN 2 WHEN 'indefinite' THEN 3 ELSE 0 END)
		+ 1024 * (CASE WHEN c.dates_as_of = ? THEN 1 ELSE 0 END)`

// dependencyDay returns the SQL of a stored date column as the integer
// YYYYMMDD (0 for no date), which a row scans without a string.
func dependencyDay(col string) string {
	return `(CASE WHEN ` + col + ` = '' THEN 0 ELSE CAST(replace(` + col + `, '-', '') AS BIGINT) END)`
}

// dayOf returns the date of a YYYYMMDD integer (dependencyDay).
func dayOf(n intCol) (contracts.Date, error) {
	if n == 0 {
		return contracts.Date{}, nil
	}
	y, m, d := int(n/10_000), time.Month(n/100%100), int(n%100)
	day := contracts.NewDate(y, m, d)
	if day.Year() != y || day.Month() != m || day.Day() != d {
		return contracts.Date{}, fmt.Errorf("stored date %d is not a date", int64(n))
	}
	return day, nil
}

// DependencyPassSQL returns the statement of EachDependencyContract for
// f, for the benchmark whose bare side reads what the report reads.
func DependencyPassSQL(f contracts.SpendFilter) Statement {
	where, args := spendWhere(f)
	return Statement{`SELECT c.id, c.organization_id, c.vendor_id, coalesce(c.category_id, 0), ` + dependencyDay("c.start_date") + `, ` +
		dependencyDay("c.notice_given_on") + `, ` +
		dependencyFlags + `, coalesce(y.contract_amount, 0), coalesce(y.licence_amount, 0)
		FROM contracts c LEFT JOIN spend_contract_years y ON y.contract_id = c.id AND y.year = ?` + where + ` ORDER BY c.id`,
		append([]any{f.StoredFor.String(), f.ModelYear}, args...)}
}

// errDependencyStale says a row's stored dates were not computed for the
// day asked: the narrow pass cannot tell its dates.
var errDependencyStale = contracts.ErrDependencyStale

// EachDependencyContract calls fn, in id order, for every contract f
// selects with what the dependency report's figures per organization
// read of it: the contract's id, buyer, vendor, category, start, status,
// renewal kind, notice given and exit facts, the names beside them from
// the store's maps, its spend in f.ModelYear from the spend model
// (ModelSpend) and whether it expired (Stored, fresh). Number, title and
// the other terms are left zero. f.ModelYear and f.StoredFor must be set;
// a contract whose stored dates are not those of f.StoredFor ends the
// read with contracts.ErrDependencyStale.
func (st *Store) EachDependencyContract(ctx context.Context, f contracts.SpendFilter, fn func(contracts.SpendContract) error) error {
	if f.ModelYear == 0 || f.StoredFor.IsZero() {
		return fmt.Errorf("store: each dependency contract: a model year and a day are needed")
	}
	orgs, vendors, categories, err := st.spendNames(ctx)
	if err != nil {
		return fmt.Errorf("store: each dependency contract: %w", err)
	}
	s := DependencyPassSQL(f)
	rows, err := st.read().QueryContext(ctx, s.SQL, s.Args...)
	if err != nil {
		return fmt.Errorf("store: each dependency contract: %w", err)
	}
	defer rows.Close()
	var (
		id, org, vendor, category, start, given, flags, contractAmount, licenceAmount intCol
	)
	dest := []any{&id, &org, &vendor, &category, &start, &given, &flags, &contractAmount, &licenceAmount}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("store: each dependency contract: %w", err)
		}
		if flags&1024 == 0 {
			return errDependencyStale
		}
		o, v := orgs[int64(org)], vendors[int64(vendor)]
		sc := contracts.SpendContract{
			Contract: contracts.Contract{ID: int64(id), Organization: o.Code, VendorID: int64(vendor), CategoryID: int64(category),
				Status: dependencyStatus[flags>>6&3], RenewalKind: dependencyRenewal[flags>>8&3],
				Exit: contracts.ExitFacts{ExitPlan: flags&1 != 0, OpenData: flags&2 != 0, Continuity: flags&4 != 0,
					SourceRights: flags&8 != 0, BusinessCritical: flags&16 != 0}},
			OrganizationName: o.Name, OrganizationKind: o.Kind, Population: o.Population,
			VendorName: v.Name, VendorGroupID: v.groupID, VendorGroupName: v.groupName, CategoryName: categories[int64(category)],
			ModelSpend: contracts.SpendSplit{Contract: contracts.Money(contractAmount), Licence: contracts.Money(licenceAmount)},
			Stored:     contracts.StoredFacts{Fresh: true, Expired: flags&32 != 0},
		}
		var err1, err2 error
		sc.Start, err1 = dayOf(start)
		sc.NoticeGivenOn, err2 = dayOf(given)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("store: each dependency contract %d: %w", int64(id), cmpErr(err1, err2))
		}
		if err := fn(sc); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: each dependency contract: %w", err)
	}
	return nil
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// The status and renewal kind by their code in dependencyFlags.
var (
	dependencyStatus  = [4]contracts.ContractStatus{contracts.StatusTerminated, contracts.StatusActive, contracts.StatusDraft, contracts.StatusTerminated}
	dependencyRenewal = [4]contracts.RenewalKind{contracts.RenewalNone, contracts.RenewalTacit, contracts.RenewalExpress, contracts.RenewalIndefinite}
)

// dependencyDeadlineRanks are the kinds of alert the dependency report
// lists as deadlines: a missed notice deadline, a notice deadline and an
// option decision.
var dependencyDeadlineRanks = []int{contracts.AlertRankMissed, contracts.AlertRankNotice, contracts.AlertRankOption}

// DependencyDeadlineStatements returns the SQL of DependencyDeadlines:
// the staleness check, and per kind of deadline its count and the keys
// of its first limit rows.
func DependencyDeadlineStatements(today, until contracts.Date, limit int) (stale Statement, counts, arms []Statement, ranks []int) {
	s := AlertListStatements(contracts.AlertQuery{Scope: contracts.Everyone(), Today: today, Until: until, Limit: limit}, math.MaxInt32-1)
	for i, arm := range alertArms {
		if slices.Contains(dependencyDeadlineRanks, arm.rank) {
			counts = append(counts, s.Counts[i])
		}
	}
	for i, rank := range s.ArmRanks {
		if slices.Contains(dependencyDeadlineRanks, rank) {
			arms, ranks = append(arms, s.Arms[i]), append(ranks, rank)
		}
	}
	return s.Stale, counts, arms, ranks
}

// DependencyDeadlines implements the deadlines read of the cooperative
// dependency report: from the indexes of the stored dates (as the alerts
// list reads them), the number of missed notice deadlines, notice
// deadlines and option decisions from today up to until over the whole
// register, and the contracts of the limit soonest of them. Stale says
// some stored dates are not today's; then nothing else is read.
func (st *Store) DependencyDeadlines(ctx context.Context, today, until contracts.Date, limit int) (contracts.DependencyDeadlineRead, error) {
	var out contracts.DependencyDeadlineRead
	stale, counts, arms, ranks := DependencyDeadlineStatements(today, until, limit)
	if err := st.read().QueryRowContext(ctx, stale.SQL, stale.Args...).Scan(&out.Stale); err != nil {
		return out, fmt.Errorf("store: dependency deadlines: %w", err)
	}
	if out.Stale {
		return out, nil
	}
	for _, c := range counts {
		var n intCol
		if err := st.read().QueryRowContext(ctx, c.SQL, c.Args...).Scan(&n); err != nil {
			return out, fmt.Errorf("store: dependency deadlines: %w", err)
		}
		out.Count += int(n)
	}
	var keys []contracts.AlertKey
	for i, arm := range arms {
		k, err := st.alertArmKeys(ctx, arm, ranks[i], ranks[i] != contracts.AlertRankMissed, today)
		if err != nil {
			return out, err
		}
		keys = append(keys, k...)
	}
	slices.SortFunc(keys, contracts.CompareAlertKeys)
	out.Keys = keys[:min(len(keys), limit)]
	var ids []int64
	for _, k := range out.Keys {
		if !slices.Contains(ids, k.Contract) {
			ids = append(ids, k.Contract)
		}
	}
	cs, err := st.DependencyContracts(ctx, ids)
	if err != nil {
		return out, err
	}
	out.Contracts = cs
	return out, nil
}

// DependencyContracts returns the contracts ids names that are not
// terminated, with the names beside them (as the alerts read them), in
// id order.
func (st *Store) DependencyContracts(ctx context.Context, ids []int64) ([]contracts.ContractSummary, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	out, err := st.alertRowContracts(ctx, args, ` ORDER BY c.id`)
	if err != nil {
		return nil, fmt.Errorf("store: dependency contracts: %w", err)
	}
	return out, nil
}
