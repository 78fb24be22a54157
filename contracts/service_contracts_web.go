package contracts

import (
	"context"
	"fmt"
	"slices"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The methods in this file serve callers limited to a scope: the codes of
// the organizations a user acts for, nil meaning every organization (as in
// ContractFilter.Scope). A contract outside the scope is refused with
// apperr.Forbidden, and nothing is written. The check and the write share
// one transaction, so a contract cannot move out of scope in between.

// errOutOfScope is the refusal of a contract whose organization lies
// outside the caller's scope.
var errOutOfScope = apperr.WithDetail(apperr.Forbidden, "the contract's organization is outside your scope")

func inScope(scope []string, org string) bool { return scope == nil || slices.Contains(scope, org) }

// ContractList returns one page of contracts like Contracts, with every
// date computed for today, including those the store does not keep
// (initial end, maximum extent, missed notice, renewals, expiry).
func (s *Service) ContractList(ctx context.Context, f ContractFilter) (ContractPage, error) {
	page, err := s.Contracts(ctx, f)
	if err != nil {
		return page, err
	}
	today := s.Today()
	for i := range page.Items {
		page.Items[i].Dates = page.Items[i].Contract.Dates(today)
	}
	return page, nil
}

// ScopedContract returns contract id with its lines and dates as of today,
// when its organization lies in scope.
func (s *Service) ScopedContract(ctx context.Context, id int64, scope []string) (ContractDetail, error) {
	d, err := s.Contract(ctx, id)
	if err != nil {
		return ContractDetail{}, fmt.Errorf("contracts: contract %d: %w", id, err)
	}
	if !inScope(scope, d.Organization) {
		return ContractDetail{}, fmt.Errorf("contracts: contract %d: %w", id, errOutOfScope)
	}
	return d, nil
}

// CreateScopedContract is CreateContract for a caller limited to scope. A
// contract without an organization is left to validation, which names the
// missing field.
func (s *Service) CreateScopedContract(ctx context.Context, scope []string, c Contract, lines []LicenceLine) (int64, error) {
	if c.Organization != "" && !inScope(scope, c.Organization) {
		return 0, fmt.Errorf("contracts: create contract: %w", errOutOfScope)
	}
	return s.CreateContract(ctx, c, lines)
}

// ModifyContract replaces contract id and its licence lines with what
// change makes of the stored ones, in one transaction. Both the stored
// organization and the one change returns must lie in scope; change runs
// inside the transaction and must not do I/O. An error from change (such as
// apperr.FieldErrors for input that did not parse) aborts the update.
func (s *Service) ModifyContract(ctx context.Context, id int64, scope []string,
	change func(ContractDetail) (Contract, []LicenceLine, error)) error {
	err := s.store.InTx(ctx, func(tx Store) error {
		cur, err := tx.Contract(ctx, id)
		if err != nil {
			return err
		}
		if !inScope(scope, cur.Organization) {
			return errOutOfScope
		}
		c, lines, err := change(cur)
		if err != nil {
			return err
		}
		c.ID = id
		if c.Organization != "" && !inScope(scope, c.Organization) {
			return errOutOfScope
		}
		if err := s.checkContract(ctx, tx, c, lines); err != nil {
			return err
		}
		today := s.Today()
		return tx.UpdateContract(ctx, c, lines, c.Dates(today), today)
	})
	if err != nil {
		return fmt.Errorf("contracts: update contract %d: %w", id, err)
	}
	return nil
}

// DeleteScopedContract removes contract id when its organization lies in
// scope.
func (s *Service) DeleteScopedContract(ctx context.Context, id int64, scope []string) error {
	err := s.store.InTx(ctx, func(tx Store) error {
		cur, err := tx.Contract(ctx, id)
		if err != nil {
			return err
		}
		if !inScope(scope, cur.Organization) {
			return errOutOfScope
		}
		return tx.DeleteContract(ctx, id)
	})
	if err != nil {
		return fmt.Errorf("contracts: delete contract %d: %w", id, err)
	}
	return nil
}

// VendorDetail returns vendor id with its parent, the top of its group and
// its number of contracts across all organizations, as the vendor list
// shows them.
//
// Its contract count covers scope only (nil: every organization).
func (s *Service) VendorDetail(ctx context.Context, id int64, scope []string) (VendorSummary, error) {
	v, err := s.store.Vendor(ctx, id)
	if err != nil {
		return VendorSummary{}, fmt.Errorf("contracts: vendor %d: %w", id, err)
	}
	out := VendorSummary{Vendor: v, GroupID: v.ID, GroupName: v.Name}
	up, err := s.store.VendorAncestors(ctx, id)
	if err != nil {
		return VendorSummary{}, fmt.Errorf("contracts: vendor %d: %w", id, err)
	}
	if len(up) > 0 {
		parent, err := s.store.Vendor(ctx, up[0])
		if err != nil {
			return VendorSummary{}, fmt.Errorf("contracts: parent of vendor %d: %w", id, err)
		}
		top, err := s.store.Vendor(ctx, up[len(up)-1])
		if err != nil {
			return VendorSummary{}, fmt.Errorf("contracts: group of vendor %d: %w", id, err)
		}
		out.ParentName, out.GroupID, out.GroupName = parent.Name, top.ID, top.Name
	}
	page, err := s.store.Contracts(ctx, ContractFilter{VendorID: id, Scope: scope, PageSize: 1}.Normalize())
	if err != nil {
		return VendorSummary{}, fmt.Errorf("contracts: contracts of vendor %d: %w", id, err)
	}
	out.Contracts = page.Total
	return out, nil
}
