//go:build browser

package e2e

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// workerProbe runs before the page's own scripts: it keeps every kernel worker the page
// creates in pushbookWorkers (the current one last), so a test can send the real worker
// a message it chokes on, and records in pushbookBanners each text the banner showed.
const workerProbe = `
(() => {
  const Base = window.Worker;
  window.pushbookWorkers = [];
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      window.pushbookWorkers.push(this);
    }
  };
  window.pushbookBanners = [];
  new MutationObserver(() => {
    const box = document.getElementById("banner");
    if (box && !box.hidden) window.pushbookBanners.push(document.getElementById("banner-text").textContent);
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();
`

// openProbed opens testdata/basics.ipynb from base with workerProbe installed and waits
// until the kernel is idle.
func openProbed(t *testing.T, base string) *page {
	t.Helper()
	p := newPage(t)
	_, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: workerProbe})
	require.NoError(t, err, "adding the worker probe")
	p.open(base + "?notebook=testdata/basics.ipynb")
	p.waitIdle(kernelStart)
	return p
}

// bannerShown says whether the banner is on screen.
func (p *page) bannerShown() bool {
	return eval[bool](p, `!document.querySelector("#banner").hidden`)
}

// slowLoop runs for seconds in Starlark steps, so the worker's event loop keeps getting
// in (and a message to the worker is handled while the cell runs).
const slowLoop = "n = 0\nfor i in range(30000000):\n    n += i\nprint(n)"

// The worker really dies while a cell runs and two cells wait: it gets a message it
// cannot handle (an uncaught RangeError: the page sees the worker's "error" event) or
// one it answers with "fatal" (what it also sends when the Go program crashes or exits).
func TestAWorkerThatDiesMidCellSaysWhatWasLostUnqueuesCellsAndStartsAFreshKernel(t *testing.T) {
	base := serve(t, siteDir(t))
	for _, tc := range []struct {
		name, message, reason string
	}{
		{"error event", `{type: "file", name: "bad.bin", data: -1}`, "the kernel's worker failed"},
		{"fatal message", `{type: "no such message"}`, "unknown message type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := openProbed(t, base)
			kept := p.appendCell("kept = 1\nprint('kept', kept)")
			first := p.appendCell(`print("first queued")`)
			second := p.appendCell(`print("second queued")`)
			for _, id := range []string{kept, first, second} {
				p.runCell(id)
			}
			p.waitIdle(5 * time.Second)
			require.Equal(t, []string{"In [2]:", "In [3]:"}, []string{p.cellPrompt(first), p.cellPrompt(second)}, "the queued cells' prompts before the crash")

			running := p.appendCell(slowLoop)
			for _, id := range []string{running, first, second} {
				p.runCell(id)
			}
			p.waitFor(`document.querySelector("#kernel-state").dataset.state === "busy"`, "the slow cell to start", 5*time.Second)
			require.True(t, eval[bool](p, fmt.Sprintf(`document.querySelectorAll(".cell.queued").length === 2 && pushbookWorkers.length === 1`)), "two cells queued behind the running one, one worker")
			time.Sleep(200 * time.Millisecond)
			eval[chromedp.Void](p, `void pushbookWorkers.at(-1).postMessage(`+tc.message+`)`)

			p.waitFor(`document.querySelector(".output-notice")`, "the notice that the kernel stopped", 5*time.Second)
			text := p.cellText(running)
			assert.Contains(t, text, "KernelStopped", "the running cell's error output")
			assert.Contains(t, text, tc.reason, "the running cell says why the kernel stopped")
			assert.Contains(t, text, "the variables defined so far are lost")
			assert.Contains(t, text, "All variables from this session are lost")
			assert.Equal(t, 0, eval[int](p, `document.querySelectorAll(".cell.queued, .cell.running").length`), "no cell is left queued or running:\n%s", p.visibleText())
			for id, prompt := range map[string]string{first: "In [2]:", second: "In [3]:"} {
				assert.Equal(t, prompt, p.cellPrompt(id), "a queued cell goes back to its previous prompt")
				assert.Contains(t, p.cellText(id), "Not run: the kernel stopped", "the notice under a queued cell")
			}

			p.waitIdle(kernelStart)
			p.waitFor(`document.querySelector("#banner").hidden`, "the banner to go once the new kernel is idle", 5*time.Second)
			banners := eval[[]string](p, `pushbookBanners`)
			require.NotEmpty(t, banners, "the banner never showed")
			assert.Contains(t, banners[len(banners)-1], "The kernel stopped: "+tc.reason)
			assert.Contains(t, banners[len(banners)-1], "All variables from this session are lost")
			assert.Equal(t, 2, eval[int](p, `pushbookWorkers.length`), "one fresh worker replaced the dead one")

			assertFreshSession(t, p)
		})
	}
}

// When the fresh worker cannot start either (worker.js is gone from the server), the
// banner says to press Restart; once the file is back, Restart brings a kernel up and
// the banner goes.
func TestRestartClearsTheKernelStoppedBanner(t *testing.T) {
	var broken atomic.Bool
	base := serveWrapped(t, siteDir(t), func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if broken.Load() && r.URL.Path == "/worker.js" {
				http.NotFound(w, r)
				return
			}
			h.ServeHTTP(w, r)
		})
	})
	p := openProbed(t, base)
	broken.Store(true)
	eval[chromedp.Void](p, `void pushbookWorkers.at(-1).postMessage({type: "no such message"})`)
	p.waitFor(`document.querySelector("#kernel-state").dataset.state === "dead"`, "the kernel to be shown stopped", 10*time.Second)
	require.True(t, p.bannerShown(), "the banner while the kernel is down")
	assert.Contains(t, eval[string](p, `document.querySelector("#banner-text").textContent`), "Press Restart")

	broken.Store(false)
	p.click("#restart")
	p.waitIdle(kernelStart)
	p.waitFor(`document.querySelector("#banner").hidden`, "the banner to go after Restart", 5*time.Second)
	after := p.appendCell("x = 1\nprint(x)")
	p.runCell(after)
	p.waitIdle(5 * time.Second)
	assert.Contains(t, p.cellText(after), "1")
}
