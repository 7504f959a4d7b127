package kernel

import (
	"errors"
	"fmt"
	"strings"
	"unsafe"

	"go.starlark.net/starlark"

	"pushbook/pipeline"
)

// A Stage is a pipeline stage as a Starlark value. Cells get them two
// ways: calling a generator function (a def containing yield: an unstarted
// generator object, see generator.go; the seed's @coroutine decorator
// primes it), or calling a built-in stage such as filter(...). Every kind
// is a pipeline.Stage underneath, so close, stop and fan-in behave exactly
// as in the pipeline package.
type Stage struct {
	st      *pipeline.Stage[starlark.Value]
	session *Session
	kind    string   // "generator" for cell-written bodies, else the builtin's name
	outs    []*Stage // the stages passed as arguments: its outputs, in order
	raw     bool     // a generator object: the first send must be None
	started bool
	methods [3]*starlark.Builtin // send, throw, close bound to this stage, made on first use

	body  *body      // a generator's body: what it returned and what is thrown into it
	extra StageAttrs // attributes of particular stages (collect's values, table_sink's table)
}

var (
	_ starlark.HasAttrs = (*Stage)(nil)
	_ starlark.Iterable = (*Stage)(nil)
)

// String is what repr and print show: <generator co_sink("first") open>.
func (s *Stage) String() string {
	return fmt.Sprintf("<%s %s %s>", s.Type(), s.st.Name(), s.st.State())
}

// Type is "generator" for stages written in cells (Python's name for
// generator objects, primed or not) and "stage" for built-in ones.
func (s *Stage) Type() string {
	if s != nil && s.kind == "generator" { // nil: what UnpackArgs names a *Stage parameter ("want stage")
		return "generator"
	}
	return "stage"
}

func (s *Stage) Freeze()               {}
func (s *Stage) Truth() starlark.Bool  { return starlark.True }
func (s *Stage) Hash() (uint32, error) { return uint32(uintptr(unsafe.Pointer(s)) >> 3), nil }

// Pipeline returns the stage underneath.
func (s *Stage) Pipeline() *pipeline.Stage[starlark.Value] { return s.st }

// stageMethods keep no reference to their argument slice (BorrowArgs):
// `output.send(v)` then costs no allocation for its arguments.
var stageMethods = [...]*starlark.Builtin{
	starlark.NewBuiltin("send", stageSend).BorrowArgs(),
	starlark.NewBuiltin("throw", stageThrow).BorrowArgs(),
	starlark.NewBuiltin("close", stageClose).BorrowArgs(),
}

// method returns stage method i bound to s; bound methods are kept, since
// `output.send(v)` in a coroutine body looks one up for every value.
func (s *Stage) method(i int) *starlark.Builtin {
	if s.methods[i] == nil {
		s.methods[i] = stageMethods[i].BindReceiver(s)
	}
	return s.methods[i]
}

// Attr returns a method bound to s or one of its read-only facts.
func (s *Stage) Attr(name string) (starlark.Value, error) {
	switch name {
	case "send":
		return s.method(0), nil
	case "throw":
		return s.method(1), nil
	case "close":
		return s.method(2), nil
	}
	if s.extra != nil {
		if v, ok := s.extra.StageAttr(name); ok {
			return v, nil
		}
	}
	n := s.st.Node()
	switch name {
	case "name":
		return starlark.String(n.Name()), nil
	case "kind":
		return starlark.String(s.kind), nil
	case "state":
		return starlark.String(n.State().String()), nil
	case "stopped":
		return starlark.Bool(n.State() == pipeline.Stopped), nil
	case "received":
		return starlark.MakeUint64(n.Received()), nil
	case "outputs":
		outs := make([]starlark.Value, len(s.outs))
		for i, o := range s.outs {
			outs[i] = o
		}
		return starlark.NewList(outs), nil
	}
	return nil, nil
}

// AttrNames lists the methods and facts of a stage.
func (s *Stage) AttrNames() []string {
	return []string{"close", "kind", "name", "outputs", "received", "send", "state", "stopped", "throw"}
}

