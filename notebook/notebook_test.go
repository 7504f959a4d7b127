package notebook_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/notebook"
)

// validate checks that b is valid nbformat 4.5 according to Jupyter's schema.
func validate(t *testing.T, b []byte) {
	t.Helper()
	schema, err := jsonschema.NewCompiler().Compile("../testdata/nbformat.v4.5.schema.json")
	require.NoError(t, err, "compiling the nbformat schema")
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	require.NoError(t, err, "parsing written notebook")
	assert.NoError(t, schema.Validate(inst), "written notebook:\n%s", b)
}

func sampleNotebook() *notebook.Notebook {
	code := notebook.NewCode("x = 1\nprint(x)\nx")
	code.ExecutionCount = 1
	code.Metadata["tags"] = []any{"raises-exception"}
	code.Outputs = []notebook.Output{
		notebook.NewStream("stdout", "1\n2\n"),
		notebook.NewExecuteResult(1, notebook.MIMEBundle{"text/plain": "1", "text/html": "<b>1</b>\n<i>x</i>"}),
		notebook.NewDisplayData(notebook.MIMEBundle{"text/plain": "{}", "application/json": `{"a": [1, 2]}`}),
		notebook.NewError("ZeroDivisionError", "division by zero", []string{"line 1", "\x1b[31mline 2\x1b[0m"}),
	}
	md := notebook.NewMarkdown("# Title\n\nSome *text*.")
	nb := notebook.New(md, code, notebook.NewCode(""))
	nb.Metadata["kernelspec"] = map[string]any{"name": "pushbook", "display_name": "Starlark"}
	return nb
}

func TestEncodeWritesValidNbformat45(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, notebook.Encode(&buf, sampleNotebook()))
	validate(t, buf.Bytes())
}

func TestEncodeFormatsLikeJupyter(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, notebook.Encode(&buf, sampleNotebook()))
	out := buf.String()
	assert.True(t, strings.HasPrefix(out, "{\n \"cells\": [\n  {\n"), "one-space indent, sorted keys:\n%s", out)
	assert.Contains(t, out, `"source": [
    "x = 1\n",
    "print(x)\n",
    "x"
   ]`)
	assert.Contains(t, out, `"text": [
      "1\n",
      "2\n"
     ]`)
	assert.Contains(t, out, `"<b>1</b>\n"`, "HTML is not escaped and is split into lines")
	assert.Contains(t, out, `"application/json": {`, "JSON MIME data is written as a JSON value")
	assert.Contains(t, out, "\"execution_count\": null", "a never-run cell has a null count")
	assert.True(t, strings.HasSuffix(out, "}\n"))
}

func TestRoundTripKeepsContent(t *testing.T) {
	nb := sampleNotebook()
	var buf bytes.Buffer
	require.NoError(t, notebook.Encode(&buf, nb))
	got, err := notebook.Decode(&buf)
	require.NoError(t, err)
	require.Len(t, got.Cells, 3)
	for i := range nb.Cells {
		assert.Equal(t, nb.Cells[i].ID, got.Cells[i].ID, "cell %d id", i)
		assert.Equal(t, nb.Cells[i].Source, got.Cells[i].Source, "cell %d source", i)
		assert.Equal(t, nb.Cells[i].ExecutionCount, got.Cells[i].ExecutionCount, "cell %d count", i)
	}
	assert.Equal(t, nb.Cells[1].Outputs[0].Text, got.Cells[1].Outputs[0].Text)
	assert.Equal(t, nb.Cells[1].Outputs[1].Data, got.Cells[1].Outputs[1].Data)
	assert.JSONEq(t, `{"a": [1, 2]}`, got.Cells[1].Outputs[2].Data["application/json"])
	assert.Equal(t, nb.Cells[1].Outputs[3], got.Cells[1].Outputs[3])
	assert.Equal(t, []string{"raises-exception"}, got.Cells[1].Tags())
	assert.True(t, got.Cells[1].HasTag("raises-exception"))
	assert.Equal(t, "pushbook", got.Metadata["kernelspec"].(map[string]any)["name"])
}

func TestEncodeGivesEveryCellAUniqueValidID(t *testing.T) {
	nb := notebook.New(notebook.NewCode("a"), notebook.NewCode("b"), notebook.NewCode("c"))
	nb.Cells[1].ID = "bad id!"
	nb.Cells[2].ID = "dup"
	nb.Cells = append(nb.Cells, &notebook.Cell{ID: "dup", CellType: notebook.RawCell, Source: "r"})
	var first bytes.Buffer
	require.NoError(t, notebook.Encode(&first, nb))
	seen := map[string]bool{}
	for _, c := range nb.Cells {
		assert.Regexp(t, `^[a-zA-Z0-9_-]{1,64}$`, c.ID)
		assert.False(t, seen[c.ID], "id %q repeated", c.ID)
		seen[c.ID] = true
	}
	assert.Equal(t, "dup", nb.Cells[2].ID, "the first holder of an id keeps it")
	var second bytes.Buffer
	require.NoError(t, notebook.Encode(&second, nb))
	assert.Equal(t, first.String(), second.String(), "writing twice gives the same ids")
	validate(t, second.Bytes())
}

