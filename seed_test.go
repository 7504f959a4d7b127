package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/kernel"
	"pushbook/lib"
)

// seedCell is one code cell of the original design notebook
// (testdata/seed/original.txt, a copy of shared/seed): the lines of its
// code and of the output the seed shows, 1-based and inclusive (0, 0: no
// output), and how pushbook's output relates to the seed's.
type seedCell struct {
	in             int
	code, output   [2]int
	same           func(t *testing.T, seed, got string) // nil: byte for byte
	wantError, why string                               // an error where the seed shows none, or another
}

// TestTheOriginalNotebookRunsTopToBottom runs the seed's code cells as
// written, in order, in one session, and compares what each prints with the
// seed's transcript. Where they differ the table says why.
func TestTheOriginalNotebookRunsTopToBottom(t *testing.T) {
	text, err := os.ReadFile("testdata/seed/original.txt")
	require.NoError(t, err)
	lines := strings.Split(string(text), "\n")
	span := func(r [2]int) string {
		if r[0] == 0 {
			return ""
		}
		return strings.Join(lines[r[0]-1:r[1]], "\n")
	}
	cells := []seedCell{
		{in: 81, code: [2]int{37, 46}},
		{in: 205, code: [2]int{49, 102}},
		{in: 206, code: [2]int{105, 111}, output: [2]int{114, 146}},
		{in: 207, code: [2]int{150, 171}, output: [2]int{173, 195}},
		{in: 224, code: [2]int{201, 213}},
		{in: 225, code: [2]int{216, 223}, output: [2]int{225, 237}},
		{in: 226, code: [2]int{241, 243}, output: [2]int{247, 256}},
		{in: 227, code: [2]int{260, 260}, output: [2]int{262, 262}, wantError: "NameError: name 'd' is not defined",
			why: "no cell of the seed defines d: it was left from a cell the transcript does not keep, so top to bottom Python fails here too"},
		{in: 247, code: [2]int{270, 280}},
		{in: 248, code: [2]int{285, 287}, output: [2]int{289, 290}, same: sameDictItems},
		{in: 288, code: [2]int{296, 298}},
		{in: 289, code: [2]int{302, 304}, output: [2]int{306, 308}},
		{in: 314, code: [2]int{312, 312}, output: [2]int{314, 314}, wantError: "-",
			why: "append_fields broadcasts the scalar to every row, which is what the seed wanted (its numpy raised TypeError: len() of unsized object)"},
		{in: 312, code: [2]int{317, 317}, output: [2]int{319, 320}, same: func(t *testing.T, _, got string) {
			// the seed's rr was left from an earlier run; this is the one In [314] made
			assert.Equal(t, "rec.array([([1.0, 2.0, 3.0], 2, 3.0, 100), ([1.0, 2.0, 3.0], 5, 6.0, 100)], \n"+
				"      dtype=[('x', '<f8', (3,)), ('y', '<i8'), ('z', '<f8'), ('B', '<i8')])", got)
		}},
	}
	s := kernel.NewSession(kernel.Options{Modules: lib.Modules()})
	defer s.Close()
	for _, c := range cells {
		code, seed := span(c.code), span(c.output)
		require.True(t, strings.HasPrefix(lines[c.code[0]-2], "In ["), "In [%d] starts at line %d", c.in, c.code[0])
		var out strings.Builder
		var failure string
		s.Execute(code, func(o kernel.Output) {
			switch o.OutputType {
			case "stream":
				out.WriteString(o.Text)
			case "execute_result":
				out.WriteString(o.Data["text/plain"])
			case "error":
				failure = o.EName + ": " + o.EValue
			}
		})
		got := strings.TrimRight(out.String(), "\n")
		switch {
		case c.wantError == "-":
			assert.Empty(t, failure, "In [%d]: %s", c.in, c.why)
		case c.wantError != "":
			assert.Equal(t, c.wantError, failure, "In [%d]: %s", c.in, c.why)
		default:
			require.Empty(t, failure, "In [%d]:\n%s", c.in, code)
			if c.same != nil {
				c.same(t, seed, got)
			} else {
				assert.Equal(t, strings.TrimRight(seed, " \n"), got, "In [%d]", c.in)
			}
		}
	}
}

// sameDictItems compares printed dicts up to their order: the seed ran on
// Python 3.4, whose dicts printed in hash order; pushbook's keep insertion
// order, as Python 3.7's do. Each line must hold the same key: value items.
func sameDictItems(t *testing.T, seed, got string) {
	item := regexp.MustCompile(`'[^']*': (\[[^\]]*\]|[^,{}]+)`)
	items := func(line string) []string {
		found := item.FindAllString(line, -1)
		slices.Sort(found)
		return found
	}
	seedLines, gotLines := strings.Split(seed, "\n"), strings.Split(got, "\n")
	require.Len(t, gotLines, len(seedLines), got)
	for i := range seedLines {
		assert.Equal(t, items(seedLines[i]), items(gotLines[i]), "line %d: %q vs %q", i+1, seedLines[i], gotLines[i])
		assert.Equal(t, strings.SplitN(seedLines[i], "{", 2)[0], strings.SplitN(gotLines[i], "{", 2)[0])
	}
}
