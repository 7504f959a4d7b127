package picture

import (
	"math"
	"strconv"
	"strings"
)

// axis is one scale of a plot: the data interval it shows, rounded out to
// whole ticks, and the ticks with their labels.
type axis struct {
	lo, hi float64
	ticks  []float64
	labels []string
}

// niceAxis picks about target ticks at 1, 2 or 5 times a power of ten
// covering [lo, hi], and widens the interval to the outermost ticks. A
// single value gets an interval around it. With integer set, the step is
// never below 1 (for counts).
func niceAxis(lo, hi float64, target int, integer bool) axis {
	if lo == hi {
		pad := math.Abs(lo) * 0.1
		if pad == 0 {
			pad = 1
		}
		lo, hi = lo-pad, hi+pad
		if integer && lo < 0 && hi > 0 && lo > -1 {
			lo = 0
		}
	}
	t := float64(max(target, 1))
	step := niceStep(hi/t - lo/t) // not (hi-lo)/t, which overflows for ±1e308
	if integer {
		step = max(step, 1)
	}
	first := math.Floor(lo/step + 1e-9)
	last := math.Ceil(hi/step - 1e-9)
	n := int(min(max(last-first, 0), 100)) // at most 100 steps, even when rounding loses the step
	a := axis{lo: first * step, hi: (first + float64(n)) * step}
	dec := decimals(step)
	// Count ticks with an int: past 2^53, first+1 == first and a float
	// counter would never reach last.
	for i := 0; i <= n; i++ {
		v := (first + float64(i)) * step
		a.ticks = append(a.ticks, v)
		a.labels = append(a.labels, tickLabel(v, dec, math.Max(math.Abs(a.lo), math.Abs(a.hi))))
	}
	return a
}

// niceStep rounds raw to the nearest (on a log scale) of 1, 2 or 5 times
// a power of ten, as d3's ticks do.
func niceStep(raw float64) float64 {
	if raw <= 0 || math.IsNaN(raw) || math.IsInf(raw, 0) {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	switch norm := raw / mag; {
	case norm >= math.Sqrt(50):
		return 10 * mag
	case norm >= math.Sqrt(10):
		return 5 * mag
	case norm >= math.Sqrt2:
		return 2 * mag
	}
	return mag
}

// decimals is how many digits after the point tell ticks a step apart.
func decimals(step float64) int {
	return max(0, int(-math.Floor(math.Log10(step)+1e-9)))
}

// tickLabel formats a tick: fixed point with dec decimals, or exponent
// form when the axis reaches a million or its step is below 1e-4.
func tickLabel(v float64, dec int, reach float64) string {
	if math.Abs(v) < 1e-12*reach {
		v = 0
	}
	var s string
	if reach >= 1e6 || dec > 4 {
		s = strconv.FormatFloat(v, 'g', 4, 64)
	} else {
		s = strconv.FormatFloat(v, 'f', dec, 64)
	}
	if s == "-0" || strings.HasPrefix(s, "-0") && strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// scale maps v on a to the pixel interval [p0, p1].
func (a axis) scale(v, p0, p1 float64) float64 {
	return p0 + (v-a.lo)/(a.hi-a.lo)*(p1-p0)
}
