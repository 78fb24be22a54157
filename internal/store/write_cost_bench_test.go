package store_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/demo"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// The cost of the maintained aggregates on a contract write (issue 15:
// at most 30 % more than the same write without them): creating a
// contract with two licence lines, and updating one (its annual value
// and a line's quantity, so that its spend and its cells move), on a
// register with the counters and the spend model ("maintained") and on a
// copy of the same register without them ("bare": the counter and
// over-quota triggers of migration 0014 dropped, the spend model removed,
// which the writes then skip), in the same run. The small demo is built
// here; a national or stress register comes from a demo database named
// by SAMENKOOP_BENCH_DB_NATIONAL or _STRESS, copied twice first:
//
//	samenkoop demo --scale national --db /tmp/national.db
//	SAMENKOOP_BENCH_DB_NATIONAL=/tmp/national.db go test ./internal/store -run X -bench ContractWriteCost

// writeNow is the day the small demo is generated for and the writes made.
var writeNow = func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam) }

// bareWrites drops what a contract write maintains beside the contract.
var bareWrites = []string{
	`DROP TRIGGER contract_counts_insert`, `DROP TRIGGER contract_counts_update`, `DROP TRIGGER contract_counts_delete`,
	`DROP TRIGGER licence_lines_quota_insert`, `DROP TRIGGER licence_lines_quota_update`, `DROP TRIGGER licence_lines_quota_delete`,
	`DELETE FROM spend_model`,
}

// writeRegisters returns the two registers of a scale: maintained and
// bare, or skips when the scale's database is not named.
func writeRegisters(b *testing.B, scale string) (maintained, bare *contracts.Service) {
	b.Helper()
	ctx := context.Background()
	idx := contracts.IndexRates{Default: 300}
	var stores [2]*store.Store
	if scale == "small" {
		for i := range stores {
			stores[i], _ = storetest.Template(b, "write-cost-small", func(ctx context.Context, st *store.Store) (demo.Summary, error) {
				return demo.Generate(ctx, st.Register(), demo.Options{Scale: demo.ScaleSmall, Seed: 1, Now: writeNow})
			})
		}
	} else {
		env := map[string]string{"national": "SAMENKOOP_BENCH_DB_NATIONAL", "stress": "SAMENKOOP_BENCH_DB_STRESS"}[scale]
		src := os.Getenv(env)
		if src == "" {
			b.Skipf("set %s to a database of `samenkoop demo --scale %s`", env, scale)
		}
		for i := range stores {
			dst := filepath.Join(b.TempDir(), fmt.Sprintf("%s-%d.db", scale, i))
			copyDB(b, src, dst)
			st, err := store.Open(dst, store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { st.Close() })
			stores[i] = st
		}
	}
	svcs := [2]*contracts.Service{}
	for i, st := range stores {
		svcs[i] = contracts.NewService(st.Register(), contracts.Options{Now: writeNow, Index: idx})
		if _, err := svcs[i].RefreshDates(ctx); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range bareWrites {
		if err := stores[1].ExecForTest(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	return svcs[0], svcs[1]
}

func copyDB(b *testing.B, src, dst string) {
	b.Helper()
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkContractWriteCost measures create and update per scale on the
// maintained and the bare register side by side.
func BenchmarkContractWriteCost(b *testing.B) {
	for _, scale := range []string{"small", "national", "stress"} {
		b.Run(scale, func(b *testing.B) {
			maintained, bare := writeRegisters(b, scale)
			for _, reg := range []struct {
				name string
				svc  *contracts.Service
			}{{"maintained", maintained}, {"bare", bare}} {
				ctx := context.Background()
				all := contracts.Everyone()
				p, err := reg.svc.Contracts(ctx, all, contracts.ContractFilter{PageSize: 1})
				if err != nil || len(p.Items) == 0 {
					b.Fatalf("no contract to copy: %v", err)
				}
				d, err := reg.svc.Contract(ctx, all, p.Items[0].ID)
				if err != nil {
					b.Fatal(err)
				}
				proto := d.Contract
				proto.ID, proto.Status = 0, contracts.StatusActive
				proto.Start, proto.InitialTermMonths = contracts.NewDate(2025, 1, 1), 48
				lines := []contracts.LicenceLine{
					{Product: "Werkplek", Metric: contracts.MetricNamedUser, Quantity: 100, SeatsInUse: 90, UnitPrice: 12_00, PricePeriod: contracts.PerMonth},
					{Product: "Opslag", Metric: contracts.MetricNamedUser, Quantity: 10, SeatsInUse: 12, UnitPrice: 50_00, PricePeriod: contracts.PerYear},
				}
				n := 0
				b.Run("create-"+reg.name, func(b *testing.B) {
					for b.Loop() {
						n++
						c := proto
						c.Number = fmt.Sprintf("WRITE-%s-%d", reg.name, n)
						if _, err := reg.svc.CreateContract(ctx, all, c, lines); err != nil {
							b.Fatal(err)
						}
					}
				})
				c := proto
				c.Number = "WRITE-" + reg.name + "-UPDATE"
				id, err := reg.svc.CreateContract(ctx, all, c, lines)
				if err != nil {
					b.Fatal(err)
				}
				b.Run("update-"+reg.name, func(b *testing.B) {
					for b.Loop() {
						n++
						if err := reg.svc.UpdateContract(ctx, all, id, func(d contracts.ContractDetail) (contracts.Contract, []contracts.LicenceLine, error) {
							c := d.Contract
							c.AnnualValue = contracts.Money(1_000_00 * (1 + n%50))
							ls := append([]contracts.LicenceLine(nil), lines...)
							ls[0].Quantity = 100 + n%20
							return c, ls, nil
						}); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
