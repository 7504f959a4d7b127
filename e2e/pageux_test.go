//go:build browser

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The notebook page as a Jupyter user handles it: a session per notebook,
// Restart that asks, undo of deleted cells, Tab that never traps, A and B in
// command mode, the kernel's state always in sight, the "⋯ More" menu at a
// phone's width, pictures that scale and open at full size, and a run
// button on every code cell.

// pressTab presses Tab (Shift+Tab with back) on whatever has the focus.
func (p *page) pressTab(back bool) {
	p.tb.Helper()
	var mods int64
	if back {
		mods = 8
	}
	p.key("Tab", "Tab", 9, mods, "")
}

// focused describes the element with the focus: its cell's id and what it is.
func (p *page) focused() string {
	return eval[string](p, `(() => {
		const a = document.activeElement;
		const cell = a?.closest?.(".cell")?.dataset.id ?? "";
		const what = a?.classList.contains("cell") ? "cell" : a?.classList.contains("cm-content") ? "editor" : a?.classList.contains("run-cell") ? "run" : (a?.id || a?.tagName || "none");
		return cell ? cell + ":" + what : what;
	})()`)
}

// chooseExample picks the example notebook path in the Examples menu.
func (p *page) chooseExample(path string) {
	p.tb.Helper()
	eval[chromedp.Void](p, fmt.Sprintf(`void (() => { const s = document.querySelector("#examples"); s.value = %s; s.dispatchEvent(new Event("change")); })()`, jsString(path)))
	p.waitFor(fmt.Sprintf(`pushbookApp.origin?.ref === %s`, jsString(path)), "the example "+path, 10*time.Second)
}

func TestOpeningAnotherNotebookStartsAFreshSessionAndTheAddressFollowsIt(t *testing.T) {
	base := serve(t, siteDir(t))
	p := newPage(t)
	p.open(base + "?notebook=testdata/basics.ipynb&run=all")
	p.waitFor(`document.body.innerText.includes("line 499")`, "Run all", kernelStart+10*time.Second)
	p.waitIdle(10 * time.Second)
	assert.Equal(t, "?notebook=testdata%2Fbasics.ipynb", eval[string](p, `location.search`), "run=all is dropped once it ran")
	keep := p.appendCell("kept = 1")
	p.runCell(keep)
	p.waitIdle(5 * time.Second)

	p.chooseExample("examples/events.ipynb")
	assert.Equal(t, "?notebook=examples%2Fevents.ipynb", eval[string](p, `location.search`), "the address names the example shown")
	p.waitIdle(kernelStart)
	assertFreshSession(t, p) // counts from 1, kept is gone

	// New: a fresh session again, and the bare address (which opens the last notebook).
	p.click("#new")
	p.waitFor(`pushbookApp.origin.kind === "untitled"`, "the new notebook", 5*time.Second)
	assert.Equal(t, base, eval[string](p, `location.href`))
	p.waitIdle(kernelStart)
	id := eval[string](p, `pushbookApp.notebook.cells[0].id`)
	eval[chromedp.Void](p, fmt.Sprintf(`void pushbookApp.notebook.setSource(%s, "kept")`, jsString(id)))
	p.runCell(id)
	p.waitIdle(5 * time.Second)
	assert.Contains(t, p.cellText(id), "NameError", "a variable of the events notebook's session")
	assert.Equal(t, "In [1]:", p.cellPrompt(id))
}

