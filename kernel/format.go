package kernel

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.starlark.net/starlark"
)

// format(value, spec="") is Python's built-in format: it formats value by
// the format-spec mini-language ([[fill]align][sign][0][width][,][.precision][type]).
// Starlark's str.format takes no specs ("{0:>10s}"), so cells write
// format(name, ">10s") where Python writes "{0:>10s}".format(name).
func formatBuiltin(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	var spec string
	if err := starlark.UnpackPositionalArgs(fn.Name(), args, kwargs, 1, &v, &spec); err != nil {
		return nil, err
	}
	s, err := formatValue(v, spec)
	if err != nil {
		return nil, err
	}
	return starlark.String(s), nil
}

func formatBuiltins() starlark.StringDict {
	return starlark.StringDict{"format": starlark.NewBuiltin("format", formatBuiltin)}
}

// formatSpec is a parsed format spec.
type formatSpec struct {
	fill      rune
	align     byte // '<', '>', '^', '=' or 0
	sign      byte // '+', '-', ' ' or 0
	width     int
	alt       bool // '#': 0x, 0o, 0b prefixes
	comma     bool
	precision int // -1: none
	kind      byte
}

func parseFormatSpec(spec string) (formatSpec, error) {
	f := formatSpec{fill: ' ', precision: -1}
	rest := spec
	isAlign := func(c byte) bool { return c == '<' || c == '>' || c == '^' || c == '=' }
	if r, size := utf8.DecodeRuneInString(rest); size > 0 && len(rest) > size && isAlign(rest[size]) {
		f.fill, f.align, rest = r, rest[size], rest[size+1:]
	} else if len(rest) > 0 && isAlign(rest[0]) {
		f.align, rest = rest[0], rest[1:]
	}
	if len(rest) > 0 && (rest[0] == '+' || rest[0] == '-' || rest[0] == ' ') {
		f.sign, rest = rest[0], rest[1:]
	}
	if len(rest) > 0 && rest[0] == '#' {
		f.alt, rest = true, rest[1:]
	}
	if len(rest) > 0 && rest[0] == '0' {
		if f.align == 0 {
			f.fill, f.align = '0', '='
		}
		rest = rest[1:]
	}
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	f.width, _ = strconv.Atoi(rest[:i])
	rest = rest[i:]
	if len(rest) > 0 && rest[0] == ',' {
		f.comma, rest = true, rest[1:]
	}
	if len(rest) > 0 && rest[0] == '.' {
		i = 1
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 1 {
			return f, Errorf("ValueError", "format spec %q: '.' needs a precision", spec)
		}
		f.precision, _ = strconv.Atoi(rest[1:i])
		rest = rest[i:]
	}
	if len(rest) > 1 {
		return f, Errorf("ValueError", "invalid format spec %q", spec)
	}
	if len(rest) == 1 {
		f.kind = rest[0]
	}
	return f, nil
}

// formatValue formats v by spec as Python's format(v, spec) does for str,
// int, float and bool.
func formatValue(v starlark.Value, spec string) (string, error) {
	f, err := parseFormatSpec(spec)
	if err != nil {
		return "", err
	}
	var body string
	numeric := true
	switch x := v.(type) {
	case starlark.String:
		if f.kind != 0 && f.kind != 's' {
			return "", Errorf("ValueError", "unknown format code '%c' for object of type 'str'", f.kind)
		}
		body, numeric = string(x), false
		if f.precision >= 0 && utf8.RuneCountInString(body) > f.precision {
			body = string([]rune(body)[:f.precision])
		}
	case starlark.Bool:
		if f.kind == 0 || f.kind == 's' {
			body, numeric = x.String(), false
			break
		}
		return formatValue(starlark.MakeInt(map[bool]int{true: 1}[bool(x)]), spec)
	case starlark.Int:
		body, err = formatInt(x.BigInt(), f)
	case starlark.Float:
		body, err = formatFloat(float64(x), f)
	default:
		if spec != "" {
			return "", Errorf("TypeError", "unsupported format string passed to %s.__format__", v.Type())
		}
		body, numeric = v.String(), false
	}
	if err != nil {
		return "", err
	}
	return pad(body, f, numeric), nil
}

