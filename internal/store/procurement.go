package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
	"github.com/samenkoop/samenkoop/procurement"
)

// The audit entities of joint procurement; the entity ID is named beside
// each.
const (
	auditDemand      = "demand"      // id
	auditTender      = "tender"      // id
	auditLot         = "lot"         // id
	auditParticipant = "participant" // tender id/organization code
	auditRequirement = "requirement" // id
	auditRatings     = "ratings"     // tender id/organization code
	auditCallOff     = "call_off"    // tender id/lot id/organization code
)

// dateText scans a stored 'YYYY-MM-DD' text into a contracts.Date; an
// empty text and NULL are the zero date.
type dateText struct{ d *contracts.Date }

func (s dateText) Scan(v any) error {
	var text string
	switch x := v.(type) {
	case nil:
	case string:
		text = x
	case []byte:
		text = string(x)
	default:
		return fmt.Errorf("date column holds %T, want text", v)
	}
	if text == "" {
		*s.d = contracts.Date{}
		return nil
	}
	d, err := contracts.ParseDate(text)
	if err != nil {
		return err
	}
	*s.d = d
	return nil
}

// anyStrings returns ss as query arguments.
func anyStrings(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// codeIn returns the condition "column is one of the organizations with
// these codes", for a scope: nil is no condition (""), empty matches
// nothing.
func codeIn(column string, codes []string) (string, []any) {
	switch {
	case codes == nil:
		return "", nil
	case len(codes) == 0:
		return sqlFalse, nil
	}
	return column + " IN (SELECT id FROM organizations WHERE code IN (" + placeholders(len(codes)) + "))", anyStrings(codes)
}

// organizationID returns the id of the organization with code, or a field
// error naming field when there is none.
func (st *Store) organizationID(ctx context.Context, code, field string) (int64, error) {
	var id int64
	err := st.read().QueryRowContext(ctx, `SELECT id FROM organizations WHERE code = ?`, code).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, apperr.FieldProblem(field, apperr.NoOrganization, code)
	}
	return id, err
}

// tenderExists returns apperr.NotFound unless tender id exists.
func (st *Store) tenderExists(ctx context.Context, id int64) error {
	var n int
	if err := st.read().QueryRowContext(ctx, `SELECT count(*) FROM tenders WHERE id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("tender %d: %w", id, apperr.NotFound)
	}
	return nil
}

// categoryContractSelect reads what the bundler and the tender view use
// of a contract: its terms (they compute the dates for today from them)
// and what names it (contractNamed), its buyer, vendor and vendor group.
// Notes, exit facts, the stored dates and licence-line counts are left
// out, because with them loading every category's contracts took a third
// longer.
var categoryContractSelect = `SELECT ` + contractColumnList(contractNamed) + `, o.code, o.name, v.name, gv.id, gv.name
	FROM contracts c
	JOIN organizations o ON o.id = c.organization_id
	JOIN vendors v ON v.id = c.vendor_id
	JOIN vendors gv ON gv.id = ` + vendorGroup

// CategoryContracts returns the contracts of organizations (nil: all) in
// category categoryID that are not terminated, with their stored dates and
// names, by organization code and id. Their Dates are left zero: callers
// compute them for their day (contracts.Contract.Dates), and notes, exit
// facts and licence-line counts are not read.
func (st *Store) CategoryContracts(ctx context.Context, categoryID int64, organizations []string) ([]contracts.ContractSummary, error) {
	where, args := ` WHERE c.category_id = ? AND c.status <> ?`, []any{categoryID, string(contracts.StatusTerminated)}
	if cond, codes := codeIn("c.organization_id", organizations); cond != "" {
		where, args = where+" AND "+cond, append(args, codes...)
	}
	out, err := st.categoryContracts(ctx, where+` ORDER BY o.code, c.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: contracts in category %d: %w", categoryID, err)
	}
	return out, nil
}

// categoryContracts reads the rows of categoryContractSelect that where
// (with its order) selects.
func (st *Store) categoryContracts(ctx context.Context, where string, args ...any) ([]contracts.ContractSummary, error) {
	rows, err := st.read().QueryContext(ctx, categoryContractSelect+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []contracts.ContractSummary
	sc := newContractScan(contractNamed, func(cs *contracts.ContractSummary) []any {
		return []any{&cs.Organization, &cs.OrganizationName, &cs.VendorName, &cs.VendorGroupID, &cs.VendorGroupName}
	})
	for rows.Next() {
		cs, err := sc.scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, cs)
	}
	return out, rows.Err()
}

