package web

import (
	"context"
	"testing"
	"time"
)

// TestHeavyReadsRespectTheRequestContext: a caller whose request ends
// while it waits gives up at once instead of waiting out the two seconds.
func TestHeavyReadsRespectTheRequestContext(t *testing.T) {
	t.Parallel()
	h := newHeavyReads(1, time.Minute)
	if !h.acquire(context.Background()) {
		t.Fatal("first acquire of an empty limiter failed")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	if h.acquire(ctx) {
		t.Fatal("second acquire with the only slot held succeeded")
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("acquire waited %s after its context ended", d)
	}
	h.release()
	if !h.acquire(context.Background()) {
		t.Error("acquire after release failed")
	}
}
