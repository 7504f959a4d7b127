package pipeline_test

import (
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/pipeline"
)

// cleanupCounter returns a coroutine sink that collects values into got and
// counts its clean-ups into closes.
func cleanupCounter(name string, got *[]int, closes *int) *pipeline.Stage[int] {
	return pipeline.Coroutine(name, func(co *pipeline.Co[int]) error {
		for v := range co.All() {
			*got = append(*got, v)
		}
		*closes++
		return nil
	})
}

func identity(v int) (int, error) { return v, nil }

// assertNoGoroutineLeak checks that the goroutine count is back to before
// (coroutine goroutines exit asynchronously after their last switch).
func assertNoGoroutineLeak(t *testing.T, before int) {
	t.Helper()
	now := runtime.NumGoroutine()
	for deadline := time.Now().Add(time.Second); now > before && time.Now().Before(deadline); now = runtime.NumGoroutine() {
		time.Sleep(time.Millisecond)
	}
	assert.LessOrEqual(t, now, before, "goroutines: had %d before, %d now", before, now)
}

func TestStateStringNamesEachState(t *testing.T) {
	for _, tc := range []struct {
		state pipeline.State
		want  string
	}{{pipeline.Open, "open"}, {pipeline.Stopped, "stopped"}, {pipeline.Closed, "closed"}, {pipeline.State(9), "State(9)"}} {
		assert.Equal(t, tc.want, tc.state.String())
	}
}

func TestFanInStageClosesOnlyWhenEveryUpstreamClosed(t *testing.T) {
	var got []int
	closes := 0
	merge := cleanupCounter("merge", &got, &closes)
	a := pipeline.Map("a", identity, merge)
	b := pipeline.Map("b", identity, merge)
	require.Equal(t, 2, merge.Node().Inputs())

	require.NoError(t, a.Send(1))
	require.NoError(t, a.Close())
	assert.Equal(t, pipeline.Open, merge.State(), "merge must stay open while b is open")
	assert.Equal(t, 0, closes)

	require.NoError(t, b.Send(2), "b still feeds merge after a closed")
	require.NoError(t, b.Close())
	assert.Equal(t, pipeline.Closed, merge.State())
	assert.Equal(t, 1, closes)
	assert.Equal(t, []int{1, 2}, got)
}

func TestCloseClosesOutputsDepthFirstInOutputOrder(t *testing.T) {
	var order []string
	sink := func(name string) *pipeline.Stage[int] {
		return pipeline.Coroutine(name, func(co *pipeline.Co[int]) error {
			for range co.All() {
			}
			order = append(order, name)
			return nil
		})
	}
	head := pipeline.Broadcast("head",
		pipeline.Broadcast("left", sink("l1"), sink("l2")),
		sink("right"))
	require.NoError(t, head.Close())
	assert.Equal(t, []string{"l1", "l2", "right"}, order)
}

func TestCloseTwiceRunsCleanupOnce(t *testing.T) {
	var got []int
	closes := 0
	s := cleanupCounter("sink", &got, &closes)
	require.NoError(t, s.Close())
	require.NoError(t, s.Close())
	assert.Equal(t, 1, closes)
	assert.Equal(t, pipeline.Closed, s.State())
}

func TestClosingFinishedStageIsNoop(t *testing.T) {
	var got []int
	closes := 0
	sink := cleanupCounter("sink", &got, &closes)
	take := pipeline.Take("take 2", 2, sink)
	require.NoError(t, take.Send(1))
	err := take.Send(2)
	require.ErrorIs(t, err, pipeline.ErrStopped, "the nth value's Send reports the stop")
	assert.Equal(t, pipeline.Stopped, take.State())
	assert.Equal(t, 1, closes, "a finished stage closes its output")

	require.NoError(t, take.Close())
	assert.Equal(t, pipeline.Stopped, take.State(), "Close keeps a stopped stage stopped")
	assert.Equal(t, 1, closes, "clean-up must not run twice")
	assert.Equal(t, []int{1, 2}, got)
}

