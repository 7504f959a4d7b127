package picture

import (
	"cmp"
	"math"
	"slices"

	"pushbook/pipeline"
)

// Layout geometry of pipeline pictures, in pixels.
const (
	nameSize    = 12.0 // stage name
	detailSize  = 10.0 // "kind · 12 in" under the name
	countSize   = 11.0 // event count on an edge
	edgeSize    = 9.0  // output label on an edge
	boxPadX     = 12.0 // text to box border, each side
	boxMinWidth = 84.0
	boxMinH     = 44.0
	inPitch     = 20.0 // least distance between two edge ends on the left of a box
	outPitch    = 16.0 // least distance between two edge ends on the right of a box
	nodeGap     = 26.0 // between two boxes in a layer
	dummyGap    = 14.0 // between a passing edge and anything else in a layer
	arrowLen    = 8.0
	margin      = 16.0
	loopDrop    = 34.0 // how far below the drawing an edge back to an earlier stage dips
)

// A slot is one place in a layer: a stage's box, or a dummy point that an
// edge spanning several layers passes through.
type slot struct {
	layer int
	node  int // index in Graph.Nodes, or -1 for a dummy
	w, h  float64
	y     float64 // centre
}

// A route is the way one forward edge travels: the slots it visits from
// its sender to its receiver, dummies in between.
type route struct {
	edge  int
	slots []int
}

// layout is a pipeline graph placed left to right: longest-path layers,
// barycentre ordering within layers, positions that pull each slot toward
// its neighbours without overlapping.
type layout struct {
	g      pipeline.Graph
	edges  []int   // indices of the edges drawn (ends in range)
	slots  []slot  // nodes first (slot i is node i), then dummies
	order  [][]int // per layer, slot indices top to bottom
	routes []route // forward edges
	back   []int   // edges going back to an earlier (or the same) layer
	colX   []float64
	colW   []float64
	width  float64
	height float64
	// labelW is the width of an edge's label by edge index: the count and
	// output name (edgeLabelWidth), or a trace's numbered values.
	labelW func(ei int) float64
}

// layoutGraph places g. It costs O(E²) for crossing counts, which is
// nothing for pipelines of the size people draw.
func layoutGraph(g pipeline.Graph) *layout {
	return layoutGraphWith(g, func(ei int) float64 { return edgeLabelWidth(g.Edges[ei]) })
}

// layoutGraphWith places g with edge labels as wide as labelW says.
func layoutGraphWith(g pipeline.Graph, labelW func(ei int) float64) *layout {
	l := &layout{g: g, labelW: labelW}
	for i, e := range g.Edges {
		if e.From >= 0 && e.From < len(g.Nodes) && e.To >= 0 && e.To < len(g.Nodes) {
			l.edges = append(l.edges, i)
		}
	}
	forward := l.splitBackEdges()
	layers := l.assignLayers(forward)
	l.makeSlots(layers, forward)
	l.orderLayers()
	l.placeColumns()
	l.placeRows()
	return l
}

// splitBackEdges finds the edges that close a cycle (a depth-first search
// from the stages nothing sends to, in ID order, then from any stage left
// over), records them in l.back and returns the rest.
func (l *layout) splitBackEdges() []int {
	n := len(l.g.Nodes)
	outs := make([][]int, n)
	indeg := make([]int, n)
	for _, ei := range l.edges {
		e := l.g.Edges[ei]
		outs[e.From] = append(outs[e.From], ei)
		if e.From != e.To {
			indeg[e.To]++
		}
	}
	const (
		unseen = iota
		onStack
		done
	)
	mark := make([]int, n)
	isBack := map[int]bool{}
	var visit func(v int)
	visit = func(v int) {
		mark[v] = onStack
		for _, ei := range outs[v] {
			to := l.g.Edges[ei].To
			switch mark[to] {
			case unseen:
				visit(to)
			case onStack:
				isBack[ei] = true
			}
		}
		mark[v] = done
	}
	for v := range n {
		if indeg[v] == 0 && mark[v] == unseen {
			visit(v)
		}
	}
	for v := range n {
		if mark[v] == unseen {
			visit(v)
		}
	}
	var forward []int
	for _, ei := range l.edges {
		if isBack[ei] {
			l.back = append(l.back, ei)
		} else {
			forward = append(forward, ei)
		}
	}
	return forward
}

