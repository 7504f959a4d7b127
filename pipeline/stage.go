package pipeline

import (
	"errors"
	"fmt"
)

// State is where a stage is in its life: Open until it stops by itself or
// is closed from above, and never open again after that.
type State uint8

const (
	// Open means the stage accepts values.
	Open State = iota
	// Stopped means the stage ended by itself (its body returned, a stop
	// condition held, or a stage below it stopped or failed); Send returns
	// ErrStopped.
	Stopped
	// Closed means the stage was closed from above; Send returns ErrClosed.
	Closed
)

// String returns "open", "stopped" or "closed".
func (s State) String() string {
	switch s {
	case Open:
		return "open"
	case Stopped:
		return "stopped"
	case Closed:
		return "closed"
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}

// Sentinel errors, usually returned wrapped in a *StageError that names the
// stage; test for them with errors.Is.
var (
	// ErrStopped is returned by Send to a stage that has stopped, and by
	// every Send above a stage at the moment it stops: a source that sees
	// it was asked to stop (Python's StopIteration reaching pushdata).
	ErrStopped = errors.New("pipeline: stopped")
	// ErrClosed is returned by Send to a stage that was closed.
	ErrClosed = errors.New("pipeline: closed")
	// ErrNotStarted is returned by Send to a raw coroutine stage that was
	// not started yet; the stage stays usable.
	ErrNotStarted = errors.New("pipeline: not started")
	// ErrAlreadyStarted is returned by Start on a stage that runs already.
	ErrAlreadyStarted = errors.New("pipeline: already started")
	// ErrRunning is returned when a stage is sent to, started or closed
	// while it is itself handling a value (a cycle, or a body closing its
	// own stage), like Python's "generator already executing".
	ErrRunning = errors.New("pipeline: already running")
	// ErrIgnoredClose ends a coroutine body that asks for another value
	// after it was told it was closed, like Python's "generator ignored
	// GeneratorExit".
	ErrIgnoredClose = errors.New("pipeline: body kept receiving after close")
)

// StageError is an error that happened in, or was reported by, a named
// stage. Event is the 1-based number of the value being handled, or 0 when
// the error is not about a value (start-up, clean-up, refused sends).
type StageError struct {
	Kind  string // the stage kind, such as "filter" or "coroutine"
	Stage string // the stage name
	Event uint64 // 1-based index of the value being handled, 0 if none
	Err   error  // what went wrong
}

// Error formats the error as `kind "name": event N: cause`.
func (e *StageError) Error() string {
	if e.Event > 0 {
		return fmt.Sprintf("%s %q: event %d: %v", e.Kind, e.Stage, e.Event, e.Err)
	}
	return fmt.Sprintf("%s %q: %v", e.Kind, e.Stage, e.Err)
}

// Unwrap returns the cause, so errors.Is(err, ErrStopped) works.
func (e *StageError) Unwrap() error { return e.Err }

// errStopSelf is returned by a stage's handler to say "this stage stops
// now"; Send turns it into a *StageError wrapping ErrStopped.
var errStopSelf = errors.New("pipeline: stop requested")

// Gate bits: a stage takes a value only when its gate is zero, so the hot
// path of Send tests a single byte. A traced stage's gate is gateTraced, so
// tracing costs the hot path nothing: its values take the slow path, which
// records them (exchangeSlow).
const (
	gateBusy      uint8 = 1 << iota // handling a value, starting or closing
	gateUnstarted                   // raw coroutine not started yet
	gateEnded                       // stopped or closed
	gateTraced                      // a Tracer watches the stage (trace.go)
)

// Node is the type-independent part of every stage: its name, kind, state,
// counts and outputs. Graphs are described, and close is propagated,
// through Nodes, so stages of any value type can be inspected alike.
type Node struct {
	name      string
	kind      string
	gate      uint8
	state     State
	received  uint64
	outs      []*Edge
	ins       int // edges into this node (fan-in)
	closedIns int // of those, how many have closed
	err       error
	cleanup   func() error // runs once on Close, before outputs close
	trace     *Tracer      // the tracer armed on the stage, or nil (trace.go)
}

// Edge is one output connection of a stage, counting the values sent along
// it.
type Edge struct {
	from, to *Node
	label    string
	count    uint64
}

// From returns the sending stage.
func (e *Edge) From() *Node { return e.from }

// To returns the receiving stage.
func (e *Edge) To() *Node { return e.to }

// Label returns the output's role, such as "out" or "other".
func (e *Edge) Label() string { return e.label }

// Count returns how many values were sent along the edge.
func (e *Edge) Count() uint64 { return e.count }

// Name returns the stage's name.
func (n *Node) Name() string { return n.name }

// Kind returns what sort of stage this is, such as "map" or "coroutine".
func (n *Node) Kind() string { return n.kind }

// State returns whether the stage is open, stopped or closed.
func (n *Node) State() State { return n.state }

// Received returns how many values the stage accepted.
func (n *Node) Received() uint64 { return n.received }

// Err returns the error that ended the stage, or nil if it is open, was
// closed, or stopped cleanly.
func (n *Node) Err() error { return n.err }

// Outputs returns the stage's output edges in the order they were given.
func (n *Node) Outputs() []*Edge { return append([]*Edge(nil), n.outs...) }

// Inputs returns how many edges lead into the stage (its fan-in).
func (n *Node) Inputs() int { return n.ins }

// SetOutputLabel renames output i, for bindings that know better names
// than "out0", "out1" (a coroutine's parameter names, say).
func (n *Node) SetOutputLabel(i int, label string) error {
	if i < 0 || i >= len(n.outs) {
		return n.errorf(0, fmt.Errorf("output %d out of range [0,%d)", i, len(n.outs)))
	}
	n.outs[i].label = label
	return nil
}

// Close closes the stage: a coroutine's body runs its clean-up, then every
// output whose last open upstream this stage was is closed too, depth-first
// in output order. Closing a stage that is not open is a no-op. The error
// joins the clean-up errors of this stage and the stages closed below it.
func (n *Node) Close() error {
	if n.state != Open {
		return nil
	}
	if n.gate&gateBusy != 0 {
		return n.errorf(0, ErrRunning)
	}
	n.state = Closed
	n.gate = gateEnded
	var err error
	if n.cleanup != nil {
		err = n.cleanup()
		n.err = err
	}
	return errors.Join(err, n.closeOutputs())
}

func (n *Node) closeOutputs() error {
	var errs []error
	for _, e := range n.outs {
		if err := e.to.upstreamClosed(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// upstreamClosed counts one closed input and closes n when it was the last.
func (n *Node) upstreamClosed() error {
	n.closedIns++
	if n.closedIns < n.ins {
		return nil
	}
	return n.Close()
}

func (n *Node) errorf(event uint64, err error) *StageError {
	return &StageError{Kind: n.kind, Stage: n.name, Event: event, Err: err}
}

// refuse explains why a value was not accepted.
func (n *Node) refuse() error {
	switch {
	case n.gate&gateBusy != 0:
		return n.errorf(0, ErrRunning)
	case n.gate&gateUnstarted != 0:
		return n.errorf(0, ErrNotStarted)
	case n.state == Closed:
		return n.errorf(0, ErrClosed)
	}
	return n.errorf(0, ErrStopped)
}

// fail ends the stage after its handler returned err. Errors that already
// name a stage (a stage below stopped or failed) pass through unchanged;
// others are wrapped with this stage's name and event number.
func (n *Node) fail(err error) error {
	var se *StageError
	switch {
	case err == errStopSelf || err == ErrStopped:
		err = n.errorf(n.received, ErrStopped)
	case errors.As(err, &se):
		n.err = err
	default:
		err = n.errorf(n.received, err)
		n.err = err
	}
	if errors.Is(err, ErrStopped) {
		n.err = nil
	}
	n.state = Stopped
	n.gate = gateEnded
	if cerr := n.closeOutputs(); cerr != nil {
		return errors.Join(err, cerr)
	}
	return err
}

// Stage is a push stage receiving values of type T: something you Send
// values to, that owns its outputs and is closed when its upstreams are.
// All stages are made by the constructors of this package (the library
// stages and Coroutine). A Stage is not safe for concurrent use.
type Stage[T any] struct {
	node   Node
	push   func(v T) error // a library stage's handler, which replies nothing; nil for coroutines
	handle func(v T) (reply T, err error)
	block  func(vs []T) error          // nil: SendAll sends one by one
	start  func() (reply T, err error) // nil unless a raw coroutine
}

func newStage[T any](name, kind string) *Stage[T] {
	return &Stage[T]{node: Node{name: name, kind: kind}}
}

// oneWay sets a library stage's handler: push for Send, which is every
// library stage's per-value path and so saves the reply a coroutine's
// handler returns, and handle for Exchange and tracing.
func (s *Stage[T]) oneWay(push func(v T) error) {
	s.push = push
	s.handle = func(v T) (T, error) {
		var zero T
		return zero, push(v)
	}
}

// Node returns the stage's type-independent bookkeeping.
func (s *Stage[T]) Node() *Node { return &s.node }

// Name returns the stage's name.
func (s *Stage[T]) Name() string { return s.node.name }

// State returns whether the stage is open, stopped or closed.
func (s *Stage[T]) State() State { return s.node.state }

// Send pushes v into the stage and returns when the stage (and everything
// it sent v on to) is done with it. It returns nil, or a *StageError: one
// wrapping ErrStopped if this stage or one below it stopped (the stage is
// stopped from then on), ErrClosed if the stage was closed, or the failure
// of a stage function. Send costs one indirect call plus what the stage
// does; it does not allocate.
func (s *Stage[T]) Send(v T) error {
	n := &s.node
	if n.gate != 0 || s.push == nil {
		_, err := s.Exchange(v)
		return err
	}
	n.gate = gateBusy
	n.received++
	err := s.push(v)
	n.gate = 0
	if err != nil {
		return n.fail(err)
	}
	return nil
}

// Exchange is Send that also returns the stage's reply to v: what a
// coroutine body passed to Yield (Python's `x = yield reply`). Library
// stages reply with the zero value.
func (s *Stage[T]) Exchange(v T) (T, error) {
	n := &s.node
	if n.gate != 0 {
		return s.exchangeSlow(v)
	}
	n.gate = gateBusy
	n.received++
	reply, err := s.handle(v)
	n.gate = 0
	if err != nil {
		return reply, n.fail(err)
	}
	return reply, nil
}

// SendAll sends the values of vs in order as one block and returns the
// first error, like calling Send for each. Library stages that support
// blocks (Map, Filter, Split, Thin, Broadcast, StopIf, Take, Batch, Sink,
// Collect, Discard) handle the whole block in one call and pass sub-blocks
// on, which removes the per-value call overhead; other stages take the
// values one by one. Each stage receives the same values in the same order as with Send;
// what differs is the interleaving between branches: a stage hands its
// first output its whole sub-block before its second output gets any. So
// when a stage stops or fails part-way through a block, stages on other
// branches may already hold values from later in the block, and stages
// above it count the whole block as received. vs is only borrowed for the
// call: no stage keeps it.
func (s *Stage[T]) SendAll(vs []T) error {
	if s.block == nil {
		for i := range vs {
			if err := s.Send(vs[i]); err != nil {
				return err
			}
		}
		return nil
	}
	n := &s.node
	if n.gate != 0 {
		if n.gate == gateTraced { // a traced stage takes the values one by one
			for i := range vs {
				if err := s.Send(vs[i]); err != nil {
					return err
				}
			}
			return nil
		}
		return n.refuse()
	}
	n.gate = gateBusy
	err := s.block(vs)
	n.gate = 0
	if err != nil {
		return n.fail(err)
	}
	return nil
}

// Start runs a raw coroutine's body up to its first receive (Python's
// first send(None)) and returns the reply it gave there. It returns
// ErrAlreadyStarted for stages that run already, which includes every
// library stage and every primed coroutine.
func (s *Stage[T]) Start() (T, error) {
	var zero T
	n := &s.node
	if n.gate&gateUnstarted == 0 {
		if n.gate&^gateTraced != 0 {
			return zero, n.refuse()
		}
		return zero, n.errorf(0, ErrAlreadyStarted)
	}
	n.gate = gateBusy
	reply, err := s.start()
	n.gate = 0
	if n.trace != nil {
		n.gate = gateTraced
	}
	if err != nil {
		return reply, n.fail(err)
	}
	return reply, nil
}

// Close closes the stage; see Node.Close.
func (s *Stage[T]) Close() error { return s.node.Close() }

// output is one typed connection from a stage to the stage it sends to.
type output[T any] struct {
	edge *Edge
	to   *Stage[T]
}

// connect records an edge from n to `to`; a nil `to` gives an output that
// drops what is sent to it and draws no edge.
func connect[T any](n *Node, to *Stage[T], label string) output[T] {
	if to == nil {
		return output[T]{}
	}
	e := &Edge{from: n, to: &to.node, label: label}
	n.outs = append(n.outs, e)
	to.node.ins++
	return output[T]{edge: e, to: to}
}

func (o output[T]) send(v T) error {
	if o.to == nil {
		return nil
	}
	o.edge.count++
	return o.to.Send(v)
}

// sendAll passes a block on; an empty block is not sent at all.
func (o output[T]) sendAll(vs []T) error {
	if o.to == nil || len(vs) == 0 {
		return nil
	}
	o.edge.count += uint64(len(vs))
	return o.to.SendAll(vs)
}

// indexLabel labels output i of n: "out" when there is one, else "out0"...
func indexLabel(i, n int) string {
	if n == 1 {
		return "out"
	}
	return fmt.Sprintf("out%d", i)
}
