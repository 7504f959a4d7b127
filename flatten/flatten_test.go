package flatten

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rec is shorthand for RecordOf in tests.
var rec = RecordOf

func TestFlattenJoinsNestedKeysInFirstSeenOrder(t *testing.T) {
	d := rec("z", 1, "a", rec("y", 2.5, "b", rec("c", "s")), "m", true)
	flat, err := Flatten(d, Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"z", "a.y", "a.b.c", "m"}, flat.Keys())
	assert.Equal(t, []any{int64(1), 2.5, "s", true}, flat.Values())
}

func TestFlattenUsesSeparatorAndParentKey(t *testing.T) {
	d := rec("a", rec("b", 1))
	flat, err := Flatten(d, Options{Sep: "/", ParentKey: "root"})
	require.NoError(t, err)
	assert.Equal(t, []string{"root/a/b"}, flat.Keys())
}

func TestFlattenNormalizesGoScalars(t *testing.T) {
	d := rec("i", 3, "i8", int8(-4), "u", uint32(7), "f", float32(0.5), "big", uint64(1<<40))
	flat, err := Flatten(d, Options{})
	require.NoError(t, err)
	assert.Equal(t, []any{int64(3), int64(-4), int64(7), 0.5, int64(1 << 40)}, flat.Values())
}

// edgeCase is one row of the package documentation's rule table; each is
// checked through Flatten and through a Builder.
type edgeCase struct {
	name      string
	event     Map
	opts      Options
	flatKeys  []string // Flatten's keys when it succeeds
	flatErr   error    // Flatten's sentinel when it refuses
	buildCols []string // the table's columns when the builder accepts
	buildErr  error    // the builder's sentinel when it refuses
	errPath   string   // the key path named by the error
}

var edgeCases = []edgeCase{
	{name: "separator in key refused", event: rec("a.b", 1),
		flatErr: ErrSeparatorInKey, buildErr: ErrSeparatorInKey, errPath: "a.b"},
	{name: "separator in key allowed", event: rec("a.b", 1), opts: Options{AllowSeparatorInKeys: true},
		flatKeys: []string{"a.b"}, buildCols: []string{"a.b"}},
	{name: "separator in key colliding with nesting", event: rec("a.b", 1, "a", rec("b", 2)),
		opts:    Options{AllowSeparatorInKeys: true},
		flatErr: ErrDuplicateKey, buildErr: ErrDuplicateKey, errPath: "a.b"},
	{name: "empty dict vanishes", event: rec("a", rec(), "b", 1),
		flatKeys: []string{"b"}, buildCols: []string{"b"}},
	{name: "None keeps its key", event: rec("a", nil, "b", 1),
		flatKeys: []string{"a", "b"}, buildCols: []string{"a", "b"}},
	{name: "list of scalars is one value", event: rec("image", []any{1, 2, 3}),
		flatKeys: []string{"image"}, buildCols: []string{"image"}},
	{name: "empty list", event: rec("image", []any{}),
		flatKeys: []string{"image"}, buildErr: ErrArrayElement, errPath: "image"},
	{name: "list of strings", event: rec("tags", []any{"a", "b"}),
		flatKeys: []string{"tags"}, buildErr: ErrArrayElement, errPath: "tags"},
	{name: "list holding None", event: rec("v", []any{1, nil}),
		flatKeys: []string{"v"}, buildErr: ErrArrayElement, errPath: "v"},
	{name: "list of dicts", event: rec("hits", []any{rec("x", 1)}),
		flatErr: ErrListOfMaps, buildErr: ErrListOfMaps, errPath: "hits"},
	{name: "list of lists", event: rec("m", []any{[]any{1}, []any{2}}),
		flatErr: ErrNestedList, buildErr: ErrNestedList, errPath: "m"},
	{name: "too deep", event: rec("a", rec("b", rec("c", 1))), opts: Options{MaxDepth: 2},
		flatErr: ErrTooDeep, buildErr: ErrTooDeep, errPath: "a.b"},
	{name: "exactly max depth", event: rec("a", rec("b", 1)), opts: Options{MaxDepth: 2},
		flatKeys: []string{"a.b"}, buildCols: []string{"a.b"}},
	{name: "Go map refused", event: rec("m", map[string]any{"x": 1}),
		flatErr: ErrUnsupportedValue, buildErr: ErrUnsupportedValue, errPath: "m"},
	{name: "struct refused", event: rec("s", struct{}{}),
		flatErr: ErrUnsupportedValue, buildErr: ErrUnsupportedValue, errPath: "s"},
	{name: "unsigned overflow refused", event: rec("u", uint64(1<<63)),
		flatErr: ErrUnsupportedValue, buildErr: ErrUnsupportedValue, errPath: "u"},
}

