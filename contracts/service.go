package contracts

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Service runs the register's workflows over a Store.
type Service struct {
	store Store
	now   func() time.Time
	opts  Options
}

// Options configures a Service.
type Options struct {
	// Now returns the current time; tests pin it. Defaults to time.Now.
	Now func() time.Time
	// Index is the yearly price indexation the spend views apply
	// (ContractYearSpend); the zero value indexes nothing. The
	// configuration validates it (IndexRates.Validate).
	Index IndexRates
	// LockInWeights are the points of the lock-in factors; the zero value
	// means DefaultLockInWeights(). The configuration validates them
	// (LockInWeights.Validate).
	LockInWeights LockInWeights
}

// NewService returns a Service over st.
func NewService(st Store, opts Options) *Service {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.LockInWeights == (LockInWeights{}) {
		opts.LockInWeights = DefaultLockInWeights()
	}
	return &Service{store: st, now: opts.Now, opts: opts}
}

// Today returns the current calendar date in Europe/Amsterdam.
func (s *Service) Today() Date { return DateOf(s.now()) }

// Organization returns the organization with code.
func (s *Service) Organization(ctx context.Context, code string) (Organization, error) {
	return s.store.Organization(ctx, code)
}

// Organizations returns one page of organizations matching f.
func (s *Service) Organizations(ctx context.Context, f OrganizationFilter) (OrganizationPage, error) {
	var fe apperr.FieldErrors
	if f.Kind != "" && !f.Kind.Valid() {
		fe.Add("kind", apperr.OneOf, joinKinds(), string(f.Kind))
	}
	if f.Province != "" && provinceNames[f.Province] == "" {
		fe.Add("province", apperr.ProvinceCode)
	}
	if c, err := DecodeCursor("cursor", f.Cursor, OrganizationSortName, nameSortKeys); err != nil {
		fe = append(fe, apperr.Fields(err)...)
	} else {
		f.Seek = c
	}
	if err := fe.Err(); err != nil {
		return OrganizationPage{}, err
	}
	page, err := s.store.Organizations(ctx, f.Normalize())
	if err != nil {
		return page, fmt.Errorf("contracts: list organizations: %w", err)
	}
	return page, nil
}

// Regions returns the region names in use.
func (s *Service) Regions(ctx context.Context) ([]string, error) { return s.store.Regions(ctx) }

// CreateOrganization validates o and stores it. Its cooperations must exist
// and be cooperations.
func (s *Service) CreateOrganization(ctx context.Context, o Organization) error {
	if err := o.Validate(); err != nil {
		return fmt.Errorf("contracts: create organization: %w", err)
	}
	err := s.store.InTx(ctx, func(tx Store) error {
		if err := checkCooperations(ctx, tx, o); err != nil {
			return err
		}
		return tx.CreateOrganization(ctx, o)
	})
	if err != nil {
		return fmt.Errorf("contracts: create organization %s: %w", o.Code, err)
	}
	return nil
}

// OrganizationPatch holds the fields of an update; nil means unchanged.
type OrganizationPatch struct {
	Name           *string
	Kind           *OrgKind
	Province       *string
	Population     *int
	PopulationDate *Date
	Region         *string
	Cooperations   *[]string
	// Details replaces the notice details when set.
	Details *OrgDetails
}

// Apply returns o with the patch's fields set.
func (p OrganizationPatch) Apply(o Organization) Organization {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&o.Name, p.Name)
	set(&o.Province, p.Province)
	set(&o.Region, p.Region)
	if p.Kind != nil {
		o.Kind = *p.Kind
	}
	if p.Population != nil {
		o.Population = *p.Population
	}
	if p.PopulationDate != nil {
		o.PopulationDate = *p.PopulationDate
	}
	if p.Cooperations != nil {
		o.Cooperations = *p.Cooperations
	}
	if p.Details != nil {
		o.OrgDetails = *p.Details
	}
	return o
}

// UpdateOrganization applies patch to the organization with code and
// returns the result. The code itself never changes: other records refer
// to it.
func (s *Service) UpdateOrganization(ctx context.Context, code string, patch OrganizationPatch) (Organization, error) {
	var out Organization
	err := s.store.InTx(ctx, func(tx Store) error {
		cur, err := tx.Organization(ctx, code)
		if err != nil {
			return err
		}
		out = patch.Apply(cur)
		if err := out.Validate(); err != nil {
			return err
		}
		if err := checkCooperations(ctx, tx, out); err != nil {
			return err
		}
		if err := checkKindChange(ctx, tx, cur, out); err != nil {
			return err
		}
		return tx.UpdateOrganization(ctx, out)
	})
	if err != nil {
		return Organization{}, fmt.Errorf("contracts: update organization %s: %w", code, err)
	}
	return out, nil
}

