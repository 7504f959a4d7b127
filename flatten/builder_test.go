package flatten

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// build appends events to a new builder, failing the test on any error.
func build(t *testing.T, opts Options, events ...Map) *Table {
	t.Helper()
	b := NewBuilder(opts)
	for i, e := range events {
		require.NoError(t, b.Append(e), "event %d", i)
	}
	return b.Table()
}

func column(t *testing.T, tab *Table, name string) *Column {
	t.Helper()
	c, err := tab.Column(name)
	require.NoError(t, err)
	return c
}

func TestBuilderUnionsColumnsInFirstSeenOrderWithNullsForMissing(t *testing.T) {
	tab := build(t, Options{},
		rec("a", 1, "b", rec("x", 0.5)),
		rec("c", "new", "a", 2),
		rec("b", rec("y", true, "x", 1.5)),
	)
	assert.Equal(t, []string{"a", "b.x", "c", "b.y"}, tab.Names())
	assert.Equal(t, 3, tab.NumRows())
	assert.Equal(t, []any{int64(1), int64(2), nil}, column(t, tab, "a").Values())
	assert.Equal(t, []any{0.5, nil, 1.5}, column(t, tab, "b.x").Values())
	assert.Equal(t, []any{nil, "new", nil}, column(t, tab, "c").Values())
	assert.Equal(t, []any{nil, nil, true}, column(t, tab, "b.y").Values())
	assert.Equal(t, 2, column(t, tab, "c").NullCount())
}

func TestBuilderTypeDrift(t *testing.T) {
	cases := []struct {
		name   string
		values []any
		dtype  DType
		want   []any
		err    error
		errAt  int
	}{
		{name: "int widens to float", values: []any{1, 2.5, 3}, dtype: DType{Kind: Float64}, want: []any{1.0, 2.5, 3.0}},
		{name: "float takes ints", values: []any{0.5, 2}, dtype: DType{Kind: Float64}, want: []any{0.5, 2.0}},
		{name: "nulls then int", values: []any{nil, nil, 4}, dtype: DType{Kind: Int64}, want: []any{nil, nil, int64(4)}},
		{name: "only nulls", values: []any{nil, nil}, dtype: DType{Kind: Null}, want: []any{nil, nil}},
		{name: "int then string", values: []any{1, "x"}, err: ErrTypeDrift, errAt: 1},
		{name: "bool then int", values: []any{true, 1}, err: ErrTypeDrift, errAt: 1},
		{name: "float then bool", values: []any{1.5, nil, false}, err: ErrTypeDrift, errAt: 2},
		{name: "string then float", values: []any{"a", 1.0}, err: ErrTypeDrift, errAt: 1},
		{name: "int array widens", values: []any{[]any{1, 2}, []any{0.5, 1}}, dtype: DType{Kind: Float64, Shape: 2},
			want: []any{[]float64{1, 2}, []float64{0.5, 1}}},
		{name: "float array takes ints", values: []any{[]float64{1, 2}, []int64{3, 4}}, dtype: DType{Kind: Float64, Shape: 2},
			want: []any{[]float64{1, 2}, []float64{3, 4}}},
		{name: "array with null row", values: []any{[]any{1, 2}, nil}, dtype: DType{Kind: Int64, Shape: 2},
			want: []any{[]int64{1, 2}, nil}},
		{name: "array shape drift", values: []any{[]any{1, 2, 3}, []any{1, 2}}, err: ErrShapeDrift, errAt: 1},
		{name: "scalar then array", values: []any{1, []any{1}}, err: ErrShapeDrift, errAt: 1},
		{name: "array then scalar", values: []any{[]any{1}, 1}, err: ErrShapeDrift, errAt: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBuilder(Options{})
			var err error
			at := -1
			for i, v := range tc.values {
				if err = b.Append(rec("v", v)); err != nil {
					at = i
					break
				}
			}
			if tc.err != nil {
				assertLocatedError(t, err, tc.err, tc.errAt+1, "v") // events count from 1
				assert.Equal(t, tc.errAt, at)
				return
			}
			require.NoError(t, err)
			c := column(t, b.Table(), "v")
			assert.Equal(t, tc.dtype, c.DType())
			assert.Equal(t, tc.want, c.Values())
		})
	}
}