// assignLayers gives every stage the layer after its deepest sender
// (longest path from the heads), then moves each head right to just before
// its nearest receiver so a second source does not draw a long edge.
func (l *layout) assignLayers(forward []int) []int {
	n := len(l.g.Nodes)
	layer := make([]int, n)
	// Forward edges form a DAG; relax them until nothing changes. At most
	// n rounds, each O(E).
	for changed, round := true, 0; changed && round <= n; round++ {
		changed = false
		for _, ei := range forward {
			e := l.g.Edges[ei]
			if layer[e.To] < layer[e.From]+1 {
				layer[e.To] = layer[e.From] + 1
				changed = true
			}
		}
	}
	hasInput := make([]bool, n)
	for _, ei := range forward {
		hasInput[l.g.Edges[ei].To] = true
	}
	for v := range n {
		if hasInput[v] {
			continue
		}
		nearest := -1
		for _, ei := range forward {
			if e := l.g.Edges[ei]; e.From == v && (nearest < 0 || layer[e.To] < nearest) {
				nearest = layer[e.To]
			}
		}
		if nearest > 0 {
			layer[v] = nearest - 1
		}
	}
	return layer
}

// makeSlots creates a slot per stage, sized to its text, and a dummy slot
// in every layer a forward edge passes over.
func (l *layout) makeSlots(layers []int, forward []int) {
	depth := 0
	for v, node := range l.g.Nodes {
		in, out := l.portsOf(v)
		w, h := boxSize(node, in, out)
		l.slots = append(l.slots, slot{layer: layers[v], node: v, w: w, h: h})
		depth = max(depth, layers[v]+1)
	}
	for _, ei := range forward {
		e := l.g.Edges[ei]
		r := route{edge: ei, slots: []int{e.From}}
		for at := layers[e.From] + 1; at < layers[e.To]; at++ {
			l.slots = append(l.slots, slot{layer: at, node: -1})
			r.slots = append(r.slots, len(l.slots)-1)
		}
		r.slots = append(r.slots, e.To)
		l.routes = append(l.routes, r)
	}
	l.order = make([][]int, depth)
	for i, s := range l.slots {
		l.order[s.layer] = append(l.order[s.layer], i)
	}
}

// portsOf counts a stage's edge ends on its left (in) and right (out) sides.
func (l *layout) portsOf(v int) (in, out int) {
	for _, ei := range l.edges {
		e := l.g.Edges[ei]
		if e.From == v {
			out++
		}
		if e.To == v {
			in++
		}
	}
	return in, out
}

// boxSize is the box a stage needs for its two lines of text and its edge
// ends; ends on the left take more room as each has its label above it.
func boxSize(n pipeline.GraphNode, in, out int) (w, h float64) {
	w = max(textWidth(n.Name, nameSize), textWidth(nodeDetail(n), detailSize)) + 2*boxPadX
	w = max(w, boxMinWidth)
	h = max(boxMinH, float64(in+1)*inPitch, float64(out+1)*outPitch)
	return w, h
}

// segment is one hop of a route between adjacent layers, with the rank of
// the hop among its sender's outputs and receiver's inputs.
type segment struct {
	from, to       int
	outRank, inFan float64 // position of the end along the box side, in [0,1)
}

