package pipeline_test

import (
	"iter"
	"testing"

	"github.com/stretchr/testify/require"

	"pushbook/pipeline"
)

// hops counts the values all stages below head accepted: one per Send.
func hops(head *pipeline.Node) uint64 {
	var n uint64
	for _, node := range pipeline.Describe(head).Nodes {
		n += node.Received
	}
	return n
}

func countingSink(name string, n *int) *pipeline.Stage[int] {
	return pipeline.Sink(name, func(int) error { *n++; return nil })
}

// reportRates reports events/s (values pushed at the head) and ns/hop
// (time per value accepted by any stage).
func reportRates(b *testing.B, head *pipeline.Node, events int) {
	b.Helper()
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(events)/sec, "events/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(hops(head)), "ns/hop")
}

// seedLibraryPipeline is the seed's In [206] topology from library stages:
// map +100, filter every 3, split every 2, three counting sinks.
func seedLibraryPipeline(first, display, second *pipeline.Stage[int]) *pipeline.Stage[int] {
	add100 := func(v int) (int, error) { return v + 100, nil }
	notDiv3 := func(v int) (bool, error) { return v%3 != 0, nil }
	return pipeline.Map("process", add100,
		pipeline.Filter("filter", notDiv3,
			pipeline.Split("split", 2, first, display),
			second))
}

// BenchmarkSeedPipeline pushes ints through the In [206] topology in
// blocks of 256 (Stage.SendAll), into Discard sinks that count.
func BenchmarkSeedPipeline(b *testing.B) {
	first, display, second := pipeline.Discard[int]("first"), pipeline.Discard[int]("display"), pipeline.Discard[int]("second")
	head := seedLibraryPipeline(first, display, second)
	block := make([]int, 256)
	b.ReportAllocs()
	events := 0
	for b.Loop() {
		for i := range block {
			block[i] = events + i
		}
		if err := head.SendAll(block); err != nil {
			b.Fatal(err)
		}
		events += len(block)
	}
	b.StopTimer()
	if got := first.Node().Received() + second.Node().Received(); got != uint64(events) {
		b.Fatalf("first+second received %d, want %d", got, events)
	}
	reportRates(b, head.Node(), events)
	require.NoError(b, head.Close())
}

// BenchmarkSeedPipelineSinkFuncs is BenchmarkSeedPipeline with Sink
// callbacks doing the counting (one call per value per sink).
func BenchmarkSeedPipelineSinkFuncs(b *testing.B) {
	var first, display, second int
	head := seedLibraryPipeline(countingSink("first", &first), countingSink("display", &display), countingSink("second", &second))
	block := make([]int, 256)
	b.ReportAllocs()
	events := 0
	for b.Loop() {
		for i := range block {
			block[i] = events + i
		}
		if err := head.SendAll(block); err != nil {
			b.Fatal(err)
		}
		events += len(block)
	}
	b.StopTimer()
	if first+second != events {
		b.Fatalf("first+second = %d, want %d", first+second, events)
	}
	reportRates(b, head.Node(), events)
	require.NoError(b, head.Close())
}

// BenchmarkSeedPipelinePerValue is the same topology driven one value per
// Send, as the seed's pushdata does, with counting Sink callbacks.
func BenchmarkSeedPipelinePerValue(b *testing.B) {
	var first, display, second int
	head := seedLibraryPipeline(countingSink("first", &first), countingSink("display", &display), countingSink("second", &second))
	b.ReportAllocs()
	events := 0
	for b.Loop() {
		if err := head.Send(events); err != nil {
			b.Fatal(err)
		}
		events++
	}
	b.StopTimer()
	if first+second != events {
		b.Fatalf("first+second = %d, want %d", first+second, events)
	}
	reportRates(b, head.Node(), events)
	require.NoError(b, head.Close())
}

// BenchmarkCoroutineStage runs the same topology with every stage a
// receive-loop coroutine, so each hop is a coroutine hand-off.
func BenchmarkCoroutineStage(b *testing.B) {
	var first, display, second int
	sink := func(name string, n *int) *pipeline.Stage[int] {
		return pipeline.Coroutine(name, func(co *pipeline.Co[int]) error {
			for range co.All() {
				*n++
			}
			return nil
		})
	}
	process := pipeline.Coroutine("process", func(co *pipeline.Co[int]) error {
		for v := range co.All() {
			if err := co.Send(0, v+100); err != nil {
				return err
			}
		}
		return nil
	}, pipeline.Coroutine("filter", func(co *pipeline.Co[int]) error {
		for v := range co.All() {
			out := 0
			if v%3 == 0 {
				out = 1
			}
			if err := co.Send(out, v); err != nil {
				return err
			}
		}
		return nil
	}, pipeline.Coroutine("split", func(co *pipeline.Co[int]) error {
		count := 0
		for v := range co.All() {
			if count%2 == 0 {
				if err := co.Send(1, v); err != nil {
					return err
				}
			}
			count++
			if err := co.Send(0, v); err != nil {
				return err
			}
		}
		return nil
	}, sink("first", &first), sink("display", &display)), sink("second", &second)))
	b.ReportAllocs()
	events := 0
	for b.Loop() {
		if err := process.Send(events); err != nil {
			b.Fatal(err)
		}
		events++
	}
	b.StopTimer()
	if first+second != events {
		b.Fatalf("first+second = %d, want %d", first+second, events)
	}
	reportRates(b, process.Node(), events)
	require.NoError(b, process.Close())
}

// BenchmarkPullRoundTrip is the floor under BenchmarkCoroutineStage: one
// bare iter.Pull hand-off and back per op, with no stage around it.
func BenchmarkPullRoundTrip(b *testing.B) {
	var in int
	next, stop := iter.Pull(func(yield func(int) bool) {
		sum := 0
		for yield(sum) {
			sum += in
		}
	})
	defer stop()
	next()
	for i := 0; b.Loop(); i++ {
		in = i
		next()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/hop")
}