func TestRestartAsksWhenTheSessionHasStateAndSaysItHappened(t *testing.T) {
	p, _ := openBasics(t)
	// Nothing ran: nothing to lose, no question.
	p.click("#restart")
	p.waitFor(`document.querySelector("#toast") && !document.querySelector("#toast").hidden`, "the restart's toast", 10*time.Second)
	assert.False(t, eval[bool](p, `!!document.querySelector("#confirm-dialog")?.open`), "a restart without state asks nothing")
	p.waitIdle(10 * time.Second)

	p.runCell("answer")
	p.waitIdle(5 * time.Second)
	require.Equal(t, "In [1]:", p.cellPrompt("answer"))
	p.click("#restart")
	p.waitFor(`document.querySelector("#confirm-dialog")?.open`, "the question", 5*time.Second)
	assert.Contains(t, eval[string](p, `document.querySelector("#confirm-dialog").innerText`), "Restart the kernel?")
	p.screenshot("restart-confirm.png")
	p.key("Escape", "Escape", 27, 0, "")
	p.waitFor(`!document.querySelector("#confirm-dialog").open`, "Esc to cancel", 5*time.Second)
	check := p.appendCell("print(x)")
	p.runCell(check)
	p.waitIdle(5 * time.Second)
	assert.Contains(t, p.cellText(check), "42", "Cancel keeps the session")

	eval[chromedp.Void](p, `void (document.querySelector("#toast").hidden = true)`)
	p.click("#restart")
	p.waitFor(`document.querySelector("#confirm-dialog")?.open`, "the question", 5*time.Second)
	p.click("#confirm-ok")
	p.waitFor(`!document.querySelector("#toast").hidden`, "the restart's toast", 10*time.Second)
	assert.Contains(t, eval[string](p, `document.querySelector("#toast").textContent`), "Kernel restarted")
	p.waitIdle(10 * time.Second)
	assert.Equal(t, []string{"In [ ]:", "In [ ]:", "In [ ]:", "In [ ]:"}, eval[[]string](p, `[...document.querySelectorAll(".code-cell .in-prompt")].map(e => e.textContent)`), "the counts start again")
	p.runCell(check)
	p.waitIdle(5 * time.Second)
	assert.Contains(t, p.cellText(check), "NameError", "the variables are gone")
	assert.Equal(t, "In [1]:", p.cellPrompt(check))
}

func TestZBringsBackDeletedCellsWhereTheyWere(t *testing.T) {
	p, _ := openBasics(t)
	order := `pushbookApp.notebook.cells.map(c => c.id).join(",")`
	require.Equal(t, "intro,hello,answer,long", eval[string](p, order))
	p.runCell("answer")
	p.waitIdle(5 * time.Second)
	d := func() { p.key("d", "KeyD", 68, 0, "d") }
	eval[chromedp.Void](p, `void pushbookApp.select("answer", true)`)
	d()
	d()
	assert.Equal(t, "intro,hello,long", eval[string](p, order), "D D deletes answer")
	assert.Equal(t, "long", eval[string](p, `pushbookApp.selected`))
	eval[chromedp.Void](p, `void pushbookApp.select("intro", true)`)
	d()
	d()
	assert.Equal(t, "hello,long", eval[string](p, order))
	p.key("z", "KeyZ", 90, 0, "z")
	assert.Equal(t, "intro,hello,long", eval[string](p, order), "Z brings back the last deleted first")
	assert.Equal(t, "intro:cell", p.focused(), "the restored cell is selected, in command mode")
	p.key("z", "KeyZ", 90, 0, "z")
	assert.Equal(t, "intro,hello,answer,long", eval[string](p, order), "Z again brings back the one before, in its place")
	assert.Contains(t, p.cellText("answer"), "42", "with its output")
	p.key("z", "KeyZ", 90, 0, "z")
	assert.Equal(t, "intro,hello,answer,long", eval[string](p, order), "nothing more to bring back")
}

func TestTabMovesBetweenCellsAndEscAlwaysLeavesTheEditor(t *testing.T) {
	p, _ := openBasics(t)
	// From the top of the page, Tab reaches the first code cell as a cell (command mode).
	eval[chromedp.Void](p, `void (document.activeElement.blur(), document.querySelector(".cell[data-id=intro]").focus(), document.activeElement)`)
	require.Equal(t, "intro:cell", p.focused())
	p.pressTab(false)
	assert.Equal(t, "hello:cell", p.focused(), "Tab from a cell goes to the next cell, not into an editor")
	p.pressTab(false)
	assert.Equal(t, "hello:run", p.focused(), "then the cell's run button")
	p.pressTab(false)
	assert.Equal(t, "answer:cell", p.focused(), "then the next cell")

	// Enter edits; Tab in the editor indents; Esc leaves; Tab then moves on.
	p.pressTab(true)
	p.pressTab(true)
	require.Equal(t, "hello:cell", p.focused())
	p.key("Enter", "Enter", 13, 0, "\r")
	p.waitFor(`document.activeElement.matches('.cell[data-id="hello"] .cm-content')`, "the editor", 5*time.Second)
	p.pressTab(false)
	assert.Equal(t, "hello:editor", p.focused(), "Tab in the editor stays there")
	p.waitFor(`pushbookApp.notebook.cell("hello").source.startsWith("    ")`, "Tab to indent the code (and the model to have it)", 5*time.Second)
	p.key("Escape", "Escape", 27, 0, "")
	assert.Equal(t, "hello:cell", p.focused(), "Esc leaves the editor for the cell")
	p.pressTab(false)
	assert.Equal(t, "hello:run", p.focused(), "Tab after Esc moves on, not back into the editor")
	assert.Equal(t, 1, strings.Count(eval[string](p, `pushbookApp.notebook.cell("hello").source`), "    "), "one indent, from the Tab in the editor")
}

