package demo

import (
	"context"
	"fmt"
	"hash/fnv"

	"github.com/samenkoop/samenkoop/contracts"
)

// demoVendor is a vendor of the demo set. Every name is invented: no real
// company is meant, and none is named.
type demoVendor struct {
	name string
	// parent is the name of the vendor it belongs to, which comes earlier
	// in vendors; "" for the top of a group or an independent vendor.
	parent string
	// country is NL unless set; a foreign vendor has no KvK number.
	country string
}

// vendors lists the fictional vendors of every demo set, the same at every
// scale and for every seed. Six groups each lead one market, so that
// lock-in and concentration show: telecom (Polderlink), finance and HR
// (Kroonboek), case management and documents (Dossierveld), workplace and
// cloud (Nimbusveld), networks and security (Golfbreker), and geo data and
// local taxes (Perceelkompas). Groups bought smaller brands, which keep
// their names, so only the parent link ties them to their group; one sits
// two levels down. The independents compete with them. The top of a group
// holds no contracts of its own.
var vendors = []demoVendor{
	{name: "Polderlink Groep B.V."},
	{name: "Polderlink Telecom B.V.", parent: "Polderlink Groep B.V."},
	{name: "Polderlink Mobiel B.V.", parent: "Polderlink Groep B.V."},
	{name: "Kwelderkabel Zakelijk B.V.", parent: "Polderlink Telecom B.V."},

	{name: "Kroonboek Holding B.V."},
	{name: "Kroonboek Financiën B.V.", parent: "Kroonboek Holding B.V."},
	{name: "Kroonboek Salaris B.V.", parent: "Kroonboek Holding B.V."},
	{name: "Rekenzolder Hosting B.V.", parent: "Kroonboek Holding B.V."},

	{name: "Dossierveld Groep B.V."},
	{name: "Dossierveld Zaakgericht B.V.", parent: "Dossierveld Groep B.V."},
	{name: "Archiefduin B.V.", parent: "Dossierveld Groep B.V."},
	{name: "Formulierenhof B.V.", parent: "Dossierveld Groep B.V."},

	{name: "Nimbusveld Cloud Europe Ltd.", country: "IE"},
	{name: "Nimbusveld Nederland B.V.", parent: "Nimbusveld Cloud Europe Ltd."},
	{name: "Werkplekkade B.V.", parent: "Nimbusveld Cloud Europe Ltd."},

	{name: "Golfbreker Holding B.V."},
	{name: "Golfbreker Netwerken B.V.", parent: "Golfbreker Holding B.V."},
	{name: "Golfbreker Cyberveiligheid B.V.", parent: "Golfbreker Holding B.V."},

	{name: "Perceelkompas Groep B.V."},
	{name: "Perceelkompas Geo B.V.", parent: "Perceelkompas Groep B.V."},
	{name: "Heffingshuis B.V.", parent: "Perceelkompas Groep B.V."},

	{name: "Wadkabel Telecom B.V."},
	{name: "Rekenduin Gemeentesoftware B.V."},
	{name: "Zaakstroom Software B.V."},
	{name: "Hanzewolk Hosting B.V."},
	{name: "Bitbaken Beveiliging B.V."},
	{name: "Raadsbank Advies B.V."},
	{name: "Werkbankje ICT-diensten B.V."},
}

// fictionalKVKPrefix starts every demo KvK number, so that one stands out.
// Older KvK numbers begin with the code of a regional chamber (01 and up)
// and newer ones come from higher ranges, so a number starting with 00
// is not meant to name any real company.
const fictionalKVKPrefix = "00"

// kvkNumbers gives each of list a fictional KvK number: the prefix and six
// digits from a hash of its name, so that the numbers do not depend on the
// seed or on the order of the list. A number already taken (by an earlier
// vendor, or in used) moves on to the next free one. Foreign vendors get
// none. used is only looked up and added to.
func kvkNumbers(list []demoVendor, used map[string]bool) []string {
	out := make([]string, len(list))
	for i, v := range list {
		if v.country != "" && v.country != "NL" {
			continue
		}
		h := fnv.New32a()
		h.Write([]byte(v.name))
		n := h.Sum32() % 1_000_000
		for used[kvkOf(n)] {
			n = (n + 1) % 1_000_000
		}
		out[i] = kvkOf(n)
		used[out[i]] = true
	}
	return out
}

func kvkOf(n uint32) string { return fmt.Sprintf("%s%06d", fictionalKVKPrefix, n) }

// createVendors writes the vendors, parents first, and records their ids
// by name for the contracts stage. A database may hold vendors before it
// holds organizations: a vendor whose name it has already is reused, and
// the KvK numbers it uses are left alone.
func createVendors(ctx context.Context, g *generator) error {
	existing := map[string]int64{}
	taken := map[string]bool{}
	for page := 1; ; page++ {
		p, err := g.st.Vendors(ctx, contracts.VendorFilter{Scope: contracts.Everyone(), Page: page, PageSize: 500})
		if err != nil {
			return err
		}
		for _, v := range p.Items {
			existing[v.Name] = v.ID
			if v.KVK != "" {
				taken[v.KVK] = true
			}
		}
		if len(p.Items) == 0 || page*500 >= p.Total {
			break
		}
	}
	kvks := kvkNumbers(vendors, taken)
	g.vendorIDs = map[string]int64{}
	groups := map[string]bool{}
	for i, dv := range vendors {
		if dv.parent != "" {
			groups[dv.parent] = true
		}
		if id, ok := existing[dv.name]; ok {
			g.vendorIDs[dv.name] = id
			continue
		}
		v := contracts.Vendor{Name: dv.name, KVK: kvks[i], Country: dv.country}
		if v.Country == "" {
			v.Country = "NL"
		}
		if dv.parent != "" {
			parent, ok := g.vendorIDs[dv.parent]
			if !ok {
				return fmt.Errorf("vendor %q: parent %q must come before it", dv.name, dv.parent)
			}
			v.ParentID = parent
		}
		if err := v.Validate(); err != nil {
			return fmt.Errorf("vendor %q: %w", dv.name, err)
		}
		id, err := g.st.CreateVendor(ctx, v)
		if err != nil {
			return err
		}
		g.vendorIDs[dv.name] = id
		g.sum.Vendors++
	}
	for _, dv := range vendors {
		if dv.parent == "" && groups[dv.name] {
			g.sum.VendorGroups++
		}
	}
	return nil
}
