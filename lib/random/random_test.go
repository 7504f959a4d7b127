package random_test

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

	"pushbook/internal/libtest"
	"pushbook/kernel"
	"pushbook/lib/random"
)

// session is a session whose cells see the module random, as after
// "import random".
func session() *kernel.Session {
	s := kernel.NewSession(kernel.Options{Modules: []kernel.Module{random.Module}})
	libtest.PredeclareModule(s, random.Module)
	return s
}

// These golden values are the contract of random.Random(seed=...): the same in
// every native build and under GOOS=js GOARCH=wasm (run this file there
// too; see the package's Makefile target). Changing them breaks every
// published notebook that shows random numbers.
func TestRandomGoldenValuesForSeed42(t *testing.T) {
	cases := []struct {
		code, want string
	}{
		{"random.Random(seed=42).uniform(size=4)", "[0.21152525914291487, 0.9550158093941814, 0.28622199272650806, 0.39622447415151896]"},
		{"random.Random(seed=42).random(size=3)", "[0.21152525914291487, 0.9550158093941814, 0.28622199272650806]"},
		{"random.Random(seed=42).normal(size=4)", "[-1.3365029994316977, 1.9406004184905914, 0.07178258187930092, -0.20509458861888985]"},
		{"random.Random(seed=42).randint(1, 6, size=10)", "[5, 1, 6, 5, 5, 1, 6, 3, 3, 6]"},
		{"random.Random(seed=42).choice('abcdef', size=8)", `['e', 'a', 'f', 'e', 'e', 'a', 'f', 'c']`},
		{"random.Random(seed=42).sample(range(10), 4)", "[8, 2, 7, 1]"},
		{"r = random.Random(seed=42)\nl = list(range(8))\nr.shuffle(l)\nl", "[4, 2, 0, 7, 3, 5, 1, 6]"},
		{"random.Random(seed=-1).uniform()", "0.966747157273724"},
		{"random.Random().uniform() == random.Random(seed=0).uniform()", "True"},
		{"random.Random(42).uniform(10, 20)", "12.11525259142915"},
		{"random.Random(42).normal(100, 15)", "79.95245500852454"},
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			res, outs := libtest.Run(session(), tc.code)
			require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
			assert.Equal(t, tc.want, libtest.Last(t, outs).Data["text/plain"], "for %s", tc.code)
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
	s := session()
	res, _ := libtest.Run(s, "normals = random.Random(seed=7).normal(size=300000)\nuniforms = random.Random(seed=7).uniform(-1, 1, size=100000)")
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	g := s.Globals()
	assert.Equal(t, "85bd6e6226644c42e78da21fb26748ab75a80e8ed25dd9d4ea5d325215836045", floatsDigest(t, g["normals"]), "normal(size=300000) for seed 7")
	assert.Equal(t, "24349c27aadc86c6ab1a16cb20a90ba3540c050eb826608125dc2b1fca5bcb79", floatsDigest(t, g["uniforms"]), "uniform(-1, 1, size=100000) for seed 7")
}

func TestRandomValuesStayInTheirRanges(t *testing.T) {
	s := session()
	code := `r = random.Random(seed=3)
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
	res, outs := libtest.Run(s, code)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, "(True, True, [-3, -2, -1, 0, 1, 2, 3], [10, 20, 30], True, True, 3.0)", libtest.Last(t, outs).Data["text/plain"])
}

func TestRandomSameSeedSameSequenceDifferentSeedDifferentSequence(t *testing.T) {
	s := session()
	res, outs := libtest.Run(s, `a, b, c = random.Random(seed=5), random.Random(seed=5), random.Random(seed=6)
xs = [a.normal() for _ in range(5)] + [a.randint(0, 1000) for _ in range(5)]
ys = [b.normal() for _ in range(5)] + [b.randint(0, 1000) for _ in range(5)]
zs = [c.normal() for _ in range(5)] + [c.randint(0, 1000) for _ in range(5)]
(xs == ys, xs == zs)`)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, "(True, False)", libtest.Last(t, outs).Data["text/plain"])
}

func TestRandomSampleIsDistinctAndShuffleKeepsElements(t *testing.T) {
	s := session()
	res, outs := libtest.Run(s, `r = random.Random(seed=11)
s = r.sample(range(50), 50)
l = list(range(20))
r.shuffle(l)
(sorted(s) == list(range(50)), s != list(range(50)), sorted(l) == list(range(20)), l != list(range(20)), r.sample("ab", 0))`)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, "(True, True, True, True, [])", libtest.Last(t, outs).Data["text/plain"])
}

func TestRandomRejectsBadArgumentsWithPythonErrors(t *testing.T) {
	cases := []libtest.ErrorCase{
		{"random.Random(1).normal(0, -1)", "ValueError", "sigma must be at least 0, got -1"},
		{"random.Random(1).uniform(2, 1)", "ValueError", "a must not exceed b, got a=2, b=1"},
		{"random.Random(1).randint(6, 1)", "ValueError", "empty range"},
		{"random.Random(1).choice([])", "IndexError", "cannot choose from an empty list"},
		{"random.Random(1).choice('')", "IndexError", "cannot choose from an empty string"},
		{"random.Random(1).uniform(size=-1)", "ValueError", "size must be at least 0, got -1"},
		{"random.Random(1).normal(size='3')", "TypeError", "want an int or None"},
		{"random.Random(1).sample([1, 2], 3)", "ValueError", "k must be between 0 and the length of the sequence (2), got 3"},
		{"random.Random(1).uniform('a')", "TypeError", "want a number"},
		{"random.Random('x')", "TypeError", "seed"},
		{"random.Random(1).shuffle((1, 2))", "TypeError", "want list"},
		{"random.Random(1).missing()", "AttributeError", "no .missing field or method"},
	}
	libtest.AssertCellErrorsApart(t, session, cases)
}

func TestRandomShowsItsSeed(t *testing.T) {
	res, outs := libtest.Run(session(), "r = random.Random(seed=42)\n(r, r.seed, type(r), dir(r))")
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, `(Random(seed=42), 42, 'random', ['choice', 'normal', 'randint', 'random', 'sample', 'seed', 'shuffle', 'uniform'])`, libtest.Last(t, outs).Data["text/plain"])
}

func ExampleNewRandom() {
	s := kernel.NewSession(kernel.Options{})
	s.Predeclare("rng", random.NewRandom(42)) // what random.Random(seed=42) gives a cell
	s.Execute(`print(rng.randint(1, 6, size=5))
print(rng.choice(["heads", "tails"]))
print(rng.normal(mu=100, sigma=15))`, func(o kernel.Output) { fmt.Print(o.Text) })
	// Output:
	// [5, 1, 6, 5, 5]
	// heads
	// 103.56170555397739
}

// The module's functions draw from the session's generator: seeded 0 when
// the session starts, reseeded by random.seed, one per session.
func TestModuleFunctionsUseTheSessionsGenerator(t *testing.T) {
	s, other := session(), session()
	draw := "(random.random(), random.uniform(1, 2), random.randint(1, 6), random.choice('abc'), random.sample(range(5), 2), random.normal())"
	_, outs := libtest.Stdout(t, s, draw, kernel.StatusOK)
	first := libtest.Last(t, outs).Data["text/plain"]
	_, outs = libtest.Stdout(t, s, "r = random.Random(0)\n(r.random(), r.uniform(1, 2), r.randint(1, 6), r.choice('abc'), r.sample(range(5), 2), r.normal())", kernel.StatusOK)
	assert.Equal(t, first, libtest.Last(t, outs).Data["text/plain"], "the session's generator starts as Random(0)")

	_, outs = libtest.Stdout(t, s, draw, kernel.StatusOK)
	assert.NotEqual(t, first, libtest.Last(t, outs).Data["text/plain"], "the generator goes on: it is made once per session")
	_, outs = libtest.Stdout(t, other, draw, kernel.StatusOK)
	assert.Equal(t, first, libtest.Last(t, outs).Data["text/plain"], "another session has a generator of its own")

	_, outs = libtest.Stdout(t, s, "random.seed(0)\n"+draw, kernel.StatusOK)
	assert.Equal(t, first, libtest.Last(t, outs).Data["text/plain"], "random.seed(0) restarts the session's generator")
	_, outs = libtest.Stdout(t, s, "random.seed(42)\na = random.random()\nrandom.seed()\n(a == random.Random(42).random(), random.random() == random.Random(0).random())", kernel.StatusOK)
	assert.Equal(t, "(True, True)", libtest.Last(t, outs).Data["text/plain"], "seed() is seed 0")
	libtest.AssertCellErrors(t, s, []libtest.ErrorCase{
		{"random.seed('x')", "TypeError", "seed"},
		{"random.choice([])", "IndexError", "choice: cannot choose from an empty list"},
	})
}
