package stages_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"pushbook/internal/libtest"
	"pushbook/kernel"
)

const benchEvents = 200_000

// benchCell runs setup once, then the push cell per iteration, reporting
// events/s for benchEvents values per iteration. Its cells see the stages
// and the seed module's names.
func benchCell(b *testing.B, setup, push string) {
	s := libtest.Session(kernel.Options{MaxSteps: 1 << 62})
	libtest.Import(b, s, "seed")
	run := func(code string) {
		var errs []string
		res := s.Execute(code, func(o kernel.Output) {
			if o.OutputType == "error" {
				errs = append(errs, o.EName+": "+o.EValue)
			}
		})
		require.Equal(b, kernel.StatusOK, res.Status, "%s\n%v", code, errs)
	}
	run(setup)
	for b.Loop() {
		run(push)
	}
	b.ReportMetric(float64(benchEvents)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// seedModulePipeline is the seed's In [206] from the seed module's
// coroutines (benchCell imports them), with sinks that count instead of
// printing.
const seedModulePipeline = `
@coroutine
def co_count(name):
    while True:
        data = (yield)
pipeline = co_process(co_filter(co_split(co_count("first"), co_count("display")), co_count("second")))
`

// BenchmarkKernelSeedModule is the seed's In [206] written with the seed
// module's coroutines, sinks counting instead of printing, driven by push().
func BenchmarkKernelSeedModule(b *testing.B) {
	benchCell(b, seedModulePipeline, fmt.Sprintf("push(range(%d), pipeline)", benchEvents))
}

// BenchmarkKernelSeedModuleStarlarkSource is the same with the source a
// Starlark loop, as the seed's pushdata is.
func BenchmarkKernelSeedModuleStarlarkSource(b *testing.B) {
	benchCell(b, seedModulePipeline, fmt.Sprintf("for i in range(%d):\n    pipeline.send(i)", benchEvents))
}

// BenchmarkKernelBuiltinStages is the same topology from built-in stages and
// the built-in source, in blocks.
func BenchmarkKernelBuiltinStages(b *testing.B) {
	benchCell(b, `
head = process(add(100), filter(negate(multiple_of(3)), split(counter("first"), counter("display")), counter("second")))
`, fmt.Sprintf("push(range(%d), head, block=256)", benchEvents))
}

// BenchmarkKernelBuiltinStagesPerValue sends one value at a time (block=1,
// the default, which keeps the seed's interleaving of prints).
func BenchmarkKernelBuiltinStagesPerValue(b *testing.B) {
	benchCell(b, `
head = process(add(100), filter(negate(multiple_of(3)), split(counter("first"), counter("display")), counter("second")))
`, fmt.Sprintf("push(range(%d), head)", benchEvents))
}
