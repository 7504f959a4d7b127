package kernel_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/internal/libtest"
	"pushbook/kernel"
)

// TestCellFilesPassTheirChecks runs every testdata/cells/*.py as one cell in
// a fresh session, as go.starlark.net runs its testdata/*.star scripts. The
// session is libtest.Session's: the Go modules' members are predeclared,
// and a file imports any other module it uses. A
// file checks itself: its check(got, want, what) raises AssertionError, so
// the cell must end with status ok. What it prints must be its "# Output:"
// block, as in a Go Example: the lines after that comment, each without its
// leading "# ".
func TestCellFilesPassTheirChecks(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "cells", "*.py"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no cells in testdata/cells")
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			source, err := os.ReadFile(file)
			require.NoError(t, err)
			res, outs := libtest.Run(libtest.Session(kernel.Options{}), string(source))
			var failures []string
			for _, o := range outs {
				if o.OutputType == "error" {
					failures = append(failures, libtest.PlainTraceback(o))
				}
			}
			require.Equal(t, kernel.StatusOK, res.Status, "%s failed:\n%s\nprinted before:\n%s", file, strings.Join(failures, "\n"), libtest.Printed(outs))
			if want, ok := outputBlock(string(source)); ok {
				assert.Equal(t, want, libtest.Printed(outs), "%s: printed (actual) and its # Output: block (expected) differ", file)
			}
		})
	}
}

// outputBlock returns the text a cell file says it prints: the comment lines
// after "# Output:", without their "# " (a bare "#" is an empty line).
func outputBlock(source string) (string, bool) {
	_, block, ok := strings.Cut(source, "\n# Output:\n")
	if !ok {
		return "", false
	}
	var b strings.Builder
	for line := range strings.Lines(block) {
		line = strings.TrimRight(line, "\n")
		if line != "#" && !strings.HasPrefix(line, "# ") {
			break
		}
		b.WriteString(strings.TrimPrefix(strings.TrimPrefix(line, "#"), " ") + "\n")
	}
	return b.String(), true
}
