// Package functools is the module cells import as functools: partial, as
// Python's functools.partial (gather(partial(fetch, "a"), ...)).
package functools

import (
	"pushbook/kernel"
	"unsafe"

	"go.starlark.net/starlark"
)

// Module is "import functools".
var Module = kernel.Module{
	Name: "functools",
	Doc:  "functions on functions: functools.partial(fn, *args, **kwargs)",
	Load: func(*starlark.Thread) (starlark.StringDict, error) { return members, nil },
}

var members = starlark.StringDict{
	"partial": kernel.NewBuiltin("partial", `partial(fn, *args, **kwargs): fn with its first arguments (and keyword arguments) bound`, partialBuiltin),
}

// partialFunc is what partial(fn, *args, **kwargs) returns
// (functools.partial): fn with its first arguments bound.
type partialFunc struct {
	fn     starlark.Callable
	args   starlark.Tuple
	kwargs []starlark.Tuple
}

var _ starlark.Callable = (*partialFunc)(nil)

func (p *partialFunc) String() string        { return "partial(" + p.Name() + ")" }
func (p *partialFunc) Type() string          { return "partial" }
func (p *partialFunc) Freeze()               { p.fn.Freeze(); p.args.Freeze() }
func (p *partialFunc) Truth() starlark.Bool  { return starlark.True }
func (p *partialFunc) Hash() (uint32, error) { return uint32(uintptr(unsafe.Pointer(p)) >> 3), nil }

// Name is fn's name with the bound arguments, fetch("a"), so a gather's
// error names the task that failed.
func (p *partialFunc) Name() string { return kernel.StageName(p.fn.Name(), p.args, p.kwargs) }

// CallInternal calls fn with the bound arguments, then the new ones.
func (p *partialFunc) CallInternal(thread *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	all := append(append(starlark.Tuple(nil), p.args...), args...)
	kw := append(append([]starlark.Tuple(nil), p.kwargs...), kwargs...)
	return starlark.Call(thread, p.fn, all, kw)
}

// partial(fn, *args, **kwargs) binds arguments to fn, as functools.partial
// does: gather(partial(fetch, "a"), partial(fetch, "b")).
func partialBuiltin(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 0 {
		return nil, starlark.Errorf(starlark.TypeError, "%s: missing the function to bind arguments to", b.Name())
	}
	fn, ok := args[0].(starlark.Callable)
	if !ok {
		return nil, starlark.Errorf(starlark.TypeError, "%s: the first argument must be a function, not %s", b.Name(), args[0].Type())
	}
	return &partialFunc{fn: fn, args: append(starlark.Tuple(nil), args[1:]...), kwargs: append([]starlark.Tuple(nil), kwargs...)}, nil
}
