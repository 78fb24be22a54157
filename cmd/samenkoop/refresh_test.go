package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

func amsterdam(y int, m time.Month, d, h, min, s int) time.Time {
	return time.Date(y, m, d, h, min, s, 0, contracts.Amsterdam)
}

// TestNextRefresh: the refresh runs at the next midnight on the
// Amsterdam calendar, also on the days summer time starts (Sunday
// 29-03-2026, 23 hours) and ends (Sunday 25-10-2026, 25 hours), and for a
// time given in another zone.
func TestNextRefresh(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		now   time.Time
		want  time.Time
		after time.Duration
	}{
		{"an ordinary morning", amsterdam(2026, 11, 22, 10, 0, 0), amsterdam(2026, 11, 23, 0, 0, 0), 14 * time.Hour},
		{"a moment before midnight", amsterdam(2026, 11, 22, 23, 59, 59), amsterdam(2026, 11, 23, 0, 0, 0), time.Second},
		{"midnight itself: the next one", amsterdam(2026, 11, 23, 0, 0, 0), amsterdam(2026, 11, 24, 0, 0, 0), 24 * time.Hour},
		{"the evening before summer time: an ordinary night", amsterdam(2026, 3, 28, 22, 0, 0), amsterdam(2026, 3, 29, 0, 0, 0), 2 * time.Hour},
		{"last Sunday of March: the day has 23 hours", amsterdam(2026, 3, 29, 0, 0, 0), amsterdam(2026, 3, 30, 0, 0, 0), 23 * time.Hour},
		{"last Sunday of March, after the clocks went forward", amsterdam(2026, 3, 29, 3, 30, 0), amsterdam(2026, 3, 30, 0, 0, 0), 20*time.Hour + 30*time.Minute},
		{"last Sunday of October: the day has 25 hours", amsterdam(2026, 10, 25, 0, 0, 0), amsterdam(2026, 10, 26, 0, 0, 0), 25 * time.Hour},
		{"last Sunday of October, 02:30 summer time (00:30 UTC)", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), amsterdam(2026, 10, 26, 0, 0, 0), 22*time.Hour + 30*time.Minute},
		{"last Sunday of October, 02:30 again, winter time (01:30 UTC)", time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), amsterdam(2026, 10, 26, 0, 0, 0), 21*time.Hour + 30*time.Minute},
		{"given in UTC, already the next day in Amsterdam", time.Date(2026, 11, 22, 23, 30, 0, 0, time.UTC), amsterdam(2026, 11, 24, 0, 0, 0), 23*time.Hour + 30*time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := nextRefresh(tt.now)
			if !got.Equal(tt.want) || got.Sub(tt.now) != tt.after {
				t.Errorf("nextRefresh(%s) = %s, %s later; want %s, %s later", tt.now, got, got.Sub(tt.now), tt.want, tt.after)
			}
		})
	}
}

// fakeClock is a wall clock the test moves, with timers it fires: each
// timer the job starts is sent on waits, and fires when the test calls
// elapse.
type fakeClock struct {
	mu    sync.Mutex
	t     time.Time
	waits chan fakeTimer
}

type fakeTimer struct {
	d    time.Duration
	fire chan time.Time
}

func newFakeClock(t time.Time) *fakeClock { return &fakeClock{t: t, waits: make(chan fakeTimer, 1)} }

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) timer(d time.Duration) (<-chan time.Time, func() bool) {
	ft := fakeTimer{d: d, fire: make(chan time.Time, 1)}
	c.waits <- ft
	return ft.fire, func() bool { return true }
}

// next returns the timer the job waits on now, failing after a while.
func (c *fakeClock) next(t *testing.T) fakeTimer {
	t.Helper()
	select {
	case ft := <-c.waits:
		return ft
	case <-time.After(10 * time.Second):
		t.Fatal("the job started no timer")
		return fakeTimer{}
	}
}

// elapse moves the clock on by the timer's duration and fires it.
func (c *fakeClock) elapse(ft fakeTimer) {
	c.mu.Lock()
	c.t = c.t.Add(ft.d)
	now := c.t
	c.mu.Unlock()
	ft.fire <- now
}

