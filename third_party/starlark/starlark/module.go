// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package starlark

// This file is the runtime of the pushbook fork's import statements
// (FORK.md): the module value that 'import m' binds, and the work of the
// IMPORT, IMPORT_TOP, IMPORT_FROM and IMPORT_STAR instructions. Modules come
// from Thread.Load, as load statements' do.

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"go.starlark.net/syntax"
)

// An ImportedModule is the value of an imported module: what
// 'import numpy' binds to numpy. (Module, upstream's name, is an evaluated
// Starlark program.) Its attributes are its Members, then the submodules
// that 'import a.b' attached, then __name__.
//
// Two ImportedModules are equal if they have the same Name and the very
// same Members map: a host whose Load returns the same StringDict each time
// a module is imported (pushbook's kernel keeps one per session) makes
// 'import m' twice give equal values. Freezing one does nothing: its
// members belong to the host.
type ImportedModule struct {
	Name    string     // dotted, as imported: "numpy.lib"
	Members StringDict // as Thread.Load returned them

	sub map[string]*ImportedModule // submodules bound by 'import a.b.c' (IMPORT_TOP)
}

var (
	_ HasAttrs   = (*ImportedModule)(nil)
	_ Comparable = (*ImportedModule)(nil)
)

func (m *ImportedModule) String() string        { return fmt.Sprintf("<module '%s'>", m.Name) }
func (m *ImportedModule) Type() string          { return "module" }
func (m *ImportedModule) Freeze()               {}
func (m *ImportedModule) Truth() Bool           { return True }
func (m *ImportedModule) Hash() (uint32, error) { return hashString(m.Name), nil }

func (m *ImportedModule) CompareSameType(op syntax.Token, y Value, depth int) (bool, error) {
	same := m.Name == y.(*ImportedModule).Name &&
		reflect.ValueOf(m.Members).UnsafePointer() == reflect.ValueOf(y.(*ImportedModule).Members).UnsafePointer()
	switch op {
	case syntax.EQL:
		return same, nil
	case syntax.NEQ:
		return !same, nil
	}
	return false, errorf(TypeError, "%s %s %s not implemented", m.Type(), op, y.Type())
}

// Attr returns a member, a submodule, or __name__; anything else is
// Python's AttributeError "module 'm' has no attribute 'x'".
func (m *ImportedModule) Attr(name string) (Value, error) {
	if v, ok := m.Members[name]; ok {
		return v, nil
	}
	if v, ok := m.sub[name]; ok {
		return v, nil
	}
	if name == "__name__" {
		return String(m.Name), nil
	}
	return nil, NoSuchAttrError(fmt.Sprintf("module '%s' has no attribute '%s'", m.Name, name))
}

// AttrNames returns the names of the members and submodules, sorted.
func (m *ImportedModule) AttrNames() []string {
	names := m.Members.Keys()
	for name := range m.sub {
		if _, ok := m.Members[name]; !ok {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// Doc returns the member __doc__ if it is a string: the module's help.
func (m *ImportedModule) Doc() string {
	doc, _ := m.Members["__doc__"].(String)
	return string(doc)
}

// importModule returns the module name ("numpy.lib") that thread.Load
// gives. Its error is Load's, unchanged (a missing module is the host's
// ModuleNotFoundError); with no Load, every module is missing.
func importModule(thread *Thread, name string) (*ImportedModule, error) {
	if thread.Load == nil {
		return nil, Errorf(ModuleNotFoundError, "No module named '%s'", name)
	}
	thread.endProfSpan()
	members, err := thread.Load(thread, name)
	thread.beginProfSpan()
	if err != nil {
		return nil, err
	}
	return &ImportedModule{Name: name, Members: members}, nil
}

// importTop implements 'import a.b.c' (no 'as'): it loads a, a.b and
// a.b.c, as Python does, and returns a with .b set to a.b and a.b's .c to
// a.b.c.
func importTop(thread *Thread, name string) (Value, error) {
	parts := strings.Split(name, ".")
	top, err := importModule(thread, parts[0])
	if err != nil {
		return nil, err
	}
	parent := top
	for i := 1; i < len(parts); i++ {
		m, err := importModule(thread, strings.Join(parts[:i+1], "."))
		if err != nil {
			return nil, err
		}
		parent.sub = map[string]*ImportedModule{parts[i]: m}
		parent = m
	}
	return top, nil
}

// importFrom implements 'from m import name': m's member name or, as
// Python looks for a submodule, the module m.name if Load has it; else
// ImportError "cannot import name 'x' from 'm'".
func importFrom(thread *Thread, module Value, name string) (Value, error) {
	m := module.(*ImportedModule) // IMPORT put it there
	if v, ok := m.Members[name]; ok {
		return v, nil
	}
	sub, err := importModule(thread, m.Name+"."+name)
	if err == nil {
		return sub, nil
	}
	if !IsClass(err, ModuleNotFoundError) {
		return nil, err
	}
	return nil, Errorf(ImportError, "cannot import name '%s' from '%s'", name, m.Name)
}

// importStar implements 'from m import *' in fn's module (the resolver
// allows it only at top level): it binds as globals the names m's member
// __all__ lists (a list or tuple of strings), or else every member whose
// name does not start with "_". A name with no global slot (one this file
// never mentions) goes to Module.extra, which Globals and ExecREPLChunk
// hand on, so that later REPL chunks see it.
func importStar(fn *Function, module Value) error {
	m := module.(*ImportedModule)
	var names []string
	if all, ok := m.Members["__all__"]; ok {
		seq, ok := all.(Indexable)
		if _, isString := all.(String); !ok || isString {
			return Errorf(TypeError, "%s.__all__ must be a list or tuple of str, not %s", m.Name, all.Type())
		}
		for i := range seq.Len() {
			name, ok := seq.Index(i).(String)
			if !ok {
				return Errorf(TypeError, "Item in %s.__all__ must be str, not %s", m.Name, seq.Index(i).Type())
			}
			names = append(names, string(name))
		}
	} else {
		for _, name := range m.Members.Keys() {
			if !strings.HasPrefix(name, "_") {
				names = append(names, name)
			}
		}
	}

	mod := fn.module
	slots := make(map[string]int, len(mod.program.compiled.Globals))
	for i, id := range mod.program.compiled.Globals {
		slots[id.Name] = i
	}
	mod.starImported = true
	for _, name := range names {
		v, err := m.Attr(name)
		if err != nil {
			return Errorf(AttributeError, "%v", err)
		}
		if i, ok := slots[name]; ok {
			mod.globals[i] = v
			continue
		}
		if mod.extra == nil {
			mod.extra = make(StringDict)
		}
		mod.extra[name] = v
	}
	return nil
}

// unboundGlobal is the NameError of a global read before it is set. In a
// module that ran 'from m import *' it reads as Python's, since there the
// resolver accepts names it cannot see bound (resolve.go, starImport).
func unboundGlobal(mod *Module, name string) error {
	if mod.starImported {
		return Errorf(NameError, "name '%s' is not defined", name)
	}
	return Errorf(NameError, "global variable %s referenced before assignment", name)
}
