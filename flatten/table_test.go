package flatten

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seedRecordArray is the seed's np.array([([1,2,3],2,3),([1,2,3],5,6)],
// dtype=[('x','3d'),('y',int),('z',float)]).
func seedRecordArray(t *testing.T) *Table {
	t.Helper()
	var fields []Field
	for _, f := range [][2]string{{"x", "3d"}, {"y", "int"}, {"z", "float"}} {
		field, err := ParseField(f[0], f[1])
		require.NoError(t, err)
		fields = append(fields, field)
	}
	tab, err := FromRows(fields, [][]any{{[]any{1, 2, 3}, 2, 3}, {[]any{1, 2, 3}, 5, 6}})
	require.NoError(t, err)
	return tab
}

func TestFromRowsConvertsToTheDeclaredTypes(t *testing.T) {
	tab := seedRecordArray(t)
	assert.Equal(t, []any{[]float64{1, 2, 3}, []float64{1, 2, 3}}, column(t, tab, "x").Values())
	assert.Equal(t, []any{int64(2), int64(5)}, column(t, tab, "y").Values())
	assert.Equal(t, []any{3.0, 6.0}, column(t, tab, "z").Values())
	assert.Equal(t, DType{Kind: Float64}, column(t, tab, "z").DType())
}

func TestFromRowsRefusals(t *testing.T) {
	fields := []Field{{Name: "x", Type: DType{Kind: Int64, Shape: 2}}, {Name: "s", Type: DType{Kind: String}}}
	cases := []struct {
		name  string
		rows  [][]any
		err   error
		event int
		path  string
	}{
		{name: "short row", rows: [][]any{{[]any{1, 2}, "a"}, {[]any{1, 2}}}, err: ErrLength, event: 2},
		{name: "float into int array", rows: [][]any{{[]any{1, 2.5}, "a"}}, err: ErrTypeDrift, path: "x"},
		{name: "wrong shape", rows: [][]any{{[]any{1, 2, 3}, "a"}}, err: ErrShapeDrift, path: "x"},
		{name: "scalar into array", rows: [][]any{{1, "a"}}, err: ErrShapeDrift, path: "x"},
		{name: "int into string", rows: [][]any{{nil, 1}}, err: ErrTypeDrift, path: "s"},
		{name: "unsupported", rows: [][]any{{nil, struct{}{}}}, err: ErrUnsupportedValue, path: "s"},
		{name: "list into string", rows: [][]any{{nil, []any{"a"}}}, err: ErrArrayElement, path: "s"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := FromRows(fields, tc.rows)
			event := tc.event
			if event == 0 {
				event = len(tc.rows) // the last row, counted from 1
			}
			assertLocatedError(t, err, tc.err, event, tc.path)
		})
	}
	_, err := FromRows([]Field{{Name: "a"}, {Name: "a"}}, nil)
	assertLocatedError(t, err, ErrDuplicateColumn, 0, "a")
	_, err = FromRows([]Field{{Name: "a", Type: DType{Kind: Bool, Shape: 2}}}, nil)
	assertLocatedError(t, err, ErrBadDType, 0, "a")
}

func TestFromRowsAcceptsNullsEverywhere(t *testing.T) {
	fields := []Field{{Name: "x", Type: DType{Kind: Float64, Shape: 2}}, {Name: "b", Type: DType{Kind: Bool}}, {Name: "s", Type: DType{Kind: String}}}
	tab, err := FromRows(fields, [][]any{{nil, nil, nil}, {[]int64{1, 2}, true, "t"}})
	require.NoError(t, err)
	assert.Equal(t, `{'x': None, 'b': None, 's': None}`, tab.Row(0).String())
	assert.Equal(t, []any{[]float64{1, 2}, true, "t"}, tab.Row(1).Values())
}

func TestColumnLookupErrorListsTheColumns(t *testing.T) {
	tab := seedRecordArray(t)
	_, err := tab.Column("q")
	assert.ErrorIs(t, err, ErrNoColumn)
	assert.EqualError(t, err, `no such column "q" (columns: x, y, z)`)
}

func TestRowsIterateAsRecords(t *testing.T) {
	tab := seedRecordArray(t)
	var got []string
	for _, r := range tab.Rows() {
		got = append(got, r.String())
	}
	assert.Equal(t, []string{`{'x': [1.0, 2.0, 3.0], 'y': 2, 'z': 3.0}`, `{'x': [1.0, 2.0, 3.0], 'y': 5, 'z': 6.0}`}, got)
	for i := range tab.Rows() {
		assert.Equal(t, 0, i, "iteration stops when the loop breaks")
		break
	}
	assert.Panics(t, func() { tab.Row(2) })
	assert.Panics(t, func() { column(t, tab, "y").Value(-1) })
}

