package picture

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"pushbook/pipeline"
)

// Traces: one value's journey through a pipeline (pipeline.TraceGraph),
// drawn over the pipeline's graph. The edges the last event took are thick
// and orange (a mid-saturation colour that reads on light and dark pages),
// each hop numbered in the order it happened with the value it carried;
// under each stage a note says what it made of the value ("-> 103") or where
// the journey ended there ("filtered out", "stopped", "ValueError: ...").
//
// The picture is also the stage of the page's step-through player, which
// finds its parts by data attributes (never ids): every edge is a
// <g data-edge="E">, every stage a <g data-node="N">, and every annotation
// (hop number and value, stage note) a <g data-event="e" data-step="S">,
// S counting the hops of all events from 0 as the trace JSON's "step"
// does. Annotations of events other than the last are drawn with
// visibility="hidden"; the player shows those up to its step.

// traceColor marks the way a value took: Tableau's orange reads on white
// and on dark backgrounds.
const traceColor = "#f28e2b"

// maxValueText bounds a value as shown in a picture or a hop line.
const maxValueText = 32

func shortValue(s string) string {
	if r := []rune(s); len(r) > maxValueText {
		return string(r[:maxValueText-1]) + "…"
	}
	return s
}

// hopBadgeW is the width of a hop's number badge and the gap after it.
const hopBadgeW = 18.0

// hopLabelWidth is the width of one "(3) 103" hop label on an edge.
func hopLabelWidth(h pipeline.TraceHop) float64 {
	return hopBadgeW + textWidth(shortValue(h.Value), countSize) + 6
}

// traceSteps numbers the hops of all events: steps[e][h] is hop h of
// event e's step.
func traceSteps(t pipeline.TraceGraph) [][]int {
	steps := make([][]int, len(t.Events))
	s := 0
	for e, ev := range t.Events {
		steps[e] = make([]int, len(ev.Hops))
		for h := range ev.Hops {
			steps[e][h] = s
			s++
		}
	}
	return steps
}

// hopsByEdge lists, per edge, the hops of one event that crossed it.
func hopsByEdge(ev pipeline.TraceEvent, edges int) [][]int {
	by := make([][]int, edges)
	for h, hop := range ev.Hops {
		if hop.Edge >= 0 && hop.Edge < edges {
			by[hop.Edge] = append(by[hop.Edge], h)
		}
	}
	return by
}