func TestTypeDriftErrorNamesOldAndNewType(t *testing.T) {
	b := NewBuilder(Options{})
	require.NoError(t, b.Append(rec("h", rec("x", 1))))
	err := b.Append(rec("h", rec("x", "one")))
	assert.EqualError(t, err, `event 2: key "h.x": type drift: column is int64, event has str (only int64 widens, to float64)`)
}

func TestShapeDriftErrorNamesBothShapes(t *testing.T) {
	b := NewBuilder(Options{})
	require.NoError(t, b.Append(rec("image", []any{1, 2, 3, 4, 5})))
	err := b.Append(rec("image", []any{1, 2}))
	assert.EqualError(t, err, `event 2: key "image": shape drift: column is int64[5], event has int64[2]`)
}

func TestBuilderDictAndValueConflicts(t *testing.T) {
	cases := []struct {
		name   string
		events []Map
		cols   []string
		err    error
		path   string
	}{
		{name: "value then dict", events: []Map{rec("a", 1), rec("a", rec("b", 2))}, err: ErrDictConflict, path: "a"},
		{name: "dict then value", events: []Map{rec("a", rec("b", 2)), rec("a", 1)}, err: ErrDictConflict, path: "a"},
		{name: "None then dict", events: []Map{rec("a", nil), rec("a", rec("b", 2))}, cols: []string{"a.b"}},
		{name: "dict then None", events: []Map{rec("a", rec("b", 2)), rec("a", nil)}, cols: []string{"a.b"}},
		{name: "dict then empty dict", events: []Map{rec("a", rec("b", 2)), rec("a", rec())}, cols: []string{"a.b"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBuilder(Options{})
			var err error
			for _, e := range tc.events {
				if err = b.Append(e); err != nil {
					break
				}
			}
			if tc.err != nil {
				assertLocatedError(t, err, tc.err, 2, tc.path)
				return
			}
			require.NoError(t, err)
			tab := b.Table()
			assert.Equal(t, tc.cols, tab.Names())
			assert.Equal(t, len(tc.events), tab.NumRows())
		})
	}
}

func TestNoneThenDictKeepsEarlierRowsNull(t *testing.T) {
	tab := build(t, Options{}, rec("a", nil), rec("a", rec("b", 2)), rec("a", nil))
	assert.Equal(t, []any{nil, int64(2), nil}, column(t, tab, "a.b").Values())
}

func TestFailedAppendLeavesBuilderUnchanged(t *testing.T) {
	b := NewBuilder(Options{})
	require.NoError(t, b.Append(rec("n", nil, "i", 1, "x", rec("y", 2))))
	before := b.Table()
	// The refused event first retypes "n", widens "i", adds columns and a
	// dict, then fails on "x.y".
	err := b.Append(rec("n", "now a string", "i", 0.5, "new", 3, "d", rec("e", 1), "x", rec("y", "bad")))
	assertLocatedError(t, err, ErrTypeDrift, 2, "x.y")
	after := b.Table()
	assert.Equal(t, before.Names(), after.Names())
	assert.Equal(t, before.Text(TextOptions{}), after.Text(TextOptions{}))
	assert.Equal(t, DType{Kind: Int64}, column(t, after, "i").DType(), "widening undone")
	assert.Equal(t, DType{Kind: Null}, column(t, after, "n").DType(), "retype undone")

	// The builder goes on as if the refused event never came.
	require.NoError(t, b.Append(rec("i", 2, "d", rec("e", 1))))
	tab := b.Table()
	assert.Equal(t, []string{"n", "i", "x.y", "d.e"}, tab.Names())
	assert.Equal(t, []any{int64(1), int64(2)}, column(t, tab, "i").Values())
	assert.Equal(t, []any{nil, int64(1)}, column(t, tab, "d.e").Values())
}