func TestSliceHeadTail(t *testing.T) {
	events := make([]*Record, 10)
	for i := range events {
		v := any(i)
		if i%3 == 0 {
			v = nil
		}
		events[i] = rec("i", v, "a", []any{i, i})
	}
	tab, err := FromEvents(events, Options{})
	require.NoError(t, err)
	cases := []struct {
		name string
		t    *Table
		want []any
	}{
		{"head", tab.Head(3), []any{nil, int64(1), int64(2)}},
		{"tail", tab.Tail(2), []any{int64(8), nil}},
		{"slice", tab.Slice(2, 5), []any{int64(2), nil, int64(4)}},
		{"negative", tab.Slice(-3, -1), []any{int64(7), int64(8)}},
		{"clamped", tab.Slice(8, 100), []any{int64(8), nil}},
		{"empty", tab.Slice(5, 2), []any{}},
		{"head beyond", tab.Head(50).Tail(1), []any{nil}},
		{"tail of zero", tab.Tail(0), []any{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := column(t, tc.t, "i")
			assert.Equal(t, tc.want, c.Values())
			assert.Equal(t, len(tc.want), tc.t.NumRows())
			nulls := 0
			for _, v := range tc.want {
				if v == nil {
					nulls++
				}
			}
			assert.Equal(t, nulls, c.NullCount())
		})
	}
	assert.Equal(t, []any{[]int64{4, 4}}, column(t, tab.Slice(4, 5), "a").Values())
}

func TestAppendField(t *testing.T) {
	base := seedRecordArray(t)
	nullCol := &Column{name: "n"}
	nullCol.padNulls(2)
	cases := []struct {
		name  string
		data  any
		dtype DType
		want  []any
		err   error
	}{
		{name: "int scalar broadcast", data: 100, dtype: DType{Kind: Int64}, want: []any{int64(100), int64(100)}},
		{name: "float scalar broadcast", data: 0.5, dtype: DType{Kind: Float64}, want: []any{0.5, 0.5}},
		{name: "string scalar broadcast", data: "on", dtype: DType{Kind: String}, want: []any{"on", "on"}},
		{name: "bool scalar broadcast", data: false, dtype: DType{Kind: Bool}, want: []any{false, false}},
		{name: "None broadcast", data: nil, dtype: DType{Kind: Null}, want: []any{nil, nil}},
		{name: "column of values", data: []any{1, 2.5}, dtype: DType{Kind: Float64}, want: []any{1.0, 2.5}},
		{name: "column of arrays", data: listAdapter{[]any{1, 2}, nil}, dtype: DType{Kind: Int64, Shape: 2}, want: []any{[]int64{1, 2}, nil}},
		{name: "column object", data: nullCol, dtype: DType{Kind: Null}, want: []any{nil, nil}},
		{name: "too short", data: []any{1}, err: ErrLength},
		{name: "too long", data: []int64{1, 2, 3}, err: ErrLength},
		{name: "column too long", data: column(t, base.Slice(0, 1), "y"), err: ErrLength},
		{name: "mixed column", data: []any{1, "a"}, err: ErrTypeDrift},
		{name: "unsupported", data: map[string]int{}, err: ErrUnsupportedValue},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, err := base.AppendField("B", tc.data)
			if tc.err != nil {
				require.Error(t, err)
				assert.ErrorIs(t, err, tc.err)
				assert.Contains(t, err.Error(), `"B"`)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, []string{"x", "y", "z", "B"}, out.Names())
			assert.Equal(t, []string{"x", "y", "z"}, base.Names(), "the original table is unchanged")
			c := column(t, out, "B")
			assert.Equal(t, tc.dtype, c.DType())
			assert.Equal(t, tc.want, c.Values())
		})
	}
	_, err := base.AppendField("y", 1)
	assertLocatedError(t, err, ErrDuplicateColumn, 0, "y")
}

func TestAppendFieldOnEmptyTable(t *testing.T) {
	empty := build(t, Options{})
	out, err := empty.AppendField("B", 100)
	require.NoError(t, err)
	assert.Equal(t, 0, column(t, out, "B").Len())
	out, err = empty.AppendField("C", []any{})
	require.NoError(t, err)
	assert.Equal(t, 0, out.NumRows())
}

func TestTableBytesIsCloseToRawSize(t *testing.T) {
	b := NewBuilder(Options{})
	for _, e := range seedEvents(10_000) {
		require.NoError(t, b.Append(e))
	}
	tab := b.Table()
	raw := rawSeedBytes * tab.NumRows()
	assert.GreaterOrEqual(t, tab.Bytes(), raw)
	assert.LessOrEqual(t, float64(tab.Bytes()), 1.3*float64(raw), "table holds %d bytes for %d raw", tab.Bytes(), raw)
}
