package pipeline_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/pipeline"
)

// seedTopology builds the In [206] shape from library stages with
// collecting sinks, plus thin, broadcast, stopif and take on the way.
func seedTopology(first, display, second, thinned *[]int) *pipeline.Stage[int] {
	add100 := func(v int) (int, error) { return v + 100, nil }
	notDiv3 := func(v int) (bool, error) { return v%3 != 0, nil }
	never := func(int) (bool, error) { return false, nil }
	return pipeline.Map("process", add100,
		pipeline.StopIf("never", never,
			pipeline.Take("take 1000", 1000,
				pipeline.Filter("filter", notDiv3,
					pipeline.Split("split", 2, pipeline.Collect("first", first), pipeline.Collect("display", display)),
					pipeline.Broadcast("tee",
						pipeline.Collect("second", second),
						pipeline.Thin("thin", 4, pipeline.Discard[int]("rest"), pipeline.Collect("thinned", thinned)))))))
}

func TestPushBlocksMatchesPushForEveryBlockSize(t *testing.T) {
	var want [4][]int
	ref := seedTopology(&want[0], &want[1], &want[2], &want[3])
	err := pipeline.Push(pipeline.Range(1200), ref)
	require.ErrorIs(t, err, pipeline.ErrStopped, "take 1000 stops the source")
	for _, size := range []int{1, 3, 64, 999, 5000} {
		t.Run(fmt.Sprint("size ", size), func(t *testing.T) {
			var got [4][]int
			head := seedTopology(&got[0], &got[1], &got[2], &got[3])
			err := pipeline.PushBlocks(pipeline.Range(1200), head, size)
			require.ErrorIs(t, err, pipeline.ErrStopped)
			assert.Equal(t, want, got)
			// From take down (node 2 on), counts and states are those of
			// Push; above the stop, the whole last block counts as received.
			wantG, gotG := pipeline.Describe(ref.Node()), pipeline.Describe(head.Node())
			assert.Equal(t, wantG.Nodes[2:], gotG.Nodes[2:])
			assert.Equal(t, wantG.Edges[2:], gotG.Edges[2:])
			assert.Equal(t, uint64(min(1200, (1000+size-1)/size*size)), gotG.Nodes[0].Received)
		})
	}
}

func TestSendAllStopsMidBlockAtStopIf(t *testing.T) {
	var got []int
	head := pipeline.StopIf("over 4", func(v int) (bool, error) { return v > 4, nil }, pipeline.Collect("c", &got))
	err := head.SendAll([]int{1, 2, 5, 3})
	require.ErrorIs(t, err, pipeline.ErrStopped)
	assert.EqualError(t, err, `stopif "over 4": event 3: pipeline: stopped`)
	assert.Equal(t, []int{1, 2}, got)
	assert.Equal(t, uint64(3), head.Node().Received())
}

func TestSendAllErrorsNameTheEventInTheBlock(t *testing.T) {
	boom := errors.New("boom")
	failOn := func(bad int) func(int) error {
		return func(v int) error {
			if v == bad {
				return boom
			}
			return nil
		}
	}
	var kept []int
	mapped := pipeline.Map("m", func(v int) (int, error) { return v, failOn(3)(v) }, pipeline.Collect("kept", &kept))
	err := mapped.SendAll([]int{0, 1, 2, 3, 4})
	assert.EqualError(t, err, `map "m": event 4: boom`)
	assert.Equal(t, []int{0, 1, 2}, kept, "values before the failure are delivered")

	sink := pipeline.Sink("s", failOn(2))
	assert.EqualError(t, sink.SendAll([]int{0, 1, 2, 3}), `sink "s": event 3: boom`)

	filter := pipeline.Filter("f", func(v int) (bool, error) { return true, failOn(1)(v) }, nil, nil)
	assert.EqualError(t, filter.SendAll([]int{0, 1, 2}), `filter "f": event 2: boom`)
}

func TestSendAllFallsBackToOneByOneForCoroutines(t *testing.T) {
	var got []int
	closes := 0
	head := pipeline.Split("split", 2, cleanupCounter("all", &got, &closes), pipeline.Discard[int]("side"))
	require.NoError(t, head.SendAll([]int{5, 6, 7}))
	require.NoError(t, head.Close())
	assert.Equal(t, []int{5, 6, 7}, got)
	assert.Equal(t, 1, closes)
}

func TestSendAllToClosedStageIsRefused(t *testing.T) {
	d := pipeline.Discard[int]("d")
	require.NoError(t, d.Close())
	require.ErrorIs(t, d.SendAll([]int{1}), pipeline.ErrClosed)
}
