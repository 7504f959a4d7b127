package pipeline

import (
	"fmt"
	"strings"
)

// Graph is a snapshot of a pipeline for drawing: its stages and edges with
// their counts and states at the moment Describe was called.
type Graph struct {
	Nodes []GraphNode
	Edges []GraphEdge
}

// GraphNode is one stage in a Graph; ID is its index in Graph.Nodes.
type GraphNode struct {
	ID       int
	Name     string
	Kind     string
	State    State
	Received uint64
}

// GraphEdge is one output connection in a Graph, between node IDs.
type GraphEdge struct {
	From, To int
	Label    string
	Count    uint64
}

// Describe walks the pipeline below each head, depth-first in output
// order, and returns its nodes in the order first reached (no duplicates
// under fan-in or shared heads) and its edges grouped by sending node in
// output order. It costs time proportional to the stages and edges.
func Describe(heads ...*Node) Graph {
	g, _, _ := describe(heads)
	return g
}

// describe is Describe that also returns each node's and edge's index.
func describe(heads []*Node) (Graph, map[*Node]int, map[*Edge]int) {
	var g Graph
	ids := map[*Node]int{}
	edges := map[*Edge]int{}
	var order []*Node
	var visit func(n *Node)
	visit = func(n *Node) {
		if _, seen := ids[n]; seen {
			return
		}
		ids[n] = len(order)
		order = append(order, n)
		for _, e := range n.outs {
			visit(e.to)
		}
	}
	for _, h := range heads {
		if h != nil {
			visit(h)
		}
	}
	for i, n := range order {
		g.Nodes = append(g.Nodes, GraphNode{ID: i, Name: n.name, Kind: n.kind, State: n.state, Received: n.received})
		for _, e := range n.outs {
			edges[e] = len(g.Edges)
			g.Edges = append(g.Edges, GraphEdge{From: i, To: ids[e.to], Label: e.label, Count: e.count})
		}
	}
	return g, ids, edges
}

// String renders the graph as text, one node per line followed by its
// outgoing edges:
//
//	map "add" (open, received 3)
//	  out -> sink "print": 3
func (g Graph) String() string {
	var b strings.Builder
	from := 0
	for _, n := range g.Nodes {
		fmt.Fprintf(&b, "%s %q (%s, received %d)\n", n.Kind, n.Name, n.State, n.Received)
		for ; from < len(g.Edges) && g.Edges[from].From == n.ID; from++ {
			e := g.Edges[from]
			to := g.Nodes[e.To]
			fmt.Fprintf(&b, "  %s -> %s %q: %d\n", e.Label, to.Kind, to.Name, e.Count)
		}
	}
	return b.String()
}
