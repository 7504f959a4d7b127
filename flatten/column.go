package flatten

import (
	"fmt"
	"math/bits"
	"sync/atomic"
)

// Column is one typed column of a Table: a name, a DType, one value per row
// and a null mask. Values are stored by kind in row order; a sub-array
// column of shape n stores row i at elements [i*n, (i+1)*n). A Column that
// belongs to a Table is never modified; the slices its accessors return
// are its storage (or, for a column built in chunks, one contiguous copy
// made at the first call), so callers must not modify them either.
type Column struct {
	name  string
	dtype DType
	n     int // rows
	ints  []int64
	flts  []float64
	bools []bool
	strs  []string
	valid []uint64 // validity bits, one per row; nil means no row is null
	nulls int

	// A Builder's column fills its storage in chunks of chunkRows rows so
	// that growing never copies: full chunks move here, oldest first, and
	// the slices above hold the rows after them. A Table's column shares
	// the builder's sealed chunks, all exactly chunkRows rows long, and
	// joins them into one slice only when Int64s, Float64s, Bools or
	// Strings asks for it; flat caches that join.
	sealedRows int
	sints      [][]int64
	sflts      [][]float64
	sbools     [][]bool
	sstrs      [][]string
	flat       *flatCache
}

// flatCache holds the contiguous copy of a chunked table column, made at
// most once and safe to make from several goroutines.
type flatCache struct {
	p atomic.Pointer[flatData]
}

type flatData struct {
	ints  []int64
	flts  []float64
	bools []bool
	strs  []string
}

// chunkRows is the number of rows in a sealed chunk of a Builder's column.
const chunkRows = 1 << 15

// Name returns the column's name (its flat key).
func (c *Column) Name() string { return c.name }

// DType returns the column's type.
func (c *Column) DType() DType { return c.dtype }

// Len returns the number of rows.
func (c *Column) Len() int { return c.n }

// NullCount returns how many rows are null.
func (c *Column) NullCount() int { return c.nulls }

// IsNull reports whether row i is null (None, missing, or an unset cell).
func (c *Column) IsNull(i int) bool {
	if c.dtype.Kind == Null {
		return true
	}
	return c.valid != nil && c.valid[i>>6]&(1<<(uint(i)&63)) == 0
}

// Int64s returns the stored int64 elements (row-major for sub-arrays; null
// rows hold 0), or nil if the column is not Int64. For a column of more
// than 32768 rows made by a Builder the first call copies its chunks into
// one slice, which later calls return.
func (c *Column) Int64s() []int64 {
	if c.sealedRows == 0 {
		return c.ints
	}
	return c.contiguous().ints
}

// Float64s returns the stored float64 elements (row-major for sub-arrays;
// null rows hold 0), or nil if the column is not Float64. It costs what
// Int64s costs.
func (c *Column) Float64s() []float64 {
	if c.sealedRows == 0 {
		return c.flts
	}
	return c.contiguous().flts
}

// Bools returns the stored bools, or nil if the column is not Bool. It
// costs what Int64s costs.
func (c *Column) Bools() []bool {
	if c.sealedRows == 0 {
		return c.bools
	}
	return c.contiguous().bools
}

// Strings returns the stored strings, or nil if the column is not String.
// It costs what Int64s costs.
func (c *Column) Strings() []string {
	if c.sealedRows == 0 {
		return c.strs
	}
	return c.contiguous().strs
}

// contiguous joins a chunked column's storage, once per table column.
func (c *Column) contiguous() *flatData {
	if c.flat == nil { // a builder's own column: nothing shares it
		return c.join()
	}
	if d := c.flat.p.Load(); d != nil {
		return d
	}
	c.flat.p.CompareAndSwap(nil, c.join())
	return c.flat.p.Load()
}

func (c *Column) join() *flatData {
	return &flatData{
		ints:  concat(c.sints, c.ints),
		flts:  concat(c.sflts, c.flts),
		bools: concat(c.sbools, c.bools),
		strs:  concat(c.sstrs, c.strs),
	}
}

// elem returns element at (a row-major element index) of a column stored
// as equal sealed chunks followed by the active slice.
func elem[T any](sealed [][]T, active []T, at int) T {
	if len(sealed) > 0 {
		per := len(sealed[0])
		if at < per*len(sealed) {
			return sealed[at/per][at%per]
		}
		at -= per * len(sealed)
	}
	return active[at]
}

