// Package pipeline is pushbook's plain-Go core for push pipelines
// (coroutines) and pull chains (generators), after the Python design
// notebook the project grew from. It knows nothing of Starlark or
// JavaScript; the kernel binds it to notebook cells.
//
// # Push and pull
//
// A pull chain is a sequence of generators: each asks the one before it
// for the next value. Here generators are plain iter.Seq values, and the
// package adds only what joins them to push stages: Range (Python's
// range), Push and PushBlocks (a generator drives a push pipeline), and
// Sender (a generator drives a replying coroutine). Lazy map, filter and
// next() over generators are the kernel's, over Starlark iterators.
//
// A push pipeline runs the other way: a source sends each value into a
// head stage, which sends results on to the stages it was given as
// outputs. A stage has one input and any number of outputs, so a push
// pipeline branches easily:
//
//	head := Map("process", add100,
//		Filter("filter", notEvery3,
//			Split("split", 2, first, display),
//			second))
//	err := Push(Range(10), head) // the seed's pushdata
//	head.Close()
//
// Send hands the value down synchronously: when it returns, every stage
// below has done its part. There are no queues and no goroutines racing.
//
// # Priming
//
// Creating a stage primes it: its start-up work runs in the constructor,
// as the seed's @coroutine decorator does with send(None). Since Go
// evaluates arguments first, a pipeline written as nested calls starts up
// innermost first. RawCoroutine makes an unprimed stage instead; Start
// runs it to its first receive and returns its first reply, and Send
// before that fails with ErrNotStarted.
//
// # Stop flows up, close flows down
//
// A stage that stops (StopIf's condition holds, Take has its n values, a
// coroutine body returns, a stage function fails) makes the Send that was
// running return an error wrapping ErrStopped (or the failure), and so
// every Send above it, up to the source: the source can tell it was asked
// to stop with errors.Is(err, ErrStopped). A stage that receives such an
// error from an output stops too. Once stopped, a stage refuses every
// value with ErrStopped.
//
// Closing a stage (Close, Python's close() and GeneratorExit) runs its
// clean-up, then closes each of its outputs whose last open upstream it
// was, depth-first in the order the outputs were given; fan-in is counted,
// so a stage fed by two branches closes when both have. A stage that stops
// closes its outputs the same way. Closing a stage that is no longer open
// is a no-op, and a closed stage refuses values with ErrClosed.
//
// # Coroutines
//
// Coroutine turns a Go function written as a receive loop into a stage.
// The Body receives values with Co.Recv (or ranges over Co.All), sends to
// its outputs with Co.Send, may reply to each sender with Co.Yield (the
// sender sees the reply from Stage.Exchange: the seed's running_avg), and
// runs its clean-up when Recv reports it was closed. The body runs on a
// Go-runtime coroutine made by iter.Pull: each Send hands control directly
// to the body and back, so coroutine stages nest freely (a body's Send to
// another coroutine is a nested hand-off) and never run in parallel. A
// panicking body fails its stage with an error naming it. A coroutine
// stage holds a suspended goroutine until it stops or is closed, so close
// pipelines when done: closing the head closes everything below it.
//
// # Bookkeeping and graphs
//
// Every stage has a name, a kind, a State, a count of values received and
// a count per output edge. That bookkeeping lives in Node, which does not
// depend on the value type, so Describe can walk a pipeline from any
// heads and return a Graph for drawing. Errors from stages are
// *StageError values naming the stage and the event number:
//
//	filter "every 3": event 7: division by zero
//
// # Tracing
//
// A Tracer armed on the stages below some heads records every delivery
// across an edge, in order, with the value, and how each stage's part of
// the journey ended (a sink, filtered out, stopped, failed): one Journey
// per value sent in from outside. Trace sends one value that way;
// DescribeTrace turns journeys into a TraceGraph for drawing. Tracing
// costs untraced pipelines nothing: an armed stage's gate byte is
// non-zero, so its values leave Send's hot path for the slow path, which
// records them, and Arm/Disarm are the only other cost.
//
// Stages are not safe for concurrent use; a pipeline belongs to the
// goroutine that drives it.
package pipeline