// runUntil fires the job's timers, ft first, moving the clock on with
// each, until the clock reaches at; it returns how long each timer was
// and the timer the job waits on next, once it has done what was due at
// at.
func (c *fakeClock) runUntil(t *testing.T, ft fakeTimer, at time.Time) ([]time.Duration, fakeTimer) {
	t.Helper()
	var ds []time.Duration
	for c.now().Before(at) {
		ds = append(ds, ft.d)
		c.elapse(ft)
		ft = c.next(t)
	}
	return ds, ft
}

func sum(ds []time.Duration) time.Duration {
	var total time.Duration
	for _, d := range ds {
		total += d
	}
	return total
}

// startJob runs j until the test ends and waits for it to stop.
func startJob(t *testing.T, j refreshJob) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		j.run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
}

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

// TestRefreshJobAtStartAndAtMidnight: over a register whose dates were
// stored on Sunday, a server started on Monday at 00:00:05 refreshes them
// at once, before it waits; it then waits, in steps of at most an hour,
// for Tuesday's midnight, and when that comes the dates, stale again, are
// refreshed for Tuesday. The real service and store do the refreshing;
// only the clock is the test's.
func TestRefreshJobAtStartAndAtMidnight(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := newFakeClock(amsterdam(2026, 11, 22, 10, 0, 0))
	st := storetest.New(t)
	svc := contracts.NewService(st.Register(), contracts.Options{Now: clock.now})
	if err := svc.CreateOrganization(ctx, contracts.Organization{Code: "GM0363", Name: "Amsterdam", Kind: contracts.KindMunicipality}); err != nil {
		t.Fatal(err)
	}
	vendor, err := svc.CreateVendor(ctx, contracts.Vendor{Name: "KPN B.V."})
	if err != nil {
		t.Fatal(err)
	}
	// Renews on Monday: its current end is Sunday.
	if _, err := svc.CreateContract(ctx, contracts.Everyone(), contracts.Contract{Organization: "GM0363", Number: "A-1", Title: "Telefonie",
		VendorID: vendor, Start: contracts.NewDate(2025, 11, 23), InitialTermMonths: 12, RenewalKind: contracts.RenewalTacit,
		RenewalPeriodMonths: 12, NoticeMonths: 1, Status: contracts.StatusActive}, nil); err != nil {
		t.Fatal(err)
	}
	tuesday := amsterdam(2026, 11, 24, 0, 0, 0)
	onTuesday := contracts.NewService(st.Register(), contracts.Options{Now: func() time.Time { return tuesday }})
	stale := func(svc *contracts.Service, want bool, when string) {
		t.Helper()
		if got, err := svc.StaleDates(ctx); err != nil || got != want {
			t.Fatalf("%s: StaleDates for %s = %v, %v; want %v", when, svc.Today(), got, err, want)
		}
	}
	clock.mu.Lock()
	clock.t = amsterdam(2026, 11, 23, 0, 0, 5)
	clock.mu.Unlock()
	stale(svc, true, "Monday, before the server starts")

	startJob(t, refreshJob{dates: svc, now: clock.now, timer: clock.timer, log: discard, retryAfter: time.Minute, retries: 3})
	ft := clock.next(t)
	stale(svc, false, "once the job waits after its start")
	stale(onTuesday, true, "while the job waits for Tuesday")
	ds, ft := clock.runUntil(t, ft, tuesday)
	if want := 23*time.Hour + 59*time.Minute + 55*time.Second; sum(ds) != want || len(ds) != 24 {
		t.Errorf("after the start the job waits %v, %s in all; want %s in 24 steps (until Tuesday's midnight)", ds, sum(ds), want)
	}
	stale(onTuesday, false, "once the job waits after Tuesday's midnight")
	if ft.d != time.Hour {
		t.Errorf("after Tuesday's midnight the job waits %s, want an hour (the first step to the next)", ft.d)
	}
}

// scriptedDates answers StaleDates with stale and RefreshDates with the
// next of errs (nil once they run out), recording the time of each call.
type scriptedDates struct {
	clock *fakeClock
	stale bool
	mu    sync.Mutex
	errs  []error
	calls []time.Time
}

