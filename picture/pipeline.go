package picture

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"pushbook/pipeline"
)

// badgeRise is how far a state badge sticks out above its box.
const badgeRise = 8.0

// PipelineSVG draws g as an SVG picture: stages as boxes left to right,
// one layer after each stage's deepest sender; an arrow for every output,
// labelled with the events that crossed it and the output's name. Each box
// shows the stage's name, its kind (unless it is a coroutine written in a
// cell, which its name already says) and the events it received. An open
// stage has a solid border; a stopped one a dashed border and a "stopped"
// badge; a closed one a grey fill and a "closed" badge. Edges whose ends
// are not in g.Nodes are left out. An edge back to an earlier stage (a
// cycle) dips below the drawing.
//
// Stages within a layer are ordered to avoid crossing edges (the order
// Describe reached them in, improved by barycentre sweeps), which leaves
// trees and simple fan-in without crossings. It costs O(E²) in the edges.
func PipelineSVG(g pipeline.Graph) string {
	var c canvas
	if len(g.Nodes) == 0 {
		c.open(200, 40, "empty pipeline")
		c.text(margin, 25, "empty pipeline", "fill", "currentColor", "opacity", "0.7")
		return c.close()
	}
	l := layoutGraph(g)
	c.open(l.width, l.height, pipelineTitle(g))
	ends := l.edgeEnds()
	c.group("fill", "none", "stroke", "currentColor", "stroke-width", "1.3")
	for _, r := range l.routes {
		drawRoute(&c, l, r, ends)
	}
	backLabels := make([][2]float64, len(l.back))
	for i, ei := range l.back {
		backLabels[i][0], backLabels[i][1] = drawBackEdge(&c, l, ei)
	}
	c.endGroup()
	for i, ei := range l.back {
		edgeLabel(&c, backLabels[i][0], backLabels[i][1], g.Edges[ei], "middle")
	}
	for _, r := range l.routes {
		e := g.Edges[r.edge]
		end := ends[r.edge]
		edgeLabel(&c, end.toX-arrowLen-2, end.toY-4, e, "end")
	}
	for v := range g.Nodes {
		drawBox(&c, l, v, "1.5")
	}
	return c.close()
}

// pipelineTitle summarises g for the picture's <title>.
func pipelineTitle(g pipeline.Graph) string {
	names := make([]string, 0, 3)
	for _, n := range g.Nodes[:min(3, len(g.Nodes))] {
		names = append(names, n.Name)
	}
	more := ""
	if len(g.Nodes) > 3 {
		more = ", …"
	}
	return fmt.Sprintf("pipeline of %d stages: %s%s", len(g.Nodes), strings.Join(names, ", "), more)
}

// nodeDetail is a box's second line: "filter · 12 in", or "12 in" for a
// coroutine (written in a cell, and named after its function already).
func nodeDetail(n pipeline.GraphNode) string {
	in := strconv.FormatUint(n.Received, 10) + " in"
	if n.Kind == "" || n.Kind == "coroutine" {
		return in
	}
	return n.Kind + " · " + in
}

// edgeLabelWidth is the width of an edge's "12 output" label.
func edgeLabelWidth(e pipeline.GraphEdge) float64 {
	w := textWidth(strconv.FormatUint(e.Count, 10), countSize)
	if e.Label != "" {
		w += textWidth(" "+e.Label, edgeSize)
	}
	return w
}

// edgeLabel writes "12 output": the count bold, the output's name small.
func edgeLabel(c *canvas, x, y float64, e pipeline.GraphEdge, anchor string) {
	c.raw(`<text x="` + num(x) + `" y="` + num(y) + `" text-anchor="` + anchor + `" fill="currentColor">`)
	c.raw(`<tspan font-size="` + num(countSize) + `" font-weight="bold">` + strconv.FormatUint(e.Count, 10) + `</tspan>`)
	if e.Label != "" {
		c.raw(`<tspan font-size="` + num(edgeSize) + `" dx="` + num(textWidth(" ", edgeSize)) + `" opacity="0.75">` + escape(e.Label) + `</tspan>`)
	}
	c.raw("</text>\n")
}

