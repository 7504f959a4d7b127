package kernel

import (
	"strings"
	"sync"

	"go.starlark.net/starlark"
)

// docs holds the one-line help of Go builtins made by NewBuiltin, and of
// the wrappers the session puts around them.
var docs sync.Map // *starlark.Builtin -> string

// NewBuiltin returns a Go builtin like starlark.NewBuiltin, with doc as its
// help: the one line that help(f) prints and the editor's completion shows.
// Write it as Python's docs open a function: the call's shape, then what it
// does ("push(source, head, block=1): sends every value of source into head").
func NewBuiltin(name, doc string, fn func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error)) *starlark.Builtin {
	b := starlark.NewBuiltin(name, fn)
	docs.Store(b, doc)
	return b
}

// DocOf returns the help of v: a builtin's doc (see NewBuiltin), a
// function's docstring, a module's doc; "" when v has none.
func DocOf(v starlark.Value) string {
	switch v := v.(type) {
	case *starlark.Builtin:
		if d, ok := docs.Load(v); ok {
			return d.(string)
		}
	case *starlark.Function:
		return strings.TrimSpace(v.Doc())
	case interface{ Doc() string }:
		return v.Doc()
	}
	return ""
}

// Module is a module that cells import (import stages, from plots import
// graph). Hosts pass the modules they offer in Options.Modules; the kernel
// knows none of them. Load makes the module's members for one session, the
// first time a cell of that session imports it, on that cell's thread (so
// it may keep per-session state with SessionValue); its result is kept for
// the session. Members whose names start with "_" are not imported by
// "from name import *", nor are those listed in NoStar (names that would
// hide one of Python's built-ins, such as stages.filter).
type Module struct {
	Name   string // as imported: "stages", "numpy.lib"
	Doc    string // one line, shown by help(module)
	Load   func(thread *starlark.Thread) (starlark.StringDict, error)
	NoStar []string
}

// SessionValue returns the value kept under key by the session that
// thread's cell belongs to, made by make the first time it is asked for:
// per-session state of a module (an event loop, a random generator, the
// tables shown for download). It returns nil when thread is not a cell's.
func SessionValue(thread *starlark.Thread, key any, make func() any) any {
	ts := stateOf(thread)
	if ts == nil {
		return nil
	}
	s := ts.cell.session
	s.valuesMu.Lock()
	defer s.valuesMu.Unlock()
	v, ok := s.values[key]
	if !ok {
		v = make()
		s.values[key] = v
	}
	return v
}

// PrintCurrent prints msg, as print() would, into whichever cell of
// thread's session is running now: for Go stages (a printing sink) made in
// one cell and pushed to from a later one.
func PrintCurrent(thread *starlark.Thread, msg string) {
	if ts := stateOf(thread); ts != nil {
		ts.cell.session.printCurrent(msg)
	}
}