// TraceSVG draws t: the pipeline as PipelineSVG draws it, the last event's
// way highlighted and numbered, with the value on each edge and a note
// under each stage it reached. Earlier events are in the picture too,
// hidden, for the page's player.
func TraceSVG(t pipeline.TraceGraph) string {
	g := t.Graph
	var c canvas
	if len(g.Nodes) == 0 {
		c.open(200, 40, "empty pipeline")
		c.text(margin, 25, "empty pipeline", "fill", "currentColor", "opacity", "0.7")
		return c.close()
	}
	byEvent := make([][][]int, len(t.Events))
	for e, ev := range t.Events {
		byEvent[e] = hopsByEdge(ev, len(g.Edges))
	}
	labelW := func(ei int) float64 {
		w := 0.0
		for e, by := range byEvent {
			sum := 0.0
			for _, h := range by[ei] {
				sum += hopLabelWidth(t.Events[e].Hops[h])
			}
			w = max(w, sum)
		}
		if g.Edges[ei].Label != "" {
			w += textWidth(" "+g.Edges[ei].Label, edgeSize)
		}
		return max(w, 24)
	}
	l := layoutGraphWith(g, labelW)
	l.height += 14 // room for the notes under the lowest stages
	notes := make([][]stageNote, len(t.Events))
	for e, ev := range t.Events {
		notes[e] = stageNotes(ev)
		for _, n := range notes[e] {
			l.width = max(l.width, textWidth(n.text, detailSize)+2*margin)
		}
	}
	last := len(t.Events) - 1
	c.open(l.width, l.height, traceTitle(t))
	ends := l.edgeEnds()
	steps := traceSteps(t)

	// Edges: taken ones (by the last event) thick and orange, others faint.
	c.group("fill", "none", "stroke", "currentColor", "stroke-width", "1.3")
	for _, r := range l.routes {
		taken := last >= 0 && len(byEvent[last][r.edge]) > 0
		end := ends[r.edge]
		c.group("data-edge", strconv.Itoa(r.edge), "class", "trace-edge")
		path := []string{"d", routePath(l, r, ends), "class", "trace-line"}
		arrow := []string{"d", arrowPath(end.toX, end.toY), "class", "trace-arrow", "stroke", "none"}
		if taken {
			path = append(path, "stroke", traceColor, "stroke-width", "3")
			arrow = append(arrow, "fill", traceColor)
		} else {
			path = append(path, "stroke-opacity", "0.35")
			arrow = append(arrow, "fill", "currentColor", "fill-opacity", "0.35")
		}
		c.element("path", path...)
		c.element("path", arrow...)
		c.endGroup()
	}
	for _, ei := range l.back {
		c.group("data-edge", strconv.Itoa(ei), "class", "trace-edge", "stroke-opacity", "0.35")
		drawBackEdge(&c, l, ei)
		c.endGroup()
	}
	c.endGroup()

	// Output names, faint, after where the hop labels go.
	for _, r := range l.routes {
		e := g.Edges[r.edge]
		if e.Label == "" {
			continue
		}
		end := ends[r.edge]
		c.text(end.toX-arrowLen-2, end.toY-4, e.Label, "text-anchor", "end", "fill", "currentColor",
			"font-size", num(edgeSize), "opacity", "0.6")
	}

	// Stages: those the last event reached drawn with a heavier border.
	reached := map[int]bool{}
	if last >= 0 {
		for _, h := range t.Events[last].Hops {
			reached[h.To] = true
		}
	}
	for v := range g.Nodes {
		stroke := "1.5"
		if reached[v] {
			stroke = "2.5"
		}
		drawBox(&c, l, v, stroke, "data-node", strconv.Itoa(v))
	}

	// Annotations of every event; only the last one's are visible.
	for e, ev := range t.Events {
		hidden := e != last
		for _, r := range l.routes {
			hops := byEvent[e][r.edge]
			if len(hops) == 0 {
				continue
			}
			end := ends[r.edge]
			name := 0.0
			if lab := g.Edges[r.edge].Label; lab != "" {
				name = textWidth(" "+lab, edgeSize)
			}
			x := end.toX - arrowLen - 2 - name
			for _, h := range hops {
				x -= hopLabelWidth(ev.Hops[h])
			}
			for _, h := range hops {
				hop := ev.Hops[h]
				c.group(annotationAttrs(e, steps[e][h], hidden)...)
				c.element("circle", "cx", num(x+7), "cy", num(end.toY-8), "r", "7.5", "fill", traceColor)
				c.text(x+7, end.toY-4.5, strconv.Itoa(h), "text-anchor", "middle", "fill", "#222222",
					"font-size", "10", "font-weight", "bold")
				c.text(x+hopBadgeW, end.toY-4, shortValue(hop.Value), "fill", "currentColor",
					"font-size", num(countSize), "font-weight", "bold")
				c.endGroup()
				x += hopLabelWidth(hop)
			}
		}
		for _, note := range notes[e] {
			if note.node < 0 || note.node >= len(g.Nodes) {
				continue
			}
			s := l.slots[note.node]
			c.group(annotationAttrs(e, steps[e][note.hop], hidden)...)
			attrs := []string{"text-anchor", "middle", "fill", "currentColor", "font-size", num(detailSize)}
			if note.end {
				attrs = append(attrs, "font-weight", "bold")
			}
			half := textWidth(note.text, detailSize) / 2
			x := min(max(l.boxLeft(note.node)+s.w/2, half+4), l.width-half-4)
			c.text(x, s.y+s.h/2+12, note.text, attrs...)
			c.endGroup()
		}
	}
	return c.close()
}

func annotationAttrs(event, step int, hidden bool) []string {
	attrs := []string{"data-event", strconv.Itoa(event), "data-step", strconv.Itoa(step)}
	if hidden {
		attrs = append(attrs, "visibility", "hidden")
	}
	return attrs
}

// arrowPath is an arrowhead pointing right with its tip at (x, y).
func arrowPath(x, y float64) string {
	return "M" + num(x) + " " + num(y) + " L" + num(x-arrowLen) + " " + num(y-4) + " L" + num(x-arrowLen) + " " + num(y+4) + " Z"
}

// traceTitle summarises a trace for the picture's <title>.
func traceTitle(t pipeline.TraceGraph) string {
	if len(t.Events) == 0 {
		return "trace: nothing recorded yet"
	}
	ev := t.Events[len(t.Events)-1]
	what := fmt.Sprintf("trace of %s: %d hops", shortValue(ev.Value), len(ev.Hops)-1)
	if len(t.Events) > 1 {
		what = fmt.Sprintf("trace of the last %d events; the last, %s: %d hops", len(t.Events), shortValue(ev.Value), len(ev.Hops)-1)
	}
	return what
}

