// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package starlark

// This file is the pushbook fork's port of Python's format-spec
// mini-language (FORK.md), which format(value, spec) and the replacement
// fields of str.format ("{0:>10s}") use:
//
//	[[fill]align][sign][z][#][0][width][grouping][.precision][type]
//
// align is < (left), > (right), ^ (centre) or = (padding after the sign);
// sign is +, - or a space; z shows a negative float that rounds to zero
// as zero; # asks for 0x-style prefixes and a decimal point that is always
// there; 0 pads numbers with zeros after the sign; grouping is , or _
// (every 3 digits, or 4 for b, o, x and X). The types are s for str;
// d, n, b, o, x, X and c for int; e, E, f, F, g, G, n and % for float
// (and for int, converted). A bool formats as an int, but as True or False
// with an empty spec; other values accept only the empty spec. Results and
// errors (ValueError, TypeError, OverflowError) are Python 3.11's.
//
// With PythonRepr set, the % operator is Python's too ("%-5d|%.2f"),
// laid out by the same code.

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FormatValue returns v formatted by spec, as Python's format(v, spec)
// does. An empty spec gives str(v). Its cost is linear in the result.
func FormatValue(v Value, spec string) (string, error) {
	if spec == "" {
		return strOf(v), nil
	}
	switch v := v.(type) {
	case String:
		return formatStr(string(v), spec)
	case Bool:
		return formatInt(MakeInt(b2i(bool(v))), spec, "bool")
	case Int:
		return formatInt(v, spec, "int")
	case Float:
		f, err := parseFormatSpec(spec, "float", 0, '>')
		if err != nil {
			return "", err
		}
		return formatFloat(float64(v), &f)
	}
	return "", errorf(TypeError, "unsupported format string passed to %s.__format__", v.Type())
}

// strOf returns Python's str(v) as format and str.format show it: a
// string's contents, an exception's message, else v's repr.
func strOf(v Value) string {
	switch v := v.(type) {
	case String:
		return string(v)
	case *Exception:
		return v.Message()
	}
	return toString(v)
}

// A formatSpec is a parsed format spec.
type formatSpec struct {
	fill      rune
	align     byte // '<', '>', '^' or '='
	sign      byte // '+', '-', ' ' or 0
	noNegZero bool // 'z'
	alt       bool // '#'
	width     int
	grouping  byte // ',', '_' or 0
	precision int  // -1: none
	kind      byte // the presentation type, or 0
}

// maxFormatWidth bounds widths and precisions before any text is made, as
// maxAlloc bounds repeats, but tighter: a width is padding written in one
// Go call that no step budget or Stop can interrupt, and a million
// characters of it is more than any notebook shows
// (format(1.5, ">100000000f") took 3 s).
const maxFormatWidth = 1_000_000

// formatWidthError is the ValueError of a width or precision beyond
// maxFormatWidth; what is "width" or "precision", n as the spec gave it.
func formatWidthError(what string, n any) error {
	return errorf(ValueError, "format %s %v too large (at most %d)", what, n, maxFormatWidth)
}