func (s *scriptedDates) StaleDates(context.Context) (bool, error) { return s.stale, nil }

func (s *scriptedDates) RefreshDates(context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, s.clock.now())
	if len(s.errs) == 0 {
		return 0, nil
	}
	err := s.errs[0]
	s.errs = s.errs[1:]
	return 0, err
}

func (s *scriptedDates) called() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Time(nil), s.calls...)
}

// TestRefreshJobRetriesAFailure: a server started with current dates
// does not refresh before the first midnight; it waits for it in steps of
// at most an hour (maxWait) and refreshes at midnight, not before. A
// failed refresh is tried again a minute later, at most three more times;
// then the job waits for the next midnight, 25 hours after the last on
// the day summer time ends, and tries again there.
func TestRefreshJobRetriesAFailure(t *testing.T) {
	t.Parallel()
	clock := newFakeClock(amsterdam(2026, 10, 24, 21, 30, 0))
	fail := errors.New("database is locked")
	dates := &scriptedDates{clock: clock, errs: []error{fail, fail, fail, fail, fail, nil}}
	startJob(t, refreshJob{dates: dates, now: clock.now, timer: clock.timer, log: discard, retryAfter: time.Minute, retries: 3})

	sunday := amsterdam(2026, 10, 25, 0, 0, 0)
	monday := amsterdam(2026, 10, 26, 0, 0, 0)
	check := func(step string, ds []time.Duration, want []time.Duration, ft fakeTimer, next time.Duration, calls ...time.Time) {
		t.Helper()
		if len(ds) != len(want) || sum(ds) != sum(want) {
			t.Errorf("%s: waits %v, want %v", step, ds, want)
		}
		if ft.d != next {
			t.Errorf("%s: then waits %s, want %s", step, ft.d, next)
		}
		got := dates.called()
		if len(got) != len(calls) {
			t.Fatalf("%s: refreshes at %v, want %v", step, got, calls)
		}
		for i := range calls {
			if !got[i].Equal(calls[i]) {
				t.Errorf("%s: refresh %d at %s, want %s", step, i+1, got[i], calls[i])
			}
		}
	}
	ft := clock.next(t)
	ds, ft := clock.runUntil(t, ft, sunday)
	check("to Sunday's midnight", ds, []time.Duration{time.Hour, time.Hour, 30 * time.Minute}, ft, time.Minute, sunday)
	ds, ft = clock.runUntil(t, ft, sunday.Add(3*time.Minute))
	check("three retries", ds, []time.Duration{time.Minute, time.Minute, time.Minute}, ft, time.Hour,
		sunday, sunday.Add(time.Minute), sunday.Add(2*time.Minute), sunday.Add(3*time.Minute))
	ds, ft = clock.runUntil(t, ft, monday)
	if sum(ds) != 24*time.Hour+57*time.Minute {
		t.Errorf("after giving up the job waits %s to the next refresh, want 24h57m (Sunday has 25 hours)", sum(ds))
	}
	ds, ft = clock.runUntil(t, ft, monday.Add(time.Minute))
	check("Monday's midnight", ds, []time.Duration{time.Minute}, ft, time.Hour,
		sunday, sunday.Add(time.Minute), sunday.Add(2*time.Minute), sunday.Add(3*time.Minute), monday, monday.Add(time.Minute))
}

// leasedDates is scriptedDates that, while a refresh runs, asks for the
// lease as a second server would, and records whether it got it.
type leasedDates struct {
	scriptedDates
	other  func() bool
	mu2    sync.Mutex
	others []bool
}

func (d *leasedDates) RefreshDates(ctx context.Context) (int, error) {
	got := d.other()
	d.mu2.Lock()
	d.others = append(d.others, got)
	d.mu2.Unlock()
	return d.scriptedDates.RefreshDates(ctx)
}

