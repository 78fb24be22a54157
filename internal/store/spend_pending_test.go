package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// TestSpendChangesAppliedAfterTheWrite: a contract write leaves its
// change of the spend model pending (migration 0024) and signals the
// server's job; a read of the model never writes: without a job it
// declines (the caller computes from the contracts) and leaves the change
// pending, with a job it waits for the job's apply, so it shows every
// acknowledged write; a contract written several times is applied once;
// more than a transaction's batch is applied in full; a rolled-back write
// leaves nothing pending; the model computed from scratch has nothing
// pending.
func TestSpendChangesAppliedAfterTheWrite(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2025, 6, 1, 9, 0, 0, 0, contracts.Amsterdam)
	st := storetest.New(t)
	svc := contracts.NewService(st.Register(), contracts.Options{Now: func() time.Time { return day }})
	if err := svc.CreateOrganization(ctx, amsterdam()); err != nil {
		t.Fatal(err)
	}
	vendor, err := svc.CreateVendor(ctx, contracts.Vendor{Name: "Alfa"})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := st.CreateCategory(ctx, contracts.Category{Name: "Telefonie"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.RefreshSpendModel(ctx); err != nil {
		t.Fatal(err)
	}
	drain(st)

	count := func(table string) int {
		t.Helper()
		rows, err := st.RowsForTest(ctx, `SELECT count(*) FROM `+table)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		fmt.Sscan(rows[0][0], &n)
		return n
	}
	// read2025 reads the model's cells of 2025 as the views do: their
	// sum, and whether the model held them.
	read2025 := func(step string) (contracts.Money, bool) {
		t.Helper()
		var sum contracts.Money
		ok, err := st.SpendCells(ctx, contracts.SpendFilter{Scope: contracts.Everyone()},
			contracts.SpendModelQuery{AsOf: contracts.NewDate(2025, 6, 1), From: 2025, To: 2025}, func(c contracts.SpendCell) error {
				sum += c.Spend.Total()
				return nil
			})
		if err != nil {
			t.Fatalf("%s: model read: %v", step, err)
		}
		return sum, ok
	}
	spend2025 := func(step string) contracts.Money {
		t.Helper()
		sum, ok := read2025(step)
		if !ok {
			t.Fatalf("%s: the model did not hold 2025", step)
		}
		return sum
	}
	contract := func(number string, value int64) contracts.Contract {
		return contracts.Contract{Organization: "GM0363", Number: number, Title: number, VendorID: vendor, CategoryID: cat,
			Start: contracts.NewDate(2025, 1, 1), InitialTermMonths: 24, RenewalKind: contracts.RenewalNone,
			AnnualValue: contracts.Money(value), Status: contracts.StatusActive}
	}
	year := func(c contracts.Contract) contracts.Money {
		return contracts.ContractYearSplit(c, nil, 2025, contracts.NewDate(2025, 6, 1), contracts.IndexRates{}).Total()
	}

	x := contract("X", 1_200_000)
	id, err := svc.CreateContract(ctx, contracts.Everyone(), x, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := count("spend_pending"); got != 1 {
		t.Fatalf("after a create: %d pending; want 1", got)
	}
	if got := count("spend_cells"); got != 0 {
		t.Fatalf("after a create: %d cells before any apply; want 0 (the write only queues)", got)
	}
	if !drain(st) {
		t.Fatal("a committed write that queued a change did not signal SpendChanges")
	}
	select {
	case <-st.DataChanges():
	default:
		t.Fatal("a committed audited write did not signal DataChanges")
	}
	if _, ok := read2025("read after create, no job"); ok {
		t.Fatal("read after create without a job: the model held 2025 with a change pending; want it to decline")
	}
	if got := count("spend_pending"); got != 1 {
		t.Fatalf("after a read without a job: %d pending; want 1 (a read does not write)", got)
	}
	// A pass over the contracts that reads their year from the model
	// computes a pending contract's year itself, as the apply will.
	modelYear := func(step string) contracts.Money {
		t.Helper()
		var got contracts.Money
		err := st.EachSpendContract(ctx, contracts.SpendFilter{Scope: contracts.Everyone(), ModelYear: 2025}, func(sc contracts.SpendContract) error {
			if sc.ID == id {
				got = sc.ModelSpend.Total()
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		return got
	}
	if got, want := modelYear("pass after create, no job"), year(x); got != want {
		t.Fatalf("pass after create without a job: 2025 spend %d; want %d (the pending contract computed)", got, want)
	}
	// A job that applies when signalled, as the server's does; the
	// write's own signal was taken above, as when the write came from
	// another process. The read asks the job to apply, and waits for it.
	stop := st.RegisterSpendJob()
	applied := make(chan int, 1)
	go func() {
		select {
		case <-st.SpendChanges():
		case <-time.After(10 * time.Second):
			t.Error("the read did not ask the job to apply")
		}
		n, err := st.ApplySpendChanges(ctx)
		if err != nil {
			t.Error(err)
		}
		applied <- n
	}()
	if got, want := spend2025("read after create, with a job"), year(x); got != want || want == 0 {
		t.Fatalf("read after create: 2025 spend %d; want %d", got, want)
	}
	if n := <-applied; n != 1 {
		t.Fatalf("the job applied %d; want 1 (the read only waits)", n)
	}
	stop()

	// Two updates before an apply: one pending row, applied once.
	for _, v := range []int64{500_000, 700_000} {
		x.AnnualValue = contracts.Money(v)
		err := svc.UpdateContract(ctx, contracts.Everyone(), id, func(d contracts.ContractDetail) (contracts.Contract, []contracts.LicenceLine, error) {
			c := d.Contract
			c.AnnualValue = contracts.Money(v)
			return c, d.Lines, nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := count("spend_pending"); got != 1 {
		t.Fatalf("after two updates: %d pending; want 1", got)
	}
	if got, want := modelYear("pass after updates"), year(x); got != want {
		t.Fatalf("pass after updates without a job: 2025 spend %d; want %d", got, want)
	}
	if n, err := st.ApplySpendChanges(ctx); err != nil || n != 1 {
		t.Fatalf("ApplySpendChanges = %d, %v; want 1", n, err)
	}
	if got, want := spend2025("read after updates"), year(x); got != want {
		t.Fatalf("read after updates: 2025 spend %d; want %d", got, want)
	}

	// A write rolled back leaves nothing pending and signals nothing.
	drain(st)
	select {
	case <-st.DataChanges():
	default:
	}
	errRollback := errors.New("rolled back")
	err = st.InTx(ctx, func(tx *store.Store) error {
		if _, err := tx.CreateContract(ctx, contract("R", 1_000), nil, contracts.Dates{}, contracts.NewDate(2025, 6, 1)); err != nil {
			return err
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatalf("rolled-back write: %v", err)
	}
	if got := count("spend_pending"); got != 0 || drain(st) {
		t.Fatalf("after a rolled-back write: %d pending or a signal; want none", got)
	}
	select {
	case <-st.DataChanges():
		t.Fatal("a rolled-back write signalled DataChanges")
	default:
	}

	// More than one transaction's batch; a deleted contract leaves the
	// model.
	if err := svc.DeleteContract(ctx, contracts.Everyone(), id); err != nil {
		t.Fatal(err)
	}
	const many = 300
	var want contracts.Money
	for i := range many {
		c := contract(fmt.Sprintf("M%d", i), int64(10_000+i))
		if _, err := svc.CreateContract(ctx, contracts.Everyone(), c, nil); err != nil {
			t.Fatal(err)
		}
		want += year(c)
	}
	// The deleted contract's id may be taken again by a new one (SQLite
	// reuses the highest rowid): then one row stands for both.
	pending := count("spend_pending")
	if pending != many && pending != many+1 {
		t.Fatalf("after a delete and %d creates: %d pending", many, pending)
	}
	if n, err := st.ApplySpendChanges(ctx); err != nil || n != pending {
		t.Fatalf("ApplySpendChanges = %d, %v; want %d", n, err, pending)
	}
	if got := spend2025("read after many"); got != want {
		t.Fatalf("read after many: 2025 spend %d; want %d", got, want)
	}
	check, err := st.CheckSpendModel(ctx)
	if err != nil || check.Different != 0 {
		t.Fatalf("CheckSpendModel: %+v, %v", check, err)
	}

	// Pending changes are part of what the doctor compares, and the model
	// computed from scratch leaves none.
	if _, err := svc.CreateContract(ctx, contracts.Everyone(), contract("P", 2_000_000), nil); err != nil {
		t.Fatal(err)
	}
	if check, err := st.CheckSpendModel(ctx); err != nil || check.Different != 0 || check.Pending != 1 {
		t.Fatalf("CheckSpendModel with a change pending: %+v, %v; want no difference and 1 pending", check, err)
	}
	if got := count("spend_pending"); got != 1 {
		t.Fatalf("CheckSpendModel changed nothing, yet %d pending; want 1", got)
	}
	if err := st.RebuildSpendModel(ctx, contracts.NewDate(2025, 6, 1), contracts.IndexRates{}); err != nil {
		t.Fatal(err)
	}
	if got := count("spend_pending"); got != 0 {
		t.Fatalf("after a rebuild: %d pending; want 0", got)
	}
}

// drain empties st's SpendChanges and reports whether it held a signal.
func drain(st *store.Store) bool {
	select {
	case <-st.SpendChanges():
		return true
	default:
		return false
	}
}
