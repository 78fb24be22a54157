package contracts

import (
	"context"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The vendors of a contract import: found by KvK number or name, or added.

// vendors resolves each row's vendor (see ImportContracts) and returns
// its id per row: a stored vendor's, or the placeholder of a new one.
func (imp *contractImport) vendors(ctx context.Context) ([]int64, error) {
	byKVK := map[string]Vendor{}    // stored vendors by KvK number
	byName := map[string][]Vendor{} // stored vendors by lower-case name
	newByKVK := map[string]int{}    // KvK → index in imp.newVendors
	newRow := map[string]int{}      // KvK → row that named the new vendor
	looked := map[string]bool{}     // KvK numbers looked up
	for _, r := range imp.rows {
		if k := r.Vendor.KVK; k != "" {
			if looked[k] {
				continue
			}
			looked[k] = true
			vs, err := imp.matchingVendors(ctx, k, func(v Vendor) bool { return v.KVK == k })
			if err != nil {
				return nil, err
			}
			if len(vs) > 0 {
				byKVK[k] = vs[0]
			}
		}
	}
	for _, r := range imp.rows {
		name := strings.ToLower(r.Vendor.Name)
		if _, known := byKVK[r.Vendor.KVK]; name == "" || r.Vendor.KVK != "" && known {
			continue
		}
		if _, done := byName[name]; done {
			continue
		}
		vs, err := imp.matchingVendors(ctx, r.Vendor.Name, func(v Vendor) bool { return strings.EqualFold(strings.TrimSpace(v.Name), r.Vendor.Name) })
		if err != nil {
			return nil, err
		}
		byName[name] = vs
	}
	// New vendors first, so that a row naming one without its KvK number
	// finds it wherever that row stands.
	refused := map[int]bool{} // rows naming a vendor this caller may not add
	for i, r := range imp.rows {
		k := r.Vendor.KVK
		if _, known := byKVK[k]; k == "" || known || r.Vendor.Name == "" || len(byName[strings.ToLower(r.Vendor.Name)]) > 0 {
			continue
		}
		if imp.noNewVendors {
			refused[i] = true
			imp.problem(i, r.Row, "vendor", cellProblemOn("vendor", apperr.VendorNotRegistered, r.Vendor.Name, k))
			continue
		}
		if _, done := newByKVK[k]; done {
			continue
		}
		newByKVK[k], newRow[k] = len(imp.newVendors), r.Row
		imp.newVendors = append(imp.newVendors, Vendor{Name: r.Vendor.Name, KVK: k, Country: "NL"})
	}
	ids := make([]int64, len(imp.rows))
	for i, r := range imp.rows {
		if refused[i] {
			continue
		}
		name, k := r.Vendor.Name, r.Vendor.KVK
		named := byName[strings.ToLower(name)]
		if v, ok := byKVK[k]; ok && k != "" {
			ids[i] = v.ID
			continue
		}
		if j, ok := newByKVK[k]; ok {
			nv := imp.newVendors[j]
			if name != "" && !strings.EqualFold(name, nv.Name) {
				imp.problem(i, r.Row, "vendor", cellProblemOn("vendor", apperr.NewVendorNamedOtherwise, name, newRow[k], k, nv.Name))
				continue
			}
			for _, fe := range apperr.Fields(nv.Validate()) {
				field := "vendor"
				if fe.Field == "kvk" {
					field = "kvk"
				}
				imp.problem(i, r.Row, field, fe)
			}
			ids[i] = -int64(j + 1)
			continue
		}
		switch {
		case len(named) == 1 && (k == "" || named[0].KVK == ""):
			ids[i] = named[0].ID
		case len(named) == 1:
			imp.problem(i, r.Row, "kvk", cellProblemOn("kvk", apperr.VendorKvKDiffers, named[0].Name, named[0].KVK, k))
		case len(named) > 1 && k != "":
			imp.problem(i, r.Row, "kvk", cellProblemOn("kvk", apperr.VendorsNamedNoKvK, len(named), name, k))
		case len(named) > 1:
			imp.problem(i, r.Row, "vendor", cellProblemOn("vendor", apperr.VendorsNamed, len(named), name))
		case k != "":
			imp.problem(i, r.Row, "vendor", cellProblemOn("vendor", apperr.NoVendorKvK, k))
		default:
			if j := slices.IndexFunc(imp.newVendors, func(v Vendor) bool { return strings.EqualFold(v.Name, name) }); j >= 0 {
				ids[i] = -int64(j + 1)
				continue
			}
			imp.problem(i, r.Row, "vendor", cellProblemOn("vendor", apperr.NoVendorNamed, name))
		}
	}
	return ids, nil
}

// matchingVendors pages through the vendors whose name or KvK number
// contains q and keeps those for which match holds.
func (imp *contractImport) matchingVendors(ctx context.Context, q string, match func(Vendor) bool) ([]Vendor, error) {
	var out []Vendor
	f := VendorFilter{Scope: Everyone(), Q: q, PageSize: 500}.Normalize()
	for seen := 0; ; f.Page++ {
		page, err := imp.tx.Vendors(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, v := range page.Items {
			if match(v.Vendor) {
				out = append(out, v.Vendor)
			}
		}
		seen += len(page.Items)
		if len(page.Items) == 0 || seen >= page.Total {
			return out, nil
		}
	}
}