// Iterate makes `for x in g` call next(g) until the generator is exhausted.
func (s *Stage) Iterate() starlark.Iterator { return &stageIterator{s: s} }

type stageIterator struct {
	s     *Stage
	err   error // the body's error that ended the iteration
	taken bool  // Err reported it
}

func (it *stageIterator) Next(p *starlark.Value) bool {
	v, err := it.s.next(nil)
	if err != nil {
		if !IsStop(err) {
			it.err = err
		}
		return false
	}
	*p = v
	return true
}

// Err is the body's error: a for loop raises it where the loop is, so a
// try around the loop catches it.
func (it *stageIterator) Err() error {
	it.taken = true
	return it.err
}

// Done hands an error nobody asked for to the builtin that iterated (list(g),
// sorted(g): see raisingIteratorErrors), which raises it; with none, it
// stops the cell with it, as an uncaught exception.
func (it *stageIterator) Done() {
	if it.err != nil && !it.taken && !it.s.session.iterFailure.hand(it.err) {
		it.s.session.Cancel(&failure{it.err})
	}
}

// isStop reports whether err means "this generator has nothing more":
// Python's StopIteration.
func IsStop(err error) bool { return starlark.IsClass(err, starlark.StopIteration) }

// next is Python's next(g): g.send(None), starting an unstarted generator.
// Built-in stages only take values pushed into them, so they have no next.
func (s *Stage) next(thread *starlark.Thread) (starlark.Value, error) {
	if s.kind != "generator" {
		return nil, starlark.Errorf(starlark.TypeError, "%s is a built-in %s stage: it takes values sent to it and has nothing to iterate; iterate a generator, or read a collect()'s .values", s.st.Name(), s.kind)
	}
	return s.send(thread, starlark.None)
}

// send delivers v to the stage and returns its reply (what the body passed
// to emit), starting a raw generator when v is None.
func (s *Stage) send(thread *starlark.Thread, v starlark.Value) (starlark.Value, error) {
	var reply starlark.Value
	var err error
	switch {
	case s.raw && !s.started:
		if v != starlark.None {
			return nil, starlark.Errorf(starlark.TypeError, "can't send non-None value to a just-started generator %s: call next() or send(None) first", s.st.Name())
		}
		s.started = true
		reply, err = s.st.Start()
	default:
		if b := bodyOf(thread); b != nil && b.hasOutput(s) {
			reply, err = b.co.ExchangeTo(s.st, v)
		} else {
			reply, err = s.st.Exchange(v)
		}
	}
	if err != nil {
		return nil, s.SendError(err)
	}
	if reply == nil {
		reply = starlark.None
	}
	return reply, nil
}

// sendError turns the pipeline's sentinel errors into Python's exceptions.
// The pipeline error stays wrapped, so a body that lets it propagate stops
// its own stage as the pipeline package defines.
func (s *Stage) SendError(err error) error {
	name := s.st.Name()
	switch {
	case errors.Is(err, pipeline.ErrStopped):
		// Python's StopIteration has no arguments, or the value the
		// generator returned; the error output says which stage stopped.
		exc := starlark.NewWrapping(starlark.StopIteration, err)
		msg := stopMessage(name, err)
		if ret, ok := s.takeReturned(err); ok {
			exc.Args, exc.Value = starlark.Tuple{ret}, ret // Python: StopIteration(value)
			msg += ": it returned " + ret.String()
		} else if below := stopFromBelow(err); below != nil {
			exc.Args, exc.Value = below.Args, below.Value // as in Python 3.6, a body passes its StopIteration on
		}
		return Describe(exc, "%s", msg)
	case errors.Is(err, pipeline.ErrClosed):
		return stopIteration(err, "%s is closed", name)
	case errors.Is(err, pipeline.ErrRunning):
		return wrapAs(starlark.ValueError, err, "generator already executing: %s was sent a value while handling one (a cycle?)", name)
	case errors.Is(err, pipeline.ErrIgnoredClose):
		return wrapAs(starlark.RuntimeError, err, "generator ignored GeneratorExit: %s asked for another value after it was closed", name)
	}
	return err
}