// span returns elements [lo, hi) of chunked storage: a view when they lie
// in one chunk or in the active slice, else a copy.
func span[T any](sealed [][]T, active []T, lo, hi int) []T {
	sealedLen := 0
	if len(sealed) > 0 {
		sealedLen = len(sealed[0]) * len(sealed)
	}
	if lo >= sealedLen {
		lo, hi = lo-sealedLen, hi-sealedLen
		return active[lo:hi:hi]
	}
	per := len(sealed[0])
	if hi <= sealedLen && lo/per == (hi-1)/per {
		ch, at := sealed[lo/per], lo%per
		return ch[at : at+hi-lo : at+hi-lo]
	}
	out := make([]T, 0, hi-lo)
	for g := lo; g < hi; {
		if g >= sealedLen {
			return append(out, active[g-sealedLen:hi-sealedLen]...)
		}
		ch, at := sealed[g/per], g%per
		take := min(per-at, hi-g)
		out = append(out, ch[at:at+take]...)
		g += take
	}
	return out
}

func (c *Column) intAt(at int) int64     { return elem(c.sints, c.ints, at) }
func (c *Column) floatAt(at int) float64 { return elem(c.sflts, c.flts, at) }
func (c *Column) boolAt(at int) bool     { return elem(c.sbools, c.bools, at) }
func (c *Column) stringAt(at int) string { return elem(c.sstrs, c.strs, at) }

// Value returns row i as nil (null), int64, float64, bool, string, or for a
// sub-array column a []int64 or []float64 that shares the column's storage.
func (c *Column) Value(i int) any {
	if i < 0 || i >= c.n {
		panic(fmt.Sprintf("flatten: column %q: row %d out of range [0, %d)", c.name, i, c.n))
	}
	if c.IsNull(i) {
		return nil
	}
	if s := c.dtype.Shape; s > 0 { // a row never straddles two chunks
		if c.dtype.Kind == Int64 {
			return span(c.sints, c.ints, i*s, (i+1)*s)
		}
		return span(c.sflts, c.flts, i*s, (i+1)*s)
	}
	switch c.dtype.Kind {
	case Int64:
		return c.intAt(i)
	case Float64:
		return c.floatAt(i)
	case Bool:
		return c.boolAt(i)
	case String:
		return c.stringAt(i)
	}
	return nil
}

// Values returns every row as Value would, in a new slice.
func (c *Column) Values() []any {
	out := make([]any, c.n)
	for i := range out {
		out[i] = c.Value(i)
	}
	return out
}

// Bytes returns the memory the column's storage occupies (capacities
// included, and the contiguous copy once Int64s or its kin made one), for
// measuring tables.
func (c *Column) Bytes() int {
	n := 8*cap(c.ints) + 8*cap(c.flts) + cap(c.bools) + 16*cap(c.strs) + 8*cap(c.valid)
	n += 8*chunkCap(c.sints) + 8*chunkCap(c.sflts) + chunkCap(c.sbools) + 16*chunkCap(c.sstrs)
	if c.flat != nil {
		if d := c.flat.p.Load(); d != nil {
			n += 8*cap(d.ints) + 8*cap(d.flts) + cap(d.bools) + 16*cap(d.strs)
		}
	}
	return n
}

func chunkCap[T any](sealed [][]T) int {
	n := 0
	for _, ch := range sealed {
		n += cap(ch)
	}
	return n
}

// slice returns rows [i, j) as a new column sharing the element storage
// when the rows lie in one chunk of it, and copying them otherwise.
func (c *Column) slice(i, j int) *Column {
	s := c.dtype.stride()
	out := &Column{name: c.name, dtype: c.dtype, n: j - i}
	switch c.dtype.Kind {
	case Int64:
		out.ints = span(c.sints, c.ints, i*s, j*s)
	case Float64:
		out.flts = span(c.sflts, c.flts, i*s, j*s)
	case Bool:
		out.bools = span(c.sbools, c.bools, i, j)
	case String:
		out.strs = span(c.sstrs, c.strs, i, j)
	case Null:
		out.nulls = j - i
	}
	if c.valid != nil {
		for r := i; r < j; r++ {
			out.appendValidity(r-i, !c.IsNull(r))
		}
	}
	return out
}