func TestFailedAppendAfterNoneToDictRestoresColumn(t *testing.T) {
	b := NewBuilder(Options{})
	require.NoError(t, b.Append(rec("z", 1, "a", nil, "q", 2)))
	err := b.Append(rec("a", rec("b", 1), "z", "bad"))
	assertLocatedError(t, err, ErrTypeDrift, 2, "z")
	assert.Equal(t, []string{"z", "a", "q"}, b.Table().Names())
	require.NoError(t, b.Append(rec("a", nil)))
	assert.Equal(t, []any{nil, nil}, column(t, b.Table(), "a").Values())
}

func TestFailedArrayAppendLeavesNoPartialElements(t *testing.T) {
	b := NewBuilder(Options{})
	require.NoError(t, b.Append(rec("v", []any{1, 2, 3})))
	err := b.Append(rec("v", []any{4, 5, "six"}))
	assertLocatedError(t, err, ErrArrayElement, 2, "v")
	require.NoError(t, b.Append(rec("v", []any{7, 8, 9})))
	c := column(t, b.Table(), "v")
	assert.Equal(t, []int64{1, 2, 3, 7, 8, 9}, c.Int64s())
}

func TestBuilderNullMaskSurvivesManyRows(t *testing.T) {
	b := NewBuilder(Options{})
	for i := range 300 {
		e := rec("i", i)
		if i%7 == 0 {
			e = rec("i", nil)
		}
		require.NoError(t, b.Append(e))
	}
	c := column(t, b.Table(), "i")
	nulls := 0
	for i := range 300 {
		if i%7 == 0 {
			nulls++
			assert.True(t, c.IsNull(i), "row %d", i)
		} else {
			assert.Equal(t, int64(i), c.Value(i), "row %d", i)
		}
	}
	assert.Equal(t, nulls, c.NullCount())
	assert.Equal(t, 300-nulls, c.countValid())
}

func TestBuilderTableIsASnapshot(t *testing.T) {
	b := NewBuilder(Options{})
	require.NoError(t, b.Append(rec("a", 1)))
	first := b.Table()
	for i := range 100 {
		require.NoError(t, b.Append(rec("a", nil, "b", i)))
	}
	assert.Equal(t, 1, first.NumRows())
	assert.Equal(t, []string{"a"}, first.Names())
	assert.Equal(t, []any{int64(1)}, column(t, first, "a").Values())
	assert.Equal(t, 101, b.Table().NumRows())
}

func TestBuilderHandlesManyKeysAndChangingKeyOrder(t *testing.T) {
	b := NewBuilder(Options{})
	keys := []string{"k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10", "k11"}
	for i := range 4 {
		e := NewRecord(len(keys))
		for j := range keys {
			k := keys[(j+i*5)%len(keys)] // rotate the order each event
			e.Set(k, i)
		}
		require.NoError(t, b.Append(e))
	}
	tab := b.Table()
	assert.Equal(t, keys, tab.Names())
	for _, k := range keys {
		assert.Equal(t, []any{int64(0), int64(1), int64(2), int64(3)}, column(t, tab, k).Values(), k)
	}
}

func TestBuilderDuplicateKeyFromMapImplementation(t *testing.T) {
	b := NewBuilder(Options{})
	err := b.Append(dupMap{})
	assertLocatedError(t, err, ErrDuplicateKey, 1, "k")
	assert.Equal(t, 0, b.Len())
}

// dupMap is a misbehaving Map that yields one key twice.
type dupMap struct{}

func (dupMap) Len() int { return 2 }
func (dupMap) Range(fn func(string, any) error) error {
	if err := fn("k", 1); err != nil {
		return err
	}
	return fn("k", 2)
}

// listAdapter is a List over a Go slice, as a Starlark binding would be.
type listAdapter []any

func (l listAdapter) Len() int     { return len(l) }
func (l listAdapter) At(i int) any { return l[i] }

// mapAdapter is a Map that is not a *Record, exercising the Range path.
type mapAdapter struct{ r *Record }

func (m mapAdapter) Len() int                               { return m.r.Len() }
func (m mapAdapter) Range(fn func(string, any) error) error { return m.r.Range(fn) }

