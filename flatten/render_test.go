package flatten

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTextShowsDTypesAndShape(t *testing.T) {
	tab := build(t, Options{},
		rec("id", 1, "name", "ab", "img", []any{1, 2, 3, 4, 5}, "v", 0.5),
		rec("id", 22, "name", "c", "img", []any{6, 7, 8, 9, 10}, "v", nil),
	)
	got := tab.Text(TextOptions{})
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	require.Len(t, lines, 6, got)
	assert.Equal(t, []string{"id", "name", "img", "v"}, strings.Fields(lines[0]))
	assert.Equal(t, []string{"int64", "str", "int64[5]", "float64"}, strings.Fields(lines[1]))
	assert.Equal(t, "[2 rows x 4 columns]", lines[5])
	assert.Contains(t, lines[3], "1 .. 5")
	assert.Contains(t, lines[4], "6 .. 10")
	assert.True(t, strings.HasSuffix(lines[4], "--"), "null shows as --: %q", lines[4])
	assert.True(t, strings.HasPrefix(lines[4], "   22 c    "), "numbers right, strings left: %q", lines[4])
	for _, l := range lines[:5] {
		assert.Equal(t, len(lines[0]), len(l), "aligned: %q", l)
	}
}

func TestTextTruncatesLongTablesHeadAndTail(t *testing.T) {
	events := make([]*Record, 100)
	for i := range events {
		events[i] = rec("i", i)
	}
	tab, err := FromEvents(events, Options{})
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(tab.Text(TextOptions{MaxRows: 4})), "\n")
	var cells []string
	for _, l := range lines[3 : len(lines)-1] {
		cells = append(cells, strings.TrimSpace(l))
	}
	assert.Equal(t, []string{"0", "1", "...", "98", "99"}, cells)
	assert.Equal(t, "[100 rows x 1 columns]", lines[len(lines)-1])
	assert.Len(t, strings.Split(strings.TrimSpace(tab.Text(TextOptions{MaxRows: -1})), "\n"), 104)
	assert.Contains(t, tab.String(), "    4\n  ...\n   95\n", "default shows 5 and 5")
}

func TestTextCellsStayOnOneLine(t *testing.T) {
	tab := build(t, Options{}, rec("s", "line\nbreak\tand a very long string that goes on and on and on"))
	out := tab.Text(TextOptions{MaxCellWidth: 20})
	assert.Contains(t, out, `line\nbreak\tand ...`)
	assert.Equal(t, 5, strings.Count(out, "\n"))
}

func TestTextShowsShortSubArraysWhole(t *testing.T) {
	tab := build(t, Options{}, rec("x", []any{1.0, 2.5}))
	assert.Contains(t, tab.Text(TextOptions{}), "[1.0 2.5]")
	assert.Contains(t, tab.Text(TextOptions{MaxArrayItems: 1}), "1.0 .. 2.5")
}

func TestHTMLEscapesEverything(t *testing.T) {
	tab := build(t, Options{AllowSeparatorInKeys: true},
		rec("<b>name</b>", "<script>alert('x')</script>", "n&m", 1),
	)
	out := tab.HTML(TextOptions{})
	assert.NotContains(t, out, "<script>")
	assert.NotContains(t, out, "<b>")
	assert.Contains(t, out, "<th>&lt;b&gt;name&lt;/b&gt;</th>")
	assert.Contains(t, out, "<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>")
	assert.Contains(t, out, "<th>n&amp;m</th>")
	assert.Contains(t, out, `<td class="num">1</td>`)
	assert.Contains(t, out, "<p>1 rows × 2 columns</p>")
}

func TestHTMLTruncatesLikeText(t *testing.T) {
	events := make([]*Record, 30)
	for i := range events {
		events[i] = rec("i", i)
	}
	tab, err := FromEvents(events, Options{})
	require.NoError(t, err)
	out := tab.HTML(TextOptions{MaxRows: 2})
	_, body, _ := strings.Cut(out, "<tbody>")
	assert.Equal(t, 3, strings.Count(body, "<tr"), out)
	assert.Contains(t, out, `<tr class="ellipsis"><td class="num">...</td></tr>`)
	assert.Contains(t, out, `<td class="num">29</td>`)
}

