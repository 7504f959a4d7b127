package notebook

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"
)

// The four nbformat 4 output types.
const (
	StreamOutput        = "stream"
	DisplayDataOutput   = "display_data"
	ExecuteResultOutput = "execute_result"
	ErrorOutput         = "error"
)

// MIMEBundle maps a MIME type ("text/plain", "text/html", "image/svg+xml")
// to its content. JSON MIME types (application/json, application/*+json)
// hold their JSON text and are written to disk as JSON values.
type MIMEBundle map[string]string

// Output is one nbformat 4 output of a code cell. Which fields are
// meaningful depends on OutputType:
//
//   - "stream": Name ("stdout" or "stderr") and Text.
//   - "display_data": Data and Metadata.
//   - "execute_result": ExecutionCount, Data and Metadata.
//   - "error": EName, EValue and Traceback.
//
// An ExecutionCount of 0 means "not executed" and is written as null.
type Output struct {
	OutputType     string
	Name           string
	Text           string
	Data           MIMEBundle
	Metadata       map[string]any
	ExecutionCount int
	EName          string
	EValue         string
	Traceback      []string
}

// NewStream returns a stream output; name is "stdout" or "stderr".
func NewStream(name, text string) Output {
	return Output{OutputType: StreamOutput, Name: name, Text: text}
}

// NewDisplayData returns a display_data output showing data.
func NewDisplayData(data MIMEBundle) Output {
	return Output{OutputType: DisplayDataOutput, Data: data}
}

// NewExecuteResult returns the execute_result output of cell execution count n.
func NewExecuteResult(n int, data MIMEBundle) Output {
	return Output{OutputType: ExecuteResultOutput, ExecutionCount: n, Data: data}
}

// NewError returns an error output; traceback holds the lines to show,
// possibly with ANSI colour escapes, as IPython does.
func NewError(ename, evalue string, traceback []string) Output {
	return Output{OutputType: ErrorOutput, EName: ename, EValue: evalue, Traceback: traceback}
}

// AppendOutput appends o to outs, merging it into the last output when both
// are streams of the same name, as Jupyter does when it shows and saves
// consecutive prints.
func AppendOutput(outs []Output, o Output) []Output {
	if n := len(outs); n > 0 && o.OutputType == StreamOutput &&
		outs[n-1].OutputType == StreamOutput && outs[n-1].Name == o.Name {
		outs[n-1].Text += o.Text
		return outs
	}
	return append(outs, o)
}

// MarshalJSON encodes o in nbformat's shape with every text as one string.
func (o Output) MarshalJSON() ([]byte, error) {
	m, err := o.jsonObject(false)
	if err != nil {
		return nil, err
	}
	return json.Marshal(m)
}

