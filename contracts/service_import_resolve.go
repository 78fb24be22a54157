package contracts

import (
	"context"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Finding what a contract import's rows name: their organizations and
// categories (the vendors are in import_vendors.go; see ImportContracts).

// organizations checks that every row's organization exists and returns
// the codes in use.
func (imp *contractImport) organizations(ctx context.Context) ([]string, error) {
	var codes []string
	for _, r := range imp.rows {
		if !slices.Contains(codes, r.Contract.Organization) {
			codes = append(codes, r.Contract.Organization)
		}
	}
	found, err := imp.tx.OrganizationsByCode(ctx, codes)
	if err != nil {
		return nil, err
	}
	if o := imp.p.opts.Organization; o != "" {
		if _, ok := found[o]; !ok {
			return nil, apperr.WithCode(apperr.Invalid, apperr.NoOrganization, o)
		}
	}
	for i, r := range imp.rows {
		if _, ok := found[r.Contract.Organization]; !ok {
			imp.problem(i, r.Row, "organization", cellProblemOn("organization", apperr.NoOrganization, r.Contract.Organization))
		}
	}
	return slices.DeleteFunc(codes, func(c string) bool { _, ok := found[c]; return !ok }), nil
}

// categories finds each row's category by name, ignoring case.
func (imp *contractImport) categories(ctx context.Context) ([]int64, error) {
	ids := make([]int64, len(imp.rows))
	if !imp.p.has("category") {
		return ids, nil
	}
	all, err := imp.tx.Categories(ctx)
	if err != nil {
		return nil, err
	}
	for i, r := range imp.rows {
		if r.Category == "" {
			continue
		}
		j := slices.IndexFunc(all, func(c Category) bool { return strings.EqualFold(strings.TrimSpace(c.Name), r.Category) })
		if j < 0 {
			imp.problem(i, r.Row, "category", cellProblemOn("category", apperr.NoCategoryNamed, r.Category))
			continue
		}
		ids[i] = all[j].ID
	}
	return ids, nil
}
