// Package files is the module cells import as files: JSON, JSON Lines and
// CSV files read into events (lists of dicts), tables or text. Where files
// come from is the host's business (kernel.Options.ReadFile): the browser
// looks among the files dropped on the page, then fetches from the page's
// own site; the headless runner reads next to the notebook.
package files

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"go.starlark.net/starlark"

	"pushbook/flatten"
	"pushbook/kernel"
	"pushbook/lib/tables"
)

// format of a data file, from its extension or format=.
func dataFormat(fnName, name, format string) (string, error) {
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(path.Ext(name)), ".")
	}
	switch format {
	case "json", "jsonl", "ndjson", "csv":
		return format, nil
	}
	return "", starlark.Errorf(starlark.ValueError, "%s(%q): cannot tell the format; name a .json, .jsonl or .csv file, or pass format=\"json\", \"jsonl\" or \"csv\"", fnName, name)
}

// decodeEvents turns file bytes into ordered records, reaching thread's
// checkpoint every itemsPerCheckpoint records.
func decodeEvents(thread *starlark.Thread, name, format string, data []byte) ([]*flatten.Record, error) {
	if format == "csv" {
		return decodeCSV(thread, name, data)
	}
	return decodeJSON(thread, name, data)
}

// decodeJSON is flatten.DecodeJSON with a checkpoint per record. A
// decoder's error knows only its byte offset; on failure the text is
// decoded again by DecodeJSON, which reports the line and column.
func decodeJSON(thread *starlark.Thread, name string, data []byte) ([]*flatten.Record, error) {
	var out []*flatten.Record
	i := 0
	for r, err := range flatten.NewJSONDecoder(bytes.NewReader(data)).All() {
		if err != nil {
			if _, err = flatten.DecodeJSON(data); err == nil {
				err = errors.New("the file changed while it was read") // DecodeJSON agreed with no error
			}
			return nil, starlark.Errorf(starlark.ValueError, "%s: %w", name, err)
		}
		if err := kernel.LoopCheckpoint(thread, i); err != nil {
			return nil, err
		}
		out = append(out, r)
		i++
	}
	return out, nil
}

// decodeCSV reads a CSV file with a header row; each cell becomes None
// (empty), an int, a float, a bool (true/false, True/False) or a str.
func decodeCSV(thread *starlark.Thread, name string, data []byte) ([]*flatten.Record, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.ReuseRecord = false
	header, err := r.Read()
	if err == io.EOF {
		return nil, nil
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	var out []*flatten.Record
	for i := 0; ; i++ {
		if err := kernel.LoopCheckpoint(thread, i); err != nil {
			return nil, err
		}
		row, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		rec := flatten.NewRecord(len(header))
		for i, cell := range row {
			rec.Set(header[i], csvValue(cell))
		}
		out = append(out, rec)
	}
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return starlark.Errorf(starlark.ValueError, "%s: line %d, column %d: %v", name, pe.Line, pe.Column, pe.Err)
	}
	return starlark.Errorf(starlark.ValueError, "%s: %v", name, err)
}

func csvValue(cell string) any {
	switch cell {
	case "":
		return nil
	case "true", "True":
		return true
	case "false", "False":
		return false
	}
	if i, err := strconv.ParseInt(cell, 10, 64); err == nil {
		return i
	}
	if f, err := strconv.ParseFloat(cell, 64); err == nil {
		return f
	}
	return cell
}

// read_events(name, format="") reads a JSON array of objects, JSON Lines or
// CSV file into a list of dicts (events), keeping key order.
func readEvents(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	recs, err := readRecords(thread, b, args, kwargs)
	if err != nil {
		return nil, err
	}
	l := make([]starlark.Value, len(recs))
	for i, r := range recs {
		if err := kernel.LoopCheckpoint(thread, i); err != nil {
			return nil, err
		}
		l[i] = tables.FromFlatten(r)
	}
	return starlark.NewList(l), nil
}

// read_table(name, format="", sep=".") reads the same files into a table,
// flattening nested objects.
func readTable(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name, format string
	opts := flatten.Options{Sep: "."}
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "name", &name, "format?", &format, "sep?", &opts.Sep); err != nil {
		return nil, err
	}
	recs, err := records(thread, b.Name(), name, format)
	if err != nil {
		return nil, err
	}
	t, err := tables.BuildTable(thread, recs, opts)
	if err != nil {
		return nil, starlark.Errorf(starlark.ValueError, "%s(%q): %w", b.Name(), name, err)
	}
	return tables.NewTable(thread, t), nil
}

func readRecords(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) ([]*flatten.Record, error) {
	var name, format string
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "name", &name, "format?", &format); err != nil {
		return nil, err
	}
	return records(thread, b.Name(), name, format)
}

func records(thread *starlark.Thread, fnName, name, format string) ([]*flatten.Record, error) {
	s := thread
	if s == nil {
		return nil, kernel.NotInCell(fnName)
	}
	format, err := dataFormat(fnName, name, format)
	if err != nil {
		return nil, err
	}
	data, err := kernel.ReadFile(s, fnName, name)
	if err != nil {
		return nil, err
	}
	if err := kernel.Checkpoint(thread, 0); err != nil { // Stop while ReadFile fetched
		return nil, err
	}
	return decodeEvents(thread, name, format, data)
}

// read_text(name) returns a file's contents as a str.
func readText(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name string
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "name", &name); err != nil {
		return nil, err
	}
	s := thread
	if s == nil {
		return nil, kernel.NotInCell(b.Name())
	}
	data, err := kernel.ReadFile(s, b.Name(), name)
	if err != nil {
		return nil, err
	}
	return starlark.String(data), nil
}
