package notebook_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/notebook"
)

// notebookJSON returns an nbformat 4.5 notebook whose metadata is meta and
// whose only cell is cell (both JSON text).
func notebookJSON(meta, cell string) string {
	return fmt.Sprintf(`{"nbformat": 4, "nbformat_minor": 5, "metadata": %s, "cells": [%s]}`, meta, cell)
}

func codeCellJSON(meta string) string {
	return fmt.Sprintf(`{"cell_type": "code", "id": "c1", "source": "1", "metadata": %s, "outputs": [], "execution_count": null}`, meta)
}

// assertPlainWords checks that msg speaks of JSON, not of Go.
func assertPlainWords(t *testing.T, msg string) {
	t.Helper()
	for _, goTalk := range []string{"struct {", "json:", "Go struct", "Go value", "[]string", "map[", "float64"} {
		assert.NotContains(t, msg, goTalk, "message shows Go: %s", msg)
	}
}

func TestDecodeRepairsOrDropsMetadataOfTheWrongShapeWithAWarning(t *testing.T) {
	const odd = `"__proto__": {"polluted": true}, "custom": [1, "x"]`
	cases := []struct {
		name       string
		meta, cell string // notebook metadata and the one cell, JSON
		where      string // "notebook" or "cell" metadata, or "attachments"
		want       string // JSON of where after the repair
		field, msg string // the warning
	}{
		{"kernelspec is a string", `{"kernelspec": "python3", ` + odd + `}`, codeCellJSON(`{}`), "notebook",
			`{"kernelspec": {"name": "python3", "display_name": "python3"}, ` + odd + `}`,
			"metadata.kernelspec", "got a string; made it the name and display_name"},
		{"kernelspec is a number", `{"kernelspec": 3, ` + odd + `}`, codeCellJSON(`{}`), "notebook",
			`{` + odd + `}`, "metadata.kernelspec", "got a number; dropped"},
		{"kernelspec has no display_name", `{"kernelspec": {"name": "k", "language": "x"}, ` + odd + `}`, codeCellJSON(`{}`), "notebook",
			`{"kernelspec": {"name": "k", "display_name": "k", "language": "x"}, ` + odd + `}`,
			"metadata.kernelspec", "got no display_name string; set it to the name"},
		{"kernelspec name is a number", `{"kernelspec": {"name": 1, "display_name": "k"}, ` + odd + `}`, codeCellJSON(`{}`), "notebook",
			`{` + odd + `}`, "metadata.kernelspec", "got no name string; dropped"},
		{"language_info is a string", `{"language_info": "python", ` + odd + `}`, codeCellJSON(`{}`), "notebook",
			`{"language_info": {"name": "python"}, ` + odd + `}`, "metadata.language_info", "made it the name"},
		{"language_info field of the wrong shape", `{"language_info": {"name": "python", "file_extension": 3, "codemirror_mode": {"name": "ipython"}}, ` + odd + `}`,
			codeCellJSON(`{}`), "notebook",
			`{"language_info": {"name": "python", "codemirror_mode": {"name": "ipython"}}, ` + odd + `}`,
			"metadata.language_info", "dropped file_extension (want a string)"},
		{"language_info is a list", `{"language_info": ["python"], ` + odd + `}`, codeCellJSON(`{}`), "notebook",
			`{` + odd + `}`, "metadata.language_info", "got a list; dropped"},
		{"orig_nbformat is a string", `{"orig_nbformat": "4", ` + odd + `}`, codeCellJSON(`{}`), "notebook",
			`{` + odd + `}`, "metadata.orig_nbformat", "got a string; dropped"},
		{"title is a number", `{"title": 5, ` + odd + `}`, codeCellJSON(`{}`), "notebook",
			`{` + odd + `}`, "metadata.title", "want a string, got a number; dropped"},
		{"authors is a string", `{"authors": "Ada", ` + odd + `}`, codeCellJSON(`{}`), "notebook",
			`{` + odd + `}`, "metadata.authors", "want a list, got a string; dropped"},
		{"notebook metadata is a string", `"none"`, codeCellJSON(`{}`), "notebook",
			`{}`, "metadata", "want an object, got a string; replaced with {}"},
		{"tags is a string", `{}`, codeCellJSON(`{"tags": "a, b", ` + odd + `}`), "cell",
			`{"tags": ["a", "b"], ` + odd + `}`, "metadata.tags", `got "a, b"; kept ["a","b"]`},
		{"tags hold a number, a repeat and a comma", `{}`, codeCellJSON(`{"tags": ["x", 1, "x", "y,z", ""], ` + odd + `}`), "cell",
			`{"tags": ["x", "y", "z"], ` + odd + `}`, "metadata.tags", `kept ["x","y","z"]`},
		{"tags is an object", `{}`, codeCellJSON(`{"tags": {"a": 1}, ` + odd + `}`), "cell",
			`{` + odd + `}`, "metadata.tags", "got an object; dropped"},
		{"collapsed is a string", `{}`, codeCellJSON(`{"collapsed": "yes", ` + odd + `}`), "cell",
			`{` + odd + `}`, "metadata.collapsed", "want true or false, got a string; dropped"},
		{"scrolled is neither a boolean nor auto", `{}`, codeCellJSON(`{"scrolled": "maybe", ` + odd + `}`), "cell",
			`{` + odd + `}`, "metadata.scrolled", `want true, false or "auto", got a string; dropped`},
		{"jupyter is a string", `{}`, codeCellJSON(`{"jupyter": "hidden", ` + odd + `}`), "cell",
			`{` + odd + `}`, "metadata.jupyter", "want an object, got a string; dropped"},
		{"jupyter source_hidden is a string", `{}`, codeCellJSON(`{"jupyter": {"source_hidden": "yes", "other": 1}, ` + odd + `}`), "cell",
			`{"jupyter": {"other": 1}, ` + odd + `}`, "metadata.jupyter", "dropped source_hidden (want true or false)"},
		{"execution holds a number", `{}`, codeCellJSON(`{"execution": {"iopub.status.busy": "2024-01-01T00:00:00Z", "shell.execute_reply": 7}, ` + odd + `}`), "cell",
			`{"execution": {"iopub.status.busy": "2024-01-01T00:00:00Z"}, ` + odd + `}`, "metadata.execution", "dropped shell.execute_reply (want a string)"},
		{"name is empty", `{}`, codeCellJSON(`{"name": "", ` + odd + `}`), "cell",
			`{` + odd + `}`, "metadata.name", "want a non-empty one-line string, got a string; dropped"},
		{"raw format is a number", `{}`, `{"cell_type": "raw", "id": "r", "source": "", "metadata": {"format": 3, ` + odd + `}}`, "cell",
			`{` + odd + `}`, "metadata.format", "want a string, got a number; dropped"},
		{"cell metadata is a list", `{}`, codeCellJSON(`[1]`), "cell",
			`{}`, "metadata", "want an object, got a list; replaced with {}"},
		{"attachment is not a MIME bundle", `{}`, `{"cell_type": "markdown", "id": "m", "source": "", "metadata": {},
			"attachments": {"a.png": {"image/png": 5}, "b.png": {"image/png": "iVBOR"}}}`, "attachments",
			`{"b.png": {"image/png": "iVBOR"}}`, "attachments.a.png", `"image/png": want a string or a list of strings, got a number; dropped`},
		{"attachments is a string", `{}`, `{"cell_type": "markdown", "id": "m", "source": "", "metadata": {}, "attachments": "a.png"}`, "attachments",
			`null`, "attachments", "want an object, got a string; dropped"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			nb, err := notebook.Decode(strings.NewReader(notebookJSON(tc.meta, tc.cell)))
			require.NoError(t, err)
			cell := 1
			place := map[string]any(nb.Cells[0].Metadata)
			switch tc.where {
			case "notebook":
				cell, place = 0, nb.Metadata
			case "attachments":
				place = nb.Cells[0].Attachments
			}
			assert.JSONEq(t, tc.want, string(mustMarshal(t, place)), "%s after the repair", tc.where)
			require.Len(t, nb.Warnings, 1, "warnings: %v", nb.Warnings)
			w := nb.Warnings[0]
			assert.Equal(t, cell, w.Cell, "warning %s", w)
			assert.Equal(t, tc.field, w.Field, "warning %s", w)
			assert.Contains(t, w.Message, tc.msg)
			assertPlainWords(t, w.String())

			var buf bytes.Buffer
			require.NoError(t, notebook.Encode(&buf, nb))
			validate(t, buf.Bytes())
			assert.Len(t, nb.Warnings, 1, "encoding the repaired notebook repairs nothing more")
			again, err := notebook.Decode(&buf)
			require.NoError(t, err)
			assert.Empty(t, again.Warnings, "the written notebook needs no repair")
		})
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

func TestDecodeKeepsValidMetadataWithoutWarnings(t *testing.T) {
	meta := `{"kernelspec": {"name": "k", "display_name": "K"}, "language_info": {"name": "starlark", "codemirror_mode": "python"},
	  "orig_nbformat": 4, "title": "T", "authors": [{"name": "Ada"}], "__proto__": null}`
	cell := codeCellJSON(`{"tags": ["a", "b"], "collapsed": false, "scrolled": "auto", "jupyter": {"outputs_hidden": true},
	  "execution": {"iopub.status.idle": "2024"}, "name": "first", "constructor": {"prototype": 1}}`)
	in := notebookJSON(meta, cell)
	nb, err := notebook.Decode(strings.NewReader(in))
	require.NoError(t, err)
	assert.Empty(t, nb.Warnings)
	assert.JSONEq(t, meta, string(mustMarshal(t, nb.Metadata)))
	var buf bytes.Buffer
	require.NoError(t, notebook.Encode(&buf, nb))
	validate(t, buf.Bytes())
	assert.Empty(t, nb.Warnings)
}

func TestEncodeRepairsMetadataSetFromGoSoTheFileIsValid(t *testing.T) {
	code := notebook.NewCode("1")
	code.Metadata["tags"] = []string{"a,b", "a"}
	code.Metadata["collapsed"] = "no"
	md := notebook.NewMarkdown("m")
	md.Attachments = map[string]any{"x.txt": "not a bundle"}
	nb := notebook.New(code, md)
	nb.Metadata["kernelspec"] = "pushbook"
	nb.Metadata["orig_nbformat"] = 3

	var buf bytes.Buffer
	require.NoError(t, notebook.Encode(&buf, nb))
	validate(t, buf.Bytes())
	var lines []string
	for _, w := range nb.Warnings {
		lines = append(lines, w.String())
	}
	assert.Equal(t, []string{
		`field "metadata.kernelspec": want an object with name and display_name strings, got a string; made it the name and display_name`,
		`cell 1: field "metadata.collapsed": want true or false, got a string; dropped`,
		`cell 1: field "metadata.tags": want a list of distinct tags without commas, got ["a,b","a"]; kept ["a","b"]`,
		`cell 2: field "attachments.x.txt": want an object of MIME types, got a string; dropped`,
	}, lines)
	assert.Equal(t, []string{"a", "b"}, code.Tags())
}

func TestDecodeErrorsNameThePlaceInWordsNotGoTypes(t *testing.T) {
	cell := func(c string) string { return notebookJSON(`{}`, c) }
	cases := []struct {
		name, in, want string
	}{
		{"cell is a number", notebookJSON(`{}`, `7`), "cell 1: want an object, got a number"},
		{"cells is an object", `{"nbformat": 4, "cells": {}}`, `line 1: field "cells": want a list, got an object`},
		{"nbformat_minor is a string", `{"nbformat": 4, "nbformat_minor": "5", "cells": []}`,
			`line 1: field "nbformat_minor": want an integer, got a string`},
		{"source is a number", cell(`{"cell_type": "code", "source": 1, "outputs": []}`),
			`cell 1: field "source": want a string or a list of strings, got the number 1`},
		{"source list holds a number", cell(`{"cell_type": "markdown", "source": ["a", 2]}`),
			`cell 1: field "source": want a string or a list of strings, got a list holding a number`},
		{"id is a number", cell(`{"cell_type": "code", "id": 5, "source": ""}`),
			`cell 1: field "id": want a string, got a number`},
		{"execution_count is a fraction", cell(`{"cell_type": "code", "source": "", "execution_count": 1.5}`),
			`cell 1: field "execution_count": want an integer, got the number 1.5`},
		{"outputs is a string", cell(`{"cell_type": "code", "source": "", "outputs": "none"}`),
			`cell 1: field "outputs": want a list, got a string`},
		{"traceback is a string", cell(`{"cell_type": "code", "source": "", "outputs": [
			{"output_type": "stream", "name": "stdout", "text": "x"},
			{"output_type": "error", "ename": "E", "evalue": "v", "traceback": "tb"}]}`),
			`cell 1: output 2: field "traceback": want a list of strings, got a string`},
		{"stream text is true", cell(`{"cell_type": "code", "source": "", "outputs": [{"output_type": "stream", "name": "stdout", "text": true}]}`),
			`cell 1: output 1: field "text": want a string or a list of strings, got a boolean`},
		{"output data text is a number", cell(`{"cell_type": "code", "source": "", "outputs": [
			{"output_type": "display_data", "metadata": {}, "data": {"text/plain": 3}}]}`),
			`cell 1: output 1: display_data output: data "text/plain": want a string or a list of strings, got the number 3`},
		{"output metadata is a list", cell(`{"cell_type": "code", "source": "", "outputs": [
			{"output_type": "display_data", "metadata": [], "data": {}}]}`),
			`cell 1: output 1: field "metadata": want an object, got a list`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := notebook.Decode(strings.NewReader(tc.in))
			require.Error(t, err, "input %s", tc.in)
			assert.Equal(t, tc.want, err.Error(), "input %s", tc.in)
			assertPlainWords(t, err.Error())
		})
	}
}

