package kernel_test

import (
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/internal/libtest"
	"pushbook/kernel"
)

func transcript(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return string(data)
}

// seedSession is a session whose cells see the seed module's names
// (coroutine, pushdata, co_sink, ...), as "from seed import *" will give
// them once cells have import statements. Importing runs one cell.
func seedSession(t *testing.T) *kernel.Session {
	t.Helper()
	s := libtest.Session(kernel.Options{})
	libtest.Import(t, s, "seed")
	return s
}

func TestSeedIn206PrintsTheSeedTranscript(t *testing.T) {
	s := seedSession(t)
	got, _ := libtest.Stdout(t, s, `pipeline = co_process(
                co_filter(
                        co_split( co_sink("first"), co_sink("display")),
                        co_sink("second") ))
pushdata(pipeline,10)
pipeline.close()`, kernel.StatusOK)
	assert.Equal(t, transcript(t, "in206.txt"), got)
}

func TestSeedIn207StopsTheSourceAndClosesTheSinks(t *testing.T) {
	s := seedSession(t)
	got, _ := libtest.Stdout(t, s, `pipeline = co_process(
                co_stopif( lambda x: x>104,
                    co_filter(
                        co_split( co_sink("first"), co_sink("display")),
                        co_sink("second") )
                    )
            )
pushdata(pipeline, 10 )`, kernel.StatusOK)
	assert.Equal(t, transcript(t, "in207.txt"), got)
}

func TestSeedRunningAverageRepliesToEachSend(t *testing.T) {
	s := seedSession(t)
	got, _ := libtest.Stdout(t, s, `r = running_avg()
r.send(None)
print(r.send(10))
print(r.send(100))
print(r.send(100))
for x in range(10):
    print( r.send(x*10) )`, kernel.StatusOK)
	assert.Equal(t, "10.0\n55.0\n70.0\n52.5\n44.0\n40.0\n38.57142857142857\n38.75\n40.0\n42.0\n44.54545454545455\n47.5\n50.76923076923077\n", got)

	got, _ = libtest.Stdout(t, s, "for x in sender(running_avg()):\n    print( x )", kernel.StatusOK)
	assert.Equal(t, "0.0\n0.5\n1.0\n1.5\n2.0\n2.5\n3.0\n3.5\n4.0\n4.5\n", got)
}

func TestExhaustedGeneratorRaisesStopIteration(t *testing.T) {
	s := seedSession(t)
	libtest.Stdout(t, s, "d = sender(running_avg())\nfor x in d:\n    pass", kernel.StatusOK)
	_, outs := libtest.Stdout(t, s, "next(d)", kernel.StatusError)
	assert.Equal(t, "StopIteration", libtest.Last(t, outs).EName)
	got, _ := libtest.Stdout(t, s, `print(next(d, "default"))`, kernel.StatusOK)
	assert.Equal(t, "default\n", got)
}

func TestGeneratorErrorsAreThePythonOnes(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	libtest.Stdout(t, s, "def squares(n):\n    for i in range(n):\n        yield i * i", kernel.StatusOK)
	libtest.AssertCellErrors(t, s, []libtest.ErrorCase{
		{"squares(3).send(1)", "TypeError", "can't send non-None value to a just-started generator"},
		{"x = (yield)", "SyntaxError", "'yield' outside function"},
		{"next(42)", "TypeError", "'int' object is not an iterator"},
		{"yield 1", "SyntaxError", "'yield' outside function"},
		{"g = squares(1)\nnext(g)\nnext(g)", "StopIteration", "squares"},
		{"g = squares(3)\nnext(g)\ng.throw(ValueError('thrown in'))", "ValueError", "thrown in"},
		{"next(counter('c'))", "TypeError", "c is a built-in counter stage: it takes values sent to it and has nothing to iterate"},
		{"for x in collect():\n    pass", "TypeError", "collect is a built-in collect stage"},
	})
	got, _ := libtest.Stdout(t, s, "print(list(squares(4)), [x for x in squares(2)])", kernel.StatusOK)
	assert.Equal(t, "[0, 1, 4, 9] [0, 1]\n", got)
}

