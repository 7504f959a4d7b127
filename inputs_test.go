package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.starlark.net/starlark"

	"pushbook/notebook"
)

// sparseFile creates name in dir with size bytes of zeros that take no disk.
func sparseFile(t *testing.T, dir, name string, size int64) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(size))
	require.NoError(t, f.Close())
	return path
}

func TestRunAndCheckRefuseNotebooksThatAreNotSmallRegularFiles(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, path, want string
	}{
		{"directory", dir, dir + ": a directory, not a regular file"},
		{"over the limit", sparseFile(t, dir, "huge.ipynb", maxNotebookBytes+1),
			filepath.Join(dir, "huge.ipynb") + ": larger than the 64 MiB limit for notebooks"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, cmd := range []string{"run", "check"} {
				code, _, stderr := invoke(cmd, tc.path)
				assert.Equal(t, 1, code, "%s %s", cmd, tc.path)
				assert.Equal(t, cmd+": "+tc.want+"\n", stderr, "%s %s", cmd, tc.path)
			}
		})
	}
}

func TestDataFileOverTheLimitIsAnOSErrorNamingFileAndLimit(t *testing.T) {
	in := writeNotebook(t, notebook.NewCode("from files import read_text\ns = read_text('big.txt')"))
	sparseFile(t, filepath.Dir(in), "big.txt", maxDataFileBytes+1)
	code, _, stderr := invoke("run", in)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "failed: OSError: big.txt: larger than the 256 MiB limit for data files")
}

func TestDataFilesRefuseDirectoriesAndKeepRootConfinement(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sub", "ok.txt"), []byte("ok"), 0o644))
	read := readBeside(dir)
	data, err := read("sub/ok.txt")
	require.NoError(t, err)
	assert.Equal(t, "ok", string(data))
	cases := map[string]string{
		"sub":         "OSError: sub: a directory, not a regular file",
		"../x.txt":    "",
		"/etc/passwd": "",
	}
	for name, want := range cases {
		_, err := read(name)
		require.Error(t, err, "reading %q", name)
		if want != "" {
			assert.EqualError(t, err, want, "reading %q", name)
			var exc *starlark.Exception
			require.ErrorAs(t, err, &exc, "reading %q", name)
			assert.Equal(t, starlark.OSError, exc.Class, "reading %q", name)
		}
	}
}

// endlessReader yields zeros forever, calling onRead before each read.
type endlessReader struct {
	reads  int
	onRead func(n int)
}

func (r *endlessReader) Read(p []byte) (int, error) {
	r.reads++
	if r.onRead != nil {
		r.onRead(r.reads)
	}
	clear(p)
	return len(p), nil
}

func TestReadBoundedStopsAtLimitOrWhenTheCellTimesOut(t *testing.T) {
	timeout := starlark.Errorf(starlark.TimeoutError, "cell 3 ran longer than --timeout 1s")
	cases := []struct {
		name     string
		limit    int64
		cancelAt int // read that cancels the cell's context; 0: never
		want     string
		maxReads int
	}{
		{"limit", 3*readChunkBytes + 10, 0, "f: larger than the 3 MiB limit for data files", 8},
		{"timeout", 1 << 40, 2, "TimeoutError: cell 3 ran longer than --timeout 1s", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancelCause(context.Background())
			defer cancel(nil)
			r := &endlessReader{onRead: func(n int) {
				if n == tc.cancelAt {
					cancel(timeout)
				}
			}}
			_, err := readBounded(ctx, r, "f", "data files", 0, tc.limit)
			assert.EqualError(t, err, tc.want)
			assert.LessOrEqual(t, r.reads, tc.maxReads, "reads before stopping")
		})
	}
}

func TestDataFileReadStopsWhenTheCellHasTimedOut(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.json"), []byte("[]"), 0o644))
	timeout := starlark.Errorf(starlark.TimeoutError, "cell 1 ran longer than --timeout 1ms")
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(timeout)
	files := &dataFiles{dir: dir}
	files.setCell(ctx)
	_, err := files.read("a.json")
	assert.Same(t, timeout, err)
}
