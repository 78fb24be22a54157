package contracts

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Finding what a contract import's rows name: their organizations,
// categories and vendors, and which vendors the import adds (see
// ImportContracts).

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
			return nil, tableError(fmt.Sprintf("no organization has code %s", o))
		}
	}
	for i, r := range imp.rows {
		if _, ok := found[r.Contract.Organization]; !ok {
			imp.problem(i, r.Row, "organization", fmt.Sprintf("no organization has code %s (write the code, such as GM0363)", r.Contract.Organization))
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
			imp.problem(i, r.Row, "category", fmt.Sprintf("no category is named %q", r.Category))
			continue
		}
		ids[i] = all[j].ID
	}
	return ids, nil
}

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
			imp.problem(i, r.Row, "vendor", fmt.Sprintf("%q (KvK %s) is not registered; vendors are shared, so an administrator or coordinator adds it first", r.Vendor.Name, k))
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
				imp.problem(i, r.Row, "vendor", fmt.Sprintf("%q: row %d names the new vendor with KvK number %s %q", name, newRow[k], k, nv.Name))
				continue
			}
			for _, fe := range apperr.Fields(nv.Validate()) {
				field := "vendor"
				if fe.Field == "kvk" {
					field = "kvk"
				}
				imp.problem(i, r.Row, field, fe.Message())
			}
			ids[i] = -int64(j + 1)
			continue
		}
		switch {
		case len(named) == 1 && (k == "" || named[0].KVK == ""):
			ids[i] = named[0].ID
		case len(named) == 1:
			imp.problem(i, r.Row, "kvk", fmt.Sprintf("vendor %q has KvK number %s in the register, not %s", named[0].Name, named[0].KVK, k))
		case len(named) > 1 && k != "":
			imp.problem(i, r.Row, "kvk", fmt.Sprintf("%d vendors are named %q, none with KvK number %s", len(named), name, k))
		case len(named) > 1:
			imp.problem(i, r.Row, "vendor", fmt.Sprintf("%d vendors are named %q: give the KvK number to say which", len(named), name))
		case k != "":
			imp.problem(i, r.Row, "vendor", fmt.Sprintf("no vendor has KvK number %s: give the vendor's name to add it", k))
		default:
			if j := slices.IndexFunc(imp.newVendors, func(v Vendor) bool { return strings.EqualFold(v.Name, name) }); j >= 0 {
				ids[i] = -int64(j + 1)
				continue
			}
			imp.problem(i, r.Row, "vendor", fmt.Sprintf("no vendor is named %q: give its KvK number to add it, or add the vendor first", name))
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
