package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeApplier counts the applies and reports each on applied.
type fakeApplier struct {
	wake    chan struct{}
	applied chan int
	mu      sync.Mutex
	n       int
	err     error
	// jobs counts the registered jobs (RegisterSpendJob).
	jobs int
}

func (f *fakeApplier) SpendChanges() <-chan struct{} { return f.wake }

func (f *fakeApplier) RegisterSpendJob() func() {
	f.mu.Lock()
	f.jobs++
	f.mu.Unlock()
	return func() {
		f.mu.Lock()
		f.jobs--
		f.mu.Unlock()
	}
}

func (f *fakeApplier) registered() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.jobs
}

func (f *fakeApplier) ApplySpendChanges(context.Context) (int, error) {
	f.mu.Lock()
	f.n++
	n, err := f.n, f.err
	f.mu.Unlock()
	f.applied <- n
	return 0, err
}

// TestSpendJobAppliesAtStartAndAfterEachSignal: the job applies once at
// start-up (what an earlier process left pending), once per signal of a
// write, logs a failed apply and goes on, and returns when its context
// ends; while it runs it is registered, so that reads wait for it.
func TestSpendJobAppliesAtStartAndAfterEachSignal(t *testing.T) {
	f := &fakeApplier{wake: make(chan struct{}, 1), applied: make(chan int), err: errors.New("database is locked")}
	var logs bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		runSpendJob(ctx, f, slog.New(slog.NewTextHandler(&logs, nil)))
	}()
	next := func(want int) {
		t.Helper()
		select {
		case n := <-f.applied:
			if n != want {
				t.Fatalf("apply %d; want %d", n, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("apply %d did not come", want)
		}
	}
	next(1)
	f.wake <- struct{}{}
	next(2)
	f.wake <- struct{}{}
	next(3)
	if got := f.registered(); got != 1 {
		t.Fatalf("a running job: %d registered; want 1", got)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the job did not stop with its context")
	}
	if got := f.registered(); got != 0 {
		t.Fatalf("a stopped job: %d registered; want 0", got)
	}
	if got := strings.Count(logs.String(), "apply spend changes"); got < 2 {
		t.Fatalf("failed applies logged %d times; want each of the first two:\n%s", got, logs.String())
	}
}