func TestSendRefusalsWrapSentinelsAndNameTheStage(t *testing.T) {
	closed := pipeline.Collect("closed sink", new([]int))
	require.NoError(t, closed.Close())
	stopped := pipeline.StopIf("stopper", func(int) (bool, error) { return true, nil }, nil)
	require.ErrorIs(t, stopped.Send(1), pipeline.ErrStopped)
	raw := pipeline.RawCoroutine("raw", func(co *pipeline.Co[int]) error {
		for range co.All() {
		}
		return nil
	})
	defer raw.Close()

	for _, tc := range []struct {
		name  string
		stage *pipeline.Stage[int]
		want  error
		text  string
	}{
		{"closed", closed, pipeline.ErrClosed, `collect "closed sink": pipeline: closed`},
		{"stopped", stopped, pipeline.ErrStopped, `stopif "stopper": pipeline: stopped`},
		{"not started", raw, pipeline.ErrNotStarted, `coroutine "raw": pipeline: not started`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.stage.Send(7)
			require.ErrorIs(t, err, tc.want)
			assert.EqualError(t, err, tc.text)
			var se *pipeline.StageError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tc.stage.Name(), se.Stage)
		})
	}
}

func TestStopInsideBranchStopsSourceAndClosesOtherBranch(t *testing.T) {
	var left, right []int
	leftCloses, rightCloses := 0, 0
	over2 := func(v int) (bool, error) { return v > 2, nil }
	head := pipeline.Map("head", identity,
		pipeline.Broadcast("tee",
			pipeline.StopIf("stop over 2", over2, cleanupCounter("left", &left, &leftCloses)),
			cleanupCounter("right", &right, &rightCloses)))

	err := pipeline.Push(pipeline.Range(10), head)
	require.ErrorIs(t, err, pipeline.ErrStopped)
	assert.EqualError(t, err, `stopif "stop over 2": event 4: pipeline: stopped`)
	assert.Equal(t, []int{0, 1, 2}, left)
	assert.Equal(t, []int{0, 1, 2}, right, "the value that stopped the left branch does not reach the right")
	assert.Equal(t, 1, leftCloses)
	assert.Equal(t, 1, rightCloses, "the stopped tee closes its other branch")
	assert.Equal(t, pipeline.Stopped, head.State())
	assert.NoError(t, head.Node().Err(), "a clean stop records no error")
	require.ErrorIs(t, head.Send(11), pipeline.ErrStopped, "later sends to the head are refused")
	assert.Equal(t, uint64(4), head.Node().Received())
}

func TestStageErrorsNameStageAndEvent(t *testing.T) {
	boom := errors.New("boom")
	failOn := func(bad int) func(int) (int, error) {
		return func(v int) (int, error) {
			if v == bad {
				return 0, boom
			}
			return v, nil
		}
	}
	for _, tc := range []struct {
		name  string
		build func() *pipeline.Stage[int]
		text  string
	}{
		{"map", func() *pipeline.Stage[int] {
			return pipeline.Map("add", failOn(3), pipeline.Collect("c", new([]int)))
		}, `map "add": event 4: boom`},
		{"filter", func() *pipeline.Stage[int] {
			keep := func(v int) (bool, error) { _, err := failOn(1)(v); return true, err }
			return pipeline.Filter("every 3", keep, nil, nil)
		}, `filter "every 3": event 2: boom`},
		{"sink below a map passes through", func() *pipeline.Stage[int] {
			return pipeline.Map("m", identity, pipeline.Sink("printer", func(v int) error { _, err := failOn(2)(v); return err }))
		}, `sink "printer": event 3: boom`},
		{"coroutine body", func() *pipeline.Stage[int] {
			return pipeline.Coroutine("body", func(co *pipeline.Co[int]) error {
				for v := range co.All() {
					if v == 0 {
						return boom
					}
				}
				return nil
			})
		}, `coroutine "body": event 1: boom`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := pipeline.Push(pipeline.Range(10), tc.build())
			require.ErrorIs(t, err, boom)
			assert.EqualError(t, err, tc.text)
		})
	}
}

func TestOutputErrorFailsUpstreamAndIsRecorded(t *testing.T) {
	boom := errors.New("boom")
	sink := pipeline.Sink("bad", func(int) error { return boom })
	head := pipeline.Map("head", identity, sink)
	err := head.Send(1)
	require.ErrorIs(t, err, boom)
	assert.Equal(t, pipeline.Stopped, head.State())
	assert.Equal(t, err, head.Node().Err())
	assert.Equal(t, err, sink.Node().Err())
}