func formatInt(n *big.Int, f formatSpec) (string, error) {
	switch f.kind {
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		x, _ := new(big.Float).SetInt(n).Float64()
		return formatFloat(x, f)
	}
	neg := n.Sign() < 0
	abs := new(big.Int).Abs(n)
	var digits string
	switch f.kind {
	case 0, 'd', 'n':
		digits = abs.String()
		if f.comma {
			digits = groupThousands(digits)
		}
	case 'x':
		digits = abs.Text(16)
	case 'X':
		digits = strings.ToUpper(abs.Text(16))
	case 'o':
		digits = abs.Text(8)
	case 'b':
		digits = abs.Text(2)
	default:
		return "", Errorf("ValueError", "unknown format code '%c' for object of type 'int'", f.kind)
	}
	if f.alt && f.kind != 0 && strings.IndexByte("xXob", f.kind) >= 0 {
		digits = "0" + string(f.kind) + digits
	}
	return signed(digits, neg, f.sign), nil
}

func formatFloat(x float64, f formatSpec) (string, error) {
	neg := math.Signbit(x) && !math.IsNaN(x)
	x = math.Abs(x)
	prec := f.precision
	var digits string
	switch f.kind {
	case 'f', 'F', '%':
		if prec < 0 {
			prec = 6
		}
		if f.kind == '%' {
			x *= 100
		}
		digits = strconv.FormatFloat(x, 'f', prec, 64)
		if f.kind == '%' {
			digits += "%"
		}
	case 'e', 'E':
		if prec < 0 {
			prec = 6
		}
		digits = strconv.FormatFloat(x, byte(f.kind), prec, 64)
	case 'g', 'G':
		if prec < 0 {
			prec = 6
		}
		digits = strconv.FormatFloat(x, byte(f.kind), max(prec, 1), 64)
	case 0, 'n':
		if prec >= 0 {
			digits = strconv.FormatFloat(x, 'g', max(prec, 1), 64)
		} else {
			digits = starlark.Float(x).String()
		}
	default:
		return "", Errorf("ValueError", "unknown format code '%c' for object of type 'float'", f.kind)
	}
	if math.IsInf(x, 0) {
		digits = "inf"
	} else if math.IsNaN(x) {
		digits = "nan"
	}
	if f.comma {
		intPart, frac, _ := strings.Cut(digits, ".")
		digits = groupThousands(intPart)
		if frac != "" {
			digits += "." + frac
		}
	}
	return signed(digits, neg, f.sign), nil
}

func signed(digits string, neg bool, sign byte) string {
	switch {
	case neg:
		return "-" + digits
	case sign == '+':
		return "+" + digits
	case sign == ' ':
		return " " + digits
	}
	return digits
}

func groupThousands(d string) string {
	var b strings.Builder
	for i, c := range d {
		if i > 0 && (len(d)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// pad fills body to the spec's width; numbers align right by default,
// strings left, and '=' puts the fill between sign and digits.
func pad(body string, f formatSpec, numeric bool) string {
	n := f.width - utf8.RuneCountInString(body)
	if n <= 0 {
		return body
	}
	fill := strings.Repeat(string(f.fill), n)
	align := f.align
	if align == 0 {
		align = '<'
		if numeric {
			align = '>'
		}
	}
	switch align {
	case '>':
		return fill + body
	case '^':
		left := strings.Repeat(string(f.fill), n/2)
		return left + body + strings.Repeat(string(f.fill), n-n/2)
	case '=':
		if len(body) > 0 && (body[0] == '-' || body[0] == '+' || body[0] == ' ') {
			return body[:1] + fill + body[1:]
		}
		return fill + body
	}
	return body + fill
}
