//go:build js && wasm

package main

import (
	"testing"
	"time"

	"pushbook/kernel"
	"pushbook/lib"
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

// benchWasmCell runs setup once, then cell per iteration, in a session as
// the page configures it, reporting how many events per second the cell
// handles when it handles events per run.
func benchWasmCell(b *testing.B, setup, cell string, events int) {
	y := newYielder(yieldInterval)
	s := kernel.NewSession(kernel.Options{YieldEvery: yieldEvery, OnYield: y.maybeYield, MaxSteps: 1 << 62, Modules: lib.Modules()})
	for _, code := range []string{setup, cell} { // the second runs once to warm the engine up
		if res := s.Execute(code, nil); res.Status != kernel.StatusOK {
			b.Fatal(res.Err)
		}
	}
	for b.Loop() {
		if res := s.Execute(cell, nil); res.Status != kernel.StatusOK {
			b.Fatal(res.Err)
		}
	}
	if events > 0 {
		b.ReportMetric(float64(events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	}
}

// BenchmarkWasmLoop is issue #14's pure loop, a tenth of it: small-int
// arithmetic, where every int used to be a 16-byte allocation in wasm.
func BenchmarkWasmLoop(b *testing.B) {
	benchWasmCell(b, "", "s = 0\nfor i in range(300000):\n    s += i * i % 7", 0)
}

// BenchmarkWasmSeedCoroutines is the seed's In [206] written with
// @coroutine and (yield), sinks counting instead of printing, 20,000
// values sent from a Starlark loop.
func BenchmarkWasmSeedCoroutines(b *testing.B) {
	benchWasmCell(b, `
from seed import co_process, co_filter, co_split, coroutine
@coroutine
def co_count(name):
    while True:
        (yield)
pipeline = co_process(co_filter(co_split(co_count("first"), co_count("display")), co_count("second")))
`, "for i in range(20000):\n    pipeline.send(i)", 20000)
}

// BenchmarkWasmBuiltinStages is In [206] from built-in stages and the
// built-in source, one value at a time (block=1): Go per value, no
// Starlark.
func BenchmarkWasmBuiltinStages(b *testing.B) {
	benchWasmCell(b, `
import stages
from stages import push, process, split, counter, add, negate, multiple_of
head = process(add(100), stages.filter(negate(multiple_of(3)), split(counter("first"), counter("display")), counter("second")))
`, "push(range(200000), head)", 200000)
}
