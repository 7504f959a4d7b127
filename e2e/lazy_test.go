//go:build browser

package e2e

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCodeCellWithoutAnEditorRunsWithShiftEnterAndBecomesAnEditorWhenClicked
// checks the static view a code cell shows until it is edited: labelled like
// the editor, highlighted like it, runnable from command mode,
// and replaced by the editor, with the caret where the user clicked, on a click.
func TestCodeCellWithoutAnEditorRunsWithShiftEnterAndBecomesAnEditorWhenClicked(t *testing.T) {
	p, _ := openBasics(t)
	static := `document.querySelector('.cell[data-id="hello"] .cm-static')`
	require.True(t, eval[bool](p, `!!`+static), "a code cell opens without an editor")
	assert.False(t, eval[bool](p, `pushbookApp.views.get("hello").hasEditor`))
	content := static + `.querySelector(".cm-content")`
	assert.Equal(t, "textbox", eval[string](p, content+`.getAttribute("role")`))
	assert.Equal(t, "cell source", eval[string](p, content+`.getAttribute("aria-label")`))
	assert.Equal(t, -1, eval[int](p, content+`.tabIndex`), "the static view is no tab stop: Tab moves between cells, Enter on one edits it")
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

// editorChunk is a JavaScript expression for the resource timing entry of
// the editor's code chunk (undefined until the page has fetched it).
const editorChunk = `performance.getEntriesByType("resource").find(e => /\/chunks\/editor-[^/]*\.js$/.test(e.name))`

// waitEditorCode waits until the page has prefetched the editor's code and
// run it, so that the next editor is made at once, as after a user's pause.
func (p *page) waitEditorCode() {
	p.tb.Helper()
	p.waitFor(editorChunk, "the editor chunk to be prefetched", 10*time.Second)
	// The page's own import of the same URL has finished when this one has.
	eval[bool](p, `import(`+editorChunk+`.name).then(() => true)`)
}

// TestTheEditorCodeLoadsAfterTheKernelIsReadyNotBefore checks that
// CodeMirror, a chunk of its own, is not part of what the page loads before
// the kernel is ready, and that it is fetched soon after, before any cell is
// edited.
func TestTheEditorCodeLoadsAfterTheKernelIsReadyNotBefore(t *testing.T) {
	p, _ := openBasics(t)
	ready := eval[float64](p, `performance.getEntriesByName("pushbook-kernel-ready")[0].startTime`)
	fetched := eval[float64](p, editorChunk+`.startTime`)
	assert.Greater(t, fetched, ready, "the editor chunk is requested after kernel-ready (%.0f ms), not at %.0f ms", ready, fetched)
	assert.False(t, eval[bool](p, `[...pushbookApp.views.values()].some(v => v.hasEditor)`), "prefetching makes no editor")
}

// TestAClickAndTypingWhileTheEditorCodeLoadsGoWhereTheClickWas holds back
// the editor chunk, clicks inside a cell's static view and types, and checks
// that the view keeps the focus and says it is loading, then that the
// editor, once its code arrives, has the focus, the typed key, and the caret
// after it where the click was.
func TestAClickAndTypingWhileTheEditorCodeLoadsGoWhereTheClickWas(t *testing.T) {
	release := make(chan struct{})
	var releaseOnce sync.Once
	open := func() { releaseOnce.Do(func() { close(release) }) }
	t.Cleanup(open)
	base := serveWrapped(t, siteDir(t), func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.Path, "/chunks/editor-") {
				select {
				case <-release:
				case <-r.Context().Done():
					return
				}
			}
			h.ServeHTTP(w, r)
		})
	})
	p := newPage(t)
	p.open(base + "?notebook=testdata/basics.ipynb")
	p.waitIdle(kernelStart)

	// Just inside the left edge of the 7th character, `"`, so the caret goes before it.
	content := `document.querySelector('.cell[data-id="hello"] .cm-static .cm-content')`
	type point struct{ X, Y float64 }
	at := eval[point](p, `(() => {
		const walk = document.createTreeWalker(`+content+`.querySelector(".cm-line"), NodeFilter.SHOW_TEXT);
		let offset = 6;
		while (walk.nextNode() && walk.currentNode.length <= offset) offset -= walk.currentNode.length;
		const range = document.createRange();
		range.setStart(walk.currentNode, offset);
		range.setEnd(walk.currentNode, offset + 1);
		const r = range.getBoundingClientRect();
		return {X: r.left + 1, Y: r.top + r.height / 2};
	})()`)
	p.do("click at the 7th character", chromedp.MouseClickXY(at.X, at.Y))

	assert.True(t, eval[bool](p, `!!`+content), "the static view stays while the editor's code loads")
	assert.True(t, eval[bool](p, `document.activeElement === `+content), "the static view has the focus meanwhile")
	assert.Equal(t, "true", eval[string](p, content+`.getAttribute("aria-busy") ?? ""`), "the static view says it is busy")
	assert.False(t, eval[bool](p, `pushbookApp.views.get("hello").hasEditor`))

	p.do("type while the editor loads", chromedp.KeyEvent("Z"))
	assert.Equal(t, `print("hello from the kernel")`, eval[string](p, `pushbookApp.notebook.cell("hello").source`), "nothing typed into the static view")

	open()
	p.waitFor(`pushbookApp.views.get("hello").hasEditor`, "the editor once its code arrived", 5*time.Second)
	assert.True(t, eval[bool](p, `document.activeElement.matches('.cell[data-id="hello"] .cm-editor:not(.cm-static) .cm-content')`), "the editor has the focus")
	p.do("type in the editor", chromedp.KeyEvent("Y"))
	assert.Equal(t, `print(ZY"hello from the kernel")`, eval[string](p, `pushbookApp.notebook.cell("hello").source`), "Z, typed while the editor loaded, then Y went where the click was")
}
