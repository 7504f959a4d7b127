package pipeline

import (
	"errors"
	"fmt"
	"iter"
)

// Body is the code of a coroutine stage, written as a receive loop: it
// receives values with co.Recv (or co.Yield, to reply to the sender), sends
// to its outputs with co.Send, and returns.
//
//   - When Recv reports the stage was closed (ok == false), the body runs
//     its clean-up (it may still send to its outputs) and returns; the
//     outputs are closed after it returns.
//   - Returning while open stops the stage: the Send that was running
//     returns an error wrapping ErrStopped, later Sends do too, and the
//     outputs are closed.
//   - Returning an error (or panicking) fails the stage the same way, but
//     Send returns the error wrapped in a *StageError naming the stage.
//     Errors that already name a stage, such as one returned by co.Send,
//     pass through unchanged.
type Body[T any] func(co *Co[T]) error

// Co is a coroutine body's handle on its stage: where values come from and
// where they go. It is only valid inside the body.
type Co[T any] struct {
	node   *Node
	outs   []output[T]
	yield  func(T) bool
	in     T
	reply  T
	closed bool
}

// Recv waits for the next value sent to the stage and returns it with ok
// true; it hands the sender the reply set by Reply, if any. When the stage
// is closed it returns ok false: the body should clean up and return.
// Calling Recv again after that ends the body with ErrIgnoredClose (the
// call does not return), so a loop that ignores close cannot spin forever.
func (c *Co[T]) Recv() (v T, ok bool) {
	var zero T
	if c.closed {
		panic(ignoredClose{})
	}
	reply := c.reply
	c.reply = zero
	if !c.yield(reply) {
		c.closed = true
		return zero, false
	}
	return c.in, true
}

// Yield replies to the current sender (Exchange returns reply; for the
// first receive of a raw stage, Start returns it) and waits for the next
// value, like Python's `v = yield reply`. It reports close like Recv.
func (c *Co[T]) Yield(reply T) (v T, ok bool) {
	c.reply = reply
	return c.Recv()
}

// Reply sets the reply the next Recv hands to the current sender.
func (c *Co[T]) Reply(reply T) { c.reply = reply }

// All returns the values sent to the stage, ending when it is closed; a
// body can range over it and run its clean-up after the loop.
func (c *Co[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for {
			v, ok := c.Recv()
			if !ok || !yield(v) {
				return
			}
		}
	}
}

// Closed reports whether the body was told the stage is closed; bindings
// can use it to refuse a further receive with an error of their own.
func (c *Co[T]) Closed() bool { return c.closed }

// Name returns the stage's name.
func (c *Co[T]) Name() string { return c.node.name }

// Outputs returns how many outputs the stage has.
func (c *Co[T]) Outputs() int { return len(c.outs) }

// Send sends v to output i, counting it on that edge. It returns the
// output's error as is; a body usually returns it, which ends the stage.
func (c *Co[T]) Send(i int, v T) error {
	if i < 0 || i >= len(c.outs) {
		return fmt.Errorf("send to output %d: out of range [0,%d)", i, len(c.outs))
	}
	return c.outs[i].send(v)
}

// SendTo sends v to `to`, which must be one of the stage's outputs (the
// first matching edge is counted).
func (c *Co[T]) SendTo(to *Stage[T], v T) error {
	for _, o := range c.outs {
		if o.to == to {
			return o.send(v)
		}
	}
	name := "<nil>"
	if to != nil {
		name = fmt.Sprintf("%q", to.node.name)
	}
	return fmt.Errorf("send to stage %s: not an output", name)
}

// ignoredClose is the panic value with which Recv unwinds a body that
// keeps receiving after close; the coroutine recovers it.
type ignoredClose struct{}

// coroutine runs a Body on its own Go-runtime coroutine (iter.Pull): each
// Send hands control straight to the body and back, with no scheduler in
// between and no goroutine running in parallel.
type coroutine[T any] struct {
	co     Co[T]
	next   func() (T, bool)
	stop   func()
	result error // what the body returned, or its panic
}

// Coroutine returns a primed coroutine stage: the body has already run up
// to its first receive, so its start-up work happens now, in construction
// order. If the body fails or returns during start-up the stage is
// stopped and Node().Err() says why. Every coroutine stage holds a
// suspended goroutine until it stops or is closed: close the pipeline.
func Coroutine[T any](name string, body Body[T], outs ...*Stage[T]) *Stage[T] {
	s := RawCoroutine(name, body, outs...)
	_, _ = s.Start() // a start-up failure is kept in the node
	return s
}

// RawCoroutine returns an unprimed coroutine stage: nothing of the body
// runs until Start, and Send before Start returns ErrNotStarted. Closing
// it before Start ends it without running the body.
func RawCoroutine[T any](name string, body Body[T], outs ...*Stage[T]) *Stage[T] {
	s := newStage[T](name, "coroutine")
	c := &coroutine[T]{co: Co[T]{node: &s.node}}
	for i, o := range outs {
		c.co.outs = append(c.co.outs, connect(&s.node, o, indexLabel(i, len(outs))))
	}
	c.next, c.stop = iter.Pull(func(yield func(T) bool) {
		c.co.yield = yield
		defer c.recover()
		c.result = body(&c.co)
	})
	s.node.gate = gateUnstarted
	s.handle = func(v T) (T, error) { // a closure, not a method value: one call less per hop
		c.co.in = v
		reply, ok := c.next()
		if ok {
			return reply, nil
		}
		return reply, c.ended("")
	}
	s.start = c.begin
	s.node.cleanup = c.cleanup
	return s
}

func (c *coroutine[T]) recover() {
	switch p := recover().(type) {
	case nil:
	case ignoredClose:
		c.result = ErrIgnoredClose
	case error:
		c.result = fmt.Errorf("panic: %w", p)
	default:
		c.result = fmt.Errorf("panic: %v", p)
	}
}

func (c *coroutine[T]) begin() (T, error) {
	reply, ok := c.next()
	if ok {
		return reply, nil
	}
	return reply, c.ended("start-up")
}

// ended turns the body's result into what the handler reports: a clean
// return is a stop, anything else an error.
func (c *coroutine[T]) ended(phase string) error {
	err := c.result
	var se *StageError
	switch {
	case err == nil || err == ErrStopped:
		return errStopSelf
	case errors.As(err, &se) || phase == "":
		return err
	}
	return fmt.Errorf("%s: %w", phase, err)
}

// cleanup tells the body it was closed and waits for it to return.
func (c *coroutine[T]) cleanup() error {
	c.stop()
	err := c.result
	var se *StageError
	switch {
	case err == nil || errors.Is(err, ErrStopped):
		return nil
	case errors.As(err, &se):
		return err
	}
	return c.co.node.errorf(0, fmt.Errorf("clean-up: %w", err))
}
