package flatten

import (
	"fmt"
	"slices"
	"unsafe"
)

// Builder turns events into a Table one event at a time: the table sink of
// a pipeline. Each Append flattens one event straight into typed columns,
// without building a flat record, so it costs no allocation per event once
// the columns exist (beyond amortized column growth).
//
// Append is atomic: an event that is refused leaves the builder exactly as
// it was, so a caller may report the error and go on. The event index in
// errors counts accepted events. A Builder is not safe for concurrent use.
type Builder struct {
	opts   Options
	sep    string
	max    int
	root   node
	cols   []*Column
	byPath map[string]*node
	rows   int
	frames []*frame
	undo   []func()
}

// node is one key path seen so far: a dict (with children) or a leaf (with
// a column).
type node struct {
	key      string
	path     string
	dict     bool
	index    int // position among the parent's children
	children []*node
	byKey    map[string]*node // built once a dict has many children
	hint     int              // where the next key of the current event is expected
	col      *Column
}

// frame is the visitor for one nesting depth; its bound method value is
// made once so that ranging over a Map does not allocate.
type frame struct {
	b     *Builder
	n     *node
	depth int
	fn    func(string, any) error
}

// NewBuilder returns an empty builder that flattens with opts.
func NewBuilder(opts Options) *Builder {
	b := &Builder{opts: opts, sep: opts.sep(), max: opts.maxDepth(), byPath: map[string]*node{}}
	b.root = node{path: opts.ParentKey, dict: true}
	return b
}

// Len returns the number of events accepted so far.
func (b *Builder) Len() int { return b.rows }

// Append flattens event into a new row. Columns are created in first-seen
// order; a column the event lacks gets a null. It returns an *Error naming
// the event index and key path when the event breaks a rule (see the
// package documentation), and then leaves the builder unchanged.
func (b *Builder) Append(event Map) error {
	err := b.enter(&b.root, event, 1)
	if err != nil {
		b.rollback()
		return err
	}
	b.rows++
	b.undo = b.undo[:0]
	return nil
}

// Table returns the rows appended so far as a Table, and the builder may go
// on appending. The table shares each column's full 32768-row chunks,
// which the builder never writes again, and shares the last chunk too when
// it wastes at most a quarter of it, else copies its rows; so a table never
// holds more than 1.25 times its data, and copies at most one chunk per
// column. The null masks are always copied.
func (b *Builder) Table() *Table {
	cols := make([]*Column, len(b.cols))
	for i, c := range b.cols {
		c.padNulls(b.rows)
		cols[i] = c.snapshot()
	}
	return newTable(cols, b.rows)
}

func (b *Builder) frame(depth int) *frame {
	for len(b.frames) <= depth {
		f := &frame{b: b, depth: len(b.frames)}
		f.fn = f.visit
		b.frames = append(b.frames, f)
	}
	return b.frames[depth]
}

func (b *Builder) enter(n *node, m Map, depth int) error {
	if depth > b.max {
		return b.fail(n.path, fmt.Errorf("%w (%d)", ErrTooDeep, b.max))
	}
	f := b.frame(depth)
	n.hint = 0
	if r, ok := m.(*Record); ok { // skip the indirect calls for our own records
		return b.enterRecord(f, n, r)
	}
	f.n = n
	return m.Range(f.fn)
}

// enterRecord is visit's fast path unrolled over a Record, keeping the
// hint and the children in registers; only a key that is not where it was
// in the previous event, or a value that needs converting, takes the slow
// path through the frame.
func (b *Builder) enterRecord(f *frame, n *node, r *Record) error {
	h, kids := 0, n.children
	for i, k := range r.keys {
		v := r.values[i]
		if h < len(kids) && sameKey(kids[h].key, k) {
			c := kids[h]
			if col := c.col; col != nil {
				if col.n == b.rows && col.appendExact(v) {
					h++
					continue
				}
			} else if sub, ok := v.(*Record); ok && c.dict {
				h++
				if err := b.enter(c, sub, f.depth+1); err != nil {
					return err
				}
				continue
			}
		}
		f.n, n.hint = n, h
		if err := f.visitSlow(k, v); err != nil {
			return err
		}
		h, kids = n.hint, n.children
	}
	n.hint = h
	return nil
}

