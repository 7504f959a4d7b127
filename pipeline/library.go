package pipeline

import (
	"errors"
	"fmt"
)

// The stage library. Every constructor takes the stage's name first and its
// outputs last, so pipelines read as nested calls, innermost built first:
//
//	head := Map("add 100", add100, Filter("not every 3", notDiv3, rest, thirds))
//
// Functions passed to stages return an error; it fails the stage and
// reaches the source wrapped as `kind "name": event N: cause`. A nil output
// is allowed where it says so and drops what would go there. None of these
// stages allocates per value (except Batch, once per batch). The stages
// that also take blocks (Stage.SendAll) say so.

// Map returns a stage that sends fn(v) to out for every v: the seed's
// co_process. It takes blocks.
func Map[T, U any](name string, fn func(T) (U, error), out *Stage[U]) *Stage[T] {
	s := newStage[T](name, "map")
	o := connect(&s.node, out, "out")
	s.oneWay(func(v T) error {
		u, err := fn(v)
		if err != nil {
			return err
		}
		return o.send(u)
	})
	var buf []U
	s.block = func(vs []T) error {
		buf = sized(buf, len(vs))
		for i, v := range vs {
			u, err := fn(v)
			if err != nil {
				s.node.received += uint64(i + 1)
				return firstErr(o.sendAll(buf[:i]), err)
			}
			buf[i] = u
		}
		s.node.received += uint64(len(vs))
		return o.sendAll(buf)
	}
	return s
}

// sized returns buf with length n, reallocated only when too small; its
// contents are stale.
func sized[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	return buf[:n]
}

// firstErr returns the first non-nil error: values delivered before a
// failure report their own error first.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// sendInTurn sends block a to oa, then block b to ob, then reports
// failure; it stops at the first error.
func sendInTurn[T any](oa output[T], a []T, ob output[T], b []T, failure error) error {
	if err := oa.sendAll(a); err != nil {
		return err
	}
	if err := ob.sendAll(b); err != nil {
		return err
	}
	return failure
}

// Filter returns a stage that routes each value by a predicate: to out
// when keep(v) is true, otherwise to other (nil drops it). The seed's
// co_filter. It takes blocks.
func Filter[T any](name string, keep func(T) (bool, error), out, other *Stage[T]) *Stage[T] {
	s := newStage[T](name, "filter")
	o := connect(&s.node, out, "out")
	x := connect(&s.node, other, "other")
	s.oneWay(func(v T) error {
		ok, err := keep(v)
		switch {
		case err != nil:
			return err
		case ok:
			return o.send(v)
		}
		return x.send(v)
	})
	var kept, rest []T
	s.block = func(vs []T) error {
		kept, rest = sized(kept, len(vs)), sized(rest, len(vs))
		var ferr error
		i, k, r := 0, 0, 0
		for ; i < len(vs); i++ {
			ok, err := keep(vs[i])
			if err != nil {
				ferr = err
				break
			}
			if ok {
				kept[k] = vs[i]
				k++
			} else {
				rest[r] = vs[i]
				r++
			}
		}
		s.node.received += uint64(min(i+1, len(vs)))
		return sendInTurn(o, kept[:k], x, rest[:r], ferr)
	}
	return s
}

// Split returns a stage that sends every value to out and, before that, a
// copy of the 1st, (every+1)th, (2*every+1)th... value to side: the seed's
// co_split. every < 1 is treated as 1. It takes blocks.
func Split[T any](name string, every int, out, side *Stage[T]) *Stage[T] {
	s := newStage[T](name, "split")
	o := connect(&s.node, out, "out")
	x := connect(&s.node, side, "side")
	var ph phase
	ph.every = max(every, 1)
	s.oneWay(func(v T) error {
		if ph.tick() {
			if err := x.send(v); err != nil {
				return err
			}
		}
		return o.send(v)
	})
	var copies []T
	s.block = func(vs []T) error {
		copies = copies[:0]
		for i := ph.untilHit(); i < len(vs); i += ph.every {
			copies = append(copies, vs[i])
		}
		ph.advance(len(vs))
		s.node.received += uint64(len(vs))
		return sendInTurn(x, copies, o, vs, nil)
	}
	return s
}

