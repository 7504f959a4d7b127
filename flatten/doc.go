// Package flatten turns nested events into flat keys and flat keys into
// typed columnar tables, as the seed notebook's flatten_dict and numpy
// record arrays meant to.
//
// # The model
//
// An event is an ordered nested record: a [Map] whose values are scalars
// (nil, bool, int64, float64, string), lists of scalars, or further Maps.
// Map and [List] are small interfaces so that a Starlark dict, a decoded
// JSON object ([DecodeJSON]) and a Go [Record] all fit; nothing here relies
// on Go map order, and a Go map is refused.
//
// [Flatten] joins nested keys with a separator, keeping first-seen order:
//
//	{"hillasparams": {"centroid": {"x": 0.2}}, "image": [1, 2, 3]}
//	-> {"hillasparams.centroid.x": 0.2, "image": [1, 2, 3]}
//
// A [Builder] flattens events one at a time straight into the typed columns
// of a [Table]: the union of every event's flat keys in first-seen order,
// each column an int64, float64, bool or string column, or a fixed-shape
// numeric sub-array column such as numpy's "3d", each with a null mask.
// [FromRows] builds a table from rows and an explicit dtype list in numpy's
// spelling instead. Tables render as text ([Table.Text]), HTML
// ([Table.HTML]), CSV ([Table.WriteCSV]) and JSON Lines
// ([Table.WriteJSONLines]); a column prints as numpy prints an array
// ([Column.NumPy]).
//
// # Flattening rules
//
// The big flatteners disagree on the edge cases; these are ours. Every
// refusal is an [*Error] naming the event index and the key path, and wraps
// a sentinel to test with errors.Is.
//
//	input                              | Flatten (one record)       | Builder / table
//	-----------------------------------+----------------------------+-----------------------------------
//	key containing the separator       | ErrSeparatorInKey, unless  | same
//	  {"a.b": 1}                       |   AllowSeparatorInKeys     |
//	two entries, one flat key          | ErrDuplicateKey            | same
//	empty dict {"a": {}}               | no key                     | no column
//	None {"a": None}                   | key "a" with value nil     | column "a", null in this row
//	missing key                        | no key                     | null in this row
//	list of scalars [1, 2, 3]          | one value, []any           | one sub-array cell, shape 3
//	empty list []                      | one value, []any{}         | ErrArrayElement (use None)
//	list of strings, bools or None     | one value, []any           | ErrArrayElement
//	list of dicts [{"x": 1}]           | ErrListOfMaps              | ErrListOfMaps
//	list of lists [[1], [2]]           | ErrNestedList              | ErrNestedList
//	dicts nested deeper than MaxDepth  | ErrTooDeep                 | ErrTooDeep
//	Go map, struct, channel...         | ErrUnsupportedValue        | ErrUnsupportedValue
//
// Compared with the others: pandas.json_normalize keeps lists of dicts as
// opaque cells and empty dicts as values; flatten-dict drops empty dicts
// too but joins separator-bearing keys silently; Arrow's struct flattening
// has no None-versus-missing distinction at all. We refuse what a typed
// column cannot hold, and say where.
//
// # Across events
//
// A Builder sees many events, so a key path and a column can change
// between them. One rule decides, applied in event order:
//
//	earlier events               | this event            | result
//	-----------------------------+-----------------------+--------------------------------------
//	column of only nulls         | any value             | the column takes the value's type
//	int64                        | float64               | column widens to float64 (exact below 2^53)
//	float64                      | int64                 | stored as float64
//	bool, str, int64, float64    | another kind          | ErrTypeDrift (names old and new type)
//	sub-array of shape n         | list of length m != n | ErrShapeDrift (as ctapipe's writer)
//	scalar column                | list, or the reverse  | ErrShapeDrift
//	dict at a path               | a value               | ErrDictConflict
//	value at a path              | a dict                | ErrDictConflict
//	only None at a path          | a dict                | the path becomes a dict; column dropped
//	dict at a path               | None                  | the dict's columns are null in this row
//
// Bool is not an integer here (unlike Python), and integers never narrow.
// Append is atomic: a refused event leaves the builder unchanged, so a
// pipeline's table sink can report it and go on.
//
// # Values coming out
//
// [Column.Value] and [Table.Row] give nil (null), int64, float64, bool,
// string, or []int64 / []float64 for a sub-array cell; [Flatten] gives the
// same scalars and []any for lists. These are what a Starlark binding
// converts back.
//
// # Cost
//
// Builder.Append allocates nothing per event once its columns exist. It
// looks a key up at the position it had in the previous event before
// searching, and appends a value of the column's exact type without
// conversion. Columns grow in chunks of 32768 rows that are never copied:
// Builder.Table shares the full chunks with the table it returns and copies
// only the last, partly filled one when much of it is spare. A built table
// holds its typed data plus one bit per row for the nulls of each column
// that has any. Reading a row costs the same either way; [Column.Int64s]
// and its kin join a chunked column into one slice on their first call.
package flatten
