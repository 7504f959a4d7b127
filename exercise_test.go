package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/notebook"
)

// The exercise of these tests: keep the even values of range(20).
const (
	startingCode = "def keep(v):\n    return v % 2 == 1   # keeps the odd ones\nreceived = [v for v in range(20) if keep(v)]\nprint(len(received), 'received')"
	solutionCode = "def keep(v):\n    return v % 2 == 0\nreceived = [v for v in range(20) if keep(v)]\nprint(len(received), 'received')"
	filterCheck  = "print('checking')\nif received[:3] != [0, 2, 4]:\n    raise AssertionError('the sink received %s first; expected [0, 2, 4]: is the filter inverted?' % received[:3])\n"
)

// exercise returns a code cell with source and the exercise of these tests,
// whose solution and check are given.
func exercise(source, solution, check string) *notebook.Cell {
	c := notebook.NewCode(source)
	c.SetExercise(&notebook.Exercise{Title: "Keep the even values", Check: check, Hints: []string{"v % 2 == 0 for even"}, Solution: solution})
	return c
}

func TestCheckRunsEachExercisesSolutionThenItsCheck(t *testing.T) {
	after := notebook.NewCode("print(sum(received))")
	after.Outputs = []notebook.Output{notebook.NewStream("stdout", "90\n")} // what the solution gives
	cases := []struct {
		name     string
		cells    []*notebook.Cell
		wantCode int
		want     []string // lines of stdout
	}{
		{
			name:     "the solution passes",
			cells:    []*notebook.Cell{notebook.NewMarkdown("# Filters"), exercise(startingCode, solutionCode, filterCheck), after},
			wantCode: 0,
			want:     []string{"ok (1 code cell, 1 exercise)"},
		},
		{
			name:     "the solution fails its check",
			cells:    []*notebook.Cell{exercise(solutionCode, startingCode, filterCheck)},
			wantCode: 1,
			want: []string{
				`cell 1, exercise "Keep the even values": the check fails with the reference solution: the sink received [1, 3, 5] first; expected [0, 2, 4]: is the filter inverted?`,
				"FAIL: 1 of 1 exercises fail their check",
			},
		},
		{
			name:     "the check itself is broken",
			cells:    []*notebook.Cell{exercise(startingCode, solutionCode, "if recieved: pass")},
			wantCode: 1,
			want:     []string{`cell 1, exercise "Keep the even values": the check fails with the reference solution: NameError: name 'recieved' is not defined`},
		},
		{
			name:     "the solution raises",
			cells:    []*notebook.Cell{exercise(startingCode, "received = 1 // 0", filterCheck)},
			wantCode: 1,
			want:     []string{`cell 1, exercise "Keep the even values": the reference solution fails: ZeroDivisionError: floored division by zero`},
		},
		{
			name:     "later cells are compared with what the solution gives",
			cells:    []*notebook.Cell{exercise(startingCode, startingCode, "pass"), after},
			wantCode: 1,
			want:     []string{"cell 2 (In [2]) outputs differ:", "FAIL: 1 of 1 code cells differ"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeNotebook(t, tc.cells...)
			code, stdout, stderr := invoke("check", path)
			assert.Equal(t, tc.wantCode, code, "stdout: %s\nstderr: %s", stdout, stderr)
			for _, w := range tc.want {
				assert.Contains(t, stdout, path+": "+w)
			}
		})
	}
}

func TestCheckDoesNotCompareTheExerciseCellsOutputs(t *testing.T) {
	ex := exercise(startingCode, solutionCode, filterCheck)
	ex.Outputs = []notebook.Output{notebook.NewStream("stdout", "whatever the starting code printed\n")}
	path := writeNotebook(t, ex)
	code, stdout, _ := invoke("check", path)
	assert.Equal(t, 0, code, stdout)
	assert.Equal(t, path+": ok (0 code cells, 1 exercise)\n", stdout)
}

