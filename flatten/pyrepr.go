package flatten

import (
	"math"
	"strconv"
	"strings"
)

// pyFloat formats f as Python's repr does: shortest round-trip digits,
// always with a '.' or an exponent, exponent form below 1e-4 and from 1e16.
func pyFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	if a := math.Abs(f); a != 0 && (a < 1e-4 || a >= 1e16) {
		return strconv.FormatFloat(f, 'e', -1, 64) // Go and Python agree: 1e-05, 1.5e+16
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsAny(s, ".") {
		s += ".0"
	}
	return s
}

// displayFloat shows f rounded to 6 significant digits, as pandas and
// numpy display floats, in Python's repr style (0.317128, 3.0, 1e-05), so
// tables stay readable; CSV and JSON Lines keep every digit.
func displayFloat(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return pyFloat(f)
	}
	rounded, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 6, 64), 64)
	if err != nil {
		return pyFloat(f)
	}
	return pyFloat(rounded)
}

// pyString quotes s as Python's repr does for plain text.
func pyString(s string) string {
	q := "'"
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = `"`
	}
	var b strings.Builder
	b.WriteString(q)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case string(r) == q:
			b.WriteString(`\` + q)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\x` + strconv.FormatInt(int64(r)|0x100, 16)[1:])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString(q)
	return b.String()
}

// pyRepr formats a flat value (scalar, list, record) as Python would.
func pyRepr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return pyFloat(x)
	case string:
		return pyString(x)
	case *Record:
		return x.String()
	}
	if s, _, ok, err := scalar(v); ok && err == nil {
		return pyRepr(s)
	}
	if l, ok := asList(v); ok {
		parts := make([]string, l.n)
		for i := range l.n {
			parts[i] = pyRepr(l.at(i))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return describe(v)
}
