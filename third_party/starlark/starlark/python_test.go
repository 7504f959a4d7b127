// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package starlark_test

// Tests of the pushbook fork's Python behaviour (FORK.md): Python's repr
// and str (PythonRepr), format specs (FormatValue, format, str.format),
// and the Python classes of upstream's errors. The wants are what CPython
// 3.11 prints for the same expressions.

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"go.starlark.net/internal/chunkedfile"
	"go.starlark.net/starlark"
	"go.starlark.net/starlarktest"
	"go.starlark.net/syntax"
)

// withPythonRepr sets starlark.PythonRepr for the rest of the test.
func withPythonRepr(t *testing.T) {
	starlark.PythonRepr = true
	t.Cleanup(func() { starlark.PythonRepr = false })
}

func evalExpr(t *testing.T, expr string, env starlark.StringDict) (starlark.Value, error) {
	t.Helper()
	return starlark.Eval(new(starlark.Thread), "expr", expr, env)
}

// reprCases are Starlark expressions (also Python ones) with CPython's
// repr and str of their values.
var reprCases = []struct{ expr, repr, str string }{
	{`'a'`, "'a'", "a"},
	{`"it's"`, "\"it's\"", "it's"},
	{`'say "hi"'`, "'say \"hi\"'", "say \"hi\""},
	{`'both \' and "'`, "'both \\' and \"'", "both ' and \""},
	{`'back\\slash'`, "'back\\\\slash'", "back\\slash"},
	{`'\n\t\r'`, "'\\n\\t\\r'", "\n\t\r"},
	{`'\x00\x1f\x7f'`, "'\\x00\\x1f\\x7f'", "\u0000\u001f\u007f"},
	{`'\a\b\f\v'`, "'\\x07\\x08\\x0c\\x0b'", "\u0007\u0008\u000c\u000b"},
	{`'é中😀'`, "'é中😀'", "é中😀"},
	{`'\u00a0\u00ad\u200b\u2028\u3000'`, "'\\xa0\\xad\\u200b\\u2028\\u3000'", "\u00a0\u00ad\u200b\u2028\u3000"},
	{`'\U0001f600'`, "'😀'", "😀"},
	{`''`, "''", ""},
	{`['a']`, "['a']", "['a']"},
	{`['a', "it's"]`, "['a', \"it's\"]", "['a', \"it's\"]"},
	{`{'k': 'v'}`, "{'k': 'v'}", "{'k': 'v'}"},
	{`{'k': ['v', 1]}`, "{'k': ['v', 1]}", "{'k': ['v', 1]}"},
	{`{}`, "{}", "{}"},
	{`('a',)`, "('a',)", "('a',)"},
	{`()`, "()", "()"},
	{`('a', 'b')`, "('a', 'b')", "('a', 'b')"},
	{`[('a',), {'b': None}]`, "[('a',), {'b': None}]", "[('a',), {'b': None}]"},
	{`set([1, 2])`, "{1, 2}", "{1, 2}"},
	{`set()`, "set()", "set()"},
	{`set(['a'])`, "{'a'}", "{'a'}"},
	{`b'a'`, "b'a'", "b'a'"},
	{`b"it's"`, "b\"it's\"", "b\"it's\""},
	{`b'\x00\xff\n'`, "b'\\x00\\xff\\n'", "b'\\x00\\xff\\n'"},
	{`b''`, "b''", "b''"},
	{`1e16`, "1e+16", "1e+16"},
	{`1e15`, "1000000000000000.0", "1000000000000000.0"},
	{`1234567.0`, "1234567.0", "1234567.0"},
	{`0.1`, "0.1", "0.1"},
	{`1e-05`, "1e-05", "1e-05"},
	{`0.0001`, "0.0001", "0.0001"},
	{`-0.0`, "-0.0", "-0.0"},
	{`float('inf')`, "inf", "inf"},
	{`float('-inf')`, "-inf", "-inf"},
	{`float('nan')`, "nan", "nan"},
	{`1e100`, "1e+100", "1e+100"},
	{`123456789012345678.0`, "1.2345678901234568e+17", "1.2345678901234568e+17"},
	{`[1.0, 2.5e-7]`, "[1.0, 2.5e-07]", "[1.0, 2.5e-07]"},
	{`None`, "None", "None"},
	{`True`, "True", "True"},
	{`[None, True, 3]`, "[None, True, 3]", "[None, True, 3]"},
}

func TestPythonReprMatchesPython(t *testing.T) {
	withPythonRepr(t)
	for _, c := range reprCases {
		v, err := evalExpr(t, c.expr, nil)
		if err != nil {
			t.Errorf("%s: %v", c.expr, err)
			continue
		}
		if got := v.String(); got != c.repr {
			t.Errorf("repr(%s) = %s, want %s", c.expr, got, c.repr)
		}
		if _, ok := v.(starlark.Bytes); ok {
			continue // str(bytes) decodes them, as Starlark's does: Python's b.decode()
		}
		got, err := evalExpr(t, "str(x)", starlark.StringDict{"x": v})
		if err != nil || string(got.(starlark.String)) != c.str {
			t.Errorf("str(%s) = %v (%v), want %q", c.expr, got, err, c.str)
		}
	}
}

func TestStarlarkReprIsUpstreamsWithoutPythonRepr(t *testing.T) {
	for _, c := range []struct{ expr, repr string }{
		{`'a'`, `"a"`},
		{`{'k': ['v']}`, `{"k": ["v"]}`},
		{`set([1, 2])`, `set([1, 2])`},
		{`1e16`, `1e+16`},
		{`1234567.0`, `1.234567e+06`},
		{`float('inf')`, `+inf`},
	} {
		v, err := evalExpr(t, c.expr, nil)
		if err != nil || v.String() != c.repr {
			t.Errorf("repr(%s) = %v (%v), want %s", c.expr, v, err, c.repr)
		}
	}
}

