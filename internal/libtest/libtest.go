// Package libtest is for tests only: sessions whose cells see the library's
// names without importing them, and the cell-running helpers that the
// kernel's tests and the tests of the lib/ modules share.
//
// Users' cells import what they use (import stages; from plots import
// graph). The tests here were written when the library's names were
// builtins, and Session keeps them so: it predeclares the members of the Go
// modules, so that a test cell may say push, table, graph, gather or
// partial as before. That is a testing convenience, not how a notebook
// sees the library.
package libtest

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.starlark.net/starlark"

	"pushbook/kernel"
	"pushbook/lib"
	"pushbook/lib/asyncio"
	"pushbook/lib/files"
	"pushbook/lib/functools"
	"pushbook/lib/plots"
	"pushbook/lib/stages"
	"pushbook/lib/tables"
	"pushbook/lib/time"
)

// Flat are the Go modules whose members Session predeclares. random is not
// among them (its module-level random() would be one more builtin named
// like a module): a test that wants Random predeclares it with Predeclare.
var Flat = []kernel.Module{stages.Module, tables.Module, plots.Module, files.Module, asyncio.Module, functools.Module, time.Module}

// Session returns a session made with opts whose cells see every member of
// the Flat modules as a predeclared name (push, table, graph, gather,
// partial, perf_counter, ...). opts.Modules is lib.Modules() when nil, so
// that the session's loader knows every module (see Import).
func Session(opts kernel.Options) *kernel.Session {
	if opts.Modules == nil {
		opts.Modules = lib.Modules()
	}
	s := kernel.NewSession(opts)
	for _, m := range Flat {
		Predeclare(s, m)
	}
	return s
}

// Predeclare predeclares in s the members of the Go module m named by names,
// or all of them when names is empty. It loads m with a nil thread, which
// Go modules ignore; a Python module (kernel.PythonModule) needs a cell's
// thread: see Import.
func Predeclare(s *kernel.Session, m kernel.Module, names ...string) {
	members, err := m.Load(nil)
	if err != nil {
		panic(fmt.Sprintf("libtest: loading %s: %v", m.Name, err))
	}
	if len(names) == 0 {
		names = members.Keys()
	}
	for _, name := range names {
		v, ok := members[name]
		if !ok {
			panic(fmt.Sprintf("libtest: module %s has no member %s", m.Name, name))
		}
		s.Predeclare(name, v)
	}
}

// PredeclareModule predeclares in s the Go module m as one value named
// m.Name whose attributes are its members, so that cells say
// random.seed(1) or random.Random(42) as they will after "import random".
// Unlike an import, it does not guard m's builtins against panics.
func PredeclareModule(s *kernel.Session, m kernel.Module) {
	members, err := m.Load(nil)
	if err != nil {
		panic(fmt.Sprintf("libtest: loading %s: %v", m.Name, err))
	}
	s.Predeclare(m.Name, kernel.ModuleValue(m.Name, m.Doc, members))
}

// Load returns the members of the module name as an import statement
// loads them: through the session's module loader (starlark.Thread.Load of
// a cell's thread), wrapped and kept by the session, which a Python module
// such as seed needs. It runs one cell to do so, so the session's
// execution count goes up by one.
func Load(t testing.TB, s *kernel.Session, name string) starlark.StringDict {
	t.Helper()
	var members starlark.StringDict
	s.Predeclare(loadBuiltin, starlark.NewBuiltin(loadBuiltin, func(thread *starlark.Thread, _ *starlark.Builtin, _ starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		var err error
		members, err = thread.Load(thread, name)
		return starlark.None, err
	}))
	res, outs := Run(s, loadBuiltin+"()")
	require.Equal(t, kernel.StatusOK, res.Status, "loading %s: %v %+v", name, res.Err, outs)
	return members
}

// loadBuiltin is the builtin by which Load's cell loads a module.
const loadBuiltin = "_libtest_load"

// Import predeclares in s the members of the module name that do not
// start with "_", as Load loads them: it stands in for "from name import
// *" until cells have import statements (unlike that, it also brings the
// names a module keeps from *, such as stages.filter).
func Import(t testing.TB, s *kernel.Session, name string) {
	t.Helper()
	for k, v := range Load(t, s, name) {
		if !strings.HasPrefix(k, "_") {
			s.Predeclare(k, v)
		}
	}
}

// Run executes code in s and returns the result and the outputs emitted.
func Run(s *kernel.Session, code string) (kernel.Result, []kernel.Output) {
	var outs []kernel.Output
	res := s.Execute(code, func(o kernel.Output) { outs = append(outs, o) })
	return res, outs
}

// Stdout runs code in s and returns what it printed and all its outputs,
// failing the test unless the cell ended with status want.
func Stdout(t testing.TB, s *kernel.Session, code, want string) (string, []kernel.Output) {
	t.Helper()
	res, outs := Run(s, code)
	require.Equal(t, want, res.Status, "cell:\n%s\noutputs: %+v", code, outs)
	return Printed(outs), outs
}

// Printed joins a cell's stream outputs.
func Printed(outs []kernel.Output) string {
	var b strings.Builder
	for _, o := range outs {
		if o.OutputType == "stream" {
			b.WriteString(o.Text)
		}
	}
	return b.String()
}

// Last is a cell's last output, failing the test when it has none.
func Last(t testing.TB, outs []kernel.Output) kernel.Output {
	t.Helper()
	require.NotEmpty(t, outs)
	return outs[len(outs)-1]
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// PlainTraceback joins an error output's traceback without colours.
func PlainTraceback(o kernel.Output) string {
	return ansi.ReplaceAllString(strings.Join(o.Traceback, "\n"), "")
}

// ErrorCase is a cell that must fail, {code, ename, part of evalue}: its
// code, its error output's ename and a part of its evalue. It is an array,
// not a struct, so that tables of cases may stay unkeyed ({"1 // 0",
// "ZeroDivisionError", "by zero"}) in other packages without go vet's
// complaint.
type ErrorCase [3]string

// AssertCellErrors runs each case in s and checks its error output.
func AssertCellErrors(t testing.TB, s *kernel.Session, cases []ErrorCase) {
	t.Helper()
	for _, c := range cases {
		code, ename, evalue := c[0], c[1], c[2]
		_, outs := Stdout(t, s, code, kernel.StatusError)
		o := Last(t, outs)
		assert.Equal(t, ename, o.EName, "cell %q: %s", code, o.EValue)
		assert.Contains(t, o.EValue, evalue, "cell %q", code)
	}
}

// AssertCellErrorsApart runs each case as a subtest named by its code, in
// a session of its own from newSession, and checks its error output, so
// that no case sees what another defined.
func AssertCellErrorsApart(t *testing.T, newSession func() *kernel.Session, cases []ErrorCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc[0], func(t *testing.T) {
			AssertCellErrors(t, newSession(), []ErrorCase{tc})
		})
	}
}

// ReadFiles is an Options.ReadFile that serves files, by name.
func ReadFiles(files map[string]string) func(name string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		data, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("no file %q", name)
		}
		return []byte(data), nil
	}
}
