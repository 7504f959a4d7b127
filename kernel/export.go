package kernel

import (
	"fmt"
	"strings"
	"sync"

	"pushbook/flatten"
)

// maxExports is how many shown tables a session keeps for download; older
// ones are forgotten (the page then asks to run the cell again).
const maxExports = 32

// exports are the tables a session has shown, by id, for ExportTable.
type exports struct {
	mu     sync.Mutex
	next   int
	tables map[int]*flatten.Table
}

// registerTable keeps t for download and returns its id.
func (s *Session) registerTable(t *flatten.Table) int {
	e := &s.exports
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.tables == nil {
		e.tables = map[int]*flatten.Table{}
	}
	e.next++
	e.tables[e.next] = t
	delete(e.tables, e.next-maxExports)
	return e.next
}

// ExportTable returns the whole of table id, as shown by an earlier cell,
// as "csv" (RFC 4180) or "jsonl" (JSON Lines), for the page's download
// buttons. It is safe to call while a cell runs.
func (s *Session) ExportTable(id int, format string) (string, error) {
	s.exports.mu.Lock()
	t, ok := s.exports.tables[id]
	s.exports.mu.Unlock()
	if !ok {
		return "", fmt.Errorf("table %d is no longer in this session: run its cell again to download it", id)
	}
	var b strings.Builder
	var err error
	switch format {
	case "csv":
		err = t.WriteCSV(&b)
	case "jsonl":
		err = t.WriteJSONLines(&b)
	default:
		return "", fmt.Errorf("export format %q: want csv or jsonl", format)
	}
	return b.String(), err
}
