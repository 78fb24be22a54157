package procurement

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Demands returns one page of the registered demand of scope; filtering
// on an organization outside it is apperr.Forbidden.
func (s *Service) Demands(ctx context.Context, scope contracts.Scope, f DemandFilter) (DemandPage, error) {
	if f.Status != "" && !f.Status.Valid() {
		return DemandPage{}, apperr.FieldProblem("status", apperr.OneOf, demandStatusList, string(f.Status))
	}
	if f.Organization != "" {
		if err := checkScope(scope, f.Organization); err != nil {
			return DemandPage{}, fmt.Errorf("procurement: demand: %w", err)
		}
	}
	f.Scope = scope
	c, err := contracts.DecodeCursor("cursor", f.Cursor, DemandSortStart, DemandSortKeys)
	if err != nil {
		return DemandPage{}, err
	}
	f.Seek = c
	page, err := s.store.Demands(ctx, f.Normalize())
	if err != nil {
		return page, fmt.Errorf("procurement: list demand: %w", err)
	}
	return page, nil
}

// DemandByCategory sums the demand per category over the organizations in
// scope: what coordinators bundle.
func (s *Service) DemandByCategory(ctx context.Context, scope contracts.Scope) ([]CategoryDemand, error) {
	out, err := s.store.DemandByCategory(ctx, scope)
	if err != nil {
		return nil, fmt.Errorf("procurement: demand by category: %w", err)
	}
	return out, nil
}

// checkDemand validates d and that its organization, category and the
// contract it replaces exist; the contract must be the organization's own.
func checkDemand(ctx context.Context, st Store, d Demand) error {
	fe := apperr.Fields(d.Validate())
	if d.Organization != "" {
		if _, err := st.Organization(ctx, d.Organization); errors.Is(err, apperr.NotFound) {
			fe.Add("organization", apperr.NoOrganization, d.Organization)
		} else if err != nil {
			return err
		}
	}
	if d.CategoryID > 0 {
		cats, err := st.Categories(ctx)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(cats, func(c contracts.Category) bool { return c.ID == d.CategoryID }) {
			fe.Add("categoryId", apperr.NoCategory)
		}
	}
	if d.ReplacesContractID > 0 {
		c, err := st.Contract(ctx, d.ReplacesContractID)
		switch {
		case errors.Is(err, apperr.NotFound):
			fe.Add("replacesContractId", apperr.NoContract)
		case err != nil:
			return err
		case c.Organization != d.Organization:
			fe.Add("replacesContractId", apperr.ReplacesOther)
		}
	}
	return fe.Err()
}

// CreateDemand registers demand for a caller limited to scope.
func (s *Service) CreateDemand(ctx context.Context, scope contracts.Scope, d Demand) (int64, error) {
	if d.Organization != "" {
		if err := checkScope(scope, d.Organization); err != nil {
			return 0, fmt.Errorf("procurement: create demand: %w", err)
		}
	}
	if d.Status == "" {
		d.Status = DemandDraft
	}
	var id int64
	err := s.store.InTx(ctx, func(st Store) error {
		if err := checkDemand(ctx, st, d); err != nil {
			return err
		}
		var err error
		id, err = st.CreateDemand(ctx, d)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("procurement: create demand: %w", err)
	}
	return id, nil
}

// Demand returns demand id for a caller limited to scope.
func (s *Service) Demand(ctx context.Context, scope contracts.Scope, id int64) (Demand, error) {
	d, err := s.store.Demand(ctx, id)
	if err != nil {
		return d, fmt.Errorf("procurement: demand %d: %w", id, err)
	}
	if err := checkScope(scope, d.Organization); err != nil {
		return Demand{}, fmt.Errorf("procurement: demand %d: %w", id, err)
	}
	return d, nil
}

// UpdateDemand replaces demand d.ID for a caller limited to scope; its
// organization cannot change: d.Organization is empty (keep it) or the
// stored one, anything else is a field error on organization.
func (s *Service) UpdateDemand(ctx context.Context, scope contracts.Scope, d Demand) error {
	err := s.store.InTx(ctx, func(st Store) error {
		old, err := st.Demand(ctx, d.ID)
		if err != nil {
			return err
		}
		if err := checkScope(scope, old.Organization); err != nil {
			return err
		}
		if d.Organization != "" && d.Organization != old.Organization {
			// Refused rather than ignored, so that a client never believes
			// it moved the demand (issue 12).
			return apperr.FieldProblem("organization", apperr.DemandOwner, old.Organization)
		}
		d.Organization = old.Organization
		if d.Status == "" {
			d.Status = old.Status
		}
		if err := checkDemand(ctx, st, d); err != nil {
			return err
		}
		return st.UpdateDemand(ctx, d)
	})
	if err != nil {
		return fmt.Errorf("procurement: update demand %d: %w", d.ID, err)
	}
	return nil
}

// DeleteDemand removes demand id for a caller limited to scope.
func (s *Service) DeleteDemand(ctx context.Context, scope contracts.Scope, id int64) error {
	err := s.store.InTx(ctx, func(st Store) error {
		old, err := st.Demand(ctx, id)
		if err != nil {
			return err
		}
		if err := checkScope(scope, old.Organization); err != nil {
			return err
		}
		return st.DeleteDemand(ctx, id)
	})
	if err != nil {
		return fmt.Errorf("procurement: delete demand %d: %w", id, err)
	}
	return nil
}
