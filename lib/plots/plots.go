package plots

import (
	"fmt"
	"math"

	"go.starlark.net/starlark"

	"pushbook/kernel"
	"pushbook/lib/tables"
	"pushbook/picture"
	"pushbook/pipeline"
)

// Pictures are SVG made in Go by the picture package, so they look the
// same in the page, in a saved .ipynb and in the headless runner.

// Picture is a drawing: shown as a cell's result (or with display) it is
// image/svg+xml with a one-line text/plain description.
type Picture struct {
	svg, text string
}

func (p *Picture) String() string        { return p.text }
func (p *Picture) Type() string          { return "picture" }
func (p *Picture) Freeze()               {}
func (p *Picture) Truth() starlark.Bool  { return starlark.True }
func (p *Picture) Hash() (uint32, error) { return starlark.String(p.svg).Hash() }

// MIMEBundle shows the SVG, with the description as the text fallback.
func (p *Picture) MIMEBundle() map[string]string {
	return map[string]string{"image/svg+xml": p.svg, "text/plain": p.text}
}

// graph(*stages, animate=False, last=5) draws the pipelines below one or
// more heads as one picture. With animate=True it records the last `last`
// values sent into the heads from then on (a pipeline.Tracer armed on every
// stage below them, until last=0 stops it) and shows what it recorded so
// far, for the page's player to replay hop by hop.
func graphBuiltin(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	animate := false
	last := defaultLast
	if err := starlark.UnpackArgs(b.Name(), nil, kwargs, "animate?", &animate, "last?", &last); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return nil, starlark.Errorf(starlark.TypeError, "graph() needs at least one stage")
	}
	heads := make([]*pipeline.Node, len(args))
	for i, a := range args {
		s, ok := a.(*kernel.Stage)
		if !ok {
			return nil, starlark.Errorf(starlark.TypeError, "graph: argument %d is %s, not a stage", i+1, a.Type())
		}
		heads[i] = s.Pipeline().Node()
	}
	if animate {
		return recording(heads, last)
	}
	g := pipeline.Describe(heads...)
	return &Picture{svg: picture.PipelineSVG(g), text: picture.PipelineText(g)}, nil
}

// defaultLast is how many events graph(..., animate=True) keeps; maxLast
// bounds last=, since every kept event is drawn (hidden) in the picture.
const (
	defaultLast = 5
	maxLast     = 100
)

// recording arms a recorder on the pipeline below heads (or finds the one
// armed there, and makes it keep last events) and shows what it recorded.
func recording(heads []*pipeline.Node, last int) (starlark.Value, error) {
	if last < 0 || last > maxLast {
		return nil, starlark.Errorf(starlark.ValueError, "graph: last must be between 0 and %d, got %d", maxLast, last)
	}
	rec := heads[0].Tracer()
	if last == 0 {
		if rec != nil {
			rec.Disarm()
		}
		g := pipeline.Describe(heads...)
		return &Picture{svg: picture.PipelineSVG(g), text: "recording stopped\n" + picture.PipelineText(g)}, nil
	}
	if rec == nil {
		rec = pipeline.NewTracer(last)
		rec.Arm(heads...)
	}
	rec.SetKeep(last)
	journeys := rec.Journeys()
	t := kernel.DescribeTrace(journeys, heads...)
	if len(journeys) == 0 {
		return &kernel.TracePicture{Trace: t, Note: fmt.Sprintf("Recording the last %d events through this pipeline from now on; nothing recorded yet: run the pipeline again to see its last events, then show graph(..., animate=True) again.", last)}, nil
	}
	return &kernel.TracePicture{Trace: t, Note: fmt.Sprintf("The last %d of %d events recorded (recording goes on; graph(..., animate=True, last=0) stops it):", len(journeys), rec.Total())}, nil
}

// maxBins bounds hist's bins= before any work: a histogram wider than this
// cannot be drawn in a notebook, and 10,000,000 bins took 27 s and 1.1 GB.
const maxBins = 100_000

// numbers reads a list, tuple, column, range or other iterable of numbers;
// None (a null in a column) is skipped and counted as NaN is by picture.
// It reaches the cell's checkpoint every itemsPerCheckpoint values, and
// charges the values read, a step each.
func numbers(thread *starlark.Thread, fnName, param string, v starlark.Value) ([]float64, error) {
	it, ok := v.(starlark.Iterable)
	if !ok {
		return nil, starlark.Errorf(starlark.TypeError, "%s: %s must be a list or column of numbers, not %s", fnName, param, v.Type())
	}
	var out []float64
	iter := it.Iterate()
	defer iter.Done()
	var x starlark.Value
	for i := 0; iter.Next(&x); i++ {
		if err := kernel.LoopCheckpoint(thread, i); err != nil {
			return nil, err
		}
		if x == starlark.None {
			out = append(out, math.NaN())
			continue
		}
		f, ok := starlark.AsFloat(x)
		if !ok {
			return nil, starlark.Errorf(starlark.TypeError, "%s: %s[%d] is %s, not a number", fnName, param, i, x.Type())
		}
		out = append(out, f)
	}
	return out, nil
}

// plotOptions are the keyword arguments every plot takes.
type plotOptions struct {
	p picture.Plot
}

