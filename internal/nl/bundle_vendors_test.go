package nl

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// TestBundleVendorCounts: the participants counted per current vendor
// (group), most first and then by name, with a few vendors and with more
// than the short list holds; participants without a contract count for
// none.
func TestBundleVendorCounts(t *testing.T) {
	t.Parallel()
	participant := func(id int64, vendor, group string) procurement.BundleParticipant {
		var p procurement.BundleParticipant
		p.Contract = contracts.ContractSummary{Contract: contracts.Contract{ID: id}, VendorName: vendor, VendorGroupName: group}
		return p
	}
	for _, vendors := range []int{3, 80} {
		t.Run(fmt.Sprintf("%d vendors", vendors), func(t *testing.T) {
			var ps []procurement.BundleParticipant
			want := map[string]int{}
			for i := range 2000 {
				v := i % vendors
				name, group := fmt.Sprintf("Leverancier %02d", v), ""
				if v%2 == 0 {
					group = fmt.Sprintf("Groep %02d", v/2)
					name = "Dochter " + name
				}
				id := int64(i + 1)
				if i%7 == 0 {
					id = 0 // demand without a contract
				} else if group != "" {
					want[group]++
				} else {
					want[name]++
				}
				ps = append(ps, participant(id, name, group))
			}
			got := bundleVendorCounts(ps)
			counted := map[string]int{}
			for i, c := range got {
				counted[c.name] = c.n
				if i > 0 && (got[i-1].n < c.n || got[i-1].n == c.n && got[i-1].name > c.name) {
					t.Errorf("%s (%d) after %s (%d): want most first, then by name", c.name, c.n, got[i-1].name, got[i-1].n)
				}
			}
			if !reflect.DeepEqual(counted, want) {
				t.Errorf("counts %v, want %v", counted, want)
			}
		})
	}
}
