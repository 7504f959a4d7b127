package numpy

import (
	"math"

	"go.starlark.net/starlark"

	"pushbook/flatten"
	"pushbook/kernel"
)

// A reduction (mean, sum, min, max, std) of every element of a plain array
// or a field, as np.mean(a) and a.mean() with no axis. Float sums add
// pairwise as numpy's add.reduce does, so results agree with numpy's to
// the last digit.

// reduction is the shape of np.mean and its kin, and of a.mean() (the
// array is then the receiver).
type reduction func(thread *starlark.Thread, col *flatten.Column, ddof int) (starlark.Value, error)

var reductions = map[string]struct {
	doc, methodDoc string
	fn             reduction
}{
	"mean": {"mean(a): the arithmetic mean of every element of a (a float)", "a.mean(): the arithmetic mean of every element (a float)", mean},
	"sum":  {"sum(a): the sum of every element of a (an int for ints and bools, else a float)", "a.sum(): the sum of every element (an int for ints and bools, else a float)", sum},
	"min":  {"min(a): the smallest element of a (nan if a holds one)", "a.min(): the smallest element (nan if there is one)", extreme(-1)},
	"max":  {"max(a): the largest element of a (nan if a holds one)", "a.max(): the largest element (nan if there is one)", extreme(1)},
	"std":  {"std(a, ddof=0): the standard deviation of every element of a (a float)", "a.std(ddof=0): the standard deviation of every element (a float)", std},
}

// reduceBuiltin is np.<name>(a, axis=None) or, as a method, a.<name>(axis=None).
func reduceBuiltin(name string, method bool) *starlark.Builtin {
	r := reductions[name]
	doc := r.doc
	if method {
		doc = r.methodDoc
	}
	return kernel.NewBuiltin(name, doc, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var a, axis starlark.Value = b.Receiver(), starlark.None
		ddof := 0
		var err error
		if method {
			err = starlark.UnpackArgs(name, args, kwargs, "axis?", &axis, "ddof?", &ddof)
		} else {
			err = starlark.UnpackArgs(name, args, kwargs, "a", &a, "axis?", &axis, "ddof?", &ddof)
		}
		if err != nil {
			return nil, err
		}
		if axis != starlark.None {
			return nil, starlark.Errorf(starlark.TypeError, "%s: axis=%s is not supported: pushbook reduces every element (axis=None)", name, axis)
		}
		if ddof != 0 && name != "std" {
			return nil, starlark.Errorf(starlark.TypeError, "%s() got an unexpected keyword argument 'ddof'", name)
		}
		col, err := reducible(thread, a)
		if err != nil {
			return nil, within(name, err)
		}
		res, err := r.fn(thread, col, ddof)
		if err != nil {
			return nil, within(name, err)
		}
		return res, nil
	})
}

// reducible reads the argument of a reduction as a plain array's column.
func reducible(thread *starlark.Thread, a starlark.Value) (*flatten.Column, error) {
	if _, ok := a.(*Structured); ok {
		return nil, starlark.Errorf(starlark.TypeError, "cannot perform reduce with flexible type (a structured array: reduce one of its fields, a['y'])")
	}
	col, err := plainColumn(thread, a, nil)
	if err != nil {
		return nil, err
	}
	if k := col.DType().Kind; k != flatten.Int64 && k != flatten.Float64 && k != flatten.Bool {
		return nil, starlark.Errorf(starlark.TypeError, "cannot perform reduce with flexible type (%s elements)", col.NumPyTypeName())
	}
	return col, nil
}

// floats returns col's elements as float64s: its own storage for a float
// column, a converted copy otherwise.
func floats(thread *starlark.Thread, col *flatten.Column) ([]float64, error) {
	switch col.DType().Kind {
	case flatten.Float64:
		return col.Float64s(), nil
	case flatten.Int64:
		ints := col.Int64s()
		out := make([]float64, len(ints))
		for i, x := range ints {
			if err := kernel.LoopCheckpoint(thread, i); err != nil {
				return nil, err
			}
			out[i] = float64(x)
		}
		return out, nil
	}
	bools := col.Bools()
	out := make([]float64, len(bools))
	for i, x := range bools {
		if err := kernel.LoopCheckpoint(thread, i); err != nil {
			return nil, err
		}
		if x {
			out[i] = 1
		}
	}
	return out, nil
}

// castBuffer is how many elements numpy's buffered add.reduce converts
// at a time when it sums ints as floats: the pairwise sum restarts per
// buffer.
const castBuffer = 8192

// floatSum is numpy's add.reduce of xs as float64: pairwise over the
// whole of a float array, per castBuffer elements for a converted one.
func floatSum(thread *starlark.Thread, xs []float64, converted bool) (float64, error) {
	p := pairwise{thread: thread}
	if !converted {
		return p.sum(xs, 0)
	}
	total := 0.0
	for lo := 0; lo < len(xs); lo += castBuffer {
		s, err := p.sum(xs[lo:min(lo+castBuffer, len(xs))], lo)
		if err != nil {
			return 0, err
		}
		total += s
	}
	return total, nil
}

