//go:build browser

package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Completion and the syntax check as you type (issue #11), in the real page with
// the real kernel. PUSHBOOK_SHOTS=DIR saves complete-{light,dark}.png (the popup
// with push's doc) and lint-{light,dark}.png (class X: marked, its message shown),
// 1280 px wide.

// editCell makes a new code cell with source at the end of the notebook, puts the
// caret at its end in its editor and returns its id.
func (p *page) editCell(source string) string {
	p.tb.Helper()
	id := p.appendCell(source)
	sel := fmt.Sprintf(`.cell[data-id=%s]`, jsString(id))
	eval[chromedp.Void](p, `void document.querySelector(`+jsString(sel)+`).scrollIntoView({block: "center"})`)
	p.click(sel + ` .cm-content`)
	p.waitFor(`document.querySelector(`+jsString(sel+` .cm-editor.cm-focused`)+`)`, "the new cell's editor to have the focus", 5*time.Second)
	p.key("End", "End", 35, 2, "") // Ctrl+End: the end of the text
	return id
}

// typeText types text key by key into whatever has the focus, as a user does.
func (p *page) typeText(text string) {
	p.tb.Helper()
	p.do("type "+text, chromedp.KeyEvent(text))
}

// ctrlSpace asks for completion.
func (p *page) ctrlSpace() {
	p.tb.Helper()
	p.key(" ", "Space", 32, 2, "")
}

// editorText is the text of cell id's editor.
func (p *page) editorText(id string) string {
	p.tb.Helper()
	return eval[string](p, fmt.Sprintf(`pushbookApp.views.get(%s).editor.text`, jsString(id)))
}

// popupHas is a JavaScript condition: the completion popup offers name.
func popupHas(name string) string {
	return fmt.Sprintf(`[...document.querySelectorAll(".cm-tooltip-autocomplete li .cm-completionLabel")].some((e) => e.textContent === %s)`, jsString(name))
}

// viewShot saves what the viewport shows (the popups are fixed to it) as name in
// $PUSHBOOK_SHOTS, if set.
func (p *page) viewShot(name string) {
	p.tb.Helper()
	dir := os.Getenv("PUSHBOOK_SHOTS")
	if dir == "" {
		return
	}
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(p.tb, err, "screenshot %s", name)
	require.NoError(p.tb, os.MkdirAll(dir, 0o755))
	require.NoError(p.tb, os.WriteFile(filepath.Join(dir, name), png, 0o644))
}

func TestCompletionOffersAModulesMembersWithTheirDocs(t *testing.T) {
	p, _ := openBasics(t)
	p.do("1280 px wide", chromedp.EmulateViewport(1280, 800))
	imp := p.appendCell("import stages")
	p.runCell(imp)
	p.waitIdle(5 * time.Second)

	id := p.editCell("")
	p.typeText("stages.pu")
	p.waitFor(popupHas("push"), "the popup to offer push after the dot", 5*time.Second)
	p.waitFor(`document.querySelector(".cm-completionInfo")?.textContent.includes("push(source, head")`, "push's doc beside it", 5*time.Second)
	assert.Equal(t, "function", eval[string](p, `[...document.querySelector("li[aria-selected] .cm-completionIcon").classList].find((c) => c.startsWith("cm-completionIcon-")).slice(18)`), "push has the function icon")
	for _, scheme := range []string{"light", "dark"} {
		p.colorScheme(scheme)
		time.Sleep(100 * time.Millisecond)
		p.viewShot("complete-" + scheme + ".png")
	}
	p.colorScheme("")
	p.key("Enter", "Enter", 13, 0, "\r")
	assert.Equal(t, "stages.push", p.editorText(id), "Enter accepts the completion")
	p.waitFor(`!document.querySelector(".cm-tooltip-autocomplete")`, "the popup to close", 2*time.Second)

	// Ctrl+Space, where typing alone does not open it: at the start of a line.
	p.key("Enter", "Enter", 13, 0, "\r")
	p.ctrlSpace()
	p.waitFor(popupHas("print"), "Ctrl+Space to offer the built-ins", 5*time.Second)
	p.key("Escape", "Escape", 27, 0, "")
	p.waitFor(`!document.querySelector(".cm-tooltip-autocomplete")`, "Esc to close the popup", 2*time.Second)
	assert.True(t, eval[bool](p, fmt.Sprintf(`!!document.querySelector('.cell[data-id=%s] .cm-editor.cm-focused')`, jsString(id))), "Esc closed the popup, not the editor")

	// After import: the modules, with their one line.
	p.typeText("from sta")
	p.waitFor(popupHas("stages"), "the modules after from", 5*time.Second)
	assert.Equal(t, "module", eval[string](p, `[...document.querySelector("li[aria-selected] .cm-completionIcon").classList].find((c) => c.startsWith("cm-completionIcon-")).slice(18)`))
}

func TestLintMarksASyntaxErrorAsYouTypeAndClearsItWhenFixed(t *testing.T) {
	p, _ := openBasics(t)
	p.do("1280 px wide", chromedp.EmulateViewport(1280, 800))
	id := p.editCell("")
	sel := fmt.Sprintf(`.cell[data-id=%s]`, jsString(id))
	p.typeText("class X:")
	mark := `document.querySelector(` + jsString(sel+` .cm-lintRange-error`) + `)`
	p.waitFor(mark, "the error to be marked after a pause", 3*time.Second)
	assert.Equal(t, "class", eval[string](p, mark+`.textContent`))

	// The keyboard's way to the message: the caret on the mark shows it.
	p.key("Home", "Home", 36, 0, "")
	tip := `document.querySelector(".cm-caret-diagnostic")?.textContent ?? ""`
	p.waitFor(tip+` !== ""`, "the message under the caret", 2*time.Second)
	assert.Contains(t, eval[string](p, tip), "classes are not supported in pushbook cells: use a dict for data and def for behaviour")
	for _, scheme := range []string{"light", "dark"} {
		p.colorScheme(scheme)
		time.Sleep(100 * time.Millisecond)
		p.viewShot("lint-" + scheme + ".png")
	}
	p.colorScheme("")

	// The mouse's: hovering the mark.
	p.key("End", "End", 35, 0, "")
	p.waitFor(`!document.querySelector(".cm-caret-diagnostic")`, "the caret tooltip to go with the caret", 2*time.Second)
	box := eval[map[string]float64](p, `(() => { const r = `+mark+`.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()`)
	p.do("hover the mark", chromedp.MouseEvent(chromedp.MouseMoved, box["x"], box["y"]))
	p.waitFor(`[...document.querySelectorAll(".cm-tooltip-hover .cm-diagnostic")].some((e) => e.textContent.includes("classes are not supported"))`, "the message on hover", 3*time.Second)

	// Fixed: the mark goes after the next pause.
	p.key("a", "KeyA", 65, 2, "") // Ctrl+A
	p.typeText("x = 1")
	p.waitFor(`!`+mark, "the mark to clear once the code parses", 3*time.Second)
}

// Typing and completion stay quick while a cell loops: the worker answers a
// completion between two slices of the running cell, and the cell still stops.
func TestCompletionAnswersWhileALongCellRuns(t *testing.T) {
	p, _ := openBasics(t)
	loop := p.appendCell("while True: pass")
	p.runCell(loop)
	p.waitFor(`document.querySelector("#kernel-state").dataset.state === "busy"`, "the loop to start", 5*time.Second)
	id := p.editCell("")
	began := time.Now()
	p.typeText("pri")
	p.ctrlSpace()
	took, err := p.waitUntil(popupHas("print"), 3*time.Second)
	require.NoError(t, err, "no completion while the cell runs")
	t.Logf("typing 3 keys and completing took %v while a cell ran", time.Since(began))
	assert.Less(t, took, time.Second, "completion answers within a second while a cell runs")
	assert.Equal(t, "pri", p.editorText(id))
	assert.Equal(t, "busy", p.kernelState(), "the loop is still running")

	p.key("Escape", "Escape", 27, 0, "")
	p.key("Enter", "Enter", 13, 0, "\r")
	p.typeText("class Y:")
	p.waitFor(`document.querySelector(`+jsString(`.cell[data-id="`+id+`"] .cm-lintRange-error`)+`)`, "the syntax check while the cell runs", 3*time.Second)

	p.click("#stop")
	p.waitIdle(5 * time.Second)
	assert.Contains(t, p.cellText(loop), "KeyboardInterrupt")
}
