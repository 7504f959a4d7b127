package kernel_test

import (
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"pushbook/internal/libtest"
	"pushbook/kernel"
	"pushbook/notebook"
)

func TestExecuteEmitsStreamAndResult(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	res, outs := libtest.Run(s, "x = 20\nprint('x is', x)\nx * 2 + 2")
	assert.Equal(t, kernel.Result{ExecutionCount: 1, Status: kernel.StatusOK}, res)
	assert.Equal(t, []kernel.Output{
		notebook.NewStream("stdout", "x is 20\n"),
		notebook.NewExecuteResult(1, notebook.MIMEBundle{"text/plain": "42"}),
	}, outs)
	assert.Equal(t, 1, s.ExecutionCount())
}

func TestFinalExpressionIsShownOnlyWhenNotNone(t *testing.T) {
	cases := []struct {
		code string
		want []kernel.Output
	}{
		{"None", nil},
		{"print('p')", []kernel.Output{notebook.NewStream("stdout", "p\n")}},
		{"x = 1", nil},
		{"{'a': [1, 2]}", []kernel.Output{notebook.NewExecuteResult(1, notebook.MIMEBundle{"text/plain": `{'a': [1, 2]}`})}},
		{"for i in range(2):\n    i", nil},
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			res, outs := libtest.Run(kernel.NewSession(kernel.Options{}), tc.code)
			require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
			assert.Equal(t, tc.want, outs)
		})
	}
}

func TestGlobalsPersistAcrossCellsAndSurviveErrors(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	res, _ := libtest.Run(s, "def double(x):\n    return 2 * x\ntotal = 0")
	require.Equal(t, kernel.StatusOK, res.Status)
	res, _ = libtest.Run(s, "total = double(21)\nmissing = {}['k']\nnever = 1")
	require.Equal(t, kernel.StatusError, res.Status)
	res, outs := libtest.Run(s, "total")
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, "42", libtest.Last(t, outs).Data["text/plain"], "a global assigned before the error stays")
	assert.Equal(t, 3, res.ExecutionCount)
	g := s.Globals()
	assert.Contains(t, g, "double")
	assert.NotContains(t, g, "never")
	assert.NotContains(t, g, "display", "predeclared names are not user globals")
}

func TestPythonLikeDialectIsEnabled(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	code := `
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
n = 0
while n < 3:
    n += 1
if n == 3:
    seen = set([1, 2, 2])
n = fact(5)
[n, len(seen), isinstance(seen, set), isinstance(1, (str, int)), isinstance("a", dict)]`
	res, outs := libtest.Run(s, code)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, "[120, 2, True, True, False]", libtest.Last(t, outs).Data["text/plain"])
}

func TestErrorsBecomeErrorOutputsWithPythonNames(t *testing.T) {
	cases := []struct {
		code, ename, evalue string
		traceback           []string
	}{
		{"def f(x):\n    return 1 // x\nf(0)", "ZeroDivisionError", "floored division by zero",
			[]string{"Cell In[1], line 3, column 2", "----> 3 f(0)", "Cell In[1], line 2, column 14, in f", "----> 2     return 1 // x"}},
		{"[1][5]", "IndexError", "list index 5 out of range [-1:0]", []string{"----> 1 [1][5]"}},
		{"{}['k']", "KeyError", `key 'k' not in dict`, nil},
		{"'a'.nope", "AttributeError", "string has no .nope field or method", nil},
		{"1 + 'a'", "TypeError", "unknown binary op: int + string", nil},
		{"take(-1, collect())", "ValueError", "take: n must be at least 0, got -1", nil},
		{"push([1], process(lambda v: take(-v, collect()), collect()))", "ValueError", `map "process(lambda)": event 1: take: n must be at least 0, got -1`, nil},
		{"undefined_name", "NameError", "name 'undefined_name' is not defined", []string{"Cell In[1], line 1", "    undefined_name\n    ^"}},
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			res, outs := libtest.Run(libtest.Session(kernel.Options{}), tc.code)
			assert.Equal(t, kernel.StatusError, res.Status)
			require.Error(t, res.Err)
			assert.Contains(t, res.Err.Error(), "cell In [1]")
			o := libtest.Last(t, outs)
			assert.Equal(t, notebook.ErrorOutput, o.OutputType)
			assert.Equal(t, tc.ename, o.EName)
			assert.Equal(t, tc.evalue, o.EValue)
			tb := libtest.PlainTraceback(o)
			assert.True(t, strings.HasSuffix(tb, tc.ename+": "+tc.evalue), "traceback ends with the error:\n%s", tb)
			for _, want := range tc.traceback {
				assert.Contains(t, tb, want)
			}
		})
	}
}

