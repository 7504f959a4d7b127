package asyncio_test

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

	"pushbook/internal/libtest"
	"pushbook/kernel"
	"pushbook/lib/random"
)

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

// joined reads a global list of strings that a cell built, joined by
// ", ", so that an assertion shows the whole order at once.
func joined(t *testing.T, s *kernel.Session, name string) string {
	t.Helper()
	l, ok := s.Globals()[name].(*starlark.List)
	require.True(t, ok, "global %s is %v, want a list", name, s.Globals()[name])
	parts := make([]string, l.Len())
	for i := range parts {
		str, ok := l.Index(i).(starlark.String)
		require.True(t, ok, "%s[%d] is %v, want a str", name, i, l.Index(i))
		parts[i] = string(str)
	}
	return strings.Join(parts, ", ")
}

// The seed's question, answered: four tasks that each wait 50 ms wait at
// the same time. Every task begins its wait before the first wait ends,
// which no amount of load on the machine changes: the loop starts all
// ready tasks in one round before it looks at a timer.
func TestGatherOverlapsWaits(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	res, _ := libtest.Run(s, `log = []
def fetch(name):
    log.append(name + " waits")
    sleep(0.05)
    log.append(name + " woke")
    return 1
t0 = perf_counter()
serial = [fetch("s1"), fetch("s2"), fetch("s3"), fetch("s4")]
t1 = perf_counter()
serial_log = list(log)
log.clear()
together = gather(partial(fetch, "a"), partial(fetch, "b"), partial(fetch, "c"), partial(fetch, "d"))
t2 = perf_counter()
serial_s, gather_s = t1 - t0, t2 - t1`)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, "s1 waits, s1 woke, s2 waits, s2 woke, s3 waits, s3 woke, s4 waits, s4 woke", joined(t, s, "serial_log"),
		"called one after another, each wait ends before the next begins")
	assert.Equal(t, "a waits, b waits, c waits, d waits, a woke, b woke, c woke, d woke", joined(t, s, "log"),
		"in a gather every task begins its wait before the first wait ends, and equal waits end in the order they began")
	f := floats(t, s, "serial_s", "gather_s")
	assert.GreaterOrEqual(t, f[0], 0.2, "four 50 ms sleeps one after another")
	assert.GreaterOrEqual(t, f[1], 0.05, "gather waits for its slowest task")
	assert.Equal(t, "[1, 1, 1, 1]", s.Globals()["together"].String())
}

// ...and four tasks that each compute do not compute at the same time, even
// on a machine with several cores: each task's computation runs from its
// beginning to its end while no other task runs, so the perf_counter() intervals
// the tasks record are disjoint and in argument order, and the gather
// lasts at least as long as the four computations added up.
func TestGatherDoesNotOverlapComputation(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	res, _ := libtest.Run(s, `log = []
spans = []
def crunch(name, n):
    log.append(name + " begins")
    t0 = perf_counter()
    t = 0
    for i in range(n):
        t += i % 7
    spans.append((t0, perf_counter()))
    log.append(name + " ends")
    return t
serial = [crunch("s", 5000 * k) for k in range(1, 5)]
log.clear()
spans.clear()
g0 = perf_counter()
together = gather(*[partial(crunch, "abcd"[k - 1], 5000 * k) for k in range(1, 5)])
gather_s = perf_counter() - g0
busy_s = 0.0
for begin, end in spans:
    busy_s += end - begin
disjoint = all([spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1)])`)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, "a begins, a ends, b begins, b ends, c begins, c ends, d begins, d ends", joined(t, s, "log"),
		"each task computes to its end before the next begins")
	assert.Equal(t, "True", s.Globals()["disjoint"].String(), "the tasks' perf_counter() spans overlap: %v", s.Globals()["spans"])
	f := floats(t, s, "gather_s", "busy_s")
	assert.GreaterOrEqual(t, f[0], f[1], "gather took %.6fs, less than its tasks' computing added up (%.6fs)", f[0], f[1])
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
	s := libtest.Session(kernel.Options{})
	s.Predeclare("probe", starlark.NewBuiltin("probe", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
		probe.enter()
		return starlark.None, nil
	}))
	res, _ := libtest.Run(s, `def work(k):
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
gather(partial(job, "a", 0.9), partial(job, "b", 0.3), partial(job, "c", 0.6))`, // deadlines 0.3 s apart: the order holds unless starting a task took 150 ms
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
			res, outs := libtest.Run(libtest.Session(kernel.Options{}), tc.code)
			require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
			assert.Equal(t, tc.want, libtest.Printed(outs), "printed by the tasks, in the cell")
			assert.Equal(t, tc.result, libtest.Last(t, outs).Data["text/plain"])
		})
	}
}