// snapshot returns an immutable view of the column as it is now. Sealed
// chunks are shared, as the builder never writes to them again; the active
// slice is shared when little of it is spare capacity and copied
// otherwise, so the view wastes at most a quarter of that slice.
func (c *Column) snapshot() *Column {
	if c.sealedRows > 0 && !c.evenChunks() {
		return c.compact()
	}
	out := *c
	out.sints = c.sints[:len(c.sints):len(c.sints)]
	out.sflts = c.sflts[:len(c.sflts):len(c.sflts)]
	out.sbools = c.sbools[:len(c.sbools):len(c.sbools)]
	out.sstrs = c.sstrs[:len(c.sstrs):len(c.sstrs)]
	out.flat = nil
	if c.sealedRows > 0 {
		out.flat = &flatCache{}
	}
	used := len(c.ints) + len(c.flts) + len(c.bools) + len(c.strs)
	spare := cap(c.ints) + cap(c.flts) + cap(c.bools) + cap(c.strs) - used
	if spare*4 > used {
		out.ints, out.flts, out.bools, out.strs = clone(c.ints), clone(c.flts), clone(c.bools), clone(c.strs)
	} else {
		out.ints = c.ints[:len(c.ints):len(c.ints)]
		out.flts = c.flts[:len(c.flts):len(c.flts)]
		out.bools = c.bools[:len(c.bools):len(c.bools)]
		out.strs = c.strs[:len(c.strs):len(c.strs)]
	}
	if c.valid != nil {
		out.valid = clone(c.valid[:(c.n+63)/64])
	}
	return &out
}

// evenChunks reports whether every sealed chunk holds exactly chunkRows
// rows, as elem needs. Only a column that was all null for more than a
// chunk before taking a type has a longer first chunk.
func (c *Column) evenChunks() bool {
	per := chunkRows * c.dtype.stride()
	return even(c.sints, per) && even(c.sflts, per) && even(c.sbools, per) && even(c.sstrs, per)
}

func even[T any](sealed [][]T, per int) bool {
	for _, ch := range sealed {
		if len(ch) != per {
			return false
		}
	}
	return true
}

// compact returns a copy whose storage is exactly as long as its rows.
func (c *Column) compact() *Column {
	out := *c
	out.ints = concat(c.sints, c.ints)
	out.flts = concat(c.sflts, c.flts)
	out.bools = concat(c.sbools, c.bools)
	out.strs = concat(c.sstrs, c.strs)
	out.sealedRows, out.sints, out.sflts, out.sbools, out.sstrs, out.flat = 0, nil, nil, nil, nil, nil
	if c.valid != nil {
		out.valid = clone(c.valid[:(c.n+63)/64])
	}
	return &out
}

// concat joins sealed chunks and the active slice into one exact-size
// slice (nil when there is nothing of this kind).
func concat[T any](sealed [][]T, active []T) []T {
	if sealed == nil && active == nil {
		return nil
	}
	n := len(active)
	for _, ch := range sealed {
		n += len(ch)
	}
	out := make([]T, 0, n)
	for _, ch := range sealed {
		out = append(out, ch...)
	}
	return append(out, active...)
}

func clone[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}

// appendValidity records row i (the row being appended) as valid or null.
// The bitmap is created at the first null, with every earlier row valid.
func (c *Column) appendValidity(i int, ok bool) {
	if c.valid == nil {
		if ok {
			return
		}
		c.valid = make([]uint64, (i+64)/64, (i+64)/64+8)
		for r := range i {
			c.valid[r>>6] |= 1 << (uint(r) & 63)
		}
	}
	w := i >> 6
	for len(c.valid) <= w {
		c.valid = append(c.valid, 0)
	}
	bit := uint64(1) << (uint(i) & 63)
	if ok {
		c.valid[w] |= bit
	} else {
		c.valid[w] &^= bit
		c.nulls++
	}
}

// growChunk returns the active slice s with room for n more elements. It
// doubles s while it is smaller than a chunk; once s holds a full chunk it
// seals s into *sealed and starts a new chunk, so nothing is ever copied
// twice.
func growChunk[T any](c *Column, s []T, sealed *[][]T, n int) []T {
	stride := c.dtype.stride()
	limit := chunkRows * stride
	if len(s) >= limit {
		*sealed = append(*sealed, s[:len(s):len(s)])
		c.sealedRows += len(s) / stride
		return make([]T, 0, max(limit, n))
	}
	out := make([]T, len(s), min(max(2*cap(s), len(s)+n, 64), max(limit, len(s)+n)))
	copy(out, s)
	return out
}

