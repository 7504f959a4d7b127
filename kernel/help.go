package kernel

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"go.starlark.net/starlark"
)

// help and dir, as Python's at the top level of a notebook: help(x) prints
// one paragraph about x, dir() lists the names the cells have defined.

func init() {
	for name, doc := range universeDocs {
		if b, ok := starlark.Universe[name].(*starlark.Builtin); ok {
			docs.Store(b, doc)
		}
	}
}

// universeDocs are the one-line helps of Starlark's own built-ins (the
// universe), which starlark.NewBuiltin made without one.
var universeDocs = map[string]string{
	"abs":       "abs(x): the absolute value of the number x",
	"pow":       "pow(base, exp[, mod]): base ** exp, or (base ** exp) % mod computed without the large power",
	"any":       "any(iterable): whether some item of iterable is true (False when it is empty)",
	"all":       "all(iterable): whether every item of iterable is true (True when it is empty)",
	"bool":      "bool(x=False): the truth value of x, True or False",
	"bytes":     "bytes(x): a bytes value made from a str (as UTF-8) or from an iterable of ints 0-255",
	"chr":       "chr(i): the one-character string of Unicode code point i",
	"dict":      "dict(pairs=(), **kwargs): a new dictionary of the (key, value) pairs and the keywords",
	"dir":       "dir(x): the names of x's attributes and methods",
	"enumerate": "enumerate(iterable, start=0): the list of pairs (index, item), counting from start",
	"fail":      "fail(*args, sep=' '): raises an Exception whose message is the args joined by sep",
	"float":     "float(x=0.0): x as a floating-point number: from an int, a float or a str such as '1.5' or 'inf'",
	"format":    "format(value, spec=''): value formatted by the spec, as in f-strings and str.format ('.2f', '>8', ',')",
	"getattr":   "getattr(x, name[, default]): the attribute of x called name, or default when it has none",
	"hasattr":   "hasattr(x, name): whether x has an attribute called name",
	"hash":      "hash(x): the hash of x, an int; equal values have equal hashes",
	"int":       "int(x=0, base=10): x as an integer: a float truncated towards 0, a str read in base",
	"len":       "len(s): the number of items in s (characters of a str, elements of a list, keys of a dict, ...)",
	"list":      "list(iterable=()): a new list of the items of iterable",
	"max":       "max(iterable, *, key=None) or max(a, b, *args, key=None): the largest item",
	"min":       "min(iterable, *, key=None) or min(a, b, *args, key=None): the smallest item",
	"ord":       "ord(c): the Unicode code point of the one-character string c",
	"print":     "print(*args, sep=' ', end='\\n'): writes the args, separated by sep and followed by end, to the cell's output",
	"range":     "range(stop) or range(start, stop, step=1): the integers from start (0) up to, not including, stop",
	"repr":      "repr(x): the string that shows x as Python code would write it ('a' with its quotes)",
	"reversed":  "reversed(sequence): the items of sequence in reverse order, as a list",
	"set":       "set(iterable=()): a new set of the distinct items of iterable",
	"sorted":    "sorted(iterable, *, key=None, reverse=False): a new list of the items of iterable in ascending order",
	"str":       "str(x=''): x as a string, as print shows it",
	"tuple":     "tuple(iterable=()): a new tuple of the items of iterable",
	"type":      "type(x): the name of x's type; for an exception, its class",
	"zip":       "zip(*iterables): the list of tuples of the items of the iterables taken together, up to the shortest",
}

// helpBuiltins are help and dir.
func helpBuiltins() starlark.StringDict {
	return starlark.StringDict{
		"help": NewBuiltin("help", "help(x): prints what x is and how to use it; help() tells where to start", helpBuiltin),
		"dir":  NewBuiltin("dir", "dir() or dir(x): the names your cells have defined (inside a function, its local names), or the attributes of x", dirBuiltin),
	}
}

// sameDoc gives the wrapper w the help of the builtin b it wraps.
func sameDoc(b, w *starlark.Builtin) *starlark.Builtin {
	if d, ok := docs.Load(b); ok {
		docs.Store(w, d)
	}
	return w
}

// helpIntro is what help() prints.
const helpIntro = `A pushbook notebook runs Python in its cells: each cell runs in one session, so a name
a cell defines is seen by the cells after it. Python's built-ins are there (print, len,
range, map, filter, sorted, ...); the libraries are modules: import stages, then
help(stages) lists what it offers, and help(f) tells what f does. dir() lists the names
your cells have defined.`

// helpBuiltin is help(x): it prints help on x (see helpText).
func helpBuiltin(thread *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := starlark.UnpackPositionalArgs(fn.Name(), args, kwargs, 0, &x); err != nil {
		return nil, err
	}
	text := helpIntro
	if x != nil {
		text = helpText(thread, x)
	}
	if thread.Print != nil {
		thread.Print(thread, text)
	}
	return starlark.None, nil
}