func TestCoroutineMadeInOneCellPrintsIntoTheCellThatSendsToIt(t *testing.T) {
	s := seedSession(t)
	first, _ := libtest.Stdout(t, s, `sink = co_sink("late")`, kernel.StatusOK)
	assert.Equal(t, "Init sink late\n", first)
	second, _ := libtest.Stdout(t, s, "sink.send(1)", kernel.StatusOK)
	assert.Equal(t, "      late RECEIVED: 1\n", second)
	third, _ := libtest.Stdout(t, s, "sink.close()\nprint(sink.state)", kernel.StatusOK)
	assert.Equal(t, "CLOSING SINK late\nclosed\n", third)
}

func TestBodyErrorNamesTheBodyLineAndTheStage(t *testing.T) {
	s := seedSession(t)
	_, outs := libtest.Stdout(t, s, `@coroutine
def inverse(out):
    while True:
        x = (yield)
        out.send(1 // x)
c = inverse(collect())
c.send(0)`, kernel.StatusError)
	o := libtest.Last(t, outs)
	assert.Equal(t, "ZeroDivisionError", o.EName)
	assert.Contains(t, o.EValue, `inverse`)
	tb := libtest.PlainTraceback(o)
	assert.Contains(t, tb, "line 7", "the send in the cell")
	assert.Contains(t, tb, "line 5", "the division in the body")
	got, _ := libtest.Stdout(t, s, "print(c.state)", kernel.StatusOK)
	assert.Equal(t, "stopped\n", got)
}

func TestInterruptReachesABusyCoroutineBody(t *testing.T) {
	s := seedSession(t)
	libtest.Stdout(t, s, "@coroutine\ndef spin():\n    (yield)\n    while True:\n        pass\nc = spin()", kernel.StatusOK)
	go func() {
		time.Sleep(50 * time.Millisecond)
		s.Interrupt()
	}()
	start := time.Now()
	_, outs := libtest.Stdout(t, s, "c.send(1)", kernel.StatusAborted)
	assert.Less(t, time.Since(start), 2*time.Second)
	assert.Equal(t, "KeyboardInterrupt", libtest.Last(t, outs).EName)
	got, _ := libtest.Stdout(t, s, "print('next cell runs')", kernel.StatusOK)
	assert.Equal(t, "next cell runs\n", got)
}

func TestSenderCatchesStopIterationWhenThePipelineStops(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	got, _ := libtest.Stdout(t, s, `
c = collect()
head = take(2, c)
def sent(target, x):
    try:
        target.send(x)
        return True
    except StopIteration:
        return False
print([sent(head, x) for x in range(4)], c.values, head.state)`, kernel.StatusOK)
	assert.Equal(t, "[True, False, False, False] [0, 1] stopped\n", got)
	_, outs := libtest.Stdout(t, s, "head.send(9)", kernel.StatusError)
	assert.Equal(t, "StopIteration", libtest.Last(t, outs).EName)
}

func TestBuiltinStagesBuildTheSeedTopology(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	got, _ := libtest.Stdout(t, s, `
first, display, second = counter("first"), counter("display"), counter("second")
head = process(add(100), filter(negate(multiple_of(3)), split(first, display, every=2), second))
n = push(range(1000), head, block=64)
print(n, first.received, display.received, second.received)`, kernel.StatusOK)
	assert.Equal(t, "1000 667 334 333\n", got)
}

func TestBuiltinPrinterKeepsTheSeedInterleaving(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	got, _ := libtest.Stdout(t, s, `
head = process(add(100), filter(negate(multiple_of(3)), split(printer("first"), printer("display")), printer("second")))
push(range(4), head)`, kernel.StatusOK)
	assert.Equal(t, "   display RECEIVED: 100\n     first RECEIVED: 100\n     first RECEIVED: 101\n    second RECEIVED: 102\n   display RECEIVED: 103\n     first RECEIVED: 103\n", got)
}

