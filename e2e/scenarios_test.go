//go:build browser

package e2e

import (
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kernelStart bounds how long the real kernel may take to load.
const kernelStart = 20 * time.Second

// openBasics opens testdata/basics.ipynb in a fresh tab and waits for the
// kernel and the editor's code, so a click or a key makes an editor at once.
func openBasics(t *testing.T) (*page, string) {
	t.Helper()
	p := newPage(t)
	base := serve(t, siteDir(t))
	p.open(base + "?notebook=testdata/basics.ipynb")
	p.waitIdle(kernelStart)
	p.waitEditorCode()
	return p, base
}

func TestMarkdownIsRenderedWithRawHTMLShownAsText(t *testing.T) {
	p, _ := openBasics(t)
	html := eval[string](p, `document.querySelector(".markdown.rendered").innerHTML`)
	assert.Contains(t, html, "<strong>push</strong>", "Markdown emphasis is rendered")
	assert.Contains(t, html, "&lt;b&gt;HTML&lt;/b&gt;", "raw HTML is escaped")
	assert.False(t, eval[bool](p, `!!document.querySelector(".markdown.rendered img, .markdown.rendered b")`), "raw HTML made elements: %s", html)
	assert.Contains(t, p.visibleText(), "Raw <b>HTML</b> and <img")
	assert.NotEqual(t, "pwned", eval[string](p, `document.title`))

	// Double-click edits the Markdown source; Shift+Enter renders it again.
	p.do("double-click the Markdown", chromedp.DoubleClick(chromedp.CSS(`.cell[data-id="intro"] .markdown.rendered`), chromedp.NodeVisible))
	p.waitFor(`document.querySelector('.cell[data-id="intro"] .cm-content')?.textContent.includes("# Basics")`, "the Markdown source in an editor", 5*time.Second)
	p.do("type", chromedp.KeyEvent(" *more*"))
	p.key("Enter", "Enter", 13, 8, "\r")
	p.waitFor(`document.querySelector('.cell[data-id="intro"] .markdown.rendered em')?.textContent === "more"`, "the edited Markdown rendered", 5*time.Second)
}

func TestRunAllShowsEveryCellsOutputInOrder(t *testing.T) {
	p, _ := openBasics(t)
	p.click("#run-all")
	p.waitFor(`document.body.innerText.includes("line 499")`, "the last cell's output", 20*time.Second)
	p.waitIdle(10 * time.Second)
	prompts := eval[[]string](p, `[...document.querySelectorAll(".code-cell .in-prompt")].map(e => e.textContent)`)
	assert.Equal(t, []string{"In [1]:", "In [2]:", "In [3]:"}, prompts)
	text := p.visibleText()
	assert.Contains(t, text, "hello from the kernel")
	assert.Regexp(t, `(?m)^Out\s*\[2\]:\s*42$|42`, text)
	assert.Less(t, strings.Index(text, "hello from the kernel"), strings.Index(text, "line 0"))
}

func TestSyntaxErrorShowsItsLineAndColumn(t *testing.T) {
	p, _ := openBasics(t)
	src := "total = 0\nfor i in range(3):\n    total += i\nprint(total +)"
	badLine := "print(total +)"
	wantCol := strings.Index(badLine, ")") + 1
	id := p.appendCell(src)
	p.runCell(id)
	p.waitIdle(10 * time.Second)

	text := p.cellText(id)
	assert.Contains(t, text, "SyntaxError")
	assert.Regexp(t, `line 4\b`, text, "the error names line 4")
	// The caret under the source line points at the column.
	ls := lines(text)
	caretCol := -1
	for i := 1; i < len(ls); i++ {
		if strings.TrimSpace(ls[i]) == "^" && strings.TrimSpace(ls[i-1]) == badLine {
			caretCol = strings.Index(ls[i], "^") - strings.Index(ls[i-1], badLine) + 1
		}
	}
	assert.Equal(t, wantCol, caretCol, "caret column under %q in:\n%s", badLine, text)
	// The editor that marks the line may wait for its code to load.
	markedLine := fmt.Sprintf(`document.querySelector('.cell[data-id=%s] .cm-error-line')?.textContent ?? ""`, jsString(id))
	p.waitFor(markedLine+` !== ""`, "the editor to mark the failing line", 5*time.Second)
	assert.Equal(t, badLine, eval[string](p, markedLine), "the editor marks the failing line")
}

func TestStopEndsAnEndlessLoopWithinOneSecondAndKeepsTheSession(t *testing.T) {
	p, _ := openBasics(t)
	before := p.appendCell("n = 41")
	p.runCell(before)
	p.waitIdle(5 * time.Second)
	loop := p.appendCell("while True: pass")
	p.runCell(loop)
	p.waitFor(`document.querySelector("#kernel-state").dataset.state === "busy"`, "the loop to start", 5*time.Second)
	time.Sleep(300 * time.Millisecond)
	start := time.Now()
	p.click("#stop")
	took, err := p.waitUntil(`document.querySelector("#kernel-state").dataset.state === "idle" && !document.querySelector(".cell.running")`, 5*time.Second)
	require.NoError(t, err, "the kernel never became idle after Stop")
	t.Logf("Stop took %v (click to idle), %v including the click", took, time.Since(start))
	assert.Less(t, took, time.Second, "Stop must end the loop within 1 s")
	assert.False(t, eval[bool](p, `!!document.querySelector(".output-notice")`), "a loop that yields must not cost the session")
	assert.Contains(t, p.cellText(loop), "KeyboardInterrupt")

	next := p.appendCell(`print("after stop", n + 1)`)
	p.runCell(next)
	p.waitIdle(5 * time.Second)
	assert.Contains(t, p.cellText(next), "after stop 42", "the next cell runs and sees the session's variables")
	assert.Equal(t, "In [3]:", p.cellPrompt(next))
}

// deafWorker runs before the page's scripts and makes the kernel's worker
// deaf to Stop: every "interrupt" message the page posts to it is dropped. That
// is what a kernel stuck where no checkpoint reaches looks like to the page,
// now that every loop the kernel runs for a cell reaches one.
const deafWorker = `
(() => {
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (msg, ...rest) {
    if (msg && msg.type === "interrupt") return;
    return post.call(this, msg, ...rest);
  };
})();
`

// stuckCell runs for many seconds in Starlark steps.
const stuckCell = "n = 0\nfor i in range(100000000):\n    n += i"

func TestStopReplacesAKernelStuckInABuiltinAndSaysVariablesWereLost(t *testing.T) {
	base := serve(t, siteDir(t))
	p := newPage(t)
	_, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: deafWorker})
	require.NoError(t, err, "making the worker deaf to Stop")
	p.open(base + "?notebook=testdata/basics.ipynb")
	p.waitIdle(kernelStart)
	keep := p.appendCell("kept = 1\nprint('kept', kept)")
	p.runCell(keep)
	p.waitIdle(5 * time.Second)
	stuck := p.appendCell(stuckCell)
	p.runCell(stuck)
	p.waitFor(`document.querySelector("#kernel-state").dataset.state === "busy"`, "the cell to start", 5*time.Second)
	time.Sleep(200 * time.Millisecond)
	p.click("#stop")
	took, err := p.waitUntil(`document.querySelector(".output-notice")`, 5*time.Second)
	require.NoError(t, err, "no notice that the kernel was replaced")
	t.Logf("the page replaced the stuck kernel %v after Stop", took)
	assert.Contains(t, p.cellText(stuck), "All variables from this session are lost")
	assert.Contains(t, eval[string](p, `document.querySelector("#banner-text").textContent`), "variables from this session are lost")
	p.waitIdle(kernelStart)
	assertFreshSession(t, p)
}

