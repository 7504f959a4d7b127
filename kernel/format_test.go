package kernel_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"pushbook/internal/libtest"
	"pushbook/kernel"
)

// format and str.format's specs are the fork's (go.starlark.net's
// FormatValue, tested there against CPython 3.11); a cell reaches them
// through the universe. The wants are what CPython 3.11 prints.
func TestFormatAndFormatSpecsReachCells(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	for _, c := range []struct{ expr, want string }{
		{`"{0:>10s} RECEIVED: {1}".format("first", 3)`, "     first RECEIVED: 3"},
		{`format(3.14159, ".2f")`, "3.14"},
		{`"{name:5d}|".format(name=42)`, "   42|"},
		{`format(1234567, ",")`, "1,234,567"},
	} {
		got, _ := libtest.Stdout(t, s, "print("+c.expr+")", kernel.StatusOK)
		assert.Equal(t, c.want+"\n", got, "%s", c.expr)
	}
	for _, c := range []struct{ expr, ename, evalue string }{
		{`format("x", "d")`, "ValueError", "Unknown format code 'd' for object of type 'str'"},
		{`format([], "5")`, "TypeError", "unsupported format string passed to list.__format__"},
	} {
		_, outs := libtest.Stdout(t, s, c.expr, kernel.StatusError)
		assert.Equal(t, c.ename, libtest.Last(t, outs).EName, "%s", c.expr)
		assert.Contains(t, libtest.Last(t, outs).EValue, c.evalue, "%s", c.expr)
	}
}
