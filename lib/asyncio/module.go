package asyncio

import (
	"go.starlark.net/starlark"

	"pushbook/kernel"
)

// Module is "import asyncio".
var Module = kernel.Module{
	Name: "asyncio",
	Doc:  "an event loop as asyncio's: gather(*fns) runs tasks that take turns at each wait (sleep, io_source)",
	Load: func(*starlark.Thread) (starlark.StringDict, error) { return members, nil },
}

var members = starlark.StringDict{
	"gather":    kernel.NewBuiltin("gather", `gather(*fns): runs each function as a task of one event loop and returns their results in order; tasks take turns at each wait`, gatherBuiltin),
	"sleep":     kernel.NewBuiltin("sleep", `sleep(seconds): waits; inside a gather task the other tasks run meanwhile (simulated I/O)`, sleepBuiltin),
	"io_source": kernel.NewBuiltin("io_source", `io_source(n, latency=0.01, name="io"): a source of n events {"source": name, "seq": i}, each after latency seconds of simulated I/O`, ioSourceBuiltin),
}
