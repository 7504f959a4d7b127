package tables_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/internal/libtest"
	"pushbook/kernel"
)

func TestTablesFromEventsRowsAndSinks(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	libtest.Stdout(t, s, `events = [
    {"event_id": 1, "image": [1, 2, 3], "hillas": {"length": 1, "width": 0.2}},
    {"event_id": 2, "image": [4, 5, 6], "hillas": {"length": 2.5}},
]
t = table(events)`, kernel.StatusOK)
	for _, c := range []struct{ code, want string }{
		{`print(t.names)`, `['event_id', 'image', 'hillas.length', 'hillas.width']`},
		{`print(t.dtypes["hillas.length"], t.dtypes["image"])`, "float64 int64[3]"},
		{`print(len(t), t.num_rows, t["event_id"], t.event_id.dtype)`, "2 2 [1 2] int64"},
		{`print(t[1]["hillas.width"], t[-1]["event_id"], t.column("hillas.width").null_count)`, "None 2 1"},
		{`print([r["event_id"] for r in t], list(t.image)[1])`, "[1, 2] [4, 5, 6]"},
		{`print(t.head(1).num_rows, t.tail(1)[0]["event_id"], t.slice(0, 2).num_rows)`, "1 2 2"},
		{`print(t.to_csv().splitlines()[0])`, "event_id,image[0],image[1],image[2],hillas.length,hillas.width"},
		{`print(t.to_jsonl().splitlines()[1])`, `{"event_id":2,"image":[4,5,6],"hillas.length":2.5,"hillas.width":null}`},
		{`print(flatten_dict({"a": {"b": 1, "c": {"d": 2}}}, parent_key="x", sep="/"))`, `{'x/a/b': 1, 'x/a/c/d': 2}`},
		{`sink = table_sink()
push(events, sink)
print(sink.table.num_rows, sink.table.names[-1])`, "2 hillas.width"},
		{`a = array([(1, 2.5, "x"), (2, 3.5, "y")], dtype=[("i", "i8"), ("f", float), ("s", str)])
print(append_fields(a, "k", 7).k, a.s)`, `[7 7] ['x' 'y']`},
	} {
		got, _ := libtest.Stdout(t, s, c.code, kernel.StatusOK)
		assert.Equal(t, c.want+"\n", got, "cell:\n%s", c.code)
	}
}

func TestTableErrorsNameTheEventAndTheKey(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	libtest.AssertCellErrors(t, s, []libtest.ErrorCase{
		{`table([{"a": 1}, {"a": "x"}])`, "ValueError", `event 2`},
		{`table([{"a": 1}, {"a": "x"}])`, "ValueError", `"a"`},
		{`table([{"a": [1, 2]}, {"a": [1, 2, 3]}])`, "ValueError", "event 2"},
		{`table([{"a.b": 1}])`, "ValueError", `a.b`},
		{`table([1])`, "TypeError", "table: event 1 is int, not a dict"},
		{`table([{1: 2}])`, "ValueError", "key 1 is int, not str"},
		{`flatten_dict({"a": 1}, sep="")`, "ValueError", "sep must not be empty"},
		{`append_fields(array([(1,), (2,)], dtype=[("x", int)]), "y", [1, 2, 3])`, "ValueError", "append_fields"},
		{`array([(1,)], dtype=[("x", "nope")])`, "ValueError", "nope"},
		{`array([(1,)], dtype=[("x", 3)])`, "TypeError", `dtype of "x" must be a str`},
		{`t = table([{"a": 1}])
t.nope`, "AttributeError", "nope"},
		{`table([{"a": 1}])["b"]`, "KeyError", "b"},
		{`table([{"a": 1}])[3]`, "IndexError", "row 3 out of range: the table has 1 rows"},
		{`push([{"a": 1}, 5], table_sink())`, "TypeError", `sink "table": event 2: the event is int, not a dict`},
	})

}

func TestTableShowsAsTextAndHTML(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	_, outs := libtest.Stdout(t, s, `table([{"name": "<b>", "x": 1}])`, kernel.StatusOK)
	require.Len(t, outs, 1)
	assert.Contains(t, outs[0].Data["text/plain"], "[1 rows x 2 columns]")
	assert.Contains(t, outs[0].Data["text/html"], "&lt;b&gt;")
	assert.NotContains(t, outs[0].Data["text/html"], "<b>")
}

// A shown table goes through kernel.RegisterExport, and the page asks
// Session.ExportTable for it by the id its HTML carries.
func TestShownTablesCanBeExportedWhole(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	_, outs := libtest.Stdout(t, s, `table([{"a": i, "b": {"c": "x"}} for i in range(30)])`, kernel.StatusOK)
	html := libtest.Last(t, outs).Data["text/html"]
	require.Contains(t, html, `data-pushbook-table="1"`)
	csv, err := s.ExportTable(1, "csv")
	require.NoError(t, err)
	assert.Equal(t, 31, strings.Count(csv, "\n"), "a header and all 30 rows, not the truncated view")
	jsonl, err := s.ExportTable(1, "jsonl")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(jsonl, `{"a":0,"b.c":"x"}`), jsonl[:40])
	_, err = s.ExportTable(2, "csv")
	assert.ErrorContains(t, err, "run its cell again")
	_, err = s.ExportTable(1, "xlsx")
	assert.ErrorContains(t, err, `want csv or jsonl`)
	_, err = libtest.Session(kernel.Options{}).ExportTable(1, "csv")
	assert.ErrorContains(t, err, "run its cell again", "a session exports only the tables it showed")
	libtest.Stdout(t, s, `print(table([{"a": 1}]).to_csv())`, kernel.StatusOK)
	_, outs = libtest.Stdout(t, s, `table([{"a": 1}])`, kernel.StatusOK)
	assert.Contains(t, libtest.Last(t, outs).Data["text/html"], `data-pushbook-table="2"`, "the next table shown is 2: a table only printed is not kept")
}
