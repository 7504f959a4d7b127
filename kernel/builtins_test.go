package kernel_test

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.starlark.net/starlark"

	"pushbook/internal/libtest"
	"pushbook/kernel"
)

// The differential programs (testdata/differential/builtins_*.py) compare
// the Python built-ins with CPython; these tests cover what a program
// cannot: the cell's limits, iterators that outlive their cell, and help
// and dir, whose text is pushbook's own.

const naturals = `
def naturals():
    n = 0
    while True:
        yield n
        n += 1
`

// pythonBuiltinLoops are cells whose Go loop, in a Python built-in, would
// run for ever or for very long.
var pythonBuiltinLoops = []struct{ name, code string }{
	{"filter skipping an endless generator", naturals + "next(filter(lambda n: n < 0, naturals()))"},
	{"filter(None) skipping an endless generator", naturals + "next(filter(None, map(lambda n: 0, naturals())))"},
	{"filter(None) over a long list of zeros", "next(filter(None, [0] * 3000000))"},
	{"map over an endless generator in a for loop", naturals + "for x in map(lambda n: n, naturals()):\n    pass"},
	{"sum of a huge range", "sum(range(1000000000000000))"},
	{"max of a huge range", "max(range(1000000000000000))"},
	{"min of a huge range with default", "min(range(1000000000000000), default=0)"},
	{"sum of an endless map", naturals + "sum(map(lambda n: 1, naturals()))"},
	{"list of an endless filter", naturals + "list(filter(None, naturals()))"},
	{"iter over a huge range read to the end", "for x in iter(range(1000000000000000)):\n    pass"},
}

func TestPythonBuiltinsStopAtTheStepBudget(t *testing.T) {
	s := kernel.NewSession(kernel.Options{MaxSteps: 200_000})
	for _, c := range pythonBuiltinLoops {
		t.Run(c.name, func(t *testing.T) {
			assertStoppedThenNextCellRuns(t, s, c.code, "StepLimitError")
		})
	}
}

func TestPythonBuiltinsStopOnInterrupt(t *testing.T) {
	var armed atomic.Bool
	var s *kernel.Session
	s = kernel.NewSession(kernel.Options{YieldEvery: 5_000, OnYield: func() {
		if armed.Load() {
			s.Interrupt()
		}
	}})
	s.Predeclare("started", starlark.NewBuiltin("started", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
		armed.Store(true)
		return starlark.None, nil
	}))
	for _, c := range pythonBuiltinLoops {
		t.Run(c.name, func(t *testing.T) {
			armed.Store(false)
			assertStoppedThenNextCellRuns(t, s, "started()\n"+c.code, "KeyboardInterrupt")
		})
	}
}

// An iterator made in one cell is read by later ones: its function runs
// in, prints into and counts against the cell that reads it.
func TestIteratorsOutliveTheirCell(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	libtest.Stdout(t, s, naturals+`
def shout(n):
    print("computing", n)
    return n * 10
m = map(shout, naturals())
it = iter([1, 2, 3])
print(next(m))`, kernel.StatusOK)
	out, _ := libtest.Stdout(t, s, "print(next(m), next(it))", kernel.StatusOK)
	assert.Equal(t, "computing 1\n10 1\n", out)
	out, _ = libtest.Stdout(t, s, "for x in m:\n    if x >= 30:\n        break\nprint(list(it))", kernel.StatusOK)
	assert.Equal(t, "computing 2\ncomputing 3\n[2, 3]\n", out)
}

// A map read inside a generator body, and a generator reading a filter.
func TestIteratorsInsideGeneratorBodies(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	out, _ := libtest.Stdout(t, s, naturals+`
def doubled(xs):
    for x in map(lambda x: 2 * x, xs):
        yield x
evens = filter(lambda n: n % 2 == 0, naturals())
g = doubled(evens)
print(next(g), next(g), next(g))
print(list(map(lambda p: p[0] + p[1], zip([1, 2], map(lambda x: x, doubled([5, 6]))))))`, kernel.StatusOK)
	assert.Equal(t, "0 4 8\n[11, 14]\n", out)
}

// A map's error reaches the builtin that reads it: a universe builtin
// raises it from its call; str.join, which the session does not wrap,
// fails the cell with it (as a generator's error does there).
func TestMapErrorsReachTheReader(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	out, _ := libtest.Stdout(t, s, `
def bad(x):
    if x == 2:
        raise ValueError("two")
    return str(x)
for reader in [list, tuple, sorted, set, enumerate, all, zip, max, min, reversed]:
    try:
        reader(map(bad, [1, 2, 3]))
    except ValueError as e:
        print(e)`, kernel.StatusOK)
	assert.Equal(t, strings.Repeat("two\n", 10), out)
	_, outs := libtest.Stdout(t, s, `"".join(map(bad, [1, 2]))`, kernel.StatusError)
	assert.Equal(t, "ValueError", libtest.Last(t, outs).EName)
	assert.Equal(t, "two", libtest.Last(t, outs).EValue)
}

// module is a value as the lib/ modules will be: a doc and members.
type module struct{ members starlark.StringDict }

func (m *module) String() string        { return "<module 'demo'>" }
func (m *module) Type() string          { return "module" }
func (m *module) Freeze()               {}
func (m *module) Truth() starlark.Bool  { return true }
func (m *module) Hash() (uint32, error) { return 0, nil }
func (m *module) Doc() string           { return "demo: a module for the tests" }
func (m *module) AttrNames() []string   { return []string{"_hidden", "count", "limit", "twice"} }
func (m *module) Attr(name string) (starlark.Value, error) {
	return m.members[name], nil
}

