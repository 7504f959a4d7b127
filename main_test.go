package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/notebook"
)

// writeNotebook writes cells as a notebook in a temporary directory.
func writeNotebook(t *testing.T, cells ...*notebook.Cell) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "nb.ipynb")
	require.NoError(t, notebook.Write(path, notebook.New(cells...)))
	return path
}

func tagged(c *notebook.Cell, tags ...any) *notebook.Cell {
	c.Metadata["tags"] = tags
	return c
}

// invoke runs the root command with args and returns exit code, stdout, stderr.
func invoke(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := dispatch(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestRunPrintsOutputsAndWritesValidNotebook(t *testing.T) {
	in := writeNotebook(t,
		notebook.NewMarkdown("# Demo"),
		notebook.NewCode("x = 2\nprint('x =', x)"),
		notebook.NewCode("display(x)\nx * 21"),
	)
	out := filepath.Join(t.TempDir(), "out.ipynb")
	code, stdout, stderr := invoke("run", in, "-o", out)
	require.Equal(t, 0, code, "stderr: %s", stderr)
	assert.Equal(t, "x = 2\n2\n42\n", stdout)

	b, err := os.ReadFile(out)
	require.NoError(t, err)
	schema, err := jsonschema.NewCompiler().Compile("testdata/nbformat.v4.5.schema.json")
	require.NoError(t, err)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	require.NoError(t, err)
	assert.NoError(t, schema.Validate(inst))

	nb, err := notebook.Read(out)
	require.NoError(t, err)
	assert.Equal(t, 1, nb.Cells[1].ExecutionCount)
	assert.Equal(t, 2, nb.Cells[2].ExecutionCount)
	require.Len(t, nb.Cells[2].Outputs, 2)
	assert.Equal(t, "42", nb.Cells[2].Outputs[1].Data["text/plain"])
}

func TestRunExitsOneWhenAnUntaggedCellFails(t *testing.T) {
	cases := []struct {
		name     string
		cell     *notebook.Cell
		wantCode int
	}{
		{"untagged", notebook.NewCode("1 // 0"), 1},
		{"raises-exception", tagged(notebook.NewCode("1 // 0"), "raises-exception"), 0},
		{"other tag", tagged(notebook.NewCode("1 // 0"), "slow"), 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := writeNotebook(t, notebook.NewCode("print('before')"), tc.cell, notebook.NewCode("print('after')"))
			code, stdout, stderr := invoke("run", in)
			assert.Equal(t, tc.wantCode, code)
			assert.Equal(t, "before\nafter\n", stdout, "cells after a failure still run")
			assert.Contains(t, stderr, "\x1b[0;31mZeroDivisionError\x1b[0m: floored division by zero", "tracebacks keep their colours")
			if tc.wantCode == 1 {
				assert.Contains(t, stderr, "run: "+in+": cell 2 (In [2]) failed: ZeroDivisionError")
			}
		})
	}
}

func TestRunTimeoutStopsCellAndNamesIt(t *testing.T) {
	in := writeNotebook(t, notebook.NewCode("while True:\n    pass"), notebook.NewCode("print('next')"))
	out := filepath.Join(t.TempDir(), "out.ipynb")
	code, stdout, stderr := invoke("run", "--timeout", "50ms", in, "-o", out)
	assert.Equal(t, 1, code)
	assert.Equal(t, "next\n", stdout)
	assert.Contains(t, stderr, "cell 1 (In [1]) failed: TimeoutError: cell 1 ran longer than --timeout 50ms")
	nb, err := notebook.Read(out)
	require.NoError(t, err)
	assert.Equal(t, "TimeoutError", nb.Cells[0].Outputs[0].EName)
}

func TestRunMaxStepsLimitsEachCell(t *testing.T) {
	in := writeNotebook(t, notebook.NewCode("n = 0\nfor i in range(100000):\n    n += i"))
	code, _, stderr := invoke("run", in, "--max-steps", "1000")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "StepLimitError: cell In [1] ran more than 1000 steps")
}

func TestMalformedNotebookGivesOneLineNamingPath(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"bad-json.ipynb":  `{"cells": [`,
		"nbformat3.ipynb": `{"nbformat": 3, "nbformat_minor": 0, "worksheets": []}`,
		"celltype.ipynb":  `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "sql", "source": "", "metadata": {}}]}`,
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
			for _, cmd := range []string{"run", "check"} {
				code, _, stderr := invoke(cmd, path)
				assert.Equal(t, 1, code)
				assert.True(t, strings.HasPrefix(stderr, cmd+": "+path+": "), "stderr: %q", stderr)
				assert.Equal(t, 1, strings.Count(stderr, "\n"), "one line: %q", stderr)
			}
		})
	}
}

