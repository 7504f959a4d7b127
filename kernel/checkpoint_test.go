package kernel_test

// Go loops that run for a cell (pictures, tables, data files, sleep) reach
// kernel.Checkpoint, so the step budget, Stop (Interrupt, delivered in the
// browser from the yield hook) and --timeout (Cancel) end them; absurd
// sizes are refused up front with a named error.

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.starlark.net/starlark"

	"pushbook/internal/libtest"
	"pushbook/kernel"
)

// longLoopRecords is how many events, rows or file records the long cells
// below go through: enough that running them to the end would take far
// longer than a stopped cell may.
const longLoopRecords = 100_000

// stopWithin is how soon a stopped Go loop must end (generous for -race).
const stopWithin = 3 * time.Second

// longLoopCells are cells whose time goes into one Go loop of a builtin.
// They run in a session made by longLoopSession.
var longLoopCells = []struct{ name, code string }{
	{"hist reading values", `hist(range(10000000))`},
	{"plot reading points", `plot(range(10000000))`},
	{"scatter reading points", `scatter(range(10000000), range(10000000))`},
	{"table building events", `table(events)`},
	{"array building rows", `array(rows, [("i", int), ("f", float)])`},
	{"read_events decoding JSON Lines", `read_events("big.jsonl")`},
	{"read_events decoding CSV", `read_events("big.csv")`},
	{"read_table flattening records", `read_table("big.jsonl")`},
}

// longLoopSession is a session with opts whose cells see events (a list of
// dicts), rows (a list of tuples) and the files big.jsonl and big.csv, all
// longLoopRecords long and made in Go, so that making them costs no steps.
func longLoopSession(opts kernel.Options) *kernel.Session {
	var jsonl, csv strings.Builder
	csv.WriteString("i,f\n")
	events := make([]starlark.Value, longLoopRecords)
	rows := make([]starlark.Value, longLoopRecords)
	for i := range longLoopRecords {
		fmt.Fprintf(&jsonl, "{\"i\": %d, \"hit\": {\"f\": %d.5}}\n", i, i)
		fmt.Fprintf(&csv, "%d,%d.5\n", i, i)
		inner := starlark.NewDict(1)
		_ = inner.SetKey(starlark.String("f"), starlark.Float(float64(i)+0.5))
		ev := starlark.NewDict(2)
		_ = ev.SetKey(starlark.String("i"), starlark.MakeInt(i))
		_ = ev.SetKey(starlark.String("hit"), inner)
		events[i] = ev
		rows[i] = starlark.Tuple{starlark.MakeInt(i), starlark.Float(float64(i) + 0.5)}
	}
	opts.ReadFile = libtest.ReadFiles(map[string]string{"big.jsonl": jsonl.String(), "big.csv": csv.String()})
	s := libtest.Session(opts)
	s.Predeclare("events", starlark.NewList(events))
	s.Predeclare("rows", starlark.NewList(rows))
	return s
}

// assertStoppedThenNextCellRuns runs code in s and checks that it ended
// soon, aborted with ename, and that s then runs a cell normally.
func assertStoppedThenNextCellRuns(t *testing.T, s *kernel.Session, code, ename string) {
	t.Helper()
	begin := time.Now()
	res, outs := libtest.Run(s, code)
	took := time.Since(begin)
	assert.Less(t, took, stopWithin, "cell %q took %s; stopped, it should end sooner", code, took)
	assert.Equal(t, kernel.StatusAborted, res.Status, "cell %q: %v", code, res.Err)
	assert.Equal(t, ename, libtest.Last(t, outs).EName, "cell %q: %s", code, libtest.Last(t, outs).EValue)
	res, outs = libtest.Run(s, "1 + 1")
	require.Equal(t, kernel.StatusOK, res.Status, "the cell after %q: %v", code, res.Err)
	assert.Equal(t, "2", libtest.Last(t, outs).Data["text/plain"], "the cell after %q", code)
}

func TestLongGoLoopsStopAtTheStepBudget(t *testing.T) {
	s := longLoopSession(kernel.Options{MaxSteps: 5_000})
	for _, c := range longLoopCells {
		t.Run(c.name, func(t *testing.T) {
			assertStoppedThenNextCellRuns(t, s, c.code, "StepLimitError")
		})
	}
}

