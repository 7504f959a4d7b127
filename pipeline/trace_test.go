package pipeline

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hops writes a journey's hops as "from->to:value" (the source is "src").
func hops(j Journey) []string {
	var out []string
	for _, h := range j.Hops {
		from := "src"
		if h.From != nil {
			from = h.From.Name()
		}
		out = append(out, fmt.Sprintf("%s->%s:%v", from, h.To.Name(), h.Value))
	}
	return out
}

func ends(j Journey) []string {
	var out []string
	for _, e := range j.Ends {
		out = append(out, e.Node.Name()+" "+e.Outcome.String())
	}
	return out
}

func TestTraceGoStages(t *testing.T) {
	add := func(k int) func(int) (int, error) { return func(v int) (int, error) { return v + k, nil } }
	notEvery3 := func(v int) (bool, error) { return v%3 != 0, nil }
	for _, c := range []struct {
		name  string
		build func() *Stage[int]
		value int
		hops  []string
		ends  []string
		err   error
	}{
		{"In [206] with Go stages: split's side first", func() *Stage[int] {
			return Map("process", add(100), Filter("filter", notEvery3,
				Split("split", 2, Discard[int]("first"), Discard[int]("display")), Discard[int]("second")))
		}, 0, []string{"src->process:0", "process->filter:100", "filter->split:100", "split->display:100", "split->first:100"},
			[]string{"display sink", "first sink"}, nil},
		{"filter drops to nil", func() *Stage[int] {
			return Filter("filter", notEvery3, Discard[int]("kept"), nil)
		}, 3, []string{"src->filter:3"}, []string{"filter filtered"}, nil},
		{"take stops after sending", func() *Stage[int] {
			return Take("take", 1, Discard[int]("out"))
		}, 7, []string{"src->take:7", "take->out:7"}, []string{"out sink", "take stopped"}, ErrStopped},
		{"a coroutine that returns", func() *Stage[int] {
			return Coroutine("once", func(co *Co[int]) error {
				v, _ := co.Recv()
				return co.Send(0, v*2)
			}, Discard[int]("sink"))
		}, 4, []string{"src->once:4", "once->sink:8"}, []string{"sink sink", "once stopped"}, ErrStopped},
		{"a failing function", func() *Stage[int] {
			return Map("process", add(1), Map("bad", func(int) (int, error) { return 0, errors.New("bad") }, Discard[int]("x")))
		}, 1, []string{"src->process:1", "process->bad:2"}, []string{"bad failed", "process failed below"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			head := c.build()
			j, err := Trace(head, c.value)
			if c.err != nil {
				assert.ErrorIs(t, err, c.err)
			}
			assert.Equal(t, c.hops, hops(j))
			assert.Equal(t, c.ends, ends(j))
			for _, n := range append([]*Node{head.Node()}, reachable(head.Node())...) {
				assert.Nil(t, n.Tracer(), n.Name())
				assert.Zero(t, n.gate&gateTraced, "disarmed: %s", n.Name())
			}
		})
	}
}

func reachable(n *Node) []*Node {
	var out []*Node
	for _, e := range n.outs {
		out = append(out, e.to)
		out = append(out, reachable(e.to)...)
	}
	return out
}

func TestTracerKeepsTheLastJourneysAndTakesBlocksOneByOne(t *testing.T) {
	var got []int
	sink := Collect("c", &got)
	head := Map("double", func(v int) (int, error) { return 2 * v, nil }, sink)
	rec := NewTracer(2)
	rec.Arm(head.Node())
	require.NoError(t, PushBlocks(Range(5), head, 4))
	assert.Equal(t, []int{0, 2, 4, 6, 8}, got)
	assert.EqualValues(t, 5, rec.Total())
	js := rec.Journeys()
	require.Len(t, js, 2)
	assert.Equal(t, []string{"src->double:3", "double->c:6"}, hops(js[0]))
	assert.Equal(t, []string{"src->double:4", "double->c:8"}, hops(js[1]))
	assert.EqualValues(t, 5, head.Node().Outputs()[0].Count())

	// a trace inside a recording takes the stages over and gives them back
	j, err := Trace(head, 10)
	require.NoError(t, err)
	assert.Equal(t, []string{"src->double:10", "double->c:20"}, hops(j))
	assert.Same(t, rec, head.Node().Tracer())
	require.NoError(t, head.Send(1))
	assert.EqualValues(t, 6, rec.Total())

	rec.Disarm()
	assert.Zero(t, head.Node().gate)
	assert.Zero(t, sink.Node().gate)
	require.NoError(t, head.Send(2))
	assert.EqualValues(t, 6, rec.Total())

	g := DescribeTrace(rec.Journeys(), func(v any) string { return fmt.Sprint(v) }, func(err error) string { return err.Error() }, head.Node())
	require.Len(t, g.Events, 2)
	assert.Equal(t, TraceHop{From: 0, To: 1, Edge: 0, Value: "2"}, g.Events[1].Hops[1])
	assert.Equal(t, TraceHop{From: -1, To: 0, Edge: -1, Value: "1"}, g.Events[1].Hops[0])
}

func TestTraceUnstartedAndClosed(t *testing.T) {
	raw := RawCoroutine("raw", func(co *Co[int]) error {
		for range co.All() {
		}
		return nil
	})
	j, err := Trace(raw, 1)
	assert.ErrorIs(t, err, ErrNotStarted)
	assert.Equal(t, []string{"raw refused"}, ends(j))
	rec := NewTracer(1)
	rec.Arm(raw.Node())
	_, err = raw.Start()
	require.NoError(t, err)
	assert.Equal(t, gateTraced, raw.Node().gate, "a stage started while armed stays traced")
	require.NoError(t, raw.Send(3))
	assert.Len(t, rec.Journeys(), 1)
	require.NoError(t, raw.Close())
	require.ErrorIs(t, raw.Send(4), ErrClosed)
	assert.Equal(t, []string{"raw refused"}, ends(rec.Journeys()[0]))
	rec.Disarm()
}

func TestATraceKeepsTheFirstMaxHopsAndCountsTheRest(t *testing.T) {
	spray := Coroutine("spray", func(co *Co[int]) error {
		for v := range co.All() {
			for i := range 3 * MaxHops {
				if err := co.Send(0, v+i); err != nil {
					return err
				}
			}
		}
		return nil
	}, Discard[int]("sink"))
	j, err := Trace(spray, 1)
	require.NoError(t, err)
	assert.Len(t, j.Hops, MaxHops, "the first MaxHops deliveries are kept")
	assert.Equal(t, uint64(3*MaxHops+1-MaxHops), j.More, "the others are counted")
	assert.Equal(t, "spray->sink:199", hops(j)[MaxHops-1])
	assert.Len(t, j.Ends, MaxHops-1, "an end for each kept delivery to the sink, none for the rest")
	g := DescribeTrace([]Journey{j}, func(v any) string { return fmt.Sprint(v) }, func(err error) string { return err.Error() }, spray.Node())
	assert.Equal(t, j.More, g.Events[0].More)
}