func (o *plotOptions) pairs() []any {
	return []any{"title?", &o.p.Title, "xlabel?", &o.p.XLabel, "ylabel?", &o.p.YLabel, "width?", &o.p.Width, "height?", &o.p.Height}
}

// plot(*ys, x=None, names=None, title="", xlabel="", ylabel="") draws one line per y.
func plotBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var o plotOptions
	var xs, names starlark.Value = starlark.None, starlark.None
	pairs := append([]any{"x?", &xs, "names?", &names}, o.pairs()...)
	if err := starlark.UnpackArgs(b.Name(), nil, kwargs, pairs...); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return nil, starlark.Errorf(starlark.TypeError, "plot() needs at least one list or column of y values")
	}
	var x []float64
	if xs != starlark.None {
		var err error
		if x, err = numbers(thread, b.Name(), "x", xs); err != nil {
			return nil, err
		}
	}
	var labels []string
	if names != starlark.None {
		l, ok := names.(starlark.Iterable)
		if !ok {
			return nil, starlark.Errorf(starlark.TypeError, "plot: names must be a list of str")
		}
		for n := range starlark.Elements(l) {
			s, ok := starlark.AsString(n)
			if !ok {
				return nil, starlark.Errorf(starlark.TypeError, "plot: names must be a list of str, found %s", n.Type())
			}
			labels = append(labels, s)
		}
	}
	series := make([]picture.Series, len(args))
	total := 0
	for i, a := range args {
		y, err := numbers(thread, b.Name(), fmt.Sprintf("y%d", i+1), a)
		if err != nil {
			return nil, err
		}
		if x != nil && len(x) != len(y) {
			return nil, starlark.Errorf(starlark.ValueError, "plot: x has %d values but series %d has %d", len(x), i+1, len(y))
		}
		series[i] = picture.Series{X: x, Y: y, Name: seriesName(labels, i, a)}
		total += len(y)
	}
	if err := kernel.Checkpoint(thread, uint64(total)); err != nil { // drawing: a step a point
		return nil, err
	}
	svg, err := picture.Line(o.p, series...)
	if err != nil {
		return nil, starlark.Errorf(starlark.ValueError, "plot: %w", err)
	}
	return &Picture{svg: svg, text: fmt.Sprintf("<line plot %q: %d series, %d points>", o.p.Title, len(series), total)}, nil
}

// seriesName names a series from names=, else from its column's name.
func seriesName(labels []string, i int, v starlark.Value) string {
	if i < len(labels) {
		return labels[i]
	}
	if c, ok := v.(*tables.Column); ok {
		return c.Name()
	}
	return ""
}

// hist(values, bins=10, title="", xlabel="", ylabel="count") draws a histogram.
func histBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var o plotOptions
	o.p.YLabel = "count"
	var values starlark.Value
	bins := 10
	pairs := append([]any{"values", &values, "bins?", &bins}, o.pairs()...)
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, pairs...); err != nil {
		return nil, err
	}
	if bins > maxBins {
		return nil, starlark.Errorf(starlark.ValueError, "hist: bins=%d is too many (at most %d)", bins, maxBins)
	}
	xs, err := numbers(thread, b.Name(), "values", values)
	if err != nil {
		return nil, err
	}
	if o.p.XLabel == "" {
		if c, ok := values.(*tables.Column); ok {
			o.p.XLabel = c.Name()
		}
	}
	if err := kernel.Checkpoint(thread, uint64(len(xs)+bins)); err != nil { // binning and drawing
		return nil, err
	}
	svg, err := picture.Histogram(o.p, xs, bins)
	if err != nil {
		return nil, starlark.Errorf(starlark.ValueError, "hist: %w", err)
	}
	return &Picture{svg: svg, text: fmt.Sprintf("<histogram %q: %d values in %d bins>", o.p.Title, len(xs), bins)}, nil
}

// scatter(x, y, title="", xlabel="", ylabel="") draws one dot per (x, y).
func scatterBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var o plotOptions
	var xv, yv starlark.Value
	pairs := append([]any{"x", &xv, "y", &yv}, o.pairs()...)
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, pairs...); err != nil {
		return nil, err
	}
	x, err := numbers(thread, b.Name(), "x", xv)
	if err != nil {
		return nil, err
	}
	y, err := numbers(thread, b.Name(), "y", yv)
	if err != nil {
		return nil, err
	}
	if len(x) != len(y) {
		return nil, starlark.Errorf(starlark.ValueError, "scatter: x has %d values but y has %d", len(x), len(y))
	}
	if c, ok := xv.(*tables.Column); ok && o.p.XLabel == "" {
		o.p.XLabel = c.Name()
	}
	if c, ok := yv.(*tables.Column); ok && o.p.YLabel == "" {
		o.p.YLabel = c.Name()
	}
	if err := kernel.Checkpoint(thread, uint64(len(x))); err != nil { // drawing: a step a point
		return nil, err
	}
	svg, err := picture.Scatter(o.p, x, y)
	if err != nil {
		return nil, starlark.Errorf(starlark.ValueError, "scatter: %w", err)
	}
	return &Picture{svg: svg, text: fmt.Sprintf("<scatter plot %q: %d points>", o.p.Title, len(x))}, nil
}
