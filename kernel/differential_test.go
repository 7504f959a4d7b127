package kernel_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/internal/libtest"
	"pushbook/kernel"
)

// differentialTimeout bounds one program's run, in CPython and in the kernel.
const differentialTimeout = 30 * time.Second

// TestDifferentialCellsPrintWhatCPythonPrints runs every program in
// testdata/differential/*.py twice: by python3 and as one pushbook cell in a
// fresh session, and requires the same stdout. The programs are written in
// the common subset of Python 3 and pushbook cells and show what they observe
// with print() only, so each file is a case of the table.
//
// Without python3 the test is skipped, except in CI (CI=true), where a
// missing python3 is a failure of the machine's setup.
func TestDifferentialCellsPrintWhatCPythonPrints(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "differential", "*.py"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no programs in testdata/differential")

	python, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3 is needed for the differential test and CI must install it: %v", err)
		}
		t.Skipf("python3 not found (%v): the differential test needs it", err)
	}

	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			source, err := os.ReadFile(file)
			require.NoError(t, err)
			want := cpythonStdout(t, python, file)
			got := pushbookStdout(t, file, string(source))
			assert.Equal(t, want, got, "%s: stdout of python3 (expected) and of pushbook (actual) differ", file)
		})
	}
}

// cpythonStdout runs file with python3 and returns its stdout, failing the
// test unless the program exits cleanly (every case must run in CPython
// without an uncaught exception); the stdout is still compared, to show where
// the two part.
func cpythonStdout(t *testing.T, python, file string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), differentialTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, "-B", "-X", "utf8", file)
	cmd.Env = append(os.Environ(), "PYTHONHASHSEED=0", "PYTHONIOENCODING=utf-8")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	assert.NoError(t, err, "%s: python3 failed; stderr:\n%s\nstdout:\n%s", file, stderr.String(), stdout.String())
	return stdout.String()
}

// pushbookStdout runs source as one cell of a fresh session and returns what
// it printed, failing the test on an error output or a timeout.
func pushbookStdout(t *testing.T, file, source string) string {
	t.Helper()
	s := kernel.NewSession(kernel.Options{})
	var b strings.Builder
	var failures []string
	done := make(chan kernel.Result, 1)
	go func() {
		done <- s.Execute(source, func(o kernel.Output) {
			switch o.OutputType {
			case "stream":
				if o.Name == "stdout" {
					b.WriteString(o.Text)
				}
			case "error":
				failures = append(failures, o.EName+": "+o.EValue+"\n"+libtest.PlainTraceback(o))
			}
		})
	}()
	var res kernel.Result
	select {
	case res = <-done:
	case <-time.After(differentialTimeout):
		s.Interrupt()
		res = <-done
		t.Errorf("%s: pushbook did not finish within %v", file, differentialTimeout)
	}
	assert.Empty(t, failures, "%s: pushbook raised; stdout so far:\n%s", file, b.String())
	assert.Equal(t, kernel.StatusOK, res.Status, "%s: %v", file, res.Err)
	return b.String()
}
