package kernel

import (
	"errors"
	"strings"

	"go.starlark.net/starlark"
)

// ReadFile reads the data file name for builtin fnName running on thread,
// through the session's Options.ReadFile (the browser looks among the files
// dropped on the page, then on the page's own site; the headless runner
// reads next to the notebook). Its errors are FileNotFoundError unless the
// host chose a class.
func ReadFile(thread *starlark.Thread, fnName, name string) ([]byte, error) {
	ts := stateOf(thread)
	if ts == nil {
		return nil, NotInCell(fnName)
	}
	read := ts.cell.session.opts.ReadFile
	if read == nil {
		return nil, starlark.Errorf(starlark.FileNotFoundError, "%s(%q): this kernel has no files to read", fnName, name)
	}
	if name == "" || strings.Contains(name, "\x00") {
		return nil, starlark.Errorf(starlark.ValueError, "%s: give a file name", fnName)
	}
	data, err := read(name)
	if err != nil {
		var e *starlark.Exception
		if errors.As(err, &e) {
			return nil, err // the host chose the class
		}
		return nil, starlark.Errorf(starlark.FileNotFoundError, "%s(%q): %v", fnName, name, err)
	}
	return data, nil
}