// helpText is the help on x: a builtin's one-line doc, a function's
// signature and docstring, a module's doc and its members, an exception
// class's place, or the one-line description of x's type. A str names what
// to help on, as in Python: help("len").
func helpText(thread *starlark.Thread, x starlark.Value) string {
	switch x := x.(type) {
	case starlark.String:
		if v, ok := lookup(thread, string(x)); ok {
			return helpText(thread, v)
		}
		return fmt.Sprintf("No Python documentation found for %s.\nhelp() tells where to start; dir() lists the names your cells have defined.", x.String())
	case *starlark.Builtin:
		if d := DocOf(x); d != "" {
			return d
		}
		if r := x.Receiver(); r != nil {
			return fmt.Sprintf("%s.%s(...): a method of %s", pyType(r), x.Name(), pyType(r))
		}
		return x.Name() + "(...): a built-in function"
	case *starlark.Function:
		return functionHelp(x)
	case *starlark.ExceptionClass:
		if b := x.Base(); b != nil {
			return fmt.Sprintf("class %s(%s): an exception class; raise %s(message), catch it with except %s", x.Name(), b.Name(), x.Name(), x.Name())
		}
		return fmt.Sprintf("class %s: the root of the exception classes", x.Name())
	case interface {
		Doc() string
		AttrNames() []string
	}:
		return moduleHelp(x)
	case interface{ Doc() string }:
		return x.Doc()
	}
	if d, ok := typeDocs[x.Type()]; ok {
		return x.Type() + ": " + d
	}
	return fmt.Sprintf("%s: a value of type %s; dir(x) lists its attributes", x.Type(), x.Type())
}

// lookup finds what a name means to the cell running on thread: one of
// its globals, a predeclared name, a universe builtin.
func lookup(thread *starlark.Thread, name string) (starlark.Value, bool) {
	if s := sessionOf(thread); s != nil {
		if v, ok := s.globals[name]; ok {
			return v, true
		}
	}
	v, ok := starlark.Universe[name]
	return v, ok
}

// functionHelp is a def's signature and its docstring, indented, as
// Python's help shows them.
func functionHelp(fn *starlark.Function) string {
	var params []string
	nkw := fn.NumKwonlyParams()
	npos := fn.NumParams() - nkw
	if fn.HasVarargs() {
		npos--
	}
	if fn.HasKwargs() {
		npos--
	}
	param := func(i int) string {
		name, _ := fn.Param(i)
		if d := fn.ParamDefault(i); d != nil {
			return name + "=" + d.String()
		}
		return name
	}
	for i := 0; i < npos; i++ {
		params = append(params, param(i))
	}
	next := npos + nkw // *args, then **kwargs, come after the keyword-only ones
	if fn.HasVarargs() {
		name, _ := fn.Param(next)
		params = append(params, "*"+name)
		next++
	} else if nkw > 0 {
		params = append(params, "*")
	}
	for i := npos; i < npos+nkw; i++ {
		params = append(params, param(i))
	}
	if fn.HasKwargs() {
		name, _ := fn.Param(next)
		params = append(params, "**"+name)
	}
	var b strings.Builder
	name := fn.Name()
	if name == "lambda" {
		name = "<lambda>"
	}
	fmt.Fprintf(&b, "%s(%s)", name, strings.Join(params, ", "))
	if fn.IsGenerator() {
		b.WriteString(": a generator function")
	}
	doc := strings.TrimSpace(fn.Doc())
	if doc == "" {
		return b.String()
	}
	for _, line := range strings.Split(dedent(doc), "\n") {
		b.WriteString(strings.TrimRight("\n    "+line, " "))
	}
	return b.String()
}

