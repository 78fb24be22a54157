package main

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"
)

// fakeBundler reports each refresh on refreshed.
type fakeBundler struct{ refreshed chan struct{} }

func (f fakeBundler) RefreshBundles(context.Context) error {
	f.refreshed <- struct{}{}
	return nil
}

// TestBundleJobRefreshesOnceAfterABurst: the job computes the suggestions
// at start-up, then once after a burst of changes has settled (not once
// per change), and stops with its context.
func TestBundleJobRefreshesOnceAfterABurst(t *testing.T) {
	f := fakeBundler{refreshed: make(chan struct{}, 10)}
	changes := make(chan struct{}, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		runBundleJob(ctx, changes, f, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}()
	wait := func(what string) {
		t.Helper()
		select {
		case <-f.refreshed:
		case <-time.After(10 * time.Second):
			t.Fatalf("no refresh %s", what)
		}
	}
	wait("at start-up")
	// A burst of ten changes.
	for range 10 {
		changes <- struct{}{}
	}
	wait("after the burst")
	select {
	case <-f.refreshed:
		t.Fatal("a second refresh for one burst")
	case <-time.After(2 * bundleSettle):
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the job did not stop with its context")
	}
}