// room makes space for n more elements in the active slice of the
// column's kind.
func (c *Column) room(n int) {
	switch c.dtype.Kind {
	case Int64:
		if cap(c.ints)-len(c.ints) < n {
			c.ints = growChunk(c, c.ints, &c.sints, n)
		}
	case Float64:
		if cap(c.flts)-len(c.flts) < n {
			c.flts = growChunk(c, c.flts, &c.sflts, n)
		}
	case Bool:
		if cap(c.bools)-len(c.bools) < n {
			c.bools = growChunk(c, c.bools, &c.sbools, n)
		}
	case String:
		if cap(c.strs)-len(c.strs) < n {
			c.strs = growChunk(c, c.strs, &c.sstrs, n)
		}
	}
}

// appendExact appends v if it has exactly the column's type (the common
// case, with no conversion) and reports whether it did.
func (c *Column) appendExact(v any) bool {
	if c.dtype.Shape > 0 {
		if !c.appendExactList(v) {
			return false
		}
	} else {
		switch c.dtype.Kind {
		case Float64:
			x, ok := v.(float64)
			if !ok {
				return false
			}
			if len(c.flts) == cap(c.flts) {
				c.room(1)
			}
			c.flts = append(c.flts, x)
		case Int64:
			x, ok := v.(int64)
			if !ok {
				return false
			}
			if len(c.ints) == cap(c.ints) {
				c.room(1)
			}
			c.ints = append(c.ints, x)
		case String:
			x, ok := v.(string)
			if !ok {
				return false
			}
			if len(c.strs) == cap(c.strs) {
				c.room(1)
			}
			c.strs = append(c.strs, x)
		case Bool:
			x, ok := v.(bool)
			if !ok {
				return false
			}
			if len(c.bools) == cap(c.bools) {
				c.room(1)
			}
			c.bools = append(c.bools, x)
		default:
			return false
		}
	}
	if c.valid != nil {
		c.appendValidity(c.n, true)
	}
	c.n++
	return true
}

// appendExactList is appendExact for a sub-array cell: a list of the
// column's length holding int64s (or, for a float column, int64s and
// float64s). A list that does not fit leaves the column unchanged.
func (c *Column) appendExactList(v any) bool {
	s := c.dtype.Shape
	switch x := v.(type) {
	case []any:
		if len(x) != s {
			return false
		}
		if c.dtype.Kind == Int64 {
			if cap(c.ints)-len(c.ints) < s {
				c.room(s)
			}
			return appendUnboxed(&c.ints, x, unboxInt)
		}
		if cap(c.flts)-len(c.flts) < s {
			c.room(s)
		}
		return appendUnboxed(&c.flts, x, unboxFloat)
	case []int64:
		if len(x) != s || c.dtype.Kind != Int64 {
			return false
		}
		c.room(s)
		c.ints = append(c.ints, x...)
	case []float64:
		if len(x) != s || c.dtype.Kind != Float64 {
			return false
		}
		c.room(s)
		c.flts = append(c.flts, x...)
	default:
		return false
	}
	return true
}

// appendUnboxed appends every element of x to *dst, which has room for
// them, or appends nothing if unbox refuses one.
func appendUnboxed[T any](dst *[]T, x []any, unbox func(any) (T, bool)) bool {
	d := *dst
	n := len(d)
	d = d[:n+len(x)]
	for i, e := range x {
		v, ok := unbox(e)
		if !ok {
			return false
		}
		d[n+i] = v
	}
	*dst = d
	return true
}

func unboxInt(e any) (int64, bool) {
	v, ok := e.(int64)
	return v, ok
}

// unboxFloat accepts an int64 element of a float64 sub-array as its value.
func unboxFloat(e any) (float64, bool) {
	switch v := e.(type) {
	case float64:
		return v, true
	case int64:
		return float64(v), true
	}
	return 0, false
}

// appendNull adds a null row.
func (c *Column) appendNull() {
	if c.dtype.Kind == Null {
		c.n++
		c.nulls++
		return
	}
	s := c.dtype.stride()
	c.room(s)
	switch c.dtype.Kind {
	case Int64:
		c.ints = append(c.ints, make([]int64, s)...)
	case Float64:
		c.flts = append(c.flts, make([]float64, s)...)
	case Bool:
		c.bools = append(c.bools, false)
	case String:
		c.strs = append(c.strs, "")
	}
	c.appendValidity(c.n, false)
	c.n++
}

