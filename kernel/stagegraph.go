package kernel

import (
	"errors"

	"go.starlark.net/starlark"

	"pushbook/picture"
	"pushbook/pipeline"
)

// MIMEBundle draws the pipeline below the stage: a stage shown as a cell's
// result is its graph, with the event count of every edge and the state of
// every stage, and an indented tree as text.
func (s *Stage) MIMEBundle() map[string]string {
	g := pipeline.Describe(s.Pipeline().Node())
	return map[string]string{"image/svg+xml": picture.PipelineSVG(g), "text/plain": picture.PipelineText(g)}
}

// MIMEMetadata tags a stage's graph as a pipeline's, for the page (its
// "Trace a value…" button). Shown by a cell, the output's metadata also
// carries the graph's id in the session ({"pushbook": {"kind": "pipeline",
// "graph": ID}}: Session.Graph draws it again as it is now).
func (s *Stage) MIMEMetadata() map[string]any {
	return map[string]any{"pushbook": map[string]any{"kind": "pipeline"}}
}

// ExceptionName returns the Python class name and the message an error
// output would show for err: ("ValueError", "bad").
func ExceptionName(err error) (class, msg string) { return exceptionName(err) }

// DescribeTrace describes journeys recorded by a pipeline.Tracer against
// the pipeline below heads, values as Python's repr and failures as
// "Class: message".
func DescribeTrace(journeys []pipeline.Journey, heads ...*pipeline.Node) pipeline.TraceGraph {
	show := func(v any) string {
		if sv, ok := v.(starlark.Value); ok && sv != nil {
			return sv.String()
		}
		return "None"
	}
	return pipeline.DescribeTrace(journeys, show, explainTrace, heads...)
}

// explainTrace says why a stage failed or refused a value.
func explainTrace(err error) string {
	switch {
	case errors.Is(err, pipeline.ErrStopped):
		return "it has stopped"
	case errors.Is(err, pipeline.ErrClosed):
		return "it is closed"
	case errors.Is(err, pipeline.ErrNotStarted):
		return "it was not started (send None first)"
	case errors.Is(err, pipeline.ErrRunning):
		return "it is handling a value already (a cycle?)"
	}
	class, msg := exceptionName(err)
	if msg == "" {
		return class
	}
	return class + ": " + msg
}

// TracePicture is a trace shown as a cell's result: the picture with the
// way highlighted (image/svg+xml), numbered hop lines (text/plain) and the
// hops as data for the page's player (application/vnd.pushbook.trace+json).
// Note, when set, is a line said before the text (and instead of a picture
// when nothing was recorded).
type TracePicture struct {
	Trace pipeline.TraceGraph
	Note  string
}

var _ Displayable = (*TracePicture)(nil)

func (p *TracePicture) String() string        { return p.text() }
func (p *TracePicture) Type() string          { return "trace" }
func (p *TracePicture) Freeze()               {}
func (p *TracePicture) Truth() starlark.Bool  { return starlark.True }
func (p *TracePicture) Hash() (uint32, error) { return starlark.String(p.text()).Hash() }

func (p *TracePicture) text() string {
	t := picture.TraceText(p.Trace)
	if p.Note != "" {
		t = p.Note + "\n" + t
	}
	return t
}

// MIMEBundle is the picture, the text and the player's data; with no
// events recorded, the pipeline's graph and the note.
func (p *TracePicture) MIMEBundle() map[string]string {
	if len(p.Trace.Events) == 0 {
		return map[string]string{"image/svg+xml": picture.PipelineSVG(p.Trace.Graph), "text/plain": p.text()}
	}
	return map[string]string{
		"image/svg+xml":   picture.TraceSVG(p.Trace),
		"text/plain":      p.text(),
		picture.TraceMIME: picture.TraceJSON(p.Trace),
	}
}

// MIMEMetadata tags the output as a trace.
func (p *TracePicture) MIMEMetadata() map[string]any {
	return map[string]any{"pushbook": map[string]any{"kind": "trace"}}
}
