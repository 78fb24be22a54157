package auth

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// FailureStore keeps the failed logins that decide a lockout. The
// service's is the database (Store), so that servers sharing it share one
// count: behind a load balancer, two servers that each counted their own
// failures would each allow the limit.
type FailureStore interface {
	// RecordLoginFailure records a failure of key at at.
	RecordLoginFailure(ctx context.Context, key string, at time.Time) error
	// LoginFailures returns the times of key's failures after since,
	// newest first, at most limit of them.
	LoginFailures(ctx context.Context, key string, since time.Time, limit int) ([]time.Time, error)
	// PruneLoginFailures forgets the failures of every key at or before
	// before.
	PruneLoginFailures(ctx context.Context, before time.Time) error
	// ClearLoginFailures forgets key's failures.
	ClearLoginFailures(ctx context.Context, key string) error
}

// Limiter counts failures per key (an account, a client address) in a
// sliding window and says when a key must wait. Only failures count: a
// successful attempt leaves no trace, however many arrive at once.
//
// The failures live in a FailureStore, the database shared by every
// server, so the lockout holds across servers. What stays in memory is
// the accounting of attempts in flight: it bounds how many attempts of a
// key this process checks at once, so that guesses sent together cannot
// all pass the count before any is recorded. Each server bounds its own;
// across servers the count in the database decides, and attempts that two
// servers start in the same instant may pass it together (at most one per
// server beyond the limit).
type Limiter struct {
	max      int
	window   time.Duration
	now      func() time.Time
	failures FailureStore

	mu sync.Mutex
	// inflight counts the attempts of a key that started and have not
	// ended; changed is closed (and replaced) whenever one ends, and gen
	// counts the ends, so that a count read from the store before an
	// attempt ended is read again.
	inflight map[string]int
	changed  chan struct{}
	gen      uint64
}

// NewLimiter allows max failures per key within window, counted in
// failures.
func NewLimiter(max int, window time.Duration, now func() time.Time, failures FailureStore) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{max: max, window: window, now: now, failures: failures,
		inflight: map[string]int{}, changed: make(chan struct{})}
}

// maxQueue bounds how long Begin waits for attempts in flight; after it
// the caller is told to come back in busyRetry.
const (
	maxQueue  = 10 * time.Second
	busyRetry = time.Second
)

// recent returns key's failures within the window, newest first, at most
// l.max, and how long key must wait when they reach the limit (0 when
// they do not).
func (l *Limiter) recent(ctx context.Context, key string) ([]time.Time, time.Duration, error) {
	now := l.now()
	recent, err := l.failures.LoginFailures(ctx, key, now.Add(-l.window), l.max)
	if err != nil {
		return nil, 0, fmt.Errorf("auth: login failures: %w", err)
	}
	if len(recent) < l.max {
		return recent, 0, nil
	}
	// The oldest of the newest max failures leaves the window first.
	return recent, max(recent[l.max-1].Add(l.window).Sub(now), time.Nanosecond), nil
}

// Wait returns how long key must wait before it may try again; 0 when it
// may try now.
func (l *Limiter) Wait(ctx context.Context, key string) (time.Duration, error) {
	_, wait, err := l.recent(ctx, key)
	return wait, err
}

// Begin starts an attempt for key and returns 0, or returns how long key
// must wait when its failures within the window reach the limit. Every
// attempt that starts must be ended with Done.
//
// Only failures count, but an attempt in flight may still become one: an
// attempt starts only while the failures and the attempts in flight
// together stay below the limit, so that guesses sent at once cannot all
// pass the check. When they do not, Begin waits for an attempt in flight
// to end (a success frees its place, a failure takes it) until ctx ends or
// maxQueue passes; then it asks the caller to retry in busyRetry.
func (l *Limiter) Begin(ctx context.Context, key string) (time.Duration, error) {
	timer := time.NewTimer(maxQueue)
	defer timer.Stop()
	for {
		l.mu.Lock()
		gen := l.gen
		l.mu.Unlock()
		recent, wait, err := l.recent(ctx, key)
		if err != nil {
			return 0, err
		}
		if wait > 0 {
			return wait, nil
		}
		l.mu.Lock()
		if l.gen != gen {
			// An attempt ended (and may have recorded a failure) after
			// the count was read: read it again.
			l.mu.Unlock()
			continue
		}
		if len(recent)+l.inflight[key] < l.max {
			l.inflight[key]++
			l.mu.Unlock()
			return 0, nil
		}
		changed := l.changed
		l.mu.Unlock()
		select {
		case <-changed:
		case <-timer.C:
			return busyRetry, nil
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

// Done ends an attempt that Begin started; failed records it as a
// failure first, so that the attempt keeps its place until the failure
// is counted. A failure that cannot be recorded is returned: the caller
// must not answer as if it were counted.
func (l *Limiter) Done(ctx context.Context, key string, failed bool) error {
	var err error
	if failed {
		err = l.Fail(ctx, key)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := l.inflight[key]; n > 1 {
		l.inflight[key] = n - 1
	} else {
		delete(l.inflight, key)
	}
	l.gen++
	close(l.changed)
	l.changed = make(chan struct{})
	return err
}

// Fail records a failure for key now, and forgets the failures of every
// key that have left the window.
func (l *Limiter) Fail(ctx context.Context, key string) error {
	now := l.now()
	if err := l.failures.RecordLoginFailure(ctx, key, now); err != nil {
		return fmt.Errorf("auth: record login failure: %w", err)
	}
	if err := l.failures.PruneLoginFailures(ctx, now.Add(-l.window)); err != nil {
		return fmt.Errorf("auth: prune login failures: %w", err)
	}
	return nil
}

// Reset forgets key's failures (after a successful login).
func (l *Limiter) Reset(ctx context.Context, key string) error {
	if err := l.failures.ClearLoginFailures(ctx, key); err != nil {
		return fmt.Errorf("auth: clear login failures: %w", err)
	}
	return nil
}
