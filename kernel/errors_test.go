package kernel_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.starlark.net/resolve"
	"go.starlark.net/starlark"

	"pushbook/internal/libtest"
	"pushbook/kernel"
	"pushbook/pipeline"
)

// exhausted is a generator that has given its one value.
const exhausted = "def g():\n    yield 1\nit = g()\nnext(it)\n"

func TestCellErrorsShowTheirPythonClass(t *testing.T) {
	cases := []struct{ code, ename string }{
		// raised by the interpreter and Starlark's library
		{"1 / 0", "ZeroDivisionError"},
		{"1 // 0", "ZeroDivisionError"},
		{"1 % 0", "ZeroDivisionError"},
		{`{}["x"]`, "KeyError"},
		{"[][1]", "IndexError"},
		{"undefined_name", "NameError"},
		{"def f():\n    return undefined_name\nf()", "NameError"},
		{"'a'.nope", "AttributeError"},
		{`"a" + 1`, "TypeError"},
		{`len(1)`, "TypeError"},
		{`int("x")`, "ValueError"},
		{"def f(n):\n    return f(n + 1)\nf(0)", "RecursionError"},
		// raised by the kernel
		{exhausted + "next(it)", "StopIteration"},
		{"c = collect()\nh = take(1, c)\nh.send(1)\nh.send(2)", "StopIteration"},
		{"next(42)", "TypeError"},
		{"x = (yield)", "SyntaxError"},
		{"take(-1, collect())", "ValueError"},
		{"split(collect(), collect(), every=0)", "ValueError"},
		{"process(3, collect())", "TypeError"},
		{"push([0], process(lambda v: 1 // v, collect()))", "ZeroDivisionError"},
		{"table([1])", "TypeError"},
		{`table([{"a": 1}, {"a": "x"}])`, "ValueError"},
		{`table([{"a": 1}])["b"]`, "KeyError"},
		{`table([{"a": 1}])[3]`, "IndexError"},
		{`push([{"a": 1}, {"a": "x"}], table_sink())`, "ValueError"},
		{`read_text("a.txt")`, "FileNotFoundError"},
		{"sleep(-1)", "ValueError"},
		{"gather(lambda: 1, lambda: {}['k'])", "KeyError"},
		{"{table([]): 1}", "TypeError"},
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			res, outs := libtest.Run(libtest.Session(kernel.Options{}), tc.code)
			require.Equal(t, kernel.StatusError, res.Status, "cell:\n%s", tc.code)
			o := libtest.Last(t, outs)
			assert.Equal(t, tc.ename, o.EName, "cell:\n%s\nevalue: %s", tc.code, o.EValue)
			var compile resolve.ErrorList // the resolver's errors carry no class
			if !errors.As(res.Err, &compile) {
				assert.Equal(t, tc.ename, starlark.ClassOf(res.Err).Name(), "Result.Err carries the class as a Go value")
			}
		})
	}
}

func TestPipelineExceptionsWrapThePipelineError(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	res, outs := libtest.Run(s, "c = collect()\nh = take(1, c)\nh.send(1)\nh.send(2)")
	require.Equal(t, kernel.StatusError, res.Status)
	assert.ErrorIs(t, res.Err, pipeline.ErrStopped)
	assert.True(t, starlark.IsClass(res.Err, starlark.StopIteration), "%v", res.Err)
	assert.Equal(t, "StopIteration", libtest.Last(t, outs).EName)
	assert.Contains(t, libtest.Last(t, outs).EValue, "stopped")
}

func TestHostClassesAreInTheExceptionTree(t *testing.T) {
	for _, c := range []struct {
		class, base *starlark.ExceptionClass
		catchable   bool // by except Exception
	}{
		{kernel.InternalError, starlark.RuntimeError, true},
		{kernel.CancelledError, starlark.BaseException, false},
		{kernel.StepLimitError, starlark.BaseException, false},
	} {
		assert.True(t, c.class.IsSubclassOf(c.base), "%s below %s", c.class.Name(), c.base.Name())
		assert.Equal(t, c.catchable, c.class.IsSubclassOf(starlark.ExceptionBase), "%s below Exception", c.class.Name())
	}
	assert.True(t, starlark.IsClass(kernel.ErrInterrupted, starlark.KeyboardInterrupt))
}

func TestAnUnclassifiedErrorShowsAsException(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	s.Predeclare("plain", starlark.NewBuiltin("plain", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
		return nil, assert.AnError
	}))
	res, outs := libtest.Run(s, "plain()")
	require.Equal(t, kernel.StatusError, res.Status)
	assert.Equal(t, "Exception", libtest.Last(t, outs).EName)
	assert.Equal(t, assert.AnError.Error(), libtest.Last(t, outs).EValue)
}

func TestAStageParameterNamesTheTypeAsACellSeesIt(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	libtest.AssertCellErrors(t, s, []libtest.ErrorCase{{"push(range(3), 5)", "TypeError", "for parameter head: got int, want stage"}})
}
