package pipeline

import "errors"

// A Tracer watches values travel through a pipeline: armed on the stages
// reachable from some heads, it records every delivery of a value across
// an edge, in the order it happens, with the value, and how each stage's
// part of the journey ended (it sent nothing on, stopped, failed, was a
// sink). One value sent into an armed stage from outside the tracer's
// stages (the source) is one Journey; a Tracer keeps the last few.
//
// Tracing costs untraced pipelines nothing: an armed stage's gate byte is
// non-zero, so its values leave Send's hot path for the slow path that
// records them, and nothing else is tested per hop. Armed stages take
// blocks (SendAll) one value at a time, so a traced journey is the order
// Send gives, the one a learner reads in the seed's transcripts.
//
// A Tracer is not safe for concurrent use, as stages are not.
type Tracer struct {
	keep     int
	journeys []Journey
	total    uint64 // journeys begun, kept or not
	stack    []frame
	armed    []armed
	seen     map[*Edge]uint64 // edge counts already accounted to a hop
}

// frame is a stage handling a traced value: the stage, the hop that
// brought the value and how many hops it has sent on so far.
type frame struct {
	node *Node
	hop  int
	sent int
}

// armed is a stage a tracer armed and the tracer it displaced.
type armed struct {
	node *Node
	prev *Tracer
}

// Journey is one value's way through the pipeline: the hops it (and what
// stages made of it) took, in order, and where each branch ended.
type Journey struct {
	Value any   // the value sent into Head
	Head  *Node // the stage it was sent to
	Hops  []Hop // every delivery, in the order it happened; Hops[0] is Value into Head
	Ends  []End // where branches ended, in the order they did
	// More counts the deliveries after the first MaxHops, which a journey
	// does not keep (a stage that sends a million values for one).
	More uint64
}

// MaxHops is how many deliveries a Journey keeps: enough for any pipeline
// a learner draws, and a bound on what one traced value costs in memory and
// in the picture that shows it.
const MaxHops = 200

// Hop is one delivery of a value to a stage.
type Hop struct {
	From  *Node // the sending stage; nil for the source (Hops[0])
	Edge  *Edge // the output edge it crossed; nil for the source, or a send that is not one of From's outputs
	To    *Node
	Value any
	// Refused is why To did not take the value (it was stopped, closed,
	// running or not started), or nil.
	Refused error
}

// Outcome is how a stage's handling of a traced value ended the journey
// there.
type Outcome uint8

const (
	// EndSink: a stage with no outputs received the value.
	EndSink Outcome = iota + 1
	// EndFiltered: a stage with outputs received the value and sent nothing on.
	EndFiltered
	// EndStopped: the stage stopped itself on this value (a stop condition
	// held, take had its n values, a coroutine body returned).
	EndStopped
	// EndFailed: the stage's function or body failed; End.Err says how.
	EndFailed
	// EndStoppedBelow: the stage stopped because a stage below it did.
	EndStoppedBelow
	// EndFailedBelow: the stage stopped because a stage below it failed.
	EndFailedBelow
	// EndRefused: the stage did not take the value (Hop.Refused says why).
	EndRefused
)

// String returns "sink", "filtered", "stopped", "failed", "stopped below",
// "failed below" or "refused".
func (o Outcome) String() string {
	switch o {
	case EndSink:
		return "sink"
	case EndFiltered:
		return "filtered"
	case EndStopped:
		return "stopped"
	case EndFailed:
		return "failed"
	case EndStoppedBelow:
		return "stopped below"
	case EndFailedBelow:
		return "failed below"
	case EndRefused:
		return "refused"
	}
	return "outcome?"
}

// End is where a journey's branch ended: at Node, after the hop numbered
// Hop (an index in Journey.Hops), in the way Outcome says. Err is what
// the stage's function or body returned (EndFailed), why the value was
// refused (EndRefused), or the error that came up from below.
type End struct {
	Node    *Node
	Hop     int
	Outcome Outcome
	Err     error
}

// NewTracer returns a tracer that keeps the last keep journeys (at least one).
func NewTracer(keep int) *Tracer {
	return &Tracer{keep: max(keep, 1), seen: map[*Edge]uint64{}}
}