func TestFlattenEdgeCases(t *testing.T) {
	for _, tc := range edgeCases {
		t.Run(tc.name, func(t *testing.T) {
			flat, err := Flatten(tc.event, tc.opts)
			if tc.flatErr != nil {
				assertLocatedError(t, err, tc.flatErr, 0, tc.errPath)
			} else {
				require.NoError(t, err)
				assert.Equal(t, tc.flatKeys, flat.Keys())
			}
		})
	}
}

func TestBuilderEdgeCases(t *testing.T) {
	for _, tc := range edgeCases {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBuilder(tc.opts)
			require.NoError(t, b.Append(rec("first", 0)), "a clean first event")
			err := b.Append(tc.event)
			if tc.buildErr != nil {
				assertLocatedError(t, err, tc.buildErr, 2, tc.errPath)
				assert.Equal(t, []string{"first"}, b.Table().Names(), "a refused event adds no column")
				assert.Equal(t, 1, b.Len())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, append([]string{"first"}, tc.buildCols...), b.Table().Names())
		})
	}
}

// assertLocatedError checks that err is an *Error at event and path
// wrapping want.
func assertLocatedError(t *testing.T, err, want error, event int, path string) {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, want)
	var located *Error
	require.True(t, errors.As(err, &located), "error %v is not an *Error", err)
	assert.Equal(t, event, located.Event, "event index in %v", err)
	assert.Equal(t, path, located.Path, "key path in %v", err)
	if path != "" {
		assert.Contains(t, err.Error(), `"`+path+`"`)
	}
}

func TestFlattenKeepsNoneAndListValues(t *testing.T) {
	flat, err := Flatten(rec("a", nil, "l", []int64{1, 2}, "f", []float64{0.5}), Options{})
	require.NoError(t, err)
	v, ok := flat.Get("a")
	assert.True(t, ok)
	assert.Nil(t, v)
	v, _ = flat.Get("l")
	assert.Equal(t, []any{int64(1), int64(2)}, v)
	v, _ = flat.Get("f")
	assert.Equal(t, []any{0.5}, v)
}

func TestErrorMessageNamesEventAndPath(t *testing.T) {
	err := &Error{Event: 7, Path: "a.b", Err: ErrTypeDrift}
	assert.Equal(t, `event 7: key "a.b": type drift`, err.Error())
	err = &Error{Path: "x", Err: ErrTooDeep}
	assert.Equal(t, `key "x": nesting exceeds the maximum depth`, err.Error())
}

func TestRecordSetReplacesAndKeepsOrderPastIndexThreshold(t *testing.T) {
	r := NewRecord(0)
	for i := range 40 {
		r.Set(string(rune('A'+i)), i)
	}
	r.Set("C", "replaced")
	assert.Equal(t, 40, r.Len())
	v, ok := r.Get("C")
	assert.True(t, ok)
	assert.Equal(t, "replaced", v)
	assert.Equal(t, "C", r.Keys()[2])
	_, ok = r.Get("missing")
	assert.False(t, ok)
	var keys []string
	for k := range r.All() {
		keys = append(keys, k)
		if len(keys) == 3 {
			break
		}
	}
	assert.Equal(t, []string{"A", "B", "C"}, keys)
}

func TestRecordStringIsPythonRepr(t *testing.T) {
	r := rec("s", "it's", "f", 1.0, "n", nil, "b", false, "l", []any{1, 2.5e-7}, "big", 1e16)
	assert.Equal(t, `{'s': "it's", 'f': 1.0, 'n': None, 'b': False, 'l': [1, 2.5e-07], 'big': 1e+16}`, r.String())
}

func TestRecordOfPanicsOnBadArguments(t *testing.T) {
	assert.Panics(t, func() { RecordOf("a") })
	assert.Panics(t, func() { RecordOf(1, 2) })
}
