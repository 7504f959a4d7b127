package picture

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"pushbook/pipeline"
)

// seed206 is the seed's In [206] pipeline after pushdata(pipeline, 10),
// before pipeline.close(): process -> filter -> {split -> {first,
// display}, second}, named and labelled as cells name them.
func seed206() pipeline.Graph {
	return pipeline.Graph{
		Nodes: []pipeline.GraphNode{
			{ID: 0, Name: "co_process", Kind: "coroutine", Received: 10},
			{ID: 1, Name: "co_filter", Kind: "coroutine", Received: 10},
			{ID: 2, Name: "co_split", Kind: "coroutine", Received: 7},
			{ID: 3, Name: `co_sink("first")`, Kind: "coroutine", Received: 7},
			{ID: 4, Name: `co_sink("display")`, Kind: "coroutine", Received: 4},
			{ID: 5, Name: `co_sink("second")`, Kind: "coroutine", Received: 3},
		},
		Edges: []pipeline.GraphEdge{
			{From: 0, To: 1, Label: "output", Count: 10},
			{From: 1, To: 2, Label: "output", Count: 7},
			{From: 1, To: 5, Label: "otheroutput", Count: 3},
			{From: 2, To: 3, Label: "output", Count: 7},
			{From: 2, To: 4, Label: "otheroutput", Count: 4},
		},
	}
}

// seed207 is the seed's In [207] pipeline after co_stopif stopped at the
// sixth event: the stages above it stopped, the ones below it closed.
func seed207() pipeline.Graph {
	return pipeline.Graph{
		Nodes: []pipeline.GraphNode{
			{ID: 0, Name: "co_process", Kind: "coroutine", State: pipeline.Stopped, Received: 6},
			{ID: 1, Name: "co_stopif(<function lambda>)", Kind: "coroutine", State: pipeline.Stopped, Received: 6},
			{ID: 2, Name: "co_filter", Kind: "coroutine", State: pipeline.Closed, Received: 5},
			{ID: 3, Name: "co_split", Kind: "coroutine", State: pipeline.Closed, Received: 4},
			{ID: 4, Name: `co_sink("first")`, Kind: "coroutine", State: pipeline.Closed, Received: 4},
			{ID: 5, Name: `co_sink("display")`, Kind: "coroutine", State: pipeline.Closed, Received: 2},
			{ID: 6, Name: `co_sink("second")`, Kind: "coroutine", State: pipeline.Closed, Received: 1},
		},
		Edges: []pipeline.GraphEdge{
			{From: 0, To: 1, Label: "output", Count: 6},
			{From: 1, To: 2, Label: "target", Count: 5},
			{From: 2, To: 3, Label: "output", Count: 4},
			{From: 2, To: 6, Label: "otheroutput", Count: 1},
			{From: 3, To: 4, Label: "output", Count: 4},
			{From: 3, To: 5, Label: "otheroutput", Count: 2},
		},
	}
}

// fanIn is two relays feeding one shared sink, as Describe(a, b) lists it.
func fanIn() pipeline.Graph {
	return pipeline.Graph{
		Nodes: []pipeline.GraphNode{
			{ID: 0, Name: "relay_a", Kind: "map", Received: 5},
			{ID: 1, Name: "shared", Kind: "sink", Received: 8},
			{ID: 2, Name: "relay_b", Kind: "map", Received: 3},
		},
		Edges: []pipeline.GraphEdge{
			{From: 0, To: 1, Label: "out", Count: 5},
			{From: 2, To: 1, Label: "out", Count: 3},
		},
	}
}

// longEdge has a head sending both into a chain and straight to the
// chain's end, so one edge passes over two layers.
func longEdge() pipeline.Graph {
	return pipeline.Graph{
		Nodes: []pipeline.GraphNode{
			{ID: 0, Name: "all", Kind: "broadcast", Received: 9},
			{ID: 1, Name: "double", Kind: "map", Received: 9},
			{ID: 2, Name: "evens", Kind: "filter", Received: 9},
			{ID: 3, Name: "total", Kind: "collect", Received: 14},
		},
		Edges: []pipeline.GraphEdge{
			{From: 0, To: 1, Label: "out0", Count: 9},
			{From: 1, To: 2, Label: "out", Count: 9},
			{From: 2, To: 3, Label: "out", Count: 5},
			{From: 0, To: 3, Label: "out1", Count: 9},
		},
	}
}

