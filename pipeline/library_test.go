package pipeline_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/pipeline"
)

func TestRoutingStagesSendEachValueWhereDocumented(t *testing.T) {
	notDiv3 := func(v int) (bool, error) { return v%3 != 0, nil }
	for _, tc := range []struct {
		name      string
		build     func(out, other *pipeline.Stage[int]) *pipeline.Stage[int]
		out, othr []int
	}{
		{"filter routes by predicate", func(o, x *pipeline.Stage[int]) *pipeline.Stage[int] {
			return pipeline.Filter("f", notDiv3, o, x)
		}, []int{1, 2, 4, 5, 7}, []int{0, 3, 6}},
		{"split copies every 3rd to side and passes all", func(o, x *pipeline.Stage[int]) *pipeline.Stage[int] {
			return pipeline.Split("s", 3, o, x)
		}, []int{0, 1, 2, 3, 4, 5, 6, 7}, []int{0, 3, 6}},
		{"thin routes every 3rd away from out", func(o, x *pipeline.Stage[int]) *pipeline.Stage[int] {
			return pipeline.Thin("t", 3, o, x)
		}, []int{1, 2, 4, 5, 7}, []int{0, 3, 6}},
		{"broadcast copies to both", func(o, x *pipeline.Stage[int]) *pipeline.Stage[int] {
			return pipeline.Broadcast("b", o, x)
		}, []int{0, 1, 2, 3, 4, 5, 6, 7}, []int{0, 1, 2, 3, 4, 5, 6, 7}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, other []int
			head := tc.build(pipeline.Collect("out", &out), pipeline.Collect("other", &other))
			require.NoError(t, pipeline.Push(pipeline.Range(8), head))
			require.NoError(t, head.Close())
			assert.Equal(t, tc.out, out, "out")
			assert.Equal(t, tc.othr, other, "other")
			edges := head.Node().Outputs()
			require.Len(t, edges, 2)
			assert.Equal(t, uint64(len(tc.out)), edges[0].Count(), "edge %s count", edges[0].Label())
			assert.Equal(t, uint64(len(tc.othr)), edges[1].Count(), "edge %s count", edges[1].Label())
		})
	}
}

func TestSplitSendsSideCopyBeforeOut(t *testing.T) {
	var order []string
	rec := func(name string) *pipeline.Stage[int] {
		return pipeline.Sink(name, func(int) error { order = append(order, name); return nil })
	}
	head := pipeline.Split("s", 2, rec("out"), rec("side"))
	require.NoError(t, pipeline.Push(pipeline.Range(3), head))
	assert.Equal(t, []string{"side", "out", "out", "side", "out"}, order)
}

func TestFilterWithNilOtherDropsRejected(t *testing.T) {
	var kept []int
	even := func(v int) (bool, error) { return v%2 == 0, nil }
	head := pipeline.Filter("even", even, pipeline.Collect("kept", &kept), nil)
	require.NoError(t, pipeline.Push(pipeline.Range(6), head))
	assert.Equal(t, []int{0, 2, 4}, kept)
	assert.Len(t, head.Node().Outputs(), 1, "a nil output draws no edge")
}

func TestMapMayChangeType(t *testing.T) {
	var got []string
	head := pipeline.Map("label", func(v int) (string, error) { return string(rune('a' + v)), nil },
		pipeline.Collect("labels", &got))
	require.NoError(t, pipeline.Push(pipeline.Range(3), head))
	assert.Equal(t, []string{"a", "b", "c"}, got)
}

func TestStopIfDoesNotPassTheStoppingValue(t *testing.T) {
	var got []int
	head := pipeline.StopIf("over 104", func(v int) (bool, error) { return v > 104, nil },
		pipeline.Collect("c", &got))
	err := pipeline.Push(slices.Values([]int{100, 101, 102, 103, 104, 105, 106}), head)
	require.ErrorIs(t, err, pipeline.ErrStopped)
	assert.Equal(t, []int{100, 101, 102, 103, 104}, got)
}

func TestTakeStopsAfterN(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want []int
		stop bool
	}{{0, nil, true}, {3, []int{0, 1, 2}, true}, {20, []int{0, 1, 2, 3, 4}, false}} {
		var got []int
		c := pipeline.Collect("c", &got)
		head := pipeline.Take("take", tc.n, c)
		err := pipeline.Push(pipeline.Range(5), head)
		if tc.stop {
			require.ErrorIs(t, err, pipeline.ErrStopped, "take %d", tc.n)
			assert.Equal(t, pipeline.Closed, c.State(), "take %d closes its output", tc.n)
		} else {
			require.NoError(t, err, "take %d", tc.n)
		}
		assert.Equal(t, tc.want, got, "take %d", tc.n)
	}
}