func TestBuilderAcceptsForeignMapAndListImplementations(t *testing.T) {
	e := mapAdapter{rec("img", listAdapter{1, 2.5}, "sub", mapAdapter{rec("x", int32(3))})}
	tab := build(t, Options{}, e, e)
	assert.Equal(t, []string{"img", "sub.x"}, tab.Names())
	assert.Equal(t, []any{[]float64{1, 2.5}, []float64{1, 2.5}}, column(t, tab, "img").Values())
	assert.Equal(t, []any{int64(3), int64(3)}, column(t, tab, "sub.x").Values())
	flat, err := Flatten(e, Options{})
	require.NoError(t, err)
	assert.Equal(t, `{'img': [1, 2.5], 'sub.x': 3}`, flat.String())
}

func TestFromEventsStopsAtFirstRefusal(t *testing.T) {
	_, err := FromEvents([]*Record{rec("a", 1), rec("a", 2), rec("a", "x")}, Options{})
	assertLocatedError(t, err, ErrTypeDrift, 3, "a")
	tab, err := FromEvents([]Map{rec("a", 1), mapAdapter{rec("a", 2)}}, Options{ParentKey: "ev"})
	require.NoError(t, err)
	assert.Equal(t, []string{"ev.a"}, tab.Names())
}

func TestBuilderAcrossChunksKeepsEveryRow(t *testing.T) {
	n := 3*chunkRows + 5
	widenAt := 2*chunkRows + 7
	b := NewBuilder(Options{})
	for i := range n {
		var v any = i
		if i >= widenAt {
			v = float64(i) + 0.5
		}
		e := rec("v", v, "a", []any{i, -i})
		if i%1000 == 0 {
			e = rec("v", nil)
		}
		require.NoError(t, b.Append(e))
		if i == chunkRows || i == widenAt {
			// A refused event right after a chunk fills or the column widens.
			require.Error(t, b.Append(rec("a", []any{1, 2}, "v", "bad")))
		}
	}
	tab := b.Table()
	require.Equal(t, n, tab.NumRows())
	v, a := column(t, tab, "v"), column(t, tab, "a")
	assert.Equal(t, DType{Kind: Float64}, v.DType())
	for i := range n {
		if i%1000 == 0 {
			require.Nil(t, v.Value(i), "row %d", i)
			require.Nil(t, a.Value(i), "row %d", i)
			continue
		}
		want := float64(i)
		if i >= widenAt {
			want += 0.5
		}
		require.Equal(t, want, v.Value(i), "row %d", i)
		require.Equal(t, []int64{int64(i), int64(-i)}, a.Value(i), "row %d", i)
	}
	assert.Equal(t, (n+999)/1000, v.NullCount())
	assert.Equal(t, n*2, len(a.Int64s()))
	assert.Equal(t, n, len(v.Float64s()))
}

func TestColumnsWithoutNullsHaveNoMask(t *testing.T) {
	tab := build(t, Options{}, rec("a", 1, "b", []any{1.5}), rec("a", 2, "b", []any{2.5}, "c", nil), rec("c", true))
	assert.NotNil(t, column(t, tab, "a").valid, "a has a null in row 2")
	tab = build(t, Options{}, rec("a", 1), rec("a", 2))
	assert.Nil(t, column(t, tab, "a").valid)
	assert.Equal(t, 16, tab.Bytes())
}

// noneThenDictMap yields one key as None and then as a dict that fails.
type noneThenDictMap struct{}

func (noneThenDictMap) Len() int { return 2 }
func (noneThenDictMap) Range(fn func(string, any) error) error {
	if err := fn("k", nil); err != nil {
		return err
	}
	return fn("k", rec("x", []any{"bad"}))
}

func TestRollbackRestoresAColumnTheEventRemoved(t *testing.T) {
	b := NewBuilder(Options{})
	require.NoError(t, b.Append(rec("k", nil)))
	err := b.Append(noneThenDictMap{})
	assertLocatedError(t, err, ErrArrayElement, 2, "k.x")
	require.NoError(t, b.Append(rec("k", nil)), "the restored column has no stray row")
	assert.Equal(t, []any{nil, nil}, column(t, b.Table(), "k").Values())
}
