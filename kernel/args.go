package kernel

import (
	"fmt"

	"go.starlark.net/starlark"
)

// Number unpacks an int or a float argument as a float64, for
// starlark.UnpackArgs: Python's "real number" parameters (seconds=,
// latency=, uniform(a, b)).
type Number float64

// Unpack implements starlark.Unpacker.
func (n *Number) Unpack(v starlark.Value) error {
	f, ok := starlark.AsFloat(v)
	if !ok {
		return fmt.Errorf("got %s, want a number", v.Type()) // UnpackArgs makes it a TypeError
	}
	*n = Number(f)
	return nil
}
