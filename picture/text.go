package picture

import (
	"strconv"
	"strings"

	"pushbook/pipeline"
)

// PipelineText renders g as an indented tree, the text/plain companion of
// PipelineSVG. Each head (a stage nothing sends to, in ID order) starts a
// tree; under each stage come its outputs in order, with the output's name,
// the events that crossed it and the receiving stage:
//
//	co_process [open] 10 in
//	└─ output (10) -> co_filter [open] 10 in
//	   ├─ output (6) -> co_split [open] 6 in
//
// A stage reached a second time (fan-in, or a cycle) is printed once; later
// references read "-> name (see above)". The kind is shown after the name
// unless it is "coroutine" (written in a cell and named after its
// function). Stages on a cycle with no head start trees of their own. It
// costs time proportional to the stages and edges.
func PipelineText(g pipeline.Graph) string {
	if len(g.Nodes) == 0 {
		return "empty pipeline\n"
	}
	outs := make([][]pipeline.GraphEdge, len(g.Nodes))
	fed := make([]bool, len(g.Nodes))
	for _, e := range g.Edges {
		if e.From < 0 || e.From >= len(g.Nodes) || e.To < 0 || e.To >= len(g.Nodes) {
			continue
		}
		outs[e.From] = append(outs[e.From], e)
		if e.From != e.To {
			fed[e.To] = true
		}
	}
	t := treeWriter{g: g, outs: outs, printed: make([]bool, len(g.Nodes))}
	for v := range g.Nodes {
		if !fed[v] {
			t.tree(v)
		}
	}
	for v := range g.Nodes {
		if !t.printed[v] {
			t.tree(v)
		}
	}
	return t.b.String()
}

// treeWriter prints the trees of PipelineText.
type treeWriter struct {
	g       pipeline.Graph
	outs    [][]pipeline.GraphEdge
	printed []bool
	b       strings.Builder
}

// tree prints v as a root and everything below it not yet printed.
func (t *treeWriter) tree(v int) {
	t.b.WriteString(stageLine(t.g.Nodes[v]) + "\n")
	t.printed[v] = true
	t.children(v, "")
}

// children prints v's outputs, each line starting with prefix.
func (t *treeWriter) children(v int, prefix string) {
	for i, e := range t.outs[v] {
		branch, more := "├─ ", "│  "
		if i == len(t.outs[v])-1 {
			branch, more = "└─ ", "   "
		}
		t.b.WriteString(prefix + branch)
		if e.Label != "" {
			t.b.WriteString(e.Label + " ")
		}
		t.b.WriteString("(" + strconv.FormatUint(e.Count, 10) + ") -> ")
		to := t.g.Nodes[e.To]
		if t.printed[e.To] {
			t.b.WriteString(to.Name + " (see above)\n")
			continue
		}
		t.b.WriteString(stageLine(to) + "\n")
		t.printed[e.To] = true
		t.children(e.To, prefix+more)
	}
}

// stageLine is one stage in the tree: "co_filter [open] 10 in", or
// "evens (filter) [stopped] 4 in" for a library stage.
func stageLine(n pipeline.GraphNode) string {
	s := n.Name
	if n.Kind != "" && n.Kind != "coroutine" {
		s += " (" + n.Kind + ")"
	}
	return s + " [" + n.State.String() + "] " + strconv.FormatUint(n.Received, 10) + " in"
}
