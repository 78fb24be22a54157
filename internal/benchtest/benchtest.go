// Package benchtest holds what benchmarks share: measuring the peak of the
// heap while the timed part runs.
package benchtest

import (
	"runtime"
	"syscall"
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

// CPUTime runs fn, the timed part of a benchmark, and reports the
// processor time the process used while it ran (user and system, all
// threads) per operation, as the metric cpu-ms/op. On a machine shared
// with other work the wall time per operation includes the time spent
// waiting for a processor; this does not.
func CPUTime(b *testing.B, fn func()) {
	start := processCPU()
	fn()
	if b.N > 0 {
		b.ReportMetric(float64((processCPU()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

// processCPU returns the processor time the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