// assertFreshSession checks that the page's kernel is a new session: a new
// cell runs and counts from 1, and kept, defined in the old one, is gone.
func assertFreshSession(t *testing.T, p *page) {
	t.Helper()
	after := p.appendCell(`print("back")`)
	p.runCell(after)
	p.waitIdle(5 * time.Second)
	assert.Contains(t, p.cellText(after), "back")
	assert.Equal(t, "In [1]:", p.cellPrompt(after), "the new session counts from 1")
	gone := p.appendCell("kept")
	p.runCell(gone)
	p.waitIdle(5 * time.Second)
	assert.Contains(t, p.cellText(gone), "NameError", "the old session's variables are gone")
}

func TestEditsSurviveAReloadAndResetRestoresTheOriginal(t *testing.T) {
	p, _ := openBasics(t)
	p.click(`.cell[data-id="hello"] .cm-content`)
	p.do("type an edit", chromedp.KeyEvent("\n# edited by hand"))
	p.waitFor(`document.querySelector("#save-state").textContent.startsWith("Saved in this browser")`, "the autosave", 5*time.Second)
	p.do("reload", chromedp.Reload())
	p.waitFor(`document.readyState === "complete" && document.querySelector(".cell")`, "the page after reload", 15*time.Second)
	assert.Contains(t, p.cellText("hello"), "# edited by hand", "the edit survives the reload")
	assert.Contains(t, p.visibleText(), "Restored your edits")

	eval[chromedp.Void](p, `void (window.confirm = () => true)`)
	p.click("#reset")
	p.waitFor(`!document.querySelector('.cell[data-id="hello"]').innerText.includes("edited by hand")`, "the original after Reset", 5*time.Second)
}