// edgeEnd is where a forward edge leaves its sender and reaches its
// receiver (or the first/last dummy in between).
type edgeEnd struct {
	fromX, fromY, toX, toY float64
}

// edgeEnds spreads the edges leaving (entering) each box along its right
// (left) side, ordered by where their other end is, so edges leaving one
// box do not cross each other.
func (l *layout) edgeEnds() map[int]edgeEnd {
	type end struct {
		route, other int // route index, slot at the far end of the hop
	}
	outs := map[int][]end{}
	ins := map[int][]end{}
	for ri, r := range l.routes {
		a, b := r.slots[0], r.slots[len(r.slots)-1]
		outs[a] = append(outs[a], end{ri, r.slots[1]})
		ins[b] = append(ins[b], end{ri, r.slots[len(r.slots)-2]})
	}
	ends := map[int]edgeEnd{}
	spread := func(v int, list []end, set func(ri int, y float64)) {
		slices.SortStableFunc(list, func(p, q end) int {
			return cmp.Compare(l.slots[p.other].y, l.slots[q.other].y)
		})
		s := l.slots[v]
		pitch := s.h / float64(len(list)+1)
		for i, e := range list {
			set(e.route, s.y-s.h/2+pitch*float64(i+1))
		}
	}
	for v := range l.g.Nodes {
		spread(v, outs[v], func(ri int, y float64) {
			r := l.routes[ri]
			e := ends[r.edge]
			e.fromX, e.fromY = l.boxRight(v), y
			ends[r.edge] = e
		})
		spread(v, ins[v], func(ri int, y float64) {
			r := l.routes[ri]
			e := ends[r.edge]
			e.toX, e.toY = l.boxLeft(v), y
			ends[r.edge] = e
		})
	}
	return ends
}

// boxLeft and boxRight are the x of a stage box's sides; boxes are centred
// in their layer's column.
func (l *layout) boxLeft(v int) float64 {
	s := l.slots[v]
	return l.colX[s.layer] + (l.colW[s.layer]-s.w)/2
}

func (l *layout) boxRight(v int) float64 { return l.boxLeft(v) + l.slots[v].w }

// drawRoute draws one forward edge: an S-curve across each gap between
// layers, straight through the layers it passes over, flat for its last
// stretch (where its label sits) and an arrowhead at the receiver.
func drawRoute(c *canvas, l *layout, r route, ends map[int]edgeEnd) {
	e := l.g.Edges[r.edge]
	end := ends[r.edge]
	attrs := []string{"d", routePath(l, r, ends)}
	if e.Count == 0 {
		attrs = append(attrs, "stroke-opacity", "0.45")
	}
	c.element("path", attrs...)
	arrowhead(c, end.toX, end.toY, e.Count == 0)
}

// routePath is the path of a forward edge, up to where its arrowhead starts.
func routePath(l *layout, r route, ends map[int]edgeEnd) string {
	end := ends[r.edge]
	x, y := end.fromX, end.fromY
	var d strings.Builder
	d.WriteString("M" + num(x) + " " + num(y))
	curve := func(x2, y2 float64) {
		mid := (x + x2) / 2
		d.WriteString(" C" + num(mid) + " " + num(y) + " " + num(mid) + " " + num(y2) + " " + num(x2) + " " + num(y2))
		x, y = x2, y2
	}
	for _, s := range r.slots[1 : len(r.slots)-1] {
		dummy := l.slots[s]
		curve(l.colX[dummy.layer], dummy.y)
		x = l.colX[dummy.layer] + l.colW[dummy.layer]
		d.WriteString(" L" + num(x) + " " + num(y))
	}
	flat := l.labelW(r.edge) + 10
	tip := end.toX - arrowLen
	curve(max(tip-flat, x+(tip-x)/3), end.toY)
	d.WriteString(" L" + num(tip) + " " + num(end.toY))
	return d.String()
}

