package contracts_test

import (
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// category is a category with vendor groups' spend in euros.
func category(name string, euros ...int64) contracts.CategoryConcentration {
	var sh []contracts.Share
	for i, e := range euros {
		sh = append(sh, contracts.Share{Key: name + string(rune('a'+i)), Label: name + string(rune('A'+i)), Amount: contracts.Money(e * 100)})
	}
	return contracts.CategoryConcentration{Name: name, Concentration: contracts.ConcentrationOf(sh)}
}

// TestConcludeDependency: the report's verdict is taken from the
// categories, each a market of its own, never from the concentration of
// all spend at once.
func TestConcludeDependency(t *testing.T) {
	// Eleven categories, each led by a different vendor group with 80 %:
	// every category is concentrated (HHI 6,800), while the pooled index
	// over all eleven groups' spend is far lower.
	var eleven []contracts.CategoryConcentration
	var pooled []contracts.Share
	for i := range 11 {
		name := string(rune('K' + i))
		eleven = append(eleven, category(name, 800, 200))
		pooled = append(pooled, contracts.Share{Key: name, Label: name, Amount: 80_000}, contracts.Share{Key: "rest" + name, Label: "rest" + name, Amount: 20_000})
	}
	tests := []struct {
		name        string
		categories  []contracts.CategoryConcentration
		wantVerdict contracts.HHIBand
		wantFew     int
		wantRisk    string
	}{
		{"rule: every category concentrated gives the verdict concentrated, whatever the pooled index says (issue 17: the headline said moderate)",
			eleven, contracts.Concentrated, 11, "K"},
		{"rule: the verdict is the band under which most of the spend falls, not the most categories",
			[]contracts.CategoryConcentration{category("Klein1", 90, 10), category("Klein2", 90, 10), category("Groot", 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100)},
			contracts.Unconcentrated, 2, "Klein1"},
		{"rule: a tie in spend goes to the more concentrated band",
			[]contracts.CategoryConcentration{category("A", 100), category("B", 10, 10, 10, 10, 10, 10, 10, 10, 10, 10)},
			contracts.Concentrated, 1, "A"},
		{"rule: one or two vendor groups count only with more than half, exactly (two of four equal groups hold half, not more)",
			[]contracts.CategoryConcentration{category("Vier", 25, 25, 25, 25)}, contracts.Concentrated, 0, ""},
		{"rule: the greatest risk is the category with the most spend at one vendor group among those where one or two hold more than half",
			[]contracts.CategoryConcentration{category("Klein", 60, 40), category("Groot", 300, 300, 300, 300), category("Midden", 200, 50)},
			contracts.Concentrated, 2, "Midden"},
		{"rule: a category left out for a scoped reader does not count",
			[]contracts.CategoryConcentration{{Name: "Verborgen", Buyers: 2, Suppressed: true}}, "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := contracts.ConcludeDependency(tt.categories)
			risk := ""
			if got.Risk != nil {
				risk = got.Risk.Name
			}
			if got.Verdict != tt.wantVerdict || got.FewVendors != tt.wantFew || risk != tt.wantRisk {
				t.Errorf("verdict %q, few vendors %d, risk %q; want %q, %d, %q", got.Verdict, got.FewVendors, risk, tt.wantVerdict, tt.wantFew, tt.wantRisk)
			}
		})
	}
	if p := contracts.ConcentrationOf(pooled); p.Band == contracts.Concentrated {
		t.Fatalf("the pooled index of the eleven is %d (%s): the first case does not show the difference", p.HHI, p.Band)
	}
	if got := contracts.ConcludeDependency(eleven); got.Categories != 11 || got.ByBand[contracts.Concentrated] != 11 {
		t.Errorf("eleven: %d categories, %d concentrated; want 11 and 11", got.Categories, got.ByBand[contracts.Concentrated])
	}
}
