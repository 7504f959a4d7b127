package picture

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/pipeline"
)

// seedTrace is the seed's In [206] with value 0 traced: display before first.
func seedTrace() pipeline.TraceGraph {
	g := pipeline.Graph{
		Nodes: []pipeline.GraphNode{{ID: 0, Name: "co_process", Kind: "coroutine", Received: 1}, {ID: 1, Name: "co_filter", Kind: "coroutine", Received: 1},
			{ID: 2, Name: "co_split", Kind: "coroutine", Received: 1}, {ID: 3, Name: "first", Kind: "coroutine", Received: 1},
			{ID: 4, Name: "display", Kind: "coroutine", Received: 1}, {ID: 5, Name: "<second> & co", Kind: "coroutine"}},
		Edges: []pipeline.GraphEdge{{From: 0, To: 1, Label: "output", Count: 1}, {From: 1, To: 2, Label: "output", Count: 1},
			{From: 1, To: 5, Label: "otheroutput"}, {From: 2, To: 3, Label: "output", Count: 1}, {From: 2, To: 4, Label: "otheroutput", Count: 1}},
	}
	return pipeline.TraceGraph{Graph: g, Events: []pipeline.TraceEvent{{Value: "0", Head: 0,
		Hops: []pipeline.TraceHop{{From: -1, To: 0, Edge: -1, Value: "0"}, {From: 0, To: 1, Edge: 0, Value: "100"},
			{From: 1, To: 2, Edge: 1, Value: "100"}, {From: 2, To: 4, Edge: 4, Value: "100"}, {From: 2, To: 3, Edge: 3, Value: "100"}},
		Ends: []pipeline.TraceEnd{{Node: 4, Hop: 3, Outcome: pipeline.EndSink}, {Node: 3, Hop: 4, Outcome: pipeline.EndSink}}}}}
}

func TestTraceSVGNumbersTheHopsAndMarksItsParts(t *testing.T) {
	tr := seedTrace()
	svg := TraceSVG(tr)
	require.Equal(t, svg, TraceSVG(tr), "deterministic")
	root := parseSVG(t, svg)
	numbers := map[string]string{} // data-step -> the number in its badge
	edges, nodes, steps := 0, 0, 0
	for _, e := range root.all() {
		switch {
		case e.attr("id") != "" || e.attr("style") != "" || e.attr("href") != "":
			t.Errorf("an id, style or link: %+v", e)
		case e.XMLName.Local == "script" || e.XMLName.Local == "style":
			t.Errorf("<%s>", e.XMLName.Local)
		}
		if e.attr("data-edge") != "" {
			edges++
		}
		if e.attr("data-node") != "" {
			nodes++
		}
		if e.attr("data-step") != "" {
			steps++
			if len(e.Children) == 3 && e.Children[0].XMLName.Local == "circle" {
				numbers[e.attr("data-step")] = e.Children[1].Text
			}
		}
	}
	assert.Equal(t, 5, edges)
	assert.Equal(t, 6, nodes)
	assert.Equal(t, map[string]string{"1": "1", "2": "2", "3": "3", "4": "4"}, numbers, "hops numbered in order")
	assert.Regexp(t, `<g data-edge="4"[^>]*>\n<path [^>]*stroke="#f28e2b" stroke-width="3"`, svg, "the edge to display is taken")
	assert.Contains(t, svg, `<g data-event="0" data-step="3">`)
	assert.Greater(t, steps, 4)
	assert.Contains(t, svg, "&lt;second&gt; &amp; co")
	assert.Contains(t, svg, "0 -&gt; 100")
	assert.Contains(t, svg, "reached a sink")
}

func TestTraceTextAndJSON(t *testing.T) {
	tr := seedTrace()
	assert.Equal(t, `0 into co_process
1. co_process -> co_filter: 100
2. co_filter -> co_split: 100
3. co_split -> display: 100
4. co_split -> first: 100
ended: display reached a sink; first reached a sink
`, TraceText(tr))
	var js struct {
		Steps  int `json:"steps"`
		Events []struct {
			Hops []struct {
				Step  int    `json:"step"`
				Edge  *int   `json:"edge"`
				Label string `json:"label"`
				Text  string `json:"text"`
			} `json:"hops"`
		} `json:"events"`
	}
	require.NoError(t, json.Unmarshal([]byte(TraceJSON(tr)), &js))
	assert.Equal(t, 5, js.Steps)
	hops := js.Events[0].Hops
	assert.Nil(t, hops[0].Edge)
	assert.Equal(t, 4, *hops[3].Edge)
	assert.Equal(t, "otheroutput", hops[3].Label)
	assert.Equal(t, "3. co_split -> display: 100", hops[3].Text)
	assert.True(t, strings.HasPrefix(TraceSVG(pipeline.TraceGraph{}), "<svg"))
}

func TestTraceTextSaysHowManyHopsWereNotKept(t *testing.T) {
	tr := seedTrace()
	tr.Events[0].More = 1234
	text := TraceText(tr)
	assert.Contains(t, text, "4. co_split -> first: 100\n... and 1234 more hops, not shown (a trace keeps the first 200)\nended:")
	var js struct {
		Events []struct {
			More uint64 `json:"more"`
		} `json:"events"`
	}
	require.NoError(t, json.Unmarshal([]byte(TraceJSON(tr)), &js))
	assert.Equal(t, uint64(1234), js.Events[0].More)
}