func TestDecodeReportsInvalidUTF8WithItsPlace(t *testing.T) {
	twoCells := "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {\"title\": \"T\"},\n \"cells\": [\n" +
		"  {\"cell_type\": \"markdown\", \"source\": \"ok\", \"metadata\": {}},\n" +
		"  {\"cell_type\": \"code\", \"source\": \"bad \xff here\", \"metadata\": {}, \"outputs\": []}]}"
	inMeta := strings.Replace(twoCells, `"T"`, "\"T\xc3\"", 1)
	cases := []struct {
		name, in, want string
	}{
		{"in a cell's source", twoCells, fmt.Sprintf("cell 2: invalid UTF-8 at byte offset %d (line 4, column 40)",
			strings.IndexByte(twoCells, 0xff))},
		{"in the notebook metadata", inMeta, fmt.Sprintf("invalid UTF-8 at byte offset %d (line 1, column 62)",
			strings.IndexByte(inMeta, 0xc3))},
		{"before anything else", "\xfe{}", "invalid UTF-8 at byte offset 0 (line 1, column 1)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := notebook.Decode(strings.NewReader(tc.in))
			require.Error(t, err, "input %q", tc.in)
			assert.Equal(t, tc.want, err.Error(), "input %q", tc.in)
		})
	}
}

func TestOutputUnmarshalErrorsAreInWords(t *testing.T) {
	var o notebook.Output
	err := json.Unmarshal([]byte(`{"output_type": "error", "ename": 1}`), &o)
	require.Error(t, err)
	assert.Equal(t, `field "ename": want a string, got a number`, err.Error())
}
