package pipeline_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/pipeline"
)

func TestPushStopsPullingAtFirstError(t *testing.T) {
	pulled := 0
	seq := func(yield func(int) bool) {
		for i := range 10 {
			pulled++
			if !yield(i) {
				return
			}
		}
	}
	head := pipeline.Take("take 3", 3, pipeline.Collect("c", new([]int)))
	require.ErrorIs(t, pipeline.Push(seq, head), pipeline.ErrStopped)
	assert.Equal(t, 3, pulled)
}

func TestSenderReportsStopOnceAndEnds(t *testing.T) {
	s := pipeline.RawCoroutine("two replies", func(co *pipeline.Co[int]) error {
		v, _ := co.Recv()
		v, _ = co.Yield(v * 10)
		_, _ = co.Yield(v * 10)
		return nil
	})
	var replies []int
	var errs []error
	for r, err := range pipeline.Sender(s, pipeline.Range(5)) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		replies = append(replies, r)
	}
	assert.Equal(t, []int{0, 10}, replies)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], pipeline.ErrStopped)
}