// DeleteOrganization removes the organization with code.
func (s *Service) DeleteOrganization(ctx context.Context, code string) error {
	if err := s.store.DeleteOrganization(ctx, code); err != nil {
		return fmt.Errorf("contracts: delete organization %s: %w", code, err)
	}
	return nil
}

// checkKindChange refuses to turn a cooperation that has members into
// another kind: its members would belong to something that is no
// cooperation.
func checkKindChange(ctx context.Context, st Store, cur, next Organization) error {
	n, err := kindChangeMembers(ctx, st, cur, next)
	if err != nil || n == 0 {
		return err
	}
	return apperr.WithDetail(apperr.Conflict, apperr.English(apperr.KindHasMembers, cur.Code, n))
}

// kindChangeMembers counts the members that keep cur from becoming next:
// those of a cooperation that would be one no more.
func kindChangeMembers(ctx context.Context, st Store, cur, next Organization) (int, error) {
	if cur.Kind != KindCooperation || next.Kind == KindCooperation {
		return 0, nil
	}
	return st.MemberCount(ctx, cur.Code)
}

func checkCooperations(ctx context.Context, st Store, o Organization) error {
	if len(o.Cooperations) == 0 {
		return nil
	}
	found, err := st.OrganizationsByCode(ctx, o.Cooperations)
	if err != nil {
		return err
	}
	var fe apperr.FieldErrors
	for i, c := range o.Cooperations {
		co, ok := found[c]
		switch {
		case !ok:
			fe.Add(fmt.Sprintf("cooperations[%d]", i), apperr.NoOrganization, c)
		case co.Kind != KindCooperation:
			fe.Add(fmt.Sprintf("cooperations[%d]", i), apperr.NotCooperation, c, string(co.Kind))
		}
	}
	return fe.Err()
}

// ImportReport says what an import did, or would do on a dry run.
type ImportReport struct {
	DryRun    bool
	Rows      int
	Created   []string // codes
	Updated   []string
	Unchanged int
	// Loaded counts rows written by an import that replaces rather than
	// compares (the CPV list).
	Loaded int
	// Problems lists every bad row; when there is one, nothing was imported.
	Problems []RowProblem
}

// OK reports whether the import had no bad rows.
func (r ImportReport) OK() bool { return len(r.Problems) == 0 }

// ErrImportRejected is returned with a report that lists bad rows.
var ErrImportRejected = fmt.Errorf("import rejected: the file has bad rows, nothing was imported: %w", apperr.Invalid)

