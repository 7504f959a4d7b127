//go:build js && wasm

package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsFunc evaluates a JavaScript function expression, as new Function("return " + src)().
func jsFunc(t *testing.T, src string) safejs.Value {
	t.Helper()
	ctor, err := safejs.Global().Get("Function")
	require.NoError(t, err)
	maker, err := ctor.New("return " + src)
	require.NoError(t, err)
	fn, err := maker.Invoke()
	require.NoError(t, err, "evaluating %s", src)
	return fn
}

// bytesJS makes a Uint8Array holding s.
func bytesJS(t *testing.T, s string) safejs.Value {
	t.Helper()
	ctor, err := safejs.Global().Get("Uint8Array")
	require.NoError(t, err)
	arr, err := ctor.New(len(s))
	require.NoError(t, err)
	_, err = safejs.CopyBytesToJS(arr, []byte(s))
	require.NoError(t, err)
	return arr
}

// fakeFetch replaces globalThis.fetch with the function src for the test and
// returns a function that lists the URLs it was asked for.
func fakeFetch(t *testing.T, src string) func() []string {
	t.Helper()
	g := safejs.Global()
	old, err := g.Get("fetch")
	require.NoError(t, err)
	wrapped := jsFunc(t, `(url, init) => { globalThis.pushbookFetched.push(String(url)); return (`+src+`)(url, init); }`)
	fetched, err := safejs.ValueOf([]any{})
	require.NoError(t, err)
	require.NoError(t, g.Set("pushbookFetched", fetched))
	require.NoError(t, g.Set("fetch", wrapped))
	t.Cleanup(func() { _ = g.Set("fetch", old) })
	return func() []string {
		list, err := g.Get("pushbookFetched")
		require.NoError(t, err)
		n, err := list.Length()
		require.NoError(t, err)
		out := make([]string, n)
		for i := range out {
			v, err := list.Index(i)
			require.NoError(t, err)
			out[i], err = v.String()
			require.NoError(t, err)
		}
		return out
	}
}

// lastError is the evalue of a cell's last output, which must be an error.
func lastError(t *testing.T, res cellResult) string {
	t.Helper()
	require.NotEmpty(t, res.Outputs)
	last := res.Outputs[len(res.Outputs)-1]
	require.Equal(t, "error", last["output_type"], "outputs: %v", res.Outputs)
	return last["evalue"].(string)
}

func call(t *testing.T, pb safejs.Value, name string, args ...any) safejs.Value {
	t.Helper()
	v, err := pb.Call(name, args...)
	require.NoError(t, err, "pushbook.%s", name)
	return v
}

// rejection awaits p and returns the message it was rejected with.
func rejection(t *testing.T, p safejs.Value) string {
	t.Helper()
	done := make(chan string, 1)
	onErr, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		msg, _ := args[0].Get("message")
		s, _ := msg.String()
		done <- s
		return nil
	})
	require.NoError(t, err)
	defer onErr.Release()
	_, err = p.Call("catch", onErr.Value())
	require.NoError(t, err, "not a promise")
	select {
	case msg := <-done:
		return msg
	case <-time.After(5 * time.Second):
		require.FailNow(t, "the promise was not rejected")
	}
	return ""
}

func TestADroppedFileIsReadByReadTextAndReadEvents(t *testing.T) {
	pb := api(t)
	n := call(t, pb, "addFile", "notes.txt", bytesJS(t, "héllo\nworld"))
	size, err := n.Int()
	require.NoError(t, err)
	assert.Equal(t, len("héllo\nworld"), size)
	call(t, pb, "addFile", "d.jsonl", bytesJS(t, `{"x": 1, "tag": "a"}`+"\n"+`{"x": 2, "tag": "b"}`+"\n"))

	res := run(t, pb, "from files import read_text\nprint(read_text(\"notes.txt\"))")
	require.Equal(t, "ok", res.Status, "outputs: %v", res.Outputs)
	assert.Equal(t, "héllo\nworld\n", res.Outputs[0]["text"])

	res = run(t, pb, "from files import read_events\nprint(read_events(\"d.jsonl\"))")
	require.Equal(t, "ok", res.Status, "outputs: %v", res.Outputs)
	assert.Equal(t, "[{'x': 1, 'tag': 'a'}, {'x': 2, 'tag': 'b'}]\n", res.Outputs[0]["text"])

	listed := call(t, pb, "files")
	l, err := listed.Length()
	require.NoError(t, err)
	assert.Equal(t, 2, l)
	first, _ := listed.Index(0)
	name, _ := first.String()
	assert.Equal(t, "d.jsonl", name, "files() is sorted")
}

