package notebook

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// A Warning records one value [Decode] or [Encode] repaired or dropped
// because it broke the nbformat 4.5 schema, for example a kernelspec that
// is a string or cell tags that are not a list of strings.
type Warning struct {
	Cell    int    // 1-based cell number; 0 for the notebook's own metadata
	Field   string // "metadata.tags", "metadata.kernelspec", "attachments"
	Message string // what was wrong and what was done about it
}

// String gives the warning as one line, for example
// `cell 3: field "metadata.tags": want a list of strings, got a string; split at commas`.
func (w Warning) String() string {
	if w.Cell == 0 {
		return fmt.Sprintf("field %q: %s", w.Field, w.Message)
	}
	return fmt.Sprintf("cell %d: field %q: %s", w.Cell, w.Field, w.Message)
}

func (nb *Notebook) warn(cell int, field, message string) {
	nb.Warnings = append(nb.Warnings, Warning{Cell: cell, Field: field, Message: message})
}

// A fix checks one metadata value against the schema. It returns the value
// to keep (nil to drop the key) and, when it changed anything, a message
// saying what was wrong and what it did.
type fix func(v any) (keep any, message string)

var notebookFixes = map[string]fix{
	"kernelspec":    fixKernelspec,
	"language_info": fixLanguageInfo,
	"orig_nbformat": fixOrigNbformat,
	"title":         wantString,
	"authors":       wantList,
}

var cellFixes = map[string]map[string]fix{
	CodeCell: {"name": fixName, "tags": fixTags, "jupyter": fixJupyter,
		"collapsed": wantBool, "scrolled": fixScrolled, "execution": fixExecution},
	MarkdownCell: {"name": fixName, "tags": fixTags, "jupyter": fixJupyter},
	RawCell:      {"name": fixName, "tags": fixTags, "jupyter": fixJupyter, "format": wantString},
}

// repair applies the schema's fixes to the notebook's and every cell's
// metadata and to markdown and raw cells' attachments, recording warnings.
// Keys the schema does not define are left alone.
func (nb *Notebook) repair() {
	if nb.Metadata == nil {
		nb.Metadata = map[string]any{}
	}
	nb.applyFixes(0, nb.Metadata, notebookFixes)
	for i, c := range nb.Cells {
		if c.Metadata == nil {
			c.Metadata = map[string]any{}
		}
		nb.applyFixes(i+1, c.Metadata, cellFixes[c.CellType])
		if c.CellType != CodeCell {
			for _, name := range slices.Sorted(maps.Keys(c.Attachments)) {
				if msg := checkMIMEBundle(asJSON(c.Attachments[name])); msg != "" {
					delete(c.Attachments, name)
					nb.warn(i+1, "attachments."+name, msg+"; dropped")
				}
			}
		}
	}
}

func (nb *Notebook) applyFixes(cell int, meta map[string]any, fixes map[string]fix) {
	for _, key := range slices.Sorted(maps.Keys(meta)) {
		f := fixes[key]
		if f == nil {
			continue
		}
		keep, msg := f(asJSON(meta[key]))
		if msg == "" {
			continue
		}
		if keep == nil {
			delete(meta, key)
		} else {
			meta[key] = keep
		}
		nb.warn(cell, "metadata."+key, msg)
	}
}

// asJSON returns v as encoding/json decodes it into any, so that a value
// set from Go ([]string, int, a struct) is checked by what it will be
// written as.
func asJSON(v any) any {
	switch v.(type) {
	case nil, bool, float64, string, []any, map[string]any:
		return v
	}
	b, err := json.Marshal(v)
	if err != nil {
		return v // Encode reports it
	}
	var out any
	if json.Unmarshal(b, &out) != nil {
		return v
	}
	return out
}

func got(v any) string { return "got " + valueWords(jsonKind(v)) }

func wantString(v any) (any, string) {
	if _, ok := v.(string); ok {
		return v, ""
	}
	return nil, "want a string, " + got(v) + "; dropped"
}

func wantBool(v any) (any, string) {
	if _, ok := v.(bool); ok {
		return v, ""
	}
	return nil, "want true or false, " + got(v) + "; dropped"
}

func wantList(v any) (any, string) {
	if _, ok := v.([]any); ok {
		return v, ""
	}
	return nil, "want a list, " + got(v) + "; dropped"
}

// fixKernelspec wants {"name": ..., "display_name": ...}; a bare string is
// taken as both, and a missing display_name is the name.
func fixKernelspec(v any) (any, string) {
	const want = "want an object with name and display_name strings, "
	switch v := v.(type) {
	case string:
		if v != "" {
			return map[string]any{"name": v, "display_name": v}, want + "got a string; made it the name and display_name"
		}
	case map[string]any:
		name, ok := v["name"].(string)
		if !ok {
			return nil, want + "got no name string; dropped"
		}
		if _, ok := v["display_name"].(string); !ok {
			v = maps.Clone(v)
			v["display_name"] = name
			return v, want + "got no display_name string; set it to the name"
		}
		return v, ""
	}
	return nil, want + got(v) + "; dropped"
}