func TestAAndBInsertACellAndStayInCommandMode(t *testing.T) {
	p, _ := openBasics(t)
	eval[chromedp.Void](p, `void pushbookApp.select("hello", true)`)
	n := eval[int](p, `pushbookApp.notebook.cells.length`)
	p.key("b", "KeyB", 66, 0, "b")
	require.Equal(t, n+1, eval[int](p, `pushbookApp.notebook.cells.length`))
	added := eval[string](p, `pushbookApp.selected`)
	assert.Equal(t, added, eval[string](p, `pushbookApp.notebook.cells[2].id`), "B inserts below")
	assert.Equal(t, added+":cell", p.focused(), "B stays in command mode")
	p.key("Enter", "Enter", 13, 0, "\r")
	p.waitFor(`document.activeElement.classList.contains("cm-content")`, "Enter to edit the new cell", 5*time.Second)
	p.do("type", chromedp.KeyEvent("x"))
	assert.Equal(t, "x", eval[string](p, fmt.Sprintf(`pushbookApp.notebook.cell(%s).source`, jsString(added))), "B, Enter, x types x: no blank line")

	p.key("Escape", "Escape", 27, 0, "")
	p.key("a", "KeyA", 65, 0, "a")
	above := eval[string](p, `pushbookApp.selected`)
	assert.Equal(t, []string{above, added}, eval[[]string](p, `pushbookApp.notebook.cells.slice(2, 4).map(c => c.id)`), "A inserts above")
	assert.Equal(t, above+":cell", p.focused(), "A stays in command mode")
}

func TestTheKernelStateStaysInSightWhileThePageScrolls(t *testing.T) {
	p, _ := openBasics(t)
	p.runCell("long")
	p.waitIdle(10 * time.Second)
	p.click(`.cell[data-id="long"] .show-all`)
	eval[chromedp.Void](p, `void window.scrollTo(0, document.documentElement.scrollHeight)`)
	require.Greater(t, eval[float64](p, `window.scrollY`), 1000.0, "the page scrolled")
	inSight := `(() => {
		const r = document.querySelector("#kernel-state").getBoundingClientRect();
		const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		return r.top >= 0 && r.bottom <= innerHeight && !!hit?.closest("#kernel-state");
	})()`
	assert.True(t, eval[bool](p, inSight), "the kernel's state is on screen after scrolling down")
	assert.Contains(t, eval[string](p, `document.querySelector("#kernel-state").textContent`), "idle")
	p.viewport(390, 844)
	assert.True(t, eval[bool](p, inSight), "and at 390 px")
	p.viewport(1200, 900)
}