// TestLongGoLoopsStopOnInterruptFromTheYieldHook interrupts each cell from
// the yield hook, as the browser's Stop button does: the hook is reached
// only if the Go loop reaches the checkpoint.
func TestLongGoLoopsStopOnInterruptFromTheYieldHook(t *testing.T) {
	var armed atomic.Bool
	var s *kernel.Session
	s = longLoopSession(kernel.Options{YieldEvery: 5_000, OnYield: func() {
		if armed.Load() {
			s.Interrupt()
		}
	}})
	s.Predeclare("started", starlark.NewBuiltin("started", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
		armed.Store(true)
		return starlark.None, nil
	}))
	libtest.Stdout(t, s, "t = table(events)", kernel.StatusOK)
	cells := append(longLoopCells, struct{ name, code string }{"table rows", `t.rows()`})
	for _, c := range cells {
		t.Run(c.name, func(t *testing.T) {
			armed.Store(false)
			assertStoppedThenNextCellRuns(t, s, "started()\n"+c.code, "KeyboardInterrupt")
		})
	}
}

func TestSleepWakesWhenTheCellIsStopped(t *testing.T) {
	sleepers := []struct{ name, code string }{
		{"sleep", `sleep(60)`},
		{"sleep in a gather task", `gather(lambda: sleep(60), lambda: sleep(60))`},
		{"sleep in try in a generator body", `
def body():
    try:
        sleep(60)
    except:
        print("caught")
    yield 1
list(body())`},
	}
	stoppers := []struct {
		name, ename string
		stop        func(s *kernel.Session)
	}{
		{"Interrupt", "KeyboardInterrupt", (*kernel.Session).Interrupt},
		{"Cancel as --timeout does", "TimeoutError", func(s *kernel.Session) {
			s.Cancel(starlark.Errorf(starlark.TimeoutError, "cell ran longer than --timeout 1s"))
		}},
	}
	for _, c := range sleepers {
		for _, st := range stoppers {
			t.Run(c.name+" by "+st.name, func(t *testing.T) {
				s := libtest.Session(kernel.Options{})
				started := make(chan struct{})
				s.Predeclare("started", starlark.NewBuiltin("started", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
					close(started)
					return starlark.None, nil
				}))
				done := make(chan struct{})
				go func() {
					defer close(done)
					<-started
					time.Sleep(20 * time.Millisecond)
					st.stop(s)
				}()
				code := "started()\n" + strings.TrimPrefix(c.code, "\n")
				begin := time.Now()
				res, outs := libtest.Run(s, code)
				<-done
				assert.Less(t, time.Since(begin), stopWithin, "cell %q", code)
				assert.Equal(t, kernel.StatusAborted, res.Status, "cell %q: %v", code, res.Err)
				assert.Equal(t, st.ename, libtest.Last(t, outs).EName, "cell %q: %s", code, libtest.Last(t, outs).EValue)
				for _, o := range outs {
					assert.NotContains(t, o.Text, "caught", "cell %q: no except clause catches a stop", code)
				}
				res, _ = libtest.Run(s, "1 + 1")
				assert.Equal(t, kernel.StatusOK, res.Status, "the cell after %q: %v", code, res.Err)
			})
		}
	}
}

func TestAbsurdSizesAreRefusedWithNamedErrors(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	libtest.AssertCellErrors(t, s, []libtest.ErrorCase{
		{`hist([1, 2, 3], bins=10000000)`, "ValueError", "hist: bins=10000000 is too many (at most 100000)"},
		{`format(1.5, ">100000000f")`, "ValueError", "format width 100000000 too large (at most 1000000)"},
		{`"{:.100000000f}".format(1.5)`, "ValueError", "format precision 100000000 too large (at most 1000000)"},
		{`"%*d" % (100000000, 1)`, "ValueError", "format width 100000000 too large (at most 1000000)"},
	})
	libtest.Stdout(t, s, `hist([1, 2, 3], bins=100000)`, kernel.StatusOK)
	libtest.Stdout(t, s, `len(format(1.5, ">1000000f"))`, kernel.StatusOK)
}

// sorted() of many values counts its comparisons as steps, so the step
// budget stops a long sort and the next cell runs.
func TestALongSortStopsAtTheStepBudget(t *testing.T) {
	s := libtest.Session(kernel.Options{MaxSteps: 200_000})
	_, outs := libtest.Stdout(t, s, "x = sorted(range(1000000), reverse=True)", kernel.StatusAborted)
	assert.Equal(t, "StepLimitError", outs[len(outs)-1].EName)
	got, _ := libtest.Stdout(t, s, "print('next')", kernel.StatusOK)
	assert.Equal(t, "next\n", got)
}
