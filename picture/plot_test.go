package picture

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNiceAxisPicksOneTwoOrFiveTimesAPowerOfTen(t *testing.T) {
	tests := []struct {
		name    string
		lo, hi  float64
		target  int
		integer bool
		labels  []string
	}{
		{"round interval", 0, 10, 5, false, []string{"0", "2", "4", "6", "8", "10"}},
		{"widened to whole ticks", 0.13, 0.92, 4, false, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{"negative to positive", -3.2, 7.7, 5, false, []string{"-4", "-2", "0", "2", "4", "6", "8"}},
		{"fives", 0, 23, 5, false, []string{"0", "5", "10", "15", "20", "25"}},
		{"one value gets room around it", 5, 5, 2, false, []string{"4.5", "5.0", "5.5"}},
		{"zero alone", 0, 0, 4, false, []string{"-1.0", "-0.5", "0.0", "0.5", "1.0"}},
		{"counts step by whole numbers", 0, 2, 10, true, []string{"0", "1", "2"}},
		{"large values in exponent form", 0, 3e6, 3, false, []string{"0", "1e+06", "2e+06", "3e+06"}},
		{"tiny steps in exponent form", 0, 3e-5, 3, false, []string{"0", "1e-05", "2e-05", "3e-05"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := niceAxis(tt.lo, tt.hi, tt.target, tt.integer)
			assert.Equal(t, tt.labels, a.labels)
			require.Len(t, a.ticks, len(a.labels))
			assert.Equal(t, a.ticks[0], a.lo)
			assert.Equal(t, a.ticks[len(a.ticks)-1], a.hi)
			assert.LessOrEqual(t, a.lo, tt.lo)
			assert.GreaterOrEqual(t, a.hi, tt.hi)
		})
	}
}

func TestPlotsRefuseWhatTheyCannotDraw(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(-1)
	tests := []struct {
		name   string
		draw   func() (string, error)
		noData bool
		msg    string
	}{
		{"line without series", func() (string, error) { return Line(Plot{}) }, true, ""},
		{"line of empty series", func() (string, error) { return Line(Plot{}, Series{Name: "a"}) }, true, ""},
		{"line of NaN only", func() (string, error) { return Line(Plot{}, Series{Y: []float64{nan, inf}}) }, true, ""},
		{"line with mismatched x", func() (string, error) {
			return Line(Plot{Title: "t"}, Series{Name: "s", X: []float64{1}, Y: []float64{1, 2}})
		}, false, `line plot "t": series 0 "s": 1 x values for 2 y values`},
		{"line too small", func() (string, error) { return Line(Plot{Width: 100}, Series{Y: []float64{1}}) }, false,
			`line plot "": size 100×300 is too small (least 160×120)`},
		{"histogram without bins", func() (string, error) { return Histogram(Plot{}, []float64{1}, 0) }, false,
			`histogram "": bins is 0, must be at least 1`},
		{"histogram of nothing", func() (string, error) { return Histogram(Plot{}, nil, 3) }, true, ""},
		{"histogram of infinities", func() (string, error) { return Histogram(Plot{}, []float64{inf}, 3) }, true, ""},
		{"scatter of nothing", func() (string, error) { return Scatter(Plot{}, nil, nil) }, true, ""},
		{"scatter with a NaN in every pair", func() (string, error) {
			return Scatter(Plot{}, []float64{nan, 1}, []float64{1, nan})
		}, true, ""},
		{"scatter of unequal columns", func() (string, error) {
			return Scatter(Plot{Title: "xy"}, []float64{1}, []float64{1, 2})
		}, false, `scatter plot "xy": 1 x values for 2 y values`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svg, err := tt.draw()
			require.Error(t, err)
			assert.Empty(t, svg)
			assert.Equal(t, tt.noData, errors.Is(err, ErrNoData), "errors.Is(%v, ErrNoData)", err)
			if tt.msg != "" {
				assert.EqualError(t, err, tt.msg)
			}
		})
	}
}

func TestHistogramDrawsABarPerBinAsTallAsItsCount(t *testing.T) {
	values := []float64{0, 1, 1, 2, 2, 2, 2, 3, 3, 4, math.NaN()}
	svg, err := Histogram(Plot{Title: "h"}, values, 4) // bins [0,1) [1,2) [2,3) [3,4]
	require.NoError(t, err)
	root := parseSVG(t, svg)
	bars := root.withAttr("g", "class", "bars")
	require.Len(t, bars, 1)
	require.Len(t, bars[0].Children, 4)
	heights := make([]float64, 4)
	for i, r := range bars[0].Children {
		h, err := strconv.ParseFloat(r.attr("height"), 64)
		require.NoError(t, err)
		heights[i] = h
	}
	counts := []float64{1, 2, 4, 3}
	for i := range heights {
		assert.InDelta(t, heights[2]*counts[i]/4, heights[i], 0.02, "bar %d", i)
	}
	assert.Contains(t, root.texts(), "1 non-finite value skipped")
	assert.Contains(t, root.texts(), "h")
}

