package auth_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// fixedClock is one clock two servers read.
type fixedClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fixedClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fixedClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// TestLockoutIsSharedByServers: two servers over one database (two stores
// on one file, each with its own connections and its own service). Ten
// wrong passwords for one account, spread over both and coming from ten
// addresses, lock the account on both; after the Retry-After either lets
// the right password in. Counted per process, each server would have
// allowed ten.
func TestLockoutIsSharedByServers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := &fixedClock{now: time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)}
	first := storetest.New(t)
	servers := make([]*auth.Service, 2)
	for i := range servers {
		st := storetest.Reopen(t, first, store.Options{Now: clock.Now})
		servers[i] = auth.NewService(st.Auth(), auth.Options{Now: clock.Now, Hash: auth.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}})
	}
	const email, password = "coordinator@test.nl", "a long enough password"
	if _, err := servers[0].CreateUser(ctx, auth.User{Email: email, Name: "Coördinator", Role: auth.RoleCoordinator}, password); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		_, _, _, err := servers[i%2].Login(ctx, email, fmt.Sprintf("guess %d", i), fmt.Sprintf("198.51.100.%d", i+1))
		if !errors.Is(err, auth.ErrBadCredentials) {
			t.Fatalf("wrong password %d on server %d: %v, want ErrBadCredentials", i+1, i%2+1, err)
		}
		clock.Advance(time.Second)
	}
	var wait time.Duration
	for i, srv := range servers {
		_, _, _, err := srv.Login(ctx, email, password, "203.0.113.7")
		var limited *auth.RateLimitedError
		if !errors.As(err, &limited) {
			t.Fatalf("right password on server %d after 10 failures spread over both: %v, want RateLimitedError", i+1, err)
		}
		if limited.RetryAfter <= 0 || limited.RetryAfter > time.Minute {
			t.Errorf("server %d: Retry-After %v, want within the one-minute window", i+1, limited.RetryAfter)
		}
		wait = max(wait, limited.RetryAfter)
	}
	clock.Advance(wait)
	if _, _, _, err := servers[1].Login(ctx, email, password, "203.0.113.7"); err != nil {
		t.Errorf("right password after waiting Retry-After (%v): %v, want a session", wait, err)
	}
}