// formatCases are format(value, spec) with CPython's result, or the class
// and message of the exception it raises, for values of each type and
// each part of the format-spec mini-language. They were made by running
// python3 -c 'print(format(value, spec))'.
var formatCases = []struct{ value, spec, want, err string }{
	{`65`, "", "65", ""},
	{`1180591620717411303424`, "", "1180591620717411303424", ""},
	{`1234567.5`, "", "1234567.5", ""},
	{`3.14159`, "", "3.14159", ""},
	{`''`, "", "", ""},
	{`False`, "", "False", ""},
	{`255`, "5", "  255", ""},
	{`65`, "5", "   65", ""},
	{`0.1`, "5", "  0.1", ""},
	{`float('-inf')`, "5", " -inf", ""},
	{`'first'`, "5", "first", ""},
	{`True`, "5", "    1", ""},
	{`65`, "<5", "65   ", ""},
	{`1234`, "<5", "1234 ", ""},
	{`float('inf')`, "<5", "inf  ", ""},
	{`0.0001`, "<5", "0.0001", ""},
	{`'ab'`, "<5", "ab   ", ""},
	{`True`, "<5", "1    ", ""},
	{`255`, ">5", "  255", ""},
	{`-42`, ">5", "  -42", ""},
	{`0.0001`, ">5", "0.0001", ""},
	{`1e16`, ">5", "1e+16", ""},
	{`''`, ">5", "     ", ""},
	{`False`, ">5", "    0", ""},
	{`0`, "^6", "  0   ", ""},
	{`-42`, "^6", " -42  ", ""},
	{`2.5`, "^6", " 2.5  ", ""},
	{`float('inf')`, "^6", " inf  ", ""},
	{`'ab'`, "^6", "  ab  ", ""},
	{`[1]`, "^6", "", "TypeError: unsupported format string passed to list.__format__"},
	{`65`, "*^6", "**65**", ""},
	{`1180591620717411303424`, "*^6", "1180591620717411303424", ""},
	{`0.00001`, "*^6", "1e-05*", ""},
	{`float('inf')`, "*^6", "*inf**", ""},
	{`'é'`, "*^6", "**é***", ""},
	{`False`, "*^6", "**0***", ""},
	{`-42`, "=5", "-  42", ""},
	{`255`, "=5", "  255", ""},
	{`0.1`, "=5", "  0.1", ""},
	{`float('inf')`, "=5", "  inf", ""},
	{`'first'`, "=5", "", "ValueError: '=' alignment not allowed in string format specifier"},
	{`False`, "=5", "    0", ""},
	{`42`, "+", "+42", ""},
	{`-1234567`, "+", "-1234567", ""},
	{`float('nan')`, "+", "+nan", ""},
	{`9.996`, "+", "+9.996", ""},
	{`'ab'`, "+", "", "ValueError: Sign not allowed in string format specifier"},
	{`True`, "+", "+1", ""},
	{`255`, " ", " 255", ""},
	{`0`, " ", " 0", ""},
	{`1e15`, " ", " 1000000000000000.0", ""},
	{`float('-inf')`, " ", "-inf", ""},
	{`''`, " ", "", "ValueError: Space not allowed in string format specifier"},
	{`True`, " ", " 1", ""},
	{`-42`, "05", "-0042", ""},
	{`-1234567`, "05", "-1234567", ""},
	{`-0.0001`, "05", "-0.0001", ""},
	{`-1234.5`, "05", "-1234.5", ""},
	{`'é'`, "05", "é0000", ""},
	{`[1]`, "05", "", "TypeError: unsupported format string passed to list.__format__"},
	{`65`, "010", "0000000065", ""},
	{`-42`, "010", "-000000042", ""},
	{`1234.5`, "010", "00001234.5", ""},
	{`-0.0001`, "010", "-0000.0001", ""},
	{`'ab'`, "010", "ab00000000", ""},
	{`False`, "010", "0000000000", ""},
	{`1180591620717411303424`, "0>5", "1180591620717411303424", ""},
	{`1234`, "0>5", "01234", ""},
	{`1234.5`, "0>5", "1234.5", ""},
	{`-0.0001`, "0>5", "-0.0001", ""},
	{`'ab'`, "0>5", "000ab", ""},
	{`[1]`, "0>5", "", "TypeError: unsupported format string passed to list.__format__"},
	{`1234`, "+05", "+1234", ""},
	{`-42`, "+05", "-0042", ""},
	{`3.14159`, "+05", "+3.14159", ""},
	{`0.00001`, "+05", "+1e-05", ""},
	{`'ab'`, "+05", "", "ValueError: Sign not allowed in string format specifier"},
	{`True`, "+05", "+0001", ""},
	{`65`, "#", "65", ""},
	{`0`, "#", "0", ""},
	{`-1234.5`, "#", "-1234.5", ""},
	{`1e16`, "#", "1.e+16", ""},
	{`'é'`, "#", "", "ValueError: Alternate form (#) not allowed in string format specifier"},
	{`None`, "#", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`0`, ",", "0", ""},
	{`1180591620717411303424`, ",", "1,180,591,620,717,411,303,424", ""},
	{`1e15`, ",", "1,000,000,000,000,000.0", ""},
	{`0.00001`, ",", "1e-05", ""},
	{`'first'`, ",", "", "ValueError: Cannot specify ',' with 's'."},
	{`None`, ",", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`-1234567`, "_", "-1_234_567", ""},
	{`1180591620717411303424`, "_", "1_180_591_620_717_411_303_424", ""},
	{`2.5`, "_", "2.5", ""},
	{`1234.5`, "_", "1_234.5", ""},
	{`'é'`, "_", "", "ValueError: Cannot specify '_' with 's'."},
	{`False`, "_", "0", ""},
	{`-42`, "010,", "-0,000,042", ""},
	{`1234`, "010,", "00,001,234", ""},
	{`0.1`, "010,", "0,000,000.1", ""},
	{`-0.0001`, "010,", "-0,000.0001", ""},
	{`'ab'`, "010,", "", "ValueError: Cannot specify ',' with 's'."},
	{`True`, "010,", "00,000,001", ""},
	{`0`, "08,", "0,000,000", ""},
	{`65`, "08,", "0,000,065", ""},
	{`float('-inf')`, "08,", "-0000inf", ""},
	{`0.0001`, "08,", "000.0001", ""},
	{`'first'`, "08,", "", "ValueError: Cannot specify ',' with 's'."},
	{`None`, "08,", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`-42`, "06,", "-0,042", ""},
	{`0`, "06,", "00,000", ""},
	{`float('inf')`, "06,", "000inf", ""},
	{`1e15`, "06,", "1,000,000,000,000,000.0", ""},
	{`''`, "06,", "", "ValueError: Cannot specify ',' with 's'."},
	{`None`, "06,", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`65`, "d", "65", ""},
	{`42`, "d", "42", ""},
	{`1e16`, "d", "", "ValueError: Unknown format code 'd' for object of type 'float'"},
	{`'é'`, "d", "", "ValueError: Unknown format code 'd' for object of type 'str'"},
	{`None`, "d", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`1234`, "5d", " 1234", ""},
	{`-1234567`, "5d", "-1234567", ""},
	{`2.5`, "5d", "", "ValueError: Unknown format code 'd' for object of type 'float'"},
	{`'ab'`, "5d", "", "ValueError: Unknown format code 'd' for object of type 'str'"},
	{`False`, "5d", "    0", ""},
	{`65`, "05d", "00065", ""},
	{`-1234567`, "05d", "-1234567", ""},
	{`2.5`, "05d", "", "ValueError: Unknown format code 'd' for object of type 'float'"},
	{`'é'`, "05d", "", "ValueError: Unknown format code 'd' for object of type 'str'"},
	{`False`, "05d", "00000", ""},
	{`-42`, "+d", "-42", ""},
	{`0`, "+d", "+0", ""},
	{`0.1`, "+d", "", "ValueError: Unknown format code 'd' for object of type 'float'"},
	{`''`, "+d", "", "ValueError: Unknown format code 'd' for object of type 'str'"},
	{`[1]`, "+d", "", "TypeError: unsupported format string passed to list.__format__"},
	{`0`, ",d", "0", ""},
	{`1234`, ",d", "1,234", ""},
	{`9.996`, ",d", "", "ValueError: Unknown format code 'd' for object of type 'float'"},
	{`''`, ",d", "", "ValueError: Unknown format code 'd' for object of type 'str'"},
	{`None`, ",d", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`1234`, "n", "1234", ""},
	{`65`, "n", "65", ""},
	{`1e15`, "n", "1e+15", ""},
	{`1234567.5`, "n", "1.23457e+06", ""},
	{`''`, "n", "", "ValueError: Unknown format code 'n' for object of type 'str'"},
	{`[1]`, "n", "", "TypeError: unsupported format string passed to list.__format__"},
	{`-1234567`, "x", "-12d687", ""},
	{`1234`, "x", "4d2", ""},
	{`-0.0001`, "x", "", "ValueError: Unknown format code 'x' for object of type 'float'"},
	{`'first'`, "x", "", "ValueError: Unknown format code 'x' for object of type 'str'"},
	{`[1]`, "x", "", "TypeError: unsupported format string passed to list.__format__"},
	{`-1234567`, "X", "-12D687", ""},
	{`1180591620717411303424`, "X", "400000000000000000", ""},
	{`0.1`, "X", "", "ValueError: Unknown format code 'X' for object of type 'float'"},
	{`'first'`, "X", "", "ValueError: Unknown format code 'X' for object of type 'str'"},
	{`True`, "X", "1", ""},
	{`0`, "#x", "0x0", ""},
	{`1180591620717411303424`, "#x", "0x400000000000000000", ""},
	{`-0.0001`, "#x", "", "ValueError: Unknown format code 'x' for object of type 'float'"},
	{`''`, "#x", "", "ValueError: Unknown format code 'x' for object of type 'str'"},
	{`True`, "#x", "0x1", ""},
	{`-1234567`, "#X", "-0X12D687", ""},
	{`1234`, "#X", "0X4D2", ""},
	{`2.5`, "#X", "", "ValueError: Unknown format code 'X' for object of type 'float'"},
	{`'é'`, "#X", "", "ValueError: Unknown format code 'X' for object of type 'str'"},
	{`True`, "#X", "0X1", ""},
	{`1234`, "#010x", "0x000004d2", ""},
	{`1180591620717411303424`, "#010x", "0x400000000000000000", ""},
	{`-0.0001`, "#010x", "", "ValueError: Unknown format code 'x' for object of type 'float'"},
	{`'ab'`, "#010x", "", "ValueError: Unknown format code 'x' for object of type 'str'"},
	{`False`, "#010x", "0x00000000", ""},
	{`1180591620717411303424`, "_x", "40_0000_0000_0000_0000", ""},
	{`1234`, "_x", "4d2", ""},
	{`1234567.5`, "_x", "", "ValueError: Unknown format code 'x' for object of type 'float'"},
	{`'first'`, "_x", "", "ValueError: Unknown format code 'x' for object of type 'str'"},
	{`None`, "_x", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`42`, "#_b", "0b10_1010", ""},
	{`-1234567`, "#_b", "-0b1_0010_1101_0110_1000_0111", ""},
	{`1e15`, "#_b", "", "ValueError: Unknown format code 'b' for object of type 'float'"},
	{`'first'`, "#_b", "", "ValueError: Unknown format code 'b' for object of type 'str'"},
	{`None`, "#_b", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`-1234567`, "o", "-4553207", ""},
	{`255`, "o", "377", ""},
	{`0.0001`, "o", "", "ValueError: Unknown format code 'o' for object of type 'float'"},
	{`'ab'`, "o", "", "ValueError: Unknown format code 'o' for object of type 'str'"},
	{`False`, "o", "0", ""},
	{`-1234567`, "#o", "-0o4553207", ""},
	{`-42`, "#o", "-0o52", ""},
	{`0.0001`, "#o", "", "ValueError: Unknown format code 'o' for object of type 'float'"},
	{`''`, "#o", "", "ValueError: Unknown format code 'o' for object of type 'str'"},
	{`None`, "#o", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`1180591620717411303424`, "b", "10000000000000000000000000000000000000000000000000000000000000000000000", ""},
	{`-42`, "b", "-101010", ""},
	{`9.996`, "b", "", "ValueError: Unknown format code 'b' for object of type 'float'"},
	{`''`, "b", "", "ValueError: Unknown format code 'b' for object of type 'str'"},
	{`True`, "b", "1", ""},
	{`-42`, "08_b", "-10_1010", ""},
	{`42`, "08_b", "010_1010", ""},
	{`1234.5`, "08_b", "", "ValueError: Unknown format code 'b' for object of type 'float'"},
	{`'ab'`, "08_b", "", "ValueError: Unknown format code 'b' for object of type 'str'"},
	{`[1]`, "08_b", "", "TypeError: unsupported format string passed to list.__format__"},
	{`255`, "c", "ÿ", ""},
	{`42`, "c", "*", ""},
	{`2.5`, "c", "", "ValueError: Unknown format code 'c' for object of type 'float'"},
	{`'é'`, "c", "", "ValueError: Unknown format code 'c' for object of type 'str'"},
	{`None`, "c", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`65`, "5c", "    A", ""},
	{`42`, "5c", "    *", ""},
	{`3.14159`, "5c", "", "ValueError: Unknown format code 'c' for object of type 'float'"},
	{`'ab'`, "5c", "", "ValueError: Unknown format code 'c' for object of type 'str'"},
	{`[1]`, "5c", "", "TypeError: unsupported format string passed to list.__format__"},
	{`0`, "e", "0.000000e+00", ""},
	{`42`, "e", "4.200000e+01", ""},
	{`2.5`, "e", "2.500000e+00", ""},
	{`1e16`, "e", "1.000000e+16", ""},
	{`''`, "e", "", "ValueError: Unknown format code 'e' for object of type 'str'"},
	{`None`, "e", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`-1234567`, "E", "-1.234567E+06", ""},
	{`255`, "E", "2.550000E+02", ""},
	{`float('nan')`, "E", "NAN", ""},
	{`float('inf')`, "E", "INF", ""},
	{`''`, "E", "", "ValueError: Unknown format code 'E' for object of type 'str'"},
	{`None`, "E", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`-1234567`, ".3e", "-1.235e+06", ""},
	{`1234`, ".3e", "1.234e+03", ""},
	{`1e15`, ".3e", "1.000e+15", ""},
	{`0.1`, ".3e", "1.000e-01", ""},
	{`'é'`, ".3e", "", "ValueError: Unknown format code 'e' for object of type 'str'"},
	{`False`, ".3e", "0.000e+00", ""},
	{`0`, "#.0e", "0.e+00", ""},
	{`42`, "#.0e", "4.e+01", ""},
	{`0.00001`, "#.0e", "1.e-05", ""},
	{`float('nan')`, "#.0e", "nan", ""},
	{`'é'`, "#.0e", "", "ValueError: Unknown format code 'e' for object of type 'str'"},
	{`None`, "#.0e", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`1180591620717411303424`, "010.3e", "01.181e+21", ""},
	{`255`, "010.3e", "02.550e+02", ""},
	{`1234.5`, "010.3e", "01.234e+03", ""},
	{`float('-inf')`, "010.3e", "-000000inf", ""},
	{`'é'`, "010.3e", "", "ValueError: Unknown format code 'e' for object of type 'str'"},
	{`None`, "010.3e", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`-1234567`, "f", "-1234567.000000", ""},
	{`42`, "f", "42.000000", ""},
	{`9.996`, "f", "9.996000", ""},
	{`1234567.5`, "f", "1234567.500000", ""},
	{`'first'`, "f", "", "ValueError: Unknown format code 'f' for object of type 'str'"},
	{`False`, "f", "0.000000", ""},
	{`1180591620717411303424`, "F", "1180591620717411303424.000000", ""},
	{`42`, "F", "42.000000", ""},
	{`-0.0`, "F", "-0.000000", ""},
	{`2.5`, "F", "2.500000", ""},
	{`''`, "F", "", "ValueError: Unknown format code 'F' for object of type 'str'"},
	{`None`, "F", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`0`, ".2f", "0.00", ""},
	{`-42`, ".2f", "-42.00", ""},
	{`float('nan')`, ".2f", "nan", ""},
	{`-1234.5`, ".2f", "-1234.50", ""},
	{`'é'`, ".2f", "", "ValueError: Unknown format code 'f' for object of type 'str'"},
	{`[1]`, ".2f", "", "TypeError: unsupported format string passed to list.__format__"},
	{`255`, "8.3f", " 255.000", ""},
	{`-1234567`, "8.3f", "-1234567.000", ""},
	{`0.1`, "8.3f", "   0.100", ""},
	{`0.0001`, "8.3f", "   0.000", ""},
	{`'first'`, "8.3f", "", "ValueError: Unknown format code 'f' for object of type 'str'"},
	{`None`, "8.3f", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`1234`, ".0f", "1234", ""},
	{`0`, ".0f", "0", ""},
	{`-0.0001`, ".0f", "-0", ""},
	{`1e15`, ".0f", "1000000000000000", ""},
	{`'ab'`, ".0f", "", "ValueError: Unknown format code 'f' for object of type 'str'"},
	{`[1]`, ".0f", "", "TypeError: unsupported format string passed to list.__format__"},
	{`1234`, "#.0f", "1234.", ""},
	{`-42`, "#.0f", "-42.", ""},
	{`1e16`, "#.0f", "10000000000000000.", ""},
	{`-0.0001`, "#.0f", "-0.", ""},
	{`'é'`, "#.0f", "", "ValueError: Unknown format code 'f' for object of type 'str'"},
	{`[1]`, "#.0f", "", "TypeError: unsupported format string passed to list.__format__"},
	{`1234`, ",.2f", "1,234.00", ""},
	{`255`, ",.2f", "255.00", ""},
	{`1234567.5`, ",.2f", "1,234,567.50", ""},
	{`0.1`, ",.2f", "0.10", ""},
	{`''`, ",.2f", "", "ValueError: Unknown format code 'f' for object of type 'str'"},
	{`False`, ",.2f", "0.00", ""},
	{`-1234567`, "+010,.2f", "-1,234,567.00", ""},
	{`0`, "+010,.2f", "+00,000.00", ""},
	{`-0.0001`, "+010,.2f", "-00,000.00", ""},
	{`3.14159`, "+010,.2f", "+00,003.14", ""},
	{`'ab'`, "+010,.2f", "", "ValueError: Unknown format code 'f' for object of type 'str'"},
	{`[1]`, "+010,.2f", "", "TypeError: unsupported format string passed to list.__format__"},
	{`-42`, "z.2f", "-42.00", ""},
	{`1180591620717411303424`, "z.2f", "1180591620717411303424.00", ""},
	{`0.0001`, "z.2f", "0.00", ""},
	{`0.1`, "z.2f", "0.10", ""},
	{`'é'`, "z.2f", "", "ValueError: Unknown format code 'f' for object of type 'str'"},
	{`[1]`, "z.2f", "", "TypeError: unsupported format string passed to list.__format__"},
	{`1234`, "z", "", "ValueError: Negative zero coercion (z) not allowed in integer format specifier"},
	{`3.14159`, "z", "3.14159", ""},
	{`-0.0001`, "z", "-0.0001", ""},
	{`''`, "z", "", "ValueError: Negative zero coercion (z) not allowed in string format specifier"},
	{`[1]`, "z", "", "TypeError: unsupported format string passed to list.__format__"},
	{`0`, "g", "0", ""},
	{`255`, "g", "255", ""},
	{`1234567.5`, "g", "1.23457e+06", ""},
	{`0.00001`, "g", "1e-05", ""},
	{`''`, "g", "", "ValueError: Unknown format code 'g' for object of type 'str'"},
	{`None`, "g", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`65`, "G", "65", ""},
	{`-42`, "G", "-42", ""},
	{`9.996`, "G", "9.996", ""},
	{`3.14159`, "G", "3.14159", ""},
	{`''`, "G", "", "ValueError: Unknown format code 'G' for object of type 'str'"},
	{`False`, "G", "0", ""},
	{`1180591620717411303424`, ".3g", "1.18e+21", ""},
	{`65`, ".3g", "65", ""},
	{`0.1`, ".3g", "0.1", ""},
	{`2.5`, ".3g", "2.5", ""},
	{`'ab'`, ".3g", "", "ValueError: Unknown format code 'g' for object of type 'str'"},
	{`None`, ".3g", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`255`, "#g", "255.000", ""},
	{`-1234567`, "#g", "-1.23457e+06", ""},
	{`2.5`, "#g", "2.50000", ""},
	{`float('nan')`, "#g", "nan", ""},
	{`'first'`, "#g", "", "ValueError: Unknown format code 'g' for object of type 'str'"},
	{`False`, "#g", "0.00000", ""},
	{`1180591620717411303424`, ".0g", "1e+21", ""},
	{`-42`, ".0g", "-4e+01", ""},
	{`float('-inf')`, ".0g", "-inf", ""},
	{`-1234.5`, ".0g", "-1e+03", ""},
	{`''`, ".0g", "", "ValueError: Unknown format code 'g' for object of type 'str'"},
	{`[1]`, ".0g", "", "TypeError: unsupported format string passed to list.__format__"},
	{`-1234567`, ".3", "", "ValueError: Precision not allowed in integer format specifier"},
	{`-1234.5`, ".3", "-1.23e+03", ""},
	{`float('-inf')`, ".3", "-inf", ""},
	{`'ab'`, ".3", "ab", ""},
	{`None`, ".3", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`0`, ".0", "", "ValueError: Precision not allowed in integer format specifier"},
	{`-0.0`, ".0", "-0e+00", ""},
	{`-0.0001`, ".0", "-0.0001", ""},
	{`'é'`, ".0", "", ""},
	{`[1]`, ".0", "", "TypeError: unsupported format string passed to list.__format__"},
	{`-42`, "#.3", "", "ValueError: Precision not allowed in integer format specifier"},
	{`2.5`, "#.3", "2.50", ""},
	{`1234567.5`, "#.3", "1.23e+06", ""},
	{`'first'`, "#.3", "", "ValueError: Alternate form (#) not allowed in string format specifier"},
	{`[1]`, "#.3", "", "TypeError: unsupported format string passed to list.__format__"},
	{`65`, ".1%", "6500.0%", ""},
	{`1180591620717411303424`, ".1%", "118059162071741130342400.0%", ""},
	{`2.5`, ".1%", "250.0%", ""},
	{`1e16`, ".1%", "1000000000000000000.0%", ""},
	{`''`, ".1%", "", "ValueError: Unknown format code '%' for object of type 'str'"},
	{`False`, ".1%", "0.0%", ""},
	{`0`, "%", "0.000000%", ""},
	{`1234`, "%", "123400.000000%", ""},
	{`float('-inf')`, "%", "-inf%", ""},
	{`9.996`, "%", "999.600000%", ""},
	{`''`, "%", "", "ValueError: Unknown format code '%' for object of type 'str'"},
	{`True`, "%", "100.000000%", ""},
	{`65`, ".20f", "65.00000000000000000000", ""},
	{`1234`, ".20f", "1234.00000000000000000000", ""},
	{`float('-inf')`, ".20f", "-inf", ""},
	{`1e15`, ".20f", "1000000000000000.00000000000000000000", ""},
	{`''`, ".20f", "", "ValueError: Unknown format code 'f' for object of type 'str'"},
	{`False`, ".20f", "0.00000000000000000000", ""},
	{`0`, "s", "", "ValueError: Unknown format code 's' for object of type 'int'"},
	{`float('nan')`, "s", "", "ValueError: Unknown format code 's' for object of type 'float'"},
	{`'é'`, "s", "é", ""},
	{`[1]`, "s", "", "TypeError: unsupported format string passed to list.__format__"},
	{`-1234567`, ">10s", "", "ValueError: Unknown format code 's' for object of type 'int'"},
	{`9.996`, ">10s", "", "ValueError: Unknown format code 's' for object of type 'float'"},
	{`'é'`, ">10s", "         é", ""},
	{`False`, ">10s", "", "ValueError: Unknown format code 's' for object of type 'bool'"},
	{`1180591620717411303424`, ".3s", "", "ValueError: Unknown format code 's' for object of type 'int'"},
	{`1234567.5`, ".3s", "", "ValueError: Unknown format code 's' for object of type 'float'"},
	{`'ab'`, ".3s", "ab", ""},
	{`[1]`, ".3s", "", "TypeError: unsupported format string passed to list.__format__"},
	{`255`, "^9.2s", "", "ValueError: Unknown format code 's' for object of type 'int'"},
	{`1e15`, "^9.2s", "", "ValueError: Unknown format code 's' for object of type 'float'"},
	{`'first'`, "^9.2s", "   fi    ", ""},
	{`False`, "^9.2s", "", "ValueError: Unknown format code 's' for object of type 'bool'"},
	{`42`, "q", "", "ValueError: Unknown format code 'q' for object of type 'int'"},
	{`0.0001`, "q", "", "ValueError: Unknown format code 'q' for object of type 'float'"},
	{`''`, "q", "", "ValueError: Unknown format code 'q' for object of type 'str'"},
	{`True`, "q", "", "ValueError: Unknown format code 'q' for object of type 'bool'"},
	{`255`, "xx", "", "ValueError: Invalid format specifier 'xx' for object of type 'int'"},
	{`1e15`, "xx", "", "ValueError: Invalid format specifier 'xx' for object of type 'float'"},
	{`''`, "xx", "", "ValueError: Invalid format specifier 'xx' for object of type 'str'"},
	{`[1]`, "xx", "", "TypeError: unsupported format string passed to list.__format__"},
	{`42`, ",,", "", "ValueError: Cannot specify ',' with ','."},
	{`[1]`, ",,", "", "TypeError: unsupported format string passed to list.__format__"},
	{`65`, ",_", "", "ValueError: Cannot specify both ',' and '_'."},
	{`None`, ",_", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`-42`, "_,", "", "ValueError: Cannot specify both ',' and '_'."},
	{`[1]`, "_,", "", "TypeError: unsupported format string passed to list.__format__"},
	{`-42`, ".", "", "ValueError: Format specifier missing precision"},
	{`None`, ".", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`42`, ",x", "", "ValueError: Cannot specify ',' with 'x'."},
	{`None`, ",x", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`1180591620717411303424`, "_n", "", "ValueError: Cannot specify '_' with 'n'."},
	{`[1]`, "_n", "", "TypeError: unsupported format string passed to list.__format__"},
	{`-42`, ",s", "", "ValueError: Cannot specify ',' with 's'."},
	{`[1]`, ",s", "", "TypeError: unsupported format string passed to list.__format__"},
	{`-1234567`, "#c", "", "ValueError: Alternate form (#) not allowed with integer format specifier 'c'"},
	{`-1234.5`, "#c", "", "ValueError: Unknown format code 'c' for object of type 'float'"},
	{`'é'`, "#c", "", "ValueError: Unknown format code 'c' for object of type 'str'"},
	{`[1]`, "#c", "", "TypeError: unsupported format string passed to list.__format__"},
	{`-1234567`, "+c", "", "ValueError: Sign not allowed with integer format specifier 'c'"},
	{`1e15`, "+c", "", "ValueError: Unknown format code 'c' for object of type 'float'"},
	{`'ab'`, "+c", "", "ValueError: Unknown format code 'c' for object of type 'str'"},
	{`[1]`, "+c", "", "TypeError: unsupported format string passed to list.__format__"},
	{`42`, "<<", "42", ""},
	{`-42`, "<<", "-42", ""},
	{`float('inf')`, "<<", "inf", ""},
	{`-0.0`, "<<", "-0.0", ""},
	{`'é'`, "<<", "é", ""},
	{`False`, "<<", "0", ""},
	{`42`, "é>6", "éééé42", ""},
	{`65`, "é>6", "éééé65", ""},
	{`0.0001`, "é>6", "0.0001", ""},
	{`float('inf')`, "é>6", "éééinf", ""},
	{`'first'`, "é>6", "éfirst", ""},
	{`None`, "é>6", "", "TypeError: unsupported format string passed to NoneType.__format__"},
	{`-1234567`, "=+8", "-1234567", ""},
	{`1180591620717411303424`, "=+8", "+1180591620717411303424", ""},
	{`-1234.5`, "=+8", "- 1234.5", ""},
	{`9.996`, "=+8", "+  9.996", ""},
	{`'é'`, "=+8", "", "ValueError: Sign not allowed in string format specifier"},
	{`[1]`, "=+8", "", "TypeError: unsupported format string passed to list.__format__"},
}

