//go:build js && wasm

package main

import (
	"testing"
	"time"

	"pushbook/kernel"
)

// computeCell is compute-bound: no output, no waiting, only Starlark steps.
const computeCell = "n = 0\nfor i in range(400000):\n    n += i % 7"

// BenchmarkInterruptibleCell measures what interruptibility costs a
// compute-bound cell: the same cell in a session with the browser's yield
// hook (a trip through the event loop every 20 ms, via MessageChannel) and in
// one without any hook, alternately, reporting the extra time in percent.
// Target (issue #5): at most 10%.
func BenchmarkInterruptibleCell(b *testing.B) {
	plain := kernel.NewSession(kernel.Options{})
	y := newYielder(yieldInterval)
	yielding := kernel.NewSession(kernel.Options{YieldEvery: yieldEvery, OnYield: y.maybeYield})
	timed := func(s *kernel.Session) time.Duration {
		y.reset()
		start := time.Now()
		if res := s.Execute(computeCell, nil); res.Status != kernel.StatusOK {
			b.Fatal(res.Err)
		}
		return time.Since(start)
	}
	timed(plain) // warm up: let the engine compile the interpreter's hot paths first
	timed(yielding)
	var withHook, without time.Duration
	i := 0
	for b.Loop() {
		if i%2 == 0 { // alternate which goes first, so drift does not favour one
			without += timed(plain)
			withHook += timed(yielding)
		} else {
			withHook += timed(yielding)
			without += timed(plain)
		}
		i++
	}
	b.ReportMetric(100*(withHook.Seconds()-without.Seconds())/without.Seconds(), "yield-overhead-%")
	b.ReportMetric(float64(withHook.Milliseconds())/float64(b.N), "ms/cell-with-yield")
}
