//go:build browser

package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Printing per event: a cell that prints 8,000 lines one print() at a time
// and a cell that prints the same lines in one print() (issue #14).
const (
	printLines    = 8000
	printPerLine  = `for i in range(8000): print("line", i)`
	printAllAtOne = `print("\n".join(["line " + str(i) for i in range(8000)]))`
)

// shownJS is a JavaScript function of a cell id that returns what the cell's
// first stream output shows: {lines, hidden, button, running}: the lines of
// text a user sees (not the show-all button's), the number of lines the
// show-all button says are hidden (0 without one), whether there is a button
// and whether the cell is still queued or running.
const shownJS = `(id) => {
	const cell = document.querySelector('.cell[data-id="' + id + '"]');
	const running = !cell || cell.matches(".running, .queued");
	const pre = cell?.querySelector(".output-stream pre");
	if (!pre) return {lines: [], hidden: 0, button: false, running};
	const walk = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT, {
		acceptNode: (n) => n.parentElement.closest("button") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
	});
	let text = "";
	for (let n; (n = walk.nextNode()); ) text += n.data;
	const lines = text.split("\n");
	if (lines[lines.length - 1] === "") lines.pop();
	const button = pre.querySelector(".show-all");
	const hidden = button ? Number((button.textContent.match(/\(([\d,]+) more lines\)/)?.[1] ?? "0").replace(/,/g, "")) : 0;
	return {lines, hidden, button: !!button, running};
}`

// complete is a JavaScript expression, true when shown (the value of shownJS)
// accounts for n lines "line 0" to "line n-1": the first and last shown, as
// many shown or hidden as printed, and the cell idle.
func completeJS(shown string, n int) string {
	return fmt.Sprintf(`((s) => !s.running && s.lines[0] === "line 0" && s.lines[s.lines.length - 1] === "line %d" && s.lines.length + s.hidden === %d)(%s)`, n-1, n, shown)
}

// printTimer is a JavaScript function of a cell id that runs the cell in
// place and resolves with the milliseconds from Run until the cell is idle
// and its output accounts for all printLines lines.
var printTimerJS = fmt.Sprintf(`(id) => new Promise((resolve, reject) => {
	const shown = %s;
	const t0 = performance.now();
	pushbookApp.runFrom(id, "stay");
	const limit = t0 + 120000;
	const poll = () => {
		const now = performance.now();
		if (%s) return resolve(now - t0);
		if (now > limit) return reject(new Error("the output never showed all lines: " + JSON.stringify(shown(id)).slice(0, 500)));
		setTimeout(poll, 1);
	};
	setTimeout(poll, 1);
})`, shownJS, completeJS("shown(id)", printLines))

type printShown struct {
	Lines   []string `json:"lines"`
	Hidden  int      `json:"hidden"`
	Button  bool     `json:"button"`
	Running bool     `json:"running"`
}

func TestEightThousandPrintsShowLikeOnePrint(t *testing.T) {
	p, _ := openBasics(t)
	perLine := p.appendCell(printPerLine)
	atOnce := p.appendCell(printAllAtOne)
	for _, id := range []string{perLine, atOnce} {
		p.runCell(id)
		p.waitIdle(60 * time.Second)
		p.waitFor(completeJS(fmt.Sprintf("(%s)(%s)", shownJS, jsString(id)), printLines), "all 8,000 lines in cell "+id, 5*time.Second)
	}
	shown := func(id string) printShown { return eval[printShown](p, fmt.Sprintf("(%s)(%s)", shownJS, jsString(id))) }
	loop, one := shown(perLine), shown(atOnce)
	require.True(t, loop.Button, "8,000 printed lines collapse behind show all; shown: %v", loop.Lines)
	assert.Equal(t, one, loop, "8,000 prints in a loop show as one print of the same lines does")
	for i, l := range loop.Lines[:10] {
		assert.Equal(t, fmt.Sprintf("line %d", i), l, "head line %d", i)
	}
	last := loop.Lines[len(loop.Lines)-1]
	assert.Equal(t, "line 7999", last, "the last line shown")
	outputs := eval[int](p, fmt.Sprintf(`pushbookApp.notebook.cell(%s).outputs.length`, jsString(perLine)))
	assert.Equal(t, 1, outputs, "the 8,000 prints merge into one stream output in the model")
	model := eval[bool](p, fmt.Sprintf(`pushbookApp.notebook.cell(%s).outputs[0].text === pushbookApp.notebook.cell(%s).outputs[0].text`, jsString(perLine), jsString(atOnce)))
	assert.True(t, model, "the model holds the same text for both cells")

	p.click(fmt.Sprintf(`.cell[data-id=%s] .show-all`, jsString(perLine)))
	all := shown(perLine)
	require.Len(t, all.Lines, printLines, "show all shows every line")
	assert.False(t, all.Button, "no show-all button once everything is shown")
	for i, l := range all.Lines {
		if l != fmt.Sprintf("line %d", i) {
			t.Fatalf("after show all, line %d is %q, want %q", i, l, fmt.Sprintf("line %d", i))
		}
	}
}
