package kernel_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.starlark.net/starlark"

	"pushbook/internal/libtest"
	"pushbook/kernel"
	"pushbook/notebook"
)

// runCheck runs code as an exercise's check in s.
func runCheck(s *kernel.Session, code string) (kernel.Result, []kernel.Output) {
	var outs []kernel.Output
	res := s.ExecuteCheck(code, func(o kernel.Output) { outs = append(outs, o) })
	return res, outs
}

// The learner's cell of the tests: a filter that keeps the odd values, where
// the exercise wants the even ones.
const inverted = `
received = []
def sink(v):
    received.append(v)
def keep(v):
    return v % 2 == 1
for v in range(20):
    if keep(v):
        sink(v)
`

// Its check: plain words, no traceback for the learner to read.
const filterCheck = `
print("checking", len(received), "values")
if len(received) != 10 or received[0] != 0:
    raise AssertionError("the sink received %d values starting at %d; expected 10 starting at 0: is the filter inverted?" % (len(received), received[0]))
`

func TestCheckRunsAgainstTheCellsGlobalsWithoutANumber(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	res, _ := libtest.Run(s, inverted)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)

	res, outs := runCheck(s, filterCheck)
	assert.Equal(t, kernel.StatusError, res.Status)
	assert.Equal(t, 0, res.ExecutionCount, "a check takes no execution number")
	assert.Equal(t, 1, s.ExecutionCount(), "and the session's count does not move")
	assert.Equal(t, "checking 10 values\n", libtest.Printed(outs), "what the check prints is an output")
	o := libtest.Last(t, outs)
	assert.Equal(t, "AssertionError", o.EName)
	msg, ok := kernel.CheckFeedback(res)
	require.True(t, ok, "an AssertionError is the check's feedback")
	assert.Equal(t, "the sink received 10 values starting at 1; expected 10 starting at 0: is the filter inverted?", msg)
	assert.Equal(t, msg, o.EValue, "the feedback is the error output's evalue")

	tb := libtest.PlainTraceback(o)
	assert.Contains(t, tb, "Exercise check, line 4", "the check's frame is labelled as the check")
	assert.NotContains(t, tb, "Cell In[", "and not as a cell")
	assert.NotContains(t, res.Err.Error(), "In [", "the result names the check, not a cell")
	assert.Contains(t, res.Err.Error(), "the exercise's check")

	// The solution, then the same check: solved, and the next cell is In [3].
	res, _ = libtest.Run(s, "received = [v for v in range(20) if v % 2 == 0]")
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	res, outs = runCheck(s, filterCheck)
	assert.Equal(t, kernel.Result{Status: kernel.StatusOK}, res)
	assert.Equal(t, []kernel.Output{notebook.NewStream("stdout", "checking 10 values\n")}, outs)
	_, ok = kernel.CheckFeedback(res)
	assert.False(t, ok, "a check that passed has no failure message")
	res, _ = libtest.Run(s, "x = 1")
	assert.Equal(t, 3, res.ExecutionCount)
}

func TestCheckResults(t *testing.T) {
	cases := []struct {
		name, check string
		status      string
		ename       string
		feedback    string // "" when CheckFeedback reports no assertion
		traceback   string // a part of the plain traceback
	}{
		{"passes", "x = 1", kernel.StatusOK, "", "", ""},
		{"final expression is not shown", "1 + 1", kernel.StatusOK, "", "", ""},
		{"assertion", `raise AssertionError("expected 10 values")`, kernel.StatusError, "AssertionError", "expected 10 values", "Exercise check, line 1"},
		{"assertion in a helper", "def want(n):\n    if n != 3:\n        raise AssertionError('got %d' % n)\nwant(2)", kernel.StatusError, "AssertionError", "got 2", "Exercise check, line 3, column 9, in want"},
		{"other errors are errors", "undefined_name + 1", kernel.StatusError, "NameError", "", "Exercise check, line 1"},
		{"runtime error", "{}['k']", kernel.StatusError, "KeyError", "", "Exercise check, line 1"},
		{"syntax error", "if", kernel.StatusError, "SyntaxError", "", "Exercise check, line 1"},
		{"step budget", "while True:\n    pass", kernel.StatusAborted, "StepLimitError", "", "the exercise's check ran more than"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := kernel.NewSession(kernel.Options{MaxSteps: 100_000})
			res, outs := runCheck(s, tc.check)
			require.Equal(t, tc.status, res.Status, "%v", res.Err)
			if tc.ename == "" {
				assert.Empty(t, outs)
				return
			}
			o := libtest.Last(t, outs)
			assert.Equal(t, tc.ename, o.EName)
			msg, ok := kernel.CheckFeedback(res)
			assert.Equal(t, tc.feedback != "", ok)
			assert.Equal(t, tc.feedback, msg)
			assert.Contains(t, libtest.PlainTraceback(o), tc.traceback)
		})
	}
}

func TestCheckCallingTheLearnersFunctionShowsBothFrames(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	libtest.Stdout(t, s, "def double(x):\n    return x * {}['factor']", kernel.StatusOK)
	res, outs := runCheck(s, "double(2)")
	require.Equal(t, kernel.StatusError, res.Status)
	tb := libtest.PlainTraceback(libtest.Last(t, outs))
	assert.Contains(t, tb, "Exercise check, line 1")
	assert.Contains(t, tb, "Cell In[1], line 2", "the learner's line is shown as theirs")
}

func TestCheckCanBeStopped(t *testing.T) {
	s := kernel.NewSession(kernel.Options{MaxSteps: 1 << 62})
	interruptAfterStarted(s)
	begin := time.Now()
	res, outs := runCheck(s, "started()\nwhile True:\n    pass")
	assert.Less(t, time.Since(begin), 5*time.Second)
	assert.Equal(t, kernel.StatusAborted, res.Status)
	assert.ErrorIs(t, res.Err, kernel.ErrInterrupted)
	assert.Equal(t, "KeyboardInterrupt", libtest.Last(t, outs).EName)
	res, _ = libtest.Run(s, "1")
	assert.Equal(t, kernel.StatusOK, res.Status, "the session lives on")
}

func TestCheckMayNotCatchItsOwnStop(t *testing.T) {
	var s *kernel.Session
	s = kernel.NewSession(kernel.Options{YieldEvery: 1000, OnYield: func() {
		s.Cancel(starlark.Errorf(starlark.TimeoutError, "check ran too long"))
	}})
	res, outs := runCheck(s, "try:\n    while True:\n        pass\nexcept:\n    print('caught')")
	assert.Equal(t, kernel.StatusAborted, res.Status)
	assert.Empty(t, libtest.Printed(outs))
	assert.Equal(t, "TimeoutError", libtest.Last(t, outs).EName)
}

func TestCheckOutputIsCapped(t *testing.T) {
	s := kernel.NewSession(kernel.Options{MaxOutputLines: 3})
	res, outs := runCheck(s, "for i in range(10):\n    print(i)")
	require.Equal(t, kernel.StatusOK, res.Status)
	assert.Equal(t, "0\n1\n2\n", libtest.Printed(outs[:len(outs)-1]))
	assert.Contains(t, libtest.Last(t, outs).Text, "output truncated")
}