// All four inner tasks of two nested gathers wait at once: every one
// begins its wait before any wait ends.
func TestNestedGatherSharesTheLoop(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	res, outs := libtest.Run(s, `log = []
def inner(n):
    log.append("%d waits" % n)
    sleep(0.04)
    log.append("%d woke" % n)
    return n
def outer(k):
    return gather(partial(inner, k), partial(inner, k + 1))
t0 = perf_counter()
r = gather(partial(outer, 0), partial(outer, 10))
took = perf_counter() - t0
r`)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, "[[0, 1], [10, 11]]", libtest.Last(t, outs).Data["text/plain"])
	assert.Equal(t, "0 waits, 1 waits, 10 waits, 11 waits, 0 woke, 1 woke, 10 woke, 11 woke", joined(t, s, "log"),
		"all four inner waits overlap, in one loop")
	assert.GreaterOrEqual(t, floats(t, s, "took")[0], 0.04, "gather waits for its inner tasks")
}

// Sources of equal latency in a gather deliver their events in turns: a
// task's next wait begins after the waits the other tasks began meanwhile,
// and the loop wakes equal waits in the order they began, so the order is
// the same however slow the machine.
func TestIOSourceWaitsPerEventAndOverlapsInGather(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	res, outs := libtest.Run(s, `log = []
def consume(name):
    seqs = []
    for ev in io_source(5, 0.02, name):
        seqs.append((ev["source"], ev["seq"]))
        log.append("%s%d" % (ev["source"], ev["seq"]))
    return seqs
t0 = perf_counter()
one = consume("solo")
t1 = perf_counter()
r = gather(partial(consume, "a"), partial(consume, "b"), partial(consume, "c"))
t2 = perf_counter()
one_s, three_s = t1 - t0, t2 - t1
[x[-1] for x in r]`)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, `[('a', 4), ('b', 4), ('c', 4)]`, libtest.Last(t, outs).Data["text/plain"])
	f := floats(t, s, "one_s", "three_s")
	assert.GreaterOrEqual(t, f[0], 5*0.02, "one source waits for each of its 5 events")
	assert.GreaterOrEqual(t, f[1], 5*0.02, "the gather waits for each source's 5 events")
	assert.Equal(t, "solo0, solo1, solo2, solo3, solo4, a0, b0, c0, a1, b1, c1, a2, b2, c2, a3, b3, c3, a4, b4, c4", joined(t, s, "log"),
		"three sources in a gather wait together, taking turns")

	res, outs = libtest.Run(s, "c = collect()\n(push(io_source(3, 0, name='p'), c), c.values, io_source(2))")
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, `(3, [{'source': 'p', 'seq': 0}, {'source': 'p', 'seq': 1}, {'source': 'p', 'seq': 2}], io_source(2, latency=0.01, name='io'))`, libtest.Last(t, outs).Data["text/plain"])
}

// A coroutine body that waits, sent to from a task, gives that task's turn
// away: the wait happens on the body's goroutine on the task's behalf.
func TestCoroutineBodyWaitingInsideATaskGivesTheTurnAway(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	libtest.Import(t, s, "seed")
	res, outs := libtest.Run(s, `@coroutine
def slow_sink(name):
    while True:
        v = (yield)
        print(name, "waits for", v)
        sleep(0.03)
        print(name, v)
def feed(name):
    sink = slow_sink(name)
    sink.send(1)
    sink.send(2)
    sink.close()
    return name
t0 = perf_counter()
r = gather(partial(feed, "a"), partial(feed, "b"), partial(feed, "c"))
took = perf_counter() - t0
r`)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, `['a', 'b', 'c']`, libtest.Last(t, outs).Data["text/plain"])
	assert.Equal(t, "a waits for 1\nb waits for 1\nc waits for 1\n"+
		"a 1\na waits for 2\nb 1\nb waits for 2\nc 1\nc waits for 2\n"+
		"a 2\nb 2\nc 2\n", libtest.Printed(outs), "the six waits overlap three at a time")
	assert.GreaterOrEqual(t, floats(t, s, "took")[0], 2*0.03, "each task waits twice, one wait after the other")
}

