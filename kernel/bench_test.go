package kernel_test

import (
	"testing"

	"pushbook/kernel"
)

// BenchmarkLoopSteps measures a cell's loop under the shared step
// accounting and a yield hook, the browser's configuration.
func BenchmarkLoopSteps(b *testing.B) {
	s := kernel.NewSession(kernel.Options{YieldEvery: 100_000, OnYield: func() {}})
	for b.Loop() {
		if res := s.Execute("n = 0\nfor i in range(100000):\n    n += i", nil); res.Status != kernel.StatusOK {
			b.Fatal(res.Err)
		}
	}
}
