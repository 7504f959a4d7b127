package kernel

import (
	"maps"

	"go.starlark.net/starlark"

	"pushbook/notebook"
)

// Displayable is implemented by Starlark values that show themselves richly,
// as IPython's _repr_mimebundle_ does. The bundle maps MIME types
// ("text/html", "image/svg+xml", ...) to content. When a cell's final
// expression or an argument of display() is Displayable, its bundle is the
// output's data; text/plain is added from the value's String() when the
// bundle lacks it.
type Displayable interface {
	MIMEBundle() map[string]string
}

// Tagged is implemented by Displayable values whose outputs carry
// metadata: a stage's graph says it is a pipeline ({"pushbook": {"kind":
// "pipeline"}}), so the page can offer to trace a value through it.
type Tagged interface {
	MIMEMetadata() map[string]any
}

// metadata returns the output metadata for v, or nil.
func metadata(v starlark.Value) map[string]any {
	if t, ok := v.(Tagged); ok {
		return t.MIMEMetadata()
	}
	return nil
}

// bundle returns the MIME bundle shown for v.
func bundle(v starlark.Value) notebook.MIMEBundle {
	var data notebook.MIMEBundle
	if d, ok := v.(Displayable); ok {
		data = maps.Clone(d.MIMEBundle())
	}
	if data == nil {
		data = notebook.MIMEBundle{}
	}
	if _, ok := data["text/plain"]; !ok {
		data["text/plain"] = v.String()
	}
	return data
}

// DisplayData returns the display_data output that shows v, by the rule
// that Displayable describes.
func DisplayData(v starlark.Value) Output {
	o := notebook.NewDisplayData(bundle(v))
	o.Metadata = metadata(v)
	return o
}

// display implements the display(*values) builtin: one display_data output
// per value that is not None.
func display(thread *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(kwargs) > 0 {
		return nil, starlark.Errorf(starlark.TypeError, "%s: unexpected keyword argument %s", fn.Name(), kwargs[0][0])
	}
	for _, v := range args {
		if v == starlark.None {
			continue
		}
		o := DisplayData(v)
		o.Metadata = sessionOf(thread).liveMetadata(v) // a stage's graph is kept for re-drawing
		if err := Emit(thread, o); err != nil {
			return nil, NotInCell(fn.Name())
		}
	}
	return starlark.None, nil
}

// builtins are the names a Session predeclares beyond Starlark's universe:
// display (the notebook's own), the host exception classes a cell may
// catch and Python's built-ins (builtins.go); everything else is imported.
func builtins() starlark.StringDict {
	all := starlark.StringDict{
		"display": NewBuiltin("display", "display(*values): shows each value below the cell, richly (a table, a picture) when it can", display),
	}
	for _, c := range hostClasses {
		all[c.Name()] = c
	}
	for name, v := range pythonBuiltins() { // Python's built-ins win (builtins.go, help.go)
		all[name] = v
	}
	return all
}