func TestHelpPrintsOneParagraph(t *testing.T) {
	noop := func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
		return starlark.None, nil
	}
	cases := []struct{ name, code, want string }{
		{"a universe builtin", "help(len)", "len(s): the number of items in s (characters of a str, elements of a list, keys of a dict, ...)\n"},
		{"a wrapped universe builtin", "help(sorted)", "sorted(iterable, *, key=None, reverse=False): a new list of the items of iterable in ascending order\n"},
		{"a Python builtin of the kernel", "help(filter)", "filter(function, iterable): an iterator over the items of iterable for which function(item) is true; with None, the items that are true\n"},
		{"help itself", "help(help)", "help(x): prints what x is and how to use it; help() tells where to start\n"},
		{"by name, as Python", `help("round")`, "round(number, ndigits=None): number rounded to ndigits decimal places, halves to even; an int when ndigits is omitted\n"},
		{"an unknown name", `help("nothing")`, "No Python documentation found for 'nothing'.\nhelp() tells where to start; dir() lists the names your cells have defined.\n"},
		{"a def with its docstring", `
def area(w, h=1, *rest, unit="m", **opts):
    """The area of a rectangle.

    In square units.
    """
help(area)`, "area(w, h=1, *rest, unit='m', **opts)\n    The area of a rectangle.\n\n    In square units.\n"},
		{"a def without a docstring", "def f(x, *, y):\n    pass\nhelp(f)", "f(x, *, y)\n"},
		{"a lambda", "help(lambda a, b=2: a)", "<lambda>(a, b=2)\n"},
		{"a generator function", "def g():\n    yield 1\nhelp(g)", "g(): a generator function\n"},
		{"a method", "help([].append)", "list.append(...): a method of list\n"},
		{"an exception class", "help(KeyError)", "class KeyError(LookupError): an exception class; raise KeyError(message), catch it with except KeyError\n"},
		{"a value", "help(3)", "int: an integer, exact at any size (1, -20, 10000000000000000000000)\n"},
		{"a map object", "help(map(len, []))", "map: a map object: an iterator over a function's results, computed as they are read (list(m), next(m), for x in m)\n"},
		{"a value of an unknown type", "help(demo_value)", "thing: a value of type thing; dir(x) lists its attributes\n"},
		{"a Go builtin without a doc", "help(undocumented)", "undocumented(...): a built-in function\n"},
		{"a Go builtin with one", "help(documented)", "documented(x): does it\n"},
		{"a module", "help(demo)", "demo: a module for the tests\n  count: count(xs): how many\n  limit: an integer, exact at any size (1, -20, 10000000000000000000000)\n  twice: twice(x)\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := kernel.NewSession(kernel.Options{})
			s.Predeclare("undocumented", starlark.NewBuiltin("undocumented", noop))
			s.Predeclare("documented", kernel.NewBuiltin("documented", "documented(x): does it", noop))
			s.Predeclare("demo_value", thing{})
			libtest.Stdout(t, s, "def twice(x):\n    return 2 * x", kernel.StatusOK)
			twice := s.Globals()["twice"]
			s.Predeclare("demo", &module{members: starlark.StringDict{
				"count": kernel.NewBuiltin("count", "count(xs): how many\nand more lines", noop),
				"limit": starlark.MakeInt(3),
				"twice": twice,
			}})
			out, _ := libtest.Stdout(t, s, c.code, kernel.StatusOK)
			assert.Equal(t, c.want, out)
		})
	}
}

type thing struct{}

func (thing) String() string        { return "thing" }
func (thing) Type() string          { return "thing" }
func (thing) Freeze()               {}
func (thing) Truth() starlark.Bool  { return true }
func (thing) Hash() (uint32, error) { return 0, nil }

func TestHelpWithoutArgumentOrients(t *testing.T) {
	out, _ := libtest.Stdout(t, kernel.NewSession(kernel.Options{}), "help()", kernel.StatusOK)
	for _, want := range []string{"import stages", "help(stages)", "dir()"} {
		assert.Contains(t, out, want)
	}
}

// Every built-in a cell sees without importing has a one-line help.
func TestEveryBuiltinHasHelp(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	names := []string{"filter", "map", "iter", "next", "sum", "round", "abs", "divmod", "min", "max",
		"callable", "chr", "ord", "isinstance", "help", "dir", "display"}
	for name, v := range starlark.Universe {
		if _, ok := v.(*starlark.Builtin); ok {
			names = append(names, name)
		}
	}
	for _, name := range names {
		out, _ := libtest.Stdout(t, s, "help("+name+")", kernel.StatusOK)
		assert.NotContains(t, out, "a built-in function", "help(%s)", name)
		assert.Regexp(t, `^`+name+`\(`, out, "help(%s) opens with the call's shape", name)
	}
}

func TestDirListsWhatTheCellsDefined(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	out, _ := libtest.Stdout(t, s, "print(dir())", kernel.StatusOK)
	assert.Equal(t, "[]\n", out, "a fresh session has defined nothing")
	libtest.Stdout(t, s, "x = 1\ndef f(a, b=2):\n    c = 3\n    print(dir())\n    d = 4", kernel.StatusOK)
	out, _ = libtest.Stdout(t, s, "len = 5\ny = 2\nprint(dir())\nz = 3\nf(1)", kernel.StatusOK)
	assert.Equal(t, "['f', 'len', 'x', 'y']\n['a', 'b', 'c']\n", out, "rebinding a builtin defines it; inside a function, its bound locals")
	out, _ = libtest.Stdout(t, s, "print(dir())\nprint(dir([])[:2])", kernel.StatusOK)
	assert.Equal(t, "['f', 'len', 'x', 'y', 'z']\n['append', 'clear']\n", out)
	require.NotContains(t, s.Globals(), "_pushbook_result_")
}
