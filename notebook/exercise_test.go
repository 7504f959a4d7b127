package notebook_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/notebook"
)

// exerciseCell is a code cell with metadata.pushbook.exercise set to ex
// (any JSON value).
func exerciseCell(ex any) *notebook.Cell {
	c := notebook.NewCode("def keep(v):\n    pass\n")
	c.Metadata["pushbook"] = map[string]any{"exercise": ex}
	return c
}

func TestExerciseRoundTripsThroughTheIpynb(t *testing.T) {
	want := &notebook.Exercise{
		Title:    "Write a filter stage",
		Check:    "if len(received) != 10:\n    raise AssertionError(\"expected 10\")\n",
		Hints:    []string{"one", "two", "three"},
		Solution: "def keep(v):\n    return v % 2 == 0\n",
		Solved:   true,
	}
	c := notebook.NewCode("def keep(v):\n    pass\n")
	c.Metadata["tags"] = []any{"keep-me"}
	c.SetExercise(want)
	nb := notebook.New(notebook.NewMarkdown("# Exercises"), c)
	var buf bytes.Buffer
	require.NoError(t, notebook.Encode(&buf, nb))
	validate(t, buf.Bytes())
	assert.Contains(t, buf.String(), `"exercise": {`, "stored under metadata.pushbook.exercise")

	back, err := notebook.Decode(&buf)
	require.NoError(t, err)
	list, err := back.Exercises()
	require.NoError(t, err)
	assert.Equal(t, []*notebook.Exercise{nil, want}, list)
	assert.Equal(t, []string{"keep-me"}, back.Cells[1].Tags(), "other metadata stays")

	back.Cells[1].SetExercise(nil)
	assert.NotContains(t, back.Cells[1].Metadata, "pushbook", "SetExercise(nil) removes it")
}

func TestExerciseOptionalFields(t *testing.T) {
	e, err := exerciseCell(map[string]any{"title": "T", "check": "pass", "solution": "x = 1"}).Exercise()
	require.NoError(t, err)
	assert.Equal(t, &notebook.Exercise{Title: "T", Check: "pass", Solution: "x = 1"}, e, "no hints, not solved")

	plain := notebook.NewCode("x = 1")
	e, err = plain.Exercise()
	assert.NoError(t, err)
	assert.Nil(t, e, "a cell without metadata.pushbook.exercise is not an exercise")
	plain.Metadata["pushbook"] = map[string]any{"other": 1}
	e, err = plain.Exercise()
	assert.NoError(t, err)
	assert.Nil(t, e)
}

func TestBadExercisesAreClearErrorsNamingTheCell(t *testing.T) {
	good := func(change func(map[string]any)) map[string]any {
		m := map[string]any{"title": "T", "check": "pass", "solution": "x = 1", "hints": []any{"a"}}
		change(m)
		return m
	}
	cases := []struct {
		name string
		ex   any
		want []string
	}{
		{"not an object", "check me", []string{"metadata.pushbook.exercise: want an object, got a string"}},
		{"unknown key", good(func(m map[string]any) { m["hint"] = "x" }), []string{`unknown key "hint" (the keys are title, check, hints, solution, solved)`}},
		{"four hints", good(func(m map[string]any) { m["hints"] = []any{"1", "2", "3", "4"} }), []string{"hints: 4 hints; at most 3"}},
		{"empty check", good(func(m map[string]any) { m["check"] = "  \n" }), []string{"metadata.pushbook.exercise.check is empty"}},
		{"no check", good(func(m map[string]any) { delete(m, "check") }), []string{"metadata.pushbook.exercise.check is missing"}},
		{"no solution", good(func(m map[string]any) { delete(m, "solution") }), []string{"metadata.pushbook.exercise.solution is missing"}},
		{"empty title", good(func(m map[string]any) { m["title"] = "" }), []string{"metadata.pushbook.exercise.title is empty"}},
		{"check not a string", good(func(m map[string]any) { m["check"] = []any{"a", "b"} }), []string{"exercise.check: want a string, got a list"}},
		{"hints not a list", good(func(m map[string]any) { m["hints"] = "a" }), []string{"hints: want a list of strings, got a string"}},
		{"empty hint", good(func(m map[string]any) { m["hints"] = []any{"a", ""} }), []string{"hints[1] is empty"}},
		{"solved not a bool", good(func(m map[string]any) { m["solved"] = "yes" }), []string{"solved: want true or false, got a string"}},
		{"several at once", good(func(m map[string]any) { m["x"] = 1; m["check"] = "" }), []string{`unknown key "x"`, "check is empty"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := exerciseCell(tc.ex)
			c.ID = "ex1"
			nb := notebook.New(notebook.NewMarkdown("intro"), c)
			list, err := nb.Exercises()
			require.Error(t, err)
			assert.Nil(t, list[1])
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				assert.True(t, strings.HasPrefix(line, "cell 2 (id ex1): metadata.pushbook.exercise"), "each error names the cell: %q", line)
			}
		})
	}
}

func TestOnlyCodeCellsAreExercises(t *testing.T) {
	c := exerciseCell(map[string]any{"title": "T", "check": "pass", "solution": "x = 1"})
	c.CellType = notebook.MarkdownCell
	_, err := c.Exercise()
	assert.EqualError(t, err, "metadata.pushbook.exercise: only a code cell can be an exercise, this is a markdown cell")
}