// pairwise is numpy's pairwise_sum (numpy/core/src/umath/loops.c.src),
// with a checkpoint per element.
type pairwise struct{ thread *starlark.Thread }

const pairwiseBlock = 128

func (p pairwise) sum(a []float64, at int) (float64, error) {
	n := len(a)
	switch {
	case n < 8:
		res := 0.0
		for i, x := range a {
			if err := kernel.LoopCheckpoint(p.thread, at+i); err != nil {
				return 0, err
			}
			res += x
		}
		return res, nil
	case n <= pairwiseBlock:
		var r [8]float64
		copy(r[:], a[:8])
		i := 8
		for ; i < n-n%8; i += 8 {
			if err := kernel.LoopCheckpoint(p.thread, at+i); err != nil {
				return 0, err
			}
			for k := range r {
				r[k] += a[i+k]
			}
		}
		res := (r[0] + r[1] + (r[2] + r[3])) + (r[4] + r[5] + (r[6] + r[7]))
		for ; i < n; i++ {
			res += a[i]
		}
		return res, nil
	}
	n2 := n / 2
	n2 -= n2 % 8
	left, err := p.sum(a[:n2], at)
	if err != nil {
		return 0, err
	}
	right, err := p.sum(a[n2:], at+n2)
	return left + right, err
}

func mean(thread *starlark.Thread, col *flatten.Column, _ int) (starlark.Value, error) {
	_, m, err := floatMean(thread, col)
	if err != nil {
		return nil, err
	}
	return starlark.Float(m), nil // an empty array's mean is nan, as numpy's
}

// floatMean returns col's values as floats and their mean, summed as
// numpy sums them.
func floatMean(thread *starlark.Thread, col *flatten.Column) ([]float64, float64, error) {
	xs, err := floats(thread, col)
	if err != nil {
		return nil, 0, err
	}
	s, err := floatSum(thread, xs, col.DType().Kind != flatten.Float64)
	if err != nil {
		return nil, 0, err
	}
	return xs, s / float64(len(xs)), nil
}

func sum(thread *starlark.Thread, col *flatten.Column, _ int) (starlark.Value, error) {
	if col.DType().Kind == flatten.Float64 {
		s, err := floatSum(thread, col.Float64s(), false)
		return starlark.Float(s), err
	}
	var total int64
	if col.DType().Kind == flatten.Bool {
		for i, b := range col.Bools() {
			if err := kernel.LoopCheckpoint(thread, i); err != nil {
				return nil, err
			}
			if b {
				total++
			}
		}
		return starlark.MakeInt64(total), nil
	}
	for i, x := range col.Int64s() {
		if err := kernel.LoopCheckpoint(thread, i); err != nil {
			return nil, err
		}
		total += x // wraps around at 64 bits, as numpy's int64 sum does
	}
	return starlark.MakeInt64(total), nil
}

// extreme is min (sign -1) or max (sign 1).
func extreme(sign int) reduction {
	return func(thread *starlark.Thread, col *flatten.Column, _ int) (starlark.Value, error) {
		n := col.Len() * max(col.DType().Shape, 1)
		if n == 0 {
			name := "maximum"
			if sign < 0 {
				name = "minimum"
			}
			return nil, starlark.Errorf(starlark.ValueError, "zero-size array to reduction operation %s which has no identity", name)
		}
		switch col.DType().Kind {
		case flatten.Int64:
			best, err := pick(thread, col.Int64s(), func(x, y int64) bool { return sign*cmp(x, y) > 0 })
			return starlark.MakeInt64(best), err
		case flatten.Bool:
			best, err := pick(thread, col.Bools(), func(x, y bool) bool { return sign*cmp(b2i(x), b2i(y)) > 0 })
			return starlark.Bool(best), err
		}
		best, err := pick(thread, col.Float64s(), func(x, y float64) bool {
			return math.IsNaN(x) && !math.IsNaN(y) || sign*cmp(x, y) > 0 // nan wins, as numpy's minimum and maximum propagate it
		})
		return starlark.Float(best), err
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func cmp[T int | int64 | float64](x, y T) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// pick returns the element of xs (not empty) that beats every other.
func pick[T any](thread *starlark.Thread, xs []T, beats func(x, best T) bool) (T, error) {
	best := xs[0]
	for i, x := range xs {
		if err := kernel.LoopCheckpoint(thread, i); err != nil {
			return best, err
		}
		if beats(x, best) {
			best = x
		}
	}
	return best, nil
}

// std is numpy's _var then sqrt: the mean, the squared deviations summed
// pairwise, divided by n - ddof.
func std(thread *starlark.Thread, col *flatten.Column, ddof int) (starlark.Value, error) {
	xs, m, err := floatMean(thread, col)
	if err != nil {
		return nil, err
	}
	dev := make([]float64, len(xs))
	for i, x := range xs {
		if err := kernel.LoopCheckpoint(thread, i); err != nil {
			return nil, err
		}
		dev[i] = (x - m) * (x - m)
	}
	ss, err := floatSum(thread, dev, false)
	if err != nil {
		return nil, err
	}
	return starlark.Float(math.Sqrt(ss / float64(max(len(xs)-ddof, 0)))), nil
}
