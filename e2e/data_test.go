//go:build browser

package e2e

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readingsJSONL is a data file the tests add to the page.
const readingsJSONL = `{"x": 1, "tag": "first"}
{"x": 2, "tag": "second", "extra": {"deep": true}}
`

// dataFilesShown lists the names in the page's "Data files" area, or nil when
// the area is hidden.
func dataFilesShown(p *page) []string {
	return eval[[]string](p, `document.querySelector("#data-files").hidden ? [] : [...document.querySelectorAll("#data-files-list code")].map(e => e.textContent)`)
}

// runAndRead runs a new cell with source and returns its visible text.
func runAndRead(p *page, source string) string {
	p.tb.Helper()
	id := p.appendCell(source)
	p.runCell(id)
	p.waitIdle(10 * time.Second)
	return p.cellText(id)
}

func TestAFileAddedOrDroppedIsReadByCellsAndSurvivesARestart(t *testing.T) {
	p, base := openBasics(t)
	path := filepath.Join(t.TempDir(), "d.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(readingsJSONL), 0o644))

	// "Add data file…" opens the hidden file input; a user picks d.jsonl.
	assert.Equal(t, "Add data file…", eval[string](p, `document.querySelector("#add-data").textContent`))
	p.do("pick d.jsonl", chromedp.SetUploadFiles(chromedp.CSS("#data-input"), []string{path}))
	p.waitFor(`!document.querySelector("#data-files").hidden`, "the Data files area", 5*time.Second)
	assert.Equal(t, []string{"d.jsonl"}, dataFilesShown(p))
	assert.Equal(t, "Data files", eval[string](p, `document.querySelector("#data-files h2").textContent`))

	text := runAndRead(p, "from files import read_events\n"+`for e in read_events("d.jsonl"):`+"\n"+`    print(e["x"], e["tag"])`)
	assert.Contains(t, text, "1 first\n2 second", "the cell prints the file's events")

	// A file dropped on the page (not a notebook) is added the same way.
	eval[chromedp.Void](p, `void (() => {
		const dt = new DataTransfer();
		dt.items.add(new File(["a,b\n1,x\n2,y\n"], "dropped.csv", { type: "text/csv" }));
		document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
	})()`)
	p.waitFor(`[...document.querySelectorAll("#data-files-list code")].some(e => e.textContent === "dropped.csv")`, "dropped.csv in the list", 5*time.Second)
	assert.Equal(t, []string{"d.jsonl", "dropped.csv"}, dataFilesShown(p))
	assert.Equal(t, "basics.ipynb", eval[string](p, `document.querySelector("#nb-name").textContent`), "a data file does not replace the notebook")
	assert.Contains(t, runAndRead(p, "from files import read_events\n"+`print(read_events("dropped.csv"))`), `[{'a': 1, 'b': 'x'}, {'a': 2, 'b': 'y'}]`)

	// Restart: the session's variables go, the files stay.
	restart(p)
	p.waitIdle(10 * time.Second)
	assert.Contains(t, runAndRead(p, "from files import read_events\n"+`print(len(read_events("d.jsonl")), "events after restart")`), "2 events after restart")

	// Remove: the cell now looks for it next to the notebook, and says where it looked.
	p.click(`#data-files button[aria-label="Remove data file d.jsonl"]`)
	assert.Equal(t, []string{"dropped.csv"}, dataFilesShown(p))
	text = runAndRead(p, "from files import read_events\n"+`read_events("d.jsonl")`)
	assert.Contains(t, text, "FileNotFoundError")
	assert.Contains(t, text, "no file d.jsonl (looked among dropped files and at "+base+"testdata/d.jsonl)")
}

func TestANotebookReadsTheDataFileBesideIt(t *testing.T) {
	p := newPage(t)
	base := serve(t, siteDir(t))
	p.open(base + "?notebook=testdata/data/readings.ipynb&run=all")
	p.waitIdle(kernelStart)
	p.waitFor(`document.querySelector('.cell[data-id="absolute"] .output-error')`, "the last cell's error", 20*time.Second)
	p.waitIdle(10 * time.Second)

	assert.Contains(t, p.cellText("read"), "12 events from s00 to s11")
	assert.Contains(t, p.cellText("table"), "pos.x", "read_table flattens the nested keys")
	assert.Contains(t, p.cellText("missing"),
		"no file missing.jsonl (looked among dropped files and at "+base+"testdata/data/missing.jsonl)")
	absolute := p.cellText("absolute")
	assert.Contains(t, absolute, "an absolute URL is not allowed")
	assert.Contains(t, absolute, "relative path")
}

// restart presses Restart, confirms it (cells ran, so the page asks) and
// waits for the fresh session.
func restart(p *page) {
	p.tb.Helper()
	eval[chromedp.Void](p, `void (document.querySelector("#toast") && (document.querySelector("#toast").hidden = true))`)
	p.click("#restart")
	p.waitFor(`document.querySelector("#confirm-dialog")?.open`, "the question before a restart", 5*time.Second)
	p.click("#confirm-ok")
	p.waitFor(`!document.querySelector("#toast").hidden && document.querySelector("#toast").textContent.startsWith("Kernel restarted")`, "the restart", 10*time.Second)
	p.waitIdle(10 * time.Second)
}

// captureDownloads makes the page's download links hand their file to the
// test instead of the browser's download manager: each click on an <a
// download> records {name, text} in window.savedFiles.
func captureDownloads(p *page) {
	eval[chromedp.Void](p, `void (() => {
		window.savedFiles = [];
		const click = HTMLAnchorElement.prototype.click;
		HTMLAnchorElement.prototype.click = function () {
			if (!this.download) return click.call(this);
			const name = this.download;
			fetch(this.href).then(r => r.text()).then(text => window.savedFiles.push({ name, text }));
		};
	})()`)
}

type savedFile struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

func TestTableDownloadButtonsSaveTheWholeTableByMouseAndKeyboard(t *testing.T) {
	p, _ := openBasics(t)
	captureDownloads(p)
	id := p.appendCell("from tables import table\n" + `table([{"n": i, "name": "row %d" % i, "pos": {"x": i * 0.5}} for i in range(60)])`)
	p.runCell(id)
	p.waitIdle(10 * time.Second)
	cell := fmt.Sprintf(`.cell[data-id=%s]`, jsString(id))
	labels := eval[[]string](p, `[...document.querySelectorAll('`+cell+` .table-actions button')].map(b => b.textContent)`)
	require.Equal(t, []string{"Download CSV", "Download JSON Lines"}, labels, "two labelled buttons above the table")
	table := eval[string](p, `document.querySelector('`+cell+` [data-pushbook-table]')?.getAttribute("data-pushbook-table") ?? ""`)
	require.Regexp(t, `^\d+$`, table, "the sanitizer keeps data-pushbook-table")

	p.click(cell + ` .table-download[data-format="csv"]`)
	p.waitFor(`window.savedFiles.length === 1`, "the CSV download", 5*time.Second)
	files := eval[[]savedFile](p, `window.savedFiles`)
	assert.Equal(t, "table-"+table+".csv", files[0].Name)
	csv := strings.ReplaceAll(files[0].Text, "\r\n", "\n")
	assert.True(t, strings.HasPrefix(csv, "n,name,pos.x\n0,row 0,0\n"), "CSV starts with the header and row 0:\n%.80s", csv)
	assert.Equal(t, 61, strings.Count(csv, "\n"), "the header and all 60 rows, not only the rows shown")

	// Keyboard: Tab reaches the JSON Lines button; Enter presses it.
	p.do("focus Download JSON Lines", chromedp.Focus(chromedp.CSS(cell+` .table-download[data-format="jsonl"]`)))
	p.key("Enter", "Enter", 13, 0, "\r")
	p.waitFor(`window.savedFiles.length === 2`, "the JSON Lines download", 5*time.Second)
	files = eval[[]savedFile](p, `window.savedFiles`)
	assert.Equal(t, "table-"+table+".jsonl", files[1].Name)
	assert.Regexp(t, regexp.MustCompile(`^\{"n":0,"name":"row 0","pos\.x":0(\.0)?\}\n`), files[1].Text)
	assert.Equal(t, 60, strings.Count(files[1].Text, "\n"))

	// After a restart the table is gone from the kernel: the button says so.
	restart(p)
	p.click(cell + ` .table-download[data-format="csv"]`)
	p.waitFor(`document.querySelector('`+cell+` .table-actions-status').textContent !== ""`, "the button's message", 5*time.Second)
	msg := eval[string](p, `document.querySelector('`+cell+` .table-actions-status').textContent`)
	assert.Contains(t, msg, "run its cell again")
	assert.Len(t, eval[[]savedFile](p, `window.savedFiles`), 2, "nothing saved for a table the kernel no longer has")
}

func TestPipelineGraphIsReadableInTheDarkTheme(t *testing.T) {
	dir := siteDir(t)
	requireSeed(t, dir)
	p := newPage(t)
	p.colorScheme("dark")
	t.Cleanup(func() { p.colorScheme("") })
	runSeed(t, p, serve(t, dir))
	// The In [206] pipeline's graph, as Run all drew it (a later cell rebinds pipeline
	// to a fresh one, to trace a value through it).
	id := eval[string](p, `document.querySelector(".output-svg .stage-stopped").closest(".cell").dataset.id`)
	pic := fmt.Sprintf(`.cell[data-id=%s] svg.pushbook-picture`, jsString(id))
	p.waitFor(`document.querySelector('`+pic+`')`, "the pipeline graph", 5*time.Second)

	ink := luminance(t, eval[string](p, `getComputedStyle(document.querySelector('`+pic+`')).color`))
	page := luminance(t, eval[string](p, `getComputedStyle(document.body).backgroundColor`))
	assert.Greater(t, ink, 0.6, "the graph's lines and text are light on the dark page")
	assert.Less(t, page, 0.2)
	// Each stage's name, as drawn (its opacity applied), against its box over the cell.
	seen := 0
	for _, state := range []string{"open", "stopped", "closed"} {
		stage := `document.querySelector('.cell[data-id=` + jsString(id) + `] .stage-` + state + `')`
		if !eval[bool](p, `!!`+stage) {
			continue
		}
		seen++
		c := eval[stageColours](p, `(() => {
			const g = `+stage+`, box = getComputedStyle(g.querySelector("rect")), name = getComputedStyle(g.querySelector("text"));
			return { fill: box.fill, fillOpacity: +box.fillOpacity, text: name.color, textOpacity: +name.opacity,
				background: getComputedStyle(g.closest(".cell")).backgroundColor };
		})()`)
		box := blend(t, c.Fill, c.FillOpacity, c.Background)
		text := blend(t, c.Text, c.TextOpacity, box)
		ratio := contrast(luminance(t, text), luminance(t, box))
		t.Logf("stage-%s: name %s on box %s: contrast %.1f:1", state, text, box, ratio)
		assert.GreaterOrEqual(t, ratio, 4.5, "stage-%s name readable on its box in the dark theme", state)
	}
	assert.GreaterOrEqual(t, seen, 2, "the seed's pipeline has stopped and closed stages")
	assert.True(t, eval[bool](p, `document.documentElement.scrollWidth <= document.documentElement.clientWidth`), "the page does not scroll sideways")

	shot := os.Getenv("PUSHBOOK_SHOTS")
	if shot == "" {
		shot = t.TempDir()
	}
	require.NoError(t, os.MkdirAll(shot, 0o755))
	eval[chromedp.Void](p, `void document.querySelector('`+pic+`').scrollIntoView({block: "center"})`)
	png, err := chromedp.Run(p.ctx, chromedp.Screenshot(chromedp.CSS(fmt.Sprintf(`.cell[data-id=%s] .cell-outputs`, jsString(id)))))
	require.NoError(t, err, "screenshot of the graph")
	file := filepath.Join(shot, "pipeline-dark.png")
	require.NoError(t, os.WriteFile(file, png, 0o644))
	t.Logf("dark-theme pipeline graph: %s", file)
}

type stageColours struct {
	Fill        string  `json:"fill"`
	FillOpacity float64 `json:"fillOpacity"`
	Text        string  `json:"text"`
	TextOpacity float64 `json:"textOpacity"`
	Background  string  `json:"background"`
}

// blend paints the CSS colour fg at opacity over bg and returns the result as rgb().
func blend(t *testing.T, fg string, opacity float64, bg string) string {
	t.Helper()
	f, b := rgb(t, fg), rgb(t, bg)
	var out [3]int
	for i := range out {
		out[i] = int(math.Round(f[i]*opacity + b[i]*(1-opacity)))
	}
	return fmt.Sprintf("rgb(%d, %d, %d)", out[0], out[1], out[2])
}

func rgb(t *testing.T, css string) [3]float64 {
	t.Helper()
	m := regexp.MustCompile(`rgba?\((\d+), (\d+), (\d+)`).FindStringSubmatch(css)
	require.NotNil(t, m, "colour %q", css)
	var c [3]float64
	for i := range c {
		v, err := strconv.Atoi(m[i+1])
		require.NoError(t, err)
		c[i] = float64(v)
	}
	return c
}

// contrast is the WCAG contrast ratio of two relative luminances.
func contrast(a, b float64) float64 {
	return (math.Max(a, b) + 0.05) / (math.Min(a, b) + 0.05)
}
