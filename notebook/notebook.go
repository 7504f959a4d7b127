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
	Metadata      map[string]any // kept as read: kernelspec, language_info, anything else
	Nbformat      int            // always 4 once read
	NbformatMinor int            // 0..5 as read; Encode writes 5
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

// Decode reads one nbformat 4 notebook from r.
func Decode(r io.Reader) (*Notebook, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading notebook: %w", err)
	}
	var raw struct {
		Cells         []json.RawMessage `json:"cells"`
		Metadata      map[string]any    `json:"metadata"`
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
	nb := &Notebook{Metadata: raw.Metadata, Nbformat: 4, NbformatMinor: raw.NbformatMinor}
	if nb.Metadata == nil {
		nb.Metadata = map[string]any{}
	}
	for i, rc := range raw.Cells {
		c, err := decodeCell(rc)
		if err != nil {
			return nil, fmt.Errorf("cell %d: %w", i+1, err)
		}
		nb.Cells = append(nb.Cells, c)
	}
	return nb, nil
}

func decodeCell(b []byte) (*Cell, error) {
	var raw struct {
		ID             string         `json:"id"`
		CellType       *string        `json:"cell_type"`
		Source         multiline      `json:"source"`
		Metadata       map[string]any `json:"metadata"`
		ExecutionCount *int           `json:"execution_count"`
		Outputs        []Output       `json:"outputs"`
		Attachments    map[string]any `json:"attachments"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, err
	}
	if raw.CellType == nil {
		return nil, errors.New("no cell_type")
	}
	c := &Cell{ID: raw.ID, CellType: *raw.CellType, Source: string(raw.Source),
		Metadata: raw.Metadata, Outputs: raw.Outputs, Attachments: raw.Attachments}
	switch c.CellType {
	case CodeCell, MarkdownCell, RawCell:
	default:
		return nil, fmt.Errorf("unknown cell_type %q (want code, markdown or raw)", c.CellType)
	}
	if raw.ExecutionCount != nil {
		c.ExecutionCount = *raw.ExecutionCount
	}
	if c.Metadata == nil {
		c.Metadata = map[string]any{}
	}
	return c, nil
}

// jsonError turns a decoding error into one line naming where in b it is.
func jsonError(b []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := lineColumn(b, syn.Offset-1)
		return fmt.Errorf("invalid JSON at line %d, column %d: %w", line, col, err)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return fmt.Errorf("not a notebook: want a JSON object, got JSON %s", typ.Value)
		}
		line, _ := lineColumn(b, typ.Offset)
		return fmt.Errorf("line %d: field %q: want %s, got JSON %s", line, typ.Field, typ.Type.Kind(), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("invalid JSON: unexpected end of file")
	}
	return fmt.Errorf("invalid notebook: %w", err)
}

func lineColumn(b []byte, offset int64) (line, col int) {
	offset = min(max(offset, 0), int64(len(b)))
	before := b[:offset]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
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
// that writing again gives the same ids.
func Encode(w io.Writer, nb *Notebook) error {
	nb.Nbformat, nb.NbformatMinor = 4, 5
	assignIDs(nb.Cells)
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
