package picture

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/pipeline"
)

func TestPipelineSVGDrawsABoxPerStageAndAnArrowPerEdge(t *testing.T) {
	for _, s := range sampleGraphs() {
		t.Run(s.name, func(t *testing.T) {
			root := parseSVG(t, PipelineSVG(s.g))
			badges := 0
			for _, n := range s.g.Nodes {
				if n.State != pipeline.Open {
					badges++
				}
			}
			assert.Equal(t, len(s.g.Nodes)+badges, root.count("rect"), "a box per stage and a badge per stopped or closed one")
			assert.Len(t, root.withAttr("g", "class", "stage stage-open"), len(s.g.Nodes)-badges)
			// Each edge is a line and an arrowhead.
			assert.Equal(t, 2*len(s.g.Edges), root.count("path"))
			// Each stage has a name and a detail line, each edge a label,
			// each badge its word.
			assert.Equal(t, 2*len(s.g.Nodes)+len(s.g.Edges)+badges, root.count("text"))
		})
	}
}

func TestPipelineSVGRootHasSizeViewBoxAndDefaultColour(t *testing.T) {
	root := parseSVG(t, PipelineSVG(seed206()))
	w, err := strconv.ParseFloat(root.attr("width"), 64)
	require.NoError(t, err)
	h, err := strconv.ParseFloat(root.attr("height"), 64)
	require.NoError(t, err)
	assert.Greater(t, w, 600.0)
	assert.Greater(t, h, 100.0)
	assert.Equal(t, "0 0 "+root.attr("width")+" "+root.attr("height"), root.attr("viewBox"))
	assert.Equal(t, defaultColor, root.attr("color"))
	assert.Equal(t, "pushbook-picture", root.attr("class"))
	assert.Empty(t, root.attr("style"), "an inline style would beat the page's colour")
	assert.Zero(t, root.count("style"))
}

func TestPipelineSVGLabelsStagesAndEdgesWithCounts(t *testing.T) {
	texts := parseSVG(t, PipelineSVG(seed206())).texts()
	for _, want := range []string{
		"co_process", "10 in", "co_filter", "co_split", "7 in",
		`co_sink("first")`, `co_sink("display")`, "4 in", `co_sink("second")`, "3 in",
		"10 output", "7 output", "3 otheroutput", "4 otheroutput",
	} {
		assert.Contains(t, texts, want)
	}
	texts = parseSVG(t, PipelineSVG(fanIn())).texts()
	assert.Contains(t, texts, "map · 5 in", "library stages show their kind")
	assert.Contains(t, texts, "sink · 8 in")
}

func TestPipelineSVGMakesEachStateLookDistinct(t *testing.T) {
	root := parseSVG(t, PipelineSVG(seed207()))
	stopped := root.withAttr("g", "class", "stage stage-stopped")
	closed := root.withAttr("g", "class", "stage stage-closed")
	require.Len(t, stopped, 2)
	require.Len(t, closed, 5)
	for _, g := range stopped {
		box := g.Children[0]
		assert.Equal(t, "5 3", box.attr("stroke-dasharray"), "stopped boxes are dashed")
		assert.Contains(t, g.texts(), "stopped")
	}
	for _, g := range closed {
		box := g.Children[0]
		assert.Empty(t, box.attr("stroke-dasharray"))
		assert.Equal(t, "#888888", box.attr("fill"), "closed boxes are grey")
		assert.Contains(t, g.texts(), "closed")
	}
	open := parseSVG(t, PipelineSVG(seed206())).withAttr("g", "class", "stage stage-open")
	require.Len(t, open, 6)
	for _, g := range open {
		assert.Empty(t, g.Children[0].attr("stroke-dasharray"))
		assert.Len(t, g.texts(), 2, "no badge on an open stage")
	}
}

func TestPipelineSVGIsDeterministic(t *testing.T) {
	for _, s := range sampleGraphs() {
		assert.Equal(t, PipelineSVG(s.g), PipelineSVG(s.g), s.name)
	}
}

func TestPipelineSVGEscapesNamesAndLabels(t *testing.T) {
	g := pipeline.Graph{
		Nodes: []pipeline.GraphNode{
			{ID: 0, Name: `<script>alert("x")</script>`, Kind: "a&b"},
			{ID: 1, Name: "it's \x01 here"},
		},
		Edges: []pipeline.GraphEdge{{From: 0, To: 1, Label: "<out>", Count: 2}},
	}
	root := parseSVG(t, PipelineSVG(g))
	texts := root.texts()
	assert.Contains(t, texts, `<script>alert("x")</script>`)
	assert.Contains(t, texts, "a&b · 0 in")
	assert.Contains(t, texts, "it's \uFFFD here")
	assert.Contains(t, texts, "2 <out>")
	assert.Zero(t, root.count("script"))
}