func TestSyntaxErrorShowsLineAndCaret(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	res, outs := libtest.Run(s, "x = 1\ny = x +* 2\n")
	assert.Equal(t, kernel.StatusError, res.Status)
	o := libtest.Last(t, outs)
	assert.Equal(t, "SyntaxError", o.EName)
	assert.Equal(t, "  Cell In[1], line 2, column 8\n    y = x +* 2\n           ^\nSyntaxError: "+o.EValue, libtest.PlainTraceback(o))
	res, outs = libtest.Run(s, "x")
	assert.Equal(t, kernel.StatusError, res.Status, "a syntax error runs none of the cell")
	assert.Equal(t, "NameError", libtest.Last(t, outs).EName)
}

func TestBuiltinExceptionClassChoosesEnameThroughWrapping(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	s.Predeclare("nxt", starlark.NewBuiltin("nxt", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
		return nil, errors.Join(errors.New("context"), starlark.NewException(starlark.StopIteration))
	}))
	res, outs := libtest.Run(s, "def g():\n    return nxt()\ng()")
	assert.Equal(t, kernel.StatusError, res.Status)
	o := libtest.Last(t, outs)
	assert.Equal(t, "StopIteration", o.EName)
	assert.Equal(t, "", o.EValue)
	assert.Contains(t, libtest.PlainTraceback(o), "in g")
}

func TestPanicInBuiltinBecomesErrorAndSessionLivesOn(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	s.Predeclare("boom", starlark.NewBuiltin("boom", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
		var m map[string]int
		m["x"] = 1 // panics: assignment to entry in nil map
		return starlark.None, nil
	}))
	res, outs := libtest.Run(s, "before = 1\nboom()")
	assert.Equal(t, kernel.StatusError, res.Status)
	o := libtest.Last(t, outs)
	assert.Equal(t, "InternalError", o.EName)
	assert.Contains(t, o.EValue, "Go panic in boom: assignment to entry in nil map")
	res, outs = libtest.Run(s, "before + 1")
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, "2", libtest.Last(t, outs).Data["text/plain"])
}

func TestStepBudgetAbortsCellAndNextCellRuns(t *testing.T) {
	s := kernel.NewSession(kernel.Options{MaxSteps: 50_000})
	res, outs := libtest.Run(s, "n = 0\nwhile True:\n    n += 1")
	assert.Equal(t, kernel.StatusAborted, res.Status)
	assert.ErrorIs(t, res.Err, kernel.ErrStepBudget)
	o := libtest.Last(t, outs)
	assert.Equal(t, "StepLimitError", o.EName)
	assert.Contains(t, o.EValue, "ran more than 50000 steps")
	res, outs = libtest.Run(s, "n > 1000")
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, "True", libtest.Last(t, outs).Data["text/plain"], "globals of the aborted cell stay")
}

func TestInterruptFromAnotherGoroutineStopsCellQuickly(t *testing.T) {
	s := kernel.NewSession(kernel.Options{MaxSteps: 1 << 62})
	interruptAfterStarted(s)
	begin := time.Now()
	res, outs := libtest.Run(s, "started()\nwhile True:\n    pass")
	assert.Less(t, time.Since(begin), 5*time.Second)
	assert.Equal(t, kernel.StatusAborted, res.Status)
	assert.ErrorIs(t, res.Err, kernel.ErrInterrupted)
	assert.Equal(t, "KeyboardInterrupt", libtest.Last(t, outs).EName)

	res, outs = libtest.Run(s, "1 + 1")
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, "2", libtest.Last(t, outs).Data["text/plain"])
}

func TestCancelUsesTheGivenReason(t *testing.T) {
	var s *kernel.Session
	s = kernel.NewSession(kernel.Options{YieldEvery: 1000, OnYield: func() {
		s.Cancel(starlark.Errorf(starlark.TimeoutError, "cell ran longer than 1s"))
	}})
	res, outs := libtest.Run(s, "while True:\n    pass")
	assert.Equal(t, kernel.StatusAborted, res.Status)
	o := libtest.Last(t, outs)
	assert.Equal(t, "TimeoutError", o.EName)
	assert.Equal(t, "cell ran longer than 1s", o.EValue)
}

func TestInterruptWithNoCellRunningDoesNothing(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	s.Interrupt()
	res, _ := libtest.Run(s, "x = 1")
	assert.Equal(t, kernel.StatusOK, res.Status)
}

