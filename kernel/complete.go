package kernel

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.starlark.net/starlark"
)

// A Completion is a name the editor can offer at the cursor, with the one
// line that help() prints for it.
type Completion struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // "variable", "function", "module", "class" or "keyword"
	Doc  string `json:"doc,omitempty"`
}

// keywords a cell may type, for completion.
var keywords = []string{"and", "as", "break", "continue", "def", "elif", "else", "except", "finally", "for", "from", "if", "import", "in", "is", "lambda", "not", "or", "pass", "raise", "return", "try", "while", "yield", "None", "True", "False"}

// Complete returns the completions of the word that ends at byte offset pos
// of code, and the offset where that word starts (what a completion
// replaces). It knows four places: after "import " or "from " the modules,
// after "from m import " the members of m, after "x.y." the attributes of
// the value x.y (found by looking names up, never by running code), and
// elsewhere the session's names, Python's built-ins and the keywords. It
// evaluates nothing and is safe to call from any goroutine; while a cell
// runs it offers only what does not depend on the cell's globals.
func (s *Session) Complete(code string, pos int) (from int, items []Completion) {
	pos = max(0, min(pos, len(code)))
	line := code[strings.LastIndexByte(code[:pos], '\n')+1 : pos]
	word := identSuffix(line)
	from = pos - len(word)
	before := strings.TrimRightFunc(line[:len(line)-len(word)], unicode.IsSpace)
	lineStart := strings.TrimLeftFunc(line, unicode.IsSpace)

	fromImport := strings.HasPrefix(lineStart, "from ") && strings.Contains(lineStart, " import")
	switch {
	case strings.HasPrefix(lineStart, "import ") || strings.HasPrefix(lineStart, "from ") && !fromImport:
		dotted := dottedSuffix(line)
		prefix := dotted[:len(dotted)-len(word)]
		for _, name := range s.moduleNames() {
			if rest, ok := strings.CutPrefix(name, prefix); ok && !strings.Contains(rest, ".") {
				items = append(items, Completion{Name: rest, Kind: "module", Doc: s.modules[name].Module.Doc})
			}
		}
	case fromImport:
		module := strings.Fields(lineStart)[1]
		if m, ok := s.modules[module]; ok && m.members != nil {
			items = membersOf(m.members)
		}
	case strings.HasSuffix(before, ".") && len(before) > 1:
		if v, ok := s.valueAt(dottedSuffix(before[:len(before)-1])); ok {
			items = attrsOf(v)
		}
	default:
		items = s.names()
	}
	items = slices.DeleteFunc(items, func(c Completion) bool { return !strings.HasPrefix(c.Name, word) })
	sort.Stable(completionsByName(items))
	return from, slices.CompactFunc(items, func(a, b Completion) bool { return a.Name == b.Name })
}

// completionsByName sorts completions by name through sort.Interface:
// slices.SortFunc would compile a sort of its own for Completion's shape,
// 19 KB of main.wasm (4 KB brotli), where sort.Stable is there already
// (Starlark's sorted uses it).
type completionsByName []Completion

func (c completionsByName) Len() int           { return len(c) }
func (c completionsByName) Less(i, j int) bool { return c[i].Name < c[j].Name }
func (c completionsByName) Swap(i, j int)      { c[i], c[j] = c[j], c[i] }

// identSuffix is the identifier (possibly empty) that ends s.
func identSuffix(s string) string {
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i -= size
	}
	return s[i:]
}

// dottedSuffix is the dotted name (a.b.c) that ends s.
func dottedSuffix(s string) string {
	end := len(s)
	for {
		w := identSuffix(s[:end])
		end -= len(w)
		if w == "" || end == 0 || s[end-1] != '.' {
			return s[end:]
		}
		end--
	}
}

// valueAt looks up a dotted name, a.b.c, among the session's names and
// their attributes; false when a part is missing or a cell is running.
func (s *Session) valueAt(dotted string) (starlark.Value, bool) {
	parts := strings.Split(dotted, ".")
	if parts[0] == "" {
		return nil, false
	}
	var v starlark.Value
	var ok bool
	if s.exec.TryLock() {
		v, ok = s.globals[parts[0]]
		s.exec.Unlock()
	} else if m := s.modulesBound.Load(); m != nil {
		// a cell runs: only modules its predecessors bound, whose members
		// no cell changes, are safe to read
		v, ok = (*m)[parts[0]]
	}
	if !ok {
		v, ok = starlark.Universe[parts[0]]
	}
	for _, p := range parts[1:] {
		if !ok {
			return nil, false
		}
		ha, isHA := v.(starlark.HasAttrs)
		if !isHA {
			return nil, false
		}
		x, err := ha.Attr(p)
		v, ok = x, err == nil && x != nil
	}
	return v, ok
}

// names are what a bare word may complete to: the session's globals (with
// its predeclared names), Starlark's universe and the keywords.
func (s *Session) names() []Completion {
	var items []Completion
	for _, k := range keywords {
		items = append(items, Completion{Name: k, Kind: "keyword"})
	}
	vars := maps.Clone(s.predeclared)
	if s.exec.TryLock() {
		maps.Copy(vars, s.globals)
		s.exec.Unlock()
	}
	for name, v := range starlark.Universe {
		if _, ok := vars[name]; !ok {
			vars[name] = v
		}
	}
	delete(vars, resultName)
	return append(items, membersOf(vars)...)
}

// membersOf describes each public name of a dict of values.
func membersOf(d starlark.StringDict) []Completion {
	var items []Completion
	for name, v := range d {
		if !strings.HasPrefix(name, "_") {
			items = append(items, completion(name, v))
		}
	}
	return items
}

// attrsOf describes the public attributes of v.
func attrsOf(v starlark.Value) []Completion {
	ha, ok := v.(starlark.HasAttrs)
	if !ok {
		return nil
	}
	var items []Completion
	for _, name := range ha.AttrNames() {
		if strings.HasPrefix(name, "_") {
			continue
		}
		if x, err := ha.Attr(name); err == nil && x != nil {
			items = append(items, completion(name, x))
		}
	}
	return items
}

func completion(name string, v starlark.Value) Completion {
	kind := "variable"
	switch v.(type) {
	case *starlark.ImportedModule:
		kind = "module"
	case *starlark.ExceptionClass, InstanceChecker:
		kind = "class"
	case starlark.Callable:
		kind = "function"
	}
	return Completion{Name: name, Kind: kind, Doc: memberLine(v)}
}

// noteModules remembers the modules bound to global names when a cell
// ends, so that completion can list their members while the next cell runs
// (when the globals themselves may be changing).
func (s *Session) noteModules() {
	m := map[string]starlark.Value{}
	for name, v := range s.globals {
		if _, ok := v.(*starlark.ImportedModule); ok {
			m[name] = v
		}
	}
	s.modulesBound.Store(&m)
}