// TestFormatValueMatchesPython checks FormatValue, the format built-in and
// str.format's "{:spec}" against CPython.
func TestFormatValueMatchesPython(t *testing.T) {
	withPythonRepr(t)
	for _, c := range formatCases {
		v, err := evalExpr(t, c.value, nil)
		if err != nil {
			t.Fatalf("%s: %v", c.value, err)
		}
		got, err := starlark.FormatValue(v, c.spec)
		if gotErr := exceptionText(err); got != c.want || gotErr != c.err {
			t.Errorf("FormatValue(%s, %q) = %q, %q; want %q, %q", c.value, c.spec, got, gotErr, c.want, c.err)
		}
		env := starlark.StringDict{"v": v, "spec": starlark.String(c.spec)}
		for _, expr := range []string{`format(v, spec)`, `("{:" + spec + "}").format(v)`} {
			res, err := evalExpr(t, expr, env)
			got := ""
			if s, ok := res.(starlark.String); ok {
				got = string(s)
			}
			if gotErr := exceptionText(err); got != c.want || gotErr != c.err {
				t.Errorf("%s with v=%s, spec=%q: got %q, %q; want %q, %q", expr, c.value, c.spec, got, gotErr, c.want, c.err)
			}
		}
	}
}

// exceptionText returns "Class: message" for the exception err raises, or
// "" for nil.
func exceptionText(err error) string {
	if err == nil {
		return ""
	}
	e := starlark.ExceptionOf(err)
	return e.Class.Name() + ": " + e.Message()
}