func TestOutputCapDropsExcessWithOneNotice(t *testing.T) {
	s := kernel.NewSession(kernel.Options{MaxOutputLines: 5})
	res, outs := libtest.Run(s, "for i in range(12):\n    print(i)\ndisplay('dropped')\n'also dropped'")
	assert.Equal(t, kernel.StatusOK, res.Status)
	var text string
	var notices []string
	for _, o := range outs {
		switch {
		case o.OutputType == notebook.StreamOutput && o.Name == "stdout":
			text += o.Text
		case o.OutputType == notebook.StreamOutput && o.Name == "stderr":
			notices = append(notices, o.Text)
		default:
			t.Errorf("unexpected output %+v", o)
		}
	}
	assert.Equal(t, "0\n1\n2\n3\n4\n", text)
	require.Len(t, notices, 1)
	assert.Contains(t, notices[0], "7 more lines (16 bytes) and 2 rich outputs dropped")
	assert.Contains(t, notices[0], "5 lines")

	res, outs = libtest.Run(s, "print('fresh')")
	assert.Equal(t, kernel.StatusOK, res.Status)
	assert.Equal(t, []kernel.Output{notebook.NewStream("stdout", "fresh\n")}, outs, "the cap is per cell")
}

func TestOutputCapCountsBytes(t *testing.T) {
	s := kernel.NewSession(kernel.Options{MaxOutputBytes: 10})
	_, outs := libtest.Run(s, "print('12345')\nprint('67890')")
	require.Len(t, outs, 2)
	assert.Equal(t, "12345\n", outs[0].Text)
	assert.Contains(t, outs[1].Text, "1 more lines (6 bytes)")
}

func TestYieldHookIsCalledEveryNSteps(t *testing.T) {
	var calls atomic.Int64
	s := kernel.NewSession(kernel.Options{YieldEvery: 10_000, OnYield: func() { calls.Add(1) }})
	res, _ := libtest.Run(s, "n = 0\nfor i in range(100000):\n    n += i")
	require.Equal(t, kernel.StatusOK, res.Status)
	// The loop runs several steps per iteration, so at least 10 yields.
	assert.GreaterOrEqual(t, calls.Load(), int64(10))
	before := calls.Load()
	libtest.Run(s, "1")
	assert.Equal(t, before, calls.Load(), "a tiny cell does not reach the yield interval")
}

func TestDisplayEmitsRichBundles(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	s.Predeclare("table", richValue{})
	res, outs := libtest.Run(s, "display(1, None, table)\ntable")
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	require.Len(t, outs, 3)
	assert.Equal(t, notebook.NewDisplayData(notebook.MIMEBundle{"text/plain": "1"}), outs[0])
	assert.Equal(t, notebook.MIMEBundle{"text/html": "<table></table>", "text/plain": "<rich>"}, outs[1].Data)
	assert.Equal(t, notebook.ExecuteResultOutput, outs[2].OutputType)
	assert.Equal(t, outs[1].Data, outs[2].Data)
}

// richValue is a Displayable Starlark value without its own text/plain.
type richValue struct{}

func (richValue) String() string        { return "<rich>" }
func (richValue) Type() string          { return "rich" }
func (richValue) Freeze()               {}
func (richValue) Truth() starlark.Bool  { return true }
func (richValue) Hash() (uint32, error) { return 0, nil }
func (richValue) MIMEBundle() map[string]string {
	return map[string]string{"text/html": "<table></table>"}
}

// spawn is a builtin that runs fn on a new thread of the same cell on
// another goroutine, as the coroutine builtins will.
func spawn(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var fn starlark.Callable
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &fn); err != nil {
		return nil, err
	}
	child := kernel.NewThread(thread, "child")
	if child == nil {
		return nil, errors.New("not a cell thread")
	}
	var v starlark.Value
	var err error
	var wg sync.WaitGroup
	wg.Go(func() { v, err = starlark.Call(child, fn, nil, nil) })
	wg.Wait()
	return v, err
}

