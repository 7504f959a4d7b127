package kernel

import (
	"fmt"
	"sync"

	"go.starlark.net/starlark"
)

// maxExports is how many shown tables a session keeps for download; older
// ones are forgotten (the page then asks to run the cell again).
const maxExports = 32

// Exportable is a value shown by a cell that the page can download whole
// (a table): Export writes it in a format such as "csv" or "jsonl".
type Exportable interface {
	Export(format string) (string, error)
}

// exports are the values a session has shown, by id, for Export.
type exports struct {
	mu     sync.Mutex
	next   int
	values map[int]Exportable
}

// RegisterExport keeps x for download by the session of thread's cell and
// returns its id (0 when thread is not a cell's): the id that the shown
// output carries so that the page can ask Session.ExportTable for it.
func RegisterExport(thread *starlark.Thread, x Exportable) int {
	ts := stateOf(thread)
	if ts == nil {
		return 0
	}
	e := &ts.cell.session.exports
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.values == nil {
		e.values = map[int]Exportable{}
	}
	e.next++
	e.values[e.next] = x
	delete(e.values, e.next-maxExports)
	return e.next
}

// ExportTable returns the whole of value id, as shown by an earlier cell,
// in format ("csv", RFC 4180, or "jsonl", JSON Lines), for the page's
// download buttons. It is safe to call while a cell runs.
func (s *Session) ExportTable(id int, format string) (string, error) {
	s.exports.mu.Lock()
	x, ok := s.exports.values[id]
	s.exports.mu.Unlock()
	if !ok {
		return "", fmt.Errorf("table %d is no longer in this session: run its cell again to download it", id)
	}
	return x.Export(format)
}
