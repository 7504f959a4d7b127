//go:build browser

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The exercise of testdata/exercise.ipynb: cell "filter" keeps the odd values of
// range(20); its check wants the even ones.
const (
	exerciseCell = `.cell[data-id="filter"]`
	feedback     = exerciseCell + ` .exercise-feedback`
	solutionLine = `received = [v for v in range(20) if v % 2 == 0]`
)

// verdict is what the exercise's feedback box says ("" while hidden).
func verdict(p *page) (string, string) {
	p.tb.Helper()
	v := eval[[]string](p, `(() => { const f = document.querySelector(`+jsString(feedback)+`); return f.hidden ? ["", ""] : [f.dataset.verdict, f.innerText]; })()`)
	return v[0], v[1]
}

// waitVerdict waits until the feedback box shows a verdict other than "checking".
func waitVerdict(p *page, want string) string {
	p.tb.Helper()
	p.waitFor(`(() => { const f = document.querySelector(`+jsString(feedback)+`); return !f.hidden && f.dataset.verdict === `+jsString(want)+`; })()`, "the check's verdict "+want, 20*time.Second)
	_, text := verdict(p)
	return text
}

func TestExerciseChecksHintsAndSolvedMarkSurvivesAReload(t *testing.T) {
	p := newPage(t)
	p.colorScheme("light")
	p.do("1280 px wide", chromedp.EmulateViewport(1280, 900))
	p.open(serve(t, siteDir(t)) + "?notebook=testdata/exercise.ipynb")
	p.waitIdle(kernelStart)
	p.waitEditorCode()

	// The header, and nothing hidden in the page.
	assert.Equal(t, "Exercise: Write a filter stage", eval[string](p, `document.querySelector('`+exerciseCell+` .exercise-title').textContent`))
	html := eval[string](p, `document.documentElement.outerHTML`)
	for _, hidden := range []string{"expected 10", "v % 2 == 0", "Compare `v % 2` with 0", "predicate returns True"} {
		assert.NotContains(t, html, hidden, "the check, the solution and the hints are not in the page until revealed")
	}
	assert.False(t, eval[bool](p, `!document.querySelector('`+exerciseCell+` .exercise-solved-mark').hidden`), "not solved yet")
	assert.Equal(t, "Check exercise: Write a filter stage", eval[string](p, `document.querySelector('`+exerciseCell+` .exercise-check').getAttribute("aria-label")`))
	assert.Equal(t, "polite", eval[string](p, `document.querySelector(`+jsString(feedback)+`).getAttribute("aria-live")`))

	// Check with the starting code: the message in plain words, no traceback.
	p.click(exerciseCell + ` .exercise-check`)
	text := waitVerdict(p, "wrong")
	assert.Contains(t, text, "the sink received 1 first; expected 0: is the filter inverted?")
	assert.Contains(t, text, "the sink received [1, 3, 5, 7] ...", "what the check prints is shown")
	assert.NotContains(t, text, "Traceback")
	assert.NotContains(t, text, "AssertionError")
	p.waitIdle(5 * time.Second)
	cell := p.cellText("filter")
	assert.Contains(t, cell, "10 values received", "the cell ran and shows its own output")
	assert.Equal(t, 1, strings.Count(cell, "the sink received [1, 3, 5, 7]"), "the check's outputs are in the feedback box only")
	assert.Equal(t, "In [1]:", p.cellPrompt("filter"), "the check took no execution number")
	assert.Empty(t, eval[[]any](p, `pushbookApp.notebook.cell("filter").outputs.filter(o => o.output_type === "error")`), "no check output among the cell's")

	p.screenshot("exercise-wrong-light.png")
	p.colorScheme("dark")
	p.screenshot("exercise-wrong-dark.png")
	p.colorScheme("light")

	// Hints, one at a time.
	hint := exerciseCell + ` .exercise-hint`
	shownHints := `document.querySelectorAll('` + exerciseCell + ` .exercise-hints li').length`
	assert.Equal(t, "Hint (1 of 3)", eval[string](p, `document.querySelector('`+hint+`').textContent`))
	assert.Equal(t, 0, eval[int](p, shownHints))
	assert.False(t, eval[bool](p, `!document.querySelector('`+exerciseCell+` .exercise-show-solution').hidden`), "no solution before the last hint")
	for i := 1; i <= 3; i++ {
		p.click(hint)
		assert.Equal(t, i, eval[int](p, shownHints), "hint %d revealed", i)
		if i < 3 {
			assert.Equal(t, fmt.Sprintf("Hint (%d of 3)", i+1), eval[string](p, `document.querySelector('`+hint+`').textContent`))
		}
	}
	assert.Contains(t, p.cellText("filter"), "Hint 3 of 3: Compare v % 2 with 0, not 1.")
	assert.Equal(t, "v % 2", eval[string](p, `document.querySelector('`+exerciseCell+` .exercise-hints li:nth-child(2) code').textContent`), "hints are inline Markdown")
	assert.True(t, eval[bool](p, `document.querySelector('`+hint+`').hidden`), "no more hints")
	assert.True(t, eval[bool](p, `!document.querySelector('`+exerciseCell+` .exercise-show-solution').hidden`), "Show solution after the last hint")
	p.screenshot("exercise-hints-light.png")

	// Type the solution into the editor, then Check.
	p.click(exerciseCell + ` .cm-content`)
	p.waitFor(`document.querySelector('`+exerciseCell+` .cm-editor:not(.cm-static)')`, "the editor", 5*time.Second)
	p.key("a", "KeyA", 65, 2, "") // Ctrl+A
	p.do("type the solution", chromedp.KeyEvent(solutionLine))
	p.waitFor(`pushbookApp.notebook.cell("filter").source === `+jsString(solutionLine), "the typed solution in the model", 5*time.Second)
	p.click(exerciseCell + ` .exercise-check`)
	text = waitVerdict(p, "solved")
	assert.Contains(t, text, "Solved")
	assert.Contains(t, text, "the sink received [0, 2, 4, 6] ...")
	assert.True(t, eval[bool](p, `!document.querySelector('`+exerciseCell+` .exercise-solved-mark').hidden`), "the solved mark")
	assert.True(t, eval[bool](p, `pushbookApp.notebook.cell("filter").metadata.pushbook.exercise.solved === true`))
	assert.Equal(t, "In [2]:", p.cellPrompt("filter"))

	// Shift+Enter in the editor runs the cell and checks it too.
	p.click(exerciseCell + ` .cm-content`)
	p.key("Enter", "Enter", 13, 8, "\r")
	p.waitFor(`document.querySelector('`+exerciseCell+` .in-prompt').textContent === "In [3]:"`, "Shift+Enter to run the cell", 10*time.Second)
	waitVerdict(p, "solved")
	p.screenshot("exercise-solved-light.png")

	p.colorScheme("dark")
	p.screenshot("exercise-solved-dark.png")
	p.do("390 px wide", chromedp.EmulateViewport(390, 844))
	p.screenshot("exercise-solved-dark-390.png")
	p.colorScheme("light")
	p.screenshot("exercise-solved-light-390.png")
	p.do("1280 px wide", chromedp.EmulateViewport(1280, 900))

	// The solved mark is saved with the notebook; the hints revealed are remembered for
	// the tab's session.
	p.waitFor(`document.querySelector("#save-state").textContent.startsWith("Saved in this browser")`, "the autosave", 5*time.Second)
	require.True(t, eval[bool](p, `pushbookApp.saveNow().then(() => true)`))
	p.reload()
	p.waitFor(`document.querySelector('`+exerciseCell+` .exercise-title')`, "the exercise after reload", 10*time.Second)
	assert.True(t, eval[bool](p, `!document.querySelector('`+exerciseCell+` .exercise-solved-mark').hidden`), "the solved mark survives a reload")
	assert.Equal(t, 3, eval[int](p, shownHints), "the hints revealed are remembered")
	assert.Equal(t, solutionLine, eval[string](p, `pushbookApp.notebook.cell("filter").source`))

	// Show solution reveals the reference solution.
	p.click(exerciseCell + ` .exercise-show-solution`)
	assert.Contains(t, p.cellText("filter"), "Reference solution\ndef is_wanted(v):\n    return v % 2 == 0")
	p.screenshot("exercise-solution-light.png")

	// The download carries the solved mark.
	file := downloadNotebook(p, "#download")
	assert.Contains(t, file.Text, `"solved": true`)
}

func TestExerciseWithMalformedMetadataSaysSo(t *testing.T) {
	p := newPage(t)
	p.open(serve(t, siteDir(t)) + "?notebook=testdata/exercise.ipynb")
	p.waitIdle(kernelStart)
	eval[chromedp.Void](p, `void pushbookApp.notebook.changeMetadata("filter", (m) => { m.pushbook.exercise.hints.push("4", "5"); return true; })`)
	_, text := verdict(p)
	assert.Contains(t, text, "This exercise cannot be checked")
	assert.Contains(t, text, "metadata.pushbook.exercise.hints: 5 hints; at most 3")
	assert.True(t, eval[bool](p, `document.querySelector('`+exerciseCell+` .exercise-check').hidden`), "no Check button")
}
