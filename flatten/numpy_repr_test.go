package flatten

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNumPyReprFormatsLikeNumpysRepr(t *testing.T) {
	cases := []struct {
		name   string
		values []any
		want   string
	}{
		{"ints", []any{0, 1, 2}, "array([0, 1, 2])"},
		{"integral floats", []any{1.0, 2.0, 3.0}, "array([ 1.,  2.,  3.])"},
		{"fractional floats", []any{1.0, 1.25, 1.5}, "array([ 1.  ,  1.25,  1.5 ])"},
		{"bools name their dtype", []any{true, false}, "array([ True, False], dtype=bool)"},
		{"strs put their dtype on a line of its own", []any{"a", "bcd"}, "array(['a', 'bcd'], \n      dtype='<U3')"},
		{"sub-array rows", []any{[]any{1.0, 2.0}, []any{3.0, 4.0}}, "array([[ 1.,  2.],\n       [ 3.,  4.]])"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBuilder(Options{})
			for _, v := range tc.values {
				require.NoError(t, b.Append(rec("v", v)))
			}
			assert.Equal(t, tc.want, column(t, b.Table(), "v").NumPyRepr())
		})
	}
}

func TestNumPyReprOfEmptyColumnsNamesTheDType(t *testing.T) {
	for _, tc := range []struct {
		t    DType
		data any
		want string
	}{
		{DType{Kind: Float64}, []float64{}, "array([], dtype=float64)"},
		{DType{Kind: Int64}, []int64{}, "array([], dtype=int64)"},
		{DType{Kind: Int64, Shape: 3}, []int64{}, "array([], shape=(0, 3), dtype=int64)"},
	} {
		c, err := ColumnOf("v", tc.t, tc.data)
		require.NoError(t, err)
		assert.Equal(t, tc.want, c.NumPyRepr(), "%s", tc.t)
	}
}

func TestNumPyReprWrapsAndSummarizesAsStrDoes(t *testing.T) {
	ints := make([]int64, 2000)
	for i := range ints {
		ints[i] = int64(i)
	}
	c, err := ColumnOf("v", DType{Kind: Int64}, ints)
	require.NoError(t, err)
	assert.Equal(t, "array([   0,    1,    2, ..., 1997, 1998, 1999])", c.NumPyRepr())

	c, err = ColumnOf("v", DType{Kind: Int64}, ints[:40])
	require.NoError(t, err)
	lines := strings.Split(c.NumPyRepr(), "\n")
	require.Greater(t, len(lines), 1)
	for _, l := range lines {
		assert.LessOrEqual(t, len(l), 75, "line %q", l)
	}
	assert.True(t, strings.HasPrefix(lines[1], "       "), "continuation lines line up under array(: %q", lines[1])
}

// seedTable is the seed's structured array a.
func seedTable(t *testing.T) *Table {
	t.Helper()
	x, err := ParseField("x", "3d")
	require.NoError(t, err)
	tab, err := FromRows([]Field{x, {Name: "y", Type: DType{Kind: Int64}}, {Name: "z", Type: DType{Kind: Float64}}},
		[][]any{{[]any{1, 2, 3}, 2, 3}, {[]any{1, 2, 3}, 5, 6}})
	require.NoError(t, err)
	return tab
}

func TestTableNumPyShowsRecordsAsNumpy111(t *testing.T) {
	tab := seedTable(t)
	assert.Equal(t, "[([1.0, 2.0, 3.0], 2, 3.0) ([1.0, 2.0, 3.0], 5, 6.0)]", tab.NumPy())
	assert.Equal(t, "array([([1.0, 2.0, 3.0], 2, 3.0), ([1.0, 2.0, 3.0], 5, 6.0)], \n"+
		"      dtype=[('x', '<f8', (3,)), ('y', '<i8'), ('z', '<f8')])", tab.NumPyRepr())
	assert.Equal(t, "([1.0, 2.0, 3.0], 5, 6.0)", tab.NumPyRecord(1))
	one, err := TableOf(column(t, tab, "y"))
	require.NoError(t, err)
	assert.Equal(t, "(2,)", one.NumPyRecord(0), "a one-field record is a one-tuple")
	empty := tab.Slice(0, 0)
	assert.Equal(t, "array([], \n      dtype=[('x', '<f8', (3,)), ('y', '<i8'), ('z', '<f8')])", empty.NumPyRepr())
}

