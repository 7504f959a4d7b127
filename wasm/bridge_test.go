//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// api installs a fresh bridge on a fresh JavaScript object and returns that object's
// "pushbook" property, the same object a worker sees.
func api(t *testing.T) safejs.Value {
	t.Helper()
	ctor, err := safejs.Global().Get("Object")
	require.NoError(t, err)
	host, err := ctor.New()
	require.NoError(t, err)
	require.NoError(t, newBridge().install(host))
	pb, err := host.Get("pushbook")
	require.NoError(t, err)
	return pb
}

type cellResult struct {
	ExecutionCount int    `json:"execution_count"`
	Status         string `json:"status"`
	Outputs        []map[string]any
}

// await waits for a JavaScript promise, letting the event loop run meanwhile.
func await(t *testing.T, p safejs.Value, timeout time.Duration) safejs.Value {
	t.Helper()
	done := make(chan safejs.Value, 1)
	failed := make(chan string, 1)
	onOK, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		if len(args) > 0 {
			done <- args[0]
		} else {
			done <- safejs.Undefined()
		}
		return nil
	})
	require.NoError(t, err)
	defer onOK.Release()
	onErr, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		s, _ := args[0].String()
		failed <- s
		return nil
	})
	require.NoError(t, err)
	defer onErr.Release()
	_, err = p.Call("then", onOK.Value(), onErr.Value())
	require.NoError(t, err)
	select {
	case v := <-done:
		return v
	case msg := <-failed:
		require.FailNow(t, "promise rejected", msg)
	case <-time.After(timeout):
		require.FailNow(t, "promise did not settle", "after %v", timeout)
	}
	return safejs.Undefined()
}

// start calls pushbook.execute(code, onOutput) and returns the promise and a function
// that, after the promise settles, gives the result with the outputs collected.
func start(t *testing.T, pb safejs.Value, code string) (safejs.Value, func(safejs.Value) cellResult) {
	t.Helper()
	return startFn(t, pb, "execute", code)
}

// startFn is start for pushbook[fn], execute or check.
func startFn(t *testing.T, pb safejs.Value, fn, code string) (safejs.Value, func(safejs.Value) cellResult) {
	t.Helper()
	var outputs []map[string]any
	onOutput, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		s, err := args[0].String()
		require.NoError(t, err)
		var out map[string]any
		require.NoError(t, json.Unmarshal([]byte(s), &out), "output is JSON: %s", s)
		outputs = append(outputs, out)
		return nil
	})
	require.NoError(t, err)
	p, err := pb.Call(fn, code, onOutput.Value())
	require.NoError(t, err)
	return p, func(v safejs.Value) cellResult {
		defer onOutput.Release()
		s, err := v.String()
		require.NoError(t, err)
		var res cellResult
		require.NoError(t, json.Unmarshal([]byte(s), &res), "result is JSON: %s", s)
		res.Outputs = outputs
		return res
	}
}

func run(t *testing.T, pb safejs.Value, code string) cellResult {
	t.Helper()
	p, finish := start(t, pb, code)
	return finish(await(t, p, 10*time.Second))
}

// check runs code as an exercise's check and returns its result and outputs.
func check(t *testing.T, pb safejs.Value, code string) cellResult {
	t.Helper()
	p, finish := startFn(t, pb, "check", code)
	return finish(await(t, p, 10*time.Second))
}

func TestCheckRunsAfterTheCellWithoutANumber(t *testing.T) {
	pb := api(t)
	run(t, pb, "received = [1, 3]")
	res := check(t, pb, "print('checking')\nif len(received) != 10:\n    raise AssertionError('the sink received %d values; expected 10' % len(received))")
	assert.Equal(t, "error", res.Status)
	assert.Equal(t, 0, res.ExecutionCount, "null: a check takes no number")
	require.Len(t, res.Outputs, 2, "outputs: %v", res.Outputs)
	assert.Equal(t, "checking\n", res.Outputs[0]["text"])
	assert.Equal(t, "AssertionError", res.Outputs[1]["ename"])
	assert.Equal(t, "the sink received 2 values; expected 10", res.Outputs[1]["evalue"])

	res = check(t, pb, "pass")
	assert.Equal(t, "ok", res.Status)
	assert.Equal(t, 2, run(t, pb, "x = 1").ExecutionCount, "the next cell is In [2]")
}

func TestCheckIsRefusedWhileACellRuns(t *testing.T) {
	pb := api(t)
	p, finish := start(t, pb, "x = 1\nwhile True:\n    pass")
	time.Sleep(50 * time.Millisecond)
	refused, _ := startFn(t, pb, "check", "print('must not run')")
	assert.Contains(t, rejection(t, refused), "a cell is already running")
	_, err := pb.Call("interrupt")
	require.NoError(t, err)
	assert.Equal(t, "aborted", finish(await(t, p, 5*time.Second)).Status)
	res := check(t, pb, "print('runs now')")
	assert.Equal(t, "ok", res.Status)
	require.Len(t, res.Outputs, 1)
	assert.Equal(t, "runs now\n", res.Outputs[0]["text"])
}

func TestExecuteStreamsOutputsAsNbformatJSON(t *testing.T) {
	pb := api(t)
	res := run(t, pb, "print('hello')\n1 + 2")
	assert.Equal(t, "ok", res.Status)
	assert.Equal(t, 1, res.ExecutionCount)
	require.Len(t, res.Outputs, 2, "outputs: %v", res.Outputs)
	assert.Equal(t, "stream", res.Outputs[0]["output_type"])
	assert.Equal(t, "hello\n", res.Outputs[0]["text"])
	assert.Equal(t, "execute_result", res.Outputs[1]["output_type"])
	assert.Equal(t, "3", res.Outputs[1]["data"].(map[string]any)["text/plain"])
}

