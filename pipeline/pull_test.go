package pipeline_test

import (
	"errors"
	"slices"
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

func TestPullHelpersAreLazyAndComposable(t *testing.T) {
	pulled := 0
	src := pipeline.MapSeq(pipeline.Range(100), func(i int) int { pulled++; return i * i })
	got := slices.Collect(pipeline.TakeSeq(pipeline.FilterSeq(src, func(v int) bool { return v%2 == 1 }), 3))
	assert.Equal(t, []int{1, 9, 25}, got)
	assert.Equal(t, 6, pulled, "TakeSeq stops pulling once it has its values")
	assert.Empty(t, slices.Collect(pipeline.TakeSeq(pipeline.Range(5), 0)))
	assert.Equal(t, []int{0, 1}, slices.Collect(pipeline.TakeSeq(pipeline.Range(2), 5)))
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

func TestGeneratorNextReturnsValuesThenExhausted(t *testing.T) {
	g := pipeline.NewGenerator("d", pipeline.Range(2))
	for want := range 2 {
		v, err := g.Next()
		require.NoError(t, err)
		assert.Equal(t, want, v)
	}
	_, err := g.Next()
	require.ErrorIs(t, err, pipeline.ErrExhausted)
	assert.EqualError(t, err, `generator "d": pipeline: generator exhausted`)
}

func TestGeneratorPanicBecomesError(t *testing.T) {
	g := pipeline.NewGenerator("bad", func(yield func(int) bool) {
		yield(1)
		panic(errors.New("broken source"))
	})
	defer g.Close()
	_, err := g.Next()
	require.NoError(t, err)
	_, err = g.Next()
	assert.EqualError(t, err, `generator "bad": panic: broken source`)
}

func TestGeneratorCloseEndsEarly(t *testing.T) {
	g := pipeline.NewGenerator("g", pipeline.Range(10))
	_, err := g.Next()
	require.NoError(t, err)
	g.Close()
	_, err = g.Next()
	assert.ErrorIs(t, err, pipeline.ErrExhausted)
}
