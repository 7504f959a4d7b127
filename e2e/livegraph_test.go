//go:build browser

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGraphShownEarlierShowsTheCountsAfterLaterCells (issue #12): a pipeline's graph,
// shown before any value went through, says "5 in" once a later cell has pushed 5 values,
// without running its cell again; the picture is replaced in place (the "Trace a value…"
// button stays), the notebook's model and a download have the new counts, and after a
// restart the new session does not answer for the old graph.
func TestGraphShownEarlierShowsTheCountsAfterLaterCells(t *testing.T) {
	p, _ := openBasics(t)
	graph := p.appendCell("import stages\nhead = stages.process(stages.add(100), stages.counter(\"sink\"))\nhead")
	p.runCell(graph)
	p.waitIdle(10 * time.Second)
	cell := fmt.Sprintf(`document.querySelector('.cell[data-id=%s]')`, jsString(graph))
	picture := cell + `.querySelector(".output-svg svg.pushbook-picture")`
	model := fmt.Sprintf(`pushbookApp.notebook.cell(%s).outputs.find(o => o.metadata?.pushbook?.kind === "pipeline")`, jsString(graph))
	p.waitFor(picture+` !== null`, "the graph", 5*time.Second)
	assert.Contains(t, eval[string](p, picture+`.textContent`), "0 in")
	assert.Regexp(t, `^[0-9a-f]{16}-\d+$`, eval[string](p, model+`.metadata.pushbook.graph`), "the output carries the graph's id")
	prompt := p.cellPrompt(graph)
	eval[bool](p, `(window.firstPicture = `+picture+`) !== null`)

	push := p.appendCell("stages.push(range(5), head)")
	p.runCell(push)
	p.waitIdle(10 * time.Second)
	p.waitFor(picture+`.textContent.includes("5 in")`, "the earlier graph to say 5 in", 5*time.Second)
	assert.NotContains(t, eval[string](p, picture+`.textContent`), "0 in")
	assert.False(t, eval[bool](p, `window.firstPicture === `+picture), "a new picture")
	assert.Equal(t, 1, eval[int](p, cell+`.querySelectorAll(".output-svg svg.pushbook-picture").length`), "replaced, not added")
	assert.True(t, eval[bool](p, cell+`.querySelector(".output-svg .trace-actions button") !== null`), "Trace a value… stays")
	assert.Equal(t, prompt, p.cellPrompt(graph), "its cell did not run again")
	assert.Contains(t, eval[string](p, model+`.data["text/plain"]`), "[open] 5 in", "the model has the new counts")
	p.screenshot("livegraph-after-push.png")

	file := downloadNotebook(p, "#download")
	assert.Contains(t, file.Text, "[open] 5 in", "the download has the new counts")
	assert.NotContains(t, file.Text, "[open] 0 in")

	// An error in a later cell refreshes too.
	failing := p.appendCell("stages.push(range(2), head)\n1 / 0")
	p.runCell(failing)
	p.waitIdle(10 * time.Second)
	p.waitFor(picture+`.textContent.includes("7 in")`, "the graph to say 7 in after a failing cell", 5*time.Second)

	// A restarted kernel does not answer for the old session's graph.
	restart(p)
	p.waitFor(`pushbookApp.kernel.session === 2 && pushbookApp.kernel.state === "idle"`, "the restart", 10*time.Second)
	again := p.appendCell("import stages\nhead = stages.process(stages.add(100), stages.counter(\"sink\"))\nstages.push(range(9), head)\nhead")
	p.runCell(again)
	p.waitIdle(10 * time.Second)
	newPicture := fmt.Sprintf(`document.querySelector('.cell[data-id=%s] .output-svg svg.pushbook-picture')`, jsString(again))
	p.waitFor(newPicture+` !== null`, "the new graph", 5*time.Second)
	assert.Contains(t, eval[string](p, newPicture+`.textContent`), "9 in")
	time.Sleep(200 * time.Millisecond) // any answer for the old graph would have come
	text := eval[string](p, picture+`.textContent`)
	assert.True(t, strings.Contains(text, "7 in") && !strings.Contains(text, "9 in"), "the old graph stays as it was: %s", text)
	require.Contains(t, eval[string](p, model+`.data["text/plain"]`), "[open] 7 in")
}