// stopFromBelow returns the StopIteration with a value that a body let
// propagate when a generator below it returned that value, or nil.
func stopFromBelow(err error) *starlark.Exception {
	var below *starlark.Exception
	if errors.As(err, &below) && below.Class.IsSubclassOf(starlark.StopIteration) &&
		below.Value != nil && below.Value != starlark.None {
		return below
	}
	return nil
}

// stopIteration is the StopIteration of a generator that has nothing more
// (its value None), wrapping the pipeline's error.
func stopIteration(err error, format string, args ...any) *starlark.Exception {
	e := wrapAs(starlark.StopIteration, err, format, args...)
	e.Value = starlark.None // the message is no return value
	return e
}

// stopMessage names the stage that stopped, which may be further down.
func stopMessage(sent string, err error) string {
	var se *pipeline.StageError
	if errors.As(err, &se) && se.Stage != sent {
		return fmt.Sprintf("%s stopped (%s below it stopped)", sent, se.Stage)
	}
	return sent + " stopped"
}

func stageSend(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 1 && len(kwargs) == 0 { // every hop of a pipeline comes here: skip the general unpacking
		return b.Receiver().(*Stage).send(thread, args[0])
	}
	var v starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &v); err != nil {
		return nil, err
	}
	return b.Receiver().(*Stage).send(thread, v)
}

// throw(exc) raises exc (an exception or a class) at the generator's
// paused yield and returns what it yields next.
func stageThrow(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &v); err != nil {
		return nil, err
	}
	var exc *starlark.Exception
	switch x := v.(type) {
	case *starlark.Exception:
		exc = x
	case *starlark.ExceptionClass:
		exc = starlark.NewException(x)
	default:
		return nil, starlark.Errorf(starlark.TypeError, "exceptions must derive from BaseException, not %s", v.Type())
	}
	return b.Receiver().(*Stage).throw(thread, exc)
}

func stageClose(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	s := b.Receiver().(*Stage)
	if err := s.st.Close(); err != nil {
		return nil, s.SendError(err)
	}
	return starlark.None, nil
}

// stagesIn returns the Stage values among the arguments, in order.
func StagesIn(args starlark.Tuple, kwargs []starlark.Tuple) []*Stage {
	var outs []*Stage
	for _, a := range args {
		if s, ok := a.(*Stage); ok {
			outs = append(outs, s)
		}
	}
	for _, kv := range kwargs {
		if s, ok := kv[1].(*Stage); ok {
			outs = append(outs, s)
		}
	}
	return outs
}

func PipelineStages(stages []*Stage) []*pipeline.Stage[starlark.Value] {
	out := make([]*pipeline.Stage[starlark.Value], len(stages))
	for i, s := range stages {
		out[i] = s.st
	}
	return out
}

// labelOutputs names each output edge after the parameter it was passed
// as (output, otheroutput, target...), so graphs read like the code.
func labelOutputs(st *pipeline.Stage[starlark.Value], args starlark.Tuple, kwargs []starlark.Tuple, fn starlark.Callable) {
	f, ok := fn.(*starlark.Function)
	i := 0
	for pos, a := range args {
		if _, isStage := a.(*Stage); isStage {
			if ok && pos < f.NumParams() {
				name, _ := f.Param(pos)
				_ = st.Node().SetOutputLabel(i, name)
			}
			i++
		}
	}
	for _, kv := range kwargs {
		if _, isStage := kv[1].(*Stage); isStage {
			_ = st.Node().SetOutputLabel(i, string(kv[0].(starlark.String)))
			i++
		}
	}
}

