package kernel_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/internal/libtest"
	"pushbook/kernel"
)

// Runaway recursion is a RecursionError at the same depth natively and in
// the page (2,000 calls, far below where a browser's call stack ends the
// kernel), its traceback shortened as Python's is, and the session lives.
func TestRunawayRecursionIsAShortRecursionError(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	_, outs := libtest.Stdout(t, s, "def r(n):\n    return r(n + 1)\nr(0)", kernel.StatusError)
	last := outs[len(outs)-1]
	require.Equal(t, "error", last.OutputType)
	assert.Equal(t, "RecursionError", last.EName)
	assert.Contains(t, last.EValue, "maximum recursion depth (2000 calls) exceeded")
	tb := strings.Join(last.Traceback, "\n")
	assert.Contains(t, tb, "[Previous line repeated 1996 more times]")
	assert.Less(t, len(tb), 4000, "the traceback shows the repeated frame three times, not 2,000")

	got, _ := libtest.Stdout(t, s, "def depth(n):\n    return 0 if n == 0 else 1 + depth(n - 1)\nprint(depth(1900))", kernel.StatusOK)
	assert.Equal(t, "1900\n", got, "recursion below the limit works, and the session lived on")
}

// A value nested 100,000 deep prints with its depth cut short ("...") rather
// than recursing 100,000 times (which ends a WebAssembly kernel).
func TestDeeplyNestedValuesPrintBounded(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	got, _ := libtest.Stdout(t, s, "x = []\nfor i in range(100000):\n    x = [x]\nprint(x)\nt = ()\nfor i in range(100000):\n    t = (t,)\nprint(t)", kernel.StatusOK)
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	require.Len(t, lines, 2)
	for _, l := range lines {
		assert.Contains(t, l, "...")
		assert.Less(t, len(l), 5000)
	}
}