// segments lists every hop of every forward route.
func (l *layout) segments() []segment {
	outN := make([]int, len(l.slots))
	inN := make([]int, len(l.slots))
	for _, r := range l.routes {
		for i := 0; i+1 < len(r.slots); i++ {
			outN[r.slots[i]]++
			inN[r.slots[i+1]]++
		}
	}
	outAt := make([]int, len(l.slots))
	inAt := make([]int, len(l.slots))
	var segs []segment
	for _, r := range l.routes {
		for i := 0; i+1 < len(r.slots); i++ {
			a, b := r.slots[i], r.slots[i+1]
			segs = append(segs, segment{
				from: a, to: b,
				outRank: float64(outAt[a]) / float64(outN[a]),
				inFan:   float64(inAt[b]) / float64(inN[b]),
			})
			outAt[a]++
			inAt[b]++
		}
	}
	return segs
}

// orderLayers sweeps down and up the layers, sorting each by the mean
// position of its neighbours in the layer before (after), and keeps the
// order with the fewest crossings. The first order tried is the order
// Describe reached the stages in, which for a tree has none.
func (l *layout) orderLayers() {
	segs := l.segments()
	best := cloneOrder(l.order)
	bestCross := l.crossings(segs)
	for range 6 {
		for at := 1; at < len(l.order); at++ {
			l.sortByNeighbours(at, segs, true)
		}
		for at := len(l.order) - 2; at >= 0; at-- {
			l.sortByNeighbours(at, segs, false)
		}
		if c := l.crossings(segs); c < bestCross {
			best, bestCross = cloneOrder(l.order), c
		}
	}
	l.order = best
}

func cloneOrder(o [][]int) [][]int {
	c := make([][]int, len(o))
	for i := range o {
		c[i] = slices.Clone(o[i])
	}
	return c
}

// positions maps each slot to its index within its layer.
func (l *layout) positions() []int {
	pos := make([]int, len(l.slots))
	for _, layer := range l.order {
		for i, s := range layer {
			pos[s] = i
		}
	}
	return pos
}

// sortByNeighbours reorders one layer by the barycentre of each slot's
// neighbours in the layer before it (down) or after it (up); a slot with
// no such neighbours keeps its place.
func (l *layout) sortByNeighbours(at int, segs []segment, down bool) {
	pos := l.positions()
	sum := map[int]float64{}
	cnt := map[int]int{}
	for _, s := range segs {
		switch {
		case down && l.slots[s.to].layer == at:
			sum[s.to] += float64(pos[s.from]) + 0.9*s.outRank
			cnt[s.to]++
		case !down && l.slots[s.from].layer == at:
			sum[s.from] += float64(pos[s.to]) + 0.9*s.inFan
			cnt[s.from]++
		}
	}
	key := map[int]float64{}
	for _, v := range l.order[at] {
		if cnt[v] > 0 {
			key[v] = sum[v] / float64(cnt[v])
		} else {
			key[v] = float64(pos[v])
		}
	}
	slices.SortStableFunc(l.order[at], func(a, b int) int { return cmp.Compare(key[a], key[b]) })
}

// crossings counts pairs of hops between the same two layers whose ends
// are in opposite orders. Hops sharing an end never cross: edgeEnds orders
// the ends along a box side by where their other ends are.
func (l *layout) crossings(segs []segment) int {
	pos := l.positions()
	n := 0
	for i, a := range segs {
		for _, b := range segs[i+1:] {
			if l.slots[a.from].layer != l.slots[b.from].layer || a.from == b.from || a.to == b.to {
				continue
			}
			if (pos[a.from] < pos[b.from]) != (pos[a.to] < pos[b.to]) {
				n++
			}
		}
	}
	return n
}