// sameKey compares two keys, first by where their bytes are: the keys of
// one source are usually the same strings event after event.
func sameKey(a, b string) bool {
	return len(a) == len(b) && (unsafe.StringData(a) == unsafe.StringData(b) || a == b)
}

func (b *Builder) fail(path string, err error) error {
	return &Error{Event: b.rows + 1, Path: path, Err: err}
}

// visit handles one entry of the Map at this frame's depth. The fast path
// covers the steady state: the key is where it was in the previous event
// and the value has exactly its column's type.
func (f *frame) visit(key string, v any) error {
	n, b := f.n, f.b
	if h := n.hint; h < len(n.children) {
		c := n.children[h]
		if sameKey(c.key, key) {
			if col := c.col; col != nil && col.n == b.rows && col.appendExact(v) {
				n.hint++
				return nil
			}
			if r, ok := v.(*Record); ok && c.dict {
				n.hint++
				return b.enter(c, r, f.depth+1)
			}
		}
	}
	return f.visitSlow(key, v)
}

func (f *frame) visitSlow(key string, v any) error {
	b := f.b
	var sub Map
	isMap := false
	switch x := v.(type) { // the common concrete types first: asserting to Map is slower
	case int64, float64, string, bool, nil, []any, []int64, []float64:
	case *Record:
		sub, isMap = x, true
	default:
		sub, isMap = v.(Map)
	}
	c, err := b.child(f.n, key, isMap, v == nil)
	if err != nil {
		return err
	}
	if isMap {
		if !c.dict {
			if c.col.dtype.Kind != Null {
				return b.fail(c.path, fmt.Errorf("%w: earlier events hold %s here, this one a dict", ErrDictConflict, c.col.dtype))
			}
			b.leafToDict(c)
		}
		return b.enter(c, sub, f.depth+1)
	}
	if c.dict {
		if v == nil {
			return nil // None for a sub-record: its columns stay null
		}
		return b.fail(c.path, fmt.Errorf("%w: earlier events hold a dict here, this one %s", ErrDictConflict, describe(v)))
	}
	return b.setLeaf(c, v)
}

// child finds or creates the node for key under p, trying the position the
// key had in earlier events first.
func (b *Builder) child(p *node, key string, isMap, isNil bool) (*node, error) {
	if h := p.hint; h < len(p.children) && p.children[h].key == key {
		p.hint++
		return p.children[h], nil
	}
	var c *node
	if p.byKey != nil {
		c = p.byKey[key]
	} else {
		for _, x := range p.children {
			if x.key == key {
				c = x
				break
			}
		}
	}
	if c != nil {
		p.hint = c.index + 1
		return c, nil
	}
	return b.create(p, key, isMap, isNil)
}

func (b *Builder) create(p *node, key string, isMap, isNil bool) (*node, error) {
	path := b.opts.join(p.path, key)
	if err := b.opts.checkKey(key); err != nil {
		return nil, b.fail(path, err)
	}
	c := &node{key: key, path: path, dict: isMap && !isNil, index: len(p.children)}
	if !c.dict {
		if _, dup := b.byPath[path]; dup {
			return nil, b.fail(path, ErrDuplicateKey)
		}
		c.col = &Column{name: path}
		c.col.padNulls(b.rows)
		b.cols = append(b.cols, c.col)
		b.byPath[path] = c
	}
	p.children = append(p.children, c)
	if p.byKey != nil {
		p.byKey[key] = c
	} else if len(p.children) > 8 {
		p.byKey = make(map[string]*node, 16)
		for _, x := range p.children {
			p.byKey[x.key] = x
		}
	}
	p.hint = len(p.children)
	b.undo = append(b.undo, func() { b.unlink(p, c) })
	return c, nil
}