// parseFormatSpec parses spec for a value of the named Python type, whose
// presentation type and alignment default to kind and align.
func parseFormatSpec(spec, typeName string, kind, align byte) (formatSpec, error) {
	f := formatSpec{fill: ' ', align: align, precision: -1, kind: kind}
	rest := spec
	fillSet, alignSet := false, false
	if r, size := utf8.DecodeRuneInString(rest); size < len(rest) && isFormatAlign(rest[size]) {
		f.fill, f.align, rest, fillSet, alignSet = r, rest[size], rest[size+1:], true, true
	} else if rest != "" && isFormatAlign(rest[0]) {
		f.align, rest, alignSet = rest[0], rest[1:], true
	}
	if rest != "" && (rest[0] == '+' || rest[0] == '-' || rest[0] == ' ') {
		f.sign, rest = rest[0], rest[1:]
	}
	if rest != "" && rest[0] == 'z' {
		f.noNegZero, rest = true, rest[1:]
	}
	if rest != "" && rest[0] == '#' {
		f.alt, rest = true, rest[1:]
	}
	if !fillSet && rest != "" && rest[0] == '0' {
		f.fill = '0'
		if !alignSet && align == '>' { // numbers only
			f.align = '='
		}
		rest = rest[1:]
	}
	var err error
	if f.width, rest, err = formatSpecNumber("width", rest); err != nil {
		return f, err
	}
	if rest != "" && rest[0] == ',' {
		f.grouping, rest = ',', rest[1:]
	}
	if rest != "" && rest[0] == '_' {
		if f.grouping != 0 {
			return f, errorf(ValueError, "Cannot specify both ',' and '_'.")
		}
		f.grouping, rest = '_', rest[1:]
	}
	if rest != "" && rest[0] == ',' && f.grouping == '_' {
		return f, errorf(ValueError, "Cannot specify both ',' and '_'.")
	}
	if rest != "" && rest[0] == '.' {
		if rest = rest[1:]; rest == "" || rest[0] < '0' || rest[0] > '9' {
			return f, errorf(ValueError, "Format specifier missing precision")
		}
		if f.precision, rest, err = formatSpecNumber("precision", rest); err != nil {
			return f, err
		}
	}
	if len(rest) > 1 {
		return f, errorf(ValueError, "Invalid format specifier '%s' for object of type '%s'", spec, typeName)
	}
	if rest != "" {
		f.kind = rest[0]
	}
	return f, f.checkGrouping()
}

func isFormatAlign(c byte) bool { return c == '<' || c == '>' || c == '^' || c == '=' }

// formatSpecNumber parses the decimal number at the start of s (0 if
// none), the width or precision named by what, and returns it with the
// rest of s.
func formatSpecNumber(what, s string) (int, string, error) {
	n, i := 0, 0
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		if n > math.MaxInt32 {
			return 0, s, errorf(ValueError, "Too many decimal digits in format string")
		}
		n = n*10 + int(s[i]-'0')
	}
	if n > maxFormatWidth {
		return 0, s, formatWidthError(what, n)
	}
	return n, s[i:], nil
}

// checkGrouping rejects a grouping option that the type does not allow.
func (f *formatSpec) checkGrouping() error {
	if f.grouping == 0 || strings.IndexByte("deEfFgG%", f.kind) >= 0 || f.kind == 0 {
		return nil
	}
	if f.grouping == '_' && strings.IndexByte("boxX", f.kind) >= 0 {
		return nil
	}
	if f.kind < ' ' || f.kind > '~' {
		return errorf(ValueError, "Cannot specify '%c' with '\\x%x'.", f.grouping, f.kind)
	}
	return errorf(ValueError, "Cannot specify '%c' with '%c'.", f.grouping, f.kind)
}

func formatStr(s, spec string) (string, error) {
	f, err := parseFormatSpec(spec, "str", 's', '<')
	if err != nil {
		return "", err
	}
	switch {
	case f.kind != 's':
		return "", unknownFormatCode(f.kind, "str")
	case f.sign == ' ':
		return "", errorf(ValueError, "Space not allowed in string format specifier")
	case f.sign != 0:
		return "", errorf(ValueError, "Sign not allowed in string format specifier")
	case f.noNegZero:
		return "", errorf(ValueError, "Negative zero coercion (z) not allowed in string format specifier")
	case f.alt:
		return "", errorf(ValueError, "Alternate form (#) not allowed in string format specifier")
	case f.align == '=':
		return "", errorf(ValueError, "'=' alignment not allowed in string format specifier")
	}
	return f.pad("", truncate(s, f.precision)), nil
}