func TestHistogramOfOneRepeatedValueHasOneFullBin(t *testing.T) {
	svg, err := Histogram(Plot{}, []float64{7, 7, 7}, 3)
	require.NoError(t, err)
	bars := parseSVG(t, svg).withAttr("g", "class", "bars")[0].Children
	require.Len(t, bars, 3)
	assert.Equal(t, "0", bars[0].attr("height"))
	assert.NotEqual(t, "0", bars[1].attr("height"), "7 falls in the middle bin of [6.5, 7.5]")
	assert.Equal(t, "0", bars[2].attr("height"))
}

func TestLineDrawsEachSeriesWithLegendAndBreaksAtNaN(t *testing.T) {
	svg, err := Line(Plot{Title: "t", XLabel: "event", YLabel: "value"},
		Series{Name: "a", Y: []float64{1, 2, math.NaN(), 4}},
		Series{X: []float64{0, 1, 2}, Y: []float64{3, math.Inf(1), 1}})
	require.NoError(t, err)
	root := parseSVG(t, svg)
	lines := root.withAttr("path", "class", "series")
	require.Len(t, lines, 2)
	assert.Equal(t, palette[0], lines[0].attr("stroke"))
	assert.Equal(t, palette[1], lines[1].attr("stroke"))
	assert.Regexp(t, `^M\S+ \S+ L\S+ \S+ M\S+ \S+$`, lines[0].attr("d"), "NaN lifts the pen")
	assert.Equal(t, 5, root.count("circle"), "markers for the five finite points")
	legend := root.withAttr("g", "class", "legend")
	require.Len(t, legend, 1)
	assert.Equal(t, 2, legend[0].count("path"), "a swatch per series")
	texts := root.texts()
	for _, want := range []string{"t", "event", "value", "a", "series 2", "2 non-finite points skipped"} {
		assert.Contains(t, texts, want)
	}
}

func TestLineWithManyPointsHasNoMarkers(t *testing.T) {
	y := make([]float64, maxMarkers+1)
	svg, err := Line(Plot{}, Series{Y: y})
	require.NoError(t, err)
	root := parseSVG(t, svg)
	assert.Zero(t, root.count("circle"))
	assert.Empty(t, root.withAttr("g", "class", "legend"), "one unnamed series needs no legend")
	for _, s := range root.texts() {
		_, err := strconv.ParseFloat(s, 64)
		assert.NoError(t, err, "only tick labels expected, got %q", s)
	}
}

func TestScatterDrawsADotPerFinitePair(t *testing.T) {
	x := []float64{1, 2, 3, math.NaN(), 5}
	y := []float64{2, 4, 6, 8, math.Inf(1)}
	svg, err := Scatter(Plot{XLabel: "x", YLabel: "y"}, x, y)
	require.NoError(t, err)
	root := parseSVG(t, svg)
	assert.Equal(t, 3, root.count("circle"))
	assert.Contains(t, root.texts(), "2 non-finite points skipped")
	dots := root.withAttr("g", "class", "points")[0].Children
	cx := func(i int) float64 { v, _ := strconv.ParseFloat(dots[i].attr("cx"), 64); return v }
	cy := func(i int) float64 { v, _ := strconv.ParseFloat(dots[i].attr("cy"), 64); return v }
	assert.Less(t, cx(0), cx(1))
	assert.Greater(t, cy(0), cy(1), "larger y is higher up")
	assert.InDelta(t, cx(1)-cx(0), cx(2)-cx(1), 0.02, "equal x steps look equal")
}

