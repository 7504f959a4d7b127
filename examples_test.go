package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/notebook"
)

// streamOf returns the stdout text of the code cell whose source contains marker.
func streamOf(t *testing.T, nb *notebook.Notebook, marker string) (string, *notebook.Cell) {
	t.Helper()
	for _, c := range nb.Cells {
		if c.CellType == notebook.CodeCell && strings.Contains(c.Source, marker) {
			var b strings.Builder
			for _, o := range c.Outputs {
				if o.OutputType == notebook.StreamOutput && o.Name == "stdout" {
					b.WriteString(o.Text)
				}
			}
			return b.String(), c
		}
	}
	require.FailNow(t, "no code cell contains "+marker)
	return "", nil
}

// TestSeedNotebookStoresTheSeedsOutputs checks the stored outputs of
// examples/seed.ipynb against the seed notebook's own transcripts (go run .
// check then proves that re-running the notebook gives the stored outputs).
func TestSeedNotebookStoresTheSeedsOutputs(t *testing.T) {
	nb, err := notebook.Read("examples/seed.ipynb")
	require.NoError(t, err)
	read := func(name string) string {
		data, err := os.ReadFile("kernel/testdata/" + name)
		require.NoError(t, err)
		return string(data)
	}
	got, _ := streamOf(t, nb, "pushdata(pipeline,10)")
	assert.Equal(t, read("in206.txt"), got, "In [206]")
	got, _ = streamOf(t, nb, "pushdata(pipeline, 10 )")
	assert.Equal(t, read("in207.txt"), got, "In [207]")
	got, _ = streamOf(t, nb, "print(r.send(10))")
	assert.Equal(t, "10.0\n55.0\n70.0\n52.5\n44.0\n40.0\n38.57142857142857\n38.75\n40.0\n42.0\n44.54545454545455\n47.5\n50.76923076923077\n", got, "In [225]")
	got, _ = streamOf(t, nb, "for x in sender(running_avg())")
	assert.Equal(t, "0.0\n0.5\n1.0\n1.5\n2.0\n2.5\n3.0\n3.5\n4.0\n4.5\n", got, "In [226]")
	_, cell := streamOf(t, nb, "next(d)")
	require.NotEmpty(t, cell.Outputs)
	assert.Equal(t, "StopIteration", cell.Outputs[len(cell.Outputs)-1].EName, "In [227]")
	assert.True(t, cell.HasTag("raises-exception"))
	got, _ = streamOf(t, nb, "print(r.x)")
	assert.Equal(t, "[[ 1.  2.  3.]\n [ 1.  2.  3.]]\n[2 5]\n", got, "In [289]")
	_, cell = streamOf(t, nb, "append_fields(r")
	require.Len(t, cell.Outputs, 1)
	assert.Equal(t, "rec.array([([1.0, 2.0, 3.0], 2, 3.0, 100), ([1.0, 2.0, 3.0], 5, 6.0, 100)], \n"+
		"      dtype=[('x', '<f8', (3,)), ('y', '<i8'), ('z', '<f8'), ('B', '<i8')])",
		cell.Outputs[0].Data["text/plain"], "In [314] made to work: the scalar is broadcast")
}

func TestRunReadsDataFilesBesideTheNotebookOnly(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(dir+"/events.jsonl", []byte("{\"a\": 1}\n{\"a\": 2}\n"), 0o644))
	read := readBeside(dir)
	data, err := read("events.jsonl")
	require.NoError(t, err)
	assert.Equal(t, "{\"a\": 1}\n{\"a\": 2}\n", string(data))
	for _, name := range []string{"../x.json", "/etc/passwd", "missing.json"} {
		_, err := read(name)
		assert.Error(t, err, "reading %q", name)
	}
	_, err = read("missing.json")
	assert.ErrorContains(t, err, `no file "missing.json" next to the notebook`)
}