// truncate returns the first n code points of s, or s if n < 0.
func truncate(s string, n int) string {
	if n < 0 {
		return s
	}
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func unknownFormatCode(kind byte, typeName string) error {
	if kind < ' ' || kind > '~' {
		return errorf(ValueError, "Unknown format code '\\x%x' for object of type '%s'", kind, typeName)
	}
	return errorf(ValueError, "Unknown format code '%c' for object of type '%s'", kind, typeName)
}

// formatInt formats x, an int or (typeName "bool") a bool.
func formatInt(x Int, spec, typeName string) (string, error) {
	f, err := parseFormatSpec(spec, typeName, 'd', '>')
	if err != nil {
		return "", err
	}
	base := 10
	switch f.kind {
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		fl, err := x.finiteFloat()
		if err != nil {
			return "", err
		}
		return formatFloat(float64(fl), &f)
	case 'd', 'n', 'c':
	case 'x', 'X':
		base = 16
	case 'o':
		base = 8
	case 'b':
		base = 2
	default:
		return "", unknownFormatCode(f.kind, typeName)
	}
	if f.precision >= 0 {
		return "", errorf(ValueError, "Precision not allowed in integer format specifier")
	}
	if f.noNegZero {
		return "", errorf(ValueError, "Negative zero coercion (z) not allowed in integer format specifier")
	}
	if f.kind == 'c' {
		return formatIntChar(x, &f)
	}
	digits := x.text(base)
	neg := strings.HasPrefix(digits, "-")
	digits = strings.TrimPrefix(digits, "-")
	prefix := ""
	if f.alt && base != 10 {
		prefix = "0" + string(f.kind)
	}
	if f.kind == 'X' {
		digits = strings.ToUpper(digits)
	}
	return f.number(neg, prefix, digits, ""), nil
}

// text returns x in the given base, lower-case, with a leading '-' if
// negative.
func (x Int) text(base int) string {
	small, big := x.get()
	if big != nil {
		return big.Text(base)
	}
	return strconv.FormatInt(small, base)
}

func formatIntChar(x Int, f *formatSpec) (string, error) {
	if f.sign != 0 {
		return "", errorf(ValueError, "Sign not allowed with integer format specifier 'c'")
	}
	if f.alt {
		return "", errorf(ValueError, "Alternate form (#) not allowed with integer format specifier 'c'")
	}
	r, ok := x.Int64()
	if !ok {
		return "", errorf(OverflowError, "Python int too large to convert to C long")
	}
	if r < 0 || r > unicode.MaxRune {
		return "", errorf(OverflowError, "%%c arg not in range(0x110000)")
	}
	return f.pad("", string(rune(r))), nil
}

func formatFloat(x float64, f *formatSpec) (string, error) {
	kind, prec := f.kind, f.precision
	addDot0, percent := false, false
	switch kind {
	case 0: // like repr(x), or like 'g' with a precision, always with a '.'
		addDot0, kind = true, 'r'
		if prec >= 0 {
			kind = 'g'
		}
	case 'n':
		kind = 'g'
	case '%':
		kind, percent, x = 'f', true, x*100
	case 'e', 'E', 'f', 'F', 'g', 'G':
	default:
		return "", unknownFormatCode(kind, "float")
	}
	if prec < 0 {
		prec = 6
	}
	neg := math.Signbit(x) && !math.IsNaN(x)
	var digits, rest string
	if math.IsInf(x, 0) || math.IsNaN(x) {
		rest = "inf"
		if math.IsNaN(x) {
			rest = "nan"
		}
	} else {
		s := floatText(math.Abs(x), kind|0x20, prec, f.alt, addDot0)
		if f.noNegZero && neg && strings.Trim(s[:strings.IndexAny(s+"e", "e")], "0.") == "" {
			neg = false
		}
		end := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
		if end < 0 {
			end = len(s)
		}
		digits, rest = s[:end], s[end:]
	}
	if kind == 'E' || kind == 'F' || kind == 'G' {
		rest = strings.ToUpper(rest)
	}
	if percent {
		rest += "%"
	}
	return f.number(neg, "", digits, rest), nil
}

// floatText formats x >= 0 (finite) as Python's float formatting does for
// the lower-case kind e, f, g or r (repr's shortest form), with prec
// digits after the point (e, f) or significant digits (g). alt keeps the
// point (and g's trailing zeros); addDot0 adds ".0" to an integer-looking
// fixed-point result.
func floatText(x float64, kind byte, prec int, alt, addDot0 bool) string {
	var s string
	switch kind {
	case 'f':
		s = strconv.FormatFloat(x, 'f', prec, 64)
	case 'e':
		s = strconv.FormatFloat(x, 'e', prec, 64)
	case 'g', 'r':
		s = floatTextG(x, kind, prec, alt, addDot0)
	}
	if alt && !strings.Contains(s, ".") {
		if i := strings.IndexByte(s, 'e'); i >= 0 {
			s = s[:i] + "." + s[i:]
		} else {
			s += "."
		}
	}
	return s
}

// floatTextG is floatText for g and r: the exponent form when the decimal
// exponent is below -4 or beyond the precision (16 for r), else the fixed
// point form.
func floatTextG(x float64, kind byte, prec int, alt, addDot0 bool) string {
	prec = max(prec, 1)
	e := strconv.FormatFloat(x, 'e', prec-1, 64)
	limit := prec
	if addDot0 {
		limit = prec - 1
	}
	if kind == 'r' {
		e = strconv.FormatFloat(x, 'e', -1, 64)
		limit = 16
	}
	i := strings.IndexByte(e, 'e')
	exp, _ := strconv.Atoi(e[i+1:])
	decpt := exp + 1
	if decpt <= -4 || decpt > limit {
		mantissa := e[:i]
		if !alt && kind == 'g' && strings.Contains(mantissa, ".") {
			mantissa = strings.TrimRight(strings.TrimRight(mantissa, "0"), ".")
		}
		return mantissa + e[i:]
	}
	var s string
	if kind == 'r' {
		s = strconv.FormatFloat(x, 'f', -1, 64)
	} else {
		s = strconv.FormatFloat(x, 'f', prec-decpt, 64)
		if !alt && strings.Contains(s, ".") {
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
	}
	if addDot0 && !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// pythonFloatRepr returns repr(x) as Python 3 shows it: the shortest
// digits that read back as x, in exponent form below 1e-4 and from 1e16.
func pythonFloatRepr(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	case math.Signbit(x):
		return "-" + floatText(-x, 'r', 0, false, true)
	}
	return floatText(x, 'r', 0, false, true)
}

// number lays out a number: its sign, prefix (0x), integer digits (which
// it groups) and the rest (fraction, exponent, %), padded to the width.
func (f *formatSpec) number(neg bool, prefix, digits, rest string) string {
	lead := prefix
	switch {
	case neg:
		lead = "-" + prefix
	case f.sign == '+' || f.sign == ' ':
		lead = string(f.sign) + prefix
	}
	if f.grouping != 0 && digits != "" {
		size := 3
		if strings.IndexByte("boxX", f.kind) >= 0 {
			size = 4
		}
		minWidth := 0
		if f.fill == '0' && f.align == '=' {
			minWidth = f.width - len(lead) - len(rest)
		}
		digits = groupDigits(digits, f.grouping, size, minWidth)
	}
	return f.pad(lead, digits+rest)
}

// groupDigits puts sep between groups of size digits, counting from the
// right, after padding digits with zeros to minWidth characters (separators
// included), as Python's zero padding does: format(1234, "08,") is
// "0,001,234".
func groupDigits(digits string, sep byte, size, minWidth int) string {
	var groups []string // right to left
	n := len(digits)
	for {
		l := min(max(n, minWidth, 1), size)
		chars := max(0, min(l, n))
		groups = append(groups, strings.Repeat("0", l-chars)+digits[n-chars:n])
		n -= chars
		minWidth -= l
		if n <= 0 && minWidth <= 0 {
			break
		}
		minWidth-- // the separator
	}
	var out strings.Builder
	for i := len(groups) - 1; i >= 0; i-- {
		out.WriteString(groups[i])
		if i > 0 {
			out.WriteByte(sep)
		}
	}
	return out.String()
}

// pad fills lead+body out to the width, putting the fill between them for
// '=' alignment. Widths count code points.
func (f *formatSpec) pad(lead, body string) string {
	n := f.width - utf8.RuneCountInString(lead) - utf8.RuneCountInString(body)
	if n <= 0 {
		return lead + body
	}
	fill := string(f.fill)
	switch f.align {
	case '<':
		return lead + body + strings.Repeat(fill, n)
	case '^':
		return strings.Repeat(fill, n/2) + lead + body + strings.Repeat(fill, n-n/2)
	case '=':
		return lead + strings.Repeat(fill, n) + body
	}
	return strings.Repeat(fill, n) + lead + body
}

// pythonInterpolate returns format % x as Python 3 computes it, for
// PythonRepr: conversions %[(key)][flags][width][.precision]type with
// flags among "#0-+ ", a width or precision of * taken from the
// arguments, and the types d i u o x X e E f F g G c s r a and %.
func pythonInterpolate(format string, x Value) (Value, error) {
	p := printf{args: Tuple{x}}
	if t, ok := x.(Tuple); ok {
		p.args = t
	}
	p.mapping, _ = x.(Mapping)
	var buf strings.Builder
	for {
		i := strings.IndexByte(format, '%')
		if i < 0 {
			buf.WriteString(format)
			break
		}
		buf.WriteString(format[:i])
		s, rest, err := p.conversion(format[i+1:])
		if err != nil {
			return nil, err
		}
		buf.WriteString(s)
		format = rest
	}
	if _, isTuple := x.(Tuple); p.index < len(p.args) && (p.mapping == nil || isTuple) {
		return nil, errorf(TypeError, "not all arguments converted during string formatting")
	}
	return String(buf.String()), nil
}

// printf is the state of one % operation: its arguments and how many of
// them conversions have used.
type printf struct {
	args    Tuple
	index   int
	mapping Mapping // x, if it is one, for %(key)s
}

func (p *printf) next() (Value, error) {
	if p.index >= len(p.args) {
		return nil, errorf(TypeError, "not enough arguments for format string")
	}
	p.index++
	return p.args[p.index-1], nil
}

// conversion formats the conversion at the start of s (after its '%')
// and returns the rest of s.
func (p *printf) conversion(s string) (string, string, error) {
	if strings.HasPrefix(s, "%") {
		return "%", s[1:], nil
	}
	var arg Value
	if strings.HasPrefix(s, "(") {
		key, rest, err := p.key(s[1:])
		if err != nil {
			return "", "", err
		}
		arg, s = key, rest
	}
	f := formatSpec{fill: ' ', align: '>', precision: -1}
	zero := false
	for ; s != "" && strings.IndexByte("-+ #0", s[0]) >= 0; s = s[1:] {
		switch s[0] {
		case '-':
			f.align = '<'
		case '+':
			f.sign = '+'
		case ' ':
			if f.sign == 0 {
				f.sign = ' '
			}
		case '#':
			f.alt = true
		case '0':
			zero = true
		}
	}
	var err error
	if f.width, s, err = p.number("width", s); err != nil {
		return "", "", err
	}
	if f.width < 0 { // a negative * width
		f.align, f.width = '<', -f.width
	}
	if strings.HasPrefix(s, ".") {
		if f.precision, s, err = p.number("precision", s[1:]); err != nil {
			return "", "", err
		}
		f.precision = max(f.precision, 0)
	}
	if s != "" && strings.IndexByte("hlL", s[0]) >= 0 {
		s = s[1:] // a length modifier, which Python ignores
	}
	if s == "" {
		return "", "", errorf(ValueError, "incomplete format")
	}
	f.kind, s = s[0], s[1:]
	if arg == nil {
		if arg, err = p.next(); err != nil {
			return "", "", err
		}
	}
	if zero && f.align != '<' && strings.IndexByte("diuoxXeEfFgG", f.kind) >= 0 {
		f.fill, f.align = '0', '='
	}
	out, err := f.printf(arg)
	return out, s, err
}

// key returns the value of the mapping key at the start of s, up to its
// closing parenthesis, and the rest of s.
func (p *printf) key(s string) (Value, string, error) {
	depth := 1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				if p.mapping == nil {
					return nil, "", errorf(TypeError, "format requires a mapping")
				}
				key := String(s[:i])
				v, found, err := p.mapping.Get(key)
				if err != nil {
					return nil, "", err
				}
				if !found {
					return nil, "", keyError(key, "key not found: %s", key.GoString())
				}
				return v, s[i+1:], nil
			}
		}
	}
	return nil, "", errorf(ValueError, "incomplete format key")
}

