package auth

import (
	"context"
	"sync"
	"time"
)

// Limiter counts failures per key (an account, a client address) in a
// sliding window and says when a key must wait. Only failures count: a
// successful attempt leaves no trace, however many arrive at once. It
// lives in memory: a restart forgets, which only helps an attacker who can
// also restart the server.
type Limiter struct {
	max    int
	window time.Duration
	now    func() time.Time

	mu       sync.Mutex
	failures map[string][]time.Time
	// inflight counts the attempts of a key that started and have not
	// ended; changed is closed (and replaced) whenever one ends.
	inflight map[string]int
	changed  chan struct{}
}

// NewLimiter allows max failures per key within window.
func NewLimiter(max int, window time.Duration, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{max: max, window: window, now: now, failures: map[string][]time.Time{},
		inflight: map[string]int{}, changed: make(chan struct{})}
}

// maxQueue bounds how long Begin waits for attempts in flight; after it
// the caller is told to come back in busyRetry.
const (
	maxQueue  = 10 * time.Second
	busyRetry = time.Second
)

// Wait returns how long key must wait before it may try again; 0 when it
// may try now.
func (l *Limiter) Wait(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	recent := l.prune(key)
	if len(recent) < l.max {
		return 0
	}
	return recent[len(recent)-l.max].Add(l.window).Sub(l.now())
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
		recent := l.prune(key)
		if len(recent) >= l.max {
			wait := recent[len(recent)-l.max].Add(l.window).Sub(l.now())
			l.mu.Unlock()
			return max(wait, time.Nanosecond), nil
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
// failure.
func (l *Limiter) Done(key string, failed bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := l.inflight[key]; n > 1 {
		l.inflight[key] = n - 1
	} else {
		delete(l.inflight, key)
	}
	if failed {
		l.failures[key] = append(l.prune(key), l.now())
	}
	close(l.changed)
	l.changed = make(chan struct{})
}

// Fail records a failure for key.
func (l *Limiter) Fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.failures[key] = append(l.prune(key), l.now())
}

// Reset forgets key's failures (after a successful login).
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, key)
}

// prune drops failures older than the window; the caller holds mu.
func (l *Limiter) prune(key string) []time.Time {
	cutoff := l.now().Add(-l.window)
	ts := l.failures[key]
	i := 0
	for i < len(ts) && !ts[i].After(cutoff) {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(l.failures, key)
		return nil
	}
	l.failures[key] = ts
	return ts
}
