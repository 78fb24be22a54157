package contracts

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Vendor returns vendor id.
func (s *Service) Vendor(ctx context.Context, id int64) (Vendor, error) {
	return s.store.Vendor(ctx, id)
}

// Vendors returns one page of vendors.
func (s *Service) Vendors(ctx context.Context, f VendorFilter) (VendorPage, error) {
	return s.store.Vendors(ctx, f.Normalize())
}

// CreateVendor validates v and stores it; its parent must exist.
func (s *Service) CreateVendor(ctx context.Context, v Vendor) (int64, error) {
	if v.Country == "" {
		v.Country = "NL"
	}
	if err := v.Validate(); err != nil {
		return 0, fmt.Errorf("contracts: create vendor: %w", err)
	}
	return s.store.CreateVendor(ctx, v)
}

// UpdateVendor validates v and stores it. A vendor cannot become a
// subsidiary of its own subsidiary.
func (s *Service) UpdateVendor(ctx context.Context, v Vendor) error {
	if err := v.Validate(); err != nil {
		return fmt.Errorf("contracts: update vendor %d: %w", v.ID, err)
	}
	return s.store.InTx(ctx, func(tx Store) error {
		if v.ParentID != 0 {
			up, err := tx.VendorAncestors(ctx, v.ParentID)
			if err != nil {
				return err
			}
			if slices.Contains(up, v.ID) {
				return apperr.FieldProblem("parentId", apperr.VendorGroupCycle)
			}
		}
		return tx.UpdateVendor(ctx, v)
	})
}

// DeleteVendor removes vendor id.
func (s *Service) DeleteVendor(ctx context.Context, id int64) error {
	return s.store.DeleteVendor(ctx, id)
}

// Contract returns contract id with its lines and dates as of today.
func (s *Service) Contract(ctx context.Context, id int64) (ContractDetail, error) {
	d, err := s.store.Contract(ctx, id)
	if err != nil {
		return d, err
	}
	d.Dates = d.Contract.Dates(s.Today())
	return d, nil
}

// Contracts returns one page of contracts. The dates of rows stored on an
// earlier day are brought up to date first, so filters on them are right.
func (s *Service) Contracts(ctx context.Context, f ContractFilter) (ContractPage, error) {
	f = f.Normalize()
	var fe apperr.FieldErrors
	if f.Status != "" && !f.Status.Valid() {
		fe.Add("status", apperr.OneOf, ContractStatusList, string(f.Status))
	}
	if f.RenewalKind != "" && !f.RenewalKind.Valid() {
		fe.Add("renewalKind", apperr.OneOf, RenewalKindList, string(f.RenewalKind))
	}
	if !slices.Contains(ContractSorts(), f.Sort) {
		fe.Add("sort", apperr.OneOf, contractSortList(), string(f.Sort))
	}
	if err := fe.Err(); err != nil {
		return ContractPage{}, err
	}
	if _, err := s.RefreshDates(ctx); err != nil {
		return ContractPage{}, err
	}
	return s.store.Contracts(ctx, f)
}

// EachContract calls fn for every contract matching f, one at a time.
func (s *Service) EachContract(ctx context.Context, f ContractFilter, fn func(ContractSummary) error) error {
	if _, err := s.RefreshDates(ctx); err != nil {
		return err
	}
	return s.store.EachContract(ctx, f.Normalize(), fn)
}

// refreshBatch bounds one transaction of RefreshDates.
const refreshBatch = 2000

// RefreshDates recomputes the stored dates of contracts last computed
// before today, in batches, and returns how many it updated. The rules
// stay in Dates; the stored copy only lets SQL filter and sort. It runs
// before a list is read and daily from the server.
//
// From one day to the next most contracts keep their dates; only those
// whose dates moved (a renewal took effect, a deadline passed) are
// rewritten, the rest get a new stamp in one statement per batch. It
// returns how many contracts' dates changed.
func (s *Service) RefreshDates(ctx context.Context) (int, error) {
	today := s.Today()
	if stale, err := s.store.HasStaleContracts(ctx, today); err != nil || !stale {
		return 0, err
	}
	n := 0
	for {
		stale, err := s.store.StaleContracts(ctx, today, refreshBatch)
		if err != nil || len(stale) == 0 {
			return n, err
		}
		changed := 0
		err = s.store.InTx(ctx, func(tx Store) error {
			var same []int64
			for _, c := range stale {
				d := c.Contract.Dates(today)
				if storedDatesEqual(c.Dates, d) {
					same = append(same, c.ID)
					continue
				}
				changed++
				if err := tx.SetContractDates(ctx, c.ID, d, today); err != nil {
					return err
				}
			}
			return tx.MarkContractDatesCurrent(ctx, same, today)
		})
		if err != nil {
			return n, fmt.Errorf("contracts: refresh dates: %w", err)
		}
		n += changed
	}
}

