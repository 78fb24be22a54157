package store_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"syscall"
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
// copy of the same register without them ("bare": the counter triggers
// of migrations 0014 and 0020 dropped, the spend model removed, which the
// writes then skip), in the same run. Since migration 0020 no trigger
// keeps over_quota: both sides write it in the contract row from the
// lines written with it, which costs nothing beside the row. The small demo is built
// here; a national or stress register comes from a demo database named
// by SAMENKOOP_BENCH_DB_NATIONAL or _STRESS, copied twice first:
//
//	samenkoop demo --scale national --db /tmp/national.db
//	SAMENKOOP_BENCH_DB_NATIONAL=/tmp/national.db go test ./internal/store -run X -bench ContractWriteCost
//
// SAMENKOOP_BENCH_WRITE_BARE=counters (or spend, or indexes) makes the
// bare register go without that part only (bareParts).

// writeNow is the day the small demo is generated for and the writes made.
var writeNow = func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam) }

// bareParts are the parts of a contract write the bare register goes
// without, by name: the counters and the spend model are what a write
// maintains beside the contract (the default, "counters,spend").
// SAMENKOOP_BENCH_WRITE_BARE names other parts, to measure one at a
// time: "counters" or "spend" alone, "rollups" (the triggers of migration
// 0022 on spend_cells) or "majorities" (only those keeping
// spend_majorities), "licences" or "vendors" (the triggers of migration
// 0023 keeping licence_counts, vendor_counts), or "indexes", the list and alert
// indexes of migrations 0014 and 0019 (not aggregates: what they cost
// beside the rest).
var bareParts = map[string][]string{
	"counters": {`DROP TRIGGER contract_counts_insert`, `DROP TRIGGER contract_counts_update`, `DROP TRIGGER contract_counts_delete`},
	"spend":    {`DELETE FROM spend_model`},
	"rollups": {`DROP TRIGGER spend_rollup_cell_insert`, `DROP TRIGGER spend_rollup_cell_update`, `DROP TRIGGER spend_rollup_cell_delete`,
		`DROP TRIGGER spend_majority_cell_insert`, `DROP TRIGGER spend_majority_cell_update`, `DROP TRIGGER spend_majority_cell_delete`},
	"majorities": {`DROP TRIGGER spend_majority_cell_insert`, `DROP TRIGGER spend_majority_cell_update`, `DROP TRIGGER spend_majority_cell_delete`},
	"licences":   {`DROP TRIGGER licence_counts_insert`, `DROP TRIGGER licence_counts_update`, `DROP TRIGGER licence_counts_delete`},
	"vendors":    {`DROP TRIGGER vendor_counts_insert`, `DROP TRIGGER vendor_counts_update`, `DROP TRIGGER vendor_counts_delete`},
	"indexes": func() []string {
		var out []string
		for _, ix := range strings.Fields(`contracts_seek_notice contracts_seek_org_notice contracts_seek_end contracts_seek_org_end
			contracts_seek_value contracts_seek_org_value contracts_seek_title contracts_seek_org_title contracts_seek_current_notice
			contracts_seek_current_end contracts_seek_current_value contracts_seek_current_title contracts_over_quota contracts_final_end
			contracts_alert_missed contracts_alert_action contracts_alert_notice contracts_alert_option contracts_alert_expiry`) {
			out = append(out, `DROP INDEX `+ix)
		}
		return out
	}(),
}

// bareWrites returns the statements that make the bare register.
func bareWrites(b *testing.B) []string {
	parts := os.Getenv("SAMENKOOP_BENCH_WRITE_BARE")
	if parts == "" {
		parts = "counters,spend"
	}
	var out []string
	for _, p := range strings.Split(parts, ",") {
		qs, ok := bareParts[strings.TrimSpace(p)]
		if !ok {
			b.Fatalf("SAMENKOOP_BENCH_WRITE_BARE: unknown part %q (counters, spend, rollups, majorities, licences, vendors, indexes)", p)
		}
		out = append(out, qs...)
	}
	return out
}

