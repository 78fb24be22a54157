package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/benchtest"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// BenchmarkCreateContractSpendModel measures what maintaining the spend
// model adds to a contract write (issue 15: at most 30 %): the same
// contract created through the service, with two licence lines and a
// tacit renewal without end (so that it has spend in every year of the
// model's window, the most a contract writes), on a store without a
// model ("bare": the write path reads that there is none and goes on) and
// on one with a model ("model"). Each run starts from a store holding
// 2,000 contracts. Since migration 0024 the write only queues the
// contract and the model is applied afterwards: BenchmarkContractWriteCost
// measures that apply beside the write.
func BenchmarkCreateContractSpendModel(b *testing.B) {
	for _, withModel := range []bool{false, true} {
		name := "bare"
		if withModel {
			name = "model"
		}
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			now := func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, contracts.Amsterdam) }
			st := storetest.New(b)
			svc := contracts.NewService(st.Register(), contracts.Options{Now: now, Index: contracts.IndexRates{Default: 300}})
			if err := svc.CreateOrganization(ctx, amsterdam()); err != nil {
				b.Fatal(err)
			}
			vendor, err := svc.CreateVendor(ctx, contracts.Vendor{Name: "KPN", KVK: "02045200"})
			if err != nil {
				b.Fatal(err)
			}
			contract := func(i int) contracts.Contract {
				return contracts.Contract{Organization: "GM0363", Number: fmt.Sprintf("B-%d", i), Title: "Telefonie", VendorID: vendor,
					Start: contracts.NewDate(2022, 1, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalTacit, RenewalPeriodMonths: 12,
					NoticeMonths: 3, AnnualValue: 1_200_000, Status: contracts.StatusActive}
			}
			lines := []contracts.LicenceLine{
				{Product: "Abonnement", Metric: contracts.MetricDevice, Quantity: 100, SeatsInUse: -1, UnitPrice: 1500, PricePeriod: contracts.PerMonth},
				{Product: "Portaal", Metric: contracts.MetricEnterprise, Quantity: contracts.Unlimited, SeatsInUse: -1, UnitPrice: 240_000, PricePeriod: contracts.PerYear},
			}
			for i := range 2000 {
				if _, err := svc.CreateContract(ctx, contracts.Everyone(), contract(i), lines); err != nil {
					b.Fatal(err)
				}
			}
			if withModel {
				if _, err := svc.RefreshSpendModel(ctx); err != nil {
					b.Fatal(err)
				}
			}
			i := 2000
			benchtest.CPUTime(b, func() {
				for b.Loop() {
					if _, err := svc.CreateContract(ctx, contracts.Everyone(), contract(i), lines); err != nil {
						b.Fatal(err)
					}
					i++
				}
			})
			if withModel {
				if c, err := st.CheckSpendModel(ctx); err != nil || c.Different != 0 {
					b.Fatalf("model after the writes: %d differences, %v", c.Different, err)
				}
			}
		})
	}
}