func TestDecodeUpgradesOlderMinorVersionAndAcceptsStringSource(t *testing.T) {
	in := `{"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {"custom": {"k": 1}},
	  "outputs": [{"output_type": "stream", "name": "stdout", "text": "hi\n"}], "source": "print('hi')"}],
	  "metadata": {}, "nbformat": 4, "nbformat_minor": 2}`
	nb, err := notebook.Decode(strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, nb.Cells, 1)
	assert.Equal(t, "print('hi')", nb.Cells[0].Source)
	assert.Equal(t, 3, nb.Cells[0].ExecutionCount)
	assert.Equal(t, map[string]any{"k": 1.0}, nb.Cells[0].Metadata["custom"], "unknown metadata is kept")
	var buf bytes.Buffer
	require.NoError(t, notebook.Encode(&buf, nb))
	validate(t, buf.Bytes())
	assert.Contains(t, buf.String(), `"nbformat_minor": 5`)
}

func TestDecodeRejectsMalformedNotebooksWithOneClearError(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"bad JSON", "{\n \"cells\": [,]\n}", "invalid JSON at line 2, column 12"},
		{"truncated", `{"cells": [`, "unexpected end"},
		{"not an object", `[1, 2]`, "not a notebook: want a JSON object, got a list"},
		{"no nbformat", `{"cells": []}`, "no nbformat field"},
		{"nbformat 3", `{"worksheets": [], "nbformat": 3, "nbformat_minor": 0}`, "nbformat 3 is not supported"},
		{"no cells", `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}`, "no cells list"},
		{"unknown cell type", `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
			{"cell_type": "markdown", "source": "", "metadata": {}},
			{"cell_type": "sql", "source": "", "metadata": {}}]}`, `cell 2: unknown cell_type "sql"`},
		{"unknown output type", `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
			{"cell_type": "code", "source": "", "metadata": {}, "outputs": [{"output_type": "pager"}]}]}`,
			`cell 1: output 1: unknown output_type "pager"`},
		{"nbformat is a string", `{"nbformat": "4", "cells": []}`, `line 1: field "nbformat": want an integer, got a string`},
		{"source is a number", `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
			{"cell_type": "code", "source": 7, "metadata": {}, "outputs": []}]}`,
			`cell 1: field "source": want a string or a list of strings, got the number 7`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := notebook.Decode(strings.NewReader(tc.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), "\n", "one line")
		})
	}
}

func TestReadNamesThePath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "broken.ipynb")
	require.NoError(t, os.WriteFile(path, []byte(`{"nbformat": 5}`), 0o644))
	_, err := notebook.Read(path)
	require.Error(t, err)
	assert.Equal(t, path+": nbformat 5 is not supported (want nbformat 4)", err.Error())
}

func TestWriteThenReadRoundTripsThroughAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.ipynb")
	require.NoError(t, notebook.Write(path, sampleNotebook()))
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	validate(t, b)
	nb, err := notebook.Read(path)
	require.NoError(t, err)
	assert.Equal(t, "# Title\n\nSome *text*.", nb.Cells[0].Source)
}

func TestOutputMarshalsToNbformatShapeWithPlainStrings(t *testing.T) {
	cases := []struct {
		name string
		out  notebook.Output
		want string
	}{
		{"stream", notebook.NewStream("stdout", "a\nb\n"),
			`{"output_type":"stream","name":"stdout","text":"a\nb\n"}`},
		{"execute_result", notebook.NewExecuteResult(4, notebook.MIMEBundle{"text/plain": "42"}),
			`{"output_type":"execute_result","execution_count":4,"data":{"text/plain":"42"},"metadata":{}}`},
		{"display_data", notebook.NewDisplayData(notebook.MIMEBundle{"text/plain": "t"}),
			`{"output_type":"display_data","data":{"text/plain":"t"},"metadata":{}}`},
		{"error", notebook.NewError("KeyError", "k", nil),
			`{"output_type":"error","ename":"KeyError","evalue":"k","traceback":[]}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.out)
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(b))
		})
	}
}

func TestAppendOutputMergesConsecutiveStreamsOfTheSameName(t *testing.T) {
	var outs []notebook.Output
	outs = notebook.AppendOutput(outs, notebook.NewStream("stdout", "a\n"))
	outs = notebook.AppendOutput(outs, notebook.NewStream("stdout", "b\n"))
	outs = notebook.AppendOutput(outs, notebook.NewStream("stderr", "c\n"))
	outs = notebook.AppendOutput(outs, notebook.NewDisplayData(notebook.MIMEBundle{"text/plain": "d"}))
	outs = notebook.AppendOutput(outs, notebook.NewStream("stdout", "e\n"))
	require.Len(t, outs, 4)
	assert.Equal(t, "a\nb\n", outs[0].Text)
	assert.Equal(t, "c\n", outs[1].Text)
	assert.Equal(t, "e\n", outs[3].Text)
}