// writeRegisters returns the two registers of a scale, maintained and
// bare, and their stores, or skips when the scale's database is not
// named.
func writeRegisters(b *testing.B, scale string) (svcs [2]*contracts.Service, stores [2]*store.Store) {
	b.Helper()
	ctx := context.Background()
	idx := contracts.IndexRates{Default: 300}
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
			// A demo database of an older build has an older schema: the
			// writes are measured on the schema this build runs on.
			if _, err := st.Migrate(ctx); err != nil {
				b.Fatal(err)
			}
			stores[i] = st
		}
	}
	for i, st := range stores {
		svcs[i] = contracts.NewService(st.Register(), contracts.Options{Now: writeNow, Index: idx})
		if _, err := svcs[i].RefreshDates(ctx); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range bareWrites(b) {
		if err := stores[1].ExecForTest(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	return svcs, stores
}

// walPages returns the pages n calls of write append to the WAL of st
// (SQLite; 0 on PostgreSQL), with the automatic checkpoint held off
// meanwhile: a page a write changes costs it that page's copy in the WAL
// at commit and again at the next checkpoint, whatever the statements
// were, so the pages show what a write costs beside its statements.
func walPages(b *testing.B, st *store.Store, n int, write func() error) float64 {
	b.Helper()
	ctx := context.Background()
	if st.Path() == "" {
		return 0
	}
	size := func() int64 {
		fi, err := os.Stat(st.Path() + "-wal")
		if err != nil {
			b.Fatal(err)
		}
		return fi.Size()
	}
	page, err := st.CountForTest(ctx, `PRAGMA page_size`)
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{`PRAGMA wal_checkpoint(TRUNCATE)`, `PRAGMA wal_autocheckpoint = 0`} {
		if err := st.ExecForTest(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	before := size()
	for range n {
		if err := write(); err != nil {
			b.Fatal(err)
		}
	}
	pages := float64(size()-before) / float64(page+24) / float64(n) // a frame is the page and a 24-byte header
	if err := st.ExecForTest(ctx, `PRAGMA wal_autocheckpoint = 1000`); err != nil {
		b.Fatal(err)
	}
	return pages
}

// processCPU returns the processor time the process has used: the
// writes run SQLite on the calling thread, so unlike the wall time it
// leaves out the time other processes of a shared machine take.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
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

// sideLabels name the two registers in a CPU profile.
var sideLabels = [2]pprof.LabelSet{pprof.Labels("side", "maintained"), pprof.Labels("side", "bare")}

// BenchmarkContractWriteCost measures create and update per scale on the
// maintained and the bare register side by side: each iteration writes
// to both, in turn (each first every other time), so that the load of a
// shared machine falls on both alike. It reports the wall time of each per write (maintained-ms,
// bare-ms) and the maintained write's overhead over the bare one
// (overhead-%), from the sums over all iterations, and the same in
// processor time (the -cpu- metrics). On SQLite it reports too the
// pages each write changes (maintained-pages, bare-pages, from the WAL
// of 20 writes measured first): each page a write changes is copied
// into the WAL at the commit and back at the checkpoint, a cost beside
// its statements' that no trigger or statement shows. The spend model is
// derived after the write (migration 0024): the maintained write only
// queues its contract, and after each one the benchmark applies it
// alone, as the server does right after a write when no other comes,
// and reports that apart (apply-cpu-ms) and the overhead of both
// together (with-apply-cpu-overhead-%), the dearest case: a burst of
// writes is applied at once.
func BenchmarkContractWriteCost(b *testing.B) {
	for _, scale := range []string{"small", "national", "stress"} {
		b.Run(scale, func(b *testing.B) {
			svcs, stores := writeRegisters(b, scale)
			ctx := context.Background()
			all := contracts.Everyone()
			var (
				protos [2]contracts.Contract
				ids    [2]int64
			)
			lines := []contracts.LicenceLine{
				{Product: "Werkplek", Metric: contracts.MetricNamedUser, Quantity: 100, SeatsInUse: 90, UnitPrice: 12_00, PricePeriod: contracts.PerMonth},
				{Product: "Opslag", Metric: contracts.MetricNamedUser, Quantity: 10, SeatsInUse: 12, UnitPrice: 50_00, PricePeriod: contracts.PerYear},
			}
			for i, svc := range svcs {
				p, err := svc.Contracts(ctx, all, contracts.ContractFilter{PageSize: 1})
				if err != nil || len(p.Items) == 0 {
					b.Fatalf("no contract to copy: %v", err)
				}
				d, err := svc.Contract(ctx, all, p.Items[0].ID)
				if err != nil {
					b.Fatal(err)
				}
				protos[i] = d.Contract
				protos[i].ID, protos[i].Status = 0, contracts.StatusActive
				protos[i].Start, protos[i].InitialTermMonths = contracts.NewDate(2025, 1, 1), 48
				c := protos[i]
				c.Number = "WRITE-UPDATE"
				if ids[i], err = svc.CreateContract(ctx, all, c, lines); err != nil {
					b.Fatal(err)
				}
			}
			n := 0
			// side measures write on both registers; the maintained one's
			// pending changes are applied after every applyEvery writes.
			side := func(b *testing.B, applyEvery int, write func(i int) error) {
				// The pages each side's write changes, measured first
				// on writes of their own.
				var pages [2]float64
				for i, st := range stores {
					pages[i] = walPages(b, st, 20, func() error { n++; return write(i) })
					if _, err := st.ApplySpendChanges(ctx); err != nil {
						b.Fatal(err)
					}
				}
				var (
					spent, cpu          [2]time.Duration
					applied, appliedCPU time.Duration
				)
				writes := 0
				for b.Loop() {
					n++
					// Each side goes first every other iteration: the
					// second write of a pair finds the caches as the
					// first left them.
					for k := range svcs {
						i := (k + n) % len(svcs)
						start, startCPU := time.Now(), processCPU()
						var err error
						// The label splits a -cpuprofile by side:
						// go tool pprof -tagfocus side=maintained.
						pprof.Do(ctx, sideLabels[i], func(context.Context) { err = write(i) })
						if err != nil {
							b.Fatal(err)
						}
						spent[i] += time.Since(start)
						cpu[i] += processCPU() - startCPU
						if i == 0 {
							writes++
						}
						if i == 0 && writes%applyEvery == 0 {
							// The model's part of the write, applied
							// after it as the server does: alone, the
							// dearest case, or after a burst.
							start, startCPU = time.Now(), processCPU()
							if _, err := stores[0].ApplySpendChanges(ctx); err != nil {
								b.Fatal(err)
							}
							applied += time.Since(start)
							appliedCPU += processCPU() - startCPU
						}
					}
				}
				start, startCPU := time.Now(), processCPU()
				if _, err := stores[0].ApplySpendChanges(ctx); err != nil {
					b.Fatal(err)
				}
				applied += time.Since(start)
				appliedCPU += processCPU() - startCPU
				b.ReportMetric(float64(spent[0].Microseconds())/1000/float64(b.N), "maintained-ms")
				b.ReportMetric(float64(spent[1].Microseconds())/1000/float64(b.N), "bare-ms")
				b.ReportMetric(100*(float64(spent[0])/float64(spent[1])-1), "overhead-%")
				b.ReportMetric(float64(cpu[0].Microseconds())/1000/float64(b.N), "maintained-cpu-ms")
				b.ReportMetric(float64(cpu[1].Microseconds())/1000/float64(b.N), "bare-cpu-ms")
				b.ReportMetric(100*(float64(cpu[0])/float64(cpu[1])-1), "cpu-overhead-%")
				b.ReportMetric(float64(appliedCPU.Microseconds())/1000/float64(b.N), "apply-cpu-ms")
				b.ReportMetric(100*(float64(cpu[0]+appliedCPU)/float64(cpu[1])-1), "with-apply-cpu-overhead-%")
				if pages[1] > 0 {
					b.ReportMetric(pages[0], "maintained-pages")
					b.ReportMetric(pages[1], "bare-pages")
				}
			}
			create := func(i int) error {
				c := protos[i]
				c.Number = fmt.Sprintf("WRITE-%d", n)
				_, err := svcs[i].CreateContract(ctx, all, c, lines)
				return err
			}
			b.Run("create", func(b *testing.B) { side(b, 1, create) })
			// A burst: twenty creates, then one apply of all of them.
			b.Run("create-burst", func(b *testing.B) { side(b, 20, create) })
			b.Run("update", func(b *testing.B) {
				side(b, 1, func(i int) error {
					return svcs[i].UpdateContract(ctx, all, ids[i], func(d contracts.ContractDetail) (contracts.Contract, []contracts.LicenceLine, error) {
						c := d.Contract
						c.AnnualValue = contracts.Money(1_000_00 * (1 + n%50))
						ls := append([]contracts.LicenceLine(nil), lines...)
						ls[0].Quantity = 100 + n%20
						return c, ls, nil
					})
				})
			})
		})
	}
}
