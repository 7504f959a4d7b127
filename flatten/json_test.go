package flatten

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeJSONAcceptsArrayLinesAndSingleObject(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []string // String() of each record
	}{
		{name: "array", in: `[{"b": 1, "a": 2}, {"c": null}]`, want: []string{`{'b': 1, 'a': 2}`, `{'c': None}`}},
		{name: "lines", in: "{\"b\": 1}\n{\"a\": [1, 2.0, \"x\"]}\n", want: []string{`{'b': 1}`, `{'a': [1, 2.0, 'x']}`}},
		{name: "single object", in: `{"z": {"y": true}}`, want: []string{`{'z': {'y': True}}`}},
		{name: "empty input", in: "  \n", want: nil},
		{name: "empty array", in: "[]", want: nil},
		{name: "numbers", in: `{"i": -7, "f": 1.0, "e": 1e3, "huge": 123456789012345678901234567890}`,
			want: []string{`{'i': -7, 'f': 1.0, 'e': 1000.0, 'huge': 1.2345678901234568e+29}`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			recs, err := DecodeJSON([]byte(tc.in))
			require.NoError(t, err)
			var got []string
			for _, r := range recs {
				got = append(got, r.String())
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestDecodeJSONTypesIntegersAndFloats(t *testing.T) {
	recs, err := DecodeJSON([]byte(`{"i": 3, "f": 3.0, "n": -0}`))
	require.NoError(t, err)
	require.Len(t, recs, 1)
	assert.Equal(t, []any{int64(3), 3.0, int64(0)}, recs[0].Values())
}

func TestDecodeJSONRefusals(t *testing.T) {
	cases := []struct {
		name, in, msg string
	}{
		{name: "scalar record", in: `{"a": 1} 5`, msg: "record 2 (line 1, column 11): want an object, got a number"},
		{name: "array record in lines", in: `{"a": 1} [1]`, msg: "record 2"},
		{name: "array of scalars", in: `[1]`, msg: "record 1 (line 1, column 3): want an object, got a number"},
		{name: "repeated key", in: `{"a": 1, "a": 2}`, msg: `key "a" repeated in one object`},
		{name: "truncated object", in: `{"a": {"b": 1`, msg: "record 1"},
		{name: "truncated array", in: `[{"a": 1}`, msg: "record 2"},
		{name: "garbage after array", in: `[{"a": 1}] {"b": 2}`, msg: "unexpected data after the top-level array"},
		{name: "syntax error", in: `{"a" 1}`, msg: "record 1"},
		{name: "out of range", in: `{"a": 1e999}`, msg: `key "a": number 1e999`},
		{name: "too deep", in: `{"a":` + strings.Repeat("[", 1200) + strings.Repeat("]", 1200) + `}`, msg: "nesting deeper than 1000"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeJSON([]byte(tc.in))
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrJSON)
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
}

func TestJSONDecoderStreamsAndStopsAfterError(t *testing.T) {
	d := NewJSONDecoder(strings.NewReader("{\"a\": 1}\n{\"a\": 2}\nnope\n{\"a\": 3}"))
	r, err := d.Next()
	require.NoError(t, err)
	assert.Equal(t, `{'a': 1}`, r.String())
	r, err = d.Next()
	require.NoError(t, err)
	assert.Equal(t, `{'a': 2}`, r.String())
	_, err = d.Next()
	assert.ErrorIs(t, err, ErrJSON)
	_, err = d.Next()
	assert.Equal(t, io.EOF, err, "the decoder stops after an error")
}

func TestDecodedJSONBuildsATable(t *testing.T) {
	in := `{"event_id": 1, "image": [1, 2, 3], "hillas": {"length": 1.5}}
{"event_id": 2, "image": [4, 5, 6], "hillas": {"length": 2}}`
	recs, err := DecodeJSON([]byte(in))
	require.NoError(t, err)
	tab, err := FromEvents(recs, Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"event_id", "image", "hillas.length"}, tab.Names())
	assert.Equal(t, []any{1.5, 2.0}, column(t, tab, "hillas.length").Values())
}

func TestDecodeJSONErrorsGiveLineAndColumn(t *testing.T) {
	_, err := DecodeJSON([]byte("[{\"a\": 1},\n {\"a\": }]"))
	var je *JSONError
	require.ErrorAs(t, err, &je)
	assert.Equal(t, 2, je.Record) // the second record, counted from 1
	assert.Equal(t, 2, je.Line)
	assert.Equal(t, 8, je.Column)
	assert.ErrorIs(t, err, ErrJSON)
	assert.Contains(t, err.Error(), "record 2 (line 2, column 8)")
}
