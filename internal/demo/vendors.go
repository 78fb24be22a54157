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
	// street, postcode and city are an invented postal address in a
	// plausible place: the winner's address of an award notice.
	street, postcode, city string
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
	{name: "Polderlink Groep B.V.", street: "Stationsplein 8", postcode: "3818 LE", city: "Amersfoort"},
	{name: "Polderlink Telecom B.V.", parent: "Polderlink Groep B.V.", street: "Stationsplein 8", postcode: "3818 LE", city: "Amersfoort"},
	{name: "Polderlink Mobiel B.V.", parent: "Polderlink Groep B.V.", street: "Computerweg 14", postcode: "3821 AB", city: "Amersfoort"},
	{name: "Kwelderkabel Zakelijk B.V.", parent: "Polderlink Telecom B.V.", street: "Zuiderdiep 102", postcode: "9711 HM", city: "Groningen"},

	{name: "Kroonboek Holding B.V.", street: "Laan van Westenenk 51", postcode: "7336 AZ", city: "Apeldoorn"},
	{name: "Kroonboek Financiën B.V.", parent: "Kroonboek Holding B.V.", street: "Laan van Westenenk 51", postcode: "7336 AZ", city: "Apeldoorn"},
	{name: "Kroonboek Salaris B.V.", parent: "Kroonboek Holding B.V.", street: "Europaweg 22", postcode: "7336 AN", city: "Apeldoorn"},
	{name: "Rekenzolder Hosting B.V.", parent: "Kroonboek Holding B.V.", street: "Hanzeweg 3", postcode: "7418 AW", city: "Deventer"},

	{name: "Dossierveld Groep B.V.", street: "Parkweg 40", postcode: "5282 SM", city: "Boxtel"},
	{name: "Dossierveld Zaakgericht B.V.", parent: "Dossierveld Groep B.V.", street: "Parkweg 40", postcode: "5282 SM", city: "Boxtel"},
	{name: "Archiefduin B.V.", parent: "Dossierveld Groep B.V.", street: "Duinweg 17", postcode: "2202 RB", city: "Noordwijk"},
	{name: "Formulierenhof B.V.", parent: "Dossierveld Groep B.V.", street: "Hofplein 9", postcode: "3011 AJ", city: "Rotterdam"},

	{name: "Nimbusveld Cloud Europe Ltd.", country: "IE", street: "14 Harbourmaster Quay", postcode: "D01 K7W2", city: "Dublin"},
	{name: "Nimbusveld Nederland B.V.", parent: "Nimbusveld Cloud Europe Ltd.", street: "Zuidas Boulevard 120", postcode: "1082 MD", city: "Amsterdam"},
	{name: "Werkplekkade B.V.", parent: "Nimbusveld Cloud Europe Ltd.", street: "Kadestraat 5", postcode: "1013 BC", city: "Amsterdam"},

	{name: "Golfbreker Holding B.V.", street: "Havenkade 2", postcode: "2584 AB", city: "Den Haag"},
	{name: "Golfbreker Netwerken B.V.", parent: "Golfbreker Holding B.V.", street: "Havenkade 2", postcode: "2584 AB", city: "Den Haag"},
	{name: "Golfbreker Cyberveiligheid B.V.", parent: "Golfbreker Holding B.V.", street: "Binckhorstlaan 77", postcode: "2516 BA", city: "Den Haag"},

	{name: "Perceelkompas Groep B.V.", street: "Kadasterlaan 11", postcode: "7311 KZ", city: "Apeldoorn"},
	{name: "Perceelkompas Geo B.V.", parent: "Perceelkompas Groep B.V.", street: "Kadasterlaan 11", postcode: "7311 KZ", city: "Apeldoorn"},
	{name: "Heffingshuis B.V.", parent: "Perceelkompas Groep B.V.", street: "Belastingpad 6", postcode: "8013 RM", city: "Zwolle"},

	{name: "Wadkabel Telecom B.V.", street: "Dijkweg 31", postcode: "8861 KN", city: "Harlingen"},
	{name: "Rekenduin Gemeentesoftware B.V.", street: "Papendorpseweg 88", postcode: "3528 BJ", city: "Utrecht"},
	{name: "Zaakstroom Software B.V.", street: "Stroomweg 4", postcode: "6827 BK", city: "Arnhem"},
	{name: "Hanzewolk Hosting B.V.", street: "Hanzelaan 210", postcode: "8017 JG", city: "Zwolle"},
	{name: "Bitbaken Beveiliging B.V.", street: "Bakenstraat 19", postcode: "5611 HW", city: "Eindhoven"},
	{name: "Raadsbank Advies B.V.", street: "Raadhuisstraat 25", postcode: "2011 RC", city: "Haarlem"},
	{name: "Werkbankje ICT-diensten B.V.", street: "Werkplaatsweg 7", postcode: "9405 TA", city: "Assen"},
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
		v := contracts.Vendor{Name: dv.name, KVK: kvks[i], Country: dv.country, Street: dv.street, Postcode: dv.postcode, City: dv.city}
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
