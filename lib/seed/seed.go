// Package seed is the module cells import as seed: the seed notebook's own
// coroutines and generators (coroutine, pushdata, co_process, co_filter,
// co_split, co_sink, co_stopif, running_avg, sender), written in Python as
// the seed wrote them (seed.py), so a cell can use them without retyping.
package seed

import (
	_ "embed"

	"pushbook/kernel"
)

//go:embed seed.py
var source string

// Module is "import seed".
var Module = kernel.PythonModule("seed", "the seed notebook's coroutines, as it wrote them in Python: from seed import coroutine, co_sink", source)