// number returns the width or precision (named by what) at the start of
// s: digits, or * for the next argument.
func (p *printf) number(what, s string) (int, string, error) {
	if !strings.HasPrefix(s, "*") {
		return formatSpecNumber(what, s)
	}
	arg, err := p.next()
	if err != nil {
		return 0, "", err
	}
	n, ok := arg.(Int)
	if !ok {
		return 0, "", errorf(TypeError, "* wants int")
	}
	i, err := AsInt32(n)
	if err != nil || i > maxFormatWidth || i < -maxFormatWidth {
		return 0, "", formatWidthError(what, n)
	}
	return i, s[1:], nil
}

// printf formats arg by the conversion f describes.
func (f *formatSpec) printf(arg Value) (string, error) {
	switch f.kind {
	case 's', 'r', 'a':
		s := strOf(arg)
		if f.kind != 's' {
			s = toString(arg)
		}
		if f.kind == 'a' {
			s = asciiEscape(s)
		}
		return f.pad("", truncate(s, f.precision)), nil
	case 'c':
		return f.printfChar(arg)
	case 'd', 'i', 'u', 'o', 'x', 'X':
		return f.printfInt(arg)
	case 'e', 'E', 'f', 'F', 'g', 'G':
		var x float64
		switch arg := arg.(type) {
		case Float:
			x = float64(arg)
		case Int:
			fl, err := arg.finiteFloat()
			if err != nil {
				return "", err
			}
			x = float64(fl)
		case Bool:
			x = float64(b2i(bool(arg)))
		default:
			return "", errorf(TypeError, "must be real number, not %s", pythonType(arg))
		}
		return formatFloat(x, f)
	}
	return "", errorf(ValueError, "unsupported format character '%c' (0x%x)", f.kind, f.kind)
}

