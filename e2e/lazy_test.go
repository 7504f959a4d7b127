//go:build browser

package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCodeCellWithoutAnEditorRunsWithShiftEnterAndBecomesAnEditorWhenClicked
// checks the static view a code cell shows until it is edited: labelled and
// focusable like the editor, highlighted like it, runnable from command mode,
// and replaced by the editor, with the caret where the user clicked, on a click.
func TestCodeCellWithoutAnEditorRunsWithShiftEnterAndBecomesAnEditorWhenClicked(t *testing.T) {
	p, _ := openBasics(t)
	static := `document.querySelector('.cell[data-id="hello"] .cm-static')`
	require.True(t, eval[bool](p, `!!`+static), "a code cell opens without an editor")
	assert.False(t, eval[bool](p, `pushbookApp.views.get("hello").hasEditor`))
	content := static + `.querySelector(".cm-content")`
	assert.Equal(t, "textbox", eval[string](p, content+`.getAttribute("role")`))
	assert.Equal(t, "cell source", eval[string](p, content+`.getAttribute("aria-label")`))
	assert.Equal(t, 0, eval[int](p, content+`.tabIndex`), "the static view is reachable with Tab")
	assert.Equal(t, `print("hello from the kernel")`, eval[string](p, content+`.textContent`))
	assert.Equal(t, `"hello from the kernel"`, eval[string](p, content+`.querySelector(".tok-string")?.textContent ?? ""`), "the string is highlighted")

	eval[chromedp.Void](p, `void pushbookApp.select("hello", true)`)
	p.key("Enter", "Enter", 13, 8, "\r") // Shift+Enter in command mode
	p.waitFor(`document.querySelector('.cell[data-id="hello"] .cell-outputs').innerText.includes("hello from the kernel")`, "the output of Shift+Enter", 5*time.Second)
	assert.Equal(t, "In [1]:", p.cellPrompt("hello"))
	assert.True(t, eval[bool](p, `!!`+static), "running a cell does not make its editor")
	assert.Equal(t, "answer", eval[string](p, `pushbookApp.selected`), "Shift+Enter selects the next cell")

	p.click(`.cell[data-id="hello"] .cm-content`)
	assert.False(t, eval[bool](p, `!!`+static), "the static view is gone after a click")
	assert.True(t, eval[bool](p, `pushbookApp.views.get("hello").hasEditor`))
	assert.True(t, eval[bool](p, `document.activeElement.matches('.cell[data-id="hello"] .cm-editor:not(.cm-static) .cm-content')`), "the editor has the focus")
	p.do("type", chromedp.KeyEvent("Z"))
	src := eval[string](p, `pushbookApp.notebook.cell("hello").source`)
	assert.Len(t, src, len(`print("hello from the kernel")`)+1, "one character typed into %q", src)
	assert.NotEqual(t, "Z", src[:1], "the caret went where the click was, not to the start: %q", src)
}

// TestAStaticCellShowsSourceSetOutsideTheEditor checks that a change to a
// cell's source made through the model reaches the static view and the editor.
func TestAStaticCellShowsSourceSetOutsideTheEditor(t *testing.T) {
	p, _ := openBasics(t)
	eval[chromedp.Void](p, `void pushbookApp.notebook.setSource("answer", "y = 1")`)
	assert.Equal(t, "y = 1", eval[string](p, `document.querySelector('.cell[data-id="answer"] .cm-static .cm-content').textContent`))
	eval[chromedp.Void](p, `void pushbookApp.views.get("answer").edit()`)
	eval[chromedp.Void](p, `void pushbookApp.notebook.setSource("answer", "y = 2")`)
	assert.Equal(t, "y = 2", eval[string](p, `document.querySelector('.cell[data-id="answer"] .cm-editor .cm-content').textContent`))
}

// TestEveryCellIsDrawnSoonAfterTheNotebookOpens checks that cells below the
// fold, drawn in idle time, do get drawn.
func TestEveryCellIsDrawnSoonAfterTheNotebookOpens(t *testing.T) {
	p, _ := openBasics(t)
	p.waitFor(`[...pushbookApp.views.values()].every(v => v.drawn)`, "every cell drawn", 5*time.Second)
	assert.Equal(t, eval[int](p, `pushbookApp.notebook.cells.filter(c => c.cell_type === "code").length`), eval[int](p, `document.querySelectorAll(".code-cell .cm-editor").length`), "every code cell shows its source")
}
