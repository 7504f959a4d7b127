//go:build browser

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// axeSource is axe-core's script, from web/node_modules (npm ci --prefix web).
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "web", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core: %v (run npm ci --prefix web)", err)
	}
	return string(b)
}

// axeViolation is one rule axe-core found broken, with the elements that break it.
type axeViolation struct {
	ID      string     `json:"id"`
	Impact  string     `json:"impact"`
	Help    string     `json:"help"`
	Targets [][]string `json:"targets"`
	Summary []string   `json:"summary"`
}

// runAxe injects axe-core (with Runtime.evaluate, which the page's
// Content-Security-Policy does not govern) and returns the serious and critical
// violations on the page as it is.
func runAxe(t *testing.T, p *page, source string) []axeViolation {
	t.Helper()
	if !eval[bool](p, `typeof axe === "object"`) {
		eval[bool](p, source+"\n;true")
	}
	out := eval[string](p, `axe.run(document, { resultTypes: ["violations"] }).then(r => JSON.stringify(r.violations.map(v => ({
		id: v.id, impact: v.impact, help: v.help,
		targets: v.nodes.map(n => n.target.map(String)),
		summary: v.nodes.map(n => n.failureSummary || ""),
	}))))`)
	var all []axeViolation
	require.NoError(t, json.Unmarshal([]byte(out), &all))
	var bad []axeViolation
	for _, v := range all {
		if v.Impact == "serious" || v.Impact == "critical" {
			bad = append(bad, v)
		} else {
			t.Logf("axe (%s, not failing): %s: %s on %v", v.Impact, v.ID, v.Help, v.Targets)
		}
	}
	return bad
}

func describe(vs []axeViolation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "\n%s (%s): %s", v.ID, v.Impact, v.Help)
		for i, target := range v.Targets {
			fmt.Fprintf(&b, "\n  %s", strings.Join(target, " "))
			if i < len(v.Summary) && v.Summary[i] != "" {
				fmt.Fprintf(&b, "\n    %s", strings.ReplaceAll(v.Summary[i], "\n", "\n    "))
			}
		}
	}
	return b.String()
}

// TestAxeFindsNothingSeriousInEitherTheme runs every cell of the example
// notebooks and of a notebook with math and a traceback, then axe-core in the
// light and the dark theme: no violation of impact serious or critical.
func TestAxeFindsNothingSeriousInEitherTheme(t *testing.T) {
	source := axeSource(t)
	base := serve(t, siteDir(t))
	for _, nb := range []string{"examples/seed.ipynb", "examples/push-vs-pull.ipynb", "examples/building-blocks.ipynb", "examples/events.ipynb", "testdata/math.ipynb", "testdata/exercise.ipynb"} {
		t.Run(filepath.Base(nb), func(t *testing.T) {
			p := newPage(t)
			p.open(base + "?notebook=" + nb)
			p.waitIdle(kernelStart)
			p.click("#run-all")
			p.waitFor(`document.querySelector(".code-cell:last-of-type .in-prompt")?.textContent !== "In [ ]:"`, "Run all to reach the last cell", 60*time.Second)
			p.waitIdle(60 * time.Second)
			if strings.Contains(nb, "math") {
				p.waitFor(`document.querySelector(".markdown .katex")`, "the math typeset", 10*time.Second)
			}
			for _, scheme := range []string{"light", "dark"} {
				p.colorScheme(scheme)
				bad := runAxe(t, p, source)
				assert.Empty(t, bad, "axe-core in the %s theme of %s:%s", scheme, nb, describe(bad))
			}
			p.colorScheme("")
		})
	}
}

// problems records what a page logs as an error and the responses it gets
// with a status of 400 or more.
type problems struct {
	mu   sync.Mutex
	list []string
}

func watchProblems(t *testing.T, p *page) *problems {
	t.Helper()
	pr := &problems{}
	add := func(s string) {
		pr.mu.Lock()
		defer pr.mu.Unlock()
		pr.list = append(pr.list, s)
	}
	require.NoError(t, chromedp.Listen(p.ctx, func(ev any) {
		switch e := ev.(type) {
		case *network.EventResponseReceived:
			if e.Response.Status >= 400 {
				add(fmt.Sprintf("HTTP %d for %s", e.Response.Status, e.Response.URL))
			}
		case *runtime.EventExceptionThrown:
			desc := ""
			if e.ExceptionDetails.Exception != nil {
				desc = e.ExceptionDetails.Exception.Description
			}
			add("uncaught: " + e.ExceptionDetails.Text + " " + desc)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				add("console." + string(e.Type) + ": " + strings.Join(args, " "))
			}
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				add(fmt.Sprintf("log: %s (%s)", e.Entry.Text, e.Entry.URL))
			}
		}
	}))
	return pr
}

func (pr *problems) all() []string {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return append([]string(nil), pr.list...)
}

