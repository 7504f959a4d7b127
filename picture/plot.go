package picture

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Plot is what every plot shares: its title, axis labels and size in
// pixels. A zero Width or Height means the default (480×300).
type Plot struct {
	Title, XLabel, YLabel string
	Width, Height         int
}

// Series is one line of a line plot: its name (shown in the legend) and
// its points. A nil X means 0, 1, 2, … for the values of Y.
type Series struct {
	Name string
	X, Y []float64
}

// ErrNoData is returned, wrapped, for a plot with no finite value to show.
var ErrNoData = errors.New("no finite values to plot")

// Plot sizes, in pixels.
const (
	// DefaultWidth is the width of a plot whose Width is zero.
	DefaultWidth = 480
	// DefaultHeight is the height of a plot whose Height is zero.
	DefaultHeight = 300
	minWidth      = 160
	minHeight     = 120
)

// Text sizes and spacing of plots, in pixels.
const (
	titleSize   = 14.0
	labelSize   = 12.0
	tickSize    = 11.0
	noteSize    = 10.0
	tickLen     = 4.0
	maxMarkers  = 40 // a line with more points than this gets no point markers
	markerR     = 2.5
	scatterR    = 3.0
	plotPadding = 10.0
)

// size returns the plot's width and height, the defaults for zero.
func (p Plot) size() (w, h float64, err error) {
	wi, hi := p.Width, p.Height
	if wi == 0 {
		wi = DefaultWidth
	}
	if hi == 0 {
		hi = DefaultHeight
	}
	if wi < minWidth || hi < minHeight {
		return 0, 0, fmt.Errorf("size %d×%d is too small (least %d×%d)", wi, hi, minWidth, minHeight)
	}
	return float64(wi), float64(hi), nil
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// bounds is the running extent of the finite values seen.
type bounds struct {
	lo, hi float64
	n      int
}

func (b *bounds) add(v float64) {
	if b.n == 0 || v < b.lo {
		b.lo = v
	}
	if b.n == 0 || v > b.hi {
		b.hi = v
	}
	b.n++
}

// skippedNote says how many values were left out, or nothing.
func skippedNote(skipped int, what string) string {
	switch skipped {
	case 0:
		return ""
	case 1:
		return "1 non-finite " + what + " skipped"
	}
	return strconv.Itoa(skipped) + " non-finite " + what + "s skipped"
}

// frame is a plot's axes placed on its canvas: the plot area's sides in
// pixels, the two scales, the legend and the note under the plot.
type frame struct {
	p                        Plot
	width, height            float64
	x, y                     axis
	left, top, right, bottom float64
	legend                   []string
	note                     string
}

// newFrame fits axes for the data extents into the plot, leaving room for
// the title, legend, tick labels, axis labels and note.
func newFrame(p Plot, xs, ys bounds, yInteger bool, legend []string, note string) (*frame, error) {
	w, h, err := p.size()
	if err != nil {
		return nil, err
	}
	f := &frame{p: p, width: w, height: h, legend: legend, note: note}
	f.top = plotPadding
	if p.Title != "" {
		f.top += titleSize + 10
	}
	if len(legend) > 0 {
		f.top += labelSize + 8
	}
	f.top += 4 // room for the top tick label
	f.bottom = h - plotPadding - tickSize - tickLen - 4
	if p.XLabel != "" {
		f.bottom -= labelSize + 6
	}
	if note != "" {
		f.bottom -= noteSize + 6
	}
	f.y = niceAxis(ys.lo, ys.hi, max(2, int((f.bottom-f.top)/45)), yInteger)
	labelW := 0.0
	for _, s := range f.y.labels {
		labelW = max(labelW, textWidth(s, tickSize))
	}
	f.left = plotPadding + labelW + tickLen + 4
	if p.YLabel != "" {
		f.left += labelSize + 6
	}
	f.right = w - plotPadding - 8
	if f.right-f.left < 40 || f.bottom-f.top < 30 {
		return nil, fmt.Errorf("size %.0f×%.0f leaves no room for the plot area", w, h)
	}
	f.x = fitXAxis(xs, f.right-f.left)
	return f, nil
}

// fitXAxis picks x ticks whose labels do not run into each other.
func fitXAxis(xs bounds, span float64) axis {
	target := max(2, int(span/80))
	for {
		a := niceAxis(xs.lo, xs.hi, target, false)
		widest := 0.0
		for _, s := range a.labels {
			widest = max(widest, textWidth(s, tickSize))
		}
		if target <= 2 || float64(len(a.ticks))*(widest+12) <= span {
			return a
		}
		target--
	}
}

// px and py map data coordinates to pixels.
func (f *frame) px(v float64) float64 { return f.x.scale(v, f.left, f.right) }
func (f *frame) py(v float64) float64 { return f.y.scale(v, f.bottom, f.top) }

// start opens the canvas and draws everything but the data: title, grid,
// axes, ticks, labels, legend and note.
func (f *frame) start(c *canvas, kind string) {
	title := f.p.Title
	if title == "" {
		title = kind
	}
	c.open(f.width, f.height, title)
	if f.p.Title != "" {
		c.text(f.width/2, plotPadding+titleSize, f.p.Title, "text-anchor", "middle", "fill", "currentColor",
			"font-size", num(titleSize), "font-weight", "bold")
	}
	f.grid(c)
	f.tickLabels(c)
	if f.p.XLabel != "" {
		c.text((f.left+f.right)/2, f.bottom+tickLen+tickSize+6+labelSize+4, f.p.XLabel, "text-anchor", "middle",
			"fill", "currentColor", "font-size", num(labelSize))
	}
	if f.p.YLabel != "" {
		x, y := plotPadding+labelSize, (f.top+f.bottom)/2
		c.text(x, y, f.p.YLabel, "text-anchor", "middle", "fill", "currentColor", "font-size", num(labelSize),
			"transform", "rotate(-90 "+num(x)+" "+num(y)+")")
	}
	if f.note != "" {
		c.text(f.right, f.height-plotPadding, f.note, "text-anchor", "end", "fill", "currentColor",
			"font-size", num(noteSize), "opacity", "0.7")
	}
	f.drawLegend(c)
}

// grid draws faint grid lines at the ticks, then the two axis lines and
// tick marks.
func (f *frame) grid(c *canvas) {
	var grid, marks strings.Builder
	for _, t := range f.x.ticks {
		x := num(f.px(t))
		grid.WriteString("M" + x + " " + num(f.top) + " V" + num(f.bottom) + " ")
		marks.WriteString("M" + x + " " + num(f.bottom) + " v" + num(tickLen) + " ")
	}
	for _, t := range f.y.ticks {
		y := num(f.py(t))
		grid.WriteString("M" + num(f.left) + " " + y + " H" + num(f.right) + " ")
		marks.WriteString("M" + num(f.left) + " " + y + " h" + num(-tickLen) + " ")
	}
	c.element("path", "d", strings.TrimSpace(grid.String()), "fill", "none", "stroke", "currentColor",
		"stroke-opacity", "0.14", "class", "grid")
	axes := "M" + num(f.left) + " " + num(f.top) + " V" + num(f.bottom) + " H" + num(f.right)
	c.element("path", "d", axes+" "+strings.TrimSpace(marks.String()), "fill", "none", "stroke", "currentColor",
		"class", "axes")
}

// tickLabels writes the numbers along both axes.
func (f *frame) tickLabels(c *canvas) {
	c.group("fill", "currentColor", "font-size", num(tickSize), "opacity", "0.85")
	for i, t := range f.x.ticks {
		c.text(f.px(t), f.bottom+tickLen+tickSize+2, f.x.labels[i], "text-anchor", "middle")
	}
	for i, t := range f.y.ticks {
		c.text(f.left-tickLen-3, f.py(t)+tickSize*0.35, f.y.labels[i], "text-anchor", "end")
	}
	c.endGroup()
}

// drawLegend writes a swatch and name for each series, right-aligned in a
// row above the plot area.
func (f *frame) drawLegend(c *canvas) {
	if len(f.legend) == 0 {
		return
	}
	y := f.top - 4 - labelSize/2 - 2
	x := f.right
	c.group("class", "legend")
	defer c.endGroup()
	for i := len(f.legend) - 1; i >= 0; i-- {
		name := f.legend[i]
		x -= textWidth(name, labelSize)
		c.text(x, y+labelSize*0.35, name, "fill", "currentColor", "font-size", num(labelSize))
		x -= 22
		c.element("path", "d", "M"+num(x)+" "+num(y)+" h16", "stroke", palette[i%len(palette)], "stroke-width", "3")
		x -= 14
	}
}

// Line draws each series as a line in its own colour over shared axes,
// with a legend when there is more than one series or a series has a
// name. A point with a NaN or infinite coordinate is skipped, breaking the
// line there, and the plot says how many were. Series with more points
// than maxMarkers are drawn without point markers. It is an error for a
// series to have an X of another length than its Y, and for no series to
// have a finite point (ErrNoData).
func Line(p Plot, series ...Series) (string, error) {
	svg, err := line(p, series)
	if err != nil {
		return "", fmt.Errorf("line plot %q: %w", p.Title, err)
	}
	return svg, nil
}

func line(p Plot, series []Series) (string, error) {
	var xs, ys bounds
	skipped := 0
	named := len(series) > 1
	for i, s := range series {
		if s.X != nil && len(s.X) != len(s.Y) {
			return "", fmt.Errorf("series %d %q: %d x values for %d y values", i, s.Name, len(s.X), len(s.Y))
		}
		named = named || s.Name != ""
		for j, y := range s.Y {
			x := xAt(s, j)
			if !finite(x) || !finite(y) {
				skipped++
				continue
			}
			xs.add(x)
			ys.add(y)
		}
	}
	if xs.n == 0 {
		return "", ErrNoData
	}
	var legend []string
	if named {
		for i, s := range series {
			legend = append(legend, cmp.Or(s.Name, "series "+strconv.Itoa(i+1)))
		}
	}
	f, err := newFrame(p, xs, ys, false, legend, skippedNote(skipped, "point"))
	if err != nil {
		return "", err
	}
	var c canvas
	f.start(&c, "line plot")
	for i, s := range series {
		f.drawSeries(&c, s, palette[i%len(palette)])
	}
	return c.close(), nil
}

// xAt is the x of a series' j-th point.
func xAt(s Series, j int) float64 {
	if s.X == nil {
		return float64(j)
	}
	return s.X[j]
}

// drawSeries draws one line, broken at non-finite points, with markers if
// it has few points. A stretch of many points whose x never decreases is
// thinned to the first, lowest, highest and last point of each pixel
// column, which draws the same line in a path of bounded size.
func (f *frame) drawSeries(c *canvas, s Series, colour string) {
	var d, dots strings.Builder
	points := 0
	for _, run := range finiteRuns(s) {
		run = f.thin(run)
		for i, p := range run {
			cmd := "L"
			if i == 0 {
				cmd = "M"
			}
			px, py := num(f.px(p[0])), num(f.py(p[1]))
			d.WriteString(cmd + px + " " + py + " ")
			dots.WriteString(`<circle cx="` + px + `" cy="` + py + `" r="` + num(markerR) + `"/>` + "\n")
		}
		points += len(run)
	}
	if points == 0 {
		return
	}
	c.element("path", "d", strings.TrimSpace(d.String()), "fill", "none", "stroke", colour, "stroke-width", "2",
		"stroke-linejoin", "round", "stroke-linecap", "round", "class", "series")
	if points <= maxMarkers {
		c.group("fill", colour)
		c.raw(dots.String())
		c.endGroup()
	}
}

// finiteRuns splits a series into its stretches of finite points.
func finiteRuns(s Series) [][][2]float64 {
	var runs [][][2]float64
	var run [][2]float64
	for j, y := range s.Y {
		x := xAt(s, j)
		if !finite(x) || !finite(y) {
			if len(run) > 0 {
				runs = append(runs, run)
			}
			run = nil
			continue
		}
		run = append(run, [2]float64{x, y})
	}
	if len(run) > 0 {
		runs = append(runs, run)
	}
	return runs
}

// thin keeps, of a run with more than four points per pixel column and
// non-decreasing x, the first, lowest, highest and last point of each
// column, in their order; other runs it returns as they are.
func (f *frame) thin(run [][2]float64) [][2]float64 {
	if float64(len(run)) <= 4*(f.right-f.left) || !slices.IsSortedFunc(run, func(a, b [2]float64) int {
		return cmp.Compare(a[0], b[0])
	}) {
		return run
	}
	var out [][2]float64
	for start := 0; start < len(run); {
		col := math.Floor(f.px(run[start][0]))
		end, lo, hi := start, start, start
		for end < len(run) && math.Floor(f.px(run[end][0])) == col {
			if run[end][1] < run[lo][1] {
				lo = end
			}
			if run[end][1] > run[hi][1] {
				hi = end
			}
			end++
		}
		keep := []int{start, lo, hi, end - 1}
		slices.Sort(keep)
		for i, k := range keep {
			if i == 0 || k != keep[i-1] {
				out = append(out, run[k])
			}
		}
		start = end
	}
	return out
}

// Histogram counts values into bins equal intervals from the least value to
// the greatest (the last bin includes its upper end) and draws a bar per
// bin. NaN and infinite values are skipped and counted in a note. It is an
// error for bins to be below 1 and for no value to be finite (ErrNoData).
// It costs O(len(values) + bins).
func Histogram(p Plot, values []float64, bins int) (string, error) {
	svg, err := histogram(p, values, bins)
	if err != nil {
		return "", fmt.Errorf("histogram %q: %w", p.Title, err)
	}
	return svg, nil
}

func histogram(p Plot, values []float64, bins int) (string, error) {
	if bins < 1 {
		return "", fmt.Errorf("bins is %d, must be at least 1", bins)
	}
	var xs bounds
	skipped := 0
	for _, v := range values {
		if !finite(v) {
			skipped++
			continue
		}
		xs.add(v)
	}
	if xs.n == 0 {
		return "", ErrNoData
	}
	lo, hi := xs.lo, xs.hi
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	b := float64(bins)
	width := hi/b - lo/b // not (hi-lo)/b, which overflows for ±1e308
	counts := make([]int, bins)
	for _, v := range values {
		if finite(v) {
			i := int(v/width - lo/width) // not (v-lo)/width, for the same reason
			counts[min(bins-1, max(i, 0))]++
		}
	}
	ys := bounds{}
	ys.add(0)
	for _, n := range counts {
		ys.add(float64(n))
	}
	f, err := newFrame(p, bounds{lo: lo, hi: hi, n: 2}, ys, true, nil, skippedNote(skipped, "value"))
	if err != nil {
		return "", err
	}
	var c canvas
	f.start(&c, "histogram")
	c.group("fill", palette[0], "fill-opacity", "0.85", "class", "bars")
	for i, n := range counts {
		x0, x1 := f.px(lo+float64(i)*width), f.px(lo+float64(i+1)*width)
		if i == bins-1 {
			x1 = f.px(hi)
		}
		y := f.py(float64(n))
		gap := min(1, (x1-x0)/4)
		c.element("rect", "x", num(x0+gap/2), "y", num(y), "width", num(max(0, x1-x0-gap)), "height", num(f.bottom-y))
	}
	c.endGroup()
	return c.close(), nil
}

// Scatter draws a dot at each (x[i], y[i]). A pair with a NaN or infinite
// coordinate is skipped and counted in a note. It is an error for x and y
// to differ in length and for no pair to be finite (ErrNoData). Each dot is
// one <circle>, so the picture grows by about 50 bytes a point.
func Scatter(p Plot, x, y []float64) (string, error) {
	svg, err := scatter(p, x, y)
	if err != nil {
		return "", fmt.Errorf("scatter plot %q: %w", p.Title, err)
	}
	return svg, nil
}

func scatter(p Plot, x, y []float64) (string, error) {
	if len(x) != len(y) {
		return "", fmt.Errorf("%d x values for %d y values", len(x), len(y))
	}
	var xs, ys bounds
	skipped := 0
	for i := range x {
		if !finite(x[i]) || !finite(y[i]) {
			skipped++
			continue
		}
		xs.add(x[i])
		ys.add(y[i])
	}
	if xs.n == 0 {
		return "", ErrNoData
	}
	f, err := newFrame(p, xs, ys, false, nil, skippedNote(skipped, "point"))
	if err != nil {
		return "", err
	}
	var c canvas
	f.start(&c, "scatter plot")
	c.group("fill", palette[0], "fill-opacity", "0.75", "class", "points")
	for i := range x {
		if finite(x[i]) && finite(y[i]) {
			c.raw(`<circle cx="` + num(f.px(x[i])) + `" cy="` + num(f.py(y[i])) + `" r="` + num(scatterR) + `"/>` + "\n")
		}
	}
	c.endGroup()
	return c.close(), nil
}
