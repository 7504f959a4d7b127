package kernel

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"go.starlark.net/resolve"
	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"pushbook/notebook"
)

// Host exception classes: the kernel's own kinds of failure, which Python
// has no class for. Like Python's, they are classes in go.starlark.net's
// tree (starlark.NewExceptionClass), so an error output's ename and an
// except clause both read the class from the error's Go value.
var (
	// InternalError is a Go panic inside a builtin: a bug in the kernel,
	// not in the cell. except RuntimeError catches it.
	InternalError = starlark.NewExceptionClass("InternalError", starlark.RuntimeError)
	// StepLimitError ends a cell that ran out of its step budget. It is
	// shown, but never caught: the cell is cancelled, and cancellation
	// runs no handler.
	StepLimitError = starlark.NewExceptionClass("StepLimitError", starlark.BaseException)
	// CancelledError is asyncio's: what the other tasks of a gather get
	// when one of them fails. Like Python's since 3.8, it is no Exception.
	CancelledError = starlark.NewExceptionClass("CancelledError", starlark.BaseException)
)

// hostClasses are the host classes a cell can name in an except clause.
var hostClasses = []*starlark.ExceptionClass{InternalError, CancelledError}

// messageError is an error with a message of its own that wraps err, for an
// exception that says what happened in a caller's words (a stage that
// stopped) but keeps the cause for errors.Is, errors.As and the traceback.
type messageError struct {
	msg string
	err error
}

func (e *messageError) Error() string { return e.msg }
func (e *messageError) Unwrap() error { return e.err }

// wrapAs returns an exception of class c whose message is formatted as by
// fmt.Sprintf and which wraps err.
func wrapAs(c *starlark.ExceptionClass, err error, format string, args ...any) *starlark.Exception {
	return starlark.Wrap(c, &messageError{msg: fmt.Sprintf(format, args...), err: err})
}

// describe returns an error that raises exc but reads as formatted by
// fmt.Sprintf, as go.starlark.net's `key "k" not in dict` raises
// KeyError("k"): Python's arguments for a handler, a learner's words for
// the error output.
func Describe(exc *starlark.Exception, format string, args ...any) error {
	return &messageError{msg: fmt.Sprintf(format, args...), err: exc}
}

// panicError describes a Go panic recovered in what.
func PanicError(what string, r any) *starlark.Exception {
	return starlark.Errorf(InternalError, "Go panic in %s: %v", what, r)
}

