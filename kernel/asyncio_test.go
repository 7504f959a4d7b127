package kernel_test

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.starlark.net/starlark"

	"pushbook/kernel"
)

// printed joins a cell's stream outputs.
func printed(outs []kernel.Output) string {
	var b strings.Builder
	for _, o := range outs {
		if o.OutputType == "stream" {
			b.WriteString(o.Text)
		}
	}
	return b.String()
}

// floats reads float globals that a cell assigned.
func floats(t *testing.T, s *kernel.Session, names ...string) []float64 {
	t.Helper()
	g := s.Globals()
	out := make([]float64, len(names))
	for i, name := range names {
		f, ok := g[name].(starlark.Float)
		require.True(t, ok, "global %s is %v, want a float", name, g[name])
		out[i] = float64(f)
	}
	return out
}

// The seed's question, answered: four tasks that each wait 50 ms take
// about 50 ms together, not 200.
func TestGatherOverlapsWaits(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	res, _ := run(s, `def fetch():
    sleep(0.05)
    return 1
t0 = clock()
serial = [fetch(), fetch(), fetch(), fetch()]
t1 = clock()
together = gather(fetch, fetch, fetch, fetch)
t2 = clock()
serial_s, gather_s = t1 - t0, t2 - t1`)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	f := floats(t, s, "serial_s", "gather_s")
	serial, together := f[0], f[1]
	assert.GreaterOrEqual(t, serial, 0.2, "four 50 ms sleeps one after another")
	assert.GreaterOrEqual(t, together, 0.05, "gather waits for its slowest task")
	assert.Less(t, together, 0.6*serial, "waits overlap: gather took %.3fs, serial %.3fs", together, serial)
	assert.Equal(t, "[1, 1, 1, 1]", s.Globals()["together"].String())
}

// ...and four tasks that each compute take as long together as one after
// another, even on a machine with several cores: one task runs at a time.
// Eight adjacent pairs, in alternating order, are summed, so that a busy
// machine or a garbage collection weighs on both sides alike.
func TestGatherDoesNotOverlapComputation(t *testing.T) {
	if runtime.GOARCH == "wasm" {
		t.Skip("one thread runs everything under WebAssembly, so nothing could overlap; TestGatherTasksNeverComputeAtTheSameTime checks the turn-taking there")
	}
	s := kernel.NewSession(kernel.Options{})
	res, _ := run(s, `def crunch(n):
    t = 0
    for i in range(n):
        t += i % 7
    return t
def timed(f):
    t0 = clock()
    r = f()
    return clock() - t0, r
# size the work to about 15 ms per crunch on this machine, in this build
d, _ = timed(lambda: crunch(20000))
n = max(1000, int(20000 * 0.015 / max(d, 0.0001)))
def run_serial():
    return [crunch(n), crunch(n), crunch(n), crunch(n)]
def run_gather():
    work = partial(crunch, n)
    return gather(work, work, work, work)
serial_s, gather_s = 0.0, 0.0
for k in range(8):
    if k % 2 == 0:
        d, serial = timed(run_serial)
        serial_s += d
    d, together = timed(run_gather)
    gather_s += d
    if k % 2 == 1:
        d, serial = timed(run_serial)
        serial_s += d`)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	f := floats(t, s, "serial_s", "gather_s")
	serial, together := f[0], f[1]
	t.Logf("GOMAXPROCS=%d: serial %.3fs, gather %.3fs", runtime.GOMAXPROCS(0), serial, together)
	assert.Greater(t, together, 0.8*serial, "computation must not overlap: gather took %.3fs, serial %.3fs", together, serial)
	assert.Equal(t, s.Globals()["serial"].String(), s.Globals()["together"].String())
}

// overlapProbe is a Go builtin that counts how many callers are inside it
// at once while it works for a while, letting other goroutines run.
type overlapProbe struct{ in, most atomic.Int32 }

func (p *overlapProbe) enter() {
	n := p.in.Add(1)
	for m := p.most.Load(); n > m && !p.most.CompareAndSwap(m, n); m = p.most.Load() {
	}
	for end := time.Now().Add(500 * time.Microsecond); time.Now().Before(end); {
		runtime.Gosched()
	}
	p.in.Add(-1)
}