func TestAtAPhonesWidthTheLessUsedButtonsAreInTheMoreMenu(t *testing.T) {
	p, _ := openBasics(t)
	p.runCell("hello")
	p.waitIdle(5 * time.Second)
	visible := func(sel string) bool {
		return eval[bool](p, fmt.Sprintf(`!!document.querySelector(%s)?.getClientRects().length`, jsString(sel)))
	}
	shownItems := `[...document.querySelectorAll("#more-menu [role=menuitem]")].filter(e => e.getClientRects().length).map(e => e.textContent)`
	toolbarRow := `document.querySelector("#kernel-state").getBoundingClientRect().top - document.querySelector("#run").getBoundingClientRect().top`

	// 1200 px: one row, the least-used four in the menu.
	p.viewport(1200, 900)
	assert.True(t, visible("#download"))
	assert.False(t, visible("#clear"))
	assert.InDelta(t, 0, eval[float64](p, toolbarRow), 8, "the kernel's state is on the toolbar's one row")
	p.click("#more")
	assert.Equal(t, []string{"Add data file…", "Move cell up", "Move cell down", "Clear outputs"}, eval[[]string](p, shownItems))
	p.key("Escape", "Escape", 27, 0, "")
	// 1280 px: everything in the toolbar, still one row.
	p.viewport(1280, 900)
	assert.True(t, visible("#clear"))
	assert.False(t, visible("#more"))
	assert.InDelta(t, 0, eval[float64](p, toolbarRow), 8, "the kernel's state is on the toolbar's one row at 1280 px")

	p.viewport(390, 844)
	defer p.viewport(1200, 900)
	assert.LessOrEqual(t, eval[int](p, `document.documentElement.scrollWidth`), 390, "the page scrolls sideways")
	assert.False(t, visible("#download"), "Download is in the menu")
	assert.True(t, visible("#run"), "Run stays in the toolbar")
	assert.True(t, visible("#more"))
	assert.Less(t, eval[float64](p, `document.querySelector(".toolbar").getBoundingClientRect().height`), 100.0, "the toolbar is at most two rows")

	p.click("#more")
	assert.Equal(t, "true", eval[string](p, `document.querySelector("#more").getAttribute("aria-expanded")`))
	assert.True(t, visible("#more-menu"))
	item := `document.activeElement.getAttribute("role") + ":" + document.activeElement.textContent`
	assert.Equal(t, "menuitem:New notebook", eval[string](p, item), "opening focuses the first item")
	p.screenshot("more-menu-390.png")
	p.key("ArrowDown", "ArrowDown", 40, 0, "")
	assert.Equal(t, "menuitem:Open…", eval[string](p, item))
	p.key("End", "End", 35, 0, "")
	assert.Equal(t, "menuitem:Erase local data", eval[string](p, item))
	p.key("ArrowDown", "ArrowDown", 40, 0, "")
	assert.Equal(t, "menuitem:New notebook", eval[string](p, item), "down from the last wraps")
	p.key("Escape", "Escape", 27, 0, "")
	assert.False(t, visible("#more-menu"), "Esc closes the menu")
	assert.Equal(t, "false", eval[string](p, `document.querySelector("#more").getAttribute("aria-expanded")`))
	assert.Equal(t, "more", eval[string](p, `document.activeElement.id`), "the focus goes back to the button")

	// Keyboard only: open it, go to Clear outputs, Enter.
	p.key("Enter", "Enter", 13, 0, "\r")
	for i := 0; i < 10 && eval[string](p, item) != "menuitem:Clear outputs"; i++ {
		p.key("ArrowDown", "ArrowDown", 40, 0, "")
	}
	require.Equal(t, "menuitem:Clear outputs", eval[string](p, item))
	p.key("Enter", "Enter", 13, 0, "\r")
	p.waitFor(`!document.querySelector(".cell .output")`, "Clear outputs from the menu", 5*time.Second)
	assert.False(t, visible("#more-menu"), "choosing an item closes the menu")
}

func TestPicturesScaleToTheirOutputAndOpenAtFullSize(t *testing.T) {
	base := serve(t, siteDir(t))
	p := newPage(t)
	p.viewport(1280, 900)
	p.open(base + "?notebook=examples/events.ipynb&run=all")
	p.waitIdle(kernelStart + 20*time.Second)
	p.waitFor(`document.querySelector(".output-svg svg.pushbook-picture")`, "the pipeline graph", 10*time.Second)
	graph := `[...document.querySelectorAll(".output-svg")].find(d => d.querySelector(".trace-actions"))`
	natural := eval[float64](p, graph+`.querySelector("svg").width.baseVal.value`)
	shown := eval[float64](p, graph+`.querySelector("svg").getBoundingClientRect().width`)
	box := eval[float64](p, graph+`.clientWidth`)
	t.Logf("pipeline graph: natural %.0f px, shown %.0f px in a box of %.0f px", natural, shown, box)
	fits := shown <= box+1
	cue := eval[bool](p, graph+`.hasAttribute("data-more-right")`)
	assert.True(t, fits || cue, "at 1280 px the graph fits its box or fades at the edge it scrolls on")
	assert.LessOrEqual(t, shown, natural+1, "never wider than its natural size")
	for _, w := range eval[[]float64](p, `[...document.querySelectorAll(".output-svg svg.pushbook-picture")].map(s => s.getBoundingClientRect().width - s.width.baseVal.value)`) {
		assert.LessOrEqual(t, w, 1.0, "a picture drawn wider than its natural width")
	}

	button := graph + `.querySelector(".picture-full-size")`
	require.True(t, eval[bool](p, `!!`+button+`?.getClientRects().length`), "a scaled-down picture offers Full size")
	assert.Contains(t, eval[string](p, button+`.getAttribute("aria-label")`), "at full size")
	eval[chromedp.Void](p, `void `+button+`.click()`)
	p.waitFor(`document.querySelector("#picture-dialog")?.open`, "the full-size dialog", 5*time.Second)
	full := eval[float64](p, `document.querySelector("#picture-dialog svg").getBoundingClientRect().width`)
	assert.InDelta(t, natural, full, 1, "the dialog shows the picture at its natural width")
	p.screenshot("picture-full-size.png")
	p.key("Escape", "Escape", 27, 0, "")
	p.waitFor(`!document.querySelector("#picture-dialog").open`, "Esc to close the dialog", 5*time.Second)

	p.viewport(390, 844)
	defer p.viewport(1200, 900)
	time.Sleep(200 * time.Millisecond)
	assert.LessOrEqual(t, eval[int](p, `document.documentElement.scrollWidth`), 390, "the page scrolls sideways at 390 px")
	assert.True(t, eval[bool](p, graph+`.hasAttribute("data-more-right")`), "at 390 px the graph scrolls in its box and says so at its edge")
}

