package picture_test

import (
	"fmt"
	"strings"

	"pushbook/picture"
	"pushbook/pipeline"
)

// The seed's In [206] pipeline after ten events, as its text fallback.
func ExamplePipelineText() {
	g := pipeline.Graph{
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
	fmt.Print(picture.PipelineText(g))
	// Output:
	// co_process [open] 10 in
	// └─ output (10) -> co_filter [open] 10 in
	//    ├─ output (7) -> co_split [open] 7 in
	//    │  ├─ output (7) -> co_sink("first") [open] 7 in
	//    │  └─ otheroutput (4) -> co_sink("display") [open] 4 in
	//    └─ otheroutput (3) -> co_sink("second") [open] 3 in
}

// A pipeline built from the stage library, drawn after it ran.
func ExamplePipelineSVG() {
	var evens, odds []int
	head := pipeline.Filter("even", func(v int) (bool, error) { return v%2 == 0, nil },
		pipeline.Collect("evens", &evens), pipeline.Collect("odds", &odds))
	if err := pipeline.Push(pipeline.Range(5), head); err != nil {
		fmt.Println(err)
		return
	}
	svg := picture.PipelineSVG(pipeline.Describe(head.Node()))
	fmt.Println(strings.Count(svg, "<rect"), "boxes")
	fmt.Println(strings.Contains(svg, "filter · 5 in"), strings.Contains(svg, "collect · 3 in"))
	// Output:
	// 3 boxes
	// true true
}

func ExampleHistogram() {
	values := []float64{1, 2, 2, 3, 3, 3, 4, 4, 5}
	svg, err := picture.Histogram(picture.Plot{Title: "events", XLabel: "value", YLabel: "count"}, values, 5)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.SplitN(svg, "\n", 2)[0])
	// Output:
	// <svg xmlns="http://www.w3.org/2000/svg" class="pushbook-picture" role="img" width="480" height="300" viewBox="0 0 480 300" color="#222" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="12">
}

func ExampleLine() {
	_, err := picture.Line(picture.Plot{Title: "empty"}, picture.Series{Name: "nothing"})
	fmt.Println(err)
	svg, _ := picture.Line(picture.Plot{Title: "squares"},
		picture.Series{Name: "n²", Y: []float64{0, 1, 4, 9, 16}},
		picture.Series{Name: "2n", Y: []float64{0, 2, 4, 6, 8}})
	fmt.Println(strings.Count(svg, `class="series"`), "lines")
	// Output:
	// line plot "empty": no finite values to plot
	// 2 lines
}

func ExampleScatter() {
	_, err := picture.Scatter(picture.Plot{}, []float64{1, 2, 3}, []float64{1, 2})
	fmt.Println(err)
	// Output:
	// scatter plot "": 3 x values for 2 y values
}
