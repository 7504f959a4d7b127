package pipeline_test

import (
	"errors"
	"fmt"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/pipeline"
)

func TestExchangeReturnsEachReply(t *testing.T) {
	r := pipeline.RawCoroutine("running_avg", runningAvg)
	defer r.Close()
	first, err := r.Start()
	require.NoError(t, err)
	assert.Zero(t, first, "the first receive replies nothing")
	for _, tc := range []struct{ in, want float64 }{{10, 10}, {100, 55}, {100, 70}, {0, 52.5}} {
		got, err := r.Exchange(tc.in)
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, "reply to %v", tc.in)
	}
}

func TestStartReturnsFirstReplyAndRefusesSecondStart(t *testing.T) {
	s := pipeline.RawCoroutine("greeter", func(co *pipeline.Co[string]) error {
		name, ok := co.Yield("ready")
		for ok {
			name, ok = co.Yield("hello " + name)
		}
		return nil
	})
	defer s.Close()
	require.ErrorIs(t, s.Send("early"), pipeline.ErrNotStarted)
	assert.Equal(t, pipeline.Open, s.State(), "a refused early send leaves the stage usable")
	reply, err := s.Start()
	require.NoError(t, err)
	assert.Equal(t, "ready", reply)
	_, err = s.Start()
	require.ErrorIs(t, err, pipeline.ErrAlreadyStarted)
	reply, err = s.Exchange("Ada")
	require.NoError(t, err)
	assert.Equal(t, "hello Ada", reply)
}

func TestPrimedCoroutineRunsStartUpAtConstruction(t *testing.T) {
	var log []string
	mk := func(name string, outs ...*pipeline.Stage[int]) *pipeline.Stage[int] {
		return pipeline.Coroutine(name, func(co *pipeline.Co[int]) error {
			log = append(log, "init "+name)
			for range co.All() {
			}
			return nil
		}, outs...)
	}
	head := mk("outer", mk("inner"))
	defer head.Close()
	assert.Equal(t, []string{"init inner", "init outer"}, log)
	_, err := head.Start()
	require.ErrorIs(t, err, pipeline.ErrAlreadyStarted)
}

func TestClosingRawCoroutineBeforeStartSkipsBody(t *testing.T) {
	ran := false
	var got []int
	closes := 0
	sink := cleanupCounter("sink", &got, &closes)
	s := pipeline.RawCoroutine("raw", func(co *pipeline.Co[int]) error {
		ran = true
		return nil
	}, sink)
	require.NoError(t, s.Close())
	assert.False(t, ran)
	assert.Equal(t, pipeline.Closed, s.State())
	assert.Equal(t, 1, closes, "closing still flows down")
}

func TestBodyReturningStopsStage(t *testing.T) {
	var got []int
	closes := 0
	s := pipeline.Coroutine("first two", func(co *pipeline.Co[int]) error {
		for range 2 {
			v, ok := co.Recv()
			if !ok {
				return nil
			}
			if err := co.Send(0, v); err != nil {
				return err
			}
		}
		return nil
	}, cleanupCounter("sink", &got, &closes))
	require.NoError(t, s.Send(1))
	require.ErrorIs(t, s.Send(2), pipeline.ErrStopped, "the send during which the body returned reports the stop")
	assert.Equal(t, pipeline.Stopped, s.State())
	assert.Equal(t, []int{1, 2}, got, "the body handled the second value before returning")
	assert.Equal(t, 1, closes)
	require.ErrorIs(t, s.Send(3), pipeline.ErrStopped)
}

func TestBodyStartUpFailureStopsStageWithError(t *testing.T) {
	boom := errors.New("no config")
	s := pipeline.Coroutine("loader", func(co *pipeline.Co[int]) error { return boom })
	assert.Equal(t, pipeline.Stopped, s.State())
	require.ErrorIs(t, s.Node().Err(), boom)
	assert.EqualError(t, s.Node().Err(), `coroutine "loader": start-up: no config`)
}

func TestBodyPanicBecomesErrorNamingStage(t *testing.T) {
	before := runtime.NumGoroutine()
	for _, tc := range []struct {
		name  string
		value any
		text  string
	}{
		{"string", "bad index", `coroutine "fragile": event 2: panic: bad index`},
		{"error", errors.New("wrapped"), `coroutine "fragile": event 2: panic: wrapped`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := pipeline.Coroutine("fragile", func(co *pipeline.Co[int]) error {
				for v := range co.All() {
					if v == 2 {
						panic(tc.value)
					}
				}
				return nil
			})
			require.NoError(t, s.Send(1))
			err := s.Send(2)
			assert.EqualError(t, err, tc.text)
			assert.Equal(t, pipeline.Stopped, s.State())
			require.NoError(t, s.Close())
		})
	}
	assertNoGoroutineLeak(t, before)
}

func TestBodyPanicInCleanupIsReturnedByClose(t *testing.T) {
	s := pipeline.Coroutine("fragile", func(co *pipeline.Co[int]) error {
		for range co.All() {
		}
		panic("cleanup failed")
	})
	err := s.Close()
	assert.EqualError(t, err, `coroutine "fragile": clean-up: panic: cleanup failed`)
	assert.Equal(t, pipeline.Closed, s.State())
}