func (f *formatSpec) printfInt(arg Value) (string, error) {
	var n Int
	switch arg := arg.(type) {
	case Int:
		n = arg
	case Bool:
		n = MakeInt(b2i(bool(arg)))
	case Float:
		if strings.IndexByte("oxX", f.kind) >= 0 {
			return "", errorf(TypeError, "%%%c format: an integer is required, not float", f.kind)
		}
		var err error
		if n, err = NumberToInt(arg); err != nil {
			return "", err
		}
	default:
		if strings.IndexByte("oxX", f.kind) >= 0 {
			return "", errorf(TypeError, "%%%c format: an integer is required, not %s", f.kind, pythonType(arg))
		}
		return "", errorf(TypeError, "%%%c format: a real number is required, not %s", f.kind, pythonType(arg))
	}
	base := map[byte]int{'o': 8, 'x': 16, 'X': 16}[f.kind]
	if base == 0 {
		base = 10
	}
	digits := n.text(base)
	neg := strings.HasPrefix(digits, "-")
	digits = strings.TrimPrefix(digits, "-")
	if f.precision > len(digits) {
		digits = strings.Repeat("0", f.precision-len(digits)) + digits
	}
	prefix := ""
	if f.alt && base != 10 {
		prefix = "0" + string(f.kind|0x20)
	}
	if f.kind == 'X' {
		digits, prefix = strings.ToUpper(digits), strings.ToUpper(prefix)
	}
	return f.number(neg, prefix, digits, ""), nil
}

func (f *formatSpec) printfChar(arg Value) (string, error) {
	switch arg := arg.(type) {
	case Int:
		r, ok := arg.Int64()
		if !ok || r < 0 || r > unicode.MaxRune {
			return "", errorf(OverflowError, "%%c arg not in range(0x110000)")
		}
		return f.pad("", string(rune(r))), nil
	case String:
		if utf8.RuneCountInString(string(arg)) == 1 {
			return f.pad("", string(arg)), nil
		}
	}
	return "", errorf(TypeError, "%%c requires int or char")
}

// pythonType returns the name Python gives v's type: str for a string.
func pythonType(v Value) string {
	if _, ok := v.(String); ok {
		return "str"
	}
	return v.Type()
}

// asciiEscape escapes the non-ASCII characters of s as Python's ascii()
// does: \xhh, \uhhhh or \Uhhhhhhhh.
func asciiEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	return b.String()
}