// SetKeep changes how many journeys the tracer keeps (at least one),
// dropping the oldest beyond that.
func (t *Tracer) SetKeep(keep int) {
	t.keep = max(keep, 1)
	if over := len(t.journeys) - t.keep; over > 0 {
		t.journeys = append([]Journey(nil), t.journeys[over:]...)
	}
}

// Keep returns how many journeys the tracer keeps.
func (t *Tracer) Keep() int { return t.keep }

// Journeys returns the journeys kept, oldest first; the last may still be
// under way when asked from inside a stage.
func (t *Tracer) Journeys() []Journey { return append([]Journey(nil), t.journeys...) }

// Total returns how many journeys the tracer has seen begin, kept or not.
func (t *Tracer) Total() uint64 { return t.total }

// Tracer returns the tracer armed on the stage, or nil.
func (n *Node) Tracer() *Tracer { return n.trace }

// Arm arms the tracer on every stage reachable from the heads. A stage
// another tracer watched is watched by this one until Disarm, which gives
// it back. Arming a stage that is handling a value takes effect from its
// next value.
func (t *Tracer) Arm(heads ...*Node) {
	seen := map[*Node]bool{}
	var visit func(n *Node)
	visit = func(n *Node) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		t.armed = append(t.armed, armed{node: n, prev: n.trace})
		n.trace = t
		if n.gate&(gateBusy|gateEnded) == 0 {
			n.gate |= gateTraced
		}
		for _, e := range n.outs {
			t.seen[e] = e.count
			visit(e.to)
		}
	}
	for _, h := range heads {
		visit(h)
	}
}

// Disarm takes the tracer off every stage it armed, giving each back to
// the tracer it displaced, if any. The journeys stay.
func (t *Tracer) Disarm() {
	for i := len(t.armed) - 1; i >= 0; i-- {
		a := t.armed[i]
		if a.node.trace != t {
			continue
		}
		a.node.trace = a.prev
		if a.prev == nil {
			a.node.gate &^= gateTraced
		}
	}
	t.armed = nil
}

// Trace sends v into head with a tracer armed on the pipeline below it and
// returns v's journey with what Send returned. The send is a real one:
// counts, state and side effects are as if Send had been called.
func Trace[T any](head *Stage[T], v T) (Journey, error) {
	t := NewTracer(1)
	t.Arm(head.Node())
	defer t.Disarm() // even if a stage panics
	err := head.Send(v)
	var j Journey
	if js := t.Journeys(); len(js) > 0 {
		j = js[len(js)-1]
	}
	return j, err
}

// exchangeSlow is Send and Exchange for a stage whose gate is not zero:
// a traced stage records the value and handles it; any other refuses it.
func (s *Stage[T]) exchangeSlow(v T) (T, error) {
	n := &s.node
	var zero T
	if n.gate != gateTraced {
		err := n.refuse()
		if n.trace != nil {
			n.trace.refused(n, v, err)
		}
		return zero, err
	}
	t := n.trace
	t.receive(n, v)
	n.gate = gateBusy | gateTraced
	n.received++
	reply, err := s.handle(v)
	n.gate = gateTraced
	t.handled(n, err)
	if err != nil {
		return reply, n.fail(err)
	}
	return reply, nil
}

// current returns the journey under way.
func (t *Tracer) current() *Journey { return &t.journeys[len(t.journeys)-1] }

// hop records a delivery to n: from the stage handling a value, or from
// outside (which begins a journey). It returns the hop's index.
func (t *Tracer) hop(n *Node, v any, refused error) int {
	h := Hop{To: n, Value: v, Refused: refused}
	if len(t.stack) == 0 {
		t.total++
		t.journeys = append(t.journeys, Journey{Value: v, Head: n})
		if over := len(t.journeys) - t.keep; over > 0 {
			t.journeys = append(t.journeys[:0], t.journeys[over:]...)
		}
	} else {
		top := &t.stack[len(t.stack)-1]
		top.sent++
		h.From = top.node
		h.Edge = t.edgeTo(top.node, n)
	}
	j := t.current()
	if len(j.Hops) >= MaxHops {
		j.More++
		return -1
	}
	j.Hops = append(j.Hops, h)
	return len(j.Hops) - 1
}

// edgeTo finds the edge from→to a value just crossed: the output edge to
// `to` whose count went up since the tracer last looked.
func (t *Tracer) edgeTo(from, to *Node) *Edge {
	var first *Edge
	for _, e := range from.outs {
		if e.to != to {
			continue
		}
		if e.count != t.seen[e] {
			t.seen[e] = e.count
			return e
		}
		if first == nil {
			first = e
		}
	}
	return first
}