// Whatever the timings, no two tasks ever compute at the same time.
func TestGatherTasksNeverComputeAtTheSameTime(t *testing.T) {
	control := &overlapProbe{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 20 {
				control.enter()
			}
		})
	}
	wg.Wait()
	require.Greater(t, control.most.Load(), int32(1), "the probe sees plain goroutines overlap")

	probe := &overlapProbe{}
	s := kernel.NewSession(kernel.Options{})
	s.Predeclare("probe", starlark.NewBuiltin("probe", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
		probe.enter()
		return starlark.None, nil
	}))
	res, _ := run(s, `def work(k):
    for i in range(20):
        probe()
        if i % 5 == k:
            sleep(0.001)
gather(partial(work, 0), partial(work, 1), partial(work, 2), partial(work, 3))`)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, int32(1), probe.most.Load(), "tasks computing at once")
}

func TestGatherRunsTasksInAsyncioOrder(t *testing.T) {
	cases := []struct {
		name, code, want, result string
	}{
		{
			name: "tasks start in argument order and wake by deadline",
			code: `def job(name, d):
    print(name, "start")
    sleep(d)
    print(name, "end")
    return name
gather(partial(job, "a", 0.3), partial(job, "b", 0.1), partial(job, "c", 0.2))`,
			want:   "a start\nb start\nc start\nb end\nc end\na end\n",
			result: `['a', 'b', 'c']`,
		},
		{
			name: "equal waits end in the order they began",
			code: `def job(name):
    sleep(0.01)
    print(name)
    return len(name)
gather(partial(job, "x"), partial(job, "yy"), partial(job, "zzz"))`,
			want:   "x\nyy\nzzz\n",
			result: "[1, 2, 3]",
		},
		{
			name: "sleep(0) passes the turn round robin",
			code: `def ticker(name):
    for i in range(3):
        print(name, i)
        sleep(0)
gather(partial(ticker, "x"), partial(ticker, "y"))`,
			want:   "x 0\ny 0\nx 1\ny 1\nx 2\ny 2\n",
			result: "[None, None]",
		},
		{
			name: "a task that never waits runs to its end first",
			code: `def busy():
    print("busy")
    return 0
def waits():
    print("waits before")
    sleep(0.01)
    print("waits after")
    return 1
gather(waits, busy)`,
			want:   "waits before\nbusy\nwaits after\n",
			result: "[1, 0]",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, outs := run(kernel.NewSession(kernel.Options{}), tc.code)
			require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
			assert.Equal(t, tc.want, printed(outs), "printed by the tasks, in the cell")
			assert.Equal(t, tc.result, last(t, outs).Data["text/plain"])
		})
	}
}

func TestNestedGatherSharesTheLoop(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	res, outs := run(s, `def inner(n):
    sleep(0.04)
    return n
def outer(k):
    return gather(partial(inner, k), partial(inner, k + 1))
t0 = clock()
r = gather(partial(outer, 0), partial(outer, 10))
took = clock() - t0
r`)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, "[[0, 1], [10, 11]]", last(t, outs).Data["text/plain"])
	assert.Less(t, floats(t, s, "took")[0], 0.6*4*0.04, "all four inner waits overlap")
}

func TestIOSourceWaitsPerEventAndOverlapsInGather(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	res, outs := run(s, `def consume(name):
    seqs = []
    for ev in io_source(5, 0.02, name):
        seqs.append((ev["source"], ev["seq"]))
    return seqs
t0 = clock()
one = consume("solo")
t1 = clock()
r = gather(partial(consume, "a"), partial(consume, "b"), partial(consume, "c"))
t2 = clock()
one_s, three_s = t1 - t0, t2 - t1
[x[-1] for x in r]`)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, `[('a', 4), ('b', 4), ('c', 4)]`, last(t, outs).Data["text/plain"])
	f := floats(t, s, "one_s", "three_s")
	assert.GreaterOrEqual(t, f[0], 5*0.02, "one source waits for each of its 5 events")
	assert.Less(t, f[1], 0.6*3*f[0], "three sources in a gather wait together: %.3fs vs %.3fs for one", f[1], f[0])

	res, outs = run(s, "c = collect()\n(push(io_source(3, 0, name='p'), c), c.values, io_source(2))")
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, `(3, [{'source': 'p', 'seq': 0}, {'source': 'p', 'seq': 1}, {'source': 'p', 'seq': 2}], io_source(2, latency=0.01, name='io'))`, last(t, outs).Data["text/plain"])
}

