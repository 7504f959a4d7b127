// Package lib lists the modules pushbook's cells can import, for the hosts
// (the browser's wasm/ bridge and the headless runner) to pass to
// kernel.Options.Modules. Each module is a Go package of its own under
// lib/, as go.starlark.net's lib/math and lib/time are; the kernel knows
// none of them.
package lib

import (
	starlarkmath "go.starlark.net/lib/math"
	"go.starlark.net/starlark"

	"pushbook/kernel"
	"pushbook/lib/asyncio"
	"pushbook/lib/collections"
	"pushbook/lib/files"
	"pushbook/lib/functools"
	"pushbook/lib/numpy"
	"pushbook/lib/plots"
	"pushbook/lib/random"
	"pushbook/lib/seed"
	"pushbook/lib/stages"
	"pushbook/lib/tables"
	"pushbook/lib/time"
)

// Modules returns every module a cell may import.
func Modules() []kernel.Module {
	return []kernel.Module{
		stages.Module,
		tables.Module,
		plots.Module,
		files.Module,
		asyncio.Module,
		random.Module,
		functools.Module,
		time.Module,
		collections.Module,
		collections.ABCModule,
		numpy.Module,
		numpy.LibModule,
		numpy.RecfunctionsModule,
		seed.Module,
		math,
	}
}

// math is go.starlark.net's lib/math: Python's math functions and constants.
var math = kernel.Module{
	Name: "math",
	Doc:  "mathematical functions and constants, as Python's math: math.sqrt(2), math.pi",
	Load: func(*starlark.Thread) (starlark.StringDict, error) { return starlarkmath.Module.Members, nil },
}
