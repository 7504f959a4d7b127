package pipeline

import "iter"

// Pull side: generators are iter.Seq values. These helpers connect them to
// push stages; lazy map, filter and next() over generators belong to the
// kernel, which runs them over Starlark iterators with its errors and
// checkpoints.

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
// block by block, and of pulling up to size-1 values from seq that a stop
// part-way through a block then leaves unhandled. Each block of size
// values is sent as soon as its last value is pulled, and what is left
// when seq ends goes as a last, shorter block. The block buffer is reused.
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
