// Package benchtest holds what benchmarks share: measuring the peak of the
// heap while the timed part runs.
package benchtest

import (
	"runtime"
	"testing"
	"time"
)

// HeapPeak runs fn, the timed part of a benchmark, and reports the peak of
// the heap in use while it ran, beyond what was in use before, sampled
// every millisecond, as the metric peak-heap-MiB.
func HeapPeak(b *testing.B, fn func()) {
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	b.ResetTimer()
	fn()
	b.StopTimer()
	close(stop)
	<-done
	b.ReportMetric(float64(peak-min(peak, base.HeapInuse))/(1<<20), "peak-heap-MiB")
}