// storedDatesEqual compares the dates the store keeps of a contract.
func storedDatesEqual(a, b Dates) bool {
	return a.CurrentEnd == b.CurrentEnd && a.CommittedEnd == b.CommittedEnd && a.NoticeDeadline == b.NoticeDeadline &&
		a.ActionDate == b.ActionDate && a.OptionDecision == b.OptionDecision && a.FinalEnd == b.FinalEnd
}

// checkContract validates c and its lines, and that its organization,
// vendor and category exist. Line problems are reported as
// licenceLines[i].field.
func (s *Service) checkContract(ctx context.Context, st Store, c Contract, lines []LicenceLine) error {
	fe := apperr.Fields(c.Validate())
	if len(fe) == 0 {
		// Every derived date, also those that depend on today, is checked
		// before anything is written (issue 12: a date derived into year
		// 10000 was stored and then broke every read of the row).
		fe = apperr.Fields(c.CheckDatesAsOf(s.Today()))
	}
	for i, l := range lines {
		for _, e := range apperr.Fields(l.Validate()) {
			e.Field = fmt.Sprintf("licenceLines[%d].%s", i, e.Field)
			fe = append(fe, e)
		}
	}
	if c.Organization != "" {
		if _, err := st.Organization(ctx, c.Organization); errors.Is(err, apperr.NotFound) {
			fe.Add("organization", apperr.NoOrganization, c.Organization)
		} else if err != nil {
			return err
		}
	}
	if c.VendorID > 0 {
		if _, err := st.Vendor(ctx, c.VendorID); errors.Is(err, apperr.NotFound) {
			fe.Add("vendorId", apperr.NoVendor)
		} else if err != nil {
			return err
		}
	}
	if c.CategoryID != 0 {
		ok, err := st.CategoryExists(ctx, c.CategoryID)
		if err != nil {
			return err
		}
		if !ok {
			fe.Add("categoryId", apperr.NoCategory)
		}
	}
	return fe.Err()
}

// CreateContract validates c with its licence lines, computes its dates and
// stores it, returning its id.
func (s *Service) CreateContract(ctx context.Context, c Contract, lines []LicenceLine) (int64, error) {
	var id int64
	err := s.store.InTx(ctx, func(tx Store) error {
		if err := s.checkContract(ctx, tx, c, lines); err != nil {
			return err
		}
		today := s.Today()
		var err error
		id, err = tx.CreateContract(ctx, c, lines, c.Dates(today), today)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("contracts: create contract: %w", err)
	}
	return id, nil
}

// UpdateContract validates and stores contract c.ID with its lines.
func (s *Service) UpdateContract(ctx context.Context, c Contract, lines []LicenceLine) error {
	err := s.store.InTx(ctx, func(tx Store) error {
		if _, err := tx.Contract(ctx, c.ID); err != nil {
			return err
		}
		if err := s.checkContract(ctx, tx, c, lines); err != nil {
			return err
		}
		today := s.Today()
		return tx.UpdateContract(ctx, c, lines, c.Dates(today), today)
	})
	if err != nil {
		return fmt.Errorf("contracts: update contract %d: %w", c.ID, err)
	}
	return nil
}

// DeleteContract removes contract id.
func (s *Service) DeleteContract(ctx context.Context, id int64) error {
	if err := s.store.DeleteContract(ctx, id); err != nil {
		return fmt.Errorf("contracts: delete contract %d: %w", id, err)
	}
	return nil
}

// contractSortList is the sort orders as messages list them.
func contractSortList() string {
	s := make([]string, 0, len(ContractSorts()))
	for _, o := range ContractSorts() {
		s = append(s, string(o))
	}
	return apperr.Or(s...)
}
