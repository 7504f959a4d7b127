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

// graph calls pushbook.graph(id), which answers at once (no promise): the bundle, or
// nil for "null".
func graph(t *testing.T, pb safejs.Value, id string) map[string]any {
	t.Helper()
	v, err := pb.Call("graph", id)
	require.NoError(t, err)
	require.Equal(t, safejs.TypeString, v.Type(), "graph answers with a JSON string at once")
	s, err := v.String()
	require.NoError(t, err)
	var data map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &data), "%s", s)
	return data
}

// shownGraph runs code, whose result is a stage, and returns its output's graph id.
func shownGraph(t *testing.T, pb safejs.Value, code string) (string, map[string]any) {
	t.Helper()
	res := run(t, pb, code)
	require.Equal(t, "ok", res.Status)
	out := res.Outputs[len(res.Outputs)-1]
	md, _ := out["metadata"].(map[string]any)
	pbmd, _ := md["pushbook"].(map[string]any)
	require.Equal(t, "pipeline", pbmd["kind"], "%v", out)
	id, ok := pbmd["graph"].(string)
	require.True(t, ok, "metadata.pushbook.graph: %v", md)
	return id, out["data"].(map[string]any)
}

func TestGraphRedrawsAShownPipelineWithTheCountsAsTheyAreNow(t *testing.T) {
	pb := api(t)
	id, shown := shownGraph(t, pb, "import stages\nhead = stages.process(stages.add(1), stages.counter('sink'))\nhead")
	assert.Contains(t, shown["text/plain"], "0 in")
	assert.Equal(t, shown, graph(t, pb, id), "unchanged: the same bundle")

	require.Equal(t, "ok", run(t, pb, "stages.push(range(5), head)").Status)
	now := graph(t, pb, id)
	require.NotNil(t, now)
	assert.Contains(t, now["text/plain"], "[open] 5 in")
	assert.Contains(t, now["image/svg+xml"], "<svg")

	assert.Nil(t, graph(t, pb, "nonsense-1"), "an unknown id: null")
	v, err := pb.Call("graph", 3)
	require.NoError(t, err)
	assert.Contains(t, rejection(t, v), "id must be a string")
}

// A restarted session does not answer for the graphs of the one before.
func TestGraphForgetsThePreviousSessionsIdsAfterRestart(t *testing.T) {
	pb := api(t)
	id, _ := shownGraph(t, pb, "import stages\nhead = stages.counter('c')\nhead")
	require.NotNil(t, graph(t, pb, id))
	p, err := pb.Call("restart")
	require.NoError(t, err)
	await(t, p, 5*time.Second)
	assert.Nil(t, graph(t, pb, id), "the old session's id")
	newID, _ := shownGraph(t, pb, "import stages\nhead = stages.counter('c')\nhead")
	assert.NotEqual(t, id, newID)
	assert.NotNil(t, graph(t, pb, newID))
}

// While a cell runs, graph answers null at once and the cell runs on.
func TestGraphAnswersNullAtOnceWhileACellRuns(t *testing.T) {
	pb := api(t)
	id, _ := shownGraph(t, pb, "import stages\nhead = stages.counter('c')\nhead")
	p, finish := start(t, pb, "while True:\n    stages.push(range(10), head)")
	time.Sleep(50 * time.Millisecond)
	began := time.Now()
	assert.Nil(t, graph(t, pb, id), "busy: null")
	assert.Less(t, time.Since(began), 100*time.Millisecond)
	_, err := pb.Call("interrupt")
	require.NoError(t, err)
	assert.Equal(t, "aborted", finish(await(t, p, 5*time.Second)).Status)
	now := graph(t, pb, id)
	require.NotNil(t, now, "answered again once the cell ended")
	assert.NotContains(t, now["text/plain"], "[open] 0 in")
}
