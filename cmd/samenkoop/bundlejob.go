package main

import (
	"context"
	"log/slog"
	"time"
)

// The bundler's suggestions are cached per data version (procurement,
// bundle_cache.go): after a write, the first reader of the bundles used
// to wait while the categories the write touched were computed again
// (at national scale 0.1–0.2 s for one category, at stress scale more than
// a second). This job computes them right after writes instead, so that
// the reader finds them ready; a reader that comes while it runs waits
// for the same computation, never for a second one.

// bundleRefresher is what the job needs of the bundler.
type bundleRefresher interface {
	RefreshBundles(ctx context.Context) error
}

// bundleSettle is how long the job waits for writes to stop before it
// computes: during an import or a bulk edit it computes once at the end,
// not after every write. bundleSettleMax bounds the wait while writes
// keep coming.
const (
	bundleSettle    = 500 * time.Millisecond
	bundleSettleMax = 10 * time.Second
)

// runBundleJob computes the suggestions at start-up and after each quiet
// moment that follows a change, until ctx ends.
func runBundleJob(ctx context.Context, changes <-chan struct{}, b bundleRefresher, log *slog.Logger) {
	refresh := func() {
		if err := b.RefreshBundles(ctx); err != nil && ctx.Err() == nil {
			log.Error("refresh bundle suggestions", slog.Any("error", err))
		}
	}
	refresh()
	for {
		select {
		case <-ctx.Done():
			return
		case <-changes:
		}
		deadline := time.After(bundleSettleMax)
	settle:
		for {
			select {
			case <-ctx.Done():
				return
			case <-changes:
				continue
			case <-time.After(bundleSettle):
				break settle
			case <-deadline:
				break settle
			}
		}
		refresh()
	}
}
