package pipeline

import (
	"errors"
	"fmt"
	"iter"
)

// Pull side: generators are iter.Seq values. These helpers connect them to
// push stages and give the small pull-side toolkit the seed uses.

// Push drives a push pipeline from a sequence: it sends each value of seq
// to head in turn (the seed's pushdata) and returns the first error, at
// which it stops pulling from seq. errors.Is(err, ErrStopped) tells the
// source it was asked to stop. Push does not close head.
func Push[T any](seq iter.Seq[T], head *Stage[T]) error {
	var err error
	for v := range seq {
		if err = head.Send(v); err != nil {
			return err
		}
	}
	return nil
}

// PushBlocks is Push in blocks of up to size values (see Stage.SendAll):
// much faster through library stages, at the cost of interleaving branches
// block by block and of pulling up to size-1 values from seq that a stop
// then leaves unsent. The block buffer is reused.
func PushBlocks[T any](seq iter.Seq[T], head *Stage[T], size int) error {
	buf := make([]T, 0, max(size, 1))
	for v := range seq {
		buf = append(buf, v)
		if len(buf) == cap(buf) {
			if err := head.SendAll(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	if len(buf) == 0 {
		return nil
	}
	return head.SendAll(buf)
}

// Sender returns a generator that drives a replying stage: for each value
// of inputs it yields the stage's reply (the seed's sender). A raw stage
// that was not started is started first and its first reply dropped, as
// the seed's target.send(None). If an exchange fails the generator yields
// the zero reply with the error once and ends.
func Sender[T any](s *Stage[T], inputs iter.Seq[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		if s.node.gate&gateUnstarted != 0 {
			if _, err := s.Start(); err != nil {
				yield(zero, err)
				return
			}
		}
		for v := range inputs {
			reply, err := s.Exchange(v)
			if err != nil {
				yield(zero, err)
				return
			}
			if !yield(reply, nil) {
				return
			}
		}
	}
}

// Range returns the generator 0, 1, ..., n-1, like Python's range(n).
func Range(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

// MapSeq returns a generator yielding fn(v) for each v of seq, lazily.
func MapSeq[T, U any](seq iter.Seq[T], fn func(T) U) iter.Seq[U] {
	return func(yield func(U) bool) {
		for v := range seq {
			if !yield(fn(v)) {
				return
			}
		}
	}
}

// FilterSeq returns a generator yielding the values of seq for which keep
// is true.
func FilterSeq[T any](seq iter.Seq[T], keep func(T) bool) iter.Seq[T] {
	return func(yield func(T) bool) {
		for v := range seq {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}

// TakeSeq returns a generator yielding at most the first n values of seq;
// it stops pulling from seq once it has them.
func TakeSeq[T any](seq iter.Seq[T], n int) iter.Seq[T] {
	return func(yield func(T) bool) {
		if n <= 0 {
			return
		}
		left := n
		for v := range seq {
			if !yield(v) {
				return
			}
			left--
			if left == 0 {
				return
			}
		}
	}
}

// ErrExhausted is returned by Generator.Next when the sequence has no
// more values: Python's StopIteration from next().
var ErrExhausted = errors.New("pipeline: generator exhausted")

// Generator pulls values one at a time from a sequence (Python's next() on
// a generator), on a Go-runtime coroutine. Close it if you stop before it
// is exhausted, or its goroutine stays suspended.
type Generator[T any] struct {
	name string
	next func() (T, bool)
	stop func()
	err  error
}

// NewGenerator returns a Generator named name over seq; nothing of seq
// runs until the first Next.
func NewGenerator[T any](name string, seq iter.Seq[T]) *Generator[T] {
	g := &Generator[T]{name: name}
	g.next, g.stop = iter.Pull(func(yield func(T) bool) {
		defer func() {
			switch p := recover().(type) {
			case nil:
			case error:
				g.err = fmt.Errorf("generator %q: panic: %w", name, p)
			default:
				g.err = fmt.Errorf("generator %q: panic: %v", name, p)
			}
		}()
		seq(yield)
	})
	return g
}

// Next returns the next value, or ErrExhausted (wrapped with the
// generator's name) when there is none, or the panic of seq as an error.
func (g *Generator[T]) Next() (T, error) {
	v, ok := g.next()
	if ok {
		return v, nil
	}
	if g.err != nil {
		return v, g.err
	}
	return v, fmt.Errorf("generator %q: %w", g.name, ErrExhausted)
}

// Close ends the generator early; Next returns ErrExhausted after it.
func (g *Generator[T]) Close() { g.stop() }
