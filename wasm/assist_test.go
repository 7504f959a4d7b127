//go:build js && wasm

package main

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type completions struct {
	From  int `json:"from"`
	Items []struct {
		Name, Kind, Doc string
	} `json:"items"`
}

// complete calls pushbook.complete(code, pos), which answers at once (no promise).
func complete(t *testing.T, pb safejs.Value, code string, pos int) completions {
	t.Helper()
	v, err := pb.Call("complete", code, pos)
	require.NoError(t, err)
	require.Equal(t, safejs.TypeString, v.Type(), "complete answers with a JSON string at once")
	s, err := v.String()
	require.NoError(t, err)
	var c completions
	require.NoError(t, json.Unmarshal([]byte(s), &c), "%s", s)
	require.NotNil(t, c.Items, "items is an array, never null: %s", s)
	return c
}

func names(c completions) []string {
	var out []string
	for _, it := range c.Items {
		out = append(out, it.Name)
	}
	return out
}

func TestCompleteOffersTheSessionsNamesAndModuleMembersWithDocs(t *testing.T) {
	pb := api(t)
	require.Equal(t, "ok", run(t, pb, "import stages\ncount_events = 3").Status)

	c := complete(t, pb, "stages.pu", 9)
	assert.Equal(t, 7, c.From, "the word after the dot")
	require.Contains(t, names(c), "push")
	for _, it := range c.Items {
		if it.Name == "push" {
			assert.Equal(t, "function", it.Kind)
			assert.Contains(t, it.Doc, "push(source, head")
		}
	}
	assert.Contains(t, names(complete(t, pb, "x = count_", 10)), "count_events")
	assert.Contains(t, names(complete(t, pb, "import sta", 10)), "stages")
	assert.Contains(t, names(complete(t, pb, "from stages import pri", 22)), "printer")
	assert.Empty(t, complete(t, pb, "nothing_is_called_this", 22).Items)
}

// Offsets are JavaScript's (UTF-16 code units), not Go's bytes: text before the
// cursor with an accent and an emoji (two units, four bytes) moves neither.
func TestCompleteCountsOffsetsInUTF16(t *testing.T) {
	pb := api(t)
	run(t, pb, "import stages")
	code := "s = 'é😀'; stages.pu" // é: 1 unit, 2 bytes; 😀: 2 units, 4 bytes
	pos := len([]rune(code)) + 1  // the emoji counts twice
	c := complete(t, pb, code, pos)
	assert.Equal(t, pos-2, c.From)
	assert.Contains(t, names(c), "push")
}

// A completion asked while a cell runs is answered at once with what does not need
// the cell's globals (built-ins, keywords, modules), and the cell runs on and can be
// stopped as usual: complete neither waits for the cell nor holds it up.
func TestCompleteAnswersWhileACellRuns(t *testing.T) {
	pb := api(t)
	run(t, pb, "import stages")
	p, finish := start(t, pb, "n = 0\nwhile True:\n    n += 1")
	time.Sleep(50 * time.Millisecond)
	began := time.Now()
	c := complete(t, pb, "pri", 3)
	assert.Less(t, time.Since(began), 100*time.Millisecond)
	assert.Contains(t, names(c), "print", "built-ins while the cell runs")
	assert.Contains(t, names(complete(t, pb, "import sta", 10)), "stages", "modules while the cell runs")
	time.Sleep(50 * time.Millisecond)
	_, err := pb.Call("interrupt")
	require.NoError(t, err)
	assert.Equal(t, "aborted", finish(await(t, p, 5*time.Second)).Status)
	assert.Contains(t, names(complete(t, pb, "stages.pu", 9)), "push", "globals again once the cell ended")
}

func TestCompleteRejectsBadArguments(t *testing.T) {
	pb := api(t)
	v, err := pb.Call("complete", 42, 1)
	require.NoError(t, err)
	assert.Contains(t, rejection(t, v), "code must be a string and pos a number")
}

type diagnostic struct {
	Name    string `json:"name"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
}

func diagnose(t *testing.T, pb safejs.Value, code string) []diagnostic {
	t.Helper()
	v, err := pb.Call("diagnose", code)
	require.NoError(t, err)
	s, err := v.String()
	require.NoError(t, err)
	var d []diagnostic
	require.NoError(t, json.Unmarshal([]byte(s), &d), "%s", s)
	require.NotNil(t, d, "an array, never null: %s", s)
	return d
}

func TestDiagnoseGivesTheSyntaxErrorWithLineAndColumn(t *testing.T) {
	pb := api(t)
	d := diagnose(t, pb, "x = 1\nclass Sink:\n    pass")
	require.Len(t, d, 1)
	assert.Equal(t, diagnostic{"SyntaxError", 2, 1, d[0].Message}, d[0])
	assert.Contains(t, d[0].Message, "classes are not supported in pushbook cells")
	assert.Empty(t, diagnose(t, pb, "import stages\nx = 1"))

	// The column counts UTF-16 units: the emoji before the error is two.
	d = diagnose(t, pb, "x = '😀' +")
	require.Len(t, d, 1)
	assert.Equal(t, 1, d[0].Line)
	assert.Equal(t, len("x = '😀' +")-len("😀")+2+1, d[0].Col, "%v", d[0])
}

// diagnose parses only: while a cell runs it answers at once, and runs nothing.
func TestDiagnoseAnswersWhileACellRunsAndRunsNothing(t *testing.T) {
	pb := api(t)
	p, finish := start(t, pb, "while True:\n    pass")
	time.Sleep(50 * time.Millisecond)
	assert.Len(t, diagnose(t, pb, "class X:\n    pass"), 1)
	assert.Empty(t, diagnose(t, pb, "ran = 1"))
	_, err := pb.Call("interrupt")
	require.NoError(t, err)
	assert.Equal(t, "aborted", finish(await(t, p, 5*time.Second)).Status)
	res := run(t, pb, "ran")
	assert.Equal(t, "NameError", res.Outputs[len(res.Outputs)-1]["ename"])
}