// cycle has a stage sending back to the one before it.
func cycle() pipeline.Graph {
	return pipeline.Graph{
		Nodes: []pipeline.GraphNode{
			{ID: 0, Name: "ping", Kind: "coroutine", Received: 3},
			{ID: 1, Name: "pong", Kind: "coroutine", Received: 3},
		},
		Edges: []pipeline.GraphEdge{
			{From: 0, To: 1, Label: "other", Count: 3},
			{From: 1, To: 0, Label: "other", Count: 2},
		},
	}
}

type sampleGraph struct {
	name string
	g    pipeline.Graph
}

func sampleGraphs() []sampleGraph {
	closed := seed206()
	for i := range closed.Nodes {
		closed.Nodes[i].State = pipeline.Closed
	}
	return []sampleGraph{
		{"seed206", seed206()},
		{"seed206-closed", closed},
		{"seed207", seed207()},
		{"fanin", fanIn()},
		{"longedge", longEdge()},
		{"cycle", cycle()},
		{"wide", wide()},
		{"twice", twice()},
	}
}

type samplePlot struct {
	name, svg string
}

func samplePlots(t *testing.T) []samplePlot {
	var sine, cosine, normalish []float64
	for i := range 60 {
		sine = append(sine, math.Sin(float64(i)/6))
		cosine = append(cosine, 0.8*math.Cos(float64(i)/6))
	}
	seed := uint64(7)
	next := func() float64 { // xorshift: a fixed, dependency-free sequence
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return float64(seed%10000) / 10000
	}
	for range 500 {
		normalish = append(normalish, 100*(next()+next()+next()+next()-2))
	}
	normalish[3] = math.NaN()
	var sx, sy []float64
	for range 120 {
		x := next() * 50
		sx = append(sx, x)
		sy = append(sy, 0.3*x*x+200*next())
	}
	one, err := Line(Plot{Title: "running average", XLabel: "event", YLabel: "mean"},
		Series{Name: "sin", Y: sine}, Series{Name: "0.8 cos", Y: cosine})
	require.NoError(t, err)
	hist, err := Histogram(Plot{Title: "sum of four uniforms", XLabel: "value", YLabel: "events"}, normalish, 20)
	require.NoError(t, err)
	scat, err := Scatter(Plot{Title: "x against y", XLabel: "x", YLabel: "y"}, sx, sy)
	require.NoError(t, err)
	bare, err := Line(Plot{}, Series{Y: []float64{3, 1, 4, 1, 5, math.Inf(1), 9, 2, 6}})
	require.NoError(t, err)
	return []samplePlot{{"line", one}, {"histogram", hist}, {"scatter", scat}, {"line-bare", bare}}
}

// wide fans out to four stages, two of which fan in again with a third
// head, so layers hold several boxes and dummies.
func wide() pipeline.Graph {
	return pipeline.Graph{
		Nodes: []pipeline.GraphNode{
			{ID: 0, Name: "source", Kind: "broadcast", Received: 20},
			{ID: 1, Name: "a", Kind: "map", Received: 20},
			{ID: 2, Name: "merge", Kind: "collect", Received: 45},
			{ID: 3, Name: "b", Kind: "map", Received: 20},
			{ID: 4, Name: "c", Kind: "take", State: pipeline.Stopped, Received: 3},
			{ID: 5, Name: "log", Kind: "sink", Received: 3},
			{ID: 6, Name: "d", Kind: "scan", Received: 20},
			{ID: 7, Name: "extra", Kind: "map", Received: 5},
		},
		Edges: []pipeline.GraphEdge{
			{From: 0, To: 1, Label: "out0", Count: 20},
			{From: 0, To: 3, Label: "out1", Count: 20},
			{From: 0, To: 4, Label: "out2", Count: 3},
			{From: 0, To: 6, Label: "out3", Count: 20},
			{From: 1, To: 2, Label: "out", Count: 20},
			{From: 3, To: 2, Label: "out", Count: 20},
			{From: 4, To: 5, Label: "out", Count: 3},
			{From: 6, To: 5, Label: "out", Count: 0},
			{From: 7, To: 2, Label: "out", Count: 5},
		},
	}
}

// twice sends both outputs of a split to one sink, and has a stage that
// sends to itself.
func twice() pipeline.Graph {
	return pipeline.Graph{
		Nodes: []pipeline.GraphNode{
			{ID: 0, Name: "split", Kind: "split", Received: 6},
			{ID: 1, Name: "both", Kind: "collect", State: pipeline.Closed, Received: 6},
			{ID: 2, Name: "again", Kind: "coroutine", Received: 4},
		},
		Edges: []pipeline.GraphEdge{
			{From: 0, To: 1, Label: "out", Count: 4},
			{From: 0, To: 1, Label: "side", Count: 2},
			{From: 2, To: 2, Label: "self", Count: 3},
		},
	}
}
