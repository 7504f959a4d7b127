package kernel

import "go.starlark.net/starlark"

// Until the stage library moves behind import (stages.filter, in lib/),
// filter is both Python's filter and the pipeline stage filter(pred, output,
// other=None): a call reads as the stage when it cannot be Python's, that
// is when it has keywords or three arguments (or the stage's keywords), or when its second argument is
// not an iterable a cell would filter (a built-in stage, a primed generator
// such as a @coroutine, None, a number). Delete this file, and its line in
// builtins(), once the stages are imported.
func filterOrStage(python, stage *starlark.Builtin) *starlark.Builtin {
	return NewBuiltin("filter", DocOf(python), func(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		if len(kwargs) == 0 && (len(args) < 2 || len(args) == 2 && filterable(args[1])) {
			return python.CallInternal(thread, args, kwargs)
		}
		return stage.CallInternal(thread, args, kwargs)
	})
}

func filterable(x starlark.Value) bool {
	switch x := x.(type) {
	case *Stage:
		return x.kind == "generator" && !x.started
	case starlark.String:
		return true
	}
	_, ok := x.(starlark.Iterable)
	return ok
}
