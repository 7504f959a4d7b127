package kernel

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"go.starlark.net/starlark"
)

// PythonModule is a module written in Python (a cell's dialect): it runs
// once per session, the first time a cell imports it, with the session's
// built-ins, and its file name (name.py) appears in tracebacks with its
// lines. Its members are the globals it defines.
func PythonModule(name, doc, source string) Module {
	return Module{Name: name, Doc: doc, Load: func(thread *starlark.Thread) (starlark.StringDict, error) {
		ts := stateOf(thread)
		if ts == nil {
			return nil, NotInCell("import " + name)
		}
		s := ts.cell.session
		file := name + ".py"
		s.sources[file] = source
		return starlark.ExecFileOptions(fileOptions, thread, file, source, s.predeclared)
	}}
}

// addModule makes m importable in the session's cells.
func (s *Session) addModule(m Module) {
	s.modules[m.Name] = &module{Module: m}
}

// module is a module of the session: loaded, loading or not yet imported.
type module struct {
	Module
	members starlark.StringDict // nil until loaded
	loading bool
}

// Doc is the module's one line, for help().
func (m *module) Doc() string { return m.Module.Doc }

// loadModule implements starlark.Thread.Load for every cell thread: import
// statements call it. A module's members are made the first time a cell
// imports it and kept for the session; a failed load is not kept, so a
// later cell may try again. Go builtins among the members are wrapped
// against panics as by Predeclare, and __all__ leaves out the names that
// the module keeps from "from name import *".
func (s *Session) loadModule(thread *starlark.Thread, name string) (starlark.StringDict, error) {
	m, ok := s.modules[name]
	switch {
	case !ok:
		return nil, starlark.Errorf(starlark.ModuleNotFoundError, "No module named '%s' (pushbook's modules: %s)", name, strings.Join(s.moduleNames(), ", "))
	case m.members != nil:
		return m.members, nil
	case m.loading:
		return nil, starlark.Errorf(starlark.ImportError, "cannot import name '%s': it imports itself (circular import)", name)
	}
	m.loading = true
	defer func() { m.loading = false }()
	members, err := m.Load(thread)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	wrapped := make(starlark.StringDict, len(members)+2)
	for k, v := range members {
		wrapped[k] = recoverMember(v)
	}
	if _, ok := wrapped["__all__"]; !ok && len(m.NoStar) > 0 {
		var all []starlark.Value
		for _, k := range members.Keys() {
			if !strings.HasPrefix(k, "_") && !slices.Contains(m.NoStar, k) {
				all = append(all, starlark.String(k))
			}
		}
		wrapped["__all__"] = starlark.NewList(all)
	}
	if _, ok := wrapped["__doc__"]; !ok {
		wrapped["__doc__"] = starlark.String(m.Module.Doc)
	}
	m.members = wrapped
	return wrapped, nil
}

// recoverMember is recoverBuiltin for a module's member, and for the
// members of a module that is itself a member (numpy.lib.recfunctions).
func recoverMember(v starlark.Value) starlark.Value {
	m, ok := v.(*starlark.ImportedModule)
	if !ok {
		return recoverBuiltin(v)
	}
	members := make(starlark.StringDict, len(m.Members))
	for k, x := range m.Members {
		members[k] = recoverMember(x)
	}
	return &starlark.ImportedModule{Name: m.Name, Members: members}
}

// moduleNames are the names cells may import, sorted.
func (s *Session) moduleNames() []string {
	return slices.Sorted(maps.Keys(s.modules))
}

// ModuleValue is a module as a value, for a module that is an attribute of
// another (numpy.lib, collections.abc): the same value `import name` binds.
func ModuleValue(name, doc string, members starlark.StringDict) starlark.Value {
	m := maps.Clone(members)
	if _, ok := m["__doc__"]; !ok {
		m["__doc__"] = starlark.String(doc)
	}
	return &starlark.ImportedModule{Name: name, Members: m}
}
