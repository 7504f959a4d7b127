package flatten

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chunkedRow is row i of the tables these tests build: one column of each
// kind, a sub-array, and a null every 1000th row in "f".
func chunkedRow(i int) []any {
	var f any = float64(i) / 4
	if i%1000 == 3 {
		f = nil
	}
	return []any{int64(i), f, i%3 == 0, fmt.Sprint("s", i), []any{int64(i), int64(-i)}}
}

var chunkedFields = []Field{
	{"i", DType{Kind: Int64}}, {"f", DType{Kind: Float64}}, {"b", DType{Kind: Bool}},
	{"s", DType{Kind: String}}, {"a", DType{Kind: Int64, Shape: 2}},
}

// chunkedTables builds the same n rows twice: through a Builder, whose
// table shares the builder's chunks, and through FromRows, whose columns
// are contiguous.
func chunkedTables(t *testing.T, n int) (chunked, contiguous *Table) {
	t.Helper()
	b := NewBuilder(Options{})
	rows := make([][]any, n)
	for i := range n {
		rows[i] = chunkedRow(i)
		e := NewRecord(len(chunkedFields))
		for j, f := range chunkedFields {
			e.Set(f.Name, rows[i][j])
		}
		require.NoError(t, b.Append(e))
	}
	contiguous, err := FromRows(chunkedFields, rows)
	require.NoError(t, err)
	chunked = b.Table()
	require.Positive(t, column(t, chunked, "i").sealedRows, "the builder's table should share sealed chunks")
	return chunked, contiguous
}

func TestChunkedTableReadsLikeAContiguousOne(t *testing.T) {
	n := 2*chunkRows + 100
	chunked, contiguous := chunkedTables(t, n)
	for _, name := range chunked.Names() {
		got, want := column(t, chunked, name), column(t, contiguous, name)
		for _, i := range []int{0, 3, chunkRows - 1, chunkRows, chunkRows + 1, 2*chunkRows - 1, 2 * chunkRows, n - 1} {
			require.Equal(t, want.Value(i), got.Value(i), "column %q row %d", name, i)
		}
		assert.Equal(t, want.Values(), got.Values(), "column %q", name)
		assert.Equal(t, want.NumPy(), got.NumPy(), "column %q", name)
	}
	assert.Equal(t, contiguous.Text(TextOptions{}), chunked.Text(TextOptions{}))
	for name, write := range map[string]func(*Table, *bytes.Buffer) error{
		"csv":   func(t *Table, w *bytes.Buffer) error { return t.WriteCSV(w) },
		"jsonl": func(t *Table, w *bytes.Buffer) error { return t.WriteJSONLines(w) },
	} {
		var got, want bytes.Buffer
		require.NoError(t, write(contiguous, &want))
		require.NoError(t, write(chunked, &got))
		assert.True(t, bytes.Equal(want.Bytes(), got.Bytes()), "%s output differs", name)
	}
}

func TestChunkedTableJoinsStorageOnceOnDemand(t *testing.T) {
	chunked, contiguous := chunkedTables(t, chunkRows+10)
	before := chunked.Bytes()
	assert.Equal(t, contiguous.Bytes(), before, "sharing chunks costs no more than contiguous storage")
	i, f := column(t, chunked, "i"), column(t, chunked, "f")
	ints := i.Int64s()
	assert.Equal(t, column(t, contiguous, "i").Int64s(), ints)
	assert.Equal(t, column(t, contiguous, "a").Int64s(), column(t, chunked, "a").Int64s())
	assert.Equal(t, column(t, contiguous, "b").Bools(), column(t, chunked, "b").Bools())
	assert.Equal(t, column(t, contiguous, "s").Strings(), column(t, chunked, "s").Strings())
	assert.Nil(t, i.Float64s(), "an int64 column has no float64 elements")
	assert.Same(t, &ints[0], &i.Int64s()[0], "a second call returns the same slice")
	assert.Equal(t, before+8*len(ints)+16*chunked.NumRows()+chunked.NumRows()+8*2*chunked.NumRows(),
		chunked.Bytes(), "the joined copies count as storage")

	var wg sync.WaitGroup
	got := make([][]float64, 4)
	for g := range got {
		wg.Go(func() { got[g] = f.Float64s() })
	}
	wg.Wait()
	for g := range got {
		assert.Same(t, &got[0][0], &got[g][0], "goroutine %d got another copy", g)
	}
}

func TestSliceOfChunkedTable(t *testing.T) {
	chunked, contiguous := chunkedTables(t, 2*chunkRows+50)
	cases := []struct {
		name   string
		i, j   int
		shared bool
	}{
		{"inside the first chunk", 5, 20, true},
		{"across a chunk boundary", chunkRows - 3, chunkRows + 3, false},
		{"across every chunk", 1, 2*chunkRows + 40, false},
		{"in the active rows", 2*chunkRows + 1, 2*chunkRows + 50, true},
		{"empty at a boundary", chunkRows, chunkRows, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, want := chunked.Slice(c.i, c.j), contiguous.Slice(c.i, c.j)
			require.Equal(t, c.j-c.i, got.NumRows())
			for _, name := range got.Names() {
				assert.Equal(t, column(t, want, name).Values(), column(t, got, name).Values(), "column %q", name)
			}
			if c.i == c.j {
				return
			}
			ints, orig := column(t, got, "i").Int64s(), column(t, chunked, "i")
			stored := &span(orig.sints, orig.ints, c.i, c.i+1)[0]
			if c.shared {
				assert.Same(t, stored, &ints[0], "rows %d..%d share storage", c.i, c.j)
			} else {
				assert.NotSame(t, stored, &ints[0], "rows %d..%d are copied", c.i, c.j)
			}
		})
	}
}

func TestBuilderGoesOnAfterAChunkedTable(t *testing.T) {
	b := NewBuilder(Options{})
	for i := range chunkRows + 5 {
		require.NoError(t, b.Append(rec("x", i)))
	}
	first := b.Table()
	for i := range chunkRows {
		require.NoError(t, b.Append(rec("x", -i)))
	}
	require.Error(t, b.Append(rec("x", "bad")))
	second := b.Table()
	require.Equal(t, chunkRows+5, first.NumRows())
	require.Equal(t, 2*chunkRows+5, second.NumRows())
	x1, x2 := column(t, first, "x"), column(t, second, "x")
	for _, i := range []int{0, chunkRows - 1, chunkRows, chunkRows + 4} {
		assert.Equal(t, int64(i), x1.Value(i), "first table row %d", i)
		assert.Equal(t, int64(i), x2.Value(i), "second table row %d", i)
	}
	assert.Equal(t, int64(-3), x2.Value(chunkRows+5+3))
	assert.Len(t, x1.Int64s(), chunkRows+5)
}

func TestColumnNullForMoreThanAChunkThenTyped(t *testing.T) {
	b := NewBuilder(Options{})
	n := chunkRows + 10
	for range n {
		require.NoError(t, b.Append(rec("x", nil)))
	}
	for i := range chunkRows + 10 {
		require.NoError(t, b.Append(rec("x", i)))
	}
	x := column(t, b.Table(), "x")
	assert.Nil(t, x.Value(n-1))
	assert.Equal(t, int64(0), x.Value(n))
	assert.Equal(t, int64(chunkRows+9), x.Value(2*n-1))
	assert.Equal(t, n, x.NullCount())
}