func TestPipelineSVGLeavesOutEdgesToMissingStages(t *testing.T) {
	g := fanIn()
	g.Edges = append(g.Edges, pipeline.GraphEdge{From: 0, To: 9, Label: "lost", Count: 1},
		pipeline.GraphEdge{From: -1, To: 1})
	root := parseSVG(t, PipelineSVG(g))
	assert.Equal(t, 4, root.count("path"))
	assert.NotContains(t, root.texts(), "1 lost")
}

func TestPipelineSVGOfNoStagesSaysSo(t *testing.T) {
	root := parseSVG(t, PipelineSVG(pipeline.Graph{}))
	assert.Equal(t, []string{"empty pipeline"}, root.texts())
}

func TestPipelineSVGDrawsEdgeBackToEarlierStageBelow(t *testing.T) {
	l := layoutGraph(cycle())
	require.Len(t, l.back, 1)
	assert.Equal(t, 1, l.back[0], "pong -> ping closes the cycle")
	assert.Equal(t, 0, l.slots[0].layer)
	assert.Equal(t, 1, l.slots[1].layer)
	root := parseSVG(t, PipelineSVG(cycle()))
	assert.Len(t, root.withAttr("path", "stroke-dasharray", "4 3"), 1)
	assert.Contains(t, root.texts(), "2 other")
}

func TestPipelineSVGOfDescribedPipeline(t *testing.T) {
	var evens, odds []int
	head := pipeline.Map("add 100", func(v int) (int, error) { return v + 100, nil },
		pipeline.Filter("even", func(v int) (bool, error) { return v%2 == 0, nil },
			pipeline.Collect("evens", &evens), pipeline.Collect("odds", &odds)))
	require.NoError(t, pipeline.Push(pipeline.Range(5), head))
	g := pipeline.Describe(head.Node())
	texts := parseSVG(t, PipelineSVG(g)).texts()
	assert.Contains(t, texts, "add 100")
	assert.Contains(t, texts, "filter · 5 in")
	assert.Contains(t, texts, "collect · 3 in")
	assert.Contains(t, texts, "collect · 2 in")
}

// nodeLayers returns each stage's layer.
func nodeLayers(l *layout) []int {
	out := make([]int, len(l.g.Nodes))
	for v := range l.g.Nodes {
		out[v] = l.slots[v].layer
	}
	return out
}

// above reports whether stage a is drawn above stage b.
func above(l *layout, a, b int) bool { return l.slots[a].y < l.slots[b].y }

func TestLayoutPutsEachStageOneLayerAfterItsDeepestSender(t *testing.T) {
	tests := []struct {
		name   string
		g      pipeline.Graph
		layers []int
	}{
		{"seed 206", seed206(), []int{0, 1, 2, 3, 3, 2}},
		{"seed 207", seed207(), []int{0, 1, 2, 3, 4, 4, 3}},
		{"fan-in", fanIn(), []int{0, 1, 0}},
		{"long edge", longEdge(), []int{0, 1, 2, 3}},
		{"second head moves next to its receiver", pipeline.Graph{
			Nodes: []pipeline.GraphNode{{ID: 0, Name: "a"}, {ID: 1, Name: "b"}, {ID: 2, Name: "c"}, {ID: 3, Name: "late"}},
			Edges: []pipeline.GraphEdge{{From: 0, To: 1}, {From: 1, To: 2}, {From: 3, To: 2}},
		}, []int{0, 1, 2, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.layers, nodeLayers(layoutGraph(tt.g)))
		})
	}
}

func TestLayoutOfSeedShapesHasNoCrossingEdges(t *testing.T) {
	tests := []struct {
		name  string
		g     pipeline.Graph
		order [][2]int // pairs (upper, lower) in the same layer
	}{
		{"seed 206", seed206(), [][2]int{{2, 5}, {3, 4}}},
		{"seed 207", seed207(), [][2]int{{3, 6}, {4, 5}}},
		{"fan-in", fanIn(), [][2]int{{0, 2}}},
		{"long edge", longEdge(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := layoutGraph(tt.g)
			assert.Zero(t, l.crossings(l.segments()))
			assert.Zero(t, geometricCrossings(l), "edges cross as drawn")
			for _, p := range tt.order {
				assert.True(t, above(l, p[0], p[1]), "%s above %s", tt.g.Nodes[p[0]].Name, tt.g.Nodes[p[1]].Name)
			}
		})
	}
}