// fixLanguageInfo wants {"name": ...} with optional string fields; a bare
// string is taken as the name, and optional fields of the wrong shape go.
func fixLanguageInfo(v any) (any, string) {
	const want = "want an object with a name string, "
	switch v := v.(type) {
	case string:
		if v != "" {
			return map[string]any{"name": v}, want + "got a string; made it the name"
		}
	case map[string]any:
		if _, ok := v["name"].(string); !ok {
			return nil, want + "got no name string; dropped"
		}
		return dropEntries(v, func(key string, val any) bool {
			switch key {
			case "codemirror_mode", "file_extension", "mimetype", "pygments_lexer":
				_, isString := val.(string)
				_, isObject := val.(map[string]any)
				return !isString && !(key == "codemirror_mode" && isObject)
			}
			return false // other keys are not ours to judge
		}, "want a string")
	}
	return nil, want + got(v) + "; dropped"
}

func fixOrigNbformat(v any) (any, string) {
	if f, ok := v.(float64); ok && f >= 1 && f == math.Trunc(f) {
		return v, ""
	}
	return nil, "want a whole number of at least 1, " + got(v) + "; dropped"
}

// fixName wants a non-empty one-line string (the schema's "^.+$").
func fixName(v any) (any, string) {
	if s, ok := v.(string); ok && s != "" && !strings.Contains(s, "\n") {
		return v, ""
	}
	return nil, "want a non-empty one-line string, " + got(v) + "; dropped"
}

// fixTags wants a list of distinct non-empty strings without commas. A
// string is split at its commas, as are tags that hold commas; anything
// else in the list is dropped.
func fixTags(v any) (any, string) {
	const want = "want a list of distinct tags without commas, "
	var items []any
	switch v := v.(type) {
	case string:
		items = []any{v}
	case []any:
		items = v
	default:
		return nil, want + got(v) + "; dropped"
	}
	tags := []any{}
	seen := map[string]bool{}
	for _, item := range items {
		s, _ := item.(string)
		for _, tag := range strings.Split(s, ",") {
			if tag = strings.TrimSpace(tag); tag != "" && !seen[tag] {
				seen[tag] = true
				tags = append(tags, tag)
			}
		}
	}
	if _, isString := v.(string); !isString && slices.Equal(tags, items) {
		return v, ""
	}
	return tags, want + "got " + abbreviate(mustJSON(v)) + "; kept " + abbreviate(mustJSON(tags))
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

func fixScrolled(v any) (any, string) {
	if v == true || v == false || v == "auto" {
		return v, ""
	}
	return nil, `want true, false or "auto", ` + got(v) + "; dropped"
}

// fixJupyter wants an object whose source_hidden and outputs_hidden, when
// present, are true or false.
func fixJupyter(v any) (any, string) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, "want an object, " + got(v) + "; dropped"
	}
	return dropEntries(m, func(key string, val any) bool {
		_, isBool := val.(bool)
		return (key == "source_hidden" || key == "outputs_hidden") && !isBool
	}, "want true or false")
}

// fixExecution wants an object of strings (ISO 8601 times).
func fixExecution(v any) (any, string) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, "want an object of strings, " + got(v) + "; dropped"
	}
	return dropEntries(m, func(_ string, val any) bool {
		_, isString := val.(string)
		return !isString
	}, "want a string")
}

// dropEntries returns m without the entries bad reports, and a message
// naming them when there were any.
func dropEntries(m map[string]any, bad func(key string, val any) bool, want string) (any, string) {
	var dropped []string
	for _, key := range slices.Sorted(maps.Keys(m)) {
		if bad(key, m[key]) {
			dropped = append(dropped, key)
		}
	}
	if len(dropped) == 0 {
		return m, ""
	}
	m = maps.Clone(m)
	for _, key := range dropped {
		delete(m, key)
	}
	return m, "dropped " + strings.Join(dropped, ", ") + " (" + want + ")"
}

// checkMIMEBundle says what is wrong with v as an nbformat mimebundle: an
// object whose values are strings or lists of strings, except under JSON
// MIME types, which may hold any JSON.
func checkMIMEBundle(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return "want an object of MIME types, " + got(v)
	}
	for _, mime := range slices.Sorted(maps.Keys(m)) {
		if IsJSONMIME(mime) {
			continue
		}
		switch val := m[mime].(type) {
		case string:
			continue
		case []any:
			if !slices.ContainsFunc(val, func(item any) bool { _, ok := item.(string); return !ok }) {
				continue
			}
		}
		return fmt.Sprintf("%q: want a string or a list of strings, %s", mime, got(m[mime]))
	}
	return ""
}