func TestScanSendsRunningAggregates(t *testing.T) {
	var sums []int
	head := pipeline.Scan("sum", 0, func(acc, v int) (int, error) { return acc + v, nil }, pipeline.Collect("c", &sums))
	require.NoError(t, pipeline.Push(pipeline.Range(5), head))
	assert.Equal(t, []int{0, 1, 3, 6, 10}, sums)
}

func TestScanErrorKeepsAccumulatorAndNamesStage(t *testing.T) {
	var got []int
	head := pipeline.Scan("checked sum", 0, func(acc, v int) (int, error) {
		if v < 0 {
			return acc, errors.New("negative value")
		}
		return acc + v, nil
	}, pipeline.Collect("c", &got))
	require.NoError(t, head.Send(2))
	assert.EqualError(t, head.Send(-1), `scan "checked sum": event 2: negative value`)
	assert.Equal(t, []int{2}, got)
}

func slice[T any](b []T) []T { return b }

func TestBatchFlushesPartialBatchOnClose(t *testing.T) {
	var batches [][]int
	sink := pipeline.Collect("batches", &batches)
	head := pipeline.Batch("by 3", 3, slice, sink)
	require.NoError(t, pipeline.Push(pipeline.Range(7), head))
	assert.Equal(t, [][]int{{0, 1, 2}, {3, 4, 5}}, batches)
	require.NoError(t, head.Close())
	assert.Equal(t, [][]int{{0, 1, 2}, {3, 4, 5}, {6}}, batches)
	assert.Equal(t, pipeline.Closed, sink.State())
}

func TestBatchTakesBlocksLikeValues(t *testing.T) {
	for _, block := range []int{1, 2, 3, 4, 7, 16} {
		var got [][]int
		head := pipeline.Batch("by 3", 3, slice, pipeline.Collect("c", &got))
		require.NoError(t, pipeline.PushBlocks(pipeline.Range(10), head, block))
		assert.Equal(t, uint64(10), head.Node().Received(), "block %d", block)
		require.NoError(t, head.Close())
		assert.Equal(t, [][]int{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {9}}, got, "block %d", block)
	}
}

func TestBatchStopsWithItsOutputAndNamesTheEvent(t *testing.T) {
	var got [][]int
	head := pipeline.Batch("by 2", 2, slice, pipeline.Take("one", 1, pipeline.Collect("c", &got)))
	err := pipeline.PushBlocks(pipeline.Range(10), head, 5)
	require.ErrorIs(t, err, pipeline.ErrStopped)
	assert.EqualError(t, err, `take "one": event 1: pipeline: stopped`)
	assert.Equal(t, uint64(2), head.Node().Received())
	assert.Equal(t, pipeline.Stopped, head.State())
	assert.Equal(t, [][]int{{0, 1}}, got)
}

func TestBatchCloseIntoStoppedOutputIsNotAnError(t *testing.T) {
	var got [][]int
	below := pipeline.Take("one", 1, pipeline.Collect("c", &got))
	other := pipeline.Map("other", func(v []int) ([]int, error) { return v, nil }, below)
	head := pipeline.Batch("by 2", 2, slice, below) // below has two upstreams
	require.NoError(t, head.Send(7))
	require.ErrorIs(t, other.Send([]int{1}), pipeline.ErrStopped)
	require.NoError(t, head.Close(), "the last batch meets a stopped stage")
	assert.Equal(t, [][]int{{1}}, got)
}

func TestSinkCallsFunctionForEveryValue(t *testing.T) {
	total := 0
	head := pipeline.Sink("sum", func(v int) error { total += v; return nil })
	require.NoError(t, pipeline.Push(pipeline.Range(5), head))
	assert.Equal(t, 10, total)
	assert.Equal(t, uint64(5), head.Node().Received())
}

func TestLibraryStagesDoNotAllocatePerValue(t *testing.T) {
	n := 0
	add := func(v int) (int, error) { return v + 1, nil }
	odd := func(v int) (bool, error) { return v%2 == 1, nil }
	count := pipeline.Sink("count", func(int) error { n++; return nil })
	head := pipeline.Map("add", add, pipeline.Filter("odd", odd,
		pipeline.Split("split", 2, count, pipeline.Thin("thin", 3, count, count)),
		pipeline.Broadcast("tee", pipeline.Scan("sum", 0, func(a, v int) (int, error) { return a + v, nil }, count))))
	v := 0
	allocs := testing.AllocsPerRun(1000, func() {
		if err := head.Send(v); err != nil {
			t.Fatal(err)
		}
		v++
	})
	assert.Zero(t, allocs)
}
