package kernel_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"pushbook/kernel"
)

// The wants are what CPython 3.11 prints for format(value, spec).
func TestFormatFollowsPythonsFormatSpec(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	for _, c := range []struct{ expr, want string }{
		{`format("first", ">10s")`, "     first"},
		{`format("ab", "<5") + "|"`, "ab   |"},
		{`format("ab", "*^6")`, "**ab**"},
		{`format(42, "5d")`, "   42"},
		{`format(-42, "05d")`, "-0042"},
		{`format(42, "+d")`, "+42"},
		{`format(255, "x")`, "ff"},
		{`format(255, "#X")`, "0XFF"},
		{`format(5, "#b")`, "0b101"},
		{`format(1234567, ",")`, "1,234,567"},
		{`format(3.14159, ".2f")`, "3.14"},
		{`format(3.14159, "8.3f")`, "   3.142"},
		{`format(0.5, ".1%")`, "50.0%"},
		{`format(12345.678, "e")`, "1.234568e+04"},
		{`format(2.5, "")`, "2.5"},
		{`format(10.0, "")`, "10.0"},
		{`format(True, "")`, "True"},
		{`format(None)`, "None"},
		{`format("abcdef", ".3")`, "abc"},
	} {
		got, _ := stdout(t, s, "print("+c.expr+")", kernel.StatusOK)
		assert.Equal(t, c.want+"\n", got, "%s", c.expr)
	}
	for _, c := range []struct{ expr, evalue string }{
		{`format("x", "d")`, "unknown format code 'd' for object of type 'str'"},
		{`format(1, "q")`, "unknown format code 'q' for object of type 'int'"},
		{`format(1, ".f")`, "'.' needs a precision"},
		{`format([], "5")`, "unsupported format string passed to list.__format__"},
	} {
		_, outs := stdout(t, s, c.expr, kernel.StatusError)
		assert.Contains(t, last(t, outs).EValue, c.evalue, "%s", c.expr)
	}
}
