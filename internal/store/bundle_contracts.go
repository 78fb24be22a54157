package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// The bundler's read of a category's contracts, in two steps (issue 15):
// first what it selects on, for every contract of the category, without a
// join and with two of the dates stored for the row's day, so that it
// computes no dates for the rows stored for its own day; then the rows as
// CategoryContracts reads them, with their names, for the few contracts a
// suggestion shows. At national scale reading the whole rows of the
// largest category with their names cost five times the SQL itself.

// bundleContractSelect reads what procurement.BundleContract holds of a
// contract, the buyer by id (bundleContractsOrgs names it). The
// contracts_category index serves the category and the order by id.
const bundleContractSelect = `SELECT c.id, c.organization_id, c.status, c.annual_value, c.cpv, c.dates_as_of, c.committed_end, c.final_end
	FROM contracts c WHERE c.category_id = ? AND c.status <> ? ORDER BY c.id`

// BundleContracts returns the contracts of category categoryID that are
// not terminated, by id, as the bundler first reads them
// (procurement.BundleContract): with the committed and final end stored
// for the row's day, and the terms of the rows whose day is not today,
// whose dates the bundler computes itself.
func (st *Store) BundleContracts(ctx context.Context, categoryID int64, today contracts.Date) ([]procurement.BundleContract, error) {
	out, err := st.bundleContracts(ctx, categoryID, today)
	if err != nil {
		return nil, fmt.Errorf("store: bundle contracts in category %d: %w", categoryID, err)
	}
	return out, nil
}

func (st *Store) bundleContracts(ctx context.Context, categoryID int64, today contracts.Date) ([]procurement.BundleContract, error) {
	// One snapshot: a contract deleted between the rows and their terms
	// would otherwise leave a row without the terms its dates need.
	st, end, err := st.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer end()
	codes, err := st.organizationCodes(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := st.read().QueryContext(ctx, bundleContractSelect, categoryID, string(contracts.StatusTerminated))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var (
		out                         []procurement.BundleContract
		stale                       []int64
		id, org, value              intCol
		status, cpv                 string
		asOf, committed, final, day = "", "", "", today.String()
	)
	for rows.Next() {
		if err := rows.Scan(&id, &org, &status, &value, &cpv, &asOf, &committed, &final); err != nil {
			return nil, err
		}
		c := procurement.BundleContract{ID: int64(id), Organization: codes[int64(org)], Status: contracts.ContractStatus(status),
			AnnualValue: contracts.Money(value), CPV: cpv}
		var err1, err2, err3 error
		c.DatesAsOf, err1 = parseStoredDate(asOf)
		c.CommittedEnd, err2 = parseStoredDate(committed)
		c.FinalEnd, err3 = parseStoredDate(final)
		if err := errors.Join(err1, err2, err3); err != nil {
			return nil, fmt.Errorf("contract %d: %w", c.ID, err)
		}
		if asOf != day {
			stale = append(stale, c.ID)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if len(stale) == 0 {
		return out, nil
	}
	terms, err := st.contractTerms(ctx, stale, codes)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if t, ok := terms[out[i].ID]; ok {
			out[i].Terms = &t
		}
	}
	return out, nil
}

// organizationCodes returns every organization's code by id: a few
// thousand rows, read once instead of joined to every contract.
func (st *Store) organizationCodes(ctx context.Context) (map[int64]string, error) {
	rows, err := st.read().QueryContext(ctx, `SELECT id, code FROM organizations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, err
		}
		out[id] = code
	}
	return out, rows.Err()
}

// contractTerms returns the terms (contractTerms) of the contracts ids by
// id, the buyer named from codes.
func (st *Store) contractTerms(ctx context.Context, ids []int64, codes map[int64]string) (map[int64]contracts.Contract, error) {
	b, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := st.read().QueryContext(ctx, `SELECT `+contractColumnList(contractTerms)+` FROM contracts c
		WHERE c.id IN (SELECT value FROM json_each(?))`, string(b))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]contracts.Contract, len(ids))
	sc := newContractScan(contractTerms, nil)
	for rows.Next() {
		cs, err := sc.scan(rows)
		if err != nil {
			return nil, err
		}
		cs.Organization = codes[int64(sc.row.org)]
		out[cs.ID] = cs.Contract
	}
	return out, rows.Err()
}

// CategoryContractsByID returns the contracts ids as CategoryContracts
// returns them, with their names and zero Dates, by id; an id no
// contract has is left out.
func (st *Store) CategoryContractsByID(ctx context.Context, ids []int64) ([]contracts.ContractSummary, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(ids)
	if err != nil {
		return nil, fmt.Errorf("store: contracts by id: %w", err)
	}
	out, err := st.categoryContracts(ctx, ` WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id`, string(b))
	if err != nil {
		return nil, fmt.Errorf("store: contracts by id: %w", err)
	}
	return out, nil
}