func TestWriteCSVFollowsRFC4180(t *testing.T) {
	tab := build(t, Options{},
		rec("s", `say "hi", then`+"\nleave", "x", []any{1.5, 2}, "b", true, "n", 3),
		rec("s", "plain", "x", nil, "b", false),
	)
	var buf bytes.Buffer
	require.NoError(t, tab.WriteCSV(&buf))
	assert.Equal(t, "s,x[0],x[1],b,n\n"+
		"\"say \"\"hi\"\", then\nleave\",1.5,2,true,3\n"+
		"plain,,,false,\n", buf.String())
	records, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, `say "hi", then`+"\nleave", records[1][0], "reads back")
}

func TestWriteJSONLinesRoundTrips(t *testing.T) {
	orig := build(t, Options{},
		rec("id", 1, "f", 2.0, "img", []any{1, 2}, "s", "é\"<", "b", true),
		rec("id", nil, "f", 1e-7, "img", nil, "s", nil, "b", false),
	)
	var buf bytes.Buffer
	require.NoError(t, orig.WriteJSONLines(&buf))
	assert.Equal(t, `{"id":1,"f":2.0,"img":[1,2],"s":"é\"\u003c","b":true}`+"\n"+
		`{"id":null,"f":1e-07,"img":null,"s":null,"b":false}`+"\n", buf.String())
	recs, err := DecodeJSON(buf.Bytes())
	require.NoError(t, err)
	back, err := FromEvents(recs, Options{})
	require.NoError(t, err)
	assert.Equal(t, orig.Text(TextOptions{}), back.Text(TextOptions{}))
	for _, name := range orig.Names() {
		assert.Equal(t, column(t, orig, name).DType(), column(t, back, name).DType(), name)
	}
}

func TestWriteJSONLinesWritesNaNAsNull(t *testing.T) {
	tab := build(t, Options{}, rec("f", nan()), rec("f", inf(1)))
	var buf bytes.Buffer
	require.NoError(t, tab.WriteJSONLines(&buf))
	assert.Equal(t, "{\"f\":null}\n{\"f\":null}\n", buf.String())
}

// failingWriter fails every write, to check that errors are reported.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, assert.AnError }

func TestWritersReportErrors(t *testing.T) {
	tab := build(t, Options{}, rec("a", 1))
	assert.ErrorIs(t, tab.WriteCSV(failingWriter{}), assert.AnError)
	assert.ErrorIs(t, tab.WriteJSONLines(failingWriter{}), assert.AnError)
}

func TestWriteJSONLinesQuotesKeysAsJSON(t *testing.T) {
	tab := build(t, Options{}, rec("\x7f\"k", 1))
	var buf bytes.Buffer
	require.NoError(t, tab.WriteJSONLines(&buf))
	assert.Equal(t, "{\"\u007f\\\"k\":1}\n", buf.String())
	_, err := DecodeJSON(buf.Bytes())
	assert.NoError(t, err)
}

func TestTablesShowFloatsWithSixSignificantDigits(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{{0.31712750495385, "0.317128"}, {3, "3.0"}, {0.2, "0.2"}, {123456789.0, "123457000.0"}, {1e-7, "1e-07"}, {-2.5e20, "-2.5e+20"}} {
		assert.Equal(t, c.want, displayFloat(c.in), "displayFloat(%v)", c.in)
	}
	tbl, err := FromRows([]Field{{Name: "x", Type: DType{Kind: Float64}}}, [][]any{{0.31712750495385}})
	require.NoError(t, err)
	assert.Contains(t, tbl.String(), "0.317128\n")
	var csv strings.Builder
	require.NoError(t, tbl.WriteCSV(&csv))
	assert.Contains(t, csv.String(), "0.31712750495385", "CSV keeps every digit")
}
