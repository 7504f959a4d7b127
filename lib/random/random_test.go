package kernel_test

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.starlark.net/starlark"

	"pushbook/kernel"
)

// These golden values are the contract of random(seed=...): the same in
// every native build and under GOOS=js GOARCH=wasm (run this file there
// too; see the package's Makefile target). Changing them breaks every
// published notebook that shows random numbers.
func TestRandomGoldenValuesForSeed42(t *testing.T) {
	cases := []struct {
		code, want string
	}{
		{"random(seed=42).uniform(size=4)", "[0.21152525914291487, 0.9550158093941814, 0.28622199272650806, 0.39622447415151896]"},
		{"random(seed=42).random(size=3)", "[0.21152525914291487, 0.9550158093941814, 0.28622199272650806]"},
		{"random(seed=42).normal(size=4)", "[-1.3365029994316977, 1.9406004184905914, 0.07178258187930092, -0.20509458861888985]"},
		{"random(seed=42).randint(1, 6, size=10)", "[5, 1, 6, 5, 5, 1, 6, 3, 3, 6]"},
		{"random(seed=42).choice('abcdef', size=8)", `['e', 'a', 'f', 'e', 'e', 'a', 'f', 'c']`},
		{"random(seed=42).sample(range(10), 4)", "[8, 2, 7, 1]"},
		{"r = random(seed=42)\nl = list(range(8))\nr.shuffle(l)\nl", "[4, 2, 0, 7, 3, 5, 1, 6]"},
		{"random(seed=-1).uniform()", "0.966747157273724"},
		{"random().uniform() == random(seed=0).uniform()", "True"},
		{"random(42).uniform(10, 20)", "12.11525259142915"},
		{"random(42).normal(100, 15)", "79.95245500852454"},
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			res, outs := run(kernel.NewSession(kernel.Options{}), tc.code)
			require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
			assert.Equal(t, tc.want, last(t, outs).Data["text/plain"], "for %s", tc.code)
		})
	}
}

// floatsDigest is the SHA-256 of the IEEE bits of a list of floats.
func floatsDigest(t *testing.T, v starlark.Value) string {
	t.Helper()
	list, ok := v.(*starlark.List)
	require.True(t, ok, "want a list, got %s", v.Type())
	h := sha256.New()
	for i := range list.Len() {
		f, ok := list.Index(i).(starlark.Float)
		require.True(t, ok, "element %d is %s", i, list.Index(i).Type())
		_ = binary.Write(h, binary.LittleEndian, math.Float64bits(float64(f)))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// A long normal stream takes the ziggurat's rare tail (math.Log) and wedge
// (math.Exp) paths hundreds of times, where an assembly math routine could
// round differently from WebAssembly's pure Go one; its digest pins every
// bit.
func TestRandomLongStreamsAreIdenticalOnEveryPlatform(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	res, _ := run(s, "normals = random(seed=7).normal(size=300000)\nuniforms = random(seed=7).uniform(-1, 1, size=100000)")
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	g := s.Globals()
	assert.Equal(t, "85bd6e6226644c42e78da21fb26748ab75a80e8ed25dd9d4ea5d325215836045", floatsDigest(t, g["normals"]), "normal(size=300000) for seed 7")
	assert.Equal(t, "24349c27aadc86c6ab1a16cb20a90ba3540c050eb826608125dc2b1fca5bcb79", floatsDigest(t, g["uniforms"]), "uniform(-1, 1, size=100000) for seed 7")
}

func TestRandomValuesStayInTheirRanges(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	code := `r = random(seed=3)
u = r.uniform(-2, 5, size=5000)
d = r.randint(-3, 3, size=5000)
c = r.choice((10, 20, 30), size=3000)
n = r.normal(10, 2, size=20000)
def total(xs):
    t = 0.0
    for x in xs:
        t += x
    return t
mean = total(n) / len(n)
var = total([(x - mean) * (x - mean) for x in n]) / len(n)
(min(u) >= -2, max(u) < 5, sorted(set(d)), sorted(set(c)), abs(mean - 10) < 0.1, abs(var - 4) < 0.3, r.uniform(3, 3))`
	res, outs := run(s, code)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, "(True, True, [-3, -2, -1, 0, 1, 2, 3], [10, 20, 30], True, True, 3.0)", last(t, outs).Data["text/plain"])
}

func TestRandomSameSeedSameSequenceDifferentSeedDifferentSequence(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	res, outs := run(s, `a, b, c = random(seed=5), random(seed=5), random(seed=6)
xs = [a.normal() for _ in range(5)] + [a.randint(0, 1000) for _ in range(5)]
ys = [b.normal() for _ in range(5)] + [b.randint(0, 1000) for _ in range(5)]
zs = [c.normal() for _ in range(5)] + [c.randint(0, 1000) for _ in range(5)]
(xs == ys, xs == zs)`)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, "(True, False)", last(t, outs).Data["text/plain"])
}

func TestRandomSampleIsDistinctAndShuffleKeepsElements(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	res, outs := run(s, `r = random(seed=11)
s = r.sample(range(50), 50)
l = list(range(20))
r.shuffle(l)
(sorted(s) == list(range(50)), s != list(range(50)), sorted(l) == list(range(20)), l != list(range(20)), r.sample("ab", 0))`)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, "(True, True, True, True, [])", last(t, outs).Data["text/plain"])
}

func TestRandomRejectsBadArgumentsWithPythonErrors(t *testing.T) {
	cases := []errorCase{
		{"random(1).normal(0, -1)", "ValueError", "sigma must be at least 0, got -1"},
		{"random(1).uniform(2, 1)", "ValueError", "a must not exceed b, got a=2, b=1"},
		{"random(1).randint(6, 1)", "ValueError", "empty range"},
		{"random(1).choice([])", "IndexError", "cannot choose from an empty list"},
		{"random(1).choice('')", "IndexError", "cannot choose from an empty string"},
		{"random(1).uniform(size=-1)", "ValueError", "size must be at least 0, got -1"},
		{"random(1).normal(size='3')", "TypeError", "want an int or None"},
		{"random(1).sample([1, 2], 3)", "ValueError", "k must be between 0 and the length of the sequence (2), got 3"},
		{"random(1).uniform('a')", "TypeError", "want a number"},
		{"random('x')", "TypeError", "seed"},
		{"random(1).shuffle((1, 2))", "TypeError", "want list"},
		{"random(1).missing()", "AttributeError", "no .missing field or method"},
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			assertCellErrors(t, kernel.NewSession(kernel.Options{}), []errorCase{tc})
		})
	}
}

func TestRandomShowsItsSeed(t *testing.T) {
	res, outs := run(kernel.NewSession(kernel.Options{}), "r = random(seed=42)\n(r, r.seed, type(r), dir(r))")
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, `(random(seed=42), 42, 'random', ['choice', 'normal', 'randint', 'random', 'sample', 'seed', 'shuffle', 'uniform'])`, last(t, outs).Data["text/plain"])
}

func ExampleNewRandom() {
	s := kernel.NewSession(kernel.Options{})
	s.Predeclare("rng", kernel.NewRandom(42)) // what random(seed=42) gives a cell
	s.Execute(`print(rng.randint(1, 6, size=5))
print(rng.choice(["heads", "tails"]))
print(rng.normal(mu=100, sigma=15))`, func(o kernel.Output) { fmt.Print(o.Text) })
	// Output:
	// [5, 1, 6, 5, 5]
	// heads
	// 103.56170555397739
}
