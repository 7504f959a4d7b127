package flatten

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors; test for them with errors.Is. Every refusal while
// flattening or building a table is wrapped in an *Error that adds the event
// index and the key path.
var (
	// ErrSeparatorInKey: a key contains the separator, so its flat key would
	// be ambiguous ({"a.b": 1} and {"a": {"b": 1}} both give "a.b").
	ErrSeparatorInKey = errors.New("key contains the separator")
	// ErrDuplicateKey: two entries flatten to the same key.
	ErrDuplicateKey = errors.New("duplicate flat key")
	// ErrListOfMaps: a list holds a dict; flattening cannot give it columns.
	ErrListOfMaps = errors.New("list of dicts cannot be flattened")
	// ErrNestedList: a list holds a list; only one-dimensional lists are cells.
	ErrNestedList = errors.New("list of lists cannot be flattened")
	// ErrTooDeep: dicts nest deeper than Options.MaxDepth.
	ErrTooDeep = errors.New("nesting exceeds the maximum depth")
	// ErrUnsupportedValue: a value is not a scalar, list or ordered map.
	ErrUnsupportedValue = errors.New("unsupported value")
	// ErrDictConflict: a path holds a dict in one event and a value in another.
	ErrDictConflict = errors.New("a key path is a dict in one event and a value in another")
	// ErrTypeDrift: a column's type changed in a way the drift rule refuses.
	ErrTypeDrift = errors.New("type drift")
	// ErrShapeDrift: a sub-array column's length changed, or a scalar column
	// received a list (or the reverse).
	ErrShapeDrift = errors.New("shape drift")
	// ErrArrayElement: a list meant for a sub-array column holds something
	// other than numbers (or is empty).
	ErrArrayElement = errors.New("sub-array cells hold numbers")
	// ErrLength: data for a new column has the wrong number of rows.
	ErrLength = errors.New("length mismatch")
	// ErrNoColumn: a column name is not in the table.
	ErrNoColumn = errors.New("no such column")
	// ErrDuplicateColumn: a column name is already in the table.
	ErrDuplicateColumn = errors.New("column already exists")
	// ErrBadDType: a dtype spelling is not understood.
	ErrBadDType = errors.New("unknown dtype")
	// ErrJSON: JSON input is malformed or not a stream of objects.
	ErrJSON = errors.New("invalid JSON records")
)

// Error locates a refusal: which event (or row) and which key path. Event
// is the 1-based number of the event, as the pipeline package counts them
// (pipeline.StageError), or 0 when the input was a single record rather
// than one of many; Path is empty when the problem is not tied to a key.
type Error struct {
	Event int // 1-based; 0 when not about one of many events
	Path  string
	Err   error
}

// Error formats as `event 3: key "a.b": type drift: ...`.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Event > 0 {
		b.WriteString("event ")
		b.WriteString(strconv.Itoa(e.Event))
		b.WriteString(": ")
	}
	if e.Path != "" {
		b.WriteString("key ")
		b.WriteString(strconv.Quote(e.Path))
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error, usually one of the sentinels.
func (e *Error) Unwrap() error { return e.Err }
