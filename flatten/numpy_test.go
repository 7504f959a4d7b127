package flatten

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// numpyOf builds a one-column table from values and prints the column.
func numpyOf(t *testing.T, values ...any) string {
	t.Helper()
	b := NewBuilder(Options{})
	for _, v := range values {
		require.NoError(t, b.Append(rec("v", v)))
	}
	return column(t, b.Table(), "v").NumPy()
}

func TestNumPyFormatsLikeNumpy113(t *testing.T) {
	cases := []struct {
		name   string
		values []any
		want   string
	}{
		{"ints", []any{2, 5}, "[2 5]"},
		{"ints of mixed width", []any{-1, 10, 3}, "[-1 10  3]"},
		{"integral floats", []any{1.0, 2.0, 3.0}, "[ 1.  2.  3.]"},
		{"fractional floats pad trailing zeros", []any{0.2, 1.0}, "[ 0.2  1. ]"},
		{"negative floats", []any{-1.5, 2.0}, "[-1.5  2. ]"},
		{"precision capped at 8", []any{1.0 / 3}, "[ 0.33333333]"},
		{"exponent for small values", []any{1e-5, 1.0}, "[  1.00000000e-05   1.00000000e+00]"},
		{"exponent for large values", []any{1e9}, "[  1.00000000e+09]"},
		{"nan and inf", []any{1.0, nan(), inf(-1)}, "[  1.  nan -inf]"},
		{"bools", []any{true, false}, "[ True False]"},
		{"strings", []any{"a", "it's"}, `['a' "it's"]`},
		{"nulls", []any{1, nil}, "[ 1 --]"},
		{"only nulls", []any{nil, nil}, "[-- --]"},
		{"sub-array rows", []any{[]any{1.0, 2.0, 3.0}, []any{1.0, 2.0, 3.0}}, "[[ 1.  2.  3.]\n [ 1.  2.  3.]]"},
		{"int sub-array with null row", []any{[]any{1, 20}, nil}, "[[ 1 20]\n [-- --]]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, numpyOf(t, tc.values...))
		})
	}
}

func TestNumPyOfEmptyColumn(t *testing.T) {
	tab, err := FromRows([]Field{{Name: "v", Type: DType{Kind: Float64}}}, nil)
	require.NoError(t, err)
	assert.Equal(t, "[]", column(t, tab, "v").NumPy())
}

func TestNumPyWrapsLongRowsAt75Columns(t *testing.T) {
	values := make([]any, 40)
	for i := range values {
		values[i] = i * 1000
	}
	out := numpyOf(t, values...)
	lines := strings.Split(out, "\n")
	require.Greater(t, len(lines), 1, out)
	for _, l := range lines {
		assert.LessOrEqual(t, len(l), 75, "line %q", l)
	}
	assert.True(t, strings.HasPrefix(out, "[    0  1000  2000"), out)
	assert.True(t, strings.HasPrefix(lines[1], " "), "continuation lines are indented: %q", lines[1])
	assert.True(t, strings.HasSuffix(out, "39000]"), out)
}

func TestNumPySummarizesMoreThan1000Elements(t *testing.T) {
	values := make([]any, 2000)
	for i := range values {
		values[i] = i
	}
	assert.Equal(t, "[   0    1    2 ..., 1997 1998 1999]", numpyOf(t, values...))

	rows := make([]any, 400)
	for i := range rows {
		rows[i] = []any{i, i, i, i, i, i, i, i}
	}
	out := numpyOf(t, rows...)
	lines := strings.Split(out, "\n")
	require.Len(t, lines, 7, out)
	assert.Equal(t, "[[  0   0   0 ...,   0   0   0]", lines[0])
	assert.Equal(t, " ...,", lines[3])
	assert.Equal(t, " [399 399 399 ..., 399 399 399]]", lines[6])
}

func nan() float64 { return zero() / zero() }

func inf(sign float64) float64 { return sign / zero() }

func zero() float64 { return 0 }