func TestPlotsAreDeterministicEscapedAndSized(t *testing.T) {
	p := Plot{Title: `<b>&"quoted"</b>`, XLabel: "x<y", YLabel: "a&b", Width: 640, Height: 200}
	draw := []func() (string, error){
		func() (string, error) { return Line(p, Series{Y: []float64{0.1, 0.3, 0.2}}) },
		func() (string, error) { return Histogram(p, []float64{0.1, 0.3, 0.2}, 2) },
		func() (string, error) { return Scatter(p, []float64{0.1, 0.3}, []float64{0.2, 0.1}) },
	}
	for i, f := range draw {
		first, err := f()
		require.NoError(t, err)
		again, err := f()
		require.NoError(t, err)
		assert.Equal(t, first, again, "plot %d differs between runs", i)
		root := parseSVG(t, first)
		assert.Equal(t, "640", root.attr("width"))
		assert.Equal(t, "200", root.attr("height"))
		assert.Equal(t, "0 0 640 200", root.attr("viewBox"))
		assert.Equal(t, defaultColor, root.attr("color"))
		texts := root.texts()
		for _, want := range []string{p.Title, p.XLabel, p.YLabel} {
			assert.Contains(t, texts, want)
		}
		assert.Zero(t, root.count("b"), "title markup must be text")
	}
}

func TestPlotDefaultsItsSize(t *testing.T) {
	svg, err := Scatter(Plot{}, []float64{1}, []float64{1})
	require.NoError(t, err)
	root := parseSVG(t, svg)
	assert.Equal(t, strconv.Itoa(DefaultWidth), root.attr("width"))
	assert.Equal(t, strconv.Itoa(DefaultHeight), root.attr("height"))
}

func TestNumPrintsAtMostTwoDecimals(t *testing.T) {
	tests := map[float64]string{0: "0", 1.5: "1.5", 2.004: "2", -0.001: "0", 12.345678: "12.35", -3.1: "-3.1", math.NaN(): "0"}
	for in, want := range tests {
		assert.Equal(t, want, num(in), "num(%v)", in)
	}
}

func TestLineThinsLongRunsToPixelColumnExtremes(t *testing.T) {
	const n = 100000
	y := make([]float64, n)
	for i := range y {
		y[i] = math.Sin(float64(i) / 50)
	}
	y[n/2] = 3 // a spike thinning must keep
	svg, err := Line(Plot{}, Series{Y: y})
	require.NoError(t, err)
	root := parseSVG(t, svg)
	d := root.withAttr("path", "class", "series")[0].attr("d")
	points := len(regexp.MustCompile(`[ML]`).FindAllString(d, -1))
	assert.Less(t, points, 4*DefaultWidth, "at most four points per pixel column")
	assert.Greater(t, points, DefaultWidth, "every column drawn")
	assert.Contains(t, root.texts(), "3", "the spike sets the axis")
	top := math.Inf(1)
	for _, m := range regexp.MustCompile(`[ML]\S+ (\S+)`).FindAllStringSubmatch(d, -1) {
		v, err := strconv.ParseFloat(m[1], 64)
		require.NoError(t, err)
		top = min(top, v)
	}
	f, err := newFrame(Plot{}, bounds{lo: 0, hi: n - 1, n: 2}, bounds{lo: -1, hi: 3, n: 2}, false, nil, "")
	require.NoError(t, err)
	assert.InDelta(t, f.py(3), top, 0.01, "the spike is drawn")
}

func TestLineKeepsEveryPointWhenXGoesBack(t *testing.T) {
	x := make([]float64, 3000)
	y := make([]float64, 3000)
	for i := range x {
		x[i] = float64(i % 7)
		y[i] = float64(i)
	}
	svg, err := Line(Plot{}, Series{X: x, Y: y})
	require.NoError(t, err)
	d := parseSVG(t, svg).withAttr("path", "class", "series")[0].attr("d")
	assert.Len(t, regexp.MustCompile(`[ML]`).FindAllString(d, -1), 3000)
}

func TestPlotsOfExtremeValuesFinish(t *testing.T) {
	for _, c := range []struct {
		name string
		draw func() (string, error)
	}{
		{"narrow range at 1e17", func() (string, error) { return Scatter(Plot{}, []float64{0, 1}, []float64{1e17, 1e17 + 64}) }},
		{"line over the whole float range", func() (string, error) { return Line(Plot{}, Series{Y: []float64{1e308, -1e308}}) }},
		{"histogram over the whole float range", func() (string, error) { return Histogram(Plot{}, []float64{-1e308, 1e308}, 10) }},
		{"huge single value", func() (string, error) { return Histogram(Plot{}, []float64{1e300}, 3) }},
	} {
		done := make(chan error, 1)
		go func() { _, err := c.draw(); done <- err }()
		select {
		case err := <-done:
			assert.NoError(t, err, c.name)
		case <-time.After(5 * time.Second):
			require.FailNow(t, "did not finish", c.name)
		}
	}
}