// recoverBuiltin wraps a Go builtin so that a panic inside it becomes an
// InternalError returned to Starlark; other values are returned unchanged.
func recoverBuiltin(v starlark.Value) starlark.Value {
	b, ok := v.(*starlark.Builtin)
	if !ok || b.Receiver() != nil {
		return v
	}
	if w, ok := wrappers.Load(b); ok {
		return w.(*starlark.Builtin)
	}
	w := sameDoc(b, starlark.NewBuiltin(b.Name(), func(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (res starlark.Value, err error) {
		defer func() {
			if r := recover(); r != nil {
				res, err = nil, PanicError(b.Name(), r)
			}
		}()
		return b.CallInternal(thread, args, kwargs)
	}))
	actual, _ := wrappers.LoadOrStore(b, w)
	return actual.(*starlark.Builtin)
}

// wrappers are recoverBuiltin's, by the builtin they wrap: made once for
// all sessions, so that a builtin keeps one wrapper and its doc.
var wrappers sync.Map // *starlark.Builtin -> *starlark.Builtin

// ANSI colours as IPython's default traceback scheme uses them.
const (
	ansiRed    = "\x1b[0;31m"
	ansiGreen  = "\x1b[0;32m"
	ansiCyan   = "\x1b[0;36m"
	ansiBold   = "\x1b[1;31m"
	ansiReset  = "\x1b[0m"
	ruleLength = 75
)

// errorOutput maps err, the failure of cell n, to an error output with a
// Python-like ename, the evalue, and an IPython-style traceback.
func (s *Session) errorOutput(n int, err error) Output {
	var syn syntax.Error
	var res resolve.ErrorList
	var eval *starlark.EvalError
	switch {
	case errors.As(err, &syn):
		return s.compileErrorOutput("SyntaxError", syn.Pos, syn.Msg)
	case errors.As(err, &res):
		name := "SyntaxError"
		msg := res[0].Msg
		if undefined, ok := strings.CutPrefix(msg, "undefined: "); ok {
			name, msg = "NameError", fmt.Sprintf("name '%s' is not defined", undefined)
		}
		return s.compileErrorOutput(name, res[0].Pos, msg)
	case errors.As(err, &eval):
		name, msg := exceptionName(err)
		tb := []string{header(name)}
		tb = append(tb, s.frames(err)...)
		return notebook.NewError(name, msg, append(tb, footer(name, msg)))
	}
	name, msg := exceptionName(err)
	return notebook.NewError(name, msg, []string{header(name), footer(name, msg)})
}

func header(name string) string {
	rule := strings.Repeat("-", ruleLength)
	pad := max(1, ruleLength-len(name)-len("Traceback (most recent call last)"))
	return ansiRed + rule + ansiReset + "\n" + ansiRed + name + ansiReset +
		strings.Repeat(" ", pad) + "Traceback (most recent call last)"
}

func footer(name, msg string) string {
	if msg == "" {
		return ansiRed + name + ansiReset
	}
	return ansiRed + name + ansiReset + ": " + msg
}

// compileErrorOutput shows a syntax or resolve error: the source line and
// a caret under the column, as Python does.
func (s *Session) compileErrorOutput(name string, pos syntax.Position, msg string) Output {
	tb := []string{ansiCyan + fmt.Sprintf("  %s, line %d, column %d", cellLabel(pos.Filename()), pos.Line, max(int(pos.Col), 1)) + ansiReset}
	if line, ok := s.sourceLine(pos.Filename(), int(pos.Line)); ok {
		col := max(int(pos.Col), 1)
		indent := len(line) - len(strings.TrimLeft(line, " \t"))
		tb = append(tb, "    "+line[indent:],
			"    "+strings.Repeat(" ", max(col-1-indent, 0))+ansiBold+"^"+ansiReset)
	}
	return notebook.NewError(name, msg, append(tb, footer(name, msg)))
}

// frames renders the call stacks of the Starlark errors in err's chain,
// outermost first. A stack that an inner error's stack extends (same
// thread) is not repeated.
func (s *Session) frames(err error) []string {
	var stacks []starlark.CallStack
	var walk func(e error)
	walk = func(e error) {
		for ; e != nil; e = errors.Unwrap(e) {
			if ev, ok := e.(*starlark.EvalError); ok {
				if k := len(stacks); k > 0 && extends(ev.CallStack, stacks[k-1]) {
					stacks[k-1] = ev.CallStack
				} else {
					stacks = append(stacks, ev.CallStack)
				}
			}
			if joined, ok := e.(interface{ Unwrap() []error }); ok {
				for _, inner := range joined.Unwrap() {
					walk(inner)
				}
				return
			}
		}
	}
	walk(err)
	var out []string
	for _, st := range stacks {
		for _, fr := range st {
			if f := fr.Pos.Filename(); f == "" || f == "<builtin>" {
				continue // a Go builtin: Python shows none either
			}
			out = append(out, s.frame(fr))
		}
	}
	return elideRepeats(out)
}

// elideRepeats shortens runs of the same frame, as Python does for deep
// recursion: a frame shown three times in a row stands for the rest of its
// run, followed by "[Previous line repeated N more times]".
func elideRepeats(frames []string) []string {
	const shown = 3
	var out []string
	for i := 0; i < len(frames); {
		j := i
		for j < len(frames) && frames[j] == frames[i] {
			j++
		}
		out = append(out, frames[i:min(j, i+shown)]...)
		if n := j - i - shown; n > 0 {
			out = append(out, fmt.Sprintf("[Previous line repeated %d more times]\n", n))
		}
		i = j
	}
	return out
}

func extends(inner, outer starlark.CallStack) bool {
	if len(outer) == 0 || len(inner) < len(outer) {
		return false
	}
	n := len(outer) - 1 // the last frame's position moves as the error goes deeper
	return slices.Equal(inner[:n], outer[:n]) && inner[n].Name == outer[n].Name
}

// frame renders one call frame: where it is, and for cell code the lines
// around it with an arrow, as IPython does.
func (s *Session) frame(fr starlark.CallFrame) string {
	file := fr.Pos.Filename()
	if !strings.HasPrefix(file, "<cell ") && !strings.HasPrefix(file, "<check ") {
		return fmt.Sprintf("%sFile %s%s, in %s%s%s", ansiGreen, file, ansiReset, ansiCyan, fr.Name, ansiReset)
	}
	where := fmt.Sprintf("%s%s, line %d, column %d%s", ansiGreen, cellLabel(file), fr.Pos.Line, fr.Pos.Col, ansiReset)
	if fr.Name != "<toplevel>" {
		where += fmt.Sprintf(", in %s%s%s", ansiCyan, fr.Name, ansiReset)
	}
	lines := []string{where}
	line := int(fr.Pos.Line)
	for l := line - 2; l <= line+1; l++ {
		text, ok := s.sourceLine(file, l)
		if !ok {
			continue
		}
		if l == line {
			lines = append(lines, fmt.Sprintf("%s----> %d%s %s", ansiGreen, l, ansiReset, text))
		} else {
			lines = append(lines, fmt.Sprintf("%6d %s", l, text))
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

// cellLabel turns "<cell 3>" into "Cell In[3]", and an exercise check's
// "<check 2>" into "Exercise check".
func cellLabel(file string) string {
	if strings.HasPrefix(file, "<check ") {
		return "Exercise check"
	}
	n := strings.TrimSuffix(strings.TrimPrefix(file, "<cell "), ">")
	return "Cell In[" + n + "]"
}

func (s *Session) sourceLine(file string, line int) (string, bool) {
	src, ok := s.sources[file]
	if !ok || line < 1 {
		return "", false
	}
	lines := strings.Split(src, "\n")
	if line > len(lines) {
		return "", false
	}
	return strings.TrimRight(lines[line-1], "\r"), true
}

// exceptionName chooses the ename and evalue for err: the class of the
// exception it raises (the first *starlark.Exception in its chain) and the
// text the chain reads as, context and all (a stage's name and event
// number: `map "f": event 3: bad`), without the class name that the
// exception's own text starts with. An error that carries no class shows
// as Python's base class, Exception, with its whole text.
func exceptionName(err error) (name, msg string) {
	var exc *starlark.Exception
	if !errors.As(err, &exc) {
		return starlark.ExceptionBase.Name(), err.Error()
	}
	return exc.Class.Name(), withContext(err, exc)
}

// withContext returns the text of err, whose chain holds exc. Wrappers
// such as fmt.Errorf("%s: %w") put context in front of what they wrap; the
// deepest error down to exc whose text still ends err's is the one that
// says what happened. When that is exc itself, its message stands in for
// its text ("ValueError: bad" reads "bad"); an error that describes exc in
// other words (go.starlark.net's `key "k" not in dict` for KeyError("k"))
// reads as it says. Context is what ends in ": " in front of that.
func withContext(err error, exc *starlark.Exception) string {
	full := err.Error()
	core, text := full, full
	for e := err; e != nil; e = towards(e, exc) {
		t := e.Error()
		if !strings.HasSuffix(full, t) {
			break
		}
		core, text = t, t
		if e == error(exc) {
			text = exc.Message()
			break
		}
	}
	context := full[:len(full)-len(core)]
	if !strings.HasSuffix(context, ": ") {
		return text
	}
	if text == "" {
		return strings.TrimSuffix(context, ": ")
	}
	return context + text
}

// towards returns the error that e wraps on the way to exc: the one it
// wraps, or of several (errors.Join) the one whose chain holds exc.
func towards(e error, exc *starlark.Exception) error {
	switch e := e.(type) {
	case interface{ Unwrap() error }:
		return e.Unwrap()
	case interface{ Unwrap() []error }:
		for _, inner := range e.Unwrap() {
			if errors.Is(inner, exc) {
				return inner
			}
		}
	}
	return nil
}

// stoppedBy is the error of a cell that a failure stopped (see failure):
// it raises the failure, and its chain holds both the cell's stack (where
// the cell stopped) and the failure's, in that order, for the traceback.
type stoppedBy struct{ stack, failure error }

func (e *stoppedBy) Error() string   { return e.failure.Error() }
func (e *stoppedBy) Unwrap() []error { return []error{e.stack, e.failure} }

// As finds target in the failure first, so that the cell's error raises
// the failure's exception, not whatever stopped the cell's own thread.
func (e *stoppedBy) As(target any) bool { return errors.As(e.failure, target) }