func TestShareLinkOpensTheSameNotebookInANewTab(t *testing.T) {
	p, _ := openBasics(t)
	eval[chromedp.Void](p, `void pushbookApp.notebook.setSource("hello", 'print("shared ✓")')`)
	p.click("#share")
	p.waitFor(`document.querySelector("#share-dialog").open && document.querySelector("#share-link").value`, "the share dialog", 5*time.Second)
	link := eval[string](p, `document.querySelector("#share-link").value`)
	require.Regexp(t, `#nb=[A-Za-z0-9_-]+$`, link)
	sources := eval[[]string](p, `pushbookApp.notebook.cells.map(c => c.source)`)

	other := newPage(t) // another browser context: nothing saved there
	other.open(link)
	assert.Equal(t, "shared.ipynb", eval[string](other, `document.querySelector("#nb-name").textContent`))
	assert.Equal(t, sources, eval[[]string](other, `pushbookApp.notebook.cells.map(c => c.source)`))
	other.waitIdle(kernelStart)
	other.runCell("hello")
	other.waitIdle(5 * time.Second)
	assert.Contains(t, other.cellText("hello"), "shared ✓")
}

func TestLongOutputCollapsesAndShowAllExpandsIt(t *testing.T) {
	p, _ := openBasics(t)
	p.runCell("long")
	p.waitIdle(10 * time.Second)
	p.waitFor(`document.querySelector('.cell[data-id="long"] .show-all')`, "the show-all button", 5*time.Second)
	count := `document.querySelector('.cell[data-id="long"] .cell-outputs').innerText.split("\n").filter(l => l.startsWith("line ")).length`
	before := eval[int](p, count)
	p.click(`.cell[data-id="long"] .show-all`)
	after := eval[int](p, count)
	assert.Less(t, before, 120, "collapsed output shows only some lines")
	assert.Equal(t, 500, after, "show all shows every line")
}

func TestShiftEnterRunsTheCellAndMovesOnAndEscBInsertsBelow(t *testing.T) {
	p, _ := openBasics(t)
	p.click(`.cell[data-id="answer"] .cm-content`)
	p.key("Enter", "Enter", 13, 8, "\r")
	p.waitFor(`document.querySelector('.cell[data-id="answer"]').innerText.includes("42")`, "the output of Shift+Enter", 5*time.Second)
	assert.Equal(t, "long", eval[string](p, `pushbookApp.selected`), "Shift+Enter selects the next cell")
	assert.True(t, eval[bool](p, `document.querySelector('.cell[data-id="long"]').contains(document.activeElement)`), "the next cell's editor has the focus")

	n := eval[int](p, `pushbookApp.notebook.cells.length`)
	p.key("Escape", "Escape", 27, 0, "")
	p.key("b", "KeyB", 66, 0, "b")
	assert.Equal(t, n+1, eval[int](p, `pushbookApp.notebook.cells.length`), "Esc then B inserts a cell")
	assert.Equal(t, "long", eval[string](p, `pushbookApp.notebook.cells[pushbookApp.notebook.indexOf(pushbookApp.selected) - 1].id`), "the new cell is below")
}

