package pipeline_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/pipeline"
)

func TestDescribeListsFanInNodeOnceWithEveryEdge(t *testing.T) {
	merge := pipeline.Collect("merge", new([]int))
	a := pipeline.Map("a", identity, merge)
	b := pipeline.Filter("b", func(v int) (bool, error) { return v > 0, nil }, merge, nil)
	require.NoError(t, pipeline.Push(pipeline.Range(3), a))
	require.NoError(t, pipeline.Push(pipeline.Range(3), b))
	require.NoError(t, a.Close())

	g := pipeline.Describe(a.Node(), b.Node(), a.Node())
	assert.Equal(t, []pipeline.GraphNode{
		{ID: 0, Name: "a", Kind: "map", State: pipeline.Closed, Received: 3},
		{ID: 1, Name: "merge", Kind: "collect", State: pipeline.Open, Received: 5},
		{ID: 2, Name: "b", Kind: "filter", State: pipeline.Open, Received: 3},
	}, g.Nodes)
	assert.Equal(t, []pipeline.GraphEdge{
		{From: 0, To: 1, Label: "out", Count: 3},
		{From: 2, To: 1, Label: "out", Count: 2},
	}, g.Edges)
}

func TestDescribeWorksFromAnyValueType(t *testing.T) {
	var words []string
	head := pipeline.Map("name", func(v int) (string, error) { return "x", nil },
		pipeline.Collect("words", &words))
	require.NoError(t, head.Send(1))
	g := pipeline.Describe(head.Node(), nil)
	require.Len(t, g.Nodes, 2)
	assert.Equal(t, "words", g.Nodes[1].Name)
	assert.Equal(t, uint64(1), g.Edges[0].Count)
}

func TestSetOutputLabelRenamesEdge(t *testing.T) {
	s := pipeline.Coroutine("co", func(co *pipeline.Co[int]) error {
		for range co.All() {
		}
		return nil
	}, pipeline.Collect("x", new([]int)), pipeline.Collect("y", new([]int)))
	defer s.Close()
	require.NoError(t, s.Node().SetOutputLabel(1, "otheroutput"))
	assert.Error(t, s.Node().SetOutputLabel(2, "nope"))
	g := pipeline.Describe(s.Node())
	assert.Equal(t, "out0", g.Edges[0].Label)
	assert.Equal(t, "otheroutput", g.Edges[1].Label)
}
