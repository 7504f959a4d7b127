package notebook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
)

// The three nbformat 4 cell types.
const (
	CodeCell     = "code"
	MarkdownCell = "markdown"
	RawCell      = "raw"
)

// Notebook is an nbformat 4 notebook.
type Notebook struct {
	Cells         []*Cell
	Metadata      map[string]any // as read: kernelspec, language_info, anything else (see Warnings)
	Nbformat      int            // always 4 once read
	NbformatMinor int            // 0..5 as read; Encode writes 5

	// Warnings lists what Decode and Encode repaired or dropped because
	// it broke the nbformat 4.5 schema (see [Warning]), oldest first.
	Warnings []Warning
}

// Cell is one notebook cell. Code cells use ExecutionCount (0 means never
// run, written as null) and Outputs; markdown and raw cells may carry
// Attachments.
type Cell struct {
	ID             string
	CellType       string
	Source         string
	Metadata       map[string]any
	ExecutionCount int
	Outputs        []Output
	Attachments    map[string]any
}

// New returns an empty nbformat 4.5 notebook holding cells.
func New(cells ...*Cell) *Notebook {
	return &Notebook{Cells: cells, Metadata: map[string]any{}, Nbformat: 4, NbformatMinor: 5}
}

// NewCode returns a code cell that has not been run.
func NewCode(source string) *Cell {
	return &Cell{CellType: CodeCell, Source: source, Metadata: map[string]any{}}
}

// NewMarkdown returns a markdown cell.
func NewMarkdown(source string) *Cell {
	return &Cell{CellType: MarkdownCell, Source: source, Metadata: map[string]any{}}
}

// Tags returns the cell's metadata.tags, the labels Jupyter tools act on
// (for example "raises-exception").
func (c *Cell) Tags() []string {
	list, _ := c.Metadata["tags"].([]any)
	var tags []string
	for _, t := range list {
		if s, ok := t.(string); ok {
			tags = append(tags, s)
		}
	}
	return tags
}

// HasTag reports whether the cell's metadata.tags contains tag.
func (c *Cell) HasTag(tag string) bool {
	for _, t := range c.Tags() {
		if t == tag {
			return true
		}
	}
	return false
}

// Read reads the notebook at path. Errors start with the path and say what
// is wrong, for example "nb.ipynb: line 3, column 7: invalid character ...".
func Read(path string) (*Notebook, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	nb, err := Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return nb, nil
}

// Decode reads one nbformat 4 notebook from r. Metadata values of the
// wrong shape for a key the schema defines (a kernelspec that is a string,
// tags that are not a list of strings) are repaired or dropped, and each
// change is recorded in the notebook's Warnings; other keys are kept as
// read. Text that is not UTF-8 is an error, not replaced.
func Decode(r io.Reader) (*Notebook, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading notebook: %w", err)
	}
	if err := checkUTF8(b); err != nil {
		return nil, err
	}
	var raw struct {
		Cells         []json.RawMessage `json:"cells"`
		Metadata      any               `json:"metadata"`
		Nbformat      *int              `json:"nbformat"`
		NbformatMinor int               `json:"nbformat_minor"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, jsonError(b, err)
	}
	switch {
	case raw.Nbformat == nil:
		return nil, errors.New("not a notebook: no nbformat field")
	case *raw.Nbformat != 4:
		return nil, fmt.Errorf("nbformat %d is not supported (want nbformat 4)", *raw.Nbformat)
	case raw.Cells == nil:
		return nil, errors.New("not a notebook: no cells list")
	}
	nb := &Notebook{Nbformat: 4, NbformatMinor: raw.NbformatMinor}
	nb.Metadata = nb.metadataObject(0, raw.Metadata)
	for i, rc := range raw.Cells {
		c, err := nb.decodeCell(i+1, rc)
		if err != nil {
			return nil, fmt.Errorf("cell %d: %w", i+1, err)
		}
		nb.Cells = append(nb.Cells, c)
	}
	nb.repair()
	return nb, nil
}

// decodeCell decodes cell number n (1-based) of nb.
func (nb *Notebook) decodeCell(n int, b []byte) (*Cell, error) {
	var raw struct {
		ID             string            `json:"id"`
		CellType       *string           `json:"cell_type"`
		Source         multiline         `json:"source"`
		Metadata       any               `json:"metadata"`
		ExecutionCount *int              `json:"execution_count"`
		Outputs        []json.RawMessage `json:"outputs"`
		Attachments    any               `json:"attachments"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, plainJSONError(err)
	}
	if raw.CellType == nil {
		return nil, errors.New("no cell_type")
	}
	c := &Cell{ID: raw.ID, CellType: *raw.CellType, Source: string(raw.Source)}
	switch c.CellType {
	case CodeCell, MarkdownCell, RawCell:
	default:
		return nil, fmt.Errorf("unknown cell_type %q (want code, markdown or raw)", c.CellType)
	}
	for i, ro := range raw.Outputs {
		var o Output
		if err := json.Unmarshal(ro, &o); err != nil {
			return nil, fmt.Errorf("output %d: %w", i+1, plainJSONError(err))
		}
		c.Outputs = append(c.Outputs, o)
	}
	if raw.ExecutionCount != nil {
		c.ExecutionCount = *raw.ExecutionCount
	}
	c.Metadata = nb.metadataObject(n, raw.Metadata)
	if m, ok := raw.Attachments.(map[string]any); ok {
		c.Attachments = m
	} else if raw.Attachments != nil {
		nb.warn(n, "attachments", "want an object, "+got(raw.Attachments)+"; dropped")
	}
	return c, nil
}