func TestColorSchemeFollowsPrefersColorScheme(t *testing.T) {
	p := newPage(t)
	base := serve(t, siteDir(t))
	target := base + "?notebook=testdata/basics.ipynb&run=all"
	if hasSeed() {
		target = base + "?run=all"
	}
	background := map[string]float64{}
	for _, scheme := range []string{"light", "dark"} {
		p.colorScheme(scheme)
		p.open(target)
		p.waitIdle(kernelStart)
		p.waitFor(`!document.querySelector(".cell.queued, .cell.running") && document.querySelectorAll(".output").length > 0`, "Run all", 20*time.Second)
		p.waitIdle(20 * time.Second)
		bg := eval[string](p, `getComputedStyle(document.body).backgroundColor`)
		background[scheme] = luminance(t, bg)
		p.screenshot(scheme + ".png")
	}
	p.colorScheme("")
	assert.Greater(t, background["light"], 0.8, "light page background")
	assert.Less(t, background["dark"], 0.2, "dark page background")
}

// luminance is the relative luminance (0 black, 1 white) of a CSS rgb() colour.
func luminance(t *testing.T, css string) float64 {
	t.Helper()
	m := regexp.MustCompile(`rgba?\((\d+), (\d+), (\d+)`).FindStringSubmatch(css)
	require.NotNil(t, m, "colour %q", css)
	var sum float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.Atoi(m[i+1])
		c := float64(v) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		sum += w * c
	}
	return sum
}

func TestWithoutTheKernelThePageSaysSoAndStillEdits(t *testing.T) {
	bare := t.TempDir()
	copyTree(t, siteDir(t), bare, "main.wasm")
	p := newPage(t)
	base := serve(t, bare)
	p.open(base + "?notebook=testdata/basics.ipynb")
	p.waitFor(`document.querySelector("#kernel-state").dataset.state === "unavailable"`, "the unavailable state", 10*time.Second)
	banner := eval[string](p, `document.querySelector("#banner-text").textContent`)
	assert.Regexp(t, `Kernel unavailable: .*main\.wasm: HTTP 404.*cells cannot run`, banner)
	assert.True(t, eval[bool](p, `document.querySelector("#run").disabled`), "Run is disabled")
	p.screenshot("unavailable.png")
	p.runCell("hello")
	assert.Contains(t, p.cellText("hello"), "kernel is unavailable")

	p.click(`.cell[data-id="hello"] .cm-content`)
	p.do("type", chromedp.KeyEvent("\n# still editable"))
	assert.Contains(t, p.cellText("hello"), "# still editable")
}

// Our server sends Chromium main.wasm.br (make site writes it) as main.wasm
// with Content-Encoding: br, and the kernel compiles from it and runs a cell.
func TestKernelLoadsFromTheBrotliMainWasm(t *testing.T) {
	dir := siteDir(t)
	_, err := os.Stat(filepath.Join(dir, "main.wasm.br"))
	require.NoError(t, err, "the site has no main.wasm.br: run make site")
	var mu sync.Mutex
	var encodings []string
	base := serveWrapped(t, dir, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h.ServeHTTP(w, r)
			if r.URL.Path == "/main.wasm" {
				mu.Lock()
				encodings = append(encodings, w.Header().Get("Content-Encoding"))
				mu.Unlock()
			}
		})
	})
	p := newPage(t)
	p.open(base)
	p.waitIdle(kernelStart)
	id := p.appendCell(`print("compiled from brotli")`)
	p.runCell(id)
	p.waitIdle(5 * time.Second)
	assert.Contains(t, p.cellText(id), "compiled from brotli")
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{"br"}, encodings, "Content-Encoding of each main.wasm response")
}

func TestKernelLoadsWhenTheServerSendsWasmWithTheWrongMIMEType(t *testing.T) {
	dir := siteDir(t)
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/octet-stream")
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	p := newPage(t)
	p.open(srv.URL + "/")
	p.waitIdle(kernelStart)
	id := p.appendCell(`print("compiled from bytes")`)
	p.runCell(id)
	p.waitIdle(5 * time.Second)
	assert.Contains(t, p.cellText(id), "compiled from bytes")
}