func TestARemovedFileIsNoLongerFound(t *testing.T) {
	pb := api(t)
	call(t, pb, "addFile", "gone.txt", bytesJS(t, "x"))
	removed, err := call(t, pb, "removeFile", "gone.txt").Bool()
	require.NoError(t, err)
	assert.True(t, removed)
	res := run(t, pb, "from files import read_text\nread_text(\"gone.txt\")")
	assert.Equal(t, "error", res.Status)
	assert.Contains(t, lastError(t, res), "no file gone.txt: it is not among the dropped files, and the page gave no address")
	again, err := call(t, pb, "removeFile", "gone.txt").Bool()
	require.NoError(t, err)
	assert.False(t, again, "removing twice reports nothing removed")
}

func TestDroppedFilesAndBaseSurviveARestart(t *testing.T) {
	pb := api(t)
	call(t, pb, "addFile", "keep.txt", bytesJS(t, "kept"))
	await(t, call(t, pb, "restart"), 5*time.Second)
	res := run(t, pb, "from files import read_text\nread_text(\"keep.txt\")")
	require.Equal(t, "ok", res.Status, "outputs: %v", res.Outputs)
	assert.Equal(t, `'kept'`, res.Outputs[0]["data"].(map[string]any)["text/plain"])
}

func TestNamesThatLeaveTheSiteAreRefused(t *testing.T) {
	pb := api(t)
	fetched := fakeFetch(t, `() => Promise.reject(new Error("must not fetch"))`)
	call(t, pb, "setBase", "http://site.test/nb/x.ipynb")
	for _, c := range []struct{ name, why string }{
		{"https://evil.test/x.json", "an absolute URL is not allowed"},
		{"HTTP://evil.test/x.json", "an absolute URL is not allowed"},
		{"data:text/plain,hi", "an absolute URL is not allowed"},
		{"javascript:alert(1)", "an absolute URL is not allowed"},
		{"//evil.test/x.json", "a URL of another site is not allowed"},
		{"/etc/passwd", "a path from the server's root is not allowed"},
		{`\\evil.test\x.json`, "backslashes are not allowed"},
	} {
		res := run(t, pb, "from files import read_text\nread_text("+strconv.Quote(c.name)+")")
		assert.Equal(t, "error", res.Status, "read_text(%q)", c.name)
		msg := lastError(t, res)
		assert.Contains(t, msg, c.why, "read_text(%q)", c.name)
		assert.Contains(t, msg, "relative path", "read_text(%q) says what is allowed", c.name)
	}
	assert.Empty(t, fetched(), "nothing was fetched")
}

func TestFilesNotDroppedAreFetchedRelativeToTheNotebook(t *testing.T) {
	pb := api(t)
	fetched := fakeFetch(t, `(url) => Promise.resolve({status: 200, arrayBuffer: () =>
		Promise.resolve(new TextEncoder().encode('[{"a": 1}, {"a": 2, "b": {"c": true}}]').buffer)})`)
	call(t, pb, "setBase", "http://site.test/examples/x.ipynb")
	res := run(t, pb, "from files import read_table\nprint(read_table(\"data.json\"))")
	require.Equal(t, "ok", res.Status, "outputs: %v", res.Outputs)
	assert.Contains(t, res.Outputs[0]["text"], "b.c", "nested keys flattened")
	res = run(t, pb, "from files import read_events\nprint(len(read_events(\"sub/a:b.json\")), len(read_events(\"../top.json\")))")
	require.Equal(t, "ok", res.Status, "outputs: %v", res.Outputs)
	assert.Equal(t, []string{
		"http://site.test/examples/data.json",
		"http://site.test/examples/sub/a:b.json",
		"http://site.test/top.json",
	}, fetched())
}