// ImportOrganizations upserts the organizations of a table by code, all or
// nothing. Fields the table does not carry (region, memberships) keep their
// stored values, so importing the same file twice changes nothing. With
// dryRun it only reports what would change.
func (s *Service) ImportOrganizations(ctx context.Context, t Table, dryRun bool) (ImportReport, error) {
	header := t.Header
	rep := ImportReport{DryRun: dryRun}
	orgs, lines, problems, err := parseOrganizationTable(t)
	if err != nil {
		return rep, fmt.Errorf("contracts: import organizations: %w", err)
	}
	rep.Rows = len(orgs) + countRows(problems)
	if len(problems) > 0 {
		rep.Problems = problems
		return rep, ErrImportRejected
	}
	if len(orgs) == 0 {
		return rep, fmt.Errorf("contracts: import organizations: %w", tableError("the file has no data rows"))
	}
	hasPopulation := slices.ContainsFunc(header, func(h string) bool { return isColumn(h, "population") })
	hasRegion := slices.ContainsFunc(header, func(h string) bool { return isColumn(h, "region") })
	hasProvince := slices.ContainsFunc(header, func(h string) bool { return isColumn(h, "provinceCode") || isColumn(h, "provinceName") })
	hasKind := slices.ContainsFunc(header, func(h string) bool { return isColumn(h, "kind") })
	errDryRun := errors.New("dry run")
	err = s.store.InTx(ctx, func(tx Store) error {
		codes := make([]string, len(orgs))
		for i, o := range orgs {
			codes[i] = o.Code
		}
		existing, err := tx.OrganizationsByCode(ctx, codes)
		if err != nil {
			return err
		}
		for i, in := range orgs {
			cur, ok := existing[in.Code]
			if !ok {
				rep.Created = append(rep.Created, in.Code)
				if !dryRun {
					if err := tx.CreateOrganization(ctx, in); err != nil {
						return err
					}
				}
				continue
			}
			next := cur
			next.Name = in.Name
			if hasKind {
				next.Kind = in.Kind
			}
			if hasProvince {
				next.Province = in.Province
			}
			if hasPopulation {
				next.Population, next.PopulationDate = in.Population, in.PopulationDate
			}
			if hasRegion {
				next.Region = in.Region
			}
			if n, err := kindChangeMembers(ctx, tx, cur, next); err != nil {
				return err
			} else if n > 0 {
				rep.Problems = append(rep.Problems, rowProblem(lines[i], "kind", "kind", apperr.KindHasMembers, cur.Code, n))
				continue
			}
			if sameOrganization(cur, next) {
				rep.Unchanged++
				continue
			}
			rep.Updated = append(rep.Updated, in.Code)
			if !dryRun {
				if err := tx.UpdateOrganization(ctx, next); err != nil {
					return err
				}
			}
		}
		switch {
		case len(rep.Problems) > 0:
			return ErrImportRejected
		case dryRun:
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, ErrImportRejected) {
		rep.Created, rep.Updated, rep.Unchanged = nil, nil, 0
		return rep, err
	}
	if err != nil && !errors.Is(err, errDryRun) {
		return rep, fmt.Errorf("contracts: import organizations: %w", err)
	}
	return rep, nil
}

func isColumn(header, field string) bool {
	n := normalizeHeader(header)
	for _, a := range organizationColumns[field] {
		if n == normalizeHeader(a) {
			return true
		}
	}
	return false
}

func countRows(problems []RowProblem) int {
	rows := map[int]bool{}
	for _, p := range problems {
		rows[p.Row] = true
	}
	return len(rows)
}

func sameOrganization(a, b Organization) bool {
	return a.Code == b.Code && a.Name == b.Name && a.Kind == b.Kind && a.Province == b.Province &&
		a.Population == b.Population && a.PopulationDate == b.PopulationDate && a.Region == b.Region &&
		slices.Equal(a.Cooperations, b.Cooperations)
}

// CPVCodes looks up CPV codes whose code or label contains q.
func (s *Service) CPVCodes(ctx context.Context, q string, limit int) ([]CPV, error) {
	if limit < 1 || limit > 200 {
		limit = 50
	}
	return s.store.CPVCodes(ctx, q, limit)
}

// ImportCPV loads the official CPV list (all or nothing).
func (s *Service) ImportCPV(ctx context.Context, t Table) (ImportReport, error) {
	var rep ImportReport
	codes, problems, err := ParseCPVTable(t)
	if err != nil {
		return rep, fmt.Errorf("contracts: import cpv: %w", err)
	}
	rep.Rows = len(codes) + countRows(problems)
	if len(problems) > 0 {
		rep.Problems = problems
		return rep, ErrImportRejected
	}
	if err := s.store.InTx(ctx, func(tx Store) error { return tx.UpsertCPV(ctx, codes) }); err != nil {
		return rep, fmt.Errorf("contracts: import cpv: %w", err)
	}
	rep.Loaded = len(codes)
	return rep, nil
}

// Categories returns every procurement category.
func (s *Service) Categories(ctx context.Context) ([]Category, error) { return s.store.Categories(ctx) }

// CreateCategory validates c and stores it.
func (s *Service) CreateCategory(ctx context.Context, c Category) (int64, error) {
	if err := c.Validate(); err != nil {
		return 0, fmt.Errorf("contracts: create category: %w", err)
	}
	return s.store.CreateCategory(ctx, c)
}

// SeedReference loads the embedded CPV subset into an empty CPV table, so
// a new database can classify categories before `import cpv` runs. It
// leaves a table that already holds codes alone.
func (s *Service) SeedReference(ctx context.Context) error {
	n, err := s.store.CPVCount(ctx)
	if err != nil || n > 0 {
		return err
	}
	if err := s.store.InTx(ctx, func(tx Store) error { return tx.UpsertCPV(ctx, EmbeddedCPV()) }); err != nil {
		return fmt.Errorf("contracts: seed reference data: %w", err)
	}
	return nil
}

// SettingDemoData is the setting that marks the data as a generated demo
// set; its value says which (scale and seed).
const SettingDemoData = "demo_data"

// DemoData reports whether the database holds a generated demo set, so the
// UI can say on every page that the figures are fictitious.
func (s *Service) DemoData(ctx context.Context) (bool, error) {
	_, err := s.store.Setting(ctx, SettingDemoData)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, apperr.NotFound):
		return false, nil
	}
	return false, err
}