// arrowhead draws a filled triangle pointing right with its tip at (x, y).
func arrowhead(c *canvas, x, y float64, faint bool) {
	d := "M" + num(x) + " " + num(y) + " L" + num(x-arrowLen) + " " + num(y-4) + " L" + num(x-arrowLen) + " " + num(y+4) + " Z"
	attrs := []string{"d", d, "fill", "currentColor", "stroke", "none"}
	if faint {
		attrs = append(attrs, "fill-opacity", "0.45")
	}
	c.element("path", attrs...)
}

// drawBackEdge draws an edge to an earlier (or the same) stage: down from
// the sender, along under the drawing and up into the receiver, dashed.
// It returns where the edge's label goes.
func drawBackEdge(c *canvas, l *layout, ei int) (labelX, labelY float64) {
	e := l.g.Edges[ei]
	from, to := l.slots[e.From], l.slots[e.To]
	fx := l.boxLeft(e.From) + from.w*2/3
	tx := l.boxLeft(e.To) + to.w/3
	fy, ty := from.y+from.h/2, to.y+to.h/2+arrowLen
	low := l.height - margin
	d := "M" + num(fx) + " " + num(fy) + " C" + num(fx) + " " + num(low) + " " + num(tx) + " " + num(low) + " " + num(tx) + " " + num(ty)
	c.element("path", "d", d, "stroke-dasharray", "4 3")
	tip := ty - arrowLen
	c.element("path", "d", "M"+num(tx)+" "+num(tip)+" L"+num(tx-4)+" "+num(ty)+" L"+num(tx+4)+" "+num(ty)+" Z",
		"fill", "currentColor", "stroke", "none")
	return (fx + tx) / 2, (fy+ty)/8 + 0.75*low + countSize + 2
}

// stateStyle is how a stage's state looks: box fill and border dashes, and
// the badge (empty for open).
func stateStyle(s pipeline.State) (fill, fillOpacity, dash, badge, badgeFill string) {
	switch s {
	case pipeline.Stopped:
		return palette[1], "0.16", "5 3", "stopped", palette[3]
	case pipeline.Closed:
		return "#888888", "0.35", "", "closed", "#6b6b6b"
	case pipeline.Open:
		return palette[0], "0.14", "", "", ""
	}
	return "#888888", "0.14", "2 2", s.String(), "#6b6b6b"
}

// drawBox draws one stage: box, name, detail line and state badge, the
// border strokeW wide, in a group with the given attributes besides its class.
func drawBox(c *canvas, l *layout, v int, strokeW string, groupAttrs ...string) {
	n := l.g.Nodes[v]
	s := l.slots[v]
	x, top := l.boxLeft(v), s.y-s.h/2
	fill, fillOpacity, dash, badge, badgeFill := stateStyle(n.State)
	attrs := []string{"x", num(x), "y", num(top), "width", num(s.w), "height", num(s.h), "rx", "6",
		"fill", fill, "fill-opacity", fillOpacity, "stroke", "currentColor", "stroke-width", strokeW}
	if dash != "" {
		attrs = append(attrs, "stroke-dasharray", dash)
	}
	c.group(append([]string{"class", "stage stage-" + n.State.String()}, groupAttrs...)...)
	c.element("rect", attrs...)
	textOpacity := "1"
	if n.State == pipeline.Closed {
		textOpacity = "0.7"
	}
	cx := x + s.w/2
	c.text(cx, s.y-3, n.Name, "text-anchor", "middle", "fill", "currentColor", "font-size", num(nameSize),
		"font-weight", "bold", "opacity", textOpacity)
	c.text(cx, s.y+12, nodeDetail(n), "text-anchor", "middle", "fill", "currentColor", "font-size", num(detailSize),
		"opacity", "0.75")
	if badge != "" {
		bw := textWidth(badge, edgeSize) + 10
		bx := x + s.w - bw - 6
		c.element("rect", "x", num(bx), "y", num(top-badgeRise), "width", num(bw), "height", "14", "rx", "7",
			"fill", badgeFill)
		c.text(bx+bw/2, top-badgeRise+10, badge, "text-anchor", "middle", "fill", "#ffffff",
			"font-size", num(edgeSize), "font-weight", "bold")
	}
	c.endGroup()
}