func (t *Tracer) receive(n *Node, v any) {
	i := t.hop(n, v, nil)
	t.stack = append(t.stack, frame{node: n, hop: i})
}

func (t *Tracer) refused(n *Node, v any, err error) {
	i := t.hop(n, v, err)
	if i < 0 {
		return // beyond MaxHops: counted, not kept
	}
	j := t.current()
	j.Ends = append(j.Ends, End{Node: n, Hop: i, Outcome: EndRefused, Err: err})
}

// handled records how n's handling of its traced value ended.
func (t *Tracer) handled(n *Node, err error) {
	f := t.stack[len(t.stack)-1]
	t.stack = t.stack[:len(t.stack)-1]
	if f.hop < 0 {
		return // a delivery beyond MaxHops: counted, not kept
	}
	end := End{Node: n, Hop: f.hop}
	var se *StageError
	switch {
	case err == nil && f.sent > 0:
		return
	case err == nil && len(n.outs) == 0:
		end.Outcome = EndSink
	case err == nil:
		end.Outcome = EndFiltered
	case err == errStopSelf || err == ErrStopped:
		end.Outcome = EndStopped
	case errors.As(err, &se) && errors.Is(err, ErrStopped):
		end.Outcome, end.Err = EndStoppedBelow, err
	case se != nil:
		end.Outcome, end.Err = EndFailedBelow, err
	default:
		end.Outcome, end.Err = EndFailed, err
	}
	j := t.current()
	j.Ends = append(j.Ends, end)
}

// TraceGraph is journeys described for drawing, as Describe describes a
// pipeline: the Graph of the stages below the heads, and each journey's
// hops and ends by node and edge index in it, values and errors as text.
type TraceGraph struct {
	Graph  Graph
	Events []TraceEvent
}

// TraceEvent is one Journey in a TraceGraph.
type TraceEvent struct {
	Value string     // the value sent into the head
	Head  int        // the head's node index, or -1 if it is not in the graph
	Hops  []TraceHop // Hops[0] is the value entering the head (From and Edge -1)
	Ends  []TraceEnd
	More  uint64 // deliveries after the first MaxHops, not described
}

// TraceHop is one Hop in a TraceGraph: node and edge indices (-1 when
// outside the graph, or none), the value as text, and why it was refused
// ("" if it was taken).
type TraceHop struct {
	From, To, Edge int
	Value          string
	Refused        string
}

// TraceEnd is one End in a TraceGraph. Err explains an EndFailed or EndRefused
// end; Below names the stage below that stopped or failed first.
type TraceEnd struct {
	Node, Hop int
	Outcome   Outcome
	Err       string
	Below     string
}

// DescribeTrace describes journeys against the pipeline below heads: show
// writes a value as text, explain an error (a stage's failure, a refusal).
func DescribeTrace(journeys []Journey, show func(any) string, explain func(error) string, heads ...*Node) TraceGraph {
	g, ids, edges := describe(heads)
	id := func(n *Node) int {
		if i, ok := ids[n]; ok && n != nil {
			return i
		}
		return -1
	}
	t := TraceGraph{Graph: g}
	for _, j := range journeys {
		ev := TraceEvent{Value: show(j.Value), Head: id(j.Head), More: j.More}
		for _, h := range j.Hops {
			th := TraceHop{From: id(h.From), To: id(h.To), Edge: -1, Value: show(h.Value)}
			if i, ok := edges[h.Edge]; ok && h.Edge != nil {
				th.Edge = i
			}
			if h.Refused != nil {
				th.Refused = explain(h.Refused)
			}
			ev.Hops = append(ev.Hops, th)
		}
		for _, e := range j.Ends {
			te := TraceEnd{Node: id(e.Node), Hop: e.Hop, Outcome: e.Outcome}
			var se *StageError
			switch e.Outcome {
			case EndFailed, EndRefused:
				te.Err = explain(e.Err)
			case EndStoppedBelow, EndFailedBelow:
				if errors.As(e.Err, &se) {
					te.Below = se.Stage
				}
			}
			ev.Ends = append(ev.Ends, te)
		}
		t.Events = append(t.Events, ev)
	}
	return t
}