// stageNote is what a picture writes under a stage for one event.
type stageNote struct {
	node, hop int // the stage, and the hop that brought it the value
	text      string
	end       bool // the journey ended here
}

// stageNotes says, for each stage an event reached, what it sent on
// ("-> 103", after "0 " at the head) or how the journey ended there.
func stageNotes(ev pipeline.TraceEvent) []stageNote {
	var notes []stageNote
	at := map[int]int{} // node -> index in notes
	for h, hop := range ev.Hops {
		if hop.Refused != "" {
			continue
		}
		if _, ok := at[hop.To]; !ok {
			at[hop.To] = len(notes)
			notes = append(notes, stageNote{node: hop.To, hop: h})
		}
	}
	sent := map[int][]string{}
	for _, hop := range ev.Hops[min(1, len(ev.Hops)):] {
		if hop.From >= 0 && !contains(sent[hop.From], hop.Value) {
			sent[hop.From] = append(sent[hop.From], hop.Value)
		}
	}
	for i := range notes {
		n := &notes[i]
		if vs := sent[n.node]; len(vs) > 0 {
			n.text = "-> " + shortValue(strings.Join(vs, ", "))
			if n.hop == 0 {
				n.text = shortValue(ev.Value) + " " + n.text
			}
		}
	}
	for _, end := range ev.Ends {
		text := endText(end)
		if i, ok := at[end.Node]; ok && end.Outcome != pipeline.EndRefused {
			n := &notes[i]
			if n.text != "" {
				n.text += ", "
			}
			n.text += text
			n.end = true
			continue
		}
		notes = append(notes, stageNote{node: end.Node, hop: end.Hop, text: text, end: true})
	}
	return notes
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// endText says how a journey ended at a stage, for notes and text.
func endText(e pipeline.TraceEnd) string {
	switch e.Outcome {
	case pipeline.EndSink:
		return "reached a sink"
	case pipeline.EndFiltered:
		return "filtered out"
	case pipeline.EndStopped:
		return "stopped"
	case pipeline.EndFailed:
		return shortValue(e.Err)
	case pipeline.EndStoppedBelow:
		return "stopped too"
	case pipeline.EndFailedBelow:
		return "stopped too (failure below)"
	case pipeline.EndRefused:
		return "refused: " + shortValue(e.Err)
	}
	return e.Outcome.String()
}

// endLine is endText for a text trace, with the whole error.
func endLine(e pipeline.TraceEnd) string {
	switch e.Outcome {
	case pipeline.EndFailed:
		return "error: " + e.Err
	case pipeline.EndRefused:
		return "refused the value: " + e.Err
	case pipeline.EndFiltered:
		return "filtered out (received it and sent nothing on)"
	case pipeline.EndStopped:
		return "stopped (StopIteration reaches the source)"
	case pipeline.EndStoppedBelow:
		return "stopped too, as " + e.Below + " below it stopped"
	case pipeline.EndFailedBelow:
		return "stopped too, as " + e.Below + " below it failed"
	}
	return endText(e)
}

// TraceText is the text/plain companion of TraceSVG: for each event the
// value entering the head, then one numbered line per hop, in the order
// the hops happened, and where each branch ended:
//
//	0 into co_process
//	1. co_process -> co_filter: 100
//	2. co_filter -> co_split: 100
//	3. co_split -> co_sink('display'): 100
//	4. co_split -> co_sink('first'): 100
//	ended: co_sink('display') reached a sink; co_sink('first') reached a sink
func TraceText(t pipeline.TraceGraph) string {
	var b strings.Builder
	name := func(i int) string {
		if i >= 0 && i < len(t.Graph.Nodes) {
			return t.Graph.Nodes[i].Name
		}
		return "?"
	}
	for e, ev := range t.Events {
		if len(t.Events) > 1 {
			fmt.Fprintf(&b, "event %d of %d: ", e+1, len(t.Events))
		}
		fmt.Fprintf(&b, "%s into %s\n", ev.Value, name(ev.Head))
		for h, hop := range ev.Hops {
			if h == 0 {
				continue
			}
			fmt.Fprintf(&b, "%d. %s -> %s: %s", h, name(hop.From), name(hop.To), hop.Value)
			if hop.Refused != "" {
				b.WriteString(" (refused)")
			}
			b.WriteByte('\n')
		}
		if ev.More > 0 {
			fmt.Fprintf(&b, "... and %d more hops, not shown (a trace keeps the first %d)\n", ev.More, pipeline.MaxHops)
		}
		if len(ev.Ends) > 0 {
			parts := make([]string, len(ev.Ends))
			for i, end := range ev.Ends {
				parts[i] = name(end.Node) + " " + endLine(end)
			}
			b.WriteString("ended: " + strings.Join(parts, "; ") + "\n")
		}
	}
	return b.String()
}

// traceJSON is application/vnd.pushbook.trace+json (web/PROTOCOL.md).
type traceJSON struct {
	Version int             `json:"version"`
	Nodes   []traceJSONNode `json:"nodes"`
	Edges   []traceJSONEdge `json:"edges"`
	Events  []traceJSONEv   `json:"events"`
	Steps   int             `json:"steps"`
}

type traceJSONNode struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

type traceJSONEdge struct {
	ID    int    `json:"id"`
	From  int    `json:"from"`
	To    int    `json:"to"`
	Label string `json:"label"`
}

type traceJSONEv struct {
	Value string          `json:"value"`
	Head  int             `json:"head"`
	Hops  []traceJSONHop  `json:"hops"`
	Ends  []traceJSONEnds `json:"ends"`
	More  uint64          `json:"more,omitempty"` // hops after the first pipeline.MaxHops, not listed
}

type traceJSONHop struct {
	Step    int    `json:"step"`
	Order   int    `json:"order"`
	From    *int   `json:"from"`
	To      int    `json:"to"`
	Edge    *int   `json:"edge"`
	Label   string `json:"label"`
	Value   string `json:"value"`
	Refused string `json:"refused,omitempty"`
	Text    string `json:"text"`
}

type traceJSONEnds struct {
	Node    int    `json:"node"`
	Name    string `json:"name"`
	Hop     int    `json:"hop"`
	Step    int    `json:"step"`
	Outcome string `json:"outcome"`
	Error   string `json:"error,omitempty"`
	Below   string `json:"below,omitempty"`
	Text    string `json:"text"`
}

// TraceMIME is the MIME type of TraceJSON.
const TraceMIME = "application/vnd.pushbook.trace+json"

// TraceJSON is t for the page's step-through player: the graph's nodes and
// edges, and per event its hops (step: the hop's number across all events,
// from 0, as the picture's data-step; order: its number in its event, 0
// for the value entering the head, as TraceText numbers them) and ends.
func TraceJSON(t pipeline.TraceGraph) string {
	out := traceJSON{Version: 1, Nodes: []traceJSONNode{}, Edges: []traceJSONEdge{}, Events: []traceJSONEv{}}
	for _, n := range t.Graph.Nodes {
		out.Nodes = append(out.Nodes, traceJSONNode{ID: n.ID, Name: n.Name, Kind: n.Kind})
	}
	for i, e := range t.Graph.Edges {
		out.Edges = append(out.Edges, traceJSONEdge{ID: i, From: e.From, To: e.To, Label: e.Label})
	}
	name := func(i int) string {
		if i >= 0 && i < len(t.Graph.Nodes) {
			return t.Graph.Nodes[i].Name
		}
		return "?"
	}
	steps := traceSteps(t)
	for e, ev := range t.Events {
		je := traceJSONEv{Value: ev.Value, Head: ev.Head, Hops: []traceJSONHop{}, Ends: []traceJSONEnds{}, More: ev.More}
		for h, hop := range ev.Hops {
			jh := traceJSONHop{Step: steps[e][h], Order: h, To: hop.To, Value: hop.Value, Refused: hop.Refused}
			if hop.From >= 0 {
				from := hop.From
				jh.From = &from
				jh.Text = fmt.Sprintf("%d. %s -> %s: %s", h, name(hop.From), name(hop.To), hop.Value)
			} else {
				jh.Text = fmt.Sprintf("%s into %s", hop.Value, name(hop.To))
			}
			if hop.Edge >= 0 {
				edge := hop.Edge
				jh.Edge = &edge
				jh.Label = t.Graph.Edges[edge].Label
			}
			je.Hops = append(je.Hops, jh)
		}
		for _, end := range ev.Ends {
			step := 0
			if end.Hop >= 0 && end.Hop < len(steps[e]) {
				step = steps[e][end.Hop]
			}
			je.Ends = append(je.Ends, traceJSONEnds{Node: end.Node, Name: name(end.Node), Hop: end.Hop, Step: step,
				Outcome: end.Outcome.String(), Error: end.Err, Below: end.Below, Text: name(end.Node) + " " + endLine(end)})
		}
		out.Events = append(out.Events, je)
		out.Steps += len(ev.Hops)
	}
	b, err := json.Marshal(out)
	if err != nil { // cannot happen: only strings and ints
		return `{"version":1,"nodes":[],"edges":[],"events":[],"steps":0}`
	}
	return string(b)
}
