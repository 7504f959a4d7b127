package kernel

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"go.starlark.net/resolve"
	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"pushbook/notebook"
)

// Error is an error with a Python-style exception name, such as
// "StopIteration" or "ValueError". Builtins return one (see Errorf) to choose
// the ename of the cell's error output; the name is honoured however deeply
// Starlark or fmt.Errorf("%w") wraps the error.
type Error struct {
	Name string // exception name shown as the error output's ename
	Msg  string // message shown as the evalue
	err  error  // wrapped error, if the format had %w
}

// Errorf returns an *Error named name whose message is formatted as by
// fmt.Errorf, including %w wrapping.
func Errorf(name, format string, args ...any) *Error {
	err := fmt.Errorf(format, args...)
	return &Error{Name: name, Msg: err.Error(), err: errors.Unwrap(err)}
}

// Error returns "Name: Msg", the way Python prints an exception.
func (e *Error) Error() string {
	if e.Msg == "" {
		return e.Name
	}
	return e.Name + ": " + e.Msg
}

// Unwrap returns the error wrapped with %w, if any.
func (e *Error) Unwrap() error { return e.err }

// panicError describes a Go panic recovered in what.
func panicError(what string, r any) *Error {
	return Errorf("InternalError", "Go panic in %s: %v", what, r)
}

// recoverBuiltin wraps a Go builtin so that a panic inside it becomes an
// InternalError returned to Starlark; other values are returned unchanged.
func recoverBuiltin(v starlark.Value) starlark.Value {
	b, ok := v.(*starlark.Builtin)
	if !ok || b.Receiver() != nil {
		return v
	}
	return starlark.NewBuiltin(b.Name(), func(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (res starlark.Value, err error) {
		defer func() {
			if r := recover(); r != nil {
				res, err = nil, panicError(b.Name(), r)
			}
		}()
		return b.CallInternal(thread, args, kwargs)
	})
}

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
	tb := []string{ansiCyan + fmt.Sprintf("  Cell %s, line %d, column %d", cellLabel(pos.Filename()), pos.Line, max(int(pos.Col), 1)) + ansiReset}
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
			if fr.Pos.Filename() == "" {
				continue // a Go builtin: Python shows none either
			}
			out = append(out, s.frame(fr))
		}
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
	if !strings.HasPrefix(file, "<cell ") {
		return fmt.Sprintf("%sFile %s%s, in %s%s%s", ansiGreen, file, ansiReset, ansiCyan, fr.Name, ansiReset)
	}
	where := fmt.Sprintf("%sCell %s, line %d, column %d%s", ansiGreen, cellLabel(file), fr.Pos.Line, fr.Pos.Col, ansiReset)
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

// cellLabel turns "<cell 3>" into "In[3]".
func cellLabel(file string) string {
	n := strings.TrimSuffix(strings.TrimPrefix(file, "<cell "), ">")
	return "In[" + n + "]"
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

// pythonName splits a message that starts with a Python-style exception
// name, as in "StopIteration: generator exhausted": a capitalised word of
// letters ending in Error, Exception, Iteration, Exit, Interrupt or
// Warning, alone or followed by a colon.
func pythonName(msg string) (name, rest string, ok bool) {
	name, rest, colon := strings.Cut(msg, ":")
	if colon {
		rest = strings.TrimLeft(rest, " \t\n")
	}
	if name == "" || name[0] < 'A' || name[0] > 'Z' {
		return "", "", false
	}
	for _, c := range []byte(name) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return "", "", false
		}
	}
	for _, suffix := range []string{"Error", "Exception", "Iteration", "Exit", "Interrupt", "Warning"} {
		if strings.HasSuffix(name, suffix) && len(name) > len(suffix) {
			return name, rest, true
		}
	}
	return "", "", false
}

// messageNames maps fragments of go.starlark.net's error messages to the
// Python exception a learner would expect.
var messageNames = []struct{ fragment, name string }{
	{"division by zero", "ZeroDivisionError"},
	{"modulo by zero", "ZeroDivisionError"},
	{"out of range", "IndexError"},
	{"not in dict", "KeyError"},
	{"referenced before assignment", "UnboundLocalError"},
	{"stack overflow", "RecursionError"},
	{"too large", "MemoryError"},
	{"undefined", "NameError"},
	{"has no .", "AttributeError"},
	{"no such field", "AttributeError"},
	{"unsupported", "TypeError"},
	{"unknown binary op", "TypeError"},
	{"not callable", "TypeError"},
	{"not implemented", "TypeError"},
	{"not found in module", "ImportError"},
	{"not iterable", "TypeError"},
	{"argument", "TypeError"},
	{"got ", "TypeError"},
	{"invalid", "ValueError"},
	{"cancelled", "KeyboardInterrupt"},
}

// withContext returns text with whatever wrappers put in front of core in
// full (a stage's name and event number, say): full is
// "filter "f": event 3: ValueError: bad", core "ValueError: bad", text "bad"
// -> "filter "f": event 3: bad".
func withContext(full, core, text string) string {
	if i := strings.LastIndex(full, core); i > 0 && strings.HasSuffix(full[:i], ": ") {
		return full[:i] + text // "context: " as fmt.Errorf("%s: %w") wraps
	}
	return text
}

// exceptionName chooses the ename and evalue for err: the name of an *Error
// in its chain; else a "Name: message" prefix; else a name guessed from
// Starlark's message (not for fail(), whose message is the user's);
// else "Error".
func exceptionName(err error) (name, msg string) {
	msg = err.Error()
	var named *Error
	if errors.As(err, &named) {
		return named.Name, withContext(msg, named.Error(), named.Msg)
	}
	// fail("Name: message") names the error wherever it is in the chain,
	// also when a stage put its name and event in front of it.
	for e := err; e != nil; e = errors.Unwrap(e) {
		if failed, ok := strings.CutPrefix(e.Error(), "fail: "); ok {
			if name, rest, ok := pythonName(failed); ok {
				return name, withContext(msg, e.Error(), rest)
			}
			return "Error", withContext(msg, e.Error(), failed)
		}
	}
	if name, rest, ok := pythonName(msg); ok {
		return name, rest
	}
	// Guess from the innermost message: what wrappers add in front (stage
	// names, key paths) would mislead the guess.
	inner := err
	for e := errors.Unwrap(err); e != nil; e = errors.Unwrap(e) {
		inner = e
	}
	for _, mn := range messageNames {
		if strings.Contains(inner.Error(), mn.fragment) {
			return mn.name, msg
		}
	}
	return "Error", msg
}
