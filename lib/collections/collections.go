// Package collections is the module cells import as collections, scoped to
// what the seed needs and its neighbours: the abstract classes Mapping,
// MutableMapping, Sequence, Iterable and Iterator, for isinstance tests
// (the seed's flatten_dict asks isinstance(v, collections.MutableMapping),
// Python 3.4's spelling; collections.abc.MutableMapping works too), and
// OrderedDict, which is dict (dicts keep insertion order, as Python 3.7's).
package collections

import (
	"go.starlark.net/starlark"

	"pushbook/kernel"
)

// Module is "import collections".
var Module = kernel.Module{
	Name: "collections",
	Doc:  "abstract classes for isinstance (collections.MutableMapping, collections.abc.Iterable) and OrderedDict",
	Load: func(*starlark.Thread) (starlark.StringDict, error) { return members, nil },
}

// ABCModule is "import collections.abc".
var ABCModule = kernel.Module{
	Name: "collections.abc",
	Doc:  "abstract classes for isinstance: Mapping, MutableMapping, Sequence, Iterable, Iterator",
	Load: func(*starlark.Thread) (starlark.StringDict, error) { return abcMembers, nil },
}

var abcMembers = starlark.StringDict{
	"Mapping":        &ABC{name: "Mapping", test: isMapping},
	"MutableMapping": &ABC{name: "MutableMapping", test: isMapping},
	"Sequence":       &ABC{name: "Sequence", test: isSequence},
	"Iterable":       &ABC{name: "Iterable", test: isIterable},
	"Iterator":       &ABC{name: "Iterator", test: isIterator},
}

var members = func() starlark.StringDict {
	m := starlark.StringDict{
		"abc":         kernel.ModuleValue(ABCModule.Name, ABCModule.Doc, abcMembers),
		"OrderedDict": starlark.Universe["dict"],
	}
	for k, v := range abcMembers {
		m[k] = v
	}
	return m
}()

// ABC is an abstract base class of collections.abc: a value of no type of
// its own that isinstance(x, abc) tests by what x can do.
type ABC struct {
	name string
	test func(starlark.Value) bool
}

var _ starlark.Value = (*ABC)(nil)

func (a *ABC) String() string        { return "<class 'collections.abc." + a.name + "'>" }
func (a *ABC) Type() string          { return "type" }
func (a *ABC) Freeze()               {}
func (a *ABC) Truth() starlark.Bool  { return starlark.True }
func (a *ABC) Hash() (uint32, error) { return starlark.String(a.name).Hash() }

// Name is the class's name, as type(x).__name__ would give.
func (a *ABC) Name() string { return a.name }

// IsInstance reports whether isinstance(v, a) holds: whether v is a dict
// for Mapping and MutableMapping, a list, tuple, str or range for
// Sequence, any iterable for Iterable, and an iterator (a generator) for
// Iterator.
func (a *ABC) IsInstance(v starlark.Value) bool { return a.test(v) }

func isMapping(v starlark.Value) bool {
	_, ok := v.(*starlark.Dict)
	return ok
}

func isSequence(v starlark.Value) bool {
	switch v.(type) {
	case *starlark.List, starlark.Tuple, starlark.String:
		return true
	}
	return v.Type() == "range"
}

func isIterable(v starlark.Value) bool {
	_, ok := v.(starlark.Iterable)
	return ok || isSequence(v)
}

func isIterator(v starlark.Value) bool {
	return v.Type() == "generator"
}