// geometricCrossings counts pairs of hops between the same layers whose
// drawn ends are in opposite vertical orders.
func geometricCrossings(l *layout) int {
	type hop struct {
		layer  int
		y0, y1 float64
	}
	ends := l.edgeEnds()
	var hops []hop
	for _, r := range l.routes {
		e := ends[r.edge]
		for i := 0; i+1 < len(r.slots); i++ {
			y0, y1 := l.slots[r.slots[i]].y, l.slots[r.slots[i+1]].y
			if i == 0 {
				y0 = e.fromY
			}
			if i+2 == len(r.slots) {
				y1 = e.toY
			}
			hops = append(hops, hop{l.slots[r.slots[i]].layer, y0, y1})
		}
	}
	n := 0
	for i, a := range hops {
		for _, b := range hops[i+1:] {
			if a.layer == b.layer && (a.y0-b.y0)*(a.y1-b.y1) < 0 {
				n++
			}
		}
	}
	return n
}

func TestLayoutUncrossesEdgesDescribeOrderWouldCross(t *testing.T) {
	// a sends to x then y; b sends to y only but comes first: in
	// Describe's order the layer [x, y] under [b, a] crosses.
	g := pipeline.Graph{
		Nodes: []pipeline.GraphNode{{ID: 0, Name: "b"}, {ID: 1, Name: "y"}, {ID: 2, Name: "a"}, {ID: 3, Name: "x"}, {ID: 4, Name: "z"}},
		Edges: []pipeline.GraphEdge{{From: 0, To: 1}, {From: 0, To: 4}, {From: 2, To: 3}, {From: 2, To: 1}},
	}
	l := layoutGraph(g)
	assert.Zero(t, l.crossings(l.segments()))
	assert.Zero(t, geometricCrossings(l))
}

func TestLayoutKeepsBoxesApartAndInsideThePicture(t *testing.T) {
	for _, s := range sampleGraphs() {
		t.Run(s.name, func(t *testing.T) {
			l := layoutGraph(s.g)
			for _, layer := range l.order {
				for i := 1; i < len(layer); i++ {
					a, b := l.slots[layer[i-1]], l.slots[layer[i]]
					assert.GreaterOrEqual(t, b.y-b.h/2-(a.y+a.h/2), dummyGap-1e-6)
				}
			}
			for v, n := range s.g.Nodes {
				sl := l.slots[v]
				assert.GreaterOrEqual(t, l.boxLeft(v), 0.0, n.Name)
				assert.LessOrEqual(t, l.boxRight(v), l.width, n.Name)
				assert.GreaterOrEqual(t, sl.y-sl.h/2-badgeRise, 0.0, n.Name)
				assert.LessOrEqual(t, sl.y+sl.h/2, l.height, n.Name)
			}
		})
	}
}

func TestLayoutCentresAParentBetweenItsChildren(t *testing.T) {
	l := layoutGraph(seed206())
	split, first, display := l.slots[2], l.slots[3], l.slots[4]
	assert.InDelta(t, (first.y+display.y)/2, split.y, 1, "co_split between its sinks")
}

func TestBoxIsWideEnoughForItsName(t *testing.T) {
	tests := []struct {
		name string
		want float64
	}{
		{"x", boxMinWidth},
		{"a rather long stage name here", 29*7.2 + 2*boxPadX},
	}
	for _, tt := range tests {
		w, _ := boxSize(pipeline.GraphNode{Name: tt.name}, 1, 1)
		assert.InDelta(t, tt.want, w, 1e-9, tt.name)
	}
	_, h := boxSize(pipeline.GraphNode{Name: "x"}, 4, 1)
	assert.Equal(t, 5*inPitch, h, "four inputs need room for four labels")
}

func TestSpacedKeepsOrderAndGapsClosestToWanted(t *testing.T) {
	tests := []struct {
		want, sep, got []float64
	}{
		{[]float64{0, 100}, []float64{0, 10}, []float64{0, 100}},
		{[]float64{5, 5}, []float64{0, 10}, []float64{0, 10}},
		{[]float64{10, 0, 50}, []float64{0, 10, 10}, []float64{0, 10, 50}},
		{[]float64{0, 0, 0}, []float64{0, 10, 20}, []float64{-40.0 / 3, -10.0 / 3, 50.0 / 3}},
	}
	for _, tt := range tests {
		got := spaced(tt.want, tt.sep)
		assert.InDeltaSlice(t, tt.got, got, 1e-9, fmt.Sprint(tt.want, tt.sep))
	}
}