// unlink undoes create.
func (b *Builder) unlink(p *node, c *node) {
	p.children = p.children[:c.index]
	if p.byKey != nil {
		delete(p.byKey, c.key)
	}
	if c.col != nil {
		b.cols = slices.DeleteFunc(b.cols, func(x *Column) bool { return x == c.col })
		delete(b.byPath, c.path)
	}
}

// leafToDict turns a path that has only ever held None into a dict: its
// column disappears and the dict's own keys become columns.
func (b *Builder) leafToDict(c *node) {
	col, at := c.col, slices.Index(b.cols, c.col)
	b.cols = slices.Delete(b.cols, at, at+1)
	delete(b.byPath, c.path)
	c.dict, c.col = true, nil
	b.undo = append(b.undo, func() {
		c.dict, c.col = false, col
		b.cols = slices.Insert(b.cols, at, col)
		b.byPath[c.path] = c
	})
}

func (b *Builder) setLeaf(c *node, v any) error {
	col := c.col
	if col.n != b.rows {
		if col.n > b.rows {
			return b.fail(c.path, ErrDuplicateKey)
		}
		col.padNulls(b.rows)
	}
	if col.appendExact(v) {
		return nil
	}
	s, k, ok, err := scalar(v)
	if err != nil {
		return b.fail(c.path, err)
	}
	if ok {
		if k == Null {
			col.appendNull()
			return nil
		}
		if err := b.unify(col, DType{Kind: k}); err != nil {
			return b.fail(c.path, err)
		}
		col.appendScalar(s)
		return nil
	}
	l, isList := asList(v)
	if !isList {
		return b.fail(c.path, fmt.Errorf("%w: %s", ErrUnsupportedValue, describe(v)))
	}
	k, err = listKind(l)
	if err != nil {
		return b.fail(c.path, err)
	}
	if err := b.unify(col, DType{Kind: k, Shape: l.n}); err != nil {
		return b.fail(c.path, err)
	}
	col.appendList(l)
	return nil
}

// listKind checks that a list can be a sub-array cell: non-empty, numbers
// only. Its kind is Int64 if every element is an integer, else Float64.
func listKind(l listView) (Kind, error) {
	switch {
	case l.n == 0:
		return Null, fmt.Errorf("%w: the list is empty (a sub-array column needs a fixed length; use None for a missing array)", ErrArrayElement)
	case l.ints != nil:
		return Int64, nil
	case l.flts != nil:
		return Float64, nil
	}
	k := Int64
	for i := range l.n {
		e := l.at(i)
		_, ek, ok, err := scalar(e)
		switch {
		case err != nil:
			return Null, fmt.Errorf("element %d: %w", i, err)
		case !ok:
			return Null, listElementError(i, e)
		case ek == Float64:
			k = Float64
		case ek != Int64:
			return Null, fmt.Errorf("%w: element %d is %s", ErrArrayElement, i, ek)
		}
	}
	return k, nil
}

// unify applies the drift rule: a Null column takes the value's type; int
// widens to float; any other change is an error.
func (b *Builder) unify(col *Column, t DType) error {
	old := col.dtype
	switch {
	case old.Kind == Null:
		b.save(col)
		col.retype(t)
	case old.Shape != t.Shape:
		return fmt.Errorf("%w: column is %s, event has %s", ErrShapeDrift, old, t)
	case old.Kind == t.Kind, old.Kind == Float64 && t.Kind == Int64:
	case old.Kind == Int64 && t.Kind == Float64:
		b.save(col)
		col.widen()
	default:
		return fmt.Errorf("%w: column is %s, event has %s (only int64 widens, to float64)", ErrTypeDrift, old, t)
	}
	return nil
}

// save records a column's state so that a failed event can restore it.
func (b *Builder) save(col *Column) {
	saved := *col
	b.undo = append(b.undo, func() { *col = saved })
}

// rollback removes every trace of the event being appended.
// Undoing first restores every column the event removed, so that the
// truncation then reaches them too.
func (b *Builder) rollback() {
	for i := len(b.undo) - 1; i >= 0; i-- {
		b.undo[i]()
	}
	b.undo = b.undo[:0]
	for _, c := range b.cols {
		c.truncate(b.rows)
	}
}