// TestRefreshJobRunsOnOneServer: the refresh runs under the lease
// "date-refresh" in the shared database. While it runs, a second server
// cannot take the lease; once it is done the lease is free. A run at a
// midnight when another server holds the lease is skipped with a log
// line, and the next midnight's run, the lease free again, refreshes.
func TestRefreshJobRunsOnOneServer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := newFakeClock(amsterdam(2026, 11, 22, 23, 30, 0))
	st := storetest.Reopen(t, storetest.New(t), store.Options{Now: clock.now})
	const other = "server-b"
	dates := &leasedDates{scriptedDates: scriptedDates{clock: clock}, other: func() bool {
		ok, err := st.TryLease(ctx, refreshLease, other, time.Hour)
		if err != nil {
			t.Error(err)
		}
		return ok
	}}
	var logs syncBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	startJob(t, refreshJob{dates: dates, now: clock.now, timer: clock.timer, log: log, leases: st, holder: "server-a",
		retryAfter: time.Minute, retries: 3})

	monday, tuesday, wednesday := amsterdam(2026, 11, 23, 0, 0, 0), amsterdam(2026, 11, 24, 0, 0, 0), amsterdam(2026, 11, 25, 0, 0, 0)
	_, ft := clock.runUntil(t, clock.next(t), monday)
	if got := dates.called(); len(got) != 1 || !got[0].Equal(monday) {
		t.Fatalf("refreshes %v, want one at Monday's midnight", got)
	}
	if len(dates.others) != 1 || dates.others[0] {
		t.Errorf("a second server took the lease while the refresh ran (%v), want refused", dates.others)
	}
	if h, _, err := st.LeaseHolder(ctx, refreshLease); err != nil || h != "" {
		t.Errorf("after the refresh the lease is held by %q (%v), want released", h, err)
	}
	if ok, err := st.TryLease(ctx, refreshLease, other, 25*time.Hour); err != nil || !ok {
		t.Fatalf("the second server takes the free lease: %v, %v", ok, err)
	}
	_, ft = clock.runUntil(t, ft, tuesday)
	if got := dates.called(); len(got) != 1 {
		t.Errorf("refreshes %v, want none at Tuesday's midnight while server-b holds the lease", got)
	}
	if !strings.Contains(logs.String(), `msg="another server holds the date refresh; skipping this run" holder=server-b`) {
		t.Errorf("the skipped run logged no line naming the holder:\n%s", logs.String())
	}
	if err := st.ReleaseLease(ctx, refreshLease, other); err != nil {
		t.Fatal(err)
	}
	clock.runUntil(t, ft, wednesday)
	if got := dates.called(); len(got) != 2 || !got[1].Equal(wednesday) {
		t.Errorf("refreshes %v, want the second at Wednesday's midnight, the lease free again", got)
	}
}

// flakyLeases fails to take the lease the first fails times, then grants
// it.
type flakyLeases struct {
	mu    sync.Mutex
	fails int
}

func (f *flakyLeases) TryLease(context.Context, string, string, time.Duration) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fails > 0 {
		f.fails--
		return false, errors.New("database is locked")
	}
	return true, nil
}

func (f *flakyLeases) LeaseHolder(context.Context, string) (string, time.Time, error) {
	return "", time.Time{}, nil
}

func (f *flakyLeases) ReleaseLease(context.Context, string, string) error { return nil }

// TestRefreshJobRetriesALeaseFailure: a lease that cannot be taken
// because the database fails is a failed attempt, tried again a minute
// later, not a run another server does.
func TestRefreshJobRetriesALeaseFailure(t *testing.T) {
	t.Parallel()
	clock := newFakeClock(amsterdam(2026, 11, 22, 23, 30, 0))
	dates := &scriptedDates{clock: clock}
	startJob(t, refreshJob{dates: dates, now: clock.now, timer: clock.timer, log: discard, leases: &flakyLeases{fails: 1}, holder: "server-a",
		retryAfter: time.Minute, retries: 3})
	monday := amsterdam(2026, 11, 23, 0, 0, 0)
	_, ft := clock.runUntil(t, clock.next(t), monday)
	if got := dates.called(); len(got) != 0 || ft.d != time.Minute {
		t.Fatalf("after a lease failure at midnight: refreshes %v, then waits %s; want none, a minute", got, ft.d)
	}
	clock.runUntil(t, ft, monday.Add(time.Minute))
	if got := dates.called(); len(got) != 1 || !got[0].Equal(monday.Add(time.Minute)) {
		t.Errorf("refreshes %v, want one a minute after midnight", got)
	}
}