func TestMalformedExercisesFailRunAndCheckNamingTheCell(t *testing.T) {
	cases := []struct {
		name string
		meta map[string]any
		want string
	}{
		{"unknown key", map[string]any{"title": "T", "check": "pass", "solution": "x = 1", "answer": "x"}, `cell 2 (id bad): metadata.pushbook.exercise: unknown key "answer"`},
		{"four hints", map[string]any{"title": "T", "check": "pass", "solution": "x = 1", "hints": []any{"1", "2", "3", "4"}}, "cell 2 (id bad): metadata.pushbook.exercise.hints: 4 hints; at most 3"},
		{"empty check", map[string]any{"title": "T", "check": "", "solution": "x = 1"}, "cell 2 (id bad): metadata.pushbook.exercise.check is empty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bad := notebook.NewCode("x = 1")
			bad.ID = "bad"
			bad.Metadata["pushbook"] = map[string]any{"exercise": tc.meta}
			path := writeNotebook(t, notebook.NewCode("print('first')"), bad)

			code, stdout, _ := invoke("check", path)
			assert.Equal(t, 1, code)
			assert.Contains(t, stdout, path+": "+tc.want)
			assert.Contains(t, stdout, path+": FAIL: malformed exercise")

			code, stdout, stderr := invoke("run", path)
			assert.Equal(t, 1, code)
			assert.Empty(t, stdout, "nothing runs")
			assert.Contains(t, stderr, "run: "+path+": "+tc.want)
		})
	}
}

func TestRunRunsTheLearnersCodeThenTheCheckAndPrintsTheVerdict(t *testing.T) {
	cases := []struct {
		name, source string
		wantCode     int
		stdout       string
		stderr       string // a part of it
	}{
		{"not solved", startingCode, 0, "10 received\nchecking\nExercise \"Keep the even values\" (cell 1): not solved yet: the sink received [1, 3, 5] first; expected [0, 2, 4]: is the filter inverted?\n", ""},
		{"solved", solutionCode, 0, "10 received\nchecking\nExercise \"Keep the even values\" (cell 1): solved\n", ""},
		{"check errors", "received = None", 0, "checking\nExercise \"Keep the even values\" (cell 1): the check failed: TypeError: invalid slice operand NoneType\n", "Exercise check, line 2"},
		{"cell fails", "received = 1 // 0", 1, "Exercise \"Keep the even values\" (cell 1): check not run: the cell failed\n", "cell 1 (In [1]) failed: ZeroDivisionError"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeNotebook(t, exercise(tc.source, solutionCode, filterCheck))
			code, stdout, stderr := invoke("run", path)
			assert.Equal(t, tc.wantCode, code, "stderr: %s", stderr)
			assert.Equal(t, tc.stdout, stdout)
			if tc.stderr == "" {
				assert.Empty(t, stderr, "an AssertionError is feedback, not a traceback")
			}
			assert.Contains(t, stderr, tc.stderr)
		})
	}
}

func TestRunSolutionsWritesTheOutputsCheckCompares(t *testing.T) {
	in := writeNotebook(t, exercise(startingCode, solutionCode, filterCheck), notebook.NewCode("print(sum(received))"))
	out := filepath.Join(t.TempDir(), "out.ipynb")
	code, stdout, stderr := invoke("run", "--solutions", in, "-o", out)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "(cell 1): solved\n90\n")
	nb, err := notebook.Read(out)
	require.NoError(t, err)
	assert.Empty(t, nb.Cells[0].Outputs, "the exercise cell keeps no outputs of the solution")
	assert.Equal(t, startingCode, nb.Cells[0].Source, "and its starting code")
	code, stdout, _ = invoke("check", out)
	assert.Equal(t, 0, code, stdout)
	assert.True(t, strings.HasSuffix(stdout, "ok (1 code cell, 1 exercise)\n"), stdout)
}
