//go:build browser

package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// width sets the page's layout width in CSS pixels (the harness's window is 1200).
func (p *page) width(w int64) {
	p.tb.Helper()
	p.do("set the width", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: w, Height: 900, DeviceScaleFactor: 1})
		return err
	}))
}

// TestTraceAValueFromAGraphAndStepThroughIt: a pipeline shown as a cell's result offers
// "Trace a value…", which inserts stages.trace(pipeline, 0) below, ready to edit; running
// it shows the trace, whose player steps hop by hop, depth-first as push is.
func TestTraceAValueFromAGraphAndStepThroughIt(t *testing.T) {
	p, _ := openBasics(t)
	p.width(1280)
	graph := p.appendCell(`from seed import co_process, co_filter, co_split, co_sink
pipeline = co_process(co_filter(co_split(co_sink("first"), co_sink("display")), co_sink("second")))
pipeline`)
	noName := p.appendCell(`co_process(co_sink("x"))`)
	p.runCell(graph)
	p.waitIdle(10 * time.Second)
	p.runCell(noName)
	p.waitIdle(10 * time.Second)
	cell := func(id string) string {
		return fmt.Sprintf(`document.querySelector('.cell[data-id=%s]')`, jsString(id))
	}
	require.True(t, eval[bool](p, cell(graph)+`.querySelector(".output-svg svg.pushbook-picture") !== null`), "the graph is drawn")
	assert.False(t, eval[bool](p, cell(noName)+`.querySelector(".trace-actions") !== null`), "no button when the last line is no name")

	p.click(fmt.Sprintf(`.cell[data-id=%s] .trace-actions button`, jsString(graph)))
	next := cell(graph) + `.nextElementSibling`
	p.waitFor(next+`?.querySelector(".cm-content")?.textContent === "import stagesstages.trace(pipeline, 0)"`, "the trace cell below, in an editor", 5*time.Second)
	p.waitFor(next+`.contains(document.activeElement)`, "the focus in the new cell", 5*time.Second)
	traceID := eval[string](p, next+`.dataset.id`)
	assert.Equal(t, "import stages\nstages.trace(pipeline, 0)", eval[string](p, fmt.Sprintf(`pushbookApp.notebook.cell(%s).source`, jsString(traceID))))

	p.runCell(traceID)
	p.waitIdle(10 * time.Second)
	box := cell(traceID) + `.querySelector(".trace-player")`
	p.waitFor(box, "the trace player", 5*time.Second)
	text := p.cellText(traceID)
	assert.Contains(t, text, "display RECEIVED: 100", "the sinks print as they receive")
	// the sanitizer keeps the parts the player marks
	assert.Equal(t, 5, eval[int](p, box+`.querySelectorAll("svg [data-edge]").length`))
	assert.Equal(t, 6, eval[int](p, box+`.querySelectorAll("svg [data-node]").length`))
	assert.Greater(t, eval[int](p, box+`.querySelectorAll("svg [data-step]").length`), 4)
	assert.Equal(t, 0, eval[int](p, box+`.querySelectorAll("[id]").length`))
	assert.Contains(t, eval[string](p, box+`.querySelector(".trace-caption").textContent`), "5 steps")
	p.screenshot("trace-light-static.png")

	step := fmt.Sprintf(`.cell[data-id=%s] .trace-controls button[aria-label^="Step"]`, jsString(traceID))
	for range 4 {
		p.click(step)
	}
	caption := eval[string](p, box+`.querySelector(".trace-caption").textContent`)
	assert.Equal(t, "step 4 of 5: 3. co_split -> co_sink('display'): 100 — co_sink('display') reached a sink", caption)
	current := eval[[]string](p, `[...`+box+`.querySelectorAll(".trace-current")].map(e => e.getAttribute("data-edge") ?? "node " + e.getAttribute("data-node"))`)
	edgeToDisplay := eval[string](p, `String(JSON.parse(JSON.stringify(pushbookApp.notebook.cell(`+jsString(traceID)+`).outputs.find(o => o.data)?.data["application/vnd.pushbook.trace+json"])).events[0].hops[3].edge)`)
	assert.ElementsMatch(t, []string{edgeToDisplay, "node 4"}, current, "hop 3 is the edge to display, before first")
	assert.True(t, eval[bool](p, box+`.classList.contains("playing")`))
	width := eval[string](p, box+`.querySelector('[data-edge="`+edgeToDisplay+`"] .trace-line').getBoundingClientRect().width > 0 && getComputedStyle(`+box+`.querySelector('[data-edge="`+edgeToDisplay+`"] .trace-line')).strokeWidth`)
	assert.Equal(t, "5px", width, "the current hop is drawn thick")
	p.screenshot("trace-light-step4.png")
	p.colorScheme("dark")
	p.screenshot("trace-dark-step4.png")

	// the keyboard reaches the buttons: Enter on Step shows the last hop
	eval[chromedp.Void](p, `void document.querySelector(`+jsString(step)+`).focus()`)
	p.key("Enter", "Enter", 13, 0, "\r")
	p.waitFor(box+`.querySelector(".trace-caption").textContent.startsWith("step 5 of 5: 4. co_split -> co_sink('first')")`, "the last hop", 2*time.Second)
	p.click(fmt.Sprintf(`.cell[data-id=%s] .trace-controls button[aria-label^="Reset"]`, jsString(traceID)))
	assert.False(t, eval[bool](p, box+`.classList.contains("playing")`))
	p.screenshot("trace-dark-static.png")

	// Play runs through the hops by itself
	p.click(fmt.Sprintf(`.cell[data-id=%s] .trace-controls button[aria-label^="Play"]`, jsString(traceID)))
	p.waitFor(box+`.querySelector(".trace-caption").textContent.startsWith("step 5 of 5")`, "Play to reach the last hop", 6*time.Second)
	p.colorScheme("")
}