func TestBuiltinStagesTakeStarlarkFunctions(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	for _, c := range []struct{ code, want string }{
		{"c = collect()\npush(range(5), process(lambda x: x * x, c))\nprint(c.values)", "[0, 1, 4, 9, 16]"},
		{"c = collect()\npush(range(6), filter(lambda x: x % 2 == 0, c))\nprint(c.values)", "[0, 2, 4]"},
		{"c = collect()\npush(range(10), stopif(lambda x: x > 3, c))\nprint(c.values, c.state)", "[0, 1, 2, 3] closed"},
		{"c = collect()\npush([1, 2, 3], scan(lambda acc, x: acc + x, 0, c))\nprint(c.values)", "[1, 3, 6]"},
		{"c = collect()\npush([10, 100, 100], running_average(c))\nprint(c.values)", "[10.0, 55.0, 70.0]"},
		{"c = collect()\nh = batch(2, c)\npush(range(5), h)\nh.close()\nprint(c.values)", "[[0, 1], [2, 3], [4]]"},
		{"a, b = collect(), collect()\npush(range(3), broadcast(a, b))\nprint(a.values, b.values)", "[0, 1, 2] [0, 1, 2]"},
		{"a, b = collect(), collect()\npush(range(7), thin(a, b, every=3))\nprint(a.values, b.values)", "[1, 2, 4, 5] [0, 3, 6]"},
		{"seen = []\npush(['x', 'y'], sink(seen.append))\nprint(seen)", `['x', 'y']`},
		{"print(add(2)(3), mul(2)(4), greater(1)(2), less(1)(2), multiple_of(3)(-3), multiple_of(3)(4), negate(greater(1))(0))", "5 8 True False True False True"},
	} {
		got, _ := libtest.Stdout(t, s, c.code, kernel.StatusOK)
		assert.Equal(t, c.want+"\n", got, "cell:\n%s", c.code)
	}
}

func TestBuiltinStageArgumentErrorsNameTheParameter(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	libtest.AssertCellErrors(t, s, []libtest.ErrorCase{
		{"process(add(1), None)", "TypeError", "process: output must be a stage, not None"},
		{"split(collect(), collect(), every=0)", "ValueError", "split: every must be at least 1, got 0"},
		{"process(3, collect())", "TypeError", "want a function, got int"},
		{"broadcast(collect(), 3)", "TypeError", "broadcast: output 2 is int, not a stage"},
		{"push(range(3), collect(), block=0)", "ValueError", "push: block must be at least 1"},
		{"filter(lambda x: x, 5)", "TypeError", "for parameter output: want a stage (or None), got int"},
	})

}

func TestPushIntoAStoppedPipelineReturnsTheCountSent(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	got, _ := libtest.Stdout(t, s, "c = collect()\nprint(push(range(100), stopif(greater(4), c)))", kernel.StatusOK)
	assert.Equal(t, "6\n", got, "0..4 pass, 5 stops the pipeline")
}

func TestCloseEndsTheCoroutinesASessionLeftOpen(t *testing.T) {
	before := runtime.NumGoroutine()
	s := seedSession(t)
	libtest.Stdout(t, s, `sinks = [co_sink("s%d" % i) for i in range(50)]
def forever():
    while True:
        (yield)
gens = [forever() for i in range(500)]
[g.send(None) for g in gens[:250]]`, kernel.StatusOK)
	require.Greater(t, runtime.NumGoroutine(), before+250, "open coroutines hold goroutines")
	s.Close()
	assert.Eventually(t, func() bool { return runtime.NumGoroutine() <= before+2 }, 2*time.Second, 10*time.Millisecond,
		"goroutines after Close: %d, before: %d", runtime.NumGoroutine(), before)
}

func TestAnErrorInsideAForLoopOverAGeneratorFailsTheCellWithBothPlaces(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	got, outs := libtest.Stdout(t, s, "def g():\n    yield 1\n    yield 1 // 0\nfor x in g():\n    print(x)", kernel.StatusError)
	assert.Equal(t, "1\n", got)
	o := libtest.Last(t, outs)
	assert.Equal(t, "ZeroDivisionError", o.EName)
	tb := libtest.PlainTraceback(o)
	assert.Contains(t, tb, "Cell In[1], line 4", "the for loop")
	assert.Contains(t, tb, "Cell In[1], line 3", "the division in the generator")
}

func TestErrorsInStagesKeepTheirPythonNameAndTheStage(t *testing.T) {
	s := seedSession(t)
	libtest.AssertCellErrors(t, s, []libtest.ErrorCase{
		{"@coroutine\ndef c():\n    while True:\n        x = (yield)\n        take(-x, collect())\nc().send(5)", "ValueError", `coroutine "c": event 1: take: n must be at least 0, got -5`},
		{"push([1], process(lambda v: table([{'a': v}])['k'], collect()))", "KeyError", `map "process(lambda)": event 1: `},
		{`push([{"a": 1}, {"a": "x"}], table_sink())`, "ValueError", `sink "table": event 2: key "a": type drift`},
		{`"x" > 1`, "TypeError", "not implemented"},
		{"take(-1, collect())", "ValueError", "take: n must be at least 0, got -1"},
	})

}
