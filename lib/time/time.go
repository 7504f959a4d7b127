// Package time is the module cells import as time: Python's clocks, to
// time a piece of a cell (t0 = time.perf_counter(); ...; time.perf_counter() - t0).
package time

import (
	gotime "time"

	"go.starlark.net/starlark"

	"pushbook/kernel"
)

// Module is "import time".
var Module = kernel.Module{
	Name: "time",
	Doc:  "clocks: time.perf_counter() and time.monotonic() to time code, time.time() for the date",
	Load: func(*starlark.Thread) (starlark.StringDict, error) { return members, nil },
}

var members = starlark.StringDict{
	"perf_counter": kernel.NewBuiltin("perf_counter", `perf_counter(): seconds from a monotonic clock; subtract two readings to time code`, monotonic),
	"monotonic":    kernel.NewBuiltin("monotonic", `monotonic(): seconds from a monotonic clock, as perf_counter()`, monotonic),
	"time":         kernel.NewBuiltin("time", `time(): seconds since 1970-01-01 00:00 UTC, as a float`, wallClock),
}

// start is the zero of the monotonic clocks.
var start = gotime.Now()

// monotonic is perf_counter() and monotonic(): seconds since the kernel
// started, from Go's monotonic clock.
func monotonic(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	return starlark.Float(gotime.Since(start).Seconds()), nil
}

// wallClock is time(): the Unix time in seconds.
func wallClock(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	return starlark.Float(float64(gotime.Now().UnixNano()) / 1e9), nil
}
