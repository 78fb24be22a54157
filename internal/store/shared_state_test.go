package store_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// sharedClock is one fixed clock that two stores read, as two servers read
// one wall clock.
type sharedClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *sharedClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *sharedClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// twoServers returns two stores over one database file, each with its own
// connections, as two servers have.
func twoServers(t *testing.T, clock *sharedClock) (*store.Store, *store.Store) {
	t.Helper()
	first := storetest.New(t)
	opts := store.Options{Now: clock.Now}
	return storetest.Reopen(t, first, opts), storetest.Reopen(t, first, opts)
}

// TestLeaseOneHolderAtATime: of two servers, the one that takes the lease
// holds it; the other is refused until it is released or has run out.
func TestLeaseOneHolderAtATime(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := &sharedClock{now: time.Date(2026, 12, 6, 23, 0, 0, 0, time.UTC)}
	a, b := twoServers(t, clock)
	const job, ttl = "date-refresh", 10 * time.Minute
	try := func(st *store.Store, holder string, want bool, when string) {
		t.Helper()
		got, err := st.TryLease(ctx, job, holder, ttl)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: TryLease by %s = %v, want %v", when, holder, got, want)
		}
	}
	try(a, "server-a", true, "a free lease")
	try(b, "server-b", false, "held by server-a")
	if h, until, err := b.LeaseHolder(ctx, job); err != nil || h != "server-a" || !until.Equal(clock.Now().Add(ttl)) {
		t.Errorf("LeaseHolder = %q until %v (%v), want server-a until %v", h, until, err, clock.Now().Add(ttl))
	}
	clock.Advance(5 * time.Minute)
	try(a, "server-a", true, "the holder again (extends)")
	clock.Advance(9 * time.Minute) // within the extended lease
	try(b, "server-b", false, "held by server-a, extended")
	if err := b.ReleaseLease(ctx, job, "server-b"); err != nil {
		t.Fatal(err)
	}
	try(b, "server-b", false, "after a release by one who does not hold it")
	if err := a.ReleaseLease(ctx, job, "server-a"); err != nil {
		t.Fatal(err)
	}
	try(b, "server-b", true, "released by server-a")
	try(a, "server-a", false, "held by server-b")
	clock.Advance(ttl)
	try(a, "server-a", true, "server-b's lease ran out")
	if h, _, err := b.LeaseHolder(ctx, job); err != nil || h != "server-a" {
		t.Errorf("LeaseHolder after expiry = %q (%v), want server-a", h, err)
	}
	try(a, "other-job-holder", false, "another holder on the same job")
	if ok, err := b.TryLease(ctx, "other-job", "server-b", ttl); err != nil || !ok {
		t.Errorf("another job's lease = %v (%v), want taken: leases are per job", ok, err)
	}
}

// TestLeaseRaceHasOneWinner: many attempts at once from two servers, and
// exactly one takes the lease.
func TestLeaseRaceHasOneWinner(t *testing.T) {
	t.Parallel()
	clock := &sharedClock{now: time.Date(2026, 12, 6, 23, 0, 0, 0, time.UTC)}
	a, b := twoServers(t, clock)
	var won atomic.Int32
	var wg sync.WaitGroup
	for i := range 16 {
		st := a
		if i%2 == 1 {
			st = b
		}
		wg.Go(func() {
			ok, err := st.TryLease(context.Background(), "date-refresh", "holder-"+string(rune('a'+i)), time.Hour)
			if err != nil {
				t.Error(err)
			}
			if ok {
				won.Add(1)
			}
		})
	}
	wg.Wait()
	if n := won.Load(); n != 1 {
		t.Errorf("%d of 16 concurrent holders got the lease, want exactly 1", n)
	}
}

// TestLoginFailuresAreShared: failures one server records are what the
// other counts, newest first, within the window and up to the limit;
// pruning and clearing forget them.
func TestLoginFailuresAreShared(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := &sharedClock{now: time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)}
	a, b := twoServers(t, clock)
	start := clock.Now()
	for i := range 5 {
		st := a
		if i%2 == 1 {
			st = b
		}
		if err := st.RecordLoginFailure(ctx, "account:x@test.nl", start.Add(time.Duration(i)*10*time.Second)); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.RecordLoginFailure(ctx, "addr:198.51.100.1", start); err != nil {
		t.Fatal(err)
	}
	got, err := b.LoginFailures(ctx, "account:x@test.nl", start.Add(5*time.Second), 3)
	if err != nil {
		t.Fatal(err)
	}
	want := []time.Time{start.Add(40 * time.Second), start.Add(30 * time.Second), start.Add(20 * time.Second)}
	if len(got) != len(want) {
		t.Fatalf("LoginFailures = %v, want %v", got, want)
	}
	for i := range want {
		if !got[i].Equal(want[i]) {
			t.Errorf("LoginFailures[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	if got, _ := a.LoginFailures(ctx, "account:x@test.nl", start.Add(5*time.Second), 10); len(got) != 4 {
		t.Errorf("failures after the first: %d, want 4 (the failure at since itself is outside)", len(got))
	}
	if err := b.PruneLoginFailures(ctx, start.Add(20*time.Second)); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.LoginFailures(ctx, "account:x@test.nl", start.Add(-time.Hour), 10); len(got) != 2 {
		t.Errorf("after pruning up to +20 s: %d failures, want 2", len(got))
	}
	if got, _ := a.LoginFailures(ctx, "addr:198.51.100.1", start.Add(-time.Hour), 10); len(got) != 0 {
		t.Errorf("pruning is for every key: the address keeps %d failures", len(got))
	}
	if err := a.ClearLoginFailures(ctx, "account:x@test.nl"); err != nil {
		t.Fatal(err)
	}
	if got, _ := b.LoginFailures(ctx, "account:x@test.nl", start.Add(-time.Hour), 10); len(got) != 0 {
		t.Errorf("after clearing: %d failures, want 0", len(got))
	}
}