func TestGatherFirstErrorNamesTheTaskAndCancelsTheOthers(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	libtest.PredeclareModule(s, random.Module)
	start := time.Now()
	res, outs := libtest.Run(s, `def slow():
    sleep(5)
    print("slow finished")
def bad():
    sleep(0.01)
    random.Random(1).uniform(2, 1)
def never():
    print("never started")
gather(slow, bad, slow)`)
	elapsed := time.Since(start)
	require.Equal(t, kernel.StatusError, res.Status)
	e := libtest.Last(t, outs)
	assert.Equal(t, "ValueError", e.EName)
	assert.Equal(t, "task 2 (bad): uniform: a must not exceed b, got a=2, b=1", e.EValue)
	assert.Contains(t, libtest.PlainTraceback(e), "in bad", "the traceback shows where the task failed")
	assert.NotContains(t, libtest.Printed(outs), "slow finished")
	assert.Less(t, elapsed, 5*time.Second, "the sleeping tasks were cancelled, not waited for (their sleeps last 5 s)")

	res, outs = libtest.Run(s, "gather(lambda: 1 // 0, never, never)")
	require.Equal(t, kernel.StatusError, res.Status)
	assert.Equal(t, "ZeroDivisionError", libtest.Last(t, outs).EName)
	assert.Contains(t, libtest.Last(t, outs).EValue, "task 1 (lambda): ")
	assert.NotContains(t, libtest.Printed(outs), "never started", "tasks of a failed gather that had not started never start")

	res, outs = libtest.Run(s, "gather(lambda: 1, partial(random.Random(1).choice, []))")
	require.Equal(t, kernel.StatusError, res.Status)
	assert.Equal(t, "IndexError", libtest.Last(t, outs).EName)
	assert.Equal(t, `task 2 (choice([])): choice: cannot choose from an empty list`, libtest.Last(t, outs).EValue)

	res, outs = libtest.Run(s, "gather(lambda: 5, lambda: 6)")
	require.Equal(t, kernel.StatusOK, res.Status, "%v: the session works on after failed gathers", res.Err)
	assert.Equal(t, "[5, 6]", libtest.Last(t, outs).Data["text/plain"])
}

// waitForGoroutines waits for the goroutine count to fall back to base: a
// task goroutine left behind by gather would keep it up.
func waitForGoroutines(t *testing.T, base int) {
	t.Helper()
	n := runtime.NumGoroutine()
	for deadline := time.Now().Add(10 * time.Second); n > base && time.Now().Before(deadline); n = runtime.NumGoroutine() {
		time.Sleep(5 * time.Millisecond)
	}
	assert.LessOrEqual(t, n, base, "goroutines running ten seconds after the cell, beyond the %d before it", base)
}

// interruptUntilStopped calls s.Interrupt after delay and then every 10 ms
// until stop is called: Interrupt does nothing before the cell has begun,
// which on a loaded machine may be later than delay. first tells when the
// first call was made.
func interruptUntilStopped(s *kernel.Session, delay time.Duration) (first func() time.Time, stop func()) {
	done := make(chan struct{})
	began := make(chan time.Time, 1)
	var wg sync.WaitGroup
	wg.Go(func() {
		select {
		case <-time.After(delay):
		case <-done:
			close(began)
			return
		}
		began <- time.Now()
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			s.Interrupt()
			select {
			case <-tick.C:
			case <-done:
				return
			}
		}
	})
	var at time.Time
	first = func() time.Time {
		if t, ok := <-began; ok {
			at = t
		}
		return at
	}
	return first, func() { close(done); wg.Wait() }
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
			s := libtest.Session(kernel.Options{YieldEvery: 10_000, OnYield: runtime.Gosched})
			first, stop := interruptUntilStopped(s, 100*time.Millisecond)
			res, outs := libtest.Run(s, tc.code)
			ended := time.Now()
			stop()
			assert.Equal(t, kernel.StatusAborted, res.Status)
			assert.Equal(t, "KeyboardInterrupt", libtest.Last(t, outs).EName)
			assert.NotContains(t, libtest.Printed(outs), "after the loop")
			assert.Less(t, ended.Sub(first()), 10*time.Second, "the cell must end soon after Interrupt, not when its sleeps (100 s) or step budget run out")
			waitForGoroutines(t, base)
		})
	}
}