// metadataObject returns v, the metadata of cell n (0 for the notebook),
// as an object, replacing anything else with an empty one.
func (nb *Notebook) metadataObject(n int, v any) map[string]any {
	if m, ok := v.(map[string]any); ok {
		return m
	}
	if v != nil {
		nb.warn(n, "metadata", "want an object, "+got(v)+"; replaced with {}")
	}
	return map[string]any{}
}

// Write writes nb to path as nbformat 4.5 (see [Encode]).
func Write(path string, nb *Notebook) error {
	var buf bytes.Buffer
	if err := Encode(&buf, nb); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing notebook: %w", err)
	}
	return nil
}

// Encode writes nb to w as nbformat 4.5, formatted as Jupyter writes it.
// Encode sets nb.NbformatMinor to 5 and gives every cell whose id is
// missing, malformed or repeated a fresh random id, recording it in nb so
// that writing again gives the same ids. Like [Decode], it repairs or
// drops metadata values the schema forbids, in nb, adding to nb.Warnings,
// so that what it writes is valid nbformat 4.5.
func Encode(w io.Writer, nb *Notebook) error {
	nb.Nbformat, nb.NbformatMinor = 4, 5
	assignIDs(nb.Cells)
	nb.repair()
	cells := make([]any, len(nb.Cells))
	for i, c := range nb.Cells {
		m, err := c.jsonObject()
		if err != nil {
			return fmt.Errorf("cell %d: %w", i+1, err)
		}
		cells[i] = m
	}
	meta := nb.Metadata
	if meta == nil {
		meta = map[string]any{}
	}
	doc := map[string]any{"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encoding notebook: %w", err)
	}
	return nil
}

func (c *Cell) jsonObject() (map[string]any, error) {
	meta := c.Metadata
	if meta == nil {
		meta = map[string]any{}
	}
	m := map[string]any{"id": c.ID, "cell_type": c.CellType, "metadata": meta,
		"source": splitLines(c.Source)}
	switch c.CellType {
	case CodeCell:
		outs := make([]any, len(c.Outputs))
		for i, o := range c.Outputs {
			om, err := o.jsonObject(true)
			if err != nil {
				return nil, fmt.Errorf("output %d: %w", i+1, err)
			}
			outs[i] = om
		}
		m["outputs"], m["execution_count"] = outs, nullableCount(c.ExecutionCount)
	case MarkdownCell, RawCell:
		if c.Attachments != nil {
			m["attachments"] = c.Attachments
		}
	default:
		return nil, fmt.Errorf("unknown cell_type %q", c.CellType)
	}
	return m, nil
}

// validID reports whether id is a valid nbformat 4.5 cell id:
// 1 to 64 characters from [a-zA-Z0-9_-].
func validID(id string) bool {
	if len(id) == 0 || len(id) > 64 {
		return false
	}
	for _, c := range []byte(id) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func assignIDs(cells []*Cell) {
	seen := make(map[string]bool, len(cells))
	for _, c := range cells {
		for !validID(c.ID) || seen[c.ID] {
			c.ID = newID()
		}
		seen[c.ID] = true
	}
}

// newID returns 8 random hex digits, the form Jupyter uses for cell ids.
// Ids need to be unique, not secret: math/rand/v2 keeps crypto/rand (and
// its share of the WebAssembly kernel's size) out of the build.
func newID() string {
	return fmt.Sprintf("%08x", rand.Uint32())
}
