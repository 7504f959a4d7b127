//go:build unix

package main

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/notebook"
)

// invokeWithin is invoke that fails the test instead of hanging.
func invokeWithin(t *testing.T, d time.Duration, args ...string) (int, string, string) {
	t.Helper()
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, stdout, stderr := invoke(args...)
		done <- result{code, stdout, stderr}
	}()
	select {
	case r := <-done:
		return r.code, r.stdout, r.stderr
	case <-time.After(d):
		t.Fatalf("%v still running after %s", args, d)
		return 0, "", ""
	}
}

func TestRunAndCheckRefuseDevicesAndPipesAsNotebooks(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.ipynb")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	cases := map[string]string{
		"/dev/zero": "/dev/zero: a device, not a regular file",
		fifo:        fifo + ": a named pipe, not a regular file",
	}
	for path, want := range cases {
		for _, cmd := range []string{"run", "check"} {
			code, _, stderr := invokeWithin(t, 10*time.Second, cmd, path)
			assert.Equal(t, 1, code, "%s %s", cmd, path)
			assert.Equal(t, cmd+": "+want+"\n", stderr, "%s %s", cmd, path)
		}
	}
}

func TestDataFileThatIsAPipeIsRefusedNotWaitedFor(t *testing.T) {
	in := writeNotebook(t, notebook.NewCode("from files import read_text\nread_text('pipe.txt')"))
	require.NoError(t, syscall.Mkfifo(filepath.Join(filepath.Dir(in), "pipe.txt"), 0o644))
	code, _, stderr := invokeWithin(t, 10*time.Second, "run", in)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "failed: OSError: pipe.txt: a named pipe, not a regular file")
}