// stageName is fn's name with its non-stage arguments: co_sink("first").
func StageName(fn string, args starlark.Tuple, kwargs []starlark.Tuple) string {
	var parts []string
	for _, a := range args {
		if _, ok := a.(*Stage); !ok {
			parts = append(parts, ShortRepr(a))
		}
	}
	for _, kv := range kwargs {
		if _, ok := kv[1].(*Stage); !ok {
			parts = append(parts, string(kv[0].(starlark.String))+"="+ShortRepr(kv[1]))
		}
	}
	if len(parts) == 0 {
		return fn
	}
	return fn + "(" + strings.Join(parts, ", ") + ")"
}

// ShortRepr is how a stage's name shows an argument: a function by its
// name, any other value by its repr cut to 24 characters.
func ShortRepr(v starlark.Value) string {
	if f, ok := v.(interface{ Name() string }); ok {
		return f.Name()
	}
	s := v.String()
	if len(s) > 24 {
		s = s[:21] + "..."
	}
	return s
}

// body is what a running coroutine or generator body knows of itself; it
// lives in its thread's state (threadState.body).
type body struct {
	co     *pipeline.Co[starlark.Value]
	thread *starlark.Thread
	// outs are the generator's outputs (its stage arguments). The body
	// refers to them, not to its own Stage, so that a generator nobody
	// refers to any more can be found by the garbage collector although
	// its goroutine is suspended (see closeUnreachable).
	outs     []*Stage
	returned starlark.Value // what the body returned: its StopIteration's value
	thrown   error          // raised at the paused yield when the body resumes: throw
}

func bodyOf(thread *starlark.Thread) *body {
	if thread == nil {
		return nil
	}
	if ts := stateOf(thread); ts != nil {
		return ts.body
	}
	return nil
}

func (b *body) hasOutput(s *Stage) bool {
	for _, o := range b.outs {
		if o == s {
			return true
		}
	}
	return false
}

// errGeneratorExit is wrapped by the GeneratorExit that receive() and
// emit() raise when the stage was closed: uncaught, it ends the body
// cleanly, as GeneratorExit does in Python when a generator has no handler
// for it.
var errGeneratorExit = errors.New("the coroutine was closed")

// generatorExit returns a fresh GeneratorExit (an exception a body may
// catch is never a shared value) wrapping errGeneratorExit.
func generatorExit() error { return starlark.NewWrapping(starlark.GeneratorExit, errGeneratorExit) }

// recv waits for the next value, replying reply to the current sender.
func (b *body) recv(reply starlark.Value) (starlark.Value, error) {
	if b.co.Closed() {
		return nil, starlark.Errorf(starlark.RuntimeError, "generator ignored GeneratorExit: %s asked for another value after it was closed", b.co.Name())
	}
	v, ok := b.co.Yield(reply)
	Adopt(b.thread)
	if !ok {
		return nil, generatorExit()
	}
	if err := b.thrown; err != nil {
		b.thrown = nil
		return nil, err
	}
	if v == nil {
		v = starlark.None
	}
	return v, nil
}

// sessionOf returns the session a cell thread belongs to.
func sessionOf(thread *starlark.Thread) *Session {
	if ts := stateOf(thread); ts != nil {
		return ts.cell.session
	}
	return nil
}

// NewStage wraps st, a pipeline stage that a library builtin made, as a
// Starlark value of kind (the builtin's name); outs are the stages it sends
// to (nil ones are skipped), for graphs and closing.
func NewStage(thread *starlark.Thread, kind string, st *pipeline.Stage[starlark.Value], outs ...*Stage) *Stage {
	var kept []*Stage
	for _, o := range outs {
		if o != nil {
			kept = append(kept, o)
		}
	}
	return &Stage{st: st, session: sessionOf(thread), kind: kind, outs: kept}
}

// StageAttrs gives a library's stage attributes of its own (collect's
// .values, table_sink's .table): StageAttr returns the value of attribute
// name, or false when the stage has no such attribute.
type StageAttrs interface {
	StageAttr(name string) (starlark.Value, bool)
}

// SetAttrs gives s the attributes of a; call it before the stage is used.
func (s *Stage) SetAttrs(a StageAttrs) { s.extra = a }