// UnmarshalJSON decodes one nbformat output; text may be a string or a list
// of strings.
func (o *Output) UnmarshalJSON(b []byte) error {
	var raw struct {
		OutputType     *string                    `json:"output_type"`
		Name           string                     `json:"name"`
		Text           multiline                  `json:"text"`
		Data           map[string]json.RawMessage `json:"data"`
		Metadata       map[string]any             `json:"metadata"`
		ExecutionCount *int                       `json:"execution_count"`
		EName          string                     `json:"ename"`
		EValue         string                     `json:"evalue"`
		Traceback      []string                   `json:"traceback"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return plainJSONError(err)
	}
	if raw.OutputType == nil {
		return fmt.Errorf("output has no output_type")
	}
	*o = Output{OutputType: *raw.OutputType, Name: raw.Name, Text: string(raw.Text),
		Metadata: raw.Metadata, EName: raw.EName, EValue: raw.EValue, Traceback: raw.Traceback}
	if raw.ExecutionCount != nil {
		o.ExecutionCount = *raw.ExecutionCount
	}
	switch o.OutputType {
	case StreamOutput, ErrorOutput:
	case DisplayDataOutput, ExecuteResultOutput:
		data, err := decodeBundle(raw.Data)
		if err != nil {
			return fmt.Errorf("%s output: %w", o.OutputType, err)
		}
		o.Data = data
	default:
		return fmt.Errorf("unknown output_type %q (want stream, display_data, execute_result or error)", o.OutputType)
	}
	return nil
}

func decodeBundle(raw map[string]json.RawMessage) (MIMEBundle, error) {
	data := make(MIMEBundle, len(raw))
	for mime, v := range raw {
		if IsJSONMIME(mime) {
			data[mime] = string(v)
			continue
		}
		var text multiline
		if err := json.Unmarshal(v, &text); err != nil {
			return nil, fmt.Errorf("data %q: %w", mime, plainJSONError(err))
		}
		data[mime] = string(text)
	}
	return data, nil
}

// jsonObject builds the nbformat object for o; split writes multi-line
// texts as lists of lines, as Jupyter does on disk.
func (o Output) jsonObject(split bool) (map[string]any, error) {
	m := map[string]any{"output_type": o.OutputType}
	text := func(s string) any {
		if split {
			return splitLines(s)
		}
		return s
	}
	switch o.OutputType {
	case StreamOutput:
		m["name"], m["text"] = o.Name, text(o.Text)
	case ErrorOutput:
		tb := o.Traceback
		if tb == nil {
			tb = []string{}
		}
		m["ename"], m["evalue"], m["traceback"] = o.EName, o.EValue, tb
	case DisplayDataOutput, ExecuteResultOutput:
		data := make(map[string]any, len(o.Data))
		for mime, v := range o.Data {
			switch {
			case IsJSONMIME(mime) && json.Valid([]byte(v)):
				data[mime] = json.RawMessage(v)
			case isLineSplitMIME(mime):
				data[mime] = text(v)
			default:
				data[mime] = v
			}
		}
		meta := o.Metadata
		if meta == nil {
			meta = map[string]any{}
		}
		m["data"], m["metadata"] = data, meta
		if o.OutputType == ExecuteResultOutput {
			m["execution_count"] = nullableCount(o.ExecutionCount)
		}
	default:
		return nil, fmt.Errorf("unknown output_type %q", o.OutputType)
	}
	return m, nil
}

func nullableCount(n int) any {
	if n <= 0 {
		return nil
	}
	return n
}

// IsJSONMIME reports whether mime holds JSON (application/json,
// application/*+json), which a notebook stores as a JSON value, not text.
func IsJSONMIME(mime string) bool {
	return mime == "application/json" ||
		(strings.HasPrefix(mime, "application/") && strings.HasSuffix(mime, "+json"))
}

// isLineSplitMIME reports whether Jupyter stores mime's text as a list of
// lines (nbformat's split_lines rule); binary data such as PNG stays whole.
func isLineSplitMIME(mime string) bool {
	return strings.HasPrefix(mime, "text/") || mime == "image/svg+xml" ||
		mime == "application/javascript"
}

// splitLines splits s after every newline, keeping the newlines, the way
// nbformat stores multi-line strings.
func splitLines(s string) []string {
	lines := []string{}
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}

// multiline is nbformat's multiline_string: a string or a list of strings
// that are concatenated.
type multiline string

func (m *multiline) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*m = multiline(s)
		return nil
	}
	var parts []string
	if err := json.Unmarshal(b, &parts); err != nil {
		return &json.UnmarshalTypeError{Value: multilineMismatch(b), Type: reflect.TypeFor[multiline]()}
	}
	*m = multiline(strings.Join(parts, ""))
	return nil
}

// multilineMismatch says, in words, what b is instead of a multiline string.
func multilineMismatch(b []byte) string {
	var v any
	if json.Unmarshal(b, &v) != nil {
		return "invalid JSON"
	}
	if list, ok := v.([]any); ok {
		for _, item := range list {
			if _, ok := item.(string); !ok {
				return "a list holding " + valueWords(jsonKind(item))
			}
		}
	}
	if kind := jsonKind(v); kind == "number" {
		return "number " + abbreviate(b)
	}
	return jsonKind(v)
}

// abbreviate returns b, cut after about 40 bytes (at a character
// boundary) with "..." when longer.
func abbreviate(b []byte) string {
	const max = 40
	if len(b) <= max {
		return string(b)
	}
	n := max
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return string(b[:n]) + "..."
}
