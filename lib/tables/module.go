// Package tables is the module cells import as tables: nested events
// flattened into typed columnar tables (the flatten package underneath),
// shown inline as HTML with download buttons, and numpy-like typed arrays.
package tables

import (
	"go.starlark.net/starlark"

	"pushbook/kernel"
)

// Module is "import tables".
var Module = kernel.Module{
	Name: "tables",
	Doc:  "flat, typed tables from nested events: import tables; tables.table(events)",
	Load: func(*starlark.Thread) (starlark.StringDict, error) { return members, nil },
}

var members = starlark.StringDict{
	"flatten_dict":  kernel.NewBuiltin("flatten_dict", `flatten_dict(d, parent_key="", sep="."): the nested dict d as one flat dict with dotted keys (the seed's flatten_dict, in Go)`, flattenDict),
	"table":         kernel.NewBuiltin("table", `table(events, sep="."): a typed table with one row per event (a dict, nested or not) and one column per flattened key`, tableBuiltin),
	"array":         kernel.NewBuiltin("array", `array(rows, dtype): a typed table from row tuples and a numpy-style dtype such as [("x", "3d"), ("y", int)]`, arrayBuiltin),
	"append_fields": kernel.NewBuiltin("append_fields", `append_fields(base, names, data): a copy of table base with new columns; a scalar in data fills every row`, appendFields),
	"table_sink":    kernel.NewBuiltin("table_sink", `table_sink(name="table", sep="."): a sink that flattens every event it receives into a growing table (.table)`, tableSinkBuiltin),
}