// A coroutine body that waits, sent to from a task, gives that task's turn
// away: the wait happens on the body's goroutine on the task's behalf.
func TestCoroutineBodyWaitingInsideATaskGivesTheTurnAway(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	res, outs := run(s, `load("seed", "coroutine")
@coroutine
def slow_sink(name):
    while True:
        v = (yield)
        sleep(0.03)
        print(name, v)
def feed(name):
    sink = slow_sink(name)
    sink.send(1)
    sink.send(2)
    sink.close()
    return name
t0 = clock()
r = gather(partial(feed, "a"), partial(feed, "b"), partial(feed, "c"))
took = clock() - t0
r`)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, `['a', 'b', 'c']`, last(t, outs).Data["text/plain"])
	assert.Equal(t, "a 1\nb 1\nc 1\na 2\nb 2\nc 2\n", printed(outs))
	assert.Less(t, floats(t, s, "took")[0], 0.6*6*0.03, "the six waits overlap three at a time")
}

func TestGatherFirstErrorNamesTheTaskAndCancelsTheOthers(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	start := time.Now()
	res, outs := run(s, `def slow():
    sleep(5)
    print("slow finished")
def bad():
    sleep(0.01)
    random(1).uniform(2, 1)
def never():
    print("never started")
gather(slow, bad, slow)`)
	elapsed := time.Since(start)
	require.Equal(t, kernel.StatusError, res.Status)
	e := last(t, outs)
	assert.Equal(t, "ValueError", e.EName)
	assert.Equal(t, "task 2 (bad): uniform: a must not exceed b, got a=2, b=1", e.EValue)
	assert.Contains(t, plainTraceback(e), "in bad", "the traceback shows where the task failed")
	assert.NotContains(t, printed(outs), "slow finished")
	assert.Less(t, elapsed, time.Second, "the sleeping tasks were cancelled, not waited for")

	res, outs = run(s, "gather(lambda: 1 // 0, never, never)")
	require.Equal(t, kernel.StatusError, res.Status)
	assert.Equal(t, "ZeroDivisionError", last(t, outs).EName)
	assert.Contains(t, last(t, outs).EValue, "task 1 (lambda): ")
	assert.NotContains(t, printed(outs), "never started", "tasks of a failed gather that had not started never start")

	res, outs = run(s, "gather(lambda: 1, partial(random(1).choice, []))")
	require.Equal(t, kernel.StatusError, res.Status)
	assert.Equal(t, "IndexError", last(t, outs).EName)
	assert.Equal(t, `task 2 (choice([])): choice: cannot choose from an empty list`, last(t, outs).EValue)

	res, outs = run(s, "gather(lambda: 5, lambda: 6)")
	require.Equal(t, kernel.StatusOK, res.Status, "%v: the session works on after failed gathers", res.Err)
	assert.Equal(t, "[5, 6]", last(t, outs).Data["text/plain"])
}

// waitForGoroutines waits for the goroutine count to fall back to base: a
// task goroutine left behind by gather would keep it up.
func waitForGoroutines(t *testing.T, base int) {
	t.Helper()
	n := runtime.NumGoroutine()
	for deadline := time.Now().Add(time.Second); n > base && time.Now().Before(deadline); n = runtime.NumGoroutine() {
		time.Sleep(5 * time.Millisecond)
	}
	assert.LessOrEqual(t, n, base, "goroutines running a second after the cell, beyond the %d before it", base)
}

func TestInterruptStopsGatherPromptly(t *testing.T) {
	cases := []struct{ name, code string }{
		{"spinning tasks", "def spin():\n    while True:\n        pass\ngather(spin, spin, spin)"},
		{"sleeping tasks", "gather(lambda: sleep(100), lambda: sleep(100))"},
		{"nested gather", "def spin():\n    while True:\n        pass\ngather(lambda: gather(spin, lambda: sleep(100)), lambda: sleep(100))"},
		{"io_source loop", "def drain():\n    for ev in io_source(1000, 0.5):\n        pass\n    print('after the loop')\ngather(drain, drain)"},
		{"sleep outside gather", "sleep(100)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			base := runtime.NumGoroutine()
			// the yield hook lets the Interrupt in, as the browser's does:
			// under GOOS=js one thread runs every goroutine, without preemption
			s := kernel.NewSession(kernel.Options{YieldEvery: 10_000, OnYield: runtime.Gosched})
			timer := time.AfterFunc(100*time.Millisecond, s.Interrupt)
			defer timer.Stop()
			start := time.Now()
			res, outs := run(s, tc.code)
			elapsed := time.Since(start)
			assert.Equal(t, kernel.StatusAborted, res.Status)
			assert.Equal(t, "KeyboardInterrupt", last(t, outs).EName)
			assert.NotContains(t, printed(outs), "after the loop")
			assert.Less(t, elapsed, 1100*time.Millisecond, "Interrupt 100 ms in must end the cell within a second")
			waitForGoroutines(t, base)
		})
	}
}

