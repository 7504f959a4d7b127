package stages_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/internal/libtest"
	"pushbook/kernel"
)

// TestFastFunctionsAgreeWithPython checks every fast function against the
// Python expression it stands for, over ints on both sides of each
// representation's small-int edge (±2**21 in WebAssembly's arena, ±2**31
// natively), big ints, floats, bools and a string: the same value, or the
// same error class. make wasm-test runs it in WebAssembly too, where
// Int.Small has a representation of its own.
func TestFastFunctionsAgreeWithPython(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	res, outs := libtest.Run(s, `
import stages
from stages import add, mul, greater, less, multiple_of, negate, push, collect

def check(ok, message):
    if not ok:
        raise AssertionError(message)

def outcome(f, v):
    try:
        return ("ok", f(v))
    except Exception as e:
        return ("error", type(e).__name__)

values = [0, 1, -1, 7, -7, 9, -9, 2**21 - 1, 2**21, -2**21, -2**21 - 1, 2**31 - 1, -2**31, 2**31, 2**40 + 6,
          10**20, -10**20, 2.5, -3.0, True, "a"]
ks = [0, 3, -3, 100, 2**21, 2**31 - 1, -2**31, 10**20, 2.5]
pairs = [
    (add, lambda k: lambda v: v + k),
    (mul, lambda k: lambda v: v * k),
    (greater, lambda k: lambda v: v > k),
    (less, lambda k: lambda v: v < k),
    (multiple_of, lambda k: lambda v: v % k == 0),
]
checked = 0
for fast, python in pairs:
    for k in ks:
        f, g = fast(k), python(k)
        for v in values:
            want = outcome(g, v)
            got = outcome(f, v)
            check(got == want, "%s(%r)(%r): got %r, want %r" % (fast, k, v, got, want))
            if fast != add and fast != mul:
                check(outcome(negate(f), v) == outcome(lambda v: not g(v), v), "negate(%s(%r))(%r)" % (fast, k, v))
                check(outcome(negate(negate(f)), v) == want, "negate(negate(%s(%r)))(%r)" % (fast, k, v))
            checked += 1

# the same tests as filter stages, which call the fast tests without making a Bool
ints = [v for v in values if type(v) == "int"]
for k in [3, -3, 2**21]:
    kept, rest = collect(), collect()
    push(ints, stages.filter(negate(multiple_of(k)), kept, rest))
    check(kept.values == [v for v in ints if v % k != 0], (k, kept.values))
    check(rest.values == [v for v in ints if v % k == 0], (k, rest.values))
print(checked)
`)
	require.Equal(t, kernel.StatusOK, res.Status, "%s", libtest.PlainTraceback(libtest.Last(t, outs)))
	assert.Equal(t, "945\n", libtest.Printed(outs))
}
