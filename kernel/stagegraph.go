package kernel

import (
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