func TestGatherTasksShareTheCellsStepBudget(t *testing.T) {
	s := kernel.NewSession(kernel.Options{MaxSteps: 200_000})
	res, outs := run(s, "def spin():\n    while True:\n        pass\ngather(spin, lambda: sleep(0.01), spin)")
	assert.Equal(t, kernel.StatusAborted, res.Status)
	assert.Equal(t, "StepLimitError", last(t, outs).EName)
	assert.ErrorIs(t, res.Err, kernel.ErrStepBudget)
}

func TestAsyncioBuiltinsRejectBadArguments(t *testing.T) {
	cases := []errorCase{
		{"gather(1)", "TypeError", "gather: argument 1 is int, not a function"},
		{"def f():\n    return 1\ngather(f, f())", "TypeError", "argument 2 is int, not a function (pass f, not f(): gather calls it)"},
		{"gather(print, x=1)", "TypeError", "unexpected keyword argument"},
		{"sleep(-1)", "ValueError", "sleep length must be non-negative, got -1"},
		{"sleep('1')", "TypeError", "want a number"},
		{"io_source(-1)", "ValueError", "n must be at least 0, got -1"},
		{"io_source(3, -0.5)", "ValueError", "sleep length must be non-negative"},
		{"partial(1)", "TypeError", "the first argument must be a function, not int"},
		{"clock(1)", "TypeError", "clock: got 1 arguments, want 0"},
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			assertCellErrors(t, kernel.NewSession(kernel.Options{}), []errorCase{tc})
		})
	}
}

func TestAsyncioSmallPieces(t *testing.T) {
	cases := []struct{ code, want string }{
		{"gather()", "[]"},
		{"a = clock()\nsleep(0.01)\nb = clock()\n(b > a, b - a >= 0.01, type(a))", `(True, True, 'float')`},
		{"def add(a, b, scale=1):\n    return (a + b) * scale\np = partial(add, 1, scale=10)\n(p(2), p, type(p))", `(30, partial(add(1, scale=10)), 'partial')`},
		{"[ev['seq'] for ev in io_source(4, 0)]", "[0, 1, 2, 3]"},
		{"def total(n):\n    t = 0\n    for i in range(n):\n        t += i\n    return t\ngather(*[partial(total, n) for n in range(5)])", "[0, 0, 1, 3, 6]"},
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			res, outs := run(kernel.NewSession(kernel.Options{}), tc.code)
			require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
			assert.Equal(t, tc.want, last(t, outs).Data["text/plain"])
		})
	}
}

func TestGatherLeavesNoGoroutineBehind(t *testing.T) {
	base := runtime.NumGoroutine()
	s := kernel.NewSession(kernel.Options{})
	for i := range 3 {
		res, _ := run(s, fmt.Sprintf("gather(*[partial(sleep, 0.001 * k) for k in range(%d)])", 5+i))
		require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	}
	waitForGoroutines(t, base)
}

// The cell a notebook shows for the seed's question: waiting work overlaps
// in a gather, computing work does not.
func Example_asyncioQuestion() {
	s := kernel.NewSession(kernel.Options{})
	s.Execute(`def fetch(name):
    sleep(0.1)                  # simulated I/O latency
    return name

def crunch(name):
    t = 0
    for i in range(200000):     # pure computation
        t += i % 3
    return name

def timed(f):
    t0 = clock()
    f()
    return clock() - t0

for name, work in [("waiting", fetch), ("computing", crunch)]:
    tasks = [partial(work, n) for n in ["a", "b", "c", "d"]]
    serial = timed(lambda: [t() for t in tasks])
    together = timed(lambda: gather(*tasks))
    print(name, "overlaps" if together < 0.5 * serial else "does not overlap")`, func(o kernel.Output) { fmt.Print(o.Text, o.EValue) })
	// Output:
	// waiting overlaps
	// computing does not overlap
}
