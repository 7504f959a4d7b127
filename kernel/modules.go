package kernel

import (
	_ "embed"

	"maps"
	"slices"

	"go.starlark.net/starlark"
)

//go:embed seed.star
var seedSource string

// sourceModules are the built-in modules written in Starlark, by name. Users
// can read each one: module_source(name) returns its text.
var sourceModules = map[string]string{
	"seed": seedSource,
}

// addSourceModules makes load(name, ...) work for every source module. A
// module runs once per session, with the session's builtins, and its file
// name (seed.star) appears in tracebacks with its lines.
func (s *Session) addSourceModules() {
	for name, src := range sourceModules {
		file := name + ".star"
		s.AddModule(name, func(thread *starlark.Thread) (starlark.StringDict, error) {
			s.sources[file] = src
			return starlark.ExecFileOptions(fileOptions, thread, file, src, s.predeclared)
		})
	}
}

// module_source(name) returns the Starlark text of a built-in module, so a
// learner can read what load("seed", ...) gives them.
func moduleSource(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name string
	if err := starlark.UnpackPositionalArgs(fn.Name(), args, kwargs, 1, &name); err != nil {
		return nil, err
	}
	src, ok := sourceModules[name]
	if !ok {
		return nil, starlark.Errorf(starlark.ModuleNotFoundError, "no built-in module %q (there are: %v)", name, slices.Sorted(maps.Keys(sourceModules)))
	}
	return starlark.String(src), nil
}

func moduleBuiltins() starlark.StringDict {
	return starlark.StringDict{"module_source": starlark.NewBuiltin("module_source", moduleSource)}
}