// saveRow runs write in one transaction and records the change it
// reports: an update of row id when load is set, whose before state load
// reads through the transaction first (an error wrapping apperr.NotFound
// when the row is gone), else a create. write returns the row's id and its
// after state.
func (st *Store) saveRow(ctx context.Context, entity string, load func(tx *Store) (any, error),
	write func(tx *Store) (int64, any, error)) (int64, error) {
	var id int64
	err := st.InTx(ctx, func(tx *Store) error {
		action, before := audit.ActionCreate, any(nil)
		if load != nil {
			old, err := load(tx)
			if err != nil {
				return err
			}
			action, before = audit.ActionUpdate, old
		}
		written, after, err := write(tx)
		if err != nil {
			return err
		}
		id = written
		return tx.appendAudit(ctx, entity, strconv.FormatInt(id, 10), action, before, after)
	})
	return id, err
}

// deleteRow deletes row id of table in one transaction and records the
// before state that load reads through the transaction (an error wrapping
// apperr.NotFound when the row is gone).
func (st *Store) deleteRow(ctx context.Context, table, entity string, id int64, load func(tx *Store) (any, error)) error {
	err := st.InTx(ctx, func(tx *Store) error {
		before, err := load(tx)
		if err != nil {
			return err
		}
		if _, err := tx.write().ExecContext(ctx, `DELETE FROM `+table+` WHERE id = ?`, id); err != nil {
			return err
		}
		return tx.appendAudit(ctx, entity, strconv.FormatInt(id, 10), audit.ActionDelete, before, nil)
	})
	if err != nil {
		return fmt.Errorf("store: delete %s %d: %w", entity, id, err)
	}
	return nil
}

type callOffRecord struct {
	TenderID     int64  `json:"tenderId"`
	LotID        int64  `json:"lotId"`
	Organization string `json:"organization"`
	ContractID   int64  `json:"contractId"`
}

// CreateCallOff links call-off contract c.ContractID to its tender, lot
// and organization. An organization has one call-off per lot.
func (st *Store) CreateCallOff(ctx context.Context, c procurement.CallOff) error {
	err := st.InTx(ctx, func(tx *Store) error {
		orgID, err := tx.organizationID(ctx, c.Organization, "organization")
		if err != nil {
			return err
		}
		res, err := tx.write().ExecContext(ctx, `
			INSERT INTO call_offs (tender_id, lot_id, organization_id, contract_id)
			SELECT tender_id, id, ?, ? FROM lots WHERE id = ? AND tender_id = ?`, orgID, c.ContractID, c.LotID, c.TenderID)
		switch {
		case isUniqueViolation(err):
			return apperr.WithDetail(apperr.Conflict, c.Organization+" already has a call-off contract in this lot")
		case isForeignKeyViolation(err):
			return apperr.FieldProblem("contractId", apperr.NoContract)
		case err != nil:
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("lot %d of tender %d: %w", c.LotID, c.TenderID, apperr.NotFound)
		}
		return tx.appendAudit(ctx, auditCallOff, fmt.Sprintf("%d/%d/%s", c.TenderID, c.LotID, c.Organization), audit.ActionCreate, nil,
			callOffRecord{TenderID: c.TenderID, LotID: c.LotID, Organization: c.Organization, ContractID: c.ContractID})
	})
	if err != nil {
		return fmt.Errorf("store: create call-off %d/%d/%s: %w", c.TenderID, c.LotID, c.Organization, err)
	}
	return nil
}

// CallOffs returns the call-off contracts of tender tenderID by
// organization code and lot number.
func (st *Store) CallOffs(ctx context.Context, tenderID int64) ([]procurement.CallOff, error) {
	rows, err := st.read().QueryContext(ctx, `
		SELECT c.tender_id, c.lot_id, o.code, c.contract_id, k.number
		FROM call_offs c
		JOIN organizations o ON o.id = c.organization_id
		JOIN lots l ON l.id = c.lot_id
		JOIN contracts k ON k.id = c.contract_id
		WHERE c.tender_id = ? ORDER BY o.code, l.number`, tenderID)
	if err != nil {
		return nil, fmt.Errorf("store: call-offs of tender %d: %w", tenderID, err)
	}
	defer rows.Close()
	var out []procurement.CallOff
	for rows.Next() {
		var c procurement.CallOff
		if err := rows.Scan(&c.TenderID, &c.LotID, &c.Organization, &c.ContractID, &c.ContractNumber); err != nil {
			return nil, fmt.Errorf("store: scan call-off: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// sortedKeys returns m's keys in order, so that writes and audit entries
// do not depend on map order.
func sortedKeys[K string | int64, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