// Thin returns a stage that sends the 1st, (every+1)th, (2*every+1)th...
// value to thinout and all others to out: most events go on, a thinned
// sample goes to a display (the seed's thinsplit(out, thinout, n)). Unlike
// Split, a value goes to one output only. every < 1 is treated as 1. It
// takes blocks.
func Thin[T any](name string, every int, out, thinout *Stage[T]) *Stage[T] {
	s := newStage[T](name, "thin")
	o := connect(&s.node, out, "out")
	x := connect(&s.node, thinout, "thin")
	var ph phase
	ph.every = max(every, 1)
	s.oneWay(func(v T) error {
		if ph.tick() {
			return x.send(v)
		}
		return o.send(v)
	})
	var most, thin []T
	s.block = func(vs []T) error {
		most, thin = most[:0], thin[:0]
		from := 0
		for i := ph.untilHit(); i < len(vs); i += ph.every {
			most = append(most, vs[from:i]...)
			thin = append(thin, vs[i])
			from = i + 1
		}
		most = append(most, vs[from:]...)
		ph.advance(len(vs))
		s.node.received += uint64(len(vs))
		return sendInTurn(o, most, x, thin, nil)
	}
	return s
}

// phase counts values modulo every without dividing: tick reports true for
// the 1st, (every+1)th, (2*every+1)th... call.
type phase struct{ at, every int }

func (p *phase) tick() bool {
	hit := p.at == 0
	p.at++
	if p.at == p.every {
		p.at = 0
	}
	return hit
}

// untilHit returns how many ticks come before the next hit.
func (p *phase) untilHit() int {
	if p.at == 0 {
		return 0
	}
	return p.every - p.at
}

// advance moves the phase on by n ticks.
func (p *phase) advance(n int) { p.at = (p.at + n) % p.every }

// Broadcast returns a stage that sends every value to each output in
// order (a tee). If one output stops or fails, the rest of that value's
// outputs are skipped and the broadcast stops, closing the others. It
// takes blocks.
func Broadcast[T any](name string, outs ...*Stage[T]) *Stage[T] {
	s := newStage[T](name, "broadcast")
	os := make([]output[T], len(outs))
	for i, out := range outs {
		os[i] = connect(&s.node, out, indexLabel(i, len(outs)))
	}
	s.oneWay(func(v T) error {
		for _, o := range os {
			if err := o.send(v); err != nil {
				return err
			}
		}
		return nil
	})
	s.block = func(vs []T) error {
		s.node.received += uint64(len(vs))
		for _, o := range os {
			if err := o.sendAll(vs); err != nil {
				return err
			}
		}
		return nil
	}
	return s
}

// StopIf returns a stage that passes values to out until stop(v) is true;
// that value is not passed on, the stage stops and closes out, and the
// Send returns ErrStopped: the seed's co_stopif. It takes blocks.
func StopIf[T any](name string, stop func(T) (bool, error), out *Stage[T]) *Stage[T] {
	s := newStage[T](name, "stopif")
	o := connect(&s.node, out, "out")
	s.oneWay(func(v T) error {
		halt, err := stop(v)
		switch {
		case err != nil:
			return err
		case halt:
			return errStopSelf
		}
		return o.send(v)
	})
	s.block = func(vs []T) error {
		for i, v := range vs {
			halt, err := stop(v)
			if err == nil && !halt {
				continue
			}
			s.node.received += uint64(i + 1)
			if err == nil {
				err = errStopSelf
			}
			return firstErr(o.sendAll(vs[:i]), err)
		}
		s.node.received += uint64(len(vs))
		return o.sendAll(vs)
	}
	return s
}

