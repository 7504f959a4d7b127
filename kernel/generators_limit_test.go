package kernel_test

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/internal/libtest"
	"pushbook/kernel"
)

const suspendedGen = `
closed = {"n": 0}
def gen():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        closed["n"] += 1
`

// Generators nobody refers to any more are closed, as Python's garbage
// collector closes them: a loop that leaves thousands suspended neither fails
// nor piles up goroutines, and their clean-up runs.
func TestUnreachableGeneratorsAreClosed(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	defer s.Close()
	before := runtime.NumGoroutine()
	n := kernel.MaxOpenGenerators * 3
	libtest.Stdout(t, s, suspendedGen+fmt.Sprintf("for i in range(%d):\n    g = gen()\n    next(g)\n", n), kernel.StatusOK)
	assert.Less(t, runtime.NumGoroutine()-before, kernel.MaxOpenGenerators+100, "suspended generators nobody holds were closed")
	runtime.GC()
	out, _ := libtest.Stdout(t, s, `print(closed["n"])`, kernel.StatusOK)
	closed, err := strconv.Atoi(strings.TrimSpace(out))
	require.NoError(t, err)
	assert.GreaterOrEqual(t, closed, n-kernel.MaxOpenGenerators, "their except GeneratorExit ran")
}

// Generators a notebook still holds are limited: the one past
// MaxOpenGenerators is a RuntimeError that says what to do.
func TestHeldGeneratorsAreLimited(t *testing.T) {
	s := kernel.NewSession(kernel.Options{})
	defer s.Close()
	_, outs := libtest.Stdout(t, s, suspendedGen+fmt.Sprintf("kept = []\nfor i in range(%d):\n    g = gen()\n    next(g)\n    kept.append(g)\n", kernel.MaxOpenGenerators+10), kernel.StatusError)
	last := outs[len(outs)-1]
	assert.Equal(t, "RuntimeError", last.EName)
	assert.Contains(t, last.EValue, fmt.Sprintf("%d generators are open", kernel.MaxOpenGenerators))
	assert.Contains(t, last.EValue, "close()")

	// Closing them makes room again.
	out, _ := libtest.Stdout(t, s, "for g in kept:\n    g.close()\nkept = []\ng = gen()\nprint(next(g))", kernel.StatusOK)
	assert.Equal(t, "1\n", out)
}
