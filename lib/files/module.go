package files

import (
	"go.starlark.net/starlark"

	"pushbook/kernel"
)

// Module is "import files".
var Module = kernel.Module{
	Name: "files",
	Doc:  "data files into events, tables or text: files.read_events(\"events.jsonl\")",
	Load: func(*starlark.Thread) (starlark.StringDict, error) { return members, nil },
}

var members = starlark.StringDict{
	"read_events": kernel.NewBuiltin("read_events", `read_events(name, format=""): the events of a JSON array of objects, JSON Lines or CSV file, as a list of dicts`, readEvents),
	"read_table":  kernel.NewBuiltin("read_table", `read_table(name, format="", sep="."): the same files read into a typed table`, readTable),
	"read_text":   kernel.NewBuiltin("read_text", `read_text(name): a file's contents as a str`, readText),
}
