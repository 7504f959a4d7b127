package files_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"pushbook/internal/libtest"
	"pushbook/kernel"
)

func TestReadingDataFiles(t *testing.T) {
	s := libtest.Session(kernel.Options{ReadFile: libtest.ReadFiles(map[string]string{
		"ev.json":   `[{"id": 1, "hillas": {"x": 0.5}}, {"id": 2, "hillas": {"x": 1.5}}]`,
		"ev.jsonl":  "{\"id\": 1}\n{\"id\": 2, \"tag\": \"b\"}\n",
		"ev.csv":    "id,size,ok,name\n1,2.5,true,a\n2,,False,\"b,c\"\n",
		"notes.txt": "hello\n",
	})})
	for _, c := range []struct{ code, want string }{
		{`print(read_events("ev.json"))`, `[{'id': 1, 'hillas': {'x': 0.5}}, {'id': 2, 'hillas': {'x': 1.5}}]`},
		{`print(read_table("ev.json").names)`, `['id', 'hillas.x']`},
		{`print(read_table("ev.jsonl")["tag"])`, `[-- 'b']`},
		{`print(read_events("ev.csv"))`, `[{'id': 1, 'size': 2.5, 'ok': True, 'name': 'a'}, {'id': 2, 'size': None, 'ok': False, 'name': 'b,c'}]`},
		{`print(read_events("notes.txt", format="jsonl") if False else read_text("notes.txt"))`, "hello\n"},
	} {
		got, _ := libtest.Stdout(t, s, c.code, kernel.StatusOK)
		assert.Equal(t, c.want+"\n", got, "cell %q", c.code)
	}
}

func TestReadingBadDataNamesTheFileAndPlace(t *testing.T) {
	s := libtest.Session(kernel.Options{ReadFile: libtest.ReadFiles(map[string]string{
		"bad.json": "[{\"a\": 1},\n {\"a\": }]",
		"bad.csv":  "a,b\n1,2\n3\n",
		"x.dat":    "",
	})})
	libtest.AssertCellErrors(t, s, []libtest.ErrorCase{
		{`read_events("bad.json")`, "ValueError", "bad.json: invalid JSON records: record 2 (line 2, column 8)"},
		{`read_events("bad.csv")`, "ValueError", "bad.csv: line 3, column 1: wrong number of fields"},
		{`read_events("x.dat")`, "ValueError", `cannot tell the format`},
		{`read_events("missing.json")`, "FileNotFoundError", `read_events("missing.json"): no file "missing.json"`},
		{`read_text("")`, "ValueError", "give a file name"},
	})
	_, outs := libtest.Stdout(t, libtest.Session(kernel.Options{}), `read_text("a.txt")`, kernel.StatusError)
	assert.Contains(t, libtest.Last(t, outs).EValue, "this kernel has no files to read")
}