func TestNumPyTypeCodesAndNames(t *testing.T) {
	for _, tc := range []struct {
		t          DType
		data       any
		code, name string
	}{
		{DType{Kind: Int64}, []int64{1}, "<i8", "int64"},
		{DType{Kind: Float64, Shape: 2}, []float64{1, 2}, "<f8", "float64"},
		{DType{Kind: Bool}, []bool{true}, "?", "bool"},
		{DType{Kind: String}, []string{"ab", "héllo"}, "<U5", "<U5"},
		{DType{Kind: String}, []string{""}, "<U1", "<U1"},
	} {
		c, err := ColumnOf("v", tc.t, tc.data)
		require.NoError(t, err)
		assert.Equal(t, tc.code, c.NumPyTypeCode(), "%s", tc.t)
		assert.Equal(t, tc.name, c.NumPyTypeName(), "%s", tc.t)
	}
}

func TestColumnOfChecksTypeAndShape(t *testing.T) {
	c, err := ColumnOf("x", DType{Kind: Float64, Shape: 3}, []float64{1, 2, 3, 4, 5, 6})
	require.NoError(t, err)
	assert.Equal(t, 2, c.Len())
	assert.Equal(t, []float64{4, 5, 6}, c.Value(1))

	_, err = ColumnOf("x", DType{Kind: Float64, Shape: 4}, []float64{1, 2, 3})
	assert.ErrorIs(t, err, ErrShapeDrift)
	_, err = ColumnOf("x", DType{Kind: Int64}, []float64{1})
	assert.ErrorIs(t, err, ErrTypeDrift)
	_, err = ColumnOf("x", DType{Kind: String, Shape: 2}, []string{"a", "b"})
	assert.ErrorIs(t, err, ErrBadDType)
	_, err = ColumnOf("x", DType{Kind: Int64}, []int{1})
	assert.ErrorIs(t, err, ErrUnsupportedValue)
}

func TestTableOfChecksNamesAndLengths(t *testing.T) {
	a, _ := ColumnOf("a", DType{Kind: Int64}, []int64{1, 2})
	b, _ := ColumnOf("b", DType{Kind: Bool}, []bool{true, false})
	short, _ := ColumnOf("c", DType{Kind: Bool}, []bool{true})
	tab, err := TableOf(a, b)
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, tab.Names())
	assert.Equal(t, 2, tab.NumRows())
	_, err = TableOf(a, a)
	assert.ErrorIs(t, err, ErrDuplicateColumn)
	_, err = TableOf(a, short)
	assert.ErrorIs(t, err, ErrLength)
	empty, err := TableOf()
	require.NoError(t, err)
	assert.Equal(t, 0, empty.NumRows())
}

// The seed's structured array as numpy 1.11 printed it: records as Python
// tuples, and its dtype in numpy's spelling.
func ExampleTable_NumPy() {
	x, _ := ParseField("x", "3d")
	t, _ := FromRows([]Field{x, {Name: "y", Type: DType{Kind: Int64}}}, [][]any{{[]any{1, 2, 3}, 2}, {[]any{4, 5, 6}, 5}})
	fmt.Println(t.NumPy())
	fmt.Println(t.NumPyRecord(1))
	fmt.Println(t.NumPyDType())
	// Output:
	// [([1.0, 2.0, 3.0], 2) ([4.0, 5.0, 6.0], 5)]
	// ([4.0, 5.0, 6.0], 5)
	// [('x', '<f8', (3,)), ('y', '<i8')]
}