func TestBodyThatKeepsReceivingAfterCloseIsEnded(t *testing.T) {
	before := runtime.NumGoroutine()
	received := 0
	s := pipeline.Coroutine("stubborn", func(co *pipeline.Co[int]) error {
		for {
			if _, ok := co.Recv(); ok {
				received++
			}
		}
	})
	require.NoError(t, s.Send(1))
	err := s.Close()
	require.ErrorIs(t, err, pipeline.ErrIgnoredClose)
	assert.EqualError(t, err, `coroutine "stubborn": clean-up: pipeline: body kept receiving after close`)
	assert.Equal(t, 1, received)
	assertNoGoroutineLeak(t, before)
}

func TestCleanupMaySendToOutputsBeforeTheyClose(t *testing.T) {
	var got []int
	closes := 0
	sink := cleanupCounter("sink", &got, &closes)
	sum := pipeline.Coroutine("sum", func(co *pipeline.Co[int]) error {
		total := 0
		for v := range co.All() {
			total += v
		}
		return co.SendTo(sink, total) // clean-up sends the summary
	}, sink)
	require.NoError(t, pipeline.Push(pipeline.Range(5), sum))
	require.NoError(t, sum.Close())
	assert.Equal(t, []int{10}, got)
	assert.Equal(t, 1, closes)
	assert.Equal(t, uint64(1), sum.Node().Outputs()[0].Count())
}

func TestNestedCoroutineHandOffsThroughManyLevels(t *testing.T) {
	before := runtime.NumGoroutine()
	var got []int
	closes := 0
	var head *pipeline.Stage[int] = cleanupCounter("sink", &got, &closes)
	for i := range 8 {
		head = pipeline.Coroutine(fmt.Sprintf("add1 #%d", i), func(co *pipeline.Co[int]) error {
			for v := range co.All() {
				if err := co.Send(0, v+1); err != nil {
					return err
				}
			}
			return nil
		}, head)
	}
	require.NoError(t, pipeline.Push(pipeline.Range(3), head))
	require.NoError(t, head.Close())
	assert.Equal(t, []int{8, 9, 10}, got)
	assert.Equal(t, 1, closes)
	assertNoGoroutineLeak(t, before)
}

func TestSendingToOwnStageFromBodyIsRefused(t *testing.T) {
	var self *pipeline.Stage[int]
	var inner error
	self = pipeline.Coroutine("loop", func(co *pipeline.Co[int]) error {
		for v := range co.All() {
			inner = self.Send(v)
		}
		return nil
	})
	require.NoError(t, self.Send(1))
	require.ErrorIs(t, inner, pipeline.ErrRunning)
	require.NoError(t, self.Close())
}

func TestCoSendRejectsUnknownOutputs(t *testing.T) {
	other := pipeline.Collect("other", new([]int))
	var errs []error
	s := pipeline.Coroutine("router", func(co *pipeline.Co[int]) error {
		for v := range co.All() {
			errs = append(errs, co.Send(3, v), co.SendTo(other, v), co.SendTo(nil, v))
		}
		return nil
	})
	defer s.Close()
	require.NoError(t, s.Send(1))
	require.Len(t, errs, 3)
	assert.EqualError(t, errs[0], "send to output 3: out of range [0,0)")
	assert.EqualError(t, errs[1], `send to stage "other": not an output`)
	assert.EqualError(t, errs[2], "send to stage <nil>: not an output")
}

func TestClosingPipelineEndsEveryCoroutineGoroutine(t *testing.T) {
	before := runtime.NumGoroutine()
	var got []int
	closes := 0
	head := pipeline.Coroutine("pass", func(co *pipeline.Co[int]) error {
		for v := range co.All() {
			if err := co.Send(0, v); err != nil {
				return err
			}
		}
		return nil
	}, cleanupCounter("a", &got, &closes), cleanupCounter("b", &got, &closes))
	assert.Greater(t, runtime.NumGoroutine(), before, "coroutine stages hold suspended goroutines")
	require.NoError(t, head.Close())
	assert.Equal(t, 2, closes)
	assertNoGoroutineLeak(t, before)
}

func TestCoReportsItsStageAndReplyAndClose(t *testing.T) {
	var name string
	var outputs int
	var closedInLoop, closedAfter bool
	sink := pipeline.Discard[int]("sink")
	s := pipeline.RawCoroutine("doubler", func(co *pipeline.Co[int]) error {
		name, outputs = co.Name(), co.Outputs()
		for v := range co.All() {
			closedInLoop = closedInLoop || co.Closed()
			co.Reply(2 * v)
			if err := co.Send(0, v); err != nil {
				return err
			}
		}
		closedAfter = co.Closed()
		return nil
	}, sink)
	_, err := s.Start()
	require.NoError(t, err)
	reply, err := s.Exchange(21)
	require.NoError(t, err)
	assert.Equal(t, 42, reply)
	require.NoError(t, s.Close())
	assert.Equal(t, "doubler", name)
	assert.Equal(t, 1, outputs)
	assert.False(t, closedInLoop)
	assert.True(t, closedAfter)

	n := s.Node()
	assert.Equal(t, []string{"doubler", "coroutine", "closed"}, []string{n.Name(), n.Kind(), n.State().String()})
	edge := n.Outputs()[0]
	assert.Same(t, n, edge.From())
	assert.Same(t, sink.Node(), edge.To())
	assert.Equal(t, "out", edge.Label())
}
