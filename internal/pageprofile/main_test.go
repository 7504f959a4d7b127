package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testProfile is a profile of 6 samples over 1.2 ms: the Go allocator, the
// interpreter, the worker's JavaScript and the worker idle.
const testProfile = `{
	"nodes": [
		{"id": 1, "callFrame": {"functionName": "(root)", "url": "", "lineNumber": -1}, "children": [2, 3]},
		{"id": 2, "callFrame": {"functionName": "(idle)", "url": "", "lineNumber": -1}},
		{"id": 3, "callFrame": {"functionName": "self.onmessage", "url": "http://127.0.0.1:1/worker.js", "lineNumber": 9}, "children": [4]},
		{"id": 4, "callFrame": {"functionName": "go.starlark.net_starlark.Call", "url": "http://127.0.0.1:1/main.wasm"}, "children": [5, 6]},
		{"id": 5, "callFrame": {"functionName": "runtime.mallocgc", "url": "http://127.0.0.1:1/main.wasm"}},
		{"id": 6, "callFrame": {"functionName": "pushbook_pipeline.Filter_go.shape.interface___Freeze____Type___string___.func2", "url": "http://127.0.0.1:1/main.wasm"}}
	],
	"startTime": 1000, "endTime": 2200,
	"samples":    [2,   4,   5,   4,   3,   6],
	"timeDeltas": [100, 100, 200, 100, 300, 100]
}`

func parseTestProfile(t *testing.T) *Profile {
	t.Helper()
	var p Profile
	require.NoError(t, json.Unmarshal([]byte(testProfile), &p))
	return &p
}

func TestSelfSamplesAreCountedByFunction(t *testing.T) {
	got := map[string]int{}
	for _, f := range selfSamples(parseTestProfile(t)) {
		got[f.String()] = f.Samples
	}
	want := map[string]int{
		"(idle)":                              1,
		"go.starlark.net_starlark.Call":       2,
		"runtime.mallocgc":                    1,
		"self.onmessage worker.js:10":         1,
		"pushbook_pipeline.Filter[...].func2": 1,
	}
	assert.Equal(t, want, got)
}

func TestGroupsCountEachFunctionOnceInTheFirstThatMatches(t *testing.T) {
	samples := groupSamples(selfSamples(parseTestProfile(t)))
	got := map[string]int{}
	for i, g := range groups {
		if samples[i] != 0 {
			got[g.name] = samples[i]
		}
	}
	if samples[len(groups)] != 0 {
		got["other Go"] = samples[len(groups)]
	}
	want := map[string]int{
		"JS/idle":          1,
		"allocation":       1,
		"the interpreter":  2,
		"pushbook's Go":    1,
		"other JavaScript": 1,
	}
	assert.Equal(t, want, got)
}

func TestShortGenericWritesTypeArgumentsAsDots(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"pushbook_pipeline.Map_go.shape.interface___Freeze____Hash____uint32__error___.func2", "pushbook_pipeline.Map[...].func2"},
		{"slices.pdqsortCmpFunc_go.shape.struct___encoding_json.v_reflect.Value___", "slices.pdqsortCmpFunc[...]"},
		{"runtime.mallocgc", "runtime.mallocgc"},
		{"a___b", "a___b"},
	} {
		assert.Equal(t, tc.want, shortGeneric(tc.in), "shortGeneric(%q)", tc.in)
	}
}

func TestSummaryListsTopFunctionsAndGroupShares(t *testing.T) {
	var buf bytes.Buffer
	writeSummary(&buf, "test.cpuprofile", parseTestProfile(t), 2)
	out := buf.String()
	assert.Contains(t, out, "test.cpuprofile: 1.2 ms, 6 samples (every 100 µs; the longest gap 0.3 ms)")
	assert.Contains(t, out, "top 2 functions by self time")
	assert.Regexp(t, `\n\s+0\.4\s+33\.3%\s+go\.starlark\.net_starlark\.Call\n`, out)
	assert.NotContains(t, out, "runtime.mallocgc\n", "only the top 2 are listed")
	assert.Regexp(t, `\n\s+0\.2\s+16\.7%\s+allocation\n`, out)
}
