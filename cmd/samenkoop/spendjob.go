package main

import (
	"context"
	"log/slog"
	"time"
)

// The spend model is derived after the write (internal/store,
// spend_pending.go): a contract write leaves its change pending, and this
// job applies it shortly after the commit, so that the writes stay as cheap
// as without the model and a burst of them is applied at once. Reads of
// the model never write: one that finds a change pending waits for this
// job's next apply (the job registers with the store), briefly, and
// computes from the contracts when it is late, so a late or failed run
// makes the first read after a write slower, never wrong. Several servers
// sharing a database each run the job; their applies take the write lock
// in turn, and the second finds nothing left.

// spendApplier is what the job needs of the store.
type spendApplier interface {
	SpendChanges() <-chan struct{}
	ApplySpendChanges(ctx context.Context) (int, error)
	RegisterSpendJob() (unregister func())
}

// spendSettle is how long the job lets writes gather after the first
// one's signal before it applies: a burst of writes (an import client, a
// bulk edit) is applied at once, and the cells and rollups they share are
// written once. A read that finds a change pending waits for it.
const spendSettle = 50 * time.Millisecond

// runSpendJob applies the pending changes at start-up (an earlier
// process may have left some) and spendSettle after every write that
// leaves one, until ctx ends.
func runSpendJob(ctx context.Context, st spendApplier, log *slog.Logger) {
	defer st.RegisterSpendJob()()
	apply := func() {
		if _, err := st.ApplySpendChanges(ctx); err != nil && ctx.Err() == nil {
			log.Error("apply spend changes", slog.Any("error", err))
		}
	}
	apply()
	for {
		select {
		case <-ctx.Done():
			return
		case <-st.SpendChanges():
			select {
			case <-ctx.Done():
				return
			case <-time.After(spendSettle):
			}
			apply()
		}
	}
}
