package lib_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	starlarkmath "go.starlark.net/lib/math"
	"go.starlark.net/starlark"

	"pushbook/internal/libtest"
	"pushbook/kernel"
	"pushbook/lib"
)

// fromStarlark reports whether v is one of go.starlark.net's own builtins
// (a member of its lib/math, or collections.OrderedDict, which is dict):
// they have no one-line doc of pushbook's.
func fromStarlark(v starlark.Value) bool {
	for _, d := range []starlark.StringDict{starlark.Universe, starlarkmath.Module.Members} {
		for _, u := range d {
			if u == v {
				return true
			}
		}
	}
	return false
}

// Every module has a one-line doc, and so has every Go builtin among its
// members, the same after the session has loaded it (and wrapped it
// against panics) as the module made it: help() and the editor's
// completion show it.
func TestEveryModuleMemberHasADoc(t *testing.T) {
	s := kernel.NewSession(kernel.Options{Modules: lib.Modules()})
	for _, m := range lib.Modules() {
		t.Run(m.Name, func(t *testing.T) {
			assert.NotEmpty(t, m.Doc, "module %s", m.Name)
			loaded := libtest.Load(t, s, m.Name)
			assert.NotEmpty(t, loaded, "module %s has no members", m.Name)
			assert.Equal(t, starlark.String(m.Doc), loaded["__doc__"])
			raw, err := m.Load(&starlark.Thread{}) // a Go module ignores the thread; a Python one needs a cell's
			for name, v := range loaded {
				b, ok := v.(*starlark.Builtin)
				if !ok || (err == nil && fromStarlark(raw[name])) {
					continue
				}
				assert.NotEmpty(t, kernel.DocOf(b), "%s.%s has no doc: make it with kernel.NewBuiltin", m.Name, name)
				if err == nil {
					assert.Equal(t, kernel.DocOf(raw[name]), kernel.DocOf(b), "%s.%s: the doc after loading", m.Name, name)
				}
			}
		})
	}
}
