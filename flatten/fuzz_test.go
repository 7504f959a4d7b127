package flatten

import (
	"bytes"
	"errors"
	"testing"
)

var fuzzSeeds = []string{
	`{"image": [1, 2, 3, 4, 5], "hillasparams": {"length": 1, "width": 0.2, "centroid": {"x": 0.2, "y": 1.0}}}`,
	`[{"a": 1}, {"a": 2.5}, {"a": null}, {"b": {"c": [1, 2]}}]`,
	"{\"a.b\": 1}\n{\"a\": {\"b\": 2}}\n",
	`{"a": [{"x": 1}]}`,
	`{"a": [[1], [2]]}`,
	`{"a": {}}`,
	`{"a": 1} {"a": "s"}`,
	`{"a": [1, 2]} {"a": [1, 2, 3]}`,
	`{"a": 1, "a": 2}`,
	`[1, 2]`,
	`{"a": {"b": {"c": {"d": {"e": 1}}}}}`,
}

// FuzzDecodeJSON checks that any input either decodes into records or
// fails with ErrJSON, without panicking.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := DecodeJSON(data)
		if err != nil {
			if !errors.Is(err, ErrJSON) {
				t.Fatalf("error %v does not wrap ErrJSON", err)
			}
			return
		}
		for i, r := range recs {
			if r == nil {
				t.Fatalf("record %d is nil", i)
			}
		}
	})
}

// FuzzFlatten decodes the input and then flattens every record, builds a
// table from them and renders it: each step either succeeds or returns an
// *Error, never panics, and a table built from accepted events always has
// consistent columns.
func FuzzFlatten(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), false, uint8(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, allowSep bool, maxDepth uint8) {
		recs, err := DecodeJSON(data)
		if err != nil {
			return
		}
		opts := Options{AllowSeparatorInKeys: allowSep, MaxDepth: int(maxDepth % 8)}
		for _, r := range recs {
			if _, err := Flatten(r, opts); err != nil {
				requireLocated(t, err)
			}
		}
		b := NewBuilder(opts)
		accepted := 0
		for _, r := range recs {
			if err := b.Append(r); err != nil {
				requireLocated(t, err)
				continue
			}
			accepted++
		}
		tab := b.Table()
		if tab.NumRows() != accepted {
			t.Fatalf("table has %d rows, %d events accepted", tab.NumRows(), accepted)
		}
		for _, c := range tab.Columns() {
			if c.Len() != accepted || c.NullCount() != accepted-c.countValid() {
				t.Fatalf("column %v: %d nulls, %d valid, %d rows", c, c.NullCount(), c.countValid(), accepted)
			}
			_ = c.NumPy()
			_ = c.Values()
		}
		_ = tab.Text(TextOptions{MaxRows: 4})
		_ = tab.HTML(TextOptions{})
		var buf bytes.Buffer
		if err := tab.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		buf.Reset()
		if err := tab.WriteJSONLines(&buf); err != nil {
			t.Fatal(err)
		}
		if _, err := DecodeJSON(buf.Bytes()); err != nil {
			t.Fatalf("JSON Lines output does not decode: %v\n%s", err, buf.Bytes())
		}
	})
}

func requireLocated(t *testing.T, err error) {
	t.Helper()
	var located *Error
	if !errors.As(err, &located) {
		t.Fatalf("error %v is not an *Error", err)
	}
}
