//go:build browser

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// protocolProbe runs before the page's own scripts: it logs the executes the page posts
// to a kernel worker and the dones the worker answers, in pushbookProtocol, and sets
// pushbookOverlap when an execute is posted while another has no done yet. The page
// keeps the one queue of cells; a worker must never be sent a second cell to hold.
const protocolProbe = `
(() => {
  const Base = window.Worker;
  window.pushbookProtocol = [];
  window.pushbookOverlap = false;
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      let inFlight = null;
      this.addEventListener("message", (e) => {
        if (e.data?.type !== "done") return;
        window.pushbookProtocol.push("done " + e.data.id);
        if (e.data.id === inFlight) inFlight = null;
      });
      const post = this.postMessage.bind(this);
      this.postMessage = (msg, ...rest) => {
        if (msg?.type === "execute") {
          if (inFlight !== null) window.pushbookOverlap = true;
          inFlight = msg.id;
          window.pushbookProtocol.push("execute " + msg.id);
        }
        return post(msg, ...rest);
      };
    }
  };
})();
`

// openWithProtocolProbe opens testdata/basics.ipynb with protocolProbe installed and
// waits until the kernel is idle.
func openWithProtocolProbe(t *testing.T) *page {
	t.Helper()
	base := serve(t, siteDir(t))
	p := newPage(t)
	_, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: protocolProbe})
	require.NoError(t, err, "adding the protocol probe")
	p.open(base + "?notebook=testdata/basics.ipynb")
	p.waitIdle(kernelStart)
	return p
}

// assertOneCellAtATime checks that the page has sent the worker cells executes, each
// after the previous one's done.
func assertOneCellAtATime(t *testing.T, p *page, cells int) {
	t.Helper()
	log := eval[[]string](p, `pushbookProtocol`)
	assert.False(t, eval[bool](p, `pushbookOverlap`), "an execute was sent while another cell ran: %v", log)
	executes := 0
	for _, l := range log {
		if strings.HasPrefix(l, "execute ") {
			executes++
		}
	}
	assert.Equal(t, cells, executes, "executes sent: %v", log)
}

// Cells run while another runs wait in the page's queue with In [*]; the kernel is sent
// each only after the previous one's reply; a failing cell drops the rest, as Jupyter does.
func TestQueuedCellsShowAStarAndAFailedCellDropsTheRest(t *testing.T) {
	p := openWithProtocolProbe(t)
	slow := p.appendCell("n = 0\nfor i in range(1000000):\n    n += i\nprint('slow done')")
	fails := p.appendCell("print('fails')\n1 // 0")
	after := p.appendCell(`print("after ran")`)
	for _, id := range []string{slow, fails, after} {
		p.runCell(id)
	}
	require.Equal(t, []string{"In [*]:", "In [*]:", "In [*]:"}, []string{p.cellPrompt(slow), p.cellPrompt(fails), p.cellPrompt(after)}, "running and queued cells show In [*]")
	assert.Equal(t, 2, eval[int](p, `document.querySelectorAll(".cell.queued").length`), "two cells queued behind the running one")
	assert.Equal(t, 1, eval[int](p, `pushbookProtocol.filter(l => l.startsWith("execute")).length`), "the kernel was sent only the running cell")

	p.waitIdle(20 * time.Second)
	assert.Contains(t, p.cellText(slow), "slow done")
	assert.Equal(t, "In [1]:", p.cellPrompt(slow))
	assert.Contains(t, p.cellText(fails), "ZeroDivisionError")
	assert.Equal(t, "In [2]:", p.cellPrompt(fails))
	assert.Equal(t, 0, cellOutputs(p, after), "the cell after the failed one did not run")
	assert.Equal(t, "In [ ]:", p.cellPrompt(after), "the dropped cell is back to its previous prompt")
	assertOneCellAtATime(t, p, 2)

	// Once idle, it runs on its own, in the same session.
	p.runCell(after)
	p.waitIdle(5 * time.Second)
	assert.Contains(t, p.cellText(after), "after ran")
	assert.Equal(t, "In [3]:", p.cellPrompt(after))
	assertOneCellAtATime(t, p, 3)
}

// Stop stops the running cell and clears the page's queue: the queued cells go back to
// their prompts, never reach the kernel, and the session lives on.
func TestStopClearsTheQueueAndTheQueuedCellsNeverReachTheKernel(t *testing.T) {
	p := openWithProtocolProbe(t)
	loop := p.appendCell("x = 1\nwhile True: pass")
	queued := []string{p.appendCell(`print("first queued ran")`), p.appendCell(`print("second queued ran")`)}
	p.runCell(loop)
	for _, id := range queued {
		p.runCell(id)
	}
	p.waitFor(`document.querySelector("#kernel-state").dataset.state === "busy"`, "the loop to start", 5*time.Second)
	require.Equal(t, 2, eval[int](p, `document.querySelectorAll(".cell.queued").length`))
	time.Sleep(200 * time.Millisecond)
	p.click("#stop")
	_, err := p.waitUntil(`document.querySelector("#kernel-state").dataset.state === "idle" && !document.querySelector(".cell.running, .cell.queued")`, 5*time.Second)
	require.NoError(t, err, "the kernel never became idle after Stop")
	assert.Contains(t, p.cellText(loop), "KeyboardInterrupt")
	for _, id := range queued {
		assert.Equal(t, "In [ ]:", p.cellPrompt(id), "a queued cell goes back to its prompt")
		assert.Equal(t, 0, cellOutputs(p, id), "a queued cell did not run")
	}
	time.Sleep(300 * time.Millisecond) // nothing more is sent after Stop
	assertOneCellAtATime(t, p, 1)

	next := p.appendCell(`print("x is", x)`)
	p.runCell(next)
	p.waitIdle(5 * time.Second)
	assert.Contains(t, p.cellText(next), "x is 1", "the session lives on after Stop")
	assert.Equal(t, "In [2]:", p.cellPrompt(next))
	assertOneCellAtATime(t, p, 2)
}

// cellOutputs is how many outputs the cell with id has in the notebook.
func cellOutputs(p *page, id string) int {
	p.tb.Helper()
	return eval[int](p, fmt.Sprintf(`pushbookApp.notebook.cell(%s).outputs.length`, jsString(id)))
}