func TestGatherTasksShareTheCellsStepBudget(t *testing.T) {
	s := libtest.Session(kernel.Options{MaxSteps: 200_000})
	res, outs := libtest.Run(s, "def spin():\n    while True:\n        pass\ngather(spin, lambda: sleep(0.01), spin)")
	assert.Equal(t, kernel.StatusAborted, res.Status)
	assert.Equal(t, "StepLimitError", libtest.Last(t, outs).EName)
	assert.ErrorIs(t, res.Err, kernel.ErrStepBudget)
}

func TestAsyncioBuiltinsRejectBadArguments(t *testing.T) {
	cases := []libtest.ErrorCase{
		{"gather(1)", "TypeError", "gather: argument 1 is int, not a function"},
		{"def f():\n    return 1\ngather(f, f())", "TypeError", "argument 2 is int, not a function (pass f, not f(): gather calls it)"},
		{"gather(print, x=1)", "TypeError", "unexpected keyword argument"},
		{"sleep(-1)", "ValueError", "sleep length must be non-negative, got -1"},
		{"sleep('1')", "TypeError", "want a number"},
		{"io_source(-1)", "ValueError", "n must be at least 0, got -1"},
		{"io_source(3, -0.5)", "ValueError", "sleep length must be non-negative"},
		{"partial(1)", "TypeError", "the first argument must be a function, not int"},
		{"perf_counter(1)", "TypeError", "perf_counter: got 1 arguments, want 0"},
	}
	libtest.AssertCellErrorsApart(t, func() *kernel.Session { return libtest.Session(kernel.Options{}) }, cases)
}

func TestAsyncioSmallPieces(t *testing.T) {
	cases := []struct{ code, want string }{
		{"gather()", "[]"},
		{"a = perf_counter()\nsleep(0.01)\nb = perf_counter()\n(b > a, b - a >= 0.01, type(a))", `(True, True, 'float')`},
		{"def add(a, b, scale=1):\n    return (a + b) * scale\np = partial(add, 1, scale=10)\n(p(2), p, type(p))", `(30, partial(add(1, scale=10)), 'partial')`},
		{"[ev['seq'] for ev in io_source(4, 0)]", "[0, 1, 2, 3]"},
		{"def total(n):\n    t = 0\n    for i in range(n):\n        t += i\n    return t\ngather(*[partial(total, n) for n in range(5)])", "[0, 0, 1, 3, 6]"},
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			res, outs := libtest.Run(libtest.Session(kernel.Options{}), tc.code)
			require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
			assert.Equal(t, tc.want, libtest.Last(t, outs).Data["text/plain"])
		})
	}
}

func TestGatherLeavesNoGoroutineBehind(t *testing.T) {
	base := runtime.NumGoroutine()
	s := libtest.Session(kernel.Options{})
	for i := range 3 {
		res, _ := libtest.Run(s, fmt.Sprintf("gather(*[partial(sleep, 0.001 * k) for k in range(%d)])", 5+i))
		require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	}
	waitForGoroutines(t, base)
}

// The cell a notebook shows for the seed's question: waiting work overlaps
// in a gather (every task begins to wait before any wait ends), computing
// work does not (each task computes from its beginning to its end alone).
func Example_asyncioQuestion() {
	s := libtest.Session(kernel.Options{})
	s.Execute(`log = []

def fetch(name):
    log.append(name + " begins")
    sleep(0.05)                 # simulated I/O latency
    log.append(name + " ends")

def crunch(name):
    log.append(name + " begins")
    t = 0
    for i in range(20000):      # pure computation
        t += i % 3
    log.append(name + " ends")

for name, work in [("waiting", fetch), ("computing", crunch)]:
    log.clear()
    gather(*[partial(work, n) for n in ["a", "b", "c", "d"]])
    overlaps = log.index("b begins") < log.index("a ends")
    print(name, "overlaps:" if overlaps else "does not overlap:", ", ".join(log))`, func(o kernel.Output) { fmt.Print(o.Text, o.EValue) })
	// Output:
	// waiting overlaps: a begins, b begins, c begins, d begins, a ends, b ends, c ends, d ends
	// computing does not overlap: a begins, a ends, b begins, b ends, c begins, c ends, d begins, d ends
}
