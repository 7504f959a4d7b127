package kernel

import "go.starlark.net/starlark"

// iteratingBuiltins are the universe builtins that iterate their
// arguments. go.starlark.net's builtins cannot see an iterator's error (an
// exception raised in a generator's body while list(g) reads it), so the
// session wraps these to raise it where Python would: from the builtin's
// call, catchable by try/except.
var iteratingBuiltins = []string{"list", "tuple", "sorted", "set", "dict", "enumerate", "zip", "any", "all", "reversed"}

// iterFailure passes a generator's error from its iterator's Done to the
// wrapped builtin that was iterating it. Cells run one at a time and
// generator bodies hand off without parallelism, so one per session is
// enough; depth counts the wrapped builtins running (they nest: a key
// function may call list(g) inside sorted).
type iterFailure struct {
	depth int
	err   error
}

// hand keeps err for the innermost wrapped builtin, reporting whether one is
// running.
func (f *iterFailure) hand(err error) bool {
	if f.depth == 0 {
		return false
	}
	if f.err == nil {
		f.err = err
	}
	return true
}

// raisingIteratorErrors wraps b so that an error raised by a generator it
// iterates is raised from the call.
func (s *Session) raisingIteratorErrors(b *starlark.Builtin) *starlark.Builtin {
	return sameDoc(b, starlark.NewBuiltin(b.Name(), func(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		f := &s.iterFailure
		saved := f.err
		f.err = nil
		f.depth++
		defer func() { f.depth--; f.err = saved }() // also when b panics
		v, err := b.CallInternal(thread, args, kwargs)
		if f.err != nil {
			return nil, f.err
		}
		return v, err
	}))
}