// Prints are handed to JavaScript joined, in order, with other outputs and
// stderr keeping their place between them.
func TestConsecutivePrintsReachJavaScriptJoinedAndInOrder(t *testing.T) {
	pb := api(t)
	res := run(t, pb, "for i in range(3000):\n    print(i)\ndisplay(1)\nprint('after')")
	require.Equal(t, "ok", res.Status, "outputs: %v", res.Outputs)
	var want strings.Builder
	for i := range 3000 {
		fmt.Fprintln(&want, i)
	}
	var got strings.Builder
	kinds := []string{}
	for _, o := range res.Outputs {
		kind := o["output_type"].(string)
		if len(kinds) == 0 || kinds[len(kinds)-1] != kind {
			kinds = append(kinds, kind)
		}
		if kind == "stream" && len(kinds) == 1 {
			got.WriteString(o["text"].(string))
		}
	}
	assert.Equal(t, want.String(), got.String(), "the 3,000 lines, in order")
	assert.Equal(t, []string{"stream", "display_data", "stream"}, kinds, "the display keeps its place")
	assert.Less(t, len(res.Outputs), 100, "3,000 prints were not joined")
}

func TestErrorsBecomeOutputsAndTheSessionLivesOn(t *testing.T) {
	pb := api(t)
	res := run(t, pb, "x = 1\ny = (")
	assert.Equal(t, "error", res.Status)
	require.NotEmpty(t, res.Outputs)
	assert.Equal(t, "error", res.Outputs[len(res.Outputs)-1]["output_type"])
	assert.Contains(t, res.Outputs[len(res.Outputs)-1]["ename"], "SyntaxError")

	res = run(t, pb, "z = 1 // 0")
	assert.Equal(t, "error", res.Status)

	res = run(t, pb, "print('still here')")
	assert.Equal(t, "ok", res.Status)
	assert.Equal(t, 3, res.ExecutionCount)
}

func TestInterruptStopsABusyCellThroughTheEventLoop(t *testing.T) {
	pb := api(t)
	p, finish := start(t, pb, "while True:\n    pass")
	time.Sleep(100 * time.Millisecond) // runs only because the cell parks in the yielder
	began := time.Now()
	_, err := pb.Call("interrupt")
	require.NoError(t, err)
	res := finish(await(t, p, 5*time.Second))
	assert.Less(t, time.Since(began), time.Second, "interrupt to idle")
	assert.Equal(t, "aborted", res.Status)

	res = run(t, pb, "print('next cell runs')")
	assert.Equal(t, "ok", res.Status)
	require.Len(t, res.Outputs, 1)
	assert.Equal(t, "next cell runs\n", res.Outputs[0]["text"])
}

// The bridge holds no queue: a cell sent while another runs (or while restart
// replaces the session) is refused at once and never runs, and the cell that runs
// is not disturbed. The page sends the next cell after the previous one's result.
func TestACellSentWhileAnotherRunsIsRefusedNotQueued(t *testing.T) {
	for _, tc := range []struct {
		name  string
		start func(t *testing.T, pb safejs.Value) func() // starts what keeps the bridge busy; returns how to end it
	}{
		{"a cell runs", func(t *testing.T, pb safejs.Value) func() {
			p, finish := start(t, pb, "x = 1\nwhile True:\n    pass")
			time.Sleep(50 * time.Millisecond)
			return func() {
				_, err := pb.Call("interrupt")
				require.NoError(t, err)
				assert.Equal(t, "aborted", finish(await(t, p, 5*time.Second)).Status)
			}
		}},
		{"restart waits for an interrupted cell", func(t *testing.T, pb safejs.Value) func() {
			p, finish := start(t, pb, "x = 1\nwhile True:\n    pass")
			time.Sleep(50 * time.Millisecond)
			r, err := pb.Call("restart") // the cell stops at its next trip through the event loop
			require.NoError(t, err)
			return func() {
				assert.Equal(t, "aborted", finish(await(t, p, 5*time.Second)).Status)
				await(t, r, 5*time.Second)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pb := api(t)
			end := tc.start(t, pb)
			refused, _ := start(t, pb, "print('must not run')\ny = 2")
			assert.Contains(t, rejection(t, refused), "a cell is already running")
			end()
			res := run(t, pb, "print('next')")
			assert.Equal(t, "ok", res.Status, "outputs: %v", res.Outputs)
			require.Len(t, res.Outputs, 1)
			assert.Equal(t, "next\n", res.Outputs[0]["text"])
			res = run(t, pb, "y")
			assert.Equal(t, "error", res.Status, "the refused cell never ran, so y is undefined: %v", res.Outputs)
			require.NotEmpty(t, res.Outputs)
			assert.Equal(t, "NameError", res.Outputs[len(res.Outputs)-1]["ename"])
		})
	}
}

func TestRestartStartsAFreshSession(t *testing.T) {
	pb := api(t)
	run(t, pb, "a = 41")
	res := run(t, pb, "a + 1")
	assert.Equal(t, 2, res.ExecutionCount)

	p, err := pb.Call("restart")
	require.NoError(t, err)
	await(t, p, 5*time.Second)

	res = run(t, pb, "a")
	assert.Equal(t, 1, res.ExecutionCount, "counts start again at 1")
	assert.Equal(t, "error", res.Status)
	last := res.Outputs[len(res.Outputs)-1]
	assert.True(t, strings.Contains(last["evalue"].(string), "a"), "undefined a: %v", last)
}

func TestExecuteRejectsANonStringCell(t *testing.T) {
	pb := api(t)
	p, err := pb.Call("execute", 42)
	require.NoError(t, err)
	assert.Contains(t, rejection(t, p), "code must be a string")
}