func TestNewThreadSharesPrintAndBudget(t *testing.T) {
	s := kernel.NewSession(kernel.Options{MaxSteps: 200_000})
	s.Predeclare("spawn", starlark.NewBuiltin("spawn", spawn))
	code := "def body():\n    print('from child')\n    n = 0\n    for i in range(10000):\n        n += i\n    return n\nspawn(body)"
	res, outs := libtest.Run(s, code)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, []kernel.Output{
		notebook.NewStream("stdout", "from child\n"),
		notebook.NewExecuteResult(1, notebook.MIMEBundle{"text/plain": "49995000"}),
	}, outs)

	// Each child alone stays well under the budget; together they exceed it.
	res, outs = libtest.Run(s, "[spawn(body) for _ in range(100)]")
	assert.Equal(t, kernel.StatusAborted, res.Status)
	assert.ErrorIs(t, res.Err, kernel.ErrStepBudget)
	assert.Equal(t, "StepLimitError", libtest.Last(t, outs).EName)
}

func TestInterruptStopsChildThreads(t *testing.T) {
	s := kernel.NewSession(kernel.Options{MaxSteps: 1 << 62})
	s.Predeclare("spawn", starlark.NewBuiltin("spawn", spawn))
	interruptAfterStarted(s)
	res, outs := libtest.Run(s, "def spin():\n    started()\n    while True:\n        pass\nspawn(spin)")
	assert.Equal(t, kernel.StatusAborted, res.Status)
	assert.Equal(t, "KeyboardInterrupt", libtest.Last(t, outs).EName)
}

func TestNewThreadAfterCancelStartsCancelled(t *testing.T) {
	var s *kernel.Session
	s = kernel.NewSession(kernel.Options{})
	var childErr error
	s.Predeclare("late", starlark.NewBuiltin("late", func(thread *starlark.Thread, _ *starlark.Builtin, _ starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		s.Interrupt()
		child := kernel.NewThread(thread, "late child")
		_, childErr = starlark.ExecFileOptions(&syntax.FileOptions{}, child, "late.star", "x = 1", nil)
		assert.ErrorIs(t, kernel.Stopped(thread), kernel.ErrInterrupted)
		return starlark.None, nil
	}))
	res, _ := libtest.Run(s, "late()\nwhile True:\n    pass")
	assert.Equal(t, kernel.StatusAborted, res.Status)
	require.Error(t, childErr)
	assert.Contains(t, childErr.Error(), "cancelled")
}

func TestNewThreadInheritsLocals(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	s.SetThreadLocal("session-wide", "s")
	var got []any
	s.Predeclare("probe", starlark.NewBuiltin("probe", func(thread *starlark.Thread, _ *starlark.Builtin, _ starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		kernel.SetLocal(thread, "cell", "c")
		child := kernel.NewThread(thread, "child")
		got = []any{child.Local("session-wide"), child.Local("cell")}
		return starlark.None, nil
	}))
	res, _ := libtest.Run(s, "probe()")
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, []any{"s", "c"}, got)
	assert.Nil(t, kernel.NewThread(&starlark.Thread{}, "stray"), "a thread outside any cell has no cell")
	assert.Error(t, kernel.Emit(&starlark.Thread{}, notebook.NewStream("stdout", "x")))
}

func TestRunawayRecursionAndHugeValuesAreErrorsNotCrashes(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	for _, c := range []struct{ code, ename string }{
		{"def f(n):\n    return f(n + 1)\nf(0)", "RecursionError"},
		{"x = [0] * 10000000000", "MemoryError"},
		{`y = "x" * 1000000000000`, "MemoryError"},
	} {
		res, outs := libtest.Run(s, c.code)
		require.Equal(t, kernel.StatusError, res.Status, c.code)
		assert.Equal(t, c.ename, libtest.Last(t, outs).EName, c.code)
	}
	res, _ := libtest.Run(s, "print('alive')")
	assert.Equal(t, kernel.StatusOK, res.Status)
}

// interruptAfterStarted gives s a builtin started() and interrupts the
// cell 20 ms after a cell calls it.
func interruptAfterStarted(s *kernel.Session) {
	started := make(chan struct{})
	s.Predeclare("started", starlark.NewBuiltin("started", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
		close(started)
		return starlark.None, nil
	}))
	go func() {
		<-started
		time.Sleep(20 * time.Millisecond)
		s.Interrupt()
	}()
}

func TestOutputAfterTheCellEndedGoesNowhere(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	var late []kernel.Output
	res := s.Execute("from seed import coroutine\n@coroutine\ndef sink():\n    try:\n        while True:\n            x = (yield)\n    except GeneratorExit:\n        print('closing')\nk = sink()", func(o kernel.Output) { late = append(late, o) })
	require.Equal(t, kernel.StatusOK, res.Status)
	require.Empty(t, late)
	s.Close() // closes k: its clean-up prints into no cell
	assert.Empty(t, late, "a cell's callback receives nothing after Execute returned")
}
