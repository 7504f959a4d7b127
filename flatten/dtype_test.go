package flatten

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDTypeNumpySpellings(t *testing.T) {
	cases := map[string]DType{
		"int": {Kind: Int64}, "i8": {Kind: Int64}, "int64": {Kind: Int64}, "<i8": {Kind: Int64},
		"float": {Kind: Float64}, "f8": {Kind: Float64}, "d": {Kind: Float64}, "float64": {Kind: Float64},
		"bool": {Kind: Bool}, "?": {Kind: Bool},
		"str": {Kind: String}, "U": {Kind: String}, "U10": {Kind: String}, "<U8": {Kind: String}, "S5": {Kind: String},
		"3d": {Kind: Float64, Shape: 3}, "5i8": {Kind: Int64, Shape: 5}, "(3,)f8": {Kind: Float64, Shape: 3},
		"(4)int": {Kind: Int64, Shape: 4}, " 2float ": {Kind: Float64, Shape: 2},
	}
	for spec, want := range cases {
		got, err := ParseDType(spec)
		require.NoError(t, err, spec)
		assert.Equal(t, want, got, spec)
	}
}

func TestParseDTypeRefusals(t *testing.T) {
	cases := map[string]string{
		"i4":      "unknown dtype",
		"f4":      "unknown dtype",
		"complex": "unknown dtype",
		"3str":    "sub-arrays hold int64 or float64",
		"0d":      "not a positive length",
		"(2,3)d":  "only one-dimensional",
		"(3d":     "unclosed shape",
		"":        "unknown dtype",
	}
	for spec, msg := range cases {
		_, err := ParseDType(spec)
		require.Error(t, err, spec)
		assert.ErrorIs(t, err, ErrBadDType, spec)
		assert.Contains(t, err.Error(), msg, spec)
	}
}

func TestParseFieldNamesTheField(t *testing.T) {
	_, err := ParseField("x", "q9")
	assert.ErrorContains(t, err, `field "x": unknown dtype: "q9"`)
	f, err := ParseField("x", "3d")
	require.NoError(t, err)
	assert.Equal(t, Field{Name: "x", Type: DType{Kind: Float64, Shape: 3}}, f)
}

func TestDTypeString(t *testing.T) {
	assert.Equal(t, "float64[3]", DType{Kind: Float64, Shape: 3}.String())
	assert.Equal(t, "str", DType{Kind: String}.String())
	assert.Equal(t, "null", DType{}.String())
	assert.Equal(t, "Kind(9)", Kind(9).String())
}