func TestEveryCodeCellHasARunButton(t *testing.T) {
	p, _ := openBasics(t)
	run := `document.querySelector('.cell[data-id="hello"] .run-cell')`
	require.True(t, eval[bool](p, `!!`+run))
	assert.Equal(t, "Run cell", eval[string](p, run+`.getAttribute("aria-label")`))
	assert.False(t, eval[bool](p, `!!document.querySelector('.cell[data-id="intro"] .run-cell')?.getClientRects().length`), "a Markdown cell has none")
	eval[chromedp.Void](p, `void pushbookApp.select("answer", true)`)
	assert.Equal(t, "0", eval[string](p, `getComputedStyle(`+run+`).opacity`), "hidden until the cell is hovered, selected or the button focused")
	at := eval[[]float64](p, `(() => { const r = document.querySelector('.cell[data-id="hello"] .cell-body').getBoundingClientRect(); return [r.left + 20, r.top + r.height / 2]; })()`)
	p.do("hover", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, at[0], at[1]))
	assert.Equal(t, "1", eval[string](p, `getComputedStyle(`+run+`).opacity`), "shown on hover")
	p.click(`.cell[data-id="hello"] .run-cell`)
	p.waitFor(`document.querySelector('.cell[data-id="hello"] .cell-outputs').innerText.includes("hello from the kernel")`, "the click to run the cell", 5*time.Second)
	assert.Equal(t, "hello", eval[string](p, `pushbookApp.selected`), "it runs in place")

	// From the keyboard: Tab from the cell reaches its button; Enter runs it.
	eval[chromedp.Void](p, `void pushbookApp.select("answer", true)`)
	p.pressTab(false)
	require.Equal(t, "answer:run", p.focused())
	assert.Equal(t, "1", eval[string](p, `getComputedStyle(document.activeElement).opacity`))
	p.key("Enter", "Enter", 13, 0, "\r")
	p.waitFor(`document.querySelector('.cell[data-id="answer"] .cell-outputs').innerText.includes("42")`, "Enter on the run button", 5*time.Second)
}

// With PUSHBOOK_SHOTS=dir the tests above also save more-menu-390.png (the
// menu open), restart-confirm.png (the question) and picture-full-size.png
// (the events notebook's pipeline graph in its dialog).

// TestScreenshotsOfTheSeedAndEventsNotebooks runs the seed and the events
// notebooks and checks that nothing scrolls the page sideways at 390 px;
// with PUSHBOOK_SHOTS=dir it saves them at 1280 px light and dark and at
// 390 px: {seed,events}-{1280-light,1280-dark,390-light}.png.
func TestScreenshotsOfTheSeedAndEventsNotebooks(t *testing.T) {
	base := serve(t, siteDir(t))
	for _, name := range []string{"seed", "events"} {
		p := newPage(t)
		p.open(base + "?notebook=examples/" + name + ".ipynb&run=all")
		p.waitIdle(kernelStart + 20*time.Second)
		for _, w := range []int64{1280, 390} {
			p.viewport(w, 900)
			for _, scheme := range []string{"light", "dark"} {
				if w == 390 && scheme == "dark" {
					continue
				}
				p.colorScheme(scheme)
				time.Sleep(150 * time.Millisecond)
				p.screenshot(fmt.Sprintf("%s-%d-%s.png", name, w, scheme))
			}
			assert.LessOrEqual(t, eval[int](p, `document.documentElement.scrollWidth`), int(w), "%s scrolls the page sideways at %d px", name, w)
		}
		p.colorScheme("")
	}
}
