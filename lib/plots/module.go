// Package plots is the module cells import as plots: pipeline graphs with
// the event count of every edge, line plots, histograms and scatter plots,
// drawn in Go as SVG (the picture package), so they look the same in the
// page, in a saved .ipynb and in the headless runner.
package plots

import (
	"go.starlark.net/starlark"

	"pushbook/kernel"
)

// Module is "import plots".
var Module = kernel.Module{
	Name: "plots",
	Doc:  "pictures drawn as SVG: graph(stage) for pipelines, plot, hist and scatter for numbers",
	Load: func(*starlark.Thread) (starlark.StringDict, error) { return members, nil },
}

var members = starlark.StringDict{
	"graph":   kernel.NewBuiltin("graph", `graph(*heads, animate=False, last=5): one picture of the pipelines below the given stages, with each stage's state and each edge's event count; animate=True records the last values sent from then on and replays them hop by hop`, graphBuiltin),
	"plot":    kernel.NewBuiltin("plot", `plot(*ys, x=None, names=None, title="", xlabel="", ylabel=""): a line plot with one line per sequence in ys`, plotBuiltin),
	"hist":    kernel.NewBuiltin("hist", `hist(values, bins=10, title="", xlabel="", ylabel="count"): a histogram of values`, histBuiltin),
	"scatter": kernel.NewBuiltin("scatter", `scatter(x, y, title="", xlabel="", ylabel=""): one dot per (x, y) pair`, scatterBuiltin),
}