func TestCheckPassesOnFreshlyExecutedNotebook(t *testing.T) {
	in := writeNotebook(t,
		notebook.NewCode("for i in range(3):\n    print(i)\n{'k': [1, 2]}"),
		tagged(notebook.NewCode("fail('expected')"), "raises-exception"),
	)
	out := filepath.Join(t.TempDir(), "done.ipynb")
	code, _, stderr := invoke("run", in, "-o", out)
	require.Equal(t, 0, code, stderr)
	code, stdout, _ := invoke("check", out)
	assert.Equal(t, 0, code, stdout)
	assert.Equal(t, out+": ok (2 code cells)\n", stdout)
}

func TestCheckReportsDiffPerCellAndExitsOne(t *testing.T) {
	c1 := notebook.NewCode("print('a')\nprint('b')\nprint('c')")
	c1.Outputs = []notebook.Output{notebook.NewStream("stdout", "a\nB\nc\n")}
	c2 := notebook.NewCode("1 + 1")
	c2.Outputs = []notebook.Output{notebook.NewExecuteResult(1, notebook.MIMEBundle{"text/plain": "2"})}
	c3 := tagged(notebook.NewCode("print('changes every time')"), "nbval-ignore-output")
	path := writeNotebook(t, c1, c2, c3)
	code, stdout, _ := invoke("check", path)
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, path+": cell 1 (In [1]) outputs differ:\n--- stored\n+++ re-executed\n@@ -1,4 +1,4 @@\n [stream stdout]\n a\n-B\n+b\n c\n")
	assert.NotContains(t, stdout, "cell 2", "execution counts are not compared")
	assert.Contains(t, stdout, path+": FAIL: 1 of 2 code cells differ\n")
}

func TestDispatchUsage(t *testing.T) {
	code, stdout, _ := invoke("help")
	assert.Equal(t, 0, code)
	assert.Contains(t, stdout, "run IN.ipynb [-o OUT.ipynb] [--timeout D] [--max-steps N]")
	assert.Contains(t, stdout, "check NB.ipynb...")

	code, stdout, stderr := invoke("frobnicate")
	assert.Equal(t, 2, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, `unknown command "frobnicate"`)
	assert.Contains(t, stderr, "usage:")

	code, _, _ = invoke()
	assert.Equal(t, 2, code)
	code, _, stderr = invoke("run")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "usage: go run . run IN.ipynb")
}

func TestUnifiedDiffShowsHunksWithContext(t *testing.T) {
	want := []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}
	got := []string{"1", "2", "3", "4", "five", "6", "7", "8", "9", "10", "11", "12", "13"}
	assert.Equal(t, "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n@@ -10,3 +10,4 @@\n 10\n 11\n 12\n+13\n",
		unifiedDiff(want, got, 3))
	assert.Equal(t, "", unifiedDiff(want, want, 3))
}

// A notebook whose metadata is repaired on reading says so on stderr, and runs.
func TestRunWarnsAboutRepairedMetadata(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.ipynb")
	require.NoError(t, os.WriteFile(path, []byte(`{"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": "python3"},
 "cells": [{"cell_type": "code", "metadata": {"tags": "a,b"}, "source": "print('ran')", "outputs": [], "execution_count": null}]}`), 0o644))
	code, stdout, stderr := invoke("run", path)
	assert.Equal(t, 0, code, "stderr: %s", stderr)
	assert.Contains(t, stdout, "ran")
	assert.Contains(t, stderr, "bad.ipynb: warning:")
	assert.Contains(t, stderr, "kernelspec")
	assert.Contains(t, stderr, "tags")
}

// --max-memory sets the kernel's memory budget.
func TestRunMaxMemoryLimitsTheKernel(t *testing.T) {
	in := writeNotebook(t, notebook.NewCode("x = []\nwhile True:\n    x.append([0] * 1000)"), notebook.NewCode("x = None\nprint('next')"))
	code, stdout, stderr := invoke("run", in, "--max-memory", "64")
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout+stderr, "MemoryError")
	assert.Contains(t, stdout+stderr, "budget of 64 MB")
}