func ExampleFormatValue() {
	for _, c := range []struct {
		v    starlark.Value
		spec string
	}{
		{starlark.String("first"), ">10s"},
		{starlark.Float(3.14159), ".2f"},
		{starlark.MakeInt(1234567), ","},
		{starlark.MakeInt(255), "#06x"},
		{starlark.String("x"), "d"},
	} {
		s, err := starlark.FormatValue(c.v, c.spec)
		fmt.Printf("%q %v\n", s, err)
	}
	// Output:
	// "     first" <nil>
	// "3.14" <nil>
	// "1,234,567" <nil>
	// "0x00ff" <nil>
	// "" Unknown format code 'd' for object of type 'str'
}

// TestPythonScripts runs testdata/python_*.star with PythonRepr set.
func TestPythonScripts(t *testing.T) {
	withPythonRepr(t)
	thread := &starlark.Thread{Load: load}
	starlarktest.SetReporter(thread, t)
	files, err := filepath.Glob(filepath.Join(starlarktest.DataFile("starlark", "."), "testdata/python_*.star"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/python_*.star (%v)", err)
	}
	for _, filename := range files {
		for _, chunk := range chunkedfile.Read(filename, t) {
			_, err := starlark.ExecFileOptions(getOptions(chunk.Source), thread, filename, chunk.Source, nil)
			if err != nil {
				t.Errorf("%s: %v", filename, err)
			}
			chunk.Done()
		}
	}
}

// errorClassCases are programs that fail, with the Python class of the
// exception that CPython 3.11 raises for the same program.
var errorClassCases = []struct {
	class *starlark.ExceptionClass
	src   string
}{
	{starlark.ZeroDivisionError, "1 // 0"},
	{starlark.ZeroDivisionError, "1 % 0"},
	{starlark.ZeroDivisionError, "1.0 / 0"},
	{starlark.ZeroDivisionError, "2.5 // 0.0"},
	{starlark.ZeroDivisionError, "5.0 % 0.0"},
	{starlark.IndexError, "[1][5]"},
	{starlark.IndexError, "'ab'[9]"},
	{starlark.IndexError, "()[0]"},
	{starlark.IndexError, "[].pop()"},
	{starlark.IndexError, "[1].pop(3)"},
	{starlark.IndexError, "x = [1]\nx[2] = 0"},
	{starlark.KeyError, "{}['x']"},
	{starlark.KeyError, "{}.pop('x')"},
	{starlark.KeyError, "{}.popitem()"},
	{starlark.KeyError, "set().pop()"},
	{starlark.KeyError, "set([1]).remove(2)"},
	{starlark.KeyError, "'%(a)s' % {}"},
	{starlark.KeyError, "'{x}'.format()"},
	{starlark.TypeError, "1 + 'a'"},
	{starlark.TypeError, "-'a'"},
	{starlark.TypeError, "len(1)"},
	{starlark.TypeError, "len()"},
	{starlark.TypeError, "{[1]: 2}"},
	{starlark.TypeError, "set([[1]])"},
	{starlark.TypeError, "int([])"},
	{starlark.TypeError, "'a' < 1"},
	{starlark.TypeError, "sorted([1, 'a'])"},
	{starlark.TypeError, "'abc'.startswith(1)"},
	{starlark.TypeError, "'%d' % 'x'"},
	{starlark.TypeError, "[1]['a']"},
	{starlark.TypeError, "(1, 2)[0] = 3"},
	{starlark.TypeError, "def f(x):\n    pass\nf()"},
	{starlark.TypeError, "def f(x):\n    pass\nf(1, 2)"},
	{starlark.TypeError, "def f(x):\n    pass\nf(y=1)"},
	{starlark.TypeError, "'a'.upper(1)"},
	{starlark.TypeError, "'%s %s' % (1,)"},
	{starlark.ValueError, "int('x')"},
	{starlark.ValueError, "float('x')"},
	{starlark.ValueError, "[1].index(2)"},
	{starlark.ValueError, "[1].remove(2)"},
	{starlark.ValueError, "'ab'.index('z')"},
	{starlark.ValueError, "min([])"},
	{starlark.ValueError, "max([])"},
	{starlark.ValueError, "chr(-1)"},
	{starlark.ValueError, "chr(0x110000)"},
	{starlark.ValueError, "range(0, 1, 0)"},
	{starlark.ValueError, "'a'.split('')"},
	{starlark.ValueError, "'{'.format()"},
	{starlark.ValueError, "'%z' % 1"},
	{starlark.ValueError, "format('x', 'd')"},
	{starlark.OverflowError, "float(1 << 1100)"},
	{starlark.OverflowError, "int(float('inf'))"},
	{starlark.OverflowError, "'%c' % 0x110000"},
	{starlark.OverflowError, "format(-1, 'c')"},
	{starlark.AttributeError, "(1).foo"},
	{starlark.AttributeError, "'a'.nope"},
	{starlark.AttributeError, "getattr(1, 'x')"},
	{starlark.RuntimeError, "d = {1: 2}\nfor k in d:\n    d[k + 1] = 0"},
}

func TestErrorsHavePythonClasses(t *testing.T) {
	opts := &syntax.FileOptions{Set: true, TopLevelControl: true, GlobalReassign: true}
	for _, c := range errorClassCases {
		_, err := starlark.ExecFileOptions(opts, new(starlark.Thread), "class.star", c.src, nil)
		if got := starlark.ClassOf(err); err == nil || got != c.class {
			t.Errorf("%s: raised %s (%v), want %s", c.src, got.Name(), err, c.class.Name())
		}
	}
}

// TestStarlarkOnlyErrorsHaveClasses checks the errors that CPython
// does not raise for the same program: allocation limits, the comparison
// depth limit, frozen values, a list that changes while a loop runs.
func TestStarlarkOnlyErrorsHaveClasses(t *testing.T) {
	frozen := starlark.NewList(nil)
	frozen.Freeze()
	deep := starlark.Value(starlark.NewList(nil))
	for range 20 {
		deep = starlark.NewList([]starlark.Value{deep})
	}
	env := starlark.StringDict{"frozen": frozen, "deep": deep, "deep2": starlark.NewList([]starlark.Value{deep})}
	opts := &syntax.FileOptions{Set: true, TopLevelControl: true, GlobalReassign: true}
	for _, c := range []struct {
		class *starlark.ExceptionClass
		src   string
	}{
		{starlark.MemoryError, "'ab' * (1 << 40)"},
		{starlark.MemoryError, "[1, 2] * (1 << 29)"},
		{starlark.RecursionError, "deep < deep2"},
		{starlark.TypeError, "frozen.append(1)"},
		{starlark.RuntimeError, "x = [1]\nfor y in x:\n    x.append(y)"},
	} {
		_, err := starlark.ExecFileOptions(opts, new(starlark.Thread), "class.star", c.src, env)
		if got := starlark.ClassOf(err); err == nil || got != c.class {
			t.Errorf("%s: raised %s (%v), want %s", c.src, got.Name(), err, c.class.Name())
		}
	}
}

// A missing key raises KeyError(key), as in Python, so that str(e) is the
// key's repr, while the error reads as upstream's message.
func TestKeyErrorCarriesTheKey(t *testing.T) {
	for _, c := range []struct{ src, text, upstream string }{
		{`{}["x"]`, `'x'`, `key "x" not in dict`},
		{`{}.pop(1)`, `1`, `pop: missing key`},
		{`set([1]).remove(2)`, `2`, `remove: missing key`},
		{`{}.popitem()`, `'popitem(): dictionary is empty'`, `popitem: empty dict`},
	} {
		_, err := evalExpr(t, c.src, nil)
		var ee *starlark.EvalError
		if !errors.As(err, &ee) || ee.Msg != c.upstream {
			t.Errorf("%s: error %v, want %q", c.src, err, c.upstream)
		}
		e := starlark.ExceptionOf(err)
		starlark.PythonRepr = true
		msg := e.Message()
		starlark.PythonRepr = false
		if e.Class != starlark.KeyError || msg != c.text {
			t.Errorf("%s: raised %s(%s), want KeyError(%s)", c.src, e.Class.Name(), msg, c.text)
		}
	}
}

// TestFormatWidthBeyondBoundIsValueError checks that a width or precision
// beyond a million, in a format spec or a % conversion, is refused before
// any padding is made, with a ValueError that names it and the bound.
func TestFormatWidthBeyondBoundIsValueError(t *testing.T) {
	withPythonRepr(t)
	for _, c := range []struct{ expr, want string }{
		{`format(1.5, ">100000000f")`, "ValueError: format width 100000000 too large (at most 1000000)"},
		{`format("x", "1000001")`, "ValueError: format width 1000001 too large (at most 1000000)"},
		{`format(1.5, ".100000000f")`, "ValueError: format precision 100000000 too large (at most 1000000)"},
		{`"{:>100000000}".format(1)`, "ValueError: format width 100000000 too large (at most 1000000)"},
		{`"{:{}}".format(1, 100000000)`, "ValueError: format width 100000000 too large (at most 1000000)"},
		{`"%100000000d" % 1`, "ValueError: format width 100000000 too large (at most 1000000)"},
		{`"%*d" % (-100000000, 1)`, "ValueError: format width -100000000 too large (at most 1000000)"},
		{`"%.*f" % (100000000, 1.5)`, "ValueError: format precision 100000000 too large (at most 1000000)"},
		{`len(format(1, ">1000000"))`, ""},
		{`len("%1000000d" % 1)`, ""},
	} {
		_, err := evalExpr(t, c.expr, nil)
		if got := exceptionText(err); got != c.want {
			t.Errorf("%s: raised %q, want %q", c.expr, got, c.want)
		}
	}
}

// TestFStringErrorsPointIntoTheFString checks the line and column of
// errors inside an f-string's fields: syntax errors and runtime errors
// point at the expression inside the literal (issue #13).
func TestFStringErrorsPointIntoTheFString(t *testing.T) {
	for _, test := range []struct{ src, want string }{
		{"x = 1\ny = f\"ab {x + } c\"", "f.star:2:15: f-string: got end of file, want primary expression"},
		{"y = f\"{}\"", "f.star:1:7: f-string: empty expression not allowed"},
		{"y = f'{x!z}'", "f.star:1:9: f-string: invalid conversion character: expected 's', 'r', or 'a'"},
		{"y = f\"{undefined}\"", "f.star:1:8: undefined: undefined"},
		{"x = 0\ny = f\"\"\"\n  {\n  1 /\n  x}\"\"\"", "f.star:4:5: ZeroDivisionError: floating-point division by zero"},
		{"x = [1]\ny = f\"a {'b'} {x[3]}\"", "f.star:2:17: IndexError: list index 3 out of range"},
		{"x = 'a'\ny = f\"{1:d} {x:d}\"", "f.star:2:14: ValueError: Unknown format code 'd' for object of type 'str'"},
	} {
		_, err := starlark.ExecFileOptions(&syntax.FileOptions{}, &starlark.Thread{}, "f.star", test.src, nil)
		if err == nil {
			t.Errorf("%q: no error, want %s", test.src, test.want)
			continue
		}
		got := err.Error()
		if evalErr, ok := err.(*starlark.EvalError); ok {
			pos := evalErr.CallStack.At(0).Pos
			got = pos.String() + ": " + evalErr.Msg
			if exc := starlark.ExceptionOf(err); exc != nil {
				got = pos.String() + ": " + exc.Error()
			}
		}
		if !strings.HasPrefix(got, test.want) {
			t.Errorf("%q: got %s, want %s", test.src, got, test.want)
		}
	}
}
