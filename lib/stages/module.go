// Package stages is the module cells import as stages: the push stage
// library (process, filter, split, thin, broadcast, stopif, take, scan,
// running_average, batch), sinks (printer, counter, sink, collect), the
// source push(values, head), trace(head, value) (one value's journey as a
// picture, see trace.go), and fast functions (add, mul, greater, less,
// multiple_of, negate) that run per value in Go.
//
// Each builtin makes a kernel.Stage over the pipeline package's Go stage of
// the same role, so values move at Go speed; Starlark runs per value only
// where a cell passes a Starlark function in.
package stages

import (
	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"pushbook/kernel"
	"pushbook/pipeline"
)

// Module is "import stages". "from stages import *" brings every name but
// filter, which would hide Python's built-in filter: write stages.filter.
var Module = kernel.Module{
	Name:   "stages",
	Doc:    "push pipeline stages that run in Go: import stages; stages.push(range(10), stages.printer(\"out\"))",
	Load:   func(*starlark.Thread) (starlark.StringDict, error) { return members, nil },
	NoStar: []string{"filter"},
}

var members = starlark.StringDict{
	"process":         kernel.NewBuiltin("process", `process(fn, output, name="process"): a stage that sends fn(v) to output for every value v (the seed's co_process)`, processBuiltin),
	"filter":          kernel.NewBuiltin("filter", `filter(pred, output, other=None): a stage that sends v to output when pred(v) is true, else to other`, filterBuiltin),
	"split":           kernel.NewBuiltin("split", `split(output, side, every=2): a stage that sends every value to output and every Nth also to side (the seed's co_split)`, everyStage(pipeline.Split[value], "side", 2)),
	"thin":            kernel.NewBuiltin("thin", `thin(output, thinout, every=1000): a stage that sends most values to output and every Nth to thinout instead (the seed's thinsplit)`, everyStage(pipeline.Thin[value], "thinout", 1000)),
	"broadcast":       kernel.NewBuiltin("broadcast", `broadcast(*outputs): a stage that sends every value to each output in order (a tee)`, broadcastBuiltin),
	"stopif":          kernel.NewBuiltin("stopif", `stopif(pred, output): a stage that passes values on until pred(v) is true, then stops and closes output (the seed's co_stopif)`, stopifBuiltin),
	"take":            kernel.NewBuiltin("take", `take(n, output): a stage that passes the first n values on, then stops`, takeBuiltin),
	"scan":            kernel.NewBuiltin("scan", `scan(fn, init, output): a stage that sends the running fold acc = fn(acc, v) on`, scanBuiltin),
	"running_average": kernel.NewBuiltin("running_average", `running_average(output): a stage that sends the mean of all values so far after each`, runningAverageBuiltin),
	"batch":           kernel.NewBuiltin("batch", `batch(size, output): a stage that sends lists of size values on (the last may be shorter)`, batchBuiltin),
	"printer":         kernel.NewBuiltin("printer", `printer(name): a sink that prints each value as "      name RECEIVED: v" (the seed's co_sink)`, printerBuiltin),
	"counter":         kernel.NewBuiltin("counter", `counter(name): a sink that keeps only the count of values it received (.received)`, counterBuiltin),
	"sink":            kernel.NewBuiltin("sink", `sink(fn, name="sink"): a sink that calls fn(v) for every value`, sinkBuiltin),
	"collect":         kernel.NewBuiltin("collect", `collect(name="collect"): a sink that keeps every value in its .values list`, collectBuiltin),
	"push":            kernel.NewBuiltin("push", `push(source, head, block=1): sends every value of source into head at Go speed and returns how many were sent`, pushBuiltin),
	"trace":           kernel.NewBuiltin("trace", `trace(head, value): sends one value into head and shows its journey: the edges it took, numbered in order, what each stage made of it and where it ended`, traceBuiltin),
	"add":             kernel.NewBuiltin("add", `add(k): the function v + k, run in Go`, binaryFast(syntax.PLUS)),
	"mul":             kernel.NewBuiltin("mul", `mul(k): the function v * k, run in Go`, binaryFast(syntax.STAR)),
	"greater":         kernel.NewBuiltin("greater", `greater(k): the test v > k, run in Go`, binaryFast(syntax.GT)),
	"less":            kernel.NewBuiltin("less", `less(k): the test v < k, run in Go`, binaryFast(syntax.LT)),
	"multiple_of":     kernel.NewBuiltin("multiple_of", `multiple_of(n): the test v % n == 0, run in Go`, binaryFast(syntax.PERCENT)),
	"negate":          kernel.NewBuiltin("negate", `negate(pred): the test not pred(v), run in Go when pred does`, negateBuiltin),
}