// padNulls appends nulls until the column has rows rows.
func (c *Column) padNulls(rows int) {
	for c.n < rows {
		c.appendNull()
	}
}

// appendScalar adds a non-null scalar already checked against the dtype.
func (c *Column) appendScalar(v any) {
	c.room(1)
	switch c.dtype.Kind {
	case Int64:
		c.ints = append(c.ints, v.(int64))
	case Float64:
		switch x := v.(type) {
		case float64:
			c.flts = append(c.flts, x)
		case int64:
			c.flts = append(c.flts, float64(x))
		}
	case Bool:
		c.bools = append(c.bools, v.(bool))
	case String:
		c.strs = append(c.strs, v.(string))
	}
	if c.valid != nil {
		c.appendValidity(c.n, true)
	}
	c.n++
}

// appendList adds a sub-array cell whose elements were checked to be
// numbers of a kind the column accepts.
func (c *Column) appendList(l listView) {
	c.room(l.n)
	switch {
	case c.dtype.Kind == Int64 && l.ints != nil:
		c.ints = append(c.ints, l.ints...)
	case c.dtype.Kind == Float64 && l.flts != nil:
		c.flts = append(c.flts, l.flts...)
	case c.dtype.Kind == Int64:
		for i := range l.n {
			v, _, _, _ := scalar(l.at(i))
			c.ints = append(c.ints, v.(int64))
		}
	default:
		for i := range l.n {
			switch v, _, _, _ := scalar(l.at(i)); x := v.(type) {
			case int64:
				c.flts = append(c.flts, float64(x))
			case float64:
				c.flts = append(c.flts, x)
			}
		}
	}
	if c.valid != nil {
		c.appendValidity(c.n, true)
	}
	c.n++
}

// retype gives a Null column its first real type; every earlier row stays
// null.
func (c *Column) retype(t DType) {
	n := c.n
	c.dtype = t
	switch t.Kind {
	case Int64:
		c.ints = make([]int64, n*t.stride())
	case Float64:
		c.flts = make([]float64, n*t.stride())
	case Bool:
		c.bools = make([]bool, n)
	case String:
		c.strs = make([]string, n)
	}
	c.valid, c.nulls = nil, 0
	if n > 0 {
		c.valid = make([]uint64, (n+63)/64)
		c.nulls = n
	}
}

// widen converts an Int64 column to Float64. It writes new storage and
// leaves the old in place, so that a saved copy of the column stays valid.
func (c *Column) widen() {
	c.sflts = make([][]float64, len(c.sints))
	for i, ch := range c.sints {
		c.sflts[i] = toFloats(ch, len(ch))
	}
	c.flts, c.ints, c.sints = toFloats(c.ints, cap(c.ints)), nil, nil
	c.dtype.Kind = Float64
}

func toFloats(s []int64, capacity int) []float64 {
	f := make([]float64, len(s), capacity)
	for i, v := range s {
		f[i] = float64(v)
	}
	return f
}

// truncate drops rows from n on (used to roll back a failed event).
func (c *Column) truncate(n int) {
	if c.n <= n {
		return
	}
	for r := n; r < c.n; r++ {
		if c.IsNull(r) && c.dtype.Kind != Null {
			c.nulls--
		}
	}
	if c.dtype.Kind == Null {
		c.nulls = n
	}
	s := c.dtype.stride()
	keep := (n - c.sealedRows) * s // n >= sealedRows: only the last event's rows go
	switch c.dtype.Kind {
	case Int64:
		c.ints = c.ints[:keep]
	case Float64:
		c.flts = c.flts[:keep]
	case Bool:
		c.bools = c.bools[:keep]
	case String:
		c.strs = c.strs[:keep]
	}
	c.n = n
}

// countValid counts set bits, used by tests to check null bookkeeping.
func (c *Column) countValid() int {
	if c.dtype.Kind == Null {
		return 0
	}
	if c.valid == nil {
		return c.n
	}
	total := 0
	for r := 0; r < c.n; r += 64 {
		w := c.valid[r>>6]
		if rem := c.n - r; rem < 64 {
			w &= 1<<uint(rem) - 1
		}
		total += bits.OnesCount64(w)
	}
	return total
}
