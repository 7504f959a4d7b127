package kernel_test

import (
	"testing"
	"time"

	"pushbook/internal/libtest"
	"pushbook/kernel"
	"pushbook/lib/random"
)

// fuzzSeedCells are the seed corpus of FuzzCell: one cell for each part of
// the language the notebooks use, and a few that fail.
var fuzzSeedCells = []string{
	"x = 1\nprint(x)\nx",
	`def coroutine(func):
    def start(*args):
        g = func(*args)
        g.send(None)
        return g
    return start
@coroutine
def printer():
    while True:
        v = (yield)
        print(v)
p = printer()
p.send(1)
p.close()`,
	`def count(n):
    for i in range(n):
        x = yield i
        if x:
            print("sent", x)
g = count(3)
(next(g), g.send("a"), list(g))`,
	`def inner():
    yield 1
    return 2
def outer():
    r = yield from inner()
    yield r
list(outer())`,
	`try:
    1 // 0
except ZeroDivisionError as e:
    print("caught", e)
else:
    print("no")
finally:
    print("done")`,
	"raise ValueError('bad %d' % 3)",
	`def deco(f):
    def wrapped(*args):
        print("calling", f.__name__ if hasattr(f, "__name__") else "f")
        return f(*args)
    return wrapped
@deco
def add(a, b):
    return a + b
add(1, 2)`,
	`t = table([{"a": 1, "b": {"c": 2}}, {"a": 3, "b": {"c": 4}}])
t`,
	`a = array([(1, 2.5, "x"), (2, 3.5, "y")], dtype=[("i", "i8"), ("f", float), ("s", str)])
append_fields(a, "z", [7, 8])`,
	"def f(:\n    pass",
	"if True\n    x = 1",
	"while True:\n    pass",
	`def fetch(name):
    sleep(0.001)
    return name
gather(partial(fetch, "a"), partial(fetch, "b"), lambda: 1 // 0)`,
	`"{:>8.3f}|{!r}".format(3.14159, "x")`,
	`r = Random(1)
t0 = perf_counter()
[r.uniform(0, 1) for _ in range(3)]`,
}

// fuzzWatchdog interrupts a fuzzed cell that waits instead of computing
// (sleep, io_source): the step budget does not count waiting.
const fuzzWatchdog = 2 * time.Second

// Whatever a cell says, Execute returns: it never panics, its status is one
// of the three, and a failed or stopped cell shows exactly one error
// output, its last, while a cell that ran shows none.
func FuzzCell(f *testing.F) {
	for _, code := range fuzzSeedCells {
		f.Add(code)
	}
	f.Fuzz(func(t *testing.T, code string) {
		s := libtest.Session(kernel.Options{MaxSteps: 100_000, MaxOutputLines: 50, MaxOutputBytes: 4096})
		libtest.Predeclare(s, random.Module, "Random")
		watchdog := time.AfterFunc(fuzzWatchdog, s.Interrupt)
		defer watchdog.Stop()
		var outs []kernel.Output
		res := s.Execute(code, func(o kernel.Output) { outs = append(outs, o) })
		errors := 0
		for i, o := range outs {
			if o.OutputType == "error" {
				errors++
				if i != len(outs)-1 {
					t.Fatalf("error output %d of %d is not the last, for cell %q", i+1, len(outs), code)
				}
			}
		}
		switch res.Status {
		case kernel.StatusOK:
			if errors != 0 || res.Err != nil {
				t.Fatalf("status ok with %d error outputs and err %v, for cell %q", errors, res.Err, code)
			}
		case kernel.StatusError, kernel.StatusAborted:
			if errors != 1 || res.Err == nil {
				t.Fatalf("status %s with %d error outputs and err %v, want one error output and an err, for cell %q", res.Status, errors, res.Err, code)
			}
		default:
			t.Fatalf("status %q, want ok, error or aborted, for cell %q", res.Status, code)
		}
		if res.ExecutionCount != 1 {
			t.Fatalf("execution count %d, want 1 for a fresh session's first cell %q", res.ExecutionCount, code)
		}
	})
}
