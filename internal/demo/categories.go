package demo

import (
	"context"
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
)

// categories are the procurement categories of every demo set: what
// municipal ICT and telecom buying is split into, each with codes from the
// embedded CPV list.
var categories = []contracts.Category{
	{Name: "Mobiele telefonie", CPV: []string{"64212000-5", "32250000-0"}},
	{Name: "Vaste telefonie en data", CPV: []string{"64210000-1", "64211000-8", "64221000-1", "32552000-7"}},
	{Name: "Werkplekapparatuur", CPV: []string{"30200000-1", "30213000-5", "30213100-6", "30232000-4"}},
	{Name: "Zaaksysteem", CPV: []string{"48300000-1", "72261000-2", "72267000-4"}},
	{Name: "Financieel systeem", CPV: []string{"48440000-4", "72261000-2"}},
	{Name: "Personeels- en salarissysteem", CPV: []string{"48450000-7", "72261000-2"}},
	{Name: "Netwerk en wifi", CPV: []string{"32420000-3", "32412000-4", "48200000-0", "72700000-7"}},
	{Name: "Hosting en cloud", CPV: []string{"72400000-4", "72300000-8", "72310000-1", "48820000-2", "72910000-2"}},
	{Name: "Informatiebeveiliging", CPV: []string{"48760000-3", "72800000-8"}},
	{Name: "ICT-advies en -ondersteuning", CPV: []string{"72200000-7", "72500000-0", "72600000-6"}},
	{Name: "Communicatie en samenwerken", CPV: []string{"48500000-3", "64216000-3"}},
}

// createCategories writes the categories the database does not have yet
// by name; a database can hold categories before it holds organizations.
func createCategories(ctx context.Context, g *generator) error {
	embedded := map[string]bool{}
	for _, c := range contracts.EmbeddedCPV() {
		embedded[c.Code] = true
	}
	existing, err := g.st.Categories(ctx)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, c := range existing {
		have[c.Name] = true
	}
	for _, c := range categories {
		if err := c.Validate(); err != nil {
			return fmt.Errorf("category %q: %w", c.Name, err)
		}
		for _, code := range c.CPV {
			if !embedded[code] {
				return fmt.Errorf("category %q: CPV code %s is not in the embedded list", c.Name, code)
			}
		}
		if have[c.Name] {
			continue
		}
		if _, err := g.st.CreateCategory(ctx, c); err != nil {
			return err
		}
		g.sum.Categories++
	}
	return nil
}