func TestAMissingFileNamesWhereItLooked(t *testing.T) {
	pb := api(t)
	fakeFetch(t, `() => Promise.resolve({status: 404})`)
	call(t, pb, "setBase", "http://site.test/nb/x.ipynb")
	res := run(t, pb, "from files import read_events\nread_events(\"d.jsonl\")")
	assert.Equal(t, "error", res.Status)
	assert.Contains(t, lastError(t, res), "no file d.jsonl (looked among dropped files and at http://site.test/nb/d.jsonl)")

	fakeFetch(t, `() => Promise.resolve({status: 500})`)
	res = run(t, pb, "from files import read_events\nread_events(\"d.jsonl\")")
	assert.Contains(t, lastError(t, res), "HTTP 500")

	fakeFetch(t, `() => Promise.reject(new TypeError("Failed to fetch"))`)
	res = run(t, pb, "from files import read_events\nread_events(\"d.jsonl\")")
	assert.Contains(t, lastError(t, res), "Failed to fetch")
}

func TestStopEndsAFetchThatNeverAnswers(t *testing.T) {
	pb := api(t)
	fakeFetch(t, `(url, init) => new Promise((_, reject) =>
		init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))))`)
	call(t, pb, "setBase", "http://site.test/")
	p, finish := start(t, pb, "from files import read_text\nread_text(\"slow.txt\")")
	time.Sleep(100 * time.Millisecond)
	began := time.Now()
	call(t, pb, "interrupt")
	res := finish(await(t, p, 5*time.Second))
	assert.Less(t, time.Since(began), 500*time.Millisecond, "interrupt to idle")
	assert.Equal(t, "aborted", res.Status)
	assert.Contains(t, res.Outputs[len(res.Outputs)-1]["ename"], "KeyboardInterrupt")

	call(t, pb, "addFile", "slow.txt", bytesJS(t, "now here"))
	res = run(t, pb, "from files import read_text\nread_text(\"slow.txt\")")
	assert.Equal(t, "ok", res.Status, "the next cell reads normally: %v", res.Outputs)
}

func TestSetBaseRefusesAnAddressThatIsNotAURL(t *testing.T) {
	pb := api(t)
	p := call(t, pb, "setBase", "not a url")
	assert.Contains(t, rejection(t, p), "setBase")
}

func TestExportTableReturnsAShownTableWhole(t *testing.T) {
	pb := api(t)
	res := run(t, pb, "from tables import table\ntable([{\"a\": i, \"b\": {\"c\": \"x,y\"}} for i in range(40)])")
	require.Equal(t, "ok", res.Status, "outputs: %v", res.Outputs)
	html := res.Outputs[0]["data"].(map[string]any)["text/html"].(string)
	m := regexp.MustCompile(`data-pushbook-table="(\d+)"`).FindStringSubmatch(html)
	require.NotNil(t, m, "no table id in %s", html)
	id, err := strconv.Atoi(m[1])
	require.NoError(t, err)

	csv, err := call(t, pb, "exportTable", id, "csv").String()
	require.NoError(t, err)
	assert.Regexp(t, `^a,b\.c\r?\n0,"x,y"\r?\n`, csv)
	assert.Equal(t, 41, strings.Count(csv, "\n"), "a header and all 40 rows:\n%s", csv)

	jsonl, err := call(t, pb, "exportTable", id, "jsonl").String()
	require.NoError(t, err)
	assert.Regexp(t, `^\{"a":0,"b\.c":"x,y"\}\n\{"a":1,`, jsonl)

	assert.Contains(t, rejection(t, call(t, pb, "exportTable", id+1, "csv")), "run its cell again")
	assert.Contains(t, rejection(t, call(t, pb, "exportTable", id, "xlsx")), "want csv or jsonl")
	assert.Contains(t, rejection(t, call(t, pb, "exportTable", "1", "csv")), "id must be a number")

	await(t, call(t, pb, "restart"), 5*time.Second)
	assert.Contains(t, rejection(t, call(t, pb, "exportTable", id, "csv")), "run its cell again", "a restart forgets the tables")
}
