// Package random is the module cells import as random: a deterministic
// random source, so that a tutorial shows the same numbers wherever it runs:
// natively, in the headless runner and in the browser's WebAssembly.
//
//	import random
//	random.seed(42)           # the session's generator; random.random() ...
//	rng = random.Random(42)   # a generator of one's own
//	rng.uniform(0, 10)        # float in [0, 10)
//	rng.normal(size=1000)     # list of 1000 draws from N(0, 1)
//	rng.randint(1, 6)         # int in [1, 6], both ends included
//	rng.choice(["a", "b"])    # one element
//
// The stream is math/rand/v2's PCG generator seeded with
// rand.NewPCG(uint64(seed), randomStream), where seed is the int given
// (negative seeds as two's complement) and randomStream is the fixed
// constant below. Each method draws from it as written next to the method;
// nothing depends on the platform, the time or Go map order, so the same
// seed gives the same sequence of values everywhere.
package random

import (
	"fmt"
	"math"
	"math/rand/v2"
	"unsafe"

	"go.starlark.net/starlark"

	"pushbook/kernel"
)

// randomStream is the second PCG seed word of every Random: "pushbook" in
// ASCII.
const randomStream = 0x70757368626f6f6b

// Random is the value random.Random(seed) returns: a seeded generator whose
// methods (uniform, normal, randint, choice, random, sample, shuffle) each
// draw from one PCG stream. Like any Starlark value it is used by one
// thread at a time (gather's tasks take turns, so sharing one is safe).
type Random struct {
	seed    int64
	rng     *rand.Rand
	methods map[string]*starlark.Builtin // bound on first use
}

var (
	_ starlark.HasAttrs = (*Random)(nil)
)

// NewRandom returns the generator that random.Random(seed) gives a cell.
func NewRandom(seed int64) *Random {
	return &Random{seed: seed, rng: rand.New(rand.NewPCG(uint64(seed), randomStream))}
}

// String is what repr and print show: Random(seed=42).
func (r *Random) String() string { return fmt.Sprintf("Random(seed=%d)", r.seed) }

// Type is "random".
func (r *Random) Type() string { return "random" }

// Freeze does nothing: drawing numbers changes the generator's state, as
// Python's random.Random does.
func (r *Random) Freeze() {}

// Truth is always True.
func (r *Random) Truth() starlark.Bool { return starlark.True }

// Hash is by identity.
func (r *Random) Hash() (uint32, error) { return uint32(uintptr(unsafe.Pointer(r)) >> 3), nil }

// randomMethods are the methods of a Random, by name.
var randomMethods = map[string]func(r *Random, name string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error){
	"uniform": (*Random).uniform,
	"normal":  (*Random).normal,
	"randint": (*Random).randint,
	"choice":  (*Random).choice,
	"random":  (*Random).random,
	"sample":  (*Random).sample,
	"shuffle": (*Random).shuffle,
}

// Attr returns a method bound to r, or its seed.
func (r *Random) Attr(name string) (starlark.Value, error) {
	if name == "seed" {
		return starlark.MakeInt64(r.seed), nil
	}
	m, ok := randomMethods[name]
	if !ok {
		return nil, nil
	}
	if b, ok := r.methods[name]; ok {
		return b, nil
	}
	if r.methods == nil {
		r.methods = map[string]*starlark.Builtin{}
	}
	b := starlark.NewBuiltin(name, func(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		return m(r, fn.Name(), args, kwargs)
	})
	r.methods[name] = b
	return b, nil
}

// AttrNames lists the methods and the seed.
func (r *Random) AttrNames() []string {
	return []string{"choice", "normal", "randint", "random", "sample", "seed", "shuffle", "uniform"}
}

// sizeArg unpacks size=None or size=N.
type sizeArg struct {
	n   int
	set bool
}

func (s *sizeArg) Unpack(v starlark.Value) error {
	if v == starlark.None {
		*s = sizeArg{}
		return nil
	}
	if err := starlark.AsInt(v, &s.n); err != nil {
		return fmt.Errorf("got %s, want an int or None", v.Type())
	}
	s.set = true
	return nil
}

// draw returns one value, or with size=N a list of N values drawn one after
// another: rng.normal(size=3) is [rng.normal(), rng.normal(), rng.normal()].
func draw(method string, size sizeArg, one func() starlark.Value) (starlark.Value, error) {
	if !size.set {
		return one(), nil
	}
	if size.n < 0 {
		return nil, starlark.Errorf(starlark.ValueError, "%s: size must be at least 0, got %d", method, size.n)
	}
	values := make([]starlark.Value, size.n)
	for i := range values {
		values[i] = one()
	}
	return starlark.NewList(values), nil
}

// uniform(a=0.0, b=1.0, size=None) is a float in [a, b): a + (b-a)*u, where
// u is rand.Float64 (53 bits of one Uint64).
func (r *Random) uniform(name string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	a, b := kernel.Number(0), kernel.Number(1)
	var size sizeArg
	if err := starlark.UnpackArgs(name, args, kwargs, "a?", &a, "b?", &b, "size?", &size); err != nil {
		return nil, err
	}
	if a > b {
		return nil, starlark.Errorf(starlark.ValueError, "%s: a must not exceed b, got a=%g, b=%g", name, float64(a), float64(b))
	}
	lo, span := float64(a), float64(b-a)
	// the conversion keeps the compiler from fusing into an FMA on some platforms
	return draw(name, size, func() starlark.Value { return starlark.Float(lo + float64(span*r.rng.Float64())) })
}