// TestThePageLoadsWithoutConsoleErrorsOr404s opens the page (the seed, run to
// the end) and a notebook with math, and checks that nothing was logged as an
// error and no request failed; the favicon is there in both forms.
func TestThePageLoadsWithoutConsoleErrorsOr404s(t *testing.T) {
	base := serve(t, siteDir(t))
	p := newPage(t)
	pr := watchProblems(t, p)
	p.open(base + "?run=all")
	p.waitIdle(60 * time.Second)
	p.waitFor(`document.querySelector(".code-cell:last-of-type .in-prompt")?.textContent !== "In [ ]:"`, "Run all to reach the last cell", 60*time.Second)
	p.waitIdle(60 * time.Second)
	p.open(base + "?notebook=testdata/math.ipynb")
	p.waitFor(`document.querySelector(".markdown .katex")`, "the math typeset", 15*time.Second)
	p.waitFor(`document.fonts.status === "loaded"`, "KaTeX's fonts", 10*time.Second)
	p.waitIdle(kernelStart)
	assert.Empty(t, pr.all(), "errors or failed requests while loading and running")

	icon := eval[string](p, `document.querySelector('link[rel="icon"]').href`)
	assert.Equal(t, base+"favicon.svg", icon)
	for file, want := range map[string]string{"favicon.svg": "image/svg+xml", "favicon.ico": "image/x-icon"} {
		got := eval[string](p, fmt.Sprintf(`fetch(%s).then(r => r.status + " " + r.headers.get("content-type"))`, jsString(base+file)))
		assert.Equal(t, "200 "+want, got, file)
	}
}

// TestMathIsTypesetAndKaTeXLoadsOnlyForNotebooksWithMath opens a notebook with
// math: its $...$ and $$...$$ become KaTeX (with MathML), escaped dollars and
// code stay as written, and KaTeX's fonts come from the site. A notebook
// without math never fetches the KaTeX chunk or stylesheet.
func TestMathIsTypesetAndKaTeXLoadsOnlyForNotebooksWithMath(t *testing.T) {
	base := serve(t, siteDir(t))
	katexRequests := `performance.getEntriesByType("resource").map(e => e.name).filter(n => /\/chunks\/math-[^/]*\.js$|\/katex\//.test(n))`

	plain := newPage(t)
	plain.open(base + "?notebook=testdata/basics.ipynb")
	plain.waitIdle(kernelStart)
	plain.waitEditorCode()
	plain.click("#run-all")
	plain.waitFor(`document.body.innerText.includes("line 499")`, "Run all's last output", 20*time.Second)
	assert.Empty(t, eval[[]string](plain, katexRequests), "a notebook without math loaded KaTeX")

	p := newPage(t)
	rl := watchRequests(t, p)
	p.open(base + "?notebook=testdata/math.ipynb")
	p.waitFor(`document.querySelectorAll(".markdown .math-typeset").length === 3`, "three pieces of math typeset", 15*time.Second)
	md := `document.querySelector('.cell[data-id="title"] .markdown.rendered')`
	assert.Equal(t, 2, eval[int](p, md+`.querySelectorAll(".math-inline .katex").length`))
	assert.Equal(t, 1, eval[int](p, md+`.querySelectorAll(".math-display .katex-display").length`))
	assert.Equal(t, 3, eval[int](p, md+`.querySelectorAll("math annotation[encoding='application/x-tex']").length`), "MathML for screen readers")
	assert.Equal(t, `\sigma^2 = \frac{1}{n}\sum_{i=1}^{n} (x_i - \bar x)^2`, eval[string](p, md+`.querySelector(".math-display annotation").textContent`))
	text := eval[string](p, md+`.innerText`)
	assert.Contains(t, text, "a price of $5 stays text")
	assert.Equal(t, "$x$", eval[string](p, md+`.querySelector("code").textContent`))
	// KaTeX lays the math out: a fraction has height, the fonts are KaTeX's own.
	assert.Greater(t, eval[float64](p, md+`.querySelector(".math-display .katex-html").getBoundingClientRect().height`), 30.0)
	p.waitFor(`document.fonts.check("16px KaTeX_Main")`, "KaTeX_Main loaded", 10*time.Second)
	loaded := eval[[]string](p, katexRequests)
	assert.NotEmpty(t, loaded)
	for _, u := range loaded {
		assert.True(t, strings.HasPrefix(u, base), "KaTeX from another site: %s", u)
	}
	assert.Empty(t, rl.violations(), "KaTeX broke the Content-Security-Policy")
}

// TestMathAndATracebackFitAPhone runs the math notebook to its traceback and
// checks that at 390 px the page does not scroll sideways; with
// PUSHBOOK_SHOTS=dir it saves screenshots at 1280 px in both themes and at 390 px.
func TestMathAndATracebackFitAPhone(t *testing.T) {
	base := serve(t, siteDir(t))
	p := newPage(t)
	p.open(base + "?notebook=testdata/math.ipynb&run=all")
	p.waitFor(`document.querySelector(".output-error")`, "the traceback", kernelStart+10*time.Second)
	p.waitIdle(10 * time.Second)
	p.waitFor(`document.querySelectorAll(".markdown .math-typeset").length === 3 && document.fonts.status === "loaded"`, "the math typeset", 10*time.Second)
	for _, w := range []int64{1280, 390} {
		p.viewport(w, 900)
		for _, scheme := range []string{"light", "dark"} {
			if w == 390 && scheme == "dark" {
				continue
			}
			p.colorScheme(scheme)
			time.Sleep(100 * time.Millisecond)
			p.screenshot(fmt.Sprintf("math-traceback-%d-%s.png", w, scheme))
		}
		assert.LessOrEqual(t, eval[int](p, `document.documentElement.scrollWidth`), int(w), "the page scrolls sideways at %d px", w)
	}
	p.viewport(1200, 900)
	p.colorScheme("")
}

// viewport emulates a window width wide and height high.
func (p *page) viewport(width, height int64) {
	p.tb.Helper()
	p.do("viewport", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: width, Height: height, DeviceScaleFactor: 1, Mobile: width < 600})
		return err
	}))
}