// Take returns a stage that passes the first n values to out and then
// stops: the Send of the nth value returns ErrStopped after out received
// it, so the source needs no extra value to learn it is done. With n <= 0
// the stage is stopped (and out closed) at once. It takes blocks.
func Take[T any](name string, n int, out *Stage[T]) *Stage[T] {
	s := newStage[T](name, "take")
	o := connect(&s.node, out, "out")
	left := n
	s.oneWay(func(v T) error {
		left--
		if err := o.send(v); err != nil {
			return err
		}
		if left == 0 {
			return errStopSelf
		}
		return nil
	})
	s.block = func(vs []T) error {
		k := min(left, len(vs))
		left -= k
		s.node.received += uint64(k)
		if err := o.sendAll(vs[:k]); err != nil {
			return err
		}
		if left == 0 {
			return errStopSelf
		}
		return nil
	}
	if n <= 0 {
		s.node.state = Stopped
		s.node.gate = gateEnded
		_ = s.node.closeOutputs() // a library stage below has no clean-up to fail
	}
	return s
}

// Scan returns a stage that folds each value into an accumulator,
// acc = step(acc, v), starting from init, and sends every new acc to out:
// running sums, counts, maxima.
func Scan[T, A any](name string, init A, step func(A, T) (A, error), out *Stage[A]) *Stage[T] {
	s := newStage[T](name, "scan")
	o := connect(&s.node, out, "out")
	acc := init
	s.oneWay(func(v T) error {
		next, err := step(acc, v)
		if err != nil {
			return err
		}
		acc = next
		return o.send(acc)
	})
	return s
}

// Batch returns a stage that gathers values into slices of size values
// (size < 1 is treated as 1) and sends pack(slice) to out for each full
// one; when closed it sends the last, partial batch (if any) before
// closing out. Each slice is new and pack may keep it: a Go caller that
// wants the slices themselves passes func(b []T) []T { return b }. A stop
// below that refuses the last batch on close is not an error, as for a
// coroutine's clean-up. It takes blocks.
func Batch[T, B any](name string, size int, pack func([]T) B, out *Stage[B]) *Stage[T] {
	s := newStage[T](name, "batch")
	o := connect(&s.node, out, "out")
	size = max(size, 1)
	var buf []T
	flush := func() error {
		full := buf
		buf = nil
		return o.send(pack(full))
	}
	s.oneWay(func(v T) error {
		if buf == nil {
			buf = make([]T, 0, size)
		}
		if buf = append(buf, v); len(buf) < size {
			return nil
		}
		return flush()
	})
	s.block = func(vs []T) error {
		for len(vs) > 0 {
			if buf == nil {
				buf = make([]T, 0, size)
			}
			k := min(size-len(buf), len(vs))
			buf, vs = append(buf, vs[:k]...), vs[k:]
			s.node.received += uint64(k)
			if len(buf) == size {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return nil
	}
	s.node.cleanup = func() error {
		if len(buf) == 0 {
			return nil
		}
		if err := flush(); err != nil && !errors.Is(err, ErrStopped) {
			return fmt.Errorf("batch %q: flush on close: %w", name, err)
		}
		return nil
	}
	return s
}

// Sink returns a stage that calls fn for every value: the end of a
// pipeline (printing, counting, storing). It takes blocks.
func Sink[T any](name string, fn func(T) error) *Stage[T] {
	s := newStage[T](name, "sink")
	s.oneWay(func(v T) error {
		return fn(v)
	})
	s.block = func(vs []T) error {
		for i, v := range vs {
			if err := fn(v); err != nil {
				s.node.received += uint64(i + 1)
				return err
			}
		}
		s.node.received += uint64(len(vs))
		return nil
	}
	return s
}

// Discard returns a sink that keeps nothing but the count of values it
// received (Node.Received): a counting sink. It takes blocks.
func Discard[T any](name string) *Stage[T] {
	s := newStage[T](name, "discard")
	s.oneWay(func(T) error {
		return nil
	})
	s.block = func(vs []T) error {
		s.node.received += uint64(len(vs))
		return nil
	}
	return s
}

// Collect returns a stage that appends every value to *dst. It takes
// blocks.
func Collect[T any](name string, dst *[]T) *Stage[T] {
	s := newStage[T](name, "collect")
	s.oneWay(func(v T) error {
		*dst = append(*dst, v)
		return nil
	})
	s.block = func(vs []T) error {
		*dst = append(*dst, vs...)
		s.node.received += uint64(len(vs))
		return nil
	}
	return s
}