// dedent removes the indentation a docstring's later lines share (its first
// line has none), as inspect.cleandoc does.
func dedent(doc string) string {
	lines := strings.Split(doc, "\n")
	indent := -1
	for _, l := range lines[1:] {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	for i := 1; i < len(lines); i++ {
		if len(lines[i]) >= indent && indent > 0 {
			lines[i] = lines[i][indent:]
		} else {
			lines[i] = strings.TrimSpace(lines[i])
		}
	}
	return strings.Join(lines, "\n")
}

// moduleHelp is a module's doc, then each member's name and one line.
func moduleHelp(m interface {
	Doc() string
	AttrNames() []string
}) string {
	var b strings.Builder
	b.WriteString(m.Doc())
	ha, _ := m.(starlark.HasAttrs)
	for _, name := range m.AttrNames() {
		if strings.HasPrefix(name, "_") {
			continue
		}
		line := ""
		if ha != nil {
			if v, err := ha.Attr(name); err == nil && v != nil {
				line = memberLine(v)
			}
		}
		b.WriteString("\n  " + name)
		if line != "" {
			b.WriteString(": " + line)
		}
	}
	return b.String()
}

// memberLine is the one line that describes a module's member.
func memberLine(v starlark.Value) string {
	d := DocOf(v)
	if d == "" {
		if fn, ok := v.(*starlark.Function); ok {
			d = functionHelp(fn)
		} else if _, ok := v.(*starlark.Builtin); !ok {
			d = typeDocs[v.Type()]
			if d == "" {
				d = "a " + v.Type()
			}
		}
	}
	d, _, _ = strings.Cut(d, "\n")
	return d
}

// typeDocs describe the values of a type in one line, for help(x).
var typeDocs = map[string]string{
	"int":                        "an integer, exact at any size (1, -20, 10000000000000000000000)",
	"float":                      "a floating-point number, 64-bit as in Python (1.5, 1e-9, float('inf'))",
	"bool":                       "True or False; in arithmetic, 1 or 0",
	"string":                     "a str: immutable text ('abc'); see dir('') for its methods",
	"bytes":                      "immutable bytes (b'abc')",
	"NoneType":                   "None, the value of no value",
	"list":                       "a list: a mutable sequence ([1, 2]); see dir([]) for its methods",
	"tuple":                      "a tuple: an immutable sequence ((1, 2))",
	"dict":                       "a dict: a mutable mapping from keys to values, in insertion order; see dir({}) for its methods",
	"set":                        "a set: a mutable collection of distinct values; see dir(set()) for its methods",
	"range":                      "a range of integers, computed as needed (range(10))",
	"function":                   "a function defined with def or lambda",
	"builtin_function_or_method": "a built-in function",
	"generator":                  "a generator: next(g) runs its body to the next yield; g.send(v), g.throw(e), g.close(); a for loop reads it to the end",
	"stage":                      "a built-in pipeline stage: it takes the values sent to it (stage.send(v)) and passes results on to its outputs",
	"map":                        "a map object: an iterator over a function's results, computed as they are read (list(m), next(m), for x in m)",
	"filter":                     "a filter object: an iterator over the items a function accepts, found as they are read (list(f), next(f), for x in f)",
	"list_iterator":              "an iterator over a list: next(it) takes its next item",
	"tuple_iterator":             "an iterator over a tuple: next(it) takes its next item",
	"str_iterator":               "an iterator over the characters of a str: next(it) takes the next one",
	"dict_keyiterator":           "an iterator over the keys of a dict: next(it) takes the next one",
	"set_iterator":               "an iterator over a set: next(it) takes its next item",
	"range_iterator":             "an iterator over a range: next(it) takes its next integer",
	"callable_iterator":          "an iterator that calls a function until it returns the sentinel: next(it)",
	"iterator":                   "an iterator: next(it) takes its next item",
	"type":                       "a class",
}

// dirBuiltin is dir(x), Starlark's list of x's attributes, or, with no
// argument, the sorted names the caller can see that it defined: at the top
// of a cell, those the session's cells have defined (not the predeclared
// ones, unless a cell rebound them); in a function, its local variables.
func dirBuiltin(thread *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) > 0 || len(kwargs) > 0 {
		return starlark.Call(thread, starlark.Universe["dir"], args, kwargs)
	}
	var names []string
	var chunk starlark.StringDict // the globals of the running cell, not yet in the session's
	if fr := thread.DebugFrame(1); fr != nil {
		if f, ok := fr.Callable().(*starlark.Function); ok {
			if f.Name() != "<toplevel>" {
				for i := 0; i < fr.NumLocals(); i++ {
					if b, v := fr.Local(i); v != nil {
						names = append(names, b.Name)
					}
				}
				return sortedNames(names), nil
			}
			chunk = f.Globals()
		}
	}
	s := sessionOf(thread)
	if s == nil {
		return sortedNames(slices.Collect(maps.Keys(chunk))), nil
	}
	defined := func(name string, v starlark.Value) bool {
		p, ok := s.predeclared[name]
		return !(ok && p == v) && name != resultName
	}
	for name, v := range s.globals {
		if _, ok := chunk[name]; !ok && defined(name, v) {
			names = append(names, name)
		}
	}
	for name, v := range chunk {
		if defined(name, v) {
			names = append(names, name)
		}
	}
	return sortedNames(names), nil
}

func sortedNames(names []string) *starlark.List {
	slices.Sort(names)
	names = slices.Compact(names)
	vs := make([]starlark.Value, len(names))
	for i, n := range names {
		vs[i] = starlark.String(n)
	}
	return starlark.NewList(vs)
}
