package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// TestLicences lists licence lines over quota costliest excess first, with
// the whole selection's count and excess cost computed by the same rule as
// LicenceLine.ExcessCost, within scope.
func TestLicences(t *testing.T) {
	ctx := context.Background()
	svc, _, _, group := registerFixture(t)
	// A second contract: one line far over quota at a low price (cost of
	// the excess 300 × 100 = 30,000), one unlimited line with seats in use,
	// one under quota, one with the count unknown, and one whose excess
	// costs more than MaxMoney.
	c := contracts.Contract{Organization: "GM0363", Number: "2024-ICT-002", Title: "Kantoorsoftware", VendorID: group,
		Start: contracts.NewDate(2024, 1, 1), InitialTermMonths: 48, RenewalKind: contracts.RenewalNone, Status: contracts.StatusActive}
	lines := []contracts.LicenceLine{
		{Product: "Werkplek", Metric: contracts.MetricNamedUser, Quantity: 100, SeatsInUse: 400, UnitPrice: 100, PricePeriod: contracts.PerYear},
		{Product: "Onbeperkt", Metric: contracts.MetricEnterprise, Quantity: contracts.Unlimited, SeatsInUse: 5000, UnitPrice: 100_000, PricePeriod: contracts.PerYear},
		{Product: "Binnen", Metric: contracts.MetricNamedUser, Quantity: 100, SeatsInUse: 90, UnitPrice: 5000, PricePeriod: contracts.PerYear},
		{Product: "Onbekend", Metric: contracts.MetricNamedUser, Quantity: 100, SeatsInUse: -1, UnitPrice: 5000, PricePeriod: contracts.PerYear},
		{Product: "Duur", Metric: contracts.MetricDevice, Quantity: 1, SeatsInUse: contracts.MaxQuantity, UnitPrice: contracts.MaxMoney, PricePeriod: contracts.Once},
	}
	if _, err := svc.CreateContract(ctx, contracts.Everyone(), c, lines); err != nil {
		t.Fatal(err)
	}
	page, err := svc.Licences(ctx, contracts.Everyone(), contracts.LicenceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// The fixture's line: 120 in use of 100 at 1,500 = 30,000, the same
	// cost as Werkplek but a smaller excess, so after it.
	want := []struct {
		product string
		excess  int
		cost    contracts.Money
	}{{"Duur", contracts.MaxQuantity - 1, contracts.MaxMoney}, {"Werkplek", 300, 30_000}, {"Abonnement", 20, 30_000}}
	if page.Total != 3 || page.OverQuota != 3 || len(page.Items) != 3 {
		t.Fatalf("over quota: total %d, over quota %d, %d items; want 3, 3, 3", page.Total, page.OverQuota, len(page.Items))
	}
	for i, w := range want {
		it := page.Items[i]
		if it.Product != w.product || it.Excess() != w.excess || it.ExcessCost() != w.cost {
			t.Errorf("row %d = %s excess %d cost %d; want %s %d %d", i, it.Product, it.Excess(), it.ExcessCost(), w.product, w.excess, w.cost)
		}
	}
	if page.ExcessCost != contracts.MaxMoney {
		t.Errorf("excess cost of the selection = %d, want the cap %d", page.ExcessCost, contracts.MaxMoney)
	}
	if it := page.Items[2]; it.ContractNumber != "2023-ICT-014" || it.OrganizationName == "" || it.VendorName != "KPN Zakelijk" {
		t.Errorf("row 2 names %q, %q, %q; want its contract, organization and vendor", it.ContractNumber, it.OrganizationName, it.VendorName)
	}

	all, err := svc.Licences(ctx, contracts.Everyone(), contracts.LicenceFilter{All: true, PageSize: 2, Page: 2})
	if err != nil || all.Total != 6 || all.OverQuota != 3 || len(all.Items) != 2 || all.Items[0].Product != "Abonnement" {
		t.Errorf("all lines, page 2 of 2 rows: %+v, %v; want 6 lines, 3 over quota, Abonnement first", all, err)
	}
	if p, err := svc.Licences(ctx, contracts.Only("GM0599"), contracts.LicenceFilter{}); err != nil || p.Total != 0 || len(p.Items) != 0 {
		t.Errorf("another organization's scope: %+v, %v; want nothing", p, err)
	}
	if _, err := svc.Licences(ctx, contracts.Only("GM0599"), contracts.LicenceFilter{Organization: "GM0363"}); !errors.Is(err, apperr.Forbidden) {
		t.Errorf("naming an organization outside scope: err = %v, want Forbidden", err)
	}
}
