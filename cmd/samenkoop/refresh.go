package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
)

// The nightly refresh of the stored contract dates. Contract dates move
// with the calendar (renewals take effect, deadlines pass); the store
// keeps a copy of them for the list's filters and sorts, which
// contracts.Service.RefreshDates brings up to date. It runs here as a
// job, on the single writer, and never inside a request: at start-up
// when any contract's dates are stale, then at each midnight in
// Europe/Amsterdam, when the day changes. Until it has run on a new day
// the list computes the rows that may have moved itself, read-only
// (contracts/dates_stored.go), so a failed or late refresh makes lists
// slower, never wrong.
//
// Several servers may share one database. The refresh then runs on one
// of them at a time: each run takes the lease "date-refresh" in the
// database first (store.TryLease), and a server that finds another
// holding it logs so and skips the run, which the holder does for all.

// datesRefresher is what the job needs of contracts.Service.
type datesRefresher interface {
	StaleDates(ctx context.Context) (bool, error)
	RefreshDates(ctx context.Context) (int, error)
}

// jobLeases is what the job needs of the store to run on one server at
// a time.
type jobLeases interface {
	TryLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error)
	LeaseHolder(ctx context.Context, name string) (string, time.Time, error)
	ReleaseLease(ctx context.Context, name, holder string) error
}

// The lease of the refresh: its name, and how long one attempt may hold
// it. Each attempt takes it again, so retries keep it; a server that
// stops while holding it leaves it to the others after refreshLeaseTTL.
// An attempt that takes longer lets a second server start one too, which
// costs work but not correctness: the refresh is idempotent.
const (
	refreshLease    = "date-refresh"
	refreshLeaseTTL = 30 * time.Minute
)

// leaseHolder names this process among the servers sharing the database:
// host, process id, and a random part for a restarted process that gets
// the same id.
func leaseHolder() string {
	host, err := os.Hostname()
	if err != nil {
		host = "unknown-host"
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return fmt.Sprintf("%s pid %d %s", host, os.Getpid(), hex.EncodeToString(b))
}

// timerFunc returns a channel that receives once d has passed and a
// function that stops the timer: time.NewTimer's, or a test's.
type timerFunc func(d time.Duration) (<-chan time.Time, func() bool)

// realTimer is the timerFunc of time.NewTimer.
func realTimer(d time.Duration) (<-chan time.Time, func() bool) {
	t := time.NewTimer(d)
	return t.C, t.Stop
}

// refreshJob runs the refresh at start-up and at each midnight.
type refreshJob struct {
	dates datesRefresher
	// now is the wall clock the midnights are found on; the service reads
	// the same clock for its day.
	now   func() time.Time
	timer timerFunc
	log   *slog.Logger
	// leases, when set, let one server at a time refresh; holder names
	// this one.
	leases jobLeases
	holder string
	// A failed refresh is tried again after retryAfter, at most retries
	// more times; after that the next midnight's run tries again.
	retryAfter time.Duration
	retries    int
}

// newRefreshJob returns the job of the server: the real clock, the lease
// in the shared database, a retry a minute after a failure, three at
// most.
func newRefreshJob(dates datesRefresher, leases jobLeases, log *slog.Logger) refreshJob {
	return refreshJob{dates: dates, now: time.Now, timer: realTimer, log: log, leases: leases, holder: leaseHolder(),
		retryAfter: time.Minute, retries: 3}
}

// maxWait bounds one timer: the job then looks at the wall clock again,
// so that a clock set forward or back, or a machine that slept, moves
// the refresh to the real midnight instead of one a fixed time away.
const maxWait = time.Hour

// nextRefresh returns the first midnight in Europe/Amsterdam after now.
// It is found on the calendar, not by adding 24 hours: the days on which
// summer time starts and ends (the last Sundays of March and October)
// last 23 and 25 hours.
func nextRefresh(now time.Time) time.Time {
	y, m, d := now.In(contracts.Amsterdam).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, contracts.Amsterdam)
}

// run refreshes at once when any contract's dates are stale, then at
// each midnight, until ctx ends.
func (j refreshJob) run(ctx context.Context) {
	stale, err := j.dates.StaleDates(ctx)
	if err != nil {
		j.log.Error("check contract dates", slog.Any("error", err))
	}
	if err != nil || stale {
		j.refresh(ctx)
	}
	for {
		next := nextRefresh(j.now())
		// A timer that fires a moment early leaves now before next: it
		// waits the rest, so the refresh runs on the new day.
		for now := j.now(); now.Before(next); now = j.now() {
			if !j.wait(ctx, min(next.Sub(now), maxWait)) {
				return
			}
		}
		j.refresh(ctx)
	}
}

// refresh runs the refresh under the lease, trying again after
// j.retryAfter when it fails, at most j.retries more times. Without the
// lease it skips: another server runs it.
func (j refreshJob) refresh(ctx context.Context) {
	if j.leases != nil {
		defer func() {
			// Released also when ctx ended, so that another server need
			// not wait for the lease to run out.
			if err := j.leases.ReleaseLease(context.WithoutCancel(ctx), refreshLease, j.holder); err != nil {
				j.log.Warn("release the lease of the date refresh", slog.Any("error", err))
			}
		}()
	}
	for attempt := 0; ; attempt++ {
		// A lease that cannot be read fails the attempt like a refresh
		// that fails; one that another server holds ends the run.
		held, err := j.lease(ctx)
		if err == nil && !held {
			return
		}
		start, n := j.now(), 0
		if err == nil {
			n, err = j.dates.RefreshDates(ctx)
		}
		switch {
		case ctx.Err() != nil:
			return
		case err == nil:
			j.log.Info("refreshed contract dates", slog.Int("changed", n), slog.Duration("took", j.now().Sub(start)))
			return
		case attempt == j.retries:
			j.log.Error("refresh contract dates failed; next try at midnight (lists compute moved dates meanwhile)",
				slog.Int("attempts", attempt+1), slog.Any("error", err))
			return
		}
		j.log.Warn("refresh contract dates failed; trying again", slog.Duration("after", j.retryAfter), slog.Any("error", err))
		if !j.wait(ctx, j.retryAfter) {
			return
		}
	}
}

// lease takes (or extends) the lease of the refresh and reports whether
// this server may run it, logging who holds it when not; without leases
// it always may.
func (j refreshJob) lease(ctx context.Context) (bool, error) {
	if j.leases == nil {
		return true, nil
	}
	ok, err := j.leases.TryLease(ctx, refreshLease, j.holder, refreshLeaseTTL)
	if err != nil {
		return false, fmt.Errorf("take the lease %s: %w", refreshLease, err)
	}
	if !ok {
		holder, until, err := j.leases.LeaseHolder(ctx, refreshLease)
		if err != nil {
			holder = "unknown: " + err.Error()
		}
		j.log.Info("another server holds the date refresh; skipping this run", slog.String("holder", holder), slog.Time("until", until))
	}
	return ok, nil
}

// wait waits d; false when ctx ended first.
func (j refreshJob) wait(ctx context.Context, d time.Duration) bool {
	c, stop := j.timer(d)
	defer stop()
	select {
	case <-ctx.Done():
		return false
	case <-c:
		return true
	}
}