// normal(mu=0.0, sigma=1.0, size=None) is a draw from the normal
// distribution: mu + sigma*z, where z is rand.NormFloat64 (a ziggurat that
// takes one Uint64 most of the time, more in its rare tail and wedge cases).
func (r *Random) normal(name string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	mu, sigma := kernel.Number(0), kernel.Number(1)
	var size sizeArg
	if err := starlark.UnpackArgs(name, args, kwargs, "mu?", &mu, "sigma?", &sigma, "size?", &size); err != nil {
		return nil, err
	}
	if sigma < 0 || math.IsNaN(float64(sigma)) {
		return nil, starlark.Errorf(starlark.ValueError, "%s: sigma must be at least 0, got %g", name, float64(sigma))
	}
	m, s := float64(mu), float64(sigma)
	return draw(name, size, func() starlark.Value { return starlark.Float(m + float64(s*r.rng.NormFloat64())) })
}

// randint(a, b, size=None) is an int in [a, b], both ends included as in
// Python: a + rand.Uint64N(b-a+1) (a full 64-bit range takes rand.Uint64).
func (r *Random) randint(name string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var a, b int64
	var size sizeArg
	if err := starlark.UnpackArgs(name, args, kwargs, "a", &a, "b", &b, "size?", &size); err != nil {
		return nil, err
	}
	if a > b {
		return nil, starlark.Errorf(starlark.ValueError, "%s: empty range: a must not exceed b, got randint(%d, %d)", name, a, b)
	}
	span := uint64(b-a) + 1 // 0 when [a, b] is every int64
	return draw(name, size, func() starlark.Value {
		if span == 0 {
			return starlark.MakeInt64(int64(r.rng.Uint64()))
		}
		return starlark.MakeInt64(a + int64(r.rng.Uint64N(span)))
	})
}

// choice(seq, size=None) is seq[rand.IntN(len(seq))] for a list, tuple,
// string or any other indexable sequence.
func (r *Random) choice(name string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var seq starlark.Indexable
	var size sizeArg
	if err := starlark.UnpackArgs(name, args, kwargs, "seq", &seq, "size?", &size); err != nil {
		return nil, err
	}
	n := seq.Len()
	if n == 0 {
		return nil, starlark.Errorf(starlark.IndexError, "%s: cannot choose from an empty %s", name, seq.Type())
	}
	return draw(name, size, func() starlark.Value { return seq.Index(r.rng.IntN(n)) })
}

// random(size=None) is a float in [0, 1): rand.Float64, Python's
// random.random().
func (r *Random) random(name string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var size sizeArg
	if err := starlark.UnpackArgs(name, args, kwargs, "size?", &size); err != nil {
		return nil, err
	}
	return draw(name, size, func() starlark.Value { return starlark.Float(r.rng.Float64()) })
}

// sample(seq, k) is a list of k distinct elements of seq in random order:
// the first k steps of a Fisher-Yates shuffle of the positions, step i
// swapping position i with i + rand.IntN(len(seq)-i).
func (r *Random) sample(name string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var seq starlark.Indexable
	var k int
	if err := starlark.UnpackArgs(name, args, kwargs, "seq", &seq, "k", &k); err != nil {
		return nil, err
	}
	n := seq.Len()
	if k < 0 || k > n {
		return nil, starlark.Errorf(starlark.ValueError, "%s: k must be between 0 and the length of the sequence (%d), got %d", name, n, k)
	}
	pos := make([]int, n)
	for i := range pos {
		pos[i] = i
	}
	out := make([]starlark.Value, k)
	for i := range out {
		j := i + r.rng.IntN(n-i)
		pos[i], pos[j] = pos[j], pos[i]
		out[i] = seq.Index(pos[i])
	}
	return starlark.NewList(out), nil
}

// shuffle(list) shuffles list in place and returns None: Fisher-Yates from
// the end, step i (from len-1 down to 1) swapping i with rand.IntN(i+1).
func (r *Random) shuffle(name string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var list *starlark.List
	if err := starlark.UnpackArgs(name, args, kwargs, "list", &list); err != nil {
		return nil, err
	}
	for i := list.Len() - 1; i > 0; i-- {
		j := r.rng.IntN(i + 1)
		vi, vj := list.Index(i), list.Index(j)
		if err := list.SetIndex(i, vj); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if err := list.SetIndex(j, vi); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return starlark.None, nil
}

// Random(seed=0) returns a Random: a generator whose sequence depends on
// the seed alone, so random() without a seed is as repeatable as random(0).
func randomBuiltin(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var seed int64
	if err := starlark.UnpackArgs(fn.Name(), args, kwargs, "seed?", &seed); err != nil {
		return nil, err
	}
	return NewRandom(seed), nil
}
