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

// Vendors returns one page of vendors; their contract counts cover scope
// only.
func (s *Service) Vendors(ctx context.Context, scope Scope, f VendorFilter) (VendorPage, error) {
	f.Scope = scope
	c, err := DecodeCursor("cursor", f.Cursor, VendorSortName, nameSortKeys)
	if err != nil {
		return VendorPage{}, err
	}
	f.Seek = c
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

// Scope: a contract belongs to its organization, and a caller sees and
// changes the contracts of its scope only. Another organization's contract
// is refused with apperr.Forbidden and nothing is written; where a check
// and a write go together they share one transaction, so a contract
// cannot move out of scope in between.

// CheckScope returns apperr.Forbidden unless a caller limited to scope may
// see and change the contracts of organization org; "" names none and
// passes. Every method checks this itself. A caller that must know before
// it calls one asks first: a streamed download, whose status is sent
// before its rows are read, and input refused before it reaches the
// service (a date that did not parse), so that another organization's
// contract is refused whatever else is wrong with it.
func (s *Service) CheckScope(scope Scope, org string) error {
	if org == "" {
		return nil
	}
	return scope.check(org)
}

// Contract returns contract id with its lines and dates as of today, when
// its organization lies in scope.
func (s *Service) Contract(ctx context.Context, scope Scope, id int64) (ContractDetail, error) {
	d, err := s.store.Contract(ctx, id)
	if err == nil {
		err = scope.check(d.Organization)
	}
	if err != nil {
		return ContractDetail{}, fmt.Errorf("contracts: contract %d: %w", id, err)
	}
	d.Dates = d.Contract.Dates(s.Today())
	return d, nil
}

// Contracts returns one page of the contracts of scope. It only reads:
// the stored dates it filters and sorts on are refreshed by the nightly
// job (RefreshDates), and until that job has run on a new day the rows
// whose stored dates have moved are filtered and sorted on their dates
// for today (dates_stored.go), so the page is the same as after the
// refresh. Each row carries the dates the store keeps, for today.
// Filtering on an organization outside scope is apperr.Forbidden.
func (s *Service) Contracts(ctx context.Context, scope Scope, f ContractFilter) (ContractPage, error) {
	f = f.Normalize()
	if err := s.CheckScope(scope, f.Organization); err != nil {
		return ContractPage{}, fmt.Errorf("contracts: list contracts: %w", err)
	}
	f.Scope = scope
	var fe apperr.FieldErrors
	if f.Status != "" && !f.Status.Valid() {
		fe.Add("status", apperr.OneOf, ContractStatusList, string(f.Status))
	}
	if f.RenewalKind != "" && !f.RenewalKind.Valid() {
		fe.Add("renewalKind", apperr.OneOf, RenewalKindList, string(f.RenewalKind))
	}
	if !slices.Contains(ContractSorts(), f.Sort) {
		fe.Add("sort", apperr.OneOf, contractSortList(), string(f.Sort))
	} else if c, err := DecodeCursor("cursor", f.Cursor, string(f.Sort), contractSortKeys[f.Sort]); err != nil {
		fe = append(fe, apperr.Fields(err)...)
	} else {
		f.Seek = c
	}
	if len(f.CategoryIDs) > MaxFilterValues {
		fe.Add("category", apperr.TooManyValues, MaxFilterValues)
	}
	if f.Cursor == "" && f.Offset() > MaxOffsetRows {
		fe.Add("page", apperr.PageTooDeep, MaxOffsetRows)
	}
	if err := fe.Err(); err != nil {
		return ContractPage{}, err
	}
	var err error
	if f.DatesToday, err = s.datesToday(ctx, f, s.Today()); err != nil {
		return ContractPage{}, fmt.Errorf("contracts: list contracts: %w", err)
	}
	page, err := s.store.Contracts(ctx, f)
	for i, c := range page.Items {
		if d, ok := f.DatesToday[c.ID]; ok {
			page.Items[i].Dates = d
		}
	}
	return page, err
}

// ContractList returns one page of contracts like Contracts, with every
// date computed for today, including those the store does not keep
// (initial end, maximum extent, missed notice, renewals, expiry).
func (s *Service) ContractList(ctx context.Context, scope Scope, f ContractFilter) (ContractPage, error) {
	page, err := s.Contracts(ctx, scope, f)
	if err != nil {
		return page, err
	}
	today := s.Today()
	for i := range page.Items {
		page.Items[i].Dates = page.Items[i].Contract.Dates(today)
	}
	return page, nil
}

// EachContract calls fn for every contract of scope matching f, one at a
// time, with every date computed for today as ContractList has them. Like
// Contracts it only reads, and filters and sorts on today's dates also
// before the nightly refresh has run. Filtering on an organization
// outside scope is apperr.Forbidden.
func (s *Service) EachContract(ctx context.Context, scope Scope, f ContractFilter, fn func(ContractSummary) error) error {
	if err := s.CheckScope(scope, f.Organization); err != nil {
		return fmt.Errorf("contracts: contracts: %w", err)
	}
	f.Scope = scope
	f = f.Normalize()
	today := s.Today()
	var err error
	if f.DatesToday, err = s.datesToday(ctx, f, today); err != nil {
		return fmt.Errorf("contracts: contracts: %w", err)
	}
	return s.store.EachContract(ctx, f, func(cs ContractSummary) error {
		cs.Dates = cs.Contract.Dates(today)
		return fn(cs)
	})
}

// refreshBatch bounds one transaction of RefreshDates.
const refreshBatch = 2000

// RefreshDates recomputes the stored dates of contracts last computed
// before today, in batches, and returns how many it updated. The rules
// stay in Dates; the stored copy only lets SQL filter and sort. The server
// runs it as a job at start-up and at each midnight in Europe/Amsterdam
// (cmd/samenkoop); no read calls it (dates_stored.go).
//
// From one day to the next most contracts keep their dates; only those
// whose dates moved (a renewal took effect, a deadline passed) are
// rewritten, the rest get a new stamp in one statement per batch. It
// returns how many contracts' dates changed. Then it moves the maintained
// spend model to the new day (RefreshSpendModel).
func (s *Service) RefreshDates(ctx context.Context) (int, error) {
	n, err := s.refreshDates(ctx)
	if err != nil {
		return n, err
	}
	_, err = s.RefreshSpendModel(ctx)
	return n, err
}

func (s *Service) refreshDates(ctx context.Context) (int, error) {
	today := s.Today()
	if stale, err := s.store.HasStaleContracts(ctx, today); err != nil || !stale {
		return 0, err
	}
	n := 0
	for {
		// The batch is read in the transaction that writes it: a contract
		// written meanwhile has today's dates from its new terms, which
		// dates computed from the terms read before would overwrite (the
		// bundler trusts dates stored for its day).
		changed, read := 0, 0
		err := s.store.InTx(ctx, func(tx Store) error {
			stale, err := tx.StaleContracts(ctx, today, refreshBatch)
			if err != nil {
				return err
			}
			read = len(stale)
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
		if read == 0 {
			return n, nil
		}
	}
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
// stores it, returning its id. Its organization must lie in scope; that is
// checked before anything else, so another organization's contract is
// refused whatever else is wrong with it. A contract without an
// organization is left to validation, which names the missing field.
func (s *Service) CreateContract(ctx context.Context, scope Scope, c Contract, lines []LicenceLine) (int64, error) {
	if err := s.CheckScope(scope, c.Organization); err != nil {
		return 0, fmt.Errorf("contracts: create contract: %w", err)
	}
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

// UpdateContract replaces contract id and its licence lines with what
// change makes of the stored ones, in one transaction. Both the stored
// organization and the one change returns must lie in scope; change runs
// inside the transaction and must not do I/O. An error from change (such as
// apperr.FieldErrors for input that did not parse) aborts the update.
func (s *Service) UpdateContract(ctx context.Context, scope Scope, id int64,
	change func(ContractDetail) (Contract, []LicenceLine, error)) error {
	err := s.store.InTx(ctx, func(tx Store) error {
		cur, err := tx.Contract(ctx, id)
		if err != nil {
			return err
		}
		if err := scope.check(cur.Organization); err != nil {
			return err
		}
		c, lines, err := change(cur)
		if err != nil {
			return err
		}
		c.ID = id
		if err := s.CheckScope(scope, c.Organization); err != nil {
			return err
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

// DeleteContract removes contract id when its organization lies in scope.
func (s *Service) DeleteContract(ctx context.Context, scope Scope, id int64) error {
	err := s.store.InTx(ctx, func(tx Store) error {
		cur, err := tx.Contract(ctx, id)
		if err != nil {
			return err
		}
		if err := scope.check(cur.Organization); err != nil {
			return err
		}
		return tx.DeleteContract(ctx, id)
	})
	if err != nil {
		return fmt.Errorf("contracts: delete contract %d: %w", id, err)
	}
	return nil
}

// VendorDetail returns vendor id with its parent, the top of its group and
// its number of contracts, as the vendor list shows them; the count covers
// scope only.
func (s *Service) VendorDetail(ctx context.Context, scope Scope, id int64) (VendorSummary, error) {
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

// contractSortKeys is how many keys a row has in each sort order: the
// columns its index orders on, the id last.
var contractSortKeys = map[ContractSort]int{SortNotice: 3, SortEnd: 2, SortNumber: 3, SortValue: 2, SortTitle: 2}

// contractSortList is the sort orders as messages list them.
func contractSortList() string {
	s := make([]string, 0, len(ContractSorts()))
	for _, o := range ContractSorts() {
		s = append(s, string(o))
	}
	return apperr.Or(s...)
}