// placeColumns sets each layer's x and width, leaving room between layers
// for the widest edge label that ends in the gap.
func (l *layout) placeColumns() {
	l.colX = make([]float64, len(l.order))
	l.colW = make([]float64, len(l.order))
	gaps := make([]float64, len(l.order))
	for i := range gaps {
		gaps[i] = 64
	}
	for _, r := range l.routes {
		last := l.slots[r.slots[len(r.slots)-1]].layer
		gaps[last] = max(gaps[last], l.labelW(r.edge)+arrowLen+48)
	}
	x := margin
	for at, layer := range l.order {
		if at > 0 {
			x += gaps[at]
		}
		for _, s := range layer {
			l.colW[at] = max(l.colW[at], l.slots[s].w)
		}
		l.colX[at] = x
		x += l.colW[at]
	}
	l.width = x + margin
}

// placeRows gives every slot a y: layers start stacked, then each slot is
// pulled toward the mean of its neighbours' centres, layer by layer in
// both directions, keeping the layer's order and gaps. Each pull is the
// exact least-squares answer under those constraints.
func (l *layout) placeRows() {
	for _, layer := range l.order {
		y := 0.0
		for i, s := range layer {
			if i > 0 {
				y += l.sep(layer[i-1], s)
			}
			l.slots[s].y = y
		}
	}
	segs := l.segments()
	for range 8 {
		for at := len(l.order) - 1; at >= 0; at-- {
			l.pullLayer(at, segs)
		}
		for at := range l.order {
			l.pullLayer(at, segs)
		}
	}
	top, bottom := math.Inf(1), math.Inf(-1)
	for _, s := range l.slots {
		top = min(top, s.y-s.h/2)
		bottom = max(bottom, s.y+s.h/2)
	}
	for i := range l.slots {
		l.slots[i].y += margin - top + badgeRise
	}
	l.height = bottom - top + 2*margin + badgeRise
	if len(l.back) > 0 {
		l.height += loopDrop + countSize
	}
}

// sep is the least distance between the centres of two slots adjacent in
// a layer.
func (l *layout) sep(a, b int) float64 {
	gap := nodeGap
	if l.slots[a].node < 0 || l.slots[b].node < 0 {
		gap = dummyGap
	}
	return (l.slots[a].h+l.slots[b].h)/2 + gap
}

// pullLayer moves the slots of one layer toward their neighbours' mean
// centre.
func (l *layout) pullLayer(at int, segs []segment) {
	sum := map[int]float64{}
	cnt := map[int]int{}
	for _, s := range segs {
		if l.slots[s.to].layer == at {
			sum[s.to] += l.slots[s.from].y
			cnt[s.to]++
		}
		if l.slots[s.from].layer == at {
			sum[s.from] += l.slots[s.to].y
			cnt[s.from]++
		}
	}
	layer := l.order[at]
	want := make([]float64, len(layer))
	minSep := make([]float64, len(layer))
	for i, s := range layer {
		want[i] = l.slots[s].y
		if cnt[s] > 0 {
			want[i] = sum[s] / float64(cnt[s])
		}
		if i > 0 {
			minSep[i] = l.sep(layer[i-1], s)
		}
	}
	for i, y := range spaced(want, minSep) {
		l.slots[layer[i]].y = y
	}
}

// spaced returns the ys closest to want (least squares) with
// y[i] >= y[i-1] + minSep[i]: subtracting the running separation turns it
// into isotonic regression, solved by pooling adjacent violators.
func spaced(want, minSep []float64) []float64 {
	offset := make([]float64, len(want))
	for i := 1; i < len(want); i++ {
		offset[i] = offset[i-1] + minSep[i]
	}
	type block struct {
		sum   float64
		count int
	}
	var blocks []block
	for i, w := range want {
		blocks = append(blocks, block{w - offset[i], 1})
		for len(blocks) > 1 {
			a, b := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if a.sum/float64(a.count) <= b.sum/float64(b.count) {
				break
			}
			blocks = blocks[:len(blocks)-2]
			blocks = append(blocks, block{a.sum + b.sum, a.count + b.count})
		}
	}
	ys := make([]float64, 0, len(want))
	for _, b := range blocks {
		for range b.count {
			ys = append(ys, b.sum/float64(b.count)+offset[len(ys)])
		}
	}
	return ys
}
